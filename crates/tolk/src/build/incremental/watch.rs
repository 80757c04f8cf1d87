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

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use super::{Hints, Watcher};
    use crate::build::incremental::{Outcome, Session, Update};

    /// Notifications a test hands over, and the folders each start was asked to watch.
    #[derive(Clone, Default)]
    struct Scripted {
        pending: Arc<Mutex<Hints>>,
        started: Arc<Mutex<Vec<PathBuf>>>,
    }

    impl Scripted {
        fn notify(&self, path: PathBuf) {
            self.pending.lock().expect("lock").paths.insert(path);
        }
    }

    impl Watcher for Scripted {
        fn start(&mut self, content: &Path, _others: &[&Path]) -> bool {
            self.started
                .lock()
                .expect("lock")
                .push(content.to_path_buf());
            true
        }

        fn wait(&mut self, _timeout: Duration, hints: &mut Hints) -> bool {
            let before = hints.clone();
            self.drain(hints);
            *hints != before
        }

        fn drain(&mut self, hints: &mut Hints) {
            let pending = std::mem::take(&mut *self.pending.lock().expect("lock"));
            hints.paths.extend(pending.paths);
            hints.unknown |= pending.unknown;
        }
    }

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(path, text).expect("write");
    }

    fn partial(session: &mut Session) -> Update {
        match session.update() {
            Some(Ok(Outcome::Partial(update))) => update,
            other => panic!("expected an incremental rebuild, got {other:?}"),
        }
    }

    #[test]
    fn a_session_learns_of_changes_from_the_notifications_it_is_handed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        write(root, "content/nb/om.md", "---\ntitle: Om\n---\nTekst.\n");
        write(
            root,
            "content/nb/kontakt.md",
            "---\ntitle: Kontakt\n---\nRing oss.\n",
        );
        let watcher = Scripted::default();
        let mut session = Session::new(root, None, &root.join("public"));
        assert!(session.watch(Box::new(watcher.clone())));
        assert_eq!(
            *watcher.started.lock().expect("lock"),
            [root.join("content")]
        );
        session.full().expect("first build");

        // A notification names the file: only it is looked at, nothing is walked.
        write(
            root,
            "content/nb/om.md",
            "---\ntitle: Om\n---\nNy tekst her.\n",
        );
        watcher.notify(root.join("content/nb/om.md"));
        assert!(session.wait(Duration::ZERO));
        let update = partial(&mut session);
        assert_eq!(update.changed, ["content/nb/om.md"]);
        assert!(!update.walked);

        // A change no notification names is not seen until the next walk.
        write(
            root,
            "content/nb/kontakt.md",
            "---\ntitle: Kontakt\n---\nSkriv til oss.\n",
        );
        assert!(!session.wait(Duration::ZERO));
        assert!(session.update().is_none());

        // Notifications that lost track: the content is walked, and the watch started again.
        watcher.pending.lock().expect("lock").unknown = true;
        let update = partial(&mut session);
        assert_eq!(update.changed, ["content/nb/kontakt.md"]);
        assert!(update.walked);
        assert_eq!(watcher.started.lock().expect("lock").len(), 2);
    }
}
