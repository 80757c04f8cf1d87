//! `broken-link` and `unlocalized-link`: internal Markdown links that lead nowhere, or to the
//! source-language page where the reader's own language has one.
//!
//! Only root-relative links (`/kom-i-gang/`), and absolute links under tolk.yaml's
//! `base_url`, are checked: links to other sites, protocol-relative and page-relative links,
//! fragments (`#top`) and static files with an extension (`/files/guide.pdf`) are left alone. URLs are compared as the site compares them: without
//! case, trailing slash, query or fragment, percent-decoded.

use std::collections::BTreeMap;

use super::blocks::Body;
use super::body_place;
use crate::analyse::{Finding, codes, urls};
use crate::model::{Page, Site, pairing};

/// Pages by URL identity, built once per run.
pub struct UrlIndex<'a> {
    by_url: BTreeMap<String, Vec<&'a Page>>,
}

impl<'a> UrlIndex<'a> {
    /// Indexes every page of `site` by its URL.
    pub fn new(site: &'a Site) -> Self {
        let mut by_url: BTreeMap<String, Vec<&'a Page>> = BTreeMap::new();
        for page in &site.pages {
            by_url.entry(identity(&page.url)).or_default().push(page);
        }
        UrlIndex { by_url }
    }

    fn get(&self, url: &str) -> &[&'a Page] {
        self.by_url.get(&identity(url)).map_or(&[], Vec::as_slice)
    }

    /// The published page at `url`, if any.
    pub fn published(&self, url: &str) -> Option<&'a Page> {
        self.get(url).iter().find(|p| !p.front.draft).copied()
    }
}

fn identity(url: &str) -> String {
    let decoded = urls::percent_decode(url).unwrap_or_else(|| url.to_string());
    pairing::url_identity(&decoded)
}

/// The root-relative page path a link destination names, or `None` when it is not checked.
pub fn internal_target(dest: &str) -> Option<&str> {
    let dest = dest.trim();
    if !dest.starts_with('/') || dest.starts_with("//") {
        return None;
    }
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    let last = path.rsplit('/').next().unwrap_or("");
    if last.contains('.') && !last.ends_with('.') {
        // A static file (`/files/guide.pdf`, `/sitemap.xml`).
        return None;
    }
    Some(path)
}

/// The link findings of one published page.
pub fn findings(site: &Site, index: &UrlIndex<'_>, page: &Page, body: &Body) -> Vec<Finding> {
    let mut found = Vec::new();
    for link in &body.links {
        // An absolute link to the site itself (`https://minid.no/om-minid/`) is internal too.
        let dest = match &site.config.base_url {
            Some(base) => match link.dest.strip_prefix(base.as_str()) {
                Some(rest) if rest.starts_with('/') => rest,
                Some("") => "/",
                _ => link.dest.as_str(),
            },
            None => link.dest.as_str(),
        };
        let Some(target) = internal_target(dest) else {
            continue;
        };
        let candidates = index.get(target);
        let published = candidates.iter().find(|p| !p.front.draft);
        let (code, message) = match (published, candidates.first()) {
            (None, None) => (
                "broken-link",
                format!(
                    "the link to `{}` leads to no page of this site; fix the URL",
                    link.dest
                ),
            ),
            (None, Some(draft)) => (
                "broken-link",
                format!(
                    "the link to `{}` leads to {}, a draft that is not published",
                    link.dest, draft.path
                ),
            ),
            (Some(target_page), _) => match localized(site, page, target_page) {
                Some(local) => (
                    "unlocalized-link",
                    format!(
                        "the link to `{}` leads to the `{}` page, but this page's language has it at `{}`; link there",
                        link.dest, target_page.locale, local.url
                    ),
                ),
                None => continue,
            },
        };
        let (line, column) = body_place(page, link.offset);
        found.push(
            codes::finding(code, page.path.clone(), message)
                .locale(page.locale.clone())
                .key(page.key.clone())
                .at(Some(line), Some(column)),
        );
    }
    found
}

/// For a translation linking to a source-language page: that page's published translation in
/// the translation's own locale.
fn localized<'a>(site: &'a Site, page: &Page, target: &Page) -> Option<&'a Page> {
    let source = &site.config.source_locale;
    if page.locale == *source || target.locale != *source {
        return None;
    }
    site.page(&page.locale, &target.key)
        .filter(|p| !p.front.draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_root_relative_page_links_are_checked() {
        assert_eq!(internal_target("/kom-i-gang/#steg"), Some("/kom-i-gang/"));
        assert_eq!(internal_target("/om-minid?x=1"), Some("/om-minid"));
        assert_eq!(internal_target("https://norge.no/"), None);
        assert_eq!(internal_target("//cdn.example/x"), None);
        assert_eq!(internal_target("mailto:hei@minid.no"), None);
        assert_eq!(internal_target("#top"), None);
        assert_eq!(internal_target("relative/page/"), None);
        assert_eq!(internal_target("/files/guide.pdf"), None);
    }
}
