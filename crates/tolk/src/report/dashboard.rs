//! `tolk status --format html`: the translation dashboard, one self-contained HTML page (no
//! network) with coverage per locale and section and the work to do per locale and state:
//! page titles, words to translate, the commands to run, and word-level diffs in place.

use std::collections::HashMap;

use serde::Serialize;

use super::diff::{self, Mark, Piece, Row};
use super::text::block_lines;
use crate::analyse::staleness::block_diff::{BlockChange, BlockKind, blocks};
use crate::analyse::{Analysis, Counts, PairState, State};
use crate::model::{Page, Site};

const TEMPLATE: &str = include_str!("dashboard.html");

/// When and from what the dashboard was made.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// The site's name (its base URL's host is preferred where configured).
    pub name: String,
    /// When it was made, seconds since 1970 (UTC).
    pub generated: u64,
    /// The commit it was made from (a short id), if the site is in git.
    pub commit: Option<String>,
}

#[derive(Serialize)]
struct Segment {
    state: &'static str,
    count: usize,
    width: String,
}

#[derive(Serialize)]
struct SectionView {
    name: String,
    values: Vec<usize>,
    percent: u32,
    segments: Vec<Segment>,
}

#[derive(Serialize)]
struct LocaleView {
    code: String,
    name: String,
    percent: u32,
    segments: Vec<Segment>,
    counts: Vec<Segment>,
    sections: Vec<SectionView>,
}

#[derive(Serialize)]
struct DiffRow {
    class: &'static str,
    pieces: Vec<Piece>,
}

/// One step of what to do: a command (its words, a flag and its value kept together) or words.
#[derive(Serialize)]
struct Step {
    command: bool,
    words: Vec<Word>,
}

/// A word of a command; a flag (with its value) must not be broken across lines.
#[derive(Serialize, Debug, PartialEq)]
struct Word {
    text: String,
    flag: bool,
}

#[derive(Serialize)]
struct WorkItem {
    path: String,
    title: String,
    words: Option<usize>,
    source_path: Option<String>,
    steps: Vec<Step>,
    change: Option<String>,
    blocks: Vec<String>,
    diff: Vec<DiffRow>,
    diff_unavailable: Option<String>,
}

#[derive(Serialize)]
struct WorkGroup {
    state: &'static str,
    words: usize,
    items: Vec<WorkItem>,
}

#[derive(Serialize)]
struct WorkLocale {
    code: String,
    name: String,
    pages: usize,
    words: usize,
    groups: Vec<WorkGroup>,
}

/// The order work is listed in, per locale.
const WORK_STATES: [State; 6] = [
    State::Stale,
    State::Untranslated,
    State::Missing,
    State::Unverified,
    State::Draft,
    State::Orphaned,
];

fn segments(counts: &Counts) -> Vec<Segment> {
    let total = (counts.pages + counts.orphaned).max(1) as f64;
    [
        ("up-to-date", counts.up_to_date),
        ("stale", counts.stale),
        ("untranslated", counts.untranslated),
        ("unverified", counts.unverified),
        ("draft", counts.draft),
        ("missing", counts.missing),
        ("orphaned", counts.orphaned),
    ]
    .into_iter()
    .map(|(state, count)| Segment {
        state,
        count,
        width: format!("{:.2}", count as f64 * 100.0 / total),
    })
    .collect()
}

fn percent(counts: &Counts) -> u32 {
    (counts.coverage() * 100.0).round() as u32
}

fn command(words: &[&str]) -> Step {
    let mut out: Vec<Word> = Vec::new();
    let mut takes_value = false;
    for word in words {
        // A flag's value stays on the flag's line.
        if takes_value && let Some(last) = out.last_mut() {
            last.text.push(' ');
            last.text.push_str(word);
            takes_value = false;
            continue;
        }
        takes_value = *word == "--locale";
        out.push(Word {
            text: (*word).to_string(),
            flag: word.starts_with('-'),
        });
    }
    Step {
        command: true,
        words: out,
    }
}

fn words(text: &str) -> Step {
    Step {
        command: false,
        words: vec![Word {
            text: text.to_string(),
            flag: false,
        }],
    }
}

fn steps(pair: &PairState) -> Vec<Step> {
    let path = pair.path.as_str();
    match pair.state {
        State::Missing => vec![command(&[
            "tolk",
            "new",
            pair.source_path.as_deref().unwrap_or(&pair.key),
            "--locale",
            &pair.locale,
        ])],
        State::Stale => vec![
            command(&["tolk", "diff", path, "--side-by-side"]),
            words("update the translation, then"),
            command(&["tolk", "mark", path]),
        ],
        State::Unverified => vec![
            words("compare it with the source, then"),
            command(&["tolk", "mark", path]),
        ],
        State::Draft => vec![
            words("finish it, remove draft: true, then"),
            command(&["tolk", "mark", path]),
        ],
        State::Orphaned => vec![words(&format!("remove {path} or fix its translation_key"))],
        State::Untranslated => vec![
            words("translate it (its text is still the source's), then"),
            command(&["tolk", "mark", path]),
        ],
        State::UpToDate => Vec::new(),
    }
}

fn diff_rows(unified: &str) -> Vec<DiffRow> {
    diff::rows(unified)
        .into_iter()
        .map(|row| {
            let (class, pieces) = match row {
                Row::Header(text) => ("file", same(text)),
                Row::Hunk(text) => ("hunk", same(text)),
                Row::Context(text) => ("ctx", same(text)),
                Row::Changed(pieces) => {
                    let all = |m: Mark| pieces.iter().all(|p| p.mark == m);
                    let class = if all(Mark::Added) {
                        "add"
                    } else if all(Mark::Removed) {
                        "del"
                    } else {
                        "chg"
                    };
                    (class, pieces)
                }
            };
            DiffRow { class, pieces }
        })
        .collect()
}

fn same(text: String) -> Vec<Piece> {
    vec![Piece {
        mark: Mark::Same,
        text,
    }]
}

/// Words a translator translates in `blocks` of a page: the body's text (code excluded) and
/// the title, ingress and description.
fn block_words<'a>(
    blocks: impl Iterator<Item = &'a crate::analyse::staleness::block_diff::Block>,
) -> usize {
    blocks
        .filter(|b| match &b.kind {
            BlockKind::Field(name) => matches!(name.as_str(), "title" | "ingress" | "description"),
            BlockKind::CodeBlock | BlockKind::Rule => false,
            _ => true,
        })
        .map(|b| b.text.split_whitespace().count())
        .sum()
}

/// Words to translate for a pair: the whole source page, or for a stale translation the
/// source blocks that changed or were added.
fn words_to_translate(
    source: Option<&Page>,
    pair: &PairState,
    pages: &mut HashMap<String, usize>,
) -> Option<usize> {
    let source = source?;
    match pair.state {
        State::Stale => {
            let report = pair.blocks.as_ref()?;
            let starts: Vec<usize> = report
                .blocks
                .iter()
                .filter(|b| b.change != BlockChange::Removed)
                .filter_map(|b| b.source_lines.map(|r| r.0))
                .collect();
            let all = blocks(source.text());
            Some(block_words(
                all.iter().filter(|b| starts.contains(&b.start)),
            ))
        }
        // Counted once per page, however many locales lack it.
        State::Missing | State::Unverified | State::Draft | State::Untranslated => Some(
            *pages
                .entry(source.path.clone())
                .or_insert_with(|| block_words(blocks(source.text()).iter())),
        ),
        State::Orphaned | State::UpToDate => None,
    }
}

fn item(site: &Site, pair: &PairState, pages: &mut HashMap<String, usize>) -> WorkItem {
    let source = site.source_page(&pair.key);
    let translation = site
        .page(&pair.locale, &pair.key)
        .filter(|_| pair.state != State::Missing);
    let title = translation
        .or(source)
        .map(|p| p.title().to_string())
        .unwrap_or_else(|| pair.key.clone());
    WorkItem {
        path: pair.path.clone(),
        title,
        words: words_to_translate(source, pair, pages),
        source_path: pair.source_path.clone(),
        steps: steps(pair),
        change: pair
            .blocks
            .as_ref()
            .map(|b| format!("{:?}", b.change).to_lowercase()),
        blocks: pair
            .blocks
            .as_ref()
            .map(|b| block_lines(&b.blocks))
            .unwrap_or_default(),
        diff: pair.diff.as_deref().map(diff_rows).unwrap_or_default(),
        diff_unavailable: pair.diff_unavailable.clone(),
    }
}

fn work(site: &Site, analysis: &Analysis) -> Vec<WorkLocale> {
    let mut pages = HashMap::new();
    super::ordered(&analysis.locales, &analysis.summary)
        .into_iter()
        .map(|(code, _)| {
            let groups: Vec<WorkGroup> = WORK_STATES
                .into_iter()
                .map(|state| {
                    let items: Vec<WorkItem> = analysis
                        .pairs
                        .iter()
                        .filter(|p| p.locale == code && p.state == state)
                        .map(|p| item(site, p, &mut pages))
                        .collect();
                    WorkGroup {
                        state: state.code(),
                        words: items.iter().filter_map(|i| i.words).sum(),
                        items,
                    }
                })
                .filter(|g| !g.items.is_empty())
                .collect();
            WorkLocale {
                code: code.to_string(),
                name: locale_name(site, code),
                pages: groups.iter().map(|g| g.items.len()).sum(),
                words: groups.iter().map(|g| g.words).sum(),
                groups,
            }
        })
        .filter(|l| !l.groups.is_empty())
        .collect()
}

fn locale_name(site: &Site, code: &str) -> String {
    site.config
        .locale(code)
        .map(|l| l.name.clone())
        .unwrap_or_else(|| code.to_string())
}

/// A column header from a state's code: `up-to-date` → `Up to date`.
fn header(code: &str) -> String {
    let text = code.replace('-', " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// `secs` since 1970 as `YYYY-MM-DD HH:MM UTC`.
pub fn utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rest = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rest / 3_600,
        rest % 3_600 / 60
    )
}

#[derive(Serialize)]
struct Context<'a> {
    site_name: String,
    generated: String,
    commit: Option<String>,
    source_locale: &'a str,
    source_pages: usize,
    columns: Vec<String>,
    locales: Vec<LocaleView>,
    work: Vec<WorkLocale>,
}

/// The dashboard page of `site` for `analysis` (a full one, with diffs).
pub fn render(site: &Site, analysis: &Analysis, meta: &Meta) -> String {
    let locales: Vec<LocaleView> = super::ordered(&analysis.locales, &analysis.summary)
        .into_iter()
        .map(|(code, counts)| LocaleView {
            code: code.to_string(),
            name: locale_name(site, code),
            percent: percent(counts),
            segments: segments(counts),
            counts: segments(counts)
                .into_iter()
                .filter(|s| s.count > 0)
                .collect(),
            sections: analysis
                .sections
                .get(code)
                .map(|sections| {
                    sections
                        .iter()
                        .map(|(name, c)| SectionView {
                            name: name.clone(),
                            values: super::COLUMNS.iter().map(|(_, get)| get(c)).collect(),
                            percent: percent(c),
                            segments: segments(c),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    let site_name = site
        .config
        .base_url
        .as_deref()
        .map(|u| {
            u.trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_end_matches('/')
        })
        .unwrap_or(&meta.name)
        .to_string();
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    let context = Context {
        site_name,
        generated: utc(meta.generated),
        commit: meta.commit.clone(),
        source_locale: &analysis.source_locale,
        source_pages: site.source_pages().count(),
        columns: super::COLUMNS
            .iter()
            .map(|(code, _)| header(code))
            .collect(),
        locales,
        work: work(site, analysis),
    };
    let context = minijinja::Value::from(minijinja::value::Serde(context));
    match env.render_str(TEMPLATE, context) {
        Ok(html) => html,
        // The template is part of the binary and its context is plain data.
        Err(e) => unreachable!("dashboard template failed: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_utc() {
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc(1_767_268_800), "2026-01-01 12:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00 UTC");
    }

    #[test]
    fn a_flag_keeps_its_value() {
        let step = command(&["tolk", "new", "content/nb/a.md", "--locale", "nn"]);
        let words: Vec<(&str, bool)> = step
            .words
            .iter()
            .map(|w| (w.text.as_str(), w.flag))
            .collect();
        assert_eq!(
            words,
            [
                ("tolk", false),
                ("new", false),
                ("content/nb/a.md", false),
                ("--locale nn", true)
            ]
        );
    }
}
