//! Pairing rules: which locale a page file belongs to, its translation key and its URL.
//!
//! Locale, first rule that applies: a `language:` / `lang:` field (it overrides the path); the
//! folder `content/<code>/…`; a file-name suffix `name.<code>.md` (other layouts: see
//! [`super::layout`]); the locale prefix of its `url`; else the source locale. Rules that
//! disagree are a `locale-mismatch`.

use std::borrow::Cow;

use crate::config::Config;
use crate::load::frontmatter::FrontMatter;

/// Which rule gave a page its locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocaleOrigin {
    /// The first folder below the content root (`content/en/…`).
    Folder,
    /// A file-name suffix (`about.en.md`).
    Suffix,
    /// A file-name prefix (`en_index.mdx`).
    Prefix,
    /// A `language:` / `lang:` front-matter field.
    Field,
    /// The locale prefix of the page's `url`.
    Url,
    /// None applied: the source locale.
    Default,
}

impl LocaleOrigin {
    fn describe(self) -> &'static str {
        match self {
            LocaleOrigin::Folder => "its folder",
            LocaleOrigin::Suffix => "its file-name suffix",
            LocaleOrigin::Prefix => "its file-name prefix",
            LocaleOrigin::Field => "its `language` field",
            LocaleOrigin::Url => "its `url`",
            LocaleOrigin::Default => "the default",
        }
    }
}

/// Where a page file sits in the site: locale, key and the facts behind them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placement {
    /// Configured code of the page's locale.
    pub locale: String,
    /// Which rule decided it.
    pub origin: LocaleOrigin,
    /// The path below the locale root without extension and locale suffix (`kom-i-gang/registrer-deg`).
    pub path_key: String,
    /// The translation key (`translation_key` if set, else `path_key`).
    pub key: String,
    /// Whether the file is `index.md` / `_index.md` (it stands for its folder).
    pub is_index: bool,
    /// Set when the locale rules disagree: what to tell the editor.
    pub mismatch: Option<String>,
    /// Set when an alias was applied to a locale code (`no` → `nb`).
    pub alias_note: Option<String>,
}

/// Decides locale and key of the page at `content_path` (below the content folder).
pub(crate) fn place(config: &Config, content_path: &str, front: &FrontMatter) -> Placement {
    let mut votes: Vec<(LocaleOrigin, String)> = Vec::new();
    let mut alias_note = None;
    let mut note_alias = |written: &str, code: &str, aliased: bool| {
        if aliased {
            alias_note = Some(format!("locale `{written}` is read as `{code}`"));
        }
    };

    // The path's locale folder and suffix, as the configured layout reads them.
    let located = super::layout::locate(config, content_path);
    for vote in &located.votes {
        note_alias(&vote.written, &vote.code, vote.aliased);
        votes.push((vote.origin, vote.code.clone()));
    }
    let mut parts = located.parts;
    let stem = located.stem;
    if let Some(language) = &front.language
        && let Some((locale, aliased)) = config.resolve_locale(language)
    {
        note_alias(language, &locale.code, aliased);
        // A `language:` / `lang:` field overrides the path.
        votes.retain(|(origin, _)| {
            !matches!(
                origin,
                LocaleOrigin::Folder | LocaleOrigin::Suffix | LocaleOrigin::Prefix
            )
        });
        votes.insert(0, (LocaleOrigin::Field, locale.code.clone()));
    }
    if let Some(url) = &front.url
        && let Some(locale) = config.locale_of_url(url)
    {
        votes.push((LocaleOrigin::Url, locale.code.clone()));
    }

    let (origin, locale) = votes
        .first()
        .cloned()
        .unwrap_or((LocaleOrigin::Default, config.source_locale.clone()));
    let mismatch = votes
        .iter()
        .find(|(_, code)| *code != locale)
        .map(|(other_origin, other)| {
            format!(
                "{} says this page is `{locale}` but {} says `{other}`; it would be published in the wrong half of the site \
                 (move the file, or fix its `url`)",
                capitalise(origin.describe()),
                other_origin.describe()
            )
        });

    let is_index = stem == "index" || stem == "_index";
    if !is_index {
        parts.push(std::borrow::Cow::Borrowed(&stem));
    }
    let path_key = parts.join("/");
    let key = front
        .translation_key
        .as_deref()
        .map(normalize_key)
        .unwrap_or_else(|| path_key.clone());
    Placement {
        locale,
        origin,
        path_key,
        key,
        is_index,
        mismatch,
        alias_note,
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A key as written by a person (`/kom-i-gang/registrer-deg/`) in canonical form
/// (`kom-i-gang/registrer-deg`).
pub(crate) fn normalize_key(key: &str) -> String {
    key.trim().trim_matches('/').to_string()
}

/// The URL a page is published at when its front matter sets none: prefix + key + `/`.
pub(crate) fn default_url(prefix: &str, key: &str) -> String {
    if key.is_empty() {
        prefix.to_string()
    } else {
        format!("{prefix}{key}/")
    }
}

/// A URL in the form used to compare two pages' URLs for collisions: no trailing slash,
/// Unicode NFC, lowercase (many file systems and CDNs tell neither case nor `å` written as one
/// or two code points apart).
pub(crate) fn url_identity(url: &str) -> String {
    url_identity_of(url).into_owned()
}

/// [`url_identity`] without a copy when `url` is already in that form (a part of it): what
/// lookups by URL use, so that most of them allocate nothing.
pub(crate) fn url_identity_of(url: &str) -> Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    let trimmed = url.trim_end_matches('/');
    let trimmed = trimmed.strip_suffix("/index.html").unwrap_or(trimmed);
    // One pass for both questions: whether every byte is ASCII, and whether one is upper-case.
    let (all_bits, upper) = trimmed.bytes().fold((0u8, false), |(bits, upper), b| {
        (bits | b, upper | b.is_ascii_uppercase())
    });
    if all_bits.is_ascii() {
        // NFC leaves ASCII as it is; most URLs are ASCII, and lowercase.
        if !upper {
            return Cow::Borrowed(trimmed);
        }
        return Cow::Owned(trimmed.to_ascii_lowercase());
    }
    Cow::Owned(trimmed.nfc().collect::<String>().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(url: Option<&str>, key: Option<&str>) -> FrontMatter {
        FrontMatter {
            url: url.map(String::from),
            translation_key: key.map(String::from),
            ..FrontMatter::default()
        }
    }

    #[test]
    fn url_identity_has_no_trailing_slash_case_or_index_file() {
        assert!(matches!(
            url_identity_of("/om-minid/"),
            Cow::Borrowed("/om-minid")
        ));
        assert_eq!(url_identity_of("/Om-MinID//"), "/om-minid");
        assert_eq!(url_identity_of("/hjelp/index.html"), "/hjelp");
        assert_eq!(url_identity_of("/SØK/"), "/søk");
        // `å` written as `a` and a combining ring is the same URL as `å`.
        assert_eq!(url_identity_of("/Pa\u{30a}/"), "/på");
        assert_eq!(url_identity_of("/"), "");
    }

    #[test]
    fn folder_layout() {
        let config = Config::default();
        let p = place(
            &config,
            "en/kom-i-gang/registrer-deg.md",
            &front(Some("/en/get-started/register/"), None),
        );
        assert_eq!(
            (p.locale.as_str(), p.key.as_str()),
            ("en", "kom-i-gang/registrer-deg")
        );
        assert_eq!(p.mismatch, None);
    }

    #[test]
    fn index_stands_for_its_folder() {
        let config = Config::default();
        assert_eq!(place(&config, "nb/_index.md", &front(None, None)).key, "");
        let p = place(&config, "nb/hjelp/_index.md", &front(None, None));
        assert_eq!(p.key, "hjelp");
        assert!(p.is_index);
    }

    #[test]
    fn suffix_layout_and_alias() {
        let config = Config::default();
        let p = place(&config, "om.en.md", &front(None, None));
        assert_eq!(
            (p.locale.as_str(), p.key.as_str(), p.origin),
            ("en", "om", LocaleOrigin::Suffix)
        );
        let p = place(&config, "no/om.md", &front(None, None));
        assert_eq!(p.locale, "nb");
        assert!(p.alias_note.is_some());
        let p = place(&config, "Program.cs.md", &front(None, None));
        assert_eq!((p.locale.as_str(), p.key.as_str()), ("nb", "Program.cs"));
    }

    #[test]
    fn mismatch_is_reported() {
        let config = Config::default();
        let p = place(&config, "en/om.md", &front(Some("/om/"), None));
        assert_eq!(p.locale, "en");
        assert!(p.mismatch.is_some());
    }

    #[test]
    fn translation_key_wins() {
        let config = Config::default();
        let p = place(
            &config,
            "en/forgotten-password.md",
            &front(None, Some("/glemt-passord/")),
        );
        assert_eq!(p.key, "glemt-passord");
        assert_eq!(p.path_key, "forgotten-password");
    }
}
