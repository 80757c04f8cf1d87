//! When each page last changed, for "Last updated" and the sitemap's `<lastmod>`.
//!
//! First that applies: a `lastmod:` front-matter date (`2025-03-01`); the date of the last
//! commit that touched the file (one `git log` for the whole site, never one per page); the
//! file's modification time. With `SOURCE_DATE_EPOCH` set (reproducible builds, tests), no
//! date is later than it.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::model::{Page, Site};

/// A calendar date (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i64,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

impl Date {
    /// The date of a Unix timestamp (seconds), in UTC.
    pub fn from_unix(seconds: i64) -> Date {
        // Howard Hinnant's days-to-civil algorithm.
        let z = seconds.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date { year, month, day }
    }

    /// Parses `YYYY-MM-DD` (anything after the day, like a time, is ignored).
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let year = text.get(0..4)?.parse().ok()?;
        let month = text.get(5..7)?.parse().ok()?;
        let day = text.get(8..10)?.parse().ok()?;
        let seps = text.get(4..5)? == "-" && text.get(7..8)? == "-";
        (seps && (1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// ISO 8601: `2025-03-01`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Last-change dates of a site's pages, by page path.
#[derive(Debug, Clone, Default)]
pub struct Dates {
    by_path: BTreeMap<String, Date>,
    /// Commit times by path, kept so that [`Dates::date_of`] needs no second `git log`.
    commits: BTreeMap<String, i64>,
    clamp: Option<i64>,
}

impl Dates {
    /// Collects the dates of every page of `site`.
    pub fn collect(site: &Site) -> Dates {
        let commits = git_dates(&site.root, &site.config.content_dir);
        let clamp = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok());
        // A page's date may need its front matter read: on every core.
        let dates: Vec<(String, Date)> = site
            .pages
            .par_iter()
            .filter_map(|page| {
                page_date(site, page, &commits, clamp).map(|date| (page.path.clone(), date))
            })
            .collect();
        let mut by_path = BTreeMap::new();
        for (path, date) in dates {
            by_path.insert(path, date);
        }
        Dates {
            by_path,
            commits,
            clamp,
        }
    }

    /// The date of `page` as [`Dates::collect`] would find it now, from the commit times it
    /// read (no second `git log`): for `tolk serve`, after the page changed on disk.
    pub fn date_of(&self, site: &Site, page: &Page) -> Option<Date> {
        page_date(site, page, &self.commits, self.clamp)
    }

    /// Sets (or, with `None`, forgets) the date of the page at `path`.
    pub fn set(&mut self, path: &str, date: Option<Date>) {
        match date {
            Some(date) => self.by_path.insert(path.to_string(), date),
            None => self.by_path.remove(path),
        };
    }

    /// The date of the page at `path` (relative to the root).
    pub fn get(&self, path: &str) -> Option<Date> {
        self.by_path.get(path).copied()
    }
}

fn page_date(
    site: &Site,
    page: &Page,
    commits: &BTreeMap<String, i64>,
    clamp: Option<i64>,
) -> Option<Date> {
    if let Some(serde_yaml::Value::String(text)) = page.front_data().get("lastmod")
        && let Some(date) = Date::parse(text)
    {
        return Some(date);
    }
    let seconds = match commits.get(&page.path) {
        Some(&seconds) => seconds,
        None => {
            let modified = std::fs::metadata(site.root.join(&page.path))
                .and_then(|m| m.modified())
                .ok()?;
            let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
            i64::try_from(since.as_secs()).ok()?
        }
    };
    let seconds = clamp.map_or(seconds, |c| seconds.min(c));
    Some(Date::from_unix(seconds))
}

/// Commit time of the last commit that touched each file below `content_dir`, by path relative
/// to `root`; empty when `root` is not in a git repository or git is missing.
fn git_dates(root: &Path, content_dir: &Path) -> BTreeMap<String, i64> {
    let output = crate::git::command(root)
        .args([
            "-c",
            "core.quotepath=off",
            "log",
            "--format=%x01%ct",
            "--name-only",
            "--relative",
            "--no-renames",
            "--",
        ])
        .arg(content_dir)
        .stderr(std::process::Stdio::null())
        .output();
    let mut dates = BTreeMap::new();
    let Ok(output) = output else {
        return dates;
    };
    if !output.status.success() {
        return dates;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut current = None;
    for line in text.lines() {
        if let Some(stamp) = line.strip_prefix('\u{1}') {
            current = stamp.trim().parse::<i64>().ok();
        } else if !line.is_empty()
            && let Some(seconds) = current
        {
            // Newest commits come first: the first date seen for a file is its last change.
            dates.entry(line.to_string()).or_insert(seconds);
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_to_civil() {
        assert_eq!(Date::from_unix(0).iso(), "1970-01-01");
        assert_eq!(Date::from_unix(1_767_268_800).iso(), "2026-01-01");
        assert_eq!(Date::from_unix(951_782_400).iso(), "2000-02-29");
    }

    #[test]
    fn parses_front_matter_dates() {
        assert_eq!(
            Date::parse("2025-03-01").map(|d| d.iso()),
            Some("2025-03-01".into())
        );
        assert_eq!(Date::parse("2025-03-01T10:00:00Z").map(|d| d.day), Some(1));
        assert_eq!(Date::parse("1. mars"), None);
    }
}
