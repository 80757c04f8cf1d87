//! Content layouts: where a page's locale shows in its path, per the `layout` of tolk.yaml, and
//! where a translation belongs.
//!
//! | layout | a page | its translation |
//! |---|---|---|
//! | `auto` (default) | `nb/om.md` or `om.md` | `en/om.md` or `om.en.md` |
//! | `folder` | `nb/om.md` (or `om.md`: source) | `en/om.md` |
//! | `folder-any-depth` | `docs/intro/no/page.mdx` | `docs/intro/en/page.mdx` |
//! | `suffix` | `om.md` (source) | `om.en.md` |
//! | `underscore` | `lesson.md` (source) | `lesson_en.md` |
//! | `prefix` | `no_index.mdx` | `en_index.mdx` |
//! | `docusaurus` | `docs/intro.md` | `i18n/en/docusaurus-plugin-content-docs/current/intro.md` |
//!
//! `folder-any-depth` also reads a locale prefix (`patterns/en_index.mdx` beside
//! `patterns/en/…`), as sites that keep a section's index beside its locale folders do.
//!
//! Only configured locales (and their aliases) count: `Program.cs.md` is a page named
//! `Program.cs` unless `cs` is a locale of the site.

use std::borrow::Cow;

use crate::config::docusaurus::{self, Plugin};
use crate::config::{Config, Layout};

use super::pairing::LocaleOrigin;

/// A locale named by the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Vote {
    /// Which part of the path named it.
    pub origin: LocaleOrigin,
    /// As written (`no`).
    pub written: String,
    /// The configured code (`nb`).
    pub code: String,
    /// Whether a built-in alias was applied (worth a note).
    pub aliased: bool,
}

/// A content path taken apart by the layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located<'a> {
    /// Locales the path names, in rule order (folder first).
    pub votes: Vec<Vote>,
    /// The folders of the path without the locale folder (Docusaurus: the route's).
    pub parts: Vec<Cow<'a, str>>,
    /// The file name without extension and locale suffix.
    pub stem: String,
    /// The extension (`md`, `mdx`), without the dot.
    pub extension: &'a str,
    /// Index (among all folders) of the locale folder, if the path has one.
    pub folder_index: Option<usize>,
    /// All folders of the path, the locale folder included.
    pub dirs: Vec<&'a str>,
}

/// Takes `content_path` (below the content folder) apart by the configured layout.
pub(crate) fn locate<'a>(config: &Config, content_path: &'a str) -> Located<'a> {
    if config.conventions.layout == Layout::Docusaurus {
        return locate_docusaurus(config, content_path);
    }
    let mut dirs: Vec<&str> = content_path.split('/').filter(|p| !p.is_empty()).collect();
    let file = dirs.pop().unwrap_or_default();
    let layout = config.conventions.layout;
    let mut votes = Vec::new();
    let vote = |origin, written: &str| {
        config
            .resolve_locale(written)
            .map(|(locale, aliased)| Vote {
                origin,
                written: written.to_string(),
                code: locale.code.clone(),
                aliased,
            })
    };
    let folder_index = match layout {
        Layout::Auto | Layout::Folder => dirs
            .first()
            .and_then(|first| vote(LocaleOrigin::Folder, first))
            .map(|v| {
                votes.push(v);
                0
            }),
        Layout::FolderAnyDepth => dirs.iter().enumerate().find_map(|(i, dir)| {
            vote(LocaleOrigin::Folder, dir).map(|v| {
                votes.push(v);
                i
            })
        }),
        Layout::Suffix | Layout::Underscore | Layout::Prefix | Layout::Docusaurus => None,
    };
    let (stem, extension) = match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, ext),
        _ => (file, ""),
    };
    let mut stem = stem.to_string();
    let separator = match layout {
        Layout::Auto | Layout::Suffix => Some('.'),
        Layout::Underscore => Some('_'),
        Layout::Folder | Layout::FolderAnyDepth | Layout::Prefix | Layout::Docusaurus => None,
    };
    if let Some(separator) = separator
        && let Some((base, suffix)) = stem.rsplit_once(separator)
        && !base.is_empty()
        && let Some(v) = vote(LocaleOrigin::Suffix, suffix)
    {
        votes.push(v);
        stem = base.to_string();
    }
    if matches!(layout, Layout::Prefix | Layout::FolderAnyDepth)
        && let Some((code, rest)) = stem.split_once('_')
        && !rest.is_empty()
        && let Some(v) = vote(LocaleOrigin::Prefix, code)
    {
        votes.push(v);
        stem = rest.to_string();
    }
    let parts = dirs
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != folder_index)
        .map(|(_, d)| Cow::Borrowed(*d))
        .collect();
    Located {
        votes,
        parts,
        stem,
        extension,
        folder_index,
        dirs,
    }
}

/// Where the `locale` translation of the source page at `content_path` belongs, below the
/// content folder; `None` in the `auto` layout (the model's own rule applies there).
pub(crate) fn translation_content_path(
    config: &Config,
    content_path: &str,
    locale: &str,
) -> Option<String> {
    let layout = config.conventions.layout;
    if layout == Layout::Auto {
        return None;
    }
    if layout == Layout::Docusaurus {
        return docusaurus::translation_path(content_path, locale);
    }
    let located = locate(config, content_path);
    let name = config.conventions.path_name(locale);
    let ext = if located.extension.is_empty() {
        "md"
    } else {
        located.extension
    };
    let mut dirs: Vec<&str> = located.dirs.clone();
    let prefixed = located
        .votes
        .iter()
        .any(|v| v.origin == LocaleOrigin::Prefix);
    let file = match layout {
        Layout::Prefix | Layout::FolderAnyDepth if prefixed => {
            format!("{name}_{}.{ext}", located.stem)
        }
        Layout::Folder | Layout::FolderAnyDepth | Layout::Auto | Layout::Docusaurus => {
            match located.folder_index {
                Some(i) => dirs[i] = name,
                None if layout == Layout::Folder => dirs.insert(0, name),
                None => dirs.push(name),
            }
            format!("{}.{ext}", located.stem)
        }
        Layout::Suffix => format!("{}.{name}.{ext}", located.stem),
        Layout::Underscore => format!("{}_{name}.{ext}", located.stem),
        Layout::Prefix => format!("{name}_{}.{ext}", located.stem),
    };
    dirs.push(&file);
    Some(dirs.join("/"))
}

/// A Docusaurus content path (below the site root) taken apart: the locale of an `i18n/`
/// folder, and the route as parts (`docs` or the docs' `routeBasePath`, then the doc's
/// folders without number prefixes; a blog post's date as `yyyy/mm/dd`).
fn locate_docusaurus<'a>(config: &Config, content_path: &'a str) -> Located<'a> {
    let mut dirs: Vec<&str> = content_path.split('/').filter(|p| !p.is_empty()).collect();
    let file = dirs.pop().unwrap_or_default();
    let (stem, extension) = match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, ext),
        _ => (file, ""),
    };
    let Some(placed) = docusaurus::place(content_path) else {
        return Located {
            votes: Vec::new(),
            parts: dirs.iter().map(|d| Cow::Borrowed(*d)).collect(),
            stem: stem.to_string(),
            extension,
            folder_index: None,
            dirs,
        };
    };
    let mut votes = Vec::new();
    if let Some(written) = placed.locale
        && let Some((locale, aliased)) = config.resolve_locale(written)
    {
        votes.push(Vote {
            origin: LocaleOrigin::Folder,
            written: written.to_string(),
            code: locale.code.clone(),
            aliased,
        });
    }
    let mut parts: Vec<Cow<'a, str>> = config
        .docusaurus
        .base(placed.plugin)
        .split('/')
        .filter(|p| !p.is_empty())
        .map(|p| Cow::Owned(p.to_string()))
        .collect();
    let mut below: Vec<&'a str> = placed.rest.split('/').filter(|p| !p.is_empty()).collect();
    below.pop();
    let strip = |name: &'a str| match placed.plugin {
        Plugin::Docs => docusaurus::strip_number_prefix(name),
        Plugin::Blog | Plugin::Pages => name,
    };
    let folder = below.last().map(|dir| strip(dir));
    for dir in below {
        parts.push(Cow::Borrowed(strip(dir)));
    }
    // A doc named like its folder (`guides/guides.md`) is that category's index, as `index`
    // and `README` are: Docusaurus publishes it at the folder's URL.
    let is_index = stem.eq_ignore_ascii_case("index")
        || stem.eq_ignore_ascii_case("readme")
        || (placed.plugin == Plugin::Docs && folder.is_some_and(|f| f == strip(stem)));
    let mut stem = if is_index {
        "index".to_string()
    } else {
        strip(stem).to_string()
    };
    if placed.plugin == Plugin::Blog {
        // `2021-08-26-welcome` is published at `2021/08/26/welcome`.
        let dated = if is_index { parts.pop() } else { None };
        let name = dated.as_deref().unwrap_or(&stem).to_string();
        if let Some((date, rest)) = blog_date(&name) {
            if is_index {
                parts.push(Cow::Owned(format!("{date}/{rest}")));
            } else {
                stem = format!("{date}/{rest}");
            }
        } else if let Some(dated) = dated {
            parts.push(dated);
        }
    }
    Located {
        votes,
        parts,
        stem,
        extension,
        folder_index: None,
        dirs,
    }
}

/// The URL a Docusaurus doc or blog post is published at where its front matter sets `slug:`
/// or (docs) `id:`; `None` where neither is set or the layout is another. A `slug` starting
/// with `/` is below the plugin's route, another below the doc's folder; an `id` replaces the
/// file name.
pub(crate) fn routed_url(
    config: &Config,
    content_path: &str,
    prefix: &str,
    text: &str,
) -> Option<String> {
    if config.conventions.layout != Layout::Docusaurus {
        return None;
    }
    let placed = docusaurus::place(content_path)?;
    if placed.plugin == Plugin::Pages {
        return None;
    }
    let slug = front_matter_value(text, "slug");
    let id = match placed.plugin {
        Plugin::Docs => front_matter_value(text, "id"),
        _ => None,
    };
    if slug.is_none() && id.is_none() {
        return None;
    }
    let base = config.docusaurus.base(placed.plugin);
    let mut folders: Vec<&str> = placed.rest.split('/').filter(|p| !p.is_empty()).collect();
    folders.pop();
    let folders: Vec<&str> = folders
        .into_iter()
        .map(|d| match placed.plugin {
            Plugin::Docs => docusaurus::strip_number_prefix(d),
            _ => d,
        })
        .collect();
    let path = match (&slug, &id) {
        (Some(slug), _) if slug.starts_with('/') => format!("{base}/{slug}"),
        (Some(slug), _) if placed.plugin == Plugin::Blog => format!("{base}/{slug}"),
        (Some(name), _) | (None, Some(name)) => {
            let mut parts = vec![base];
            parts.extend(folders);
            parts.push(name);
            parts.join("/")
        }
        (None, None) => return None,
    };
    let path: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    Some(super::pairing::default_url(prefix, &path.join("/")))
}

/// The URL of a page published at its path ([`UrlRule::Path`](crate::config::UrlRule::Path),
/// Hugo's rule): the locale's prefix and the page's path in the content folder, lowercased as
/// Hugo lowercases it, its file name (a bundle's folder name) replaced by a front-matter `slug`
/// where there is one; a section's list page (`list`, its `_index.md`) takes no slug.
pub(crate) fn path_url(prefix: &str, path_key: &str, list: bool, text: &str) -> String {
    let slug = if list {
        None
    } else {
        front_matter_value(text, "slug")
    };
    let mut segments: Vec<&str> = path_key.split('/').filter(|s| !s.is_empty()).collect();
    if let Some(slug) = slug
        .as_deref()
        .map(|s| s.trim().trim_matches('/'))
        .filter(|s| !s.is_empty())
    {
        segments.pop();
        segments.push(slug);
    }
    super::pairing::default_url(prefix, &segments.join("/").to_lowercase())
}

/// The URL of a page as Astro's content collections publish it ([`UrlRule::Astro`]
/// (crate::config::UrlRule::Astro)): its front-matter `slug` (the whole path below the content
/// folder), else its path below the content folder, each part slugged ([`github_slug`]), an
/// `index` file standing for its folder.
pub(crate) fn astro_url(content_path: &str, text: &str) -> String {
    if let Some(slug) = front_matter_value(text, "slug")
        .as_deref()
        .map(|s| s.trim().trim_matches('/'))
        .filter(|s| !s.is_empty())
    {
        return super::pairing::default_url("/", slug);
    }
    let stem = content_path
        .rsplit_once('.')
        .map_or(content_path, |(stem, _)| stem);
    let mut parts: Vec<String> = stem
        .split('/')
        .filter(|p| !p.is_empty())
        .map(github_slug)
        .collect();
    if parts.last().is_some_and(|p| p == "index") {
        parts.pop();
    }
    super::pairing::default_url("/", &parts.join("/"))
}

/// `text` as GitHub slugs a heading, and as Astro's content collections slug folder and file
/// names and Docusaurus category labels: lower-cased, each space a hyphen, punctuation and
/// symbols dropped; letters and digits of any script, `-` and `_` kept.
pub(crate) fn github_slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// The URL of a regular page whose top-level section has a permalink pattern
/// (`Conventions::permalinks`, Hugo's `permalinks`): the pattern's tokens filled from the page's
/// path and front matter, below the locale's prefix, lowercased as Hugo lowercases it. `None`
/// where the section has no pattern, the page is a section's list page (`list`), or the pattern
/// uses a token tolk does not know.
pub(crate) fn permalink_url(
    config: &Config,
    prefix: &str,
    path_key: &str,
    list: bool,
    text: &str,
) -> Option<String> {
    if list || config.conventions.permalinks.is_empty() {
        return None;
    }
    let segments: Vec<&str> = path_key.split('/').filter(|s| !s.is_empty()).collect();
    let (base, sections) = segments.split_last()?;
    let pattern = config.conventions.permalinks.get(*sections.first()?)?;
    let data = crate::load::frontmatter::data(text);
    let field = |key: &str| {
        data.get(key)
            .and_then(serde_yaml::Value::as_str)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    // Hugo's zero date where the page has none.
    let date = field("date")
        .filter(|d| is_iso_date(d))
        .map_or("0001-01-01", |d| &d[..10]);
    let title = urlize(field("title").unwrap_or(base));
    let slug = field("slug").map(urlize);
    let mut path = String::new();
    let mut rest = pattern.as_str();
    while let Some(at) = rest.find(':') {
        path.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after
            .find(|c: char| !c.is_ascii_lowercase())
            .unwrap_or(after.len());
        let value = match &after[..end] {
            "year" => date[..4].to_string(),
            "month" => date[5..7].to_string(),
            "day" => date[8..10].to_string(),
            "section" => sections[0].to_string(),
            "sections" => sections.join("/"),
            "title" => title.clone(),
            "slug" => slug.clone().unwrap_or_else(|| title.clone()),
            "slugorfilename" | "slugorcontentbasename" => {
                slug.clone().unwrap_or_else(|| (*base).to_string())
            }
            "filename" | "contentbasename" => (*base).to_string(),
            _ => return None,
        };
        path.push_str(&value);
        rest = &after[end..];
    }
    path.push_str(rest);
    let path: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    Some(super::pairing::default_url(
        prefix,
        &path.join("/").to_lowercase(),
    ))
}

/// Whether `text` starts with a date written `YYYY-MM-DD`.
fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

/// A text as Hugo's `urlize` makes it part of a URL: spaces become `-`; letters, digits, `-`,
/// `_` and `.` stay; the rest is dropped.
fn urlize(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => Some('-'),
            c if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') => Some(c),
            _ => None,
        })
        .collect()
}

/// The text value of a top-level front-matter key, read from the lines (no YAML parse): cheap
/// enough for every page.
fn front_matter_value(text: &str, key: &str) -> Option<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    for line in lines {
        if line.trim_end() == "---" {
            return None;
        }
        if let Some(value) = line
            .strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
        {
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
            return (!value.is_empty()).then(|| value.to_string());
        }
    }
    None
}

/// A blog post name's date as a path and the rest (`2021-08-26-welcome` →
/// `2021/08/26`, `welcome`).
fn blog_date(name: &str) -> Option<(String, &str)> {
    let bytes = name.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    if !(digits(0..4)
        && bytes.get(4) == Some(&b'-')
        && digits(5..7)
        && bytes.get(7) == Some(&b'-')
        && digits(8..10))
    {
        return None;
    }
    let rest = name.get(10..)?.trim_start_matches('-');
    if rest.is_empty() {
        return None;
    }
    Some((
        format!("{}/{}/{}", &name[0..4], &name[5..7], &name[8..10]),
        rest,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn astro_slugs_names_as_github_slugs_headings() {
        assert_eq!(
            github_slug("Inter-Process Communication"),
            "inter-process-communication"
        );
        assert_eq!(github_slug("What's New?"), "whats-new");
        assert_eq!(github_slug("snake_case 2.0"), "snake_case-20");
        assert_eq!(github_slug("Ærlig talt"), "ærlig-talt");
        assert_eq!(github_slug("日本語"), "日本語");
        assert_eq!(
            astro_url("fr/concept/IPC/index.mdx", ""),
            "/fr/concept/ipc/"
        );
        assert_eq!(astro_url("index.mdx", ""), "/");
        assert_eq!(
            astro_url("guides/start.md", "---\nslug: /guides/start-here/\n---\n"),
            "/guides/start-here/"
        );
    }

    fn config(yaml: &str) -> Config {
        Config::from_yaml(yaml).unwrap()
    }

    #[test]
    fn folder_at_any_depth() {
        let c = config("layout: folder-any-depth\naliases: { no: nb }\n");
        let l = locate(&c, "docs/intro/no/page.mdx");
        assert_eq!(l.votes[0].code, "nb");
        assert!(!l.votes[0].aliased);
        assert_eq!(l.parts, ["docs", "intro"]);
        assert_eq!(l.stem, "page");
        assert_eq!(
            translation_content_path(&c, "docs/intro/no/page.mdx", "en").as_deref(),
            Some("docs/intro/en/page.mdx")
        );
    }

    #[test]
    fn underscore_suffix() {
        let c = config("layout: underscore\n");
        let l = locate(&c, "kurs/lesson_nn.md");
        assert_eq!(
            (l.votes[0].code.as_str(), l.stem.as_str()),
            ("nn", "lesson")
        );
        assert!(locate(&c, "kurs/getting_started.md").votes.is_empty());
        assert!(locate(&c, "kurs/_index.md").votes.is_empty());
        assert_eq!(
            translation_content_path(&c, "kurs/lesson.md", "en").as_deref(),
            Some("kurs/lesson_en.md")
        );
        // A dot suffix means nothing in this layout.
        assert!(locate(&c, "om.en.md").votes.is_empty());
    }

    #[test]
    fn suffix_only_counts_configured_locales() {
        let c = config("layout: suffix\n");
        let l = locate(&c, "guide/Program.cs.md");
        assert!(l.votes.is_empty());
        assert_eq!(l.stem, "Program.cs");
        assert!(locate(&c, "en/om.md").votes.is_empty(), "no folders");
        assert_eq!(
            translation_content_path(&c, "hjelp/_index.md", "nn").as_deref(),
            Some("hjelp/_index.nn.md")
        );
    }

    #[test]
    fn folder_layout_places_root_pages_in_a_folder() {
        let c = config("layout: folder\naliases: { english: en }\n");
        assert_eq!(
            translation_content_path(&c, "om.md", "en").as_deref(),
            Some("english/om.md")
        );
        assert_eq!(
            translation_content_path(&c, "nb/om.md", "nn").as_deref(),
            Some("nn/om.md")
        );
        assert_eq!(locate(&c, "english/om.md").votes[0].code, "en");
    }
}
