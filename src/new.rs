//! `tolk new`: starts a translation as a draft.

use std::process::ExitCode;

use anyhow::Result;

use tolk::Site;
use tolk::edit;

use crate::args::Global;
use crate::output::out;

/// Creates the translation of `target` (into `locale`, if given).
pub(crate) fn new(
    site: &Site,
    global: &Global,
    target: &str,
    locale: Option<&str>,
) -> Result<ExitCode> {
    let path = edit::new_translation(site, target, locale)?;
    if !global.quiet {
        out(&format!(
            "created {} (draft): translate it, remove `draft: true`, then run `tolk mark {}`\n",
            path.display(),
            path.display()
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
