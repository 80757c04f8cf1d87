//! Hostile input: every case gives its finding (or a clear error), never a panic or a hang, and
//! every other page of the site is still analysed.

mod common;

use std::time::Duration;

use common::{Site, page, with_code};
use serde_json::Value;

/// A site with one good, translated page beside whatever the test adds.
fn site() -> Site {
    let site = Site::new();
    site.write(
        "content/nb/ok.md",
        page(
            "Om MinID",
            "description: Hva MinID er.\n",
            "MinID er en gratis elektronisk ID for offentlige tjenester.\n",
        ),
    )
    .write(
        "content/en/ok.md",
        page(
            "About MinID",
            "description: What MinID is.\n",
            "MinID is a free electronic ID for public services.\n",
        ),
    );
    site
}

/// Runs `check --format json` with a time limit; asserts no panic, and that the good page was
/// still analysed. Returns the findings.
fn check(site: &Site) -> Vec<Value> {
    let out = site
        .tolk()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("tolk runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "tolk failed: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let findings = report["findings"].as_array().expect("findings").clone();
    assert!(
        !findings.iter().any(|f| f["severity"] == "error"
            && f["path"].as_str().is_some_and(|p| p.ends_with("/ok.md"))),
        "the good page has no errors: {findings:?}"
    );
    assert!(
        findings
            .iter()
            .any(|f| f["path"] == "content/en/ok.md" && f["code"] == "unverified"),
        "the good page is still analysed"
    );
    findings
}

fn finding<'a>(findings: &'a [Value], code: &str, path: &str) -> &'a Value {
    findings
        .iter()
        .find(|f| f["code"] == code && f["path"] == path)
        .unwrap_or_else(|| panic!("no {code} finding for {path} in {findings:#?}"))
}

#[test]
fn empty_file() {
    let site = site();
    site.write("content/nb/tom.md", "");
    let findings = check(&site);
    // An empty page is a page without a title: it is still paired (missing in en).
    assert!(
        findings
            .iter()
            .any(|f| f["code"] == "missing" && f["key"] == "tom")
    );
}

#[test]
fn front_matter_never_closed() {
    let site = site();
    site.write(
        "content/nb/x.md",
        "---\ntitle: Aldri lukket\nurl: /x/\n\nTekst\n",
    );
    let findings = check(&site);
    let f = finding(&findings, "front-matter", "content/nb/x.md");
    assert!(
        f["message"]
            .as_str()
            .unwrap_or_default()
            .contains("never closed")
    );
    assert_eq!(f["line"], 1);
}

#[test]
fn fence_inside_a_code_block_is_body() {
    let site = site();
    site.git_init();
    let text = "---\ntitle: Kode\n---\n```yaml\n---\nurl: /ikke/\n---\n```\n";
    site.write("content/nb/kode.md", text).write(
        "content/en/kode.md",
        "---\ntitle: Code\n---\n```yaml\n---\nurl: /not/\n---\n```\n",
    );
    let findings = check(&site);
    assert!(
        with_code(&findings, "front-matter").is_empty(),
        "{findings:?}"
    );
    // mark edits the front matter, not the YAML in the code block.
    site.commit("pages");
    assert_eq!(site.run(&["mark", "content/en/kode.md"]).0, 0);
    let marked = site.read_string("content/en/kode.md");
    assert!(
        marked.starts_with("---\ntitle: Code\nl10n:\n  source_hash: "),
        "{marked}"
    );
    assert!(
        marked.ends_with("---\n```yaml\n---\nurl: /not/\n---\n```\n"),
        "{marked}"
    );
}

#[test]
fn yaml_with_tabs() {
    let site = site();
    site.write(
        "content/nb/tab.md",
        "---\ntitle: Tab\nmenu:\n\tmain:\n\t\tweight: 1\n---\n",
    );
    let findings = check(&site);
    let f = finding(&findings, "front-matter", "content/nb/tab.md");
    assert!(f["line"].as_u64().is_some_and(|l| l >= 3), "{f}");
}

#[test]
fn yaml_duplicate_keys() {
    let site = site();
    site.write("content/nb/dup.md", "---\ntitle: En\ntitle: To\n---\n");
    let findings = check(&site);
    let f = finding(&findings, "front-matter", "content/nb/dup.md");
    assert!(
        f["message"]
            .as_str()
            .unwrap_or_default()
            .contains("duplicate"),
        "{f}"
    );
}

#[test]
fn yaml_wrong_types() {
    let site = site();
    site.write(
        "content/nb/typer.md",
        "---\ntitle: Typer\nurl: 5\nmenu: yes\n---\n",
    );
    let findings = check(&site);
    let fm: Vec<&Value> = with_code(&findings, "front-matter");
    assert_eq!(fm.len(), 2, "{fm:?}");
    assert_eq!(fm[0]["line"], 3);
    assert_eq!(fm[1]["line"], 4);
    assert!(
        fm[1]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("menu called")
    );
}

#[test]
fn yaml_alias_bomb_does_not_hang() {
    let site = site();
    let mut yaml =
        String::from("---\ntitle: Bombe\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        yaml.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 9].join(", ")));
    }
    yaml.push_str("---\nTekst\n");
    site.write("content/nb/bombe.md", yaml);
    let findings = check(&site);
    let f = finding(&findings, "front-matter", "content/nb/bombe.md");
    assert!(
        f["message"].as_str().unwrap_or_default().contains("YAML"),
        "{f}"
    );
}

#[test]
fn very_large_page_and_very_long_line() {
    let site = site();
    let paragraph = "MinID er en elektronisk ID for offentlige tjenester. ".repeat(20);
    let mut big = String::from("---\ntitle: Stor\n---\n");
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(&paragraph);
        big.push_str("\n\n");
    }
    site.write("content/nb/stor.md", big);
    let long = format!("---\ntitle: Lang\n---\n{}\n", "x".repeat(10 * 1024 * 1024));
    site.write("content/nb/lang.md", long);
    let findings = check(&site);
    assert!(
        findings
            .iter()
            .any(|f| f["code"] == "missing" && f["key"] == "stor")
    );
    assert!(
        findings
            .iter()
            .any(|f| f["code"] == "missing" && f["key"] == "lang")
    );
}

#[test]
fn invalid_utf8() {
    let site = site();
    site.write(
        "content/nb/latin1.md",
        b"---\ntitle: Bl\xe5b\xe6r\n---\n".as_slice(),
    );
    let findings = check(&site);
    let f = finding(&findings, "invalid-utf8", "content/nb/latin1.md");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(2), Some(10))
    );
}

#[test]
fn utf16_with_bom() {
    let site = site();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "---\ntitle: Blåbær\n---\nTekst\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    site.write("content/nb/utf16.md", bytes);
    let findings = check(&site);
    let f = finding(&findings, "invalid-utf8", "content/nb/utf16.md");
    assert!(f["message"].as_str().unwrap_or_default().contains("UTF-16"));
    // Read as text all the same: its front matter is fine.
    assert!(
        findings
            .iter()
            .all(|f| !(f["code"] == "front-matter" && f["path"] == "content/nb/utf16.md"))
    );
}

#[test]
fn nul_bytes() {
    let site = site();
    site.write(
        "content/nb/nul.md",
        b"---\ntitle: Nul\n---\nTe\0kst\n".as_slice(),
    );
    let findings = check(&site);
    let f = finding(&findings, "control-character", "content/nb/nul.md");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(4), Some(3))
    );
}

#[test]
fn crlf_and_lone_cr() {
    let site = site();
    site.write(
        "content/nb/crlf.md",
        "---\r\ntitle: CRLF\r\n---\r\nTekst\r\n",
    )
    .write("content/nb/cr.md", "---\rtitle: CR\r---\rTekst\r");
    let findings = check(&site);
    assert!(
        findings
            .iter()
            .all(|f| f["path"] != "content/nb/crlf.md" || f["severity"] != "error"),
        "{findings:?}"
    );
    finding(&findings, "line-endings", "content/nb/cr.md");
}

#[test]
fn bom_before_the_fence() {
    let site = site();
    site.write("content/nb/bom.md", "\u{feff}---\ntitle: BOM\n---\nTekst\n");
    let findings = check(&site);
    assert!(
        findings
            .iter()
            .all(|f| f["path"] != "content/nb/bom.md" || f["severity"] != "error"),
        "{findings:?}"
    );
    assert!(
        findings
            .iter()
            .any(|f| f["path"] == "content/en/bom.md" && f["code"] == "missing")
    );
}

#[test]
fn hostile_urls_are_rejected() {
    let cases = [
        ("dotdot", "/../../etc/"),
        ("encoded", "/%2e%2e/%2E%2E/etc/"),
        ("backslash", "/a\\\\..\\\\b/"),
        ("absolute", "//evil.example/"),
        ("drive", "/C:/Windows/"),
        ("control", "/a\\u0007b/"),
    ];
    let site = site();
    for (name, url) in cases {
        site.write(
            &format!("content/nb/{name}.md"),
            format!("---\ntitle: {name}\nurl: \"{url}\"\n---\n"),
        );
    }
    let findings = check(&site);
    for (name, _) in cases {
        let path = format!("content/nb/{name}.md");
        assert!(
            findings.iter().any(|f| f["path"] == path.as_str()
                && f["code"] == "unsafe-url"
                && f["severity"] == "error"),
            "{name}: {findings:#?}"
        );
    }
}

#[test]
fn urls_differing_in_case_or_normalisation_collide() {
    let site = site();
    site.write("content/nb/a.md", "---\ntitle: A\nurl: /bl\u{e5}/\n---\n")
        .write("content/nb/b.md", "---\ntitle: B\nurl: /bla\u{30a}/\n---\n")
        .write("content/nb/c.md", "---\ntitle: C\nurl: /Stor/\n---\n")
        .write("content/nb/d.md", "---\ntitle: D\nurl: /stor/\n---\n");
    let findings = check(&site);
    let dups = with_code(&findings, "duplicate-url");
    assert_eq!(dups.len(), 2, "{dups:?}");
    assert_eq!(dups[0]["path"], "content/nb/b.md");
    assert_eq!(dups[1]["path"], "content/nb/d.md");
}

#[cfg(unix)]
#[test]
fn symlink_loop_and_link_out_of_the_root() {
    let site = site();
    std::fs::create_dir_all(site.path("content/nb/sløyfe")).expect("mkdir");
    std::os::unix::fs::symlink(
        site.path("content/nb"),
        site.path("content/nb/sløyfe/tilbake"),
    )
    .expect("symlink");
    let outside = tempfile::tempdir().expect("tmp");
    std::fs::write(
        outside.path().join("hemmelig.md"),
        "---\ntitle: Hemmelig\n---\n",
    )
    .expect("write");
    std::os::unix::fs::symlink(
        outside.path().join("hemmelig.md"),
        site.path("content/nb/hemmelig.md"),
    )
    .expect("symlink");
    let findings = check(&site);
    let unreadable = with_code(&findings, "unreadable");
    assert!(
        unreadable
            .iter()
            .any(|f| f["message"].as_str().unwrap_or_default().contains("loop")),
        "{unreadable:?}"
    );
    assert!(
        unreadable
            .iter()
            .any(|f| f["path"] == "content/nb/hemmelig.md"
                && f["message"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("outside")),
        "{unreadable:?}"
    );
    assert!(
        !findings.iter().any(|f| f["key"] == "hemmelig"),
        "the outside file is not read"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    let site = site();
    // A link to a file that does not exist cannot be read, by anyone.
    std::os::unix::fs::symlink(
        site.path("content/nb/finnes-ikke.md"),
        site.path("content/nb/brutt.md"),
    )
    .expect("symlink");
    let findings = check(&site);
    let f = finding(&findings, "unreadable", "content/nb/brutt.md");
    assert_eq!(f["severity"], "error");
}

#[cfg(unix)]
#[test]
fn named_pipe_is_not_read() {
    let site = site();
    let status = std::process::Command::new("mkfifo")
        .arg(site.path("content/nb/ror.md"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    // Reading a FIFO would block forever; it is not a page file.
    let findings = check(&site);
    assert!(!findings.iter().any(|f| f["key"] == "ror"));
}

#[test]
fn ten_thousand_pages_in_one_folder() {
    let site = site();
    for i in 0..10_000 {
        site.write(
            &format!("content/nb/mange/side-{i:05}.md"),
            format!("---\ntitle: Side {i}\n---\nTekst {i}.\n"),
        );
    }
    let report = site.check_json();
    assert_eq!(report["summary"]["en"]["pages"], 10_001);
    assert_eq!(report["summary"]["en"]["missing"], 10_000);
}

#[test]
fn related_pages_cycle() {
    let site = site();
    site.write(
        "content/nb/a.md",
        "---\ntitle: A\nrelated_pages: [b]\n---\n",
    )
    .write(
        "content/nb/b.md",
        "---\ntitle: B\nrelated_pages: [a, /b/]\n---\n",
    );
    let findings = check(&site);
    assert!(
        with_code(&findings, "broken-related-page").is_empty(),
        "{findings:?}"
    );
}

#[test]
fn fluent_file_with_only_junk() {
    let site = site();
    site.write("locales/nb/main.ftl", "site-name = MinID\n")
        .write("locales/en/main.ftl", "}}}{{{ !!! ===\n@@@ junk\n");
    let findings = check(&site);
    let syntax = with_code(&findings, "fluent-syntax");
    assert!(!syntax.is_empty(), "{findings:?}");
    assert_eq!(syntax[0]["path"], "locales/en/main.ftl");
    assert_eq!(syntax[0]["line"], 1);
}
