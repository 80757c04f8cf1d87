//! Links and front-matter fields on sites as they are built elsewhere: a link that works on the
//! real site is never a `broken-link` error (locale fallback, static folders, Hugo mounts,
//! `external_paths`), a link that leads nowhere still is, and `missing-field` asks only for
//! the fields the site uses. Run through the real binary on fixture sites.

mod common;

use common::{Site, page};
use serde_json::Value;

/// English source at `/`, Spanish at `/es/` falling back to English, German at `/de/` with
/// no fallback list of its own.
const CONFIG: &str = "source_locale: en\nlayout: folder\nlocales:\n  - { code: en, name: English, prefix: / }\n  - { code: es, name: Español, prefix: /es/, fallback: [en] }\n  - { code: de, name: Deutsch, prefix: /de/ }\n";

/// A site with [`CONFIG`] and an English guide, translated into Spanish only at the top.
fn site(extra_config: &str) -> Site {
    let site = Site::new();
    site.write("tolk.yaml", format!("{CONFIG}{extra_config}"));
    site.write(
        "content/en/index.md",
        page("Home", "description: Start here.\n", "Welcome.\n"),
    );
    site.write(
        "content/en/guides/setup.md",
        page("Setup", "description: Set it up.\n", "Steps.\n"),
    );
    site.write(
        "content/es/index.md",
        page("Inicio", "description: Empieza aquí.\n", "Bienvenido.\n"),
    );
    site
}

/// The findings with `code`, as (path, line, message).
fn found(site: &Site, code: &str) -> Vec<(String, u64, String)> {
    site.findings(code)
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The link each finding of [`found`] names (the first `` `…` `` of its message).
fn link_targets(found: &[(String, u64, String)]) -> Vec<&str> {
    found
        .iter()
        .filter_map(|(_, _, m)| m.split('`').nth(1))
        .collect()
}

#[test]
fn a_link_into_a_fallback_locale_is_a_note_not_an_error() {
    let site = site("");
    site.write(
        "content/es/index.md",
        page(
            "Inicio",
            "description: Empieza aquí.\n",
            "Lee [la guía](/es/guides/setup/#pasos) y [otra vez](./guides/setup.md).\n\n\
             Auf [Deutsch](/de/guides/setup).\n",
        ),
    );
    assert!(
        found(&site, "broken-link").is_empty(),
        "{:?}",
        found(&site, "broken-link")
    );
    let notes = site.findings("fallback-link");
    assert_eq!(notes.len(), 3, "{notes:?}");
    for note in &notes {
        assert_eq!(note["severity"], "info");
        assert_eq!(note["path"], "content/es/index.md");
    }
    let messages: Vec<&str> = notes.iter().filter_map(|n| n["message"].as_str()).collect();
    assert!(
        messages[0].contains("`/es/guides/setup/#pasos`, which `es` does not have yet")
            && messages[0].contains("readers get the `en` page"),
        "{messages:?}"
    );
    assert!(messages[1].contains("`./guides/setup.md`"), "{messages:?}");
    // The source locale ends every chain, also one that lists no fallback.
    assert!(
        messages[2].contains("which `de` does not have yet"),
        "{messages:?}"
    );
    let (code, _, stderr) = site.run(&["check", "--quiet"]);
    assert_eq!(code, 0, "no error: {stderr}");
    // `tolk explain` knows the code.
    let (code, stdout, _) = site.run(&["explain", "fallback-link"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("fallback"), "{stdout}");
}

#[test]
fn a_translation_at_another_url_is_not_a_fallback() {
    let site = site("");
    site.write(
        "content/es/guides/setup.md",
        page(
            "Instalación",
            "description: Instálalo.\nurl: /es/guias/instalacion/\n",
            "Pasos.\n",
        ),
    );
    site.write(
        "content/es/index.md",
        page(
            "Inicio",
            "description: Empieza aquí.\n",
            "Lee [la guía](/es/guides/setup/).\n",
        ),
    );
    let broken = found(&site, "broken-link");
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(broken[0].2.contains("/es/guias/instalacion/"), "{broken:?}");
    assert!(found(&site, "fallback-link").is_empty());
}

#[test]
fn paths_served_outside_the_content_are_not_broken() {
    let site = site("external_paths: [/api/]\n");
    site.write("static/downloads/index.html", "<p>downloads</p>");
    site.write("static/robots", "User-agent: *");
    site.write("public/demo/index.html", "<p>demo</p>");
    site.write("node_modules/katex/dist/index.html", "<p>katex</p>");
    site.write(
        "hugo.yaml",
        "module:\n  mounts:\n    - source: static\n      target: static\n    - source: node_modules/katex/dist\n      target: static/katex\n    - source: ../reference-docs\n      target: content/reference\n",
    );
    site.write(
        "content/en/guides/setup.md",
        page(
            "Setup",
            "description: Set it up.\n",
            "See [the API](/api/v1/users), [downloads](/downloads/), [robots](/robots),\n\
             [the demo](/demo?x=1), [KaTeX](/katex/#top) and [the reference](/reference/cli/).\n",
        ),
    );
    assert!(
        found(&site, "broken-link").is_empty(),
        "{:?}",
        found(&site, "broken-link")
    );
}

#[test]
fn a_link_that_leads_nowhere_is_still_an_error() {
    let site = site("external_paths: [/api/]\n");
    site.write("static/images/logo.svg", "<svg/>");
    site.write(
        "content/en/guides/setup.md",
        page(
            "Setup",
            "description: Set it up.\n",
            "Go [home](/), [home again](https://example.invalid/) and [up](../index.md).\n\n\
             [Nowhere](/nowhere/), [no file](../nowhere.md), [no images page](/images/),\n\
             [API-ish](/apis/), [no Spanish page anywhere](/es/nowhere/).\n",
        ),
    );
    let broken = found(&site, "broken-link");
    let targets = link_targets(&broken);
    assert_eq!(
        targets,
        [
            "/nowhere/",
            "../nowhere.md",
            "/images/",
            "/apis/",
            "/es/nowhere/"
        ],
        "{broken:?}"
    );
    let report = site.check_json();
    let severities: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "broken-link")
        .map(|f| &f["severity"])
        .collect();
    assert!(severities.iter().all(|s| *s == "error"), "{severities:?}");
    let (code, _, _) = site.run(&["check", "--quiet"]);
    assert_eq!(code, 1);
}

#[test]
fn a_link_a_template_fills_in_is_not_checked() {
    let site = site("");
    site.write(
        "content/en/guides/setup.md",
        page(
            "Setup",
            "description: Set it up.\n",
            "See [the guide](</guides/{{ $lang }}/setup/>) and [nothing](/nowhere/).\n",
        ),
    );
    let broken = found(&site, "broken-link");
    let targets = link_targets(&broken);
    assert_eq!(targets, ["/nowhere/"], "{broken:?}");
}

#[test]
fn paths_netlify_redirects_are_not_broken() {
    let site = site("");
    site.write(
        "static/_redirects",
        "# moved pages\n/microservices/   /guides/setup/\n/blog/*  /news/:splat  301!\n/*  /404.html  404\n",
    )
    .write(
        "netlify.toml",
        "[[redirects]]\nfrom = '/old-docs/*'\nto = '/guides/:splat'\n\n[[redirects]]\nfrom = 'https://docs.example.org/*'\nto = '/:splat'\n",
    )
    .write(
        "content/en/guides/setup.md",
        page(
            "Setup",
            "description: Set it up.\n",
            "See [micro](/microservices/), [a post](/blog/2024/hello/), [old](/old-docs/setup/)\n\
             and [nothing](/nowhere/), [not redirected](/es/microservices/).\n",
        ),
    );
    let broken = found(&site, "broken-link");
    assert_eq!(
        link_targets(&broken),
        ["/nowhere/", "/es/microservices/"],
        "{broken:?}"
    );
}

#[test]
fn a_link_repeated_on_one_line_is_reported_once() {
    let site = site("");
    site.write(
        "content/en/guides/setup.md",
        page(
            "Setup",
            "description: Set it up.\n",
            "[One](/nowhere/), [two](/nowhere/) and [three](/nowhere/#x).\n\n[Again](/nowhere/).\n",
        ),
    );
    let broken = found(&site, "broken-link");
    let lines: Vec<u64> = broken.iter().map(|(_, line, _)| *line).collect();
    // `/nowhere/#x` is written differently, so it is said again; the next line is another place.
    assert_eq!(lines, [5, 5, 7], "{broken:?}");
}

#[test]
fn missing_field_asks_only_for_fields_the_site_uses() {
    let site = Site::new();
    site.write("tolk.yaml", CONFIG);
    site.write("content/en/index.md", page("Home", "", "Welcome.\n"));
    site.write(
        "content/en/about.md",
        "---\nsummary: About us\n---\nText.\n",
    );
    site.write("content/es/index.md", page("Inicio", "", "Bienvenido.\n"));
    // No page sets `description`: not asked for. `title` is used, so the page without is told.
    let missing = found(&site, "missing-field");
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(missing[0].0, "content/en/about.md");
    assert!(missing[0].2.contains("`title`"), "{missing:?}");

    // One source page sets a description: every page must.
    site.write(
        "content/en/index.md",
        page("Home", "description: Start here.\n", "Welcome.\n"),
    );
    let mut missing: Vec<String> = found(&site, "missing-field")
        .into_iter()
        .map(|(path, _, message)| format!("{path} {message}"))
        .collect();
    missing.sort();
    assert_eq!(missing.len(), 3, "{missing:?}");
    assert!(missing[0].starts_with("content/en/about.md the page has no `description`"));
    assert!(missing[2].starts_with("content/es/index.md the page has no `description`"));

    // `required_fields` decides, whatever pages set.
    site.write("tolk.yaml", format!("{CONFIG}required_fields: [summary]\n"));
    let missing = found(&site, "missing-field");
    let paths: Vec<&str> = missing.iter().map(|(p, _, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        ["content/en/index.md", "content/es/index.md"],
        "{missing:?}"
    );
    assert!(missing.iter().all(|(_, _, m)| m.contains("`summary`")));
}

#[test]
fn init_writes_the_fields_the_site_uses() {
    let site = Site::new();
    site.write("content/nb/om.md", page("Om", "", "Tekst om oss.\n"));
    site.write(
        "content/nb/kontakt.md",
        page("Kontakt", "ingress: Ring oss.\n", "Tekst.\n"),
    );
    site.write(
        "content/en/om.md",
        page("About", "description: About us.\n", "Text.\n"),
    );
    let (code, _, stderr) = site.run(&["init"]);
    assert_eq!(code, 0, "{stderr}");
    let yaml = site.read_string("tolk.yaml");
    // The source pages set a title but no description (only a translation does).
    assert!(yaml.contains("\nrequired_fields: [\"title\"]\n"), "{yaml}");
    assert!(found(&site, "missing-field").is_empty());
}

#[test]
fn hugo_section_and_taxonomy_pages_are_not_broken() {
    // A list page for each top-level section (with or without `_index.md`) and for each
    // taxonomy and term.
    let site = site("");
    site.write("hugo.yaml", "title: Site\n");
    site.write(
        "content/en/blog/2024/post.md",
        page("Post", "description: News.\n", "Text.\n"),
    );
    site.write(
        "content/es/blog/2024/post.md",
        page("Entrada", "description: Noticias.\n", "Texto.\n"),
    );
    site.write(
        "content/en/index.md",
        page(
            "Home",
            "description: Start here.\n",
            "[Blog](/blog/), [tags](/tags/), [a tag](/tags/news/), [Spanish blog](/es/blog/).\n\n\
             [Not a section](/blog/2024/) and [no section](/news/).\n",
        ),
    );
    let broken = found(&site, "broken-link");
    let targets = link_targets(&broken);
    assert_eq!(targets, ["/blog/2024/", "/news/"], "{broken:?}");
}

#[test]
fn docusaurus_category_and_plugin_pages_are_not_broken() {
    // Generated category pages and the pages plugin's routes, in every locale.
    let site = site("");
    site.write("docusaurus.config.js", "module.exports = {};\n");
    site.write(
        "content/en/guides/_category_.json",
        r#"{ "label": "Develop in C/C++", "link": { "type": "generated-index" } }"#,
    );
    site.write(
        "content/en/reference/_category_.yml",
        "label: Reference\nlink:\n  type: generated-index\n  slug: /ref/all\n",
    );
    site.write(
        "content/en/reference/cli.md",
        page("CLI", "description: Commands.\n", "Text.\n"),
    );
    site.write("src/pages/releases.md", "# Releases\n");
    site.write(
        "content/en/index.md",
        page(
            "Home",
            "description: Start here.\n",
            "[C](/category/develop-in-cc), [ref](/ref/all/), [es ref](/es/ref/all/),\n\
             [releases](/releases), [other](/category/reference/).\n",
        ),
    );
    let broken = found(&site, "broken-link");
    let targets = link_targets(&broken);
    // `reference` names its page by slug, so there is no `/category/reference/`.
    assert_eq!(targets, ["/category/reference/"], "{broken:?}");
}
