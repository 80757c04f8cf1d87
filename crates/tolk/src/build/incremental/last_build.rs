//! What a build computed, kept between rebuilds, and the rebuild itself: which pages a change
//! affects ([`LastBuild::patch`] for pages that stay in place, [`LastBuild::reload`] for pages
//! added, removed or moved), rendering them, and writing them in place.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::snapshot::Diff;
use super::{Failure, Update};
use crate::build::context::{Assets, LocaleContext};
use crate::build::lastmod::{Date, Dates};
use crate::build::menu::{self, Menus};
use crate::build::output::{self, Files};
use crate::build::templates::Theme;
use crate::build::{self, sitemap, switcher};
use crate::config::Config;
use crate::diagnostics::Finding;
use crate::error::{Error, Result};
use crate::load::{self, RawFile};
use crate::model::{Page, Site};
use crate::theme::strings::Strings;

/// Model findings that are about a page's place among the others, not about its file alone:
/// they stay when one page is re-read in place (its place is unchanged, or the model is
/// reloaded).
const SITE_LEVEL_CODES: &[&str] = &["duplicate-key", "duplicate-url", "unreadable"];

/// What the last good build computed, kept between rebuilds.
pub(super) struct LastBuild {
    pub(super) site: Site,
    theme: Theme,
    dates: Dates,
    assets: Assets,
    /// Menus per locale code.
    menus: BTreeMap<String, Menus>,
    /// The template context every page of a locale starts from, per locale code.
    bases: BTreeMap<String, LocaleContext>,
    /// The keys each page's `related_pages` resolve to, by page path.
    related: BTreeMap<String, Vec<String>>,
    /// The output file of every published page (relative path → page path).
    outputs: BTreeMap<String, String>,
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

impl LastBuild {
    pub(super) fn new(site: Site, out: PathBuf) -> Result<LastBuild> {
        let strings = Arc::new(Strings::load(&site.root, &site.config)?);
        let theme = Theme::new(&site.root, strings);
        let assets = build::assets(&theme.stylesheet()?);
        let dates = Dates::collect(&site);
        let menus = all_menus(&site);
        let bases = bases(&site, &menus, &assets);
        let related = resolve_all(&site);
        let outputs = outputs(&site)?;
        Ok(LastBuild {
            outputs,
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
    pub(super) fn patch(
        &mut self,
        fresh: Vec<(usize, Page, Vec<Finding>)>,
        changed: Vec<String>,
    ) -> std::result::Result<Update, Failure> {
        let findings_before = self.site.findings.clone();
        let mut replaced: Vec<(usize, Page)> = Vec::new();
        let mut touched: Vec<usize> = Vec::new();
        for (i, page, findings) in fresh {
            touched.push(i);
            if self.site.pages[i].text() == page.text() {
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
        let blocking = crate::analyse::checks::page_blocking_findings(
            &self.site,
            replaced.iter().map(|(i, _)| &self.site.pages[*i]),
        );
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
            if new.locale == source {
                // A translation says when it is still the source's text: the source decides.
                let judged = |page: &Page, source: &Page| {
                    crate::analyse::staleness::untranslated::is_untranslated_against(
                        site, page, source,
                    )
                };
                plan.pages.extend(
                    site.translations(&new.key)
                        .filter(|t| t.locale != source && judged(t, old) != judged(t, new))
                        .map(|t| t.path.clone()),
                );
            }
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
            self.bases.insert(locale, LocaleContext::new(&base));
        }
        let mut update = self.execute(&plan).map_err(Failure::Touched)?;
        update.changed = changed;
        Ok(update)
    }

    /// Rebuilds the model (pages were added, removed or moved), compares it with the one built
    /// last, and rebuilds what differs.
    pub(super) fn reload(
        &mut self,
        root: &Path,
        diff: &Diff,
        changed: Vec<String>,
    ) -> std::result::Result<Update, Failure> {
        // Reassembled, the model shares every unchanged page with the old one, and only the
        // files re-read can differ; loaded afresh, any page can.
        let (site, reread) = match self.reassemble(root, diff) {
            Some(site) => (site, true),
            None => (
                Site::load(root, self.site.config.clone()).map_err(Failure::Untouched)?,
                false,
            ),
        };
        let blocking = crate::analyse::checks::blocking_findings(&site);
        if !blocking.is_empty() {
            return Err(Failure::Untouched(Error::Blocked { findings: blocking }));
        }
        let new_outputs = outputs(&site).map_err(Failure::Untouched)?;
        let old_outputs = &self.outputs;

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
        if reread {
            differs.extend(diff.all().map(String::as_str));
        } else {
            for (path, old) in &old_pages {
                if new_pages
                    .get(path)
                    .is_none_or(|new| new.text() != old.text())
                {
                    differs.insert(path);
                }
            }
            differs.extend(new_pages.keys().filter(|p| !old_pages.contains_key(*p)));
        }
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
                .map(|l| {
                    switcher::front_page(s, &l.code).map(|p| (p.path.clone(), p.text().to_string()))
                })
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
        let old = std::mem::replace(&mut self.site, site);
        // Freeing tens of thousands of pages takes a while: not on the way to the browser.
        std::thread::spawn(move || drop(old));
        self.outputs = new_outputs;
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
            .filter(|page| site.publishes(page))
            .collect();
        let written: Vec<bool> = pages
            .par_iter()
            .map(|page| {
                let made;
                let base = match self.bases.get(&page.locale) {
                    Some(base) => base,
                    None => {
                        made = LocaleContext::new(&build::base_context(
                            site,
                            &page.locale,
                            &self.menus,
                            &self.assets,
                        ));
                        &made
                    }
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
                Some(base) => base.base(),
                None => build::base_context(site, &locale.code, &self.menus, &self.assets).value(),
            };
            let html = self.theme.render("404.html", base)?;
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

/// The index of the page whose file is `path` (pages are sorted by path).
pub(super) fn index_of(site: &Site, path: &str) -> Option<usize> {
    match site.pages.binary_search_by(|p| p.path.as_str().cmp(path)) {
        Ok(i) => Some(i),
        // Not sorted after all: look through them.
        Err(_) => site.pages.iter().position(|p| p.path == path),
    }
}

/// A page as the loader makes it, with the findings about its file.
pub(super) fn parse_one(
    root: &Path,
    config: &Config,
    raw: RawFile,
) -> Option<(Page, Vec<Finding>)> {
    let mut one = Site::from_files(root, config.clone(), vec![raw], Vec::new());
    let page = one.pages.pop()?;
    one.pages.is_empty().then_some((page, one.findings))
}

/// Whether `new` takes `old`'s place in the model: same file, locale, key, URL and draft
/// state, so that the index, the URL checks, every reference resolution and every switcher stay
/// as they are.
pub(super) fn same_place(old: &Page, new: &Page) -> bool {
    old.path == new.path
        && old.content_path == new.content_path
        && old.locale == new.locale
        && old.origin == new.origin
        && old.key == new.key
        && old.path_key == new.path_key
        && old.is_index == new.is_index
        && old.url == new.url
        && old.is_published() == new.is_published()
        && old.front_ok == new.front_ok
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
) -> BTreeMap<String, LocaleContext> {
    build::locale_contexts(site, menus, assets)
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
    for page in site.published_pages() {
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
