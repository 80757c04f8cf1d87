//! Analysis: translation states and the findings that explain them, plus the coverage summary.
//!
//! Input is a loaded [`Site`]; output an [`Analysis`] that every report format reads.

pub mod checks;
pub mod staleness;

use std::collections::BTreeMap;

use serde::Serialize;

pub use staleness::state::{PairState, State};

use crate::diagnostics::{Finding, Severity, sort_findings};
use crate::model::Site;

/// Counts of keys per state for one locale (the JSON report's `summary` entry).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Source pages: the denominator of coverage.
    pub pages: usize,
    /// Keys whose translation is up to date.
    pub up_to_date: usize,
    /// Keys whose translation is stale.
    pub stale: usize,
    /// Keys whose translation records no baseline.
    pub unverified: usize,
    /// Keys with no translation.
    pub missing: usize,
    /// Translations without a source page.
    pub orphaned: usize,
    /// Translations marked as drafts.
    pub draft: usize,
    /// Translations whose text is still the source's.
    pub untranslated: usize,
}

impl Counts {
    fn add(&mut self, state: State) {
        match state {
            State::UpToDate => self.up_to_date += 1,
            State::Stale => self.stale += 1,
            State::Unverified => self.unverified += 1,
            State::Missing => self.missing += 1,
            State::Orphaned => self.orphaned += 1,
            State::Draft => self.draft += 1,
            State::Untranslated => self.untranslated += 1,
        }
        if state != State::Orphaned {
            self.pages += 1;
        }
    }

    /// Share of source pages with an up-to-date translation, 0.0–1.0.
    pub fn coverage(&self) -> f64 {
        if self.pages == 0 {
            1.0
        } else {
            self.up_to_date as f64 / self.pages as f64
        }
    }
}

/// The result of analysing a site.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Source locale code.
    pub source_locale: String,
    /// All locale codes, configured order.
    pub locales: Vec<String>,
    /// State of every key in every target locale.
    pub pairs: Vec<PairState>,
    /// Every finding, in report order.
    pub findings: Vec<Finding>,
    /// Counts per target locale.
    pub summary: BTreeMap<String, Counts>,
    /// Counts per target locale and section.
    pub sections: BTreeMap<String, BTreeMap<String, Counts>>,
}

impl Analysis {
    /// The most severe finding's severity, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// Analyses `site`: load findings, translation states, and their findings.
pub fn analyse(site: &Site) -> Analysis {
    let root = site.root.clone();
    // The states wait on git for baselines; the page findings keep the other core busy.
    let (pairs, page_findings) = rayon::join(
        || staleness::state::states(site, &mut || crate::git::ObjectStore::open(&root)),
        || checks::findings(site),
    );
    let mut findings = site.findings.clone();
    findings.extend(pairs.iter().filter_map(|p| state_finding(site, p)));
    findings.extend(page_findings);
    site.config.policy.apply(&mut findings);
    sort_findings(&mut findings);
    dedupe_lines(&mut findings);
    summarise(site, pairs, findings)
}

/// Keeps the first of findings that say the same thing about the same line (one link
/// written twice on a line is one problem): same code, path, line and message, which names
/// the link's target. Expects sorted findings, so the first is the leftmost.
fn dedupe_lines(findings: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    findings.retain(|f| {
        f.line.is_none() || seen.insert((f.code.clone(), f.path.clone(), f.line, f.message.clone()))
    });
}

/// The translation states and their counts, without findings and without the diffs of stale
/// pages: what `tolk status` shows, without the cost of the content lints.
pub fn coverage(site: &Site) -> Analysis {
    let root = site.root.clone();
    let pairs =
        staleness::state::states_without_diffs(site, &mut || crate::git::ObjectStore::open(&root));
    summarise(site, pairs, Vec::new())
}

/// Counts `pairs` per locale and section into an [`Analysis`].
fn summarise(site: &Site, pairs: Vec<PairState>, findings: Vec<Finding>) -> Analysis {
    let mut summary: BTreeMap<String, Counts> = site
        .config
        .targets()
        .map(|l| (l.code.clone(), Counts::default()))
        .collect();
    let mut sections: BTreeMap<String, BTreeMap<String, Counts>> = BTreeMap::new();
    for pair in &pairs {
        summary
            .entry(pair.locale.clone())
            .or_default()
            .add(pair.state);
        sections
            .entry(pair.locale.clone())
            .or_default()
            .entry(pair.section.clone())
            .or_default()
            .add(pair.state);
    }
    Analysis {
        source_locale: site.config.source_locale.clone(),
        locales: site.config.locales.iter().map(|l| l.code.clone()).collect(),
        pairs,
        findings,
        summary,
        sections,
    }
}

/// The finding that reports a pair's state (none for up to date).
fn state_finding(site: &Site, pair: &PairState) -> Option<Finding> {
    let source = pair.source_path.as_deref().unwrap_or_default();
    let message = match pair.state {
        State::UpToDate => return None,
        State::Stale => {
            let mut message = "source changed since this translation was last updated".to_string();
            if let Some(why) = &pair.stale_because {
                message.push_str(": ");
                message.push_str(why);
            }
            if let Some(reason) = &pair.diff_unavailable {
                message.push_str("; diff unavailable: ");
                message.push_str(reason);
            }
            message
        }
        State::Unverified => match &pair.diff_unavailable {
            None => format!(
                "translation records no baseline (`l10n.source_hash`); once it matches {source}, run `tolk mark {}`",
                pair.path
            ),
            // History mode could not decide.
            Some(reason) => {
                format!("translation records no baseline and history cannot tell: {reason}")
            }
        },
        State::Missing => format!(
            "no `{}` translation of {source}; start one with `tolk new {source} --locale {}`",
            pair.locale, pair.locale
        ),
        State::Orphaned => match &pair.renamed {
            Some(renamed) => renamed.message(),
            None => format!(
                "translation of `{}`, which has no source page in `{}`; remove it or fix its `{}`",
                pair.key,
                site.config.source_locale,
                // The page's own spelling (Hugo's `translationKey`).
                match site.page(&pair.locale, &pair.key) {
                    Some(page) if page.head().contains("\ntranslationKey:") => "translationKey",
                    _ => "translation_key",
                }
            ),
        },
        State::Draft => "translation is a draft (`draft: true`) and is not published".to_string(),
        State::Untranslated => format!(
            "translation is still the text of {source}: most of its words are in the source language; translate it, then run `tolk mark {}`",
            pair.path
        ),
    };
    let mut finding = Finding::new(pair.state.catalogue_code()?, pair.path.clone(), message)
        .locale(pair.locale.clone())
        .key(pair.key.clone());
    finding.source_path = pair.source_path.clone();
    finding.diff = pair.diff.clone();
    finding.diff_unavailable = pair.diff_unavailable.clone();
    finding.baseline = pair.baseline.clone();
    if let Some(report) = &pair.blocks {
        finding.change = Some(report.change);
        finding.blocks = report.blocks.clone();
    }
    Some(finding)
}
