//! `mojibake`: UTF-8 text that was once decoded as Latin-1 or Windows-1252 and saved again
//! (`LÃ¥nekassen` for `Lånekassen`, `â€“` for `–`).
//!
//! Each character of such a sequence stands for one byte of the original UTF-8; together they
//! form a valid UTF-8 lead byte (`Ã` = 0xC3) followed by continuation bytes (`¥` = 0xA5). A
//! sequence is only taken for mojibake when those bytes decode to one printable character, so
//! ordinary text (`Ã` in Portuguese, `â` before a letter) is left alone. Text that went through
//! the mistake twice is repaired in repeated passes. [`repairs`] is shared with `tolk fix`
//! ([`crate::edit::fix`]), which replaces exactly the reported byte ranges.

use crate::analyse::Finding;
use crate::analyse::codes;
use crate::model::Page;

/// One mojibake sequence: the byte range in the text and the text it should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// Byte offset of the first garbled character.
    pub start: usize,
    /// Byte offset just past the last garbled character.
    pub end: usize,
    /// The corrected text.
    pub fixed: String,
}

/// The byte a character stands for when UTF-8 was read as Windows-1252 (or Latin-1 for the
/// five bytes Windows-1252 leaves undefined).
fn cp1252_byte(c: char) -> Option<u8> {
    let code = c as u32;
    if (0x80..=0xFF).contains(&code) {
        return Some(code as u8);
    }
    let byte = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201C}' => 0x93,
        '\u{201D}' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(byte)
}

/// Continuation bytes a UTF-8 lead byte needs.
fn continuation_count(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(1),
        0xE0..=0xEF => Some(2),
        0xF0..=0xF4 => Some(3),
        _ => None,
    }
}

/// One pass: the garbled sequences of `text`, adjacent ones merged, each with its one-pass
/// correction.
fn one_pass(text: &str) -> Vec<Repair> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut repairs: Vec<Repair> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let decoded = cp1252_byte(c)
            .and_then(continuation_count)
            .and_then(|needed| decode(&chars, i, needed).map(|d| (d, needed)));
        let Some((fixed, needed)) = decoded else {
            i += 1;
            continue;
        };
        let last = i + needed;
        let end = chars
            .get(last + 1)
            .map_or(text.len(), |(offset, _)| *offset);
        match repairs.last_mut() {
            Some(previous) if previous.end == start => {
                previous.end = end;
                previous.fixed.push(fixed);
            }
            _ => repairs.push(Repair {
                start,
                end,
                fixed: fixed.to_string(),
            }),
        }
        i = last + 1;
    }
    repairs
}

/// The character that `needed` continuation characters after `chars[i]` spell, if they do.
fn decode(chars: &[(usize, char)], i: usize, needed: usize) -> Option<char> {
    let mut bytes = Vec::with_capacity(needed + 1);
    bytes.push(cp1252_byte(chars.get(i)?.1)?);
    for k in 1..=needed {
        let byte = cp1252_byte(chars.get(i + k)?.1)?;
        if !(0x80..=0xBF).contains(&byte) {
            return None;
        }
        bytes.push(byte);
    }
    let decoded = std::str::from_utf8(&bytes).ok()?.chars().next()?;
    // C1 controls never appear in text: a sequence decoding to one is a coincidence.
    (!decoded.is_control()).then_some(decoded)
}

fn apply(text: &str, repairs: &[Repair]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in repairs {
        out.push_str(&text[at..r.start]);
        out.push_str(&r.fixed);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Every mojibake sequence of `text`, in order, with its fully repaired text (sequences
/// garbled twice are repaired twice).
pub fn repairs(text: &str) -> Vec<Repair> {
    let mut found = one_pass(text);
    for r in &mut found {
        for _ in 0..3 {
            let again = one_pass(&r.fixed);
            if again.is_empty() {
                break;
            }
            r.fixed = apply(&r.fixed, &again);
        }
    }
    found
}

/// `text` with every mojibake sequence repaired; every other byte as it was.
pub fn repair(text: &str) -> (String, Vec<Repair>) {
    let found = repairs(text);
    (apply(text, &found), found)
}

/// The word around a repair, garbled and corrected (`LÃ¥nekassen`, `Lånekassen`).
pub fn word_around(text: &str, repair: &Repair) -> (String, String) {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let before = &text[..repair.start];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .take(30)
        .last()
        .map_or(repair.start, |(i, _)| i);
    let after = &text[repair.end..];
    let end = repair.end
        + after
            .char_indices()
            .take_while(|(_, c)| is_word(*c))
            .take(30)
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
    let garbled = text[start..end].to_string();
    let fixed = format!(
        "{}{}{}",
        &text[start..repair.start],
        repair.fixed,
        &text[repair.end..end]
    );
    (garbled, fixed)
}

/// One finding per mojibake sequence of the page, front matter included.
pub fn findings(page: &Page) -> Vec<Finding> {
    let text = &page.text;
    repairs(text)
        .into_iter()
        .map(|r| {
            let (line, column) = super::locate(text, r.start, 1);
            let (garbled, fixed) = word_around(text, &r);
            codes::finding(
                "mojibake",
                page.path.clone(),
                format!(
                    "`{garbled}` is UTF-8 text that was read as Windows-1252; it should read `{fixed}` \
                     (run `tolk fix {}`)",
                    page.path
                ),
            )
            .locale(page.locale.clone())
            .key(page.key.clone())
            .at(Some(line), Some(column))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_common_sequences() {
        assert_eq!(repair("LÃ¥nekassen").0, "Lånekassen");
        assert_eq!(repair("SÃ¸k og sÃ¦rlig").0, "Søk og særlig");
        assert_eq!(repair("2020â€“2024").0, "2020–2024");
        assert_eq!(repair("donâ€™t").0, "don’t");
        assert_eq!(repair("HÃ…NDBOK Ã˜").0, "HÅNDBOK Ø");
        assert_eq!(repair("10Â°C").0, "10°C");
    }

    #[test]
    fn repairs_double_encoding() {
        // "å" garbled twice: C3 A5 → "Ã¥" → C3 83 C2 A5 → "Ã\u{83}Â¥".
        assert_eq!(repair("L\u{c3}\u{83}\u{c2}\u{a5}nekassen").0, "Lånekassen");
    }

    #[test]
    fn leaves_real_text_alone() {
        for text in [
            "Lånekassen, Skatteetaten, Ærlig talt, Øst",
            "NÃO é São Paulo",
            "–—‘’“”…€ and ©®°±",
            "Ångström à la carte, déjà vu, naïve café",
            "â la mode",
        ] {
            assert!(repairs(text).is_empty(), "{text}: {:?}", repairs(text));
        }
    }

    #[test]
    fn word_around_names_the_whole_word() {
        let text = "Apply at LÃ¥nekassen.no today";
        let r = &repairs(text)[0];
        assert_eq!(
            word_around(text, r),
            ("LÃ¥nekassen".to_string(), "Lånekassen".to_string())
        );
        assert_eq!(&text[r.start..r.end], "Ã¥");
    }
}
