//! Atomic file writes: a temporary file in the same folder, flushed to disk, renamed over the
//! target. A reader sees the old bytes or the new bytes, never a mix; a failure leaves the old
//! file as it was. The one implementation of durable writes: edits, imports, `tolk init`, and
//! the build's output (the files `tolk serve` replaces, and the new output folder flushed once
//! before it is swapped in) all write through here.

use std::io::Write;
use std::path::Path;

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

/// Creates `path` with `bytes` atomically; fails with [`Error::Exists`] if it exists.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.exists() {
        return Err(Error::Exists {
            path: path.to_path_buf(),
        });
    }
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create folder", dir, e))?;
    }
    let temp = write_temp(path, bytes)?;
    temp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Exists {
                path: path.to_path_buf(),
            }
        } else {
            Error::io("cannot create", path, e.error)
        }
    })?;
    Ok(())
}

/// Flushes every file below `dir` to disk, several at a time: one pass after many plain writes
/// costs far less than a flush per write.
pub fn sync_files(dir: &Path) -> Result<()> {
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
    let mut temp = tempfile::Builder::new()
        .prefix(".tolk-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io("cannot create a temporary file in", dir, e))?;
    crate::failpoint::check("write")
        .and_then(|_| temp.write_all(bytes))
        .and_then(|_| temp.as_file().sync_all())
        .and_then(|_| crate::failpoint::check("rename"))
        .map_err(|e| Error::io("cannot write", temp.path().to_path_buf(), e))?;
    Ok(temp)
}
