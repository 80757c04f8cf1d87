//! tolk where its users already work: the SARIF and GitLab Code Quality reports (validated
//! against their schemas, snapshotted, fingerprints stable when findings move), the GitHub
//! Action's shell steps run locally, the pre-commit hook, shell completions, the man page and
//! the version string.

mod common;

use std::path::{Path, PathBuf};

use common::Site;
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
    // The fixture's structure-mismatch is on purpose: mark records it with --force.
    let run = site.outcome(&[
        "mark",
        "--force",
        "content/en/om-minid.md",
        "content/en/kontakt.md",
    ]);
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
    let run = site.outcome(&["check", "--format", format]);
    assert_eq!(run.code, 1, "errors make the check fail: {}", run.stderr);
    run.stdout
}

/// Runs tolk in `dir` (its site root); returns the exit code and standard output.
fn tolk_in(dir: &Path, args: &[&str]) -> common::Run {
    common::Run::from(
        common::tolk_in(dir)
            .args(["--root", &dir.to_string_lossy()])
            .args(args)
            .output()
            .expect("tolk runs"),
    )
}

/// The repository's root: the workspace, one folder above this crate.
fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Validates `instance` against the JSON schema in `schema_file` (under tests/).
///
/// tests/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 schema as published in the SARIF
/// technical committee's repository (its `$id` names it; a draft-07 JSON schema).
/// tests/codequality-schema.json is written from GitLab's documentation of the Code Quality
/// report: the fields GitLab reads, and the severities it knows.
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
    // Where the manifest names no repository, no other site stands in for it.
    match option_env!("CARGO_PKG_REPOSITORY").filter(|r| !r.is_empty()) {
        Some(repository) => assert_eq!(driver["informationUri"], repository),
        None => assert!(driver.get("informationUri").is_none(), "{driver}"),
    }
    let rules = driver["rules"].as_array().unwrap();
    let link = rules.iter().find(|r| r["id"] == "broken-link").unwrap();
    let explain = tolk_explain("broken-link");
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
fn tolk_explain(code: &str) -> String {
    let run = Site::new().outcome(&["explain", code]);
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
    let run = Site::new().outcome(&["check", "--help"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("sarif"), "{}", run.stdout);
    assert!(run.stdout.contains("codequality"), "{}", run.stdout);
}

// ---- The GitHub Action, run act-style ------------------------------------------------------

/// What one local run of the Action's steps left behind.
struct ActionRun {
    /// The exit code of the first failing step (0 when all passed).
    code: i32,
    /// Every step's standard output, in order.
    stdout: String,
    /// The job summary file's text.
    summary: String,
    /// The outputs each step wrote to `$GITHUB_OUTPUT`, by step id.
    outputs: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    /// The names of the `uses:` steps that ran (they are not run locally, only recorded).
    used: Vec<String>,
}

/// The already-built binary's folder, put first on PATH as the Action's cached install would.
fn binary_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_tolk"))
        .parent()
        .expect("binary folder")
        .to_path_buf()
}

/// Runs action.yml's composite steps the way the runner does: each `run:` step (shell bash) as
/// `bash --noprofile --norc -eo pipefail FILE` in the workspace `site`, with `${{ … }}` replaced
/// by the inputs (defaults from action.yml, overridden by `inputs`), `github.*`, `runner.*` and
/// earlier steps' outputs. The cache restores the binary (`cache-hit` is `true`), so the install
/// step is skipped and the built tolk is on PATH. An expression or condition this runner does
/// not model fails the test.
fn run_action(site: &Path, inputs: &[(&str, &str)], base_ref: &str) -> ActionRun {
    let action: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(manifest_dir().join("action.yml")).expect("action.yml"),
    )
    .expect("action.yml is YAML");
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let mut values: std::collections::BTreeMap<String, String> = action["inputs"]
        .as_mapping()
        .expect("inputs")
        .iter()
        .map(|(name, spec)| {
            let default = match &spec["default"] {
                serde_yaml::Value::String(s) => s.clone(),
                serde_yaml::Value::Null => String::new(),
                other => panic!("input default {other:?} is not a string"),
            };
            (format!("inputs.{}", name.as_str().unwrap()), default)
        })
        .collect();
    for (name, value) in inputs {
        let key = format!("inputs.{name}");
        assert!(
            values.contains_key(&key),
            "action.yml has no input `{name}`"
        );
        values.insert(key, value.to_string());
    }
    let action_path = manifest_dir();
    values.insert(
        "github.action_path".into(),
        action_path.to_string_lossy().into_owned(),
    );
    values.insert("github.base_ref".into(), base_ref.into());
    values.insert("runner.os".into(), "Linux".into());
    values.insert("steps.cache.outputs.cache-hit".into(), "true".into());

    let work = tempfile::tempdir().expect("runner temp");
    let summary = work.path().join("step_summary.md");
    let github_path = work.path().join("github_path");
    std::fs::write(&summary, "").unwrap();
    std::fs::write(&github_path, "").unwrap();
    let path = format!(
        "{}:{}",
        binary_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut run = ActionRun {
        code: 0,
        stdout: String::new(),
        summary: String::new(),
        outputs: Default::default(),
        used: Vec::new(),
    };
    let steps = action["runs"]["steps"].as_sequence().expect("steps");
    for (i, step) in steps.iter().enumerate() {
        if let Some(condition) = step["if"].as_str()
            && !condition_holds(condition, &values)
        {
            continue;
        }
        if let Some(uses) = step["uses"].as_str() {
            run.used.push(uses.to_string());
            continue;
        }
        let script = step["run"].as_str().expect("a step runs or uses");
        assert_eq!(
            step["shell"].as_str(),
            Some("bash"),
            "composite run steps name their shell"
        );
        let file = work.path().join(format!("step-{i}.sh"));
        std::fs::write(&file, substitute(script, &values)).unwrap();
        let output_file = work.path().join(format!("output-{i}"));
        std::fs::write(&output_file, "").unwrap();
        let mut command = std::process::Command::new("bash");
        command
            .args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&file)
            .current_dir(site)
            .env("PATH", &path)
            .env("HOME", work.path())
            .env("NO_COLOR", "1")
            .env("RUNNER_OS", "Linux")
            .env("GITHUB_WORKSPACE", site)
            .env("GITHUB_ACTION_PATH", &action_path)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_PATH", &github_path);
        if let Some(env) = step["env"].as_mapping() {
            for (name, value) in env {
                command.env(
                    name.as_str().unwrap(),
                    substitute(value.as_str().expect("env values are strings"), &values),
                );
            }
        }
        let out = command.output().expect("bash runs");
        run.stdout.push_str(&String::from_utf8_lossy(&out.stdout));
        let outputs: std::collections::BTreeMap<String, String> =
            std::fs::read_to_string(&output_file)
                .unwrap()
                .lines()
                .filter_map(|l| l.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        if let Some(id) = step["id"].as_str() {
            for (k, v) in &outputs {
                values.insert(format!("steps.{id}.outputs.{k}"), v.clone());
            }
            run.outputs.insert(id.to_string(), outputs);
        }
        if !out.status.success() {
            run.code = out.status.code().unwrap_or(-1);
            assert!(
                run.code != 2 || step["id"].as_str() == Some("check"),
                "step {i} could not run: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            break;
        }
    }
    run.summary = std::fs::read_to_string(&summary).unwrap();
    run
}

/// `${{ expr }}` replaced by its value; an unknown expression is a test failure.
fn substitute(text: &str, values: &std::collections::BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("closed expression") + start;
        let expr = rest[start + 3..end].trim();
        let value = values
            .get(expr)
            .unwrap_or_else(|| panic!("the local runner does not know `{expr}`"));
        out.push_str(value);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// A step's `if:`, of the forms the Action uses: `X == 'v'` and `X != 'v'`, joined by `&&`.
fn condition_holds(condition: &str, values: &std::collections::BTreeMap<String, String>) -> bool {
    let condition = condition.trim();
    let condition = condition
        .strip_prefix("${{")
        .and_then(|c| c.strip_suffix("}}"))
        .unwrap_or(condition);
    condition.split("&&").all(|part| {
        let (left, right, equal) = if let Some((l, r)) = part.split_once("!=") {
            (l, r, false)
        } else if let Some((l, r)) = part.split_once("==") {
            (l, r, true)
        } else {
            panic!("the local runner does not know the condition `{part}`")
        };
        let left = values
            .get(left.trim())
            .unwrap_or_else(|| panic!("the local runner does not know `{}`", left.trim()));
        let right = right.trim().trim_matches('\'');
        (left == right) == equal
    })
}

#[test]
fn the_action_reports_gates_and_writes_sarif() {
    let site = site();
    let run = run_action(
        site.root(),
        &[
            ("sarif", "true"),
            ("fail-on", "error"),
            ("format", "github"),
        ],
        "",
    );
    assert_eq!(run.code, 1, "errors fail the gate: {}", run.stdout);
    assert_eq!(run.outputs["check"]["exit-code"], "1");
    assert!(
        run.stdout.contains("::error file=content/en/"),
        "{}",
        run.stdout
    );
    assert!(run.summary.starts_with("## tolk check"), "{}", run.summary);
    assert!(
        run.summary.contains("<details>"),
        "the summary has the stale diff"
    );
    let sarif_file = &run.outputs["report"]["sarif-file"];
    assert_eq!(sarif_file, "tolk.sarif");
    let log = json(&String::from_utf8(site.read("tolk.sarif")).unwrap());
    validate("sarif-schema-2.1.0.json", &log).unwrap_or_else(|e| panic!("{e}"));
    assert!(run.used.iter().any(|u| u.starts_with("actions/cache@")));
    assert!(
        run.used
            .iter()
            .any(|u| u.starts_with("github/codeql-action/upload-sarif@")),
        "SARIF is uploaded when asked: {:?}",
        run.used
    );
    assert!(run.outputs["key"]["key"].starts_with("tolk-Linux-"));
}

#[test]
fn the_action_honours_fail_on_changed_since_and_args() {
    let site = site();
    // Only reported: the gate passes, no SARIF is written or uploaded, no summary when off.
    let run = run_action(
        site.root(),
        &[
            ("fail-on", "never"),
            ("format", "text"),
            ("summary", "false"),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.outputs["check"]["exit-code"], "0");
    assert!(run.summary.is_empty());
    assert!(!site.path("tolk.sarif").exists());
    assert!(!run.used.iter().any(|u| u.contains("upload-sarif")));
    // Warnings fail with fail-on warning, on a pull request whose base is the last commit:
    // only the pages changed since then are checked.
    site.git(&["update-ref", "refs/remotes/origin/main", "HEAD"]);
    let run = run_action(
        site.root(),
        &[("fail-on", "warning"), ("format", "json")],
        "main",
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    let report = json(&run.stdout[run.stdout.find('{').unwrap()..]);
    let paths: std::collections::BTreeSet<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    // Changed since origin/main: the two marked translations and the edited source's missing
    // Nynorsk translation; the Nynorsk draft, untouched, is left out.
    assert_eq!(
        paths,
        [
            "content/en/kontakt.md",
            "content/en/om-minid.md",
            "content/nn/om-minid.md"
        ]
        .into_iter()
        .collect(),
    );
    let all = site.all_findings();
    assert!(all.iter().any(|f| f["path"] == "content/nn/kontakt.md"));
    // changed-since given, args passed on: nothing changed since HEAD after a commit.
    site.commit_all("source edit");
    let run = run_action(
        site.root(),
        &[
            ("fail-on", "warning"),
            ("format", "text"),
            ("changed-since", "HEAD"),
            ("args", "--quiet --color never"),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
}

// ---- The GitLab CI template ------------------------------------------------------------------

/// Runs the `tolk` job's script of ci/gitlab/tolk.yml in `site` with the built binary on PATH
/// (the install command is left out), with the template's variables and `extra` ones.
fn run_gitlab_job(site: &Site, extra: &[(&str, &str)]) -> (i32, serde_yaml::Value) {
    let template: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(manifest_dir().join("ci/gitlab/tolk.yml")).expect("template"),
    )
    .expect("the template is YAML");
    let job = template["tolk"].clone();
    let mut script = String::from("set -eo pipefail\n");
    for line in job["script"].as_sequence().expect("script") {
        let line = line.as_str().expect("script lines are strings");
        if line.contains("cargo install") {
            continue;
        }
        script.push_str(line);
        script.push('\n');
    }
    let mut command = std::process::Command::new("bash");
    command
        .arg("-c")
        .arg(&script)
        .current_dir(site.root())
        .env("NO_COLOR", "1")
        .env("CI_PROJECT_DIR", site.root())
        .env_remove("CI_MERGE_REQUEST_DIFF_BASE_SHA");
    for variables in [&template["variables"], &job["variables"]] {
        for (name, value) in variables.as_mapping().into_iter().flatten() {
            let value = match value {
                serde_yaml::Value::String(s) => {
                    s.replace("$CI_PROJECT_DIR", &site.root().to_string_lossy())
                }
                serde_yaml::Value::Number(n) => n.to_string(),
                other => panic!("variable {other:?}"),
            };
            command.env(name.as_str().unwrap(), value);
        }
    }
    let path = format!(
        "{}:{}",
        binary_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    command.env("PATH", path);
    for (name, value) in extra {
        command.env(name, value);
    }
    let out = command.output().expect("bash runs");
    assert!(
        out.status.code() != Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), job)
}

#[test]
fn the_gitlab_template_writes_code_quality_and_junit_reports() {
    let site = site();
    let (code, job) = run_gitlab_job(&site, &[]);
    assert_eq!(code, 1, "errors fail the job");
    let reports = &job["artifacts"]["reports"];
    let quality = reports["codequality"]
        .as_str()
        .expect("a codequality report");
    let junit = reports["junit"].as_str().expect("a junit report");
    let issues = json(&String::from_utf8(site.read(quality)).unwrap());
    validate("codequality-schema.json", &issues).unwrap_or_else(|e| panic!("{e}"));
    assert!(!issues.as_array().unwrap().is_empty());
    let xml = String::from_utf8(site.read(junit)).unwrap();
    roxmltree::Document::parse(&xml).expect("JUnit XML");
    assert!(site.path("tolk-report.md").exists());
    // TOLK_FAIL_ON decides the gate.
    let (code, _) = run_gitlab_job(&site, &[("TOLK_FAIL_ON", "never")]);
    assert_eq!(code, 0);
}

// ---- pre-commit ------------------------------------------------------------------------------

/// pre-commit, from PATH or the virtual environment .ci/run installs it into. In CI its absence
/// is a failure; elsewhere the test says it did not run.
fn pre_commit() -> Option<PathBuf> {
    let local = manifest_dir().join("target/pre-commit-venv/bin/pre-commit");
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join("pre-commit"))
        .chain([local])
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "pre-commit is not installed; .ci/run installs it with pip"
        );
        eprintln!("not run: pre-commit is not installed (`pip install pre-commit`)");
    }
    found
}

fn run_pre_commit(bin: &Path, site: &Site, home: &Path, args: &[&str]) -> common::Run {
    let path = format!(
        "{}:{}",
        binary_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new(bin)
        .args(args)
        .current_dir(site.root())
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", home)
        .env("NO_COLOR", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .output()
        .expect("pre-commit runs");
    common::Run::from(out)
}

#[test]
fn the_published_hook_manifest_is_valid() {
    let Some(bin) = pre_commit() else { return };
    let home = tempfile::tempdir().unwrap();
    let site = Site::new();
    let manifest = manifest_dir().join(".pre-commit-hooks.yaml");
    let run = run_pre_commit(
        &bin,
        &site,
        home.path(),
        &["validate-manifest", &manifest.to_string_lossy()],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let hooks: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("tolk-check"));
    assert_eq!(hook["language"].as_str(), Some("rust"));
    assert_eq!(
        hook["entry"].as_str(),
        Some("tolk check --changed-since HEAD")
    );
    assert_eq!(hook["pass_filenames"].as_bool(), Some(false));
    // A manifest pre-commit rejects is caught.
    site.write("bad-hooks.yaml", "- id: tolk-check\n  entry: tolk\n");
    let run = run_pre_commit(
        &bin,
        &site,
        home.path(),
        &["validate-manifest", "bad-hooks.yaml"],
    );
    assert_ne!(run.code, 0);
}

#[test]
fn the_hook_blocks_a_commit_with_an_error_and_skips_other_files() {
    let Some(bin) = pre_commit() else { return };
    let home = tempfile::tempdir().unwrap();
    let site = Site::new();
    site.write(
        "content/nb/om.md",
        "---\ntitle: Om\ndescription: Om MinID.\n---\nMinID er en elektronisk ID.\n",
    );
    // The published hook, run from the built binary instead of a `cargo install` of the repo.
    let manifest = std::fs::read_to_string(manifest_dir().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: serde_yaml::Value = serde_yaml::from_str(&manifest).unwrap();
    let mut hook = hooks[0].clone();
    hook["language"] = serde_yaml::Value::from("system");
    let config = serde_yaml::to_string(&serde_yaml::Value::Mapping(
        [(
            serde_yaml::Value::from("repos"),
            serde_yaml::Value::Sequence(vec![serde_yaml::Value::Mapping(
                [
                    (
                        serde_yaml::Value::from("repo"),
                        serde_yaml::Value::from("local"),
                    ),
                    (
                        serde_yaml::Value::from("hooks"),
                        serde_yaml::Value::Sequence(vec![hook]),
                    ),
                ]
                .into_iter()
                .collect(),
            )]),
        )]
        .into_iter()
        .collect(),
    ))
    .unwrap();
    site.write(".pre-commit-config.yaml", config);
    site.commit_all("start");
    let run = run_pre_commit(&bin, &site, home.path(), &["install"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    // A page with a broken link: the commit is refused, with the finding in the output.
    site.write(
        "content/nb/kontakt.md",
        "---\ntitle: Kontakt\ndescription: Kontakt.\n---\nSe [her](/finnes-ikke/).\n",
    );
    site.git(&["add", "-A"]);
    let commit = run_pre_commit(&bin, &site, home.path(), &["run"]);
    assert_eq!(commit.code, 1, "{}{}", commit.stdout, commit.stderr);
    assert!(commit.stdout.contains("tolk check"), "{}", commit.stdout);
    assert!(commit.stdout.contains("Failed"), "{}", commit.stdout);
    assert!(commit.stdout.contains("broken-link"), "{}", commit.stdout);
    let git_commit = std::process::Command::new("git")
        .args(["commit", "-q", "-m", "kontakt"])
        .current_dir(site.root())
        .env(
            "PATH",
            format!(
                "{}:{}",
                binary_dir().display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("PRE_COMMIT_HOME", home.path())
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .status()
        .expect("git runs");
    assert!(
        !git_commit.success(),
        "the installed hook refuses the commit"
    );

    // Fixed: the hook passes.
    site.write(
        "content/nb/kontakt.md",
        "---\ntitle: Kontakt\ndescription: Kontakt.\n---\nSe [om](/om/).\n",
    );
    site.git(&["add", "-A"]);
    let run = run_pre_commit(&bin, &site, home.path(), &["run"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Passed"), "{}", run.stdout);
    site.git(&["commit", "-q", "--no-verify", "-m", "kontakt"]);

    // Only files the hook does not look at: skipped.
    site.write("scripts/build.sh", "echo\n");
    site.git(&["add", "-A"]);
    let run = run_pre_commit(&bin, &site, home.path(), &["run"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Skipped"), "{}", run.stdout);
}

// ---- Install and shell -----------------------------------------------------------------------

/// The build script, to test how it finds the commit.
#[allow(dead_code)]
#[path = "../build.rs"]
mod build_script;

const SUBCOMMANDS: &[&str] = &[
    "status",
    "check",
    "diff",
    "new",
    "mark",
    "init",
    "fix",
    "explain",
    "build",
    "serve",
    "completions",
    "man",
];

#[test]
fn completions_for_each_shell_know_the_subcommands() {
    let site = Site::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = site.outcome(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for command in SUBCOMMANDS {
            assert!(
                run.stdout.contains(command),
                "{shell} completions lack `{command}`"
            );
        }
        // The formats of `check` complete too (PowerShell completes only names of arguments).
        if shell != "powershell" {
            assert!(run.stdout.contains("codequality"), "{shell}");
        }
    }
    assert!(
        site.outcome(&["completions", "bash"])
            .stdout
            .contains("complete -F")
    );
    assert!(
        site.outcome(&["completions", "zsh"])
            .stdout
            .starts_with("#compdef tolk")
    );
    assert!(
        site.outcome(&["completions", "fish"])
            .stdout
            .contains("complete -c tolk")
    );
    assert_eq!(
        site.outcome(&["completions", "tcsh"]).code,
        2,
        "an unknown shell is a usage error"
    );
}

#[test]
fn the_man_page_is_roff() {
    let run = Site::new().outcome(&["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Only the portable quote definitions come before the title.
    let mut lines = run.stdout.lines();
    let title = lines
        .by_ref()
        .find(|l| !l.starts_with(".ie ") && !l.starts_with(".el "))
        .unwrap();
    assert!(title.starts_with(".TH tolk 1 "), "{title}");
    assert!(title.contains(env!("CARGO_PKG_VERSION")), "{title}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH OPTIONS",
        ".SH SUBCOMMANDS",
    ] {
        assert!(run.stdout.contains(section), "no {section}");
    }
    for command in SUBCOMMANDS {
        assert!(
            run.stdout
                .contains(&format!("tolk\\-{}", command.replace('-', "\\-"))),
            "the man page lists `{command}`"
        );
    }
}

/// `git ARGS` in the package's folder, if it succeeds.
fn package_git(args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(manifest_dir())
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[test]
fn the_version_names_the_commit() {
    let run = Site::new().outcome(&["--version"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let version = run.stdout.trim_end();
    let rest = version
        .strip_prefix(&format!("tolk {} ", env!("CARGO_PKG_VERSION")))
        .unwrap_or_else(|| panic!("`{version}`"));
    let commit = rest
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or_else(|| panic!("`{version}`"));
    assert!(commit.len() >= 7, "`{version}`");
    assert!(commit.bytes().all(|b| b.is_ascii_hexdigit()), "`{version}`");
    if let Some(head) = package_git(&["rev-parse", "--short", "HEAD"]) {
        assert_eq!(commit, head, "the commit the binary was built from");
    }
}

#[test]
fn the_build_script_reads_the_commit_only_from_the_packages_own_checkout() {
    // Not a checkout: no commit, and no failure.
    let plain = tempfile::tempdir().unwrap();
    assert_eq!(build_script::commit(plain.path()), None);
    // A checkout: its commit.
    let repo = Site::new();
    repo.write("Cargo.toml", "[package]\n");
    repo.commit_all("start");
    let head = repo.git(&["rev-parse", "--short", "HEAD"]);
    assert_eq!(
        build_script::commit(repo.root()).as_deref(),
        Some(head.trim())
    );
    // A folder inside someone else's repository: that commit is not the package's.
    repo.write("vendor/tolk/Cargo.toml", "[package]\n");
    assert_eq!(build_script::commit(&repo.path("vendor/tolk")), None);
}
