//! Escaping text for the markup tolk writes: XML (sitemap, XLIFF) and HTML (built pages, the
//! serve overlay). One implementation of each, so that every writer escapes alike.

/// Escapes text for XML content and attribute values: the five predefined entities, and
/// control characters XML 1.0 cannot carry replaced by U+FFFD.
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing to a `String` cannot fail.
    let _ = write_xml(&mut out, text);
    out
}

/// [`xml`], written to `out` as it goes: the text between two characters that need escaping
/// is written in one piece.
pub(crate) fn write_xml<W: std::fmt::Write + ?Sized>(out: &mut W, text: &str) -> std::fmt::Result {
    write_escaped(out, text, |byte| match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&apos;"),
        b'\t' | b'\n' | b'\r' => None,
        0..0x20 => Some("\u{fffd}"),
        _ => None,
    })
}

/// Escapes text for HTML content and double- or single-quoted attribute values.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing to a `String` cannot fail.
    let _ = write_html(&mut out, text);
    out
}

/// [`html`], written to `out` as it goes: the text between two characters that need escaping
/// is written in one piece.
pub(crate) fn write_html<W: std::fmt::Write + ?Sized>(out: &mut W, text: &str) -> std::fmt::Result {
    write_escaped(out, text, |byte| match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    })
}

/// Writes `text` to `out` with each byte `entity` names replaced by its entity (only ASCII
/// bytes are named, so every replacement is at character boundaries); the text between two
/// replacements is written in one piece.
fn write_escaped<W: std::fmt::Write + ?Sized>(
    out: &mut W,
    text: &str,
    entity: impl Fn(u8) -> Option<&'static str>,
) -> std::fmt::Result {
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let Some(entity) = entity(byte) else {
            continue;
        };
        out.write_str(&text[start..i])?;
        out.write_str(entity)?;
        start = i + 1;
    }
    out.write_str(&text[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(
            xml("a<b & \"c\" 'd'\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;\u{fffd}"
        );
        assert_eq!(
            html("<a href='x'>&</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(html("blåbær & «søt»"), "blåbær &amp; «søt»");
        assert_eq!(html("ingenting"), "ingenting");
    }

    /// `text` escaped one character at a time: `apostrophe` for `'`, and with `xml`, control
    /// characters XML does not allow replaced.
    fn by_char(text: &str, apostrophe: &str, xml: bool) -> String {
        text.chars()
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => apostrophe.to_string(),
                c if xml && (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {
                    "\u{fffd}".into()
                }
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn xml_is_the_character_by_character_escape() {
        for text in [
            "",
            "\u{0}",
            "a\tb\nc\rd\u{1f}e\u{7f}",
            "æ&ø'å<>\"",
            "https://x/?a=1&b=2",
        ] {
            assert_eq!(xml(text), by_char(text, "&apos;", true), "{text:?}");
        }
    }

    #[test]
    fn html_is_the_character_by_character_escape() {
        for text in ["", "&", "a&b<c>d\"e'f", "<<>>", "æ&ø'å", "/en/?a=1&b=2"] {
            assert_eq!(html(text), by_char(text, "&#39;", false), "{text:?}");
        }
    }
}
