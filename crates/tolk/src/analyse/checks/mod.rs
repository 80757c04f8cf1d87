//! Checks: what is wrong with a site besides the translation states. Each check is one module
//! ([`fluent`], [`related`], [`urls`], the content [`lints`]) and one entry of
//! [`CHECKS`], the one list that `tolk check` ([`analyse`](super::analyse)), the build's
//! blocking findings ([`blocking_findings`]) and the incremental rebuild
//! ([`page_blocking_findings`]) all run. Adding a check is one module and one entry.

pub mod fluent;
pub mod lints;
pub mod related;
pub mod urls;

use crate::diagnostics::{Finding, Severity};
use crate::model::{Page, Site};

/// One check of a site.
pub struct Check {
    /// What it checks, in a word.
    pub name: &'static str,
    /// Its findings about the whole site, in no particular order.
    pub site: fn(&Site) -> Vec<Finding>,
    /// For a check whose errors stop `tolk build`: its findings about one page alone, which
    /// the incremental rebuild asks for the pages it re-reads. `None`: the build does not run
    /// the check.
    pub page: Option<fn(&Site, &Page) -> Vec<Finding>>,
}

/// Every check, in the order their findings are gathered (reports sort them afterwards).
pub static CHECKS: &[Check] = &[
    Check {
        name: "fluent",
        site: fluent::findings,
        page: None,
    },
    Check {
        name: "related",
        site: related::findings,
        page: Some(related::page_findings),
    },
    Check {
        name: "urls",
        site: urls::findings,
        page: Some(urls::page_findings),
    },
    Check {
        name: "lints",
        site: lints::findings,
        page: None,
    },
    Check {
        name: "ui-strings",
        site: |site| crate::config::docusaurus::ui_string_findings(&site.root, &site.config),
        page: None,
    },
];

/// The findings of every check, in the order of [`CHECKS`] (the caller sorts).
pub fn findings(site: &Site) -> Vec<Finding> {
    CHECKS.iter().flat_map(|check| (check.site)(site)).collect()
}

/// The error findings that stop a build: the model's errors and those of the checks the build
/// runs, except those about drafts (which are not published). Sorted.
pub fn blocking_findings(site: &Site) -> Vec<Finding> {
    let drafts: std::collections::HashSet<&str> = site
        .pages
        .iter()
        .filter(|p| !p.is_published())
        .map(|p| p.path.as_str())
        .collect();
    let mut findings: Vec<Finding> = site
        .findings
        .iter()
        .cloned()
        .chain(
            CHECKS
                .iter()
                .filter(|check| check.page.is_some())
                .flat_map(|check| (check.site)(site)),
        )
        .filter(|f| f.severity == Severity::Error)
        .filter(|f| !drafts.contains(f.path.as_str()))
        .collect();
    crate::diagnostics::sort_findings(&mut findings);
    findings
}

/// The findings [`blocking_findings`] gives about `pages` alone (the model's errors about their
/// files, and the page findings of the checks the build runs), filtered as it filters them.
/// Sorted.
pub fn page_blocking_findings<'a>(
    site: &Site,
    pages: impl Iterator<Item = &'a Page>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for page in pages {
        if !page.is_published() {
            continue;
        }
        let own = site
            .findings
            .iter()
            .filter(|f| f.path == page.path)
            .cloned();
        let checked = CHECKS
            .iter()
            .filter_map(|check| check.page)
            .flat_map(|page_findings| page_findings(site, page));
        findings.extend(own.chain(checked).filter(|f| f.severity == Severity::Error));
    }
    crate::diagnostics::sort_findings(&mut findings);
    findings
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::Config;
    use crate::load::RawFile;

    fn site_of(files: &[(&str, &str)]) -> Site {
        let raw = files
            .iter()
            .map(|(path, text)| RawFile {
                content_path: path.to_string(),
                path: format!("content/{path}"),
                bytes: text.as_bytes().to_vec(),
            })
            .collect();
        Site::from_files(Path::new("/site"), Config::default(), raw, Vec::new())
    }

    /// The build's findings about the whole site and the incremental rebuild's, page by page,
    /// come from the same checks.
    #[test]
    fn the_build_and_the_rebuild_block_on_the_same_findings() {
        let site = site_of(&[
            (
                "nb/a.md",
                "---\ntitle: A\nrelated_pages: [nowhere]\n---\nTekst\n",
            ),
            ("nb/b.md", "---\ntitle: B\nurl: /../b/\n---\nTekst\n"),
            ("nb/c.md", "---\ntitle: C\nurl: /style.css/\n---\nTekst\n"),
            (
                "nb/d.md",
                "---\ntitle: D\ndraft: true\nurl: /../d/\n---\nTekst\n",
            ),
            ("nb/e.md", "---\ntitle: [E\n---\nTekst\n"),
        ]);
        let whole = blocking_findings(&site);
        let codes: Vec<&str> = whole.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "broken-related-page",
                "unsafe-url",
                "reserved-url",
                "front-matter"
            ]
        );
        assert_eq!(page_blocking_findings(&site, site.pages.iter()), whole);
    }

    #[test]
    fn check_runs_every_check() {
        let site = site_of(&[("nb/a.md", "---\ntitle: A\nurl: /../a/\n---\nTekst\n")]);
        let found = findings(&site);
        assert!(found.iter().any(|f| f.code == "unsafe-url"), "{found:?}");
        assert_eq!(CHECKS.len(), 5);
    }
}
