//! JSX syntax, as MDX writes it: tags with their props (string props read into text, every
//! other value skipped), and `{…}` expressions with the strings, template literals and comments
//! inside them. Only what [`Mdx::read`](super::Mdx::read) needs: where a tag or an expression
//! ends, and a tag's name, kind and translatable props.

use super::{LINK_PROPS, Prop, TEXT_PROPS, TagKind};

/// The longest a tag or an expression may be: a stray `<` or `{` in text is not read on
/// through the rest of the page.
const MAX_JSX: usize = 20_000;

/// A tag as read.
pub(super) struct Parsed {
    pub(super) name: String,
    pub(super) kind: TagKind,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) props: Vec<Prop>,
    pub(super) links: Vec<(String, String)>,
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$'
}

fn is_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'.' | b':' | b'-')
}

/// Skips whitespace (line breaks and blank lines too: a tag may span them) from `i`.
fn skip_space(bytes: &[u8], i: usize) -> usize {
    i + bytes[i..]
        .iter()
        .take_while(|b| b.is_ascii_whitespace())
        .count()
}

/// Reads a name from `i`: its end.
fn name_end(bytes: &[u8], i: usize) -> usize {
    i + bytes[i..].iter().take_while(|&&b| is_name_char(b)).count()
}

/// Reads the JSX tag whose `<` is at `start`, if it is one.
pub(super) fn parse_tag(src: &str, start: usize) -> Option<Parsed> {
    let bytes = src.as_bytes();
    let limit = bytes.len().min(start + MAX_JSX);
    let bytes = &bytes[..limit];
    let mut i = start + 1;
    let first = *bytes.get(i)?;
    if first == b'/' {
        i = skip_space(bytes, i + 1);
        let end = if bytes.get(i).copied().is_some_and(is_name_start) {
            name_end(bytes, i)
        } else {
            i
        };
        let name = src[i..end].to_string();
        let i = skip_space(bytes, end);
        return (bytes.get(i) == Some(&b'>')).then(|| Parsed {
            name,
            kind: TagKind::Close,
            start,
            end: i + 1,
            props: Vec::new(),
            links: Vec::new(),
        });
    }
    if first == b'>' {
        return Some(Parsed {
            name: String::new(),
            kind: TagKind::Open,
            start,
            end: i + 1,
            props: Vec::new(),
            links: Vec::new(),
        });
    }
    if !is_name_start(first) {
        return None;
    }
    let end = name_end(bytes, i);
    let name = src[i..end].to_string();
    i = end;
    let mut props = Vec::new();
    let mut links = Vec::new();
    loop {
        let before = i;
        i = skip_space(bytes, i);
        match *bytes.get(i)? {
            b'/' => {
                let j = skip_space(bytes, i + 1);
                return (bytes.get(j) == Some(&b'>')).then(|| Parsed {
                    name,
                    kind: TagKind::SelfClosing,
                    start,
                    end: j + 1,
                    props,
                    links,
                });
            }
            b'>' => {
                return Some(Parsed {
                    name,
                    kind: TagKind::Open,
                    start,
                    end: i + 1,
                    props,
                    links,
                });
            }
            b'{' => i = expression_end(bytes, i)?,
            b if is_name_start(b) && i > before => {
                let name_to = name_end(bytes, i);
                let prop = &src[i..name_to];
                let eq = skip_space(bytes, name_to);
                if bytes.get(eq) != Some(&b'=') {
                    // A prop without a value (`aria-hidden`).
                    i = name_to;
                    continue;
                }
                i = skip_space(bytes, eq + 1);
                let (value, end) = attribute_value(src, bytes, i)?;
                if let Some((text, offset)) = value {
                    if TEXT_PROPS.contains(&prop) {
                        props.push(Prop {
                            name: prop.to_string(),
                            value: text,
                            offset,
                        });
                    } else if LINK_PROPS.contains(&prop) {
                        links.push((prop.to_string(), text));
                    }
                }
                i = end;
            }
            _ => return None,
        }
    }
}

/// Reads an attribute value at `i`: its string text and offset if it is a string, and where
/// it ends.
#[allow(clippy::type_complexity)]
fn attribute_value(src: &str, bytes: &[u8], i: usize) -> Option<(Option<(String, usize)>, usize)> {
    match *bytes.get(i)? {
        quote @ (b'"' | b'\'') => {
            let close = i + 1 + bytes[i + 1..].iter().position(|&b| b == quote)?;
            let text = decode_entities(src.get(i + 1..close)?);
            Some((Some((text, i + 1)), close + 1))
        }
        b'{' => {
            let end = expression_end(bytes, i)?;
            let inner = src.get(i + 1..end - 1)?;
            let lead = inner.len() - inner.trim_start().len();
            Some((
                string_literal(inner.trim()).map(|text| (text, i + 1 + lead + 1)),
                end,
            ))
        }
        _ => None,
    }
}

/// The text of a JavaScript string literal (`"…"`, `'…'`, or a template without `${…}`),
/// escapes resolved; `None` for any other expression.
fn string_literal(expr: &str) -> Option<String> {
    let quote = expr.chars().next()?;
    if !matches!(quote, '"' | '\'' | '`') || expr.len() < 2 || !expr.ends_with(quote) {
        return None;
    }
    let inner = &expr[1..expr.len() - 1];
    if quote == '`' && inner.contains("${") {
        return None;
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == quote {
            // The literal ended before the expression did (`{"a" + b}`).
            return None;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 't' | 'r') => out.push(' '),
            Some('\n') | None => {}
            Some(other) => out.push(other),
        }
    }
    Some(out)
}

/// A JSX string with its common HTML entities resolved.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// The end (just after the `}`) of the expression whose `{` is at `start`, skipping strings,
/// template literals and comments; `None` when it does not close.
pub(super) fn expression_end(bytes: &[u8], start: usize) -> Option<usize> {
    let limit = bytes.len().min(start + MAX_JSX);
    let mut depth = 0usize;
    let mut i = start;
    while i < limit {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            quote @ (b'"' | b'\'' | b'`') => {
                i += 1;
                while i < limit && bytes[i] != quote {
                    if bytes[i] == b'\\' {
                        i += 1;
                    } else if quote != b'`' && bytes[i] == b'\n' {
                        // A quote in prose inside an expression's JSX text (`{<p>It's</p>}`).
                        break;
                    }
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let close = bytes[i + 2..limit].windows(2).position(|w| w == b"*/")?;
                i += 2 + close + 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < limit && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}
