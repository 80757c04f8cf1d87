//! Menus per locale, from front matter: `menu.<name>.weight` / `.name` / `.parent`.
//!
//! A locale's menu holds its own published pages that are in the menu, plus (with
//! `untranslated_menu_entries: fallback`, the default) the source pages in the menu that have
//! no translation in the locale, marked with their language; with `omit` those are left out.
//! Entries are ordered by weight (unweighted last), then label; an entry whose `parent` names
//! another entry of the same menu nests below it.

use std::collections::{BTreeMap, BTreeSet};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::load::RawFile;

    fn site(pages: &[(&str, &str)]) -> Site {
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
