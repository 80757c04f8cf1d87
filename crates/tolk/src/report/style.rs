//! Terminal styles shared by the text reports. Written through `anstream`, which drops them
//! when output is not a terminal, when NO_COLOR is set, or when `--color never` is given.

use anstyle::{AnsiColor, Style};

use crate::diagnostics::Severity;

/// Errors.
pub const ERROR: Style = AnsiColor::Red.on_default().bold();
/// Warnings.
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
/// Infos.
pub const INFO: Style = AnsiColor::Cyan.on_default().bold();
/// Paths and headings.
pub const STRONG: Style = Style::new().bold();
/// Less important text.
pub const DIM: Style = Style::new().dimmed();
/// Added diff lines, good states.
pub const ADDED: Style = AnsiColor::Green.on_default();
/// Removed diff lines.
pub const REMOVED: Style = AnsiColor::Red.on_default();
/// Diff hunk headers.
pub const HUNK: Style = AnsiColor::Cyan.on_default();

/// The style of a severity label.
pub fn severity(severity: Severity) -> Style {
    match severity {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Info => INFO,
    }
}

/// `text` wrapped in `style`'s escape codes.
pub fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

/// A unified diff with added, removed and hunk lines coloured.
pub fn diff(diff: &str) -> String {
    let mut out = String::with_capacity(diff.len() + diff.len() / 4);
    for line in diff.split_inclusive('\n') {
        let style = if line.starts_with("+++") || line.starts_with("---") {
            STRONG
        } else if line.starts_with('+') {
            ADDED
        } else if line.starts_with('-') {
            REMOVED
        } else if line.starts_with("@@") {
            HUNK
        } else {
            Style::new()
        };
        let (content, newline) = match line.strip_suffix('\n') {
            Some(c) => (c, "\n"),
            None => (line, ""),
        };
        out.push_str(&paint(style, content));
        out.push_str(newline);
    }
    out
}
