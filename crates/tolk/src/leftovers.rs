//! Temporary files and folders of tolk's writes, and removing the ones earlier runs left.
//!
//! Every temporary name tolk writes beside a file or the output folder carries the id of the
//! process that made it (`.public.tolk-new-<pid>-<random>`, `.tolk-<pid>-<random>.tmp`). A
//! run killed before it could clean up (kill -9, a power cut) leaves them behind; the next run
//! writing in the same folder removes every such name whose process no longer exists, and
//! never one of a process that is still running (a concurrent build or edit).

use std::path::Path;

/// The part of a temporary name that says which process made it: `<pid>-`.
pub(crate) fn own_tag() -> String {
    format!("{}-", std::process::id())
}

/// Removes the entries of `dir` named `<prefix><pid>-…<suffix>` whose process is gone.
/// Failures are ignored: a leftover that cannot be removed now is tried again next time.
pub(crate) fn remove_stale(dir: &Path, prefix: &str, suffix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let Some(rest) = name.strip_prefix(prefix) else {
            continue;
        };
        if !name.ends_with(suffix) {
            continue;
        }
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid == std::process::id() || alive(pid) {
            continue;
        }
        let path = entry.path();
        // Never follow a link: only the entry itself is removed.
        match entry.file_type() {
            Ok(t) if t.is_dir() => {
                let _ = std::fs::remove_dir_all(&path);
            }
            Ok(_) => {
                let _ = std::fs::remove_file(&path);
            }
            Err(_) => {}
        }
    }
}

/// Whether process `pid` exists (or cannot be told not to): a signal-0 probe.
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return true;
    };
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

/// Without a way to probe processes, every leftover might be in use: none is removed.
#[cfg(not(unix))]
fn alive(_: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_only_leftovers_of_dead_processes() {
        let dir = tempfile::tempdir().expect("dir");
        let mine = format!(".tolk-{}abc.tmp", own_tag());
        // Pid 0x7fff_fff0 is above any pid_max, so no such process exists.
        let dead = ".tolk-2147483632-abc.tmp";
        let dead_dir = ".public.tolk-new-2147483632-xyz";
        let other = "notes.tmp";
        for name in [mine.as_str(), dead, other] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        std::fs::create_dir(dir.path().join(dead_dir)).expect("mkdir");
        std::fs::write(dir.path().join(dead_dir).join("f"), "x").expect("write");
        remove_stale(dir.path(), ".tolk-", ".tmp");
        remove_stale(dir.path(), ".public.tolk-new-", "");
        assert!(dir.path().join(&mine).exists());
        assert!(dir.path().join(other).exists());
        assert!(!dir.path().join(dead).exists());
        assert!(!dir.path().join(dead_dir).exists());
    }
}
