//! The language switcher and the hreflang alternates of a page.
//!
//! The switcher never leads to a 404: for a locale with a published translation it links to
//! that translation; otherwise to the locale's front page, at the anchor
//! [`UNTRANSLATED_ANCHOR`] where the front page shows (in its own language) that the page is not
//! available, and takes focus. The page the reader came from travels along as `?from=` (its
//! root-relative URL), so that the notice can link back to it. Labels are the locales' own
//! names.

use serde::Serialize;

use crate::build::menu::published;
use crate::config::Config;
use crate::model::{Page, Site};

/// The id of the front page's "not available in this language" notice.
pub const UNTRANSLATED_ANCHOR: &str = "not-translated";

/// One language of the switcher.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Language {
    /// Locale code.
    pub code: String,
    /// The locale's own name (`Norsk bokmål`).
    pub name: String,
    /// BCP 47 tag for `lang` / `hreflang`.
    pub hreflang: String,
    /// Where the switcher leads; `None` when the locale has nothing published to lead to.
    pub url: Option<String>,
    /// Whether this is the language of the page shown.
    pub current: bool,
    /// Whether the page has no translation in this locale (the link goes to its front page).
    pub untranslated: bool,
}

/// One `<link rel="alternate" hreflang>` of a page.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Alternate {
    /// BCP 47 tag, or `x-default`.
    pub hreflang: String,
    /// The URL (absolute when `base_url` is set).
    pub href: String,
}

/// The front page of `locale`: its published page at the locale's prefix ([`Site::home`],
/// looked up, never searched for), else its published page with the empty key.
pub fn front_page<'a>(site: &'a Site, locale: &'a str) -> Option<&'a Page> {
    site.home(locale).or_else(|| published(site, locale, ""))
}

/// The switcher for the page with translation `key` in `locale`; `None` for a page that is no
/// content page (the 404 page): every language then leads to its front page.
pub fn switcher(site: &Site, key: Option<&str>, locale: &str) -> Vec<Language> {
    site.config
        .locales
        .iter()
        .map(|l| {
            let translation = key.and_then(|k| published(site, &l.code, k));
            let front = front_page(site, &l.code);
            let (url, untranslated) = match (translation, front) {
                (Some(t), _) => (Some(t.url.clone()), false),
                (None, Some(f)) if key.is_some() => {
                    let back = published(site, locale, key.unwrap_or_default())
                        .map(|p| format!("?from={}", query_value(&p.url)))
                        .unwrap_or_default();
                    (Some(format!("{}{back}#{UNTRANSLATED_ANCHOR}", f.url)), true)
                }
                (None, Some(f)) => (Some(f.url.clone()), false),
                (None, None) => (None, key.is_some()),
            };
            Language {
                code: l.code.clone(),
                name: l.name.clone(),
                hreflang: l.langid.to_string(),
                url,
                current: l.code == locale,
                untranslated,
            }
        })
        .collect()
}

/// `text` percent-encoded for a query value: every byte but unreserved characters and `/`.
fn query_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// hreflang alternates of `key`: every published translation (the page itself included) and
/// `x-default`, the source locale's page.
pub fn alternates(site: &Site, key: &str) -> Vec<Alternate> {
    let mut out: Vec<Alternate> = site
        .config
        .locales
        .iter()
        .filter_map(|l| {
            published(site, &l.code, key).map(|p| Alternate {
                hreflang: l.langid.to_string(),
                href: absolute(&site.config, &p.url),
            })
        })
        .collect();
    if let Some(source) = published(site, &site.config.source_locale, key) {
        out.push(Alternate {
            hreflang: "x-default".into(),
            href: absolute(&site.config, &source.url),
        });
    }
    out
}

/// `url` made absolute with `base_url` where one is configured; root-relative otherwise.
pub fn absolute(config: &Config, url: &str) -> String {
    match &config.base_url {
        Some(base) => format!("{base}{url}"),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::query_value;

    #[test]
    fn query_values_keep_paths_readable_and_escape_the_rest() {
        assert_eq!(query_value("/nn/om-minid/"), "/nn/om-minid/");
        assert_eq!(query_value("/a b&c#d?e"), "/a%20b%26c%23d%3Fe");
        assert_eq!(query_value("/blåbær/"), "/bl%C3%A5b%C3%A6r/");
    }
}
