//! Writing the built site: every file goes into a temporary folder beside the output folder,
//! which replaces the output only when all of them were written. A failed build leaves the
//! previous output exactly as it was.
//!
//! The output folder is replaced whole, so tolk refuses folders it must not replace: the site
//! root, the content, locales or templates folder (or one inside them, or one containing them),
//! and an existing non-empty folder that was not written by `tolk build` (it has no
//! [`MARKER`] file).

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::config::Config;
use crate::edit::atomic;
use crate::error::{Error, Result};
pub use crate::model::output_path::{MARKER, file_for_url};
use crate::theme::TEMPLATES_DIR;

/// The files of a build, by relative path.
#[derive(Debug, Default)]
pub struct Files {
    files: BTreeMap<String, Vec<u8>>,
    /// With [`Files::streaming`]: the temporary folder files are written into as they come
    /// (and only their paths kept), so a build holds no rendered page in memory.
    temp: Option<(tempfile::TempDir, PathBuf, String)>,
}

impl Files {
    /// Files written as they are added into a temporary folder beside `out`, which
    /// [`Files::finish`] swaps in. Dropped without `finish` (a failed build), the folder is
    /// removed and the previous output stays as it was.
    pub fn streaming(out: &Path) -> Result<Files> {
        let (temp, parent, name) = temp_dir_beside(out)?;
        Ok(Files {
            files: BTreeMap::new(),
            temp: Some((temp, parent, name)),
        })
    }

    /// The folder a streaming build writes into.
    pub fn dir(&self) -> Option<&Path> {
        self.temp.as_ref().map(|(temp, _, _)| temp.path())
    }

    /// Adds a file; two files for one path are an error (one would overwrite the other).
    pub fn add(&mut self, rel: String, bytes: Vec<u8>, what: &str) -> Result<()> {
        self.claim(rel.clone(), what)?;
        match self.dir() {
            Some(dir) => write_file(dir, &rel, &bytes),
            None => {
                self.files.insert(rel, bytes);
                Ok(())
            }
        }
    }

    /// Reserves the path `rel` for a file the caller writes into [`Files::dir`] itself (with
    /// [`write_file`], possibly from another thread); an error if the path is taken.
    pub fn claim(&mut self, rel: String, what: &str) -> Result<()> {
        if self.files.contains_key(&rel) {
            return Err(Error::Output {
                path: PathBuf::from(&rel),
                reason: format!(
                    "{what} would overwrite another file of the build at {rel}; give one of them another url"
                ),
            });
        }
        self.files.insert(rel, Vec::new());
        Ok(())
    }

    /// Writes the files into `out`, replacing what was there: swaps in a streaming build's
    /// folder, or writes the files held in memory ([`write()`]).
    pub fn finish(self, out: &Path) -> Result<()> {
        match self.temp {
            Some((temp, parent, name)) => {
                atomic::sync_files(temp.path())?;
                finish(temp, out, &parent, &name)
            }
            None => write(out, &self),
        }
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// `out` as an absolute path, after checking that tolk may replace it.
pub fn checked_out_dir(root: &Path, config: &Config, out: &Path) -> Result<PathBuf> {
    let refuse = |reason: &str| Error::Output {
        path: out.to_path_buf(),
        reason: reason.to_string(),
    };
    let out_abs = absolute(out).ok_or_else(|| refuse("it names no folder"))?;
    let root_abs = absolute(root).ok_or_else(|| refuse("the site root cannot be resolved"))?;
    if out_abs == root_abs {
        return Err(refuse("it is the site root"));
    }
    // A Docusaurus site's content is in its plugins' folders, not the whole root.
    let content_dirs = if config.conventions.layout == crate::config::Layout::Docusaurus {
        crate::config::docusaurus::FOLDERS
            .iter()
            .map(PathBuf::from)
            .collect()
    } else {
        vec![config.content_dir.clone()]
    };
    let guarded = [
        (&config.locales_dir, "locales"),
        (&config.static_dir, "static"),
    ];
    for (dir, name) in content_dirs
        .iter()
        .map(|d| (d, "content"))
        .chain(guarded)
        .chain([(&PathBuf::from(TEMPLATES_DIR), "templates")])
    {
        let Some(dir) = absolute(&root_abs.join(dir)) else {
            continue;
        };
        if out_abs == dir {
            return Err(refuse(&format!("it is the {name} folder")));
        }
        if out_abs.starts_with(&dir) {
            return Err(refuse(&format!("it is inside the {name} folder")));
        }
        if dir.starts_with(&out_abs) {
            return Err(refuse(&format!("it contains the {name} folder")));
        }
    }
    if out_abs.exists() {
        if !out_abs.is_dir() {
            return Err(refuse("it exists and is not a folder"));
        }
        let mut entries =
            std::fs::read_dir(&out_abs).map_err(|e| Error::io("cannot read", &out_abs, e))?;
        if entries.next().is_some() && !out_abs.join(MARKER).is_file() {
            return Err(refuse(&format!(
                "it is not empty and was not written by tolk build (it has no {MARKER} file), so replacing it could destroy other files"
            )));
        }
    }
    Ok(out_abs)
}

/// An absolute, normalised form of `path`: symlinks resolved for the part that exists, `.` and
/// `..` applied lexically for the rest.
fn absolute(path: &Path) -> Option<PathBuf> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let mut existing = path.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        rest.push(existing.file_name()?.to_os_string());
        existing = existing.parent()?.to_path_buf();
    }
    let mut out = existing.canonicalize().ok()?;
    for part in rest.into_iter().rev() {
        match Path::new(&part).components().next() {
            Some(Component::ParentDir) => {
                out.pop();
            }
            Some(Component::CurDir) | None => {}
            _ => out.push(part),
        }
    }
    out.file_name()?;
    Some(out)
}

/// Writes `files` into a temporary folder beside `out` and swaps it in.
pub fn write(out: &Path, files: &Files) -> Result<()> {
    let (temp, parent, name) = temp_dir_beside(out)?;
    for (rel, bytes) in &files.files {
        write_file(temp.path(), rel, bytes)?;
    }
    atomic::sync_files(temp.path())?;
    finish(temp, out, &parent, &name)
}

/// Writes the file `rel` (`/`-separated) below `dir`, creating its folders. The build writes
/// into a new folder that no one reads until it is swapped in, so a file needs no temporary
/// file of its own; the whole folder is flushed to disk once, before the swap
/// ([`atomic::sync_files`]), which costs far less than a flush per file.
pub fn write_file(dir: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create folder", dir, e))?;
    }
    std::fs::write(&path, bytes)
        .and_then(|_| crate::failpoint::check("build-write"))
        .map_err(|e| Error::io("cannot write", &path, e))
}

/// A new temporary folder beside `out`, with `out`'s parent and file name.
fn temp_dir_beside(out: &Path) -> Result<(tempfile::TempDir, PathBuf, String)> {
    let parent = out.parent().ok_or_else(|| Error::Output {
        path: out.to_path_buf(),
        reason: "it has no parent folder".into(),
    })?;
    std::fs::create_dir_all(parent).map_err(|e| Error::io("cannot create folder", parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    // Leftovers of builds that were killed before they could clean up.
    crate::leftovers::remove_stale(parent, &format!(".{name}.tolk-new-"), "");
    crate::leftovers::remove_stale(parent, &format!(".{name}.tolk-old-"), "");
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{name}.tolk-new-{}", crate::leftovers::own_tag()))
        .tempdir_in(parent)
        .map_err(|e| Error::io("cannot create a temporary folder in", parent, e))?;
    Ok((temp, parent.to_path_buf(), name))
}

/// Adds the marker to the build in `temp` and swaps it in for `out`.
fn finish(temp: tempfile::TempDir, out: &Path, parent: &Path, name: &str) -> Result<()> {
    let marker = temp.path().join(MARKER);
    std::fs::write(
        &marker,
        "Written by `tolk build`. This folder is replaced on every build: edit content/ instead.\n",
    )
    .map_err(|e| Error::io("cannot write", &marker, e))?;
    open_permissions(temp.path());
    swap(temp, out, parent, name)
}

#[cfg(unix)]
fn open_permissions(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    // tempfile creates the folder for its owner only; a published site is world-readable.
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
}

#[cfg(not(unix))]
fn open_permissions(_: &Path) {}

/// Puts the new site in `temp` in place of `out`. Where the system can exchange two names in
/// one step (Linux `renameat2(RENAME_EXCHANGE)`), it does: a reader of `out` sees the old site
/// or the new one, never no site, and a build killed at any moment leaves one of them there.
/// Elsewhere (or on a file system without the exchange) the old site is renamed away and the
/// new one renamed in, and a failure between the two puts the old one back.
fn swap(temp: tempfile::TempDir, out: &Path, parent: &Path, name: &str) -> Result<()> {
    if !out.exists() {
        std::fs::rename(temp.path(), out)
            .map_err(|e| Error::io("cannot move the new site to", out, e))?;
        let _ = temp.keep();
        return Ok(());
    }
    crate::failpoint::check("build-swap")
        .map_err(|e| Error::io("cannot move the new site to", out, e))?;
    if exchange(temp.path(), out).is_ok() {
        // `temp` now holds the previous site; it is removed when it goes out of scope.
        drop(temp);
        return Ok(());
    }
    let old = tempfile::Builder::new()
        .prefix(&format!(".{name}.tolk-old-{}", crate::leftovers::own_tag()))
        .tempdir_in(parent)
        .map_err(|e| Error::io("cannot create a temporary folder in", parent, e))?;
    let old_path = old.path().join("site");
    std::fs::rename(out, &old_path)
        .map_err(|e| Error::io("cannot move the old site away from", out, e))?;
    let moved = crate::failpoint::check("build-swap-fallback")
        .and_then(|_| std::fs::rename(temp.path(), out));
    if let Err(e) = moved {
        // Put the old site back: a failed build leaves the previous output in place.
        let _ = std::fs::rename(&old_path, out);
        return Err(Error::io("cannot move the new site to", out, e));
    }
    let _ = temp.keep();
    // `old` (and the previous site in it) is removed when it goes out of scope.
    drop(old);
    Ok(())
}

/// Exchanges the folders `a` and `b` in one step.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    crate::failpoint::check("build-no-exchange")?;
    rustix::fs::renameat_with(
        rustix::fs::CWD,
        a,
        rustix::fs::CWD,
        b,
        rustix::fs::RenameFlags::EXCHANGE,
    )
    .map_err(std::io::Error::from)
}

/// No atomic exchange here: the caller falls back to two renames.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Writes one file of an output folder in place with [`atomic::replace`]: the bytes go to a
/// temporary file beside it, flushed to disk and renamed over the old one, so a reader sees the
/// old file or the new one, never half of one. Used by `tolk serve`, which owns its output
/// folder and updates a few files of it per change (see [`crate::build::incremental`]). Returns `false`, writing nothing, when the
/// file already holds exactly `bytes`.
pub fn replace_file(out: &Path, rel: &str, bytes: &[u8]) -> Result<bool> {
    let path = out_path(out, rel)?;
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let dir = path.parent().unwrap_or(out);
    std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create folder", dir, e))?;
    atomic::replace(&path, bytes)?;
    Ok(true)
}

/// Removes one file of an output folder, and the folders that leaves empty (up to `out`
/// itself); `false` when there was no such file.
pub fn remove_file(out: &Path, rel: &str) -> Result<bool> {
    let path = out_path(out, rel)?;
    match std::fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Error::io("cannot remove", &path, e)),
    }
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| *d != out && d.starts_with(out)) {
        // Fails (and stops) at the first folder that still holds something.
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(true)
}

/// `out` joined with the `/`-separated relative path `rel`, refusing anything that would leave it.
fn out_path(out: &Path, rel: &str) -> Result<PathBuf> {
    let mut path = out.to_path_buf();
    for part in rel.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.contains(['\\', ':']) {
            return Err(Error::Output {
                path: out.join(rel),
                reason: "the file would not be inside the output folder".into(),
            });
        }
        path.push(part);
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_for_urls() {
        assert_eq!(file_for_url("/"), Ok("index.html".into()));
        assert_eq!(
            file_for_url("/en/about-minid/"),
            Ok("en/about-minid/index.html".into())
        );
        assert_eq!(file_for_url("/en/about"), Ok("en/about/index.html".into()));
        assert_eq!(file_for_url("/en/404.html"), Ok("en/404.html".into()));
        assert!(file_for_url("/en/../../x/").is_err());
    }

    #[test]
    fn refuses_dangerous_out_dirs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/nb")).unwrap();
        let config = Config::default();
        for bad in [".", "content", "content/nb/out", ".."] {
            assert!(
                checked_out_dir(root, &config, &root.join(bad)).is_err(),
                "{bad} should be refused"
            );
        }
        std::fs::create_dir_all(root.join("docs")).unwrap();
        std::fs::write(root.join("docs/notes.txt"), "mine").unwrap();
        assert!(checked_out_dir(root, &config, &root.join("docs")).is_err());
        assert!(checked_out_dir(root, &config, &root.join("public")).is_ok());
    }
}
