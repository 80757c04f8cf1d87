//! Reading a Hugo (or Zola) site configuration, so that tolk works on such a site without
//! repeating its languages in tolk.yaml.
//!
//! Hugo: `hugo.toml` / `hugo.yaml` / `hugo.json` / `config.*` at the root, or the same names in
//! `config/_default/` (with `languages.*` beside them). tolk reads `languages` (code, weight,
//! `languageName` / `label`, `contentDir`, `direction` / `languageDirection`, `disabled`),
//! `defaultContentLanguage`, `defaultContentLanguageInSubdir` and `contentDir`; keys are
//! compared case-insensitively, as Hugo does. Zola: `config.toml` with `default_language` and `[languages.<code>]`.
//!
//! What the site's configuration says fills only what tolk.yaml leaves unset: tolk.yaml always
//! wins, key by key. Languages with a `contentDir` each become a locale folder (`layout: folder`,
//! with an alias where the folder's name is not the code); languages without one are told apart
//! by file name (`layout: suffix`), as Hugo does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

use super::{RawConfig, RawLocale};

pub(crate) mod hooks;
pub(crate) mod mounts;

/// Where Hugo looks for its configuration, in its order of preference.
const FILES: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
    "config/_default/hugo.toml",
    "config/_default/hugo.yaml",
    "config/_default/hugo.yml",
    "config/_default/config.toml",
    "config/_default/config.yaml",
    "config/_default/config.yml",
];

/// A separate languages file in Hugo's configuration directory.
const LANGUAGE_FILES: &[&str] = &[
    "config/_default/languages.toml",
    "config/_default/languages.yaml",
    "config/_default/languages.yml",
];

/// Which generator a configuration belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    /// Hugo (`defaultContentLanguage`, `languages.<code>.contentDir`).
    Hugo,
    /// Zola (`default_language`, `[languages.<code>]`, translation by file name).
    Zola,
}

/// One language of the site's configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// The language key (`nb`, `en`, `pt-br`).
    pub code: String,
    /// Its display name, where given.
    pub name: Option<String>,
    /// Sort weight (Hugo orders languages by it).
    pub weight: i64,
    /// Its own content folder, relative to the root, where given.
    pub content_dir: Option<String>,
    /// Its writing direction (`rtl`), where given: Hugo's `direction`, formerly
    /// `languageDirection`.
    pub dir: Option<String>,
}

/// What a site's generator configuration says about languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteConfig {
    /// The file it was read from, relative to the root.
    pub file: PathBuf,
    /// Hugo or Zola.
    pub generator: Generator,
    /// The default (source) language.
    pub default_language: String,
    /// Whether the default language is published under its own prefix too.
    pub default_in_subdir: bool,
    /// The site-wide content folder, where set.
    pub content_dir: Option<String>,
    /// The languages, sorted by weight then code; the default language is among them.
    pub languages: Vec<Language>,
}

/// The tolk.yaml settings a [`SiteConfig`] implies.
#[derive(Debug, Clone, PartialEq)]
pub struct Implied {
    /// `source_locale`.
    pub source_locale: String,
    /// `locales`, in the generator's order.
    pub locales: Vec<ImpliedLocale>,
    /// `content_dir`.
    pub content_dir: String,
    /// `layout`.
    pub layout: &'static str,
    /// `aliases`: folder name → code.
    pub aliases: BTreeMap<String, String>,
}

/// One language of the site, as a tolk.yaml locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpliedLocale {
    /// The language code.
    pub code: String,
    /// Its display name: the configured one, else the code.
    pub name: String,
    /// Its URL prefix: `/` for the default language unless it is published under its own.
    pub prefix: String,
    /// The locales it falls back to: the default language, for every other language.
    pub fallback: Vec<String>,
    /// Its writing direction (`rtl`), where the configuration gives one.
    pub dir: Option<String>,
}

/// Reads the generator configuration at `root`, if there is one with languages.
/// `Err` carries the file and what is wrong with it.
pub(crate) fn read(root: &Path) -> Result<Option<SiteConfig>, (PathBuf, String)> {
    let Some(file) = FILES.iter().map(Path::new).find(|f| root.join(f).is_file()) else {
        return Ok(None);
    };
    let mut value = parse_file(root, file)?;
    if let Some(languages_file) = LANGUAGE_FILES
        .iter()
        .map(Path::new)
        .find(|f| root.join(f).is_file())
    {
        let languages = parse_file(root, languages_file)?;
        if let Json::Object(map) = &mut value {
            map.insert("languages".into(), languages);
        }
    }
    let mut site = interpret(file, &value);
    if let Some(site) = &mut site {
        site.find_content_folders(root, &value);
    }
    Ok(site)
}

fn parse_file(root: &Path, file: &Path) -> Result<Json, (PathBuf, String)> {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| (file.to_path_buf(), format!("cannot read it: {e}")))?;
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    let parsed = match extension {
        "toml" => toml::from_str::<toml::Table>(&text)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::to_value(t).map_err(|e| e.to_string())),
        "json" => serde_json::from_str::<Json>(&text).map_err(|e| e.to_string()),
        _ => serde_yaml::from_str::<Yaml>(&text)
            .map_err(|e| e.to_string())
            .map(|y| yaml_to_json(&y)),
    };
    parsed.map_err(|message| (file.to_path_buf(), format!("cannot parse it: {message}")))
}

fn yaml_to_json(value: &Yaml) -> Json {
    match value {
        Yaml::Null => Json::Null,
        Yaml::Bool(b) => Json::Bool(*b),
        Yaml::Number(n) => n
            .as_i64()
            .map(Json::from)
            .or_else(|| n.as_f64().map(Json::from))
            .unwrap_or(Json::Null),
        Yaml::String(s) => Json::String(s.clone()),
        Yaml::Sequence(items) => Json::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Mapping(map) => Json::Object(
            map.iter()
                .filter_map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) => s.clone(),
                        Yaml::Bool(b) => b.to_string(),
                        Yaml::Number(n) => n.to_string(),
                        _ => return None,
                    };
                    Some((key, yaml_to_json(v)))
                })
                .collect(),
        ),
        Yaml::Tagged(tagged) => yaml_to_json(&tagged.value),
    }
}

/// The value of `key` in `object`, compared case-insensitively (Hugo lowercases its keys).
fn get<'a>(object: &'a Json, key: &str) -> Option<&'a Json> {
    object
        .as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

fn get_str(object: &Json, key: &str) -> Option<String> {
    match get(object, key)? {
        Json::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

fn interpret(file: &Path, value: &Json) -> Option<SiteConfig> {
    let languages = get(value, "languages")?.as_object()?;
    let generator = if get(value, "default_language").is_some()
        && get(value, "defaultContentLanguage").is_none()
    {
        Generator::Zola
    } else {
        Generator::Hugo
    };
    let default_language = match generator {
        Generator::Zola => get_str(value, "default_language"),
        Generator::Hugo => get_str(value, "defaultContentLanguage"),
    }
    // Hugo's own default.
    .unwrap_or_else(|| "en".to_string())
    .to_ascii_lowercase();
    let mut list: Vec<Language> = Vec::new();
    for (code, settings) in languages {
        if get(settings, "disabled").and_then(Json::as_bool) == Some(true) {
            continue;
        }
        list.push(Language {
            code: code.to_ascii_lowercase(),
            name: get_str(settings, "languageName").or_else(|| get_str(settings, "label")),
            weight: get(settings, "weight").and_then(Json::as_i64).unwrap_or(0),
            content_dir: get_str(settings, "contentDir").map(|d| clean_dir(&d)),
            dir: get_str(settings, "direction")
                .or_else(|| get_str(settings, "languageDirection"))
                .map(|d| d.trim().to_ascii_lowercase())
                .filter(|d| d == "rtl" || d == "ltr"),
        });
    }
    if !list.iter().any(|l| l.code == default_language) {
        // Zola lists only the other languages; Hugo may too.
        list.insert(
            0,
            Language {
                code: default_language.clone(),
                name: None,
                weight: i64::MIN,
                content_dir: None,
                dir: None,
            },
        );
    }
    // Hugo: weight, then name; languages without a weight come last.
    list.sort_by(|a, b| {
        let key = |l: &Language| (l.weight == 0, l.weight, l.code.clone());
        key(a).cmp(&key(b))
    });
    Some(SiteConfig {
        file: file.to_path_buf(),
        generator,
        default_language,
        default_in_subdir: get(value, "defaultContentLanguageInSubdir").and_then(Json::as_bool)
            == Some(true),
        content_dir: get_str(value, "contentDir").map(|d| clean_dir(&d)),
        languages: list,
    })
}

fn clean_dir(dir: &str) -> String {
    dir.trim()
        .trim_start_matches("./")
        .trim_end_matches('/')
        .to_string()
}

impl SiteConfig {
    /// Gives each language the content folder the site keeps it in, where no language has a
    /// `contentDir`: a folder mounted onto the whole `content` component for that language
    /// (a mount's `lang`, or Hugo's `sites.matrix.languages`), else a folder named for it in
    /// the content folder, when the default language and another have one there. Sites that
    /// render their module mounts from a template at build time (OpenTelemetry's) have only
    /// the folders to go by.
    fn find_content_folders(&mut self, root: &Path, config: &Json) {
        // Zola tells languages apart by file name only.
        if self.generator != Generator::Hugo
            || self.languages.iter().any(|l| l.content_dir.is_some())
        {
            return;
        }
        let mounted = language_mounts(&mounts::served_by(root, config).mounts, self);
        let folders = if mounted.is_empty() {
            self.language_folders(root)
        } else {
            mounted
        };
        let Some(parent) = folders
            .values()
            .next()
            .map(|dir| parent_of(dir).to_string())
        else {
            return;
        };
        for language in &mut self.languages {
            let dir = folders.get(&language.code).cloned().unwrap_or_else(|| {
                // A language with no folder yet has no pages: its folder is where the others are.
                join_dir(&parent, &language.code)
            });
            language.content_dir = Some(dir);
        }
    }

    /// `content/<code>` for every language that has that folder, when the default language
    /// and at least one other do; otherwise none.
    fn language_folders(&self, root: &Path) -> BTreeMap<String, String> {
        let content = self.content_dir.as_deref().unwrap_or("content");
        let folders: BTreeMap<String, String> = self
            .languages
            .iter()
            .map(|l| (l.code.clone(), join_dir(content, &l.code)))
            .filter(|(_, dir)| root.join(dir).is_dir())
            .collect();
        let has_default = folders.contains_key(&self.default_language);
        if has_default && folders.len() >= 2 {
            folders
        } else {
            BTreeMap::new()
        }
    }

    /// The tolk.yaml settings this configuration implies, or why tolk cannot follow it.
    pub fn implied(&self) -> Result<Implied, String> {
        let default_dir = self
            .content_dir
            .clone()
            .unwrap_or_else(|| "content".to_string());
        let with_dir: Vec<&Language> = self
            .languages
            .iter()
            .filter(|l| l.content_dir.is_some())
            .collect();
        let (content_dir, layout, aliases) = if with_dir.is_empty() {
            (default_dir, "suffix", BTreeMap::new())
        } else {
            folder_layout(&self.languages, &default_dir)?
        };
        let locales = self
            .languages
            .iter()
            .map(|l| {
                let prefix = if l.code == self.default_language && !self.default_in_subdir {
                    "/".to_string()
                } else {
                    format!("/{}/", l.code)
                };
                let fallback = if l.code == self.default_language {
                    Vec::new()
                } else {
                    vec![self.default_language.clone()]
                };
                let name = l.name.clone().unwrap_or_else(|| l.code.clone());
                ImpliedLocale {
                    code: l.code.clone(),
                    name,
                    prefix,
                    fallback,
                    dir: l.dir.clone(),
                }
            })
            .collect();
        Ok(Implied {
            source_locale: self.default_language.clone(),
            locales,
            content_dir,
            layout,
            aliases,
        })
    }
}

/// Language code → the folder mounted onto the whole `content` component for it, when at
/// least one language other than the default has one. The default language's folder may be
/// mounted without a language (a mount for every language, which the others' own mounts
/// override), as long as it sits beside the others.
fn language_mounts(mounts: &[mounts::Mount], site: &SiteConfig) -> BTreeMap<String, String> {
    let known = |code: &str| site.languages.iter().any(|l| l.code == code);
    let mut folders: BTreeMap<String, String> = BTreeMap::new();
    let mut unlabelled: Vec<&str> = Vec::new();
    for mount in mounts.iter().filter(|m| m.content_path() == Some("")) {
        match mount.lang.as_deref().map(str::to_ascii_lowercase) {
            Some(code) if known(&code) => {
                folders.entry(code).or_insert_with(|| mount.source.clone());
            }
            Some(_) => {}
            None => unlabelled.push(&mount.source),
        }
    }
    if !folders.keys().any(|code| *code != site.default_language) {
        return BTreeMap::new();
    }
    if !folders.contains_key(&site.default_language) {
        let parent = folders.values().next().map(|d| parent_of(d).to_string());
        if let Some(dir) = unlabelled
            .into_iter()
            .find(|dir| Some(parent_of(dir)) == parent.as_deref())
        {
            folders.insert(site.default_language.clone(), dir.to_string());
        }
    }
    folders
}

/// The folder `dir` is in (`""` at the root).
fn parent_of(dir: &str) -> &str {
    dir.rsplit_once('/').map_or("", |(up, _)| up)
}

/// `name` inside `dir` (`dir` `""` or `.` is the root).
fn join_dir(dir: &str, name: &str) -> String {
    match dir {
        "" | "." => name.to_string(),
        _ => format!("{dir}/{name}"),
    }
}

/// Every language's own folder in one parent folder: that parent is the content folder, the
/// layout is `folder`, and folder names other than the code become aliases.
fn folder_layout(
    languages: &[Language],
    default_dir: &str,
) -> Result<(String, &'static str, BTreeMap<String, String>), String> {
    let mut parent: Option<String> = None;
    let mut aliases = BTreeMap::new();
    for language in languages {
        let dir = language.content_dir.as_deref().unwrap_or(default_dir);
        let up = parent_of(dir).to_string();
        let name = dir.rsplit('/').next().unwrap_or(dir);
        match &parent {
            Some(p) if *p != up => {
                return Err(format!(
                    "the languages' contentDir folders are not all in one parent folder ({p}/…, {up}/…); \
                     set content_dir and layout in tolk.yaml"
                ));
            }
            _ => parent = Some(up),
        }
        if !name.eq_ignore_ascii_case(&language.code) {
            aliases.insert(name.to_ascii_lowercase(), language.code.clone());
        }
    }
    let parent = parent.unwrap_or_default();
    let parent = if parent.is_empty() {
        ".".to_string()
    } else {
        parent
    };
    Ok((parent, "folder", aliases))
}

/// What the site's own configuration says about the site as a whole.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Settings {
    /// `title`.
    pub title: Option<String>,
    /// `baseURL` (Zola: `base_url`), where it is an absolute http(s) URL.
    pub base_url: Option<String>,
    /// `params` (Zola: `extra`).
    pub params: BTreeMap<String, Yaml>,
    /// `languages.<code>.title`, by lowercased code.
    pub language_titles: BTreeMap<String, String>,
    /// `permalinks`, as written.
    pub permalinks: Option<Yaml>,
    /// Whether the site's link render hook sends root-relative links to the page of the
    /// reader's language ([`hooks`]).
    pub localizes_links: bool,
    /// `cascade`, as written.
    pub cascade: Option<Yaml>,
}

/// The site-wide settings of the generator configuration at `root`, if there is one that
/// parses (a broken one is reported where its languages are read).
pub(crate) fn settings(root: &Path) -> Option<Settings> {
    let file = FILES
        .iter()
        .map(Path::new)
        .find(|f| root.join(f).is_file())?;
    let value = parse_file(root, file).ok()?;
    let params = get(&value, "params")
        .or_else(|| get(&value, "extra"))
        .and_then(|p| serde_yaml::to_value(p).ok());
    let params = match params {
        Some(Yaml::Mapping(map)) => map
            .into_iter()
            .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v)))
            .collect(),
        _ => BTreeMap::new(),
    };
    let language_titles = get(&value, "languages")
        .and_then(Json::as_object)
        .map(|languages| {
            languages
                .iter()
                .filter_map(|(code, l)| Some((code.to_ascii_lowercase(), get_str(l, "title")?)))
                .collect()
        })
        .unwrap_or_default();
    Some(Settings {
        title: get_str(&value, "title"),
        base_url: get_str(&value, "baseURL")
            .or_else(|| get_str(&value, "base_url"))
            .and_then(|url| super::check_base_url(&url).ok()),
        params,
        language_titles,
        permalinks: get(&value, "permalinks").and_then(|p| serde_yaml::to_value(p).ok()),
        localizes_links: hooks::localizes_links(root, &value),
        cascade: get(&value, "cascade").and_then(|c| serde_yaml::to_value(c).ok()),
    })
}

/// Fills what tolk.yaml (`raw`) leaves unset from the site's generator configuration at
/// `root`: languages, content folder and layout, and the site's title, base URL and params
/// (tolk.yaml's `params` win key by key). Returns the file read, if any.
pub(super) fn overlay(
    root: &Path,
    raw: &mut RawConfig,
) -> Result<Option<PathBuf>, (PathBuf, String)> {
    if let Some(settings) = settings(root) {
        // Hugo and Zola publish a page at its path, whatever its translation key.
        raw.extra
            .entry("urls".to_string())
            .or_insert_with(|| Yaml::String("path".to_string()));
        if let Some(permalinks) = settings.permalinks {
            raw.extra
                .entry("permalinks".to_string())
                .or_insert(permalinks);
        }
        if raw.title.is_none() {
            raw.title = settings.title;
            raw.locale_titles = settings.language_titles;
        }
        if raw.base_url.is_none() {
            raw.base_url = settings.base_url;
        }
        if raw.localized_links.is_none() && settings.localizes_links {
            raw.localized_links = Some(true);
        }
        raw.site_cascade = settings.cascade;
        if !settings.params.is_empty() {
            let params = raw.params.get_or_insert_with(BTreeMap::new);
            for (key, value) in settings.params {
                params.entry(key).or_insert(value);
            }
        }
    }
    let all_set = raw.locales.is_some()
        && raw.source_locale.is_some()
        && raw.content_dir.is_some()
        && raw.extra.contains_key("layout");
    if all_set {
        return Ok(None);
    }
    let Some(site) = read(root)? else {
        return Ok(None);
    };
    let implied = site.implied().map_err(|m| (site.file.clone(), m))?;
    if raw.locales.is_none() {
        raw.locales = Some(
            implied
                .locales
                .iter()
                .map(|locale| RawLocale {
                    code: locale.code.clone(),
                    name: Some(locale.name.clone()),
                    prefix: Some(locale.prefix.clone()),
                    fallback: locale.fallback.clone(),
                    dir: locale.dir.clone(),
                })
                .collect(),
        );
    }
    raw.source_locale.get_or_insert(implied.source_locale);
    raw.content_dir
        .get_or_insert_with(|| PathBuf::from(&implied.content_dir));
    raw.extra
        .entry("layout".into())
        .or_insert_with(|| Yaml::String(implied.layout.into()));
    if !implied.aliases.is_empty() && !raw.extra.contains_key("aliases") {
        let mut map = serde_yaml::Mapping::new();
        for (alias, code) in implied.aliases {
            map.insert(Yaml::String(alias), Yaml::String(code));
        }
        raw.extra.insert("aliases".into(), Yaml::Mapping(map));
    }
    Ok(Some(site.file))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml(text: &str) -> SiteConfig {
        let table: toml::Table = toml::from_str(text).unwrap();
        interpret(
            Path::new("hugo.toml"),
            &serde_json::to_value(table).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn hugo_content_dirs_become_a_folder_layout() {
        let site = toml(
            r#"
defaultContentLanguage = "nb"
[languages.en]
weight = 2
languageName = "English"
contentDir = "content/english"
[languages.nb]
weight = 1
languageName = "Norsk"
contentDir = "content/nb"
"#,
        );
        let implied = site.implied().unwrap();
        assert_eq!(implied.source_locale, "nb");
        assert_eq!(implied.content_dir, "content");
        assert_eq!(implied.layout, "folder");
        assert_eq!(
            implied.aliases.get("english").map(String::as_str),
            Some("en")
        );
        let codes: Vec<_> = implied.locales.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["nb", "en"]);
        assert_eq!(implied.locales[1].prefix, "/en/");
        assert_eq!(implied.locales[0].prefix, "/");
    }

    #[test]
    fn hugo_without_content_dirs_is_a_suffix_layout() {
        let site = toml(
            "DefaultContentLanguage = 'en'\ndefaultContentLanguageInSubdir = true\n[languages]\n[languages.en]\n[languages.de]\n",
        );
        let implied = site.implied().unwrap();
        assert_eq!(implied.layout, "suffix");
        assert_eq!(implied.content_dir, "content");
        let en = implied.locales.iter().find(|l| l.code == "en").unwrap();
        assert_eq!(
            en.prefix, "/en/",
            "the default language in its own subfolder"
        );
    }

    #[test]
    fn zola_lists_only_other_languages() {
        let site = toml("default_language = 'nb'\n[languages.en]\ntitle = 'x'\n");
        assert_eq!(site.generator, Generator::Zola);
        let codes: Vec<_> = site.languages.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["nb", "en"]);
    }

    #[test]
    fn scattered_content_dirs_are_explained() {
        let site = toml(
            "defaultContentLanguage = 'en'\n[languages.en]\ncontentDir = 'a/en'\n[languages.de]\ncontentDir = 'b/de'\n",
        );
        assert!(site.implied().unwrap_err().contains("one parent"));
    }
}
