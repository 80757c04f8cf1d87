//! `tolk diff --side-by-side`: each changed block of a stale translation's source, its words
//! marked, beside the translation's matching block, wrapped to the terminal's width, so a
//! translator sees what changed and where to edit it.
//!
//! The block alignment is [`crate::analyse::staleness::block_diff`]'s: source line ranges (now and at the
//! baseline) and the translation's line range of each changed block.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use super::diff::{self, Mark, Piece};
use super::style;
use crate::analyse::PairState;
use crate::analyse::staleness::block_diff::{BlockChange, ChangedBlock};

/// The texts a side-by-side view shows.
#[derive(Debug, Clone, Copy)]
pub struct Pages<'a> {
    /// The source page's path.
    pub source_path: &'a str,
    /// The source page as it is now.
    pub source: &'a str,
    /// The source page as it was at the translation's baseline, where it can be read.
    pub baseline: Option<&'a str>,
    /// The translation's path.
    pub translation_path: &'a str,
    /// The translation as it is now.
    pub translation: &'a str,
}

/// One logical line of a cell: its line number (none for text that is no line of the file)
/// and its pieces.
type Line = (Option<usize>, Vec<Piece>);

/// A cell's logical lines.
type Cell = Vec<Line>;

const SEPARATOR: &str = " │ ";

/// The changed `blocks` of `pages`, source left and translation right, at most `width`
/// columns wide; words marked in colour with `color`, else with `{+…+}` and `[-…-]`.
pub fn render(pages: &Pages<'_>, blocks: &[ChangedBlock], width: usize, color: bool) -> String {
    let width = width.max(40);
    let cell = (width - SEPARATOR.width()) / 2;
    let source: Vec<&str> = pages.source.lines().collect();
    let baseline: Option<Vec<&str>> = pages.baseline.map(|b| b.lines().collect());
    let translation: Vec<&str> = pages.translation.lines().collect();
    let mut out = String::new();
    let rule = format!("{}┼{}", "─".repeat(cell + 1), "─".repeat(cell + 1));
    let heads = (
        vec![(None, same(&format!("source: {}", pages.source_path)))],
        vec![(
            None,
            same(&format!("translation: {}", pages.translation_path)),
        )],
    );
    write_cells(&mut out, &heads.0, &heads.1, cell, color, 0, true);
    for block in blocks {
        let _ = writeln!(out, "{}", paint(color, style::DIM, &rule));
        let what = super::text::block_lines(std::slice::from_ref(block)).join("");
        for line in diff::wrap(&same(&what), width, false) {
            let _ = writeln!(out, "{}", paint(color, style::STRONG, &line.text));
        }
        let left = source_cell(block, &source, baseline.as_deref());
        let right = translation_cell(block, &translation);
        if left.len() == right.len() {
            // Line for line (a code block, a list of the same length): each line beside its
            // counterpart, one line number gutter for the block.
            let gutter = gutter_width(&left, &right);
            for (l, r) in left.iter().zip(&right) {
                let (l, r) = (std::slice::from_ref(l), std::slice::from_ref(r));
                write_cells(&mut out, l, r, cell, color, gutter, false);
            }
        } else {
            let gutter = gutter_width(&left, &right);
            write_cells(&mut out, &left, &right, cell, color, gutter, false);
        }
    }
    out
}

/// The heading of a stale translation's side-by-side view, wrapped to `width`.
pub fn heading(pair: &PairState, width: usize, color: bool) -> String {
    let size = pair
        .blocks
        .as_ref()
        .map(|b| format!(" ({:?} change)", b.change).to_lowercase())
        .unwrap_or_default();
    let baseline = pair.baseline.as_deref().unwrap_or("?");
    let text = format!(
        "{} ({}): stale{size}; the source changed since baseline {}:",
        pair.path,
        pair.locale,
        baseline.get(..10).unwrap_or(baseline)
    );
    diff::wrap(&same(&text), width.max(40), false)
        .into_iter()
        .map(|line| format!("{}\n", paint(color, style::STRONG, &line.text)))
        .collect()
}

fn same(text: &str) -> Vec<Piece> {
    vec![Piece {
        mark: Mark::Same,
        text: text.to_string(),
    }]
}

/// Lines `range` (1-based, inclusive) of `lines`; empty where the file has fewer lines.
fn slice<'a>(lines: &[&'a str], (first, last): (usize, usize)) -> Vec<&'a str> {
    lines
        .get(first.saturating_sub(1)..last.min(lines.len()))
        .map(<[&str]>::to_vec)
        .unwrap_or_default()
}

fn source_cell(block: &ChangedBlock, source: &[&str], baseline: Option<&[&str]>) -> Cell {
    let old = match (baseline, block.baseline_lines) {
        (Some(lines), Some(range)) => slice(lines, range),
        _ => Vec::new(),
    };
    let new = block
        .source_lines
        .map(|range| slice(source, range))
        .unwrap_or_default();
    let first = block.source_lines.map_or(0, |r| r.0);
    let lines = match block.change {
        // Without the baseline, the block as it is now.
        BlockChange::Modified if baseline.is_none() => {
            new.iter().map(|l| same(l)).collect::<Vec<_>>()
        }
        _ => diff::changed_lines(&old, &new),
    };
    if lines.is_empty() {
        return vec![(None, same("(the baseline text cannot be read)"))];
    }
    let mut next = first;
    lines
        .into_iter()
        .map(|pieces| {
            let removed_only = !pieces.is_empty() && pieces.iter().all(|p| p.mark == Mark::Removed);
            if removed_only {
                (None, pieces)
            } else {
                next += 1;
                (Some(next - 1), pieces)
            }
        })
        .collect()
}

fn translation_cell(block: &ChangedBlock, translation: &[&str]) -> Cell {
    let Some(range) = block.translation_lines else {
        return vec![(
            None,
            same("(its structure differs from the source's: find the place by hand)"),
        )];
    };
    let numbered = |range: (usize, usize)| -> Cell {
        slice(translation, range)
            .into_iter()
            .zip(range.0..)
            .map(|(line, n)| (Some(n), same(line)))
            .collect()
    };
    match block.change {
        BlockChange::Added => {
            let mut cell = numbered(range);
            cell.push((None, same(&format!("▸ insert after line {}", range.1))));
            cell
        }
        BlockChange::Removed => {
            let mut cell = numbered(range);
            cell.push((None, same("▸ remove this")));
            cell
        }
        BlockChange::Modified => numbered(range),
    }
}

/// The width of the line-number gutter of two cells: the widest number and a space.
fn gutter_width(left: &[Line], right: &[Line]) -> usize {
    left.iter()
        .chain(right)
        .filter_map(|(n, _)| *n)
        .max()
        .map_or(0, |n| n.to_string().len() + 1)
}

/// Two cells side by side, wrapped to `cell` columns, line numbers in a `gutter`.
fn write_cells(
    out: &mut String,
    left: &[Line],
    right: &[Line],
    cell: usize,
    color: bool,
    gutter: usize,
    head: bool,
) {
    let lay = |cellv: &[Line]| -> Vec<(String, usize)> {
        let mut lines = Vec::new();
        for (number, pieces) in cellv {
            let wrapped = diff::wrap(pieces, cell.saturating_sub(gutter), color);
            for (i, line) in wrapped.into_iter().enumerate() {
                let lead = match number {
                    Some(n) if i == 0 => format!("{n:>w$} ", w = gutter.saturating_sub(1)),
                    _ => " ".repeat(gutter),
                };
                let shown_lead = if color && !lead.trim().is_empty() {
                    style::paint(style::DIM, &lead)
                } else {
                    lead.clone()
                };
                let text = if head && color {
                    style::paint(style::STRONG, &line.text)
                } else {
                    line.text
                };
                lines.push((format!("{shown_lead}{text}"), lead.width() + line.width));
            }
        }
        lines
    };
    let (l, r) = (lay(left), lay(right));
    for i in 0..l.len().max(r.len()) {
        let (lt, lw) = l.get(i).cloned().unwrap_or_default();
        let rt = r.get(i).map(|(t, _)| t.as_str()).unwrap_or("");
        let pad = " ".repeat(cell.saturating_sub(lw));
        let sep = paint(color, style::DIM, SEPARATOR.trim());
        let line = format!("{lt}{pad} {sep} {rt}");
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

fn paint(color: bool, s: anstyle::Style, text: &str) -> String {
    if color {
        style::paint(s, text)
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_paragraph_beside_its_translation() {
        let baseline = "---\ntitle: Om\n---\nDu kan bruke den fra du er 13 år.\n";
        let source = "---\ntitle: Om\n---\nDu kan bruke den fra du fyller 13 år.\n";
        let translation = "---\ntitle: About\n---\nYou can use it from the age of 13.\n";
        let blocks =
            crate::analyse::staleness::block_diff::compare(baseline, source, translation).blocks;
        let pages = Pages {
            source_path: "content/nb/om.md",
            source,
            baseline: Some(baseline),
            translation_path: "content/en/om.md",
            translation,
        };
        let narrow = render(&pages, &blocks, 60, false);
        for line in narrow.lines() {
            assert!(line.width() <= 60, "{line:?} is wider than 60:\n{narrow}");
        }
        assert!(narrow.contains("[-er-]{+fyller+}"), "{narrow}");
        let text = render(&pages, &blocks, 80, false);
        assert!(text.contains("[-er-]"), "{text}");
        assert!(text.contains("{+fyller+} 13 år."), "{text}");
        assert!(
            text.contains("4 You can use it from the age of 13."),
            "{text}"
        );
        assert!(text.contains("source: content/nb/om.md"), "{text}");
        assert!(text.contains(" │ translation: content/en/om.md"), "{text}");
    }
}
