//! `structure-mismatch`: a translation whose block structure (headings, list items, tables,
//! code blocks, links) differs from its source's, a hint of a partial translation.
//!
//! The counts per kind decide whether to report; the place is the first mark (in document
//! order) where the two sequences part, so the translator lands where to start looking.
//! Links to pages that have no published page in the translation's locale are not counted on
//! either side: a translator may drop such a link, keep it (marked as another language), or
//! replace it by a link to a related page that is translated.

use super::blocks::{Body, Mark};
use super::body_place;
use super::links::{UrlIndex, internal_target};
use crate::analyse::{Finding, codes};
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
    if differing.is_empty() {
        return None;
    }
    let describe = |pick: fn(&(Mark, usize, usize)) -> usize| {
        differing
            .iter()
            .map(|d| {
                let n = pick(d);
                let (one, many) = d.0.names();
                format!("{n} {}", if n == 1 { one } else { many })
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let message = format!(
        "the translation has {} where the source ({}) has {}: part of the page may be untranslated \
         or the source may have grown",
        describe(|d| d.1),
        source.path,
        describe(|d| d.2)
    );
    let ours: Vec<Mark> = marks.iter().map(|(m, _)| *m).collect();
    let theirs: Vec<Mark> = source_marks.iter().map(|(m, _)| *m).collect();
    let parting = ours.iter().zip(&theirs).position(|(a, b)| a != b);
    let offset = match parting {
        Some(i) => marks[i].1,
        None if ours.len() > theirs.len() => marks[theirs.len()].1,
        // The translation stops early: point at its end.
        None => page.body().trim_end().len(),
    };
    let (line, column) = body_place(page, offset);
    Some(
        codes::finding("structure-mismatch", page.path.clone(), message)
            .locale(page.locale.clone())
            .key(page.key.clone())
            .at(Some(line), Some(column)),
    )
}
