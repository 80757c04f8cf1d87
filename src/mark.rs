//! `tolk mark`: records the current source as the baseline of translations that are up to date,
//! or, with `--from-history`, the baseline git history implies.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use tolk::Site;
use tolk::edit::{self, Marked};
use tolk::report::{self, style};

use crate::args::Global;
use crate::output::{exit, out};

/// Marks `paths` (translations, or sources and keys with `locale`) as following their source.
pub(crate) fn mark(
    site: &Site,
    global: &Global,
    paths: &[PathBuf],
    locale: Option<&str>,
    force: bool,
) -> Result<ExitCode> {
    let (mut failed, mut refused) = (false, false);
    let targets: Vec<_> = paths
        .iter()
        .map(|path| edit::mark_target(site, &path.to_string_lossy(), locale))
        .collect();
    let pages: Vec<&tolk::Page> = targets
        .iter()
        .filter_map(|t| t.as_ref().ok())
        .copied()
        .collect();
    let mut refusals = edit::refusals(site, &pages).into_iter();
    for target in targets {
        let outcome = target.and_then(|page| {
            let refusal = refusals.next().unwrap_or_default();
            Ok((page, edit::mark_checked(site, page, force, refusal)?))
        });
        match outcome {
            Ok((page, (marked, overridden))) => {
                let shown = &page.path;
                let forced = overridden
                    .map(|o| format!(" (forced over: {})", o.summary()))
                    .unwrap_or_default();
                match marked {
                    Marked::Updated { hash } if !global.quiet => {
                        out(&format!(
                            "marked {shown}: baseline {}{forced}\n",
                            &hash[..10]
                        ))?;
                    }
                    Marked::Unchanged if !global.quiet => {
                        out(&format!("{shown}: already up to date{forced}\n"))?;
                    }
                    Marked::Refused(why) => {
                        refused = true;
                        anstream::eprint!("{}", report::text::refusal(shown, &why));
                    }
                    _ => {}
                }
            }
            Err(err) => {
                failed = true;
                anstream::eprintln!("{}: {err}", style::paint(style::ERROR, "error"));
            }
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        exit(refused)
    })
}

/// `tolk mark --from-history`: the baselines of `paths` (every translation without one) from
/// git history.
pub(crate) fn mark_from_history(
    site: &Site,
    global: &Global,
    paths: &[PathBuf],
) -> Result<ExitCode> {
    let outcomes = edit::from_history::mark_from_history(site, paths)?;
    let mut failed = false;
    let mut marked = 0;
    for (path, outcome) in outcomes {
        match outcome {
            Ok(Marked::Updated { hash }) => {
                marked += 1;
                if !global.quiet {
                    out(&format!(
                        "marked {path}: baseline {} (from history)\n",
                        &hash[..10]
                    ))?;
                }
            }
            Ok(Marked::Unchanged | Marked::Refused(_)) => {
                if !global.quiet {
                    out(&format!("{path}: already records a baseline\n"))?;
                }
            }
            Err(err) => {
                failed = true;
                anstream::eprintln!("{}: {err}", style::paint(style::ERROR, "error"));
            }
        }
    }
    if !global.quiet && marked == 0 && !failed {
        out("no translation without a baseline: nothing to mark\n")?;
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
