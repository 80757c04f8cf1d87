//! The report formats of `tolk check` (text, json, markdown, github, junit) on one fixture
//! site with a finding of each kind, as insta snapshots; the JUnit output parsed as XML and the
//! JSON output checked against the fields the spec promises.

mod common;

use common::Site;

/// A site with a stale English page (with a diff), a broken link whose URL needs escaping,
/// mojibake, a missing Nynorsk translation and a Nynorsk draft.
fn site() -> Site {
    let site = Site::new();
    let source = |extra: &str| {
        format!(
            "---\ntitle: Om MinID\ndescription: Hva MinID er.\n---\n\
             MinID er en personlig elektronisk ID for offentlige tjenester.\n\n\
             Du kan bestille MinID fra du er 13 år.{extra}\n"
        )
    };
    site.write("content/nb/om-minid.md", source(""));
    site.write(
        "content/nb/kontakt.md",
        "---\ntitle: Kontakt\ndescription: Brukerstøtte.\n---\nRing oss.\n",
    );
    site.write(
        "content/en/om-minid.md",
        "---\ntitle: About MinID\ndescription: What MinID is.\nurl: /en/about-minid/\n---\n\
         MinID is a personal electronic ID for public services.\n\n\
         You can order MinID from the age of 13. See [offers](/en/50%-off,now:here/) & more.\n",
    );
    site.write(
        "content/en/kontakt.md",
        "---\ntitle: Contact\ndescription: User support from LÃ¥nekassen.\nurl: /en/contact/\n---\nCall us.\n",
    );
    site.write(
        "content/nn/kontakt.md",
        "---\ntitle: Kontakt\ndescription: Brukarstøtte.\ndraft: true\n---\nRing oss.\n",
    );
    site.commit_all("start");
    // The English page has a link its source lacks (`structure-mismatch`, one of the findings
    // shown): marking it takes --force.
    let run = site.outcome(&[
        "mark",
        "--force",
        "content/en/om-minid.md",
        "content/en/kontakt.md",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The source changes after the translation was marked: stale, with a diff.
    site.write(
        "content/nb/om-minid.md",
        source(" Du trenger en mobiltelefon."),
    );
    site
}

fn check(site: &Site, format: &str) -> String {
    let run = site.outcome(&["check", "--format", format]);
    assert_eq!(run.code, 1, "errors make the check fail: {}", run.stderr);
    run.stdout
}

#[test]
fn text_report() {
    insta::assert_snapshot!("text", check(&site(), "text"));
}

#[test]
fn json_report() {
    insta::assert_snapshot!("json", check(&site(), "json"));
}

#[test]
fn markdown_report() {
    insta::assert_snapshot!("markdown", check(&site(), "markdown"));
}

#[test]
fn github_report() {
    insta::assert_snapshot!("github", check(&site(), "github"));
}

#[test]
fn junit_report() {
    insta::assert_snapshot!("junit", check(&site(), "junit"));
}

#[test]
fn junit_parses_as_xml_with_a_suite_per_locale_and_a_case_per_page() {
    let xml = check(&site(), "junit");
    let doc = roxmltree::Document::parse(&xml).expect("the JUnit report is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    let names: Vec<_> = suites.iter().filter_map(|s| s.attribute("name")).collect();
    assert_eq!(names, ["nb", "nn", "en"]);
    let mut total_failures = 0;
    for suite in &suites {
        let cases: Vec<_> = suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        assert_eq!(
            suite.attribute("tests"),
            Some(cases.len().to_string().as_str())
        );
        let failing = cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
            .count();
        assert_eq!(
            suite.attribute("failures"),
            Some(failing.to_string().as_str())
        );
        total_failures += failing;
    }
    assert_eq!(
        root.attribute("failures"),
        Some(total_failures.to_string().as_str())
    );
    let en = suites[2];
    let case = |name: &str| {
        en.children()
            .find(|c| c.attribute("name") == Some(name))
            .unwrap_or_else(|| panic!("no test case {name}"))
    };
    // One case per page and locale: both English pages, each failing.
    let about = case("content/en/om-minid.md");
    let failure = about
        .children()
        .find(|n| n.has_tag_name("failure"))
        .expect("failure");
    let body = failure.text().unwrap_or("");
    assert!(body.contains("broken-link"), "{body}");
    assert!(body.contains("/en/50%-off,now:here/"), "{body}");
    assert_eq!(
        failure.attribute("type"),
        Some("broken-link"),
        "the most severe finding's code"
    );
    assert!(
        body.contains("+Du kan bestille MinID fra du er 13 år. Du trenger en mobiltelefon."),
        "{body}"
    );
    let nn = suites[1];
    let draft = nn
        .children()
        .find(|c| c.attribute("name") == Some("content/nn/kontakt.md"))
        .expect("draft case");
    assert!(draft.children().any(|n| n.has_tag_name("skipped")));
    let missing = nn
        .children()
        .find(|c| c.attribute("name") == Some("content/nn/om-minid.md"))
        .expect("missing case");
    assert!(missing.children().any(|n| n.has_tag_name("failure")));
}

#[test]
fn json_has_the_fields_of_the_spec() {
    let json = check(&site(), "json");
    let report: serde_json::Value = serde_json::from_str(&json).expect("one JSON object");
    assert_eq!(report["version"], 1);
    assert_eq!(report["source_locale"], "nb");
    assert_eq!(report["locales"], serde_json::json!(["nb", "nn", "en"]));
    for locale in ["nn", "en"] {
        let summary = &report["summary"][locale];
        for field in [
            "pages",
            "up_to_date",
            "stale",
            "unverified",
            "missing",
            "orphaned",
            "draft",
        ] {
            assert!(
                summary[field].is_u64(),
                "summary.{locale}.{field}: {summary}"
            );
        }
        assert_eq!(summary["pages"], 2);
    }
    assert_eq!(report["summary"]["en"]["stale"], 1);
    assert_eq!(report["summary"]["nn"]["missing"], 1);
    assert_eq!(report["summary"]["nn"]["draft"], 1);
    let findings = report["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for f in findings {
        for field in ["code", "severity", "path", "message"] {
            assert!(f[field].is_string(), "{field}: {f}");
        }
        for field in ["locale", "key", "source_path", "line", "column", "diff"] {
            assert!(
                f.get(field).is_some(),
                "{field} must be present (maybe null): {f}"
            );
        }
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()));
        assert!(!f["path"].as_str().unwrap().contains('\\'));
        for n in ["line", "column"] {
            assert!(
                f[n].is_null() || f[n].as_u64().is_some_and(|v| v >= 1),
                "{f}"
            );
        }
    }
    let stale = findings
        .iter()
        .find(|f| f["code"] == "stale")
        .expect("stale");
    assert_eq!(stale["source_path"], "content/nb/om-minid.md");
    assert!(
        stale["diff"]
            .as_str()
            .unwrap()
            .starts_with("--- a/content/nb/om-minid.md\n+++ b/content/nb/om-minid.md\n@@")
    );
    // Sorted by (path, line, column, code).
    let keys: Vec<(String, u64, u64, String)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn github_commands_escape_properties_and_messages() {
    let out = check(&site(), "github");
    let broken = out
        .lines()
        .find(|l| l.contains("title=tolk broken-link"))
        .expect("broken-link annotation");
    assert!(
        broken.starts_with("::error file=content/en/om-minid.md,line=10,col=45,"),
        "{broken}"
    );
    assert!(broken.contains("/en/50%25-off,now:here/"), "{broken}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("::notice file=content/nn/kontakt.md"))
    );
    assert!(out.lines().all(|l| l.starts_with("::")));
}

#[test]
fn markdown_folds_each_stale_diff() {
    let md = check(&site(), "markdown");
    assert!(
        md.contains("| `en` | 2 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 50% |"),
        "{md}"
    );
    assert!(
        md.find("| `nn` |") < md.find("| `en` |"),
        "locales in configured order"
    );
    let details = md
        .find("<details>\n<summary><code>content/en/om-minid.md</code>")
        .expect("details");
    let diff = md[details..]
        .find("```diff\n--- a/content/nb/om-minid.md")
        .expect("diff block");
    assert!(md[details + diff..].contains("\n```\n"));
}
