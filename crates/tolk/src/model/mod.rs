//! The site model: pages with their locale, translation key and URL, and the index that pairs
//! each source page with its translations.
//!
//! Built from loaded files in one pass; everything wrong with a page's place in the site
//! (`front-matter`, `locale-mismatch`, `duplicate-key`, `duplicate-url`, `invalid-utf8`) is
//! recorded as a finding and the page is kept wherever that is safe.

pub(crate) mod body_lines;
pub(crate) mod layout;
pub(crate) mod output_path;
pub(crate) mod pairing;
mod unrendered;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::config::{Config, PublishUntranslated, UrlRule};
use crate::diagnostics::{Finding, codes};
use crate::error::Result;
use crate::hash::KeyHash;
use crate::load::frontmatter::{self, FrontMatter};
use crate::load::{self, RawFile};
use body_lines::BodyLines;
pub(crate) use pairing::LocaleOrigin;

/// What a page loaded without its text ([`Texts::OnDemand`]) keeps of it; its front matter is
/// kept as read ([`Page::front`]), its text read from the file again when asked for.
#[derive(Debug, Clone)]
struct Lean {
    /// The hashed lines of the body.
    lines: BodyLines,
    /// The file, to read the whole text from.
    file: PathBuf,
}

/// What loading keeps of each page's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Texts {
    /// The whole text of every page: for a command that reads every body (check, diff) or
    /// writes pages (mark, new, import, fix).
    #[default]
    Kept,
    /// The front matter, the hash of source pages and the hashed lines of the body; the rest
    /// is read from the file again when asked for. For `tolk status`, which reads few bodies
    /// whole: memory stays a fraction of the site's size.
    OnDemand,
    /// The whole text of every page, and its whole front matter as data
    /// ([`Page::front_data`]) read in the same pass as its fields: for the build, which reads
    /// every page's front matter (`lastmod`, the templates' `params`).
    KeptWithData,
}

/// One page file of the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the site root, `/`-separated.
    pub path: String,
    /// Path below the content folder, `/`-separated.
    pub content_path: String,
    /// Locale code.
    pub locale: String,
    /// How the locale was decided.
    pub origin: LocaleOrigin,
    /// Translation key.
    pub key: String,
    /// Path-derived key (ignores `translation_key`).
    pub path_key: String,
    /// Whether the file is a section's `index.md` / `_index.md`.
    pub is_index: bool,
    /// The URL it is published at (root-relative, starting with the locale's prefix).
    pub url: String,
    /// The known front-matter fields.
    pub front: FrontMatter,
    /// The whole file as text (invalid UTF-8 replaced, and reported): see [`Page::text`].
    text: OnceLock<String>,
    /// What a page loaded without its text keeps of it ([`Texts::OnDemand`]).
    lean: Option<Box<Lean>>,
    /// Byte offset of the Markdown body within the text.
    pub body_offset: usize,
    /// 1-based line of the first body line.
    pub body_line: usize,
    /// The page hash, computed when first asked for: see [`Page::hash`].
    hash: OnceLock<String>,
    /// The whole front matter, read again when first asked for: see [`Page::front_data`].
    front_data: OnceLock<serde_yaml::Mapping>,
    /// Whether front matter could be read; a page whose front matter is broken is analysed
    /// only as far as its path allows.
    pub front_ok: bool,
    /// Whether a cascade of the site leaves the page unrendered, where its own front matter
    /// says nothing ([`unrendered`]); set anew each time the model is made.
    unrendered_by_cascade: bool,
}

impl Page {
    /// Whether the page is published: it is not a draft (`draft: true`, or a translation that
    /// `publish_untranslated: omit` leaves out, which the build marks as a draft), and the
    /// generator renders it ([`FrontMatter::unrendered`]). A page whose
    /// front matter cannot be read is published: nothing says otherwise, and its errors must
    /// not be hidden. Every "is this page published" of tolk asks here.
    pub fn is_published(&self) -> bool {
        !self.front.draft && !self.front.unrendered.unwrap_or(self.unrendered_by_cascade)
    }

    /// Whether the page is a translation whose state is tracked: it is no draft. A page the
    /// generator does not render ([`FrontMatter::unrendered`], a snippet a shortcode includes)
    /// is not published, and is still tracked.
    pub fn is_tracked(&self) -> bool {
        !self.front.draft
    }

    /// The page hash: the git blob id of the file's bytes with CRLF turned into LF.
    pub fn hash(&self) -> &str {
        self.hash.get_or_init(|| page_hash(self.text().as_bytes()))
    }

    /// The whole front matter as data, unknown fields included (empty when it cannot be read).
    /// Kept from loading where every page's is read (the build, and the analyses
    /// `reads_front_data` names); else read from the front matter when first asked for.
    pub fn front_data(&self) -> &serde_yaml::Mapping {
        self.front_data
            .get_or_init(|| frontmatter::data(self.head()))
    }

    /// The whole file as text (invalid UTF-8 replaced, and reported when loaded). A page
    /// loaded without its text ([`Texts::OnDemand`]) reads it from its file when first asked.
    pub fn text(&self) -> &str {
        self.text.get_or_init(|| self.read_again())
    }

    /// The text for one pass over it: the page's own where it is kept (or was read since),
    /// else read from its file again and dropped with the value returned, not kept. A command
    /// that reads every body once (`tolk check`) holds only the pages in progress this way.
    pub fn read_text(&self) -> PageText<'_> {
        let text = match self.text.get() {
            Some(text) => Cow::Borrowed(text.as_str()),
            None => Cow::Owned(self.read_again()),
        };
        PageText {
            text,
            body_offset: self.body_offset,
        }
    }

    /// The text up to the body: the front matter with its fences. A page loaded without its
    /// text reads it from its file when first asked (few are: for the line of a finding, or
    /// a front-matter field tolk does not read itself).
    pub fn head(&self) -> &str {
        let text = self.text();
        text.get(..self.body_offset).unwrap_or(text)
    }

    /// The Markdown body.
    pub fn body(&self) -> &str {
        self.text().get(self.body_offset..).unwrap_or("")
    }

    /// The body's length in bytes and its non-blank lines hashed, in order
    /// (`body_lines::hashed`): kept from loading where the text is not, else hashed as they
    /// are read.
    pub(crate) fn hashed_lines(&self) -> (usize, Box<dyn Iterator<Item = (u64, u32)> + '_>) {
        match &self.lean {
            Some(lean) => (lean.lines.total, Box::new(lean.lines.lines.iter().copied())),
            None => (self.body().len(), Box::new(body_lines::hashed(self.body()))),
        }
    }

    /// The text of the file, read again: the text it had when loaded, unless it was changed
    /// since (then its new text; a file that is gone reads as empty).
    fn read_again(&self) -> String {
        let Some(lean) = &self.lean else {
            return String::new();
        };
        // Room for the text it had when loaded, and the end-of-file read.
        let mut bytes = Vec::with_capacity(self.body_offset + lean.lines.total + 1);
        match load::read_file(&lean.file, &mut bytes) {
            Ok(()) => load::encoding::decode_text(bytes),
            Err(_) => String::new(),
        }
    }

    /// The title, or the key when the page has none.
    pub fn title(&self) -> &str {
        self.front.title.as_deref().unwrap_or(&self.key)
    }

    /// The section a page belongs to: the first part of its path key (`kom-i-gang`), or `/`
    /// for a top-level page. The path decides, not a `translation_key`.
    pub fn section(&self) -> &str {
        match self.path_key.split_once('/') {
            Some((first, _)) => first,
            None if self.is_index && !self.path_key.is_empty() => &self.path_key,
            None => "/",
        }
    }
}

/// A page's text for one pass over it ([`Page::read_text`]).
#[derive(Debug, Clone)]
pub struct PageText<'p> {
    text: Cow<'p, str>,
    body_offset: usize,
}

impl PageText<'_> {
    /// The whole file as text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The Markdown body (empty where the file changed since loading so that the body no
    /// longer starts where it did).
    pub fn body(&self) -> &str {
        self.text.get(self.body_offset..).unwrap_or("")
    }
}

/// A loaded site: configuration, pages and what went wrong loading them.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site root.
    pub root: PathBuf,
    /// The configuration in force.
    pub config: Config,
    /// All pages, sorted by path.
    pub pages: Vec<Page>,
    /// Findings from loading and pairing.
    pub findings: Vec<Finding>,
    /// locale → key → index into `pages` (the first page by path, where keys collide).
    index: HashMap<String, KeyIndex, KeyHash>,
    /// What [`Site::resolve_ref`] looks references up in, so that it never scans every page.
    refs: RefIndex,
    /// locale → index into `pages` of its home page: the first published page by path at the
    /// locale's prefix.
    homes: HashMap<String, usize>,
}

/// The pages of one locale by translation key: looked up by hash, listed in key order.
#[derive(Debug, Clone, Default)]
struct KeyIndex {
    by_key: HashMap<String, usize, KeyHash>,
    in_key_order: Vec<usize>,
}

impl KeyIndex {
    /// The index of `keys`, which are sorted by key.
    fn new(keys: Vec<(String, usize)>) -> KeyIndex {
        let in_key_order = keys.iter().map(|&(_, i)| i).collect();
        KeyIndex {
            by_key: keys.into_iter().collect(),
            in_key_order,
        }
    }
}

/// Lookup tables of [`Site::resolve_ref`]: the translation keys of the configured locales,
/// and the first page (by path) for each URL identity, path key, and content path without
/// extension.
#[derive(Debug, Clone, Default)]
struct RefIndex {
    /// Keys, path keys and content paths without extension, each looked up with one probe.
    by_name: HashMap<String, Named, KeyHash>,
    by_url: HashMap<String, usize, KeyHash>,
}

/// What a name of [`RefIndex::by_name`] is.
#[derive(Debug, Clone, Copy, Default)]
struct Named {
    /// Whether some configured locale has a page of this translation key.
    key: bool,
    /// The first page (by path) whose path key, or content path without extension, it is.
    page: Option<usize>,
}

impl RefIndex {
    /// The index of `pages`, given the [`pairing::url_identity`] of each page's URL and the
    /// keys of the configured locales.
    fn new<'k>(
        pages: &[Page],
        url_ids: Vec<String>,
        keys: impl Iterator<Item = &'k str> + Send,
    ) -> RefIndex {
        let len = pages.len();
        let (by_name, by_url) = rayon::join(
            || {
                let mut by_name: HashMap<String, Named, KeyHash> =
                    HashMap::with_capacity_and_hasher(len * 2, KeyHash::default());
                // Pages in path order: the first to claim a name is the first by path.
                for (i, page) in pages.iter().enumerate() {
                    let stem = page
                        .content_path
                        .rsplit_once('.')
                        .map_or(page.content_path.as_str(), |(s, _)| s);
                    for name in [page.path_key.as_str(), stem] {
                        let named = by_name.entry(name.to_string()).or_default();
                        named.page.get_or_insert(i);
                    }
                }
                for key in keys {
                    match by_name.get_mut(key) {
                        Some(named) => named.key = true,
                        None => {
                            let named = Named {
                                key: true,
                                page: None,
                            };
                            by_name.insert(key.to_string(), named);
                        }
                    }
                }
                by_name
            },
            || {
                let mut map = HashMap::with_capacity_and_hasher(len, KeyHash::default());
                for (i, url) in url_ids.into_iter().enumerate() {
                    map.entry(url).or_insert(i);
                }
                map
            },
        );
        RefIndex { by_name, by_url }
    }
}

impl Site {
    /// Loads the site at `root` with `config`.
    pub fn load(root: &Path, config: Config) -> Result<Site> {
        Site::load_with(root, config, Texts::Kept)
    }

    /// Loads the site at `root` with `config`, keeping what `texts` says of each page's text.
    pub fn load_with(root: &Path, config: Config, texts: Texts) -> Result<Site> {
        // Each file becomes a page right after it is read, while its bytes are in the cache,
        // and files are read while the walk goes on.
        let base = root.join(&config.content_dir);
        let settings = &config;
        let (pages, findings) = load::read_site(root, settings, |file| {
            let read = || load::read_one(root, &base, file);
            match texts {
                Texts::Kept => read().map(|file| build_page(settings, file)),
                Texts::KeptWithData => read().map(|file| {
                    let (page, findings, _) = build_lean_or_kept(settings, file, Keep::TextAndData);
                    (page, findings)
                }),
                Texts::OnDemand => {
                    load::read_reusing(root, &base, file, |file| build_lean(settings, file, root))
                }
            }
        })?;
        Ok(Site::from_pages(root, config, pages, findings))
    }

    /// Builds the model from files already read.
    pub fn from_files(
        root: &Path,
        config: Config,
        files: Vec<RawFile>,
        mut findings: Vec<Finding>,
    ) -> Site {
        let (pages, page_findings): (Vec<Page>, Vec<Vec<Finding>>) = files
            .into_par_iter()
            .map(|file| build_page(&config, file))
            .unzip();
        findings.extend(page_findings.into_iter().flatten());
        Site::from_pages(root, config, pages, findings)
    }

    /// Builds the model from pages already made (each by [`Site::from_files`] from its file,
    /// with its findings among `findings`): sorts them by path, pairs them, and adds the
    /// findings about keys and URLs across pages. `tolk serve` uses it to re-read only the
    /// files that changed.
    pub fn from_pages(
        root: &Path,
        config: Config,
        mut pages: Vec<Page>,
        findings: Vec<Finding>,
    ) -> Site {
        // Paths are unique, so a sort in place (without the room a stable sort takes) gives
        // the one order.
        pages.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
        unrendered::apply_cascades(&config, &mut pages);
        let mut site = Site {
            root: root.to_path_buf(),
            config,
            pages,
            findings,
            index: HashMap::default(),
            refs: RefIndex::default(),
            homes: HashMap::new(),
        };
        // Keys and URLs are indexed and checked side by side.
        let ((index, key_findings), (url_ids, url_findings)) = rayon::join(
            || key_index(&site.pages),
            || {
                let url_ids: Vec<String> = site
                    .pages
                    .par_iter()
                    .map(|page| pairing::url_identity(&page.url))
                    .collect();
                let found = duplicate_urls(&site.pages, &url_ids);
                (url_ids, found)
            },
        );
        site.index = index;
        site.findings.extend(key_findings);
        site.findings.extend(url_findings);
        site.index_homes(&url_ids);
        let keys = site
            .config
            .locales
            .iter()
            .filter_map(|l| site.index.get(&l.code))
            .flat_map(|keys| keys.by_key.keys().map(String::as_str));
        site.refs = RefIndex::new(&site.pages, url_ids, keys);
        site
    }

    /// Finds each locale's home page (by `url_ids`, the [`pairing::url_identity`] of each
    /// page's URL) and reports every locale that publishes pages but no home page as
    /// `missing-home`.
    fn index_homes(&mut self, url_ids: &[String]) {
        let prefixes: HashMap<String, &str> = self
            .config
            .locales
            .iter()
            .map(|l| (pairing::url_identity(&l.prefix), l.code.as_str()))
            .collect();
        let mut homes = HashMap::new();
        let mut first_page: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, page) in self.pages.iter().enumerate() {
            if !page.is_published() {
                continue;
            }
            first_page.entry(page.locale.as_str()).or_insert(i);
            if prefixes.get(&url_ids[i]) == Some(&page.locale.as_str()) {
                homes.entry(page.locale.clone()).or_insert(i);
            }
        }
        let mut findings = Vec::new();
        for locale in &self.config.locales {
            let Some(&first) = first_page.get(locale.code.as_str()) else {
                continue;
            };
            if homes.contains_key(&locale.code) {
                continue;
            }
            if has_page_route_home(&self.root) {
                // The site's generator renders the front page from a page of its own.
                break;
            }
            let path = self.home_path(&locale.code, &self.pages[first], &homes);
            findings.push(
                Finding::new(&codes::MISSING_HOME,
                    path,
                    format!(
                        "`{}` publishes pages but has no home page at `{}`: its front page would be \
                         a 404; add an `_index.md` at the root of its content",
                        locale.code, locale.prefix
                    ),
                )
                .locale(locale.code.clone()),
            );
        }
        self.homes = homes;
        self.findings.extend(findings);
    }

    /// Where the home page of `locale` belongs: the translation of the source's home page, or
    /// `_index.md` in the locale's folder (by its page `sample`).
    fn home_path(&self, locale: &str, sample: &Page, homes: &HashMap<String, usize>) -> String {
        if let Some(&source_home) = homes.get(&self.config.source_locale) {
            return self.translation_path(&self.pages[source_home], locale);
        }
        let content_dir = load::slash_path(&self.config.content_dir, Path::new(""));
        let folder = match (sample.origin, sample.content_path.split_once('/')) {
            (LocaleOrigin::Folder, Some((folder, _))) => format!("{folder}/_index.md"),
            _ if locale == self.config.source_locale => "_index.md".to_string(),
            _ => format!("_index.{locale}.md"),
        };
        if content_dir.is_empty() || content_dir == "." {
            folder
        } else {
            format!("{content_dir}/{folder}")
        }
    }

    /// The home page of `locale`: its first published page (by path) at the locale's prefix.
    pub fn home(&self, locale: &str) -> Option<&Page> {
        self.homes.get(locale).map(|&i| &self.pages[i])
    }

    /// The page of `locale` with translation `key`.
    pub fn page(&self, locale: &str, key: &str) -> Option<&Page> {
        self.index
            .get(locale)
            .and_then(|keys| keys.by_key.get(key))
            .map(|&i| &self.pages[i])
    }

    /// The published page of `locale` and `key`, if any: the page of that key, unless it is a
    /// draft.
    pub fn published_page(&self, locale: &str, key: &str) -> Option<&Page> {
        self.page(locale, key).filter(|p| p.is_published())
    }

    /// Whether `page` is published: it is no draft ([`Page::is_published`]) and it is the page
    /// of its locale and key (of two pages with one key, the second is not published).
    pub fn publishes(&self, page: &Page) -> bool {
        page.is_published() && self.is_page_of_its_key(page)
    }

    /// Whether the state of `page` is tracked: it is no draft ([`Page::is_tracked`]; it may be
    /// a snippet the generator does not render) and it is the page of its locale and key.
    pub fn tracks(&self, page: &Page) -> bool {
        page.is_tracked() && self.is_page_of_its_key(page)
    }

    fn is_page_of_its_key(&self, page: &Page) -> bool {
        self.page(&page.locale, &page.key)
            .is_some_and(|p| p.path == page.path)
    }

    /// The pages a build publishes: one per locale and key, drafts left out, locale by locale
    /// in configured order.
    pub fn published_pages(&self) -> Vec<&Page> {
        self.config
            .locales
            .iter()
            .flat_map(|l| self.pages_of(&l.code))
            .filter(|p| p.is_published())
            .collect()
    }

    /// The site as it is published: with `publish_untranslated: omit` in tolk.yaml, the
    /// translations whose text is still the source's (the paths `untranslated` gives, asked
    /// only then) are left out as drafts are, so that switchers, menus, hreflang alternates,
    /// related pages and the sitemap treat them as missing.
    pub fn as_published(
        &self,
        untranslated: impl FnOnce(&Site) -> HashSet<String>,
    ) -> Cow<'_, Site> {
        if self.config.publish_untranslated != PublishUntranslated::Omit {
            return Cow::Borrowed(self);
        }
        let omitted = untranslated(self);
        if omitted.is_empty() {
            return Cow::Borrowed(self);
        }
        let mut site = self.clone();
        for page in &mut site.pages {
            if omitted.contains(&page.path) {
                page.front.draft = true;
            }
        }
        Cow::Owned(site)
    }

    /// The source page of `key`.
    pub fn source_page(&self, key: &str) -> Option<&Page> {
        self.page(&self.config.source_locale, key)
    }

    /// Source pages, one per key, in key order.
    pub fn source_pages(&self) -> impl Iterator<Item = &Page> {
        self.pages_of(&self.config.source_locale)
    }

    /// Pages of `locale`, one per key, in key order.
    pub fn pages_of<'a>(&'a self, locale: &'a str) -> impl Iterator<Item = &'a Page> + 'a {
        self.index
            .get(locale)
            .into_iter()
            .flat_map(|keys| &keys.in_key_order)
            .map(|&i| &self.pages[i])
    }

    /// The page whose file is `path` (relative to the root, or absolute).
    pub fn page_by_path(&self, path: &Path) -> Option<&Page> {
        let rel = if path.is_absolute() {
            let real_root = self.root.canonicalize().ok()?;
            let real = path.canonicalize().ok()?;
            load::slash_path(&real, &real_root)
        } else {
            load::slash_path(path, Path::new(""))
        };
        let rel = rel.trim_start_matches("./");
        self.pages.iter().find(|p| p.path == rel)
    }

    /// The key a reference names: a translation key, a URL of any locale, or a content path as
    /// Hugo's GetPage takes it (`/kom-i-gang/registrer-deg`, with or without trailing slash).
    pub fn resolve_ref(&self, reference: &str) -> Option<&str> {
        let trimmed = reference.trim();
        // `pairing::normalize_key`, without a copy.
        let key = trimmed.trim_matches('/');
        let key = key.strip_suffix(".md").unwrap_or(key);
        let named = self.refs.by_name.get_key_value(key);
        if let Some((key, _)) = named.filter(|(_, named)| named.key) {
            // The key of the first configured locale's page of `key`: `key` itself.
            return Some(key);
        }
        if let Some(&i) = self
            .refs
            .by_url
            .get(pairing::url_identity_of(trimmed).as_ref())
        {
            return Some(&self.pages[i].key);
        }
        // The first page by path whose path key or content path (without extension) is `key`.
        named
            .and_then(|(_, named)| named.page)
            .map(|i| self.pages[i].key.as_str())
    }

    fn pages_by_key<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Page> + 'a {
        self.config
            .locales
            .iter()
            .filter_map(move |l| self.page(&l.code, key))
    }

    /// The translations of `key` in every locale that has one (source included), in configured
    /// locale order.
    pub fn translations<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Page> + 'a {
        self.pages_by_key(key)
    }

    /// Where the translation of `source` into `locale` belongs, relative to the root: the same
    /// layout as the source (locale folder or file-name suffix).
    pub fn translation_path(&self, source: &Page, locale: &str) -> String {
        let content_dir = load::slash_path(&self.config.content_dir, Path::new(""));
        let content_dir = if content_dir == "." {
            String::new()
        } else {
            content_dir
        };
        let configured =
            layout::translation_content_path(&self.config, &source.content_path, locale);
        let rel = if let Some(rel) = configured {
            rel
        } else {
            match source.origin {
                LocaleOrigin::Folder => match source.content_path.split_once('/') {
                    Some((_, rest)) => format!("{locale}/{rest}"),
                    None => format!("{locale}/{}", source.content_path),
                },
                LocaleOrigin::Suffix => {
                    let (dir, file) = split_file(&source.content_path);
                    let mut pieces: Vec<&str> = file.split('.').collect();
                    let ext = pieces.pop().unwrap_or("md");
                    pieces.pop();
                    format!("{dir}{}.{locale}.{ext}", pieces.join("."))
                }
                _ => {
                    let (dir, file) = split_file(&source.content_path);
                    match file.rsplit_once('.') {
                        Some((stem, ext)) => format!("{dir}{stem}.{locale}.{ext}"),
                        None => format!("{dir}{file}.{locale}.md"),
                    }
                }
            }
        };
        if content_dir.is_empty() {
            rel
        } else {
            format!("{content_dir}/{rel}")
        }
    }
}

/// Whether the site at `root` has a front page outside its content: Docusaurus and Astro render
/// `src/pages/index.*` at `/` (and per locale), whatever the content holds.
fn has_page_route_home(root: &Path) -> bool {
    ["js", "jsx", "ts", "tsx", "md", "mdx", "astro"]
        .iter()
        .any(|ext| root.join(format!("src/pages/index.{ext}")).is_file())
}

fn split_file(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(i) => (&path[..=i], &path[i + 1..]),
        None => ("", path),
    }
}

/// `page` has the same locale and key as `first` (earlier by path).
fn duplicate_key(first: &Page, page: &Page) -> Finding {
    let (locale, key) = (&page.locale, &page.key);
    Finding::new(
        &codes::DUPLICATE_KEY,
        page.path.clone(),
        format!(
            "two `{locale}` pages have the translation key `{key}`: this one and {}; \
             give one of them another `translation_key` or move it",
            first.path
        ),
    )
    .locale(locale.clone())
    .key(key.clone())
}

/// `b` is published at the same URL as `a` (earlier by path).
fn duplicate_url(a: &Page, b: &Page) -> Finding {
    let message = format!(
        "`{}` is published at the same URL as {} (`{}`): one would overwrite the other; change one `url`",
        b.url, a.path, a.url
    );
    let line = url_line(b);
    Finding::new(&codes::DUPLICATE_URL, b.path.clone(), message)
        .locale(b.locale.clone())
        .key(b.key.clone())
        .at(line, line.map(|_| 1))
}

fn url_line(page: &Page) -> Option<u32> {
    let split = frontmatter::split(page.head()).ok()?;
    frontmatter::key_line(split.yaml, "url").map(|l| (l + split.yaml_line - 1) as u32)
}

/// [`crate::hash::page_hash`] of `bytes`, without its search for CRLF pairs when the file has no
/// carriage return at all (then the LF form is the bytes themselves).
fn page_hash(bytes: &[u8]) -> String {
    if load::encoding::has_carriage_return(bytes) {
        crate::hash::page_hash(bytes)
    } else {
        crate::hash::blob_id(bytes)
    }
}

/// The locale → key index of `pages` (sorted by path: the first page by path for each pair),
/// and a `duplicate-key` for every other page with the same pair, in (locale, key) order.
fn key_index(pages: &[Page]) -> (HashMap<String, KeyIndex, KeyHash>, Vec<Finding>) {
    // Pages are sorted by path, and a stable sort keeps that order within each pair.
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.par_sort_by(|&a, &b| {
        (&pages[a].locale, &pages[a].key).cmp(&(&pages[b].locale, &pages[b].key))
    });
    let mut findings = Vec::new();
    let mut index: BTreeMap<&str, Vec<(String, usize)>> = BTreeMap::new();
    let same =
        |&a: &usize, &b: &usize| pages[a].locale == pages[b].locale && pages[a].key == pages[b].key;
    for members in order.chunk_by(same) {
        let [first, rest @ ..] = members else {
            continue;
        };
        let first_page = &pages[*first];
        for &other in rest {
            findings.push(duplicate_key(first_page, &pages[other]));
        }
        index
            .entry(first_page.locale.as_str())
            .or_default()
            .push((first_page.key.clone(), *first));
    }
    // Keys arrive sorted; each locale's table is made on its own thread.
    let index = index
        .into_par_iter()
        .map(|(locale, keys)| (locale.to_string(), KeyIndex::new(keys)))
        .collect();
    (index, findings)
}

/// A `duplicate-url` for every non-draft page published at the same URL (by `url_ids`, the
/// [`pairing::url_identity`] of each page's URL) as an earlier page, in URL order.
fn duplicate_urls(pages: &[Page], url_ids: &[String]) -> Vec<Finding> {
    let mut order: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].is_published())
        .collect();
    order.par_sort_by(|&a, &b| url_ids[a].cmp(&url_ids[b]));
    let mut findings = Vec::new();
    for members in order.chunk_by(|&a, &b| url_ids[a] == url_ids[b]) {
        if let [first, rest @ ..] = members {
            for &other in rest {
                findings.push(duplicate_url(&pages[*first], &pages[other]));
            }
        }
    }
    findings
}

/// Turns one file into a page and the findings about it.
pub(crate) fn build_page(config: &Config, file: RawFile) -> (Page, Vec<Finding>) {
    let (page, findings, _) = build_lean_or_kept(config, file, Keep::Text);
    (page, findings)
}

/// [`build_page`], the page keeping only what [`Texts::OnDemand`] says, with the file's bytes
/// handed back for the next file.
fn build_lean(config: &Config, file: RawFile, root: &Path) -> ((Page, Vec<Finding>), Vec<u8>) {
    let (page, findings, spare) = build_lean_or_kept(config, file, Keep::Lean(root));
    ((page, findings), spare.unwrap_or_default())
}

/// What [`build_lean_or_kept`] keeps of a file.
#[derive(Debug, Clone, Copy)]
enum Keep<'r> {
    /// Its text ([`Texts::Kept`]).
    Text,
    /// Its text and its front matter as data ([`Texts::KeptWithData`]).
    TextAndData,
    /// What [`Texts::OnDemand`] says, with the site's root to read it from again.
    Lean(&'r Path),
}

/// Whether the analysis of a site configured by `config` reads every page's front matter as
/// data ([`Page::front_data`]): to find the commit a translation records
/// (`source_commit_key`), or a required field that tolk does not read itself. A page loaded
/// without its text then keeps that data from loading, rather than reading its file again.
fn reads_front_data(config: &Config) -> bool {
    config.conventions.source_commit_key.is_some()
        || config.required_fields.as_ref().is_some_and(|fields| {
            fields
                .iter()
                .any(|f| !matches!(f.as_str(), "title" | "description" | "ingress"))
        })
}

/// Turns one file into a page and the findings about it, keeping what `keep` says; a lean
/// page's text buffer is handed back.
fn build_lean_or_kept(
    config: &Config,
    file: RawFile,
    keep: Keep<'_>,
) -> (Page, Vec<Finding>, Option<Vec<u8>>) {
    let mut findings = Vec::new();
    // Only source pages' hashes are asked for, as a rule: the rest are computed on demand from
    // the text, which is the file's bytes unless they are not valid UTF-8.
    let (hash, (text, encoding_findings)) = match String::from_utf8(file.bytes) {
        Ok(text) => {
            let found = load::encoding::check_text(&text, &file.path);
            (OnceLock::new(), (text, found))
        }
        Err(err) => {
            let bytes = err.into_bytes();
            let hash = OnceLock::from(page_hash(&bytes));
            (hash, load::encoding::decode_owned(bytes, &file.path))
        }
    };
    findings.extend(encoding_findings);
    let front_data = OnceLock::new();
    let (front, body_offset, body_line, front_ok) = match frontmatter::split(&text) {
        Ok(split) => {
            let with_data = match keep {
                Keep::TextAndData => true,
                Keep::Lean(_) => reads_front_data(config),
                Keep::Text => false,
            };
            let (front, problems) = if with_data {
                let (front, problems, data) = frontmatter::parse_with_data(&split);
                let _ = front_data.set(data);
                (front, problems)
            } else {
                frontmatter::parse(&split)
            };
            let ok = !problems
                .iter()
                .any(|p| p.message.starts_with("front matter"));
            for problem in problems {
                findings.push(
                    Finding::new(&codes::FRONT_MATTER, file.path.clone(), problem.message).at(
                        problem.line.map(|l| l as u32),
                        problem.column.map(|c| c as u32),
                    ),
                );
            }
            let body_offset = text.len() - split.body.len();
            (front, body_offset, split.body_line, ok)
        }
        Err(err) => {
            findings.push(
                Finding::new(&codes::FRONT_MATTER, file.path.clone(), err.to_string())
                    .at(Some(1), Some(1)),
            );
            (FrontMatter::default(), 0, 1, false)
        }
    };
    let placement = pairing::place(config, &file.content_path, &front);
    if let Some(message) = &placement.mismatch {
        let split = frontmatter::split(&text).ok();
        let line = split.as_ref().and_then(|s| {
            frontmatter::key_line(s.yaml, "url").map(|l| (l + s.yaml_line - 1) as u32)
        });
        findings.push(
            Finding::new(&codes::LOCALE_MISMATCH, file.path.clone(), message.clone())
                .locale(placement.locale.clone())
                .key(placement.key.clone())
                .at(line, line.map(|_| 1)),
        );
    }
    if let Some(note) = &placement.alias_note {
        findings.push(
            Finding::new(&codes::LOCALE_ALIAS, file.path.clone(), note.clone())
                .locale(placement.locale.clone()),
        );
    }
    let url = match &front.url {
        Some(url) => url.clone(),
        None => {
            let prefix = config
                .locale(&placement.locale)
                .map_or("/", |l| l.prefix.as_str());
            layout::routed_url(config, &file.content_path, prefix, &text).unwrap_or_else(|| {
                if config.conventions.urls == UrlRule::Astro {
                    // The locale's folder is part of the path, as it is of Astro's URL.
                    return layout::astro_url(&file.content_path, &text);
                }
                if config.conventions.urls == UrlRule::Path {
                    // A section's `_index.md` is a list page; a bundle's `index.md` is a page.
                    let list = std::path::Path::new(&file.content_path)
                        .file_stem()
                        .is_some_and(|stem| stem == "_index");
                    let key = &placement.path_key;
                    return layout::permalink_url(config, prefix, key, list, &text)
                        .unwrap_or_else(|| layout::path_url(prefix, key, list, &text));
                }
                // A section's `_index.md` (the locale's root one: its home page) is published at
                // its folder's URL whatever its translation key, as Hugo publishes it.
                let key = if placement.is_index {
                    &placement.path_key
                } else {
                    &placement.key
                };
                pairing::default_url(prefix, key)
            })
        }
    };
    let (text, lean, spare) = match keep {
        Keep::Text | Keep::TextAndData => (OnceLock::from(text), None, None),
        Keep::Lean(root) => {
            // The hash is what the states need of a source page's text, and of a translation's
            // that records no baseline (history mode compares it with git's); the lines are
            // what the first test of `untranslated` needs.
            let hashed = placement.locale == config.source_locale || front.source_hash.is_none();
            if hash.get().is_none() && hashed {
                let _ = hash.set(page_hash(text.as_bytes()));
            }
            let lean = Lean {
                lines: BodyLines::of(text.get(body_offset..).unwrap_or_default()),
                file: root.join(&file.path),
            };
            (
                OnceLock::new(),
                Some(Box::new(lean)),
                Some(text.into_bytes()),
            )
        }
    };
    let page = Page {
        path: file.path,
        content_path: file.content_path,
        locale: placement.locale,
        origin: placement.origin,
        key: placement.key,
        path_key: placement.path_key,
        is_index: placement.is_index,
        url,
        front,
        text,
        lean,
        body_offset,
        body_line,
        hash,
        front_data,
        front_ok,
        unrendered_by_cascade: false,
    };
    (page, findings, spare)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_of(files: &[(&str, &[u8])]) -> Site {
        let raw = files
            .iter()
            .map(|(path, bytes)| RawFile {
                content_path: path.to_string(),
                path: format!("content/{path}"),
                bytes: bytes.to_vec(),
            })
            .collect();
        Site::from_files(Path::new("/site"), Config::default(), raw, Vec::new())
    }

    /// Every page of a site loaded without its texts gives what the same page loaded with them
    /// gives: text, body, head, hash, front matter, hashed lines and findings, whatever the
    /// encoding, line ends and front matter format of its file.
    #[test]
    fn pages_loaded_without_their_texts_read_them_as_loaded() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "---\ntitle: Om\n---\nTekst på UTF-16\n".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let files: [(&str, &[u8]); 9] = [
            ("nb/a.md", b"---\ntitle: Om\n---\nTekst\r\n\r\nmed CRLF\r\n"),
            ("nn/a.md", b"---\ntitle: Om\n---\nTekst med \xff ugyldig\n"),
            ("en/a.md", &utf16),
            ("nb/b.md", b"+++\ntitle = 'B'\n+++\n\n  Kropp  \n\nmer\n"),
            ("nb/c.md", b"Ingen front matter\n"),
            ("nb/d.md", b"---\ntitle: [uavsluttet\n---\nkropp\n"),
            ("nb/e.md", b"---\ntitle: Tom\n---\n"),
            (
                "nn/b.md",
                b"---\ntitle: B\nl10n:\n  source_hash: abc\n---\nKropp\n\x07\n",
            ),
            (
                "nb/f.md",
                "---\ntitle: F\nparams:\n  farge: blå\nlastmod: 2024-05-01\n---\nKropp\n"
                    .as_bytes(),
            ),
        ];
        for (path, bytes) in files {
            let file = dir.path().join("content").join(path);
            std::fs::create_dir_all(file.parent().expect("a folder")).expect("folder");
            std::fs::write(&file, bytes).expect("file");
        }
        let kept = Site::load_with(dir.path(), Config::default(), Texts::Kept).expect("site");
        let lean = Site::load_with(dir.path(), Config::default(), Texts::OnDemand).expect("site");
        assert_eq!(kept.pages.len(), files.len());
        assert_eq!(kept.findings, lean.findings);
        // Loaded with the front matter as data: the same pages, their data read while loading.
        let with_data =
            Site::load_with(dir.path(), Config::default(), Texts::KeptWithData).expect("site");
        assert_eq!(kept.findings, with_data.findings);
        for (k, d) in kept.pages.iter().zip(&with_data.pages) {
            assert_eq!(k.path, d.path);
            assert!(d.front_data.get().is_some() || !d.front_ok, "{}", d.path);
            assert_eq!(k.front_data(), d.front_data(), "{}", k.path);
            assert_eq!(k.front, d.front, "{}", k.path);
            assert_eq!(k.text(), d.text(), "{}", k.path);
        }
        let params = with_data.pages.iter().find(|p| p.path == "content/nb/f.md");
        assert!(params.is_some_and(|p| p.front_data().get("params").is_some()));
        for (k, l) in kept.pages.iter().zip(&lean.pages) {
            assert!(l.lean.is_some() && l.text.get().is_none(), "{}", l.path);
            assert_eq!(k.path, l.path);
            // Read for one pass: the same text, and none of it kept.
            let (k_once, l_once) = (k.read_text(), l.read_text());
            assert_eq!(k_once.text(), k.text(), "{}", k.path);
            assert_eq!(k_once.body(), k.body(), "{}", k.path);
            assert_eq!(l_once.text(), k.text(), "{}", k.path);
            assert_eq!(l_once.body(), k.body(), "{}", k.path);
            assert!(l.text.get().is_none(), "{}", l.path);
            assert_eq!(k.head(), l.head(), "{}", k.path);
            let (k_total, k_lines) = k.hashed_lines();
            let (l_total, l_lines) = l.hashed_lines();
            assert_eq!(
                (k_total, k_lines.collect::<Vec<_>>()),
                (l_total, l_lines.collect::<Vec<_>>()),
                "{}",
                k.path
            );
            assert_eq!(k.front_data(), l.front_data(), "{}", k.path);
            assert_eq!(k.front.title, l.front.title, "{}", k.path);
            assert_eq!(k.hash(), l.hash(), "{}", k.path);
            assert_eq!(k.body(), l.body(), "{}", k.path);
            assert_eq!(k.text(), l.text(), "{}", k.path);
        }
        // A file gone since loading reads as empty; its front matter stays as it was read.
        let lean = Site::load_with(dir.path(), Config::default(), Texts::OnDemand).expect("site");
        let gone = lean
            .pages
            .iter()
            .find(|p| p.path == "content/nb/b.md")
            .expect("page");
        std::fs::remove_file(dir.path().join("content/nb/b.md")).expect("removed");
        assert_eq!(gone.text(), "");
        assert_eq!(gone.head(), "");
        assert_eq!(gone.body(), "");
        assert_eq!(gone.front.title.as_deref(), Some("B"));
        // Where the analysis reads every page's front matter as data, a lean page keeps it
        // from loading instead of reading its file again.
        let mut config = Config::default();
        config.conventions.source_commit_key = Some("l10n.sourceCommit".into());
        let lean = Site::load_with(dir.path(), config.clone(), Texts::OnDemand).expect("site");
        let kept = Site::load_with(dir.path(), config, Texts::Kept).expect("site");
        for (k, l) in kept.pages.iter().zip(&lean.pages) {
            assert!(l.front_data.get().is_some() || !l.front_ok, "{}", l.path);
            assert_eq!(k.front_data(), l.front_data(), "{}", l.path);
            assert!(l.text.get().is_none(), "{}", l.path);
        }
        let config = Config {
            required_fields: Some(vec!["title".into(), "params.farge".into()]),
            ..Config::default()
        };
        assert!(reads_front_data(&config));
        let config = Config {
            required_fields: Some(vec!["title".into(), "description".into()]),
            ..Config::default()
        };
        assert!(!reads_front_data(&config));
    }

    #[test]
    fn page_hash_is_the_blob_id_of_the_file_bytes() {
        let valid: &[u8] = b"---\ntitle: Om\n---\nTekst\r\n";
        let invalid: &[u8] = b"---\ntitle: Om\n---\nTekst \xff\n";
        let site = site_of(&[("nb/a.md", valid), ("nb/b.md", invalid)]);
        // The text of the invalid file has U+FFFD in place of the bad byte; the hash is still
        // that of the bytes on disk, as git computes it.
        assert_eq!(site.pages[0].hash(), crate::hash::page_hash(valid));
        assert_eq!(site.pages[1].hash(), crate::hash::page_hash(invalid));
        assert_ne!(
            site.pages[1].hash(),
            crate::hash::page_hash(site.pages[1].text().as_bytes())
        );
    }

    #[test]
    fn published_pages_are_neither_drafts_nor_second_pages_of_a_key() {
        let site = site_of(&[
            ("nb/a.md", b"---\ntitle: A\n---\nTekst\n"),
            ("nb/b.md", b"---\ntitle: B\ndraft: true\n---\nTekst\n"),
            (
                "nb/c.md",
                b"---\ntitle: C\ntranslation_key: a\n---\nTekst\n",
            ),
            ("nn/a.md", b"---\ntitle: A\n---\nTekst\n"),
        ]);
        let by_path = |path: &str| site.pages.iter().find(|p| p.path == path).unwrap();
        assert!(by_path("content/nb/a.md").is_published());
        assert!(!by_path("content/nb/b.md").is_published());
        assert!(site.publishes(by_path("content/nb/a.md")));
        assert!(!site.publishes(by_path("content/nb/b.md")));
        // The second page of key `a` is no draft, but it is not the page of its key.
        assert!(by_path("content/nb/c.md").is_published());
        assert!(!site.publishes(by_path("content/nb/c.md")));
        assert!(site.published_page("nb", "b").is_none());
        assert_eq!(
            site.published_page("nb", "a").map(|p| p.path.as_str()),
            Some("content/nb/a.md")
        );
        let published: Vec<&str> = site
            .published_pages()
            .iter()
            .map(|p| p.path.as_str())
            .collect();
        assert_eq!(published, ["content/nb/a.md", "content/nn/a.md"]);
    }

    #[test]
    fn references_name_a_key_of_any_locale_before_a_url() {
        let site = site_of(&[
            ("nb/om.md", b"---\ntitle: Om\n---\nTekst\n"),
            (
                "en/om.md",
                b"---\ntitle: About\nurl: /en/about/\n---\nText\n",
            ),
            ("en/only.md", b"---\ntitle: Only\n---\nText\n"),
            // A page at the URL `/hjelp/`, which is also the key of another page.
            (
                "nb/kontakt.md",
                b"---\ntitle: Kontakt\nurl: /hjelp/\n---\nTekst\n",
            ),
            (
                "nb/hjelp.md",
                b"---\ntitle: Hjelp\nurl: /brukerhjelp/\n---\nTekst\n",
            ),
        ]);
        assert_eq!(site.resolve_ref("om"), Some("om"));
        assert_eq!(site.resolve_ref(" /om.md "), Some("om"));
        // A key only a target locale has.
        assert_eq!(site.resolve_ref("/only/"), Some("only"));
        // A URL of any locale, compared as URLs are.
        assert_eq!(site.resolve_ref("/EN/About"), Some("om"));
        assert_eq!(site.resolve_ref("/brukerhjelp/"), Some("hjelp"));
        // A key wins over the page at the same URL.
        assert_eq!(site.resolve_ref("/hjelp/"), Some("hjelp"));
        assert_eq!(site.resolve_ref("/nowhere/"), None);
    }

    #[test]
    fn untranslated_pages_are_left_out_only_when_configured() {
        let mut site = site_of(&[
            ("nb/a.md", b"---\ntitle: A\n---\nTekst\n"),
            ("nn/a.md", b"---\ntitle: A\n---\nTekst\n"),
        ]);
        let omitted = |_: &Site| HashSet::from(["content/nn/a.md".to_string()]);
        assert!(matches!(site.as_published(omitted), Cow::Borrowed(_)));
        site.config.publish_untranslated = PublishUntranslated::Omit;
        let published = site.as_published(omitted);
        assert_eq!(published.published_pages().len(), 1);
        assert!(published.published_page("nn", "a").is_none());
        assert!(site.published_page("nn", "a").is_some());
    }
}
