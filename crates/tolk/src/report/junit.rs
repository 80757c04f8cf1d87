//! `tolk check --format junit`: JUnit XML, which GitLab, Jenkins and most CI systems show as
//! test results.
//!
//! One `<testsuite>` per locale and one `<testcase>` per page and locale (a missing translation
//! is a test case at the path where it belongs). Error and warning findings are the case's
//! `<failure>` (one per case, listing every finding, since many tools show only the first
//! failure); info findings go to `<system-out>`; a draft without failures is `<skipped>`.
//! Findings of files that belong to no locale form a last suite, `site`.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::analyse::{Analysis, State};
use crate::diagnostics::{Finding, Severity};

#[derive(Default)]
struct Case<'a> {
    findings: Vec<&'a Finding>,
    draft: bool,
}

/// The JUnit XML report of `findings`.
pub fn check(analysis: &Analysis, findings: &[Finding]) -> String {
    // Suites in locale order, then `site`; cases by path.
    let mut order: Vec<String> = analysis.locales.clone();
    order.push("site".to_string());
    let mut suites: BTreeMap<String, BTreeMap<String, Case<'_>>> = BTreeMap::new();
    for pair in &analysis.pairs {
        let case = suites
            .entry(pair.locale.clone())
            .or_default()
            .entry(pair.path.clone())
            .or_default();
        case.draft |= pair.state == State::Draft;
        if let Some(source) = &pair.source_path {
            suites
                .entry(analysis.source_locale.clone())
                .or_default()
                .entry(source.clone())
                .or_default();
        }
    }
    for f in findings {
        let locale = match &f.locale {
            Some(l) if order.contains(l) => l.clone(),
            _ => suites
                .iter()
                .find(|(_, cases)| cases.contains_key(&f.path))
                .map_or_else(|| "site".to_string(), |(l, _)| l.clone()),
        };
        suites
            .entry(locale)
            .or_default()
            .entry(f.path.clone())
            .or_default()
            .findings
            .push(f);
    }

    let failing = |case: &Case<'_>| case.findings.iter().any(|f| f.severity > Severity::Info);
    let total: usize = suites.values().map(BTreeMap::len).sum();
    let failures: usize = suites
        .values()
        .flat_map(|c| c.values())
        .filter(|c| failing(c))
        .count();
    let mut out = String::new();
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<testsuites name="tolk check" tests="{total}" failures="{failures}" errors="0">"#
    );
    for locale in &order {
        let Some(cases) = suites.get(locale) else {
            continue;
        };
        let suite_failures = cases.values().filter(|c| failing(c)).count();
        let skipped = cases.values().filter(|c| c.draft && !failing(c)).count();
        let _ = writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{suite_failures}" errors="0" skipped="{skipped}">"#,
            attr(locale),
            cases.len()
        );
        for (path, case) in cases {
            write_case(&mut out, locale, path, case);
        }
        let _ = writeln!(out, "  </testsuite>");
    }
    let _ = writeln!(out, "</testsuites>");
    out
}

fn write_case(out: &mut String, locale: &str, path: &str, case: &Case<'_>) {
    let _ = write!(
        out,
        r#"    <testcase name="{}" classname="tolk.{}" file="{}""#,
        attr(path),
        attr(locale),
        attr(path)
    );
    let failures: Vec<&&Finding> = case
        .findings
        .iter()
        .filter(|f| f.severity > Severity::Info)
        .collect();
    let infos: Vec<&&Finding> = case
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Info)
        .collect();
    if failures.is_empty() && infos.is_empty() && !case.draft {
        let _ = writeln!(out, "/>");
        return;
    }
    let _ = writeln!(out, ">");
    // The case's failure type is the code of its most severe finding.
    if let Some(first) = failures.iter().max_by_key(|f| f.severity) {
        let mut codes: Vec<&str> = failures.iter().map(|f| f.code.as_str()).collect();
        codes.dedup();
        let summary = if failures.len() == 1 {
            first.message.clone()
        } else {
            format!("{} findings: {}", failures.len(), codes.join(", "))
        };
        let _ = write!(
            out,
            r#"      <failure message="{}" type="{}">"#,
            attr(&summary),
            attr(&first.code)
        );
        for f in &failures {
            let _ = writeln!(out, "{}", text(&describe(f)));
            if let Some(diff) = &f.diff {
                let _ = write!(out, "{}", text(diff));
            }
        }
        let _ = writeln!(out, "</failure>");
    } else if case.draft {
        let _ = writeln!(
            out,
            r#"      <skipped message="draft: not published yet"/>"#
        );
    }
    if !infos.is_empty() {
        let _ = write!(out, "      <system-out>");
        for f in &infos {
            let _ = writeln!(out, "{}", text(&describe(f)));
        }
        let _ = writeln!(out, "</system-out>");
    }
    let _ = writeln!(out, "    </testcase>");
}

fn describe(f: &Finding) -> String {
    let place = match (f.line, f.column) {
        (Some(l), Some(c)) => format!("{}:{l}:{c}", f.path),
        (Some(l), None) => format!("{}:{l}", f.path),
        _ => f.path.clone(),
    };
    format!("{place}: {}[{}] {}", f.severity, f.code, f.message)
}

/// Characters XML 1.0 cannot carry at all become U+FFFD.
fn allowed(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => c,
        c if (c as u32) < 0x20 => '\u{FFFD}',
        '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
        c => c,
    }
}

/// Escapes element text.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars().map(allowed) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes an attribute value (double-quoted); line breaks and tabs as character references so
/// that parsers keep them.
pub fn attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars().map(allowed) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_xml_needs() {
        assert_eq!(attr("a<b>&\"c'\n"), "a&lt;b&gt;&amp;&quot;c&apos;&#10;");
        assert_eq!(text("x]]>y\u{1}"), "x]]&gt;y\u{FFFD}");
    }
}
