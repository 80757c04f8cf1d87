//! The Markdown dialect tolk reads and renders: one set of pulldown-cmark extensions for every
//! parse of a page body, so that the build, the lints, the staleness comparison and the
//! translation exchange see the same blocks.

use pulldown_cmark::Options;

/// Markdown extensions tolk renders with.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}
