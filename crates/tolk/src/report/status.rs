//! `tolk status`: a coverage table per locale, then per section, with bars on a terminal, fitted
//! to the terminal's width: bars shrink, then go; columns no row uses go; names are shortened.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use crate::analyse::{Analysis, Counts};

use super::{COLUMNS, Count, style};

const BAR_WIDTH: usize = 20;
/// Bars narrower than this say too little to be worth their room.
const MIN_BAR: usize = 6;
/// Names (sections) are shortened down to this many columns at most.
const MIN_NAME: usize = 10;

/// The status table. `bars` draws coverage bars (on a terminal); every line fits in `width`
/// columns where that is at all possible.
pub fn table(analysis: &Analysis, source_pages: usize, bars: bool, width: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (source: {}, {})\n",
        style::paint(style::STRONG, "Translation status"),
        analysis.source_locale,
        plural(source_pages, "page")
    );
    let rows: Vec<(String, &Counts)> = super::ordered(&analysis.locales, &analysis.summary)
        .into_iter()
        .map(|(locale, counts)| (locale.to_string(), counts))
        .collect();
    write_table(&mut out, "locale", &rows, bars, width);
    for (locale, sections) in super::ordered(&analysis.locales, &analysis.sections) {
        let _ = writeln!(
            out,
            "\n{}",
            style::paint(style::STRONG, &format!("{locale} by section"))
        );
        let rows: Vec<(String, &Counts)> = sections.iter().map(|(s, c)| (s.clone(), c)).collect();
        write_table(&mut out, "section", &rows, bars, width);
    }
    out
}

/// `n word` or `n words`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// How a table is laid out to fit.
struct Layout {
    columns: Vec<(&'static str, Count, usize)>,
    dropped: Vec<&'static str>,
    gap: usize,
    name: usize,
    bar: usize,
}

/// "  " + name, then each column after a gap, then the gap and "100%" (with a bar before it).
fn line_width(layout: &Layout, with_bar: usize) -> usize {
    let columns: usize = layout.columns.iter().map(|c| layout.gap + c.2).sum();
    let coverage = if with_bar > 0 { with_bar + 1 + 4 } else { 8 };
    2 + layout.name + columns + layout.gap + coverage.max("coverage".len())
}

fn layout(first: &str, rows: &[(String, &Counts)], bars: bool, width: usize) -> Layout {
    let mut layout = Layout {
        columns: COLUMNS
            .into_iter()
            .map(|(head, get)| {
                let digits = rows
                    .iter()
                    .map(|(_, c)| get(c).to_string().len())
                    .max()
                    .unwrap_or(1);
                (head, get, head.len().max(digits))
            })
            .collect(),
        dropped: Vec::new(),
        gap: 2,
        name: rows
            .iter()
            .map(|(name, _)| name.width())
            .chain([first.len()])
            .max()
            .unwrap_or(0),
        bar: 0,
    };
    let fits = |l: &Layout| line_width(l, 0) <= width;
    if !fits(&layout) {
        layout.gap = 1;
    }
    if !fits(&layout) {
        // Columns in which every row is 0 say nothing; the table names them below instead.
        let (kept, dropped): (Vec<_>, Vec<_>) = layout.columns.into_iter().partition(|c| {
            matches!(c.0, "pages" | "up-to-date") || rows.iter().any(|(_, counts)| c.1(counts) > 0)
        });
        layout.columns = kept;
        layout.dropped = dropped.into_iter().map(|c| c.0).collect();
    }
    if !fits(&layout) {
        let over = line_width(&layout, 0).saturating_sub(width);
        layout.name = layout
            .name
            .saturating_sub(over)
            .max(MIN_NAME.min(layout.name))
            .max(first.len());
    }
    if bars {
        let room = width.saturating_sub(line_width(&layout, 0) - 8 + 5 + 1);
        let bar = room.min(BAR_WIDTH);
        layout.bar = if bar >= MIN_BAR { bar } else { 0 };
    }
    layout
}

/// `name` cut to `width` columns with an ellipsis.
fn shorten(name: &str, width: usize) -> String {
    if name.width() <= width {
        return name.to_string();
    }
    let mut out = String::new();
    for c in name.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn write_table(
    out: &mut String,
    first: &str,
    rows: &[(String, &Counts)],
    bars: bool,
    width: usize,
) {
    let layout = layout(first, rows, bars, width);
    let gap = " ".repeat(layout.gap);
    let pad =
        |text: &str, w: usize| format!("{text}{}", " ".repeat(w.saturating_sub(text.width())));
    let mut head = format!("  {}", pad(first, layout.name));
    for (column, _, w) in &layout.columns {
        let _ = write!(head, "{gap}{column:>w$}");
    }
    let _ = writeln!(out, "{head}{gap}coverage");
    for (name, counts) in rows {
        let _ = write!(out, "  {}", pad(&shorten(name, layout.name), layout.name));
        for (column, get, w) in &layout.columns {
            let value = get(counts);
            let cell = format!("{value:>w$}");
            let styled = match *column {
                "stale" | "unverified" | "missing" | "orphaned" if value > 0 => {
                    style::paint(style::WARNING, &cell)
                }
                _ => cell,
            };
            let _ = write!(out, "{gap}{styled}");
        }
        let share = counts.coverage();
        let percent = format!("{:>4.0}%", share * 100.0);
        if layout.bar > 0 {
            let percent = format!("{:>3.0}%", share * 100.0);
            let _ = writeln!(out, "{gap}{} {percent}", bar(share, layout.bar));
        } else {
            let _ = writeln!(out, "{gap}{percent}");
        }
    }
    if !layout.dropped.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            style::paint(
                style::DIM,
                &format!("  (0 everywhere: {})", layout.dropped.join(", "))
            )
        );
    }
}

fn bar(share: f64, width: usize) -> String {
    let filled = ((share * width as f64).round() as usize).min(width);
    format!(
        "{}{}",
        style::paint(style::ADDED, &"█".repeat(filled)),
        style::paint(style::DIM, &"░".repeat(width - filled))
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// The width of a line as shown: colour codes take no room.
    fn shown(line: &str) -> usize {
        let mut plain = String::new();
        let mut escape = false;
        for c in line.chars() {
            match (escape, c) {
                (false, '\u{1b}') => escape = true,
                (true, 'm') => escape = false,
                (false, _) => plain.push(c),
                _ => {}
            }
        }
        plain.width()
    }

    fn analysis() -> Analysis {
        let counts = |stale: usize| Counts {
            pages: 120,
            up_to_date: 100,
            stale,
            unverified: 3,
            missing: 7,
            orphaned: 0,
            draft: 0,
            untranslated: 0,
        };
        let mut sections = BTreeMap::new();
        sections.insert(
            "nn".to_string(),
            BTreeMap::from([
                ("kom-i-gang-med-minid-og-innlogging".to_string(), counts(10)),
                ("/".to_string(), counts(1)),
            ]),
        );
        Analysis {
            source_locale: "nb".into(),
            locales: vec!["nb".into(), "nn".into(), "en".into()],
            pairs: Vec::new(),
            findings: Vec::new(),
            summary: BTreeMap::from([
                ("en".to_string(), counts(2)),
                ("nn".to_string(), counts(10)),
            ]),
            sections,
        }
    }

    #[test]
    fn fits_80_columns_with_bars_in_configured_order() {
        let text = table(&analysis(), 120, true, 80);
        for line in text.lines() {
            assert!(shown(line) <= 80, "{} columns: {line:?}", shown(line));
        }
        let nn = text.find("\n  nn ").expect("nn row");
        let en = text.find("\n  en ").expect("en row");
        assert!(nn < en, "configured order: nb, nn, en\n{text}");
        assert!(text.contains('█'), "bars are kept, shorter\n{text}");
        assert!(text.contains("kom-i-gang"), "{text}");
    }

    #[test]
    fn narrow_terminal_drops_bars_and_empty_columns() {
        let text = table(&analysis(), 1, true, 64);
        assert!(text.contains("(source: nb, 1 page)"), "{text}");
        let section = text
            .lines()
            .find(|l| l.contains("kom-i-gang…"))
            .expect("{text}");
        assert!(!section.contains('█'), "no room for a bar: {text}");
        assert!(
            text.contains("(0 everywhere: untranslated, orphaned, draft)"),
            "{text}"
        );
        for line in text.lines() {
            assert!(shown(line) <= 64, "{} columns: {line:?}", shown(line));
        }
    }
}
