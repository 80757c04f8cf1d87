//! `tolk mark`: recording the current source as a translation's baseline.
//!
//! Only the `l10n` lines of the front matter change; every other byte of the file, line endings
//! and BOM included, stays as it was.

use crate::load::frontmatter::{self, BOM};

/// Where the front-matter lines of a text are.
struct Lines<'a> {
    /// Every line of the text with its line ending.
    lines: Vec<&'a str>,
    /// Index of the opening fence line, if any.
    open: Option<usize>,
    /// Index of the closing fence line, if any.
    close: Option<usize>,
    /// The file's line ending (`\r\n` if its first line has one).
    eol: &'static str,
}

fn lines_of(text: &str) -> Lines<'_> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let eol = if lines.first().is_some_and(|l| l.ends_with("\r\n")) {
        "\r\n"
    } else {
        "\n"
    };
    let first_is_fence = lines
        .first()
        .is_some_and(|l| l.trim_start_matches(BOM).trim_end() == "---");
    let (open, close) = if first_is_fence {
        let close = lines
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, l)| l.trim_end() == "---" || l.trim_end() == "...")
            .map(|(i, _)| i);
        (Some(0), close)
    } else {
        (None, None)
    };
    Lines {
        lines,
        open,
        close,
        eol,
    }
}

fn indentation(line: &str) -> &str {
    let trimmed = line.trim_start_matches([' ', '\t']);
    &line[..line.len() - trimmed.len()]
}

fn is_l10n_key(line: &str) -> bool {
    line.strip_prefix("l10n")
        .is_some_and(|rest| rest.trim_start().starts_with(':'))
}

/// `text` with `l10n.source_hash` set to `hash`. Errors when the front matter cannot be
/// edited safely (never closed; `l10n` written in a form tolk does not rewrite). TOML and JSON
/// front matter, and blank lines before the fence, are handled by
/// [`frontmatter::set_source_hash`].
pub fn set_source_hash(text: &str, hash: &str) -> Result<String, String> {
    frontmatter::set_source_hash(text, hash, |yaml| set_yaml_source_hash(yaml, hash))
}

/// [`set_source_hash`] on YAML front matter that starts on the first line.
fn set_yaml_source_hash(text: &str, hash: &str) -> Result<String, String> {
    let doc = lines_of(text);
    let eol = doc.eol;
    let (Some(_open), Some(close)) = (doc.open, doc.close) else {
        if doc.open.is_some() {
            return Err(
                "its front matter is never closed (add a `---` line after the last field)".into(),
            );
        }
        // No front matter: add one holding only the baseline.
        let (bom, rest) = match text.strip_prefix(BOM) {
            Some(rest) => (BOM, rest),
            None => ("", text),
        };
        return Ok(format!(
            "{bom}---{eol}l10n:{eol}  source_hash: {hash}{eol}---{eol}{rest}"
        ));
    };
    let mut out: Vec<String> = doc.lines.iter().map(|l| l.to_string()).collect();
    let l10n = (1..close).find(|&i| is_l10n_key(doc.lines[i]));
    match l10n {
        None => {
            let mut block = format!("l10n:{eol}  source_hash: {hash}{eol}");
            // The line before the closing fence may lack a line ending only if it is the fence
            // itself; front-matter lines always end with one.
            if close > 0 && !out[close - 1].ends_with('\n') {
                block.insert_str(0, eol);
            }
            out.insert(close, block);
        }
        Some(i) => {
            let after_key = doc.lines[i]
                .split_once(':')
                .map(|(_, v)| v.trim())
                .unwrap_or("");
            if !after_key.is_empty() && !after_key.starts_with('#') {
                // Flow style (`l10n: { source_hash: … }`): rewrite this one line.
                let line_eol = if doc.lines[i].ends_with("\r\n") {
                    "\r\n"
                } else {
                    "\n"
                };
                out[i] = format!("l10n: {{ source_hash: {hash} }}{line_eol}");
                if !after_key.starts_with('{') || !after_key.ends_with('}') {
                    return Err("its `l10n` field is not a mapping tolk can rewrite".into());
                }
                if after_key.contains(',') {
                    return Err(
                        "its `l10n` flow mapping has more than one field; write it as a block"
                            .into(),
                    );
                }
            } else {
                set_in_block(&doc, &mut out, i, close, hash);
            }
        }
    }
    Ok(out.concat())
}

/// Sets `source_hash` inside the block of `l10n:` at line `start`.
fn set_in_block(doc: &Lines<'_>, out: &mut Vec<String>, start: usize, close: usize, hash: &str) {
    let mut child_indent: Option<&str> = None;
    for (i, &line) in doc.lines.iter().enumerate().take(close).skip(start + 1) {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let indent = indentation(line);
        if indent.is_empty() {
            break;
        }
        child_indent.get_or_insert(indent);
        if child_indent == Some(indent) {
            let rest = &line[indent.len()..];
            if rest
                .strip_prefix("source_hash")
                .is_some_and(|r| r.trim_start().starts_with(':'))
            {
                let line_eol = if line.ends_with("\r\n") {
                    "\r\n"
                } else if line.ends_with('\n') {
                    "\n"
                } else {
                    ""
                };
                out[i] = format!("{indent}source_hash: {hash}{line_eol}");
                return;
            }
        }
    }
    let indent = child_indent.unwrap_or("  ");
    out.insert(start + 1, format!("{indent}source_hash: {hash}{}", doc.eol));
}

/// Checks that `edited` reads back with `hash` as its baseline and otherwise the same fields.
pub fn verify(original: &str, edited: &str, hash: &str) -> Result<(), String> {
    let split = frontmatter::split(edited).map_err(|e| e.to_string())?;
    let (front, problems) = frontmatter::parse(&split);
    if let Some(problem) = problems.first() {
        return Err(format!(
            "the edited front matter would not be valid: {}",
            problem.message
        ));
    }
    if front.source_hash.as_deref() != Some(hash) {
        return Err("the edited front matter would not hold the new baseline".into());
    }
    let before = frontmatter::split(original)
        .map(|s| s.body.to_string())
        .unwrap_or_default();
    if !original.trim().is_empty()
        && before != split.body
        && frontmatter::split(original).is_ok_and(|s| s.has_front_matter)
    {
        return Err("the edit would change the page body".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "0123456789abcdef0123456789abcdef01234567";

    #[test]
    fn adds_block_at_end_of_front_matter() {
        let text = "---\ntitle: Hei\n---\nBody\n";
        assert_eq!(
            set_source_hash(text, H).unwrap(),
            format!("---\ntitle: Hei\nl10n:\n  source_hash: {H}\n---\nBody\n")
        );
    }

    #[test]
    fn replaces_existing_value_only() {
        let text = "---\r\ntitle: Hei\r\nl10n:\r\n    source_hash: old # note\r\n    other: 1\r\nurl: /x/\r\n---\r\nBody";
        assert_eq!(
            set_source_hash(text, H).unwrap(),
            format!(
                "---\r\ntitle: Hei\r\nl10n:\r\n    source_hash: {H}\r\n    other: 1\r\nurl: /x/\r\n---\r\nBody"
            )
        );
    }

    #[test]
    fn inserts_into_existing_block() {
        let text = "---\nl10n:\n  reviewed: yes\ntitle: Hei\n---\n";
        assert_eq!(
            set_source_hash(text, H).unwrap(),
            format!("---\nl10n:\n  source_hash: {H}\n  reviewed: yes\ntitle: Hei\n---\n")
        );
    }

    #[test]
    fn flow_style_is_rewritten() {
        let text = "---\nl10n: { source_hash: abc }\n---\n";
        assert_eq!(
            set_source_hash(text, H).unwrap(),
            format!("---\nl10n: {{ source_hash: {H} }}\n---\n")
        );
    }

    #[test]
    fn page_without_front_matter_gets_one() {
        assert_eq!(
            set_source_hash("\u{feff}Body\n", H).unwrap(),
            format!("\u{feff}---\nl10n:\n  source_hash: {H}\n---\nBody\n")
        );
    }

    #[test]
    fn unclosed_is_refused() {
        assert!(set_source_hash("---\ntitle: x\n", H).is_err());
    }
}
