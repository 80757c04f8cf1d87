//! The watched files at one moment: a digest of what makes a full rebuild (tolk.yaml,
//! `locales/`, `templates/`, `static/`, links in the content) and the size and modification time of every
//! page file, taken by a walk made cheap enough to run several times a second, or patched from
//! file notifications.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::config::{CONFIG_FILE, Config};
use crate::error::Error;
use crate::load::{self, PAGE_EXTENSIONS};
use crate::theme::TEMPLATES_DIR;

/// The watched files: a digest of everything whose change means a full build (tolk.yaml,
/// `locales/`, `templates/`, `static/`, symbolic links and unreadable folders in the content) and the
/// stamp of each page file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Snapshot {
    /// tolk.yaml, `locales/`, `templates/`, `static/`.
    pub(super) settings: u64,
    /// The content folder's links, their targets, and what could not be read in it.
    pub(super) structure: u64,
    /// Whether the content folder has symbolic links (which file notifications do not follow).
    pub(super) links: bool,
    /// Stamps by root-relative, `/`-separated path (as [`Page::path`]).
    pub(super) pages: BTreeMap<String, Stamp>,
}

/// The watched places of a site.
pub(super) struct Folders {
    pub(super) config_file: PathBuf,
    pub(super) locales: PathBuf,
    pub(super) templates: PathBuf,
    /// The static folder, copied as it is by every full build.
    pub(super) statics: PathBuf,
    pub(super) content: PathBuf,
    /// The content folder relative to the root, `/`-separated, as page paths start.
    pub(super) content_rel: String,
    /// Why tolk.yaml could not be read, if it could not.
    pub(super) config_error: Option<String>,
}

impl Folders {
    pub(super) fn of(
        root: &Path,
        config_file: Option<&Path>,
        config: Result<&Config, &Error>,
    ) -> Folders {
        let defaults;
        let (config, config_error) = match config {
            Ok(config) => (config, None),
            Err(e) => {
                defaults = Config::default();
                (&defaults, Some(e.to_string()))
            }
        };
        let content = root.join(&config.content_dir);
        Folders {
            config_file: config_file.map_or_else(|| root.join(CONFIG_FILE), Path::to_path_buf),
            locales: root.join(&config.locales_dir),
            templates: root.join(TEMPLATES_DIR),
            statics: root.join(&config.static_dir),
            content_rel: load::slash_path(&content, root),
            content,
            config_error,
        }
    }

    /// A digest of tolk.yaml, `locales/`, `templates/` and `static/` (few files: taken on every
    /// poll).
    pub(super) fn settings(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.config_error.hash(&mut hasher);
        let mut paths = vec![self.config_file.clone()];
        for dir in [&self.locales, &self.templates, &self.statics] {
            paths.extend(
                walkdir::WalkDir::new(dir)
                    .sort_by_file_name()
                    .into_iter()
                    .flatten()
                    .map(walkdir::DirEntry::into_path),
            );
        }
        for path in paths {
            path.hash(&mut hasher);
            std::fs::metadata(&path)
                .ok()
                .map(|m| Stamp::of(&m))
                .hash(&mut hasher);
        }
        hasher.finish()
    }
}

/// What tells that a file changed without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Stamp {
    pub(super) len: u64,
    pub(super) modified: Option<SystemTime>,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// The page files that differ between two snapshots.
pub(super) struct Diff {
    pub(super) added: Vec<String>,
    pub(super) removed: Vec<String>,
    pub(super) modified: Vec<String>,
}

impl Diff {
    pub(super) fn all(&self) -> impl Iterator<Item = &String> {
        self.added.iter().chain(&self.removed).chain(&self.modified)
    }
}

impl Snapshot {
    /// Stats the watched files. `config` names the folders; without one (tolk.yaml does not
    /// parse) the defaults are watched and tolk.yaml's own stamp tells when to try again.
    pub(super) fn take(config: &Folders) -> Snapshot {
        let mut pages = BTreeMap::new();
        let mut hasher = DefaultHasher::new();
        config.content.is_dir().hash(&mut hasher);
        let real = config
            .content
            .canonicalize()
            .unwrap_or_else(|_| config.content.clone());
        let mut walk = Walk {
            pages: &mut pages,
            hasher: &mut hasher,
            links: false,
        };
        walk.dir(&config.content, &config.content_rel, &real);
        let links = walk.links;
        Snapshot {
            settings: config.settings(),
            structure: hasher.finish(),
            links,
            pages,
        }
    }

    /// This snapshot with the files at `paths` (below the content folder) statted again:
    /// `None` where that is not enough to know the new state (a folder appeared or vanished),
    /// and the whole content folder must be walked.
    pub(super) fn patched(&self, folders: &Folders, paths: &BTreeSet<PathBuf>) -> Option<Snapshot> {
        let mut pages = self.pages.clone();
        for path in paths {
            let Ok(below) = path.strip_prefix(&folders.content) else {
                // Locales, templates: their digest is taken afresh every time.
                continue;
            };
            let mut rel = folders.content_rel.clone();
            let mut hidden = false;
            for part in below.components() {
                let part = part.as_os_str().to_string_lossy();
                hidden |= part.starts_with('.');
                if !rel.is_empty() {
                    rel.push('/');
                }
                rel.push_str(&part);
            }
            if below.as_os_str().is_empty() {
                return None; // the content folder itself
            }
            if hidden {
                continue;
            }
            match std::fs::symlink_metadata(path) {
                Ok(meta) if meta.is_file() => {
                    if is_page(path) {
                        pages.insert(rel, Stamp::of(&meta));
                    }
                }
                Ok(_) => return None, // a folder or a link: walk
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    let folder = format!("{rel}/");
                    if pages
                        .range(folder.clone()..)
                        .next()
                        .is_some_and(|(p, _)| p.starts_with(&folder))
                    {
                        return None; // a folder of pages is gone
                    }
                    pages.remove(&rel);
                }
                Err(_) => return None,
            }
        }
        Some(Snapshot {
            settings: folders.settings(),
            structure: self.structure,
            links: self.links,
            pages,
        })
    }

    /// The page files added, removed and modified from this snapshot to `now`, each list in
    /// path order: one pass over both (sorted) maps side by side, so that a poll costs a
    /// comparison per file, not a lookup per file.
    pub(super) fn diff(&self, now: &Snapshot) -> Diff {
        let mut diff = Diff {
            added: Vec::new(),
            removed: Vec::new(),
            modified: Vec::new(),
        };
        let mut before = self.pages.iter().peekable();
        let mut after = now.pages.iter().peekable();
        loop {
            match (before.peek(), after.peek()) {
                (None, None) => break,
                (Some((path, _)), None) => {
                    diff.removed.push((*path).clone());
                    before.next();
                }
                (None, Some((path, _))) => {
                    diff.added.push((*path).clone());
                    after.next();
                }
                (Some((old_path, old)), Some((new_path, new))) => match old_path.cmp(new_path) {
                    std::cmp::Ordering::Less => {
                        diff.removed.push((*old_path).clone());
                        before.next();
                    }
                    std::cmp::Ordering::Greater => {
                        diff.added.push((*new_path).clone());
                        after.next();
                    }
                    std::cmp::Ordering::Equal => {
                        if old != new {
                            diff.modified.push((*new_path).clone());
                        }
                        before.next();
                        after.next();
                    }
                },
            }
        }
        diff
    }
}

/// The walk over the content folder that [`Snapshot::take`] makes on every poll: the loader's
/// walk (hidden entries skipped, symbolic links followed), but cheap, as it runs several times a
/// second on sites of tens of thousands of pages: no sorting, one `fstatat` per page file
/// relative to its open folder, paths built as strings.
struct Walk<'a> {
    pages: &'a mut BTreeMap<String, Stamp>,
    /// Takes what makes a full rebuild: links, their targets, errors.
    hasher: &'a mut DefaultHasher,
    /// Whether a symbolic link was met.
    links: bool,
}

impl Walk<'_> {
    /// Walks `dir`, whose root-relative path is `rel` and whose real path is `real`.
    fn dir(&mut self, dir: &Path, rel: &str, real: &Path) {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return (rel, e.kind()).hash(self.hasher),
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    (rel, e.kind()).hash(self.hasher);
                    continue;
                }
            };
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            let child_rel = if rel.is_empty() {
                name.to_string()
            } else {
                format!("{rel}/{name}")
            };
            let Ok(kind) = entry.file_type() else {
                child_rel.hash(self.hasher);
                continue;
            };
            let path = entry.path();
            if kind.is_symlink() {
                self.links = true;
                // Followed, as the loader follows them; any change to a link or where it leads
                // makes a full rebuild.
                let target = std::fs::metadata(&path);
                let target_real = path.canonicalize().ok();
                (&child_rel, &target_real).hash(self.hasher);
                match (target, target_real) {
                    (Ok(meta), Some(target_real)) if meta.is_dir() => {
                        if real.starts_with(&target_real) {
                            // A loop back to a parent: the loader skips it too.
                            continue;
                        }
                        self.dir(&path, &child_rel, &target_real);
                    }
                    (Ok(meta), _) if meta.is_file() && is_page(&path) => {
                        self.pages.insert(child_rel, Stamp::of(&meta));
                    }
                    _ => {}
                }
            } else if kind.is_dir() {
                self.dir(&path, &child_rel, &real.join(&*name));
            } else if kind.is_file() && is_page(&path) {
                match entry.metadata() {
                    Ok(meta) => {
                        self.pages.insert(child_rel, Stamp::of(&meta));
                    }
                    Err(e) => (child_rel, e.kind()).hash(self.hasher),
                }
            }
        }
    }
}

fn is_page(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PAGE_EXTENSIONS.iter().any(|p| e.eq_ignore_ascii_case(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(pages: &[(&str, u64)]) -> Snapshot {
        Snapshot {
            settings: 0,
            structure: 0,
            links: false,
            pages: pages
                .iter()
                .map(|&(path, len)| {
                    (
                        path.to_string(),
                        Stamp {
                            len,
                            modified: None,
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn diff_lists_added_removed_and_modified_files_in_path_order() {
        let before = snapshot(&[("a.md", 1), ("b.md", 1), ("c/d.md", 1), ("e.md", 1)]);
        let now = snapshot(&[
            ("0.md", 1),
            ("b.md", 2),
            ("c/d.md", 1),
            ("c/e.md", 1),
            ("f.md", 1),
        ]);
        let diff = before.diff(&now);
        assert_eq!(diff.added, ["0.md", "c/e.md", "f.md"]);
        assert_eq!(diff.removed, ["a.md", "e.md"]);
        assert_eq!(diff.modified, ["b.md"]);
        let none = now.diff(&now);
        assert!(none.all().next().is_none());
    }
}
