//! `tolk check --format sarif`: SARIF 2.1.0, the static-analysis format that GitHub code
//! scanning (and other code hosts and IDEs) import.
//!
//! One run of one tool, `tolk`. Each finding code that occurs is a rule: its id is the code,
//! its short description the catalogue's summary, its help the text `tolk explain CODE` prints,
//! and its default level the code's default severity (`error`, `warning`, `note`). Each finding
//! is a result at its page (`uri` relative to the site root) with the line and column where it
//! has them (the path relative to the repository's top, where the site is in a
//! folder of it); a finding about a whole file points at its first line, since code hosts need a
//! line to show a result. `partialFingerprints` carry the fingerprint of
//! [`fingerprint`](super::fingerprint), so a finding that only moved is not new.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::fingerprint::fingerprints;
use crate::diagnostics::{Finding, Severity, codes};

/// The schema the report names in `$schema`.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json";

/// Where tolk is described: the package's repository when the manifest names one (SARIF's
/// `informationUri` is optional, and left out otherwise).
const INFORMATION_URI: Option<&str> = match option_env!("CARGO_PKG_REPOSITORY") {
    Some(uri) if !uri.is_empty() => Some(uri),
    _ => None,
};

/// The key of tolk's fingerprint in `partialFingerprints` (versioned: a change to how it is
/// computed gets a new key rather than new values under the old one).
pub const FINGERPRINT_KEY: &str = "tolkFindingHash/v1";

/// The SARIF log of `findings`, in report order, newline-terminated. `prefix` is the site
/// root's folder in the repository ([`repo::prefix`](super::repo::prefix)), put before each path.
pub fn check(findings: &[Finding], prefix: &str) -> String {
    let codes: Vec<&str> = findings
        .iter()
        .map(|f| f.code.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let rules: Vec<Value> = codes.iter().map(|code| rule(code)).collect();
    let results: Vec<Value> = findings
        .iter()
        .zip(fingerprints(findings))
        .map(|(f, fingerprint)| {
            let index = codes.iter().position(|c| *c == f.code).unwrap_or(0);
            result(f, index, &fingerprint, prefix)
        })
        .collect();
    let mut driver = json!({
        "name": "tolk",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
    });
    if let (Some(uri), Some(map)) = (INFORMATION_URI, driver.as_object_mut()) {
        map.insert("informationUri".into(), json!(uri));
    }
    if let Some(map) = driver.as_object_mut() {
        map.insert("rules".into(), json!(rules));
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": driver,
            },
            // tolk counts columns in characters, not UTF-16 code units (SARIF's default).
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    match serde_json::to_string_pretty(&log) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        // A tree of strings and numbers always serialises.
        Err(e) => unreachable!("SARIF serialisation failed: {e}"),
    }
}

/// The SARIF level of a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The rule (reportingDescriptor) of `code`, from the catalogue where it is there.
fn rule(code: &str) -> Value {
    match codes::lookup(code) {
        Some(entry) => json!({
            "id": code,
            "shortDescription": { "text": entry.summary },
            "fullDescription": { "text": entry.explanation },
            "help": { "text": codes::explain(entry) },
            "defaultConfiguration": { "level": level(entry.severity) },
            "properties": { "tags": ["localization"] },
        }),
        None => json!({
            "id": code,
            "shortDescription": { "text": code },
            "defaultConfiguration": { "level": level(Severity::Warning) },
        }),
    }
}

fn result(f: &Finding, rule_index: usize, fingerprint: &str, prefix: &str) -> Value {
    let mut region = json!({ "startLine": f.line.unwrap_or(1).max(1) });
    if let (Some(_), Some(column)) = (f.line, f.column) {
        region["startColumn"] = json!(column.max(1));
    }
    let mut result = json!({
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&format!("{prefix}{}", f.path)) },
                "region": region,
            }
        }],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
    });
    let mut properties = serde_json::Map::new();
    if let Some(locale) = &f.locale {
        properties.insert("locale".into(), json!(locale));
    }
    if let Some(key) = &f.key {
        properties.insert("key".into(), json!(key));
    }
    if let Some(source) = &f.source_path {
        properties.insert("sourcePath".into(), json!(source));
    }
    if !properties.is_empty() {
        result["properties"] = Value::Object(properties);
    }
    result
}

/// A relative path as a URI reference: each segment percent-encoded where URIs need it.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("content/en/om minid.md"), "content/en/om%20minid.md");
        assert_eq!(uri("content/nb/på.md"), "content/nb/p%C3%A5.md");
        assert_eq!(uri("a,b.md"), "a%2Cb.md");
    }

    #[test]
    fn results_reference_their_rule_and_level() {
        let findings = [
            Finding::new(
                &crate::diagnostics::codes::STALE,
                "content/en/a.md",
                "stale",
            )
            .locale("en")
            .at(Some(4), None),
            Finding::new(
                &crate::diagnostics::codes::BROKEN_LINK,
                "content/en/a.md",
                "bad",
            )
            .at(Some(2), Some(3)),
            Finding::new(
                &crate::diagnostics::codes::DRAFT,
                "content/nn/a.md",
                "draft",
            ),
        ];
        let log: Value = serde_json::from_str(&check(&findings, "docs/")).unwrap();
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["broken-link", "draft", "stale"]);
        assert_eq!(rules[0]["defaultConfiguration"]["level"], "error");
        assert_eq!(rules[1]["defaultConfiguration"]["level"], "note");
        assert!(
            rules[2]["help"]["text"]
                .as_str()
                .unwrap()
                .starts_with("stale (warning): ")
        );
        let results = run["results"].as_array().unwrap();
        assert_eq!(results[0]["ruleIndex"], 2);
        assert_eq!(results[0]["level"], "warning");
        let region = &results[0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region, &json!({ "startLine": 4 }));
        let artifact = &results[0]["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(artifact["uri"], "docs/content/en/a.md");
        let region = &results[1]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region, &json!({ "startLine": 2, "startColumn": 3 }));
        assert_eq!(results[2]["level"], "note");
        assert_eq!(
            results[2]["locations"][0]["physicalLocation"]["region"]["startLine"],
            1
        );
    }
}
