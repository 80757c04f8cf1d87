//! Incremental rebuilds for `tolk serve`: after a change, render only the pages it affects and
//! write them into the served folder in place.
//!
//! A [`Session`] keeps what a build computes once: the loaded [`Site`], the compiled [`Theme`]
//! with its UI strings, the pages' dates, each locale's menus and base template context, the
//! keys each page's `related_pages` resolve to, and a [`Snapshot`] of the watched files (size
//! and modification time of each). [`Session::update`] takes a new snapshot, re-reads only
//! the page files whose stamp changed, and decides what to rebuild:
//!
//! | what changed | what is rendered again |
//! |---|---|
//! | tolk.yaml, `locales/`, `templates/`, a symbolic link or unreadable folder in the content | everything: a full [`super::build`], swapped in whole |
//! | a page's body (its front matter parses to the same fields) | that page |
//! | its title or menu entries | also every page of its locale (every locale, for a source page) when the menus change, the pages below it (breadcrumbs), the pages that list it as related |
//! | its other front matter (ingress, related pages, params…) | that page; the sitemap for `sitemap.priority` and dates |
//! | a page added or removed, or given another URL, key, locale or draft state | the model is reloaded and compared: the pages of each changed key in every locale (switcher, alternates), pages whose related pages or breadcrumbs name a changed key, locales whose menus or front page changed, the 404 pages and the sitemap; the outputs of vanished pages are removed |
//!
//! Each file is written on its own, atomically ([`output::replace_file`]: a temporary file
//! renamed over the old one), and only where its bytes change: the served folder belongs to
//! `tolk serve`, and swapping a whole 20 000-page folder per keystroke would be far too slow.
//! The result equals a fresh `tolk build` byte for byte (`tests/incremental.rs` compares them).
//!
//! Correctness comes first. Anything this module cannot account for (a changed file it cannot
//! read or place in the model, a rebuild that failed after it had started writing) makes the
//! next rebuild a full one. A change that the full build would refuse (a broken related page,
//! a duplicate URL, bad front matter) is refused before anything is written, and the session
//! keeps serving, and comparing against, the last good state.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use rayon::prelude::*;

use crate::analyse::{Finding, Severity};
use crate::build::context::{Assets, Context};
use crate::build::i18n::Strings;
use crate::build::lastmod::{Date, Dates};
use crate::build::menu::{self, Menus};
use crate::build::output::{self, Files};
use crate::build::theme::{TEMPLATES_DIR, Theme};
use crate::build::{self, BuildReport, sitemap, switcher};
use crate::config::{CONFIG_FILE, Config};
use crate::error::{Error, Result};
use crate::load::{self, PAGE_EXTENSIONS, RawFile};
use crate::model::{Page, Site};

mod watch;

use watch::{Hints, Watch};

/// Model findings that are about a page's place among the others, not about its file alone:
/// they stay when one page is re-read in place (its place is unchanged, or the model is
/// reloaded).
const SITE_LEVEL_CODES: &[&str] = &["duplicate-key", "duplicate-url", "unreadable"];

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
const WALK_EVERY: Duration = Duration::from_secs(3);

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
    state: Option<State>,
    /// File notifications, where [`Session::watch`] turned them on.
    watch: Option<Watch>,
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

    /// Turns on file notifications for the content, locales and templates folders: changes are
    /// then seen as they are saved ([`Session::wait`]), and [`Session::update`] stats only the
    /// files they name (and walks everything every few seconds regardless). Returns whether
    /// notifications work here; without them every update walks the content folder.
    pub fn watch(&mut self) -> bool {
        let config = self.config();
        let folders = Folders::of(&self.root, self.config_file.as_deref(), config.as_ref());
        self.watch = Watch::start(&folders.content, &[&folders.locales, &folders.templates]);
        self.watch.is_some()
    }

    /// Waits up to `timeout` for a change to be saved, returning as soon as a notification
    /// arrives (`true`); without notifications, simply waits (`false`).
    pub fn wait(&mut self, timeout: Duration) -> bool {
        match &self.watch {
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
        let incremental = self.state.is_some()
            && config.is_ok()
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

    fn config(&self) -> Result<Config> {
        Config::discover(&self.root, self.config_file.as_deref())
    }

    /// The watched files now: from the notifications where they tell enough, else walked.
    /// `None` when notifications are on, report nothing, and the settings are as they were;
    /// with the snapshot, whether it was walked.
    fn observe(&mut self, config: Result<&Config, &Error>) -> Option<(Snapshot, bool)> {
        let folders = Folders::of(&self.root, self.config_file.as_deref(), config);
        if let Some(watch) = &self.watch {
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
        if hints.unknown && self.watch.is_some() {
            // Notifications were lost: watch afresh.
            self.watch = None;
            self.watch = Watch::start(&folders.content, &[&folders.locales, &folders.templates]);
        }
        Some((self.walk(&folders), true))
    }

    /// Walks the content folder (notifications queued until now are covered by the walk).
    fn walk(&mut self, folders: &Folders) -> Snapshot {
        if let Some(watch) = &self.watch {
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
                let state = State::new(site, report.out.clone())?;
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

/// What the last good build computed, kept between rebuilds.
struct State {
    site: Site,
    theme: Theme,
    dates: Dates,
    assets: Assets,
    /// Menus per locale code.
    menus: BTreeMap<String, Menus>,
    /// The template context every page of a locale starts from, per locale code.
    bases: BTreeMap<String, Context>,
    /// The keys each page's `related_pages` resolve to, by page path.
    related: BTreeMap<String, Vec<String>>,
    /// The output folder (absolute).
    out: PathBuf,
}

/// What to render and write.
#[derive(Default)]
struct Plan {
    /// Pages by path (only published ones are rendered).
    pages: BTreeSet<String>,
    /// Locales whose 404 page is rendered.
    not_found: BTreeSet<String>,
    sitemap: bool,
    /// Output files to remove (relative).
    remove: Vec<String>,
}

impl State {
    fn new(site: Site, out: PathBuf) -> Result<State> {
        let strings = Arc::new(Strings::load(&site.root, &site.config)?);
        let theme = Theme::new(&site.root, strings);
        let assets = build::assets(&theme.stylesheet()?);
        let dates = Dates::collect(&site);
        let menus = all_menus(&site);
        let bases = bases(&site, &menus, &assets);
        let related = resolve_all(&site);
        Ok(State {
            site,
            theme,
            dates,
            assets,
            menus,
            bases,
            related,
            out,
        })
    }

    /// Patches changed pages into the model in place (none moved: same locale, key, URL and
    /// draft state) and rebuilds what their changes affect.
    fn patch(
        &mut self,
        fresh: Vec<(usize, Page, Vec<Finding>)>,
        changed: Vec<String>,
    ) -> std::result::Result<Update, Failure> {
        let findings_before = self.site.findings.clone();
        let mut replaced: Vec<(usize, Page)> = Vec::new();
        let mut touched: Vec<usize> = Vec::new();
        for (i, page, findings) in fresh {
            touched.push(i);
            if self.site.pages[i].text == page.text {
                continue;
            }
            let path = page.path.clone();
            self.site
                .findings
                .retain(|f| f.path != path || SITE_LEVEL_CODES.contains(&f.code.as_str()));
            self.site.findings.extend(findings);
            let old = std::mem::replace(&mut self.site.pages[i], page);
            replaced.push((i, old));
        }
        // No page moved, so every other page's findings are as they were (its related pages
        // resolve as before, to pages as published as before; its URL is its own): only the
        // changed pages can bring something that stops the build.
        let blocking = page_blocking(&self.site, replaced.iter().map(|(i, _)| *i));
        if !blocking.is_empty() {
            for (i, old) in replaced {
                self.site.pages[i] = old;
            }
            self.site.findings = findings_before;
            return Err(Failure::Untouched(Error::Blocked { findings: blocking }));
        }

        let site = &self.site;
        let source = site.config.source_locale.as_str();
        let mut plan = Plan::default();
        let mut dates: Vec<(String, Option<Date>)> = Vec::new();
        for &i in &touched {
            let page = &site.pages[i];
            let date = self.dates.date_of(site, page);
            if date != self.dates.get(&page.path) {
                dates.push((page.path.clone(), date));
                plan.pages.insert(page.path.clone());
                plan.sitemap = true;
            }
        }
        let mut menu_locales: BTreeSet<String> = BTreeSet::new();
        let mut related: Vec<(String, Vec<String>)> = Vec::new();
        for (i, old) in &replaced {
            let new = &site.pages[*i];
            plan.pages.insert(new.path.clone());
            if old.front.sitemap_priority != new.front.sitemap_priority {
                plan.sitemap = true;
            }
            if old.front.related_pages != new.front.related_pages {
                related.push((new.path.clone(), resolve(site, new)));
            }
            let title = old.title() != new.title();
            if title || old.front.menus != new.front.menus {
                if new.locale == source {
                    menu_locales.extend(site.config.locales.iter().map(|l| l.code.clone()));
                } else {
                    menu_locales.insert(new.locale.clone());
                }
                // Breadcrumbs show the page's title (or main-menu name) on every page below it.
                let is_front =
                    switcher::front_page(site, &new.locale).is_some_and(|f| f.path == new.path);
                let below = format!("{}/", new.key);
                plan.pages.extend(
                    site.pages_of(&new.locale)
                        .filter(|p| is_front || p.key.starts_with(&below))
                        .map(|p| p.path.clone()),
                );
            }
            if title {
                plan.pages.extend(
                    self.related
                        .iter()
                        .filter(|(_, keys)| keys.contains(&new.key))
                        .map(|(path, _)| path.clone()),
                );
            }
        }
        let mut menus: Vec<(String, Menus)> = Vec::new();
        for locale in &menu_locales {
            let new = menu::menus(site, locale);
            if self.menus.get(locale) != Some(&new) {
                plan.pages
                    .extend(site.pages_of(locale).map(|p| p.path.clone()));
                plan.not_found.insert(locale.clone());
                menus.push((locale.clone(), new));
            }
        }

        // Nothing can be refused from here on: commit to the new state, then write.
        for (path, date) in dates {
            self.dates.set(&path, date);
        }
        self.related.extend(related);
        for (locale, new) in menus {
            self.menus.insert(locale.clone(), new);
            let base = build::base_context(&self.site, &locale, &self.menus, &self.assets);
            self.bases.insert(locale, base);
        }
        let mut update = self.execute(&plan).map_err(Failure::Touched)?;
        update.changed = changed;
        Ok(update)
    }

    /// Rebuilds the model (pages were added, removed or moved), compares it with the one built
    /// last, and rebuilds what differs.
    fn reload(
        &mut self,
        root: &Path,
        diff: &Diff,
        changed: Vec<String>,
    ) -> std::result::Result<Update, Failure> {
        let site = match self.reassemble(root, diff) {
            Some(site) => site,
            None => Site::load(root, self.site.config.clone()).map_err(Failure::Untouched)?,
        };
        let blocking = build::blocking_findings(&site);
        if !blocking.is_empty() {
            return Err(Failure::Untouched(Error::Blocked { findings: blocking }));
        }
        let old_outputs = outputs(&self.site).map_err(Failure::Untouched)?;
        let new_outputs = outputs(&site).map_err(Failure::Untouched)?;

        let mut plan = Plan {
            sitemap: true,
            not_found: site.config.locales.iter().map(|l| l.code.clone()).collect(),
            ..Plan::default()
        };
        // Pages whose file is new, gone or different.
        let old_pages: BTreeMap<&str, &Page> = self
            .site
            .pages
            .iter()
            .map(|p| (p.path.as_str(), p))
            .collect();
        let new_pages: BTreeMap<&str, &Page> =
            site.pages.iter().map(|p| (p.path.as_str(), p)).collect();
        let mut differs: BTreeSet<&str> = BTreeSet::new();
        for (path, old) in &old_pages {
            if new_pages.get(path).is_none_or(|new| new.text != old.text) {
                differs.insert(path);
            }
        }
        differs.extend(new_pages.keys().filter(|p| !old_pages.contains_key(*p)));
        // Keys whose page changed, appeared or vanished in some locale: every translation of
        // such a key shows it in its switcher and alternates.
        let mut keys: BTreeSet<String> = BTreeSet::new();
        for locale in &site.config.locales {
            let old: BTreeMap<&str, &str> = self
                .site
                .pages_of(&locale.code)
                .map(|p| (p.key.as_str(), p.path.as_str()))
                .collect();
            let new: BTreeMap<&str, &str> = site
                .pages_of(&locale.code)
                .map(|p| (p.key.as_str(), p.path.as_str()))
                .collect();
            for (key, path) in old.iter().chain(new.iter()) {
                if old.get(key) != new.get(key) || differs.contains(path) {
                    keys.insert((*key).to_string());
                }
            }
        }
        for key in &keys {
            plan.pages
                .extend(site.translations(key).map(|p| p.path.clone()));
        }
        // Front pages: every switcher to an untranslated page, every breadcrumb trail and home
        // link leads to one.
        let fronts = |s: &Site| -> Vec<Option<(String, String)>> {
            s.config
                .locales
                .iter()
                .map(|l| switcher::front_page(s, &l.code).map(|p| (p.path.clone(), p.text.clone())))
                .collect()
        };
        if fronts(&self.site) != fronts(&site) {
            plan.pages.extend(site.pages.iter().map(|p| p.path.clone()));
        }
        let menus = all_menus(&site);
        for (locale, items) in &menus {
            if self.menus.get(locale) != Some(items) {
                plan.pages
                    .extend(site.pages_of(locale).map(|p| p.path.clone()));
            }
        }
        let related = resolve_all(&site);
        for (path, resolved) in &related {
            if self.related.get(path) != Some(resolved) || resolved.iter().any(|k| keys.contains(k))
            {
                plan.pages.insert(path.clone());
            }
        }
        // Breadcrumbs: the pages below a changed key.
        for page in &site.pages {
            let mut at = page.key.as_str();
            while let Some((parent, _)) = at.rsplit_once('/') {
                if keys.contains(parent) {
                    plan.pages.insert(page.path.clone());
                    break;
                }
                at = parent;
            }
        }
        // An output file that another page now writes.
        for (rel, path) in &new_outputs {
            if old_outputs.get(rel) != Some(path) {
                plan.pages.insert(path.clone());
            }
        }
        plan.remove = old_outputs
            .keys()
            .filter(|rel| !new_outputs.contains_key(*rel))
            .cloned()
            .collect();
        let mut dates: Vec<(String, Option<Date>)> = Vec::new();
        let stamped: BTreeSet<&str> = diff.modified.iter().map(String::as_str).collect();
        for path in differs.iter().chain(stamped.iter()) {
            let date = new_pages
                .get(path)
                .and_then(|page| self.dates.date_of(&site, page));
            if date != self.dates.get(path) {
                dates.push((path.to_string(), date));
                plan.pages.insert(path.to_string());
            }
        }

        // Commit to the new state, then write.
        for (path, date) in dates {
            self.dates.set(&path, date);
        }
        self.site = site;
        self.bases = bases(&self.site, &menus, &self.assets);
        self.menus = menus;
        self.related = related;
        let mut update = self.execute(&plan).map_err(Failure::Touched)?;
        update.changed = changed;
        update.reloaded = true;
        Ok(update)
    }

    /// The model after `diff` without loading every page again: the pages of unchanged files
    /// as they are, the changed and added files read and parsed, pairing and the checks across
    /// pages done afresh ([`Site::from_pages`]). `None` where a file cannot be read: the loader
    /// then reports it as `tolk build` would.
    fn reassemble(&self, root: &Path, diff: &Diff) -> Option<Site> {
        let config = &self.site.config;
        let content = root.join(&config.content_dir);
        let mut files = Vec::new();
        for path in diff.added.iter().chain(&diff.modified) {
            let file = root.join(path);
            let bytes = std::fs::read(&file).ok()?;
            files.push(RawFile {
                content_path: load::slash_path(&file, &content),
                path: path.clone(),
                bytes,
            });
        }
        let gone: BTreeSet<&str> = diff
            .removed
            .iter()
            .chain(&diff.modified)
            .map(String::as_str)
            .collect();
        let across = |f: &Finding| matches!(f.code.as_str(), "duplicate-key" | "duplicate-url");
        let fresh = Site::from_files(root, config.clone(), files, Vec::new());
        let mut findings: Vec<Finding> = self
            .site
            .findings
            .iter()
            .filter(|f| !across(f) && !gone.contains(f.path.as_str()))
            .cloned()
            .collect();
        findings.extend(fresh.findings.into_iter().filter(|f| !across(f)));
        let mut pages: Vec<Page> = self
            .site
            .pages
            .iter()
            .filter(|p| !gone.contains(p.path.as_str()))
            .cloned()
            .collect();
        pages.extend(fresh.pages);
        Some(Site::from_pages(root, config.clone(), pages, findings))
    }

    /// Renders and writes what `plan` lists, removes what it removes.
    fn execute(&self, plan: &Plan) -> Result<Update> {
        let site = &self.site;
        let pages: Vec<&Page> = plan
            .pages
            .iter()
            .filter_map(|path| index_of(site, path).map(|i| &site.pages[i]))
            .filter(|page| is_published(site, page))
            .collect();
        let written: Vec<bool> = pages
            .par_iter()
            .map(|page| {
                let base = match self.bases.get(&page.locale) {
                    Some(base) => base.clone(),
                    None => build::base_context(site, &page.locale, &self.menus, &self.assets),
                };
                let html = build::render_page(site, &self.theme, &self.dates, page, base)?;
                let rel = output::file_for_url(&page.url)
                    .map_err(|reason| build::unsafe_url(page, reason))?;
                output::replace_file(&self.out, &rel, html.as_bytes())
            })
            .collect::<Result<_>>()?;
        let mut update = Update {
            pages: pages.len(),
            written: written.iter().filter(|w| **w).count(),
            ..Update::default()
        };
        for locale in site
            .config
            .locales
            .iter()
            .filter(|l| plan.not_found.contains(&l.code))
        {
            let base = match self.bases.get(&locale.code) {
                Some(base) => base.clone(),
                None => build::base_context(site, &locale.code, &self.menus, &self.assets),
            };
            let html = self.theme.render("404.html", base.value())?;
            let rel = format!("{}404.html", locale.prefix.trim_start_matches('/'));
            update.written += usize::from(output::replace_file(&self.out, &rel, html.as_bytes())?);
        }
        if plan.sitemap {
            let xml = sitemap::sitemap(site, &self.dates);
            update.written += usize::from(output::replace_file(
                &self.out,
                "sitemap.xml",
                xml.as_bytes(),
            )?);
        }
        for rel in &plan.remove {
            update.removed += usize::from(output::remove_file(&self.out, rel)?);
        }
        Ok(update)
    }
}

/// The watched files: a digest of everything whose change means a full build (tolk.yaml,
/// `locales/`, `templates/`, symbolic links and unreadable folders in the content) and the
/// stamp of each page file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Snapshot {
    /// tolk.yaml, `locales/`, `templates/`.
    settings: u64,
    /// The content folder's links, their targets, and what could not be read in it.
    structure: u64,
    /// Whether the content folder has symbolic links (which file notifications do not follow).
    links: bool,
    /// Stamps by root-relative, `/`-separated path (as [`Page::path`]).
    pages: BTreeMap<String, Stamp>,
}

/// The watched places of a site.
struct Folders {
    config_file: PathBuf,
    locales: PathBuf,
    templates: PathBuf,
    content: PathBuf,
    /// The content folder relative to the root, `/`-separated, as page paths start.
    content_rel: String,
    /// Why tolk.yaml could not be read, if it could not.
    config_error: Option<String>,
}

impl Folders {
    fn of(root: &Path, config_file: Option<&Path>, config: Result<&Config, &Error>) -> Folders {
        let defaults;
        let (config, config_error) = match config {
            Ok(config) => (config, None),
            Err(e) => {
                defaults = Config::default();
                (&defaults, Some(e.to_string()))
            }
        };
        let content = root.join(&config.content_dir);
        Folders {
            config_file: config_file.map_or_else(|| root.join(CONFIG_FILE), Path::to_path_buf),
            locales: root.join(&config.locales_dir),
            templates: root.join(TEMPLATES_DIR),
            content_rel: load::slash_path(&content, root),
            content,
            config_error,
        }
    }

    /// A digest of tolk.yaml, `locales/` and `templates/` (few files: taken on every poll).
    fn settings(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.config_error.hash(&mut hasher);
        let mut paths = vec![self.config_file.clone()];
        for dir in [&self.locales, &self.templates] {
            paths.extend(
                walkdir::WalkDir::new(dir)
                    .sort_by_file_name()
                    .into_iter()
                    .flatten()
                    .map(walkdir::DirEntry::into_path),
            );
        }
        for path in paths {
            path.hash(&mut hasher);
            std::fs::metadata(&path)
                .ok()
                .map(|m| Stamp::of(&m))
                .hash(&mut hasher);
        }
        hasher.finish()
    }
}

/// What tells that a file changed without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// The page files that differ between two snapshots.
struct Diff {
    added: Vec<String>,
    removed: Vec<String>,
    modified: Vec<String>,
}

impl Diff {
    fn all(&self) -> impl Iterator<Item = &String> {
        self.added.iter().chain(&self.removed).chain(&self.modified)
    }
}

impl Snapshot {
    /// Stats the watched files. `config` names the folders; without one (tolk.yaml does not
    /// parse) the defaults are watched and tolk.yaml's own stamp tells when to try again.
    fn take(config: &Folders) -> Snapshot {
        let mut pages = BTreeMap::new();
        let mut hasher = DefaultHasher::new();
        config.content.is_dir().hash(&mut hasher);
        let real = config
            .content
            .canonicalize()
            .unwrap_or_else(|_| config.content.clone());
        let mut walk = Walk {
            pages: &mut pages,
            hasher: &mut hasher,
            links: false,
        };
        walk.dir(&config.content, &config.content_rel, &real);
        let links = walk.links;
        Snapshot {
            settings: config.settings(),
            structure: hasher.finish(),
            links,
            pages,
        }
    }

    /// This snapshot with the files at `paths` (below the content folder) statted again:
    /// `None` where that is not enough to know the new state (a folder appeared or vanished),
    /// and the whole content folder must be walked.
    fn patched(&self, folders: &Folders, paths: &BTreeSet<PathBuf>) -> Option<Snapshot> {
        let mut pages = self.pages.clone();
        for path in paths {
            let Ok(below) = path.strip_prefix(&folders.content) else {
                // Locales, templates: their digest is taken afresh every time.
                continue;
            };
            let mut rel = folders.content_rel.clone();
            let mut hidden = false;
            for part in below.components() {
                let part = part.as_os_str().to_string_lossy();
                hidden |= part.starts_with('.');
                if !rel.is_empty() {
                    rel.push('/');
                }
                rel.push_str(&part);
            }
            if below.as_os_str().is_empty() {
                return None; // the content folder itself
            }
            if hidden {
                continue;
            }
            match std::fs::symlink_metadata(path) {
                Ok(meta) if meta.is_file() => {
                    if is_page(path) {
                        pages.insert(rel, Stamp::of(&meta));
                    }
                }
                Ok(_) => return None, // a folder or a link: walk
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    let folder = format!("{rel}/");
                    if pages
                        .range(folder.clone()..)
                        .next()
                        .is_some_and(|(p, _)| p.starts_with(&folder))
                    {
                        return None; // a folder of pages is gone
                    }
                    pages.remove(&rel);
                }
                Err(_) => return None,
            }
        }
        Some(Snapshot {
            settings: folders.settings(),
            structure: self.structure,
            links: self.links,
            pages,
        })
    }

    fn diff(&self, now: &Snapshot) -> Diff {
        let added = now
            .pages
            .keys()
            .filter(|p| !self.pages.contains_key(*p))
            .cloned()
            .collect();
        let removed = self
            .pages
            .keys()
            .filter(|p| !now.pages.contains_key(*p))
            .cloned()
            .collect();
        let modified = now
            .pages
            .iter()
            .filter(|(p, stamp)| self.pages.get(*p).is_some_and(|s| s != *stamp))
            .map(|(p, _)| p.clone())
            .collect();
        Diff {
            added,
            removed,
            modified,
        }
    }
}

/// The walk over the content folder that [`Snapshot::take`] makes on every poll: the loader's
/// walk (hidden entries skipped, symbolic links followed), but cheap, as it runs several times a
/// second on sites of tens of thousands of pages: no sorting, one `fstatat` per page file
/// relative to its open folder, paths built as strings.
struct Walk<'a> {
    pages: &'a mut BTreeMap<String, Stamp>,
    /// Takes what makes a full rebuild: links, their targets, errors.
    hasher: &'a mut DefaultHasher,
    /// Whether a symbolic link was met.
    links: bool,
}

impl Walk<'_> {
    /// Walks `dir`, whose root-relative path is `rel` and whose real path is `real`.
    fn dir(&mut self, dir: &Path, rel: &str, real: &Path) {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return (rel, e.kind()).hash(self.hasher),
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    (rel, e.kind()).hash(self.hasher);
                    continue;
                }
            };
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            let child_rel = if rel.is_empty() {
                name.to_string()
            } else {
                format!("{rel}/{name}")
            };
            let Ok(kind) = entry.file_type() else {
                child_rel.hash(self.hasher);
                continue;
            };
            let path = entry.path();
            if kind.is_symlink() {
                self.links = true;
                // Followed, as the loader follows them; any change to a link or where it leads
                // makes a full rebuild.
                let target = std::fs::metadata(&path);
                let target_real = path.canonicalize().ok();
                (&child_rel, &target_real).hash(self.hasher);
                match (target, target_real) {
                    (Ok(meta), Some(target_real)) if meta.is_dir() => {
                        if real.starts_with(&target_real) {
                            // A loop back to a parent: the loader skips it too.
                            continue;
                        }
                        self.dir(&path, &child_rel, &target_real);
                    }
                    (Ok(meta), _) if meta.is_file() && is_page(&path) => {
                        self.pages.insert(child_rel, Stamp::of(&meta));
                    }
                    _ => {}
                }
            } else if kind.is_dir() {
                self.dir(&path, &child_rel, &real.join(&*name));
            } else if kind.is_file() && is_page(&path) {
                match entry.metadata() {
                    Ok(meta) => {
                        self.pages.insert(child_rel, Stamp::of(&meta));
                    }
                    Err(e) => (child_rel, e.kind()).hash(self.hasher),
                }
            }
        }
    }
}

fn is_page(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PAGE_EXTENSIONS.iter().any(|p| e.eq_ignore_ascii_case(p)))
}

/// The index of the page whose file is `path` (pages are sorted by path).
fn index_of(site: &Site, path: &str) -> Option<usize> {
    match site.pages.binary_search_by(|p| p.path.as_str().cmp(path)) {
        Ok(i) => Some(i),
        // Not sorted after all: look through them.
        Err(_) => site.pages.iter().position(|p| p.path == path),
    }
}

/// A page as the loader makes it, with the findings about its file.
fn parse_one(root: &Path, config: &Config, raw: RawFile) -> Option<(Page, Vec<Finding>)> {
    let mut one = Site::from_files(root, config.clone(), vec![raw], Vec::new());
    let page = one.pages.pop()?;
    one.pages.is_empty().then_some((page, one.findings))
}

/// Whether `new` takes `old`'s place in the model: same file, locale, key, URL and draft
/// state, so that the index, the URL checks, every reference resolution and every switcher stay
/// as they are.
fn same_place(old: &Page, new: &Page) -> bool {
    old.path == new.path
        && old.content_path == new.content_path
        && old.locale == new.locale
        && old.origin == new.origin
        && old.key == new.key
        && old.path_key == new.path_key
        && old.is_index == new.is_index
        && old.url == new.url
        && old.front.draft == new.front.draft
        && old.front_ok == new.front_ok
}

/// Whether `page` is published: the page of its locale and key, and no draft.
fn is_published(site: &Site, page: &Page) -> bool {
    !page.front.draft
        && site
            .page(&page.locale, &page.key)
            .is_some_and(|p| p.path == page.path)
}

/// The findings that stop the build about the pages at `indexes` alone: those
/// [`build::blocking_findings`] gives for them (the model's errors about their files, their
/// broken related pages, their unsafe URLs), filtered as it filters them.
fn page_blocking(site: &Site, indexes: impl Iterator<Item = usize>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for i in indexes {
        let page = &site.pages[i];
        if page.front.draft && page.front_ok {
            continue;
        }
        let own = site.findings.iter().filter(|f| f.path == page.path).cloned();
        findings.extend(
            own.chain(crate::analyse::related::page_findings(site, page))
                .chain(crate::analyse::urls::page_finding(page))
                .filter(|f| f.severity == Severity::Error),
        );
    }
    crate::analyse::sort_findings(&mut findings);
    findings
}

fn all_menus(site: &Site) -> BTreeMap<String, Menus> {
    site.config
        .locales
        .iter()
        .map(|l| (l.code.clone(), menu::menus(site, &l.code)))
        .collect()
}

fn bases(
    site: &Site,
    menus: &BTreeMap<String, Menus>,
    assets: &Assets,
) -> BTreeMap<String, Context> {
    site.config
        .locales
        .iter()
        .map(|l| {
            (
                l.code.clone(),
                build::base_context(site, &l.code, menus, assets),
            )
        })
        .collect()
}

/// The keys `page`'s `related_pages` resolve to, in order.
fn resolve(site: &Site, page: &Page) -> Vec<String> {
    page.front
        .related_pages
        .iter()
        .filter_map(|entry| site.resolve_ref(entry))
        .map(str::to_string)
        .collect()
}

fn resolve_all(site: &Site) -> BTreeMap<String, Vec<String>> {
    site.pages
        .par_iter()
        .map(|page| (page.path.clone(), resolve(site, page)))
        .collect()
}

/// The output file of every published page (relative path → page path), refused like the
/// build refuses them: an unsafe URL, or two files at one path.
fn outputs(site: &Site) -> Result<BTreeMap<String, String>> {
    let mut files = Files::default();
    files.add("style.css".into(), Vec::new(), "the stylesheet")?;
    let mut map = BTreeMap::new();
    for page in build::published_pages(site) {
        let rel =
            output::file_for_url(&page.url).map_err(|reason| build::unsafe_url(page, reason))?;
        files.add(rel.clone(), Vec::new(), &page.path)?;
        map.insert(rel, page.path.clone());
    }
    for locale in &site.config.locales {
        let rel = format!("{}404.html", locale.prefix.trim_start_matches('/'));
        files.add(rel, Vec::new(), "a 404 page")?;
    }
    files.add("sitemap.xml".into(), Vec::new(), "sitemap.xml")?;
    Ok(map)
}
