//! File notifications for `tolk serve` (inotify on Linux, through the `notify` crate): an
//! edit is seen the moment it is saved, and only the files named in the notifications are
//! statted again, instead of every page of the site on every poll.
//!
//! Notifications are hints, never the only source of truth: whatever they cannot account for
//! (a lost or overflowed queue, a folder that appears or vanishes, a watch that fails) makes
//! the session walk the whole content folder, as it does without a watcher, and it walks it
//! every few seconds anyway, in case a change went unnoticed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// How long to wait, after a first notification, for the rest of a save (an editor may write
/// a file in several steps).
const SETTLE: Duration = Duration::from_millis(5);

/// Notifications of changes below the watched folders.
pub(super) struct Watch {
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
}

/// What notifications told since they were last read.
#[derive(Debug, Default)]
pub(super) struct Hints {
    /// Paths that changed (files, or folders).
    pub(super) paths: BTreeSet<PathBuf>,
    /// Something happened that the paths do not describe: walk everything.
    pub(super) unknown: bool,
}

impl Watch {
    /// Watches `content` (which must exist) and those of `others` that exist, recursively;
    /// `None` where the platform or its limits (inotify watches) refuse.
    pub(super) fn start(content: &Path, others: &[&Path]) -> Option<Watch> {
        let (send, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = send.send(event);
        })
        .ok()?;
        watcher.watch(content, RecursiveMode::Recursive).ok()?;
        for dir in others.iter().filter(|d| d.is_dir()) {
            watcher.watch(dir, RecursiveMode::Recursive).ok()?;
        }
        Some(Watch {
            _watcher: watcher,
            events,
        })
    }

    /// Waits up to `timeout` for a notification, then a moment for the rest of its save;
    /// adds what arrived to `hints`. Returns whether anything arrived.
    pub(super) fn wait(&self, timeout: Duration, hints: &mut Hints) -> bool {
        match self.events.recv_timeout(timeout) {
            Ok(event) => {
                add(event, hints);
                std::thread::sleep(SETTLE);
                self.drain(hints);
                true
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => {
                hints.unknown = true;
                true
            }
        }
    }

    /// Adds the notifications that have arrived to `hints`, without waiting.
    pub(super) fn drain(&self, hints: &mut Hints) {
        while let Ok(event) = self.events.try_recv() {
            add(event, hints);
        }
    }
}

fn add(event: notify::Result<notify::Event>, hints: &mut Hints) {
    match event {
        Ok(event) if event.need_rescan() => hints.unknown = true,
        // Reading a file (tolk's own builds do) changes nothing.
        Ok(event) if matches!(event.kind, EventKind::Access(_)) => {}
        Ok(event) => hints.paths.extend(event.paths),
        Err(_) => hints.unknown = true,
    }
}
