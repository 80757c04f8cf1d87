//! `tolk check --format github`: GitHub Actions workflow commands, which GitHub shows as
//! annotations on the pull request's files.
//!
//! One line per finding: `::error file=…,line=…,col=…,title=…::message` (`warning` for
//! warnings, `notice` for info). Values are escaped as the runner requires: in the message
//! `%`, `\r` and `\n`; in properties also `:` and `,`.

use std::fmt::Write;

use crate::diagnostics::{Finding, Severity};

/// The workflow commands for `findings`: errors first, then warnings, then notices (GitHub
/// shows only the first few annotations of each kind per step), each in report order.
pub fn check(findings: &[Finding]) -> String {
    let mut ordered: Vec<&Finding> = findings.iter().collect();
    ordered.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let mut out = String::new();
    for f in ordered {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = vec![format!("file={}", property(&f.path))];
        if let Some(line) = f.line {
            properties.push(format!("line={line}"));
            if let Some(column) = f.column {
                properties.push(format!("col={column}"));
            }
        }
        let title = match &f.locale {
            Some(locale) => format!("tolk {} ({locale})", f.code),
            None => format!("tolk {}", f.code),
        };
        properties.push(format!("title={}", property(&title)));
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            properties.join(","),
            message(&f.message)
        );
    }
    out
}

/// Escapes a command's message.
pub fn message(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
pub fn property(text: &str) -> String {
    message(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_requires() {
        assert_eq!(message("100%\r\nok: a,b"), "100%25%0D%0Aok: a,b");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn one_command_per_finding() {
        let f = Finding::new(
            &crate::diagnostics::codes::BROKEN_LINK,
            "content/en/a,b.md",
            "bad: 50%",
        )
        .locale("en")
        .at(Some(3), Some(7));
        let info = Finding::new(
            &crate::diagnostics::codes::DRAFT,
            "content/nn/x.md",
            "draft",
        );
        assert_eq!(
            check(&[info, f]),
            "::error file=content/en/a%2Cb.md,line=3,col=7,title=tolk broken-link (en)::bad: 50%25\n\
             ::notice file=content/nn/x.md,title=tolk draft::draft\n"
        );
    }
}
