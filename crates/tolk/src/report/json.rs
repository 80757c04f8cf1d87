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
    to_string(&report, findings.len() * BYTES_PER_FINDING)
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
    to_string(&report, analysis.pairs.len() * BYTES_PER_PAGE)
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

/// About how many bytes a finding takes in the check report, and a page in the status report:
/// room for the report is made once, not grown as it is written.
const BYTES_PER_FINDING: usize = 400;
const BYTES_PER_PAGE: usize = 240;

/// `value` as pretty JSON and a newline, written into room for about `size` bytes.
fn to_string<T: Serialize>(value: &T, size: usize) -> String {
    let mut json = Vec::with_capacity(size + 1);
    match serde_json::to_writer_pretty(&mut json, value) {
        Ok(()) => {
            json.push(b'\n');
            // serde_json writes UTF-8.
            String::from_utf8(json)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
        // Serialising plain structs of strings and numbers cannot fail.
        Err(e) => unreachable!("report serialisation failed: {e}"),
    }
}
