//! Atomic file writes: a temporary file in the same folder, flushed to disk, renamed over the
//! target. A reader sees the old bytes or the new bytes, never a mix; a failure leaves the old
//! file as it was. The one implementation of durable writes: edits, imports, `tolk init`, and
//! the build's output (the files `tolk serve` replaces, and the new output folder flushed once
//! before it is swapped in) all write through here.
//!
//! A file that is a symbolic link is written through to its target when the target is inside
//! the site ([`replace_within`]), so the link stays a link; a link out of the site is refused.
//! New files get the permissions any editor would give them (0666 less the umask), and the
//! folders a failed creation made are removed again.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Replaces `path` with `bytes` atomically, keeping the file's permissions.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    let temp = write_temp(path, bytes)?;
    match std::fs::metadata(path) {
        // Keep the translator's permissions; failing to copy them is not worth losing the edit.
        Ok(meta) => {
            let _ = std::fs::set_permissions(temp.path(), meta.permissions());
        }
        // A new file is readable by all, as one written with `std::fs::write` (the temporary
        // file is its owner's alone).
        Err(_) => readable_by_all(temp.path()),
    }
    temp.persist(path)
        .map_err(|e| Error::io("cannot replace", path, e.error))?;
    Ok(())
}

/// Replaces the file at `path` of the site at `root` with `bytes`, like [`replace`]. When
/// `path` is a symbolic link, its target is written (the link stays) if the target is inside
/// the site; a link out of the site is refused. Returns the file written.
pub fn replace_within(root: &Path, path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let linked = path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    if !linked {
        replace(path, bytes)?;
        return Ok(path.to_path_buf());
    }
    let target = path
        .canonicalize()
        .map_err(|e| Error::io("cannot resolve", path, e))?;
    if !crate::load::inside_site(root, &target) {
        return Err(Error::Edit {
            path: path.to_path_buf(),
            message: format!(
                "it is a symbolic link to {}, outside the site; tolk does not write there \
                 (replace the link with a copy to edit it here)",
                target.display()
            ),
        });
    }
    replace(&target, bytes)?;
    Ok(target)
}

/// Creates `path` with `bytes` atomically; fails with [`Error::Exists`] if it exists. The
/// folders it had to create are removed again when the file cannot be written.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.exists() {
        return Err(Error::Exists {
            path: path.to_path_buf(),
        });
    }
    let mut created: Vec<PathBuf> = Vec::new();
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        let mut missing = dir;
        while !missing.exists() {
            created.push(missing.to_path_buf());
            match missing.parent() {
                Some(p) if !p.as_os_str().is_empty() => missing = p,
                _ => break,
            }
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create folder", dir, e))?;
    }
    let result = write_temp(path, bytes).and_then(|temp| {
        temp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Exists {
                    path: path.to_path_buf(),
                }
            } else {
                Error::io("cannot create", path, e.error)
            }
        })
    });
    if result.is_err() {
        // Deepest first; a folder something else has meanwhile written into stays.
        for dir in &created {
            let _ = std::fs::remove_dir(dir);
        }
    }
    result.map(|_| ())
}

/// Flushes every file below `dir` to disk (and, on Linux, the folders that hold them): one
/// pass after many plain writes costs far less than a flush per write. On Linux that pass is
/// one `syncfs` of the file system that holds `dir`: it writes back everything written to that
/// file system, folders included, and reports a failed write-back, where a flush per file
/// costs an open and an `fsync` per file (most of a second on a site of 20 000 pages);
/// elsewhere each file is flushed, several at a time.
pub fn sync_files(dir: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        let folder = std::fs::File::open(dir).map_err(|e| Error::io("cannot read", dir, e))?;
        rustix::fs::syncfs(&folder).map_err(|e| Error::io("cannot write", dir, e.into()))
    }
    #[cfg(not(target_os = "linux"))]
    sync_each_file(dir)
}

/// [`sync_files`] one file at a time, where the system has no `syncfs`.
#[cfg(not(target_os = "linux"))]
fn sync_each_file(dir: &Path) -> Result<()> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::io("cannot read", path, std::io::Error::other(e))
        })?;
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    files.par_iter().try_for_each(|path| {
        std::fs::File::open(path)
            .and_then(|file| file.sync_all())
            .map_err(|e| Error::io("cannot write", path, e))
    })
}

#[cfg(unix)]
fn readable_by_all(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644));
}

#[cfg(not(unix))]
fn readable_by_all(_: &Path) {}

fn write_temp(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // Leftovers of edits that were killed before they could clean up.
    crate::leftovers::remove_stale(dir, ".tolk-", ".tmp");
    let prefix = format!(".tolk-{}", crate::leftovers::own_tag());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        // Like any editor's new file: 0666 less the umask (the system applies it on creation).
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(dir)
        .map_err(|e| Error::io("cannot create a temporary file in", dir, e))?;
    crate::failpoint::check("write")
        .and_then(|_| temp.write_all(bytes))
        .and_then(|_| temp.as_file().sync_all())
        .and_then(|_| crate::failpoint::check("rename"))
        .map_err(|e| Error::io("cannot write", temp.path().to_path_buf(), e))?;
    Ok(temp)
}
