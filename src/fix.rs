//! `tolk fix`: repairs mojibake in place.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use tolk::Site;
use tolk::edit;
use tolk::report::style;

use crate::args::Global;
use crate::output::{display, out};

/// Repairs `paths` (every page without any), or says what it would repair with `dry_run`.
pub(crate) fn fix(
    site: &Site,
    global: &Global,
    paths: &[PathBuf],
    dry_run: bool,
) -> Result<ExitCode> {
    let files: Vec<PathBuf> = if paths.is_empty() {
        site.pages.iter().map(|p| site.root.join(&p.path)).collect()
    } else {
        paths.to_vec()
    };
    let explicit = !paths.is_empty();
    let (mut failed, mut repaired) = (false, 0usize);
    for file in &files {
        let shown = match file.strip_prefix(&site.root) {
            Ok(rel) if !explicit => display(rel),
            _ => display(file),
        };
        match edit::fix::fix_file(file, dry_run) {
            Ok(fixed) => {
                repaired += fixed.len();
                if !global.quiet {
                    for f in &fixed {
                        let verb = if dry_run { "would fix" } else { "fixed" };
                        out(&format!(
                            "{shown}:{}:{}: {verb} `{}` → `{}`\n",
                            f.line, f.column, f.before, f.after
                        ))?;
                    }
                }
            }
            // Walking every page, a file that is not UTF-8 is reported by `tolk check`.
            Err(tolk::Error::Edit { .. }) if !explicit => {}
            Err(err) => {
                failed = true;
                anstream::eprintln!("{}: {err}", style::paint(style::ERROR, "error"));
            }
        }
    }
    if !global.quiet && repaired == 0 && !failed {
        out("no mojibake found\n")?;
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
