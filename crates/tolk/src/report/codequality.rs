//! `tolk check --format codequality`: GitLab's Code Quality report, the subset of the
//! CodeClimate issue format that GitLab shows in merge requests.
//!
//! A JSON array with one object per finding: `description` (the message, with the locale),
//! `check_name` (the code), `fingerprint` (stable from run to run, see
//! [`fingerprint`](super::fingerprint)), `severity` (error → `major`, warning → `minor`, info →
//! `info`) and `location` (`path` relative to the repository's top, `lines.begin`; a finding about a
//! whole file is at line 1).

use serde::Serialize;

use super::fingerprint::fingerprints;
use crate::diagnostics::{Finding, Severity};

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
}

/// The Code Quality severity of a tolk severity.
pub fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// The Code Quality report of `findings`, in report order, newline-terminated. `prefix` is the
/// site root's folder in the repository ([`repo::prefix`](super::repo::prefix)).
pub fn check(findings: &[Finding], prefix: &str) -> String {
    let issues: Vec<Issue> = findings
        .iter()
        .zip(fingerprints(findings))
        .map(|(f, fingerprint)| Issue {
            description: match &f.locale {
                Some(locale) => format!("[{locale}] {}", f.message),
                None => f.message.clone(),
            },
            check_name: &f.code,
            // The fingerprint without its `:`: GitLab compares it as an opaque string.
            fingerprint: fingerprint.replace(':', "-"),
            severity: severity(f.severity),
            location: Location {
                path: format!("{prefix}{}", f.path),
                lines: Lines {
                    begin: f.line.unwrap_or(1).max(1),
                },
            },
        })
        .collect();
    match serde_json::to_string_pretty(&issues) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        // Plain structs of strings and numbers always serialise.
        Err(e) => unreachable!("Code Quality serialisation failed: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_issue_per_finding() {
        let findings = [
            Finding::new(
                &crate::diagnostics::codes::BROKEN_LINK,
                "content/en/a.md",
                "bad",
            )
            .locale("en")
            .at(Some(7), Some(2)),
            Finding::new(
                &crate::diagnostics::codes::DRAFT,
                "content/nn/a.md",
                "draft",
            ),
        ];
        let issues: serde_json::Value = serde_json::from_str(&check(&findings, "")).unwrap();
        assert_eq!(issues[0]["description"], "[en] bad");
        assert_eq!(issues[0]["check_name"], "broken-link");
        assert_eq!(issues[0]["severity"], "major");
        assert_eq!(issues[0]["location"]["path"], "content/en/a.md");
        assert_eq!(issues[0]["location"]["lines"]["begin"], 7);
        assert_eq!(issues[1]["severity"], "info");
        assert_eq!(issues[1]["location"]["lines"]["begin"], 1);
        assert_ne!(issues[0]["fingerprint"], issues[1]["fingerprint"]);
    }
}
