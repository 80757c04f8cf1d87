//! Baselines in other conventions than `l10n.source_hash`, and history mode: what the
//! translation states make of a translation that records no blob id.
//!
//! [`resolve`] runs between classifying the pairs and reading their baselines
//! ([`super::state::states`]). It takes the pairs left `unverified` and:
//!
//! - where the translation records a **source commit** in the front-matter key tolk.yaml names
//!   (`source_commit_key: l10n.sourceCommit`, MDN's convention), reads the source file as it
//!   was at that commit (`git cat-file --batch`, `<commit>:./<path>`). Its blob becomes the
//!   pair's baseline: the same as the source now → up to date; else stale, and the usual
//!   comparison decides cosmetic or not and makes the diff. A commit the clone lacks gives
//!   stale with "commit not in this clone".
//! - in **history mode** (`history: true`), judges the rest by git history, by ancestry (see
//!   [`Judge`]): stale when the source has a counting commit that is neither a translating
//!   commit of the translation nor an ancestor of one. A commit counts unless its subject
//!   carries a skip token or it changes no rendered text (see [`Judge::counts`]); a joint
//!   commit (two or more files of the page's key) changes the source but translates nothing.
//!   The baseline of a stale pair is the source as it was at the translation's last
//!   translating commit, so the diff shows what changed since. What history cannot decide (a
//!   shallow clone, an uncommitted translation) stays `unverified`, with the reason.
//! - in history mode, tells an **orphaned** translation whose source was renamed in git where
//!   the source went ([`Renamed`]), from the renames the same history pass detects.
//!
//! Everything is read through one [`ObjectStore`] and one [`History`] pass.

use std::collections::HashMap;

use serde_yaml::Value;

use super::history::{History, Reach, Touch};
use super::state::{PairState, State};
use crate::git::ObjectStore;
use crate::hash::{normalize_newlines, page_hash};
use crate::markdown::rendered::same_content;
use crate::model::{Page, Site};

/// The commit id a translation records in the configured `source_commit_key`, as written.
pub fn source_commit(site: &Site, page: &Page) -> Option<String> {
    let key = site.config.conventions.source_commit_key.as_deref()?;
    let mut value: Option<&Value> = None;
    for (i, part) in key.split('.').enumerate() {
        let map = if i == 0 {
            page.front_data()
        } else {
            value?.as_mapping()?
        };
        value = map.get(part);
    }
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Whether a translation records a baseline of any kind.
pub fn has_baseline(site: &Site, page: &Page) -> bool {
    page.front.source_hash.is_some() || source_commit(site, page).is_some()
}

fn is_commit_id(text: &str) -> bool {
    (7..=64).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

fn short(id: &str) -> &str {
    &id[..id.len().min(10)]
}

/// Resolves commit baselines and history mode for the pairs `classify` left unverified;
/// pushes onto `pending` the pairs whose baseline text must now be compared with the source.
/// Returns the object store if it opened one, for the caller to reuse.
pub fn resolve(
    site: &Site,
    pairs: &mut [PairState],
    pending: &mut Vec<usize>,
    store: &mut dyn FnMut() -> ObjectStore,
) -> Option<ObjectStore> {
    let conventions = &site.config.conventions;
    let mut by_commit = Vec::new();
    let mut by_history = Vec::new();
    let mut orphans = Vec::new();
    for (i, pair) in pairs.iter().enumerate() {
        if pair.state == State::Orphaned && conventions.history {
            orphans.push(i);
        }
        if pair.state != State::Unverified {
            continue;
        }
        let Some(translation) = site.page(&pair.locale, &pair.key) else {
            continue;
        };
        if let Some(commit) = source_commit(site, translation) {
            by_commit.push((i, commit));
        } else if conventions.history {
            by_history.push(i);
        }
    }
    if by_commit.is_empty() && by_history.is_empty() && orphans.is_empty() {
        return None;
    }
    let mut store = store();
    for (i, commit) in by_commit {
        let Some(source) = pairs[i].source_path.as_deref() else {
            continue;
        };
        let Some(source_page) = site.source_page(&pairs[i].key) else {
            continue;
        };
        let outcome = at_commit(&mut store, &commit, source);
        let pair = &mut pairs[i];
        match outcome {
            Ok((id, hash)) => {
                pair.baseline = Some(id);
                if hash == source_page.hash() {
                    pair.state = State::UpToDate;
                } else {
                    pair.state = State::Stale;
                    pending.push(i);
                }
            }
            Err(reason) => {
                pair.baseline = Some(commit);
                pair.state = State::Stale;
                pair.diff_unavailable = Some(reason);
            }
        }
    }
    if !by_history.is_empty() || !orphans.is_empty() {
        let history = History::read(
            &site.root,
            &site.config.content_dir,
            &conventions.skip_tokens,
        );
        if !orphans.is_empty() {
            let renamed = renamed_sources(site, &history);
            for i in orphans {
                pairs[i].renamed = renamed.get(&pairs[i].key).map(|r| Renamed {
                    translation: pairs[i].path.clone(),
                    move_to: r.now.as_ref().and_then(|path| {
                        let source = site.source_pages().find(|p| p.path == *path)?;
                        Some(site.translation_path(source, &pairs[i].locale))
                    }),
                    ..r.clone()
                });
            }
        }
        let mut judge = Judge::new(site, &history, &mut store);
        for i in by_history {
            let (Some(source), Some(translation)) = (
                site.source_page(&pairs[i].key),
                site.page(&pairs[i].locale, &pairs[i].key),
            ) else {
                continue;
            };
            let judgement = judge.judge(source, translation);
            let pair = &mut pairs[i];
            match judgement {
                Judgement::UpToDate { baseline } => {
                    pair.state = State::UpToDate;
                    pair.baseline = baseline;
                }
                Judgement::Stale {
                    baseline: Ok(id),
                    why,
                } => {
                    pair.state = State::Stale;
                    pair.baseline = Some(id);
                    pair.stale_because = why;
                    pending.push(i);
                }
                Judgement::Stale {
                    baseline: Err(reason),
                    why,
                } => {
                    pair.state = State::Stale;
                    pair.diff_unavailable = Some(reason);
                    pair.stale_because = why;
                }
                Judgement::Unknown(reason) => pair.diff_unavailable = Some(reason),
            }
        }
    }
    pending.sort_unstable();
    Some(store)
}

/// Where the source of an orphaned translation went: the rename in git that took it away.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Renamed {
    /// The orphaned translation.
    pub translation: String,
    /// The source's path before the rename.
    pub from: String,
    /// Its path after the rename.
    pub to: String,
    /// The renaming commit, shortened.
    pub commit: String,
    /// Where the source is now, after any later renames (`None`: deleted since).
    pub now: Option<String>,
    /// Where the translation belongs beside the source's current path.
    pub move_to: Option<String>,
}

impl Renamed {
    /// The orphaned finding's message.
    pub fn message(&self) -> String {
        let mut message = format!(
            "its source {} was renamed to {} in {}",
            self.from, self.to, self.commit
        );
        match (&self.now, &self.move_to) {
            (Some(now), Some(move_to)) => {
                if *now != self.to {
                    message.push_str(&format!(" and is now {now}"));
                }
                message.push_str(&format!(
                    "; move the translation to {move_to} (`git mv {} {move_to}`)",
                    self.translation
                ));
            }
            (Some(now), None) => message.push_str(&format!(
                "; move the translation beside {now}, or set its `translation_key`"
            )),
            (None, _) => message.push_str(
                ", and has been deleted since; remove the translation or fix its `translation_key`",
            ),
        }
        message
    }
}

/// Per translation key: the newest rename of a source-locale file with that key.
fn renamed_sources(site: &Site, history: &History) -> HashMap<String, Renamed> {
    let content = crate::load::slash_path(&site.config.content_dir, std::path::Path::new(""));
    let content = match content.trim_matches('/') {
        "" | "." => String::new(),
        dir => format!("{dir}/"),
    };
    let renames = history.renames();
    let mut out: HashMap<String, Renamed> = HashMap::new();
    // Newest first: the first rename seen for a key is the one that orphaned it.
    for &(from, to, commit) in &renames {
        let Some(content_path) = from.strip_prefix(content.as_str()) else {
            continue;
        };
        let placement = crate::model::pairing::place(
            &site.config,
            content_path,
            &crate::load::frontmatter::FrontMatter::default(),
        );
        if placement.locale != site.config.source_locale || out.contains_key(&placement.key) {
            continue;
        }
        // Follow later renames of the new path; stop where it was deleted or is still.
        let mut now = Some(to.to_string());
        let mut after = commit;
        while let Some(path) = now.clone() {
            let Some(newest) = history.touches(&path).iter().find(|t| t.commit < after) else {
                break;
            };
            match (&newest.to, &newest.new) {
                (Some(next), _) => {
                    now = Some(next.clone());
                    after = newest.commit;
                }
                (None, None) => now = None,
                (None, Some(_)) => break,
            }
        }
        let commit = history
            .commit(commit)
            .map(|c| c.id[..c.id.len().min(7)].to_string())
            .unwrap_or_default();
        out.insert(
            placement.key,
            Renamed {
                translation: String::new(),
                from: from.to_string(),
                to: to.to_string(),
                commit,
                now,
                move_to: None,
            },
        );
    }
    out
}

/// The source file at `path` as it was at `commit`: its blob id and page hash, or why it
/// cannot be had.
fn at_commit(
    store: &mut ObjectStore,
    commit: &str,
    path: &str,
) -> Result<(String, String), String> {
    if !is_commit_id(commit) {
        return Err(format!(
            "`{commit}` is not a commit id (7 to 64 hexadecimal digits)"
        ));
    }
    let shallow_hint = if store.is_shallow() {
        "; this clone is shallow: `git fetch --unshallow` fetches the rest of history"
    } else {
        ""
    };
    match store.object(commit).map_err(|u| u.0)? {
        None => {
            return Err(format!(
                "commit not in this clone ({}){shallow_hint}",
                short(commit)
            ));
        }
        Some(object) if object.kind != "commit" => {
            return Err(format!(
                "`{}` names a {}, not a commit",
                short(commit),
                object.kind
            ));
        }
        Some(_) => {}
    }
    match store
        .object(&format!("{commit}:./{path}"))
        .map_err(|u| u.0)?
    {
        Some(object) if object.kind == "blob" => Ok((object.id, page_hash(&object.bytes))),
        Some(object) => Err(format!(
            "{path} was a {} at commit {}, not a file",
            object.kind,
            short(commit)
        )),
        None => Err(format!(
            "the source was not at {path} in commit {} (renamed or added since?), or its content is not in this clone",
            short(commit)
        )),
    }
}

/// What history says about one translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Judgement {
    /// No counting source change since the translation's last counting commit.
    UpToDate {
        /// The source's blob at that commit, where known.
        baseline: Option<String>,
    },
    /// The source changed since: its blob at the translation's last commit, or why it is not
    /// known.
    Stale {
        /// Blob id of the baseline, or the reason there is none.
        baseline: Result<String, String>,
        /// Which source change the translation has not seen, in words.
        why: Option<String>,
    },
    /// History cannot tell, and why.
    Unknown(String),
}

/// When a translation was last translated, as far as history shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastChange {
    /// It has uncommitted changes that render differently: it changes now.
    Now,
    /// At the commit with this index (0 = newest).
    Commit(usize),
    /// Before the history of this shallow clone begins.
    BeforeHistory,
    /// It was never committed.
    Untracked,
}

/// History mode's judge: the site, the history, the object store, and caches of what was read.
///
/// The rule, by ancestry rather than by order or date: a translation is **stale** when a
/// source commit that counts (see [`Judge::counts`]) is not an ancestor of (nor is) one of the
/// translation's *translating* commits, or when the source has uncommitted changes; else up
/// to date. A commit of the translation is translating when it counts and either adds the
/// file or is not a **joint commit**: one that touches two or more files of the page's key
/// (its source and a translation, or two translations), like a link fixed in every locale, a
/// rename or a formatting run. A joint commit still counts as a change of the source, but it
/// does not show that anyone translated that change (nor any before it).
pub struct Judge<'a> {
    site: &'a Site,
    history: &'a History,
    store: &'a mut ObjectStore,
    texts: HashMap<String, Option<String>>,
    cosmetic: HashMap<(String, String), bool>,
    /// Per key: commit index → how many files of the key it touches.
    joint: HashMap<String, HashMap<usize, u32>>,
    reach: Reach,
}

impl<'a> Judge<'a> {
    /// A judge over `history` for `site`, reading blobs from `store`.
    pub fn new(site: &'a Site, history: &'a History, store: &'a mut ObjectStore) -> Judge<'a> {
        Judge {
            site,
            history,
            store,
            texts: HashMap::new(),
            cosmetic: HashMap::new(),
            joint: HashMap::new(),
            reach: Reach::default(),
        }
    }

    /// The history judged by.
    pub fn history(&self) -> &History {
        self.history
    }

    /// The text of blob `id` (LF line endings), or `None` when the clone lacks it.
    pub fn text(&mut self, id: &str) -> Option<String> {
        if let Some(text) = self.texts.get(id) {
            return text.clone();
        }
        let text = self
            .store
            .blob(id)
            .ok()
            .map(|bytes| String::from_utf8_lossy(&normalize_newlines(&bytes)).into_owned());
        self.texts.insert(id.to_string(), text.clone());
        text
    }

    /// Whether a touch of the file at `path` counts: not at a shallow boundary, no skip token
    /// in its commit's subject, and a change of rendered text. A touch whose blobs the clone
    /// lacks counts (tolk cannot show it was cosmetic).
    pub fn counts(&mut self, path: &str, touch: &Touch) -> bool {
        if touch.boundary {
            return false;
        }
        if self.history.commit(touch.commit).is_some_and(|c| c.skip) {
            return false;
        }
        let (Some(old), Some(new)) = (&touch.old, &touch.new) else {
            return true;
        };
        !self.same(path, old, new)
    }

    fn same(&mut self, path: &str, old: &str, new: &str) -> bool {
        let key = (old.to_string(), new.to_string());
        if let Some(same) = self.cosmetic.get(&key) {
            return *same;
        }
        let same = match (self.text(old), self.text(new)) {
            (Some(a), Some(b)) => same_content(path, &a, &b),
            _ => false,
        };
        self.cosmetic.insert(key, same);
        same
    }

    /// How many files of `key` (in any locale) the commit at `index` touches.
    fn files_of_key_touched(&mut self, key: &str, index: usize) -> u32 {
        if !self.joint.contains_key(key) {
            let mut counts: HashMap<usize, u32> = HashMap::new();
            for page in self.site.translations(key) {
                let mut seen = Vec::new();
                for touch in self.history.lineage(&page.path) {
                    if !seen.contains(&touch.commit) {
                        seen.push(touch.commit);
                        *counts.entry(touch.commit).or_default() += 1;
                    }
                }
            }
            self.joint.insert(key.to_string(), counts);
        }
        self.joint
            .get(key)
            .and_then(|counts| counts.get(&index))
            .copied()
            .unwrap_or(0)
    }

    /// Whether `touch` of the translation `page` translates: it counts, and it adds the file
    /// or is not a joint commit (one touching two or more files of the key).
    fn translates(&mut self, page: &Page, touch: &Touch) -> bool {
        if !self.counts(&page.path, touch) {
            return false;
        }
        touch.old.is_none() || self.files_of_key_touched(&page.key, touch.commit) < 2
    }

    /// Whether `page` differs in rendered text from its last committed version.
    fn changed_now(&mut self, page: &Page) -> bool {
        let touches = self.history.touches(&page.path);
        let Some(head) = touches.first() else {
            return false;
        };
        let Some(head) = head.new.clone() else {
            // Deleted in history, back in the working tree.
            return true;
        };
        if head == page.hash() {
            return false;
        }
        match self.text(&head) {
            Some(text) if crate::hash::blob_id(text.as_bytes()) == page.hash() => false,
            Some(text) => {
                let now = String::from_utf8_lossy(&normalize_newlines(page.text().as_bytes()))
                    .into_owned();
                !same_content(&page.path, &text, &now)
            }
            None => false,
        }
    }

    /// When the translation `page` was last translated: its newest translating commit (see
    /// [`Judge`]); where it has none, its creation, unless history is cut off before it.
    pub fn last_change(&mut self, page: &Page) -> LastChange {
        let history = self.history;
        let touches = history.lineage(&page.path);
        if touches.is_empty() {
            return LastChange::Untracked;
        }
        if self.changed_now(page) {
            return LastChange::Now;
        }
        let visible: Vec<&Touch> = touches.into_iter().filter(|t| !t.boundary).collect();
        for touch in &visible {
            if self.translates(page, touch) {
                return LastChange::Commit(touch.commit);
            }
        }
        // Only skipped, cosmetic or joint commits: the oldest is the file's creation, unless
        // history is cut off before it.
        match visible.last() {
            Some(oldest) if oldest.old.is_none() || !history.shallow => {
                LastChange::Commit(oldest.commit)
            }
            _ => LastChange::BeforeHistory,
        }
    }

    /// The source touch that gives the source as it was at commit `index`: the newest touch
    /// of its lineage that is `index` or one of its ancestors.
    fn source_touch_at(&mut self, source: &Page, index: usize) -> Option<usize> {
        let history = self.history;
        let touches = history.lineage(&source.path);
        let mut reach = std::mem::take(&mut self.reach);
        reach.start(history);
        reach.seed(index);
        let mut found = None;
        for (i, touch) in touches.iter().enumerate() {
            if touch.commit < index {
                continue;
            }
            reach.advance(history, touch.commit);
            if reach.reached(history, touch.commit) {
                found = Some(i);
                break;
            }
        }
        self.reach = reach;
        found
    }

    /// The blob id the source at `path` had at commit `index` (followed across renames).
    pub fn blob_at(&mut self, source: &Page, index: usize) -> Result<String, String> {
        let history = self.history;
        let touches = history.lineage(&source.path);
        let at = self
            .source_touch_at(source, index)
            .and_then(|i| touches.get(i))
            .and_then(|t| t.new.clone());
        at.ok_or_else(|| {
            let commit = history
                .commit(index)
                .map(|c| short(&c.id).to_string())
                .unwrap_or_default();
            format!(
                "the source {} did not exist in the history of the translation's last commit ({commit})",
                source.path
            )
        })
    }

    /// The source a translation last translated at commit `index` was made from: the source's
    /// blob at that commit, carried forward over the source commits after it that do not count
    /// (skip token, cosmetic) up to the first one that does. So a skipped typo fix is not
    /// part of the diff, and a baseline written from it (`mark --from-history`) keeps the
    /// state history mode gave.
    pub fn baseline_since(&mut self, source: &Page, index: usize) -> Result<String, String> {
        let history = self.history;
        let touches = history.lineage(&source.path);
        let mut baseline = self.blob_at(source, index);
        let from = self
            .source_touch_at(source, index)
            .map(|i| touches[i].commit)
            .unwrap_or(index);
        let newer: Vec<&Touch> = touches
            .into_iter()
            .take_while(|t| t.commit < from)
            .collect();
        for touch in newer.into_iter().rev() {
            if touch.boundary {
                continue;
            }
            if self.counts(&source.path, touch) {
                break;
            }
            baseline = touch
                .new
                .clone()
                .ok_or_else(|| format!("the source {} was deleted since and is back", source.path));
        }
        baseline
    }

    /// History's judgement of `translation` against `source`.
    pub fn judge(&mut self, source: &Page, translation: &Page) -> Judgement {
        if let Some(reason) = &self.history.unavailable {
            return Judgement::Unknown(format!("history unavailable: {reason}"));
        }
        match self.last_change(translation) {
            LastChange::Untracked => Judgement::Unknown(
                "the translation is not committed yet, so history cannot tell what it was made from"
                    .into(),
            ),
            LastChange::Now => Judgement::UpToDate { baseline: None },
            LastChange::Commit(index) => {
                let baseline = self.baseline_since(source, index);
                if let Some(unseen) = self.source_changed_since(source, translation, index) {
                    Judgement::Stale {
                        baseline,
                        why: Some(self.explain(unseen, translation)),
                    }
                } else {
                    Judgement::UpToDate {
                        baseline: baseline.ok(),
                    }
                }
            }
            LastChange::BeforeHistory => {
                if self.source_changed_at_all(source) {
                    Judgement::Stale {
                        why: None,
                        baseline: Err(
                            "this clone is shallow and the translation was last changed before its history begins; \
                             `git fetch --unshallow` shows the diff"
                                .into(),
                        ),
                    }
                } else {
                    Judgement::Unknown(
                        "this clone is shallow: the translation and its source were last changed before its history \
                         begins; `git fetch --unshallow` lets history mode decide"
                            .into(),
                    )
                }
            }
        }
    }

    /// Whether the source has a counting change, uncommitted changes included.
    fn source_changed_at_all(&mut self, source: &Page) -> bool {
        if self.changed_now(source) {
            return true;
        }
        let history = self.history;
        for touch in history.lineage(&source.path) {
            if self.counts(&source.path, touch) {
                return true;
            }
        }
        false
    }

    /// Whether the source has a counting change that the translation has not seen: one that
    /// is neither its translating commit `last` nor an ancestor of one of its translating
    /// commits (uncommitted source changes included). One walk of the commit graph, from
    /// `last` towards older commits, taking in the translation's older translating commits
    /// that are not ancestors of `last` (work merged from a branch) as it meets them.
    fn source_changed_since(
        &mut self,
        source: &Page,
        translation: &Page,
        last: usize,
    ) -> Option<Unseen> {
        if self.changed_now(source) {
            return Some(Unseen::Uncommitted);
        }
        let history = self.history;
        let sources = history.lineage(&source.path);
        // Source commits listed before `last` are not its ancestors, nor of any older commit.
        for touch in sources.iter().take_while(|t| t.commit < last) {
            if self.counts(&source.path, touch) {
                return Some(Unseen::Commit(touch.commit));
            }
        }
        let translations: Vec<&Touch> = history
            .lineage(&translation.path)
            .into_iter()
            .filter(|t| t.commit > last && !t.boundary)
            .collect();
        // Oldest last, like the walk.
        let mut seeds = translations.iter().peekable();
        let mut reach = std::mem::take(&mut self.reach);
        reach.start(history);
        reach.seed(last);
        let mut stale = None;
        for touch in sources.iter().filter(|t| t.commit >= last) {
            // Walk up to this source commit, seeding the translation's older translating
            // commits that the walk has not reached.
            loop {
                let pending = reach.pending();
                match seeds.peek() {
                    Some(seed)
                        if seed.commit <= touch.commit
                            && pending.is_none_or(|p| seed.commit < p) =>
                    {
                        let seed = seeds.next().copied();
                        if let Some(seed) = seed
                            && !reach.reached(history, seed.commit)
                            && self.translates(translation, seed)
                        {
                            reach.seed(seed.commit);
                        }
                    }
                    _ => match pending {
                        Some(p) if p <= touch.commit => reach.step(history),
                        _ => break,
                    },
                }
            }
            if reach.reached(history, touch.commit) {
                continue;
            }
            if self.counts(&source.path, touch) {
                stale = Some(Unseen::Commit(touch.commit));
                break;
            }
        }
        self.reach = reach;
        stale
    }

    /// Why `translation` is stale, in words a translator can check: the source change it has
    /// not seen, and where that change also touched the translation, why that commit does not
    /// count as translating it.
    fn explain(&self, unseen: Unseen, translation: &Page) -> String {
        let index = match unseen {
            Unseen::Uncommitted => return "the source has uncommitted changes".to_string(),
            Unseen::Commit(index) => index,
        };
        let id = self
            .history
            .commit(index)
            .map_or("", |c| &c.id[..c.id.len().min(10)]);
        let joint = self
            .history
            .touches(&translation.path)
            .iter()
            .any(|t| t.commit == index);
        if joint {
            format!(
                "the source changed in commit {id}, which changed this translation too; a commit that \
                 changes a page in several languages at once (a link fixed everywhere, a rename, a \
                 formatting run) is not taken as a translation of the source's change: check the \
                 translation against it, then run `tolk mark {}`",
                translation.path
            )
        } else {
            format!(
                "the source changed in commit {id}, after the translation's last translating commit"
            )
        }
    }
}

/// A source change a translation has not seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unseen {
    /// The source file has uncommitted changes.
    Uncommitted,
    /// The commit with this index.
    Commit(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_ids() {
        assert!(is_commit_id("05187b0fecf39b9176d4a101623589309cf44dd0"));
        assert!(is_commit_id("05187b0"));
        assert!(!is_commit_id("HEAD~1"));
        assert!(!is_commit_id("05187b"));
    }
}
