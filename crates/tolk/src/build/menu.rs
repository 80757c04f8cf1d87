//! Menus per locale, from front matter: `menu.<name>.weight` / `.name` / `.parent`.
//!
//! A locale's menu holds its own published pages that are in the menu, plus (with
//! `untranslated_menu_entries: fallback`, the default) the source pages in the menu that have
//! no translation in the locale, marked with their language; with `omit` those are left out.
//! Entries are ordered by weight (unweighted last), then label; an entry whose `parent` names
//! another entry of the same menu nests below it.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use crate::config::UntranslatedMenuEntries;
use crate::load::frontmatter::MenuEntry;
use crate::model::{Page, Site};

/// One entry of a menu, as templates see it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Item {
    /// The label, in the entry's language.
    pub label: String,
    /// Where it leads.
    pub url: String,
    /// The translation key of its page.
    pub key: String,
    /// Its page's locale code, when that is not the menu's locale (an untranslated page);
    /// templates show a marker, `t("in-language", lang=item.lang)`.
    pub lang: Option<String>,
    /// Whether this is the page being shown (`aria-current="page"`).
    pub current: bool,
    /// Whether the page being shown is this entry or below it.
    pub active: bool,
    /// Entries nested below this one.
    pub children: Vec<Item>,
    #[serde(skip)]
    weight: Option<i64>,
}

/// The menus of one locale, by menu name.
pub type Menus = BTreeMap<String, Vec<Item>>;

/// Builds every menu of `locale` (drafts are never in a menu).
pub fn menus(site: &Site, locale: &str) -> Menus {
    let source = site.config.source_locale.as_str();
    let fallback = site.config.untranslated_menu_entries == UntranslatedMenuEntries::Fallback;
    let mut names = BTreeSet::new();
    for page in site.pages.iter().filter(|p| p.is_published()) {
        if page.locale == locale || page.locale == source {
            names.extend(page.front.menus.keys().cloned());
        }
    }
    let mut menus = Menus::new();
    for name in names {
        let mut flat: Vec<(Item, Option<String>)> = Vec::new();
        let mut keys = BTreeSet::new();
        for page in site.pages_of(locale).chain(site.source_pages()) {
            if !page.is_published() || !keys.insert(page.key.clone()) {
                continue;
            }
            let own = published(site, locale, &page.key);
            let src = published(site, source, &page.key);
            let own_entry = own.and_then(|p| p.front.menus.get(&name));
            let src_entry = src.and_then(|p| p.front.menus.get(&name));
            if own_entry.is_none() && src_entry.is_none() {
                continue;
            }
            let item = match own {
                Some(own) => {
                    let label = own_entry
                        .and_then(|e| e.name.clone())
                        .unwrap_or_else(|| own.title().to_string());
                    let weight = own_entry
                        .and_then(|e| e.weight)
                        .or(src_entry.and_then(|e| e.weight));
                    let parent = parent_of(own_entry).or(parent_of(src_entry));
                    (item(label, own, None, weight), parent)
                }
                None if fallback => match (src, src_entry) {
                    (Some(src), Some(e)) => {
                        let label = e.name.clone().unwrap_or_else(|| src.title().to_string());
                        (
                            item(label, src, Some(source.to_string()), e.weight),
                            parent_of(Some(e)),
                        )
                    }
                    _ => continue,
                },
                None => continue,
            };
            flat.push(item);
        }
        menus.insert(name, nest(site, flat));
    }
    menus
}

/// The published page of `key` in `locale`.
pub fn published<'a>(site: &'a Site, locale: &str, key: &str) -> Option<&'a Page> {
    site.published_page(locale, key)
}

fn parent_of(entry: Option<&MenuEntry>) -> Option<String> {
    entry.and_then(|e| e.parent.clone())
}

fn item(label: String, page: &Page, lang: Option<String>, weight: Option<i64>) -> Item {
    Item {
        label,
        url: page.url.clone(),
        key: page.key.clone(),
        lang,
        current: false,
        active: false,
        children: Vec::new(),
        weight,
    }
}

/// Turns the flat entries into a tree: an entry goes below the entry its `parent` names, where
/// that entry is in the same menu; everything else (and anything caught in a cycle) is top level.
fn nest(site: &Site, flat: Vec<(Item, Option<String>)>) -> Vec<Item> {
    let keys: BTreeSet<String> = flat.iter().map(|(i, _)| i.key.clone()).collect();
    let mut parent: BTreeMap<String, String> = BTreeMap::new();
    for (item, reference) in &flat {
        if let Some(key) = reference.as_deref().and_then(|r| site.resolve_ref(r))
            && key != item.key
            && keys.contains(key)
        {
            parent.insert(item.key.clone(), key.to_string());
        }
    }
    // An entry whose parent chain loops is placed at the top level.
    let in_cycle = |start: &str| {
        let mut seen = BTreeSet::new();
        let mut at = start.to_string();
        while let Some(next) = parent.get(&at) {
            if !seen.insert(at.clone()) {
                return true;
            }
            at = next.clone();
        }
        false
    };
    let cyclic: BTreeSet<String> = keys.iter().filter(|k| in_cycle(k)).cloned().collect();
    let mut children: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    let mut roots = Vec::new();
    for (item, _) in flat {
        match parent.get(&item.key) {
            Some(p) if !cyclic.contains(&item.key) => {
                children.entry(p.clone()).or_default().push(item)
            }
            _ => roots.push(item),
        }
    }
    fn attach(items: &mut [Item], children: &mut BTreeMap<String, Vec<Item>>) {
        for item in items.iter_mut() {
            if let Some(mut kids) = children.remove(&item.key) {
                attach(&mut kids, children);
                item.children = kids;
            }
        }
        sort(items);
    }
    attach(&mut roots, &mut children);
    roots
}

fn sort(items: &mut [Item]) {
    items.sort_by(|a, b| {
        let weight = |i: &Item| (i.weight.is_none(), i.weight.unwrap_or(0));
        weight(a)
            .cmp(&weight(b))
            .then_with(|| a.label.to_lowercase().cmp(&b.label.to_lowercase()))
            .then_with(|| a.key.cmp(&b.key))
    });
}

/// Marks the entry of page `key` as current and its ancestors as active; true if found.
pub fn mark_current(items: &mut [Item], key: &str) -> bool {
    let mut found = false;
    for item in items {
        let below = mark_current(&mut item.children, key);
        item.current = item.key == key && item.lang.is_none();
        item.active = item.current || below;
        found |= item.active;
    }
    found
}

/// The active top-level entry of a menu, when it has entries below it: the "pages in this
/// section" navigation.
pub fn active_section(items: &[Item]) -> Option<&Item> {
    items.iter().find(|i| i.active && !i.children.is_empty())
}

/// A menu as a template value, made once per locale: every page shares it, and a page that is
/// in the menu gets it with the entries [`mark_current`] marks (its own and those above it)
/// made anew ([`MenuValue::marked`]); every other entry is shared.
#[derive(Debug, Clone)]
pub struct MenuValue {
    /// The menu with nothing marked.
    value: Value,
    entries: Vec<EntryValue>,
    /// The keys [`mark_current`] marks current, in this menu and below its entries.
    keys: HashSet<String>,
}

#[derive(Debug, Clone)]
struct EntryValue {
    label: String,
    url: String,
    key: String,
    lang: Option<String>,
    /// The entry with nothing marked.
    value: Value,
    children: MenuValue,
}

/// An [`Item`] as templates see it, with its children already a template value: the same
/// fields, in the same order.
#[derive(Serialize)]
struct ItemValue<'a> {
    label: &'a str,
    url: &'a str,
    key: &'a str,
    lang: &'a Option<String>,
    current: bool,
    active: bool,
    children: Value,
}

impl MenuValue {
    /// The template value of `items`, nothing marked (as [`mark_current`] leaves entries that
    /// are not the current page and not above it).
    pub fn new(items: &[Item]) -> MenuValue {
        let entries: Vec<EntryValue> = items
            .iter()
            .map(|item| {
                let children = MenuValue::new(&item.children);
                EntryValue {
                    value: Value::from(Serde(ItemValue {
                        label: &item.label,
                        url: &item.url,
                        key: &item.key,
                        lang: &item.lang,
                        current: false,
                        active: false,
                        children: children.value.clone(),
                    })),
                    label: item.label.clone(),
                    url: item.url.clone(),
                    key: item.key.clone(),
                    lang: item.lang.clone(),
                    children,
                }
            })
            .collect();
        let mut keys = HashSet::new();
        for entry in &entries {
            if entry.lang.is_none() {
                keys.insert(entry.key.clone());
            }
            keys.extend(entry.children.keys.iter().cloned());
        }
        MenuValue {
            value: Value::from_object(entries.iter().map(|e| e.value.clone()).collect::<Vec<_>>()),
            entries,
            keys,
        }
    }

    /// The menu with nothing marked (for a page that is not in it).
    pub fn unmarked(&self) -> Value {
        self.value.clone()
    }

    /// The menu as [`mark_current`] marks it for the page with key `key`.
    pub fn marked(&self, key: &str) -> Value {
        if !self.keys.contains(key) {
            return self.value.clone();
        }
        let entries: Vec<Value> = self
            .entries
            .iter()
            .map(|entry| {
                let current = entry.key == key && entry.lang.is_none();
                let below = entry.children.keys.contains(key);
                if !current && !below {
                    return entry.value.clone();
                }
                Value::from(Serde(ItemValue {
                    label: &entry.label,
                    url: &entry.url,
                    key: &entry.key,
                    lang: &entry.lang,
                    current,
                    active: true,
                    children: entry.children.marked(key),
                }))
            })
            .collect();
        Value::from_object(entries)
    }

    /// The index of the entry [`active_section`] picks once the menu is marked for the page
    /// with key `key`.
    pub fn section(&self, key: &str) -> Option<usize> {
        if !self.keys.contains(key) {
            return None;
        }
        self.entries.iter().position(|entry| {
            let active =
                (entry.key == key && entry.lang.is_none()) || entry.children.keys.contains(key);
            active && !entry.children.entries.is_empty()
        })
    }

    /// Whether the page with key `key` is in the menu (so that [`MenuValue::marked`] marks
    /// something).
    pub fn contains(&self, key: &str) -> bool {
        self.keys.contains(key)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::config::Config;
    use crate::load::RawFile;

    /// A site of the `nb` pages `pages` (path, front matter), each with a one-line body.
    pub(in crate::build) fn site(pages: &[(&str, &str)]) -> Site {
        let files = pages
            .iter()
            .map(|(path, front)| RawFile {
                content_path: path.to_string(),
                path: format!("content/{path}"),
                bytes: format!("---\n{front}---\nTekst.\n").into_bytes(),
            })
            .collect();
        Site::from_files(
            std::path::Path::new("."),
            Config::default(),
            files,
            Vec::new(),
        )
    }

    fn labels(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| {
                let kids = labels(&i.children);
                if kids.is_empty() {
                    i.label.clone()
                } else {
                    format!("{} [{}]", i.label, kids.join(", "))
                }
            })
            .collect()
    }

    #[test]
    fn weight_then_title_unweighted_last_and_nested() {
        let site = site(&[
            ("nb/b.md", "title: Bbb\nmenu:\n  main:\n    weight: 10\n"),
            ("nb/a.md", "title: Aaa\nmenu:\n  main:\n    weight: 10\n"),
            ("nb/z.md", "title: Zzz\nmenu: main\n"),
            (
                "nb/c.md",
                "title: Ccc\nmenu:\n  main:\n    weight: 1\n    parent: /b/\n",
            ),
        ]);
        let menus = menus(&site, "nb");
        assert_eq!(labels(&menus["main"]), ["Aaa", "Bbb [Ccc]", "Zzz"]);
    }

    #[test]
    fn parent_cycles_end_up_at_the_top() {
        let site = site(&[
            (
                "nb/a.md",
                "title: A\nmenu:\n  main:\n    weight: 1\n    parent: b\n",
            ),
            (
                "nb/b.md",
                "title: B\nmenu:\n  main:\n    weight: 2\n    parent: a\n",
            ),
        ]);
        assert_eq!(labels(&menus(&site, "nb")["main"]), ["A", "B"]);
    }

    /// A menu three levels deep, with an entry in another language.
    fn deep_menu() -> Vec<Item> {
        let site = site(&[
            ("nb/b.md", "title: B\nmenu:\n  main:\n    weight: 1\n"),
            ("nb/b/c.md", "title: C\nmenu:\n  main:\n    parent: b\n"),
            ("nb/b/c/d.md", "title: D\nmenu:\n  main:\n    parent: b/c\n"),
            ("nb/b/e.md", "title: E\nmenu:\n  main:\n    parent: b\n"),
            ("nb/f.md", "title: F\nmenu:\n  main:\n    weight: 2\n"),
        ]);
        let mut items = menus(&site, "nb").remove("main").unwrap_or_default();
        items[1].lang = Some("en".into());
        items
    }

    #[test]
    fn menu_values_are_the_marked_items_as_templates_see_them() {
        let items = deep_menu();
        let value = MenuValue::new(&items);
        for key in ["b/c/d", "b/c", "b", "b/e", "f", "elsewhere", ""] {
            let mut marked = items.clone();
            mark_current(&mut marked, key);
            let expected = Value::from(Serde(&marked));
            let got = value.marked(key);
            assert_eq!(format!("{got:?}"), format!("{expected:?}"), "{key}");
            assert_eq!(got, expected, "{key}");
            assert_eq!(
                value.section(key).map(|i| &marked[i]),
                active_section(&marked),
                "{key}"
            );
        }
        // An entry in another language is never current.
        assert!(!value.contains("f"));
        assert!(value.contains("b/c/d"));
    }

    #[test]
    fn menu_values_share_what_no_page_marks() {
        let value = MenuValue::new(&deep_menu());
        let a = value.marked("elsewhere");
        let b = value.marked("other");
        assert!(minijinja::tests::is_sameas(&a, &b));
        let marked = value.marked("b/e");
        let untouched = |menu: &Value| menu.get_item_by_index(1).ok();
        assert!(minijinja::tests::is_sameas(
            &untouched(&marked).unwrap_or_default(),
            &untouched(&a).unwrap_or_default()
        ));
    }

    #[test]
    fn current_and_active() {
        let site = site(&[
            ("nb/b.md", "title: B\nmenu:\n  main:\n    weight: 1\n"),
            ("nb/b/c.md", "title: C\nmenu:\n  main:\n    parent: b\n"),
        ]);
        let mut items = menus(&site, "nb").remove("main").unwrap_or_default();
        assert!(mark_current(&mut items, "b/c"));
        assert!(items[0].active && !items[0].current);
        assert!(items[0].children[0].current);
        assert_eq!(active_section(&items).map(|i| i.key.as_str()), Some("b"));
    }
}
