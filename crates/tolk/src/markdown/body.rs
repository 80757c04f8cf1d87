//! A Markdown body read into what the lints compare: text blocks (paragraphs, headings, list
//! items) with their prose, the structural marks (headings, list items, tables, code blocks,
//! links) in document order, and the links with their destinations.
//!
//! Offsets are byte offsets into the body; the lints turn them into lines and columns with
//! the page's first body line. [`TextIndex`] finds the block of a body that a text is
//! identical to (once whitespace is collapsed).
//!
//! An MDX body is read as [`Mdx`] takes it apart: JSX syntax (tags, props, `{…}`, ESM) is
//! never text; the text children of components are read as Markdown, the translatable props
//! of a component on its own line are text blocks of their own ([`TextKind::Prop`]), and the
//! components are counted by name ([`Body::components`]).

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::mdx::{Mdx, looks_like_mdx, reads_as_mdx};
use super::normalise::same_normalized;
use super::options::markdown_options;
use super::words::pieces;
use crate::model::{Page, PageText};

/// What kind of text block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A paragraph.
    Paragraph,
    /// A heading.
    Heading,
    /// The text of a list item (a tight list's item, or the part before a nested block).
    ListItem,
    /// A translatable prop of an MDX component (`title="…"`).
    Prop,
}

impl TextKind {
    /// The block's name in messages.
    pub fn noun(self) -> &'static str {
        match self {
            TextKind::Paragraph => "paragraph",
            TextKind::Heading => "heading",
            TextKind::ListItem => "list item",
            TextKind::Prop => "component prop",
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

/// An MDX component of the body, counted by `structure-mismatch`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    /// Its name (`LinkCard`).
    pub name: String,
    /// Byte offset of its tag in the body.
    pub offset: usize,
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
    /// MDX components (capitalised tags that open an element) in document order.
    pub components: Vec<Component>,
}

impl Body {
    /// How many marks of `kind` the body has.
    pub fn count(&self, kind: Mark) -> usize {
        self.marks.iter().filter(|(m, _)| *m == kind).count()
    }
}

/// Reads the body of `page`, as MDX where it [`reads_as_mdx`].
pub fn read_page(page: &Page) -> Body {
    read_body_of(page, page.body())
}

/// [`read_page`], with the page's text in hand ([`Page::read_text`]).
pub fn read_page_text(page: &Page, text: &PageText<'_>) -> Body {
    read_body_of(page, text.body())
}

/// Reads `body`, the body of `page`, as MDX where it [`reads_as_mdx`].
fn read_body_of(page: &Page, body: &str) -> Body {
    // Hugo shortcodes are blanked in place: offsets and lines stay those of the file.
    let masked = crate::load::shortcodes::mask(body);
    let body: &str = &masked;
    if reads_as_mdx(&page.path, body) {
        read_mdx(body)
    } else {
        read_markdown(body, |offset| offset)
    }
}

/// Reads a body, as MDX where it [`looks_like_mdx`].
pub fn read(body: &str) -> Body {
    if looks_like_mdx(body) {
        read_mdx(body)
    } else {
        read_markdown(body, |offset| offset)
    }
}

/// Reads an MDX body: its Markdown, the props of its flow components as text blocks, and its
/// components.
pub fn read_mdx(body: &str) -> Body {
    let mdx = Mdx::read(body);
    let mut out = read_markdown(&mdx.markdown, |offset| mdx.original(offset));
    for tag in mdx.tags.iter().filter(|t| t.opens()) {
        if tag.is_component() {
            out.components.push(Component {
                name: tag.name.clone(),
                offset: tag.start,
            });
        }
        if tag.flow {
            out.text.extend(tag.props.iter().map(|prop| TextBlock {
                kind: TextKind::Prop,
                offset: prop.offset,
                text: prop.value.clone(),
            }));
        }
    }
    out.text.sort_by_key(|b| b.offset);
    out
}

/// Reads a Markdown body; `original` takes an offset in `body` to the page body's (they
/// differ where `body` is an MDX body's Markdown).
fn read_markdown(body: &str, original: impl Fn(usize) -> usize) -> Body {
    let mut out = Body::default();
    // Open text blocks, innermost last: (kind, offset, text so far).
    let mut open: Vec<(TextKind, usize, String)> = Vec::new();
    let mut skip = 0usize; // inside code blocks, tables, images: text is not prose
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                // A paragraph's or heading's text is about as long as its source.
                Tag::Paragraph => open.push((
                    TextKind::Paragraph,
                    original(range.start),
                    String::with_capacity(range.len()),
                )),
                Tag::Heading { .. } => {
                    out.marks.push((Mark::Heading, original(range.start)));
                    open.push((
                        TextKind::Heading,
                        original(range.start),
                        String::with_capacity(range.len()),
                    ));
                }
                Tag::Item => {
                    out.marks.push((Mark::ListItem, original(range.start)));
                    open.push((TextKind::ListItem, original(range.start), String::new()));
                }
                Tag::Table(_) => {
                    out.marks.push((Mark::Table, original(range.start)));
                    skip += 1;
                }
                Tag::CodeBlock(_) => {
                    out.marks.push((Mark::CodeBlock, original(range.start)));
                    skip += 1;
                }
                Tag::Image { .. } => skip += 1,
                Tag::Link { dest_url, .. } => {
                    out.marks.push((Mark::Link, original(range.start)));
                    out.links.push(Link {
                        offset: original(range.start),
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

/// How many leading words [`TextIndex`] hashes: enough to tell most blocks apart, few enough
/// that a block that matches nothing costs little.
const INDEXED_WORDS: usize = 4;

/// A hash of the first [`INDEXED_WORDS`] words of `text` (so equal for texts that are the
/// same once [`normalized`](super::normalise::normalized)).
fn leading_words_hash(text: &str) -> u64 {
    // FNV-1a, with 0xFF (never in UTF-8) after each word.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for word in pieces(text).take(INDEXED_WORDS) {
        for &b in word.as_bytes().iter().chain(&[0xFF]) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The text blocks of a body by their [`normalized`](super::normalise::normalized) text: which
/// block a text is identical to, without normalising every block into a new string.
#[derive(Debug, Clone, Default)]
pub struct TextIndex {
    /// (hash of the leading words, block index), sorted.
    entries: Vec<(u64, usize)>,
}

impl TextIndex {
    /// Indexes the text blocks of `body`.
    pub fn new(body: &Body) -> Self {
        let mut entries: Vec<(u64, usize)> = body
            .text
            .iter()
            .enumerate()
            .map(|(i, block)| (leading_words_hash(&block.text), i))
            .collect();
        entries.sort_unstable();
        TextIndex { entries }
    }

    /// The block of `body` (the body indexed) whose normalised text is `text`'s; the last one
    /// in document order where several are.
    pub fn find<'b>(&self, body: &'b Body, text: &str) -> Option<&'b TextBlock> {
        let hash = leading_words_hash(text);
        let from = self.entries.partition_point(|&(h, _)| h < hash);
        let to = self.entries.partition_point(|&(h, _)| h <= hash);
        self.entries
            .get(from..to)?
            .iter()
            .rev()
            .find_map(|&(_, i)| {
                body.text
                    .get(i)
                    .filter(|block| same_normalized(&block.text, text))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::normalise::normalized;

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

    #[test]
    fn offsets_of_each_block_kind_and_mark() {
        let body = "# Tittel\r\n\r\nEin *avsnitt* med [lenkje](/a/).\r\n\r\n1. første\r\n   - indre `kode`\r\n\r\n```\r\nx\r\n```\r\n\r\n| a |\r\n|---|\r\n| b |\r\n\r\n    innrykt kode\r\n\r\n> Sitat\r\n> vidare\r\n";
        let b = read(body);
        let blocks: Vec<(TextKind, &str, &str)> = b
            .text
            .iter()
            .map(|t| (t.kind, t.text.as_str(), &body[t.offset..][..4]))
            .collect();
        assert_eq!(
            blocks,
            [
                (TextKind::Heading, "Tittel", "# Ti"),
                (TextKind::Paragraph, "Ein avsnitt med lenkje.", "Ein "),
                (TextKind::ListItem, "første", "1. f"),
                (TextKind::ListItem, "indre `kode`", "- in"),
                (TextKind::Paragraph, "Sitat vidare", "Sita"),
            ]
        );
        let marks: Vec<(Mark, &str)> = b
            .marks
            .iter()
            .map(|&(m, at)| (m, &body[at..][..3]))
            .collect();
        assert_eq!(
            marks,
            [
                (Mark::Heading, "# T"),
                (Mark::Link, "[le"),
                (Mark::ListItem, "1. "),
                (Mark::ListItem, "- i"),
                (Mark::CodeBlock, "```"),
                (Mark::Table, "| a"),
                (Mark::CodeBlock, "inn"),
            ]
        );
        assert_eq!(b.links[0].dest, "/a/");
        assert_eq!(crate::place::line_column(body, b.text[3].offset), (6, 4));
    }

    #[test]
    fn text_index_finds_the_last_identical_block() {
        let body = read(
            "One two three four five.\n\n- One two  three four six.\n- x\n\nOne two three\nfour five.\n",
        );
        let index = TextIndex::new(&body);
        let found = index.find(&body, " One two three four   five. ");
        assert_eq!(found.map(|b| b.offset), Some(body.text[3].offset));
        assert_eq!(
            index.find(&body, "One two three four six.").map(|b| b.kind),
            Some(TextKind::ListItem)
        );
        assert!(index.find(&body, "One two three four").is_none());
        assert!(index.find(&body, "y").is_none());
        assert_eq!(index.find(&body, "x").map(|b| b.text.as_str()), Some("x"));
        // The same as a map from normalised text to the last block with it.
        let map: std::collections::BTreeMap<String, &TextBlock> =
            body.text.iter().map(|b| (normalized(&b.text), b)).collect();
        for block in &body.text {
            assert_eq!(
                index.find(&body, &block.text),
                map.get(&normalized(&block.text)).copied()
            );
        }
    }

    #[test]
    fn mdx_is_read_without_its_jsx() {
        let body = "import { LinkCard } from 'x';\nexport const a = { b: 'c d e f g' };\n\n{/* a note to editors */}\n\n<LinkCard\n  href=\"/a/\"\n  title=\"Kom i gang\"\n/>\n<Aside type=\"tip\">\n  Husk passordet.\n</Aside>\n\nSe [siden](/a/) <Badge text=\"Ny\" />.\n";
        let b = read(body);
        let text: Vec<(TextKind, &str)> = b.text.iter().map(|t| (t.kind, t.text.trim())).collect();
        assert_eq!(
            text,
            [
                (TextKind::Prop, "Kom i gang"),
                (TextKind::Paragraph, "Husk passordet."),
                (TextKind::Paragraph, "Se siden  Ny ."),
            ]
        );
        // Offsets are the body's.
        assert_eq!(&body[b.text[0].offset..][..10], "Kom i gang");
        assert_eq!(&body[b.text[1].offset..][..4], "Husk");
        assert_eq!(&body[b.links[0].offset..][..7], "[siden]");
        let names: Vec<&str> = b.components.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["LinkCard", "Aside", "Badge"]);
    }
}
