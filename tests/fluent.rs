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

#[test]
fn check_and_build_read_the_same_files_subfolders_and_aliased_folders_included() {
    let site = Site::new();
    site.write("content/nb/om.md", page("Om", "description: Om.\n", "Tekst.\n"))
        .write(
            "content/en/about.md",
            page(
                "About",
                "description: About.\ntranslation_key: om\n",
                "Text.\n",
            ),
        )
        .write("tolk.yaml", "aliases: { no: nb }\n")
        // The source locale's strings in a folder named by an alias.
        .write(
            "locales/no/site.ftl",
            "site-slogan = Trygg innlogging\nsite-help = Ring oss\n",
        )
        // A target locale's strings in a subfolder.
        .write("locales/en/ui/site.ftl", "site-slogan = Safe { $who }\n")
        .write(
            "templates/page.html",
            "{% extends \"base.html\" %}{% block main %}<p>{{ t(\"site-slogan\") }}</p><p>{{ t(\"site-help\") }}</p>{% endblock %}",
        );
    let report = site.check_json();
    let findings = report["findings"].as_array().expect("findings");
    let fluent: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| FLUENT_CODES.contains(&f["code"].as_str().unwrap_or_default()))
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default(),
                f["path"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    // The subfolder's file is compared with the aliased folder's: one message missing, one
    // variable unknown; the templates' messages are all defined.
    assert!(
        fluent.contains(&("missing-message", "locales/en/ui/site.ftl")),
        "{fluent:?}"
    );
    assert!(
        fluent.contains(&("unknown-variable", "locales/en/ui/site.ftl")),
        "{fluent:?}"
    );
    assert!(
        !fluent.iter().any(|(code, _)| *code == "undefined-message"),
        "{fluent:?}"
    );
    // The build reads the same files.
    site.write(
        "locales/en/ui/site.ftl",
        "site-slogan = Safe login\nsite-help = Call us\n",
    );
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let nb = site.read_string("public/om/index.html");
    assert!(
        nb.contains("<p>Trygg innlogging</p><p>Ring oss</p>"),
        "{nb}"
    );
    let en = site.read_string("public/en/om/index.html");
    assert!(en.contains("<p>Safe login</p><p>Call us</p>"), "{en}");
    let report = site.check_json();
    let findings = report["findings"].as_array().expect("findings");
    assert!(
        !findings
            .iter()
            .any(|f| FLUENT_CODES.contains(&f["code"].as_str().unwrap_or_default())),
        "{findings:#?}"
    );
}
