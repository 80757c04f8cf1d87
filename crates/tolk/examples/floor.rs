//! The floor under `tolk check`: what reading every page and parsing its Markdown costs alone,
//! with tolk's Markdown options, on every core, and nothing else.
//!
//! ```text
//! cargo run --release --example floor -- /dev/shm/site/content
//! ```
//!
//! Prints the files, bytes and Markdown events it saw. No checker that reads every page's
//! links and blocks from a cold start can take less time than this on the same machine, so
//! bench/run.sh shows it beside `tolk check`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use pulldown_cmark::Parser;
use rayon::prelude::*;
use tolk::markdown::options::markdown_options;

/// The allocator of the `tolk` binary, so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Every Markdown file below `dir`, in no particular order.
fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|path| {
            path.extension()
                .is_some_and(|e| e == "md" || e == "markdown" || e == "mdx")
        })
        .collect()
}

/// The bytes of `path` and the Markdown events of its text.
fn read_and_parse(path: &Path) -> (usize, usize) {
    let Ok(bytes) = std::fs::read(path) else {
        return (0, 0);
    };
    let text = String::from_utf8_lossy(&bytes);
    let events = Parser::new_ext(&text, markdown_options()).count();
    (bytes.len(), events)
}

fn main() -> Result<()> {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .context("usage: floor CONTENT_FOLDER")?;
    let files = markdown_files(&dir);
    let (bytes, events) = files
        .par_iter()
        .map(|path| read_and_parse(path))
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!(
        "{} files, {bytes} bytes, {events} Markdown events",
        files.len()
    );
    Ok(())
}
