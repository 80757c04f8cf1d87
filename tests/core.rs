//! Integration tests of the core: pairing, translation states with diffs, and the translator
//! commands, run through the real binary on fixture sites in real git repositories.

mod common;

use common::{Site, page};
use serde_json::Value;

/// A site with one source page and an English translation, committed, baseline recorded.
fn marked_pair() -> Site {
    let site = Site::new();
    site.git_init()
        .write(
            "content/nb/om.md",
            page(
                "Om MinID",
                "",
                "MinID er gratis.\n\nDu kan bruke den fra du er 13 år.\n",
            ),
        )
        .write(
            "content/en/om.md",
            page(
                "About MinID",
                "url: /en/about/\n",
                "MinID is free.\n\nYou can use it from age 13.\n",
            ),
        )
        .commit("pages");
    let (code, _, err) = site.run(&["mark", "content/en/om.md"]);
    assert_eq!(code, 0, "{err}");
    site.commit("baseline");
    site
}

fn state_of(site: &Site, locale: &str, key: &str) -> String {
    site.state(locale, key)
        .unwrap_or_else(|| panic!("no state for {locale}/{key}"))
}

#[test]
fn marked_translation_is_up_to_date() {
    let site = marked_pair();
    assert_eq!(state_of(&site, "en", "om"), "up-to-date");
    assert!(site.findings("stale").is_empty());
}

#[test]
fn source_edit_makes_translation_stale_with_diff() {
    let site = marked_pair();
    site.write(
        "content/nb/om.md",
        page(
            "Om MinID",
            "",
            "MinID er gratis.\n\nDu kan bruke den fra du fyller 13 år.\n",
        ),
    )
    .commit("edit source");
    assert_eq!(state_of(&site, "en", "om"), "stale");
    let stale = site.findings("stale");
    assert_eq!(stale.len(), 1);
    let finding = &stale[0];
    assert_eq!(finding["path"], "content/en/om.md");
    assert_eq!(finding["source_path"], "content/nb/om.md");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        finding["message"],
        "source changed since this translation was last updated"
    );
    let diff = finding["diff"].as_str().expect("diff");
    assert!(
        diff.starts_with("--- a/content/nb/om.md\n+++ b/content/nb/om.md\n@@"),
        "{diff}"
    );
    assert!(
        diff.contains("\n-Du kan bruke den fra du er 13 år.\n"),
        "{diff}"
    );
    assert!(
        diff.contains("\n+Du kan bruke den fra du fyller 13 år.\n"),
        "{diff}"
    );

    // `tolk diff` shows the same change, plain when not on a terminal.
    let (code, stdout, _) = site.run(&["diff", "content/en/om.md"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("~ Du kan bruke den fra du [-er-]{+fyller+} 13 år."),
        "{stdout}"
    );
    assert!(!stdout.contains('\u{1b}'), "no colour codes when piped");
    let (_, by_key, _) = site.run(&["diff", "om", "--locale", "en"]);
    assert_eq!(by_key, stdout);

    // Marking brings it back up to date.
    let (code, _, _) = site.run(&["mark", "content/en/om.md"]);
    assert_eq!(code, 0);
    assert_eq!(state_of(&site, "en", "om"), "up-to-date");
}

#[test]
fn cosmetic_source_edit_is_not_stale() {
    let site = marked_pair();
    // Re-wrapped lines and a re-indented front matter render the same.
    site.write(
        "content/nb/om.md",
        "---\ntitle:   Om MinID\n---\nMinID er\ngratis.\n\nDu kan bruke den fra du er 13 år.\n",
    )
    .commit("rewrap");
    assert_eq!(state_of(&site, "en", "om"), "up-to-date");
    let (_, stdout, _) = site.run(&["diff", "content/en/om.md"]);
    assert!(stdout.contains("only cosmetically"), "{stdout}");
}

#[test]
fn bullet_style_change_is_cosmetic() {
    let site = Site::new();
    site.git_init()
        .write("content/nb/liste.md", page("Liste", "", "* en\n* to\n"))
        .write("content/en/liste.md", page("List", "", "* one\n* two\n"))
        .commit("pages");
    site.run(&["mark", "content/en/liste.md"]);
    site.commit("baseline");
    site.write("content/nb/liste.md", page("Liste", "", "- en\n- to\n"))
        .commit("bullets");
    assert_eq!(state_of(&site, "en", "liste"), "up-to-date");
}

#[test]
fn missing_baseline_object_gives_stale_without_diff() {
    let site = Site::new();
    site.git_init()
        .write("content/nb/om.md", page("Om", "", "Tekst.\n"))
        .write(
            "content/en/om.md",
            page(
                "About",
                "l10n:\n  source_hash: 1111111111111111111111111111111111111111\n",
                "Text.\n",
            ),
        )
        .commit("pages");
    assert_eq!(state_of(&site, "en", "om"), "stale");
    let finding = &site.findings("stale")[0];
    assert!(finding["diff"].is_null());
    let reason = finding["diff_unavailable"].as_str().expect("reason");
    assert!(reason.contains("1111111111"), "{reason}");
    assert!(
        finding["message"]
            .as_str()
            .unwrap_or_default()
            .contains("diff unavailable")
    );
}

#[test]
fn site_outside_git_gives_stale_without_diff() {
    let site = Site::new();
    site.write("content/nb/om.md", page("Om", "", "Tekst.\n"))
        .write(
            "content/en/om.md",
            page(
                "About",
                "l10n:\n  source_hash: 1111111111111111111111111111111111111111\n",
                "Text.\n",
            ),
        );
    let finding = &site.findings("stale")[0];
    let reason = finding["diff_unavailable"].as_str().expect("reason");
    assert!(reason.contains("not in a git repository"), "{reason}");
}

#[test]
fn shallow_clone_says_so() {
    let origin = marked_pair();
    origin
        .write("content/nb/om.md", page("Om MinID", "", "Helt ny tekst.\n"))
        .commit("rewrite");
    let clone_parent = tempfile::tempdir().expect("tmp");
    let clone = clone_parent.path().join("clone");
    let url = format!("file://{}", origin.root().display());
    let status = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url])
        .arg(&clone)
        .status()
        .expect("git clone");
    assert!(status.success());
    let out = assert_cmd::Command::cargo_bin("tolk")
        .expect("bin")
        .current_dir(&clone)
        .args(["check", "--format", "json", "--fail-on", "never"])
        .output()
        .expect("run");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let stale: Vec<&Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "stale")
        .collect();
    assert_eq!(stale.len(), 1);
    let reason = stale[0]["diff_unavailable"].as_str().expect("reason");
    assert!(reason.contains("shallow"), "{reason}");
}

#[test]
fn every_state_is_reported() {
    let site = marked_pair();
    site.write("content/nb/ny.md", page("Ny side", "", "Tekst.\n"))
        .write("content/nb/gammel.md", page("Gammel", "", "Tekst.\n"))
        .write("content/en/gammel.md", page("Old", "", "Text.\n"))
        .write("content/nb/utkast.md", page("Utkast", "", "Tekst.\n"))
        .write(
            "content/en/utkast.md",
            page("Draft", "draft: true\n", "Text.\n"),
        )
        .write("content/en/foreldrelos.md", page("Orphan", "", "Text.\n"))
        .commit("more");
    assert_eq!(state_of(&site, "en", "om"), "up-to-date");
    assert_eq!(state_of(&site, "en", "ny"), "missing");
    assert_eq!(state_of(&site, "en", "gammel"), "unverified");
    assert_eq!(state_of(&site, "en", "utkast"), "draft");
    assert_eq!(state_of(&site, "en", "foreldrelos"), "orphaned");
    let report = site.check_json();
    let en = &report["summary"]["en"];
    assert_eq!(en["pages"], 4);
    assert_eq!(en["up_to_date"], 1);
    assert_eq!(en["missing"], 1);
    assert_eq!(en["unverified"], 1);
    assert_eq!(en["draft"], 1);
    assert_eq!(en["orphaned"], 1);
    assert_eq!(en["stale"], 0);
    let missing = &site.findings("missing")[0];
    assert_eq!(
        missing["path"], "content/en/ny.md",
        "where the translation belongs"
    );
    assert_eq!(site.findings("draft")[0]["severity"], "info");
}

#[test]
fn translation_key_pairs_different_file_names() {
    let site = Site::new();
    site.write(
        "content/nb/glemt-passord.md",
        page("Glemt passord", "", "Tekst.\n"),
    )
    .write(
        "content/en/forgotten-password.md",
        page(
            "Forgotten password",
            "translation_key: glemt-passord\nurl: /en/forgotten-password/\n",
            "Text.\n",
        ),
    )
    .write(
        "content/en/about.md",
        page("About", "translationKey: om\n", "Text.\n"),
    )
    .write("content/nb/om.md", page("Om", "", "Tekst.\n"));
    assert_eq!(state_of(&site, "en", "glemt-passord"), "unverified");
    assert_eq!(state_of(&site, "en", "om"), "unverified");
    assert!(site.findings("orphaned").is_empty());
}

#[test]
fn suffix_layout_pairs_by_file_name() {
    let site = Site::new();
    site.write("content/om.md", page("Om", "", "Tekst.\n"))
        .write("content/om.en.md", page("About", "", "Text.\n"))
        .write("content/hjelp/_index.md", page("Hjelp", "", "Tekst.\n"))
        .write("content/hjelp/_index.nn.md", page("Hjelp", "", "Tekst.\n"));
    assert_eq!(state_of(&site, "en", "om"), "unverified");
    assert_eq!(state_of(&site, "nn", "hjelp"), "unverified");
    assert_eq!(state_of(&site, "nn", "om"), "missing");
    let missing = site.findings("missing");
    assert!(
        missing.iter().any(|f| f["path"] == "content/om.nn.md"),
        "{missing:?}"
    );
}

#[test]
fn malformed_front_matter_is_a_finding_and_others_are_analysed() {
    let site = Site::new();
    site.write(
        "content/nb/a.md",
        "---\ntitle: ok\nurl: [unclosed\n---\nTekst\n",
    )
    .write("content/nb/b.md", "---\ntitle: never closed\n")
    .write("content/nb/c.md", page("C", "", "Tekst.\n"))
    .write("content/en/c.md", page("C en", "", "Text.\n"));
    let (code, stdout, stderr) = site.run(&["check", "--format", "json"]);
    assert_eq!(code, 1, "errors fail the check: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("json");
    let findings = report["findings"].as_array().expect("findings");
    let fm: Vec<&Value> = findings
        .iter()
        .filter(|f| f["code"] == "front-matter")
        .collect();
    assert_eq!(fm.len(), 2, "{fm:?}");
    assert_eq!(fm[0]["path"], "content/nb/a.md");
    assert_eq!(fm[0]["severity"], "error");
    assert!(
        fm[0]["line"].as_u64().is_some_and(|l| l >= 3),
        "{:?}",
        fm[0]
    );
    assert!(fm[0]["column"].as_u64().is_some());
    assert_eq!(fm[1]["path"], "content/nb/b.md");
    assert!(
        fm[1]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("never closed")
    );
    // The well-formed page is still paired and analysed.
    assert_eq!(state_of(&site, "en", "c"), "unverified");
}

#[test]
fn wrong_field_types_are_findings_with_lines() {
    let site = Site::new();
    site.write(
        "content/nb/a.md",
        "---\ntitle: A\nurl: 5\ndraft: maybe\n---\nTekst\n",
    );
    let fm = site.findings("front-matter");
    assert_eq!(fm.len(), 2, "{fm:?}");
    assert_eq!(fm[0]["line"], 3);
    assert_eq!(fm[1]["line"], 4);
}

#[test]
fn locale_mismatch_is_an_error() {
    let site = Site::new();
    site.write("content/nb/om.md", page("Om", "", "Tekst.\n"))
        .write(
            "content/en/om.md",
            page("About", "url: /about/\n", "Text.\n"),
        );
    let findings = site.findings("locale-mismatch");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["path"], "content/en/om.md");
    assert_eq!(findings[0]["severity"], "error");
    assert_eq!(findings[0]["line"], 3);
    let (code, _, _) = site.run(&["check"]);
    assert_eq!(code, 1);
}

#[test]
fn duplicate_keys_and_urls_are_errors() {
    let site = Site::new();
    site.write("content/nb/a.md", page("A", "", "Tekst.\n"))
        .write(
            "content/nb/b.md",
            page("B", "translation_key: a\nurl: /b/\n", "Tekst.\n"),
        )
        .write("content/nb/c.md", page("C", "url: /A/\n", "Tekst.\n"));
    let keys = site.findings("duplicate-key");
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert_eq!(keys[0]["path"], "content/nb/b.md");
    let urls = site.findings("duplicate-url");
    assert_eq!(
        urls.len(),
        1,
        "URLs differing only in case collide: {urls:?}"
    );
    assert_eq!(urls[0]["path"], "content/nb/c.md");
}

#[test]
fn exit_codes() {
    let site = Site::new();
    site.write("content/nb/om.md", page("Om", "", "Tekst.\n"));
    // Only warnings (missing translations): 0 by default, 1 with --fail-on warning.
    assert_eq!(site.run(&["check"]).0, 0);
    assert_eq!(site.run(&["check", "--fail-on", "warning"]).0, 1);
    assert_eq!(site.run(&["check", "--fail-on", "never"]).0, 0);
    // An error: 1 by default, 0 with never.
    site.write("content/nb/bad.md", "---\ntitle: [\n---\n");
    assert_eq!(site.run(&["check"]).0, 1);
    assert_eq!(site.run(&["check", "--fail-on", "never"]).0, 0);
    // tolk cannot run: 2.
    assert_eq!(site.run(&["check", "--format", "yaml"]).0, 2);
    assert_eq!(site.run(&["check", "--root", "/nonexistent/site"]).0, 2);
    site.write("tolk.yaml", "source_locale: de\n");
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("tolk.yaml") && stderr.contains("`de`"),
        "{stderr}"
    );
}

#[test]
fn missing_content_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("tolk.yaml"), "base_url: https://minid.no\n").expect("write");
    let out = assert_cmd::Command::cargo_bin("tolk")
        .expect("bin")
        .current_dir(dir.path())
        .arg("check")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("content folder") && stderr.contains("does not exist"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{stderr}"
    );
}

#[test]
fn no_site_found_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = assert_cmd::Command::cargo_bin("tolk")
        .expect("bin")
        .current_dir(dir.path())
        .arg("status")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--root"));
}

#[test]
fn root_is_found_from_a_subfolder() {
    let site = Site::new();
    site.write("content/nb/kom-i-gang/a.md", page("A", "", "Tekst.\n"));
    let out = site
        .tolk()
        .current_dir(site.path("content/nb/kom-i-gang"))
        .args(["status", "--format", "json"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["summary"]["en"]["pages"], 1);
}

#[test]
fn invalid_utf8_is_reported_not_fatal() {
    let site = Site::new();
    site.write(
        "content/nb/latin1.md",
        b"---\ntitle: Bl\xe5b\xe6r\n---\nTekst\n",
    )
    .write("content/nb/ok.md", page("OK", "", "Tekst.\n"));
    let (code, stdout, stderr) = site.run(&["check", "--format", "json"]);
    assert_eq!(code, 1, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("json");
    let bad: Vec<&Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "invalid-utf8")
        .collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0]["line"], 2);
    assert!(
        bad[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("offset 13")
    );
    assert_eq!(report["summary"]["en"]["pages"], 2);
}

#[test]
fn bom_and_crlf_pages_are_read() {
    let site = Site::new();
    site.write(
        "content/nb/om.md",
        "\u{feff}---\r\ntitle: Om\r\n---\r\nTekst.\r\n",
    )
    .write(
        "content/en/om.md",
        "---\r\ntitle: About\r\n---\r\nText.\r\n",
    );
    assert!(site.findings("front-matter").is_empty());
    assert_eq!(state_of(&site, "en", "om"), "unverified");
}

#[test]
fn hash_ignores_crlf() {
    let site = marked_pair();
    let source = site.read_string("content/nb/om.md").replace('\n', "\r\n");
    site.write("content/nb/om.md", source);
    assert_eq!(state_of(&site, "en", "om"), "up-to-date");
}

#[test]
fn hash_equals_git_hash_object() {
    let site = marked_pair();
    let blob = site.git(&["hash-object", "content/nb/om.md"]);
    let text = site.read_string("content/en/om.md");
    assert!(
        text.contains(&format!("source_hash: {}", blob.trim())),
        "{text}"
    );
}

#[test]
fn mark_preserves_every_other_byte_of_the_seed_page() {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/about-minid.en.seed.md"
    ))
    .expect("seed");
    let site = Site::new();
    site.git_init()
        .write(
            "content/nb/om-minid.md",
            page("Om MinID", "url: /om-minid/\n", "Tekst.\n"),
        )
        .write("content/en/om-minid.md", &seed)
        .commit("pages");
    // The one-line source has none of the seed's lists and links (`structure-mismatch`), so
    // mark needs --force; what is checked here is the bytes it writes.
    let (code, stdout, stderr) = site.run(&["mark", "--force", "content/en/om-minid.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("marked content/en/om-minid.md"));
    let hash = site.git(&["hash-object", "content/nb/om-minid.md"]);
    let hash = hash.trim();
    // The block goes right before the closing fence; nothing else moves.
    let close = seed
        .match_indices("\n---")
        .next()
        .map(|(i, _)| i + 1)
        .expect("closing fence");
    let expected = format!(
        "{}l10n:\n  source_hash: {hash}\n{}",
        &seed[..close],
        &seed[close..]
    );
    assert_eq!(site.read_string("content/en/om-minid.md"), expected);
    // A second mark with an unchanged source writes nothing.
    let (_, stdout, _) = site.run(&["mark", "--force", "content/en/om-minid.md"]);
    assert!(stdout.contains("already up to date"), "{stdout}");
    assert_eq!(site.read_string("content/en/om-minid.md"), expected);
}

#[test]
fn mark_replaces_only_the_hash_line_and_keeps_crlf() {
    let site = marked_pair();
    let text = "---\r\ntitle: About\r\nl10n:\r\n  source_hash: 2222222222222222222222222222222222222222\r\n  translator: Kari\r\nurl: /en/about/\r\n---\r\nText.\r\n";
    site.write("content/en/om.md", text);
    assert_eq!(site.run(&["mark", "content/en/om.md"]).0, 0);
    let hash = site.git(&["hash-object", "content/nb/om.md"]);
    let expected = text.replace("2222222222222222222222222222222222222222", hash.trim());
    assert_eq!(site.read_string("content/en/om.md"), expected);
}

#[test]
fn mark_refuses_source_pages_and_unknown_files() {
    let site = marked_pair();
    let (code, _, stderr) = site.run(&["mark", "content/nb/om.md"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("source page") && stderr.contains("content/en/om.md"),
        "{stderr}"
    );
    let (code, _, stderr) = site.run(&["mark", "content/en/nope.md"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a page"), "{stderr}");
}

#[test]
fn mark_leaves_no_temporary_files() {
    let site = marked_pair();
    site.write("content/nb/om.md", page("Om MinID", "", "Endret.\n"));
    assert_eq!(site.run(&["mark", "content/en/om.md"]).0, 0);
    let leftovers: Vec<_> = std::fs::read_dir(site.path("content/en"))
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tolk-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn new_scaffolds_a_draft_and_never_overwrites() {
    let site = Site::new();
    site.git_init()
        .write(
            "content/nb/om-minid.md",
            "---\ntitle: Om MinID\ndescription: Hva MinID er.\nurl: /om-minid/\nmenu:\n  main:\n    weight: 20\n---\n## Overskrift\n\nTekst.\n",
        )
        .commit("source");
    let (code, stdout, stderr) = site.run(&["new", "om-minid", "--locale", "nn"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("content/nn/om-minid.md"), "{stdout}");
    let text = site.read_string("content/nn/om-minid.md");
    assert!(text.contains("url: /nn/om-minid/\n"), "{text}");
    assert!(text.contains("draft: true\n"));
    assert!(text.contains("menu:\n  main:\n    weight: 20\n"));
    assert!(text.ends_with("---\n## Overskrift\n\nTekst.\n"), "{text}");
    let hash = site.git(&["hash-object", "content/nb/om-minid.md"]);
    assert!(text.contains(&format!("source_hash: {}", hash.trim())));
    assert_eq!(state_of(&site, "nn", "om-minid"), "draft");

    // A second `new` refuses and leaves the translator's work alone.
    site.write("content/nn/om-minid.md", "mitt arbeid\n");
    let (code, _, stderr) = site.run(&["new", "content/nb/om-minid.md", "--locale", "nn"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(site.read_string("content/nn/om-minid.md"), "mitt arbeid\n");
}

#[test]
fn new_rejects_unknown_locale_and_page() {
    let site = Site::new();
    site.write("content/nb/om.md", page("Om", "", "Tekst.\n"));
    let (code, _, stderr) = site.run(&["new", "om", "--locale", "de"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("`de`"), "{stderr}");
    let (code, _, stderr) = site.run(&["new", "finnes-ikke", "--locale", "en"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("finnes-ikke"), "{stderr}");
}

#[test]
fn json_report_is_deterministic_and_follows_the_spec() {
    let site = marked_pair();
    site.write("content/nb/om.md", page("Om MinID", "", "Ny tekst.\n"))
        .write("content/nb/b.md", page("B", "", "Tekst.\n"))
        .write("content/nb/a.md", page("A", "", "Tekst.\n"))
        .commit("more");
    let first = site.run(&["check", "--format", "json"]);
    let second = site.run(&["check", "--format", "json"]);
    assert_eq!(first.1, second.1, "same input, same bytes");
    let report: Value = serde_json::from_str(&first.1).expect("json");
    assert_eq!(report["version"], 1);
    assert_eq!(report["source_locale"], "nb");
    assert_eq!(report["locales"], serde_json::json!(["nb", "nn", "en"]));
    for locale in ["nn", "en"] {
        let summary = report["summary"][locale].as_object().expect("summary");
        for field in [
            "pages",
            "up_to_date",
            "stale",
            "unverified",
            "missing",
            "orphaned",
            "draft",
        ] {
            assert!(summary[field].is_u64(), "{locale}.{field}");
        }
    }
    let findings = report["findings"].as_array().expect("findings");
    for finding in findings {
        for field in [
            "code",
            "severity",
            "locale",
            "key",
            "path",
            "source_path",
            "line",
            "column",
            "message",
            "diff",
        ] {
            assert!(
                finding.get(field).is_some(),
                "finding lacks `{field}`: {finding}"
            );
        }
    }
    let order: Vec<(String, u64, u64, String)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
                f["code"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "findings sorted by path, line, column, code");
}

#[test]
fn tolk_yaml_locales_are_used() {
    let site = Site::new();
    site.write(
        "tolk.yaml",
        "source_locale: en\nlocales:\n  - { code: en, name: English, prefix: / }\n  - { code: se, name: Davvisámegiella, prefix: /se/, fallback: [en] }\n",
    )
    .write("content/en/about.md", page("About", "", "Text.\n"))
    .write("content/se/about.md", page("Birra", "", "Teaksta.\n"));
    let report = site.check_json();
    assert_eq!(report["locales"], serde_json::json!(["en", "se"]));
    assert_eq!(report["summary"]["se"]["unverified"], 1);
}

#[test]
fn norwegian_alias_folder_is_bokmal_with_a_note() {
    let site = Site::new();
    site.write("content/no/om.md", page("Om", "", "Tekst.\n"))
        .write("content/en/om.md", page("About", "", "Text.\n"));
    let notes = site.findings("locale-alias");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["severity"], "info");
    assert_eq!(state_of(&site, "en", "om"), "unverified");
}

#[test]
fn status_text_shows_locales_and_sections() {
    let site = marked_pair();
    site.write("content/nb/hjelp/_index.md", page("Hjelp", "", "Tekst.\n"));
    let (code, stdout, _) = site.run(&["status"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Translation status (source: nb, 2 pages)"),
        "{stdout}"
    );
    assert!(stdout.contains("en by section"));
    assert!(stdout.contains("hjelp"));
    assert!(!stdout.contains('█'), "no bars when not a terminal");
}
