//! gettext PO: writing the work for a locale, and reading a translated file back.
//!
//! One entry per segment, `msgctxt` = `<key>#<segment id>`. Placeholders are written like XML
//! tags (`<1>…</1>` paired, `<2/>` standalone; a literal `<` is `<<`), which PO editors show
//! as tags and `pocount` leaves out of its word counts. The header names the locales
//! (`Language`, `X-Source-Language`) and each page's baseline (`X-Tolk-Page: key, source
//! path, translation path, mode, source hash, baseline`, tab-separated). A stale segment
//! has the previous source as `#| msgid` and, with the current translation, in `#.`
//! comments; a memory match is the `msgstr`, marked `#, fuzzy`.

use super::export::{Entry, PageWork, Work};
use super::segments::parse_marked;
use super::xliff::Malformed;
use super::{Returned, ReturnedPage, ReturnedUnit};

/// The work as a PO file.
pub fn write(work: &Work) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "# tolk export: {} to {}\nmsgid \"\"\nmsgstr \"\"\n",
        work.source_locale, work.locale
    ));
    let mut header = vec![
        format!("Project-Id-Version: tolk {}", env!("CARGO_PKG_VERSION")),
        format!("Language: {}", work.locale),
        "MIME-Version: 1.0".to_string(),
        "Content-Type: text/plain; charset=UTF-8".to_string(),
        "Content-Transfer-Encoding: 8bit".to_string(),
        format!("X-Generator: tolk {}", env!("CARGO_PKG_VERSION")),
        format!("X-Source-Language: {}", work.source_locale),
    ];
    for page in &work.pages {
        header.push(format!(
            "X-Tolk-Page: {}\t{}\t{}\t{}\t{}\t{}",
            page.key,
            page.source_path,
            page.target_path,
            page.mode.code(),
            page.source_hash,
            page.baseline.as_deref().unwrap_or("-")
        ));
    }
    for line in header {
        out.push_str(&format!("{}\n", quote(&format!("{line}\n"))));
    }
    for page in &work.pages {
        for entry in &page.entries {
            out.push('\n');
            write_entry(&mut out, page, entry);
        }
    }
    out
}

fn write_entry(out: &mut String, page: &PageWork, entry: &Entry) {
    let segment = &entry.segment;
    out.push_str(&format!(
        "#. {}, line {} of {}\n",
        one_line(&segment.kind),
        segment.line,
        page.source_path
    ));
    if let Some(previous) = &entry.previous {
        out.push_str(&format!("#. Previous source: {}\n", one_line(previous)));
    }
    if let Some(current) = &entry.current {
        out.push_str(&format!("#. Current translation: {}\n", one_line(current)));
    }
    out.push_str(&format!("#: {}:{}\n", page.source_path, segment.line));
    if entry.memory.is_some() {
        out.push_str("#, fuzzy\n");
    }
    if let Some(previous) = &entry.previous {
        out.push_str(&format!("#| msgid {}\n", quote(previous)));
    }
    out.push_str(&format!(
        "msgctxt {}\nmsgid {}\nmsgstr {}\n",
        quote(&format!("{}#{}", page.key, segment.id)),
        quote(&segment.marked()),
        quote(
            &entry
                .memory
                .as_deref()
                .map(super::segments::marked)
                .unwrap_or_default()
        )
    ));
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// A PO string literal.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn unquote(text: &str, line: usize) -> Result<String, Malformed> {
    let bad = |message: &str| Malformed {
        line,
        message: message.to_string(),
    };
    let inner = text
        .trim()
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .ok_or_else(|| bad("expected a string in double quotes"))?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some(other) => return Err(bad(&format!("unknown escape `\\{other}`"))),
                None => return Err(bad("a string ends in a lone backslash")),
            },
            '"' => return Err(bad("an unescaped `\"` inside a string")),
            c => out.push(c),
        }
    }
    Ok(out)
}

#[derive(Default)]
struct RawEntry {
    line: usize,
    fuzzy: bool,
    context: Option<String>,
    id: Option<String>,
    translation: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Field {
    Context,
    Id,
    Translation,
}

/// Reads a translated PO file.
pub fn read(file: &str, text: &str) -> Result<Returned, Malformed> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut entries: Vec<RawEntry> = Vec::new();
    let mut current = RawEntry::default();
    let mut field: Option<Field> = None;
    let mut started = false;
    let finish = |entry: &mut RawEntry, entries: &mut Vec<RawEntry>, line: usize| {
        if entry.id.is_some() {
            entries.push(std::mem::take(entry));
        } else if entry.context.is_some() || entry.translation.is_some() {
            return Err(Malformed {
                line: entry.line,
                message: "an entry without msgid".into(),
            });
        } else {
            *entry = RawEntry::default();
        }
        entry.line = line;
        Ok(())
    };
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('#') {
            if started {
                finish(&mut current, &mut entries, line_no)?;
                started = false;
                field = None;
            }
            if current.line == 0 {
                current.line = line_no;
            }
            if let Some(flags) = line.strip_prefix("#,") {
                current.fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
            }
            continue;
        }
        let (keyword, rest) = match line.split_once(char::is_whitespace) {
            Some((k, r)) if !line.starts_with('"') => (k, r),
            _ => ("", line),
        };
        let value = unquote(rest, line_no)?;
        let target = match keyword {
            "" => {
                let Some(f) = field else {
                    return Err(Malformed {
                        line: line_no,
                        message: "a string that continues nothing".into(),
                    });
                };
                let slot = match f {
                    Field::Context => &mut current.context,
                    Field::Id => &mut current.id,
                    Field::Translation => &mut current.translation,
                };
                slot.get_or_insert_with(String::new).push_str(&value);
                continue;
            }
            "msgctxt" => Field::Context,
            "msgid" => Field::Id,
            "msgstr" => Field::Translation,
            "msgid_plural" | "msgstr[0]" | "msgstr[1]" => {
                return Err(Malformed {
                    line: line_no,
                    message: "plural entries are not segments tolk exported".into(),
                });
            }
            other => {
                return Err(Malformed {
                    line: line_no,
                    message: format!("`{other}` is not a PO keyword"),
                });
            }
        };
        let order = |f: Field| match f {
            Field::Context => 0,
            Field::Id => 1,
            Field::Translation => 2,
        };
        if started && field.is_some_and(|f| order(f) >= order(target)) {
            finish(&mut current, &mut entries, line_no)?;
        }
        if current.line == 0 {
            current.line = line_no;
        }
        started = true;
        field = Some(target);
        let slot = match target {
            Field::Context => &mut current.context,
            Field::Id => &mut current.id,
            Field::Translation => &mut current.translation,
        };
        if slot.is_some() {
            return Err(Malformed {
                line: line_no,
                message: "a keyword repeated in one entry".into(),
            });
        }
        *slot = Some(value);
    }
    finish(&mut current, &mut entries, text.lines().count() + 1)?;
    let mut returned = Returned {
        file: file.to_string(),
        ..Returned::default()
    };
    let mut entries = entries.into_iter();
    let header = entries
        .next()
        .filter(|e| e.id.as_deref() == Some("") && e.context.is_none())
        .ok_or_else(|| Malformed {
            line: 1,
            message: "no PO header (the first entry must be msgid \"\" with the file's fields)"
                .into(),
        })?;
    for field in header.translation.unwrap_or_default().lines() {
        let Some((name, value)) = field.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim() {
            "Language" => returned.locale = value.to_string(),
            "X-Source-Language" => returned.source_locale = value.to_string(),
            "X-Tolk-Page" => {
                let parts: Vec<&str> = value.split('\t').collect();
                let [key, source, target, mode, hash, baseline] = parts[..] else {
                    return Err(Malformed {
                        line: header.line,
                        message: format!("X-Tolk-Page `{value}` does not have six fields"),
                    });
                };
                returned.pages.push(ReturnedPage {
                    key: key.to_string(),
                    source_path: source.to_string(),
                    target_path: target.to_string(),
                    mode: mode.to_string(),
                    source_hash: hash.to_string(),
                    baseline: (baseline != "-").then(|| baseline.to_string()),
                    units: Vec::new(),
                });
            }
            _ => {}
        }
    }
    if returned.locale.is_empty() {
        return Err(Malformed {
            line: header.line,
            message: "the header has no Language".into(),
        });
    }
    for entry in entries {
        let context = entry.context.unwrap_or_default();
        let Some((key, id)) = context.rsplit_once('#') else {
            return Err(Malformed {
                line: entry.line,
                message: format!("msgctxt `{context}` is not `<key>#<segment>`"),
            });
        };
        let Some(page) = returned.pages.iter_mut().find(|p| p.key == key) else {
            return Err(Malformed {
                line: entry.line,
                message: format!("msgctxt names page `{key}`, which the header does not list"),
            });
        };
        let translation = entry.translation.unwrap_or_default();
        page.units.push(ReturnedUnit {
            id: id.to_string(),
            line: entry.line,
            source: entry.id.unwrap_or_default(),
            target: (!translation.trim().is_empty()).then(|| parse_marked(&translation)),
            unreviewed: entry.fuzzy,
        });
    }
    Ok(returned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_header_entries_and_flags() {
        let text = "msgid \"\"\nmsgstr \"\"\n\"Language: nn\\n\"\n\"X-Tolk-Page: om\\tcontent/nb/om.md\\tcontent/nn/om.md\\tcreate\\tabc\\t-\\n\"\n\n#, fuzzy\nmsgctxt \"om#b1\"\nmsgid \"Hei <1>du</1>\"\nmsgstr \"\"\n\"Hei \"\n\"<1>du</1>\"\n";
        let returned = read("x.po", text).unwrap();
        assert_eq!(returned.locale, "nn");
        let page = &returned.pages[0];
        assert_eq!(page.mode, "create");
        assert_eq!(page.units[0].id, "b1");
        assert!(page.units[0].unreviewed);
        assert_eq!(page.units[0].line, 6);
        assert_eq!(page.units[0].target.as_ref().unwrap().len(), 4);
    }

    #[test]
    fn malformed_input_names_the_line() {
        let bad = "msgid \"\"\nmsgstr \"\"\n\"Language: nn\\n\"\n\nmsgctxt \"om#b1\"\nmsgid \"x\nmsgstr \"\"\n";
        assert_eq!(read("x.po", bad).unwrap_err().line, 6);
        assert!(read("x.po", "").is_err());
    }
}
