//! Nesting limits for recursive input, checked by a cheap scan before any parser sees the
//! text.
//!
//! The parsers tolk uses (fluent-syntax, fluent-bundle's formatter, serde_yaml) recurse once per
//! level of nesting: a ten-kilobyte Fluent message nested thousands of placeables deep overflows
//! the stack and aborts the process, and deeply nested flow YAML takes seconds before its own
//! recursion limit stops it. No real text nests anywhere near [`MAX_DEPTH`] levels, so
//! anything deeper is refused with a finding before it is parsed.

/// The deepest nesting tolk reads: placeables in Fluent, `[`/`{` in flow YAML.
pub const MAX_DEPTH: usize = 64;

/// Where a Fluent text first nests placeables (`{ … { … } … }`) more than [`MAX_DEPTH`] deep:
/// the 1-based line, or `None` when it does not. Braces inside a placeable's string literal
/// (`{ "{" }`) are text, not nesting.
pub fn fluent_too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut line = 1;
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' | '\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(line);
                }
            }
            '}' => depth = depth.saturating_sub(1),
            '"' if depth > 0 => in_string = true,
            _ => {}
        }
    }
    None
}

/// Where a YAML, JSON or TOML text first nests flow collections (`[`, `{`) more than
/// [`MAX_DEPTH`] deep: the 1-based line, or `None`. Quoted strings are skipped.
pub fn flow_too_deep(text: &str) -> Option<usize> {
    // Only `[` and `{` nest: a text with no more of them than the limit cannot pass it, and
    // counting bytes is much faster than following quotes char by char. (Every front matter
    // is checked; almost none has that many.)
    if flow_openers(text) <= MAX_DEPTH {
        return None;
    }
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut line = 1;
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if let Some(q) = quote {
            match c {
                _ if escaped => escaped = false,
                '\\' if q == '"' => escaped = true,
                '\n' => quote = None,
                _ if c == q => quote = None,
                _ => {}
            }
            continue;
        }
        match c {
            '[' | '{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(line);
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            '"' | '\'' if depth > 0 => quote = Some(c),
            _ => {}
        }
    }
    None
}

/// How many `[` and `{` bytes `text` holds: counted in blocks of up to 255 bytes, each in a
/// byte-wide counter, which the compiler does for many bytes at once.
fn flow_openers(text: &str) -> usize {
    text.as_bytes()
        .chunks(255)
        .map(|block| {
            let count = block
                .iter()
                .fold(0u8, |n, &b| n + u8::from(b == b'[' || b == b'{'));
            usize::from(count)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fluent_depth() {
        assert_eq!(fluent_too_deep("a = { $n ->\n *[one] { b }\n}\n"), None);
        let deep = format!("a = {}x{}\n", "{ ".repeat(65), "} ".repeat(65));
        assert_eq!(fluent_too_deep(&deep), Some(1));
        let quoted = format!("a = {{ \"{}\" }}\n", "{".repeat(100));
        assert_eq!(fluent_too_deep(&quoted), None);
    }

    #[test]
    fn flow_depth() {
        assert_eq!(flow_too_deep("tags: [a, {b: c}]\ntitle: \"[[[\"\n"), None);
        assert_eq!(flow_too_deep(&format!("x: {}", "[".repeat(65))), Some(1));
        // At the limit, and past it only inside quotes: not too deep.
        assert_eq!(flow_too_deep(&format!("x: {}", "[".repeat(64))), None);
        let quoted = format!("x: [\"{}\"]\ny:\n  {}", "[".repeat(70), "[".repeat(65));
        assert_eq!(flow_too_deep(&quoted), Some(3));
        assert_eq!(
            flow_too_deep(&format!("x: [\"{}\"]\n", "{".repeat(70))),
            None
        );
        // Counted across the blocks the count is made in.
        for before in [0, 200, 250, 254, 255, 500] {
            let text = |n: usize| format!("{}\nx: {}", "a".repeat(before), "[".repeat(n));
            assert_eq!(flow_too_deep(&text(64)), None, "{before}");
            assert_eq!(flow_too_deep(&text(65)), Some(2), "{before}");
        }
        assert_eq!(flow_openers(&"[{".repeat(300)), 600);
    }
}
