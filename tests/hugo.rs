//! Hugo sites as Hugo reads them, through the real binary on generated fixtures: front matter in
//! YAML with any key case and blank lines before it, in TOML and in JSON; shortcodes; the
//! site's title, base URL and params from its Hugo configuration; no other site's name.

mod common;

use common::Site;

/// A Hugo configuration: English the default language at `/`, Norwegian at `/nb/`.
const HUGO_TOML: &str = r#"baseURL = "https://docs.example.org/"
title = "Examplery"
defaultContentLanguage = "en"

[params]
github_repo = "https://example.org/code"

[languages.en]
languageName = "English"
weight = 1
contentDir = "content/en"

[languages.nb]
languageName = "Norsk"
weight = 2
contentDir = "content/nb"
"#;

fn hugo_site() -> Site {
    let site = Site::new();
    site.write("hugo.toml", HUGO_TOML)
        .write(
            "content/en/_index.md",
            "---\ntitle: Examplery docs\n---\nWelcome to the docs.\n",
        )
        .write(
            "content/nb/_index.md",
            "---\ntitle: Examplery-dokumentasjon\n---\nVelkommen til dokumentasjonen.\n",
        );
    site
}

fn build(site: &Site) -> (String, String) {
    let (code, stdout, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "build failed:\n{stdout}\n{stderr}");
    (stdout, stderr)
}

/// The state of `path`'s page in the JSON report of `tolk check` (`None` when it has none).
fn state_of(site: &Site, path: &str) -> Vec<String> {
    let report = site.check_json();
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["path"] == path)
        .map(|f| f["code"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn keys_are_read_without_case_and_after_blank_lines() {
    let site = hugo_site();
    site.write(
        "content/en/about.md",
        "---\nTitle: About us\nDescription: Who we are.\n---\nWe make examples.\n",
    )
    .write(
        "content/nb/om.md",
        "\n\n---\nTitle: Om oss\nTranslationKey: about\nDraft: false\n---\nVi lager eksempler.\n",
    );
    let codes = state_of(&site, "content/nb/om.md");
    assert!(!codes.contains(&"orphaned".to_string()), "{codes:?}");
    assert!(codes.contains(&"unverified".to_string()), "{codes:?}");
    assert!(site.findings("front-matter").is_empty());
    build(&site);
    let about = site.read_public("about/index.html");
    assert!(about.contains("<h1>About us</h1>"), "{about}");
    assert!(about.contains(r#"<meta name="description" content="Who we are.">"#));
    // The translation key pairs them: the switcher leads from one to the other.
    let switcher = &about[about.find("language-switcher").expect("switcher")..];
    let at = switcher.find(r#"hreflang="nb""#).expect("a link to nb");
    let href = switcher[..at].rsplit("href=\"").next().expect("href");
    let url = href.split('"').next().expect("url");
    assert!(url.starts_with("/nb/") && !url.contains('#'), "{url}");
    let om = site.read_public(&format!("{}index.html", url.trim_start_matches('/')));
    assert!(om.contains("<h1>Om oss</h1>"), "{om}");
    assert!(
        !om.contains("Title:"),
        "front matter leaked into the body: {om}"
    );
}

#[test]
fn toml_and_json_front_matter_are_read() {
    let site = hugo_site();
    site.write(
        "content/en/guide.md",
        "+++\ntitle = \"Guide\"\ndate = 2024-05-01\n[menu.main]\nweight = 10\n+++\nRead the guide.\n",
    )
    .write(
        "content/en/faq.md",
        "{\n  \"title\": \"Questions\",\n  \"description\": \"Often asked.\"\n}\nAsk away.\n",
    )
    .write(
        "content/nb/guide.md",
        "+++\ntitle = \"Veiledning\"\ndraft = true\n+++\nLes veiledningen.\n",
    )
    .write(
        "content/nb/faq.md",
        "{\n  \"title\": \"Spørsmål\"\n}\nSpør i vei.\n",
    );
    assert!(site.findings("front-matter").is_empty());
    assert!(state_of(&site, "content/nb/guide.md").contains(&"draft".to_string()));
    assert!(state_of(&site, "content/nb/faq.md").contains(&"unverified".to_string()));
    build(&site);
    let guide = site.read_public("guide/index.html");
    assert!(guide.contains("<h1>Guide</h1>"), "{guide}");
    assert!(
        !guide.contains("+++") && !guide.contains("title ="),
        "{guide}"
    );
    assert!(
        guide.contains(r#"<nav class="main-menu""#),
        "the menu entry is read"
    );
    let faq = site.read_public("nb/faq/index.html");
    assert!(faq.contains("<h1>Spørsmål</h1>"), "{faq}");
    assert!(!faq.contains("\"title\""), "{faq}");
    assert!(
        !site.path("public/nb/guide").exists(),
        "a draft was published"
    );
}

#[test]
fn mark_writes_an_l10n_table_into_toml_front_matter() {
    let site = hugo_site();
    site.write(
        "content/en/guide.md",
        "+++\ntitle = \"Guide\"\n+++\nRead the guide.\n",
    )
    .write(
        "content/nb/guide.md",
        "+++\ntitle = \"Veiledning\"\n[menu.main]\nweight = 3\n+++\nLes veiledningen.\n",
    );
    let (code, _, stderr) = site.run(&["mark", "content/nb/guide.md"]);
    assert_eq!(code, 0, "{stderr}");
    let text = site.read_string("content/nb/guide.md");
    assert!(
        text.starts_with(
            "+++\ntitle = \"Veiledning\"\n[menu.main]\nweight = 3\n[l10n]\nsource_hash = \""
        ),
        "{text}"
    );
    assert!(text.ends_with("\"\n+++\nLes veiledningen.\n"), "{text}");
    let codes = state_of(&site, "content/nb/guide.md");
    assert!(!codes.contains(&"unverified".to_string()), "{codes:?}");
    assert!(site.findings("front-matter").is_empty());
}

#[test]
fn malformed_toml_is_a_finding_with_its_line() {
    let site = hugo_site();
    site.write(
        "content/en/broken.md",
        "+++\ntitle = \"Broken\"\ndraft = not a value\n+++\nText.\n",
    )
    .write("content/en/fine.md", "+++\ntitle = \"Fine\"\n+++\nText.\n");
    let found = site.findings("front-matter");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["path"], "content/en/broken.md");
    assert_eq!(found[0]["line"], 3);
    assert!(
        found[0]["message"].as_str().unwrap_or("").contains("TOML"),
        "{found:#?}"
    );
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn shortcodes_are_not_printed_and_are_reported() {
    let site = hugo_site();
    site.write(
        "content/en/guide.md",
        "---\ntitle: Guide\n---\nSee the [home page]({{< ref \"/_index.md\" >}}) and \
         [the code]({{% param github_repo %}}).\n\n\
         {{% alert title=\"Careful\" color=\"warning\" %}}\nMind the **gap**.\n{{% /alert %}}\n\n\
         {{< figure src=\"a.png\" >}}\n\nShown as written: `{{</* alert */>}}`.\n",
    );
    let (_, stderr) = build(&site);
    let guide = site.read_public("guide/index.html");
    let body = &guide[guide.find("<div class=\"body\">").expect("body")..];
    assert!(!body.contains("{{%") && !body.contains("%}}"), "{body}");
    assert!(!body.contains("figure"), "{body}");
    assert!(
        body.contains("<strong>gap</strong>"),
        "the inner Markdown is rendered: {body}"
    );
    assert!(body.contains(r#"<a href="/">home page</a>"#), "{body}");
    assert!(
        body.contains(r#"<a href="https://example.org/code">the code</a>"#),
        "{body}"
    );
    assert!(body.contains("<code>{{&lt; alert &gt;}}</code>"), "{body}");
    assert!(
        stderr.contains("content/en/guide.md:6: Hugo shortcode `alert` is not supported"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/en/guide.md:10: Hugo shortcode `figure` is not supported"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("`ref`") && !stderr.contains("`param`"),
        "{stderr}"
    );
}

/// The state of the translation `key` in `locale`, from `tolk status --format json`.
fn status_of(site: &Site, locale: &str, key: &str) -> String {
    let (code, stdout, stderr) = site.run(&["status", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    report["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .find(|p| p["locale"] == locale && p["key"] == key)
        .map(|p| p["state"].as_str().unwrap_or_default().to_string())
        .unwrap_or_else(|| panic!("no state for {locale}/{key} in {stdout}"))
}

#[test]
fn shortcodes_are_not_compared_as_text() {
    let site = hugo_site();
    let cover = "{{< blocks/cover title=\"Welcome to Examplery documentation pages\" image_anchor=\"top\" height=\"full\" >}}";
    site.git_init()
        .write(
            "content/en/start.md",
            format!(
                "---\ntitle: Start\n---\n{cover}\n\nThe examples start here.\n\n{{{{< figure src=\"a.png\" >}}}}\n"
            ),
        )
        .write(
            "content/nb/start.md",
            format!("---\ntitle: Startside\n---\n{cover}\n\nEksemplene starter her.\n"),
        )
        .commit("pages");
    let found = site.findings("untranslated-text");
    assert!(found.is_empty(), "{found:#?}");
    let (code, _, stderr) = site.run(&["mark", "content/nb/start.md"]);
    assert_eq!(code, 0, "{stderr}");
    site.commit("baseline");
    // A tag written more tightly is the same shortcode: a cosmetic change.
    site.write(
        "content/en/start.md",
        format!(
            "---\ntitle: Start\n---\n{cover}\n\nThe examples start here.\n\n{{{{<figure  src=\"a.png\">}}}}\n"
        ),
    )
    .commit("respaced");
    assert_eq!(status_of(&site, "nb", "start"), "up-to-date");
    // Another argument is a change.
    site.write(
        "content/en/start.md",
        format!(
            "---\ntitle: Start\n---\n{cover}\n\nThe examples start here.\n\n{{{{< figure src=\"b.png\" >}}}}\n"
        ),
    )
    .commit("new image");
    assert_eq!(status_of(&site, "nb", "start"), "stale");
}

#[test]
fn the_site_title_and_base_url_come_from_the_hugo_configuration() {
    let site = hugo_site();
    site.write("content/en/about.md", "---\ntitle: About\n---\nText.\n");
    let (_, stderr) = build(&site);
    let about = site.read_public("about/index.html");
    assert!(
        about.contains("<title>About – Examplery</title>"),
        "{about}"
    );
    assert!(
        about.contains(r#"<span class="brand-name">Examplery</span>"#),
        "{about}"
    );
    assert!(
        about.contains(r#"<link rel="canonical" href="https://docs.example.org/about/">"#),
        "{about}"
    );
    assert!(!stderr.contains("base_url"), "{stderr}");
    let sitemap = site.read_string("public/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://docs.example.org/about/</loc>"),
        "{sitemap}"
    );
    // tolk.yaml wins over the Hugo configuration.
    site.write(
        "tolk.yaml",
        "title: Other name\nbase_url: https://other.example\n",
    );
    build(&site);
    let about = site.read_public("about/index.html");
    assert!(
        about.contains("<title>About – Other name</title>"),
        "{about}"
    );
    assert!(about.contains("https://other.example/about/"), "{about}");
}

#[test]
fn no_other_site_is_named() {
    let site = hugo_site();
    site.write("content/en/about.md", "---\ntitle: About\n---\nText.\n");
    let (stdout, stderr) = build(&site);
    for (rel, text) in [
        ("about/index.html", site.read_public("about/index.html")),
        ("index.html", site.read_public("index.html")),
        ("nb/index.html", site.read_public("nb/index.html")),
        ("404.html", site.read_public("404.html")),
        ("stdout", stdout),
        ("stderr", stderr),
    ] {
        assert!(!text.contains("MinID"), "{rel} names MinID:\n{text}");
        assert!(!text.contains("Digdir"), "{rel} names Digdir:\n{text}");
    }
    let (code, help, _) = site.run(&["--help"]);
    assert_eq!(code, 0);
    assert!(!help.to_lowercase().contains("minid"), "{help}");
    let (_, check, _) = site.run(&["check", "--fail-on", "never"]);
    assert!(!check.contains("MinID"), "{check}");
}

#[test]
fn new_scaffolds_a_translation_of_a_toml_page() {
    let site = hugo_site();
    site.write(
        "content/en/guide.md",
        "+++\ntitle = \"Guide\"\n[menu.main]\nweight = 3\n+++\nRead the guide.\n",
    );
    let (code, _, stderr) = site.run(&["new", "content/en/guide.md", "--locale", "nb"]);
    assert_eq!(code, 0, "{stderr}");
    let text = site.read_string("content/nb/guide.md");
    assert!(text.starts_with("---\n"), "{text}");
    assert!(
        text.contains("title: Guide\n") && text.contains("draft: true\n"),
        "{text}"
    );
    assert!(text.ends_with("---\nRead the guide.\n"), "{text}");
    assert!(!text.contains("+++"), "{text}");
    assert!(site.findings("front-matter").is_empty());
    assert!(state_of(&site, "content/nb/guide.md").contains(&"draft".to_string()));
}

/// Asserts that the built page at `rel` (below public/) holds `text`.
fn assert_built(site: &Site, rel: &str, text: &str) {
    let html = site.read_public(rel);
    assert!(html.contains(text), "{rel} lacks {text:?}:\n{html}");
}

/// A Hugo site whose pages pair by `translationKey` while their paths differ by language.
fn paired_by_key() -> Site {
    let site = hugo_site();
    site.write(
        "content/en/docs/getting-started.md",
        "---\ntitle: Getting started\ntranslationKey: start\n---\nSee [the install guide](/docs/install-guide/).\n",
    )
    .write(
        "content/nb/dokumenter/kom-i-gang.md",
        "---\ntitle: Kom i gang\ntranslationKey: start\n---\nSe [installasjonen](/nb/dokumenter/installer/).\n",
    )
    .write(
        "content/en/docs/Install.md",
        "---\ntitle: Install\ntranslationKey: install\nslug: install-guide\n---\nInstall it.\n",
    )
    .write(
        "content/nb/dokumenter/installer.md",
        "---\ntitle: Installer\ntranslationKey: install\n---\nInstaller det.\n",
    );
    site
}

#[test]
fn a_page_is_published_at_its_path_whatever_its_translation_key() {
    let site = paired_by_key();
    assert!(
        site.findings("broken-link").is_empty(),
        "{:#?}",
        site.all_findings()
    );
    build(&site);
    // Hugo's URLs: the content path (lowercased, `slug` for the file name), not the key.
    assert_built(&site, "docs/getting-started/index.html", "Getting started");
    assert_built(&site, "nb/dokumenter/kom-i-gang/index.html", "Kom i gang");
    assert_built(&site, "docs/install-guide/index.html", "Install it.");
    assert_built(
        &site,
        "nb/dokumenter/installer/index.html",
        "Installer det.",
    );
    // Still one pair per key: the switcher of each page leads to the other's URL.
    let en = site.read_public("docs/getting-started/index.html");
    assert!(en.contains("/nb/dokumenter/kom-i-gang/"), "{en}");
    assert!(!site.root().join("public/start").exists());
}

#[test]
fn urls_key_in_tolk_yaml_keeps_the_translation_key_rule() {
    let site = paired_by_key();
    site.write("tolk.yaml", "urls: key\n");
    build(&site);
    assert_built(&site, "start/index.html", "Getting started");
    assert_built(&site, "nb/start/index.html", "Kom i gang");
}

#[test]
fn a_language_written_right_to_left_is_built_so() {
    let site = Site::new();
    site.write(
        "hugo.yaml",
        "defaultContentLanguage: en\nlanguages:\n  en:\n    label: English\n    weight: 1\n    contentDir: content/en\n  fa:\n    label: فارسی\n    weight: 2\n    contentDir: content/fa\n    direction: rtl\n  he:\n    weight: 3\n    contentDir: content/he\n    languageDirection: RTL\n",
    )
    .write("content/en/_index.md", "---\ntitle: Docs\n---\nWelcome.\n")
    .write("content/fa/_index.md", "---\ntitle: اسناد\n---\nخوش آمدید.\n")
    .write("content/he/_index.md", "---\ntitle: תיעוד\n---\nברוכים הבאים.\n");
    build(&site);
    let fa = site.read_public("fa/index.html");
    assert!(fa.contains(r#"<html lang="fa" dir="rtl">"#), "{fa}");
    // Hugo's older key, any case.
    let he = site.read_public("he/index.html");
    assert!(he.contains(r#"<html lang="he" dir="rtl">"#), "{he}");
    let en = site.read_public("index.html");
    assert!(en.contains(r#"<html lang="en">"#), "{en}");
}

#[test]
fn permalinks_place_a_sections_pages_as_hugo_does() {
    let site = hugo_site();
    site.write(
        "hugo.toml",
        format!(
            "{HUGO_TOML}\n[permalinks]\nblog = \"/:section/:year/:month/:day/:slugorcontentbasename\"\n\n[permalinks.page]\nnews = \"/:sections/:title/\"\n"
        ),
    )
    .write(
        "content/en/blog/releases/second-post.md",
        "---\ntitle: Second post\ndate: 2026-01-06\ntranslationKey: second\n---\nRead [the first](/blog/2025/12/24/hello/) and [the news](/news/big-news-today/).\n",
    )
    .write(
        "content/nb/blog/releases/andre-innlegg.md",
        "---\ntitle: Andre innlegg\ndate: 2026-01-06T10:00:00+01:00\ntranslationKey: second\n---\nLes [det første](/nb/blog/2025/12/24/hello/).\n",
    )
    .write(
        "content/en/blog/first.md",
        "---\ntitle: First\ndate: 2025-12-24\nslug: Hello\n---\nHello.\n",
    )
    .write(
        "content/en/news/today.md",
        "---\ntitle: Big news, today!\n---\nNews.\n",
    )
    .write(
        "content/en/docs/guide.md",
        "---\ntitle: Guide\ndate: 2024-01-01\n---\nA guide.\n",
    );
    assert!(
        site.findings("broken-link").is_empty(),
        "{:#?}",
        site.all_findings()
    );
    build(&site);
    assert_built(
        &site,
        "blog/2026/01/06/second-post/index.html",
        "Second post",
    );
    assert_built(
        &site,
        "nb/blog/2026/01/06/andre-innlegg/index.html",
        "Andre innlegg",
    );
    assert_built(&site, "blog/2025/12/24/hello/index.html", "Hello.");
    assert_built(&site, "news/big-news-today/index.html", "News.");
    // A section without a pattern keeps its path.
    assert_built(&site, "docs/guide/index.html", "A guide.");
}

#[test]
fn a_page_bundle_takes_its_sections_permalink_and_its_slug() {
    let site = hugo_site();
    site.write(
        "hugo.toml",
        format!("{HUGO_TOML}\n[permalinks]\nblog = \"/:section/:year/:slugorcontentbasename/\"\n"),
    )
    .write(
        "content/en/blog/launch/index.md",
        "---\ntitle: Launch\ndate: 2026-02-10\n---\nLaunched.\n",
    )
    .write(
        "content/en/docs/setup/index.md",
        "---\ntitle: Setup\nslug: Install\n---\nSet up.\n",
    )
    .write(
        "content/en/blog/_index.md",
        "---\ntitle: Blog\n---\nPosts.\n",
    );
    build(&site);
    assert_built(&site, "blog/2026/launch/index.html", "Launched.");
    assert_built(&site, "docs/install/index.html", "Set up.");
    // The section's list page stays at its path.
    assert_built(&site, "blog/index.html", "Posts.");
}

#[test]
fn links_are_localized_where_the_sites_link_hook_looks_pages_up() {
    let site = hugo_site();
    site.write(
        "content/en/docs/setup.md",
        "---\ntitle: Setup\n---\nSet it up.\n",
    )
    .write(
        "content/nb/docs/setup.md",
        "---\ntitle: Oppsett\n---\nSett det opp.\n",
    )
    .write(
        "content/nb/docs/start.md",
        "---\ntitle: Start\n---\nLes [oppsettet](/docs/setup/) først.\n",
    )
    .write(
        "content/en/docs/start.md",
        "---\ntitle: Start\n---\nRead [the setup](/docs/setup/) first.\n",
    );
    let unlocalized = |site: &Site| site.findings("unlocalized-link").len();
    assert_eq!(
        unlocalized(&site),
        1,
        "without a hook the link leads to English"
    );
    site.write(
        "layouts/_markup/render-link.html",
        "{{- partial \"hooks/render-link.html\" (dict \"ctx\" .) -}}\n",
    )
    .write(
        "layouts/_partials/hooks/render-link.html",
        "{{ with .ctx.PageInner.GetPage .ctx.Destination }}<a href=\"{{ .RelPermalink }}\">{{ end }}\n",
    );
    assert_eq!(
        unlocalized(&site),
        0,
        "the hook renders the link to the Norwegian page"
    );
    site.write("tolk.yaml", "localized_links: false\n");
    assert_eq!(unlocalized(&site), 1, "tolk.yaml has the last word");
}

/// A Hugo site with snippets that shortcodes include: a site `cascade` leaves every
/// `_includes` folder unrendered, a section's front matter its `partials` pages, a headless
/// bundle and a `build` option the pages themselves; a redirect page keeps its URL
/// (`render: link`); a page under a cascade says it is rendered.
fn snippet_site() -> Site {
    let site = Site::new();
    site.git_init()
        .write(
            "hugo.yaml",
            "defaultContentLanguage: en\nlanguages:\n  en: {contentDir: content/en}\n  nb: {contentDir: content/nb}\n\
             cascade:\n  - build: {list: never, render: never}\n    target: {path: '{,/**}/_includes{,/**}'}\n",
        )
        .write("content/en/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
        .write("content/nb/_index.md", "---\ntitle: Hjem\n---\nVelkommen.\n")
        .write(
            "content/en/docs/_includes/intro.md",
            "Send telemetry to [the collector](/docs/collector/).\n",
        )
        .write(
            "content/en/docs/guide/_index.md",
            "---\ntitle: Guide\ncascade:\n  build: {render: never}\n  target: {path: '/docs/guide/partials/**'}\n---\nThe guide.\n",
        )
        .write("content/en/docs/guide/partials/step.md", "One step.\n")
        .write(
            "content/en/docs/guide/partials/shown.md",
            "---\ntitle: Shown\nbuild: {render: always}\n---\nShown anyway.\n",
        )
        .write("content/en/docs/bundle/index.md", "---\nheadless: true\n---\nBundled.\n")
        .write(
            "content/en/docs/old.md",
            "---\ntitle: Old\nbuild: {render: never}\n---\nGone.\n",
        )
        .write(
            "content/en/docs/examples.md",
            "---\ntitle: Examples\nbuild: {render: link}\n---\n",
        )
        .write(
            "content/en/docs/collector.md",
            "---\ntitle: Collector\n---\nSee [examples](/docs/examples/) and [old](/docs/old/), \
             not [the snippet](/docs/_includes/intro/).\n",
        )
        .commit("English");
    site.write(
        "content/nb/docs/_includes/intro.md",
        "Send data til [innsamleren](/nb/docs/collector/).\n",
    );
    let (code, _, stderr) = site.run(&["mark", "content/nb/docs/_includes/intro.md"]);
    assert_eq!(code, 0, "{stderr}");
    // A section's cascade reaches the pages of its own language, as in Hugo.
    site.write(
        "content/nb/docs/guide/_index.md",
        "---\ntitle: Veiledning\ncascade:\n  build: {render: never}\n  target: {path: '/docs/guide/partials/**'}\n---\nVeiledningen.\n",
    )
    .write(
        "content/nb/docs/guide/partials/step.md",
        "---\nl10n:\n  source_hash: 0000000000000000000000000000000000000000\n---\nEtt steg.\n",
    )
    .commit("Norsk");
    site
}

#[test]
fn snippets_hugo_does_not_render_are_tracked_but_not_published() {
    let site = snippet_site();
    let report = site.status_json();
    let state = |path: &str| {
        report["pages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["path"] == path)
            .map(|p| p["state"].as_str().unwrap_or_default().to_string())
            .unwrap_or_else(|| panic!("no {path} in {report}"))
    };
    assert_eq!(state("content/nb/docs/_includes/intro.md"), "up-to-date");
    assert_eq!(state("content/nb/docs/guide/partials/step.md"), "stale");
    let missing_fields: Vec<String> = site
        .findings("missing-field")
        .iter()
        .map(|f| f["path"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        missing_fields.iter().all(|p| !p.contains("_includes")
            && !p.contains("partials/step")
            && !p.contains("bundle")),
        "snippets need no title: {missing_fields:?}"
    );
    let broken: Vec<String> = site
        .findings("broken-link")
        .iter()
        .filter_map(|f| f["message"].as_str()?.split('`').nth(1).map(str::to_string))
        .collect();
    assert_eq!(
        broken,
        ["/docs/old/", "/docs/_includes/intro/"],
        "a page that is not rendered is no link target; `render: link` keeps its URL"
    );
    build(&site);
    assert!(site.path("public/docs/collector/index.html").is_file());
    assert!(
        site.path("public/docs/guide/partials/shown/index.html")
            .is_file()
    );
    for unrendered in [
        "public/docs/_includes/intro/index.html",
        "public/nb/docs/_includes/intro/index.html",
        "public/docs/guide/partials/step/index.html",
        "public/docs/bundle/index.html",
        "public/docs/old/index.html",
    ] {
        assert!(!site.path(unrendered).exists(), "{unrendered} was built");
    }
}
