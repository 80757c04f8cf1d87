//! What templates see: view structs assembled from the site model, kept apart from it.
//!
//! Every template gets `locale_code`, `locale`, `site`, `page`, `menus`, `section`,
//! `switcher`, `alternates`, `related`, `home_url` and `assets`; `page.params` is the page's
//! whole front matter, unknown fields included.

use serde::Serialize;

use crate::build::lastmod::Date;
use crate::build::menu::{self, Item, Menus};
use crate::build::related_pages::Related;
use crate::build::switcher::{Alternate, Language};
use crate::config::Locale;

/// The locale of the page being rendered.
#[derive(Debug, Clone, Serialize)]
pub struct LocaleView {
    /// Locale code (`nb`).
    pub code: String,
    /// Its own name (`Norsk bokmål`).
    pub name: String,
    /// BCP 47 tag for `<html lang>`.
    pub hreflang: String,
    /// URL prefix (`/en/`).
    pub prefix: String,
    /// Writing direction for `<html dir>` (`rtl`), where the locale sets one.
    pub dir: Option<String>,
}

impl From<&Locale> for LocaleView {
    fn from(l: &Locale) -> Self {
        LocaleView {
            code: l.code.clone(),
            name: l.name.clone(),
            hreflang: l.langid.to_string(),
            prefix: l.prefix.clone(),
            dir: l.dir.clone(),
        }
    }
}

/// A date as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `2025-03-01`, for `<time datetime>`.
    pub iso: String,
    /// Year.
    pub year: i64,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl From<Date> for DateView {
    fn from(d: Date) -> Self {
        DateView {
            iso: d.iso(),
            year: d.year,
            month: d.month,
            day: d.day,
        }
    }
}

/// The page being rendered.
#[derive(Debug, Clone, Serialize, Default)]
pub struct PageView {
    /// Title.
    pub title: String,
    /// Lead paragraph.
    pub ingress: Option<String>,
    /// Meta description.
    pub description: Option<String>,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL, when `base_url` is set.
    pub canonical: Option<String>,
    /// Translation key.
    pub key: String,
    /// Whether it is its locale's front page.
    pub is_front: bool,
    /// Whether its text is still the source's (it is published with a notice that says so).
    pub untranslated: bool,
    /// The body as HTML (marked safe for the template).
    pub body: minijinja::Value,
    /// When it last changed.
    pub updated: Option<DateView>,
    /// Reading time in whole minutes (at least 1).
    pub reading_minutes: usize,
    /// The whole front matter.
    pub params: serde_yaml::Mapping,
}

/// One step of the breadcrumb trail.
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    /// The page's title.
    pub title: String,
    /// Its URL.
    pub url: String,
}

/// Static files of the theme.
#[derive(Debug, Clone, Serialize)]
pub struct Assets {
    /// URL of the stylesheet (with a content hash, so browsers never use a stale one).
    pub css: String,
}

/// The site as a whole.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// The site's name in the page's locale ([`crate::config::Config::site_title`]); the
    /// theme's strings get it as `$site`.
    pub title: String,
    /// `base_url` from tolk.yaml.
    pub base_url: Option<String>,
    /// Every locale.
    pub locales: Vec<LocaleView>,
    /// Unknown keys of tolk.yaml.
    pub params: std::collections::BTreeMap<String, serde_yaml::Value>,
}

/// Everything a template renders from.
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    /// The locale code `t()` formats UI strings for.
    pub locale_code: String,
    /// The page's locale.
    pub locale: LocaleView,
    /// The site.
    pub site: SiteView,
    /// The page.
    pub page: PageView,
    /// The locale's menus, current entry marked.
    pub menus: Menus,
    /// The active top-level entry of the main menu, when it has entries below it.
    pub section: Option<Item>,
    /// The language switcher.
    pub switcher: Vec<Language>,
    /// hreflang alternates.
    pub alternates: Vec<Alternate>,
    /// Related pages.
    pub related: Vec<Related>,
    /// The pages above this one (front page first), each a `{ title, url }`.
    pub breadcrumbs: Vec<Crumb>,
    /// The locale's front page.
    pub home_url: String,
    /// Theme files.
    pub assets: Assets,
}

impl Context {
    /// The context as a template value.
    pub fn value(&self) -> minijinja::Value {
        minijinja::Value::from(minijinja::value::Serde(self))
    }

    /// Marks the current page in the menus and picks the section menu.
    pub fn mark_current(&mut self, key: &str) {
        for items in self.menus.values_mut() {
            menu::mark_current(items, key);
        }
        self.section = self
            .menus
            .get("main")
            .and_then(|items| menu::active_section(items))
            .cloned();
    }
}
