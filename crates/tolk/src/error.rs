//! The library's error type: what stops tolk from doing its job at all.
//!
//! Problems in the content (a malformed page, a duplicate URL) are not errors but
//! [`Finding`](crate::diagnostics::Finding)s; an [`Error`] means tolk could not run (exit code 2).

use std::path::PathBuf;

/// Everything that can stop a tolk command before it produces a result.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No site root was found from the starting folder upwards.
    #[error(
        "no site found in {start}, any parent folder or the folders below it (looked for tolk.yaml, a content/ folder, \
         or a Docusaurus, Astro Starlight or Hugo configuration); \
         run tolk inside the site or pass --root DIR"
    )]
    NoSite {
        /// The folder the search started from.
        start: PathBuf,
    },
    /// The content folder does not exist.
    #[error("the content folder {path} does not exist; create it, or set content_dir in tolk.yaml")]
    NoContent {
        /// The missing folder.
        path: PathBuf,
    },
    /// A file or folder could not be read or written.
    #[error("{action} {path}: {source}")]
    Io {
        /// What tolk was doing ("cannot read", "cannot write", …).
        action: &'static str,
        /// The file or folder concerned.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// tolk.yaml is not valid.
    #[error("invalid configuration in {path}: {message}")]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The command was given something it cannot work with.
    #[error("{0}")]
    Usage(String),
    /// An edit would have produced a file tolk cannot read back; the file was left as it was.
    #[error("refusing to edit {path}: {message}")]
    Edit {
        /// The file that was not changed.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// A file that must not be overwritten already exists.
    #[error(
        "{path} already exists; tolk never overwrites a translation (edit it, or delete it first)"
    )]
    Exists {
        /// The existing file.
        path: PathBuf,
    },
    /// A Fluent file (the site's or the theme's) has a syntax error.
    #[error("cannot read the UI strings in {origin}: {message}; fix the Fluent syntax there")]
    Fluent {
        /// The file (or "the embedded theme").
        origin: String,
        /// The first syntax error, with its line.
        message: String,
    },
    /// A template asked for a UI string that no locale of the page's fallback chain has.
    #[error(
        "the UI string `{id}` (used in template {template}) is missing in every locale of the chain {chain}; \
         add it to locales/{locale}/ (a .ftl file), or to a locale it falls back to"
    )]
    MissingMessage {
        /// The Fluent message id.
        id: String,
        /// The template that asked for it.
        template: String,
        /// The locale of the page being built.
        locale: String,
        /// The locales searched, as `nn → nb`.
        chain: String,
    },
    /// A template could not be rendered.
    #[error(
        "cannot render template {template}: {message}; fix it in templates/ (or remove it there to use the theme's)"
    )]
    Template {
        /// The template (and line, where known).
        template: String,
        /// What went wrong.
        message: String,
    },
    /// The site has findings that must be fixed before it is published.
    #[error(
        "refusing to build: {} error(s) must be fixed first (run `tolk check` for details):\n{}",
        .findings.len(),
        .findings.iter().map(|f| format!("  {}{}: {}: {}", f.path, f.line.map(|l| format!(":{l}")).unwrap_or_default(), f.code, f.message)).collect::<Vec<_>>().join("\n")
    )]
    Blocked {
        /// The findings that block the build.
        findings: Vec<crate::diagnostics::Finding>,
    },
    /// The output folder given is not one tolk may replace.
    #[error("refusing to write the site to {path}: {reason}; choose another --out")]
    Output {
        /// The output folder.
        path: PathBuf,
        /// Why it is refused.
        reason: String,
    },
}

impl Error {
    /// An [`Error::Io`] for `path`.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
