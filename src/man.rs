//! `tolk man`: the manual page.

use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory;

use crate::args::Cli;
use crate::output::out;

/// `tolk man`: the manual page in roff, from the same arguments and help texts.
pub(crate) fn man() -> Result<ExitCode> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    out(&String::from_utf8_lossy(&page))?;
    Ok(ExitCode::SUCCESS)
}
