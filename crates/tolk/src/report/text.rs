//! `tolk check --format text`: one line per finding, `path:line:column: severity[code] message`,
//! and a closing count. Diffs of stale pages follow their finding with `--verbose`. Also the text
//! of `tolk mark`'s refusals: why a translation was left as it was, in its state's words.

use std::fmt::Write;

use crate::analyse::staleness::block_diff::{BlockChange, ChangeSize, ChangedBlock};
use crate::diagnostics::{Finding, Severity};
use crate::edit::Refusal;

use super::style;

/// The text report of `findings`.
pub fn check(findings: &[Finding], verbose: bool) -> String {
    let mut out = String::new();
    for finding in findings {
        let place = match (finding.line, finding.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", finding.path),
            (Some(l), None) => format!("{}:{l}", finding.path),
            _ => finding.path.clone(),
        };
        let label = format!("{}[{}]", finding.severity, finding.code);
        let locale = finding
            .locale
            .as_deref()
            .map(|l| style::paint(style::DIM, &format!(" ({l})")))
            .unwrap_or_default();
        let change = finding
            .change
            .map(|c| style::paint(style::DIM, &format!(" [{} change]", change_name(c))))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}: {}{locale} {}{change}",
            style::paint(style::STRONG, &place),
            style::paint(style::severity(finding.severity), &label),
            finding.message
        );
        for line in block_lines(&finding.blocks) {
            let _ = writeln!(out, "    {}", style::paint(style::DIM, &line));
        }
        if verbose && let Some(diff) = &finding.diff {
            for line in style::diff(diff).lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    out.push_str(&tally(findings));
    out
}

fn change_name(change: ChangeSize) -> &'static str {
    match change {
        ChangeSize::Minor => "minor",
        ChangeSize::Major => "major",
    }
}

fn lines(range: (usize, usize)) -> String {
    if range.0 == range.1 {
        format!("line {}", range.0)
    } else {
        format!("lines {}–{}", range.0, range.1)
    }
}

/// One line per changed block: what changed, where in the source, where in the translation.
pub fn block_lines(blocks: &[ChangedBlock]) -> Vec<String> {
    blocks
        .iter()
        .map(|b| {
            let (what, source) = match b.change {
                BlockChange::Modified => ("changed", b.source_lines.map(lines)),
                BlockChange::Added => ("added", b.source_lines.map(lines)),
                BlockChange::Removed => (
                    "removed",
                    b.baseline_lines.map(|r| format!("was {}", lines(r))),
                ),
            };
            let source = source.map(|s| format!("source {s}")).unwrap_or_default();
            let target = match (b.change, b.translation_lines) {
                (_, None) => "translation: structure differs, find it by hand".to_string(),
                (BlockChange::Added, Some(r)) => format!("translation: insert after line {}", r.1),
                (_, Some(r)) => format!("translation {}", lines(r)),
            };
            format!("{what} {}: {source} → {target}", b.kind)
        })
        .collect()
}

/// "2 errors, 5 warnings, 1 info" (or "no findings").
pub fn tally(findings: &[Finding]) -> String {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    if e + w + i == 0 {
        return format!("{}\n", style::paint(style::ADDED, "no findings"));
    }
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{}, {}, {}\n",
        style::paint(
            if e > 0 { style::ERROR } else { style::DIM },
            &plural(e, "error")
        ),
        style::paint(
            if w > 0 { style::WARNING } else { style::DIM },
            &plural(w, "warning")
        ),
        style::paint(style::DIM, &format!("{i} info")),
    )
}

/// Why `tolk mark` left the translation at `path` as it was (its text still the source's, or
/// not following the current source yet), its findings, and how to go on.
pub fn refusal(path: &str, why: &Refusal) -> String {
    let reason = if why.untranslated {
        "its text is still the source's (untranslated)"
    } else {
        "it does not follow the current source yet"
    };
    let mut text = format!(
        "{}: not marking {path}: {reason}; {}\n",
        style::paint(style::ERROR, "refused"),
        why.summary()
    );
    let shown: Vec<_> = why.findings.iter().take(10).cloned().collect();
    let listed = check(&shown, false);
    let mut lines: Vec<&str> = listed.lines().collect();
    // The closing count line.
    lines.pop();
    for line in lines {
        text.push_str(&format!("  {line}\n"));
    }
    if why.findings.len() > shown.len() {
        text.push_str(&format!(
            "  … and {} more (`tolk check` lists them)\n",
            why.findings.len() - shown.len()
        ));
    }
    text.push_str(&format!(
        "  translate what is left and run `tolk mark {path}` again; or, if the page is right as it is, \
         `tolk mark --force {path}` records it anyway\n"
    ));
    text
}
