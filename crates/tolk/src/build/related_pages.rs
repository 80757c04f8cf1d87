//! Related pages, resolved into the page's own locale.
//!
//! Each `related_pages` entry names a page and so all its translations: the link goes to the
//! translation in the page's locale where one is published; else to the source page (or the
//! first published translation along the locale's fallback chain), marked with its language.
//! Entries that resolve to nothing are `broken-related-page` findings, which block the build.

use serde::Serialize;

use crate::build::menu::published;
use crate::model::{Page, Site};

/// One related page, as templates see it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Related {
    /// Its title, in its own language.
    pub title: String,
    /// Where it is.
    pub url: String,
    /// Its BCP 47 language tag when it is not in the page's language (for `hreflang`/`lang`).
    pub lang: Option<String>,
    /// Its locale code when it is not in the page's locale (templates show a marker,
    /// `t("in-language", lang=r.locale)`).
    pub locale: Option<String>,
}

/// The related pages of `page`, in the order written, each once.
pub fn related(site: &Site, page: &Page) -> Vec<Related> {
    if page.front.related_pages.is_empty() {
        return Vec::new();
    }
    let order = order(site, &page.locale);
    let mut out: Vec<Related> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for entry in &page.front.related_pages {
        let Some(key) = site.resolve_ref(entry) else {
            continue;
        };
        if key == page.key || !seen.insert(key) {
            continue;
        }
        let Some(target) = order.iter().find_map(|code| published(site, code, key)) else {
            continue;
        };
        let other = target.locale != page.locale;
        out.push(Related {
            title: target.title().to_string(),
            url: target.url.clone(),
            lang: other
                .then(|| {
                    site.config
                        .locale(&target.locale)
                        .map(|l| l.langid.to_string())
                })
                .flatten(),
            locale: other.then(|| target.locale.clone()),
        });
    }
    out
}

/// The locales a reader of `locale` is sent to for a page, in order: the locale, its fallbacks,
/// the source locale, every other locale (the first with a published page wins).
fn order<'a>(site: &'a Site, locale: &'a str) -> Vec<&'a str> {
    let mut order: Vec<&str> = vec![locale];
    if let Some(l) = site.config.locale(locale) {
        order.extend(l.fallback.iter().map(String::as_str));
    }
    order.push(&site.config.source_locale);
    order.extend(site.config.locales.iter().map(|l| l.code.as_str()));
    // Each once: a locale asked twice has nothing the first time did not find.
    let mut once = Vec::with_capacity(order.len());
    for code in order {
        if !once.contains(&code) {
            once.push(code);
        }
    }
    once
}
