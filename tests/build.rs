//! `tolk build` and `tolk serve` on fixture sites: the real binary, temporary folders.
//!
//! The fixture (`fixture()`) has the awkward cases on purpose: a Bokmål page with no
//! translation (`kontakt`), a section whose child exists only in Bokmål (`hjelp/passord`),
//! Nynorsk with only two pages, and a draft.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use common::serve::Server;
use common::{Run, Site, md};

/// 2026-01-01: no page date is later, so the output does not depend on when the test runs.
const EPOCH: &str = "1767268800";

fn fixture() -> Site {
    let site = Site::new();
    site.write("tolk.yaml", "title: MinID\n").write(
        "content/nb/_index.md",
        md(
            "title: Forside\nurl: /\nmenu:\n  main:\n    weight: 1\n    name: Forside\n",
            "Velkommen.\n",
        ),
    )
    .write(
        "content/nb/om.md",
        md(
            "title: Om tjenesten\ningress: Alt om tjenesten.\ndescription: Les om tjenesten.\nmenu:\n  main:\n    weight: 20\nrelated_pages:\n  - /hjelp\n  - kontakt\nsitemap:\n  priority: 0.9\n",
            "## Slik virker det\n\nTekst på bokmål.\n",
        ),
    )
    .write(
        "content/nb/hjelp/_index.md",
        md("title: Hjelp\nmenu:\n  main:\n    weight: 30\n", "Hjelpesider.\n"),
    )
    .write(
        "content/nb/hjelp/passord.md",
        md(
            "title: Glemt passord\nmenu:\n  main:\n    weight: 10\n    parent: hjelp\n",
            "Lag nytt passord.\n",
        ),
    )
    .write(
        "content/nb/kontakt.md",
        md("title: Kontakt\nmenu:\n  main:\n    weight: 30\n", "Ring oss.\n"),
    )
    .write(
        "content/nb/utkast.md",
        md("title: Utkast\ndraft: true\nmenu:\n  main:\n    weight: 5\n", "Ikke ferdig.\n"),
    )
    .write(
        "content/en/_index.md",
        md(
            "title: Home page\nurl: /en/\nmenu:\n  main:\n    weight: 1\n    name: Home\n",
            "Welcome.\n",
        ),
    )
    .write(
        "content/en/om.md",
        md(
            "title: About the service\nurl: /en/about/\nmenu:\n  main:\n    weight: 20\nrelated_pages:\n  - /hjelp\n  - kontakt\n",
            "## How it works\n\nText in English.\n",
        ),
    )
    .write(
        "content/en/hjelp/_index.md",
        md("title: Help\nurl: /en/help/\nmenu:\n  main:\n    weight: 30\n", "Help pages.\n"),
    )
    .write(
        "content/nn/_index.md",
        md(
            "title: Framside\nurl: /nn/\nmenu:\n  main:\n    weight: 1\n    name: Framside\n",
            "Velkomen.\n",
        ),
    )
    .write(
        "content/nn/om.md",
        md(
            "title: Om tenesta\nurl: /nn/om/\nmenu:\n  main:\n    weight: 20\nrelated_pages:\n  - /hjelp\n  - kontakt\n",
            "Tekst på nynorsk.\n",
        ),
    );
    site
}

/// Runs `tolk build` (extra args appended) with a fixed date; returns (code, stdout, stderr).
fn build(site: &Site, args: &[&str]) -> (i32, String, String) {
    let out = site
        .tolk()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("build")
        .args(args)
        .output()
        .expect("tolk runs");
    let run = Run::from(out);
    (run.code, run.stdout, run.stderr)
}

fn built(site: &Site) -> &Site {
    let (code, stdout, stderr) = build(site, &[]);
    assert_eq!(code, 0, "build failed:\n{stdout}\n{stderr}");
    site
}

/// The `<nav class="main-menu">` of a page.
fn main_menu(page: &str) -> &str {
    section(page, "<nav class=\"main-menu\"", "</nav>")
}

fn section<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in:\n{text}"));
    let rest = &text[from..];
    let to = rest.find(end).map_or(rest.len(), |i| i + end.len());
    &rest[..to]
}

/// Labels of the links in `html`, in order, tags stripped.
fn link_texts(html: &str) -> Vec<String> {
    html.split("<a ")
        .skip(1)
        .map(|a| {
            let inner = &a[a.find('>').map_or(0, |i| i + 1)..];
            let inner = &inner[..inner.find("</a>").unwrap_or(inner.len())];
            strip_tags(inner)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn strip_tags(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Every file below `dir`, relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("below")
                    .to_string_lossy()
                    .into_owned();
                files.insert(rel, std::fs::read(&path).expect("read"));
            }
        }
    }
    files
}

#[test]
fn pages_are_written_per_locale_and_drafts_are_not() {
    let site = fixture();
    let (code, stdout, stderr) = build(&site, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("built 10 pages (nb 5, nn 2, en 3)"),
        "{stdout}"
    );
    for rel in [
        "index.html",
        "om/index.html",
        "hjelp/index.html",
        "hjelp/passord/index.html",
        "kontakt/index.html",
        "en/index.html",
        "en/about/index.html",
        "en/help/index.html",
        "nn/index.html",
        "nn/om/index.html",
        "404.html",
        "en/404.html",
        "nn/404.html",
        "sitemap.xml",
        "style.css",
    ] {
        assert!(
            site.path(&format!("public/{rel}")).is_file(),
            "missing {rel}"
        );
    }
    assert!(
        !site.path("public/utkast").exists(),
        "a draft was published"
    );
    assert!(
        site.read_public("en/about/index.html")
            .starts_with("<!DOCTYPE html>\n<html lang=\"en\">")
    );
    assert!(
        site.read_public("nn/om/index.html")
            .contains("<html lang=\"nn\">")
    );
    assert!(
        site.read_public("om/index.html")
            .contains("<html lang=\"nb\">")
    );
    let about = site.read_public("om/index.html");
    assert!(about.contains("<title>Om tjenesten – MinID</title>"));
    assert!(about.contains(r#"<meta name="description" content="Les om tjenesten.">"#));
    assert!(about.contains(r#"<p class="ingress">Alt om tjenesten.</p>"#));
    assert!(about.contains(r#"<h2 id="slik-virker-det">Slik virker det</h2>"#));
    let not_found = site.read_public("en/404.html");
    assert!(not_found.contains("<html lang=\"en\">") && not_found.contains("Page not found"));
    assert!(site.read_public("nn/404.html").contains("Fann ikkje sida"));
}

#[test]
fn menus_are_ordered_by_weight_then_title_with_labels_in_the_locale() {
    let site = fixture();
    built(&site);
    let nb = site.read_public("om/index.html");
    // Hjelp and Kontakt share weight 30: the title decides. The draft is left out.
    assert_eq!(
        link_texts(main_menu(&nb)),
        ["Forside", "Om tjenesten", "Hjelp", "Kontakt"]
    );
    assert!(
        main_menu(&nb)
            .contains(r#"<a href="/om/" aria-current="page" class="active">Om tjenesten</a>"#)
    );
    let en = site.read_public("en/about/index.html");
    assert_eq!(
        link_texts(main_menu(&en)),
        ["Home", "About the service", "Help", "Kontakt (på norsk)"]
    );
    // Nesting by parent: the Help section lists its Bokmål-only child, marked.
    let help = site.read_public("en/help/index.html");
    let side = section(&help, "<nav class=\"section-menu\"", "</nav>");
    assert_eq!(link_texts(side), ["Help", "Glemt passord (på norsk)"]);
    assert!(
        side.contains(
            r#"<a href="/hjelp/passord/" hreflang="nb"><span lang="nb">Glemt passord</span>"#
        ),
        "{side}"
    );
    // The marker is Norwegian too, and says so (a screen reader reads it as Norwegian).
    assert!(
        main_menu(&en).contains(
            r#"<span lang="nb">Kontakt</span> <span class="lang-marker" lang="nb">(på norsk)</span>"#
        ),
        "{}",
        main_menu(&en)
    );
    let nb_help = site.read_public("hjelp/passord/index.html");
    let side = section(&nb_help, "<nav class=\"section-menu\"", "</nav>");
    assert!(
        side.contains(
            r#"<a href="/hjelp/passord/" aria-current="page" class="active">Glemt passord</a>"#
        ),
        "{side}"
    );
}

#[test]
fn untranslated_menu_entries_omit_or_fall_back() {
    let site = fixture();
    built(&site);
    let nn = site.read_public("nn/om/index.html");
    assert_eq!(
        link_texts(main_menu(&nn)),
        [
            "Framside",
            "Om tenesta",
            "Hjelp (på bokmål)",
            "Kontakt (på bokmål)"
        ]
    );
    site.write("tolk.yaml", "untranslated_menu_entries: omit\n");
    built(&site);
    let nn = site.read_public("nn/om/index.html");
    assert_eq!(link_texts(main_menu(&nn)), ["Framside", "Om tenesta"]);
    let en = site.read_public("en/about/index.html");
    assert_eq!(
        link_texts(main_menu(&en)),
        ["Home", "About the service", "Help"]
    );
}

#[test]
fn switcher_leads_to_the_translation_or_the_front_page_with_a_notice() {
    let site = fixture();
    built(&site);
    let en = site.read_public("en/about/index.html");
    let switcher = section(&en, "<nav class=\"language-switcher\"", "</nav>");
    assert!(
        switcher.contains(r#"<a href="/om/" hreflang="nb" lang="nb">Norsk bokmål</a>"#),
        "{switcher}"
    );
    assert!(switcher.contains(r#"<a href="/nn/om/" hreflang="nn" lang="nn">Nynorsk</a>"#));
    assert!(
        switcher.contains(r#"<span class="current" lang="en" aria-current="true">English</span>"#)
    );

    let kontakt = site.read_public("kontakt/index.html");
    let switcher = section(&kontakt, "<nav class=\"language-switcher\"", "</nav>");
    // The page the reader came from travels along, so that the notice can lead back to it.
    assert!(
        switcher.contains(
            r#"<a href="/en/?from=/kontakt/#not-translated" hreflang="en" lang="en" class="untranslated">English"#
        ),
        "{switcher}"
    );
    assert!(switcher.contains(
        r#"<a href="/nn/?from=/kontakt/#not-translated" hreflang="nn" lang="nn" class="untranslated">Nynorsk"#
    ));
    // The notice is on the front page, in that front page's language. It is the fragment's
    // target and focusable, so that a browser moves focus to it (and a screen reader reads it).
    let front = site.read_public("en/index.html");
    assert!(front.contains(
        r#"<div class="notice" id="not-translated" tabindex="-1" role="note" aria-labelledby="not-translated-title" data-prefix="/en/">"#
    ), "{front}");
    assert!(
        front.contains(
            r#"<h2 id="not-translated-title">This page is not available in English</h2>"#
        )
    );
    // The ways back, one per other language, each in its own language (the script shows the
    // one that `from` names).
    assert!(front.contains(
        r#"<a href="/" hreflang="nb" lang="nb" data-prefix="/" hidden>Tilbake til siden på bokmål</a>"#
    ), "{front}");
    assert!(front.contains(
        r#"<a href="/nn/" hreflang="nn" lang="nn" data-prefix="/nn/" hidden>Tilbake til sida på nynorsk</a>"#
    ));
    assert!(!front.contains("data-prefix=\"/en/\" hidden"));
    assert!(
        site.read_public("nn/index.html")
            .contains("Sida finst ikkje på nynorsk")
    );
    assert!(!front.contains("page-anchor"));
}

#[test]
fn hreflang_lists_every_translation_and_x_default() {
    let site = fixture();
    built(&site);
    let alternates = |page: &str| -> Vec<String> {
        page.lines()
            .filter(|l| l.starts_with("<link rel=\"alternate\""))
            .map(str::to_string)
            .collect()
    };
    let expected = [
        r#"<link rel="alternate" hreflang="nb" href="/om/">"#,
        r#"<link rel="alternate" hreflang="nn" href="/nn/om/">"#,
        r#"<link rel="alternate" hreflang="en" href="/en/about/">"#,
        r#"<link rel="alternate" hreflang="x-default" href="/om/">"#,
    ];
    for rel in ["om/index.html", "nn/om/index.html", "en/about/index.html"] {
        assert_eq!(alternates(&site.read_public(rel)), expected, "{rel}");
    }
    assert_eq!(
        alternates(&site.read_public("kontakt/index.html")),
        [
            r#"<link rel="alternate" hreflang="nb" href="/kontakt/">"#,
            r#"<link rel="alternate" hreflang="x-default" href="/kontakt/">"#
        ]
    );
    site.write("tolk.yaml", "base_url: https://minid.example/\n");
    built(&site);
    let en = site.read_public("en/about/index.html");
    assert!(en.contains(
        r#"<link rel="alternate" hreflang="en" href="https://minid.example/en/about/">"#
    ));
    assert!(en.contains(r#"<link rel="canonical" href="https://minid.example/en/about/">"#));
}

#[test]
fn related_pages_resolve_into_the_page_locale() {
    let site = fixture();
    built(&site);
    let en = site.read_public("en/about/index.html");
    let related = section(&en, "<section class=\"related\"", "</section>");
    assert!(related.contains("<h2 id=\"related-title\">Related pages</h2>"));
    assert!(
        related.contains(r#"<a href="/en/help/">Help</a>"#),
        "{related}"
    );
    assert!(related.contains(
        r#"<a href="/kontakt/" hreflang="nb"><span lang="nb">Kontakt</span> <span class="lang-marker" lang="nb">(på norsk)</span></a>"#
    ), "{related}");
    let nn = site.read_public("nn/om/index.html");
    let related = section(&nn, "<section class=\"related\"", "</section>");
    assert_eq!(
        link_texts(related),
        ["Hjelp (på bokmål)", "Kontakt (på bokmål)"]
    );
    let nb = site.read_public("om/index.html");
    let related = section(&nb, "<section class=\"related\"", "</section>");
    assert_eq!(link_texts(related), ["Hjelp", "Kontakt"]);
}

#[test]
fn a_broken_related_page_is_a_finding_and_fails_the_build() {
    let site = fixture();
    site.write(
        "content/nb/kontakt.md",
        md(
            "title: Kontakt\nrelated_pages:\n  - /om\n  - /finnes-ikke\n",
            "Ring oss.\n",
        ),
    );
    let findings = site.findings("broken-related-page");
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["severity"], "error");
    assert_eq!(findings[0]["path"], "content/nb/kontakt.md");
    assert_eq!(findings[0]["line"], 5);
    let (code, _, stderr) = build(&site, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("broken-related-page") && stderr.contains("/finnes-ikke"),
        "{stderr}"
    );
    assert!(
        !site.path("public").exists(),
        "a failed first build must write nothing"
    );
}

#[test]
fn sitemap_has_alternates_priorities_and_warns_without_base_url() {
    let site = fixture();
    let (code, _, stderr) = build(&site, &[]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("warning: tolk.yaml sets no base_url"),
        "{stderr}"
    );
    let sitemap = site.read_public("sitemap.xml");
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">"));
    assert_eq!(sitemap.matches("<url>").count(), 10, "{sitemap}");
    assert!(!sitemap.contains("utkast"));
    let om = section(&sitemap, "<loc>/om/</loc>", "</url>");
    assert!(om.contains("<lastmod>2026-01-01</lastmod>"), "{om}");
    assert!(om.contains("<priority>0.9</priority>"), "{om}");
    for alt in [
        r#"<xhtml:link rel="alternate" hreflang="nb" href="/om/"/>"#,
        r#"<xhtml:link rel="alternate" hreflang="nn" href="/nn/om/"/>"#,
        r#"<xhtml:link rel="alternate" hreflang="en" href="/en/about/"/>"#,
        r#"<xhtml:link rel="alternate" hreflang="x-default" href="/om/"/>"#,
    ] {
        assert!(om.contains(alt), "{alt} missing in {om}");
    }
    let kontakt = section(&sitemap, "<loc>/kontakt/</loc>", "</url>");
    assert!(!kontakt.contains("xhtml:link"), "{kontakt}");
    site.write(
        "tolk.yaml",
        "title: MinID\nbase_url: https://minid.example\n",
    );
    let (code, _, stderr) = build(&site, &[]);
    assert_eq!(code, 0);
    assert!(!stderr.contains("base_url"), "{stderr}");
    let sitemap = site.read_public("sitemap.xml");
    assert!(sitemap.contains("<loc>https://minid.example/en/about/</loc>"));
    assert!(sitemap.contains(r#"hreflang="nn" href="https://minid.example/nn/om/"/>"#));
}

#[test]
fn fluent_strings_fall_back_from_nn_to_nb_and_the_site_overrides_the_theme() {
    let site = fixture();
    site.write(
        "locales/nb/site.ftl",
        "footer-provider = Tjenesten leveres av Testetaten.\nfooter-help = Ring 800 00 000.\n",
    )
    .write(
        "locales/nn/site.ftl",
        "footer-help = Ring 800 00 000 (nynorsk).\n",
    );
    built(&site);
    let nn = site.read_public("nn/om/index.html");
    // nn has no footer-provider of its own in the site: Bokmål's, not the theme's Nynorsk.
    assert!(
        nn.contains("<p>Tjenesten leveres av Testetaten.</p>"),
        "{nn}"
    );
    assert!(nn.contains("<p>Ring 800 00 000 (nynorsk).</p>"));
    // Theme strings still fill what the site does not define.
    assert!(nn.contains("Hopp til hovudinnhaldet"));
    let en = site.read_public("en/about/index.html");
    assert!(en.contains("Skip to main content"));
    // No Unicode isolation marks anywhere, attributes included.
    for rel in ["nn/om/index.html", "en/about/index.html", "om/index.html"] {
        let page = site.read_public(rel);
        assert!(
            !page.contains(['\u{2068}', '\u{2069}']),
            "isolation marks in {rel}"
        );
    }
    // CLDR plurals: one minute, not "1 minutes".
    assert!(en.contains("Reading time: 1 minute<"), "{en}");
}

#[test]
fn a_message_missing_in_every_locale_of_the_chain_fails_with_its_id_and_template() {
    let site = fixture();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p>{{ t(\"site-slogan\") }}</p>{% endblock %}",
    )
    .write("locales/nb/site.ftl", "site-slogan = Trygg innlogging\n");
    built(&site);
    assert!(
        site.read_public("nn/om/index.html")
            .contains("<p>Trygg innlogging</p>")
    );
    site.write("locales/nb/site.ftl", "# emptied\n");
    let before = tree(&site.path("public"));
    let (code, _, stderr) = build(&site, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("`site-slogan`"), "{stderr}");
    assert!(stderr.contains("page.html"), "{stderr}");
    assert!(stderr.contains("nb"), "{stderr}");
    assert_eq!(
        tree(&site.path("public")),
        before,
        "the old output must stay"
    );
}

#[test]
fn raw_html_in_markdown_is_not_executed() {
    let site = fixture();
    site.write(
        "content/nb/kontakt.md",
        md(
            "title: Kontakt\n",
            "Ring oss <script>alert('x')</script>.\n\n<img src=x onerror=alert(1)>\n\n[lenke](javascript:alert(1))\n",
        ),
    );
    built(&site);
    let page = site.read_public("kontakt/index.html");
    let body = section(&page, "<div class=\"body\">", "</div>");
    assert!(!body.contains("<script"), "{body}");
    assert!(!body.contains("<img"), "{body}");
    assert!(!body.contains("javascript:"), "{body}");
    assert!(body.contains("&lt;script&gt;alert("), "{body}");
    site.write("tolk.yaml", "unsafe_html: true\n");
    built(&site);
    let page = site.read_public("kontakt/index.html");
    assert!(page.contains("<script>alert('x')</script>"));
}

#[test]
fn urls_that_leave_the_output_folder_are_rejected() {
    for url in [
        "/../../escaped/",
        "/en/%2e%2e/%2e%2e/%2e%2e/escaped/",
        "/a\\\\..\\\\..\\\\escaped/",
    ] {
        let site = fixture();
        site.write(
            "content/nb/kontakt.md",
            md(&format!("title: Kontakt\nurl: \"{url}\"\n"), "Ring oss.\n"),
        );
        let findings = site.findings("unsafe-url");
        assert_eq!(findings.len(), 1, "{url}: {findings:?}");
        assert_eq!(findings[0]["line"], 3, "{url}");
        let (code, _, stderr) = build(&site, &[]);
        assert_eq!(code, 1, "{url}: {stderr}");
        assert!(stderr.contains("unsafe-url"), "{stderr}");
        assert!(
            !site.path("escaped").exists()
                && !site
                    .root()
                    .parent()
                    .is_some_and(|p| p.join("escaped").exists())
        );
        assert!(!site.path("public").exists());
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = fixture();
    built(&site);
    std::fs::write(site.path("public/extra-from-last-time.txt"), "kept").expect("write");
    let before = tree(&site.path("public"));
    site.write(
        "content/nb/om.md",
        md(
            "title: Om tjenesten\nrelated_pages:\n  - /borte\n",
            "Endret.\n",
        ),
    );
    let (code, _, _) = build(&site, &[]);
    assert_eq!(code, 1);
    assert_eq!(tree(&site.path("public")), before);
    // A broken template fails later, after rendering began: still nothing changes.
    site.write("content/nb/om.md", md("title: Om tjenesten\n", "Endret.\n"));
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{{ nope( }}{% endblock %}",
    );
    let (code, _, stderr) = build(&site, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("page.html"), "{stderr}");
    assert_eq!(tree(&site.path("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .expect("read root")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("tolk-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn dangerous_output_folders_are_refused() {
    let site = fixture();
    for out in [".", "content", "content/nb/public", "locales"] {
        let (code, _, stderr) = build(&site, &["--out", out]);
        assert_eq!(code, 2, "--out {out}: {stderr}");
        assert!(stderr.contains("refusing to write the site"), "{stderr}");
    }
    site.write("notes/mine.txt", "do not delete");
    let (code, _, stderr) = build(&site, &["--out", "notes"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("was not written by tolk build"), "{stderr}");
    assert_eq!(site.read_string("notes/mine.txt"), "do not delete");
    let (code, stdout, _) = build(&site, &["--out", "elsewhere/site"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("elsewhere/site"), "{stdout}");
    assert!(site.path("elsewhere/site/en/about/index.html").is_file());
}

#[test]
fn static_files_are_copied_as_they_are() {
    let site = fixture();
    let logo: &[u8] = b"\x89PNG\r\n\x1a\n\x00binary";
    site.write("static/bilder/logo.png", logo)
        .write("static/robots.txt", "User-agent: *\n")
        .write("static/.DS_Store", "hidden")
        .write("static/.cache/x", "hidden");
    built(&site);
    assert_eq!(site.read("public/bilder/logo.png"), logo);
    assert_eq!(site.read_string("public/robots.txt"), "User-agent: *\n");
    assert!(!site.path("public/.DS_Store").exists());
    assert!(!site.path("public/.cache").exists());
    // The folder is not an output folder.
    let (code, _, stderr) = build(&site, &["--out", "static"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("static folder"), "{stderr}");
}

#[test]
fn a_static_file_in_the_way_of_a_page_fails_the_build_and_keeps_the_output() {
    let site = fixture();
    built(&site);
    let before = tree(&site.path("public"));
    site.write("static/en/about/index.html", "<p>stale copy</p>");
    let (code, _, stderr) = build(&site, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("static/en/about/index.html would overwrite another file"),
        "{stderr}"
    );
    assert_eq!(tree(&site.path("public")), before);
}

#[cfg(unix)]
#[test]
fn a_static_link_out_of_the_site_is_not_followed() {
    let site = fixture();
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(outside.path().join("secret.txt"), "secret").expect("write");
    site.write("static/ok.txt", "ok");
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.path("static/secret.txt"),
    )
    .expect("symlink");
    let (code, stdout, stderr) = build(&site, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stderr.contains("static/secret.txt: a symbolic link out of the site"),
        "{stderr}"
    );
    assert!(!site.path("public/secret.txt").exists());
    assert_eq!(site.read_string("public/ok.txt"), "ok");
}

/// One page per locale, whole, so that any change to the theme's output is reviewed.
#[test]
fn rendered_pages_snapshot() {
    let site = fixture();
    site.write(
        "tolk.yaml",
        "title: MinID\nbase_url: https://minid.example\n",
    );
    built(&site);
    for (name, rel) in [
        ("page_nb", "om/index.html"),
        ("page_nn", "nn/om/index.html"),
        ("page_en", "en/about/index.html"),
    ] {
        let page = site.read_public(rel);
        // The stylesheet's cache-busting hash changes with every CSS edit.
        let at = page.find("style.css?v=").expect("stylesheet link") + "style.css?v=".len();
        let page = format!("{}[hash]{}", &page[..at], &page[at + 10..]);
        insta::assert_snapshot!(name, page);
    }
}

// ---- tolk serve ----

#[test]
fn serve_builds_serves_and_rebuilds_on_change() {
    let site = fixture();
    let server = Server::start(&site);
    let (status, body) = server.get("/en/about/");
    assert_eq!(status, 200);
    assert!(body.contains("About the service"));
    assert!(
        body.contains("/__tolk/version"),
        "the reload script is injected when serving"
    );
    assert!(
        !site.read_public("en/about/index.html").contains("__tolk"),
        "but never written to the site"
    );
    let (status, body) = server.get("/en/nowhere/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "{body}");
    let (status, _) = server.get("/../../etc/passwd");
    assert_eq!(status, 400);
    let (_, version) = server.get("/__tolk/version");

    site.write(
        "content/en/om.md",
        md(
            "title: About the service, revised\nurl: /en/about/\n",
            "New text.\n",
        ),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, now) = server.get("/__tolk/version");
        if now != version {
            break;
        }
        assert!(Instant::now() < deadline, "no rebuild after a change");
        std::thread::sleep(Duration::from_millis(200));
    }
    let (_, body) = server.get("/en/about/");
    assert!(body.contains("About the service, revised"));
}

/// The repository's own site: the footer link to the accessibility statement says what it is
/// in every language (a reader of English or Nynorsk is not sent to a link in Bokmål only).
#[test]
fn own_site_links_its_accessibility_statement_in_every_language() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("temp dir");
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("tolk"))
        .arg("--root")
        .arg(repo)
        .args(["build", "--quiet", "--out"])
        .arg(out.path())
        .status()
        .expect("tolk runs");
    assert!(status.success());
    for (front, link) in [
        (
            "index.html",
            r#"<a href="/tilgjengelighet/">Tilgjengelighetserklæring</a>"#,
        ),
        (
            "nn/index.html",
            r#"<a href="/nn/tilgjengelegheit/">Tilgjengelegheitserklæring</a>"#,
        ),
        (
            "en/index.html",
            r#"<a href="/en/accessibility/">Accessibility statement</a>"#,
        ),
    ] {
        let page = std::fs::read_to_string(out.path().join(front)).expect("front page");
        let footer = section(&page, "<footer", "</footer>");
        assert!(footer.contains(link), "{front}: {footer}");
    }
}

#[test]
fn a_locale_root_index_is_its_home_page_whatever_its_translation_key() {
    let site = Site::new();
    site.write(
        "content/nb/_index.md",
        md("title: Forside\ntranslationKey: home\n", "Velkommen.\n"),
    )
    .write(
        "content/nb/hjelp/_index.md",
        md("title: Hjelp\ntranslationKey: help\n", "Hjelp.\n"),
    )
    .write("content/nb/om.md", md("title: Om\n", "Om oss.\n"))
    .write(
        "content/en/_index.md",
        md("title: Home\ntranslationKey: home\n", "Welcome.\n"),
    )
    .write(
        "content/en/hjelp/_index.md",
        md("title: Help\ntranslationKey: help\n", "Help.\n"),
    );
    built(&site);
    assert!(site.read_public("index.html").contains("<h1>Forside</h1>"));
    assert!(site.read_public("en/index.html").contains("<h1>Home</h1>"));
    assert!(
        site.read_public("hjelp/index.html")
            .contains("<h1>Hjelp</h1>")
    );
    assert!(
        site.read_public("en/hjelp/index.html")
            .contains("<h1>Help</h1>")
    );
    assert!(!site.path("public/home").exists());
    assert!(!site.path("public/en/home").exists());
    // The page the English home does not translate leads to that home page.
    let about = site.read_public("om/index.html");
    assert!(
        about.contains(r##"href="/en/?from=/om/#not-translated""##),
        "{about}"
    );
    assert!(site.findings("missing-home").is_empty());
}

#[test]
fn a_locale_without_a_home_page_is_reported() {
    let site = Site::new();
    site.write(
        "content/nb/_index.md",
        md("title: Forside\n", "Velkommen.\n"),
    )
    .write("content/nb/om.md", md("title: Om\n", "Om oss.\n"))
    .write(
        "content/en/om.md",
        md("title: About\nurl: /en/about/\n", "About us.\n"),
    );
    let found = site.findings("missing-home");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["locale"], "en");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["path"], "content/en/_index.md");
    let (code, stdout, _) = site.run(&["explain", "missing-home"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("_index.md"), "{stdout}");
    // A site whose generator renders the front page from `src/pages/` has one.
    site.write("src/pages/index.tsx", "export default function Home() {}\n");
    assert!(site.findings("missing-home").is_empty());
}
