//! What templates see: view structs assembled from the site model, kept apart from it.
//!
//! Every template gets `locale_code`, `locale`, `site`, `page`, `menus`, `section`,
//! `switcher`, `alternates`, `related`, `breadcrumbs`, `home_url` and `assets`; `page.params`
//! is the page's whole front matter, unknown fields included.
//!
//! A page's context is made from its locale's [`LocaleContext`], the values every page of the
//! locale shares (made template values once), and its own [`PageParts`].

use std::borrow::Cow;
use std::collections::BTreeMap;

use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use crate::build::lastmod::Date;
use crate::build::menu::{self, Item, MenuValue, Menus};
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
pub struct PageView<'a> {
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
    /// The whole front matter (the page's own, borrowed while it renders).
    pub params: Cow<'a, serde_yaml::Mapping>,
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
    pub page: PageView<'static>,
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

/// What is a page's own in its context; the rest is its locale's ([`LocaleContext`]).
#[derive(Debug, Clone)]
pub struct PageParts<'a> {
    /// The page.
    pub page: PageView<'a>,
    /// The language switcher.
    pub switcher: Vec<Language>,
    /// hreflang alternates.
    pub alternates: Vec<Alternate>,
    /// Related pages.
    pub related: Vec<Related>,
    /// The pages above this one.
    pub breadcrumbs: Vec<Crumb>,
}

/// The context of one locale's pages as template values, made once from the locale's
/// [`Context`] (a template value of a map or a list is shared, not copied, when a page uses
/// it): a page converts only what is its own ([`LocaleContext::page`]).
#[derive(Debug, Clone)]
pub struct LocaleContext {
    /// The locale's context as it is (the 404 page's).
    base: Value,
    locale_code: Value,
    locale: Value,
    site: Value,
    /// The unmarked menus, for the section menu.
    menus: Menus,
    /// Each menu as a template value, by name.
    menu_values: BTreeMap<String, MenuValue>,
    /// The menus as a template value, nothing marked.
    menus_value: Value,
    home_url: Value,
    assets: Value,
}

/// A page's context: the fields of [`Context`], in its order, the locale's already template
/// values.
#[derive(Serialize)]
struct PageContext<'a> {
    locale_code: &'a Value,
    locale: &'a Value,
    site: &'a Value,
    page: &'a PageView<'a>,
    menus: Value,
    section: Option<Item>,
    switcher: &'a [Language],
    alternates: &'a [Alternate],
    related: &'a [Related],
    breadcrumbs: &'a [Crumb],
    home_url: &'a Value,
    assets: &'a Value,
}

impl LocaleContext {
    /// The shared values of `context`, a locale's context with no page (`base_context`).
    pub fn new(context: &Context) -> LocaleContext {
        let menu_values: BTreeMap<String, MenuValue> = context
            .menus
            .iter()
            .map(|(name, items)| (name.clone(), MenuValue::new(items)))
            .collect();
        LocaleContext {
            base: context.value(),
            locale_code: Value::from(context.locale_code.as_str()),
            locale: Value::from(Serde(&context.locale)),
            site: Value::from(Serde(&context.site)),
            menus_value: Value::from(Serde(
                menu_values
                    .iter()
                    .map(|(name, menu)| (name.as_str(), menu.unmarked()))
                    .collect::<BTreeMap<&str, Value>>(),
            )),
            menus: context.menus.clone(),
            menu_values,
            home_url: Value::from(context.home_url.as_str()),
            assets: Value::from(Serde(&context.assets)),
        }
    }

    /// The context of the locale with no page, as [`Context::value`] gives it (the 404 page's).
    pub fn base(&self) -> Value {
        self.base.clone()
    }

    /// The context of the page `parts` describe, as [`Context::value`] gives it for the
    /// locale's context with the page's parts filled in and [`Context::mark_current`] applied.
    pub fn page(&self, parts: &PageParts<'_>) -> Value {
        let key = parts.page.key.as_str();
        let menus = if self.menu_values.values().any(|m| m.contains(key)) {
            Value::from(Serde(
                self.menu_values
                    .iter()
                    .map(|(name, menu)| (name.as_str(), menu.marked(key)))
                    .collect::<BTreeMap<&str, Value>>(),
            ))
        } else {
            self.menus_value.clone()
        };
        // The section menu is made afresh (it is the active entry of the main menu, marked).
        let section = self
            .menu_values
            .get("main")
            .and_then(|main| main.section(key))
            .and_then(|i| {
                let mut entry = self.menus.get("main")?.get(i)?.clone();
                menu::mark_current(std::slice::from_mut(&mut entry), key);
                Some(entry)
            });
        Value::from(Serde(PageContext {
            locale_code: &self.locale_code,
            locale: &self.locale,
            site: &self.site,
            page: &parts.page,
            menus,
            section,
            switcher: &parts.switcher,
            alternates: &parts.alternates,
            related: &parts.related,
            breadcrumbs: &parts.breadcrumbs,
            home_url: &self.home_url,
            assets: &self.assets,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Site;

    fn site() -> Site {
        let pages = [
            (
                "nb/_index.md",
                "title: Forside\nmenu:\n  main:\n    weight: 0\n",
            ),
            ("nb/b.md", "title: B\nmenu:\n  main:\n    weight: 1\n"),
            ("nb/b/c.md", "title: C\nmenu:\n  main:\n    parent: b\n"),
            ("nb/b/c/d.md", "title: D\nmenu:\n  main:\n    parent: b/c\n"),
            (
                "nb/e.md",
                "title: E\nmenu:\n  main:\n    weight: 2\n  footer: {}\n",
            ),
            ("nb/f.md", "title: F\n"),
        ];
        crate::build::menu::tests::site(&pages)
    }

    #[test]
    fn a_page_sees_the_context_it_fills_in() {
        let site = site();
        let locale = site.config.source_locale.clone();
        let menus = BTreeMap::from([(locale.clone(), menu::menus(&site, &locale))]);
        let assets = Assets {
            css: "/style.css?v=1".into(),
        };
        let base = crate::build::base_context(&site, &locale, &menus, &assets);
        let shared = LocaleContext::new(&base);
        assert_eq!(
            format!("{:?}", shared.base()),
            format!("{:?}", base.value())
        );
        let keys = ["", "b", "b/c", "b/c/d", "e", "f"];
        for key in keys {
            let parts = PageParts {
                page: PageView {
                    title: format!("Side {key}"),
                    key: key.to_string(),
                    body: Value::from_safe_string("<p>Tekst.</p>".into()),
                    ..PageView::default()
                },
                switcher: crate::build::switcher::switcher(&site, Some(key), &locale),
                alternates: crate::build::switcher::alternates(&site, key),
                related: Vec::new(),
                breadcrumbs: vec![Crumb {
                    title: "Forside".into(),
                    url: "/".into(),
                }],
            };
            let mut expected = base.clone();
            expected.page = PageView {
                params: Cow::Owned(parts.page.params.clone().into_owned()),
                ..parts.page.clone()
            };
            expected.mark_current(key);
            expected.switcher = parts.switcher.clone();
            expected.alternates = parts.alternates.clone();
            expected.related = parts.related.clone();
            expected.breadcrumbs = parts.breadcrumbs.clone();
            let got = shared.page(&parts);
            assert_eq!(
                format!("{got:?}"),
                format!("{:?}", expected.value()),
                "{key}"
            );
            assert_eq!(got, expected.value(), "{key}");
            let section = got.get_attr("section").unwrap_or_default();
            assert_eq!(
                section.is_none(),
                !key.starts_with('b'),
                "{key}: {section:?}"
            );
        }
    }
}
