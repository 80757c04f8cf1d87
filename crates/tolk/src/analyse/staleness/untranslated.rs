//! The `untranslated` state: a translation (no draft) whose text is still its source's.
//!
//! A translation is untranslated when more than half of the ordinary words of its text blocks
//! and translatable fields (title, description, ingress, menu names) are still in the source
//! language, and at least [`MIN_WORDS`] of them are: blocks and fields identical to the source's, or blocks that language identification
//! puts in the source language, judged as `untranslated-text` and `untranslated-field` judge
//! them ([`language::share`]). `tolk new` followed by deleting `draft: true` gives such a page.
//!
//! The state says nothing about the baseline: a translation still in the source's text is
//! untranslated whether its baseline is current (it would otherwise be up to date), absent
//! (unverified) or old (stale). Drafts stay drafts.
//!
//! Reading and judging every translation would cost `tolk status` far more than the states
//! themselves, so a cheap test goes first. Each source's body lines are hashed once (an index
//! shared by all its translations; a line's hash covers its length and its first and last
//! sixteen bytes); a translation of which less than a quarter (by bytes) of
//! the non-blank body lines are also lines of its source is translated, without further
//! reading. A translation with an empty body is read when a title, ingress or description is
//! the source's. Only the others, in practice pages copied from their source, are read into
//! blocks and put to language identification. A translation rewritten line by line in the
//! source language is thus taken as translated; `untranslated-text` still reports its blocks.
//! In MDX the JSX (ESM statements, component tags) is left out before the blocks are read: it
//! is the same in every language, the text inside components is not.

use std::collections::HashSet;

use rayon::prelude::*;

use crate::analyse::checks::lints::language::{self, MIN_WORDS, Share};
use crate::markdown::body::{Body, TextIndex, read_page};
use crate::model::{Page, Site};

/// Whether `share` makes a page untranslated: more than half of its words, and at least
/// [`MIN_WORDS`], are still in the source language.
pub fn is_untranslated_share(share: Share) -> bool {
    share.untranslated >= MIN_WORDS && share.untranslated * 2 > share.words
}

/// The paths of every tracked translation of `site` ([`Site::tracks`]) whose text is still its
/// source's.
pub fn untranslated_paths(site: &Site) -> HashSet<String> {
    let sources: Vec<&Page> = site.source_pages().filter(|p| p.front_ok).collect();
    sources
        .par_iter()
        .flat_map_iter(|source| {
            let translations: Vec<&Page> = tracked_translations(site, source).collect();
            let found: Vec<String> = if translations.is_empty() {
                Vec::new()
            } else {
                let judge = Judge::new(source);
                translations
                    .into_iter()
                    .filter(|t| judge.untranslated(site, t))
                    .map(|t| t.path.clone())
                    .collect()
            };
            found.into_iter()
        })
        .collect()
}

/// Whether the translation `page`, no draft, is still its source's text (false for source
/// pages, drafts and orphans).
pub fn is_untranslated(site: &Site, page: &Page) -> bool {
    page.is_tracked() && text_is_source(site, page)
}

/// Whether the text of the translation `page`, draft or not, is still its source's (false for
/// source pages and orphans).
pub fn text_is_source(site: &Site, page: &Page) -> bool {
    if page.locale == site.config.source_locale || !page.front_ok {
        return false;
    }
    match site.source_page(&page.key) {
        Some(source) if source.front_ok => Judge::new(source).untranslated(site, page),
        _ => false,
    }
}

/// Whether the translation `page`, no draft, is still the text of `source` (a version of its
/// source page, as the page was before an edit).
pub fn is_untranslated_against(site: &Site, page: &Page, source: &Page) -> bool {
    page.is_tracked()
        && page.front_ok
        && source.front_ok
        && page.locale != source.locale
        && Judge::new(source).untranslated(site, page)
}

/// The translations of `source` that are published: not drafts, readable, the page of their
/// locale and key.
fn tracked_translations<'a>(site: &'a Site, source: &'a Page) -> impl Iterator<Item = &'a Page> {
    site.translations(&source.key)
        .filter(move |p| p.locale != source.locale && p.front_ok && site.tracks(p))
}

/// A source page, ready to judge its translations: the hashes of its body lines, and (read
/// when a translation needs it) its blocks.
struct Judge<'a> {
    source: &'a Page,
    lines: Vec<u64>,
    read: std::sync::OnceLock<(Body, TextIndex)>,
}

impl<'a> Judge<'a> {
    fn new(source: &'a Page) -> Self {
        let mut lines: Vec<u64> = source.hashed_lines().1.map(|(hash, _)| hash).collect();
        lines.sort_unstable();
        lines.dedup();
        Judge {
            source,
            lines,
            read: std::sync::OnceLock::new(),
        }
    }

    /// Whether `page`'s lines are enough like the source's to be read and judged: a quarter
    /// of its body's bytes are in lines its source has. Stops as soon as that is decided.
    fn worth_reading(&self, page: &Page) -> bool {
        let (total, lines) = page.hashed_lines();
        let (mut same, mut seen, mut any) = (0usize, 0usize, false);
        for (hash, length) in lines {
            any = true;
            let length = length as usize;
            seen += length;
            if self.lines.binary_search(&hash).is_ok() {
                same += length;
                if same * 4 >= total {
                    return true;
                }
            } else if (same + total).saturating_sub(seen) * 4 < total {
                return false;
            }
        }
        if !any {
            // No body: the fields alone decide.
            return fields_as_source(page, self.source);
        }
        same * 4 >= total
    }

    fn untranslated(&self, site: &Site, page: &Page) -> bool {
        if !self.worth_reading(page) {
            return false;
        }
        let (source_body, index) = self.read.get_or_init(|| {
            let body = read(self.source);
            let index = TextIndex::new(&body);
            (body, index)
        });
        let body = read(page);
        is_untranslated_share(language::share(
            site,
            page,
            &body,
            self.source,
            source_body,
            index,
        ))
    }
}

/// The blocks of `page`'s body; for MDX, of its Markdown without the JSX syntax (ESM statements
/// and component tags are the same in every language; the text inside components and their
/// translatable props are not).
fn read(page: &Page) -> Body {
    read_page(page)
}

/// Whether some translatable field of `page` is the source's.
fn fields_as_source(page: &Page, source: &Page) -> bool {
    let same = |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(a), Some(b)) if !a.trim().is_empty() && a.trim() == b.trim());
    same(&page.front.title, &source.front.title)
        || same(&page.front.ingress, &source.front.ingress)
        || same(&page.front.description, &source.front.description)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_threshold_is_more_than_half_and_enough_words() {
        let share = |words, untranslated| Share {
            words,
            untranslated,
        };
        assert!(is_untranslated_share(share(100, 51)));
        assert!(!is_untranslated_share(share(100, 50)));
        assert!(!is_untranslated_share(share(5, 5)));
        assert!(is_untranslated_share(share(6, 6)));
    }
}
