//! Which pages Hugo's cascades leave without a page of their own: a `cascade` entry with
//! `build: {render: never}` in the site configuration reaches every page its target matches,
//! one in a section's `_index.md` the pages below that section. A page whose own front matter
//! says whether it is rendered keeps what it says, as in Hugo.

use super::Page;
use crate::config::Config;
use crate::load::frontmatter::build_options::{CascadeMatcher, CascadePage, site_cascade_rules};

/// The cascade entries of one section's front matter.
struct Section {
    locale: String,
    /// The section's path key (`docs`; `""` for the home page): its pages are below it.
    folder: String,
    matchers: Vec<CascadeMatcher>,
}

/// Marks the pages of `pages` that a cascade leaves unrendered, and only those.
pub(super) fn apply_cascades(config: &Config, pages: &mut [Page]) {
    let site: Vec<CascadeMatcher> = config
        .site_cascade
        .as_ref()
        .map(site_cascade_rules)
        .unwrap_or_default()
        .iter()
        .filter_map(CascadeMatcher::new)
        .collect();
    let sections: Vec<Section> = pages
        .iter()
        .filter(|p| is_section(p) && !p.front.cascade.is_empty())
        .map(|p| Section {
            locale: p.locale.clone(),
            folder: p.path_key.clone(),
            matchers: p
                .front
                .cascade
                .iter()
                .filter_map(CascadeMatcher::new)
                .collect(),
        })
        .collect();
    for page in pages.iter_mut() {
        page.unrendered_by_cascade = false;
    }
    if site.is_empty() && sections.is_empty() {
        return;
    }
    for page in pages.iter_mut().filter(|p| p.front.unrendered.is_none()) {
        let path = format!("/{}", page.path_key.to_lowercase());
        let target = CascadePage {
            path: &path,
            kind: kind(page),
            lang: &page.locale,
        };
        let reached = site.iter().any(|m| m.matches(&target))
            || sections.iter().any(|section| {
                section.locale == page.locale
                    && is_below(&page.path_key, &section.folder)
                    && section.matchers.iter().any(|m| m.matches(&target))
            });
        page.unrendered_by_cascade = reached;
    }
}

/// Whether `page` is a branch bundle's `_index` file: a section, or the home page.
fn is_section(page: &Page) -> bool {
    page.is_index
        && std::path::Path::new(&page.content_path)
            .file_stem()
            .is_some_and(|stem| stem == "_index")
}

/// Hugo's kind of `page`: `home`, `section` or `page`.
fn kind(page: &Page) -> &'static str {
    match (is_section(page), page.path_key.is_empty()) {
        (true, true) => "home",
        (true, false) => "section",
        (false, _) => "page",
    }
}

/// Whether the page at path key `key` is below the section at `folder` (not the section itself).
fn is_below(key: &str, folder: &str) -> bool {
    if folder.is_empty() {
        return !key.is_empty();
    }
    key.strip_prefix(folder)
        .is_some_and(|rest| rest.starts_with('/'))
}
