//! What a translator has to do for one locale, page by page: the plan `tolk export` writes out
//! and `tolk import` carries out.
//!
//! - a **missing** translation, a **draft**, or a translation still in the source's words
//!   ([`is_untranslated`]): every segment of the source;
//! - a **stale** translation: only the segments of the units that changed since its baseline,
//!   each with the previous source text and the current translation of the matching unit. The
//!   translation's body must have the baseline's block structure (else it is skipped, with the
//!   reason), so that each changed unit has its place in the translation;
//! - an up-to-date translation: nothing.
//!
//! Segments whose source text has an up-to-date translation elsewhere in the site come filled
//! from [`super::memory`].

use std::collections::BTreeMap;
use std::ops::Range;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::memory::Memory;
use super::segments::{self, Piece, Segment, Segmented, Unit};
use crate::analyse::staleness::state::{self, PairState, State};
use crate::error::{Error, Result};
use crate::git::ObjectStore;
use crate::hash::normalize_newlines;
use crate::markdown::rendered::same_content;
use crate::model::{Page, Site};

/// What the translator does with a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mode {
    /// The translation does not exist: import creates it.
    Create,
    /// A draft or untranslated translation: every segment, import rewrites its body.
    Whole,
    /// A stale translation: import replaces the changed units only.
    Update,
}

impl Mode {
    /// Its name in exported files (`create`, `whole`, `update`).
    pub fn code(self) -> &'static str {
        match self {
            Mode::Create => "create",
            Mode::Whole => "whole",
            Mode::Update => "update",
        }
    }
}

/// One segment to translate.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The source segment.
    pub segment: Segment,
    /// For a changed unit: the segment's text in the source at the baseline.
    pub previous: Option<String>,
    /// For a changed unit: the current translation of the matching segment.
    pub current: Option<String>,
    /// A translation of the same source text from an up-to-date page of the site.
    pub memory: Option<Vec<Piece>>,
}

/// How a stale translation changes: edits of its text, in the current source's units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Replace this range of the translation with source unit `unit`, translated.
    Replace {
        /// Range in the translation.
        at: Range<usize>,
        /// Index of the unit in the current source.
        unit: usize,
    },
    /// Insert source unit `unit`, translated, at this offset, between `before` and `after`.
    Insert {
        /// Offset in the translation.
        at: usize,
        /// Index of the unit in the current source.
        unit: usize,
        /// Text before the unit (a blank line).
        before: String,
        /// Text after the unit.
        after: String,
    },
    /// Insert a top-level front-matter field `name:` with source unit `unit`'s value.
    InsertField {
        /// Offset in the translation (the start of the closing fence).
        at: usize,
        /// The field name.
        name: String,
        /// Index of the unit in the current source.
        unit: usize,
    },
    /// Remove this range of the translation.
    Delete {
        /// Range in the translation.
        range: Range<usize>,
    },
}

/// The work on one page.
#[derive(Debug, Clone)]
pub struct PageWork {
    /// Translation key.
    pub key: String,
    /// Path of the source page.
    pub source_path: String,
    /// Path of the translation (where it belongs when missing).
    pub target_path: String,
    /// What to do.
    pub mode: Mode,
    /// The source's hash at export (the baseline import records).
    pub source_hash: String,
    /// The translation's recorded baseline (stale pages).
    pub baseline: Option<String>,
    /// The segments to translate, in page order.
    pub entries: Vec<Entry>,
    /// For [`Mode::Update`]: the edits of the translation.
    pub edits: Vec<Edit>,
    /// For [`Mode::Update`]: segments of changed units whose own text did not change, kept
    /// as the translation has them (segment id → range in the translation).
    pub kept: BTreeMap<String, Range<usize>>,
    /// The current source, cut into units.
    pub source: Segmented,
    /// Words of the page's segments that need no work.
    pub unchanged_words: usize,
}

/// The work for one locale.
#[derive(Debug, Clone)]
pub struct Work {
    /// Target locale code.
    pub locale: String,
    /// Source locale code.
    pub source_locale: String,
    /// Pages with work, in source-path order.
    pub pages: Vec<PageWork>,
    /// Pages left out, with the reason (path, reason).
    pub skipped: Vec<(String, String)>,
    /// Words of pages in scope that need no work (up to date, or unchanged units).
    pub unchanged_words: usize,
}

/// Word counts a quote is made from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Pages with work.
    pub pages: usize,
    /// Segments exported.
    pub segments: usize,
    /// Words of segments without a memory match.
    pub words_new: usize,
    /// Segments filled from memory.
    pub memory_segments: usize,
    /// Words of segments filled from memory.
    pub words_memory: usize,
    /// Words that need no work.
    pub words_unchanged: usize,
}

impl Work {
    /// The word counts.
    pub fn stats(&self) -> Stats {
        let mut stats = Stats {
            pages: self.pages.len(),
            words_unchanged: self.unchanged_words,
            ..Stats::default()
        };
        for entry in self.pages.iter().flat_map(|p| &p.entries) {
            stats.segments += 1;
            let words = entry.segment.words();
            if entry.memory.is_some() {
                stats.memory_segments += 1;
                stats.words_memory += words;
            } else {
                stats.words_new += words;
            }
        }
        stats
    }
}

/// Whether `translation` renders exactly as its source: a copy too short for the `untranslated`
/// state's language identification is still a whole page to translate.
pub fn is_untranslated(source: &Page, translation: &Page) -> bool {
    same_content(&translation.path, source.body(), translation.body())
}

/// The translation states of every pair, once.
pub fn pair_states(site: &Site) -> Vec<PairState> {
    state::states_without_diffs(site, &mut || ObjectStore::open(&site.root))
}

/// The work for `locale`, for every source page or those with the keys in `only`.
pub fn work(site: &Site, locale: &str, only: Option<&[String]>) -> Result<Work> {
    let pairs = pair_states(site);
    work_with(site, locale, only, &pairs)
}

/// [`work`] with the translation states already computed.
pub fn work_with(
    site: &Site,
    locale: &str,
    only: Option<&[String]>,
    pairs: &[PairState],
) -> Result<Work> {
    let target = site
        .config
        .locale(locale)
        .ok_or_else(|| Error::Usage(format!("`{locale}` is not a locale of this site")))?;
    if target.code == site.config.source_locale {
        return Err(Error::Usage(format!(
            "`{locale}` is the source locale; export for a target locale"
        )));
    }
    let fields = &site.config.translate_fields;
    let memory = Memory::build(site, &target.code, pairs);
    let mut store: Option<ObjectStore> = None;
    let mut work = Work {
        locale: target.code.clone(),
        source_locale: site.config.source_locale.clone(),
        pages: Vec::new(),
        skipped: Vec::new(),
        unchanged_words: 0,
    };
    let mut selected: Vec<&PairState> = pairs
        .iter()
        .filter(|p| p.locale == target.code && p.source_path.is_some())
        .filter(|p| only.is_none_or(|keys| keys.contains(&p.key)))
        .collect();
    selected.sort_by(|a, b| a.source_path.cmp(&b.source_path));
    for pair in selected {
        let Some(source) = site.source_page(&pair.key) else {
            continue;
        };
        let translation = site.page(&target.code, &pair.key);
        let current = segments::segment(&source.path, source.text(), fields);
        let all_words: usize = current.segments().map(Segment::words).sum();
        let mode = match (pair.state, translation) {
            (State::Missing, _) => Mode::Create,
            (State::Draft | State::Untranslated, Some(_)) => Mode::Whole,
            (State::Unverified, Some(t)) if is_untranslated(source, t) => Mode::Whole,
            (State::Stale, Some(t)) if is_untranslated(source, t) => Mode::Whole,
            (State::Stale, Some(_)) => Mode::Update,
            (State::Unverified, Some(_)) => {
                work.skipped.push((
                    pair.path.clone(),
                    "it records no baseline, so what changed is unknown: bring it up to date and run `tolk mark`".into(),
                ));
                continue;
            }
            _ => {
                work.unchanged_words += all_words;
                continue;
            }
        };
        let mut page = PageWork {
            key: pair.key.clone(),
            source_path: source.path.clone(),
            target_path: pair.path.clone(),
            mode,
            source_hash: source.hash().to_string(),
            baseline: pair.baseline.clone(),
            entries: Vec::new(),
            edits: Vec::new(),
            kept: BTreeMap::new(),
            source: current,
            unchanged_words: 0,
        };
        if mode == Mode::Update {
            let (Some(translation), Some(baseline)) = (translation, pair.baseline.as_deref())
            else {
                continue;
            };
            let store = store.get_or_insert_with(|| ObjectStore::open(&site.root));
            let old = match store.blob(baseline) {
                Ok(bytes) => String::from_utf8_lossy(&normalize_newlines(&bytes)).into_owned(),
                Err(reason) => {
                    work.skipped.push((
                        pair.path.clone(),
                        format!("its baseline cannot be read: {}", reason.0),
                    ));
                    continue;
                }
            };
            if let Err(reason) = plan_update(&mut page, source.text(), &old, translation, fields) {
                work.skipped.push((pair.path.clone(), reason));
                continue;
            }
        } else {
            page.entries = page
                .source
                .segments()
                .map(|s| Entry {
                    segment: s.clone(),
                    previous: None,
                    current: None,
                    memory: None,
                })
                .collect();
        }
        for entry in &mut page.entries {
            entry.memory = memory.lookup(&entry.segment, &pair.key);
        }
        let exported: usize = page.entries.iter().map(|e| e.segment.words()).sum();
        page.unchanged_words = all_words.saturating_sub(exported);
        work.unchanged_words += page.unchanged_words;
        work.pages.push(page);
    }
    Ok(work)
}

/// The units of the translation matching the baseline's body units, by position.
fn body_units(s: &Segmented) -> Vec<&Unit> {
    s.body().collect()
}

/// Plans the update of a stale translation: the changed units' segments and the edits.
fn plan_update(
    page: &mut PageWork,
    source_text: &str,
    baseline: &str,
    translation: &Page,
    fields: &[String],
) -> std::result::Result<(), String> {
    let old = segments::segment(&page.source_path, baseline, fields);
    let ours = segments::segment(&translation.path, translation.text(), fields);
    let new = &page.source;
    let old_body = body_units(&old);
    let our_body = body_units(&ours);
    let same_shape = old_body.len() == our_body.len()
        && old_body
            .iter()
            .zip(&our_body)
            .all(|(a, b)| a.kind == b.kind);
    let mut entries = Vec::new();
    let mut edits = Vec::new();
    let mut kept = BTreeMap::new();
    let texts = Texts {
        old: baseline,
        new: source_text,
    };
    // Fields, by id.
    for (index, unit) in new.units.iter().enumerate().filter(|(_, u)| u.is_field) {
        let before = old.field(&unit.id);
        if before.is_some_and(|b| b.key == unit.key) {
            continue;
        }
        let mine = ours.field(&unit.id);
        push_entries(&mut entries, &mut kept, &texts, unit, before, mine);
        match mine {
            Some(mine) => edits.push(Edit::Replace {
                at: mine.range.clone(),
                unit: index,
            }),
            None => {
                let name = unit.id.trim_start_matches("field.");
                if name.contains('.') {
                    return Err(format!(
                        "the source has the field `{name}`, which the translation lacks: add it by hand first"
                    ));
                }
                let Some(fence) = closing_fence(translation.text()) else {
                    return Err("its front matter cannot be edited".into());
                };
                edits.push(Edit::InsertField {
                    at: fence,
                    name: name.to_string(),
                    unit: index,
                });
            }
        }
    }
    // Body units, by a diff of the baseline's and the current source's.
    let first_body = new.units.iter().position(|u| !u.is_field).unwrap_or(0);
    let new_body: Vec<&Unit> = new.body().collect();
    let old_keys: Vec<&str> = old_body.iter().map(|u| u.key.as_str()).collect();
    let new_keys: Vec<&str> = new_body.iter().map(|u| u.key.as_str()).collect();
    let ops = capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys);
    let changed = ops.iter().any(|op| !matches!(op, DiffOp::Equal { .. }));
    if changed && !same_shape {
        return Err(format!(
            "its blocks do not match those of the source it was translated from ({} against {}): update it by hand (`tolk diff {}`)",
            our_body.len(),
            old_body.len(),
            translation.path
        ));
    }
    let text = &translation.text();
    for op in &ops {
        if let DiffOp::Equal { .. } = op {
            continue;
        }
        let (old_range, new_range) = (op.old_range(), op.new_range());
        let paired = old_range.len().min(new_range.len());
        for (i, j) in old_range.clone().zip(new_range.clone()) {
            push_entries(
                &mut entries,
                &mut kept,
                &texts,
                new_body[j],
                Some(old_body[i]),
                Some(our_body[i]),
            );
            edits.push(Edit::Replace {
                at: our_body[i].range.clone(),
                unit: first_body + j,
            });
        }
        for i in old_range.clone().skip(paired) {
            let range = match i.checked_sub(1) {
                Some(p) => our_body[p].range.end..our_body[i].range.end,
                None => {
                    our_body[i].range.start..our_body.get(1).map_or(text.len(), |n| n.range.start)
                }
            };
            edits.push(Edit::Delete { range });
        }
        let after_old = (old_range.start + paired).checked_sub(1);
        for j in new_range.clone().skip(paired) {
            push_entries(&mut entries, &mut kept, &texts, new_body[j], None, None);
            let (at, before, after) = match after_old {
                Some(i) => {
                    let end = our_body[i].range.end;
                    let gap = j
                        .checked_sub(1)
                        .map_or("", |p| between(source_text, new_body[p], new_body[j]));
                    let newline = if text[..end].ends_with('\n') || gap.starts_with('\n') {
                        ""
                    } else {
                        "\n"
                    };
                    (end, format!("{newline}{gap}"), String::new())
                }
                None => {
                    let at = our_body.first().map_or(text.len(), |u| u.range.start);
                    let gap = match (our_body.is_empty(), new_body.get(j + 1)) {
                        (false, Some(next)) => between(source_text, new_body[j], next),
                        _ => "",
                    };
                    (at, String::new(), gap.to_string())
                }
            };
            edits.push(Edit::Insert {
                at,
                unit: first_body + j,
                before,
                after,
            });
        }
    }
    page.entries = entries;
    page.edits = edits;
    page.kept = kept;
    Ok(())
}

/// The source text between two units (a line break, a blank line).
fn between<'t>(text: &'t str, before: &Unit, after: &Unit) -> &'t str {
    text.get(before.range.end..after.range.start).unwrap_or("")
}

/// The baseline's and the current source's text.
struct Texts<'t> {
    old: &'t str,
    new: &'t str,
}

/// Entries for the segments of `unit`, with the baseline's and the translation's matching
/// segments as context; a segment whose text (Markdown included) is the baseline's, in a unit
/// whose segments all match up, is kept as the translation has it instead.
fn push_entries(
    entries: &mut Vec<Entry>,
    kept: &mut BTreeMap<String, Range<usize>>,
    texts: &Texts<'_>,
    unit: &Unit,
    old: Option<&Unit>,
    ours: Option<&Unit>,
) {
    let aligned = match (old, ours) {
        (Some(o), Some(t)) => {
            o.segments.len() == unit.segments.len() && t.segments.len() == unit.segments.len()
        }
        _ => false,
    };
    let collapse = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let context = |other: Option<&Unit>, m: usize| -> Option<String> {
        let other = other?;
        if other.segments.len() == unit.segments.len() {
            other.segments.get(m).map(Segment::marked)
        } else if other.segments.is_empty() {
            None
        } else {
            Some(
                other
                    .segments
                    .iter()
                    .map(Segment::marked)
                    .collect::<Vec<_>>()
                    .join(" / "),
            )
        }
    };
    for (m, segment) in unit.segments.iter().enumerate() {
        if aligned
            && let (Some(o), Some(t)) = (old, ours)
            && let (Some(before), Some(mine)) = (o.segments.get(m), t.segments.get(m))
            && texts.old.get(before.range.clone()).map(collapse)
                == texts.new.get(segment.range.clone()).map(collapse)
        {
            kept.insert(segment.id.clone(), mine.range.clone());
            continue;
        }
        entries.push(Entry {
            segment: segment.clone(),
            previous: context(old, m),
            current: context(ours, m),
            memory: None,
        });
    }
}

/// The offset of the closing front-matter fence's line.
fn closing_fence(text: &str) -> Option<usize> {
    let split = crate::load::frontmatter::split(text).ok()?;
    split
        .has_front_matter
        .then_some(split.yaml_offset + split.yaml.len())
}

/// Translations per segment id.
pub type Targets = BTreeMap<String, Vec<Piece>>;

/// `text[range]` with the segments inside it replaced by their translations, or by the text
/// in `verbatim` (segment id → text written as it is).
pub fn render_range<'a>(
    text: &str,
    range: Range<usize>,
    segments: impl IntoIterator<Item = &'a Segment>,
    targets: &Targets,
    verbatim: &BTreeMap<String, String>,
) -> String {
    let mut out = String::new();
    let mut cursor = range.start;
    for segment in segments {
        if segment.range.start < cursor || segment.range.end > range.end {
            continue;
        }
        out.push_str(&text[cursor..segment.range.start]);
        match (targets.get(&segment.id), verbatim.get(&segment.id)) {
            (Some(target), _) => out.push_str(&segment.render(target)),
            (None, Some(kept)) => out.push_str(kept),
            (None, None) => out.push_str(&text[segment.range.clone()]),
        }
        cursor = segment.range.end;
    }
    out.push_str(&text[cursor..range.end]);
    out
}
