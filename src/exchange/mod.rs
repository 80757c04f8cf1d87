//! Exchange with translation agencies: the work for a locale as XLIFF 1.2 or gettext PO
//! (`tolk export`), and the translations written back into the pages (`tolk import`).
//!
//! [`segments`] cuts a page into units and segments; [`export`] decides, per page, what a
//! translator has to do and fills segments from the site's own translations ([`memory`]);
//! [`xliff`] and [`po`] write and read the two formats; [`import`] checks a returned file and
//! writes the pages.

pub mod export;
pub mod memory;
pub mod segments;
