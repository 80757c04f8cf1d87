//! Text encoding of page files: UTF-8 expected; UTF-16, invalid bytes, control characters and
//! old Mac line endings are reported with their place, and the text is still read as well as
//! it can be so the rest of the page is analysed.

use crate::diagnostics::{Finding, codes};
use crate::place::line_byte_column;

/// A file's bytes as text, with findings about its encoding.
pub fn decode(bytes: &[u8], path: &str) -> (String, Vec<Finding>) {
    decode_owned(bytes.to_vec(), path)
}

/// [`decode`], taking the bytes: valid UTF-8 (nearly every file) becomes the text without a copy.
pub fn decode_owned(bytes: Vec<u8>, path: &str) -> (String, Vec<Finding>) {
    let mut findings = Vec::new();
    let text = if let Some(text) = utf16(&bytes) {
        findings.push(
            Finding::new(&codes::INVALID_UTF8,
                path,
                "the file is UTF-16, not UTF-8; tolk read it, but save it as UTF-8 (editors call it \"UTF-8\" or \"UTF-8 without BOM\")",
            )
            .at(Some(1), Some(1)),
        );
        text
    } else {
        match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                let offset = err.utf8_error().valid_up_to();
                let bytes = err.into_bytes();
                let (line, column) = line_byte_column(&bytes, offset);
                findings.push(
                    Finding::new(&codes::INVALID_UTF8,
                        path,
                        format!(
                            "the file is not valid UTF-8 (first bad byte at offset {offset}); save it as UTF-8"
                        ),
                    )
                    .at(Some(line), Some(column)),
                );
                String::from_utf8_lossy(&bytes).into_owned()
            }
        }
    };
    findings.extend(control_characters(&text, path));
    (text, findings)
}

/// The text [`decode_owned`] gives for `bytes`, without looking for what to report: for a file
/// read again, whose findings were made when it was loaded.
pub fn decode_text(bytes: Vec<u8>) -> String {
    if let Some(text) = utf16(&bytes) {
        return text;
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
    }
}

/// The findings about text already known to be valid UTF-8 (control characters): what
/// [`decode_owned`] reports for bytes that are.
pub fn check_text(text: &str, path: &str) -> Vec<Finding> {
    control_characters(text, path)
}

fn utf16(bytes: &[u8]) -> Option<String> {
    let (little, rest) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => return None,
    };
    let units: Vec<u16> = rest
        .chunks(2)
        .map(|pair| {
            let (a, b) = (pair[0], pair.get(1).copied().unwrap_or(0));
            if little {
                u16::from_le_bytes([a, b])
            } else {
                u16::from_be_bytes([a, b])
            }
        })
        .collect();
    Some(String::from_utf16_lossy(&units))
}

/// Whether `b` is a control byte tolk reports: below U+0020 except tab, line feed, carriage
/// return and form feed, or DEL. Written without branches so that [`first_control`] vectorises.
fn is_control(b: u8) -> bool {
    let allowed = (b == b'\t') | (b == b'\n') | (b == b'\r') | (b == 0x0c);
    (b < 0x20) & !allowed | (b == 0x7f)
}

/// Offset of the first control byte ([`is_control`]) in `bytes`. Whole blocks are tested first
/// (no early exit inside a block, so the test runs on many bytes at once); only a block that
/// has one is searched byte by byte.
fn first_control(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 64;
    let mut base = 0;
    for block in bytes.chunks(BLOCK) {
        if block.iter().fold(false, |any, &b| any | is_control(b)) {
            return block.iter().position(|&b| is_control(b)).map(|i| base + i);
        }
        base += block.len();
    }
    None
}

/// Whether `bytes` hold a carriage return (in blocks, like `first_control`).
pub fn has_carriage_return(bytes: &[u8]) -> bool {
    bytes
        .chunks(64)
        .any(|block| block.iter().fold(false, |any, &b| any | (b == b'\r')))
}

/// Offset of the first carriage return not followed by a line feed.
fn first_lone_cr(bytes: &[u8]) -> Option<usize> {
    if !has_carriage_return(bytes) {
        return None;
    }
    bytes
        .iter()
        .enumerate()
        .position(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
}

/// NUL and other control characters (tab, line feed, carriage return and form feed allowed), and
/// carriage returns not followed by a line feed: one finding for the first of each.
fn control_characters(text: &str, path: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let bytes = text.as_bytes();
    if let Some(offset) = first_control(bytes) {
        let (line, column) = line_byte_column(bytes, offset);
        let count = bytes.iter().filter(|&&b| is_control(b)).count();
        findings.push(
            Finding::new(&codes::CONTROL_CHARACTER,
                path,
                format!(
                    "the file contains {count} control character(s) such as U+{:04X}, which are invisible and break pages; remove them",
                    bytes[offset]
                ),
            )
            .at(Some(line), Some(column)),
        );
    }
    if let Some(offset) = first_lone_cr(bytes) {
        let (line, column) = line_byte_column(bytes, offset);
        findings.push(
            Finding::new(&codes::LINE_ENDINGS,
                path,
                "the file has carriage returns without line feeds (old Mac line endings): lines may run together; save it with LF or CRLF line endings",
            )
            .at(Some(line), Some(column)),
        );
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_clean() {
        let (text, findings) = decode("---\ntitle: Blåbær\n---\r\n".as_bytes(), "p.md");
        assert_eq!(text, "---\ntitle: Blåbær\n---\r\n");
        assert!(findings.is_empty());
    }

    #[test]
    fn utf16_is_read_and_reported() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "---\ntitle: Å\n---\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let (text, findings) = decode(&bytes, "p.md");
        assert_eq!(text, "---\ntitle: Å\n---\n");
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("UTF-16"));
    }

    /// A file read again decodes as it did when loaded.
    #[test]
    fn text_alone_is_the_text_decoded_with_findings() {
        let mut utf16 = vec![0xFE, 0xFF];
        for unit in "---\ntitle: Å\n---\n".encode_utf16() {
            utf16.extend(unit.to_be_bytes());
        }
        let cases: [&[u8]; 7] = [
            b"",
            b"plain\n",
            "---\ntitle: Å\n---\nbl\u{1}\r\n".as_bytes(),
            b"ok\nbl\xe5\n",
            b"\xff\xfe",
            b"\xef\xbb\xbfbom\n",
            &utf16,
        ];
        for bytes in cases {
            assert_eq!(
                decode_text(bytes.to_vec()),
                decode_owned(bytes.to_vec(), "p.md").0,
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn invalid_bytes_have_a_place() {
        let (_, findings) = decode(b"ok\nbl\xe5\n", "p.md");
        assert_eq!((findings[0].line, findings[0].column), (Some(2), Some(3)));
    }

    #[test]
    fn nul_and_lone_cr_are_reported() {
        let (_, findings) = decode(b"a\0b\rc", "p.md");
        let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["control-character", "line-endings"]);
    }

    /// The block scan finds exactly what a byte-by-byte scan finds, wherever the byte is.
    #[test]
    fn control_scan_matches_bytewise() {
        let plain = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c) || b == 0x7f;
        for len in [0, 1, 63, 64, 65, 200] {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    let expected = bytes.iter().position(|&b| plain(b));
                    assert_eq!(first_control(&bytes), expected, "{len} {at} {b}");
                }
            }
        }
    }

    #[test]
    fn lone_cr_is_found_after_crlf() {
        assert_eq!(first_lone_cr(b"a\r\nb\r\n"), None);
        assert_eq!(first_lone_cr(b"a\r\nb\rc"), Some(4));
        assert_eq!(first_lone_cr(b"ab\r"), Some(2));
    }

    #[test]
    fn owned_and_borrowed_agree_on_invalid_bytes() {
        let bytes = b"ok\nbl\xe5\x01\n";
        assert_eq!(decode(bytes, "p.md"), decode_owned(bytes.to_vec(), "p.md"));
    }
}
