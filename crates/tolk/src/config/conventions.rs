//! The conventions of an existing site, as tolk.yaml names them: how a page's locale shows in
//! its path (`layout`), other spellings of locale codes (`aliases`), where translations record
//! their baseline when it is a commit (`source_commit_key`), and history mode (`history`,
//! `skip_token`).
//!
//! ```yaml
//! layout: folder-any-depth      # folder | folder-any-depth | suffix | underscore | prefix | docusaurus
//! aliases: { no: nb }           # `no` in a path or field means the configured locale `nb`
//! source_commit_key: l10n.sourceCommit
//! history: true                 # translations without a baseline are judged by git history
//! skip_tokens: ["[skip-l10n]", typo]  # commits whose message carries one do not count
//! ```
//!
//! These keys are read apart from tolk.yaml's core keys so that the core reader stays small;
//! a Hugo or Zola configuration may fill them in (see [`super::hugo`]).

use std::collections::BTreeMap;

use serde_yaml::Value;

use super::Locale;

/// How a page's locale shows in its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// A locale folder at the content root (`content/en/…`) or a file-name suffix
    /// (`about.en.md`), whichever a page has: tolk's own convention.
    #[default]
    Auto,
    /// A locale folder at the content root only (`content/en/…`; Hugo's contentDir per
    /// language, Starlight's `fr/`); a page outside every locale folder is in the source locale.
    Folder,
    /// A locale folder at any depth (`docs/intro/en/page.mdx` ↔ `docs/intro/no/page.mdx`).
    FolderAnyDepth,
    /// A file-name suffix (`about.en.md`); a file without one is in the source locale.
    Suffix,
    /// A suffix joined by an underscore (`lesson_en.md` beside `lesson.md`).
    Underscore,
    /// A locale prefix joined by an underscore (`en_index.mdx` beside `no_index.mdx`).
    Prefix,
    /// Docusaurus: sources in `docs/`, `blog/` and `src/pages/`, translations in
    /// `i18n/<locale>/docusaurus-plugin-content-*/` (see [`super::docusaurus`]).
    Docusaurus,
}

impl Layout {
    /// The name tolk.yaml uses for it.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Auto => "auto",
            Layout::Folder => "folder",
            Layout::FolderAnyDepth => "folder-any-depth",
            Layout::Suffix => "suffix",
            Layout::Underscore => "underscore",
            Layout::Prefix => "prefix",
            Layout::Docusaurus => "docusaurus",
        }
    }

    /// The layout named `name` in tolk.yaml.
    pub fn parse(name: &str) -> Option<Layout> {
        [
            Layout::Auto,
            Layout::Folder,
            Layout::FolderAnyDepth,
            Layout::Suffix,
            Layout::Underscore,
            Layout::Prefix,
            Layout::Docusaurus,
        ]
        .into_iter()
        .find(|l| l.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// The conventions of the site, defaults applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conventions {
    /// How a page's locale shows in its path.
    pub layout: Layout,
    /// Other spellings of locale codes, lowercased, each to a configured code (`no` → `nb`).
    pub aliases: BTreeMap<String, String>,
    /// A dotted front-matter key holding the source commit a translation was made from
    /// (`l10n.sourceCommit`).
    pub source_commit_key: Option<String>,
    /// History mode: a translation without a baseline is up to date or stale by git history
    /// instead of `unverified`.
    pub history: bool,
    /// Commit-message tokens that keep a commit from counting in history mode.
    pub skip_tokens: Vec<String>,
    /// Where a page without `url` is published.
    pub urls: UrlRule,
    /// With [`UrlRule::Path`]: the URL pattern of the regular pages of a top-level section
    /// (`blog` → `/:section/:year/:month/:slug/`), as Hugo's `permalinks` sets them.
    pub permalinks: BTreeMap<String, String>,
}

/// Where a page whose front matter sets no `url` is published (tolk.yaml `urls:`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UrlRule {
    /// The locale's prefix and the page's translation key (`/en/about-minid/`): tolk's own rule.
    #[default]
    Key,
    /// The locale's prefix and the page's path in the content folder, its file name replaced
    /// by a front-matter `slug` where there is one: Hugo's and Zola's rule, whatever the
    /// page's translation key. The default where a Hugo or Zola configuration is found.
    Path,
    /// The page's path in the content folder with each folder and file name slugged as
    /// Astro's content collections slug them (`Inter-Process Communication` →
    /// `inter-process-communication`), or a front-matter `slug` (the whole path below the
    /// content folder, locale folder included): Astro Starlight's rule, the default where its
    /// configuration is found.
    Astro,
}

/// The tolk.yaml keys read here.
pub(crate) const KEYS: &[&str] = &[
    "layout",
    "aliases",
    "source_commit_key",
    "history",
    "skip_token",
    "skip_tokens",
    "urls",
    "permalinks",
];

impl Conventions {
    /// Takes the convention keys out of `extra` (unknown tolk.yaml keys) and checks them
    /// against the configured `locales`.
    pub fn take(
        extra: &mut BTreeMap<String, Value>,
        locales: &[Locale],
    ) -> Result<Conventions, String> {
        let mut conventions = Conventions::default();
        if let Some(value) = extra.remove("layout") {
            let name = text(&value, "layout")?;
            conventions.layout = Layout::parse(&name).ok_or_else(|| {
                format!(
                    "`layout: {name}` is not a layout tolk knows; use folder, folder-any-depth, suffix, underscore, prefix or docusaurus"
                )
            })?;
        }
        if let Some(value) = extra.remove("aliases") {
            conventions.aliases = aliases(&value, locales)?;
        }
        if let Some(value) = extra.remove("source_commit_key") {
            let key = text(&value, "source_commit_key")?;
            let key = key.trim().to_string();
            if key.is_empty() || key.split('.').any(str::is_empty) {
                return Err(format!(
                    "`source_commit_key: {key}` is not a front-matter key; write it dotted, like `l10n.sourceCommit`"
                ));
            }
            conventions.source_commit_key = Some(key);
        }
        if let Some(value) = extra.remove("urls") {
            conventions.urls = match text(&value, "urls")?.trim() {
                "key" => UrlRule::Key,
                "path" => UrlRule::Path,
                "astro" => UrlRule::Astro,
                other => {
                    return Err(format!(
                        "`urls: {other}` is not a rule tolk knows; use key (prefix + translation key), path (prefix + content path, as Hugo publishes) or astro (the content path slugged, as Astro Starlight publishes)"
                    ));
                }
            };
        }
        if let Some(value) = extra.remove("permalinks") {
            conventions.permalinks = permalinks(&value)?;
        }
        if let Some(value) = extra.remove("history") {
            conventions.history = match value {
                Value::Bool(b) => b,
                Value::Null => false,
                _ => return Err("`history` must be true or false".into()),
            };
        }
        let skip = match (extra.remove("skip_tokens"), extra.remove("skip_token")) {
            (Some(_), Some(_)) => {
                return Err(
                    "`skip_token` and `skip_tokens` are both set; keep `skip_tokens`".into(),
                );
            }
            (a, b) => a.or(b),
        };
        if let Some(value) = skip {
            conventions.skip_tokens = match &value {
                Value::Null => Vec::new(),
                Value::Sequence(items) => items
                    .iter()
                    .map(|v| text(v, "skip_tokens"))
                    .collect::<Result<_, _>>()?,
                other => vec![text(other, "skip_tokens")?],
            };
            conventions.skip_tokens.retain(|t| !t.trim().is_empty());
        }
        Ok(conventions)
    }

    /// The configured locale code an alias stands for (`NO` → `nb`), compared
    /// case-insensitively.
    pub fn alias(&self, written: &str) -> Option<&str> {
        self.aliases
            .get(&written.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// The name a locale has in paths: its first alias where it has one (a Hugo contentDir
    /// `english` for `en`), else its code.
    pub fn path_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.aliases
            .iter()
            .find(|(_, target)| target.as_str() == code)
            .map(|(alias, _)| alias.as_str())
            .unwrap_or(code)
    }
}

fn text(value: &Value, key: &str) -> Result<String, String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        _ => Err(format!("`{key}` must be text")),
    }
}

fn aliases(value: &Value, locales: &[Locale]) -> Result<BTreeMap<String, String>, String> {
    let Value::Mapping(map) = value else {
        if value.is_null() {
            return Ok(BTreeMap::new());
        }
        return Err("`aliases` must be a mapping like `aliases: { no: nb }`".into());
    };
    let mut out = BTreeMap::new();
    for (alias, target) in map {
        let alias = text(alias, "aliases")?;
        let target = text(target, "aliases")?;
        let locale = locales
            .iter()
            .find(|l| l.code.eq_ignore_ascii_case(target.trim()))
            .ok_or_else(|| {
                format!("alias `{alias}` points to `{target}`, which is not a configured locale")
            })?;
        out.insert(alias.trim().to_ascii_lowercase(), locale.code.clone());
    }
    Ok(out)
}

/// `permalinks:` as Hugo writes them: section → pattern, or (Hugo 0.120 and later) the same
/// below `page:` (the patterns of `section:`, `taxonomy:` and `term:` pages are not used: tolk
/// publishes those at their path).
fn permalinks(value: &Value) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    let Value::Mapping(map) = value else {
        return Err(
            "`permalinks` must map a section to a URL pattern, like `blog: /:section/:year/:slug/`"
                .into(),
        );
    };
    for (key, pattern) in map {
        let key = text(key, "permalinks")?;
        match pattern {
            Value::String(pattern) => {
                out.insert(key.trim_matches('/').to_string(), pattern.clone());
            }
            Value::Mapping(_) if key == "page" => out.extend(permalinks(pattern)?),
            Value::Mapping(_) if matches!(key.as_str(), "section" | "taxonomy" | "term") => {}
            _ => {
                return Err(format!(
                    "`permalinks: {{ {key}: … }}` must be a URL pattern, like `/:section/:year/:slug/`"
                ));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn take(yaml: &str) -> Result<Conventions, String> {
        let mut extra: BTreeMap<String, Value> = serde_yaml::from_str(yaml).unwrap_or_default();
        Conventions::take(&mut extra, &Config::default().locales)
    }

    #[test]
    fn reads_every_key() {
        let c = take(
            "layout: folder-any-depth\naliases: { NO: nb, english: en }\nsource_commit_key: l10n.sourceCommit\nhistory: true\nskip_token: '[skip-l10n]'\n",
        )
        .unwrap();
        assert_eq!(c.layout, Layout::FolderAnyDepth);
        assert_eq!(c.alias("no"), Some("nb"));
        assert_eq!(c.path_name("en"), "english");
        assert_eq!(c.path_name("nn"), "nn");
        assert_eq!(c.source_commit_key.as_deref(), Some("l10n.sourceCommit"));
        assert!(c.history);
        assert_eq!(c.skip_tokens, ["[skip-l10n]"]);
    }

    #[test]
    fn defaults_and_errors() {
        assert_eq!(take("").unwrap(), Conventions::default());
        assert!(take("layout: sideways").unwrap_err().contains("sideways"));
        assert!(take("aliases: { no: de }").unwrap_err().contains("`de`"));
        assert!(take("history: maybe").is_err());
    }
}
