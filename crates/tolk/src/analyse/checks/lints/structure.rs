//! `structure-mismatch`: a translation whose block structure (headings, list items, tables,
//! code blocks, links, and in MDX the components of each name) differs from its source's, a
//! hint of a partial translation.
//!
//! The counts per kind decide whether to report; the place is the first mark (in document
//! order) where the two sequences part, so the translator lands where to start looking.
//! Links to pages that have no published page in the translation's locale are not counted on
//! either side: a translator may drop such a link, keep it (marked as another language), or
//! replace it by a link to a related page that is translated. Nor are the components tolk.yaml
//! names `source_only_components` (a note for editors that translators remove);
//! [`dropped_components`] finds them for `tolk init`.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::body_place;
use super::links::{ResolvedLinks, UrlIndex};
use crate::diagnostics::{Finding, codes};
use crate::markdown::body::read_page_text;
use crate::markdown::body::{Component, Mark};
use crate::model::{Page, Site};

/// The marks of a body (whose links are `links`) without the links that cannot be mirrored:
/// internal links to pages that have no published page in `locale` (one side may link the
/// other language's page, the other drop the link; both are fine).
fn comparable<'s>(
    index: &'s UrlIndex<'_>,
    links: &'s ResolvedLinks<'_>,
    locale: &'s str,
) -> impl Iterator<Item = (Mark, usize)> + 's {
    let mut translations = links.published_translations(index, locale);
    links.body().marks.iter().copied().filter(move |(mark, _)| {
        if *mark != Mark::Link {
            return true;
        }
        match translations.next() {
            Some(Some(translation)) => translation.is_some(),
            // No link left, or not a link to a published page of this site.
            _ => true,
        }
    })
}

/// How many marks of each kind, in [`Mark::ALL`] order.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts([usize; Mark::ALL.len()]);

impl Counts {
    fn of(marks: impl Iterator<Item = (Mark, usize)>) -> Counts {
        let mut counts = Counts::default();
        for (mark, _) in marks {
            if let Some(i) = Mark::ALL.iter().position(|&m| m == mark) {
                counts.0[i] += 1;
            }
        }
        counts
    }

    /// How many are of `kind`.
    fn get(&self, kind: Mark) -> usize {
        Mark::ALL
            .iter()
            .position(|&m| m == kind)
            .map_or(0, |i| self.0[i])
    }
}

/// How many component names a message names; the others are counted together.
const NAMED_COMPONENTS: usize = 4;

/// The components of a body that `structure-mismatch` compares: all but those tolk.yaml names
/// `source_only_components`.
fn compared<'c>(components: &'c [Component], source_only: &[String]) -> Vec<&'c Component> {
    components
        .iter()
        .filter(|c| !source_only.contains(&c.name))
        .collect()
}

/// How many components of each name.
fn component_counts<'c>(components: &[&'c Component]) -> BTreeMap<&'c str, usize> {
    let mut counts = BTreeMap::new();
    for c in components {
        *counts.entry(c.name.as_str()).or_insert(0) += 1;
    }
    counts
}

/// The component names whose counts differ: (name, ours, the source's), by name.
fn differing_components<'a>(
    ours: &[&'a Component],
    theirs: &[&'a Component],
) -> Vec<(&'a str, usize, usize)> {
    let (ours, theirs) = (component_counts(ours), component_counts(theirs));
    let mut names: Vec<&str> = ours.keys().chain(theirs.keys()).copied().collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            let count = |counts: &BTreeMap<&str, usize>| counts.get(name).copied().unwrap_or(0);
            (name, count(&ours), count(&theirs))
        })
        .filter(|(_, a, b)| a != b)
        .collect()
}

/// The `structure-mismatch` finding of a translation, if its counts differ from the source's;
/// `text` is the translation's body, `links` and `source_links` the resolved links of their
/// bodies.
pub fn findings(
    index: &UrlIndex<'_>,
    page: &Page,
    text: &str,
    links: &ResolvedLinks<'_>,
    source: &Page,
    source_links: &ResolvedLinks<'_>,
) -> Option<Finding> {
    let (body, source_body) = (links.body(), source_links.body());
    let ours = Counts::of(comparable(index, links, &page.locale));
    let all_source_links = source_body.count(Mark::Link);
    let theirs = Counts::of(comparable(index, source_links, &page.locale));
    // A link the translator could not mirror may have been replaced by one to a related page
    // that is translated: that many extra links are fine.
    let replaceable = all_source_links - theirs.get(Mark::Link);
    let differing: Vec<(Mark, usize, usize)> = Mark::ALL
        .iter()
        .map(|&m| (m, ours.get(m), theirs.get(m)))
        .filter(|&(m, ours, theirs)| match m {
            Mark::Link => ours < theirs || ours > theirs + replaceable,
            _ => ours != theirs,
        })
        .collect();
    let source_only = &index.site().config.source_only_components;
    let (our_components, their_components) = (
        compared(&body.components, source_only),
        compared(&source_body.components, source_only),
    );
    let mut components = differing_components(&our_components, &their_components);
    if differing.is_empty() && components.is_empty() {
        return None;
    }
    // The names that differ most are named; the rest are summed up.
    components
        .sort_by_key(|&(name, ours, theirs)| (std::cmp::Reverse(ours.abs_diff(theirs)), name));
    let others = components.split_off(components.len().min(NAMED_COMPONENTS));
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let describe = |pick: fn(usize, usize) -> usize| {
        let marks = differing.iter().map(|&(mark, ours, theirs)| {
            let n = pick(ours, theirs);
            let (one, many) = mark.names();
            format!("{n} {}", if n == 1 { one } else { many })
        });
        let named = components.iter().map(|&(name, ours, theirs)| {
            let n = pick(ours, theirs);
            format!("{n} {name} component{}", plural(n))
        });
        let rest = (!others.is_empty()).then(|| {
            let n: usize = others
                .iter()
                .map(|&(_, ours, theirs)| pick(ours, theirs))
                .sum();
            format!("{n} other component{}", plural(n))
        });
        marks
            .chain(named)
            .chain(rest)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let message = format!(
        "the translation has {} where the source ({}) has {}: part of the page may be untranslated \
         or the source may have grown",
        describe(|ours, _| ours),
        source.path,
        describe(|_, theirs| theirs)
    );
    let offset = if differing.is_empty() {
        let ours: Vec<(&str, usize)> = our_components
            .iter()
            .map(|c| (c.name.as_str(), c.offset))
            .collect();
        let theirs: Vec<&str> = their_components.iter().map(|c| c.name.as_str()).collect();
        parting(text, &ours, &theirs)
    } else {
        let marks: Vec<(Mark, usize)> = comparable(index, links, &page.locale).collect();
        let theirs: Vec<Mark> = comparable(index, source_links, &page.locale)
            .map(|(m, _)| m)
            .collect();
        parting(text, &marks, &theirs)
    };
    let (line, column) = body_place(page, text, offset);
    Some(
        Finding::new(&codes::STRUCTURE_MISMATCH, page.path.clone(), message)
            .locale(page.locale.clone())
            .key(page.key.clone())
            .at(Some(line), Some(column)),
    )
}

/// Fewest pairs (a source page with a component of a name, and a published translation) on
/// which [`dropped_components`] judges the name.
const DROPPED_MIN_PAIRS: usize = 10;
/// Share of those pairs whose translation has none of the component, at least, for
/// [`dropped_components`] to take it for an editors' note.
const DROPPED_SHARE: f64 = 0.9;

/// The MDX components that translations leave out: names that source pages use and that the
/// published translations of those pages go without in at least nine pairs in ten (over ten
/// pairs or more). Astro's docs ask translators to remove `<DontEditWarning />`, a note for the
/// docs' editors, and they do; but translations older than a component leave it out as well
/// (Tauri's `PluginPermissions`), so `tolk init` offers these as `source_only_components`
/// without setting them.
pub fn dropped_components(site: &Site) -> Vec<String> {
    let sources: Vec<&Page> = site
        .source_pages()
        .filter(|p| p.front_ok && p.is_tracked())
        .collect();
    // (pairs, pairs whose translation has none), by name.
    let tallies: BTreeMap<String, (usize, usize)> = sources
        .par_iter()
        .map(|source| pair_tallies(site, source))
        .reduce(BTreeMap::new, |mut a, b| {
            for (name, (pairs, dropped)) in b {
                let tally = a.entry(name).or_insert((0, 0));
                tally.0 += pairs;
                tally.1 += dropped;
            }
            a
        });
    tallies
        .into_iter()
        .filter(|&(_, (pairs, dropped))| {
            pairs >= DROPPED_MIN_PAIRS && dropped as f64 >= DROPPED_SHARE * pairs as f64
        })
        .map(|(name, _)| name)
        .collect()
}

/// For each component name `source` uses: how many of its published translations there are,
/// and how many of them have none of it.
fn pair_tallies(site: &Site, source: &Page) -> BTreeMap<String, (usize, usize)> {
    let mut tallies = BTreeMap::new();
    let text = source.read_text();
    let names: Vec<String> = {
        let body = read_page_text(source, &text);
        let mut names: Vec<String> = body.components.into_iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        names
    };
    if names.is_empty() {
        return tallies;
    }
    for translation in site
        .translations(&source.key)
        .filter(|p| !std::ptr::eq(*p, source) && p.front_ok && p.is_tracked())
    {
        let text = translation.read_text();
        let body = read_page_text(translation, &text);
        for name in &names {
            let tally = tallies.entry(name.clone()).or_insert((0, 0));
            tally.0 += 1;
            if !body.components.iter().any(|c| c.name == *name) {
                tally.1 += 1;
            }
        }
    }
    tallies
}

/// The offset in the translation where its sequence (of marks or component names, with
/// offsets) first parts from the source's: the first that differs, the first extra one, or
/// where the translation ends when it stops early.
fn parting<T: PartialEq>(text: &str, ours: &[(T, usize)], theirs: &[T]) -> usize {
    let parting = ours.iter().zip(theirs).position(|((a, _), b)| a != b);
    match parting {
        Some(i) => ours[i].1,
        None if ours.len() > theirs.len() => ours[theirs.len()].1,
        // The translation stops early: point at its end.
        None => text.trim_end().len(),
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::SiteBuilder;

    /// The (path, line, column, message) of each `structure-mismatch` finding of `site`.
    fn mismatches(site: &crate::model::Site) -> Vec<(String, Option<u32>, Option<u32>, String)> {
        crate::analyse::analyse(site)
            .findings
            .into_iter()
            .filter(|f| f.code == "structure-mismatch")
            .map(|f| (f.path, f.line, f.column, f.message))
            .collect()
    }

    const SOURCE: &str = "# Om MinID\n\nMinID er en elektronisk ID.\n\n- Bestill\n- Aktiver\n\n## Hjelp\n\nRing oss.\n";

    #[test]
    fn a_translation_with_the_source_structure_has_no_mismatch() {
        let site = SiteBuilder::new()
            .page("nb", "om", "title: Om\n", SOURCE)
            .page(
                "en",
                "om",
                "title: About\n",
                "# About MinID\n\nMinID is an electronic ID.\n\n- Order\n- Activate\n\n## Help\n\nCall us.\n",
            )
            .build();
        assert_eq!(mismatches(&site), []);
    }

    #[test]
    fn a_missing_list_item_and_heading_are_reported_where_the_translation_parts() {
        let site = SiteBuilder::new()
            .page("nb", "om", "title: Om\n", SOURCE)
            .page(
                "en",
                "om",
                "title: About\n",
                "# About MinID\n\nMinID is an electronic ID.\n\n- Order\n\nCall us.\n",
            )
            .build();
        // The body starts on file line 4; the translation parts from the source at its end
        // (line 7 of the body, after "Call us."), having stopped early.
        assert_eq!(
            mismatches(&site),
            [(
                "content/en/om.md".to_string(),
                Some(10),
                Some(9),
                "the translation has 1 heading, 1 list item where the source (content/nb/om.md) \
                 has 2 headings, 2 list items: part of the page may be untranslated or the source \
                 may have grown"
                    .to_string()
            )]
        );
    }

    #[test]
    fn an_extra_heading_is_reported_at_the_heading() {
        let site = SiteBuilder::new()
            .page(
                "nb",
                "om",
                "title: Om\n",
                "Tekst.\n\n## Hjelp\n\nRing oss.\n",
            )
            .page(
                "en",
                "om",
                "title: About\n",
                "Text.\n\n## Help\n\nCall us.\n\n## More\n\nMore text.\n",
            )
            .build();
        let found = mismatches(&site);
        assert_eq!(found.len(), 1, "{found:?}");
        // `## More` is on body line 7, file line 10.
        assert_eq!((found[0].1, found[0].2), (Some(10), Some(1)));
        assert!(
            found[0]
                .3
                .starts_with("the translation has 2 headings where"),
            "{}",
            found[0].3
        );
    }

    #[test]
    fn a_dropped_link_to_an_untranslated_page_is_not_a_mismatch() {
        let site = SiteBuilder::new()
            .page(
                "nb",
                "om",
                "title: Om\n",
                "Se [kontakt](/kontakt/) og [hjelp](/hjelp/).\n",
            )
            .page("nb", "kontakt", "title: Kontakt\n", "Ring oss.\n")
            .page("nb", "hjelp", "title: Hjelp\n", "Les her.\n")
            .page("en", "hjelp", "title: Help\n", "Read here.\n")
            .page("en", "om", "title: About\n", "See [help](/en/hjelp/).\n")
            .build();
        // `kontakt` has no English page: the English text may drop the link to it.
        assert_eq!(mismatches(&site), []);
        // Dropping the link to a page that is translated is a mismatch.
        let site = SiteBuilder::new()
            .page("nb", "om", "title: Om\n", "Se [hjelp](/hjelp/).\n")
            .page("nb", "hjelp", "title: Hjelp\n", "Les her.\n")
            .page("en", "hjelp", "title: Help\n", "Read here.\n")
            .page("en", "om", "title: About\n", "See help.\n")
            .build();
        let found = mismatches(&site);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].3.contains("0 links"), "{}", found[0].3);
    }

    #[test]
    fn only_links_written_root_relative_may_be_dropped() {
        // `kontakt` has no English page. Written root-relative, the link to it may be
        // dropped; written under `base_url`, it is counted as any other link.
        let site = |link: &str| {
            SiteBuilder::with_config("base_url: https://minid.example\n")
                .page(
                    "nb",
                    "om",
                    "title: Om\n",
                    &format!("Se [kontakt]({link}).\n"),
                )
                .page("nb", "kontakt", "title: Kontakt\n", "Ring oss.\n")
                .page("en", "om", "title: About\n", "See contact.\n")
                .build()
        };
        assert_eq!(mismatches(&site("/kontakt/")), []);
        assert_eq!(mismatches(&site("/Kontakt")), []);
        let found = mismatches(&site("https://minid.example/kontakt/"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].3.contains("0 links"), "{}", found[0].3);
    }

    #[test]
    fn mdx_components_are_counted_by_name() {
        let site = SiteBuilder::new()
            .file(
                "nb/om.mdx",
                "---\ntitle: Om\n---\n<Card>Bestill</Card>\n\n<Card>Aktiver</Card>\n\n<Aside>Merk.</Aside>\n",
            )
            .file(
                "en/om.mdx",
                "---\ntitle: About\n---\n<Card>Order</Card>\n\n<Aside>Note.</Aside>\n",
            )
            .build();
        let found = mismatches(&site);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .3
                .starts_with("the translation has 1 Card component where the source (content/nb/om.mdx) has 2 Card components"),
            "{}",
            found[0].3
        );
        // The second component of the translation is where it parts from the source.
        assert_eq!((found[0].1, found[0].2), (Some(6), Some(1)));
    }
}
