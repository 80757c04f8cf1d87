//! Static files: the site's `static/` folder (tolk.yaml `static_dir`), copied into the output
//! as it is, for every locale at once (`static/bilder/logo.svg` → `/bilder/logo.svg`).
//!
//! Hidden files and folders are skipped, as in the content folder. A symbolic link that leads
//! out of the site is not followed (a build must not publish files from elsewhere on the
//! machine), nor is a link loop; both are warnings of the build. A static file whose path a
//! page or the theme also writes is an error, as two pages with one URL are.

use std::path::Path;

use crate::build::output::Files;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::load::slash_path;

/// What copying the static files did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Copied {
    /// Files copied.
    pub files: usize,
    /// What was left out, and why.
    pub warnings: Vec<String>,
}

/// Copies the files of `root/config.static_dir` into `files`. A site without the folder has
/// nothing to copy.
pub fn copy(root: &Path, config: &Config, files: &mut Files) -> Result<Copied> {
    let dir = root.join(&config.static_dir);
    let mut copied = Copied::default();
    if !dir.is_dir() {
        return Ok(copied);
    }
    let real_root = root
        .canonicalize()
        .map_err(|e| Error::io("cannot resolve", root, e))?;
    let mut walker = walkdir::WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let place = err
                    .path()
                    .map_or_else(|| slash_path(&dir, root), |p| slash_path(p, root));
                copied.warnings.push(if err.loop_ancestor().is_some() {
                    format!("{place}: a symbolic link loop in the static folder; it was skipped")
                } else {
                    format!("{place}: cannot be read ({err}); it was not copied")
                });
                continue;
            }
        };
        let path = entry.path();
        if crate::load::leaves_site(&entry, &real_root) {
            copied.warnings.push(format!(
                "{}: a symbolic link out of the site; it was not copied (copy the file into {} instead)",
                slash_path(path, root),
                slash_path(&dir, root)
            ));
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = slash_path(path, &dir);
        let bytes = std::fs::read(path).map_err(|e| Error::io("cannot read", path, e))?;
        let what = format!("the static file {}", slash_path(path, root));
        files.add(rel, bytes, &what)?;
        copied.files += 1;
    }
    Ok(copied)
}
