//! tolk on existing sites: their layouts, their baselines, their git history.
//!
//! Each fixture is a site with a convention of its own, generated here as a real git
//! repository with history. Every test asserts the state of every page, once with a tolk.yaml
//! written by hand and once with the one `tolk init` writes.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Site, page};
use serde_json::Value;

/// (locale, key) → state, for every pair `tolk status` reports.
type States = BTreeMap<(String, String), String>;

fn states(site: &Site) -> States {
    let (code, stdout, stderr) = site.run(&["status", "--format", "json"]);
    assert_eq!(code, 0, "status failed: {stderr}");
    states_of(&stdout)
}

fn states_of(json: &str) -> States {
    let report: Value = serde_json::from_str(json).expect("json");
    report["pages"]
        .as_array()
        .expect("pages")
        .iter()
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

fn expect(list: &[(&str, &str, &str)]) -> States {
    list.iter()
        .map(|(l, k, s)| ((l.to_string(), k.to_string()), s.to_string()))
        .collect()
}

/// The finding of `code` for `path`.
fn finding(site: &Site, code: &str, path: &str) -> Value {
    site.findings(code)
        .into_iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("no `{code}` finding for {path}"))
}

/// `tolk init` in the site; returns its report and the tolk.yaml it wrote.
fn init(site: &Site, args: &[&str]) -> (String, String) {
    let mut full = vec!["init"];
    full.extend_from_slice(args);
    let (code, stdout, stderr) = site.run(&full);
    assert_eq!(code, 0, "init failed: {stderr}");
    (stdout, site.read_string("tolk.yaml"))
}

/// Removes the hand-written tolk.yaml a fixture was built with, so that `tolk init` writes its own.
fn forget_config(site: &Site) {
    std::fs::remove_file(site.path("tolk.yaml")).expect("tolk.yaml");
}

fn mark(site: &Site, path: &str) {
    let (code, _, stderr) = site.run(&["mark", path]);
    assert_eq!(code, 0, "mark {path}: {stderr}");
}

// Texts long enough for language identification to recognise them.
const NB_1: &str = "MinID er en personlig elektronisk ID som gir deg tilgang til offentlige tjenester på nett. Du trenger fødselsnummer, passord og en kode som du får på mobilen din.\n";
const NB_2: &str = "Har du glemt passordet ditt, kan du lage et nytt selv. Du må da bekrefte hvem du er med en kode som blir sendt til mobilen eller e-posten din.\n";
const NB_3: &str = "Kontaktregisteret inneholder telefonnummeret og e-postadressen din, slik at offentlige virksomheter kan sende deg varsler og viktige meldinger.\n";
const EN_1: &str = "MinID is a personal electronic ID that gives you access to public services online. You need your national identity number, a password and a code sent to your mobile.\n";
// Nynorsk translations of NB_1 and NB_2 (a copy of the Bokmål text would be `untranslated`).
const NN_1: &str = "MinID er ein personleg elektronisk ID som gir deg tilgang til offentlege tenester på nett. Du treng fødselsnummer, passord og ein kode som du får på mobilen din.\n";
const NN_2: &str = "Har du gløymt passordet ditt, kan du lage eit nytt sjølv. Du må då stadfeste kven du er med ein kode som blir send til mobilen eller e-posten din.\n";
const EN_2: &str = "If you have forgotten your password, you can make a new one yourself. You confirm who you are with a code sent to your mobile or your e-mail.\n";

// ---------------------------------------------------------------------------------------------
// Locale folder at the content root, source at the root (Starlight's convention).

/// `docs/` holds the English source at its root and `docs/nb/` the Bokmål translations.
fn starlight_site() -> Site {
    let site = Site::new();
    site.git_init()
        .write("tolk.yaml", STARLIGHT_YAML)
        .write("docs/index.md", page("Welcome", "", EN_1))
        .write("docs/guide/start.md", page("Getting started", "", EN_2))
        .write("docs/guide/advanced.md", page("Advanced", "", EN_1))
        .write("docs/nb/index.md", page("Velkommen", "", NB_1))
        .write("docs/nb/guide/start.md", page("Kom i gang", "", NB_2))
        .write("docs/nb/gammel.md", page("Gammel side", "", NB_3))
        .commit("Docs in English and Norwegian");
    site
}

fn starlight_marked(site: &Site) {
    mark(site, "docs/nb/index.md");
    mark(site, "docs/nb/guide/start.md");
    site.commit("Record baselines");
    site.write(
        "docs/guide/start.md",
        page(
            "Getting started",
            "",
            &EN_2.replace("yourself", "in the app"),
        ),
    )
    .commit("Start: the app can change the password");
}

fn starlight_expected() -> States {
    expect(&[
        ("nb", "", "up-to-date"),
        ("nb", "guide/start", "stale"),
        ("nb", "guide/advanced", "missing"),
        ("nb", "gammel", "orphaned"),
    ])
}

const STARLIGHT_YAML: &str = "content_dir: docs\nlayout: folder\nsource_locale: en\nlocales:\n  - { code: en, name: English, prefix: / }\n  - { code: nb, name: Norsk bokmål, prefix: /nb/, fallback: [en] }\n";

#[test]
fn folder_layout_with_the_source_at_the_root() {
    let site = starlight_site();
    starlight_marked(&site);
    assert_eq!(states(&site), starlight_expected());
    let missing = finding(&site, "missing", "docs/nb/guide/advanced.md");
    assert_eq!(missing["source_path"], "docs/guide/advanced.md");
    let stale = finding(&site, "stale", "docs/nb/guide/start.md");
    assert!(
        stale["diff"]
            .as_str()
            .unwrap_or_default()
            .contains("+If you have forgotten your password, you can make a new one in the app."),
        "{stale}"
    );
    // `tolk new` puts a translation where the layout wants it.
    let (code, stdout, stderr) = site.run(&["new", "guide/advanced", "--locale", "nb"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("docs/nb/guide/advanced.md"), "{stdout}");
}

#[test]
fn init_on_the_starlight_site() {
    let site = starlight_site();
    starlight_marked(&site);
    forget_config(&site);
    let (report, yaml) = init(&site, &[]);
    assert!(
        report.contains("content:   docs/ (6 pages: .md 6)"),
        "{report}"
    );
    assert!(
        report.contains("layout:    folder (nb/gammel.md beside ")
            || report.contains("layout:    folder ("),
        "{report}"
    );
    assert!(
        report.contains("locales:   en (source, 3 pages), nb (3 pages)"),
        "{report}"
    );
    assert!(report.contains("language identification"), "{report}");
    assert!(
        report.contains("baselines: 2 l10n.source_hash, 1 none"),
        "{report}"
    );
    assert!(report.contains("history:   on"), "{report}");
    assert!(yaml.contains("content_dir: docs\n"), "{yaml}");
    assert!(yaml.contains("layout: folder\n"), "{yaml}");
    assert!(yaml.contains("source_locale: \"en\"\n"), "{yaml}");
    assert!(yaml.contains("history: true\n"), "{yaml}");
    // History mode also judges the orphan-free pages without baselines: none here but the
    // orphan, so the states are those of the hand-written configuration.
    assert_eq!(states(&site), starlight_expected());
}

// ---------------------------------------------------------------------------------------------
// Locale folder at any depth, MDX, aliases, a `lang:` field.

fn any_depth_site() -> Site {
    let site = Site::new();
    let mdx_source = format!(
        "---\ntitle: Introduksjon\n---\nimport Note from '@site/Note';\n\n# Introduksjon\n\n<Note type=\"info\">\n\n{NB_1}\n</Note>\n"
    );
    let mdx_translation = format!(
        "---\ntitle: Introduction\n---\nimport Note from '@site/Note';\n\n# Introduction\n\n<Note type=\"info\">\n\n{EN_1}\n</Note>\n"
    );
    site.git_init()
        .write("tolk.yaml", ANY_DEPTH_YAML)
        .write("docs/intro/no/page.mdx", &mdx_source)
        .write("docs/intro/en/page.mdx", &mdx_translation)
        .write("docs/intro/no/setup.md", page("Oppsett", "", NB_2))
        .write("docs/intro/en/setup.md", page("Setup", "", EN_2))
        .write("docs/guide/no/usage.markdown", page("Bruk", "", NB_3))
        .write("docs/guide/no/extra.md", page("Ekstra", "", NB_1))
        .write(
            "docs/guide/no/extra-en.md",
            page("Extra", "lang: en\ntranslationKey: guide/extra\n", EN_1),
        )
        .commit("Docs");
    mark(&site, "docs/intro/en/page.mdx");
    mark(&site, "docs/intro/en/setup.md");
    mark(&site, "docs/guide/no/extra-en.md");
    site.commit("Baselines");
    // Only a JSX prop changes in the MDX source: not a content change.
    site.write(
        "docs/intro/no/page.mdx",
        mdx_source.replace("type=\"info\"", "type=\"tip\""),
    )
    .write("docs/intro/no/setup.md", page("Oppsett", "", NB_3))
    .commit("Change the note's look; rewrite setup");
    site
}

const ANY_DEPTH_YAML: &str = "content_dir: docs\nlayout: folder-any-depth\naliases: { NO: nb }\nlocales:\n  - { code: nb, name: Norsk bokmål, prefix: / }\n  - { code: en, name: English, prefix: /en/, fallback: [nb] }\n";

fn any_depth_expected() -> States {
    expect(&[
        ("en", "intro/page", "up-to-date"),
        ("en", "intro/setup", "stale"),
        ("en", "guide/usage", "missing"),
        ("en", "guide/extra", "up-to-date"),
    ])
}

#[test]
fn folder_at_any_depth_with_mdx_aliases_and_a_lang_field() {
    let site = any_depth_site();
    assert_eq!(states(&site), any_depth_expected());
    let missing = finding(&site, "missing", "docs/guide/en/usage.markdown");
    assert_eq!(missing["source_path"], "docs/guide/no/usage.markdown");
    // A configured alias is intended: no `locale-alias` note.
    assert!(site.findings("locale-alias").is_empty());
    // The lang field overrides the `no` folder, and says nothing against it.
    assert!(site.findings("locale-mismatch").is_empty());
    let (_, diff, _) = site.run(&["diff", "docs/intro/en/page.mdx"]);
    assert!(diff.contains("only cosmetically"), "{diff}");
}

#[test]
fn init_on_the_any_depth_site() {
    let site = any_depth_site();
    forget_config(&site);
    let (report, yaml) = init(&site, &[]);
    assert!(
        report.contains("(7 pages: .markdown 1, .md 4, .mdx 2)"),
        "{report}"
    );
    assert!(report.contains("layout:    folder-any-depth ("), "{report}");
    assert!(
        report.contains("locales:   no (source, 4 pages), en (3 pages)"),
        "{report}"
    );
    assert!(report.contains("fields:    1 page name"), "{report}");
    assert!(yaml.contains("layout: folder-any-depth\n"), "{yaml}");
    assert!(
        yaml.contains("# history: true      (every translation records a baseline)"),
        "{yaml}"
    );
    assert_eq!(states(&site), any_depth_expected());
}

// ---------------------------------------------------------------------------------------------
// File-name suffix (Hugo's translation by file name), `_index` and `index`, `Program.cs.md`.

fn suffix_site() -> Site {
    let site = Site::new();
    site.git_init()
        .write("tolk.yaml", "layout: suffix\n")
        .write("content/om.md", page("Om MinID", "", NB_1))
        .write("content/om.en.md", page("About MinID", "", EN_1))
        .write("content/hjelp/_index.md", page("Hjelp", "", NB_2))
        .write("content/hjelp/_index.nn.md", page("Hjelp", "", NN_2))
        .write("content/hjelp/passord/index.md", page("Passord", "", NB_2))
        .write(
            "content/hjelp/passord/index.en.md",
            page("Password", "", EN_2),
        )
        .write("content/kode/Program.cs.md", page("Program.cs", "", NB_3))
        .commit("Site");
    mark(&site, "content/om.en.md");
    mark(&site, "content/hjelp/_index.nn.md");
    site.commit("Baselines");
    site.write("content/hjelp/_index.md", page("Hjelp", "", NB_3))
        .commit("Help: about the contact register");
    site
}

fn suffix_expected() -> States {
    expect(&[
        ("en", "om", "up-to-date"),
        ("en", "hjelp", "missing"),
        ("en", "hjelp/passord", "unverified"),
        ("en", "kode/Program.cs", "missing"),
        ("nn", "om", "missing"),
        ("nn", "hjelp", "stale"),
        ("nn", "hjelp/passord", "missing"),
        ("nn", "kode/Program.cs", "missing"),
    ])
}

#[test]
fn suffix_layout_with_index_files_and_program_cs() {
    let site = suffix_site();
    assert_eq!(states(&site), suffix_expected());
    finding(&site, "missing", "content/kode/Program.cs.en.md");
    finding(&site, "missing", "content/hjelp/_index.en.md");
    finding(&site, "missing", "content/hjelp/passord/index.nn.md");
}

#[test]
fn init_on_the_suffix_site() {
    let site = suffix_site();
    forget_config(&site);
    let (report, yaml) = init(&site, &[]);
    assert!(report.contains("layout:    suffix ("), "{report}");
    assert!(
        report.contains("locales:   nb (source, 4 pages), en (2 pages), nn (1 page)"),
        "{report}"
    );
    assert!(yaml.contains("layout: suffix\n"), "{yaml}");
    assert!(yaml.contains("source_locale: \"nb\"\n"), "{yaml}");
    // One translation has no baseline, so history mode is on and judges it: its source has not
    // changed since it was committed.
    assert!(yaml.contains("history: true\n"), "{yaml}");
    let mut expected = suffix_expected();
    expected.insert(("en".into(), "hjelp/passord".into()), "up-to-date".into());
    assert_eq!(states(&site), expected);
}

// ---------------------------------------------------------------------------------------------
// Suffix joined by an underscore.

fn underscore_site() -> Site {
    let site = Site::new();
    site.git_init()
        .write("tolk.yaml", "layout: underscore\n")
        .write("content/kurs/lesson.md", page("Leksjon", "", NB_1))
        .write("content/kurs/lesson_nn.md", page("Leksjon", "", NN_1))
        .write("content/kurs/lesson_en.md", page("Lesson", "", EN_1))
        .write(
            "content/kurs/getting_started.md",
            page("Kom i gang", "", NB_2),
        )
        .commit("Course");
    mark(&site, "content/kurs/lesson_nn.md");
    mark(&site, "content/kurs/lesson_en.md");
    site.commit("Baselines");
    site.write(
        "content/kurs/lesson.md",
        page("Leksjon", "", &format!("{NB_1}\n{NB_3}")),
    )
    .commit("Lesson: the contact register");
    site
}

fn underscore_expected() -> States {
    expect(&[
        ("en", "kurs/lesson", "stale"),
        ("en", "kurs/getting_started", "missing"),
        ("nn", "kurs/lesson", "stale"),
        ("nn", "kurs/getting_started", "missing"),
    ])
}

#[test]
fn underscore_suffix_layout() {
    let site = underscore_site();
    assert_eq!(states(&site), underscore_expected());
    finding(&site, "missing", "content/kurs/getting_started_nn.md");
}

#[test]
fn init_on_the_underscore_site() {
    let site = underscore_site();
    forget_config(&site);
    let (report, yaml) = init(&site, &[]);
    assert!(
        report.contains("layout:    underscore (kurs/lesson_en.md beside kurs/lesson_nn.md)"),
        "{report}"
    );
    assert!(yaml.contains("layout: underscore\n"), "{yaml}");
    assert_eq!(states(&site), underscore_expected());
}

// ---------------------------------------------------------------------------------------------
// Baselines as commit ids (MDN's `l10n.sourceCommit`).

fn mdn_site() -> (Site, String) {
    let site = Site::new();
    site.git_init()
        .write("files/en-us/web/a.md", page("A", "", EN_1))
        .write("files/en-us/web/b.md", page("B", "", EN_2))
        .write(
            "files/en-us/web/c.md",
            page("C", "", "One line\nwrapped.\n"),
        )
        .write("files/en-us/web/d.md", page("D", "", EN_1))
        .commit("English pages");
    let first = site.git(&["rev-parse", "HEAD"]).trim().to_string();
    let with_commit = |title: &str, commit: &str, body: &str| {
        page(title, &format!("l10n:\n  sourceCommit: {commit}\n"), body)
    };
    site.write(
        "files/en-us/web/b.md",
        page("B", "", &EN_2.replace("yourself", "in the app")),
    )
    .write("files/en-us/web/c.md", page("C", "", "One line wrapped.\n"))
    .commit("b: the app; c: rewrap");
    let second = site.git(&["rev-parse", "HEAD"]).trim().to_string();
    site.write("files/nb/web/a.md", with_commit("A", &second, NB_1))
        .write("files/nb/web/b.md", with_commit("B", &first, NB_2))
        .write("files/nb/web/c.md", with_commit("C", &first, "Én linje.\n"))
        .write(
            "files/nb/web/d.md",
            with_commit("D", "0123456789abcdef0123456789abcdef01234567", NB_1),
        )
        .commit("Norwegian translations");
    (site, first)
}

fn mdn_expected() -> States {
    expect(&[
        ("nb", "web/a", "up-to-date"),
        ("nb", "web/b", "stale"),
        ("nb", "web/c", "up-to-date"),
        ("nb", "web/d", "stale"),
    ])
}

#[test]
fn commit_baselines_as_mdn_writes_them() {
    let (site, first) = mdn_site();
    site.write(
        "tolk.yaml",
        "content_dir: files\nlayout: folder\nsource_locale: en-US\nsource_commit_key: l10n.sourceCommit\nlocales:\n  - { code: en-US, name: English, prefix: / }\n  - { code: nb, name: Norsk bokmål, prefix: /nb/, fallback: [en-US] }\n",
    );
    assert_eq!(states(&site), mdn_expected());
    let b = finding(&site, "stale", "files/nb/web/b.md");
    let diff = b["diff"].as_str().expect("diff from git");
    assert!(
        diff.contains("+If you have forgotten your password, you can make a new one in the app."),
        "{diff}"
    );
    let blob = site.git(&["rev-parse", &format!("{first}:files/en-us/web/b.md")]);
    assert_eq!(
        b["baseline"],
        blob.trim(),
        "the baseline is the source at that commit"
    );
    let d = finding(&site, "stale", "files/nb/web/d.md");
    assert!(d["diff"].is_null());
    assert!(
        d["message"]
            .as_str()
            .unwrap_or_default()
            .contains("diff unavailable: commit not in this clone"),
        "{d}"
    );
    let (_, text, _) = site.run(&["diff", "files/nb/web/c.md"]);
    assert!(text.contains("only cosmetically"), "{text}");
}

#[test]
fn init_on_the_mdn_site() {
    let (site, _) = mdn_site();
    assert_eq!(
        site.run(&["init"]).0,
        2,
        "no content/ or docs/: init asks for the folder"
    );
    let (report, yaml) = init(&site, &["--content-dir", "files"]);
    assert!(
        report.contains("locales:   en-us (source, 4 pages), nb (4 pages)"),
        "{report}"
    );
    assert!(
        report.contains("baselines: 0 l10n.source_hash, 4 l10n.sourceCommit (commit), 0 none"),
        "{report}"
    );
    assert!(
        yaml.contains("source_commit_key: l10n.sourceCommit\n"),
        "{yaml}"
    );
    assert_eq!(states(&site), mdn_expected());
}

// ---------------------------------------------------------------------------------------------
// A Hugo site whose configuration names its languages but not their folders (OpenTelemetry's:
// its module mounts are rendered from a template at build time), with the English commit each
// translation was made from under `default_lang_commit`, written short or whole.

fn otel_site() -> Site {
    let site = Site::new();
    site.git_init()
        .write(
            "config/_default/hugo.yaml",
            "baseURL: https://example.org\ndefaultContentLanguage: en\nlanguages:\n  en:\n    label: English\n  ja:\n    label: 日本語\n  zh:\n    label: 中文\n",
        )
        .write("content/en/docs/a.md", page("A", "", EN_1))
        .write("content/en/docs/b.md", page("B", "", EN_2))
        .commit("English pages");
    let first = site.git(&["rev-parse", "HEAD"]).trim().to_string();
    site.write(
        "content/en/docs/b.md",
        page("B", "", &EN_2.replace("yourself", "in the app")),
    )
    .commit("b: the app");
    let second = site
        .git(&["rev-parse", "--short", "HEAD"])
        .trim()
        .to_string();
    let made_from = |title: &str, commit: &str| {
        page(
            title,
            &format!("default_lang_commit: {commit}\n"),
            "MinID は公共サービスにログインするための電子 ID です。\n",
        )
    };
    site.write("content/ja/docs/a.md", made_from("A", &second))
        .write("content/ja/docs/b.md", made_from("B", &first))
        .write("content/zh/docs/b.md", made_from("B", &second))
        .commit("Translations");
    site
}

#[test]
fn init_on_a_hugo_site_with_a_folder_per_language_and_no_content_dirs() {
    let site = otel_site();
    let (report, yaml) = init(&site, &[]);
    assert!(report.contains("layout:    folder"), "{report}");
    assert!(
        report.contains("locales:   en (source, 2 pages), ja (2 pages), zh (1 page)"),
        "{report}"
    );
    assert!(
        report.contains("baselines: 0 l10n.source_hash, 3 default_lang_commit (commit), 0 none"),
        "{report}"
    );
    assert!(
        yaml.contains("source_commit_key: default_lang_commit\n"),
        "{yaml}"
    );
    assert_eq!(
        states(&site),
        expect(&[
            ("ja", "docs/a", "up-to-date"),
            ("ja", "docs/b", "stale"),
            ("zh", "docs/a", "missing"),
            ("zh", "docs/b", "up-to-date"),
        ])
    );
}

#[test]
fn hugo_content_mounts_for_one_language_each_give_the_folders() {
    let site = otel_site();
    // The folders are named otherwise than the languages: only the mounts tell which is which.
    for (from, to) in [("en", "english"), ("ja", "japanese"), ("zh", "chinese")] {
        std::fs::rename(
            site.path(&format!("content/{from}")),
            site.path(&format!("content/{to}")),
        )
        .expect("rename");
    }
    site.write(
        "config/_default/module.yaml",
        "mounts:\n  - source: content/english\n    target: content\n  - source: content/japanese\n    target: content\n    sites:\n      matrix: { languages: [ja] }\n  - source: content/chinese\n    target: content\n    lang: zh\n",
    );
    let (report, _) = init(&site, &[]);
    assert!(
        report.contains("locales:   en (source, 2 pages), ja (2 pages), zh (1 page)"),
        "{report}"
    );
    assert_eq!(
        states(&site)[&("ja".to_string(), "docs/b".to_string())],
        "stale"
    );
}

// ---------------------------------------------------------------------------------------------
// History mode: translations without any baseline, judged by git history.

const HISTORY_YAML: &str = "history: true\nskip_token: \"[skip-l10n]\"\n";

/// Five source pages with English translations, none with a baseline, and then: a content
/// change (a), a cosmetic change (b), a content change marked [skip-l10n] (c), a content change
/// followed by an update of the translation (d), a missing translation (e), and a translation
/// not committed yet (f).
fn history_site() -> Site {
    let site = Site::new();
    site.git_init();
    for (key, nb, en) in [
        ("a", NB_1, EN_1),
        (
            "b",
            "Første linje\nog andre linje.\n",
            "First line\nand second line.\n",
        ),
        ("c", NB_2, EN_2),
        ("d", NB_3, EN_1),
    ] {
        site.write(&format!("content/nb/{key}.md"), page(key, "", nb))
            .write(&format!("content/en/{key}.md"), page(key, "", en));
    }
    site.write("content/nb/e.md", page("e", "", NB_1))
        .write("content/nb/f.md", page("f", "", NB_1))
        .commit("Pages and translations");
    site.write(
        "content/nb/a.md",
        page(
            "a",
            "",
            &NB_1.replace("mobilen din", "mobilen eller e-posten din"),
        ),
    )
    .commit("a: codes by e-mail too");
    site.write(
        "content/nb/b.md",
        page("b", "", "Første linje og andre linje.\n"),
    )
    .commit("b: rewrap");
    site.write(
        "content/nb/c.md",
        page("c", "", &NB_2.replace("selv", "selv, når som helst")),
    )
    .commit("c: wording [skip-l10n]");
    site.write(
        "content/nb/d.md",
        page("d", "", &NB_3.replace("varsler", "varsler og brev")),
    )
    .commit("d: letters");
    site.write(
        "content/en/d.md",
        page("d", "", &EN_1.replace("ID", "ID (updated)")),
    )
    .commit("d: translation updated");
    site.write("content/en/f.md", page("f", "", EN_1));
    site
}

fn history_expected() -> States {
    expect(&[
        ("en", "a", "stale"),
        ("en", "b", "up-to-date"),
        ("en", "c", "up-to-date"),
        ("en", "d", "up-to-date"),
        ("en", "e", "missing"),
        ("en", "f", "unverified"),
        ("nn", "a", "missing"),
        ("nn", "b", "missing"),
        ("nn", "c", "missing"),
        ("nn", "d", "missing"),
        ("nn", "e", "missing"),
        ("nn", "f", "missing"),
    ])
}

#[test]
fn history_mode_judges_translations_without_baselines() {
    let site = history_site();
    // Without history mode they are unverified.
    let before = states(&site);
    assert_eq!(before[&("en".to_string(), "a".to_string())], "unverified");
    site.write("tolk.yaml", HISTORY_YAML);
    assert_eq!(states(&site), history_expected());
    let a = finding(&site, "stale", "content/en/a.md");
    let diff = a["diff"]
        .as_str()
        .expect("diff since the translation's last commit");
    assert!(diff.contains("-MinID er en personlig"), "{diff}");
    assert!(diff.contains("+MinID er en personlig"), "{diff}");
    assert!(diff.contains("mobilen eller e-posten din"), "{diff}");
    let f = finding(&site, "unverified", "content/en/f.md");
    assert!(
        f["message"]
            .as_str()
            .unwrap_or_default()
            .contains("not committed yet"),
        "{f}"
    );
    // The skip token is what keeps c up to date.
    site.write("tolk.yaml", "history: true\n");
    assert_eq!(states(&site)[&("en".to_string(), "c".to_string())], "stale");
}

#[test]
fn uncommitted_source_change_counts_in_history_mode() {
    let site = history_site();
    site.write("tolk.yaml", HISTORY_YAML);
    site.write("content/nb/b.md", page("b", "", "Helt ny tekst.\n"));
    assert_eq!(states(&site)[&("en".to_string(), "b".to_string())], "stale");
}

#[test]
fn mark_from_history_writes_the_baselines_history_implies() {
    let site = history_site();
    site.write("tolk.yaml", HISTORY_YAML);
    let (code, stdout, stderr) = site.run(&["mark", "--from-history"]);
    assert_eq!(code, 2, "f is not committed: {stdout}");
    assert!(
        stderr.contains("content/en/f.md") && stderr.contains("not committed"),
        "{stderr}"
    );
    for key in ["a", "b", "c", "d"] {
        assert!(
            stdout.contains(&format!("marked content/en/{key}.md")),
            "{stdout}"
        );
    }
    // The baseline of a is the source as it was at the translation's last commit.
    let first = site.git(&["rev-list", "--max-parents=0", "HEAD"]);
    let old = site.git(&["rev-parse", &format!("{}:content/nb/a.md", first.trim())]);
    let text = site.read_string("content/en/a.md");
    assert!(
        text.contains(&format!("l10n:\n  source_hash: {}\n", old.trim())),
        "{text}"
    );
    assert!(text.ends_with(EN_1), "the body is untouched");
    // With the baselines recorded, the ordinary rule gives the states history mode gave, even
    // without history mode.
    site.write("tolk.yaml", "");
    let mut expected = history_expected();
    expected.insert(("en".into(), "f".into()), "unverified".into());
    assert_eq!(states(&site), expected);
    let (_, again, _) = site.run(&["mark", "--from-history", "content/en/a.md"]);
    assert!(again.contains("already records a baseline"), "{again}");
}

#[test]
fn init_on_the_history_site() {
    let site = history_site();
    let (report, yaml) = init(&site, &[]);
    assert!(report.contains("layout:    folder ("), "{report}");
    assert!(
        report.contains("locales:   nb (source, 6 pages), en (5 pages)"),
        "{report}"
    );
    assert!(
        report.contains("baselines: 0 l10n.source_hash, 5 none"),
        "{report}"
    );
    assert!(
        report.contains("git:       repository, 6 commits"),
        "{report}"
    );
    assert!(yaml.contains("\nhistory: true\n"), "{yaml}");
    assert!(
        yaml.contains("\nskip_tokens: [\"[skip-l10n]\"]\n"),
        "{yaml}"
    );
    let mut expected = history_expected();
    // init configures the locales it found: no `nn`.
    expected.retain(|(locale, _), _| locale == "en");
    assert_eq!(states(&site), expected);
    // It never overwrites.
    let (code, _, stderr) = site.run(&["init"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("never overwrites"), "{stderr}");
    assert_eq!(site.read_string("tolk.yaml"), yaml);
}

// ---------------------------------------------------------------------------------------------
// Shallow and partial clones.

fn clone(origin: &Site, args: &[&str]) -> tempfile::TempDir {
    let parent = tempfile::tempdir().expect("tmp");
    let url = format!("file://{}", origin.root().display());
    let out = std::process::Command::new("git")
        .args([
            "clone",
            "-q",
            "--upload-pack",
            "git -c uploadpack.allowFilter=true upload-pack",
        ])
        .args(args)
        .arg(&url)
        .arg(parent.path().join("clone"))
        .output()
        .expect("git clone");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    parent
}

fn tolk_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let run = common::Run::from(common::tolk_in(dir).args(args).output().expect("run"));
    (run.code, run.stdout)
}

fn findings_in(dir: &Path) -> Vec<Value> {
    let (_, stdout) = tolk_in(dir, &["check", "--format", "json", "--fail-on", "never"]);
    let report: Value = serde_json::from_str(&stdout).expect("json");
    report["findings"].as_array().cloned().unwrap_or_default()
}

#[test]
fn shallow_clones_say_what_history_cannot_tell() {
    let site = Site::new();
    site.git_init()
        .write("README.md", "Nettstedet.\n")
        .commit("Start")
        .write("tolk.yaml", HISTORY_YAML)
        .write("content/nb/x.md", page("x", "", NB_1))
        .write("content/en/x.md", page("x", "", EN_1))
        .write("content/nb/y.md", page("y", "", NB_2))
        .write("content/en/y.md", page("y", "", EN_2))
        .commit("Pages")
        .write("content/nb/x.md", page("x", "", NB_3))
        .commit("x: rewritten");
    let full = states(&site);
    assert_eq!(full[&("en".to_string(), "x".to_string())], "stale");
    assert_eq!(full[&("en".to_string(), "y".to_string())], "up-to-date");

    // Depth 2: the translations' commit is the shallow boundary; x's source changed after it.
    let two = clone(&site, &["--depth", "2"]);
    let dir = two.path().join("clone");
    let (code, stdout) = tolk_in(&dir, &["status", "--format", "json"]);
    assert_eq!(code, 0);
    let shallow = states_of(&stdout);
    assert_eq!(shallow[&("en".to_string(), "x".to_string())], "stale");
    assert_eq!(shallow[&("en".to_string(), "y".to_string())], "unverified");
    let findings = findings_in(&dir);
    let x = findings
        .iter()
        .find(|f| f["path"] == "content/en/x.md")
        .expect("x");
    assert!(
        x["message"]
            .as_str()
            .unwrap_or_default()
            .contains("shallow"),
        "{x}"
    );
    let y = findings
        .iter()
        .find(|f| f["path"] == "content/en/y.md")
        .expect("y");
    assert!(
        y["message"]
            .as_str()
            .unwrap_or_default()
            .contains("git fetch --unshallow"),
        "{y}"
    );

    // Depth 1: history cannot tell anything, and says so.
    let one = clone(&site, &["--depth", "1"]);
    let (code, stdout) = tolk_in(&one.path().join("clone"), &["status", "--format", "json"]);
    assert_eq!(code, 0);
    let states = states_of(&stdout);
    assert_eq!(states[&("en".to_string(), "x".to_string())], "unverified");
    assert_eq!(states[&("en".to_string(), "y".to_string())], "unverified");
}

#[test]
fn commit_baseline_beyond_a_shallow_clone() {
    let (site, _) = mdn_site();
    site.write(
        "tolk.yaml",
        "content_dir: files\nlayout: folder\nsource_locale: en-US\nsource_commit_key: l10n.sourceCommit\nlocales:\n  - { code: en-US, name: English, prefix: / }\n  - { code: nb, name: Norsk bokmål, prefix: /nb/, fallback: [en-US] }\n",
    )
    .commit("tolk.yaml");
    let shallow = clone(&site, &["--depth", "1"]);
    let findings = findings_in(&shallow.path().join("clone"));
    let b = findings
        .iter()
        .find(|f| f["path"] == "files/nb/web/b.md")
        .expect("b");
    assert_eq!(b["code"], "stale");
    let message = b["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("commit not in this clone") && message.contains("--unshallow"),
        "{message}"
    );
}

#[test]
fn partial_clone_reports_missing_objects_and_does_not_fail() {
    let site = history_site();
    site.write("tolk.yaml", HISTORY_YAML)
        .commit("tolk.yaml [skip-l10n]");
    let partial = clone(&site, &["--filter=blob:none"]);
    let dir = partial.path().join("clone");
    let (code, stdout) = tolk_in(&dir, &["status", "--format", "json"]);
    assert_eq!(code, 0);
    let states = states_of(&stdout);
    // The blobs of old versions are not here: a's change shows as stale without a diff; b's
    // rewrap cannot be shown cosmetic and counts, conservatively.
    assert_eq!(states[&("en".to_string(), "a".to_string())], "stale");
    assert_eq!(states[&("en".to_string(), "b".to_string())], "stale");
    assert_eq!(states[&("en".to_string(), "c".to_string())], "up-to-date");
    assert_eq!(states[&("en".to_string(), "d".to_string())], "up-to-date");
    let findings = findings_in(&dir);
    let a = findings
        .iter()
        .find(|f| f["path"] == "content/en/a.md")
        .expect("a");
    assert!(a["diff"].is_null(), "{a}");
    let message = a["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("diff unavailable") && message.contains("partial clone"),
        "{a}"
    );
}

// ---------------------------------------------------------------------------------------------
// A Hugo site: languages, defaultContentLanguage and contentDir from hugo.toml.

fn hugo_site() -> Site {
    let site = Site::new();
    site.git_init()
        .write(
            "hugo.toml",
            "baseURL = 'https://example.org/'\ndefaultContentLanguage = 'nb'\n\n[languages.nb]\nweight = 1\nlanguageName = 'Norsk'\ncontentDir = 'content/nb'\n\n[languages.en]\nweight = 2\nlanguageName = 'English'\ncontentDir = 'content/english'\n",
        )
        .write("content/nb/om-minid.md", page("Om MinID", "", NB_1))
        .write(
            "content/english/about-minid.md",
            page("About MinID", "translationKey: om-minid\n", EN_1),
        )
        .write("content/nb/glemt-passord.md", page("Glemt passord", "", NB_2))
        .write("content/nb/kontakt.md", page("Kontakt", "", NB_3))
        .write("content/english/contact.md", page("Contact", "translationKey: kontakt\n", EN_1))
        .commit("Hugo site");
    mark(&site, "content/english/about-minid.md");
    site.commit("Baseline");
    site
}

fn hugo_expected() -> States {
    expect(&[
        ("en", "om-minid", "up-to-date"),
        ("en", "glemt-passord", "missing"),
        ("en", "kontakt", "unverified"),
    ])
}

#[test]
fn hugo_configuration_is_read() {
    let site = hugo_site();
    assert_eq!(states(&site), hugo_expected());
    let report = site.check_json();
    assert_eq!(report["locales"], serde_json::json!(["nb", "en"]));
    finding(&site, "missing", "content/english/glemt-passord.md");
    // tolk.yaml wins where it says something.
    site.write("tolk.yaml", "history: true\n");
    let mut expected = hugo_expected();
    expected.insert(("en".into(), "kontakt".into()), "up-to-date".into());
    assert_eq!(states(&site), expected);
}

#[test]
fn init_on_the_hugo_site() {
    let site = hugo_site();
    let (report, yaml) = init(&site, &[]);
    assert!(
        report.contains("site configuration: hugo.toml (Hugo)"),
        "{report}"
    );
    assert!(
        report.contains("content:   content/ (5 pages: .md 5)"),
        "{report}"
    );
    assert!(
        report.contains("locales:   nb (source, 3 pages), en (2 pages)"),
        "{report}"
    );
    assert!(yaml.contains("are read\n# from hugo.toml"), "{yaml}");
    assert!(
        !yaml.contains("\nlocales:"),
        "Hugo's languages are not repeated: {yaml}"
    );
    assert!(yaml.contains("history: true\n"), "{yaml}");
    let mut expected = hugo_expected();
    expected.insert(("en".into(), "kontakt".into()), "up-to-date".into());
    assert_eq!(states(&site), expected);
}

#[test]
fn hugo_translation_by_file_name() {
    let site = Site::new();
    site.write(
        "hugo.yaml",
        "defaultContentLanguage: en\nlanguages:\n  en: { weight: 1 }\n  de: { weight: 2 }\n",
    )
    .write("content/about.md", page("About", "", EN_1))
    .write("content/about.de.md", page("Über", "", "Text.\n"))
    .write("content/posts/_index.md", page("Posts", "", EN_2));
    assert_eq!(
        states(&site),
        expect(&[("de", "about", "unverified"), ("de", "posts", "missing")])
    );
    finding(&site, "missing", "content/posts/_index.de.md");
}
