//! `unsafe-attribute`: heading attributes that `tolk build` drops.
//!
//! `## Title {#id .class key=value}` gives a heading an id, classes and other attributes.
//! Unless tolk.yaml sets `unsafe_html: true`, the build keeps only the id and the classes
//! (any other attribute could be an event handler such as `onclick`, or a `style`), and this
//! check names each attribute it drops, with the page and line.

use pulldown_cmark::{Event, Parser, Tag};

use crate::diagnostics::{Finding, codes};
use crate::markdown::options::markdown_options;
use crate::model::{Page, Site};

/// One finding per heading of `body`, the body of the published page `page`, whose attributes
/// the build drops.
pub fn findings(site: &Site, page: &Page, body: &str) -> Vec<Finding> {
    // Only a `{…}` with `=` in it can carry an attribute besides the id and classes.
    if site.config.unsafe_html || !body.contains('=') || !body.contains('}') {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut lines = crate::place::LineIndex::new(body);
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        let Event::Start(Tag::Heading { attrs, .. }) = event else {
            continue;
        };
        if attrs.is_empty() {
            continue;
        }
        let names: Vec<String> = attrs.iter().map(|(k, _)| format!("`{k}`")).collect();
        let (line, column) = lines.place(range.start, page.body_line);
        found.push(
            Finding::new(
                &codes::UNSAFE_ATTRIBUTE,
                page.path.clone(),
                format!(
                    "heading attribute{} {} dropped by tolk build: only the id (`#id`) and classes \
                     (`.class`) are kept unless tolk.yaml sets `unsafe_html: true`",
                    if names.len() == 1 { "" } else { "s" },
                    names.join(", ")
                ),
            )
            .locale(page.locale.clone())
            .key(page.key.clone())
            .at(Some(line), Some(column)),
        );
    }
    found
}
