//! Word-level diffs for translators: a unified diff of a source page turned into rows whose
//! changed lines show which words were added and removed, printed for a terminal (colour, or
//! git's `{+added+}` / `[-removed-]` markers without it) and read by the HTML dashboard.
//!
//! A run of removed lines followed by added lines is one change: its old and new text are
//! diffed word by word, so an added clause is marked inside the paragraph it was added to.
//! A run rewritten almost entirely is shown as its removed lines, then its added lines.

use anstyle::Style;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};
use unicode_width::UnicodeWidthStr;

use super::style;
use crate::analyse::{PairState, State};

/// What happened to a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    /// In both versions.
    Same,
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
}

/// A run of text with one mark.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Piece {
    /// The mark.
    pub mark: Mark,
    /// The text (no line break).
    pub text: String,
}

/// One display row of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A `---` or `+++` file header.
    Header(String),
    /// A `@@ … @@` hunk header.
    Hunk(String),
    /// An unchanged line.
    Context(String),
    /// A changed line: its pieces, in reading order.
    Changed(Vec<Piece>),
}

/// Below this share of unchanged text, a change is shown as whole removed and added lines:
/// interleaved words of two unrelated texts are harder to read than the two texts.
const MIN_SIMILARITY: f32 = 0.3;

/// The rows of a unified diff (as `tolk` writes them: `---`, `+++`, `@@`, then ` `, `-`, `+`
/// lines), with each run of removed-then-added lines diffed word by word.
pub fn rows(unified: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut removed: Vec<&str> = Vec::new();
    let mut added: Vec<&str> = Vec::new();
    for line in unified.lines() {
        let first = line.chars().next();
        let in_run = matches!(first, Some('-' | '+'))
            && !line.starts_with("---")
            && !line.starts_with("+++");
        if in_run {
            if first == Some('-') && !added.is_empty() {
                flush(&mut rows, &mut removed, &mut added);
            }
            let text = &line[1..];
            if first == Some('-') {
                removed.push(text);
            } else {
                added.push(text);
            }
            continue;
        }
        flush(&mut rows, &mut removed, &mut added);
        if line.starts_with("---") || line.starts_with("+++") {
            rows.push(Row::Header(line.to_string()));
        } else if line.starts_with("@@") {
            rows.push(Row::Hunk(line.to_string()));
        } else if line.starts_with('\\') {
            // "\ No newline at end of file"
            rows.push(Row::Context(line.to_string()));
        } else {
            rows.push(Row::Context(
                line.strip_prefix(' ').unwrap_or(line).to_string(),
            ));
        }
    }
    flush(&mut rows, &mut removed, &mut added);
    rows
}

fn flush(rows: &mut Vec<Row>, removed: &mut Vec<&str>, added: &mut Vec<&str>) {
    rows.extend(changed_lines(removed, added).into_iter().map(Row::Changed));
    removed.clear();
    added.clear();
}

/// The display lines of a change from the `removed` lines to the `added` ones: diffed word by
/// word where the two are alike, else the removed lines, then the added ones.
pub fn changed_lines(removed: &[&str], added: &[&str]) -> Vec<Vec<Piece>> {
    let mut lines = Vec::new();
    if !removed.is_empty() && !added.is_empty() {
        let old = removed.join("\n");
        let new = added.join("\n");
        let (old_tokens, new_tokens) = (tokens(&old), tokens(&new));
        // A long rewrite gets a coarser diff rather than a slow one.
        let deadline = Instant::now() + Duration::from_millis(200);
        let ops = capture_diff_slices_deadline(
            Algorithm::Myers,
            &old_tokens,
            &new_tokens,
            Some(deadline),
        );
        let mut changes: Vec<(Mark, &str)> = Vec::new();
        for op in ops {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            if matches!(tag, DiffTag::Equal) {
                changes.extend(old_tokens[old_range].iter().map(|t| (Mark::Same, *t)));
                continue;
            }
            changes.extend(old_tokens[old_range].iter().map(|t| (Mark::Removed, *t)));
            changes.extend(new_tokens[new_range].iter().map(|t| (Mark::Added, *t)));
        }
        if similarity(&changes) >= MIN_SIMILARITY {
            return split_lines(&changes);
        }
    }
    whole_lines(&mut lines, removed, Mark::Removed);
    whole_lines(&mut lines, added, Mark::Added);
    lines
}

/// The text cut into words (runs of letters and digits), blanks (runs of whitespace) and
/// single other characters: punctuation and each wide (CJK) character are tokens of their own,
/// so a changed full stop or character is marked alone.
fn tokens(text: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Kind {
        Word,
        Blank,
        Single,
    }
    let kind = |c: char| {
        if c.is_whitespace() {
            Kind::Blank
        } else if c.is_alphanumeric() && unicode_width::UnicodeWidthChar::width(c).unwrap_or(1) < 2
        {
            Kind::Word
        } else {
            Kind::Single
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut last: Option<Kind> = None;
    for (i, c) in text.char_indices() {
        let k = kind(c);
        if let Some(prev) = last
            && (prev != k || k == Kind::Single)
        {
            out.push(&text[start..i]);
            start = i;
        }
        last = Some(k);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The share of words (blanks not counted) that both versions have.
fn similarity(changes: &[(Mark, &str)]) -> f32 {
    let (mut same, mut total) = (0usize, 0usize);
    for (mark, value) in changes {
        if value.trim().is_empty() {
            continue;
        }
        if *mark == Mark::Same {
            same += 2;
            total += 2;
        } else {
            total += 1;
        }
    }
    if total == 0 {
        1.0
    } else {
        same as f32 / total as f32
    }
}

fn whole_lines(out: &mut Vec<Vec<Piece>>, lines: &[&str], mark: Mark) {
    for line in lines {
        // An empty line keeps an empty piece: the row still says whether it was added.
        out.push(vec![Piece {
            mark,
            text: (*line).to_string(),
        }]);
    }
}

/// Word changes into display lines: a line break of the new text (kept or added) ends a line;
/// one only in the old text is shown as a space.
fn split_lines(changes: &[(Mark, &str)]) -> Vec<Vec<Piece>> {
    let mut lines = vec![Vec::new()];
    for &(mark, value) in changes {
        if mark == Mark::Removed {
            push(lines.last_mut(), mark, &value.replace('\n', " "));
            continue;
        }
        let mut parts = value.split('\n');
        if let Some(first) = parts.next() {
            push(lines.last_mut(), mark, first);
        }
        for part in parts {
            lines.push(Vec::new());
            push(lines.last_mut(), mark, part);
        }
    }
    lines.into_iter().map(tidy).collect()
}

fn push(line: Option<&mut Vec<Piece>>, mark: Mark, text: &str) {
    let Some(line) = line else { return };
    if text.is_empty() {
        return;
    }
    match line.last_mut() {
        Some(last) if last.mark == mark => last.text.push_str(text),
        _ => line.push(Piece {
            mark,
            text: text.to_string(),
        }),
    }
}

/// Whitespace at the edges of a marked piece moves outside it; a removed piece of whitespace
/// alone is dropped and an added one is kept unmarked, so markers hug words.
fn tidy(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut put = |mark: Mark, text: &str| push(Some(&mut out), mark, text);
    for piece in pieces {
        if piece.mark == Mark::Same {
            put(Mark::Same, &piece.text);
            continue;
        }
        let trimmed = piece.text.trim();
        if trimmed.is_empty() {
            if piece.mark == Mark::Added {
                put(Mark::Same, &piece.text);
            }
            continue;
        }
        let start = piece.text.len() - piece.text.trim_start().len();
        let end = piece.text.trim_end().len();
        put(Mark::Same, &piece.text[..start]);
        put(piece.mark, trimmed);
        put(Mark::Same, &piece.text[end..]);
    }
    out
}

/// Added words: green, bold and underlined.
pub const ADDED_WORDS: Style = anstyle::AnsiColor::Green.on_default().bold().underline();
/// Removed words: red and struck through.
pub const REMOVED_WORDS: Style = anstyle::AnsiColor::Red.on_default().strikethrough();

/// A piece as printed: in colour, or between git's word-diff markers.
pub fn piece(piece: &Piece, color: bool) -> String {
    match (piece.mark, color) {
        (_, _) if piece.text.is_empty() => String::new(),
        (Mark::Same, _) => piece.text.clone(),
        (Mark::Added, true) => style::paint(ADDED_WORDS, &piece.text),
        (Mark::Removed, true) => style::paint(REMOVED_WORDS, &piece.text),
        (Mark::Added, false) => format!("{{+{}+}}", piece.text),
        (Mark::Removed, false) => format!("[-{}-]", piece.text),
    }
}

/// The width of a piece as printed (markers count, colour codes do not).
pub fn piece_width(piece: &Piece, color: bool) -> usize {
    let markers = if color || piece.mark == Mark::Same || piece.text.is_empty() {
        0
    } else {
        4
    };
    piece.text.width() + markers
}

/// Whether a row's pieces are all of one mark (a whole line added or removed).
fn gutter(pieces: &[Piece]) -> char {
    let all = |m: Mark| !pieces.is_empty() && pieces.iter().all(|p| p.mark == m);
    if all(Mark::Added) {
        '+'
    } else if all(Mark::Removed) {
        '-'
    } else {
        '~'
    }
}

/// A unified diff as a translator reads it on a terminal: unchanged lines indented, changed
/// lines with their added and removed words marked (coloured with `color`, else `{+…+}` and
/// `[-…-]`), each changed line led by `+` (added), `-` (removed) or `~` (changed inside).
pub fn terminal(unified: &str, color: bool) -> String {
    let mut out = String::with_capacity(unified.len() + unified.len() / 4);
    for row in rows(unified) {
        match row {
            Row::Header(text) => out.push_str(&paint(color, style::STRONG, &text)),
            Row::Hunk(text) => out.push_str(&paint(color, style::HUNK, &text)),
            Row::Context(text) => {
                out.push_str("  ");
                out.push_str(&text);
            }
            Row::Changed(pieces) => {
                let mark = gutter(&pieces);
                let lead = match mark {
                    '+' => paint(color, style::ADDED, "+"),
                    '-' => paint(color, style::REMOVED, "-"),
                    _ => paint(color, style::HUNK, "~"),
                };
                out.push_str(&lead);
                out.push(' ');
                for p in &pieces {
                    out.push_str(&self::piece(p, color));
                }
            }
        }
        // No trailing spaces on lines that end in nothing.
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    }
    out
}

fn paint(color: bool, style: Style, text: &str) -> String {
    if color {
        style::paint(style, text)
    } else {
        text.to_string()
    }
}

/// What `tolk diff` prints for one translation: its state, and for a stale one the changed
/// blocks with their lines in the translation and the word-level diff of the source.
pub fn pair(pair: &PairState, color: bool) -> String {
    let head = style::paint(style::STRONG, &format!("{} ({})", pair.path, pair.locale));
    match pair.state {
        State::Stale => match (&pair.diff, &pair.diff_unavailable) {
            (Some(diff), _) => {
                let (size, blocks) = match &pair.blocks {
                    Some(r) => (
                        format!(" ({:?} change)", r.change).to_lowercase(),
                        super::text::block_lines(&r.blocks)
                            .iter()
                            .map(|l| format!("  {l}\n"))
                            .collect::<String>(),
                    ),
                    None => (String::new(), String::new()),
                };
                format!(
                    "{head}: stale{size}; the source changed since baseline {}:\n{blocks}{}",
                    short(pair.baseline.as_deref()),
                    terminal(diff, color)
                )
            }
            (None, reason) => format!(
                "{head}: stale; diff unavailable: {}\n",
                reason.as_deref().unwrap_or("unknown reason")
            ),
        },
        State::UpToDate if pair.cosmetic => {
            format!("{head}: up to date; the source changed only cosmetically since its baseline\n")
        }
        State::UpToDate => format!("{head}: up to date; nothing changed in the source\n"),
        State::Unverified => format!(
            "{head}: unverified; it records no baseline, so there is nothing to diff against \
             (run `tolk mark {}` once it matches the source)\n",
            pair.path
        ),
        State::Missing => format!(
            "{head}: missing; start it with `tolk new {} --locale {}`\n",
            pair.source_path.as_deref().unwrap_or(&pair.key),
            pair.locale
        ),
        State::Orphaned => format!(
            "{head}: orphaned; there is no source page for `{}`\n",
            pair.key
        ),
        State::Draft => format!("{head}: draft; still being translated\n"),
        State::Untranslated => format!(
            "{head}: untranslated; its text is still the source's ({}): translate it, then run `tolk mark {}`\n",
            pair.source_path.as_deref().unwrap_or(&pair.key),
            pair.path
        ),
    }
}

fn short(hash: Option<&str>) -> &str {
    hash.map(|h| h.get(..10).unwrap_or(h)).unwrap_or("?")
}

/// One printed line of wrapped text and its width in columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    /// The line as printed (with colour codes or markers).
    pub text: String,
    /// Its width on a terminal.
    pub width: usize,
}

/// `pieces` (one line of text) wrapped at word boundaries into lines at most `width` columns
/// wide as printed; a word wider than a line is cut. Markers are repeated on each line a
/// marked run spans, so every line reads on its own.
pub fn wrap(pieces: &[Piece], width: usize, color: bool) -> Vec<Wrapped> {
    let width = width.max(8);
    let mut lines: Vec<Vec<Piece>> = vec![Vec::new()];
    let mut used = 0usize;
    for p in pieces {
        for atom in atoms(&p.text) {
            let blank = atom.trim().is_empty();
            let continued = lines.len() > 1;
            let line = lines.last_mut().map(|l| l.as_slice()).unwrap_or(&[]);
            // Indentation is kept; the blank where a line was wrapped is not.
            if blank && line.is_empty() && continued {
                continue;
            }
            let joins = line.last().is_some_and(|last| last.mark == p.mark);
            let overhead = if joins || color || p.mark == Mark::Same {
                0
            } else {
                4
            };
            let need = atom.width() + overhead;
            if used + need <= width {
                push(lines.last_mut(), p.mark, atom);
                used += need;
                continue;
            }
            if blank {
                continue;
            }
            // Start a new line, cutting the word where it is wider than a line.
            let overhead = if color || p.mark == Mark::Same { 0 } else { 4 };
            let mut rest = atom;
            loop {
                if !lines.last().is_some_and(|l| l.is_empty()) {
                    lines.push(Vec::new());
                }
                let room = width.saturating_sub(overhead).max(1);
                let cut = cut_at(rest, room);
                push(lines.last_mut(), p.mark, &rest[..cut]);
                used = rest[..cut].width() + overhead;
                rest = &rest[cut..];
                if rest.is_empty() {
                    break;
                }
                lines.push(Vec::new());
            }
        }
    }
    lines
        .into_iter()
        .map(|mut line| {
            // No trailing blanks, inside a marker or not.
            while let Some(last) = line.last_mut() {
                let trimmed = last.text.trim_end().len();
                last.text.truncate(trimmed);
                if last.text.is_empty() {
                    line.pop();
                } else {
                    break;
                }
            }
            Wrapped {
                text: line.iter().map(|p| piece(p, color)).collect(),
                width: line.iter().map(|p| piece_width(p, color)).sum(),
            }
        })
        .collect()
}

/// Words and the blanks between them, in order.
fn atoms(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut blank = None;
    for (i, c) in text.char_indices() {
        let is_blank = c.is_whitespace();
        if blank.is_some_and(|b| b != is_blank) {
            out.push(&text[start..i]);
            start = i;
        }
        blank = Some(is_blank);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The longest prefix of `text` at most `room` columns wide (at least one character).
fn cut_at(text: &str, room: usize) -> usize {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room && i > 0 {
            return i;
        }
        used += w;
    }
    text.len()
}

/// The number of words added in a unified diff: what is new to translate.
pub fn added_words(unified: &str) -> usize {
    rows(unified)
        .iter()
        .map(|row| match row {
            Row::Changed(pieces) => pieces
                .iter()
                .filter(|p| p.mark == Mark::Added)
                .map(|p| p.text.split_whitespace().count())
                .sum(),
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIFF: &str = "--- a/p.md\n+++ b/p.md\n@@ -1,3 +1,3 @@\n Tittel\n-Du kan bruke den fra du er 13 år.\n+Du kan bruke den fra du fyller 13 år, også på mobil.\n Slutt\n";

    #[test]
    fn changed_words_are_marked_inside_the_line() {
        let text = terminal(DIFF, false);
        assert_eq!(
            text,
            "--- a/p.md\n+++ b/p.md\n@@ -1,3 +1,3 @@\n  Tittel\n~ Du kan bruke den fra du [-er-]{+fyller+} 13 år{+, også på mobil+}.\n  Slutt\n"
        );
        assert_eq!(added_words(DIFF), 5);
    }

    #[test]
    fn colour_marks_words_without_markers() {
        let text = terminal(DIFF, true);
        assert!(
            text.contains(&style::paint(ADDED_WORDS, "fyller")),
            "{text}"
        );
        assert!(text.contains(&style::paint(REMOVED_WORDS, "er")), "{text}");
        assert!(!text.contains("{+"), "{text}");
    }

    #[test]
    fn whole_lines_added_and_removed() {
        let diff = "@@ -1,2 +1,2 @@\n-Gammel linje helt annerledes\n+Ny tekst uten noe felles\n+\n";
        let text = terminal(diff, false);
        assert_eq!(
            text,
            "@@ -1,2 +1,2 @@\n- [-Gammel linje helt annerledes-]\n+ {+Ny tekst uten noe felles+}\n+\n"
        );
    }

    #[test]
    fn wrapping_repeats_markers_and_fits() {
        let pieces = vec![
            Piece {
                mark: Mark::Same,
                text: "Du kan bruke den fra du ".into(),
            },
            Piece {
                mark: Mark::Added,
                text: "fyller tretten år og har en mobil".into(),
            },
        ];
        let lines = wrap(&pieces, 20, false);
        for line in &lines {
            assert!(line.width <= 20, "{lines:?}");
            assert_eq!(line.width, line.text.width(), "{lines:?}");
        }
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Du kan bruke den fra",
                "du {+fyller+}",
                "{+tretten år og+}",
                "{+har en mobil+}"
            ]
        );
        let long = vec![Piece {
            mark: Mark::Same,
            text: "ordsomerlengreennlinja".into(),
        }];
        assert_eq!(wrap(&long, 10, false).len(), 3);
        let indented = vec![Piece {
            mark: Mark::Same,
            text: "    let x = 1;".into(),
        }];
        assert_eq!(wrap(&indented, 20, false)[0].text, "    let x = 1;");
    }

    #[test]
    fn long_rewrite_is_shown_as_whole_lines_quickly() {
        // Two unrelated texts of 2 000 lines: no word-by-word interleaving, and no long wait.
        let line = |seed: usize| {
            let stem = if seed < 10_000 { "ord" } else { "word" };
            (0..12)
                .map(|i| format!("{stem}{}", (seed * 7_919 + i * 104_729) % 5_000))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut diff = String::from("@@ -1,2000 +1,2000 @@\n");
        for i in 0..2_000 {
            diff.push_str(&format!("-{}\n", line(i)));
        }
        for i in 0..2_000 {
            diff.push_str(&format!("+{}\n", line(i + 10_000)));
        }
        let started = std::time::Instant::now();
        let rows = rows(&diff);
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
        assert_eq!(rows.len(), 4_001);
        assert!(matches!(&rows[1], Row::Changed(p) if p[0].mark == Mark::Removed));
    }

    #[test]
    fn rewrapped_paragraph_keeps_new_line_breaks() {
        let diff =
            "@@ -1,1 +1,2 @@\n-En lang setning som deles.\n+En lang setning\n+som nå deles.\n";
        let rows = rows(diff);
        assert_eq!(rows.len(), 3, "{rows:?}");
        let Row::Changed(second) = &rows[2] else {
            panic!("{rows:?}")
        };
        assert!(
            second
                .iter()
                .any(|p| p.mark == Mark::Added && p.text == "nå")
        );
    }
}
