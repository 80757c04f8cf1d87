//! `tolk status`: a coverage table per locale, then per section, with bars on a terminal.

use std::fmt::Write;

use crate::analyse::{Analysis, Counts};

use super::style;

const BAR_WIDTH: usize = 20;

/// The status table. `bars` draws coverage bars (on a terminal).
pub fn table(analysis: &Analysis, source_pages: usize, bars: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (source: {}, {source_pages} pages)\n",
        style::paint(style::STRONG, "Translation status"),
        analysis.source_locale
    );
    let rows: Vec<(String, &Counts)> = analysis
        .summary
        .iter()
        .map(|(locale, counts)| (locale.clone(), counts))
        .collect();
    write_table(&mut out, "locale", &rows, bars);
    for (locale, sections) in &analysis.sections {
        let _ = writeln!(
            out,
            "\n{}",
            style::paint(style::STRONG, &format!("{locale} by section"))
        );
        let rows: Vec<(String, &Counts)> = sections.iter().map(|(s, c)| (s.clone(), c)).collect();
        write_table(&mut out, "section", &rows, bars);
    }
    out
}

const COLUMNS: [&str; 8] = [
    "pages",
    "up-to-date",
    "stale",
    "untranslated",
    "unverified",
    "missing",
    "orphaned",
    "draft",
];

fn write_table(out: &mut String, first: &str, rows: &[(String, &Counts)], bars: bool) {
    let width = rows
        .iter()
        .map(|(name, _)| name.chars().count())
        .chain([first.len()])
        .max()
        .unwrap_or(0);
    let _ = write!(out, "  {first:<width$}");
    for column in COLUMNS {
        let _ = write!(out, "  {column:>w$}", w = column.len());
    }
    let _ = writeln!(out, "  coverage");
    for (name, counts) in rows {
        let values = [
            counts.pages,
            counts.up_to_date,
            counts.stale,
            counts.untranslated,
            counts.unverified,
            counts.missing,
            counts.orphaned,
            counts.draft,
        ];
        let _ = write!(out, "  {name:<width$}");
        for (column, value) in COLUMNS.iter().zip(values) {
            let cell = format!("{value:>w$}", w = column.len());
            let styled = match *column {
                "stale" | "untranslated" | "unverified" | "missing" | "orphaned" if value > 0 => {
                    style::paint(style::WARNING, &cell)
                }
                _ => cell,
            };
            let _ = write!(out, "  {styled}");
        }
        let share = counts.coverage();
        let percent = format!("{:>4.0}%", share * 100.0);
        if bars {
            let _ = writeln!(out, "  {} {percent}", bar(share));
        } else {
            let _ = writeln!(out, "  {percent}");
        }
    }
}

fn bar(share: f64) -> String {
    let filled = ((share * BAR_WIDTH as f64).round() as usize).min(BAR_WIDTH);
    format!(
        "{}{}",
        style::paint(style::ADDED, &"█".repeat(filled)),
        style::paint(style::DIM, &"░".repeat(BAR_WIDTH - filled))
    )
}
