//! Incremental rebuilds for `tolk serve`: after a change, render only the pages it affects and
//! write them into the served folder in place.
//!
//! A [`Session`] keeps what a build computes once (module `last_build`): the loaded [`Site`], the
//! compiled [`Theme`](crate::build::templates::Theme) with its UI strings, the pages' dates, each
//! locale's menus and base template context, the keys each page's `related_pages` resolve to.
//! It also keeps a snapshot of the watched files (module `snapshot`: size and modification
//! time of each page file). [`Session::update`] takes a new snapshot, from file notifications
//! where a [`Watcher`] gives them (module `watch`) or by walking the content folder, re-reads only the page
//! files whose stamp changed, and decides what to rebuild:
//!
//! | what changed | what is rendered again |
//! |---|---|
//! | tolk.yaml, `locales/`, `templates/`, `static/`, a symbolic link or unreadable folder in the content | everything: a full [`build::build`], swapped in whole |
//! | a page's body (its front matter parses to the same fields) | that page |
//! | its title or menu entries | also every page of its locale (every locale, for a source page) when the menus change, the pages below it (breadcrumbs), the pages that list it as related |
//! | its other front matter (ingress, related pages, params…) | that page; the sitemap for `sitemap.priority` and dates |
//! | a page added or removed, or given another URL, key, locale or draft state | the model is rebuilt from the pages kept and the files re-read, and compared: the pages of each changed key in every locale (switcher, alternates), pages whose related pages or breadcrumbs name a changed key, locales whose menus or front page changed, the 404 pages and the sitemap; the outputs of vanished pages are removed |
//!
//! Each file is written on its own, atomically
//! ([`replace_file`](crate::build::output::replace_file): a temporary file renamed over the old
//! one), and only where its bytes change: the served folder belongs to `tolk serve`, and
//! swapping a whole 20 000-page folder per keystroke would be far too slow. The result equals a
//! fresh `tolk build` byte for byte (`tests/incremental.rs` compares them).
//!
//! Correctness comes first. Anything this module cannot account for (a changed file it cannot
//! read or place in the model, a rebuild that failed after it had started writing) makes the
//! next rebuild a full one. A change that the full build would refuse (a broken related page,
//! a duplicate URL, bad front matter) is refused before anything is written, and the session
//! keeps serving, and comparing against, the last good state.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::build::{self, BuildReport};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::load::RawFile;
use crate::model::Site;

mod last_build;
mod snapshot;
mod watch;

use last_build::{LastBuild, index_of, parse_one, same_place};
use snapshot::{Folders, Snapshot};
pub use watch::{Hints, Watcher};

/// What [`Session::update`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A full build, swapped in whole.
    Full(BuildReport),
    /// An incremental rebuild.
    Partial(Update),
}

/// What an incremental rebuild did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Update {
    /// The page files that changed on disk (root-relative), added and removed ones included.
    pub changed: Vec<String>,
    /// Whether the site model was reloaded (pages added or removed, or moved to another URL,
    /// key, locale or draft state) rather than patched in place.
    pub reloaded: bool,
    /// Pages rendered.
    pub pages: usize,
    /// Files written: rendered files whose bytes did not change are left alone.
    pub written: usize,
    /// Files removed (outputs of pages that are gone or moved).
    pub removed: usize,
    /// Milliseconds taken, looking for the change included.
    pub millis: u128,
    /// Of these, the milliseconds spent looking for changes.
    pub scan_millis: u128,
    /// Whether the content folder was walked to find the changes (every page file statted);
    /// else file notifications named them.
    pub walked: bool,
}

/// How often the whole content folder is walked even when file notifications report nothing:
/// in case one went missing.
const WALK_EVERY: Duration = Duration::from_secs(30);

/// A `tolk serve` build session: the last good build's state and the files it was built from.
pub struct Session {
    root: PathBuf,
    config_file: Option<PathBuf>,
    out: PathBuf,
    /// The files the output was built from (`None` before the first build).
    seen: Option<Snapshot>,
    /// The files as last seen, where that differs from `seen`: a state that failed to build,
    /// not retried until something changes again.
    latest: Option<Snapshot>,
    /// What the last good build computed; `None` forces a full build.
    state: Option<LastBuild>,
    /// File notifications, where [`Session::watch`] turned them on.
    watch: Option<Box<dyn Watcher>>,
    /// Notifications not yet looked at.
    hints: Hints,
    /// When the content folder was last walked.
    walked: Option<Instant>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("root", &self.root)
            .field("out", &self.out)
            .field("built", &self.state.is_some())
            .field("watching", &self.watch.is_some())
            .finish()
    }
}

impl Session {
    /// A session for the site at `root` (with `config_file`, if given), built into `out`.
    /// Nothing is read or written before [`Session::full`] or [`Session::update`].
    pub fn new(root: &Path, config_file: Option<&Path>, out: &Path) -> Session {
        Session {
            root: root.to_path_buf(),
            config_file: config_file.map(Path::to_path_buf),
            out: out.to_path_buf(),
            seen: None,
            latest: None,
            state: None,
            watch: None,
            hints: Hints::default(),
            walked: None,
        }
    }

    /// Turns on file notifications from `watcher` for the content, locales and templates
    /// folders: changes are then seen as they are saved ([`Session::wait`]), and
    /// [`Session::update`] stats only the files they name (and walks everything every few
    /// seconds regardless). Returns whether notifications work here; without them every update
    /// walks the content folder.
    pub fn watch(&mut self, mut watcher: Box<dyn Watcher>) -> bool {
        let config = self.config();
        let folders = Folders::of(&self.root, self.config_file.as_deref(), config.as_ref());
        self.watch = None;
        if watcher.start(
            &folders.content,
            &[&folders.locales, &folders.templates, &folders.statics],
        ) {
            self.watch = Some(watcher);
        }
        self.watch.is_some()
    }

    /// Waits up to `timeout` for a change to be saved, returning as soon as a notification
    /// arrives (`true`); without notifications, simply waits (`false`).
    pub fn wait(&mut self, timeout: Duration) -> bool {
        match &mut self.watch {
            Some(watch) => watch.wait(timeout, &mut self.hints),
            None => {
                std::thread::sleep(timeout);
                false
            }
        }
    }

    /// Builds the whole site (as `tolk build` does, swapping the output in whole) and keeps what
    /// the build computed for the incremental rebuilds that follow.
    pub fn full(&mut self) -> Result<BuildReport> {
        let config = self.config();
        let folders = Folders::of(&self.root, self.config_file.as_deref(), config.as_ref());
        let snapshot = self.walk(&folders);
        self.full_from(snapshot, config)
    }

    /// Looks for changes and rebuilds what they affect: `None` when nothing changed since the
    /// last build (or since the last failed attempt).
    pub fn update(&mut self) -> Option<Result<Outcome>> {
        let start = Instant::now();
        let config = self.config();
        let (now, walked) = self.observe(config.as_ref())?;
        let scanned = start.elapsed();
        if self.seen.as_ref() == Some(&now) && self.state.is_some() {
            // Changed back to what was built.
            self.latest = None;
            return None;
        }
        if self.latest.as_ref() == Some(&now) {
            return None;
        }
        // Leaving untranslated pages out can change with any edit of a page or its source:
        // those sites are rebuilt in full.
        let incremental = self.state.is_some()
            && config
                .as_ref()
                .is_ok_and(|c| c.publish_untranslated != crate::config::PublishUntranslated::Omit)
            && self.seen.as_ref().is_some_and(|seen| {
                seen.settings == now.settings && seen.structure == now.structure
            });
        if !incremental {
            return Some(self.full_from(now, config).map(Outcome::Full));
        }
        Some(match self.partial(&now) {
            Ok(mut update) => {
                self.seen = Some(now);
                self.latest = None;
                update.millis = start.elapsed().as_millis();
                update.scan_millis = scanned.as_millis();
                update.walked = walked;
                Ok(Outcome::Partial(update))
            }
            Err(Failure::Untouched(e)) => {
                // Nothing was written: the output still matches `seen` and the state.
                self.latest = Some(now);
                Err(e)
            }
            Err(Failure::Touched(e)) => {
                // Some files were written: only a full build can be trusted next.
                self.state = None;
                self.latest = Some(now);
                Err(e)
            }
        })
    }

    /// Whether the files as last seen failed to build (the output is an older, good state).
    pub fn is_failing(&self) -> bool {
        self.latest.is_some()
    }

    fn config(&self) -> Result<Config> {
        Config::discover(&self.root, self.config_file.as_deref())
    }

    /// The watched files now: from the notifications where they tell enough, else walked.
    /// `None` when notifications are on, report nothing, and the settings are as they were;
    /// with the snapshot, whether it was walked.
    fn observe(&mut self, config: Result<&Config, &Error>) -> Option<(Snapshot, bool)> {
        let folders = Folders::of(&self.root, self.config_file.as_deref(), config);
        if let Some(watch) = &mut self.watch {
            watch.drain(&mut self.hints);
        }
        let hints = std::mem::take(&mut self.hints);
        let base = self.latest.as_ref().or(self.seen.as_ref());
        // The walk in case a notification went missing is made when none arrived, so that it
        // never delays the rebuild of a change that was notified.
        let walk_due =
            hints.paths.is_empty() && self.walked.is_none_or(|t| t.elapsed() >= WALK_EVERY);
        if let Some(base) = base
            && self.watch.is_some()
            && !hints.unknown
            && !base.links
            && !walk_due
        {
            if hints.paths.is_empty() {
                let settings = folders.settings();
                return (settings != base.settings).then(|| {
                    let now = Snapshot {
                        settings,
                        ..base.clone()
                    };
                    (now, false)
                });
            }
            if let Some(now) = base.patched(&folders, &hints.paths) {
                return Some((now, false));
            }
        }
        if hints.unknown
            && let Some(mut watch) = self.watch.take()
        {
            // Notifications were lost: watch afresh.
            if watch.start(
                &folders.content,
                &[&folders.locales, &folders.templates, &folders.statics],
            ) {
                self.watch = Some(watch);
            }
        }
        Some((self.walk(&folders), true))
    }

    /// Walks the content folder (notifications queued until now are covered by the walk).
    fn walk(&mut self, folders: &Folders) -> Snapshot {
        if let Some(watch) = &mut self.watch {
            watch.drain(&mut self.hints);
        }
        self.hints = Hints::default();
        self.walked = Some(Instant::now());
        Snapshot::take(folders)
    }

    fn full_from(&mut self, snapshot: Snapshot, config: Result<Config>) -> Result<BuildReport> {
        self.state = None;
        // The snapshot was taken before anything was read: a file that changes while the build
        // runs is seen as changed by the next update.
        let result = config
            .and_then(|config| Site::load(&self.root, config))
            .and_then(|site| {
                let report = build::build(&site, &self.out)?;
                let state = LastBuild::new(site, report.out.clone())?;
                Ok((state, report))
            });
        match result {
            Ok((state, report)) => {
                self.state = Some(state);
                self.seen = Some(snapshot);
                self.latest = None;
                Ok(report)
            }
            Err(e) => {
                self.latest = Some(snapshot);
                Err(e)
            }
        }
    }

    /// The incremental rebuild from `seen` to `now` (same settings, state present).
    fn partial(&mut self, now: &Snapshot) -> std::result::Result<Update, Failure> {
        let (Some(state), Some(seen)) = (self.state.as_mut(), self.seen.as_ref()) else {
            return Err(Failure::Untouched(Error::Usage(
                "an incremental rebuild needs a first build".into(),
            )));
        };
        let diff = seen.diff(now);
        let changed: Vec<String> = diff.all().cloned().collect();
        if !diff.added.is_empty() || !diff.removed.is_empty() {
            return state.reload(&self.root, &diff, changed);
        }
        let mut fresh = Vec::new();
        for path in &diff.modified {
            let Some(i) = index_of(&state.site, path) else {
                return state.reload(&self.root, &diff, changed);
            };
            let old = &state.site.pages[i];
            let Ok(bytes) = std::fs::read(self.root.join(path)) else {
                // The loader turns an unreadable file into a finding: let it.
                return state.reload(&self.root, &diff, changed);
            };
            let raw = RawFile {
                content_path: old.content_path.clone(),
                path: path.clone(),
                bytes,
            };
            let Some((page, findings)) = parse_one(&self.root, &state.site.config, raw)
                .filter(|(page, _)| same_place(old, page))
            else {
                return state.reload(&self.root, &diff, changed);
            };
            fresh.push((i, page, findings));
        }
        state.patch(fresh, changed)
    }
}

/// Why an incremental rebuild failed, and whether the output was already being written.
enum Failure {
    /// Nothing was written: the output and the session's state are as before.
    Untouched(Error),
    /// Some files may have been written: the next rebuild must be a full one.
    Touched(Error),
}
