//! Findings: what tolk reports about a site, each with a code, a severity and a place.

use serde::{Deserialize, Serialize};

use super::codes::Code;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a check unless asked.
    Info,
    /// Something a translator or editor should act on.
    Warning,
    /// The site must not be published like this.
    Error,
}

impl Severity {
    /// The lowercase name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing tolk found. Serialises to the JSON report's finding object (version 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable kebab-case code: a translation state (`stale`) or a lint (`front-matter`).
    pub code: String,
    /// Severity.
    pub severity: Severity,
    /// The locale concerned, if any.
    pub locale: Option<String>,
    /// The translation key concerned, if any.
    pub key: Option<String>,
    /// The file, relative to the root with `/` separators (for `missing`: where the translation
    /// belongs).
    pub path: String,
    /// The source page of the key, if the finding concerns a translation.
    pub source_path: Option<String>,
    /// 1-based line, where the finding has a place.
    pub line: Option<u32>,
    /// 1-based column, where the finding has a place.
    pub column: Option<u32>,
    /// What is wrong, in a sentence.
    pub message: String,
    /// For `stale`: the unified diff of the source from the baseline to now.
    pub diff: Option<String>,
    /// For `stale` without a diff: why the diff is unavailable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff_unavailable: Option<String>,
    /// For translation states: the baseline recorded in the translation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
    /// For `stale` with a diff: `minor` (a typo, a number) or `major`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<ChangeSize>,
    /// For `stale` with a diff: the changed blocks, with source and translation line ranges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<ChangedBlock>,
}

impl Finding {
    /// A finding of the catalogue's `code`, with its default severity, a path and a message;
    /// the rest empty.
    pub fn new(code: &'static Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            code: code.code.to_string(),
            severity: code.severity,
            locale: None,
            key: None,
            path: path.into(),
            source_path: None,
            line: None,
            column: None,
            message: message.into(),
            diff: None,
            diff_unavailable: None,
            baseline: None,
            change: None,
            blocks: Vec::new(),
        }
    }

    /// Sets line and column (1-based).
    pub fn at(mut self, line: Option<u32>, column: Option<u32>) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    /// Sets the locale.
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    /// Sets the translation key.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// The sort order of reports: path, line, column, code (then the rest, for total order).
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            &self.path,
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            &self.code,
            &self.locale,
            &self.message,
        )
    }
}

/// How a block changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockChange {
    /// Its text changed.
    Modified,
    /// It is new in the source.
    Added,
    /// It was removed from the source.
    Removed,
}

/// Minor (a typo, a number) or major (anything else).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeSize {
    /// A small edit: a few words or numbers inside existing blocks.
    Minor,
    /// Blocks added or removed, or text substantially rewritten.
    Major,
}

/// One changed block, with where to look in the source and in the translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangedBlock {
    /// The block's kind (`paragraph`, …), in the current source (or the old one if removed).
    pub kind: String,
    /// How it changed.
    pub change: BlockChange,
    /// Lines in the current source (none when removed).
    pub source_lines: Option<(usize, usize)>,
    /// Lines in the source as it was at the baseline (none when added).
    pub baseline_lines: Option<(usize, usize)>,
    /// Lines of the translation to update: the matching block, or for an added block the
    /// block before which it belongs. None when the structures do not match.
    pub translation_lines: Option<(usize, usize)>,
}

/// Sorts findings into report order and drops exact duplicates.
pub(crate) fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
}
