//! `broken-link`, `fallback-link` and `unlocalized-link`: internal Markdown links that lead
//! nowhere, to a page the reader's language does not have yet, or to the source-language page
//! where the reader's own language has one.
//!
//! Checked: root-relative links (`/kom-i-gang/`), absolute links under tolk.yaml's `base_url`,
//! and page-relative links to Markdown files (`../guide.md`, resolved from the page's file as
//! Hugo, Docusaurus and Starlight do). Left alone: links to other sites, protocol-relative
//! links, other page-relative links, fragments (`#top`) and static files with an extension
//! (`/files/guide.pdf`). URLs are compared as the site compares them: without case, trailing
//! slash, query or fragment, percent-decoded.
//!
//! Each body's links are resolved once ([`UrlIndex::resolve`], a [`ResolvedLinks`]): the page
//! each one leads to is then asked by this lint and by `structure-mismatch` (for its
//! translations) without looking the URL up again.
//!
//! A link is broken only when nothing serves it: no published page, nothing the site serves
//! besides pages ([`served`](super::served): static folders, mounts, generated list pages,
//! `external_paths`), and no page of the locale's fallback chain (readers get that page:
//! `fallback-link`, a note).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::served::Served;
use crate::config::{Config, Locale};
use crate::diagnostics::{Finding, codes};
use crate::hash::KeyHash;
use crate::load::frontmatter::FrontMatter;
use crate::markdown::body::{Body, Link};
use crate::model::output_path::percent_decode;
use crate::model::{Page, Site, pairing};

/// Pages by URL identity and by file, and the paths served besides pages, built once per run.
pub struct UrlIndex<'a> {
    site: &'a Site,
    /// URL identity → position in `entries`.
    by_url: HashMap<String, usize, KeyHash>,
    entries: Vec<Entry<'a>>,
    by_file: HashMap<&'a str, &'a Page, KeyHash>,
    served: Served,
}

/// The pages at one URL.
struct Entry<'a> {
    pages: Vec<&'a Page>,
    /// The first of `pages` that is published.
    published: Option<&'a Page>,
    /// Whether `published` is a page of the source locale.
    published_in_source: bool,
    /// The published page's published translation in each configured locale, in
    /// configuration order, found the first time a link to it is checked.
    translations: OnceLock<Vec<Option<&'a Page>>>,
}

impl<'a> UrlIndex<'a> {
    /// Indexes every page of `site` by its URL.
    pub fn new(site: &'a Site) -> Self {
        let mut by_url: HashMap<String, usize, KeyHash> = HashMap::default();
        let mut entries: Vec<Entry<'a>> = Vec::new();
        for page in &site.pages {
            let at = *by_url
                .entry(identity(&page.url).into_owned())
                .or_insert_with(|| {
                    entries.push(Entry {
                        pages: Vec::new(),
                        published: None,
                        published_in_source: false,
                        translations: OnceLock::new(),
                    });
                    entries.len() - 1
                });
            let entry = &mut entries[at];
            entry.pages.push(page);
            if entry.published.is_none() && page.is_published() {
                entry.published = Some(page);
                entry.published_in_source = page.locale == site.config.source_locale;
            }
        }
        let by_file = site
            .pages
            .iter()
            .map(|p| (p.content_path.as_str(), p))
            .collect();
        UrlIndex {
            site,
            by_url,
            entries,
            by_file,
            served: Served::new(site),
        }
    }

    /// The site indexed.
    pub fn site(&self) -> &'a Site {
        self.site
    }

    /// Each link of `body`, resolved: what [`findings`] and `structure-mismatch` ask of it.
    pub fn resolve<'b>(&self, body: &'b Body) -> ResolvedLinks<'b> {
        ResolvedLinks {
            body,
            links: body
                .links
                .iter()
                .map(|link| self.resolve_link(link))
                .collect(),
        }
    }

    /// One link, resolved: the target [`findings`] checks (with `base_url` taken off) and the
    /// one written (which `structure-mismatch` counts), looked up once when they are one.
    fn resolve_link<'b>(&self, link: &'b Link) -> Resolved<'b> {
        let dest = link.dest.as_str();
        if let Some(file) = file_link(dest) {
            // Never root-relative as written.
            return Resolved {
                checked: Checked::File(file),
                written: None,
            };
        }
        let relative = site_relative(self.site, dest);
        let target = internal_target(relative);
        let entry = target.and_then(|t| self.entry_at(t));
        let written = if std::ptr::eq(relative, dest) {
            target.map(|_| entry)
        } else {
            // A link under `base_url`, not root-relative as written, unless `base_url` is
            // itself a path.
            internal_target(dest).map(|as_written| self.entry_at(as_written))
        };
        let checked = match target {
            Some(target) => Checked::Url { target, entry },
            None => Checked::Unchecked,
        };
        Resolved { checked, written }
    }

    /// What a root-relative link from `page` to `target` (fragment and query removed), whose
    /// URL is that of `entry`, leads to.
    fn url_outcome(&self, page: &Page, target: &str, entry: Option<usize>) -> Outcome<'a> {
        let entry = entry.map(|at| &self.entries[at]);
        let candidates = entry.map_or(&[][..], |e| e.pages.as_slice());
        if let Some((entry, published)) = entry.and_then(|e| Some((e, e.published?))) {
            return match localized(self.site, page, entry, published) {
                Some(local) => Outcome::Unlocalized(published, local),
                None => Outcome::Fine,
            };
        }
        if self.served.serves(target) {
            return Outcome::Fine;
        }
        if let Some(outcome) = self.fallback_by_url(target) {
            return outcome;
        }
        Outcome::Broken(
            candidates
                .first()
                .map(|draft| format!("{}, a draft that is not published", draft.path)),
        )
    }

    /// For a URL under a target locale's prefix that has no page: the page the locale's
    /// fallback chain serves there instead, if any.
    fn fallback_by_url(&self, target: &str) -> Option<Outcome<'a>> {
        let config = &self.site.config;
        let locale = config.locale_of_url(target)?;
        let rest = target.strip_prefix(locale.prefix.as_str()).unwrap_or("");
        for code in chain(config, locale) {
            let Some(fallback) = config.locale(code) else {
                continue;
            };
            let Some(served) = self.published(&format!("{}{rest}", fallback.prefix)) else {
                continue;
            };
            return Some(self.fallback_outcome(&locale.code, served));
        }
        None
    }

    /// A link into `locale` served by `served`, a page of its fallback chain: a fallback,
    /// unless the locale has a translation of that page at another URL.
    fn fallback_outcome(&self, locale: &'a str, served: &'a Page) -> Outcome<'a> {
        match published_page(self.site, locale, &served.key) {
            Some(own) => Outcome::Broken(Some(format!(
                "no page; the `{locale}` translation of {} is at `{}`",
                served.path, own.url
            ))),
            None => Outcome::Fallback {
                locale,
                page: served,
            },
        }
    }

    /// What a page-relative link from `page` to the Markdown file `file` leads to: the file is
    /// looked for beside the page, and (for a path that does not start with `./` or `../`, as
    /// Docusaurus does) below the root of the page's locale.
    fn file_outcome(&self, page: &Page, file: &str) -> Outcome<'a> {
        let config = &self.site.config;
        let dir = page.content_path.rsplit_once('/').map_or("", |(d, _)| d);
        let mut tries = vec![join_relative(dir, file)];
        if !file.starts_with("./") && !file.starts_with("../") {
            tries.push(join_relative(locale_root(config, page), file));
        }
        let tries: Vec<String> = tries.into_iter().flatten().collect();
        let Some(first) = tries.first() else {
            // Above the content folder: not a page of this site, and not checked.
            return Outcome::Fine;
        };
        let mut draft = None;
        for path in &tries {
            match self.by_file.get(path.as_str()) {
                Some(target) if target.is_published() => return Outcome::Fine,
                Some(target) => draft = draft.or(Some(*target)),
                None => {
                    if self
                        .site
                        .root
                        .join(&config.content_dir)
                        .join(path)
                        .is_file()
                    {
                        // A file that is not a page of the site (a partial, an excluded file).
                        return Outcome::Fine;
                    }
                }
            }
        }
        let placement = pairing::place(config, first, &FrontMatter::default());
        if let Some(locale) = config.locale(&placement.locale) {
            for code in chain(config, locale) {
                if let Some(served) = published_page(self.site, code, &placement.key) {
                    return self.fallback_outcome(&locale.code, served);
                }
            }
        }
        Outcome::Broken(draft.map(|d| format!("{}, a draft that is not published", d.path)))
    }

    /// The position in `entries` of the pages at `url`.
    fn entry_at(&self, url: &str) -> Option<usize> {
        self.by_url.get(identity(url).as_ref()).copied()
    }

    fn entry(&self, url: &str) -> Option<&Entry<'a>> {
        self.entry_at(url).map(|at| &self.entries[at])
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
        Some(entry.translation(self.site, target, locale))
    }
}

impl<'a> Entry<'a> {
    fn published(&self) -> Option<&'a Page> {
        self.published
    }

    /// The published translation in `locale` of `target`, this entry's published page (the
    /// page itself when it is in `locale`).
    fn translation(&self, site: &'a Site, target: &'a Page, locale: &str) -> Option<&'a Page> {
        self.translation_at(site, target, locale, locale_position(site, locale))
    }

    /// [`Entry::translation`], given where `locale` is among the configured locales.
    fn translation_at(
        &self,
        site: &'a Site,
        target: &'a Page,
        locale: &str,
        position: Option<usize>,
    ) -> Option<&'a Page> {
        let locales = &site.config.locales;
        let Some(position) = position else {
            return published_page(site, locale, &target.key);
        };
        let translations = self.translations.get_or_init(|| {
            locales
                .iter()
                .map(|l| published_page(site, &l.code, &target.key))
                .collect()
        });
        translations.get(position).copied().flatten()
    }
}

/// Where `locale` is among the configured locales.
fn locale_position(site: &Site, locale: &str) -> Option<usize> {
    site.config.locales.iter().position(|l| l.code == locale)
}

/// The links of one body, each resolved once against the [`UrlIndex`]: for each link of
/// [`Body::links`], in order, the page path it names and the pages at that URL (or that it is
/// a page-relative link to a Markdown file, or a link not checked).
pub struct ResolvedLinks<'b> {
    body: &'b Body,
    links: Vec<Resolved<'b>>,
}

/// One link of a body, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Resolved<'b> {
    /// What [`findings`] checks: the link with the site's `base_url` taken off.
    checked: Checked<'b>,
    /// For a link written root-relative (as `structure-mismatch` counts links): the position
    /// of the pages at its URL in [`UrlIndex`]'s entries, if any page is there; `None` for
    /// any other link.
    written: Option<Option<usize>>,
}

/// What [`findings`] checks of one link.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Checked<'b> {
    /// Not a link to a page of this site that is checked.
    Unchecked,
    /// A page-relative link to a Markdown file: its path ([`file_link`]).
    File(String),
    /// A root-relative page path ([`internal_target`]) and the position of the pages at that
    /// URL in [`UrlIndex`]'s entries, if any page is there.
    Url {
        target: &'b str,
        entry: Option<usize>,
    },
}

impl<'b> ResolvedLinks<'b> {
    /// The body whose links these are.
    pub fn body(&self) -> &'b Body {
        self.body
    }

    /// For each link of the body, in order: for a root-relative link (as written, see
    /// [`internal_target`]) to a published page, that page's published translation in
    /// `locale` (the page itself when it is in `locale`), if it has one; `None` for a link to
    /// no published page and for any other link. What
    /// [`UrlIndex::published_translation`] says of each link's target.
    pub fn published_translations<'s, 'a: 's>(
        &'s self,
        index: &'s UrlIndex<'a>,
        locale: &'s str,
    ) -> impl Iterator<Item = Option<Option<&'a Page>>> + 's {
        let position = locale_position(index.site, locale);
        self.links.iter().map(move |link| {
            let entry = &index.entries[link.written.flatten()?];
            let target = entry.published()?;
            Some(entry.translation_at(index.site, target, locale, position))
        })
    }
}

/// The locales whose pages readers of `locale` get where it has none: its `fallback` list,
/// then the source locale (as Starlight, Docusaurus and Hugo serve the source page there).
fn chain<'c>(config: &'c Config, locale: &'c Locale) -> Vec<&'c str> {
    let mut codes: Vec<&str> = Vec::new();
    for code in locale
        .fallback
        .iter()
        .map(String::as_str)
        .chain([config.source_locale.as_str()])
    {
        if code != locale.code && !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

/// The folder of `page`'s locale below the content folder (`fr` for `fr/guides/a.md`), or
/// `""` when the page is not in a locale folder.
fn locale_root<'p>(config: &Config, page: &'p Page) -> &'p str {
    match page.content_path.split_once('/') {
        Some((first, _))
            if config
                .resolve_locale(first)
                .is_some_and(|(l, _)| l.code == page.locale) =>
        {
            first
        }
        _ => "",
    }
}

/// The page of `locale` with translation `key`, unless it is a draft.
fn published_page<'a>(site: &'a Site, locale: &str, key: &str) -> Option<&'a Page> {
    site.published_page(locale, key)
}

/// The URL as pages are compared by it: percent-decoded (where it decodes), then
/// [`pairing::url_identity`].
fn identity(url: &str) -> Cow<'_, str> {
    if !url.contains('%') {
        // Nothing to decode.
        return pairing::url_identity_of(url);
    }
    let decoded = percent_decode(url).unwrap_or_else(|| url.to_string());
    Cow::Owned(pairing::url_identity(&decoded))
}

/// The root-relative page path a link destination names, or `None` when it is not checked.
pub fn internal_target(dest: &str) -> Option<&str> {
    let dest = dest.trim();
    if !dest.starts_with('/') || dest.starts_with("//") || is_templated(dest) {
        return None;
    }
    // `#` and `?` are ASCII: where either is, is a character boundary.
    let end = memchr::memchr2(b'#', b'?', dest.as_bytes()).unwrap_or(dest.len());
    let path = &dest[..end];
    let last = path.rsplit('/').next().unwrap_or("");
    if last.contains('.') && !last.ends_with('.') {
        // A static file (`/files/guide.pdf`, `/sitemap.xml`).
        return None;
    }
    Some(path)
}

/// Whether a link destination holds template code that the generator fills in when it
/// renders the page (`/docs/{{ $lang }}/`, in Hugo's text included by a shortcode): its URL is
/// not known before then.
fn is_templated(dest: &str) -> bool {
    dest.contains("{{") || dest.contains("{%")
}

/// What one link leads to.
enum Outcome<'a> {
    /// A page that is published, or a path served by something else: nothing to say.
    Fine,
    /// The published source-language page where the page's own locale has a translation.
    Unlocalized(&'a Page, &'a Page),
    /// No page of the link's locale, but one of its fallback chain that readers get instead.
    Fallback {
        /// The locale the link leads into.
        locale: &'a str,
        /// The page served in its place.
        page: &'a Page,
    },
    /// Nothing, or only a draft; with a hint where there is one.
    Broken(Option<String>),
}

/// The link findings of one published page, whose body is `text` and its links `links`.
pub fn findings(
    index: &UrlIndex<'_>,
    page: &Page,
    text: &str,
    links: &ResolvedLinks<'_>,
) -> Vec<Finding> {
    let mut found = Vec::new();
    // Made for the first finding: most pages have none.
    let mut lines = None;
    for (link, resolved) in links.body.links.iter().zip(&links.links) {
        let outcome = match &resolved.checked {
            Checked::Unchecked => continue,
            Checked::File(file) => index.file_outcome(page, file),
            Checked::Url { target, entry } => index.url_outcome(page, target, *entry),
        };
        let (code, message) = match outcome {
            Outcome::Fine => continue,
            Outcome::Broken(hint) => (
                &codes::BROKEN_LINK,
                format!(
                    "the link to `{}` leads to {}",
                    link.dest,
                    hint.unwrap_or_else(|| "no page of this site; fix the URL".to_string())
                ),
            ),
            Outcome::Unlocalized(target_page, local) => (
                &codes::UNLOCALIZED_LINK,
                format!(
                    "the link to `{}` leads to the `{}` page, but this page's language has it at `{}`; link there",
                    link.dest, target_page.locale, local.url
                ),
            ),
            Outcome::Fallback {
                locale,
                page: served,
            } => (
                &codes::FALLBACK_LINK,
                format!(
                    "links to `{}`, which `{locale}` does not have yet; readers get the `{}` page ({})",
                    link.dest, served.locale, served.path
                ),
            ),
        };
        let (line, column) = lines
            .get_or_insert_with(|| crate::place::LineIndex::new(text))
            .place(link.offset, page.body_line);
        found.push(
            Finding::new(code, page.path.clone(), message)
                .locale(page.locale.clone())
                .key(page.key.clone())
                .at(Some(line), Some(column)),
        );
    }
    found
}

/// `dest` with the site's own `base_url` taken off (`https://minid.no/om-minid/` is the
/// internal link `/om-minid/`).
fn site_relative<'d>(site: &Site, dest: &'d str) -> &'d str {
    let Some(base) = &site.config.base_url else {
        return dest;
    };
    match dest.strip_prefix(base.as_str()) {
        Some(rest) if rest.starts_with('/') => rest,
        Some("") => "/",
        _ => dest,
    }
}

/// The file path of a page-relative link to a Markdown file (`../guide.md#setup`,
/// `intro.mdx`), percent-decoded, without fragment or query; `None` for any other link.
pub fn file_link(dest: &str) -> Option<String> {
    let dest = dest.trim();
    if dest.starts_with('/') || dest.starts_with('#') || dest.contains("://") {
        return None;
    }
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    if path.contains(':') {
        // `mailto:`, `tel:` and other schemes.
        return None;
    }
    let lower = path.to_ascii_lowercase();
    if !(lower.ends_with(".md") || lower.ends_with(".mdx") || lower.ends_with(".markdown")) {
        return None;
    }
    Some(percent_decode(path).unwrap_or_else(|| path.to_string()))
}

/// `path` (`/`-separated, relative) joined to `dir` with `.` and `..` resolved; `None` when
/// it climbs above the folder `dir` is relative to.
fn join_relative(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// For a translation linking to a source-language page (`target`, the published page of
/// `entry`): that page's published translation in the translation's own locale.
fn localized<'a>(
    site: &'a Site,
    page: &Page,
    entry: &Entry<'a>,
    target: &'a Page,
) -> Option<&'a Page> {
    if page.locale == site.config.source_locale
        || !entry.published_in_source
        || site.config.localized_links
    {
        return None;
    }
    entry.translation(site, target, &page.locale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::SiteBuilder;

    /// The links of `ResolvedLinks` tests: a published source page with a translation, a
    /// draft, a page only the source has (read through the fallback), page-relative Markdown
    /// files, a percent-encoded and upper-case URL, an absolute URL under `base_url`, and
    /// another site.
    const LINKS: &str = "[a](/kontakt/) [b](/utkast/) [c](/en/hjelp/#svar) [d](kontakt.md) \
        [e](borte.md) [f](/en/S%C3%B8K) [g](https://minid.example/kontakt/) \
        [h](https://minid.example/en/kontakt/) [i](https://norge.no/) [j](/nowhere/)\n";

    fn linking_site() -> Site {
        SiteBuilder::with_config("base_url: https://minid.example\n")
            .page("nb", "om", "title: Om\n", LINKS)
            .page("en", "om", "title: About\n", LINKS)
            .page("nb", "kontakt", "title: Kontakt\n", "Ring.\n")
            .page("en", "kontakt", "title: Contact\n", "Call.\n")
            .page("nb", "utkast", "title: Utkast\ndraft: true\n", "Snart.\n")
            .page("nb", "hjelp", "title: Hjelp\n", "Les.\n")
            .page("nb", "søk", "title: Søk\n", "Søk.\n")
            .page("en", "søk", "title: Search\n", "Search.\n")
            .build()
    }

    /// The path of a page, for comparing.
    fn path(page: Option<Option<&Page>>) -> Option<Option<&str>> {
        page.map(|p| p.map(|p| p.path.as_str()))
    }

    #[test]
    fn resolved_links_give_each_link_its_published_translation() {
        let site = linking_site();
        let index = UrlIndex::new(&site);
        for page in &site.pages {
            let body = crate::markdown::body::read_page(page);
            let resolved = index.resolve(&body);
            for locale in ["nb", "nn", "en", "de"] {
                // Each link's target looked up on its own, as written.
                let one_by_one: Vec<_> = body
                    .links
                    .iter()
                    .map(|l| {
                        internal_target(&l.dest)
                            .and_then(|t| index.published_translation(t, locale))
                    })
                    .map(path)
                    .collect();
                let at_once: Vec<_> = resolved
                    .published_translations(&index, locale)
                    .map(path)
                    .collect();
                assert_eq!(at_once, one_by_one, "{} in {locale}", page.path);
            }
        }
        let source = site.source_page("om").expect("the source page");
        let body = crate::markdown::body::read_page(source);
        let resolved = index.resolve(&body);
        assert_eq!(
            resolved
                .published_translations(&index, "en")
                .map(path)
                .collect::<Vec<_>>(),
            [
                Some(Some("content/en/kontakt.md")),
                // A draft is not published; nothing is at `/en/hjelp/`.
                None,
                None,
                // Page-relative files, and links under `base_url`, are not root-relative.
                None,
                None,
                Some(Some("content/en/søk.md")),
                None,
                None,
                None,
                None,
            ]
        );
        assert_eq!(
            resolved
                .published_translations(&index, "nn")
                .map(path)
                .collect::<Vec<_>>()[0],
            Some(None)
        );
    }

    #[test]
    fn links_resolved_once_give_the_findings_of_each_link() {
        let site = linking_site();
        let index = UrlIndex::new(&site);
        let messages = |locale: &str| {
            let page = site.page(locale, "om").expect("the page");
            let body = crate::markdown::body::read_page(page);
            findings(&index, page, page.body(), &index.resolve(&body))
                .into_iter()
                .map(|f| (f.code, f.line, f.column, f.message))
                .collect::<Vec<_>>()
        };
        let broken = |dest: &str, to: &str| format!("the link to `{dest}` leads to {to}");
        let fallback = "links to `/en/hjelp/#svar`, which `en` does not have yet; readers get the \
            `nb` page (content/nb/hjelp.md)";
        assert_eq!(
            messages("nb"),
            [
                (
                    "broken-link".to_string(),
                    Some(4),
                    Some(16),
                    broken(
                        "/utkast/",
                        "content/nb/utkast.md, a draft that is not published"
                    )
                ),
                (
                    "fallback-link".to_string(),
                    Some(4),
                    Some(30),
                    fallback.to_string()
                ),
                (
                    "broken-link".to_string(),
                    Some(4),
                    Some(67),
                    broken("borte.md", "no page of this site; fix the URL")
                ),
                (
                    "broken-link".to_string(),
                    Some(4),
                    Some(197),
                    broken("/nowhere/", "no page of this site; fix the URL")
                ),
            ]
        );
        let english = messages("en");
        assert_eq!(english.len(), 6, "{english:?}");
        // The source's page where English has its own, by a root-relative link and by one
        // under `base_url`.
        for (at, dest) in [(0, "/kontakt/"), (4, "https://minid.example/kontakt/")] {
            assert_eq!(
                english[at].3,
                format!(
                    "the link to `{dest}` leads to the `nb` page, but this page's language has it \
                     at `/en/kontakt/`; link there"
                )
            );
        }
        assert_eq!(english[2].3, fallback);
    }

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
    fn page_relative_markdown_files_are_checked() {
        assert_eq!(
            file_link("../guide.md#setup").as_deref(),
            Some("../guide.md")
        );
        assert_eq!(file_link("intro.MDX?x=1").as_deref(), Some("intro.MDX"));
        assert_eq!(file_link("my%20page.md").as_deref(), Some("my page.md"));
        assert_eq!(file_link("/docs/guide.md"), None);
        assert_eq!(file_link("https://example.org/a.md"), None);
        assert_eq!(file_link("mailto:a.md"), None);
        assert_eq!(file_link("../guide/"), None);
        assert_eq!(file_link("#a.md"), None);
    }

    #[test]
    fn relative_paths_join_below_their_folder() {
        assert_eq!(
            join_relative("fr/guides", "../reference/./a.md").as_deref(),
            Some("fr/reference/a.md")
        );
        assert_eq!(join_relative("", "a.md").as_deref(), Some("a.md"));
        assert_eq!(join_relative("fr", "../../a.md"), None);
    }

    #[test]
    fn links_filled_in_by_templates_are_not_checked() {
        assert_eq!(internal_target("/docs/zero-code/{{ $langIdAsPath }}"), None);
        assert_eq!(internal_target("/docs/{% raw %}x{% endraw %}/"), None);
        assert_eq!(internal_target("/docs/a/"), Some("/docs/a/"));
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
