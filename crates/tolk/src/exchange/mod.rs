//! Exchange with translation agencies: the work for a locale as XLIFF 1.2 or gettext PO
//! (`tolk export`), and the translations written back into the pages (`tolk import`).
//!
//! [`segments`] cuts a page into units and segments; [`export`] decides, per page, what a
//! translator has to do and fills segments from the site's own translations ([`memory`]);
//! [`xliff`] and [`po`] write and read the two formats; [`import`] checks a returned file and
//! writes the pages.

pub mod export;
pub mod import;
pub mod memory;
pub mod po;
pub mod segments;
pub mod xliff;

use segments::Piece;

/// An exchange file as read back: per page, the translations of its segments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Returned {
    /// The file it was read from (for messages).
    pub file: String,
    /// Target locale as the file states it.
    pub locale: String,
    /// Source locale as the file states it.
    pub source_locale: String,
    /// The pages, in file order.
    pub pages: Vec<ReturnedPage>,
}

/// One page of a returned file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReturnedPage {
    /// Translation key.
    pub key: String,
    /// Source path at export.
    pub source_path: String,
    /// Translation path at export.
    pub target_path: String,
    /// `create`, `whole` or `update`.
    pub mode: String,
    /// The source's hash at export.
    pub source_hash: String,
    /// The translation's baseline at export.
    pub baseline: Option<String>,
    /// The segments.
    pub units: Vec<ReturnedUnit>,
}

/// One segment of a returned file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReturnedUnit {
    /// Segment id.
    pub id: String,
    /// Line in the returned file.
    pub line: usize,
    /// The source text as exported, in the marked form.
    pub source: String,
    /// The translation, if any (empty targets are `None`).
    pub target: Option<Vec<Piece>>,
    /// Whether it is still marked for review (PO `fuzzy`, XLIFF `needs-review-*`).
    pub unreviewed: bool,
}
