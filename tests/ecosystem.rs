//! tolk where its users already work: the SARIF and GitLab Code Quality reports (validated
//! against their schemas, snapshotted, fingerprints stable when findings move), the GitHub
//! Action's shell steps run locally, the pre-commit hook, shell completions, the man page and
//! the version string.

mod lint_support;

use std::path::{Path, PathBuf};

use lint_support::Site;
use serde_json::Value;

/// A site with a stale English page, a broken link (line 10), mojibake, a missing Nynorsk
/// translation and a Nynorsk draft: every severity.
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
    site.write("content/en/om-minid.md", english(""));
    site.write(
        "content/en/kontakt.md",
        "---\ntitle: Contact\ndescription: User support from LÃ¥nekassen.\nurl: /en/contact/\n---\nCall us.\n",
    );
    site.write(
        "content/nn/kontakt.md",
        "---\ntitle: Kontakt\ndescription: Brukarstøtte.\ndraft: true\n---\nRing oss.\n",
    );
    site.commit_all("start");
    let run = site.tolk(&["mark", "content/en/om-minid.md", "content/en/kontakt.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site.write(
        "content/nb/om-minid.md",
        source(" Du trenger en mobiltelefon."),
    );
    site
}

/// The English page, with a broken link on its 8th line (10th once `tolk mark` has added its
/// two `l10n` lines to the front matter).
fn english(above: &str) -> String {
    format!(
        "---\ntitle: About MinID\ndescription: What MinID is.\nurl: /en/about-minid/\n---\n\
         MinID is a personal electronic ID for public services.\n\n{above}\
         You can order MinID from the age of 13. See [offers](/en/no-such-page/).\n"
    )
}

/// Inserts `text` into the English page above the paragraph with the broken link, keeping the
/// rest (its recorded baseline) as it is.
fn insert_above_link(site: &Site, text: &str) {
    let page = String::from_utf8(site.read("content/en/om-minid.md")).unwrap();
    let page = page.replacen("You can order", &format!("{text}You can order"), 1);
    site.write("content/en/om-minid.md", page);
}

fn check(site: &Site, format: &str) -> String {
    let run = site.tolk(&["check", "--format", format]);
    assert_eq!(run.code, 1, "errors make the check fail: {}", run.stderr);
    run.stdout
}

/// Runs tolk in `dir` (its site root); returns the exit code and standard output.
fn tolk_in(dir: &Path, args: &[&str]) -> lint_support::Run {
    let out = assert_cmd::Command::cargo_bin("tolk")
        .expect("tolk binary")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["--root", &dir.to_string_lossy()])
        .args(args)
        .output()
        .expect("tolk runs");
    lint_support::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Validates `instance` against the JSON schema in `schema_file` (under tests/).
fn validate(schema_file: &str, instance: &Value) -> Result<(), String> {
    let path = manifest_dir().join("tests").join(schema_file);
    let text = std::fs::read_to_string(&path).expect("schema file");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    let url = format!("file:///tolk-tests/{schema_file}");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler
        .add_resource(&url, schema)
        .expect("schema resource");
    let index = compiler
        .compile(&url, &mut schemas)
        .expect("schema compiles");
    schemas
        .validate(instance, index)
        .map_err(|e| format!("{e:#}"))
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

// ---- SARIF -----------------------------------------------------------------------------------

#[test]
fn sarif_report() {
    insta::assert_snapshot!("sarif", check(&site(), "sarif"));
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let log = json(&check(&site(), "sarif"));
    validate("sarif-schema-2.1.0.json", &log).unwrap_or_else(|e| panic!("{e}"));
    // The schema catches what matters: a result without its message is not SARIF.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert!(validate("sarif-schema-2.1.0.json", &broken).is_err());
    let mut broken = log;
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(validate("sarif-schema-2.1.0.json", &broken).is_err());
}

#[test]
fn sarif_rules_carry_the_explanation_and_default_level() {
    let log = json(&check(&site(), "sarif"));
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "tolk");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let rules = driver["rules"].as_array().unwrap();
    let link = rules.iter().find(|r| r["id"] == "broken-link").unwrap();
    let explain = lint_support_explain("broken-link");
    assert_eq!(link["help"]["text"], explain.as_str());
    assert_eq!(link["defaultConfiguration"]["level"], "error");
    let draft = rules.iter().find(|r| r["id"] == "draft").unwrap();
    assert_eq!(draft["defaultConfiguration"]["level"], "note");
    let results = log["runs"][0]["results"].as_array().unwrap();
    let broken = results
        .iter()
        .find(|r| r["ruleId"] == "broken-link")
        .unwrap();
    let place = &broken["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "content/en/om-minid.md");
    assert_eq!(place["region"]["startLine"], 10);
    assert!(place["region"]["startColumn"].as_u64().unwrap() > 1);
    assert_eq!(
        rules[broken["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "broken-link"
    );
}

/// `tolk explain CODE` as the binary prints it.
fn lint_support_explain(code: &str) -> String {
    let run = Site::new().tolk(&["explain", code]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

fn fingerprints(log: &Value) -> Vec<(String, String)> {
    let mut prints: Vec<(String, String)> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["partialFingerprints"]["tolkFindingHash/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    prints.sort();
    prints
}

#[test]
fn sarif_fingerprints_survive_a_move_but_not_a_new_finding() {
    let site = site();
    let before = json(&check(&site, "sarif"));
    // Two paragraphs above the broken link: it moves from line 10 to line 14.
    insert_above_link(&site, "New text.\n\nMore text.\n\n");
    let moved = json(&check(&site, "sarif"));
    let line = |log: &Value| {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["ruleId"] == "broken-link")
            .map(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"].clone())
            .unwrap()
    };
    assert_eq!(
        (line(&before), line(&moved)),
        (Value::from(10), Value::from(14))
    );
    assert_eq!(fingerprints(&before), fingerprints(&moved));
    // A second broken link to the same place is a new finding with a fingerprint of its own.
    insert_above_link(&site, "See [offers](/en/no-such-page/) here too.\n\n");
    let more = fingerprints(&json(&check(&site, "sarif")));
    assert_eq!(more.len(), fingerprints(&before).len() + 1);
    let distinct: std::collections::BTreeSet<_> = more.iter().map(|(_, f)| f).collect();
    assert_eq!(
        distinct.len(),
        more.len(),
        "fingerprints are unique: {more:?}"
    );
}

#[test]
fn paths_are_relative_to_the_repository_when_the_site_is_in_a_folder() {
    let repo = Site::new();
    repo.write("README.md", "A project with its site in docs/.\n");
    repo.write(
        "docs/content/nb/om.md",
        "---\ntitle: Om\ndescription: Om.\n---\nSe [her](/finnes-ikke/).\n",
    );
    repo.commit_all("start");
    let docs = repo.path("docs");
    let run = tolk_in(&docs, &["check", "--format", "sarif"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let log = json(&run.stdout);
    let uris: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(uris.contains(&"docs/content/nb/om.md"), "{uris:?}");
    let run = tolk_in(&docs, &["check", "--format", "codequality"]);
    let issues = json(&run.stdout);
    assert!(
        issues
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["location"]["path"] == "docs/content/nb/om.md"),
        "{issues}"
    );
}

// ---- GitLab Code Quality ---------------------------------------------------------------------

#[test]
fn codequality_report() {
    insta::assert_snapshot!("codequality", check(&site(), "codequality"));
}

#[test]
fn codequality_matches_gitlabs_format() {
    let issues = json(&check(&site(), "codequality"));
    validate("codequality-schema.json", &issues).unwrap_or_else(|e| panic!("{e}"));
    let mut broken = issues.clone();
    broken[0]["severity"] = Value::from("error");
    assert!(validate("codequality-schema.json", &broken).is_err());
    let list = issues.as_array().unwrap();
    let severities: std::collections::BTreeSet<&str> = list
        .iter()
        .map(|i| i["severity"].as_str().unwrap())
        .collect();
    assert_eq!(
        severities,
        ["info", "major", "minor"].into_iter().collect(),
        "error, warning and info findings"
    );
    let link = list
        .iter()
        .find(|i| i["check_name"] == "broken-link")
        .unwrap();
    assert_eq!(link["location"]["lines"]["begin"], 10);
    let prints: std::collections::BTreeSet<&str> = list
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(
        prints.len(),
        list.len(),
        "GitLab shows one issue per fingerprint"
    );
}

#[test]
fn codequality_fingerprints_survive_a_move() {
    let site = site();
    let prints = |site: &Site| {
        let mut p: Vec<String> = json(&check(site, "codequality"))
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap().to_string())
            .collect();
        p.sort();
        p
    };
    let before = prints(&site);
    insert_above_link(&site, "New text.\n\n");
    assert_eq!(before, prints(&site));
}

#[test]
fn check_help_lists_the_new_formats() {
    let run = Site::new().tolk(&["check", "--help"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("sarif"), "{}", run.stdout);
    assert!(run.stdout.contains("codequality"), "{}", run.stdout);
}
