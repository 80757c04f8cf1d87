//! `tolk explain [CODE]`: what a finding code means, or the list of every code.

use std::process::ExitCode;

use anyhow::Result;

use crate::output::out;

/// Prints the explanation of `code`, or every code without one.
pub(crate) fn explain(code: Option<&str>) -> Result<ExitCode> {
    let Some(code) = code else {
        out(&tolk::codes::list())?;
        return Ok(ExitCode::SUCCESS);
    };
    match tolk::codes::lookup(code.trim()) {
        Some(entry) => {
            out(&tolk::codes::explain(entry))?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let near = tolk::codes::suggestions(code);
            let hint = if near.is_empty() {
                String::new()
            } else {
                format!(" (did you mean {}?)", near.join(", "))
            };
            anyhow::bail!("`{code}` is not a finding code{hint}; `tolk explain` lists them all")
        }
    }
}
