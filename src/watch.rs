//! File notifications for `tolk serve` (inotify on Linux, through the `notify` crate): the
//! [`Watcher`] the library's rebuild session takes its change notifications from.

use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use tolk::{Hints, Watcher};

/// How long to wait, after a first notification, for the rest of a save (an editor may write
/// a file in several steps).
const SETTLE: Duration = Duration::from_millis(5);

/// The operating system's notifications of changes below the watched folders.
#[derive(Debug, Default)]
pub struct Notify {
    /// The watch and its notifications, while one is on.
    active: Option<Active>,
}

#[derive(Debug)]
struct Active {
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
}

impl Active {
    fn start(content: &Path, others: &[&Path]) -> Option<Active> {
        let (send, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = send.send(event);
        })
        .ok()?;
        watcher.watch(content, RecursiveMode::Recursive).ok()?;
        for dir in others.iter().filter(|d| d.is_dir()) {
            watcher.watch(dir, RecursiveMode::Recursive).ok()?;
        }
        Some(Active {
            _watcher: watcher,
            events,
        })
    }
}

impl Watcher for Notify {
    fn start(&mut self, content: &Path, others: &[&Path]) -> bool {
        self.active = None;
        self.active = Active::start(content, others);
        self.active.is_some()
    }

    fn wait(&mut self, timeout: Duration, hints: &mut Hints) -> bool {
        let Some(active) = &self.active else {
            std::thread::sleep(timeout);
            return false;
        };
        match active.events.recv_timeout(timeout) {
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

    fn drain(&mut self, hints: &mut Hints) {
        if let Some(active) = &self.active {
            while let Ok(event) = active.events.try_recv() {
                add(event, hints);
            }
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
