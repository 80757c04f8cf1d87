//! `tolk check --changed-since REV`: findings limited to the pages a change touched, which is
//! what a pull-request review wants to see.
//!
//! One `git diff --name-only` process lists the files changed between REV and the work tree.
//! A finding is kept when its file changed, or when it concerns a translation whose source
//! changed (a source edit is what makes a translation stale or a structure differ); findings
//! about files git does not list (a `missing` translation of an unchanged source) are dropped.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Stdio;

use crate::diagnostics::Finding;
use crate::error::{Error, Result};
use crate::model::Site;

/// Paths (relative to the site root, `/`-separated) changed since `rev`, committed or not.
pub fn changed_paths(root: &Path, rev: &str) -> Result<BTreeSet<String>> {
    if rev.starts_with('-') {
        return Err(Error::Usage(format!(
            "--changed-since `{rev}` is not a git revision (it starts with `-`)"
        )));
    }
    let output = crate::git::command(root)
        .args([
            "diff",
            "--name-only",
            "--relative",
            "-z",
            "--no-renames",
            rev,
            "--",
        ])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            Error::Usage(format!(
                "--changed-since needs git, which could not be run: {e}"
            ))
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("git diff failed")
            .trim_start_matches("fatal: ");
        return Err(Error::Usage(format!(
            "--changed-since `{rev}`: git cannot compare the site with it ({reason}); give a commit, \
             branch or tag that exists here (in CI, fetch it first, e.g. `git fetch origin main`)"
        )));
    }
    Ok(output
        .stdout
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect())
}

/// The findings of `findings` that concern a changed file or the translation of a changed
/// source, in their order.
pub fn limit(site: &Site, findings: &[Finding], changed: &BTreeSet<String>) -> Vec<Finding> {
    let changed_source = |key: &str| {
        site.source_page(key)
            .is_some_and(|source| changed.contains(&source.path))
    };
    findings
        .iter()
        .filter(|f| {
            changed.contains(&f.path)
                || f.source_path.as_ref().is_some_and(|s| changed.contains(s))
                || f.key.as_deref().is_some_and(changed_source)
        })
        .cloned()
        .collect()
}
