//! An Astro Starlight site as Starlight reads it: the locales of the `starlight({ … })`
//! options in `astro.config.{mjs,ts,js}`, read as text ([`super::js`]).
//!
//! ```js
//! starlight({
//!   defaultLocale: 'root',
//!   locales: {
//!     root: { label: 'English', lang: 'en' },   // at src/content/docs/, published at /
//!     fr: { label: 'Français' },                // at src/content/docs/fr/, published at /fr/
//!     ar: { label: 'العربية', dir: 'rtl' },
//!   },
//! })
//! ```
//!
//! Each locale's key is its folder below `src/content/docs/` and its URL prefix; the `root`
//! locale has no folder and is published at `/`, under its `lang` (default `en`). The default
//! locale (the source) is the root locale where there is one, else `defaultLocale`, else the
//! first. The layout is `folder`; `dir: 'rtl'` reaches `<html dir>`.

use std::path::{Path, PathBuf};

use super::js::{self, Source, Value};
use super::{GeneratorLocale, GeneratorSite, Layout, RawConfig};

/// The configuration file names Astro reads, in its order of preference.
pub(crate) const FILES: &[&str] = &[
    "astro.config.mjs",
    "astro.config.js",
    "astro.config.ts",
    "astro.config.mts",
    "astro.config.cjs",
];

/// Where Starlight's pages are, relative to the site root.
pub(crate) const CONTENT_DIR: &str = "src/content/docs";

/// One locale of the `locales` option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LocaleConfig {
    /// Its key: the folder and URL prefix (`pt-br`), or `root`.
    pub key: String,
    /// The code tolk uses: the key, or the `lang` of the root locale.
    pub code: String,
    /// `label`.
    pub label: Option<String>,
    /// `dir` (`rtl`).
    pub dir: Option<String>,
}

/// What a Starlight configuration says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SiteConfig {
    /// The file it was read from, relative to the root.
    pub file: PathBuf,
    /// The code of the default (source) locale.
    pub default_locale: String,
    /// The locales, in the order written, the default first.
    pub locales: Vec<LocaleConfig>,
    /// Astro's `site`, where it is written as text.
    pub base_url: Option<String>,
    /// The paths the site's link checker (`starlightLinksValidator({ exclude: [ … ] })`) is told
    /// to leave alone, as URL prefixes, and the paths Astro's `redirects` serve: what the site
    /// serves besides its pages.
    pub served_paths: Vec<String>,
}

/// The Astro configuration file at `root` that sets up Starlight, if there is one.
pub(crate) fn find(root: &Path) -> Option<PathBuf> {
    FILES.iter().map(PathBuf::from).find(|f| {
        std::fs::read_to_string(root.join(f)).is_ok_and(|text| text.contains("starlight"))
    })
}

/// Reads the Starlight configuration at `root`, if there is one.
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
    let options = source.call_argument("starlight").unwrap_or(Value::Null);
    let mut locales = Vec::new();
    if let Some(Value::Object(map)) = options.get("locales") {
        for (key, settings) in map {
            let lang = js::text(settings.get("lang"));
            let code = if key == "root" {
                lang.unwrap_or_else(|| "en".into())
            } else {
                key.clone()
            };
            locales.push(LocaleConfig {
                key: key.clone(),
                code,
                label: js::text(settings.get("label")),
                dir: js::text(settings.get("dir")).map(|d| d.to_ascii_lowercase()),
            });
        }
    }
    if locales.is_empty() {
        // A single-language site: Starlight's default language.
        let lang = js::text(options.get("defaultLocale")).unwrap_or_else(|| "en".into());
        locales.push(LocaleConfig {
            key: "root".into(),
            code: lang,
            label: None,
            dir: None,
        });
    }
    for locale in &locales {
        if locale
            .code
            .parse::<unic_langid::LanguageIdentifier>()
            .is_err()
        {
            return Err((
                file.to_path_buf(),
                format!(
                    "Starlight locale `{}` is not a BCP 47 locale code",
                    locale.code
                ),
            ));
        }
    }
    let default_key = if locales.iter().any(|l| l.key == "root") {
        "root".to_string()
    } else {
        js::text(options.get("defaultLocale")).unwrap_or_else(|| locales[0].key.clone())
    };
    let position = locales
        .iter()
        .position(|l| l.key == default_key)
        .unwrap_or(0);
    let default = locales.remove(position);
    let default_locale = default.code.clone();
    locales.insert(0, default);
    let base_url = source
        .call_argument("defineConfig")
        .and_then(|config| js::text(config.get("site")))
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    let served_paths = match source
        .call_argument("starlightLinksValidator")
        .as_ref()
        .and_then(|options| options.get("exclude"))
    {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| item.as_str().and_then(excluded_prefix))
            .collect(),
        _ => Vec::new(),
    };
    let mut served_paths = served_paths;
    if let Some(Value::Object(redirects)) = source
        .call_argument("defineConfig")
        .as_ref()
        .and_then(|config| config.get("redirects"))
    {
        served_paths.extend(
            redirects
                .iter()
                .map(|(from, _)| from.trim())
                .filter(|from| from.starts_with('/') && !from.contains('['))
                .map(str::to_string),
        );
    }
    Ok(SiteConfig {
        file: file.to_path_buf(),
        default_locale,
        locales,
        base_url,
        served_paths,
    })
}

/// The URL path an `exclude` glob of starlight-links-validator leaves alone, as a prefix:
/// `/linter/rules/**/*` → `/linter/rules/`, `/chat` → `/chat`. `None` for a glob that would
/// leave the whole site alone (`/**`), or one that is not a path.
fn excluded_prefix(glob: &str) -> Option<String> {
    let glob = glob.trim();
    let literal = match glob.find(['*', '?', '[', '{']) {
        Some(at) => &glob[..=glob[..at].rfind('/')?],
        None => glob,
    };
    (literal.starts_with('/') && literal != "/").then(|| literal.to_string())
}

/// Fills what tolk.yaml (`raw`) leaves unset from the Starlight configuration at `root`.
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
                let prefix = if l.key == "root" {
                    "/".to_string()
                } else {
                    format!("/{}/", l.key)
                };
                GeneratorLocale {
                    code: l.code.clone(),
                    name: l.label.clone(),
                    prefix,
                    dir: l.dir.clone(),
                }
            })
            .collect(),
        source: site.default_locale.clone(),
        base_url: site.base_url.clone(),
        content_dir: PathBuf::from(CONTENT_DIR),
        layout: Layout::Folder,
    });
    raw.extra
        .entry("urls".into())
        .or_insert_with(|| serde_yaml::Value::String("astro".into()));
    if raw.external_paths.is_none() && !site.served_paths.is_empty() {
        raw.external_paths = Some(site.served_paths.clone());
    }
    Ok(Some(site.file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_checker_excludes_become_prefixes() {
        let site = interpret(
            Path::new("astro.config.ts"),
            "const plugins = [starlightLinksValidator({ failOnError: false, exclude: [\n               '/playground', '/linter/rules/', '/linter/rules/**/*', '/blog/**/*', '/chat',\n               '/**', 'relative/*', '/a/[id]/x',\n             ] })];\n             export default defineConfig({ integrations: [starlight({ title: 'Docs', plugins })] });",
        )
        .expect("read");
        assert_eq!(
            site.served_paths,
            [
                "/playground",
                "/linter/rules/",
                "/linter/rules/",
                "/blog/",
                "/chat",
                "/a/"
            ]
        );
    }

    #[test]
    fn root_locale_is_the_source() {
        let site = interpret(
            Path::new("astro.config.mjs"),
            "export const locales = {\n  // the root\n  root: { label: 'English', lang: 'en' },\n  'pt-br': { label: 'Português', lang: 'pt-BR' },\n  fa: { label: \"فارسی\", dir: 'rtl', },\n};\n\
             export default defineConfig({ integrations: [starlight({ title: 'Docs', locales })] });",
        )
        .unwrap();
        assert_eq!(site.default_locale, "en");
        let codes: Vec<_> = site.locales.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["en", "pt-br", "fa"]);
        assert_eq!(site.locales[2].dir.as_deref(), Some("rtl"));
        assert_eq!(site.locales[0].key, "root");
    }

    #[test]
    fn default_locale_without_root() {
        let site = interpret(
            Path::new("astro.config.ts"),
            "starlight({ defaultLocale: 'fr', locales: { en: { label: 'English' }, fr: { label: 'Français' } } })",
        )
        .unwrap();
        assert_eq!(site.default_locale, "fr");
        assert_eq!(site.locales[0].key, "fr");
        assert_eq!(site.base_url, None);
        let site = interpret(
            Path::new("astro.config.mjs"),
            "export default defineConfig({ site: 'https://docs.example.org', integrations: [starlight({})] })",
        )
        .unwrap();
        assert_eq!(site.base_url.as_deref(), Some("https://docs.example.org"));
        let single = interpret(Path::new("astro.config.mjs"), "starlight({ title: 'x' })").unwrap();
        assert_eq!(single.default_locale, "en");
    }
}
