//! History mode on real git repositories: ancestry rather than order, joint commits, merged
//! branches, skip tokens from the site's own tracker, and renamed sources.
//!
//! Every repository is built here, commit by commit, with one date for all commits: the
//! answers must come from the commit graph, never from dates.

mod common;

use std::collections::BTreeMap;

use common::{Site, page};

/// Source `nb`, translations `en` and `nn`, history mode on.
const YAML: &str = "history: true\n";

/// (locale, key) → state, for the translations that exist.
fn states(site: &Site) -> BTreeMap<(String, String), String> {
    site.status_json()["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .filter(|p| p["state"] != "missing")
        .map(|p| {
            (
                (
                    p["locale"].as_str().unwrap_or_default().to_string(),
                    p["key"].as_str().unwrap_or_default().to_string(),
                ),
                p["state"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn state(site: &Site, locale: &str, key: &str) -> String {
    states(site)
        .get(&(locale.to_string(), key.to_string()))
        .cloned()
        .unwrap_or_else(|| panic!("no state for {locale}/{key}"))
}

fn nb(text: &str) -> String {
    page("Side", "", &format!("{text}\n"))
}

fn en(text: &str) -> String {
    page("Page", "", &format!("{text}\n"))
}

/// A site with `a` in nb, en and nn, created in one commit.
fn site() -> Site {
    let site = Site::new();
    site.git_init();
    site.write("tolk.yaml", YAML)
        .write("content/nb/a.md", nb("Første versjon av teksten."))
        .write("content/en/a.md", en("First version of the text."))
        .write("content/nn/a.md", nb("Første versjonen av teksten."))
        .commit("a in three languages");
    site
}

#[test]
fn created_together_is_up_to_date() {
    let site = site();
    assert_eq!(state(&site, "en", "a"), "up-to-date");
    assert_eq!(state(&site, "nn", "a"), "up-to-date");
}

/// A link fixed in every locale after a source change does not bring the translations up to
/// date: the joint commit changes the source but translates nothing.
#[test]
fn joint_edit_after_a_source_change_is_stale() {
    let site = site();
    site.write(
        "content/nb/a.md",
        nb("Andre versjon av teksten, med mer innhold."),
    )
    .commit("a: more content");
    assert_eq!(state(&site, "en", "a"), "stale");
    let stale = site.findings("stale");
    let message = stale[0]["message"].as_str().expect("message");
    assert!(
        message.contains("after the translation's last translating commit"),
        "{message}"
    );
    site.write(
        "content/nb/a.md",
        nb("Andre versjon av teksten, med mer innhold. [Lenke](https://example.org/ny)"),
    )
    .write(
        "content/en/a.md",
        en("First version of the text. [Link](https://example.org/ny)"),
    )
    .write(
        "content/nn/a.md",
        nb("Første versjonen av teksten. [Lenke](https://example.org/ny)"),
    )
    .commit("Fix the link in every locale");
    assert_eq!(state(&site, "en", "a"), "stale");
    assert_eq!(state(&site, "nn", "a"), "stale");
    // The diff runs from the source the translation was made from.
    let stale = site
        .findings("stale")
        .into_iter()
        .find(|f| f["path"] == "content/en/a.md")
        .expect("stale finding");
    let diff = stale["diff"].as_str().expect("diff");
    assert!(diff.contains("-Første versjon av teksten."), "{diff}");
    // It says why: the joint commit is not taken as a translation.
    let message = stale["message"].as_str().expect("message");
    assert!(
        message.contains("which changed this translation too")
            && message.contains("tolk mark content/en/a.md"),
        "{message}"
    );

    // A translation commit after the joint edit brings the translation up to date.
    site.write(
        "content/en/a.md",
        en("Second version of the text, with more content. [Link](https://example.org/ny)"),
    )
    .commit("en: a translated");
    assert_eq!(state(&site, "en", "a"), "up-to-date");
    assert_eq!(state(&site, "nn", "a"), "stale");
}

/// Two translations changed in one commit, without the source, is also a joint commit.
#[test]
fn two_translations_in_one_commit_do_not_translate() {
    let site = site();
    site.write("content/nb/a.md", nb("Andre versjon av teksten."))
        .commit("a: second version");
    site.write(
        "content/en/a.md",
        en("First version of the text, reformatted."),
    )
    .write(
        "content/nn/a.md",
        nb("Første versjonen av teksten, omformatert."),
    )
    .commit("Reformat the translations");
    assert_eq!(state(&site, "en", "a"), "stale");
    assert_eq!(state(&site, "nn", "a"), "stale");
}

/// A joint commit alone makes the translations stale: it changes the source, and it shows
/// nobody translating that change (it may be a search-and-replace over every locale).
#[test]
fn joint_edit_alone_makes_the_translations_stale() {
    let site = site();
    site.write(
        "content/nb/a.md",
        nb("Første versjon av teksten. [Lenke](https://example.org/ny)"),
    )
    .write(
        "content/en/a.md",
        en("First version of the text. [Link](https://example.org/ny)"),
    )
    .commit("Fix the link in nb and en");
    // The source changed in a commit that is not a translation: stale, by the rule.
    assert_eq!(state(&site, "en", "a"), "stale");
    // nn was not touched: it is stale too (the source changed after it).
    assert_eq!(state(&site, "nn", "a"), "stale");
}

/// The same edits, once in a line and once on branches merged: the same states.
#[test]
fn merged_branches_give_the_answers_of_a_linear_history() {
    // Linear: a translated from the old source, then the source changed; b's source changed,
    // then b translated.
    let linear = two_pages();
    linear
        .write("content/en/a.md", en("A, better English."))
        .commit("en: a polished");
    linear
        .write("content/nb/a.md", nb("A, ny tekst."))
        .commit("nb: a changed");
    linear
        .write("content/nb/b.md", nb("B, ny tekst."))
        .commit("nb: b changed");
    linear
        .write("content/en/b.md", en("B, new text."))
        .commit("en: b translated");
    let expected = states(&linear);
    assert_eq!(expected[&("en".into(), "a".into())], "stale");
    assert_eq!(expected[&("en".into(), "b".into())], "up-to-date");

    // Merged: the a translation on a branch forked before the a source change, merged after
    // it; the b translation on a branch forked after the b source change.
    let merged = two_pages();
    merged.git(&["checkout", "-q", "-b", "translate-a"]);
    merged
        .write("content/en/a.md", en("A, better English."))
        .commit("en: a polished");
    merged.git(&["checkout", "-q", "main"]);
    merged
        .write("content/nb/a.md", nb("A, ny tekst."))
        .commit("nb: a changed");
    merged
        .write("content/nb/b.md", nb("B, ny tekst."))
        .commit("nb: b changed");
    merged.git(&["checkout", "-q", "-b", "translate-b"]);
    merged
        .write("content/en/b.md", en("B, new text."))
        .commit("en: b translated");
    merged.git(&["checkout", "-q", "main"]);
    merged
        .write("content/nb/c.md", nb("C."))
        .commit("nb: c added");
    merged.git(&["merge", "-q", "--no-ff", "-m", "Merge a", "translate-a"]);
    merged.git(&["merge", "-q", "--no-ff", "-m", "Merge b", "translate-b"]);
    let mut got = states(&merged);
    got.remove(&("en".to_string(), "c".to_string()));
    assert_eq!(got, expected);

    // The mirror: the source change on a branch, merged after the translation on main.
    let mirror = two_pages();
    mirror.git(&["checkout", "-q", "-b", "source-a"]);
    mirror
        .write("content/nb/a.md", nb("A, ny tekst."))
        .commit("nb: a changed");
    mirror.git(&["checkout", "-q", "main"]);
    mirror
        .write("content/en/a.md", en("A, better English."))
        .commit("en: a polished");
    mirror.git(&["merge", "-q", "--no-ff", "-m", "Merge a", "source-a"]);
    assert_eq!(state(&mirror, "en", "a"), "stale");
}

/// Pages a and b in nb and en, on branch main.
fn two_pages() -> Site {
    let site = Site::new();
    site.git(&["init", "-q", "-b", "main"]);
    site.write("tolk.yaml", "history: true\nlocales:\n  - { code: nb, name: Bokmål, prefix: / }\n  - { code: en, name: English, prefix: /en/, fallback: [nb] }\n")
        .write("content/nb/a.md", nb("A."))
        .write("content/en/a.md", en("A."))
        .write("content/nb/b.md", nb("B."))
        .write("content/en/b.md", en("B."))
        .commit("a and b");
    site
}

/// Lunaria's keywords, as a Starlight site lists them, in any case, in the subject line.
#[test]
fn skip_tokens_keep_source_commits_from_counting() {
    let tokens = ["lunaria-ignore", "typo", "en-only", "[i18nIgnore]"];
    let messages = [
        "Reword a (lunaria-ignore)",
        "Fix TYPO in a",
        "docs: a is en-only for now",
        "Tweak a [i18nignore]",
    ];
    for (token, message) in tokens.iter().zip(messages) {
        let site = two_pages();
        site.write(
            "tolk.yaml",
            "history: true\nskip_tokens: [\"lunaria-ignore\", \"typo\", \"en-only\", \"[i18nIgnore]\"]\nlocales:\n  - { code: nb, name: Bokmål, prefix: / }\n  - { code: en, name: English, prefix: /en/, fallback: [nb] }\n",
        )
        .commit("config");
        site.write("content/nb/a.md", nb("A, helt ny tekst."))
            .commit(message);
        assert_eq!(state(&site, "en", "a"), "up-to-date", "{token}: {message}");
        // Without the token the same change makes a stale.
        site.write("content/nb/b.md", nb("B, helt ny tekst."))
            .commit("Change b");
        assert_eq!(state(&site, "en", "b"), "stale", "{token}");
    }
    // A token in the body only (a squashed pull request lists its commits there) does not
    // skip the commit: Lunaria matches the subject line.
    let site = two_pages();
    site.write("tolk.yaml", "history: true\nskip_tokens: [typo]\nlocales:\n  - { code: nb, name: Bokmål, prefix: / }\n  - { code: en, name: English, prefix: /en/, fallback: [nb] }\n")
        .commit("config");
    site.write("content/nb/a.md", nb("A, helt ny tekst."))
        .commit("Rewrite a (#12)\n\n* Rewrite a\n* fix typo");
    assert_eq!(state(&site, "en", "a"), "stale");
}

/// `tolk init` on a site tracked by Lunaria copies its ignoreKeywords into `skip_tokens`, and
/// history mode honours them.
#[test]
fn init_writes_skip_tokens_from_lunaria() {
    let site = Site::new();
    site.git_init();
    site.write(
        "lunaria.config.json",
        r#"{
  "$schema": "./node_modules/@lunariajs/core/config.schema.json",
  "defaultLocale": { "label": "Norsk", "lang": "nb" },
  "ignoreKeywords": ["lunaria-ignore", "typo", "en-only", "[i18nIgnore]"]
}
"#,
    )
    .write("content/nb/a.md", nb("Første versjon av teksten."))
    .write("content/nb/b.md", nb("Ei side som ikkje er omsett enno."))
    .write("content/en/a.md", en("First version of the text."))
    .commit("a");
    site.write("content/nb/a.md", nb("Andre versjon av teksten."))
        .commit("a: fix typo");
    let (code, stdout, stderr) = site.run(&["init"]);
    assert_eq!(code, 0, "init failed: {stderr}");
    assert!(stdout.contains("ignoreKeywords"), "{stdout}");
    let yaml = site.read_string("tolk.yaml");
    assert!(yaml.contains("\nhistory: true\n"), "{yaml}");
    assert!(
        yaml.contains(
            "\nskip_tokens: [\"[skip-l10n]\", \"lunaria-ignore\", \"typo\", \"en-only\", \"[i18nIgnore]\"]\n"
        ),
        "{yaml}"
    );
    assert_eq!(state(&site, "en", "a"), "up-to-date");
    site.write("content/nb/a.md", nb("Tredje versjon av teksten."))
        .commit("a: third version");
    assert_eq!(state(&site, "en", "a"), "stale");
}

/// A source renamed in git: the translation left behind is orphaned, and the finding names
/// the source's new path and where the translation belongs.
#[test]
fn orphan_of_a_renamed_source_names_the_new_path() {
    let site = site();
    site.git(&["mv", "content/nb/a.md", "content/nb/b.md"]);
    site.commit("Rename a to b");
    let short = site.git(&["rev-parse", "--short=7", "HEAD"]);
    let orphans = site.findings("orphaned");
    let en = orphans
        .iter()
        .find(|f| f["path"] == "content/en/a.md")
        .expect("en/a.md orphaned");
    let message = en["message"].as_str().unwrap_or_default();
    assert!(
        message.contains(&format!(
            "its source content/nb/a.md was renamed to content/nb/b.md in {}",
            short.trim()
        )),
        "{message}"
    );
    assert!(
        message.contains("move the translation to content/en/b.md"),
        "{message}"
    );
    // A later rename is followed to where the source is now.
    site.git(&["mv", "content/nb/b.md", "content/nb/c.md"]);
    site.commit("Rename b to c");
    let orphans = site.findings("orphaned");
    let message = orphans
        .iter()
        .find(|f| f["path"] == "content/nn/a.md")
        .and_then(|f| f["message"].as_str())
        .unwrap_or_default()
        .to_string();
    assert!(message.contains("and is now content/nb/c.md"), "{message}");
    assert!(
        message.contains("move the translation to content/nn/c.md"),
        "{message}"
    );
}

/// Source and translations renamed together keep their states: a rename is not a change of
/// the source, and history is followed across it.
#[test]
fn renaming_source_and_translations_together_keeps_their_states() {
    let site = site();
    site.write("content/nb/a.md", nb("Andre versjon av teksten."))
        .commit("a: second version");
    site.write("content/en/a.md", en("Second version of the text."))
        .commit("en: a translated");
    for locale in ["nb", "en", "nn"] {
        site.git(&[
            "mv",
            &format!("content/{locale}/a.md"),
            &format!("content/{locale}/b.md"),
        ]);
    }
    site.commit("Rename a to b everywhere");
    assert_eq!(state(&site, "en", "b"), "up-to-date");
    assert_eq!(state(&site, "nn", "b"), "stale");
}
