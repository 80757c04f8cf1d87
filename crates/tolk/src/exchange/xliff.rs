//! XLIFF 1.2 (`urn:oasis:names:tc:xliff:document:1.2`): writing the work for a locale, and
//! reading a translated file back.
//!
//! One `<file>` per page (`original` = the source path), its baseline in the header's
//! `<prop-group name="tolk">`; one `<trans-unit>` per segment (`id` = the segment id). Paired
//! placeholders are `<g id="1" ctype="…">…</g>`; standalone ones `<x id="2" ctype="…"
//! equiv-text="…"/>`, the Markdown they stand for in `equiv-text` (reading also accepts
//! `<ph id="2">`). A stale unit carries the previous source and the current translation as an
//! `<alt-trans alt-trans-type="previous-version">` and in notes; a memory match comes as the
//! target with `state="needs-review-translation"` and an `<alt-trans match-quality="100">`.

use roxmltree::{Document, Node};

use super::export::{Entry, PageWork, Work};
use super::segments::{Piece, Segment, marked, parse_marked};
use super::{Returned, ReturnedPage, ReturnedUnit};
use crate::escape::xml as xml_escape;

/// The XLIFF namespace.
pub const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:1.2";

/// The work as an XLIFF 1.2 document.
pub fn write(work: &Work) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<xliff version=\"1.2\" xmlns=\"{NAMESPACE}\">\n"));
    for page in &work.pages {
        write_page(&mut out, work, page);
    }
    out.push_str("</xliff>\n");
    out
}

fn write_page(out: &mut String, work: &Work, page: &PageWork) {
    out.push_str(&format!(
        "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"x-markdown\">\n",
        xml_escape(&page.source_path),
        xml_escape(&work.source_locale),
        xml_escape(&work.locale)
    ));
    out.push_str("    <header>\n");
    out.push_str(&format!(
        "      <tool tool-id=\"tolk\" tool-name=\"tolk\" tool-version=\"{}\"/>\n",
        env!("CARGO_PKG_VERSION")
    ));
    out.push_str("      <prop-group name=\"tolk\">\n");
    let mut props = vec![
        ("key", page.key.as_str()),
        ("target", page.target_path.as_str()),
        ("mode", page.mode.code()),
        ("source-hash", page.source_hash.as_str()),
    ];
    if let Some(baseline) = &page.baseline {
        props.push(("baseline", baseline));
    }
    for (name, value) in props {
        out.push_str(&format!(
            "        <prop prop-type=\"{name}\">{}</prop>\n",
            xml_escape(value)
        ));
    }
    out.push_str("      </prop-group>\n    </header>\n    <body>\n");
    for entry in &page.entries {
        write_unit(out, page, entry);
    }
    out.push_str("    </body>\n  </file>\n");
}

fn write_unit(out: &mut String, page: &PageWork, entry: &Entry) {
    let segment = &entry.segment;
    out.push_str(&format!(
        "      <trans-unit id=\"{}\" xml:space=\"preserve\">\n",
        xml_escape(&segment.id)
    ));
    out.push_str(&format!(
        "        <source>{}</source>\n",
        inline(&segment.pieces, Some(segment))
    ));
    match &entry.memory {
        Some(memory) => out.push_str(&format!(
            "        <target state=\"needs-review-translation\" state-qualifier=\"exact-match\">{}</target>\n",
            inline(memory, Some(segment))
        )),
        None => out.push_str("        <target state=\"new\"></target>\n"),
    }
    out.push_str(&format!(
        "        <note from=\"tolk\">{}, line {} of {}</note>\n",
        xml_escape(&segment.kind),
        segment.line,
        xml_escape(&page.source_path)
    ));
    if let Some(previous) = &entry.previous {
        out.push_str(&format!(
            "        <note from=\"tolk\">Previous source: {}</note>\n",
            xml_escape(previous)
        ));
    }
    if let Some(current) = &entry.current {
        out.push_str(&format!(
            "        <note from=\"tolk\">Current translation: {}</note>\n",
            xml_escape(current)
        ));
    }
    if entry.previous.is_some() || entry.current.is_some() {
        let source = entry.previous.as_deref().map(parse_marked);
        let target = entry.current.as_deref().map(parse_marked);
        out.push_str("        <alt-trans alt-trans-type=\"previous-version\">\n");
        if let Some(source) = source {
            out.push_str(&format!(
                "          <source>{}</source>\n",
                inline(&source, None)
            ));
        }
        out.push_str(&format!(
            "          <target>{}</target>\n        </alt-trans>\n",
            target.map(|t| inline(&t, None)).unwrap_or_default()
        ));
    }
    if let Some(memory) = &entry.memory {
        out.push_str(&format!(
            "        <alt-trans match-quality=\"100\" origin=\"tolk\">\n          <target>{}</target>\n        </alt-trans>\n",
            inline(memory, Some(segment))
        ));
    }
    out.push_str("      </trans-unit>\n");
}

/// Pieces as XLIFF inline content; with the segment, placeholders get their kind and Markdown.
fn inline(pieces: &[Piece], segment: Option<&Segment>) -> String {
    let mut out = String::new();
    let placeholder = |id: u32| segment.and_then(|s| s.placeholder(id));
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(&xml_escape(t)),
            Piece::Open(id) => match placeholder(*id) {
                Some(p) => out.push_str(&format!("<g id=\"{id}\" ctype=\"{}\">", p.ctype)),
                None => out.push_str(&format!("<g id=\"{id}\">")),
            },
            Piece::Close(_) => out.push_str("</g>"),
            Piece::Standalone(id) => match placeholder(*id) {
                Some(p) => out.push_str(&format!(
                    "<x id=\"{id}\" ctype=\"{}\" equiv-text=\"{}\"/>",
                    p.ctype,
                    xml_escape(&p.open)
                )),
                None => out.push_str(&format!("<x id=\"{id}\"/>")),
            },
        }
    }
    out
}

/// Why a file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct Malformed {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

fn malformed(doc: &Document<'_>, node: Node<'_, '_>, message: impl Into<String>) -> Malformed {
    Malformed {
        line: doc.text_pos_at(node.range().start).row as usize,
        message: message.into(),
    }
}

/// Reads a translated XLIFF 1.2 file.
pub fn read(file: &str, text: &str) -> Result<Returned, Malformed> {
    let doc = Document::parse(text).map_err(|e| Malformed {
        line: e.pos().row as usize,
        message: format!("not well-formed XML: {e}"),
    })?;
    let root = doc.root_element();
    if root.tag_name().name() != "xliff" || root.tag_name().namespace() != Some(NAMESPACE) {
        return Err(malformed(
            &doc,
            root,
            format!("not an XLIFF 1.2 document (the root must be <xliff xmlns=\"{NAMESPACE}\">)"),
        ));
    }
    let mut returned = Returned {
        file: file.to_string(),
        ..Returned::default()
    };
    for node in root
        .children()
        .filter(|n| n.has_tag_name((NAMESPACE, "file")))
    {
        let target = node.attribute("target-language").unwrap_or_default();
        let source = node.attribute("source-language").unwrap_or_default();
        if target.is_empty() {
            return Err(malformed(&doc, node, "<file> has no target-language"));
        }
        if !returned.locale.is_empty() && returned.locale != target {
            return Err(malformed(
                &doc,
                node,
                format!(
                    "<file> is for `{target}`, an earlier one for `{}`: one locale per file",
                    returned.locale
                ),
            ));
        }
        returned.locale = target.to_string();
        returned.source_locale = source.to_string();
        let mut page = ReturnedPage {
            source_path: node.attribute("original").unwrap_or_default().to_string(),
            ..ReturnedPage::default()
        };
        let mut has_key = false;
        for prop in node
            .descendants()
            .filter(|n| n.has_tag_name((NAMESPACE, "prop")))
        {
            let value = prop.text().unwrap_or_default().trim().to_string();
            match prop.attribute("prop-type") {
                Some("key") => {
                    has_key = true;
                    page.key = value;
                }
                Some("target") => page.target_path = value,
                Some("mode") => page.mode = value,
                Some("source-hash") => page.source_hash = value,
                Some("baseline") => page.baseline = Some(value),
                _ => {}
            }
        }
        if !has_key || page.source_hash.is_empty() {
            return Err(malformed(
                &doc,
                node,
                "<file> lacks tolk's header (<prop-group name=\"tolk\"> with key and source-hash): was it exported by `tolk export`?",
            ));
        }
        for unit in node
            .descendants()
            .filter(|n| n.has_tag_name((NAMESPACE, "trans-unit")))
        {
            page.units.push(read_unit(&doc, unit)?);
        }
        returned.pages.push(page);
    }
    Ok(returned)
}

fn read_unit(doc: &Document<'_>, unit: Node<'_, '_>) -> Result<ReturnedUnit, Malformed> {
    let id = unit
        .attribute("id")
        .ok_or_else(|| malformed(doc, unit, "<trans-unit> without id"))?;
    let source = unit
        .children()
        .find(|n| n.has_tag_name((NAMESPACE, "source")))
        .ok_or_else(|| {
            malformed(
                doc,
                unit,
                format!("<trans-unit id=\"{id}\"> has no <source>"),
            )
        })?;
    let mut source_pieces = Vec::new();
    pieces(doc, source, &mut source_pieces)?;
    let target = unit
        .children()
        .find(|n| n.has_tag_name((NAMESPACE, "target")));
    let (target, unreviewed) = match target {
        Some(node) => {
            let mut out = Vec::new();
            pieces(doc, node, &mut out)?;
            let empty = out
                .iter()
                .all(|p| matches!(p, Piece::Text(t) if t.trim().is_empty()));
            let state = node.attribute("state").unwrap_or_default();
            (
                (!empty).then_some(out),
                state.starts_with("needs-review") || state == "needs-translation",
            )
        }
        None => (None, false),
    };
    Ok(ReturnedUnit {
        id: id.to_string(),
        line: doc.text_pos_at(unit.range().start).row as usize,
        source: marked(&source_pieces),
        target,
        unreviewed,
    })
}

fn pieces(doc: &Document<'_>, node: Node<'_, '_>, out: &mut Vec<Piece>) -> Result<(), Malformed> {
    for child in node.children() {
        if child.is_text() {
            let text = child.text().unwrap_or_default();
            if let Some(Piece::Text(last)) = out.last_mut() {
                last.push_str(text);
            } else {
                out.push(Piece::Text(text.to_string()));
            }
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let name = child.tag_name().name();
        let id = || -> Result<u32, Malformed> {
            child
                .attribute("id")
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| malformed(doc, child, format!("<{name}> needs a numeric id")))
        };
        match name {
            "g" => {
                let id = id()?;
                out.push(Piece::Open(id));
                pieces(doc, child, out)?;
                out.push(Piece::Close(id));
            }
            "x" | "ph" => out.push(Piece::Standalone(id()?)),
            "mrk" => pieces(doc, child, out)?,
            other => {
                return Err(malformed(
                    doc,
                    child,
                    format!("<{other}> is not expected in a segment (only <g>, <x>, <ph>, <mrk>)"),
                ));
            }
        }
    }
    Ok(())
}
