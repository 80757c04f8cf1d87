//! Text encoding of page files: UTF-8 expected; UTF-16, invalid bytes, control characters and
//! old Mac line endings are reported with their place, and the text is still read as well as
//! it can be so the rest of the page is analysed.

use crate::analyse::{Finding, Severity};

/// A file's bytes as text, with findings about its encoding.
pub fn decode(bytes: &[u8], path: &str) -> (String, Vec<Finding>) {
    let mut findings = Vec::new();
    let text = if let Some(text) = utf16(bytes) {
        findings.push(
            Finding::new(
                "invalid-utf8",
                Severity::Error,
                path,
                "the file is UTF-16, not UTF-8; tolk read it, but save it as UTF-8 (editors call it \"UTF-8\" or \"UTF-8 without BOM\")",
            )
            .at(Some(1), Some(1)),
        );
        text
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(err) => {
                let offset = err.valid_up_to();
                let (line, column) = line_col(bytes, offset);
                findings.push(
                    Finding::new(
                        "invalid-utf8",
                        Severity::Error,
                        path,
                        format!(
                            "the file is not valid UTF-8 (first bad byte at offset {offset}); save it as UTF-8"
                        ),
                    )
                    .at(Some(line), Some(column)),
                );
                String::from_utf8_lossy(bytes).into_owned()
            }
        }
    };
    findings.extend(control_characters(&text, path));
    (text, findings)
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

/// 1-based line and column (in bytes) of byte `offset`.
pub fn line_col(bytes: &[u8], offset: usize) -> (u32, u32) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.len()
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
        + 1;
    (line as u32, column as u32)
}

/// NUL and other control characters (tab, line feed, carriage return and form feed allowed), and
/// carriage returns not followed by a line feed: one finding for the first of each.
fn control_characters(text: &str, path: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let bytes = text.as_bytes();
    if let Some(offset) = bytes
        .iter()
        .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c) || b == 0x7f)
    {
        let (line, column) = line_col(bytes, offset);
        let count = bytes
            .iter()
            .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c) || b == 0x7f)
            .count();
        findings.push(
            Finding::new(
                "control-character",
                Severity::Error,
                path,
                format!(
                    "the file contains {count} control character(s) such as U+{:04X}, which are invisible and break pages; remove them",
                    bytes[offset]
                ),
            )
            .at(Some(line), Some(column)),
        );
    }
    if let Some(offset) = bytes
        .iter()
        .enumerate()
        .position(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
    {
        let (line, column) = line_col(bytes, offset);
        findings.push(
            Finding::new(
                "line-endings",
                Severity::Warning,
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
}
