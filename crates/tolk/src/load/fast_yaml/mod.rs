//! A fast reader for the regular shape most front matter has, giving exactly the
//! [`Value`] serde_yaml (serde_norway) would give, or declining.
//!
//! It owns nothing but speed: YAML is serde_norway's job. This module reads only a small,
//! regular subset, and for anything outside it returns `None`, so the caller parses the
//! whole document with serde_norway as before. The subset:
//!
//! - lines of printable characters (no tabs, no lone carriage returns, no Unicode line
//!   separators or byte-order marks); LF or CRLF line ends;
//! - blank lines and comment lines (`# …`) anywhere;
//! - a block mapping at column 0 of `key: value` lines, keys made of ASCII letters, digits,
//!   `_` and `-` (starting with a letter or `_`, not `null`/`true`/`false`), no key twice;
//! - a value is one-line scalar, or nothing: then a more indented block mapping or
//!   `- item` list follows (a list may also sit at the key's own indentation), or it is null;
//! - list items are one-line scalars;
//! - scalars are plain (not starting with an indicator character, without `: `, ending
//!   before ` #`), single-quoted (`''` for a quote) or double-quoted (escapes `\"`, `\\`,
//!   `\/`, `\n`, `\t` only), each on one line; a plain scalar is resolved as serde_norway
//!   resolves it only where that is plain to see (see [`resolve`]), else the reader declines.
//!
//! The reader gives a borrowed tree ([`read`]: keys and text that need no unescaping point
//! into the document) for callers that read a few fields and drop the rest, and serde_norway's
//! [`Value`] built from that tree ([`parse`]) for callers that keep the data; both take and
//! decline the same documents.
//!
//! The unit tests check it against serde_norway on generated documents in and around the
//! subset: for each, the reader either declines or gives an equal value.

use std::borrow::Cow;

use serde_yaml::{Mapping, Number, Value};

/// Deepest nesting of mappings and lists read (deeper documents are declined).
const MAX_DEPTH: usize = 16;

/// Longest key read (libyaml limits simple keys to 1024 characters; far below that here).
const MAX_KEY_LEN: usize = 128;

/// The value of `yaml` as serde_norway would read it, if `yaml` lies in the subset this module
/// reads (a non-empty top-level mapping); `None` otherwise.
pub(crate) fn parse(yaml: &str) -> Option<Value> {
    read(yaml).map(|map| Value::Mapping(map.into_mapping()))
}

/// The top-level mapping of `yaml` as a tree borrowing from it, if `yaml` lies in the subset
/// this module reads; `None` otherwise. Taken exactly where [`parse`] takes a document, and
/// then the same value as [`parse`]'s (see [`Map::into_mapping`]).
pub(crate) fn read(yaml: &str) -> Option<Map<'_>> {
    if !all_printable(yaml) {
        return None;
    }
    let lines = content_lines(yaml)?;
    let mut reader = Reader { lines, pos: 0 };
    if reader.peek()?.indent != 0 {
        return None;
    }
    let map = reader.mapping(0, 0)?;
    (reader.pos == reader.lines.len()).then_some(map)
}

/// A value in the subset, its text borrowed from the document wherever it is written there as
/// it reads (unquoted, or quoted without escapes).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    /// Null: `null`, `~`, or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer or a finite float, as serde_norway holds it.
    Number(Number),
    /// Text.
    String(Cow<'a, str>),
    /// A list (of scalars, in this subset).
    Sequence(Vec<Node<'a>>),
    /// A block mapping.
    Mapping(Map<'a>),
}

impl Node<'_> {
    /// The [`Value`] serde_norway gives for this node.
    pub(crate) fn into_value(self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(b),
            Node::Number(n) => Value::Number(n),
            Node::String(s) => Value::String(s.into_owned()),
            Node::Sequence(items) => {
                Value::Sequence(items.into_iter().map(Node::into_value).collect())
            }
            Node::Mapping(map) => Value::Mapping(map.into_mapping()),
        }
    }
}

/// A block mapping in the subset: its entries in written order, no key written twice (keys
/// that differ only in case are different keys).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Map<'a> {
    entries: Vec<(&'a str, Node<'a>)>,
}

impl<'a> Map<'a> {
    /// The entries in written order.
    pub(crate) fn entries(&self) -> &[(&'a str, Node<'a>)] {
        &self.entries
    }

    /// The [`Mapping`] serde_norway gives for this mapping (string keys, written order).
    pub(crate) fn into_mapping(self) -> Mapping {
        let mut mapping = Mapping::with_capacity(self.entries.len());
        for (key, value) in self.entries {
            mapping.insert(Value::String(key.to_string()), value.into_value());
        }
        mapping
    }
}

/// Whether no key among `entries` is written twice. Pairs are compared in a small mapping, sorted
/// keys in a larger one.
fn unique_keys(entries: &[(&str, Node<'_>)]) -> bool {
    if entries.len() <= 16 {
        return entries
            .iter()
            .enumerate()
            .all(|(i, (key, _))| entries[..i].iter().all(|(other, _)| other != key));
    }
    let mut keys: Vec<&str> = entries.iter().map(|(key, _)| *key).collect();
    keys.sort_unstable();
    keys.windows(2).all(|pair| pair[0] != pair[1])
}

/// Whether `text` holds only characters the subset allows: printable ASCII, line feed,
/// carriage return (checked to precede a line feed elsewhere), and non-ASCII from U+00A0 up
/// except line and paragraph separators, the byte-order mark and the non-characters U+FFFE
/// and U+FFFF. Looks at bytes: the excluded characters are the UTF-8 sequences C2 80–9F,
/// E2 80 A8–A9, EF BB BF and EF BF BE–BF (lead bytes never occur inside another character).
/// Sixteen bytes at a time are first tested for printable ASCII and line ends only, a test
/// the compiler runs on all of them at once; only where that fails are they looked at one by
/// one.
fn all_printable(text: &str) -> bool {
    let bytes = text.as_bytes();
    let allowed = |i: usize| match bytes[i] {
        b' '..=b'~' | b'\n' | b'\r' => true,
        0xc2 => bytes.get(i + 1).is_some_and(|&c| c >= 0xa0),
        0xe2 => !matches!(bytes.get(i + 1..i + 3), Some([0x80, 0xa8 | 0xa9])),
        0xef => !matches!(
            bytes.get(i + 1..i + 3),
            Some([0xbb, 0xbf] | [0xbf, 0xbe | 0xbf])
        ),
        b => b >= 0x80,
    };
    let (chunks, _) = bytes.as_chunks::<16>();
    let mut start = 0;
    for chunk in chunks {
        let ascii = chunk.iter().fold(true, |all, &b| {
            all & (matches!(b, b' '..=b'~') | (b == b'\n') | (b == b'\r'))
        });
        if !ascii && !(start..start + 16).all(allowed) {
            return false;
        }
        start += 16;
    }
    (start..bytes.len()).all(allowed)
}

/// One line with content: its indentation (spaces) and the rest.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    indent: usize,
    body: &'a str,
}

/// The lines of `yaml` that are neither blank nor comments; `None` if a carriage return is
/// not part of a line end.
fn content_lines(yaml: &str) -> Option<Vec<Line<'_>>> {
    let mut lines = Vec::new();
    // One search of the whole text spares one a line where there is no carriage return.
    let any_return = yaml.contains('\r');
    for raw in yaml.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if any_return && raw.contains('\r') {
            return None;
        }
        let body = raw.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        lines.push(Line {
            indent: raw.len() - body.len(),
            body,
        });
    }
    Some(lines)
}

/// What follows a key's colon or an item's dash.
enum Inline<'a> {
    /// Nothing (or only a comment): a nested block or null follows.
    Empty,
    /// A scalar on the same line.
    Scalar(Node<'a>),
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<Line<'a>> {
        self.lines.get(self.pos).copied()
    }

    /// The block mapping whose keys sit at `indent`.
    fn mapping(&mut self, indent: usize, depth: usize) -> Option<Map<'a>> {
        let mut entries = Vec::with_capacity(self.count_at(indent));
        while let Some(line) = self.peek() {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let (key, rest) = entry(line.body)?;
            self.pos += 1;
            let value = match inline(rest)? {
                Inline::Scalar(value) => value,
                Inline::Empty => self.nested(indent, depth)?,
            };
            entries.push((key, value));
        }
        unique_keys(&entries).then_some(Map { entries })
    }

    /// How many of the next lines sit at `indent` before one sits to the left of it (the
    /// size of the block there, to allocate it at once).
    fn count_at(&self, indent: usize) -> usize {
        self.lines[self.pos..]
            .iter()
            .take_while(|line| line.indent >= indent)
            .filter(|line| line.indent == indent)
            .count()
    }

    /// The value of a key at `indent` written without one on its line: a more indented
    /// mapping or list, a list at the same indentation, or null.
    fn nested(&mut self, indent: usize, depth: usize) -> Option<Node<'a>> {
        let Some(next) = self.peek() else {
            return Some(Node::Null);
        };
        if depth + 1 > MAX_DEPTH {
            return None;
        }
        let is_item = item(next.body).is_some();
        if next.indent > indent {
            if is_item {
                self.sequence(next.indent, false).map(Node::Sequence)
            } else {
                self.mapping(next.indent, depth + 1).map(Node::Mapping)
            }
        } else if next.indent == indent && is_item {
            self.sequence(indent, true).map(Node::Sequence)
        } else {
            Some(Node::Null)
        }
    }

    /// The list whose dashes sit at `indent`. A `compact` list (at its key's indentation)
    /// ends at the next line that is not an item; any other ends only where the indentation
    /// drops.
    fn sequence(&mut self, indent: usize, compact: bool) -> Option<Vec<Node<'a>>> {
        let mut items = Vec::with_capacity(self.count_at(indent));
        while let Some(line) = self.peek() {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let Some(rest) = item(line.body) else {
                if compact {
                    break;
                }
                return None;
            };
            self.pos += 1;
            match inline(rest)? {
                Inline::Scalar(value) => items.push(value),
                Inline::Empty => return None,
            }
        }
        Some(items)
    }
}

/// `key` and what follows its colon, if `body` starts with a key the subset allows.
fn entry(body: &str) -> Option<(&str, &str)> {
    let end = body
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))?;
    let (key, rest) = body.split_at(end);
    let rest = rest.strip_prefix(':')?;
    let first = key.bytes().next()?;
    let key_ok = (first.is_ascii_alphabetic() || first == b'_')
        && key.len() <= MAX_KEY_LEN
        && !is_null(key)
        && is_bool(key).is_none();
    (key_ok && (rest.is_empty() || rest.starts_with(' '))).then_some((key, rest))
}

/// What follows the dash, if `body` is a list item (`- …` or a lone `-`).
fn item(body: &str) -> Option<&str> {
    let rest = body.strip_prefix('-')?;
    (rest.is_empty() || rest.starts_with(' ')).then_some(rest)
}

/// The scalar in `rest` (the text after a colon or dash, empty or starting with a space).
fn inline(rest: &str) -> Option<Inline<'_>> {
    let text = rest.trim_start_matches(' ');
    match text.bytes().next() {
        None | Some(b'#') => Some(Inline::Empty),
        Some(b'"') => double_quoted(&text[1..]).map(Inline::Scalar),
        Some(b'\'') => single_quoted(&text[1..]).map(Inline::Scalar),
        Some(b) if is_indicator(b) => None,
        Some(_) => plain(text).map(Inline::Scalar),
    }
}

/// Characters that may not start a plain scalar here (YAML indicators, and `-`, `?` and `:`
/// which may in some positions but are declined).
fn is_indicator(b: u8) -> bool {
    b"-?:,[]{}#&*!|>'\"%@`".contains(&b)
}

/// A plain scalar: up to a comment (` #`), without trailing spaces. Declined if it holds
/// `: ` or ends in `:` (a mapping where none may start).
fn plain(text: &str) -> Option<Node<'_>> {
    let value = comment_start(text).map_or(text, |i| &text[..i]);
    let value = value.trim_end_matches(' ');
    if value.ends_with(':') || value.contains(": ") {
        return None;
    }
    resolve(value)
}

/// Offset of the first ` #` in `text` (where a comment starts after a plain scalar).
fn comment_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find('#') {
        let at = from + i;
        if at > 0 && bytes[at - 1] == b' ' {
            return Some(at - 1);
        }
        from = at + 1;
    }
    None
}

/// What may follow a closing quote: spaces, then nothing or a comment.
fn after_quote(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches(' ');
    trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())
}

/// A double-quoted scalar (`text` starts after the opening quote), closed on its line;
/// borrowed when it has no escapes.
fn double_quoted(text: &str) -> Option<Node<'_>> {
    let i = quote_or_escape(text)?;
    if text.as_bytes()[i] == b'"' {
        let value = Cow::Borrowed(&text[..i]);
        return after_quote(&text[i + 1..]).then_some(Node::String(value));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let i = quote_or_escape(rest)?;
        out.push_str(&rest[..i]);
        if rest.as_bytes()[i] == b'"' {
            return after_quote(&rest[i + 1..]).then_some(Node::String(Cow::Owned(out)));
        }
        let escaped = match rest.as_bytes().get(i + 1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'n' => '\n',
            b't' => '\t',
            _ => return None,
        };
        out.push(escaped);
        rest = &rest[i + 2..];
    }
}

/// Offset of the first `"` or `\\` in `text` (both ASCII: a byte search finds them).
fn quote_or_escape(text: &str) -> Option<usize> {
    text.bytes().position(|b| b == b'"' || b == b'\\')
}

/// A single-quoted scalar (`text` starts after the opening quote), closed on its line;
/// borrowed when it has no doubled quote.
fn single_quoted(text: &str) -> Option<Node<'_>> {
    let i = text.find('\'')?;
    if !text[i + 1..].starts_with('\'') {
        let value = Cow::Borrowed(&text[..i]);
        return after_quote(&text[i + 1..]).then_some(Node::String(value));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let i = rest.find('\'')?;
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        match rest.strip_prefix('\'') {
            Some(after) => {
                out.push('\'');
                rest = after;
            }
            None => return after_quote(rest).then_some(Node::String(Cow::Owned(out))),
        }
    }
}

fn is_null(text: &str) -> bool {
    matches!(text, "null" | "Null" | "NULL" | "~")
}

fn is_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// The value of a plain scalar where serde_norway's resolution of it is plain to see; `None`
/// where it is not (the caller then declines the document).
///
/// serde_norway reads a plain scalar as null (`null`, `Null`, `NULL`, `~`), a boolean
/// (`true`/`false` in three spellings), an integer (Rust's `from_str_radix`, with `0x`, `0o`,
/// `0b` prefixes and signs), a finite float (Rust's `f64` parsing, and `.inf`/`.nan`), else a
/// string. Every number syntax among those uses only ASCII letters and digits, `.`, `+` and
/// `-`; no number may start with a letter other than through `inf`/`nan`, which are not
/// finite; a number starting with `0x`, `0o` or `0b` has only digits of that base after it;
/// and any other number starting with a digit has no letter but `e` or `E`, a `-` only after
/// one of those, and at most one `.`.
fn resolve(text: &str) -> Option<Node<'_>> {
    if is_null(text) {
        return Some(Node::Null);
    }
    if let Some(b) = is_bool(text) {
        return Some(Node::Bool(b));
    }
    let string = || Some(Node::String(Cow::Borrowed(text)));
    let bytes = text.as_bytes();
    let first = *bytes.first()?;
    // A character no number has, or a first letter: text.
    if first.is_ascii_alphabetic()
        || !bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-'))
    {
        return string();
    }
    if !first.is_ascii_digit() {
        return None;
    }
    if bytes.iter().all(u8::is_ascii_digit) {
        // `0` and digits without a leading zero are integers; leading zeros are declined.
        return if text == "0" || first != b'0' {
            text.parse::<u64>().ok().map(|n| Node::Number(n.into()))
        } else {
            None
        };
    }
    if let Some((whole, fraction)) = text.split_once('.')
        && !whole.is_empty()
        && !fraction.is_empty()
        && whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        let float = text.parse::<f64>().ok().filter(|f| f.is_finite())?;
        return Some(Node::Number(Number::from(float)));
    }
    if let Some((rest, radix)) = radix_prefixed(text) {
        // An integer when the rest is digits of that base; with any other character in the
        // rest, no number syntax matches (the prefix's letter rules out the others).
        return if rest.bytes().any(|b| !(b as char).is_digit(radix)) {
            string()
        } else {
            None
        };
    }
    let other_letter = bytes
        .iter()
        .any(|&b| b.is_ascii_alphabetic() && !matches!(b, b'e' | b'E'));
    let inner_minus = bytes
        .windows(2)
        .any(|w| w[1] == b'-' && !matches!(w[0], b'e' | b'E'));
    let dots = bytes.iter().filter(|&&b| b == b'.').count();
    if other_letter || inner_minus || dots > 1 {
        return string();
    }
    None
}

/// The rest and base of a scalar starting with `0x`, `0o` or `0b`.
fn radix_prefixed(text: &str) -> Option<(&str, u32)> {
    [("0x", 16), ("0o", 8), ("0b", 2)]
        .into_iter()
        .find_map(|(prefix, radix)| Some((text.strip_prefix(prefix)?, radix)))
}

#[cfg(test)]
pub(crate) mod tests;
