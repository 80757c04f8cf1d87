//! `tolk init`: inspects an existing site and writes its tolk.yaml.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::args::Global;
use crate::output::out;

/// Writes tolk.yaml for the site in `--root` or the current folder (or the site below it).
pub(crate) fn init(global: &Global, content_dir: Option<&Path>) -> Result<ExitCode> {
    let start = match &global.root {
        Some(root) => root.clone(),
        None => std::env::current_dir().context("cannot read the current folder")?,
    };
    // At a repository root, the site in a folder below it.
    let root = if content_dir.is_some() {
        start
    } else {
        let found = tolk::site_at(&start);
        if let Some(note) = &found.note
            && !global.quiet
        {
            anstream::eprintln!("{note}");
        }
        found.root
    };
    let survey = tolk::init::init(&root, content_dir)?;
    if !global.quiet {
        out(&tolk::init::report(&survey))?;
        out(&format!(
            "wrote {}: check it, then run `tolk status`\n",
            tolk::CONFIG_FILE
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
