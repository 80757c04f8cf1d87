//! `tolk status --format html`: the translation dashboard, one self-contained HTML page (no
//! network) with coverage per locale and section and the work to do, diffs collapsible in place.

use serde::Serialize;

use crate::analyse::{Analysis, Counts, PairState, State};
use crate::config::Config;

use super::text::block_lines;

const TEMPLATE: &str = include_str!("dashboard.html");

#[derive(Serialize)]
struct Segment {
    state: &'static str,
    count: usize,
    width: String,
}

#[derive(Serialize)]
struct SectionView {
    name: String,
    pages: usize,
    up_to_date: usize,
    stale: usize,
    unverified: usize,
    missing: usize,
    draft: usize,
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
struct DiffLine {
    class: &'static str,
    text: String,
}

#[derive(Serialize)]
struct WorkItem {
    path: String,
    locale: String,
    source_path: Option<String>,
    fix: String,
    change: Option<String>,
    blocks: Vec<String>,
    diff: Vec<DiffLine>,
    diff_unavailable: Option<String>,
}

#[derive(Serialize)]
struct WorkGroup {
    state: &'static str,
    items: Vec<WorkItem>,
}

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

fn fix(pair: &PairState) -> String {
    match pair.state {
        State::Missing => format!(
            "tolk new {} --locale {}",
            pair.source_path.as_deref().unwrap_or(&pair.key),
            pair.locale
        ),
        State::Stale => format!(
            "tolk diff {}; update it; tolk mark {}",
            pair.path, pair.path
        ),
        State::Unverified => format!("compare with the source; tolk mark {}", pair.path),
        State::Draft => format!("finish it, remove draft: true; tolk mark {}", pair.path),
        State::Orphaned => format!("remove {} or fix its translation_key", pair.path),
        State::Untranslated => format!("translate it; tolk mark {}", pair.path),
        State::UpToDate => String::new(),
    }
}

fn diff_lines(diff: &str) -> Vec<DiffLine> {
    diff.lines()
        .map(|line| DiffLine {
            class: if line.starts_with("@@") {
                "hunk"
            } else if line.starts_with('+') && !line.starts_with("+++") {
                "add"
            } else if line.starts_with('-') && !line.starts_with("---") {
                "del"
            } else {
                ""
            },
            text: line.to_string(),
        })
        .collect()
}

fn work(analysis: &Analysis) -> Vec<WorkGroup> {
    [
        State::Stale,
        State::Untranslated,
        State::Missing,
        State::Unverified,
        State::Draft,
        State::Orphaned,
    ]
    .into_iter()
    .map(|state| WorkGroup {
        state: state.code(),
        items: analysis
            .pairs
            .iter()
            .filter(|p| p.state == state)
            .map(|p| WorkItem {
                path: p.path.clone(),
                locale: p.locale.clone(),
                source_path: p.source_path.clone(),
                fix: fix(p),
                change: p
                    .blocks
                    .as_ref()
                    .map(|b| format!("{:?}", b.change).to_lowercase()),
                blocks: p
                    .blocks
                    .as_ref()
                    .map(|b| block_lines(&b.blocks))
                    .unwrap_or_default(),
                diff: p.diff.as_deref().map(diff_lines).unwrap_or_default(),
                diff_unavailable: p.diff_unavailable.clone(),
            })
            .collect(),
    })
    .filter(|g| !g.items.is_empty())
    .collect()
}

#[derive(Serialize)]
struct Context<'a> {
    site_name: String,
    source_locale: &'a str,
    source_pages: usize,
    locales: Vec<LocaleView>,
    work: Vec<WorkGroup>,
}

/// The dashboard page of the site called `name` (its base URL is preferred where configured).
pub fn render(analysis: &Analysis, config: &Config, name: &str, source_pages: usize) -> String {
    let locales: Vec<LocaleView> = analysis
        .summary
        .iter()
        .map(|(code, counts)| LocaleView {
            code: code.clone(),
            name: config
                .locale(code)
                .map(|l| l.name.clone())
                .unwrap_or_else(|| code.clone()),
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
                            pages: c.pages,
                            up_to_date: c.up_to_date,
                            stale: c.stale,
                            unverified: c.unverified,
                            missing: c.missing,
                            draft: c.draft,
                            percent: percent(c),
                            segments: segments(c),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    let site_name = config
        .base_url
        .as_deref()
        .map(|u| {
            u.trim_start_matches("https://")
                .trim_start_matches("http://")
        })
        .unwrap_or(name)
        .to_string();
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    let context = Context {
        site_name,
        source_locale: &analysis.source_locale,
        source_pages,
        locales,
        work: work(analysis),
    };
    let context = minijinja::Value::from(minijinja::value::Serde(context));
    match env.render_str(TEMPLATE, context) {
        Ok(html) => html,
        // The template is part of the binary and its context is plain data.
        Err(e) => unreachable!("dashboard template failed: {e}"),
    }
}
