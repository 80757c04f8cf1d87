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
//!
//! Only configured locales (and their aliases) count: `Program.cs.md` is a page named
//! `Program.cs` unless `cs` is a locale of the site.

use crate::config::{Config, Layout};

use super::pairing::LocaleOrigin;

/// A locale named by the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
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
pub struct Located<'a> {
    /// Locales the path names, in rule order (folder first).
    pub votes: Vec<Vote>,
    /// The folders of the path without the locale folder.
    pub parts: Vec<&'a str>,
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
pub fn locate<'a>(config: &Config, content_path: &'a str) -> Located<'a> {
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
        Layout::Suffix | Layout::Underscore => None,
    };
    let (stem, extension) = match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, ext),
        _ => (file, ""),
    };
    let mut stem = stem.to_string();
    let separator = match layout {
        Layout::Auto | Layout::Suffix => Some('.'),
        Layout::Underscore => Some('_'),
        Layout::Folder | Layout::FolderAnyDepth => None,
    };
    if let Some(separator) = separator
        && let Some((base, suffix)) = stem.rsplit_once(separator)
        && !base.is_empty()
        && let Some(v) = vote(LocaleOrigin::Suffix, suffix)
    {
        votes.push(v);
        stem = base.to_string();
    }
    let parts = dirs
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != folder_index)
        .map(|(_, d)| *d)
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
pub fn translation_content_path(
    config: &Config,
    content_path: &str,
    locale: &str,
) -> Option<String> {
    let layout = config.conventions.layout;
    if layout == Layout::Auto {
        return None;
    }
    let located = locate(config, content_path);
    let name = config.conventions.path_name(locale);
    let ext = if located.extension.is_empty() {
        "md"
    } else {
        located.extension
    };
    let mut dirs: Vec<&str> = located.dirs.clone();
    let file = match layout {
        Layout::Folder | Layout::FolderAnyDepth | Layout::Auto => {
            match located.folder_index {
                Some(i) => dirs[i] = name,
                None if layout == Layout::Folder => dirs.insert(0, name),
                None => dirs.push(name),
            }
            format!("{}.{ext}", located.stem)
        }
        Layout::Suffix => format!("{}.{name}.{ext}", located.stem),
        Layout::Underscore => format!("{}_{name}.{ext}", located.stem),
    };
    dirs.push(&file);
    Some(dirs.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
