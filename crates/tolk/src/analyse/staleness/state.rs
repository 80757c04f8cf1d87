//! Translation states: for each source page and target locale, whether the translation is up
//! to date, stale (with the diff of the source since its baseline), unverified, missing,
//! orphaned, a draft, or untranslated (still the source's text, whatever its baseline: see
//! [`untranslated`](super::untranslated)).

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::block_diff::{BlockReport, SourceChange};
use crate::diagnostics::{Code, codes};
use crate::git::{ObjectStore, Unavailable};
use crate::hash::normalize_newlines;
use crate::markdown::rendered::same_content;
use crate::model::{Page, Site};

/// The state of one translation (or its absence).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// The baseline is the current source (or differs from it only cosmetically).
    UpToDate,
    /// The source changed after the translation was last brought up to date.
    Stale,
    /// The translation records no baseline.
    Unverified,
    /// The source page has no translation in this locale.
    Missing,
    /// A translation whose key has no source page.
    Orphaned,
    /// A translation marked `draft: true`.
    Draft,
    /// A published translation whose text is still the source's: work to do, whatever its
    /// baseline.
    Untranslated,
}

impl State {
    /// The state's code in reports (`up-to-date`, `stale`, …).
    pub fn code(self) -> &'static str {
        match self {
            State::UpToDate => "up-to-date",
            State::Stale => "stale",
            State::Unverified => "unverified",
            State::Missing => "missing",
            State::Orphaned => "orphaned",
            State::Draft => "draft",
            State::Untranslated => "untranslated",
        }
    }

    /// The catalogue's code of the finding that reports this state (none for up to date).
    pub fn catalogue_code(self) -> Option<&'static Code> {
        match self {
            State::UpToDate => None,
            State::Stale => Some(&codes::STALE),
            State::Unverified => Some(&codes::UNVERIFIED),
            State::Missing => Some(&codes::MISSING),
            State::Orphaned => Some(&codes::ORPHANED),
            State::Draft => Some(&codes::DRAFT),
            State::Untranslated => Some(&codes::UNTRANSLATED),
        }
    }
}

/// The state of one key in one target locale, with what a report needs to explain it.
#[derive(Debug, Clone, Serialize)]
pub struct PairState {
    /// Translation key.
    pub key: String,
    /// Target locale.
    pub locale: String,
    /// The state.
    pub state: State,
    /// Section of the key (`kom-i-gang`, or `/` for top-level pages).
    pub section: String,
    /// Path of the translation, or where it belongs when missing.
    pub path: String,
    /// Path of the source page (none for orphans).
    pub source_path: Option<String>,
    /// The baseline the translation records.
    pub baseline: Option<String>,
    /// The source's current hash.
    pub source_hash: Option<String>,
    /// For stale: unified diff of the source from the baseline to now.
    pub diff: Option<String>,
    /// For stale: why there is no diff.
    pub diff_unavailable: Option<String>,
    /// Up to date although the hash differs: the source changed only cosmetically.
    pub cosmetic: bool,
    /// For stale with a diff: which blocks changed and where they are in the translation.
    pub blocks: Option<BlockReport>,
    /// For orphaned, in history mode: the rename in git that took its source away.
    pub renamed: Option<super::baseline::Renamed>,
    /// In history mode, which source change a stale translation has not seen, in words.
    pub stale_because: Option<String>,
}

impl PairState {
    /// The pair of `key` in `locale`, in `state`, its page at `path`: with nothing yet to
    /// explain it (no source, baseline, diff or rename).
    fn new(key: &str, locale: &str, state: State, section: &str, path: String) -> PairState {
        PairState {
            key: key.to_string(),
            locale: locale.to_string(),
            state,
            section: section.to_string(),
            path,
            source_path: None,
            baseline: None,
            source_hash: None,
            diff: None,
            diff_unavailable: None,
            cosmetic: false,
            blocks: None,
            renamed: None,
            stale_because: None,
        }
    }
}

/// Computes the state of every (source key, target locale) pair and every orphan, in
/// (locale, key) order. Baselines are read from `store` only where the hashes differ.
pub fn states(site: &Site, store: &mut dyn FnMut() -> ObjectStore) -> Vec<PairState> {
    states_with(site, store, true)
}

/// [`states`] without the diffs and block reports of stale pairs (whether a change is only
/// cosmetic is still decided): what coverage counts need, at a fraction of the cost.
pub fn states_without_diffs(site: &Site, store: &mut dyn FnMut() -> ObjectStore) -> Vec<PairState> {
    states_with(site, store, false)
}

fn states_with(site: &Site, store: &mut dyn FnMut() -> ObjectStore, diffs: bool) -> Vec<PairState> {
    let mut pending: Vec<usize> = Vec::new();
    // Classifying hashes every source page: in parallel, and in order.
    let sources: Vec<&Page> = site.source_pages().collect();
    let mut pairs = Vec::with_capacity(sources.len() * site.config.targets().count());
    for locale in site.config.targets() {
        let classified: Vec<PairState> = sources
            .par_iter()
            .map(|source| classify(site, source, &locale.code))
            .collect();
        for pair in classified {
            if pair.state == State::Stale {
                pending.push(pairs.len());
            }
            pairs.push(pair);
        }
        for page in site.pages_of(&locale.code) {
            if site.source_page(&page.key).is_none() {
                pairs.push(PairState {
                    baseline: page.front.source_hash.clone(),
                    ..PairState::new(
                        &page.key,
                        &locale.code,
                        State::Orphaned,
                        page.section(),
                        page.path.clone(),
                    )
                });
            }
        }
    }
    // Which translations are still their source's text does not depend on baselines: it is
    // worked out while git reads them, as a job of the thread pool: a worker that waits for it
    // takes on other work meanwhile (a plain thread waited for would keep a worker idle while
    // `tolk check` lints on the other).
    let published = pairs.iter().any(|p| judged(p.state));
    let mut untranslated = None;
    rayon::in_place_scope(|scope| {
        scope.spawn(|_| {
            untranslated = published.then(|| super::untranslated::untranslated_paths(site));
        });
        // Commit baselines and history mode decide what `classify` left unverified.
        let opened = super::baseline::resolve(site, &mut pairs, &mut pending, store);
        if !pending.is_empty() {
            resolve_stale(
                site,
                &mut pairs,
                &pending,
                opened.unwrap_or_else(store),
                diffs,
            );
        }
    });
    if let Some(untranslated) = untranslated {
        mark_untranslated(&mut pairs, &untranslated);
    }
    pairs
}

/// Whether a state is decided again by the text: a published translation with a source.
fn judged(state: State) -> bool {
    matches!(state, State::UpToDate | State::Unverified | State::Stale)
}

/// Turns the pairs whose translation is still the source's text into [`State::Untranslated`]:
/// up to date, unverified or stale, the text decides.
fn mark_untranslated(pairs: &mut [PairState], untranslated: &std::collections::HashSet<String>) {
    if untranslated.is_empty() {
        return;
    }
    for pair in pairs.iter_mut() {
        if judged(pair.state) && untranslated.contains(&pair.path) {
            pair.state = State::Untranslated;
        }
    }
}

fn classify(site: &Site, source: &Page, locale: &str) -> PairState {
    let translation = site.page(locale, &source.key);
    let path = match translation {
        Some(t) => t.path.clone(),
        None => site.translation_path(source, locale),
    };
    let baseline = translation.and_then(|t| t.front.source_hash.clone());
    let state = match translation {
        None => State::Missing,
        Some(t) if !t.is_tracked() => State::Draft,
        Some(_) => match &baseline {
            None => State::Unverified,
            Some(b) if *b == source.hash() => State::UpToDate,
            Some(_) => State::Stale,
        },
    };
    PairState {
        source_path: Some(source.path.clone()),
        baseline,
        source_hash: Some(source.hash().to_string()),
        ..PairState::new(&source.key, locale, state, source.section(), path)
    }
}

/// Reads each distinct baseline once and, as each arrives, decides cosmetic vs stale and
/// diffs: once per (source, baseline), shared by the translations that record that baseline.
fn resolve_stale(
    site: &Site,
    pairs: &mut [PairState],
    pending: &[usize],
    mut store: ObjectStore,
    diffs: bool,
) {
    // Baseline → source key → the pairs that record that baseline of that source.
    let mut by_baseline: BTreeMap<&str, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for &i in pending {
        if let Some(id) = pairs[i].baseline.as_deref() {
            by_baseline
                .entry(id)
                .or_default()
                .entry(&pairs[i].key)
                .or_default()
                .push(i);
        }
    }
    let ids: Vec<&str> = by_baseline.keys().copied().collect();
    let of_id: Vec<Vec<(&str, &[usize])>> = by_baseline
        .values()
        .map(|keys| {
            keys.iter()
                .map(|(&key, members)| (key, members.as_slice()))
                .collect()
        })
        .collect();
    let updates: std::sync::Mutex<Vec<(usize, Outcome)>> = std::sync::Mutex::new(Vec::new());
    let pairs_read: &[PairState] = pairs;
    // Each baseline is compared with its source as soon as git has given it, while git reads
    // the next.
    rayon::scope(|scope| {
        store.each_blob(&ids, |at, blob| {
            let (groups, updates) = (&of_id[at], &updates);
            scope.spawn(move |_| {
                let baseline = blob
                    .map(|bytes| String::from_utf8_lossy(&normalize_newlines(&bytes)).into_owned());
                let outcomes = baseline_outcomes(site, pairs_read, groups, &baseline, diffs);
                updates
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .extend(outcomes);
            });
        });
    });
    drop(store);
    let updates = updates
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for (i, outcome) in updates {
        let pair = &mut pairs[i];
        match outcome {
            Outcome::Cosmetic => {
                pair.state = State::UpToDate;
                pair.cosmetic = true;
            }
            Outcome::Changed(diff, blocks) => {
                pair.diff = Some(diff);
                pair.blocks = Some(blocks);
            }
            Outcome::Unavailable(reason) => pair.diff_unavailable = Some(reason),
            Outcome::Stale => {}
        }
    }
}

/// The outcome of each translation of `groups` (source keys and the pairs that record one
/// baseline of that source, whose text is `baseline`).
fn baseline_outcomes(
    site: &Site,
    pairs: &[PairState],
    groups: &[(&str, &[usize])],
    baseline: &Result<String, Unavailable>,
    diffs: bool,
) -> Vec<(usize, Outcome)> {
    let mut outcomes = Vec::new();
    for &(key, members) in groups {
        let Some(source) = site.source_page(key) else {
            continue;
        };
        let change = SourceVersions::new(source, baseline, diffs);
        for &i in members {
            if let Some(translation) = site.page(&pairs[i].locale, key) {
                outcomes.push((i, change.outcome(translation)));
            }
        }
    }
    outcomes
}

enum Outcome {
    Cosmetic,
    Changed(String, BlockReport),
    /// Changed, no diff asked for.
    Stale,
    Unavailable(String),
}

/// A source page against one baseline: what every translation recording that baseline shares.
enum SourceVersions {
    Unavailable(String),
    Cosmetic,
    Stale,
    Changed { diff: String, change: SourceChange },
}

impl SourceVersions {
    fn new(source: &Page, baseline: &Result<String, Unavailable>, diffs: bool) -> SourceVersions {
        let old = match baseline {
            Err(Unavailable(reason)) => return SourceVersions::Unavailable(reason.clone()),
            Ok(old) => old,
        };
        let normalized = normalize_newlines(source.text().as_bytes());
        let current = String::from_utf8_lossy(&normalized);
        if same_content(&source.path, old, &current) {
            SourceVersions::Cosmetic
        } else if !diffs {
            SourceVersions::Stale
        } else {
            SourceVersions::Changed {
                diff: unified_diff(&source.path, old, &current),
                change: SourceChange::new(old, &current),
            }
        }
    }

    fn outcome(&self, translation: &Page) -> Outcome {
        match self {
            SourceVersions::Unavailable(reason) => Outcome::Unavailable(reason.clone()),
            SourceVersions::Cosmetic => Outcome::Cosmetic,
            SourceVersions::Stale => Outcome::Stale,
            SourceVersions::Changed { diff, change } => {
                Outcome::Changed(diff.clone(), change.report(translation.text()))
            }
        }
    }
}

/// The unified diff (3 lines of context) from `old` to `new` of the file at `path`.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{ROOT, SiteBuilder};

    /// A source text long enough for the untranslated check to judge.
    const SOURCE_BODY: &str = "MinID er en personlig elektronisk ID som gir deg tilgang til offentlige \
        tjenester på nett. Du kan bestille MinID fra du er tretten år, og du trenger et \
        fødselsnummer og en mobiltelefon for å ta den i bruk.\n";

    /// The states of `site`, the object store opened at the (absent) site root: a baseline
    /// text cannot be read there.
    fn states_of(site: &Site) -> Vec<PairState> {
        states(site, &mut || ObjectStore::open(std::path::Path::new(ROOT)))
    }

    /// The state of the pair of `locale` and `key`.
    fn state<'a>(pairs: &'a [PairState], locale: &str, key: &str) -> &'a PairState {
        pairs
            .iter()
            .find(|p| p.locale == locale && p.key == key)
            .unwrap_or_else(|| panic!("no pair {locale}/{key} in {pairs:#?}"))
    }

    #[test]
    fn each_pair_gets_its_state() {
        let builder = SiteBuilder::new()
            .page("nb", "om", "title: Om MinID\n", SOURCE_BODY)
            .page("nb", "kontakt", "title: Kontakt\n", "Ring oss.\n");
        let om = builder.hash_of("nb", "om");
        let kontakt = builder.hash_of("nb", "kontakt");
        let other = "0123456789abcdef0123456789abcdef01234567";
        assert_ne!(other, om);
        let site = builder
            .page(
                "en",
                "om",
                &format!("title: About MinID\nl10n:\n  source_hash: {om}\n"),
                "MinID is a personal electronic ID.\n",
            )
            .page(
                "en",
                "kontakt",
                &format!("title: Contact\nl10n:\n  source_hash: {other}\n"),
                "Call us.\n",
            )
            .page(
                "nn",
                "om",
                "title: Om MinID\n",
                "MinID er ein personleg elektronisk ID.\n",
            )
            .page(
                "nn",
                "kontakt",
                &format!("title: Kontakt\ndraft: true\nl10n:\n  source_hash: {kontakt}\n"),
                "Ring oss.\n",
            )
            .page("en", "gammel", "title: Old\n", "Gone.\n")
            .build();
        let pairs = states_of(&site);
        assert_eq!(pairs.len(), 5, "{pairs:#?}");
        assert_eq!(state(&pairs, "en", "om").state, State::UpToDate);
        assert_eq!(
            state(&pairs, "en", "om").baseline.as_deref(),
            Some(om.as_str())
        );
        assert_eq!(state(&pairs, "nn", "om").state, State::Unverified);
        assert_eq!(state(&pairs, "nn", "kontakt").state, State::Draft);
        let orphan = state(&pairs, "en", "gammel");
        assert_eq!(orphan.state, State::Orphaned);
        assert_eq!(orphan.source_path, None);
        // Stale: the recorded baseline is not the source's hash, and its text cannot be read
        // here, so the pair says why there is no diff.
        let stale = state(&pairs, "en", "kontakt");
        assert_eq!(stale.state, State::Stale);
        assert_eq!(stale.source_hash.as_deref(), Some(kontakt.as_str()));
        assert_eq!(stale.diff, None);
        assert!(stale.diff_unavailable.is_some(), "{stale:#?}");
    }

    #[test]
    fn a_missing_translation_is_where_it_belongs() {
        let site = SiteBuilder::new()
            .page("nb", "om", "title: Om\n", "Tekst.\n")
            .page("en", "om", "title: About\n", "Text.\n")
            .build();
        let pairs = states_of(&site);
        let missing = state(&pairs, "nn", "om");
        assert_eq!(missing.state, State::Missing);
        assert_eq!(missing.path, "content/nn/om.md");
        assert_eq!(missing.source_path.as_deref(), Some("content/nb/om.md"));
        assert_eq!(missing.baseline, None);
        assert_eq!(state(&pairs, "en", "om").state, State::Unverified);
    }

    #[test]
    fn a_translation_still_in_the_source_text_is_untranslated_whatever_its_baseline() {
        let builder = SiteBuilder::new().page("nb", "om", "title: Om MinID\n", SOURCE_BODY);
        let hash = builder.hash_of("nb", "om");
        let site = builder
            .page(
                "en",
                "om",
                &format!("title: About MinID\nl10n:\n  source_hash: {hash}\n"),
                SOURCE_BODY,
            )
            .page("nn", "om", "title: Om MinID\n", SOURCE_BODY)
            .build();
        let pairs = states_of(&site);
        assert_eq!(state(&pairs, "en", "om").state, State::Untranslated);
        assert_eq!(state(&pairs, "nn", "om").state, State::Untranslated);
        // A draft is work in progress, not untranslated.
        let site = SiteBuilder::new()
            .page("nb", "om", "title: Om MinID\n", SOURCE_BODY)
            .page("nn", "om", "title: Om MinID\ndraft: true\n", SOURCE_BODY)
            .build();
        assert_eq!(state(&states_of(&site), "nn", "om").state, State::Draft);
    }

    #[test]
    fn pairs_come_in_target_locale_then_key_order() {
        let site = SiteBuilder::new()
            .page("nb", "b", "title: B\n", "B.\n")
            .page("nb", "a", "title: A\n", "A.\n")
            .build();
        let order: Vec<(String, String)> =
            states_without_diffs(&site, &mut || ObjectStore::open(std::path::Path::new(ROOT)))
                .into_iter()
                .map(|p| (p.locale, p.key))
                .collect();
        let pair = |l: &str, k: &str| (l.to_string(), k.to_string());
        assert_eq!(
            order,
            [
                pair("nn", "a"),
                pair("nn", "b"),
                pair("en", "a"),
                pair("en", "b")
            ]
        );
    }

    #[test]
    fn state_codes_are_the_report_names() {
        let codes: Vec<&str> = [
            State::UpToDate,
            State::Stale,
            State::Unverified,
            State::Missing,
            State::Orphaned,
            State::Draft,
            State::Untranslated,
        ]
        .into_iter()
        .map(State::code)
        .collect();
        assert_eq!(
            codes,
            [
                "up-to-date",
                "stale",
                "unverified",
                "missing",
                "orphaned",
                "draft",
                "untranslated"
            ]
        );
    }
}
