//! `tolk status`: coverage per locale and section, as a table, JSON or an HTML dashboard.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Result;

use tolk::Site;
use tolk::report;

use crate::args::StatusFormat;
use crate::output::{out, out_json, terminal_width};

/// Prints the coverage of `site` (of one locale with `locale`) in `format`.
pub(crate) fn status(site: &Site, format: StatusFormat, locale: Option<&str>) -> Result<ExitCode> {
    let only = match locale {
        Some(l) => match site.config.resolve_locale(l) {
            Some((l, _)) if l.code == site.config.source_locale => anyhow::bail!(
                "`{}` is the source locale; `tolk status` shows the target locales",
                l.code
            ),
            Some((l, _)) => Some(l.code.clone()),
            None => anyhow::bail!("`{l}` is not a locale of this site"),
        },
        None => None,
    };
    // The dashboard shows diffs and findings; the table and JSON only states and counts.
    let mut analysis = match format {
        StatusFormat::Html => tolk::analyse(site),
        StatusFormat::Json | StatusFormat::Text => tolk::coverage(site),
    };
    if let Some(only) = &only {
        analysis.summary.retain(|code, _| code == only);
        analysis.sections.retain(|code, _| code == only);
        analysis.pairs.retain(|p| &p.locale == only);
        analysis
            .findings
            .retain(|f| f.locale.as_ref().is_none_or(|l| l == only));
    }
    match format {
        StatusFormat::Json => out_json(&report::json::status(&analysis))?,
        StatusFormat::Html => {
            let name = site
                .root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "site".into());
            // SOURCE_DATE_EPOCH fixes the time, for reproducible output.
            let generated = std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|s| s.trim().parse::<u64>().ok())
                .unwrap_or_else(|| {
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs())
                });
            let commit = tolk::ObjectStore::open(&site.root)
                .object("HEAD")
                .ok()
                .flatten()
                .map(|o| o.id.chars().take(7).collect());
            let meta = report::dashboard::Meta {
                name,
                generated,
                commit,
            };
            out(&report::dashboard::render(site, &analysis, &meta))?;
        }
        StatusFormat::Text => {
            let bars = std::io::stdout().is_terminal();
            let pages = site.source_pages().count();
            out(&report::status::table(
                &analysis,
                pages,
                bars,
                terminal_width(),
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
