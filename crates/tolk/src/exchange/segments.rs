//! A page cut into translatable segments, each with a stable id and its byte range in the file.
//!
//! The page is first cut into **units**, the blocks a change is tracked by: the front-matter
//! fields tolk.yaml's `translate_fields` names (`field.title`, `field.menu.main.name`), then
//! the Markdown body's top-level blocks in order (`b1`, `b2`, …: headings, paragraphs, the
//! items of a top-level list, tables, code blocks, quotes, HTML blocks, rules). A unit holds
//! zero or more **segments** (`b4.1`, `b4.2`, …): the inline text of its headings, paragraphs,
//! list items and table cells, image alt text, and in MDX the `title`, `description`, `label`
//! and `alt` props of component tags. Code blocks, URLs, shortcodes (`{{< … >}}`), JSX and
//! import lines are never segments.
//!
//! Inline Markdown becomes placeholders, so that a translator cannot break it: paired ones
//! (emphasis, strong, strikethrough, link text, image alt text) around translatable text, and
//! standalone ones (code spans, line breaks, inline HTML, shortcodes, bare URLs, images without
//! alt text). Each keeps the Markdown it stands for, and import puts it back. The text form
//! ([`Segment::marked`], also what PO files carry) writes them like XML tags, `<1>…</1>` and
//! `<2/>`, so that CAT tools and word counts treat them as tags; a literal `<` is written `<<`.

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::load::frontmatter;
use crate::markdown::mdx::is_mdx;
use crate::markdown::options::markdown_options;

/// One piece of a segment's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Translatable text.
    Text(String),
    /// The start of paired placeholder `id`.
    Open(u32),
    /// The end of paired placeholder `id`.
    Close(u32),
    /// Standalone placeholder `id`.
    Standalone(u32),
}

/// What a placeholder stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// Its number within the segment (1, 2, …).
    pub id: u32,
    /// Whether it encloses text (`<g>`, `{1}…{/1}`) or stands alone (`<ph>`, `{1/}`).
    pub paired: bool,
    /// Its kind, as an XLIFF `ctype` (`bold`, `italic`, `link`, `x-code`, …).
    pub ctype: &'static str,
    /// The Markdown it stands for (for a paired one, what comes before the enclosed text).
    pub open: String,
    /// For a paired one, the Markdown after the enclosed text.
    pub close: String,
}

/// How a segment's text is written back into the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// Markdown inline text (line breaks become spaces).
    Markdown,
    /// Markdown inside a table cell (`|` is escaped too).
    TableCell,
    /// A YAML scalar, written in the style it had (plain, `"…"`, `'…'`) where the text allows.
    Yaml(YamlStyle),
    /// A JSX attribute value between the given quote character.
    Attribute(char),
}

/// The quoting of a YAML scalar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YamlStyle {
    /// Unquoted.
    Plain,
    /// `"…"`.
    Double,
    /// `'…'`.
    Single,
}

/// One translatable segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Its id within the page (`field.title`, `b4.1`).
    pub id: String,
    /// What it is (`heading`, `paragraph`, `list item`, `table cell`, `image alt text`,
    /// `field title`, `prop title`).
    pub kind: String,
    /// Its byte range in the file (for a YAML scalar, quotes included).
    pub range: Range<usize>,
    /// Its 1-based line in the file.
    pub line: usize,
    /// Text and placeholders.
    pub pieces: Vec<Piece>,
    /// The placeholders, by id order.
    pub placeholders: Vec<Placeholder>,
    /// How a translation is written back.
    pub escape: Escape,
}

/// A unit: a block that changes as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Its id (`field.title`, `b3`).
    pub id: String,
    /// Its kind (`heading`, `paragraph`, `field title`, …).
    pub kind: String,
    /// Whether it is a front-matter field.
    pub is_field: bool,
    /// Its byte range in the file.
    pub range: Range<usize>,
    /// What a change is judged by: kind and whitespace-collapsed text.
    pub key: String,
    /// Its segments, in document order.
    pub segments: Vec<Segment>,
}

/// A page's units, fields first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segmented {
    /// Every unit.
    pub units: Vec<Unit>,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

impl Segmented {
    /// Every segment, in unit order.
    pub fn segments(&self) -> impl Iterator<Item = &Segment> {
        self.units.iter().flat_map(|u| u.segments.iter())
    }

    /// The body units (not fields).
    pub fn body(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(|u| !u.is_field)
    }

    /// The field unit with id `id`.
    pub fn field(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.is_field && u.id == id)
    }
}

impl Segment {
    /// The text form with `{n}…{/n}` and `{n/}` placeholders.
    pub fn marked(&self) -> String {
        marked(&self.pieces)
    }

    /// Words of translatable text.
    pub fn words(&self) -> usize {
        words(&self.pieces)
    }

    /// The placeholder `id`.
    pub fn placeholder(&self, id: u32) -> Option<&Placeholder> {
        self.placeholders.iter().find(|p| p.id == id)
    }

    /// Checks that `target` uses each of this segment's placeholders exactly once, pairs
    /// properly nested and opened before closed, and no other.
    pub fn check(&self, target: &[Piece]) -> Result<(), String> {
        let mut seen: BTreeSet<(u32, u8)> = BTreeSet::new();
        let mut open: Vec<u32> = Vec::new();
        for piece in target {
            let (id, which) = match piece {
                Piece::Text(_) => continue,
                Piece::Open(id) => (*id, 0),
                Piece::Close(id) => (*id, 1),
                Piece::Standalone(id) => (*id, 2),
            };
            let Some(placeholder) = self.placeholder(id) else {
                return Err(format!("placeholder {id} is not in the source"));
            };
            if placeholder.paired == (which == 2) {
                let want = if placeholder.paired {
                    "paired"
                } else {
                    "standalone"
                };
                return Err(format!("placeholder {id} must be {want}"));
            }
            if !seen.insert((id, which)) {
                return Err(format!("placeholder {id} is duplicated"));
            }
            match which {
                0 => open.push(id),
                1 => {
                    if open.last() != Some(&id) {
                        return Err(if open.contains(&id) {
                            format!("placeholder {id} is closed across another one")
                        } else {
                            format!("placeholder {id} is closed before it is opened")
                        });
                    }
                    open.pop();
                }
                _ => {}
            }
        }
        if let Some(id) = open.last() {
            return Err(format!("placeholder {id} is never closed"));
        }
        for p in &self.placeholders {
            let needed: &[u8] = if p.paired { &[0, 1] } else { &[2] };
            if needed.iter().any(|w| !seen.contains(&(p.id, *w))) {
                return Err(format!("placeholder {} is missing", p.id));
            }
        }
        Ok(())
    }

    /// The text to write into the file for a translation (checked with [`Segment::check`]).
    pub fn render(&self, target: &[Piece]) -> String {
        let mut out = String::new();
        for piece in target {
            match piece {
                Piece::Text(t) => out.push_str(&escape_text(t, self.escape)),
                Piece::Open(id) | Piece::Standalone(id) => {
                    if let Some(p) = self.placeholder(*id) {
                        out.push_str(&p.open);
                    }
                }
                Piece::Close(id) => {
                    if let Some(p) = self.placeholder(*id) {
                        out.push_str(&p.close);
                    }
                }
            }
        }
        match self.escape {
            Escape::Yaml(style) => yaml_scalar(&out, style),
            _ => out,
        }
    }
}

/// Pieces in the text form (`<1>…</1>`, `<2/>`, `<<` for `<`).
pub fn marked(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(&t.replace('<', "<<")),
            Piece::Open(id) => out.push_str(&format!("<{id}>")),
            Piece::Close(id) => out.push_str(&format!("</{id}>")),
            Piece::Standalone(id) => out.push_str(&format!("<{id}/>")),
        }
    }
    out
}

/// Reads the text form back into pieces. `<<` is a literal `<`; so is a `<` that starts no
/// marker.
pub fn parse_marked(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut buffer = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        buffer.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("<<") {
            buffer.push('<');
            rest = after;
            continue;
        }
        let marker = rest.find('>').and_then(|end| {
            let inner = &rest[1..end];
            let piece = if let Some(id) = inner.strip_prefix('/') {
                number(id).map(Piece::Close)
            } else if let Some(id) = inner.strip_suffix('/') {
                number(id).map(Piece::Standalone)
            } else {
                number(inner).map(Piece::Open)
            };
            piece.map(|p| (p, end))
        });
        match marker {
            Some((piece, end)) => {
                if !buffer.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut buffer)));
                }
                pieces.push(piece);
                rest = &rest[end + 1..];
            }
            None => {
                buffer.push('<');
                rest = &rest[1..];
            }
        }
    }
    buffer.push_str(rest);
    if !buffer.is_empty() {
        pieces.push(Piece::Text(buffer));
    }
    pieces
}

fn number(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Words of translatable text in `pieces`, placeholders left out (as word counts of
/// exchange files see them).
pub fn words(pieces: &[Piece]) -> usize {
    let text: String = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    count_words(&text)
}

/// Words in plain text, counted as the Translate Toolkit's `pocount` counts them: a period
/// between two non-digits is a break, then words by the Unicode word boundaries (letters or
/// digits joined by `'`, `.`, `:` between letters and `,`, `.`, `;` between digits).
pub fn count_words(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut cleaned: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    let digit = |c: char| c.is_numeric();
    while i < chars.len() {
        if i + 2 < chars.len() && !digit(chars[i]) && chars[i + 1] == '.' && !digit(chars[i + 2]) {
            cleaned.push(' ');
            i += 3;
        } else {
            cleaned.push(chars[i]);
            i += 1;
        }
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let letter = |c: Option<&char>| c.is_some_and(|c| c.is_alphabetic());
    let number = |c: Option<&char>| c.is_some_and(|c| c.is_numeric());
    let mut count = 0;
    let mut in_word = false;
    for (i, &c) in cleaned.iter().enumerate() {
        if is_word(c) {
            if !in_word {
                count += 1;
                in_word = true;
            }
            continue;
        }
        if in_word {
            let (before, after) = (
                i.checked_sub(1).and_then(|p| cleaned.get(p)),
                cleaned.get(i + 1),
            );
            let joins_letters =
                matches!(c, '\'' | '’' | '.' | ':' | '·') && letter(before) && letter(after);
            let joins_numbers =
                matches!(c, '\'' | '’' | '.' | ',' | ';') && number(before) && number(after);
            if joins_letters || joins_numbers {
                continue;
            }
        }
        in_word = false;
    }
    count
}

/// Whether the pieces hold any translatable text.
pub fn has_text(pieces: &[Piece]) -> bool {
    pieces
        .iter()
        .any(|p| matches!(p, Piece::Text(t) if t.chars().any(char::is_alphanumeric)))
}

fn escape_text(text: &str, escape: Escape) -> String {
    let one_line = collapse_lines(text);
    match escape {
        Escape::Markdown | Escape::Yaml(_) => one_line,
        Escape::TableCell => {
            let mut out = String::with_capacity(one_line.len());
            let mut previous = ' ';
            for c in one_line.chars() {
                if c == '|' && previous != '\\' {
                    out.push('\\');
                }
                out.push(c);
                previous = c;
            }
            out
        }
        Escape::Attribute(quote) => {
            let entity = if quote == '"' { "&quot;" } else { "&apos;" };
            one_line.replace(quote, entity)
        }
    }
}

/// Line breaks (with the indentation and quote markers after them) become single spaces.
fn collapse_lines(text: &str) -> String {
    if !text.contains('\n') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split('\n');
    if let Some(first) = lines.next() {
        out.push_str(first.trim_end_matches('\r'));
    }
    for line in lines {
        let line = line
            .trim_end_matches('\r')
            .trim_start_matches([' ', '\t', '>']);
        if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// `value` as a YAML scalar, in `style` where the text allows it, else double-quoted.
pub fn yaml_scalar(value: &str, style: YamlStyle) -> String {
    let plain_ok = !value.is_empty()
        && value.trim() == value
        && !value.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`',
        ])
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !matches!(
            value.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~"
        )
        && value.parse::<f64>().is_err()
        && !value.chars().any(|c| c.is_control());
    match style {
        YamlStyle::Plain if plain_ok => value.to_string(),
        YamlStyle::Single if !value.chars().any(|c| c.is_control()) => {
            format!("'{}'", value.replace('\'', "''"))
        }
        _ => {
            let mut out = String::from("\"");
            for c in value.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\t' => out.push_str("\\t"),
                    c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
    }
}

/// Cuts the page at `path` with text `text` into units and segments. `fields` are the
/// translated front-matter fields (`title`, `menu.<m>.name`).
pub fn segment(path: &str, text: &str, fields: &[String]) -> Segmented {
    let mut units = Vec::new();
    let body_offset = match frontmatter::split(text) {
        Ok(split) if split.has_front_matter => {
            field_units(text, split.yaml_offset, split.yaml, fields, &mut units);
            text.len() - split.body.len()
        }
        _ => text.len() - frontmatter::split(text).map(|s| s.body.len()).unwrap_or(0),
    };
    let body = &text[body_offset..];
    let mut cutter = BodyCutter {
        text,
        body_offset,
        mdx: is_mdx(path),
        units: Vec::new(),
    };
    cutter.cut(body);
    units.extend(cutter.units);
    Segmented { units, body_offset }
}

// ---------------------------------------------------------------------------------------
// Front matter

struct YamlLine<'a> {
    /// Byte offset of the line in the file.
    offset: usize,
    indent: usize,
    key: &'a str,
    /// The text after `key:` (offset in the file, text up to the line end).
    value_at: usize,
    value: &'a str,
}

fn yaml_lines<'a>(yaml: &'a str, yaml_offset: usize) -> Vec<Option<YamlLine<'a>>> {
    let mut offset = yaml_offset;
    let mut out = Vec::new();
    for raw in yaml.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        let parsed = if content.is_empty() || content.starts_with('#') || content.starts_with('-') {
            None
        } else {
            content.split_once(':').and_then(|(key, rest)| {
                let key = key.trim().trim_matches(['"', '\'']);
                let ok = !key.is_empty()
                    && !key.contains(' ')
                    && (rest.is_empty() || rest.starts_with([' ', '\t']));
                ok.then(|| YamlLine {
                    offset,
                    indent,
                    key,
                    value_at: offset + line.len() - rest.len(),
                    value: rest,
                })
            })
        };
        let blank = content.is_empty() || content.starts_with('#');
        out.push(if blank { None } else { parsed });
        if !blank && out.last().is_some_and(|l| l.is_none()) {
            // A list item or other line: keeps its indentation as a marker of nesting.
            out.pop();
            out.push(Some(YamlLine {
                offset,
                indent,
                key: "",
                value_at: offset,
                value: "",
            }));
        }
        offset += raw.len();
    }
    out
}

fn field_units(
    text: &str,
    yaml_offset: usize,
    yaml: &str,
    fields: &[String],
    units: &mut Vec<Unit>,
) {
    let lines: Vec<YamlLine<'_>> = yaml_lines(yaml, yaml_offset)
        .into_iter()
        .flatten()
        .collect();
    let mut found: Vec<(String, usize)> = Vec::new();
    for field in fields {
        let path: Vec<&str> = field.split('.').collect();
        find_paths(
            &lines,
            0,
            lines.len(),
            None,
            &path,
            String::new(),
            &mut found,
        );
    }
    found.sort_by_key(|(_, i)| *i);
    found.dedup();
    for (name, i) in found {
        let line = &lines[i];
        let Some((range, style, value)) = scalar(line) else {
            continue;
        };
        if !value.chars().any(char::is_alphanumeric) {
            continue;
        }
        let line_no = text[..line.offset].matches('\n').count() + 1;
        let id = format!("field.{name}");
        let kind = format!("field {name}");
        units.push(Unit {
            id: id.clone(),
            kind: kind.clone(),
            is_field: true,
            range: range.clone(),
            key: format!("{kind}\0{value}"),
            segments: vec![Segment {
                id,
                kind,
                range,
                line: line_no,
                pieces: vec![Piece::Text(value)],
                placeholders: Vec::new(),
                escape: Escape::Yaml(style),
            }],
        });
    }
}

/// Finds the lines of `path` (a `<…>` part matches any key) among `lines[from..to]`, children
/// of a line indented `parent` (none: top level).
fn find_paths(
    lines: &[YamlLine<'_>],
    from: usize,
    to: usize,
    parent: Option<usize>,
    path: &[&str],
    prefix: String,
    found: &mut Vec<(String, usize)>,
) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    let child_indent = lines[from..to]
        .iter()
        .map(|l| l.indent)
        .find(|&i| parent.is_none_or(|p| i > p));
    let Some(child_indent) = child_indent else {
        return;
    };
    let mut i = from;
    while i < to {
        let line = &lines[i];
        let end = (i + 1..to)
            .find(|&j| lines[j].indent <= line.indent)
            .unwrap_or(to);
        if line.indent == child_indent
            && !line.key.is_empty()
            && (line.key == *first || first.starts_with('<') && first.ends_with('>'))
        {
            let name = if prefix.is_empty() {
                line.key.to_string()
            } else {
                format!("{prefix}.{}", line.key)
            };
            if rest.is_empty() {
                found.push((name, i));
            } else {
                find_paths(lines, i + 1, end, Some(line.indent), rest, name, found);
            }
        }
        i = end;
    }
}

/// A single-line scalar value: its range (quotes included), style and text.
fn scalar(line: &YamlLine<'_>) -> Option<(Range<usize>, YamlStyle, String)> {
    let lead = line.value.len() - line.value.trim_start().len();
    let value = line.value.trim_start();
    let at = line.value_at + lead;
    if value.is_empty() {
        return None;
    }
    if let Some(inner) = value.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = inner.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return Some((at..at + i + 2, YamlStyle::Double, out)),
                '\\' => match chars.next()?.1 {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    '"' => out.push('"'),
                    '\\' => out.push('\\'),
                    '/' => out.push('/'),
                    _ => return None,
                },
                c => out.push(c),
            }
        }
        return None;
    }
    if let Some(inner) = value.strip_prefix('\'') {
        let mut out = String::new();
        let mut chars = inner.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\'' {
                if chars.peek().is_some_and(|(_, c)| *c == '\'') {
                    chars.next();
                    out.push('\'');
                } else {
                    return Some((at..at + i + 2, YamlStyle::Single, out));
                }
            } else {
                out.push(c);
            }
        }
        return None;
    }
    if value.starts_with(['|', '>', '[', '{', '&', '*', '!']) {
        return None;
    }
    let end = value.find(" #").unwrap_or(value.len());
    let plain = value[..end].trim_end();
    Some((at..at + plain.len(), YamlStyle::Plain, plain.to_string()))
}

// ---------------------------------------------------------------------------------------
// Body

struct Frame {
    container: Option<&'static str>,
    cell: bool,
    inline: Vec<(Event<'static>, Range<usize>)>,
}

struct BodyCutter<'t> {
    text: &'t str,
    body_offset: usize,
    mdx: bool,
    units: Vec<Unit>,
}

fn is_block(tag: &Tag<'_>) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn unit_kind(tag: &Tag<'_>) -> &'static str {
    match tag {
        Tag::Heading { .. } => "heading",
        Tag::Paragraph => "paragraph",
        Tag::Item => "list item",
        Tag::Table(_) => "table",
        Tag::CodeBlock(_) => "code block",
        Tag::BlockQuote(_) => "block quote",
        Tag::HtmlBlock => "HTML block",
        Tag::FootnoteDefinition(_) => "footnote",
        _ => "block",
    }
}

impl BodyCutter<'_> {
    fn cut(&mut self, body: &str) {
        let mut depth = 0usize;
        let mut list_depth: Option<usize> = None;
        let mut open_unit: Option<usize> = None; // depth at which the current unit closes
        let mut stack: Vec<Frame> = Vec::new();
        for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
            let range = range.start + self.body_offset..range.end + self.body_offset;
            match &event {
                Event::Start(tag) if is_block(tag) => {
                    if open_unit.is_none() {
                        let starts = match tag {
                            Tag::Item => list_depth == Some(depth),
                            Tag::List(_) => false,
                            _ => depth == 0,
                        };
                        if let Tag::List(_) = tag
                            && depth == 0
                        {
                            list_depth = Some(1);
                        }
                        if starts {
                            self.start_unit(unit_kind(tag), range.clone());
                            open_unit = Some(depth);
                        }
                    }
                    if let Some(top) = stack.last_mut() {
                        let inline = std::mem::take(&mut top.inline);
                        let (container, cell) = (top.container, top.cell);
                        self.flush(container, cell, inline);
                    }
                    let container = match tag {
                        Tag::Paragraph => Some("paragraph"),
                        Tag::Heading { .. } => Some("heading"),
                        Tag::TableCell => Some("table cell"),
                        Tag::Item => Some("list item"),
                        _ => None,
                    };
                    stack.push(Frame {
                        container,
                        cell: matches!(tag, Tag::TableCell),
                        inline: Vec::new(),
                    });
                    depth += 1;
                }
                Event::End(tag)
                    if !matches!(
                        tag,
                        TagEnd::Emphasis
                            | TagEnd::Strong
                            | TagEnd::Strikethrough
                            | TagEnd::Link
                            | TagEnd::Image
                            | TagEnd::Superscript
                            | TagEnd::Subscript
                    ) =>
                {
                    depth = depth.saturating_sub(1);
                    if let Some(frame) = stack.pop() {
                        self.flush(frame.container, frame.cell, frame.inline);
                    }
                    if let TagEnd::List(_) = tag
                        && depth == 0
                    {
                        list_depth = None;
                    }
                    if open_unit == Some(depth) {
                        if let Some(unit) = self.units.last_mut() {
                            unit.range.end = range.end;
                        }
                        open_unit = None;
                    }
                }
                Event::Rule if depth == 0 => {
                    self.start_unit("rule", range.clone());
                }
                Event::Html(html) => {
                    if self.mdx {
                        self.props(html, range.start);
                    }
                }
                Event::Text(_) if stack.last().is_some_and(|f| f.container.is_none()) => {}
                _ => {
                    if let Some(top) = stack.last_mut()
                        && top.container.is_some()
                    {
                        top.inline.push((event.into_static(), range));
                    }
                }
            }
        }
        // Keys and ids, now that the ranges are final: each unit ends after its last line's
        // line break, without the blank lines after it.
        for (n, unit) in self.units.iter_mut().enumerate() {
            let trimmed = self.text[unit.range.clone()].trim_end().len();
            let mut end = unit.range.start + trimmed;
            if self.text[end..].starts_with("\r\n") {
                end += 2;
            } else if self.text[end..].starts_with('\n') {
                end += 1;
            }
            unit.range.end = end.min(unit.range.end.max(end));
            unit.id = format!("b{}", n + 1);
            let raw = &self.text[unit.range.clone()];
            unit.key = format!(
                "{}\0{}",
                unit.kind,
                raw.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            let many = unit.segments.len() > 1;
            for (m, segment) in unit.segments.iter_mut().enumerate() {
                segment.id = if many {
                    format!("b{}.{}", n + 1, m + 1)
                } else {
                    format!("b{}", n + 1)
                };
            }
        }
    }

    fn start_unit(&mut self, kind: &str, range: Range<usize>) {
        self.units.push(Unit {
            id: String::new(),
            kind: kind.to_string(),
            is_field: false,
            range,
            key: String::new(),
            segments: Vec::new(),
        });
    }

    fn line(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())]
            .matches('\n')
            .count()
            + 1
    }

    fn push_segment(&mut self, segment: Segment) {
        if let Some(unit) = self.units.last_mut() {
            unit.segments.push(segment);
        }
    }

    /// MDX props on the component tags of an HTML block.
    fn props(&mut self, html: &str, offset: usize) {
        for name in ["title", "description", "label", "alt"] {
            let mut from = 0;
            while let Some(at) = html[from..].find(name).map(|i| i + from) {
                from = at + name.len();
                let before_ok = at > 0
                    && html[..at]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_whitespace);
                let rest = &html[from..];
                let Some(quote) = rest.strip_prefix('=').and_then(|r| r.chars().next()) else {
                    continue;
                };
                if !before_ok || !matches!(quote, '"' | '\'') {
                    continue;
                }
                let value_start = from + 2;
                let Some(len) = html[value_start..].find(quote) else {
                    continue;
                };
                let value = &html[value_start..value_start + len];
                if !value.chars().any(char::is_alphanumeric) || value.contains('\n') {
                    continue;
                }
                let start = offset + value_start;
                let segment = Segment {
                    id: String::new(),
                    kind: format!("prop {name}"),
                    range: start..start + len,
                    line: self.line(start),
                    pieces: vec![Piece::Text(value.to_string())],
                    placeholders: Vec::new(),
                    escape: Escape::Attribute(quote),
                };
                self.push_segment(segment);
            }
        }
        if let Some(unit) = self.units.last_mut() {
            unit.segments.sort_by_key(|s| s.range.start);
        }
    }

    /// Turns a container's run of inline events into a segment.
    fn flush(
        &mut self,
        container: Option<&'static str>,
        cell: bool,
        inline: Vec<(Event<'static>, Range<usize>)>,
    ) {
        let Some(kind) = container else {
            return;
        };
        let (Some(start), Some(end)) = (
            inline.iter().map(|(_, r)| r.start).min(),
            inline.iter().map(|(_, r)| r.end).max(),
        ) else {
            return;
        };
        let raw = &self.text[start..end];
        if self.mdx && (raw.starts_with("import ") || raw.starts_with("export ")) {
            return;
        }
        let (pieces, placeholders) = self.pieces(&inline, start, end);
        if !has_text(&pieces) {
            return;
        }
        let kind =
            if pieces.len() == 3 && placeholders.len() == 1 && placeholders[0].ctype == "x-image" {
                "image alt text"
            } else {
                kind
            };
        let segment = Segment {
            id: String::new(),
            kind: kind.to_string(),
            range: start..end,
            line: self.line(start),
            pieces,
            placeholders,
            escape: if cell {
                Escape::TableCell
            } else {
                Escape::Markdown
            },
        };
        self.push_segment(segment);
    }

    fn pieces(
        &self,
        inline: &[(Event<'static>, Range<usize>)],
        start: usize,
        end: usize,
    ) -> (Vec<Piece>, Vec<Placeholder>) {
        let mut spans: Vec<(Range<usize>, Span)> = Vec::new();
        let mut stack: Vec<OpenTag> = Vec::new();
        let mut skip_depth = 0usize;
        for (event, range) in inline {
            if skip_depth > 0 {
                match event {
                    Event::Start(_) => skip_depth += 1,
                    Event::End(_) => skip_depth -= 1,
                    _ => {}
                }
                if skip_depth > 0 {
                    continue;
                }
                // The end of a span kept whole.
                if let Some(top) = stack.pop() {
                    spans.push((top.range.clone(), Span::Whole(top.ctype)));
                    note_child(&mut stack, &top.range);
                }
                continue;
            }
            match event {
                Event::Start(tag) => {
                    let (ctype, whole) = match tag {
                        Tag::Emphasis => ("italic", false),
                        Tag::Strong => ("bold", false),
                        Tag::Strikethrough => ("x-strikethrough", false),
                        Tag::Link { link_type, .. } => (
                            "link",
                            matches!(link_type, LinkType::Autolink | LinkType::Email),
                        ),
                        Tag::Image { .. } => ("x-image", false),
                        _ => ("x-inline", false),
                    };
                    stack.push(OpenTag {
                        ctype,
                        range: range.clone(),
                        first: None,
                        last: None,
                        whole,
                    });
                    if whole {
                        skip_depth = 1;
                    }
                }
                Event::End(_) => {
                    let Some(top) = stack.pop() else { continue };
                    match (top.first, top.last) {
                        (Some(first), Some(last)) if !top.whole => {
                            spans.push((top.range.start..first, Span::Open(top.ctype)));
                            spans.push((last..top.range.end, Span::Close));
                        }
                        _ => spans.push((top.range.clone(), Span::Whole(top.ctype))),
                    }
                    note_child(&mut stack, &top.range);
                }
                Event::Text(_) | Event::SoftBreak => note_child(&mut stack, range),
                other => {
                    let ctype = match other {
                        Event::Code(_) => "x-code",
                        Event::HardBreak => "lb",
                        Event::InlineHtml(_) => "x-html",
                        Event::FootnoteReference(_) => "x-footnote",
                        _ => "x-markup",
                    };
                    spans.push((range.clone(), Span::Whole(ctype)));
                    note_child(&mut stack, range);
                }
            }
        }
        spans.sort_by_key(|(r, span)| (r.start, matches!(span, Span::Open(_))));
        // Build pieces: text between spans, placeholders for spans, in document order.
        let mut pieces = Vec::new();
        let mut placeholders: Vec<Placeholder> = Vec::new();
        let mut open_ids: Vec<u32> = Vec::new();
        let mut cursor = start;
        let mut next_id = 1u32;
        let text_piece = |from: usize,
                          to: usize,
                          pieces: &mut Vec<Piece>,
                          placeholders: &mut Vec<Placeholder>,
                          next_id: &mut u32| {
            if from < to {
                self.text_pieces(&self.text[from..to], pieces, placeholders, next_id);
            }
        };
        for (range, span) in &spans {
            if range.start < cursor {
                continue;
            }
            text_piece(
                cursor,
                range.start,
                &mut pieces,
                &mut placeholders,
                &mut next_id,
            );
            let raw = self.text[range.clone()].to_string();
            match span {
                Span::Open(ctype) => {
                    let id = next_id;
                    next_id += 1;
                    placeholders.push(Placeholder {
                        id,
                        paired: true,
                        ctype,
                        open: raw,
                        close: String::new(),
                    });
                    open_ids.push(id);
                    pieces.push(Piece::Open(id));
                }
                Span::Close => {
                    if let Some(id) = open_ids.pop() {
                        if let Some(p) = placeholders.iter_mut().find(|p| p.id == id) {
                            p.close = raw;
                        }
                        pieces.push(Piece::Close(id));
                    }
                }
                Span::Whole(ctype) => {
                    let id = next_id;
                    next_id += 1;
                    placeholders.push(Placeholder {
                        id,
                        paired: false,
                        ctype,
                        open: raw,
                        close: String::new(),
                    });
                    pieces.push(Piece::Standalone(id));
                }
            }
            cursor = range.end;
        }
        text_piece(cursor, end, &mut pieces, &mut placeholders, &mut next_id);
        (pieces, placeholders)
    }

    /// Plain text, with shortcodes, bare URLs and (in MDX) `{…}` expressions as placeholders.
    fn text_pieces(
        &self,
        raw: &str,
        pieces: &mut Vec<Piece>,
        placeholders: &mut Vec<Placeholder>,
        next_id: &mut u32,
    ) {
        let mut rest = raw;
        while !rest.is_empty() {
            match protected(rest, self.mdx) {
                Some((at, len, ctype)) => {
                    push_text(pieces, &collapse_lines(&rest[..at]));
                    let id = *next_id;
                    *next_id += 1;
                    placeholders.push(Placeholder {
                        id,
                        paired: false,
                        ctype,
                        open: rest[at..at + len].to_string(),
                        close: String::new(),
                    });
                    pieces.push(Piece::Standalone(id));
                    rest = &rest[at + len..];
                }
                None => {
                    push_text(pieces, &collapse_lines(rest));
                    rest = "";
                }
            }
        }
    }
}

enum Span {
    Open(&'static str),
    Close,
    Whole(&'static str),
}

/// An inline tag being read: its kind, range, and the span of its children.
struct OpenTag {
    ctype: &'static str,
    range: Range<usize>,
    first: Option<usize>,
    last: Option<usize>,
    whole: bool,
}

fn note_child(stack: &mut [OpenTag], range: &Range<usize>) {
    if let Some(parent) = stack.last_mut() {
        parent.first.get_or_insert(range.start);
        parent.last = Some(parent.last.map_or(range.end, |l| l.max(range.end)));
    }
}

fn push_text(pieces: &mut Vec<Piece>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Piece::Text(last)) = pieces.last_mut() {
        last.push_str(text);
    } else {
        pieces.push(Piece::Text(text.to_string()));
    }
}

/// The first protected run in `text`: a shortcode, a bare URL, or in MDX a `{…}` expression.
fn protected(text: &str, mdx: bool) -> Option<(usize, usize, &'static str)> {
    let mut best: Option<(usize, usize, &'static str)> = None;
    let mut consider = |found: Option<(usize, usize, &'static str)>| {
        if let Some(f) = found
            && best.is_none_or(|b| f.0 < b.0)
        {
            best = Some(f);
        }
    };
    for (open, close) in [("{{<", ">}}"), ("{{%", "%}}")] {
        consider(text.find(open).and_then(|at| {
            text[at..]
                .find(close)
                .map(|end| (at, end + close.len(), "x-shortcode"))
        }));
    }
    for scheme in ["https://", "http://"] {
        consider(text.find(scheme).map(|at| {
            let len = text[at..]
                .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
                .unwrap_or(text.len() - at);
            let url = text[at..at + len].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
            (at, url.len(), "x-url")
        }));
    }
    // Goldmark / kramdown attribute lists: `{.class}`, `{#id}`.
    for open in ["{.", "{#"] {
        consider(text.find(open).and_then(|at| {
            text[at..]
                .find('}')
                .filter(|&end| !text[at..at + end].contains('\n'))
                .map(|end| (at, end + 1, "x-attribute"))
        }));
    }
    if mdx {
        consider(text.find('{').and_then(|at| {
            let mut depth = 0i32;
            for (i, c) in text[at..].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some((at, i + 1, "x-expression"));
                        }
                    }
                    _ => {}
                }
            }
            None
        }));
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Vec<String> {
        crate::config::DEFAULT_TRANSLATE_FIELDS
            .iter()
            .map(|f| f.to_string())
            .collect()
    }

    const PAGE: &str = "---\ntitle: Om MinID\nweight: 3\ndescription: \"Kort: om oss\"\nmenu:\n  main:\n    name: Om\n    weight: 2\n---\n## Hei *alle*\n\nLes [vilkårene](/vilkar/) og `kode` her.\n\n- en\n- to **sterk**\n\n| A | B |\n|---|---|\n| c | d |\n\n```\nkode\n```\n\n![Et bilde](/a.png)\n\n{{< figure src=\"x\" >}}\n";

    #[test]
    fn cuts_fields_blocks_and_segments() {
        let s = segment("a.md", PAGE, &fields());
        let ids: Vec<&str> = s.segments().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "field.title",
                "field.description",
                "field.menu.main.name",
                "b1",
                "b2",
                "b3",
                "b4",
                "b5.1",
                "b5.2",
                "b5.3",
                "b5.4",
                "b7"
            ]
        );
        let texts: Vec<String> = s.segments().map(|s| s.marked()).collect();
        assert_eq!(texts[1], "Kort: om oss");
        assert_eq!(texts[3], "Hei <1>alle</1>");
        assert_eq!(texts[4], "Les <1>vilkårene</1> og <2/> her.");
        assert_eq!(texts[6], "to <1>sterk</1>");
        assert_eq!(texts[11], "<1>Et bilde</1>");
        let unit_kinds: Vec<&str> = s.body().map(|u| u.kind.as_str()).collect();
        assert_eq!(
            unit_kinds,
            [
                "heading",
                "paragraph",
                "list item",
                "list item",
                "table",
                "code block",
                "paragraph",
                "paragraph"
            ]
        );
        let link = s.segments().nth(4).unwrap();
        assert_eq!(link.placeholders[0].open, "[");
        assert_eq!(link.placeholders[0].close, "](/vilkar/)");
        assert_eq!(
            &PAGE[link.range.clone()],
            "Les [vilkårene](/vilkar/) og `kode` her."
        );
    }

    #[test]
    fn renders_translation_with_markup_restored() {
        let s = segment("a.md", PAGE, &fields());
        let link = s.segments().nth(4).unwrap();
        let target = parse_marked("<2/> og <1>vilkåra</1> her.");
        link.check(&target).unwrap();
        assert_eq!(link.render(&target), "`kode` og [vilkåra](/vilkar/) her.");
        let title = s.segments().next().unwrap();
        assert_eq!(
            title.render(&[Piece::Text("Om: MinID".into())]),
            "\"Om: MinID\""
        );
        let cell = s.segments().nth(7).unwrap();
        assert_eq!(cell.render(&[Piece::Text("a|b".into())]), "a\\|b");
    }

    #[test]
    fn placeholder_errors() {
        let s = segment("a.md", PAGE, &fields());
        let link = s.segments().nth(4).unwrap();
        let check = |t: &str| link.check(&parse_marked(t)).unwrap_err();
        assert!(check("<1>x</1>").contains("2 is missing"));
        assert!(check("<1>x</1><2/><2/>").contains("duplicated"));
        assert!(check("</1>x<1><2/>").contains("closed before"));
        assert!(check("<1>x</1><2/><3/>").contains("not in the source"));
        assert!(check("<1>x<2></1>").contains("must be standalone"));
        assert_eq!(
            parse_marked("a << b <x> <1"),
            vec![Piece::Text("a < b <x> <1".into())]
        );
    }

    #[test]
    fn counts_words_as_pocount() {
        assert_eq!(count_words("Les vilkårene og her."), 4);
        assert_eq!(count_words("MinID-brukar e-post"), 4);
        assert_eq!(count_words("a.b 13 år don't 13,5 — x_y"), 5);
        assert_eq!(count_words("I. Del"), 1);
    }

    #[test]
    fn mdx_props_and_imports() {
        let page = "---\ntitle: T\n---\nimport { Card } from '@astrojs/starlight/components';\n\n<Card title=\"Kom i gang\" icon=\"rocket\">\n\nTekst {props.x} her.\n\n</Card>\n";
        let s = segment("a.mdx", page, &fields());
        let texts: Vec<String> = s.segments().map(|s| s.marked()).collect();
        assert_eq!(texts, ["T", "Kom i gang", "Tekst <1/> her."]);
    }

    #[test]
    fn shortcodes_attributes_and_urls_are_placeholders() {
        let page = "{{% alert %}} Pass på! {{% /alert %}}\n\nSe https://minid.no. Tekst{.lead}\n\n{{< figure >}}{.display-6}\n";
        let s = segment("a.md", page, &[]);
        let texts: Vec<String> = s.segments().map(|s| s.marked()).collect();
        assert_eq!(texts, ["<1/> Pass på! <2/>", "Se <1/>. Tekst<2/>"]);
    }

    #[test]
    fn nested_list_items_and_quotes() {
        let page = "- en\n  - to\n\n> Sitat\n> over to linjer\n";
        let s = segment("a.md", page, &[]);
        let texts: Vec<String> = s.segments().map(|s| s.marked()).collect();
        assert_eq!(texts, ["en", "to", "Sitat over to linjer"]);
        assert_eq!(s.units.len(), 2);
    }
}
