//! The Fluent checks through the real binary: each code triggered by a fixture, and the repo's
//! own UI strings clean.

mod common;

use common::{Site, page};

const FLUENT_CODES: &[&str] = &[
    "fluent-syntax",
    "missing-message",
    "obsolete-message",
    "missing-attribute",
    "obsolete-attribute",
    "unknown-variable",
    "unused-variable",
    "duplicate-message",
    "empty-message",
    "missing-default-variant",
    "unused-message",
    "undefined-message",
];

#[test]
fn every_fluent_code_is_found_where_it_applies() {
    let site = Site::new();
    site.write("content/nb/om.md", page("Om", "description: Om.\n", "Tekst.\n"))
        .write(
            "locales/nb/main.ftl",
            "greeting = Hei, { $name }!\nfarewell = Ha det\n    .title = Avskjed\ncount = { $n ->\n    [one] én side\n   *[other] { $n } sider\n}\nnever-used = Ubrukt\n",
        )
        .write(
            "locales/en/main.ftl",
            "greeting = Hello, { $user }!\nfarewell = Goodbye\n    .alt = Bye\nextra = Extra\nextra = Again\nbroken = { $\nchoice = { $n ->\n    [one] one\n    [other] many\n}\nblank =\n",
        )
        .write("templates/page.html", "{{ t(\"greeting\") }} {{ t(\"farewell\") }} {{ t(\"count\") }} {{ t(\"nowhere-defined\") }}\n");
    let report = site.check_json();
    let findings = report["findings"].as_array().expect("findings");
    let found = |code: &str| findings.iter().filter(|f| f["code"] == code).count();
    for code in FLUENT_CODES {
        assert!(found(code) > 0, "{code} not found in {findings:#?}");
    }
    let unknown = findings
        .iter()
        .find(|f| f["code"] == "unknown-variable")
        .expect("unknown-variable");
    assert_eq!(
        (unknown["path"].as_str(), unknown["line"].as_u64()),
        (Some("locales/en/main.ftl"), Some(1))
    );
    assert_eq!(unknown["severity"], "error");
    let undefined = findings
        .iter()
        .find(|f| f["code"] == "undefined-message")
        .expect("undefined");
    assert_eq!(undefined["path"], "templates/page.html");
}

#[test]
fn identical_locales_have_no_fluent_findings() {
    let site = Site::new();
    let ftl = "skip-link = Hopp til innholdet\ncount = { $n ->\n    [one] én side\n   *[other] { $n } sider\n}\n";
    site.write(
        "content/nb/om.md",
        page("Om", "description: Om.\n", "Tekst.\n"),
    )
    .write("locales/nb/main.ftl", ftl)
    .write(
        "locales/en/main.ftl",
        ftl.replace("Hopp til innholdet", "Skip to content"),
    );
    let report = site.check_json();
    let findings = report["findings"].as_array().expect("findings");
    let fluent: Vec<_> = findings
        .iter()
        .filter(|f| {
            FLUENT_CODES.contains(&f["code"].as_str().unwrap_or_default())
                && f["code"] != "unused-message"
        })
        .collect();
    assert!(fluent.is_empty(), "{fluent:#?}");
}

#[test]
fn the_sites_own_strings_are_clean() {
    let out = assert_cmd::Command::cargo_bin("tolk")
        .expect("bin")
        .args([
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
        ])
        .output()
        .expect("run");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let fluent: Vec<_> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| FLUENT_CODES.contains(&f["code"].as_str().unwrap_or_default()))
        .collect();
    assert!(fluent.is_empty(), "{fluent:#?}");
    assert_eq!(
        report["findings"]
            .as_array()
            .map(|f| f.iter().any(|f| f["severity"] == "error")),
        Some(false)
    );
}
