//! File notifications for `tolk serve`, as plain data: the library does not watch files itself.
//! Whoever runs a [`Session`](super::Session) may hand it a [`Watcher`] (the command line's
//! watches through the operating system's notifications); an edit is then seen the moment it is
//! saved, and only the files named in the notifications ([`Hints`]) are statted again, instead
//! of every page of the site on every poll.
//!
//! Notifications are hints, never the only source of truth: whatever they cannot account for
//! (a lost or overflowed queue, a folder that appears or vanishes, a watch that fails) makes
//! the session walk the whole content folder, as it does without a watcher, and it walks it
//! every few seconds anyway, in case a change went unnoticed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What notifications told since they were last read.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hints {
    /// Paths that changed (files, or folders).
    pub paths: BTreeSet<PathBuf>,
    /// Something happened that the paths do not describe: walk everything.
    pub unknown: bool,
}

/// A source of file notifications for a [`Session`](super::Session).
pub trait Watcher: Send {
    /// Watches `content` (which must exist) and those of `others` that exist, recursively,
    /// replacing whatever was watched before. Returns whether notifications work (`false` where
    /// the platform or its limits refuse).
    fn start(&mut self, content: &Path, others: &[&Path]) -> bool;

    /// Waits up to `timeout` for a notification, then a moment for the rest of its save (an
    /// editor may write a file in several steps); adds what arrived to `hints`. Returns whether
    /// anything arrived. Notifications that stopped for good set [`Hints::unknown`].
    fn wait(&mut self, timeout: Duration, hints: &mut Hints) -> bool;

    /// Adds the notifications that have arrived to `hints`, without waiting.
    fn drain(&mut self, hints: &mut Hints);
}
