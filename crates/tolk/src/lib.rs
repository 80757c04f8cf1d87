//! tolk, the localization pipeline of the MinID information site.
//!
//! The data flows one way, one module a stage:
//!
//! 0. `diagnostics`: findings, the catalogue of their codes (`diagnostics::codes`) and the
//!    `severity:` policy, made by every later stage;
//! 1. `config`: tolk.yaml and its defaults, the locales, an existing site's conventions
//!    (`config::conventions`) and its Hugo or Zola (`config::hugo`), Docusaurus
//!    (`config::docusaurus`) or Astro Starlight (`config::starlight`) configuration;
//! 2. [`load`]: walking `content/`, reading files, splitting and reading front matter;
//! 3. `model`: pages with locale, translation key and URL, paired across locales (per the
//!    site's layout: `model::layout`);
//!    [`markdown`] reads a page body (one set of parser options, MDX, blocks, the word scan)
//!    and [`theme`] is what a built site looks like and says (templates, UI strings, `.ftl`
//!    files), for the analysis and the build alike;
//! 4. [`analyse`](mod@analyse): translation states ([`analyse::staleness`], with diffs from the
//!    git object store of `git`; commit baselines and history mode in
//!    [`analyse::staleness::baseline`], one pass over history in
//!    [`analyse::staleness::history`]), and the checks ([`analyse::checks`]: content lints,
//!    Fluent, URLs, related pages) with their findings;
//! 5. [`report`]: text, JSON, Markdown, GitHub, JUnit and status tables; [`edit`]: `tolk mark`,
//!    `tolk new` and `tolk fix`.
//! 6. [`build`](mod@build): the per-locale static site (`tolk build`) and the preview server
//!    (`tolk serve`).
//!
//! [`init`] (`tolk init`) inspects an existing site and writes its tolk.yaml.
//!
//! The command line (the `tolk-cli` crate at the repository's root) uses the library through the names
//! re-exported here: [`find_site`], [`load_site`], [`analyse()`], [`coverage`], [`build()`],
//! [`serve`] with a [`Watcher`] for file notifications, the [`codes`] catalogue, and the
//! [`report`], [`edit`], [`exchange`] and [`init`] namespaces.
//!
//! ```no_run
//! let root = tolk::find_root(std::path::Path::new("."))?;
//! let site = tolk::load_site(&root, None)?;
//! let analysis = tolk::analyse::analyse(&site);
//! print!("{}", tolk::report::json::check(&analysis, &analysis.findings));
//! # Ok::<(), tolk::Error>(())
//! ```

#![warn(unreachable_pub)]

pub mod analyse;
pub mod build;
mod config;
mod diagnostics;
pub mod edit;
mod error;
mod escape;
pub mod exchange;
mod failpoint;
mod git;
mod hash;
pub mod init;
mod leftovers;
pub mod load;
pub mod markdown;
mod model;
mod place;
pub mod report;
#[cfg(test)]
mod testing;
pub mod theme;

use std::path::{Path, PathBuf};

// The public API: what the `tolk` command line uses, and what an editor plugin or a web service
// may use. `report`, `edit`, `exchange` and `init` are its namespaces for the outputs (report
// formats; `mark`, `new`, `fix`; XLIFF and PO; `tolk init`); the other modules are reached
// through the names below.
pub use analyse::staleness::changed;
pub use analyse::{Analysis, analyse, coverage};
pub use build::incremental::{self, Hints, Watcher};
pub use build::serve::{self, ServeOptions};
pub use build::{BuildReport, build, build_with};
pub use config::{CONFIG_FILE, Config};
pub use diagnostics::{Finding, Severity, codes};
pub use error::{Error, Result};
pub use git::ObjectStore;
pub use hash::{blob_id, normalize_newlines, page_hash};
pub use model::{Page, PageText, Site, Texts};

/// The site root for a run started in `start`: see [`find_site`].
pub fn find_root(start: &Path) -> Result<PathBuf> {
    find_site(start).map(|found| found.root)
}

/// Where a run found its site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundSite {
    /// The site root.
    pub root: PathBuf,
    /// Set when the site was found below the starting folder: what to tell the user
    /// (`using the Docusaurus site in website/`).
    pub note: Option<String>,
}

/// Folders below a repository root where sites usually are, searched first.
const SITE_FOLDERS: &[&str] = &["docs", "website", "site"];

/// Folders never searched for a site.
const SKIPPED_FOLDERS: &[&str] = &[
    "node_modules",
    "target",
    "vendor",
    "dist",
    "build",
    "public",
];

/// How deep below the starting folder a site is looked for.
const SEARCH_DEPTH: usize = 3;

/// The site for a run started in `start`: `start` or the nearest parent that holds tolk.yaml,
/// a content folder, or a Docusaurus, Astro Starlight, Hugo or Zola configuration; else, run at
/// a repository root, a folder below `start` (`docs/`, `website/`, `site/` first, then any,
/// shallowest first; `node_modules` and hidden folders skipped) that holds such a
/// configuration.
pub fn find_site(start: &Path) -> Result<FoundSite> {
    let start = start
        .canonicalize()
        .map_err(|e| Error::io("cannot open", start, e))?;
    for dir in start.ancestors() {
        // Astro's `src/content/` is no site's content folder: its site is further up.
        let content = dir.join("content").is_dir() && !dir.ends_with("src");
        if dir.join(config::CONFIG_FILE).is_file() || content || generator(dir).is_some() {
            return Ok(FoundSite {
                root: dir.to_path_buf(),
                note: None,
            });
        }
    }
    site_below(&start).ok_or(Error::NoSite { start })
}

/// The site for `--root DIR`: `dir` itself where it holds tolk.yaml, a content folder or a
/// generator configuration, else a site below it (as [`find_site`] searches), else `dir`.
pub fn site_at(dir: &Path) -> FoundSite {
    let is_site = dir.join(config::CONFIG_FILE).is_file()
        || dir.join("content").is_dir()
        || generator(dir).is_some();
    if !is_site && let Some(found) = site_below(dir) {
        return found;
    }
    FoundSite {
        root: dir.to_path_buf(),
        note: None,
    }
}

/// The name of the site generator whose configuration `dir` holds, if any.
pub fn generator(dir: &Path) -> Option<&'static str> {
    if config::docusaurus::find(dir).is_some() {
        return Some("Docusaurus");
    }
    if config::starlight::find(dir).is_some() {
        return Some("Astro Starlight");
    }
    match config::hugo::read(dir) {
        Ok(Some(site)) => Some(match site.generator {
            config::hugo::Generator::Hugo => "Hugo",
            config::hugo::Generator::Zola => "Zola",
        }),
        _ if ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"]
            .iter()
            .any(|f| dir.join(f).is_file()) =>
        {
            Some("Hugo")
        }
        _ => None,
    }
}

/// The shallowest folder below `start` that holds a generator configuration or tolk.yaml.
fn site_below(start: &Path) -> Option<FoundSite> {
    let mut level: Vec<PathBuf> = vec![start.to_path_buf()];
    for _ in 0..SEARCH_DEPTH {
        let mut next: Vec<PathBuf> = Vec::new();
        for dir in &level {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            let mut children: Vec<PathBuf> = entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter(|e| {
                    let name = e.file_name().to_string_lossy().to_string();
                    !name.starts_with('.') && !SKIPPED_FOLDERS.contains(&name.as_str())
                })
                .map(|e| e.path())
                .collect();
            // The usual site folders first, then the rest by name.
            children.sort_by_key(|p| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                let rank = SITE_FOLDERS
                    .iter()
                    .position(|f| *f == name)
                    .unwrap_or(SITE_FOLDERS.len());
                (rank, name)
            });
            next.extend(children);
        }
        for dir in &next {
            let rel = load::slash_path(dir, start);
            let note = match generator(dir) {
                Some(name) => format!("using the {name} site in {rel}/"),
                None if dir.join(config::CONFIG_FILE).is_file() => {
                    format!("using the site in {rel}/ ({})", config::CONFIG_FILE)
                }
                None => continue,
            };
            return Some(FoundSite {
                root: dir.clone(),
                note: Some(note),
            });
        }
        level = next;
    }
    None
}

/// Loads the configuration (`config_file`, else root/tolk.yaml, else defaults) and the site.
pub fn load_site(root: &Path, config_file: Option<&Path>) -> Result<Site> {
    load_site_with(root, config_file, Texts::Kept)
}

/// [`load_site`], keeping what `texts` says of each page's text.
pub fn load_site_with(root: &Path, config_file: Option<&Path>, texts: Texts) -> Result<Site> {
    if !root.is_dir() {
        return Err(Error::io(
            "cannot open the site root",
            root,
            std::io::Error::new(std::io::ErrorKind::NotFound, "not a folder"),
        ));
    }
    let config = Config::discover(root, config_file)?;
    Site::load_with(root, config, texts)
}
