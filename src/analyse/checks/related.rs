//! `broken-related-page`: `related_pages` entries that name no published page.
//!
//! An entry may be a translation key, a URL of any locale or a content path
//! (`/kom-i-gang/registrer-deg`); it names a page and so all of its translations. It is broken
//! when it resolves to nothing, or only to drafts (which are not published). Drafts themselves
//! are not checked: they are not published either.

use rayon::prelude::*;

use crate::diagnostics::{Finding, codes};
use crate::load::frontmatter;
use crate::model::{Page, Site};

/// One finding per broken `related_pages` entry of a published page.
pub fn findings(site: &Site) -> Vec<Finding> {
    site.pages
        .par_iter()
        .flat_map_iter(|page| page_findings(site, page))
        .collect()
}

/// The findings about `page`'s own `related_pages` entries (none for a draft, or a page whose
/// front matter could not be read).
pub fn page_findings(site: &Site, page: &Page) -> Vec<Finding> {
    let mut findings = Vec::new();
    if !page.is_published() || !page.front_ok {
        return findings;
    }
    for entry in &page.front.related_pages {
        let problem = match site.resolve_ref(entry) {
            None => "names no page of this site; give a translation key (`about`), a URL (`/en/about/`) \
                     or a content path (`/kom-i-gang/registrer-deg`)"
                .to_string(),
            Some(key) if site.translations(key).all(|p| !p.is_published()) => format!(
                "names `{key}`, which is only a draft in every locale and is not published; \
                 publish it or remove the entry"
            ),
            Some(_) => continue,
        };
        let line = entry_line(page, entry);
        findings.push(
            Finding::new(
                &codes::BROKEN_RELATED_PAGE,
                page.path.clone(),
                format!("related page `{entry}` {problem}"),
            )
            .locale(page.locale.clone())
            .key(page.key.clone())
            .at(line, line.map(|_| 1)),
        );
    }
    findings
}

/// The file line of `entry` in the page's `related_pages` list, else of the key itself.
fn entry_line(page: &Page, entry: &str) -> Option<u32> {
    let split = frontmatter::split(&page.text).ok()?;
    let key = frontmatter::key_line(split.yaml, "related_pages")?;
    let offset = split
        .yaml
        .lines()
        .skip(key)
        .take_while(|line| line.starts_with([' ', '-', '\t']))
        .position(|line| line.contains(entry))
        .map_or(0, |i| i + 1);
    Some((key + offset + split.yaml_line - 1) as u32)
}
