//! `tolk build`: the static site, with a progress bar on a terminal.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use tolk::Severity;
use tolk::Site;
use tolk::report::{self, style};

use crate::args::Global;
use crate::output::{out, shown_path};

/// Builds `site` into `out_dir` (ROOT/public without one).
pub(crate) fn build(site: &Site, global: &Global, out_dir: Option<&Path>) -> Result<ExitCode> {
    let out_dir = out_dir.map_or_else(|| site.root.join("public"), Path::to_path_buf);
    let bar = if !global.quiet && std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(0)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} pages")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix("building");
    let result = tolk::build_with(site, &out_dir, &mut |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    let report = match result {
        Ok(report) => report,
        Err(tolk::Error::Blocked { findings }) => {
            anstream::eprint!("{}", report::text::check(&findings, false));
            anstream::eprintln!(
                "{}: refusing to build: fix the {} above; the previous output was left as it was",
                style::paint(style::ERROR, "error"),
                report::status::plural(findings.len(), "error")
            );
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };
    for warning in &report.warnings {
        anstream::eprintln!(
            "{}: {warning}",
            style::paint(style::severity(Severity::Warning), "warning")
        );
    }
    if !global.quiet {
        let per_locale: Vec<String> = site
            .config
            .locales
            .iter()
            .filter_map(|l| report.pages.get(&l.code).map(|n| format!("{} {n}", l.code)))
            .collect();
        out(&format!(
            "built {} ({}) into {}\n",
            report::status::plural(report.total_pages(), "page"),
            per_locale.join(", "),
            shown_path(&report.out)
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
