//! `tolk check`: every finding, in the format asked for, and the exit code `--fail-on` gives.

use std::process::ExitCode;

use anyhow::Result;

use tolk::Severity;
use tolk::Site;
use tolk::report;

use crate::args::{CheckFormat, FailOn, Global};
use crate::output::{exit, out, out_json};

/// Prints the findings (about pages changed since `changed_since`, if given) in `format`.
pub(crate) fn check(
    site: &Site,
    global: &Global,
    format: CheckFormat,
    fail_on: FailOn,
    changed_since: Option<&str>,
) -> Result<ExitCode> {
    // A bad revision is a usage error (exit 2) before any analysis is done.
    let changed = match changed_since {
        Some(rev) => Some(tolk::changed::changed_paths(&site.root, rev)?),
        None => None,
    };
    let analysis = tolk::analyse(site);
    let findings = match &changed {
        Some(changed) => tolk::changed::limit(site, &analysis.findings, changed),
        None => analysis.findings.clone(),
    };
    match format {
        CheckFormat::Json => out_json(&report::json::check(&analysis, &findings))?,
        CheckFormat::Markdown => out(&report::pull_request::check(&analysis, &findings))?,
        CheckFormat::Github => out(&report::github::check(&findings))?,
        CheckFormat::Junit => out(&report::junit::check(&analysis, &findings))?,
        CheckFormat::Sarif => out(&report::sarif::check(
            &findings,
            &report::repo::prefix(&site.root),
        ))?,
        CheckFormat::Codequality => out(&report::codequality::check(
            &findings,
            &report::repo::prefix(&site.root),
        ))?,
        CheckFormat::Text => {
            let shown: Vec<_> = if global.quiet {
                findings
                    .iter()
                    .filter(|f| f.severity > Severity::Info)
                    .cloned()
                    .collect()
            } else {
                findings.clone()
            };
            out(&report::text::check(&shown, global.verbose))?;
        }
    }
    let worst = findings.iter().map(|f| f.severity).max();
    Ok(exit(fail_on.fails(worst)))
}
