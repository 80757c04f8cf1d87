//! Loading: walking the content tree and reading its files.
//!
//! What cannot be read (a symlink loop, a link out of the site, a file without permission) is a
//! [`Finding`]; the walk goes on with everything else.

pub mod depth;
pub mod encoding;
mod fast_yaml;
pub mod frontmatter;
pub mod shortcodes;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::docusaurus;
use crate::config::{Config, Layout};
use crate::diagnostics::{Finding, codes};
use crate::error::{Error, Result};

/// File extensions tolk reads as pages.
pub const PAGE_EXTENSIONS: &[&str] = &["md", "markdown", "mdx"];

/// One page file as read from disk.
#[derive(Debug, Clone)]
pub struct RawFile {
    /// Path below the content folder, `/`-separated (`nb/om-minid.md`).
    pub content_path: String,
    /// Path relative to the site root, `/`-separated (`content/nb/om-minid.md`).
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// `path` relative to `base` with `/` separators, or the path as given if it is not below it.
pub fn slash_path(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    if let Some(text) = rel.to_str()
        && is_plain_relative(text)
    {
        return text.to_string();
    }
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether `text` is a relative path of names only (no empty part, no `.`, no `\\`): then its
/// components joined with `/` are `text` itself.
fn is_plain_relative(text: &str) -> bool {
    !text.contains('\\') && text.split('/').all(|part| !part.is_empty() && part != ".")
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

fn is_page(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PAGE_EXTENSIONS.iter().any(|p| e.eq_ignore_ascii_case(p)))
}

/// The page files of the site `config` describes: the content folder's files, or for a
/// Docusaurus site those of its docs, blog and pages folders and their translations, partials
/// (`_x.mdx`) left out.
pub fn site_files(root: &Path, config: &Config) -> Result<(Vec<PathBuf>, Vec<Finding>)> {
    listed(|found| site_files_each(root, config, found))
}

/// The files a walk (`walk`, handing each file to the function it is given) finds, in order,
/// and its findings.
fn listed(
    walk: impl FnOnce(&mut dyn FnMut(PathBuf)) -> Result<Vec<Finding>>,
) -> Result<(Vec<PathBuf>, Vec<Finding>)> {
    let mut files = Vec::new();
    let findings = walk(&mut |file| files.push(file))?;
    Ok((files, findings))
}

/// [`site_files`], each file handed to `found` as the walk reaches it, in the same order.
fn site_files_each(
    root: &Path,
    config: &Config,
    found: &mut dyn FnMut(PathBuf),
) -> Result<Vec<Finding>> {
    if config.conventions.layout != Layout::Docusaurus {
        return walk_each(root, &config.content_dir, found);
    }
    let mut findings = Vec::new();
    for folder in docusaurus::content_folders(root, config) {
        findings.extend(walk_each(root, &folder, &mut |file| {
            if !docusaurus::is_partial(&slash_path(&file, root)) {
                found(file);
            }
        })?);
    }
    Ok(findings)
}

/// Lists the page files below `root/content_dir`, sorted, skipping hidden files and folders.
pub fn walk(root: &Path, content_dir: &Path) -> Result<(Vec<PathBuf>, Vec<Finding>)> {
    listed(|found| walk_each(root, content_dir, found))
}

/// [`walk`], each file handed to `found` as the walk reaches it, in the same order.
fn walk_each(
    root: &Path,
    content_dir: &Path,
    found: &mut dyn FnMut(PathBuf),
) -> Result<Vec<Finding>> {
    let dir = root.join(content_dir);
    if !dir.is_dir() {
        return Err(Error::NoContent { path: dir });
    }
    let real_root = root
        .canonicalize()
        .map_err(|e| Error::io("cannot resolve", root, e))?;
    let mut findings = Vec::new();
    let mut walker = walkdir::WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e));
    while let Some(entry) = walker.next() {
        match entry {
            Ok(entry) => {
                if leaves_site(&entry, &real_root) {
                    findings.push(Finding::new(&codes::UNREADABLE,
                        slash_path(entry.path(), root),
                        "symbolic link points outside the site; tolk does not read it (replace it with a copy or remove it)",
                    ));
                    if entry.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                    continue;
                }
                if entry.file_type().is_file() && is_page(entry.path()) {
                    found(entry.into_path());
                }
            }
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| slash_path(p, root))
                    .unwrap_or_else(|| slash_path(&dir, root));
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop: this folder links back to one of its parents; tolk skipped it".to_string()
                } else {
                    format!("cannot read: {err}")
                };
                findings.push(Finding::new(&codes::UNREADABLE, path, message));
            }
        }
    }
    Ok(findings)
}

/// How many files one task of [`read_site`] reads: enough that a task is worth handing over,
/// few enough that the walk keeps both cores busy from its first folders on.
const WALKED_BATCH: usize = 256;

/// The page files of the site ([`site_files`]), each made into a `T` and its findings by
/// `read` (given the file's path) while the walk goes on: the walk runs on this thread and
/// hands the files it finds to the thread pool in batches. The values come in the order of the
/// files. The findings are the walk's, then those of the files `read` could not read, then
/// those `read` gives with its values, each in the order of the files.
pub fn read_site<T: Send>(
    root: &Path,
    config: &Config,
    read: impl Fn(&Path) -> Result<(T, Vec<Finding>), Box<Finding>> + Sync,
) -> Result<(Vec<T>, Vec<Finding>)> {
    let (sender, receiver) = std::sync::mpsc::channel::<(usize, Batch<T>)>();
    let read = &read;
    let walked = rayon::in_place_scope(|scope| {
        let mut batch: Vec<PathBuf> = Vec::with_capacity(WALKED_BATCH);
        let mut batches = 0usize;
        let hand_over = |files: Vec<PathBuf>, batches: &mut usize| {
            let sender = sender.clone();
            let at = *batches;
            *batches += 1;
            scope.spawn(move |_| {
                let done = Batch::read(&files, read);
                // The receiver outlives the scope: the send cannot fail.
                let _ = sender.send((at, done));
            });
        };
        let walked = site_files_each(root, config, &mut |file| {
            batch.push(file);
            if batch.len() == WALKED_BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(WALKED_BATCH));
                hand_over(full, &mut batches);
            }
        });
        if !batch.is_empty() {
            hand_over(batch, &mut batches);
        }
        walked
    });
    drop(sender);
    let mut findings = walked?;
    let mut batches: Vec<(usize, Batch<T>)> = receiver.into_iter().collect();
    batches.sort_unstable_by_key(|(at, _)| *at);
    let mut values = Vec::with_capacity(batches.iter().map(|(_, b)| b.values.len()).sum());
    let mut found = Vec::new();
    for (_, batch) in batches {
        values.extend(batch.values);
        findings.extend(batch.unreadable);
        found.extend(batch.found);
    }
    findings.extend(found);
    Ok((values, findings))
}

/// What one task of [`read_site`] made of its files, each list in the order of the files.
struct Batch<T> {
    values: Vec<T>,
    /// The findings about files that could not be read.
    unreadable: Vec<Finding>,
    /// The findings that came with the values.
    found: Vec<Finding>,
}

impl<T> Batch<T> {
    fn read(
        files: &[PathBuf],
        read: impl Fn(&Path) -> Result<(T, Vec<Finding>), Box<Finding>>,
    ) -> Batch<T> {
        let mut batch = Batch {
            values: Vec::with_capacity(files.len()),
            unreadable: Vec::new(),
            found: Vec::new(),
        };
        for file in files {
            match read(file) {
                Ok((value, found)) => {
                    batch.values.push(value);
                    batch.found.extend(found);
                }
                Err(finding) => batch.unreadable.push(*finding),
            }
        }
        batch
    }
}

fn link_stays_inside(path: &Path, real_root: &Path) -> bool {
    path.canonicalize()
        .map(|target| target.starts_with(real_root))
        .unwrap_or(false)
}

/// Whether a walked entry leads out of the site (`real_root`, canonical): a symbolic link, or
/// the walk's own starting folder, whose target is elsewhere. A folder that does is skipped
/// whole by the walks, never read into.
pub fn leaves_site(entry: &walkdir::DirEntry, real_root: &Path) -> bool {
    (entry.depth() == 0 || entry.path_is_symlink()) && !link_stays_inside(entry.path(), real_root)
}

/// The error of a command that refuses to read or write `path` because it leads out of the
/// site.
pub fn link_out_error(path: impl Into<PathBuf>) -> Error {
    Error::io(
        "refusing to use",
        path,
        std::io::Error::other(
            "it is a symbolic link out of the site (or inside one); tolk reads and writes only \
             inside the site, so replace the link with a copy",
        ),
    )
}

/// Whether `path`, through every symbolic link on the way, stays inside the site at `root`.
/// A path that does not exist yet is judged by its nearest existing ancestor, so that a file
/// about to be written through a linked folder is caught before it is.
pub fn inside_site(root: &Path, path: &Path) -> bool {
    let Ok(real_root) = root.canonicalize() else {
        return false;
    };
    let mut probe = path;
    loop {
        if probe.symlink_metadata().is_ok() {
            return link_stays_inside(probe, &real_root);
        }
        match probe.parent() {
            Some(parent) => probe = parent,
            None => return false,
        }
    }
}

/// Reads `files` in parallel. Unreadable files become findings.
pub fn read_all(
    root: &Path,
    content_dir: &Path,
    files: &[PathBuf],
) -> (Vec<RawFile>, Vec<Finding>) {
    read_each(root, content_dir, files, |file| file)
}

/// Reads `files` in parallel and hands each to `each` as soon as it is read, while its bytes
/// are still in the cache; the results come in the order of `files`. Unreadable files become
/// findings.
pub fn read_each<T: Send>(
    root: &Path,
    content_dir: &Path,
    files: &[PathBuf],
    each: impl Fn(RawFile) -> T + Sync,
) -> (Vec<T>, Vec<Finding>) {
    let base = root.join(content_dir);
    let results: Vec<Result<T, Box<Finding>>> = files
        .par_iter()
        .map(|file| read_one(root, &base, file).map(&each))
        .collect();
    split_results(results)
}

/// The values of `results`, and the findings of the files that could not be read. The values
/// stay where they are in memory (an in-place collect), rather than being copied into new.
fn split_results<T>(results: Vec<Result<T, Box<Finding>>>) -> (Vec<T>, Vec<Finding>) {
    let mut findings = Vec::new();
    let raw: Vec<T> = results
        .into_iter()
        .filter_map(|result| match result {
            Ok(value) => Some(value),
            Err(finding) => {
                findings.push(*finding);
                None
            }
        })
        .collect();
    (raw, findings)
}

/// Reads `file` (below `root`, with `base` its content folder) into a buffer of this thread
/// and hands it to `each`, which hands the buffer back once done with the bytes.
pub fn read_reusing<T>(
    root: &Path,
    base: &Path,
    file: &Path,
    each: impl FnOnce(RawFile) -> (T, Vec<u8>),
) -> Result<T, Box<Finding>> {
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let mut buffer = BUFFER.take();
    buffer.clear();
    let raw = read_into(root, base, file, buffer)?;
    let (value, mut spare) = each(raw);
    spare.clear();
    BUFFER.set(spare);
    Ok(value)
}

/// Reads `file` (below `root`, with `base` its content folder), or says why it cannot be read.
pub fn read_one(root: &Path, base: &Path, file: &Path) -> Result<RawFile, Box<Finding>> {
    read_into(root, base, file, Vec::new())
}

/// Appends the bytes of the file at `path` to `buffer`. On sites of many small files the system
/// calls around each read cost more than the read itself, so the file's size is asked only
/// when `buffer` has little spare room (a buffer reused from file to file has enough), and
/// the room made is exactly the file's: a text kept from it wastes none.
pub fn read_file(path: &Path, buffer: &mut Vec<u8>) -> std::io::Result<()> {
    use std::io::Read;
    /// Spare room in which a page is read without asking its size first.
    const ROOM: usize = 4096;
    let file = std::fs::File::open(path)?;
    if buffer.capacity() - buffer.len() < ROOM {
        let size = file.metadata().map_or(0, |m| m.len());
        // One byte more, for the read that finds the end of the file.
        buffer.reserve(usize::try_from(size).unwrap_or(0).saturating_add(1));
    }
    // `Take` reads to the end without the size query `File::read_to_end` makes again.
    file.take(u64::MAX).read_to_end(buffer).map(drop)
}

/// [`read_one`] into `buffer` (empty, its room kept).
fn read_into(
    root: &Path,
    base: &Path,
    file: &Path,
    mut buffer: Vec<u8>,
) -> Result<RawFile, Box<Finding>> {
    let path = slash_path(file, root);
    match read_file(file, &mut buffer) {
        Ok(_) => Ok(RawFile {
            content_path: slash_path(file, base),
            path,
            bytes: buffer,
        }),
        Err(e) => Err(Box::new(Finding::new(
            &codes::UNREADABLE,
            path,
            format!("cannot read this file: {e}; check its permissions"),
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file is read whole whatever room the buffer has: none (then exactly the file's), less
    /// than the file, or more; bytes already in the buffer stay in front.
    #[test]
    fn read_file_reads_the_whole_file_into_any_buffer() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("side.md");
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).expect("written");

        let mut empty = Vec::new();
        read_file(&path, &mut empty).expect("read");
        assert_eq!(empty, bytes);
        assert_eq!(
            empty.capacity(),
            bytes.len() + 1,
            "room made for the file alone"
        );

        let mut small = Vec::with_capacity(ROOM_FOR_TEST);
        small.extend_from_slice(b"kept");
        read_file(&path, &mut small).expect("read");
        assert_eq!(&small[..4], b"kept");
        assert_eq!(&small[4..], &bytes[..]);

        let mut large = Vec::with_capacity(1 << 20);
        read_file(&path, &mut large).expect("read");
        assert_eq!(large, bytes);

        let gone = read_file(&dir.path().join("gone.md"), &mut Vec::new());
        assert!(gone.is_err());
    }

    /// Room enough that [`read_file`] does not ask the size first.
    const ROOM_FOR_TEST: usize = 8192;

    /// Reading while walking gives the files in the walk's order, with the walk's findings
    /// first and then those of reading, in file order: what listing the files and then reading
    /// them gives.
    #[test]
    fn files_read_while_walking_come_in_walk_order() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path();
        let mut written = 0;
        for (folder, count) in [
            ("nb", 300),
            ("nb/a/b", 7),
            ("nn", 320),
            ("en/x", 1),
            ("en", 0),
        ] {
            std::fs::create_dir_all(root.join("content").join(folder)).expect("folder");
            for i in 0..count {
                let file = root.join(format!("content/{folder}/p{i:03}.md"));
                std::fs::write(file, format!("---\ntitle: {i}\n---\n")).expect("file");
                written += 1;
            }
        }
        std::fs::write(root.join("content/nb/.hidden.md"), "x").expect("file");
        std::fs::write(root.join("content/nb/notes.txt"), "x").expect("file");
        #[cfg(unix)]
        std::os::unix::fs::symlink("/", root.join("content/nn/out")).expect("link");
        let config = Config::default();
        let (files, walk_findings) = site_files(root, &config).expect("walked");
        assert_eq!(files.len(), written);
        // Every file whose name ends in 7 cannot be read.
        // Every file whose name ends in 5 comes with a finding of its own.
        let read = |file: &Path| -> Result<(String, Vec<Finding>), Box<Finding>> {
            let path = slash_path(file, root);
            if path.ends_with("7.md") {
                return Err(Box::new(Finding::new(&codes::UNREADABLE, path, "no")));
            }
            let found = path
                .ends_with("5.md")
                .then(|| Finding::new(&codes::FRONT_MATTER, path.clone(), "five"));
            Ok((path, found.into_iter().collect()))
        };
        let (values, findings) = read_site(root, &config, read).expect("read");
        type Read = Result<(String, Vec<Finding>), Box<Finding>>;
        let expected: Vec<Read> = files.iter().map(|f| read(f)).collect();
        let (expected_values, read_findings) = split_results(expected);
        let (expected_values, found): (Vec<String>, Vec<Vec<Finding>>) =
            expected_values.into_iter().unzip();
        assert_eq!(values, expected_values);
        let expected_findings: Vec<Finding> = walk_findings
            .into_iter()
            .chain(read_findings)
            .chain(found.into_iter().flatten())
            .collect();
        assert_eq!(findings, expected_findings);
        assert!(findings.len() > 50, "{}", findings.len());
        assert!(values.len() > 2 * WALKED_BATCH, "{}", values.len());
    }

    /// The shortcut for plain relative paths gives what joining the components gives.
    #[test]
    fn slash_path_agrees_with_components() {
        let joined = |path: &Path, base: &Path| {
            let rel = path.strip_prefix(base).unwrap_or(path);
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        };
        let base = Path::new("/site/content");
        for path in [
            "/site/content/nb/om.md",
            "/site/content/nb//om.md",
            "/site/content/./nb/om.md",
            "/site/content/nb/../om.md",
            "/site/content/nb/om.md/",
            "/elsewhere/om.md",
            "nb/om.md",
            "./nb/om.md",
            "nb/./om.md",
            "nb\\om.md",
            "",
            ".",
            "/",
        ] {
            let path = Path::new(path);
            assert_eq!(slash_path(path, base), joined(path, base), "{path:?}");
            assert_eq!(slash_path(path, Path::new("")), joined(path, Path::new("")));
        }
    }
}
