//! `tolk import`: writes translations from returned XLIFF or PO files into the pages.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use tolk::Site;
use tolk::report::style;

use crate::args::Global;
use crate::output::{display, exit, out};

/// Imports `files`, checked first; writes nothing with `dry_run`.
pub(crate) fn import(
    site: &Site,
    global: &Global,
    files: &[PathBuf],
    locale: Option<&str>,
    rebase: bool,
    dry_run: bool,
) -> Result<ExitCode> {
    use tolk::exchange::import::{self, ImportError, Options};
    let mut read = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        read.push((display(file), text));
    }
    let options = Options {
        rebase,
        locale: locale.map(str::to_string),
        dry_run,
    };
    let outcome = match import::import(site, &read, &options) {
        Ok(outcome) => outcome,
        Err(ImportError::Invalid(problems)) => {
            for problem in &problems {
                anstream::eprintln!("{}: {problem}", style::paint(style::ERROR, "error"));
            }
            anyhow::bail!(
                "{} problem(s) in the input; nothing was written",
                problems.len()
            );
        }
        Err(ImportError::Failed(e)) => return Err(e.into()),
    };
    let verb = |created: bool| match (created, dry_run) {
        (true, false) => "created",
        (false, false) => "updated",
        (true, true) => "would create",
        (false, true) => "would update",
    };
    if !global.quiet {
        let mut text = String::new();
        for w in &outcome.written {
            let draft = if w.complete {
                ""
            } else {
                " as a draft (some segments are empty)"
            };
            let review = if w.unreviewed > 0 {
                format!(", {} unreviewed memory match(es)", w.unreviewed)
            } else {
                String::new()
            };
            text.push_str(&format!(
                "{} {}{draft}: {} segment(s){review}\n",
                verb(w.created),
                w.path,
                w.segments
            ));
        }
        for path in &outcome.current {
            text.push_str(&format!("{path}: already up to date\n"));
        }
        out(&text)?;
    }
    for (path, reason) in &outcome.skipped {
        anstream::eprintln!(
            "{}: {path} skipped: {reason}",
            style::paint(style::WARNING, "warning")
        );
    }
    Ok(exit(!outcome.skipped.is_empty()))
}
