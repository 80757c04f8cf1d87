//! Site configuration: tolk.yaml, its defaults, and the locales it declares.
//!
//! Every key is optional; without tolk.yaml the built-in defaults describe the MinID layout
//! (`nb` source at `/`, `nn` at `/nn/`, `en` at `/en/`, pages under `content/`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use unic_langid::LanguageIdentifier;

use crate::error::{Error, Result};

pub(crate) mod conventions;
pub(crate) mod docusaurus;
pub(crate) mod hugo;
pub(crate) mod js;
pub(crate) mod netlify;
pub(crate) mod starlight;

pub(crate) use conventions::{Conventions, Layout, UrlRule};

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "tolk.yaml";

/// One locale of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale {
    /// The locale's code as configured (`nb`, `en`).
    pub code: String,
    /// The parsed BCP 47 id.
    pub langid: LanguageIdentifier,
    /// The locale's own name (`Norsk bokmål`).
    pub name: String,
    /// The URL prefix, starting and ending with `/`.
    pub prefix: String,
    /// Locales to fall back to, in order.
    pub fallback: Vec<String>,
    /// The writing direction (`rtl`, `ltr`, `auto`) for `<html dir>`, where set.
    pub dir: Option<String>,
}

/// What the build does with a menu entry whose page is not translated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum UntranslatedMenuEntries {
    /// Leave the entry out of that locale's menu.
    Omit,
    /// Show the source page's entry, marked with its language.
    #[default]
    Fallback,
}

/// What the build does with a published translation whose text is still the source's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PublishUntranslated {
    /// Publish it with a visible notice that the page is not yet translated.
    #[default]
    Notice,
    /// Leave it out of the build, as if it were missing.
    Omit,
}

/// The whole site configuration, defaults applied.
#[derive(Debug, Clone)]
pub struct Config {
    /// Absolute base URL for hreflang links and sitemap.xml (`https://minid.no`), if any.
    pub base_url: Option<String>,
    /// Code of the source locale.
    pub source_locale: String,
    /// All locales, source first as configured.
    pub locales: Vec<Locale>,
    /// Content folder, relative to the root.
    pub content_dir: PathBuf,
    /// Fluent folder, relative to the root.
    pub locales_dir: PathBuf,
    /// Folder of files the build copies as they are (images, PDFs, `robots.txt`), relative to
    /// the root.
    pub static_dir: PathBuf,
    /// Menu entries of untranslated pages.
    pub untranslated_menu_entries: UntranslatedMenuEntries,
    /// Whether raw HTML in Markdown is passed through.
    pub unsafe_html: bool,
    /// `severity:` overrides of the default severities, per code and per code and locale.
    pub policy: crate::diagnostics::policy::Policy,
    /// The conventions of an existing site: layout, aliases, baselines, history mode.
    pub conventions: Conventions,
    /// URL prefixes served by something other than the content (`/api/`, app routes, module
    /// mounts): links into them are never broken.
    pub external_paths: Vec<String>,
    /// Front-matter fields whose absence from a published page is a finding; `None` means the
    /// fields that pages of the source locale actually set.
    pub required_fields: Option<Vec<String>>,
    /// What the build does with a published page whose text is still the source's.
    pub publish_untranslated: PublishUntranslated,
    /// `params:`, free values for templates.
    pub params: BTreeMap<String, serde_yaml::Value>,
    /// The route base paths of a Docusaurus site (`layout: docusaurus`).
    pub docusaurus: docusaurus::Routes,
    /// The site's name (`title:`, else the Hugo configuration's `title`), shown in `<title>`,
    /// the header and the footer.
    pub title: Option<String>,
    /// The site's name per locale code, where the Hugo configuration gives a language its own
    /// `title`.
    pub locale_titles: BTreeMap<String, String>,
    /// Front-matter fields a translator translates (`title`, `menu.<m>.name`: `<m>` stands for
    /// any menu), which `tolk export` offers as segments.
    pub translate_fields: Vec<String>,
    /// MDX components that belong in source pages only (an editors' note that translators
    /// remove, as Astro's docs ask of `DontEditWarning`): `structure-mismatch` does not count
    /// them.
    pub source_only_components: Vec<String>,
    /// Whether the site renders a root-relative link on a translated page as a link to that
    /// page's own translation (Hugo's link render hooks that look pages up with `GetPage`):
    /// `unlocalized-link` has nothing to say then.
    pub localized_links: bool,
    /// The `cascade` of the Hugo configuration, as written, where it has one: the model reads
    /// the build options in it (which pages have no page of their own).
    pub site_cascade: Option<serde_yaml::Value>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct RawConfig {
    base_url: Option<String>,
    source_locale: Option<String>,
    locales: Option<Vec<RawLocale>>,
    content_dir: Option<PathBuf>,
    locales_dir: Option<PathBuf>,
    static_dir: Option<PathBuf>,
    untranslated_menu_entries: Option<UntranslatedMenuEntries>,
    unsafe_html: Option<bool>,
    severity: Option<serde_yaml::Value>,
    external_paths: Option<Vec<String>>,
    required_fields: Option<Vec<String>>,
    publish_untranslated: Option<PublishUntranslated>,
    params: Option<BTreeMap<String, serde_yaml::Value>>,
    /// Docusaurus routes, from its configuration (never from tolk.yaml).
    #[serde(skip)]
    docusaurus: Option<docusaurus::Routes>,
    title: Option<String>,
    /// Per-locale site names, from the Hugo configuration (never from tolk.yaml).
    #[serde(skip)]
    locale_titles: BTreeMap<String, String>,
    translate_fields: Option<Vec<String>>,
    source_only_components: Option<Vec<String>>,
    localized_links: Option<bool>,
    /// The Hugo configuration's `cascade` (never from tolk.yaml).
    #[serde(skip)]
    site_cascade: Option<serde_yaml::Value>,
    /// Everything else: the convention keys ([`Conventions::take`]), then unknown keys.
    #[serde(flatten)]
    extra: BTreeMap<String, serde_yaml::Value>,
}

/// Every top-level key tolk.yaml may hold.
pub(crate) const KEYS: &[&str] = &[
    "base_url",
    "source_locale",
    "locales",
    "content_dir",
    "locales_dir",
    "static_dir",
    "untranslated_menu_entries",
    "unsafe_html",
    "severity",
    "external_paths",
    "required_fields",
    "publish_untranslated",
    "params",
    "title",
    "translate_fields",
    "source_only_components",
    "localized_links",
];

/// The fields `tolk export` translates when tolk.yaml sets no `translate_fields`.
pub(crate) const DEFAULT_TRANSLATE_FIELDS: &[&str] =
    &["title", "ingress", "description", "menu.<m>.name"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLocale {
    code: String,
    name: Option<String>,
    prefix: Option<String>,
    #[serde(default)]
    fallback: Vec<String>,
    dir: Option<String>,
}

/// What a generator's configuration (Docusaurus, Astro Starlight) says about the site.
pub(crate) struct GeneratorSite {
    /// The locales, in the configuration's order.
    pub locales: Vec<GeneratorLocale>,
    /// The source locale's code.
    pub source: String,
    /// The site's absolute URL, where the configuration gives one.
    pub base_url: Option<String>,
    /// The content folder, relative to the root.
    pub content_dir: PathBuf,
    /// How a page's locale shows in its path.
    pub layout: Layout,
}

/// One locale of a generator's configuration.
pub(crate) struct GeneratorLocale {
    /// The locale code.
    pub code: String,
    /// Its display name, where the configuration gives one.
    pub name: Option<String>,
    /// Its URL prefix.
    pub prefix: String,
    /// Its text direction, where the configuration gives one.
    pub dir: Option<String>,
}

impl RawConfig {
    /// Fills what tolk.yaml leaves unset from a generator's configuration: every locale but
    /// the source falls back to the source, as the generators serve it.
    fn fill_from(&mut self, site: GeneratorSite) {
        if self.locales.is_none() {
            let locales = site.locales.into_iter().map(|locale| {
                let fallback = if locale.code == site.source {
                    Vec::new()
                } else {
                    vec![site.source.clone()]
                };
                RawLocale {
                    code: locale.code,
                    name: locale.name,
                    prefix: Some(locale.prefix),
                    fallback,
                    dir: locale.dir,
                }
            });
            self.locales = Some(locales.collect());
        }
        self.source_locale.get_or_insert(site.source);
        if self.base_url.is_none() {
            self.base_url = site.base_url;
        }
        self.content_dir.get_or_insert(site.content_dir);
        self.extra
            .entry("layout".into())
            .or_insert_with(|| serde_yaml::Value::String(site.layout.name().into()));
    }
}

impl Default for Config {
    fn default() -> Self {
        let raw = RawConfig::default();
        // The built-in defaults are valid by construction.
        match Config::from_raw(raw) {
            Ok(config) => config,
            Err(message) => unreachable!("built-in configuration is invalid: {message}"),
        }
    }
}

impl Config {
    /// Parses tolk.yaml text.
    pub fn from_yaml(text: &str) -> std::result::Result<Self, String> {
        let raw: RawConfig = if text.trim().is_empty() {
            RawConfig::default()
        } else {
            serde_yaml::from_str(text).map_err(|e| e.to_string())?
        };
        Self::from_raw(raw)
    }

    /// The configuration for the site at `root`: `config` if given, else `root/tolk.yaml` if it
    /// exists, else the defaults.
    /// A Hugo or Zola configuration at the root fills what tolk.yaml leaves unset
    /// (see `hugo`); else a Docusaurus (`docusaurus`) or Astro Starlight (`starlight`)
    /// one.
    pub fn discover(root: &Path, config: Option<&Path>) -> Result<Self> {
        let path = match config {
            Some(path) => Some(path.to_path_buf()),
            None => Some(root.join(CONFIG_FILE)).filter(|p| p.is_file()),
        };
        let mut raw = match &path {
            Some(path) => {
                let text =
                    std::fs::read_to_string(path).map_err(|e| Error::io("cannot read", path, e))?;
                Self::raw_from_yaml(&text).map_err(|message| Error::Config {
                    path: path.clone(),
                    message,
                })?
            }
            None => RawConfig::default(),
        };
        let site_file = hugo::overlay(root, &mut raw)
            .and_then(|found| match found {
                Some(file) => Ok(Some(file)),
                None => docusaurus::overlay(root, &mut raw),
            })
            .and_then(|found| match found {
                Some(file) => Ok(Some(file)),
                None => starlight::overlay(root, &mut raw),
            })
            .map_err(|(file, message)| Error::Config {
                path: root.join(file),
                message,
            })?;
        Self::from_raw(raw).map_err(|message| Error::Config {
            path: path
                .or_else(|| site_file.map(|f| root.join(f)))
                .unwrap_or_else(|| root.join(CONFIG_FILE)),
            message,
        })
    }

    fn raw_from_yaml(text: &str) -> std::result::Result<RawConfig, String> {
        if text.trim().is_empty() {
            Ok(RawConfig::default())
        } else {
            serde_yaml::from_str(text).map_err(|e| e.to_string())
        }
    }

    fn from_raw(raw: RawConfig) -> std::result::Result<Self, String> {
        let raw_locales = raw.locales.unwrap_or_else(default_locales);
        if raw_locales.is_empty() {
            return Err("`locales` is empty; list at least the source locale".into());
        }
        let mut locales = Vec::with_capacity(raw_locales.len());
        for raw_locale in raw_locales {
            locales.push(parse_locale(raw_locale)?);
        }
        check_unique(&locales)?;
        let source_locale = match raw.source_locale {
            Some(code) => code,
            None => locales[0].code.clone(),
        };
        let source = locales
            .iter()
            .find(|l| l.code.eq_ignore_ascii_case(&source_locale))
            .ok_or_else(|| {
                format!("source_locale `{source_locale}` is not one of the configured locales")
            })?
            .code
            .clone();
        for locale in &locales {
            for fallback in &locale.fallback {
                if !locales.iter().any(|l| &l.code == fallback) {
                    return Err(format!(
                        "locale `{}` falls back to `{fallback}`, which is not a configured locale",
                        locale.code
                    ));
                }
            }
        }
        let policy = crate::diagnostics::policy::Policy::from_value(
            raw.severity.as_ref(),
            &locales.iter().map(|l| l.code.as_str()).collect::<Vec<_>>(),
        )?;
        let mut extra = raw.extra;
        let conventions = Conventions::take(&mut extra, &locales)?;
        if let Some(key) = extra.keys().next() {
            return Err(unknown_key(key));
        }
        let base_url = match raw.base_url {
            Some(url) => Some(check_base_url(&url)?),
            None => None,
        };
        let external_paths = raw
            .external_paths
            .unwrap_or_default()
            .into_iter()
            .map(|p| normalise_external_path(&p))
            .filter(|p| p != "/")
            .collect();
        Ok(Config {
            base_url,
            source_locale: source,
            locales,
            content_dir: raw.content_dir.unwrap_or_else(|| PathBuf::from("content")),
            locales_dir: raw.locales_dir.unwrap_or_else(|| PathBuf::from("locales")),
            static_dir: raw.static_dir.unwrap_or_else(|| PathBuf::from("static")),
            untranslated_menu_entries: raw.untranslated_menu_entries.unwrap_or_default(),
            unsafe_html: raw.unsafe_html.unwrap_or(false),
            policy,
            conventions,
            external_paths,
            required_fields: raw.required_fields,
            publish_untranslated: raw.publish_untranslated.unwrap_or_default(),
            params: raw.params.unwrap_or_default(),
            docusaurus: raw.docusaurus.unwrap_or_default(),
            title: raw.title.filter(|t| !t.trim().is_empty()),
            locale_titles: raw.locale_titles,
            translate_fields: raw.translate_fields.unwrap_or_else(|| {
                DEFAULT_TRANSLATE_FIELDS
                    .iter()
                    .map(|f| f.to_string())
                    .collect()
            }),
            source_only_components: raw.source_only_components.unwrap_or_default(),
            localized_links: raw.localized_links.unwrap_or(false),
            site_cascade: raw.site_cascade,
        })
    }

    /// The site's name for pages of `locale`: its own title, else the site's `title`, else the
    /// name of the site's folder `root`.
    pub fn site_title(&self, locale: &str, root: &Path) -> String {
        self.locale_titles
            .get(locale)
            .or(self.title.as_ref())
            .cloned()
            .or_else(|| {
                let real = root.canonicalize().ok()?;
                Some(real.file_name()?.to_string_lossy().into_owned())
            })
            .unwrap_or_else(|| "Home".to_string())
    }

    /// Whether `url` (a root-relative path) lies under one of the `external_paths`.
    pub fn is_external_path(&self, url: &str) -> bool {
        self.external_paths
            .iter()
            .any(|prefix| url.starts_with(prefix.as_str()) || url == prefix.trim_end_matches('/'))
    }

    /// The source locale.
    pub fn source(&self) -> &Locale {
        self.locale(&self.source_locale)
            .unwrap_or_else(|| unreachable!("source locale is validated"))
    }

    /// The locale with this exact configured code.
    pub fn locale(&self, code: &str) -> Option<&Locale> {
        self.locales.iter().find(|l| l.code == code)
    }

    /// Every locale but the source, in configured order.
    pub fn targets(&self) -> impl Iterator<Item = &Locale> {
        self.locales.iter().filter(|l| l.code != self.source_locale)
    }

    /// Resolves a locale code as written in input (`en`, `EN`, `nb-NO`, `no`) to a configured
    /// locale. The flag is true when an alias was applied (`no` → `nb`): worth a note.
    pub fn resolve_locale(&self, text: &str) -> Option<(&Locale, bool)> {
        // Aliases configured in tolk.yaml are intended: no note.
        if let Some(code) = self.conventions.alias(text) {
            return self.locale(code).map(|l| (l, false));
        }
        if let Some(l) = self
            .locales
            .iter()
            .find(|l| l.code.eq_ignore_ascii_case(text))
        {
            return Some((l, false));
        }
        let id: LanguageIdentifier = text.replace('_', "-").parse().ok()?;
        let language = id.language.as_str().to_ascii_lowercase();
        let (language, aliased) = if language == "no" {
            ("nb".to_string(), true)
        } else {
            (language, false)
        };
        // Same language, and the input's region (if any) does not contradict the locale's.
        self.locales
            .iter()
            .find(|l| {
                l.langid.language.as_str() == language
                    && (l.langid.region.is_none() || l.langid.region == id.region)
            })
            .map(|l| (l, aliased))
    }

    /// The locale whose URL prefix is the longest prefix of `url`.
    pub fn locale_of_url(&self, url: &str) -> Option<&Locale> {
        self.locales
            .iter()
            .filter(|l| url.starts_with(&l.prefix) || url == l.prefix.trim_end_matches('/'))
            .max_by_key(|l| l.prefix.len())
    }
}

fn default_locales() -> Vec<RawLocale> {
    let make = |code: &str, name: &str, prefix: &str, fallback: &[&str]| RawLocale {
        code: code.into(),
        name: Some(name.into()),
        prefix: Some(prefix.into()),
        fallback: fallback.iter().map(|s| s.to_string()).collect(),
        dir: None,
    };
    vec![
        make("nb", "Norsk bokmål", "/", &[]),
        make("nn", "Nynorsk", "/nn/", &["nb"]),
        make("en", "English", "/en/", &["nb"]),
    ]
}

fn parse_locale(raw: RawLocale) -> std::result::Result<Locale, String> {
    let langid: LanguageIdentifier = raw
        .code
        .parse()
        .map_err(|_| format!("`{}` is not a valid BCP 47 locale code", raw.code))?;
    let prefix = raw.prefix.unwrap_or_else(|| format!("/{}/", raw.code));
    if !prefix.starts_with('/') || !prefix.ends_with('/') {
        return Err(format!(
            "the prefix of locale `{}` is `{prefix}`; a prefix starts and ends with `/` (`/en/`, or `/` for the root)",
            raw.code
        ));
    }
    if prefix.contains("..") || prefix.contains('\\') {
        return Err(format!(
            "the prefix of locale `{}` may not contain `..` or `\\`",
            raw.code
        ));
    }
    let dir = match raw.dir.as_deref().map(|d| d.trim().to_ascii_lowercase()) {
        None => None,
        Some(d) if d == "rtl" || d == "ltr" || d == "auto" => Some(d),
        Some(d) => {
            return Err(format!(
                "the dir of locale `{}` is `{d}`; write rtl, ltr or auto",
                raw.code
            ));
        }
    };
    Ok(Locale {
        dir,
        name: raw.name.unwrap_or_else(|| raw.code.clone()),
        code: raw.code,
        langid,
        prefix,
        fallback: raw.fallback,
    })
}

/// The error for a tolk.yaml key tolk does not know, with the nearest known key.
fn unknown_key(key: &str) -> String {
    let known = KEYS.iter().chain(conventions::KEYS.iter());
    let nearest = known
        .map(|k| (strsim::damerau_levenshtein(key, k), *k))
        .filter(|(distance, k)| *distance <= 2.max(k.len() / 3))
        .min();
    match nearest {
        Some((_, k)) => format!("unknown key `{key}`; did you mean `{k}`?"),
        None => format!(
            "unknown key `{key}`; free values for templates go under `params:` (`params: {{ {key}: … }}`)"
        ),
    }
}

/// `base_url` as used: an absolute http(s) URL without its trailing slash.
fn check_base_url(url: &str) -> std::result::Result<String, String> {
    let trimmed = url.trim();
    let lower = trimmed.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') => {
            Ok(trimmed.trim_end_matches('/').to_string())
        }
        _ => Err(format!(
            "`base_url: {url}` is not an absolute http(s) URL; write it like `https://example.org`"
        )),
    }
}

/// An external path as compared with link targets: starting with `/`, and ending with `/`
/// unless it names a file (`/robots.txt`).
fn normalise_external_path(path: &str) -> String {
    let trimmed = path.trim();
    let mut out = if trimmed.starts_with('/') {
        trimmed.to_string()
    } else {
        format!("/{trimmed}")
    };
    let last = out.rsplit('/').next().unwrap_or("");
    if !out.ends_with('/') && !last.contains('.') {
        out.push('/');
    }
    out
}

fn check_unique(locales: &[Locale]) -> std::result::Result<(), String> {
    for (i, a) in locales.iter().enumerate() {
        for b in &locales[i + 1..] {
            if a.code.eq_ignore_ascii_case(&b.code) {
                return Err(format!("locale `{}` is listed twice", a.code));
            }
            if a.prefix == b.prefix {
                return Err(format!(
                    "locales `{}` and `{}` have the same prefix `{}`; give each its own",
                    a.code, b.code, a.prefix
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_describe_minid() {
        let config = Config::default();
        assert_eq!(config.source_locale, "nb");
        let codes: Vec<_> = config.locales.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["nb", "nn", "en"]);
        assert_eq!(
            config.locale("nn").map(|l| l.fallback.clone()),
            Some(vec!["nb".into()])
        );
    }

    #[test]
    fn aliases_resolve() {
        let config = Config::default();
        assert_eq!(
            config
                .resolve_locale("no")
                .map(|(l, a)| (l.code.as_str(), a)),
            Some(("nb", true))
        );
        assert_eq!(
            config
                .resolve_locale("no-NO")
                .map(|(l, a)| (l.code.as_str(), a)),
            Some(("nb", true))
        );
        assert_eq!(
            config
                .resolve_locale("nb-NO")
                .map(|(l, a)| (l.code.as_str(), a)),
            Some(("nb", false))
        );
        assert_eq!(
            config.resolve_locale("EN").map(|(l, _)| l.code.as_str()),
            Some("en")
        );
        assert!(config.resolve_locale("de").is_none());
        assert!(config.resolve_locale("Program").is_none());
    }

    #[test]
    fn url_locale_is_longest_prefix() {
        let config = Config::default();
        assert_eq!(
            config.locale_of_url("/en/about/").map(|l| l.code.as_str()),
            Some("en")
        );
        assert_eq!(
            config.locale_of_url("/om-minid/").map(|l| l.code.as_str()),
            Some("nb")
        );
        assert_eq!(
            config.locale_of_url("/en").map(|l| l.code.as_str()),
            Some("en")
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_a_suggestion() {
        let err = Config::from_yaml("histroy: true").unwrap_err();
        assert!(err.contains("did you mean `history`"), "{err}");
        let err = Config::from_yaml("extrnal_paths: [/api/]").unwrap_err();
        assert!(err.contains("did you mean `external_paths`"), "{err}");
        let err = Config::from_yaml("company_logo: x.svg").unwrap_err();
        assert!(err.contains("params:"), "{err}");
        let config = Config::from_yaml("params: { company_logo: x.svg }").unwrap();
        assert!(config.params.contains_key("company_logo"));
    }

    #[test]
    fn new_keys_are_read() {
        let config = Config::from_yaml(
            "external_paths: [api, /app/, /robots.txt]\nrequired_fields: [title]\npublish_untranslated: omit\n",
        )
        .unwrap();
        assert_eq!(config.external_paths, ["/api/", "/app/", "/robots.txt"]);
        assert!(config.is_external_path("/api/v1/users"));
        assert!(config.is_external_path("/app"));
        assert!(!config.is_external_path("/application/"));
        assert_eq!(config.required_fields, Some(vec!["title".to_string()]));
        assert_eq!(Config::default().translate_fields[0], "title");
        let fields = Config::from_yaml("translate_fields: [title, summary]\n").unwrap();
        assert_eq!(fields.translate_fields, ["title", "summary"]);
        assert_eq!(config.publish_untranslated, PublishUntranslated::Omit);
        assert_eq!(
            Config::default().publish_untranslated,
            PublishUntranslated::Notice
        );
    }

    #[test]
    fn base_url_must_be_http() {
        assert!(Config::from_yaml("base_url: https://minid.no/").is_ok());
        let err = Config::from_yaml("base_url: javascript:alert(1)").unwrap_err();
        assert!(err.contains("http(s)"), "{err}");
        assert!(Config::from_yaml("base_url: minid.no").is_err());
    }

    #[test]
    fn bad_config_is_explained() {
        let err = Config::from_yaml("source_locale: de").unwrap_err();
        assert!(err.contains("`de`"), "{err}");
        let err = Config::from_yaml("locales:\n  - { code: nb, prefix: nb }").unwrap_err();
        assert!(err.contains("starts and ends"), "{err}");
        let err = Config::from_yaml("locales:\n  - { code: ar, dir: sideways }").unwrap_err();
        assert!(err.contains("rtl, ltr or auto"), "{err}");
        let config = Config::from_yaml("locales:\n  - { code: ar, dir: RTL }").unwrap();
        assert_eq!(config.source().dir.as_deref(), Some("rtl"));
    }
}
