//! A Docusaurus site as Docusaurus reads it: the locales of `docusaurus.config.{js,ts,mjs}`,
//! where its pages and their translations live, the routes they are published at, and its
//! JSON UI strings.
//!
//! The configuration is read as text ([`super::js`]): `i18n.defaultLocale`, `i18n.locales`,
//! `i18n.localeConfigs.<locale>.label` / `.direction`, and the `routeBasePath` of the docs and
//! blog options. Pages and their translations, paired by their path below the plugin's folder:
//!
//! | plugin | source | translation | route |
//! |---|---|---|---|
//! | docs | `docs/…` | `i18n/<locale>/docusaurus-plugin-content-docs/current/…` | `/docs/…` (`routeBasePath`) |
//! | blog | `blog/…` | `i18n/<locale>/docusaurus-plugin-content-blog/…` | `/blog/…` |
//! | pages | `src/pages/…` | `i18n/<locale>/docusaurus-plugin-content-pages/…` | `/…` |
//!
//! The default locale is published at `/`, every other at `/<locale>/`. Doc ids drop number
//! prefixes (`01-intro.md` is `intro`), as Docusaurus does; files and folders whose name starts
//! with `_` are partials, not pages. UI strings (`i18n/<locale>/code.json`, the plugins'
//! `current.json`, `options.json` …) are compared key by key across locales
//! ([`ui_string_findings`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::js::{self, Source, Value};
use super::{Config, GeneratorLocale, GeneratorSite, Layout, RawConfig};
use crate::diagnostics::{Finding, codes};

/// The configuration file names Docusaurus reads, in its order of preference.
pub(crate) const FILES: &[&str] = &[
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
    "docusaurus.config.cjs",
    "docusaurus.config.mts",
];

/// The folders that hold a Docusaurus site's pages and their translations.
pub(crate) const FOLDERS: &[&str] = &["docs", "blog", "src/pages", "i18n"];

/// The content plugins whose pages tolk reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plugin {
    /// `@docusaurus/plugin-content-docs`.
    Docs,
    /// `@docusaurus/plugin-content-blog`.
    Blog,
    /// `@docusaurus/plugin-content-pages`.
    Pages,
}

impl Plugin {
    const ALL: [Plugin; 3] = [Plugin::Docs, Plugin::Blog, Plugin::Pages];

    /// Where the source pages are, relative to the site root.
    pub fn source_folder(self) -> &'static str {
        match self {
            Plugin::Docs => "docs",
            Plugin::Blog => "blog",
            Plugin::Pages => "src/pages",
        }
    }

    /// Where the `locale` translations are, relative to the site root.
    pub fn translation_folder(self, locale: &str) -> String {
        match self {
            Plugin::Docs => format!("i18n/{locale}/docusaurus-plugin-content-docs/current"),
            Plugin::Blog => format!("i18n/{locale}/docusaurus-plugin-content-blog"),
            Plugin::Pages => format!("i18n/{locale}/docusaurus-plugin-content-pages"),
        }
    }
}

/// The route base paths of the docs and blog plugins, without leading or trailing `/`
/// (empty: published at the locale's root).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routes {
    /// `routeBasePath` of the docs (default `docs`).
    pub docs: String,
    /// `routeBasePath` of the blog (default `blog`).
    pub blog: String,
}

impl Default for Routes {
    fn default() -> Self {
        Routes {
            docs: "docs".into(),
            blog: "blog".into(),
        }
    }
}

impl Routes {
    /// The route base of `plugin`'s pages.
    pub fn base(&self, plugin: Plugin) -> &str {
        match plugin {
            Plugin::Docs => &self.docs,
            Plugin::Blog => &self.blog,
            Plugin::Pages => "",
        }
    }
}

/// One locale of `i18n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LocaleConfig {
    /// The locale code (`zh-Hans`).
    pub code: String,
    /// `localeConfigs.<code>.label`.
    pub label: Option<String>,
    /// `localeConfigs.<code>.direction` (`rtl`).
    pub direction: Option<String>,
}

/// What a Docusaurus configuration says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SiteConfig {
    /// The file it was read from, relative to the root.
    pub file: PathBuf,
    /// `i18n.defaultLocale`.
    pub default_locale: String,
    /// `i18n.locales`, the default locale among them.
    pub locales: Vec<LocaleConfig>,
    /// The route base paths.
    pub routes: Routes,
    /// `url` joined with `baseUrl` (`https://example.org/docs`), where both are written as text.
    pub base_url: Option<String>,
}

/// The Docusaurus configuration file at `root`, if there is one.
pub(crate) fn find(root: &Path) -> Option<PathBuf> {
    FILES
        .iter()
        .map(PathBuf::from)
        .find(|f| root.join(f).is_file())
}

/// Reads the Docusaurus configuration at `root`, if there is one. `Err` carries the file and
/// what is wrong with it.
pub(crate) fn read(root: &Path) -> Result<Option<SiteConfig>, (PathBuf, String)> {
    let Some(file) = find(root) else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(root.join(&file))
        .map_err(|e| (file.clone(), format!("cannot read it: {e}")))?;
    interpret_source(&file, &Source::at(root, &file, &text)).map(Some)
}

/// Reads the configuration text of `file`, on its own (names it imports read as unknown).
#[cfg(test)]
pub(crate) fn interpret(file: &Path, text: &str) -> Result<SiteConfig, (PathBuf, String)> {
    interpret_source(file, &Source::new(text))
}

/// Reads the configuration `source`, the text of `file`.
fn interpret_source(file: &Path, source: &Source) -> Result<SiteConfig, (PathBuf, String)> {
    let i18n = source.property("i18n").unwrap_or(Value::Null);
    // Docusaurus' own default.
    let default_locale = js::text(i18n.get("defaultLocale")).unwrap_or_else(|| "en".into());
    let mut codes: Vec<String> = match i18n.get("locales") {
        Some(Value::Array(items)) => items.iter().filter_map(|v| js::text(Some(v))).collect(),
        _ => Vec::new(),
    };
    if !codes.contains(&default_locale) {
        codes.insert(0, default_locale.clone());
    }
    let configs = i18n.get("localeConfigs");
    let locales = codes
        .into_iter()
        .map(|code| {
            let settings = configs.and_then(|c| c.get(&code));
            LocaleConfig {
                label: js::text(settings.and_then(|s| s.get("label"))),
                direction: js::text(settings.and_then(|s| s.get("direction")))
                    .map(|d| d.to_ascii_lowercase()),
                code,
            }
        })
        .collect::<Vec<_>>();
    for locale in &locales {
        if locale
            .code
            .parse::<unic_langid::LanguageIdentifier>()
            .is_err()
        {
            return Err((
                file.to_path_buf(),
                format!(
                    "i18n.locales lists `{}`, which is not a BCP 47 locale code",
                    locale.code
                ),
            ));
        }
    }
    let route = |plugin: &str, default: &str| {
        source
            .properties(plugin)
            .iter()
            .find_map(|options| {
                js::text(options.get("routeBasePath")).or_else(|| {
                    // `routeBasePath: '/'` trims to nothing but is set.
                    options
                        .get("routeBasePath")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                })
            })
            .unwrap_or_else(|| default.to_string())
            .trim_matches('/')
            .to_string()
    };
    let url = source
        .properties("url")
        .iter()
        .filter_map(|v| js::text(Some(v)))
        .find(|u| u.starts_with("https://") || u.starts_with("http://"));
    let base_path = source
        .properties("baseUrl")
        .iter()
        .find_map(|v| js::text(Some(v)))
        .unwrap_or_default();
    let base_url = url.map(|u| {
        let path = base_path.trim_matches('/');
        let host = u.trim_end_matches('/');
        if path.is_empty() {
            host.to_string()
        } else {
            format!("{host}/{path}")
        }
    });
    Ok(SiteConfig {
        file: file.to_path_buf(),
        default_locale,
        locales,
        base_url,
        routes: Routes {
            docs: route("docs", "docs"),
            blog: route("blog", "blog"),
        },
    })
}

/// Fills what tolk.yaml (`raw`) leaves unset from the Docusaurus configuration at `root`.
/// Returns the file read, if any.
pub(super) fn overlay(
    root: &Path,
    raw: &mut RawConfig,
) -> Result<Option<PathBuf>, (PathBuf, String)> {
    let Some(site) = read(root)? else {
        return Ok(None);
    };
    raw.fill_from(GeneratorSite {
        locales: site
            .locales
            .iter()
            .map(|l| {
                let prefix = if l.code == site.default_locale {
                    "/".to_string()
                } else {
                    format!("/{}/", l.code)
                };
                GeneratorLocale {
                    code: l.code.clone(),
                    name: l.label.clone(),
                    prefix,
                    dir: l.direction.clone(),
                }
            })
            .collect(),
        source: site.default_locale.clone(),
        base_url: site.base_url.clone(),
        content_dir: PathBuf::from("."),
        layout: Layout::Docusaurus,
    });
    if raw.external_paths.is_none() {
        // Pages Docusaurus generates: category indexes, tag pages, the blog archive.
        let under = |base: &str, rest: &str| {
            if base.is_empty() {
                format!("/{rest}/")
            } else {
                format!("/{base}/{rest}/")
            }
        };
        raw.external_paths = Some(vec![
            under(&site.routes.docs, "category"),
            under(&site.routes.docs, "tags"),
            under(&site.routes.blog, "tags"),
            under(&site.routes.blog, "archive"),
            under(&site.routes.blog, "authors"),
        ]);
    }
    raw.docusaurus = Some(site.routes);
    Ok(Some(site.file))
}

/// A content path (below the site root) read the Docusaurus way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placed<'a> {
    /// The locale folder of a translation (`fr`); `None` for a source page.
    pub locale: Option<&'a str>,
    /// The plugin the page belongs to.
    pub plugin: Plugin,
    /// The path below the plugin's folder (`guides/01-setup.md`).
    pub rest: &'a str,
}

/// Where `content_path` sits among the plugins' folders, if it is a page of one.
pub(crate) fn place(content_path: &str) -> Option<Placed<'_>> {
    for plugin in Plugin::ALL {
        if let Some(rest) = content_path
            .strip_prefix(plugin.source_folder())
            .and_then(|r| r.strip_prefix('/'))
        {
            return Some(Placed {
                locale: None,
                plugin,
                rest,
            });
        }
    }
    let after = content_path.strip_prefix("i18n/")?;
    let (locale, after) = after.split_once('/')?;
    for plugin in Plugin::ALL {
        let folder = plugin.translation_folder(locale);
        let below = folder.strip_prefix(&format!("i18n/{locale}/"))?;
        if let Some(rest) = after.strip_prefix(below).and_then(|r| r.strip_prefix('/')) {
            return Some(Placed {
                locale: Some(locale),
                plugin,
                rest,
            });
        }
    }
    None
}

/// A doc id's part without its number prefix (`01-intro` → `intro`), as Docusaurus strips
/// it; date-like and version-like names (`2021-01-01`, `1.2`) keep theirs.
pub(crate) fn strip_number_prefix(name: &str) -> &str {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return name;
    }
    let after = &name[digits..];
    let separators = after
        .bytes()
        .take_while(|b| matches!(b, b'-' | b'_' | b'.' | b' '))
        .count();
    let rest = &after[separators..];
    let version_like = after
        .bytes()
        .next()
        .is_some_and(|b| matches!(b, b'-' | b'_' | b'.'))
        && after.as_bytes().get(1).is_some_and(u8::is_ascii_digit);
    let separated = after[..separators]
        .bytes()
        .any(|b| matches!(b, b'-' | b'_' | b'.'));
    if version_like || !separated || rest.is_empty() {
        name
    } else {
        rest
    }
}

/// Whether Docusaurus leaves the file out: a file or folder whose name starts with `_`.
pub(crate) fn is_partial(content_path: &str) -> bool {
    content_path.split('/').any(|part| part.starts_with('_'))
}

/// The folders that hold the site's pages, relative to the root: the source folders, and each
/// target locale's translation folders, where they exist.
pub(crate) fn content_folders(root: &Path, config: &Config) -> Vec<PathBuf> {
    let mut folders = Vec::new();
    for plugin in Plugin::ALL {
        folders.push(PathBuf::from(plugin.source_folder()));
    }
    for locale in config.targets() {
        for plugin in Plugin::ALL {
            folders.push(PathBuf::from(plugin.translation_folder(&locale.code)));
        }
    }
    folders.retain(|f| root.join(f).is_dir());
    folders
}

/// Where the `locale` translation of the source page at `content_path` belongs.
pub(crate) fn translation_path(content_path: &str, locale: &str) -> Option<String> {
    let placed = place(content_path)?;
    Some(format!(
        "{}/{}",
        placed.plugin.translation_folder(locale),
        placed.rest
    ))
}

/// The JSON UI-string files of one locale: path below `i18n/<locale>/` → keys.
fn ui_files(root: &Path, locale: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = BTreeMap::new();
    let dir = root.join("i18n").join(locale);
    let mut candidates: Vec<String> = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let path = entry.path();
        if path.is_file() && name.ends_with(".json") {
            candidates.push(name);
        } else if path.is_dir()
            && let Ok(inner) = std::fs::read_dir(&path)
        {
            for file in inner.flatten() {
                let inner_name = file.file_name().to_string_lossy().to_string();
                if file.path().is_file() && inner_name.ends_with(".json") {
                    candidates.push(format!("{name}/{inner_name}"));
                }
            }
        }
    }
    for rel in candidates {
        let keys = std::fs::read_to_string(dir.join(&rel))
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .and_then(|v| v.as_object().map(|o| o.keys().cloned().collect()));
        if let Some(keys) = keys {
            files.insert(rel, keys);
        }
    }
    files
}

/// Every UI string (a key of `i18n/<locale>/code.json`, a plugin's `current.json` …) that a
/// target locale lacks, as `missing-message` findings. The keys to have are the default
/// locale's, where it has the file, else every key any locale has; a locale without an `i18n`
/// folder at all is not translated yet and is left to the page findings.
pub(crate) fn ui_string_findings(root: &Path, config: &Config) -> Vec<Finding> {
    if config.conventions.layout != Layout::Docusaurus {
        return Vec::new();
    }
    let per_locale: BTreeMap<&str, BTreeMap<String, BTreeSet<String>>> = config
        .locales
        .iter()
        .filter(|l| root.join("i18n").join(&l.code).is_dir())
        .map(|l| (l.code.as_str(), ui_files(root, &l.code)))
        .collect();
    let source = config.source_locale.as_str();
    let mut wanted: BTreeMap<&str, (String, BTreeSet<&str>)> = BTreeMap::new();
    for (locale, files) in &per_locale {
        for (file, keys) in files {
            let entry = wanted
                .entry(file.as_str())
                .or_insert_with(|| ((*locale).to_string(), BTreeSet::new()));
            match per_locale.get(source).and_then(|f| f.get(file)) {
                Some(source_keys) => {
                    entry.0 = source.to_string();
                    entry.1 = source_keys.iter().map(String::as_str).collect();
                }
                None => entry.1.extend(keys.iter().map(String::as_str)),
            }
        }
    }
    let mut findings = Vec::new();
    for (locale, files) in &per_locale {
        if *locale == source {
            continue;
        }
        for (file, (from, keys)) in &wanted {
            let path = format!("i18n/{locale}/{file}");
            let Some(have) = files.get(*file) else {
                findings.push(
                    Finding::new(&codes::MISSING_MESSAGE,
                        path,
                        format!(
                            "this file of UI strings is missing ({} strings); the UI shows them in the default language; \
                             `npx docusaurus write-translations --locale {locale}` writes it",
                            keys.len()
                        ),
                    )
                    .locale(*locale),
                );
                continue;
            };
            for key in keys.iter().filter(|k| !have.contains(**k)) {
                let compared = if from == source {
                    format!("the default locale's i18n/{source}/{file}")
                } else {
                    "another locale's file".to_string()
                };
                findings.push(
                    Finding::new(&codes::MISSING_MESSAGE,
                        path.clone(),
                        format!(
                            "UI string `{key}` is missing (it is in {compared}); the UI shows it untranslated"
                        ),
                    )
                    .locale(*locale)
                    .key(*key),
                );
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_i18n_and_routes() {
        let site = interpret(
            Path::new("docusaurus.config.ts"),
            "export default { i18n: { defaultLocale: 'en', locales: ['en', 'fr', 'ar'], \
             localeConfigs: { ar: { label: 'العربية', direction: 'rtl' } } }, \
             presets: [['classic', { docs: { routeBasePath: '/' }, blog: { routeBasePath: '/news/' } }]] }",
        )
        .unwrap();
        assert_eq!(site.default_locale, "en");
        let codes: Vec<_> = site.locales.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["en", "fr", "ar"]);
        assert_eq!(site.locales[2].direction.as_deref(), Some("rtl"));
        assert_eq!(site.locales[2].label.as_deref(), Some("العربية"));
        assert_eq!(site.routes.docs, "");
        assert_eq!(site.routes.blog, "news");
        assert_eq!(site.base_url, None);
        let site = interpret(
            Path::new("docusaurus.config.js"),
            "module.exports = { url: 'https://example.org/', baseUrl: '/docs/', \
             themeConfig: { navbar: { items: [{ to: 'x', url: 'x' }] } } }",
        )
        .unwrap();
        assert_eq!(site.base_url.as_deref(), Some("https://example.org/docs"));
        let bare = interpret(Path::new("docusaurus.config.js"), "module.exports = {}").unwrap();
        assert_eq!(bare.default_locale, "en");
        assert_eq!(bare.routes, Routes::default());
    }

    #[test]
    fn discover_reads_the_site_and_tolk_yaml_wins() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("docusaurus.config.mjs"),
            "export default { i18n: { defaultLocale: 'en', locales: ['en', 'he'], \
             localeConfigs: { he: { label: 'עברית', direction: 'rtl' } } }, \
             presets: [['classic', { docs: { routeBasePath: '/' } }]] };",
        )
        .unwrap();
        let config = Config::discover(dir.path(), None).unwrap();
        assert_eq!(config.source_locale, "en");
        assert_eq!(config.conventions.layout, Layout::Docusaurus);
        assert_eq!(config.content_dir, PathBuf::from("."));
        let he = config.locale("he").unwrap();
        assert_eq!(
            (he.prefix.as_str(), he.dir.as_deref(), he.name.as_str()),
            ("/he/", Some("rtl"), "עברית")
        );
        assert_eq!(config.docusaurus.docs, "");
        assert!(config.is_external_path("/category/guides"));
        std::fs::write(dir.path().join("tolk.yaml"), "source_locale: he\n").unwrap();
        let config = Config::discover(dir.path(), None).unwrap();
        assert_eq!(config.source_locale, "he");
        assert_eq!(config.conventions.layout, Layout::Docusaurus);
    }

    #[test]
    fn places_paths() {
        assert_eq!(
            place("i18n/fr/docusaurus-plugin-content-docs/current/a/b.md"),
            Some(Placed {
                locale: Some("fr"),
                plugin: Plugin::Docs,
                rest: "a/b.md"
            })
        );
        assert_eq!(
            place("src/pages/x.md").map(|p| p.plugin),
            Some(Plugin::Pages)
        );
        assert_eq!(
            place("i18n/fr/docusaurus-plugin-content-docs/version-1/a.md"),
            None
        );
        assert_eq!(
            translation_path("blog/2021-01-01-hi.md", "fr").as_deref(),
            Some("i18n/fr/docusaurus-plugin-content-blog/2021-01-01-hi.md")
        );
    }

    #[test]
    fn number_prefixes() {
        assert_eq!(strip_number_prefix("01-intro"), "intro");
        assert_eq!(strip_number_prefix("1. Setup"), "Setup");
        assert_eq!(strip_number_prefix("2021-01-01-post"), "2021-01-01-post");
        assert_eq!(strip_number_prefix("1.2-notes"), "1.2-notes");
        assert_eq!(strip_number_prefix("404"), "404");
        assert_eq!(strip_number_prefix("intro"), "intro");
    }
}
