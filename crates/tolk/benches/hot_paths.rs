//! Microbenchmarks of tolk's hot stages, on one generated page of ~600 words:
//! front-matter parse, Markdown render, hashing, diff (unified and block-level), template
//! render, and the word scan that tells a block's language (its byte tables).
//!
//! ```text
//! cargo bench --bench hot_paths
//! ```
//!
//! `bench/run.sh` measures whole commands against Hugo; these say which stage a change sped up.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use divan::{Bencher, black_box};
use tolk::analyse::staleness::{block_diff, state};
use tolk::build::{render, templates::Theme};
use tolk::load::frontmatter;
use tolk::markdown::words::{self, Standard, Words};
use tolk::theme::strings::Strings;

fn main() {
    divan::main();
}

const WORDS: &[&str] = &[
    "MinID",
    "er",
    "en",
    "personlig",
    "elektronisk",
    "ID",
    "som",
    "gir",
    "deg",
    "tilgang",
    "til",
    "digitale",
    "tjenester",
    "fra",
    "det",
    "offentlige",
    "og",
    "du",
    "kan",
    "logge",
    "inn",
    "med",
    "passord",
    "engangskode",
    "på",
    "mobilen",
    "når",
    "skal",
    "endre",
    "adresse",
    "søke",
    "om",
    "lån",
    "eller",
    "lese",
    "brev",
    "i",
    "din",
    "postkasse",
];

/// A page like the generated benchmark sites' (`examples/gensite.rs`): front matter with menu,
/// related pages and a baseline, and a body of headings, paragraphs, a list and links.
fn page(seed: usize) -> String {
    let mut word = seed;
    let mut next = || {
        word = (word * 7 + 3) % WORDS.len();
        WORDS[word]
    };
    let mut text = String::from(
        "---\ntitle: \"Slik endrer du passordet ditt\"\ningress: \"Du kan endre passordet når du vil.\"\n\
         description: \"Les hvordan du endrer passordet til MinID.\"\nurl: /seksjon-03/endre-passord/\n\
         translationKey: seksjon-03/endre-passord\nmenu:\n  main:\n    parent: seksjon-03\n    weight: 2\n\
         related_pages:\n  - /seksjon-01/glemt-passord\n  - /seksjon-02/sperret-minid\n\
         sitemap:\n  priority: 0.5\nl10n:\n  source_hash: 9d1c1f0b6c2a4e3d8f7a6b5c4d3e2f1a0b9c8d7e\n---\n\n",
    );
    for section in 0..5 {
        text.push_str(&format!("## {} {}\n\n", next(), next()));
        for paragraph in 0..3 {
            if section == 1 && paragraph == 1 {
                for _ in 0..4 {
                    text.push_str(&format!("- {} {} {} {}\n", next(), next(), next(), next()));
                }
                text.push('\n');
                continue;
            }
            for sentence in 0..4 {
                let words: Vec<&str> = (0..10).map(|_| next()).collect();
                text.push_str(&words.join(" "));
                text.push_str(if sentence == 3 { "." } else { ". " });
            }
            text.push_str(" [Les mer](/seksjon-01/glemt-passord/)\n\n");
        }
    }
    text
}

/// The page with one sentence added to its second paragraph: a real edit.
fn edited(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(at) = out.find(".\n\n") {
        out.insert_str(
            at + 1,
            " Husk å velge et passord du ikke bruker andre steder.",
        );
    }
    out
}

#[divan::bench]
fn front_matter_parse(bencher: Bencher) {
    let text = page(1);
    bencher.bench(|| {
        let split = frontmatter::split(black_box(&text)).ok();
        split.map(|s| frontmatter::parse(&s))
    });
}

#[divan::bench]
fn markdown_render(bencher: Bencher) {
    let text = page(2);
    let body = frontmatter::split(&text).map(|s| s.body).unwrap_or(&text);
    bencher.bench(|| render::markdown(black_box(body), false));
}

#[divan::bench]
fn page_hash(bencher: Bencher) {
    let text = page(3);
    bencher.bench(|| tolk::page_hash(black_box(text.as_bytes())));
}

#[divan::bench]
fn unified_diff(bencher: Bencher) {
    let old = page(4);
    let new = edited(&old);
    bencher.bench(|| state::unified_diff("content/nb/side.md", black_box(&old), black_box(&new)));
}

#[divan::bench]
fn block_diff(bencher: Bencher) {
    let old = page(5);
    let new = edited(&old);
    let translation = page(6);
    bencher
        .bench(|| block_diff::compare(black_box(&old), black_box(&new), black_box(&translation)));
}

/// The word scan's whitespace byte table: the page body split into pieces, as block
/// normalisation and the block index read every block.
#[divan::bench]
fn word_pieces(bencher: Bencher) {
    let text = page(8);
    let body = frontmatter::split(&text).map(|s| s.body).unwrap_or(&text);
    bencher.bench(|| words::pieces(black_box(body)).count());
}

/// The word scan's classification tables: the ordinary words of the page body and its marker
/// words of each written standard, as the `untranslated-text` lint reads a block.
#[divan::bench]
fn word_markers(bencher: Bencher) {
    let text = page(9);
    let body = frontmatter::split(&text).map(|s| s.body).unwrap_or(&text);
    bencher.bench(|| {
        let words = Words::new(black_box(body));
        words.len()
            + words.markers(Standard::Bokmal)
            + words.markers(Standard::Nynorsk)
            + words.markers(Standard::English)
            + words.markers(Standard::Norwegian)
    });
}

/// The word scan of the language lints on a page's body: its byte tables class every byte
/// (whitespace, letter, upper case, quote and code marks, name characters, sentence ends), and
/// the words found are looked up in the marker lists.
#[divan::bench]
fn word_scan(bencher: Bencher) {
    let text = page(7);
    let body = frontmatter::split(&text).map(|s| s.body).unwrap_or(&text);
    bencher.bench(|| {
        let words = words::Words::new(black_box(body));
        (words.len(), words.markers(words::Standard::Bokmal))
    });
}

/// `page.html` of the embedded theme with a context like a real page's: menus of 12 sections
/// with 4 entries each, a switcher, hreflang alternates and related pages.
#[divan::bench]
fn template_render(bencher: Bencher) {
    // The repository's own site, two folders above the library's.
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let Ok(config) = tolk::Config::discover(root, None) else {
        return;
    };
    let Ok(strings) = Strings::load(root, &config) else {
        return;
    };
    let theme = Theme::new(root, Arc::new(strings));
    let text = page(7);
    let body = frontmatter::split(&text).map(|s| s.body).unwrap_or(&text);
    let html = render::markdown(body, false).html;
    let item = |s: usize, p: usize| {
        serde_json::json!({
            "label": format!("Side {s}.{p}"), "url": format!("/seksjon-{s:02}/side-{p}/"),
            "key": format!("seksjon-{s:02}/side-{p}"), "lang": null, "marker": null,
            "current": false, "active": false, "children": []
        })
    };
    let main: Vec<serde_json::Value> = (1..=12)
        .map(|s| {
            let mut entry = item(s, 0);
            entry["children"] = (1..=4).map(|p| item(s, p)).collect();
            entry
        })
        .collect();
    let locale =
        serde_json::json!({"code": "nb", "name": "Norsk bokmål", "hreflang": "nb", "prefix": "/"});
    let context = serde_json::json!({
        "locale_code": "nb",
        "locale": locale,
        "site": {"base_url": "https://minid.no", "locales": [locale], "params": {}},
        "page": {
            "title": "Slik endrer du passordet ditt", "ingress": "Du kan endre passordet når du vil.",
            "description": "Les hvordan.", "url": "/seksjon-03/endre-passord/",
            "canonical": "https://minid.no/seksjon-03/endre-passord/", "key": "seksjon-03/endre-passord",
            "is_front": false, "updated": {"iso": "2025-03-01", "year": 2025, "month": 3, "day": 1},
            "reading_minutes": 3, "params": {}
        },
        "menus": {"main": main},
        "section": null,
        "switcher": [
            {"code": "nb", "name": "Norsk bokmål", "hreflang": "nb", "url": "/seksjon-03/endre-passord/", "current": true, "untranslated": false},
            {"code": "en", "name": "English", "hreflang": "en", "url": "/en/section-03/change-password/", "current": false, "untranslated": false}
        ],
        "alternates": [
            {"hreflang": "nb", "href": "https://minid.no/seksjon-03/endre-passord/"},
            {"hreflang": "en", "href": "https://minid.no/en/section-03/change-password/"},
            {"hreflang": "x-default", "href": "https://minid.no/seksjon-03/endre-passord/"}
        ],
        "related": [
            {"title": "Glemt passord", "url": "/seksjon-01/glemt-passord/", "lang": null, "locale": null, "marker": null},
            {"title": "Sperret MinID", "url": "/seksjon-02/sperret-minid/", "lang": null, "locale": null, "marker": null}
        ],
        "home_url": "/",
        "assets": {"css": "/style.css?v=0123456789"}
    });
    // As the build does: the body is HTML already, marked safe.
    let values = |object: &serde_json::Value| -> BTreeMap<String, minijinja::Value> {
        object
            .as_object()
            .map(|o| {
                o.iter()
                    .map(|(k, v)| {
                        (
                            k.clone(),
                            minijinja::Value::from(minijinja::value::Serde(v)),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut page = values(&context["page"]);
    page.insert("body".into(), minijinja::Value::from_safe_string(html));
    let mut all = values(&context);
    all.insert("page".into(), minijinja::Value::from(page));
    let value = minijinja::Value::from(all);
    match theme.render("page.html", value.clone()) {
        Ok(html) => eprintln!("template_render: page.html renders {} bytes", html.len()),
        Err(e) => eprintln!("template_render: page.html fails: {e}"),
    }
    bencher.bench(|| theme.render("page.html", black_box(value.clone())));
}
