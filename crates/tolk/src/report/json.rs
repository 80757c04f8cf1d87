//! The JSON report of `tolk check` (version 1) and the JSON form of `tolk status`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analyse::{Analysis, Counts, State};
use crate::diagnostics::Finding;

/// The report's schema version.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct CheckReport<'a> {
    version: u32,
    source_locale: &'a str,
    locales: &'a [String],
    summary: InOrder<'a, Counts>,
    findings: &'a [Finding],
}

/// `tolk check --format json`: one object, findings in report order, newline-terminated.
pub fn check(analysis: &Analysis, findings: &[Finding]) -> String {
    let report = CheckReport {
        version: VERSION,
        source_locale: &analysis.source_locale,
        locales: &analysis.locales,
        summary: InOrder(&analysis.locales, &analysis.summary),
        findings,
    };
    to_string(&report)
}

#[derive(Serialize)]
struct StatusPage<'a> {
    key: &'a str,
    locale: &'a str,
    state: State,
    section: &'a str,
    path: &'a str,
    source_path: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    cosmetic: bool,
}

#[derive(Serialize)]
struct StatusReport<'a> {
    version: u32,
    source_locale: &'a str,
    locales: &'a [String],
    summary: InOrder<'a, Counts>,
    sections: InOrder<'a, BTreeMap<String, Counts>>,
    pages: Vec<StatusPage<'a>>,
}

/// `tolk status --format json`: coverage per locale and section, and each page's state.
pub fn status(analysis: &Analysis) -> String {
    let pages = analysis
        .pairs
        .iter()
        .map(|p| StatusPage {
            key: &p.key,
            locale: &p.locale,
            state: p.state,
            section: &p.section,
            path: &p.path,
            source_path: p.source_path.as_deref(),
            cosmetic: p.cosmetic,
        })
        .collect();
    let report = StatusReport {
        version: VERSION,
        source_locale: &analysis.source_locale,
        locales: &analysis.locales,
        summary: InOrder(&analysis.locales, &analysis.summary),
        sections: InOrder(&analysis.locales, &analysis.sections),
        pages,
    };
    to_string(&report)
}

/// A per-locale map written in the configured locale order.
struct InOrder<'a, T>(&'a [String], &'a BTreeMap<String, T>);

impl<T: Serialize> Serialize for InOrder<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let entries = super::ordered(self.0, self.1);
        let mut map = serializer.serialize_map(Some(entries.len()))?;
        for (code, value) in entries {
            map.serialize_entry(code, value)?;
        }
        map.end()
    }
}

fn to_string<T: Serialize>(value: &T) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(mut json) => {
            json.push('\n');
            json
        }
        // Serialising plain structs of strings and numbers cannot fail.
        Err(e) => unreachable!("report serialisation failed: {e}"),
    }
}
