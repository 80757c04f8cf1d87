//! tolk, the localization pipeline of the MinID information site.
//!
//! The data flows one way, one module a stage:
//!
//! 1. [`config`]: tolk.yaml and its defaults, the locales, an existing site's conventions
//!    ([`config::conventions`]) and its Hugo or Zola configuration ([`config::hugo`]);
//! 2. [`load`]: walking `content/`, reading files, splitting and reading front matter;
//! 3. [`model`]: pages with locale, translation key and URL, paired across locales (per the
//!    site's layout: [`model::layout`]);
//! 4. [`analyse`]: translation states (with diffs from the git object store; commit baselines
//!    and history mode in [`analyse::baseline`], one pass over history in
//!    [`analyse::history`]), content lints ([`analyse::lints`]), and findings with codes from
//!    [`analyse::codes`];
//! 5. [`report`]: text, JSON, Markdown, GitHub, JUnit and status tables; [`edit`]: `tolk mark`,
//!    `tolk new` and `tolk fix`.
//! 6. [`build`]: the per-locale static site (`tolk build`) and the preview server (`tolk serve`).
//!
//! [`init`] (`tolk init`) inspects an existing site and writes its tolk.yaml.
//!
//! ```no_run
//! let root = tolk::find_root(std::path::Path::new("."))?;
//! let site = tolk::load_site(&root, None)?;
//! let analysis = tolk::analyse::analyse(&site);
//! print!("{}", tolk::report::json::check(&analysis, &analysis.findings));
//! # Ok::<(), tolk::Error>(())
//! ```

pub mod analyse;
pub mod build;
pub mod config;
pub mod edit;
pub mod error;
pub mod exchange;
pub mod failpoint;
pub mod hash;
pub mod init;
pub mod load;
pub mod model;
pub mod report;

use std::path::{Path, PathBuf};

pub use config::Config;
pub use error::{Error, Result};
pub use model::{Page, Site};

/// The site root for a run started in `start`: `start` or the nearest parent that holds
/// tolk.yaml or a content folder.
pub fn find_root(start: &Path) -> Result<PathBuf> {
    let start = start
        .canonicalize()
        .map_err(|e| Error::io("cannot open", start, e))?;
    for dir in start.ancestors() {
        if dir.join(config::CONFIG_FILE).is_file() || dir.join("content").is_dir() {
            return Ok(dir.to_path_buf());
        }
    }
    Err(Error::NoSite { start })
}

/// Loads the configuration (`config_file`, else root/tolk.yaml, else defaults) and the site.
pub fn load_site(root: &Path, config_file: Option<&Path>) -> Result<Site> {
    if !root.is_dir() {
        return Err(Error::io(
            "cannot open the site root",
            root,
            std::io::Error::new(std::io::ErrorKind::NotFound, "not a folder"),
        ));
    }
    let config = Config::discover(root, config_file)?;
    Site::load(root, config)
}
