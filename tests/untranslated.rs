//! Nothing untranslated counts as done: a translation whose text is still its source's is in
//! the `untranslated` state (status, check, JSON), `tolk mark` refuses it (and a translation
//! with findings against the source) unless `--force`, `tolk build` publishes it with a notice
//! or leaves it out; `mark`, `diff` and `new` take the same page arguments.

mod common;

use common::Site;

/// The Bokmål source of `kontakt`: long enough that language identification has work.
const KONTAKT: &str = "---
title: Kontakt brukerstøtten
ingress: Finner du ikke svaret på nettsidene, kan brukerstøtten hjelpe deg med MinID.
description: Slik kontakter du brukerstøtten for MinID, og hva de kan hjelpe deg med.
url: /kontakt/
---
Mange spørsmål er allerede besvart på disse sidene, så se etter svaret her først.

## Når du ringer brukerstøtten

Ha fødselsnummeret ditt klart, og si hvilken tjeneste du prøvde å logge inn på.

- Si hvilken tjeneste du prøvde å logge inn på.
- Fortell hva som skjedde da du prøvde, og hvilken feilmelding du fikk.

Brukerstøtten ber deg aldri om passord eller engangskoder, verken på telefon eller e-post.
";

/// A Nynorsk translation of it.
const KONTAKT_NN: &str = "---
title: Kontakt brukarstøtta
ingress: Finn du ikkje svaret på nettsidene, kan brukarstøtta hjelpe deg med MinID.
description: Slik kontaktar du brukarstøtta for MinID, og kva dei kan hjelpe deg med.
url: /nn/kontakt/
---
Mange spørsmål er alt svara på desse sidene, så sjå etter svaret her først.

## Når du ringjer brukarstøtta

Ha fødselsnummeret ditt klart, og sei kva teneste du prøvde å logge inn på.

- Sei kva teneste du prøvde å logge inn på.
- Fortel kva som skjedde då du prøvde, og kva feilmelding du fekk.

Brukarstøtta ber deg aldri om passord eller eingongskodar, korkje på telefon eller e-post.
";

/// A site with `kontakt` in nb and (optionally) nn, committed, with `extra` in tolk.yaml.
fn site(extra_config: &str, with_nn: bool) -> Site {
    let site = Site::new();
    site.git_init();
    site.write(
        "tolk.yaml",
        format!(
            "source_locale: nb\nlocales:\n  - {{ code: nb, name: Bokmål, prefix: / }}\n  - {{ code: nn, name: Nynorsk, prefix: /nn/, fallback: [nb] }}\n  - {{ code: en, name: English, prefix: /en/, fallback: [nb] }}\n{extra_config}"
        ),
    );
    site.write(
        "content/nb/_index.md",
        "---\ntitle: MinID\nurl: /\n---\nVelkommen.\n",
    );
    site.write("content/nb/kontakt.md", KONTAKT);
    if with_nn {
        site.write("content/nn/kontakt.md", KONTAKT_NN);
    }
    site.commit("pages");
    site
}

/// `tolk new kontakt --locale nn`, then `draft: true` deleted without translating a word.
fn scaffolded(site: &Site) {
    let (code, _, stderr) = site.run(&["new", "kontakt", "--locale", "nn"]);
    assert_eq!(code, 0, "{stderr}");
    let text = site.read_string("content/nn/kontakt.md");
    assert!(text.contains("draft: true\n"), "{text}");
    site.write("content/nn/kontakt.md", text.replace("draft: true\n", ""));
}

fn state(site: &Site, key: &str, locale: &str) -> String {
    site.state(locale, key).unwrap_or_default()
}

#[test]
fn a_scaffold_with_its_draft_line_deleted_is_untranslated_everywhere() {
    let site = site("", false);
    scaffolded(&site);
    assert_eq!(state(&site, "kontakt", "nn"), "untranslated");

    // The status table has a column for it, and it is not coverage.
    let (_, table, _) = site.run(&["status"]);
    assert!(table.contains("untranslated"), "{table}");
    let report = site.check_json();
    assert_eq!(report["summary"]["nn"]["untranslated"], 1, "{report}");
    assert_eq!(report["summary"]["nn"]["up_to_date"], 0, "{report}");
    let findings = site.findings("untranslated");
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["severity"], "warning");
    assert_eq!(findings[0]["path"], "content/nn/kontakt.md");

    // CI formats carry it.
    let (_, markdown, _) = site.run(&["check", "--format", "markdown", "--fail-on", "never"]);
    assert!(markdown.contains("untranslated"), "{markdown}");
    let (_, github, _) = site.run(&["check", "--format", "github", "--fail-on", "never"]);
    assert!(
        github.contains("::warning file=content/nn/kontakt.md,title=tolk untranslated (nn)::"),
        "{github}"
    );
    let (_, junit, _) = site.run(&["check", "--format", "junit", "--fail-on", "never"]);
    assert!(junit.contains("untranslated"), "{junit}");
    let (_, dashboard, _) = site.run(&["status", "--format", "html"]);
    assert!(
        dashboard.contains("<li><i class=\"s-untranslated\"></i>1 untranslated</li>"),
        "the dashboard does not count it"
    );
    assert!(
        dashboard.contains("<span class=\"badge s-untranslated\">untranslated</span> 1 page"),
        "the dashboard does not list it"
    );
    assert!(
        dashboard
            .contains("then <code class=\"cmd\">tolk mark content&#x2f;nn&#x2f;kontakt.md</code>"),
        "the dashboard does not say what to do"
    );

    // `tolk diff` says so.
    let (code, diff, stderr) = site.run(&["diff", "kontakt", "--locale", "nn"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(diff.contains("untranslated"), "{diff}");
}

#[test]
fn a_real_translation_is_up_to_date() {
    let site = site("", true);
    let (code, _, stderr) = site.run(&["mark", "content/nn/kontakt.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(state(&site, "kontakt", "nn"), "up-to-date");
    assert!(site.findings("untranslated").is_empty());
}

#[test]
fn mark_refuses_an_untranslated_page_and_force_records_it() {
    let site = site("", false);
    scaffolded(&site);
    let before = site.read_string("content/nn/kontakt.md");
    let (code, stdout, stderr) = site.run(&["mark", "content/nn/kontakt.md"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(!stdout.contains("already up to date"), "{stdout}");
    assert!(stderr.contains("untranslated"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(site.read_string("content/nn/kontakt.md"), before);

    // The source changes: the baseline is now old, and mark still refuses.
    site.write(
        "content/nb/kontakt.md",
        KONTAKT.replace("først.", "først av alt."),
    );
    let (code, _, stderr) = site.run(&["mark", "content/nn/kontakt.md"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(site.read_string("content/nn/kontakt.md"), before);

    let (code, stdout, stderr) = site.run(&["mark", "--force", "content/nn/kontakt.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("marked content/nn/kontakt.md"), "{stdout}");
    assert!(stdout.contains("forced over: untranslated"), "{stdout}");
    assert_ne!(site.read_string("content/nn/kontakt.md"), before);
    // Marked or not, its text is still the source's.
    assert_eq!(state(&site, "kontakt", "nn"), "untranslated");
}

#[test]
fn mark_refuses_a_stale_page_that_lacks_a_list_item_the_source_gained() {
    let site = site("", true);
    let (code, _, stderr) = site.run(&["mark", "content/nn/kontakt.md"]);
    assert_eq!(code, 0, "{stderr}");
    site.commit("marked");
    site.write(
        "content/nb/kontakt.md",
        KONTAKT.replace(
            "- Fortell hva som skjedde",
            "- Oppgi nummeret du ringer fra.\n- Fortell hva som skjedde",
        ),
    );
    assert_eq!(state(&site, "kontakt", "nn"), "stale");
    let before = site.read_string("content/nn/kontakt.md");
    let (code, _, stderr) = site.run(&["mark", "content/nn/kontakt.md"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("structure-mismatch"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(site.read_string("content/nn/kontakt.md"), before);
    let (code, stdout, stderr) = site.run(&["mark", "--force", "content/nn/kontakt.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("structure-mismatch"), "{stdout}");
}

#[test]
fn build_shows_a_notice_on_an_untranslated_page() {
    let site = site("", false);
    scaffolded(&site);
    let (code, _, stderr) = site.run(&["build", "--out", "public"]);
    assert_eq!(code, 0, "{stderr}");
    let html = site.read_string("public/nn/kontakt/index.html");
    assert!(
        html.contains("ikkje omsett til nynorsk"),
        "no notice in {html}"
    );
    let nb = site.read_string("public/kontakt/index.html");
    assert!(!nb.contains("class=\"notice\" role=\"note\">"), "{nb}");
}

#[test]
fn build_leaves_an_untranslated_page_out_with_omit() {
    let site = site("publish_untranslated: omit\n", false);
    scaffolded(&site);
    let (code, _, stderr) = site.run(&["build", "--out", "public"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!site.path("public/nn/kontakt/index.html").exists());
    let sitemap = site.read_string("public/sitemap.xml");
    assert!(!sitemap.contains("/nn/kontakt/"), "{sitemap}");
    let nb = site.read_string("public/kontakt/index.html");
    assert!(
        !nb.contains("hreflang=\"nn\" href=\"/nn/kontakt/\""),
        "{nb}"
    );
    assert!(!nb.contains("href=\"/nn/kontakt/\""), "{nb}");
}

#[test]
fn a_wrong_locale_lists_the_locales() {
    let site = site("", true);
    for args in [
        vec!["mark", "kontakt", "--locale", "se"],
        vec!["diff", "kontakt", "--locale", "se"],
        vec!["new", "kontakt", "--locale", "se"],
    ] {
        let (code, _, stderr) = site.run(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("nn, en"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_source_path_given_to_mark_is_the_source_page() {
    let site = site("", true);
    let (code, _, stderr) = site.run(&["mark", "content/nb/kontakt.md"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("this is the source page"), "{stderr}");
    assert!(
        stderr.contains("tolk mark content/nn/kontakt.md"),
        "{stderr}"
    );
}

#[test]
fn mark_diff_and_new_take_a_key_a_path_or_the_source_path() {
    let site = site("", true);
    for arg in ["kontakt", "content/nb/kontakt.md", "content/nn/kontakt.md"] {
        let (code, stdout, stderr) = site.run(&["mark", arg, "--locale", "nn"]);
        assert_eq!(code, 0, "mark {arg}: {stderr}");
        assert!(
            stdout.contains("content/nn/kontakt.md"),
            "mark {arg}: {stdout}"
        );
        let (code, stdout, stderr) = site.run(&["diff", arg, "--locale", "nn"]);
        assert_eq!(code, 0, "diff {arg}: {stderr}");
        assert!(
            stdout.contains("content/nn/kontakt.md (nn)"),
            "diff {arg}: {stdout}"
        );
    }
    // `new` takes the key, the source path, or the path the translation is to have.
    for (arg, locale, made) in [
        ("kontakt", Some("en"), "content/en/kontakt.md"),
        ("content/nb/_index.md", Some("en"), "content/en/_index.md"),
        ("content/nn/_index.md", None, "content/nn/_index.md"),
    ] {
        let mut args = vec!["new", arg];
        if let Some(locale) = locale {
            args.extend(["--locale", locale]);
        }
        let (code, stdout, stderr) = site.run(&args);
        assert_eq!(code, 0, "new {arg}: {stderr}");
        assert!(stdout.contains(made), "new {arg}: {stdout}");
        assert!(site.path(made).exists(), "{made}");
    }
}

#[test]
fn messages_name_the_key_field_the_site_uses() {
    let site = site("", true);
    site.write(
        "content/nb/kontakt.md",
        KONTAKT.replace(
            "url: /kontakt/\n",
            "url: /kontakt/\ntranslationKey: kontakt\n",
        ),
    );
    let (code, _, stderr) = site.run(&["diff", "no-such-page"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("`translationKey`"), "{stderr}");
}

/// `tolk serve`'s incremental rebuild turns the notice on and off as a full build would: when
/// the translation is edited, and when its source is.
#[test]
fn serve_follows_the_notice_as_pages_and_sources_change() {
    use tolk::build::incremental::{Outcome, Session};
    let site = site("", false);
    scaffolded(&site);
    let mut session = Session::new(site.root(), None, &site.path("public"));
    session.full().expect("first build");
    let notice = "ikkje omsett til nynorsk";
    let served = |site: &Site| site.read_string("public/nn/kontakt/index.html");
    let full = |site: &Site| {
        let (code, _, stderr) = site.run(&["build", "--out", "full"]);
        assert_eq!(code, 0, "{stderr}");
        site.read_string("full/nn/kontakt/index.html")
    };
    let update = |session: &mut Session| match session.update() {
        Some(Ok(Outcome::Partial(_))) => {}
        other => panic!("expected an incremental rebuild: {other:?}"),
    };
    assert!(served(&site).contains(notice));

    // The source is rewritten: the copy no longer matches it.
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.write(
        "content/nb/kontakt.md",
        KONTAKT_NN.replace("url: /nn/kontakt/", "url: /kontakt/"),
    );
    update(&mut session);
    assert!(!served(&site).contains(notice));
    assert_eq!(served(&site), full(&site));

    // The translation is made a copy of it again.
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.write("content/nn/kontakt.md", KONTAKT_NN);
    update(&mut session);
    assert!(served(&site).contains(notice));
    assert_eq!(served(&site), full(&site));
}

/// Several pages at once: each is judged on its own; one refusal makes the exit code 1.
#[test]
fn mark_judges_each_of_several_pages() {
    let site = site("", true);
    let (code, _, stderr) = site.run(&["new", "kontakt", "--locale", "en"]);
    assert_eq!(code, 0, "{stderr}");
    let en = site
        .read_string("content/en/kontakt.md")
        .replace("draft: true\n", "");
    let en = en.replace("source_hash", "old_hash");
    site.write("content/en/kontakt.md", &en);
    let (code, stdout, stderr) =
        site.run(&["mark", "content/en/kontakt.md", "content/nn/kontakt.md"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stdout.contains("marked content/nn/kontakt.md"), "{stdout}");
    assert!(
        stderr.contains("not marking content/en/kontakt.md"),
        "{stderr}"
    );
    assert_eq!(site.read_string("content/en/kontakt.md"), en);
    assert_eq!(state(&site, "kontakt", "nn"), "up-to-date");
    assert_eq!(state(&site, "kontakt", "en"), "untranslated");
}

/// A Japanese page whose component titles are product names (the same in every language) and
/// whose descriptions are translated is a translation: Japanese, written without spaces, is
/// weighed by its characters, not as one word a run.
#[test]
fn a_japanese_page_with_untranslated_product_names_is_translated() {
    let site = Site::new();
    site.git_init();
    site.write(
        "tolk.yaml",
        "source_locale: en\nlocales:\n  - { code: en, name: English, prefix: / }\n  - { code: ja, name: 日本語, prefix: /ja/, fallback: [en] }\n",
    );
    let card = |title: &str, description: &str| {
        format!(
            "\t<LinkCard\n\t\thref=\"https://example.org/\"\n\t\ttitle=\"{title}\"\n\t\tdescription=\"{description}\"\n\t/>\n"
        )
    };
    let names: Vec<String> = (1..=20)
        .map(|i| format!("starlight-plugin-number-{i}"))
        .collect();
    let mut en = String::from(
        "---\ntitle: Plugins\ndescription: Extend Starlight with plugins.\n---\nimport { CardGrid, LinkCard } from '@astrojs/starlight/components';\n\n## Community plugins\n\n<CardGrid>\n",
    );
    let mut ja = String::from(
        "---\ntitle: プラグイン\ndescription: プラグインでStarlightを拡張しましょう。\n---\nimport { CardGrid, LinkCard } from '@astrojs/starlight/components';\n\n## コミュニティ製プラグイン\n\n<CardGrid>\n",
    );
    for name in &names {
        en.push_str(&card(
            name,
            "Generate pages from your code with this plugin.",
        ));
        ja.push_str(&card(
            name,
            "このプラグインでコードからページを生成します。",
        ));
    }
    en.push_str("</CardGrid>\n");
    ja.push_str("</CardGrid>\n");
    site.write("content/en/_index.md", "---\ntitle: Home\n---\nWelcome.\n");
    site.write(
        "content/ja/_index.md",
        "---\ntitle: ホーム\n---\nようこそ。\n",
    );
    site.write("content/en/plugins.mdx", en);
    site.write("content/ja/plugins.mdx", ja);
    site.commit("pages");
    assert_eq!(state(&site, "plugins", "ja"), "unverified");
}
