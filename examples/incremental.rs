//! Times the incremental rebuild `tolk serve` does after a page's body is edited.
//!
//! ```text
//! cargo run --release --example incremental -- SITE OUT [EDITS]
//! ```
//!
//! Builds the site at SITE into OUT in full (as `tolk serve` starts), then, EDITS times (5),
//! adds a sentence to the body of one regular page of the source locale (the middle one by
//! path), waits for the file notification as `tolk serve` does, and times the rebuild. Prints
//! one line per rebuild and, last, `best_ms=… median_ms=…` (whole rebuild, looking for the
//! change included). The page is restored at the end.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use tolk::build::incremental::{Outcome, Session};

/// The allocator of the `tolk` binary, so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Every regular page file (not `_index.md`/`index.md`) below `dir`.
fn regular_pages(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            regular_pages(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md")
            && !path
                .file_stem()
                .is_some_and(|s| s == "_index" || s == "index")
        {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(root), Some(out)) = (args.next(), args.next()) else {
        bail!("usage: incremental SITE OUT [EDITS]");
    };
    let edits: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(5);
    let root = PathBuf::from(root);
    let config = tolk::Config::discover(&root, None)?;
    let source_dir = root.join(&config.content_dir).join(&config.source_locale);
    let mut pages = Vec::new();
    regular_pages(&source_dir, &mut pages)?;
    pages.sort();
    let Some(page) = pages.get(pages.len() / 2).cloned() else {
        bail!("no regular page below {}", source_dir.display());
    };
    let original = std::fs::read(&page)?;

    let mut session = Session::new(&root, None, Path::new(&out));
    let start = Instant::now();
    let report = session.full()?;
    eprintln!(
        "full build: {} pages in {:.0} ms",
        report.total_pages(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    let watching = session.watch(Box::new(tolk_cli::watch::Notify::default()));
    let mut times = Vec::new();
    let result = (|| -> Result<()> {
        for n in 1..=edits {
            let mut text = original.clone();
            text.extend_from_slice(format!("\nOne more sentence, number {n}.\n").as_bytes());
            std::fs::write(&page, &text)?;
            if watching {
                // As `tolk serve` does: the rebuild starts when the notification arrives.
                session.wait(Duration::from_secs(2));
            }
            let start = Instant::now();
            let outcome = session.update().context("the edit was not seen")??;
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            match outcome {
                Outcome::Partial(update) => eprintln!(
                    "edit {n}: {ms:.1} ms ({} page rendered, {} written, {} ms looking, walked: {})",
                    update.pages, update.written, update.scan_millis, update.walked
                ),
                Outcome::Full(_) => bail!("edit {n} made a full build"),
            }
            times.push(ms);
        }
        Ok(())
    })();
    std::fs::write(&page, &original)?;
    result?;
    times.sort_by(f64::total_cmp);
    println!(
        "best_ms={:.1} median_ms={:.1}",
        times.first().copied().unwrap_or_default(),
        times.get(times.len() / 2).copied().unwrap_or_default()
    );
    Ok(())
}
