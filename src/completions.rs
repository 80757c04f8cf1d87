//! `tolk completions SHELL`: a shell completion script.

use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory;

use crate::args::Cli;
use crate::output::out;

/// `tolk completions SHELL`: the completion script clap derives from the arguments.
pub(crate) fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "tolk", &mut script);
    out(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}
