//! Block-level staleness: which blocks of a source page changed since a translation's baseline,
//! where they are in the translation, and whether the change is minor or major.
//!
//! A page is cut into blocks: each top-level front-matter field, then the Markdown body's
//! headings, paragraphs, list items, tables, code blocks, block quotes and rules, each with its
//! line range. The old and new source block lists are diffed; where the translation's block
//! structure matches the old source's, each changed block maps to the translation's block at
//! the same position.
//!
//! In an MDX page each component that stands on its own line is a block too (`component
//! LinkCard`, its text the translatable props), and the Markdown around and inside the
//! components is cut as [`Mdx`] reads it, JSX syntax left out.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;
use similar::{DiffOp, capture_diff_slices};

use crate::load::frontmatter;
use crate::markdown::mdx::{Mdx, looks_like_mdx};
use crate::markdown::normalise::normalized;
use crate::markdown::options::markdown_options;

pub use crate::diagnostics::{BlockChange, ChangeSize, ChangedBlock};

/// What kind of block a block is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "name")]
pub enum BlockKind {
    /// A top-level front-matter field.
    Field(String),
    /// A heading of level 1–6.
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// One item of a top-level list.
    ListItem,
    /// A table.
    Table,
    /// A fenced or indented code block.
    CodeBlock,
    /// A block quote.
    BlockQuote,
    /// A thematic break.
    Rule,
    /// A raw HTML block.
    Html,
    /// A footnote definition.
    Footnote,
    /// An MDX component on its own line (`LinkCard`), with its translatable props.
    Component(String),
}

impl BlockKind {
    /// A short human name (`paragraph`, `heading`, `field title`).
    pub fn describe(&self) -> String {
        match self {
            BlockKind::Field(name) => format!("field `{name}`"),
            BlockKind::Heading(level) => format!("heading (h{level})"),
            BlockKind::Paragraph => "paragraph".into(),
            BlockKind::ListItem => "list item".into(),
            BlockKind::Table => "table".into(),
            BlockKind::CodeBlock => "code block".into(),
            BlockKind::BlockQuote => "block quote".into(),
            BlockKind::Rule => "rule".into(),
            BlockKind::Html => "HTML block".into(),
            BlockKind::Footnote => "footnote".into(),
            BlockKind::Component(name) => format!("component {name}"),
        }
    }
}

/// One block of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Its kind.
    pub kind: BlockKind,
    /// First line in the file (1-based).
    pub start: usize,
    /// Last line in the file (1-based, inclusive).
    pub end: usize,
    /// Its rendered text, whitespace collapsed (what a reader sees).
    pub text: String,
}

/// Cuts a page's text into blocks, as MDX where it [`looks_like_mdx`].
pub fn blocks(text: &str) -> Vec<Block> {
    blocks_as(text, looks_like_mdx(text))
}

/// Cuts a page's text into blocks, reading its body as MDX or as Markdown.
pub fn blocks_as(text: &str, mdx: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let (body, body_offset) = match frontmatter::split(text) {
        Ok(split) => {
            field_blocks(split.yaml, split.yaml_line, &mut out);
            (split.body, text.len() - split.body.len())
        }
        Err(_) => (text, 0),
    };
    if mdx {
        mdx_blocks(text, body, body_offset, &mut out);
    } else {
        body_blocks(text, body, body_offset, |offset| offset, &mut out);
    }
    out
}

/// The blocks of an MDX body: those of its Markdown, and its flow components, in order.
fn mdx_blocks(text: &str, body: &str, body_offset: usize, out: &mut Vec<Block>) {
    let mdx = Mdx::read(body);
    let mut markdown = Vec::new();
    body_blocks(
        text,
        &mdx.markdown,
        body_offset,
        |offset| mdx.original(offset),
        &mut markdown,
    );
    let mut lines = Lines::new(text);
    let mut components = mdx
        .tags
        .iter()
        .filter(|t| t.flow && t.opens())
        .map(|t| Block {
            kind: BlockKind::Component(t.name.clone()),
            start: lines.at(body_offset + t.start),
            end: lines.end(body_offset + t.start, body_offset + t.end),
            text: t.text(),
        })
        .peekable();
    // A component before a block that starts on its line (`<Card>Text</Card>`) comes first.
    for block in markdown {
        while let Some(component) = components.next_if(|c| c.start <= block.start) {
            out.push(component);
        }
        out.push(block);
    }
    out.extend(components);
}

fn field_blocks(yaml: &str, first_line: usize, out: &mut Vec<Block>) {
    let lines: Vec<&str> = yaml.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let key = (!line.starts_with([' ', '\t', '#', '-']))
            .then(|| line.split_once(':').map(|(k, _)| k.trim()))
            .flatten()
            .filter(|k| !k.is_empty());
        let Some(key) = key else {
            i += 1;
            continue;
        };
        let start = i;
        i += 1;
        while i < lines.len()
            && (lines[i].starts_with([' ', '\t', '-']) || lines[i].trim().is_empty())
        {
            i += 1;
        }
        let mut end = i;
        while end > start + 1 && lines[end - 1].trim().is_empty() {
            end -= 1;
        }
        if key == "l10n" {
            continue;
        }
        let value = lines[start..end].join("\n");
        let value = value.split_once(':').map(|(_, v)| v).unwrap_or("");
        out.push(Block {
            kind: BlockKind::Field(key.to_string()),
            start: first_line + start,
            end: first_line + end - 1,
            text: normalized(value),
        });
    }
}

/// Line numbers (1-based) of byte offsets in a text, counted on from the last offset asked
/// for: a body's blocks come in document order, so the text is scanned about once.
struct Lines<'t> {
    text: &'t [u8],
    offset: usize,
    line: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The line of byte `offset`.
    fn at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        self.line += self.text[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = offset;
        self.line
    }

    /// The last line of a range ending at byte `end` (exclusive), ignoring a trailing newline.
    fn end(&mut self, start: usize, end: usize) -> usize {
        let mut end = end.min(self.text.len());
        while end > start && matches!(self.text[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        self.at(end.max(start))
    }
}

/// The blocks of a Markdown body; `original` takes an offset in `body` to the page body's
/// (they differ where `body` is an MDX body's Markdown).
fn body_blocks(
    text: &str,
    body: &str,
    body_offset: usize,
    original: impl Fn(usize) -> usize,
    out: &mut Vec<Block>,
) {
    let mut depth = 0usize;
    // (kind, start offset in body, depth at which it closes)
    let mut open: Option<(BlockKind, usize, usize)> = None;
    let mut list_depth: Option<usize> = None;
    let mut buffer = String::new();
    let mut lines = Lines::new(text);
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match &event {
            Event::Start(tag) => {
                if open.is_none() {
                    let kind = match tag {
                        Tag::Heading { level, .. } if depth == 0 => {
                            Some(BlockKind::Heading(*level as u8))
                        }
                        Tag::Paragraph if depth == 0 => Some(BlockKind::Paragraph),
                        Tag::Item if list_depth == Some(depth) => Some(BlockKind::ListItem),
                        Tag::Table(_) if depth == 0 => Some(BlockKind::Table),
                        Tag::CodeBlock(_) if depth == 0 => Some(BlockKind::CodeBlock),
                        Tag::BlockQuote(_) if depth == 0 => Some(BlockKind::BlockQuote),
                        Tag::HtmlBlock if depth == 0 => Some(BlockKind::Html),
                        Tag::FootnoteDefinition(_) if depth == 0 => Some(BlockKind::Footnote),
                        _ => None,
                    };
                    if let Tag::List(_) = tag
                        && depth == 0
                    {
                        list_depth = Some(depth + 1);
                    }
                    if let Some(kind) = kind {
                        open = Some((kind, range.start, depth));
                        buffer.clear();
                    }
                }
                depth += 1;
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                if let TagEnd::List(_) = tag
                    && depth == 0
                {
                    list_depth = None;
                }
                if let Some((kind, start, at)) = &open
                    && *at == depth
                {
                    // The last byte's place: the next byte may be where removed JSX was.
                    let (start, end) =
                        (original(*start), original(range.end.saturating_sub(1)) + 1);
                    out.push(Block {
                        kind: kind.clone(),
                        start: lines.at(body_offset + start),
                        end: lines.end(body_offset + start, body_offset + end),
                        text: normalized(&buffer),
                    });
                    open = None;
                }
            }
            Event::Rule if depth == 0 => {
                let line = lines.at(body_offset + original(range.start));
                out.push(Block {
                    kind: BlockKind::Rule,
                    start: line,
                    end: line,
                    text: String::new(),
                });
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                buffer.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak => buffer.push(' '),
            _ => {}
        }
        if let (Event::Start(Tag::Link { dest_url, .. }), Some(_)) = (&event, &open) {
            // A changed link target is a change a translator must carry over.
            buffer.push_str(&format!(" <{dest_url}> "));
        }
    }
}

/// The block-level account of a stale translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockReport {
    /// Minor or major.
    pub change: ChangeSize,
    /// Whether the translation's structure matches the baseline's, so translation lines are known.
    pub structure_matches: bool,
    /// The changed blocks, in source order.
    pub blocks: Vec<ChangedBlock>,
}

fn same_shape(a: &Block, b: &Block) -> bool {
    a.kind == b.kind
}

/// Compares baseline and current source, and maps the changes into the translation.
pub fn compare(baseline: &str, current: &str, translation: &str) -> BlockReport {
    SourceChange::new(baseline, current).report(translation)
}

/// The block-level change of a source page from a baseline to now, made once and mapped into
/// each translation that records that baseline.
#[derive(Debug)]
pub struct SourceChange {
    old: Vec<Block>,
    new: Vec<Block>,
    ops: Vec<DiffOp>,
    /// Whether every change is a small edit of a block of the same kind.
    minor: bool,
    /// Whether the page is read as MDX.
    mdx: bool,
}

impl SourceChange {
    /// Cuts both versions into blocks and diffs them.
    pub fn new(baseline: &str, current: &str) -> SourceChange {
        let mdx = looks_like_mdx(baseline) || looks_like_mdx(current);
        let old = blocks_as(baseline, mdx);
        let new = blocks_as(current, mdx);
        let old_keys: Vec<(&BlockKind, &str)> =
            old.iter().map(|b| (&b.kind, b.text.as_str())).collect();
        let new_keys: Vec<(&BlockKind, &str)> =
            new.iter().map(|b| (&b.kind, b.text.as_str())).collect();
        let ops = capture_diff_slices(similar::Algorithm::Myers, &old_keys, &new_keys);
        let minor = ops.iter().all(|op| {
            let (old_range, new_range) = (op.old_range(), op.new_range());
            matches!(op, DiffOp::Equal { .. })
                || old_range.len() == new_range.len()
                    && old_range.zip(new_range).all(|(i, j)| {
                        old[i].kind == new[j].kind && small_edit(&old[i].text, &new[j].text)
                    })
        });
        SourceChange {
            old,
            new,
            ops,
            minor,
            mdx,
        }
    }

    /// The changed blocks, with their lines in `translation` where its structure allows.
    pub fn report(&self, translation: &str) -> BlockReport {
        let (old, new) = (&self.old, &self.new);
        let ours = blocks_as(translation, self.mdx || looks_like_mdx(translation));
        let mapping = Mapping::new(old, &ours);
        let structure_matches = mapping.body_matches;
        let removed = |i: usize| ChangedBlock {
            kind: old[i].kind.describe(),
            change: BlockChange::Removed,
            source_lines: None,
            baseline_lines: Some((old[i].start, old[i].end)),
            translation_lines: mapping.block(i),
        };
        let added = |j: usize, before_old: usize| ChangedBlock {
            kind: new[j].kind.describe(),
            change: BlockChange::Added,
            source_lines: Some((new[j].start, new[j].end)),
            baseline_lines: None,
            translation_lines: mapping.insert_after(before_old),
        };
        let mut changed = Vec::new();
        for op in &self.ops {
            let (old_range, new_range) = (op.old_range(), op.new_range());
            if let DiffOp::Equal { .. } = op {
                continue;
            }
            let paired = old_range.len().min(new_range.len());
            for (i, j) in old_range.clone().zip(new_range.clone()) {
                let (o, n) = (&old[i], &new[j]);
                changed.push(ChangedBlock {
                    kind: n.kind.describe(),
                    change: BlockChange::Modified,
                    source_lines: Some((n.start, n.end)),
                    baseline_lines: Some((o.start, o.end)),
                    translation_lines: mapping.block(i),
                });
            }
            changed.extend(old_range.clone().skip(paired).map(removed));
            changed.extend(new_range.skip(paired).map(|j| added(j, old_range.end)));
        }
        BlockReport {
            change: if self.minor && !changed.is_empty() {
                ChangeSize::Minor
            } else {
                ChangeSize::Major
            },
            structure_matches,
            blocks: changed,
        }
    }
}

/// How the baseline's blocks correspond to the translation's: fields by name, body blocks by
/// position when the body structures match.
struct Mapping<'a> {
    old: &'a [Block],
    ours: &'a [Block],
    ours_body: Vec<&'a Block>,
    old_fields: usize,
    body_matches: bool,
}

impl<'a> Mapping<'a> {
    fn new(old: &'a [Block], ours: &'a [Block]) -> Mapping<'a> {
        let is_field = |b: &&Block| matches!(b.kind, BlockKind::Field(_));
        let old_body: Vec<&Block> = old.iter().filter(|b| !is_field(b)).collect();
        let ours_body: Vec<&Block> = ours.iter().filter(|b| !is_field(b)).collect();
        let body_matches = old_body.len() == ours_body.len()
            && old_body
                .iter()
                .zip(&ours_body)
                .all(|(a, b)| same_shape(a, b));
        Mapping {
            old,
            ours,
            ours_body,
            old_fields: old.iter().filter(is_field).count(),
            body_matches,
        }
    }

    /// The translation block matching the baseline's block `i`.
    fn block(&self, i: usize) -> Option<(usize, usize)> {
        let block = self.old.get(i)?;
        if let BlockKind::Field(_) = &block.kind {
            return self
                .ours
                .iter()
                .find(|b| b.kind == block.kind)
                .map(|b| (b.start, b.end));
        }
        if !self.body_matches {
            return None;
        }
        let body_index = i.checked_sub(self.old_fields)?;
        self.ours_body.get(body_index).map(|b| (b.start, b.end))
    }

    /// For a block added before the baseline's position `index`: the translation line after
    /// which it belongs (the end of the block before it), as a one-line range.
    fn insert_after(&self, index: usize) -> Option<(usize, usize)> {
        let previous = index.checked_sub(1)?;
        if matches!(self.old.get(previous)?.kind, BlockKind::Field(_)) && index >= self.old_fields {
            // First body block: after the front matter, i.e. before the first body block.
            let line = self.ours_body.first().map(|b| b.start.saturating_sub(1))?;
            return self.body_matches.then_some((line, line));
        }
        let (_, end) = self.block(previous)?;
        Some((end, end))
    }
}

/// Whether `b` is a small edit of `a`: at most three words changed, or only numbers.
fn small_edit(a: &str, b: &str) -> bool {
    let diff = similar::TextDiff::from_words(a, b);
    let mut changed_words = 0usize;
    let mut only_numbers = true;
    for change in diff.iter_all_changes() {
        if change.tag() == similar::ChangeTag::Equal {
            continue;
        }
        let word = change.value().trim();
        if word.is_empty() {
            continue;
        }
        changed_words += 1;
        if !word
            .chars()
            .all(|c| c.is_ascii_digit() || ",.:-–/%".contains(c))
        {
            only_numbers = false;
        }
    }
    // Replacing one word counts as two changes (one removed, one added).
    only_numbers || changed_words <= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str =
        "---\ntitle: Om\n---\n## Hei\n\nFørste avsnitt.\n\n- en\n- to\n\nSiste avsnitt.\n";

    #[test]
    fn lines_count_on_and_back() {
        let text = "a\nb\n\nc\r\nd\n";
        let naive = |offset: usize| {
            text.as_bytes()[..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1
        };
        let mut lines = Lines::new(text);
        for offset in [0, 1, 2, 5, 3, 9, 4, 100, 0] {
            assert_eq!(lines.at(offset), naive(offset.min(text.len())), "{offset}");
        }
        // A range ending in line breaks ends on the line before them.
        assert_eq!(lines.end(0, 4), 2);
        assert_eq!(lines.end(8, 10), 5);
    }

    #[test]
    fn cuts_fields_and_blocks_with_lines() {
        let b = blocks(OLD);
        let kinds: Vec<String> = b.iter().map(|b| b.kind.describe()).collect();
        assert_eq!(
            kinds,
            [
                "field `title`",
                "heading (h2)",
                "paragraph",
                "list item",
                "list item",
                "paragraph"
            ]
        );
        assert_eq!((b[0].start, b[0].end), (2, 2));
        assert_eq!((b[1].start, b[1].end), (4, 4));
        assert_eq!((b[3].start, b[3].end), (8, 8));
        assert_eq!((b[5].start, b[5].end), (11, 11));
    }

    #[test]
    fn typo_fix_is_minor_and_mapped() {
        let new = OLD.replace("Første avsnitt.", "Første avsnittet.");
        let translation = "---\ntitle: About\nl10n:\n  source_hash: x\n---\n## Hi\n\nFirst paragraph.\n\n- one\n- two\n\nLast paragraph.\n";
        let report = compare(OLD, &new, translation);
        assert_eq!(report.change, ChangeSize::Minor);
        assert!(report.structure_matches);
        assert_eq!(report.blocks.len(), 1);
        assert_eq!(report.blocks[0].source_lines, Some((6, 6)));
        assert_eq!(report.blocks[0].translation_lines, Some((8, 8)));
    }

    #[test]
    fn one_source_change_maps_into_each_translation() {
        let new = OLD.replace("Første avsnitt.", "Første avsnittet.");
        let change = SourceChange::new(OLD, &new);
        let aligned = "---\ntitle: About\n---\n## Hi\n\nFirst paragraph.\n\n- one\n- two\n\nLast paragraph.\n";
        let reshaped = "---\ntitle: Om\n---\nFyrste avsnitt.\n";
        let first = change.report(aligned);
        let second = change.report(reshaped);
        assert_eq!(first.blocks[0].translation_lines, Some((6, 6)));
        assert!(!second.structure_matches);
        assert_eq!(second.blocks[0].translation_lines, None);
        assert_eq!(first.change, second.change);
        assert_eq!(second, compare(OLD, &new, reshaped));
    }

    #[test]
    fn added_item_is_major() {
        let new = OLD.replace("- to\n", "- to\n- tre\n");
        let translation = "---\ntitle: About\n---\n## Hi\n\nFirst.\n\n- one\n- two\n\nLast.\n";
        let report = compare(OLD, &new, translation);
        assert_eq!(report.change, ChangeSize::Major);
        assert_eq!(report.blocks[0].change, BlockChange::Added);
        assert_eq!(report.blocks[0].source_lines, Some((10, 10)));
        assert_eq!(
            report.blocks[0].translation_lines,
            Some((9, 9)),
            "after the last item"
        );
    }

    #[test]
    fn rewritten_paragraph_is_major() {
        let new = OLD.replace(
            "Første avsnitt.",
            "Et helt annet avsnitt med mange nye ord i seg.",
        );
        assert_eq!(compare(OLD, &new, OLD).change, ChangeSize::Major);
    }

    #[test]
    fn changed_number_is_minor() {
        let old = "Fra du er 13 år, koster det 0 kroner.\n";
        let new = "Fra du er 15 år, koster det 10 kroner.\n";
        assert_eq!(compare(old, new, old).change, ChangeSize::Minor);
    }

    #[test]
    fn fields_map_by_name() {
        let new = OLD.replace("title: Om", "title: Om MinID");
        let translation = "---\ntranslation_key: om\ntitle: About\n---\nDifferent body.\n";
        let report = compare(OLD, &new, translation);
        assert_eq!(report.blocks[0].kind, "field `title`");
        assert_eq!(report.blocks[0].translation_lines, Some((3, 3)));
    }

    #[test]
    fn different_structure_gives_no_translation_lines() {
        let new = OLD.replace("Siste avsnitt.", "Siste avsnitt, endret.");
        let translation = "---\ntitle: About\n---\nOne paragraph only.\n";
        let report = compare(OLD, &new, translation);
        assert!(!report.structure_matches);
        assert_eq!(report.blocks[0].translation_lines, None);
    }

    #[test]
    fn mdx_components_are_blocks() {
        let text = "---\ntitle: A\n---\nimport { Card } from 'x';\n\n<CardGrid>\n\t<Card\n\t\ttitle=\"Docs\"\n\t\ticon=\"book\">\n\t\tSearch and more.\n\t</Card>\n\t<LinkCard title=\"Start\" href=\"/a/\" />\n</CardGrid>\n\nText.\n";
        let b = blocks(text);
        let kinds: Vec<(String, usize, usize, &str)> = b
            .iter()
            .map(|b| (b.kind.describe(), b.start, b.end, b.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("field `title`".into(), 2, 2, "A"),
                ("component CardGrid".into(), 6, 6, ""),
                ("component Card".into(), 7, 9, "title: Docs"),
                ("paragraph".into(), 10, 10, "Search and more."),
                ("component LinkCard".into(), 12, 12, "title: Start"),
                ("paragraph".into(), 15, 15, "Text."),
            ]
        );
        // Without JSX the page is cut as Markdown.
        assert!(
            blocks_as(text, false)
                .iter()
                .all(|b| !matches!(b.kind, BlockKind::Component(_)))
        );
    }

    #[test]
    fn added_component_is_reported_by_name() {
        let old = "import { LinkCard } from 'x';\n\n<LinkCard title=\"A\" href=\"/a/\" />\n";
        let new = format!("{old}<LinkCard title=\"B\" href=\"/b/\" />\n");
        let report = compare(old, &new, old);
        assert_eq!(report.blocks.len(), 1);
        assert_eq!(report.blocks[0].kind, "component LinkCard");
        assert_eq!(report.blocks[0].change, BlockChange::Added);
        assert_eq!(report.blocks[0].source_lines, Some((4, 4)));
        assert_eq!(report.blocks[0].translation_lines, Some((3, 3)));
    }
}
