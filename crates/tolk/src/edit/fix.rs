//! `tolk fix`: repairs mojibake in place.
//!
//! Exactly the byte ranges the `mojibake` lint reports are replaced by their corrected text;
//! every other byte of the file (BOM, line endings, front matter) stays as it was. The write is
//! atomic, and a file that is not UTF-8 is refused rather than guessed at.

use std::path::Path;

use crate::analyse::checks::lints::mojibake::{self, Repair};
use crate::edit::atomic;
use crate::error::{Error, Result};

/// One repaired sequence, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// 1-based line of the sequence.
    pub line: u32,
    /// 1-based column (in characters).
    pub column: u32,
    /// The garbled word.
    pub before: String,
    /// The word repaired.
    pub after: String,
}

/// The repaired text of `text` and what was repaired; `None` when there was nothing to do.
pub fn fix_text(text: &str) -> Option<(String, Vec<Fixed>)> {
    let (fixed, repairs) = mojibake::repair(text);
    if repairs.is_empty() {
        return None;
    }
    let mut lines = crate::place::LineIndex::new(text);
    let report = repairs
        .iter()
        .map(|r| describe(text, r, &mut lines))
        .collect();
    Some((fixed, report))
}

fn describe(text: &str, repair: &Repair, lines: &mut crate::place::LineIndex<'_>) -> Fixed {
    let (line, column) = lines.place(repair.start, 1);
    let (before, after) = mojibake::word_around(text, repair);
    Fixed {
        line,
        column,
        before,
        after,
    }
}

/// Repairs the mojibake of the file at `path` (unless `dry_run`); returns what was (or would
/// be) repaired, empty when the file is clean.
pub fn fix_file(path: &Path, dry_run: bool) -> Result<Vec<Fixed>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("cannot read", path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| Error::Edit {
        path: path.to_path_buf(),
        message: format!(
            "it is not valid UTF-8 (first bad byte at offset {}); re-save it as UTF-8 first",
            e.utf8_error().valid_up_to()
        ),
    })?;
    let Some((fixed, report)) = fix_text(&text) else {
        return Ok(Vec::new());
    };
    if !dry_run {
        atomic::replace(path, fixed.as_bytes())?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_garbled_bytes_change() {
        let text = "\u{feff}---\r\ntitle: LÃ¥n\r\n---\r\nSkatteetaten og LÃ¥nekassen.\r\n";
        let (fixed, report) = fix_text(text).unwrap();
        assert_eq!(
            fixed,
            "\u{feff}---\r\ntitle: Lån\r\n---\r\nSkatteetaten og Lånekassen.\r\n"
        );
        assert_eq!(report.len(), 2);
        assert_eq!((report[1].line, report[1].column), (4, 18));
        assert_eq!(report[1].after, "Lånekassen");
        assert!(fix_text(&fixed).is_none());
    }
}
