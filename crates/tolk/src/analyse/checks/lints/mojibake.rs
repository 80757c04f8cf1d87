//! `mojibake`: UTF-8 text that was once decoded as Latin-1 or Windows-1252 and saved again
//! (`LÃ¥nekassen` for `Lånekassen`, `â€“` for `–`).
//!
//! Each character of such a sequence stands for one byte of the original UTF-8; together they
//! form a valid UTF-8 lead byte (`Ã` = 0xC3) followed by continuation bytes (`¥` = 0xA5). A
//! sequence is only taken for mojibake when those bytes decode to one printable character, so
//! ordinary text (`Ã` in Portuguese, `â` before a letter) is left alone. Text that went through
//! the mistake twice is repaired in repeated passes. [`repairs`] is shared with `tolk fix`
//! ([`crate::edit::fix`]), which replaces exactly the reported byte ranges.

use crate::diagnostics::Finding;
use crate::diagnostics::codes;
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
///
/// Only [`candidates`] can start a sequence, so the scan jumps from one to the next (skipping
/// those inside a sequence already taken): the same sequences as trying every character.
fn one_pass(text: &str) -> Vec<Repair> {
    let mut repairs: Vec<Repair> = Vec::new();
    let mut cursor = 0;
    for start in candidates(text.as_bytes()) {
        if start < cursor {
            continue;
        }
        let Some((fixed, len)) = text.get(start..).and_then(decode) else {
            continue;
        };
        let end = start + len;
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
        cursor = end;
    }
    repairs
}

/// The first byte of a character that stands for a UTF-8 lead byte: U+00C2 to U+00F4 are
/// encoded as C3 82 to C3 B4.
const LEAD_FIRST: u8 = 0xC3;

/// Byte offsets (in order, all character boundaries) where a garbled sequence may start: a
/// character standing for a lead byte, followed by a character that is not ASCII (every
/// character standing for a continuation byte is not).
fn candidates(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let at = find_byte(bytes, from, LEAD_FIRST)?;
            from = at + 1;
            let second = bytes.get(at + 1).copied().unwrap_or(0);
            let third = bytes.get(at + 2).copied().unwrap_or(0);
            if (0x82..=0xB4).contains(&second) && third >= 0x80 {
                return Some(at);
            }
        }
    })
}

/// Offset of the first `needle` in `haystack` at or after `from`, eight bytes at a time.
fn find_byte(haystack: &[u8], from: usize, needle: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let rest = haystack.get(from..)?;
    let pattern = ONES * u64::from(needle);
    let mut chunks = rest.chunks_exact(8);
    let mut offset = from;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ pattern;
        // A byte of `x` is zero where the chunk holds `needle`; the lowest flag is exact.
        let zeros = x.wrapping_sub(ONES) & !x & HIGHS;
        if zeros != 0 {
            return Some(offset + (zeros.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    let tail = chunks.remainder();
    tail.iter().position(|&b| b == needle).map(|i| offset + i)
}

/// The character that the sequence at the start of `text` spells (a character standing for a
/// lead byte, then as many standing for continuation bytes as it needs), with the
/// sequence's length in bytes, if it spells one.
fn decode(text: &str) -> Option<(char, usize)> {
    let mut chars = text.chars();
    let first = chars.next()?;
    let lead = cp1252_byte(first)?;
    let needed = continuation_count(lead)?;
    let mut bytes = [lead, 0, 0, 0];
    let mut len = first.len_utf8();
    for slot in bytes.iter_mut().skip(1).take(needed) {
        let c = chars.next()?;
        let byte = cp1252_byte(c)?;
        if !(0x80..=0xBF).contains(&byte) {
            return None;
        }
        *slot = byte;
        len += c.len_utf8();
    }
    let decoded = std::str::from_utf8(&bytes[..=needed])
        .ok()?
        .chars()
        .next()?;
    // C1 controls never appear in text: a sequence decoding to one is a coincidence.
    (!decoded.is_control()).then_some((decoded, len))
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

/// Whether a sequence of [`one_pass`] is taken for mojibake: always where it spells more than
/// one character or a character of fewer than three bytes. A lone three-byte character must be
/// one garbling commonly makes, or a letter that could stand where it stands:
/// - punctuation and symbols (`’`, `–`, `€`, `→`), a byte order mark, or a Latin letter
///   (Vietnamese `ệ`) are taken;
/// - a letter of another script is taken unless it is glued to the end of a word, as French
///   typography glues `é`, a no-break space and `»` (`personnalisé »`, which would spell
///   `personnalis頻`);
/// - any other character (`« à »` would spell a Samaritan punctuation mark) is not.
fn plausible(text: &str, repair: &Repair) -> bool {
    let mut chars = repair.fixed.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return true;
    };
    if c.len_utf8() != 3 || is_common_symbol(c) || is_latin_letter(c) {
        return true;
    }
    if c.is_alphabetic() {
        let before = text.get(..repair.start).and_then(|t| t.chars().next_back());
        return !before.is_some_and(char::is_alphabetic);
    }
    false
}

/// Characters of three UTF-8 bytes that garbled text commonly holds: punctuation, currency,
/// arrows, mathematical and technical signs, box drawing, dingbats, CJK punctuation, variation
/// selectors, the byte order mark and the replacement character.
fn is_common_symbol(c: char) -> bool {
    matches!(c,
        '\u{2000}'..='\u{2BFF}' | '\u{3000}'..='\u{303F}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FFFD}')
}

/// Letters of the Latin script (those of the Latin Extended Additional and later blocks that
/// take three UTF-8 bytes among them).
fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic()
        && matches!(c,
            'A'..='Z' | 'a'..='z' | '\u{00C0}'..='\u{024F}' | '\u{1D00}'..='\u{1DBF}'
            | '\u{1E00}'..='\u{1EFF}' | '\u{2C60}'..='\u{2C7F}' | '\u{A720}'..='\u{A7FF}'
            | '\u{AB30}'..='\u{AB6F}' | '\u{FB00}'..='\u{FB06}')
}

/// Every mojibake sequence of `text`, in order, with its fully repaired text (sequences
/// garbled twice are repaired twice).
pub fn repairs(text: &str) -> Vec<Repair> {
    let mut found = one_pass(text);
    found.retain(|r| plausible(text, r));
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

/// One finding per mojibake sequence of `page`, whose whole text (front matter included) is
/// `text`.
pub fn findings(page: &Page, text: &str) -> Vec<Finding> {
    repairs(text)
        .into_iter()
        .map(|r| {
            let (line, column) = crate::place::line_column(text, r.start);
            let (garbled, fixed) = word_around(text, &r);
            Finding::new(&codes::MOJIBAKE,
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

    /// French typography puts a no-break space before `»`: after `é` (`E9 A0 BB` in
    /// Windows-1252) the three spell a CJK character, which is no mojibake.
    #[test]
    fn french_quotes_are_no_mojibake() {
        for text in [
            "« un thème personnalisé\u{a0}»",
            "« voilà\u{a0}», « déjà\u{a0}», « garçon\u{a0}», « très\u{a0}»",
            "«\u{a0}à\u{a0}»",
            "«\u{a0}Été\u{a0}»\n«\u{a0}chômé\u{a0}› et ‹\u{a0}fête\u{a0}›",
            "« communauté\u{a0}» et « ça\u{a0}»",
        ] {
            assert!(repairs(text).is_empty(), "{text}: {:?}", repairs(text));
        }
    }

    /// What garbling three-byte characters makes is still found: punctuation glued to words, a
    /// byte order mark, Latin letters inside words, and other scripts, alone or in runs.
    #[test]
    fn three_byte_characters_are_still_repaired() {
        for (garbled, fixed) in [
            ("donâ€™t", "don’t"),
            ("ï»¿# Title", "\u{feff}# Title"),
            ("Viá»‡t Nam", "Việt Nam"),
            ("æ—¥æœ¬èªž", "日本語"),
            ("the kanji æ—¥ means sun", "the kanji 日 means sun"),
            ("ì•ˆë…•í•˜ì„¸ìš”", "안녕하세요"),
            ("price: 5â‚¬", "price: 5€"),
        ] {
            assert_eq!(repair(garbled).0, fixed, "{garbled}");
        }
    }

    /// The scan as it was before [`candidates`]: every character tried in turn.
    fn one_pass_every_character(text: &str) -> Vec<Repair> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut repairs: Vec<Repair> = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let (start, c) = chars[i];
            let decoded = cp1252_byte(c)
                .and_then(continuation_count)
                .and_then(|needed| decode_chars(&chars, i, needed).map(|d| (d, needed)));
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

    /// The character that `needed` continuation characters after `chars[i]` spell, if they do
    /// (the decoding as it was before [`decode`]).
    fn decode_chars(chars: &[(usize, char)], i: usize, needed: usize) -> Option<char> {
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
        (!decoded.is_control()).then_some(decoded)
    }

    /// `text` encoded as UTF-8 and read back as Windows-1252: mojibake made on purpose.
    fn garble(text: &str) -> String {
        text.bytes()
            .map(|b| {
                "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
                    .chars()
                    .find(|&c| cp1252_byte(c) == Some(b))
                    .unwrap_or(char::from(b))
            })
            .collect()
    }

    const SAMPLES: &[&str] = &[
        "LÃ¥nekassen",
        "SÃ¸k og sÃ¦rlig",
        "2020â€“2024",
        "donâ€™t",
        "HÃ…NDBOK Ã˜",
        "10Â°C",
        "L\u{c3}\u{83}\u{c2}\u{a5}nekassen",
        "Lånekassen, Skatteetaten, Ærlig talt, Øst",
        "NÃO é São Paulo",
        "–—‘’“”…€ and ©®°±",
        "Ångström à la carte, déjà vu, naïve café",
        "â la mode",
        "Apply at LÃ¥nekassen.no today",
        "Ã",
        "Ã¥",
        "â€",
        "å«ø»æ€",
        "ðŸ˜€ emoji",
    ];

    #[test]
    fn jumping_between_candidates_finds_what_every_character_finds() {
        for text in SAMPLES {
            assert_eq!(one_pass(text), one_pass_every_character(text), "{text}");
            let twice = garble(&garble(text));
            assert_eq!(
                one_pass(&twice),
                one_pass_every_character(&twice),
                "{twice}"
            );
        }
        assert_eq!(garble("å–"), "Ã¥â€“");
    }

    #[test]
    fn find_byte_finds_the_first_occurrence() {
        let hay = b"abcdefgh\xC3ijklmnop\xC3q";
        assert_eq!(find_byte(hay, 0, 0xC3), Some(8));
        assert_eq!(find_byte(hay, 9, 0xC3), Some(17));
        assert_eq!(find_byte(hay, 18, 0xC3), None);
        assert_eq!(find_byte(hay, 99, 0xC3), None);
        for len in 0..20 {
            let mut hay = vec![b'x'; len];
            assert_eq!(find_byte(&hay, 0, 0xC3), None);
            if len > 0 {
                hay[len - 1] = 0xC3;
                assert_eq!(find_byte(&hay, 0, 0xC3), Some(len - 1));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn candidates_miss_no_sequence(
            picks in proptest::collection::vec(0usize..24, 0..48),
            garbled in proptest::bool::ANY,
        ) {
            const ALPHABET: [&str; 24] = [
                "a", " ", "\n", "å", "æ", "ø", "Å", "Ã", "Â", "â", "¥", "€", "™", "\u{83}",
                "‚", "¸", "©", "«", "»", "ð", "Ÿ", "\u{80}", "\u{9F}", "é",
            ];
            let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
            let text = if garbled { garble(&text) } else { text };
            proptest::prop_assert_eq!(one_pass(&text), one_pass_every_character(&text));
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
