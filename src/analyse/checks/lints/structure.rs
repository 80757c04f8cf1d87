//! `structure-mismatch`: a translation whose block structure (headings, list items, tables,
//! code blocks, links, and in MDX the components of each name) differs from its source's, a
//! hint of a partial translation.
//!
//! The counts per kind decide whether to report; the place is the first mark (in document
//! order) where the two sequences part, so the translator lands where to start looking.
//! Links to pages that have no published page in the translation's locale are not counted on
//! either side: a translator may drop such a link, keep it (marked as another language), or
//! replace it by a link to a related page that is translated.

use std::collections::BTreeMap;

use super::body_place;
use super::links::{UrlIndex, internal_target};
use crate::diagnostics::{Finding, codes};
use crate::markdown::body::{Body, Component, Mark};
use crate::model::Page;

/// The marks of `body` without the links that cannot be mirrored: internal links to pages
/// that have no published page in `locale` (one side may link the other language's page, the
/// other drop the link; both are fine).
fn comparable(index: &UrlIndex<'_>, body: &Body, locale: &str) -> Vec<(Mark, usize)> {
    let mut links = body.links.iter();
    let mut marks = body.marks.clone();
    marks.retain(|(mark, _)| {
        if *mark != Mark::Link {
            return true;
        }
        let Some(link) = links.next() else {
            return true;
        };
        let Some(target) = internal_target(&link.dest) else {
            return true;
        };
        match index.published_translation(target, locale) {
            Some(translation) => translation.is_some(),
            None => true,
        }
    });
    marks
}

/// How many of `marks` are of `kind`.
fn count(marks: &[(Mark, usize)], kind: Mark) -> usize {
    marks.iter().filter(|(m, _)| *m == kind).count()
}

/// How many component names a message names; the others are counted together.
const NAMED_COMPONENTS: usize = 4;

/// How many components of each name.
fn component_counts(components: &[Component]) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for c in components {
        *counts.entry(c.name.as_str()).or_insert(0) += 1;
    }
    counts
}

/// The component names whose counts differ: (name, ours, the source's), by name.
fn differing_components<'a>(
    ours: &'a [Component],
    theirs: &'a [Component],
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

/// The `structure-mismatch` finding of a translation, if its counts differ from the source's.
pub fn findings(
    index: &UrlIndex<'_>,
    page: &Page,
    body: &Body,
    source: &Page,
    source_body: &Body,
) -> Option<Finding> {
    let marks = comparable(index, body, &page.locale);
    let all_source_links = source_body.count(Mark::Link);
    let source_marks = comparable(index, source_body, &page.locale);
    // A link the translator could not mirror may have been replaced by one to a related page
    // that is translated: that many extra links are fine.
    let replaceable = all_source_links - count(&source_marks, Mark::Link);
    let differing: Vec<(Mark, usize, usize)> = Mark::ALL
        .iter()
        .map(|&m| (m, count(&marks, m), count(&source_marks, m)))
        .filter(|&(m, ours, theirs)| match m {
            Mark::Link => ours < theirs || ours > theirs + replaceable,
            _ => ours != theirs,
        })
        .collect();
    let mut components = differing_components(&body.components, &source_body.components);
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
        let ours: Vec<(&str, usize)> = body
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.offset))
            .collect();
        let theirs: Vec<&str> = source_body
            .components
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        parting(page, &ours, &theirs)
    } else {
        let theirs: Vec<Mark> = source_marks.iter().map(|(m, _)| *m).collect();
        parting(page, &marks, &theirs)
    };
    let (line, column) = body_place(page, offset);
    Some(
        Finding::new(&codes::STRUCTURE_MISMATCH, page.path.clone(), message)
            .locale(page.locale.clone())
            .key(page.key.clone())
            .at(Some(line), Some(column)),
    )
}

/// The offset in the translation where its sequence (of marks or component names, with
/// offsets) first parts from the source's: the first that differs, the first extra one, or
/// where the translation ends when it stops early.
fn parting<T: PartialEq>(page: &Page, ours: &[(T, usize)], theirs: &[T]) -> usize {
    let parting = ours.iter().zip(theirs).position(|((a, _), b)| a != b);
    match parting {
        Some(i) => ours[i].1,
        None if ours.len() > theirs.len() => ours[theirs.len()].1,
        // The translation stops early: point at its end.
        None => page.body().trim_end().len(),
    }
}
