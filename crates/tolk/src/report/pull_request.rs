//! `tolk check --format markdown`: a pull-request comment or CI job summary.
//!
//! A headline with the tally, a coverage table per locale, the findings grouped by severity and
//! code, and a collapsible `<details>` per stale page with the source's diff in a ```diff block.
//! Text from pages is escaped so that it cannot break the tables or inject HTML; diffs and rows
//! per code are capped so that the comment stays within what code hosts accept (GitHub: 65 536
//! characters).

use std::fmt::Write;

use crate::analyse::Analysis;
use crate::diagnostics::{Finding, Severity};

/// Diff text included in one report at most; later diffs are replaced by a pointer to `tolk diff`.
const DIFF_BUDGET: usize = 40_000;
/// Table rows per code at most; the rest is counted (a site with hundreds of missing pages
/// still gives a comment that fits).
const ROWS_PER_CODE: usize = 50;

/// The Markdown report of `findings`.
pub fn check(analysis: &Analysis, findings: &[Finding]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## tolk check\n");
    let _ = writeln!(out, "{}\n", headline(findings));
    coverage(&mut out, analysis);
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        group(&mut out, findings, severity);
    }
    stale_diffs(&mut out, findings);
    out
}

fn headline(findings: &[Finding]) -> String {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    if e + w + i == 0 {
        return "✅ **No findings.**".to_string();
    }
    let icon = if e > 0 {
        "❌"
    } else if w > 0 {
        "⚠️"
    } else {
        "ℹ️"
    };
    format!(
        "{icon} **{} {}, {} {}, {i} info**",
        e,
        if e == 1 { "error" } else { "errors" },
        w,
        if w == 1 { "warning" } else { "warnings" }
    )
}

fn coverage(out: &mut String, analysis: &Analysis) {
    if analysis.summary.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "### Translation coverage (source: `{}`)\n",
        analysis.source_locale
    );
    let _ = writeln!(
        out,
        "| locale | pages | up to date | stale | untranslated | unverified | missing | orphaned | draft | coverage |"
    );
    let _ = writeln!(out, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    // Configured locale order, not alphabetical.
    let rows = analysis
        .locales
        .iter()
        .filter_map(|l| analysis.summary.get(l).map(|c| (l, c)));
    for (locale, c) in rows {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} | {} | {:.0}% |",
            cell(locale),
            c.pages,
            c.up_to_date,
            c.stale,
            c.untranslated,
            c.unverified,
            c.missing,
            c.orphaned,
            c.draft,
            c.coverage() * 100.0
        );
    }
    out.push('\n');
}

fn group(out: &mut String, findings: &[Finding], severity: Severity) {
    let of: Vec<&Finding> = findings.iter().filter(|f| f.severity == severity).collect();
    if of.is_empty() {
        return;
    }
    let title = match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Info",
    };
    let mut codes: Vec<&str> = of.iter().map(|f| f.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    // Info is context, not a to-do: folded away.
    let folded = severity == Severity::Info;
    if folded {
        let _ = writeln!(
            out,
            "<details>\n<summary><strong>{title} ({})</strong></summary>\n",
            of.len()
        );
    } else {
        let _ = writeln!(out, "### {title} ({})\n", of.len());
    }
    for code in codes {
        let with: Vec<&&Finding> = of.iter().filter(|f| f.code == code).collect();
        let _ = writeln!(
            out,
            "#### `{code}` ({})  \n<sub>`tolk explain {code}`</sub>\n",
            with.len()
        );
        let _ = writeln!(out, "| where | locale | message |");
        let _ = writeln!(out, "|---|---|---|");
        let hidden = with.len().saturating_sub(ROWS_PER_CODE);
        for f in with.iter().take(ROWS_PER_CODE) {
            let place = match (f.line, f.column) {
                (Some(l), Some(c)) => format!("{}:{l}:{c}", f.path),
                (Some(l), None) => format!("{}:{l}", f.path),
                _ => f.path.clone(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                cell(&code_span(&place)),
                f.locale.as_deref().map(cell).unwrap_or_default(),
                cell(&inline(&f.message))
            );
        }
        if hidden > 0 {
            let _ = writeln!(
                out,
                "| … | | {hidden} more; `tolk check --format json` lists them all |"
            );
        }
        out.push('\n');
    }
    if folded {
        let _ = writeln!(out, "</details>\n");
    }
}

fn stale_diffs(out: &mut String, findings: &[Finding]) {
    let stale: Vec<&Finding> = findings.iter().filter(|f| f.code == "stale").collect();
    if stale.is_empty() {
        return;
    }
    let _ = writeln!(out, "### What changed in the sources of stale pages\n");
    let mut budget = DIFF_BUDGET;
    for f in stale {
        let source = f.source_path.as_deref().unwrap_or("the source");
        let _ = writeln!(
            out,
            "<details>\n<summary><code>{}</code> ({}): <code>{}</code> changed</summary>\n",
            html(&f.path),
            html(f.locale.as_deref().unwrap_or("?")),
            html(source)
        );
        match (&f.diff, &f.diff_unavailable) {
            (Some(diff), _) if diff.len() <= budget => {
                budget -= diff.len();
                let fence = "`".repeat(longest_backtick_run(diff).max(2) + 1);
                let _ = writeln!(out, "{fence}diff\n{}{fence}\n", ensure_newline(diff));
            }
            (Some(_), _) => {
                let _ = writeln!(
                    out,
                    "The diff is left out to keep this report short; run {}.\n",
                    code_span(&format!("tolk diff {}", f.path))
                );
            }
            (None, Some(reason)) => {
                let _ = writeln!(out, "Diff unavailable: {}\n", inline(reason));
            }
            (None, None) => {
                let _ = writeln!(
                    out,
                    "No diff recorded; run {}.\n",
                    code_span(&format!("tolk diff {}", f.path))
                );
            }
        }
        let _ = writeln!(
            out,
            "When the translation matches again: {}\n\n</details>\n",
            code_span(&format!("tolk mark {}", f.path))
        );
    }
}

fn ensure_newline(text: &str) -> String {
    if text.ends_with('\n') {
        text.to_string()
    } else {
        format!("{text}\n")
    }
}

fn longest_backtick_run(text: &str) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

/// Escapes HTML special characters (for text inside HTML elements).
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Message text for Markdown: `<` and `>` escaped outside code spans (inside them Markdown
/// shows them as written), so page text cannot open HTML.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            '&' if !in_code => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// `text` (a file name, a command with one) as a Markdown code span that shows it exactly:
/// fenced by more backticks than any run inside it, so a name with backticks cannot close the
/// span and carry markup, and on one line.
fn code_span(text: &str) -> String {
    let text = text.replace(['\r', '\n'], " ");
    let fence = "`".repeat(longest_backtick_run(&text) + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A table cell: one line, `|` escaped (GitHub unescapes `\|` in code spans of tables too).
fn cell(text: &str) -> String {
    text.replace(['\r', '\n'], " ").replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_and_inline_text_are_escaped() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
        assert_eq!(inline("<b> and `<b>`"), "&lt;b&gt; and `<b>`");
        assert_eq!(longest_backtick_run("a ``` b ````"), 4);
        assert_eq!(code_span("content/nb/a.md"), "`content/nb/a.md`");
        assert_eq!(
            code_span("x`<img src=x onerror=alert(1)>`.md"),
            "``x`<img src=x onerror=alert(1)>`.md``"
        );
        assert_eq!(code_span("`a"), "`` `a ``");
    }
}
