//! Discovery of a site's Fluent files: which `.ftl` files under `locales/` belong to which
//! locale. `tolk check` and `tolk build` both read the site's UI strings through
//! [`site_files`], so they always agree on what a locale's strings are.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Error, Result};

/// The site's `.ftl` files under `root/<locales_dir>`: `(locale code, path)`, sorted by path.
///
/// Each folder of `locales/` whose name resolves to a configured locale (its code, an alias
/// from tolk.yaml, or a spelling of the same language such as `no` for `nb`) contributes every
/// `.ftl` file in it and in its subfolders. Folders that name no configured locale, and files
/// directly in `locales/`, are ignored. A site without the folder has no files. A folder or
/// file that links out of the site is an error: nothing outside the site is read.
pub fn site_files(root: &Path, config: &Config) -> Result<Vec<(String, PathBuf)>> {
    let dir = root.join(&config.locales_dir);
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    let entries = std::fs::read_dir(&dir).map_err(|e| Error::io("cannot read", &dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("cannot read", &dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((locale, _)) = config.resolve_locale(&name) else {
            continue;
        };
        if !entry.path().is_dir() {
            continue;
        }
        // Nothing outside the site is read, through any link.
        if !crate::load::inside_site(root, &entry.path()) {
            return Err(crate::load::link_out_error(entry.path()));
        }
        for file in walkdir::WalkDir::new(entry.path()).sort_by_file_name() {
            let file = file.map_err(|e| {
                let path = e.path().unwrap_or(&dir).to_path_buf();
                Error::io("cannot read", path, std::io::Error::other(e))
            })?;
            if file.path_is_symlink() && !crate::load::inside_site(root, file.path()) {
                return Err(crate::load::link_out_error(file.path()));
            }
            if file.file_type().is_file() && file.path().extension().is_some_and(|e| e == "ftl") {
                files.push((locale.code.clone(), file.path().to_path_buf()));
            }
        }
    }
    files.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(files)
}
