//! `broken-link` and `unlocalized-link`: internal Markdown links that lead nowhere, or to the
//! source-language page where the reader's own language has one.
//!
//! Only root-relative links (`/kom-i-gang/`), and absolute links under tolk.yaml's
//! `base_url`, are checked: links to other sites, protocol-relative and page-relative links,
//! fragments (`#top`) and static files with an extension (`/files/guide.pdf`) are left alone. URLs are compared as the site compares them: without
//! case, trailing slash, query or fragment, percent-decoded.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::blocks::Body;
use super::body_place;
use crate::analyse::{Finding, codes, urls};
use crate::model::{Page, Site, pairing};

/// Pages by URL identity, built once per run.
pub struct UrlIndex<'a> {
    site: &'a Site,
    by_url: HashMap<String, Entry<'a>, FnvBuild>,
}

/// The pages at one URL.
struct Entry<'a> {
    pages: Vec<&'a Page>,
    /// The published page's published translation in each configured locale, in
    /// configuration order, found the first time a link to it is checked.
    translations: OnceLock<Vec<Option<&'a Page>>>,
}

impl<'a> UrlIndex<'a> {
    /// Indexes every page of `site` by its URL.
    pub fn new(site: &'a Site) -> Self {
        let mut by_url: HashMap<String, Entry<'a>, FnvBuild> = HashMap::default();
        for page in &site.pages {
            by_url
                .entry(identity(&page.url))
                .or_insert_with(|| Entry {
                    pages: Vec::new(),
                    translations: OnceLock::new(),
                })
                .pages
                .push(page);
        }
        UrlIndex { site, by_url }
    }

    fn entry(&self, url: &str) -> Option<&Entry<'a>> {
        self.by_url.get(&identity(url))
    }

    fn get(&self, url: &str) -> &[&'a Page] {
        self.entry(url).map_or(&[], |e| e.pages.as_slice())
    }

    /// The published page at `url`, if any.
    pub fn published(&self, url: &str) -> Option<&'a Page> {
        self.entry(url).and_then(Entry::published)
    }

    /// For the published page at `url`: its published translation in `locale` (the page
    /// itself when it is in `locale`), if it has one; `None` when no published page is at
    /// `url`.
    pub fn published_translation(&self, url: &str, locale: &str) -> Option<Option<&'a Page>> {
        let entry = self.entry(url)?;
        let target = entry.published()?;
        let locales = &self.site.config.locales;
        let Some(position) = locales.iter().position(|l| l.code == locale) else {
            return Some(published_page(self.site, locale, &target.key));
        };
        let translations = entry.translations.get_or_init(|| {
            locales
                .iter()
                .map(|l| published_page(self.site, &l.code, &target.key))
                .collect()
        });
        Some(translations.get(position).copied().flatten())
    }
}

impl<'a> Entry<'a> {
    fn published(&self) -> Option<&'a Page> {
        self.pages.iter().find(|p| !p.front.draft).copied()
    }
}

/// The page of `locale` with translation `key`, unless it is a draft.
fn published_page<'a>(site: &'a Site, locale: &str, key: &str) -> Option<&'a Page> {
    site.page(locale, key).filter(|p| !p.front.draft)
}

/// The URL as pages are compared by it: percent-decoded (where it decodes), then
/// [`pairing::url_identity`].
fn identity(url: &str) -> String {
    if !url.contains('%') {
        // Nothing to decode.
        return pairing::url_identity(url);
    }
    let decoded = urls::percent_decode(url).unwrap_or_else(|| url.to_string());
    pairing::url_identity(&decoded)
}

/// FNV-1a, for the URL map: its keys are short and come from the site itself.
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

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
            (Some(target_page), _) => match localized(site, index, page, target_page, target) {
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

/// For a translation linking to a source-language page (`target`, published at `url`): that
/// page's published translation in the translation's own locale.
fn localized<'a>(
    site: &Site,
    index: &UrlIndex<'a>,
    page: &Page,
    target: &Page,
    url: &str,
) -> Option<&'a Page> {
    let source = &site.config.source_locale;
    if page.locale == *source || target.locale != *source {
        return None;
    }
    index.published_translation(url, &page.locale).flatten()
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

    #[test]
    fn identity_decodes_only_what_is_encoded() {
        assert_eq!(identity("/Om-MinID/"), "/om-minid");
        assert_eq!(identity("/s%C3%B8k/"), "/søk");
        assert_eq!(identity("/100%/"), "/100%");
    }

    #[test]
    fn published_translations_of_a_linked_page() {
        let file = |path: &str, text: &str| crate::load::RawFile {
            content_path: path.into(),
            path: format!("content/{path}"),
            bytes: text.as_bytes().to_vec(),
        };
        let site = Site::from_files(
            std::path::Path::new("/site"),
            crate::config::Config::default(),
            vec![
                file("nb/om.md", "---\ntitle: Om\n---\nTekst\n"),
                file(
                    "en/om.md",
                    "---\ntitle: About\nurl: /en/about/\n---\nText\n",
                ),
                file("nn/om.md", "---\ntitle: Om\ndraft: true\n---\nTekst\n"),
                file(
                    "nb/utkast.md",
                    "---\ntitle: Utkast\ndraft: true\n---\nTekst\n",
                ),
            ],
            Vec::new(),
        );
        let index = UrlIndex::new(&site);
        fn path(page: Option<Option<&Page>>) -> Option<Option<&str>> {
            page.map(|p| p.map(|p| p.path.as_str()))
        }
        assert_eq!(
            path(index.published_translation("/om/", "en")),
            Some(Some("content/en/om.md"))
        );
        assert_eq!(
            path(index.published_translation("/OM", "nb")),
            Some(Some("content/nb/om.md"))
        );
        // A draft translation is not published; a locale that is not configured has none.
        assert_eq!(path(index.published_translation("/om/", "nn")), Some(None));
        assert_eq!(path(index.published_translation("/om/", "de")), Some(None));
        // Nothing published at the URL: a draft, or no page at all.
        assert_eq!(path(index.published_translation("/utkast/", "nb")), None);
        assert_eq!(path(index.published_translation("/nowhere/", "en")), None);
        assert_eq!(
            index.published("/en/about").map(|p| p.path.as_str()),
            Some("content/en/om.md")
        );
    }
}
