//! `tolk build`: the per-locale static site.
//!
//! The source locale is published at the root, every other locale below its prefix
//! (`public/om/index.html`, `public/en/about/index.html`). [`build`] runs these
//! stages, in order:
//!
//! 1. refuse a site with findings that must not be published (`broken-related-page`,
//!    `unsafe-url`, and the model's errors such as `duplicate-url`), and an output folder that
//!    must not be replaced ([`output::checked_out_dir`]);
//! 2. load the UI strings ([`crate::theme::strings`]) and the theme ([`templates`]), and the
//!    pages' dates ([`lastmod`]);
//! 3. per locale, its menus ([`menu`]); per published page, its body ([`render`]), language
//!    switcher and hreflang alternates ([`switcher`]) and related pages ([`related_pages`]),
//!    through `page.html`; a `404.html` per locale; `sitemap.xml` ([`sitemap`]); the
//!    stylesheet; the files of the static folder, copied as they are ([`statics`]);
//! 4. write everything into a temporary folder beside the output, pages as soon as they are
//!    rendered (on every core, in chunks of `RENDER_CHUNK` pages), and swap it in ([`output::Files`]).
//!
//! Nothing is written to the output folder before the last stage, so a build that fails leaves
//! the previous output untouched. Drafts are not published; a translation whose text is still
//! the source's is published with a notice, or left out ([`publishable`]). [`serve`] builds, serves and rebuilds on change.

pub mod context;
pub mod incremental;
pub mod lastmod;
pub mod menu;
pub mod output;
pub mod related_pages;
pub mod render;
pub mod serve;
pub mod sitemap;
pub mod statics;
pub mod switcher;
pub mod templates;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::analyse;
use crate::config::PublishUntranslated;
use crate::diagnostics::{Finding, codes};
use crate::error::{Error, Result};
use crate::model::{Page, Site};
use crate::theme::strings::Strings;
use context::{Assets, Context, Crumb, LocaleContext, LocaleView, PageParts, PageView, SiteView};
use lastmod::Dates;
use menu::Menus;
use output::Files;
use templates::Theme;

/// What a build wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// The output folder (absolute).
    pub out: PathBuf,
    /// Pages published, per locale code.
    pub pages: BTreeMap<String, usize>,
    /// Files written, all told.
    pub files: usize,
    /// Things worth knowing that did not stop the build.
    pub warnings: Vec<String>,
}

impl BuildReport {
    /// Pages published, all locales together.
    pub fn total_pages(&self) -> usize {
        self.pages.values().sum()
    }
}

/// Pages rendered in parallel between two progress reports (and held in memory at once).
const RENDER_CHUNK: usize = 512;

/// Builds `site` into `out`. See the module documentation for the stages.
pub fn build(site: &Site, out: &Path) -> Result<BuildReport> {
    build_with(site, out, &mut |_, _| {})
}

/// [`build`], calling `progress(done, total)` as pages are rendered.
pub fn build_with(
    site: &Site,
    out: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<BuildReport> {
    let site: &Site = &publishable(site);
    // The dates are gathered while the checks that may block the build run.
    let (findings, dates) = rayon::join(
        || analyse::checks::blocking_findings(site),
        || Dates::collect(site),
    );
    if !findings.is_empty() {
        return Err(Error::Blocked { findings });
    }
    let out = output::checked_out_dir(&site.root, &site.config, out)?;
    let strings = Arc::new(Strings::load(&site.root, &site.config)?);
    let theme = Theme::new(&site.root, strings);

    let mut files = Files::streaming(&out)?;
    let css = theme.stylesheet()?;
    let assets = assets(&css);
    files.add("style.css".into(), css.into_bytes(), "the stylesheet")?;

    let pages: Vec<&Page> = site.published_pages();
    let total = pages.len() + site.config.locales.len();
    let menus: BTreeMap<String, Menus> = site
        .config
        .locales
        .par_iter()
        .map(|locale| (locale.code.clone(), menu::menus(site, &locale.code)))
        .collect();
    let contexts = locale_contexts(site, &menus, &assets);
    let mut report = BuildReport {
        out: out.clone(),
        pages: BTreeMap::new(),
        files: 0,
        warnings: Vec::new(),
    };
    // The sitemap is made by the thread pool while this thread hands it the pages.
    let mut sitemap = None;
    rayon::in_place_scope(|scope| -> Result<()> {
        scope.spawn(|_| sitemap = Some(sitemap::sitemap(site, &dates)));
        render_pages(
            site,
            &pages,
            (&theme, &dates, &menus, &assets, &contexts),
            &mut files,
            &mut report,
            &mut |done| progress(done, total),
        )
    })?;
    let mut done = pages.len();
    for locale in &site.config.locales {
        let base = match contexts.get(&locale.code) {
            Some(context) => context.base(),
            None => base_context(site, &locale.code, &menus, &assets).value(),
        };
        let html = theme.render("404.html", base)?;
        files.add(
            format!("{}404.html", locale.prefix.trim_start_matches('/')),
            html.into_bytes(),
            "a 404 page",
        )?;
        done += 1;
        progress(done, total);
    }
    report.warnings.extend(
        pages
            .par_iter()
            .flat_map_iter(|page| render::shortcode_warnings(site, page))
            .collect::<Vec<_>>(),
    );
    let statics = statics::copy(&site.root, &site.config, &mut files)?;
    report.warnings.extend(statics.warnings);
    let sitemap = sitemap.unwrap_or_else(|| sitemap::sitemap(site, &dates));
    files.add("sitemap.xml".into(), sitemap.into_bytes(), "sitemap.xml")?;
    if site.config.base_url.is_none() {
        report.warnings.push(
            "tolk.yaml sets no base_url: sitemap.xml and the hreflang links use root-relative URLs, \
             which search engines ignore; set base_url (https://example.org) to publish"
                .into(),
        );
    }
    report.files = files.len() + 1;
    files.finish(&out)?;
    Ok(report)
}

/// The tools every page is rendered with: theme, dates, menus, assets and each locale's context.
type Renderers<'a> = (
    &'a Theme,
    &'a Dates,
    &'a BTreeMap<String, Menus>,
    &'a Assets,
    &'a BTreeMap<String, LocaleContext>,
);

/// Renders and writes `pages` on every core, a chunk at a time (so progress is reported and no
/// more than a chunk of pages is held in memory), counting them into `report`; paths are
/// claimed in page order, so the first of two pages that collide is the one reported.
fn render_pages(
    site: &Site,
    pages: &[&Page],
    (theme, dates, menus, assets, contexts): Renderers<'_>,
    files: &mut Files,
    report: &mut BuildReport,
    progress: &mut dyn FnMut(usize),
) -> Result<()> {
    let mut done = 0;
    for chunk in pages.chunks(RENDER_CHUNK) {
        let rendered: Vec<Result<(String, String)>> = chunk
            .par_iter()
            .map(|page| {
                let made;
                let locale = match contexts.get(&page.locale) {
                    Some(locale) => locale,
                    None => {
                        made = LocaleContext::new(&base_context(site, &page.locale, menus, assets));
                        &made
                    }
                };
                let html = render_page(site, theme, dates, page, locale)?;
                let rel =
                    output::file_for_url(&page.url).map_err(|reason| unsafe_url(page, reason))?;
                Ok((rel, html))
            })
            .collect();
        let mut ready = Vec::with_capacity(rendered.len());
        for (page, result) in chunk.iter().zip(rendered) {
            let (rel, html) = result?;
            files.claim(rel.clone(), &page.path)?;
            *report.pages.entry(page.locale.clone()).or_default() += 1;
            ready.push((rel, html));
        }
        if let Some(dir) = files.dir() {
            ready
                .par_iter()
                .try_for_each(|(rel, html)| output::write_file(dir, rel, html.as_bytes()))?;
        }
        done += chunk.len();
        progress(done);
    }
    Ok(())
}

/// The site as it is published ([`Site::as_published`]), judging which translations are
/// still their source's text with [`analyse::staleness::untranslated`].
pub fn publishable(site: &Site) -> Cow<'_, Site> {
    site.as_published(analyse::staleness::untranslated::untranslated_paths)
}

pub(crate) fn unsafe_url(page: &Page, reason: &str) -> Error {
    Error::Blocked {
        findings: vec![Finding::new(
            &codes::UNSAFE_URL,
            page.path.clone(),
            format!("`url: {}` {reason}", page.url.escape_debug()),
        )],
    }
}

/// The theme files as templates link them: the stylesheet's URL carries a hash of `css`.
pub(crate) fn assets(css: &str) -> Assets {
    Assets {
        css: format!(
            "/style.css?v={}",
            &crate::hash::blob_id(css.as_bytes())[..10]
        ),
    }
}

/// The context every template of `locale` starts from: site, locale, menus, switcher to the
/// front pages. [`render_page`] fills in the page.
pub(crate) fn base_context(
    site: &Site,
    locale: &str,
    menus: &BTreeMap<String, Menus>,
    assets: &Assets,
) -> Context {
    let view = site
        .config
        .locale(locale)
        .map(LocaleView::from)
        .unwrap_or_else(|| LocaleView::from(site.config.source()));
    let home_url = switcher::front_page(site, locale)
        .map(|p| p.url.clone())
        .unwrap_or_else(|| view.prefix.clone());
    Context {
        locale_code: locale.to_string(),
        site: SiteView {
            title: site.config.site_title(locale, &site.root),
            base_url: site.config.base_url.clone(),
            locales: site.config.locales.iter().map(LocaleView::from).collect(),
            params: site.config.params.clone(),
        },
        page: PageView::default(),
        menus: menus.get(locale).cloned().unwrap_or_default(),
        section: None,
        switcher: switcher::switcher(site, None, locale),
        alternates: Vec::new(),
        related: Vec::new(),
        breadcrumbs: Vec::new(),
        home_url,
        assets: assets.clone(),
        locale: view,
    }
}

/// The [`LocaleContext`] of every locale, by locale code.
pub(crate) fn locale_contexts(
    site: &Site,
    menus: &BTreeMap<String, Menus>,
    assets: &Assets,
) -> BTreeMap<String, LocaleContext> {
    site.config
        .locales
        .iter()
        .map(|l| {
            let base = base_context(site, &l.code, menus, assets);
            (l.code.clone(), LocaleContext::new(&base))
        })
        .collect()
}

/// Renders `page` through `page.html`, on top of its locale's `context` ([`base_context`]).
pub(crate) fn render_page(
    site: &Site,
    theme: &Theme,
    dates: &Dates,
    page: &Page,
    context: &LocaleContext,
) -> Result<String> {
    let body = render::page_body(site, page);
    let is_front = switcher::front_page(site, &page.locale).is_some_and(|f| f.path == page.path);
    let page_view = PageView {
        title: page.title().to_string(),
        ingress: page.front.ingress.clone(),
        description: page.front.description.clone(),
        url: page.url.clone(),
        canonical: site
            .config
            .base_url
            .as_ref()
            .map(|_| switcher::absolute(&site.config, &page.url)),
        key: page.key.clone(),
        is_front,
        untranslated: site.config.publish_untranslated == PublishUntranslated::Notice
            && analyse::staleness::untranslated::is_untranslated(site, page),
        body: minijinja::Value::from_safe_string(body.html),
        updated: dates.get(&page.path).map(Into::into),
        reading_minutes: body.words.div_ceil(200).max(1),
        params: Cow::Borrowed(page.front_data()),
    };
    let parts = PageParts {
        page: page_view,
        switcher: switcher::switcher(site, Some(&page.key), &page.locale),
        alternates: switcher::alternates(site, &page.key),
        related: related_pages::related(site, page),
        breadcrumbs: breadcrumbs(site, page),
    };
    theme.render("page.html", context.page(&parts))
}

/// The published pages of the page's locale above it: its front page, then one per folder of
/// its key (`kom-i-gang` for `kom-i-gang/registrer-deg`).
fn breadcrumbs(site: &Site, page: &Page) -> Vec<Crumb> {
    let front = switcher::front_page(site, &page.locale);
    if page.key.is_empty() || front.is_some_and(|f| f.path == page.path) {
        return Vec::new();
    }
    // A page's menu label is its short name (`Forside`), where it has one.
    let crumb = |p: &Page| Crumb {
        title: p
            .front
            .menus
            .get("main")
            .and_then(|e| e.name.clone())
            .unwrap_or_else(|| p.title().to_string()),
        url: p.url.clone(),
    };
    let mut trail: Vec<Crumb> = front.map(crumb).into_iter().collect();
    let parts: Vec<&str> = page.key.split('/').collect();
    for n in 1..parts.len() {
        if let Some(parent) = menu::published(site, &page.locale, &parts[..n].join("/")) {
            trail.push(crumb(parent));
        }
    }
    trail
}
