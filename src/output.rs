//! What every command shares for printing: standard output that tolerates a closed pipe, exit
//! codes, paths as a person would type them, colour and the terminal's width.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

/// Writes `text` to standard output (through anstream, which strips colour where it is off).
pub(crate) fn out(text: &str) -> Result<()> {
    write_out(anstream::stdout(), text)
}

/// Writes `text`, a JSON report (which never carries colour), to standard output as it is.
pub(crate) fn out_json(text: &str) -> Result<()> {
    write_out(std::io::stdout().lock(), text)
}

fn write_out(mut stdout: impl Write, text: &str) -> Result<()> {
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => Ok(()),
        // A closed pipe (`tolk check | head`) is not an error of tolk's.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e).context("cannot write to standard output"),
    }
}

/// Exit code 1 where `failed`, else 0.
pub(crate) fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `path` as given, for messages.
pub(crate) fn display(path: &Path) -> String {
    path.display().to_string()
}

/// `path` relative to the current folder where it is below it, as a person would type it.
pub(crate) fn shown_path(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .filter(|rel| !rel.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// Whether what is printed on standard output is coloured (`--color`, NO_COLOR, a terminal).
pub(crate) fn color_on_stdout() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// The terminal's width in columns: `COLUMNS` where set, else the terminal's, else 80.
pub(crate) fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or_else(|| {
            terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0))
        })
        .unwrap_or(80)
}
