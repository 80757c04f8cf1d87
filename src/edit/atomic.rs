//! Atomic file writes: a temporary file in the same folder, flushed to disk, renamed over the
//! target. A reader sees the old bytes or the new bytes, never a mix; a failure leaves the old
//! file as it was.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Replaces `path` with `bytes` atomically, keeping the file's permissions.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    let temp = write_temp(path, bytes)?;
    if let Ok(meta) = std::fs::metadata(path) {
        // Keep the translator's permissions; failing to copy them is not worth losing the edit.
        let _ = std::fs::set_permissions(temp.path(), meta.permissions());
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

fn write_temp(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // Leftovers of edits that were killed before they could clean up.
    crate::leftovers::remove_stale(dir, ".tolk-", ".tmp");
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".tolk-{}", crate::leftovers::own_tag()))
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
