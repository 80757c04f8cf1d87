//! A Markdown body read into what the lints compare: text blocks (paragraphs, headings, list
//! items) with their prose, the structural marks (headings, list items, tables, code blocks,
//! links) in document order, and the links with their destinations.
//!
//! Offsets are byte offsets into the body; the lints turn them into lines and columns with
//! the page's first body line.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::analyse::rendered::markdown_options;

/// What kind of text block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A paragraph.
    Paragraph,
    /// A heading.
    Heading,
    /// The text of a list item (a tight list's item, or the part before a nested block).
    ListItem,
}

impl TextKind {
    /// The block's name in messages.
    pub fn noun(self) -> &'static str {
        match self {
            TextKind::Paragraph => "paragraph",
            TextKind::Heading => "heading",
            TextKind::ListItem => "list item",
        }
    }
}

/// A block of running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBlock {
    /// Paragraph, heading or list item.
    pub kind: TextKind,
    /// Byte offset of the block in the body.
    pub offset: usize,
    /// The block's text: link texts kept, inline code in backticks, code blocks, images and
    /// HTML left out, whitespace as written.
    pub text: String,
}

/// A structural element, counted by `structure-mismatch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// A heading (any level).
    Heading,
    /// A list item.
    ListItem,
    /// A table.
    Table,
    /// A fenced or indented code block.
    CodeBlock,
    /// A link.
    Link,
}

impl Mark {
    /// Every kind, in report order.
    pub const ALL: [Mark; 5] = [
        Mark::Heading,
        Mark::ListItem,
        Mark::Table,
        Mark::CodeBlock,
        Mark::Link,
    ];

    /// Singular and plural name.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Mark::Heading => ("heading", "headings"),
            Mark::ListItem => ("list item", "list items"),
            Mark::Table => ("table", "tables"),
            Mark::CodeBlock => ("code block", "code blocks"),
            Mark::Link => ("link", "links"),
        }
    }
}

/// A link in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Byte offset of the link (its `[`, or `<` of an autolink) in the body.
    pub offset: usize,
    /// The destination as written (reference links resolved).
    pub dest: String,
}

/// A body, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// Text blocks in document order.
    pub text: Vec<TextBlock>,
    /// Structural marks in document order, with their offsets.
    pub marks: Vec<(Mark, usize)>,
    /// Links in document order.
    pub links: Vec<Link>,
}

impl Body {
    /// How many marks of `kind` the body has.
    pub fn count(&self, kind: Mark) -> usize {
        self.marks.iter().filter(|(m, _)| *m == kind).count()
    }
}

/// Reads a Markdown body.
pub fn read(body: &str) -> Body {
    let mut out = Body::default();
    // Open text blocks, innermost last: (kind, offset, text so far).
    let mut open: Vec<(TextKind, usize, String)> = Vec::new();
    let mut skip = 0usize; // inside code blocks, tables, images: text is not prose
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => open.push((TextKind::Paragraph, range.start, String::new())),
                Tag::Heading { .. } => {
                    out.marks.push((Mark::Heading, range.start));
                    open.push((TextKind::Heading, range.start, String::new()));
                }
                Tag::Item => {
                    out.marks.push((Mark::ListItem, range.start));
                    open.push((TextKind::ListItem, range.start, String::new()));
                }
                Tag::Table(_) => {
                    out.marks.push((Mark::Table, range.start));
                    skip += 1;
                }
                Tag::CodeBlock(_) => {
                    out.marks.push((Mark::CodeBlock, range.start));
                    skip += 1;
                }
                Tag::Image { .. } => skip += 1,
                Tag::Link { dest_url, .. } => {
                    out.marks.push((Mark::Link, range.start));
                    out.links.push(Link {
                        offset: range.start,
                        dest: dest_url.to_string(),
                    });
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item => {
                    if let Some((kind, offset, text)) = open.pop()
                        && !text.trim().is_empty()
                    {
                        out.text.push(TextBlock { kind, offset, text });
                    }
                }
                TagEnd::Table | TagEnd::CodeBlock | TagEnd::Image => skip = skip.saturating_sub(1),
                _ => {}
            },
            Event::Text(text) if skip == 0 => {
                if let Some((_, _, current)) = open.last_mut() {
                    current.push_str(&text);
                }
            }
            Event::Code(code) if skip == 0 => {
                if let Some((_, _, current)) = open.last_mut() {
                    current.push('`');
                    current.push_str(&code);
                    current.push('`');
                }
            }
            Event::SoftBreak | Event::HardBreak if skip == 0 => {
                if let Some((_, _, current)) = open.last_mut() {
                    current.push(' ');
                }
            }
            _ => {}
        }
    }
    // Blocks close inside out (an item after its paragraph); report them in document order.
    out.text.sort_by_key(|b| b.offset);
    out
}

/// Block text compared for identity: whitespace collapsed.
pub fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_blocks_marks_and_links() {
        let body = "## Title\n\nSome *text* with `code` and [a link](/x/).\n\n- one\n- two\n\n```\nlet x;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let b = read(body);
        let kinds: Vec<_> = b.text.iter().map(|t| (t.kind, t.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (TextKind::Heading, "Title"),
                (TextKind::Paragraph, "Some text with `code` and a link."),
                (TextKind::ListItem, "one"),
                (TextKind::ListItem, "two"),
            ]
        );
        assert_eq!(b.count(Mark::Heading), 1);
        assert_eq!(b.count(Mark::ListItem), 2);
        assert_eq!(b.count(Mark::CodeBlock), 1);
        assert_eq!(b.count(Mark::Table), 1);
        assert_eq!(
            b.links,
            [Link {
                offset: 38,
                dest: "/x/".into()
            }]
        );
        assert_eq!(&body[b.text[1].offset..b.text[1].offset + 4], "Some");
    }
}
