//! MDX pages: their JSX read apart from their Markdown, so that components count as content
//! and JSX syntax never counts as text.
//!
//! [`Mdx::read`] takes an MDX body apart into
//! - the Markdown a translator translates ([`Mdx::markdown`]): the body with ESM (`import` /
//!   `export` blocks), `{…}` expressions and JSX tags taken out, the text children of
//!   components kept (de-indented as MDX reads them: it has no indented code), and the
//!   translatable props of an inline tag (`Available <Badge text="New" />`) in its place;
//!   offsets in it lead back to the body through [`Mdx::original`];
//! - the JSX tags ([`Mdx::tags`]), each with its name, place, whether it stands at the start of
//!   a line (a flow element, a block of its own) and its translatable props: the string props
//!   named in [`TEXT_PROPS`], in any of the forms `"…"`, `'…'`, `{"…"}`, `{'…'}`, `` {`…`} ``.
//!
//! What a component means for tolk follows from that: a component added, removed or renamed,
//! or a change in a translatable prop, changes the rendered text
//! ([`same_content`](super::rendered::same_content)); the re-wrapping of a tag, its quote style,
//! the order of its props, its other props (`href`, `icon`, `type`) and the ESM lines do not. Fenced code blocks and inline code are left alone.
//!
//! Which pages are MDX: `.mdx` files, and any page whose body has an ESM line or a line that
//! opens a capitalised component tag ([`looks_like_mdx`]): Docusaurus reads `.md` as MDX, and
//! no plain Markdown page starts a line with `<LinkCard`.

use self::jsx::{Parsed, expression_end, parse_tag};
use super::normalise::normalized;

/// The props whose string value is text a reader sees, and so is translated with the page:
/// `title`, `description`, `label`, `alt`, `caption`, `text`, `aria-label`, `placeholder`.
/// Every other prop (`href`, `src`, `id`, `class`, `type`, `icon`, …) is configuration.
/// Props that name where a component leads (`href`, `src`, `link`, `to`): not text to
/// translate, but a change of one is a change of the page, as a changed Markdown link is.
pub const LINK_PROPS: &[&str] = &["href", "src", "link", "to"];

/// Props whose string values are text a reader sees: translated, compared as text.
pub const TEXT_PROPS: &[&str] = &[
    "title",
    "description",
    "label",
    "alt",
    "caption",
    "text",
    "aria-label",
    "placeholder",
];

/// Whether the file at `path` is MDX by its extension.
pub fn is_mdx(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("mdx"))
}

/// Whether the page at `path` with this text (or body) is read as MDX: an `.mdx` file, or
/// one that [`looks_like_mdx`].
pub fn reads_as_mdx(path: &str, text: &str) -> bool {
    is_mdx(path) || looks_like_mdx(text)
}

/// Whether a Markdown text uses MDX: outside fenced code, a line that is an ESM statement
/// (`import … from '…'`, `export const …`) or that opens a capitalised JSX tag (`<Card`).
///
/// Lines are as `str::lines` cuts them, found with a vectorised search for line breaks; only
/// a line whose first character (after ASCII whitespace) can open a fence, a tag or an ESM
/// statement, or is not ASCII (other whitespace), is looked at further.
pub fn looks_like_mdx(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut fence: Option<(u8, usize)> = None;
    let mut start = 0;
    let mut breaks = memchr::memchr_iter(b'\n', bytes);
    while start < bytes.len() {
        let end = breaks.next().unwrap_or(bytes.len());
        let from = start;
        start = end + 1;
        let first = bytes[from..end]
            .iter()
            .find(|b| !matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '));
        // A line of ASCII whitespace, or one that starts with an ASCII character none of the
        // rules below looks at, changes nothing.
        match first {
            None => continue,
            Some(b'`' | b'~' | b'<' | b'i' | b'e') => {}
            Some(b) if !b.is_ascii() => {}
            Some(_) => continue,
        }
        let line = &text[from..end];
        // `str::lines` drops the `\r` of a `\r\n` only.
        let line = match line.strip_suffix('\r') {
            Some(stripped) if end < bytes.len() => stripped,
            _ => line,
        };
        if line_is_mdx(line, &mut fence) {
            return true;
        }
    }
    false
}

/// One line of [`looks_like_mdx`]: whether it shows MDX, given the fence it is in (updated).
fn line_is_mdx(line: &str, fence: &mut Option<(u8, usize)>) -> bool {
    let trimmed = line.trim_start();
    if let Some(open) = *fence {
        if closes_fence(trimmed, open) {
            *fence = None;
        }
        return false;
    }
    let bytes = trimmed.as_bytes();
    match bytes.first() {
        Some(b'`' | b'~') => *fence = fence_start(trimmed),
        Some(b'<') if bytes.get(1).is_some_and(u8::is_ascii_uppercase) => return true,
        Some(b'i' | b'e') if trimmed.len() == line.len() && is_esm_start(line) => return true,
        _ => {}
    }
    false
}

/// A fence opening a code block: its character and length.
fn fence_start(trimmed: &str) -> Option<(u8, usize)> {
    let c = *trimmed.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = trimmed.bytes().take_while(|&b| b == c).count();
    (n >= 3).then_some((c, n))
}

/// Whether a line closes the fenced code block opened by `open`.
fn closes_fence(trimmed: &str, (c, n): (u8, usize)) -> bool {
    let run = trimmed.bytes().take_while(|&b| b == c).count();
    run >= n && trimmed[run..].trim().is_empty()
}

/// Whether a line (at column 0) starts an ESM statement: `import` with a binding or a
/// module, `export` with a declaration.
fn is_esm_start(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix("import") {
        let rest = rest.trim_start();
        if rest.len() == line.len() - "import".len() {
            return false;
        }
        return rest.starts_with(['{', '*', '\'', '"'])
            || rest.contains(" from ")
            || rest.ends_with(',')
            || rest.ends_with('{');
    }
    if let Some(rest) = line.strip_prefix("export") {
        let rest = rest.trim_start();
        if rest.len() == line.len() - "export".len() {
            return false;
        }
        let word: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        return rest.starts_with(['{', '*'])
            || matches!(
                word.as_str(),
                "const" | "let" | "var" | "function" | "default" | "class" | "async"
            );
    }
    false
}

/// How a tag opens or closes an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagKind {
    /// `<Card …>`.
    Open,
    /// `</Card>`.
    Close,
    /// `<LinkCard … />`.
    SelfClosing,
}

/// A translatable string prop of a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prop {
    /// Its name (`title`).
    pub name: String,
    /// Its value, quotes and escapes resolved.
    pub value: String,
    /// Byte offset of the value's text in the body.
    pub offset: usize,
}

/// A JSX tag of an MDX body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The element's name (`LinkCard`, `Tabs.Item`, `div`); empty for a fragment.
    pub name: String,
    /// Opening, closing or self-closing.
    pub kind: TagKind,
    /// Byte offset of its `<` in the body.
    pub start: usize,
    /// Byte offset just after its `>` in the body.
    pub end: usize,
    /// Whether it stands at the start of a line (after whitespace and other tags) where no
    /// paragraph is open: a flow element, a block of its own (otherwise it sits inside a
    /// paragraph, its translatable props part of the paragraph's text).
    pub flow: bool,
    /// Its translatable props, in the order written.
    pub props: Vec<Prop>,
    /// Its [`LINK_PROPS`] with their string values, in the order written.
    pub links: Vec<(String, String)>,
    /// Where it sits in [`Mdx::markdown`].
    pub at: usize,
}

impl Tag {
    /// Whether the tag is a component (a capitalised or dotted name) rather than an HTML-like
    /// element (`div`, `br`).
    pub fn is_component(&self) -> bool {
        self.name.starts_with(|c: char| c.is_ascii_uppercase()) || self.name.contains('.')
    }

    /// Whether the tag opens an element (opening or self-closing).
    pub fn opens(&self) -> bool {
        self.kind != TagKind::Close
    }

    /// Its translatable props as one text, ordered by name so that the order they are
    /// written in does not matter: `description: …; title: …`.
    pub fn text(&self) -> String {
        let mut props: Vec<(&str, String)> = self
            .props
            .iter()
            .map(|p| (p.name.as_str(), normalized(&p.value)))
            .collect();
        props.sort();
        props
            .iter()
            .map(|(name, value)| format!("{name}: {value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Its link props, ordered by name: ` → href=/x/`.
    fn targets(&self) -> String {
        let mut links: Vec<&(String, String)> = self.links.iter().collect();
        links.sort();
        links
            .iter()
            .map(|(name, value)| format!(" → {name}={}", value.trim()))
            .collect()
    }

    /// The tag as a comparable token: its name, translatable props and link props, not their
    /// layout.
    /// A self-closing tag gives the tokens of an element opened and closed at once.
    pub fn tokens(&self) -> Vec<String> {
        match self.kind {
            TagKind::Open => vec![format!(
                "j:<{} {}{}>",
                self.name,
                self.text(),
                self.targets()
            )],
            TagKind::Close => vec![format!("j:</{}>", self.name)],
            TagKind::SelfClosing => vec![
                format!("j:<{} {}{}>", self.name, self.text(), self.targets()),
                format!("j:</{}>", self.name),
            ],
        }
    }
}

/// HTML elements that have no content: `<br>` opens nothing that a `</br>` would close.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// An MDX body, taken apart: its Markdown and its JSX tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mdx {
    /// The Markdown: JSX syntax out, text children and inline props in.
    pub markdown: String,
    /// The JSX tags, in document order.
    pub tags: Vec<Tag>,
    /// (offset in `markdown`, offset in the body) where each copied run starts.
    map: Vec<(usize, usize)>,
    /// The body's length.
    len: usize,
}

impl Mdx {
    /// Reads an MDX body (the text after the front matter).
    pub fn read(body: &str) -> Mdx {
        let mut scanner = Scanner {
            src: body,
            bytes: body.as_bytes(),
            out: String::with_capacity(body.len()),
            map: Vec::new(),
            tags: Vec::new(),
            stack: Vec::new(),
            removed_on_line: false,
        };
        scanner.run();
        Mdx {
            markdown: scanner.out,
            tags: scanner.tags,
            map: scanner.map,
            len: body.len(),
        }
    }

    /// The body offset of an offset in [`Mdx::markdown`].
    pub fn original(&self, offset: usize) -> usize {
        let i = self.map.partition_point(|&(at, _)| at <= offset);
        match i.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some(&(at, from)) => (from + (offset - at)).min(self.len),
            None => offset.min(self.len),
        }
    }

    /// The comparable tokens of the flow tags, with their offsets in [`Mdx::markdown`].
    pub fn tokens(&self) -> Vec<(usize, String)> {
        self.tags
            .iter()
            .filter(|t| t.flow)
            .flat_map(|t| t.tokens().into_iter().map(move |token| (t.at, token)))
            .collect()
    }
}

struct Scanner<'a> {
    src: &'a str,
    bytes: &'a [u8],
    out: String,
    map: Vec<(usize, usize)>,
    tags: Vec<Tag>,
    /// Open elements: each one's name and the indentation (in columns) of its content, once
    /// seen.
    stack: Vec<(String, Option<usize>)>,
    /// Whether JSX was taken out of the current line (its trailing whitespace is then no
    /// hard break).
    removed_on_line: bool,
}

impl Scanner<'_> {
    /// Copies `src[from..to]` into the Markdown.
    fn copy(&mut self, from: usize, to: usize) {
        if from >= to {
            return;
        }
        let at = self.out.len();
        let contiguous = self
            .map
            .last()
            .is_some_and(|&(start, origin)| origin + (at - start) == from);
        if !contiguous {
            self.map.push((at, from));
        }
        self.out.push_str(&self.src[from..to]);
    }

    /// Adds text that stands for the body at `origin` (a prop's value).
    fn insert(&mut self, text: &str, origin: usize) {
        self.map.push((self.out.len(), origin));
        self.out.push_str(text);
        // What follows is copied, and maps anew.
        self.map.push((self.out.len(), origin + text.len()));
    }

    /// Copies the line breaks of `src[from..to]`, so that the lines after it stay apart.
    fn copy_newlines(&mut self, from: usize, to: usize) {
        for i in from..to {
            if self.bytes[i] == b'\n' {
                self.end_line();
                self.copy(i, i + 1);
            }
        }
    }

    /// Before a line break: where JSX was taken out of the line, the whitespace it left at the
    /// end (which Markdown would read as a hard break).
    fn end_line(&mut self) {
        if !std::mem::take(&mut self.removed_on_line) {
            return;
        }
        let line_start = self.out.rfind('\n').map_or(0, |i| i + 1);
        let kept = line_start + self.out[line_start..].trim_end_matches([' ', '\t']).len();
        if kept < self.out.len() {
            self.out.truncate(kept);
            self.trim_map();
            // A tag taken out after the whitespace now stands where the line ends.
            for tag in self.tags.iter_mut().rev().take_while(|t| t.at > kept) {
                tag.at = kept;
            }
        }
    }

    fn trim_map(&mut self) {
        let len = self.out.len();
        while self.map.len() > 1 && self.map.last().is_some_and(|&(at, _)| at >= len) {
            self.map.pop();
        }
    }

    /// Whether the Markdown's last line (before the one being made) is blank.
    fn after_blank(&self) -> bool {
        self.last_line().trim().is_empty()
    }

    /// The Markdown's last line (before the one being made).
    fn last_line(&self) -> &str {
        let done = self.out.strip_suffix('\n').unwrap_or(&self.out);
        done.rsplit('\n').next().unwrap_or_default()
    }

    /// Whether the Markdown's last line leaves a paragraph open, which a tag at the start of
    /// the next line joins (JSX does not interrupt a paragraph; it ends a heading or a fence).
    fn paragraph_open(&self) -> bool {
        let last = self.last_line().trim();
        !(last.is_empty() || last.starts_with('#') || fence_start(last).is_some())
    }

    fn run(&mut self) {
        let len = self.bytes.len();
        let mut pos = 0;
        // An open fenced code block: its fence, and the columns taken off its opening line.
        let mut fence: Option<((u8, usize), usize)> = None;
        // The content columns of the list items in effect.
        let mut lists: Vec<usize> = Vec::new();
        while pos < len {
            let line_end = self.src[pos..].find('\n').map_or(len, |i| pos + i);
            let next = (line_end + 1).min(len);
            let line = &self.src[pos..line_end];
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            let trimmed = &line[indent..];
            if trimmed.trim_end().is_empty() {
                self.copy(line_end, next);
                pos = next;
                continue;
            }
            // Inside an element, its content's indentation is not Markdown's.
            let mut dedent = match self.stack.last_mut() {
                Some((_, width)) => {
                    let width = *width.get_or_insert_with(|| columns(&line[..indent]));
                    dedent_bytes(&line[..indent], width)
                }
                None => 0,
            };
            if let Some((open, extra)) = fence {
                if closes_fence(trimmed, open) {
                    fence = None;
                }
                dedent += dedent_bytes(&line[dedent..indent], extra);
                self.copy(pos + dedent, next);
                pos = next;
                continue;
            }
            if self.stack.is_empty() && indent == 0 && is_esm_start(line) {
                pos = self.skip_esm(pos);
                continue;
            }
            // MDX has no indented code: indentation beyond a list item's content is not code.
            let col = columns(&line[dedent..indent]);
            let marker = list_marker(trimmed);
            if marker.is_some() || self.after_blank() {
                while lists.last().is_some_and(|&c| c > col) {
                    lists.pop();
                }
            }
            let base = lists.last().copied().unwrap_or(0);
            let mut extra = 0;
            if let Some(width) = marker {
                lists.push(col + width);
            } else if col >= base + 4 && self.after_blank() {
                extra = col - base;
                dedent += dedent_bytes(&line[dedent..indent], extra);
            }
            if let Some(open) = fence_start(trimmed) {
                fence = Some((open, extra));
                self.copy(pos + dedent, next);
                pos = next;
                continue;
            }
            pos = self.inline(pos + dedent);
        }
    }

    /// Skips an ESM block from `pos`: to the next blank line where its brackets are closed.
    fn skip_esm(&mut self, mut pos: usize) -> usize {
        let len = self.bytes.len();
        let mut depth = 0i64;
        while pos < len {
            let line_end = self.src[pos..].find('\n').map_or(len, |i| pos + i);
            let line = &self.src[pos..line_end];
            if line.trim().is_empty() && depth <= 0 {
                return pos;
            }
            depth += line
                .bytes()
                .map(|b| match b {
                    b'{' | b'(' | b'[' => 1,
                    b'}' | b')' | b']' => -1,
                    _ => 0,
                })
                .sum::<i64>();
            self.copy(line_end, (line_end + 1).min(len));
            pos = (line_end + 1).min(len);
        }
        pos
    }

    /// Reads the text of a line from `start` (and on through the lines that a tag or an
    /// expression spans) to just after its line break.
    fn inline(&mut self, start: usize) -> usize {
        let len = self.bytes.len();
        let mut p = start;
        let mut copied = start;
        let mut text_on_line = false;
        let joins_paragraph = self.paragraph_open();
        while p < len {
            match self.bytes[p] {
                b'\n' => {
                    self.copy(copied, p);
                    self.end_line();
                    self.copy(p, p + 1);
                    return p + 1;
                }
                b'`' => {
                    text_on_line = true;
                    p = code_span_end(self.bytes, p);
                }
                b'\\' => {
                    text_on_line = true;
                    p += 1;
                    // The escaped character (a line break ends the line as any other).
                    if p < len && self.bytes[p] != b'\n' {
                        p += self.src[p..].chars().next().map_or(1, char::len_utf8);
                    }
                }
                b'<' => match parse_tag(self.src, p) {
                    Some(parsed) => {
                        self.copy(copied, p);
                        p = parsed.end;
                        // A closing tag at the start of a line always ends its element's flow.
                        let flow =
                            !text_on_line && (parsed.kind == TagKind::Close || !joins_paragraph);
                        self.tag(parsed, flow);
                        copied = p;
                    }
                    None => {
                        text_on_line = true;
                        p += 1;
                    }
                },
                b'{' => match expression_end(self.bytes, p) {
                    Some(end) => {
                        self.copy(copied, p);
                        self.removed_on_line = true;
                        self.copy_newlines(p, end);
                        p = end;
                        copied = p;
                    }
                    None => {
                        text_on_line = true;
                        p += 1;
                    }
                },
                b' ' | b'\t' | b'\r' => p += 1,
                _ => {
                    text_on_line = true;
                    p += 1;
                }
            }
        }
        self.copy(copied, len);
        self.end_line();
        len
    }

    /// Records a tag read at its place; an inline tag leaves its translatable props in the
    /// text.
    fn tag(&mut self, parsed: Parsed, flow: bool) {
        self.removed_on_line = true;
        let at = self.out.len();
        self.copy_newlines(parsed.start, parsed.end);
        if !flow {
            for prop in &parsed.props {
                self.insert(" ", prop.offset);
                self.insert(&prop.value, prop.offset);
                self.insert(" ", prop.offset + prop.value.len());
            }
        }
        match parsed.kind {
            // HTML's void elements (`<br>`) have no content, closed or not.
            TagKind::Open if !VOID_ELEMENTS.contains(&parsed.name.as_str()) => {
                self.stack.push((parsed.name.clone(), None));
            }
            // A closing tag closes its element and any left open inside it; one that closes
            // nothing open is ignored.
            TagKind::Close => {
                if let Some(i) = self
                    .stack
                    .iter()
                    .rposition(|(name, _)| *name == parsed.name)
                {
                    self.stack.truncate(i);
                }
            }
            _ => {}
        }
        self.tags.push(Tag {
            name: parsed.name,
            kind: parsed.kind,
            start: parsed.start,
            end: parsed.end,
            flow,
            props: parsed.props,
            links: parsed.links,
            at,
        });
    }
}

/// The width of a list item's marker and the spaces after it, if the line starts one.
fn list_marker(trimmed: &str) -> Option<usize> {
    let bytes = trimmed.as_bytes();
    let marker = match bytes.first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 || !matches!(bytes.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    let spaces = bytes[marker..].iter().take_while(|&&b| b == b' ').count();
    match bytes.get(marker) {
        None => Some(marker + 1),
        Some(b' ' | b'\t') if spaces <= 4 => Some(marker + spaces.max(1)),
        Some(b' ' | b'\t') => Some(marker + 1),
        _ => None,
    }
}

/// The width in columns of leading whitespace (a tab stops at the next multiple of 4).
fn columns(whitespace: &str) -> usize {
    whitespace.bytes().fold(0, |col, b| match b {
        b'\t' => col + 4 - col % 4,
        _ => col + 1,
    })
}

/// How many bytes of leading whitespace make up at most `width` columns.
fn dedent_bytes(whitespace: &str, width: usize) -> usize {
    let mut col = 0;
    for (i, b) in whitespace.bytes().enumerate() {
        let next = if b == b'\t' {
            col + 4 - col % 4
        } else {
            col + 1
        };
        if next > width {
            return i;
        }
        col = next;
    }
    whitespace.len()
}

/// The end of the code span whose opening backticks start at `p`, or just after the
/// backticks where none closes them (before a blank line).
fn code_span_end(bytes: &[u8], p: usize) -> usize {
    let n = bytes[p..].iter().take_while(|&&b| b == b'`').count();
    let mut i = p + n;
    let mut newline = false;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                if run == n {
                    return i + run;
                }
                i += run;
                newline = false;
            }
            b'\n' if newline => break,
            b'\n' => {
                newline = true;
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            _ => {
                newline = false;
                i += 1;
            }
        }
    }
    p + n
}

mod jsx;

#[cfg(test)]
mod tests;
