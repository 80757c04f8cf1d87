//! A translation memory made from the site itself: the segments of every up-to-date
//! translation, paired with its source's segments, keyed by the source text.
//!
//! A page pairs with its translation where their bodies have the same units (kind by kind)
//! and each unit the same number of segments; a segment pairs where both have the same
//! placeholders (kind and order). Built once per export, first page (by key) wins.

use std::collections::BTreeMap;

use super::segments::{self, Piece, Segment, Segmented};
use crate::analyse::staleness::state::{PairState, State};
use crate::model::Site;

/// Source text → (key of the page it comes from, translation).
#[derive(Debug, Default)]
pub struct Memory {
    entries: BTreeMap<String, (String, Vec<Piece>)>,
}

impl Memory {
    /// The memory for target locale `locale`, from the up-to-date pairs among `pairs`.
    pub fn build(site: &Site, locale: &str, pairs: &[PairState]) -> Memory {
        let fields = &site.config.translate_fields;
        let mut memory = Memory::default();
        let mut up_to_date: Vec<&PairState> = pairs
            .iter()
            .filter(|p| p.locale == locale && p.state == State::UpToDate)
            .collect();
        up_to_date.sort_by(|a, b| a.key.cmp(&b.key));
        for pair in up_to_date {
            let (Some(source), Some(translation)) =
                (site.source_page(&pair.key), site.page(locale, &pair.key))
            else {
                continue;
            };
            let ours = segments::segment(&source.path, source.text(), fields);
            let theirs = segments::segment(&translation.path, translation.text(), fields);
            memory.add(&pair.key, &ours, &theirs);
        }
        memory
    }

    fn add(&mut self, key: &str, source: &Segmented, translation: &Segmented) {
        let mut pairs: Vec<(&Segment, &Segment)> = Vec::new();
        for unit in source.units.iter().filter(|u| u.is_field) {
            if let Some(theirs) = translation.field(&unit.id) {
                pairs.extend(unit.segments.iter().zip(&theirs.segments));
            }
        }
        let a: Vec<_> = source.body().collect();
        let b: Vec<_> = translation.body().collect();
        if a.len() == b.len()
            && a.iter()
                .zip(&b)
                .all(|(x, y)| x.kind == y.kind && x.segments.len() == y.segments.len())
        {
            for (x, y) in a.iter().zip(&b) {
                pairs.extend(x.segments.iter().zip(&y.segments));
            }
        }
        for (s, t) in pairs {
            let compatible = s.placeholders.len() == t.placeholders.len()
                && s.placeholders
                    .iter()
                    .zip(&t.placeholders)
                    .all(|(p, q)| p.paired == q.paired && p.ctype == q.ctype);
            if compatible && segments::has_text(&t.pieces) {
                self.entries
                    .entry(s.marked())
                    .or_insert_with(|| (key.to_string(), t.pieces.clone()));
            }
        }
    }

    /// A translation of `segment`'s exact source text from a page other than `key`.
    pub fn lookup(&self, segment: &Segment, key: &str) -> Option<Vec<Piece>> {
        self.entries
            .get(&segment.marked())
            .filter(|(from, _)| from != key)
            .map(|(_, pieces)| pieces.clone())
    }

    /// How many source texts it knows.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it knows none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_matching_segments_only() {
        let source = segments::segment(
            "a.md",
            "---\ntitle: Om\n---\n## Hei\n\nLes `x` her.\n",
            &["title".into()],
        );
        let translation = segments::segment(
            "b.md",
            "---\ntitle: About\n---\n## Hi\n\nRead it here.\n",
            &["title".into()],
        );
        let mut memory = Memory::default();
        memory.add("om", &source, &translation);
        assert_eq!(memory.len(), 2, "the paragraph lost its code span");
        let hei = source.segments().nth(1).unwrap();
        assert_eq!(
            memory.lookup(hei, "other"),
            Some(vec![Piece::Text("Hi".into())])
        );
        assert_eq!(memory.lookup(hei, "om"), None, "not from the page itself");
    }
}
