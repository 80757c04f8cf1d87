//! What a translator reads, through the real binary: word-level diffs in `tolk diff` (plain and
//! coloured), `--side-by-side`, the HTML dashboard (grouping, titles, word counts, wrapping,
//! generation time and commit), and `tolk status` at 80 columns, per locale, in locale order.

mod common;

use common::{Site, page};

const SOURCE: &str = "---\ntitle: Om MinID\n---\n## Om\n\nMinID er en elektronisk ID som du kan bruke til å logge inn på offentlige tjenester.\n\nDu kan bruke den fra du er 13 år.\n\n- Mobil\n- Passord\n";
const TRANSLATION: &str = "---\ntitle: About MinID\n---\n## About\n\nMinID is an electronic ID you can use to log in to public services.\n\nYou can use it from the age of 13.\n\n- Mobile\n- Password\n";

/// A site in git with `content/en/om.md` stale: a clause added, a word changed, an item added.
fn stale_site() -> Site {
    let site = Site::new();
    site.git_init()
        .write("tolk.yaml", "base_url: https://minid.example/\n")
        .write("content/nb/om.md", SOURCE)
        .write("content/en/om.md", TRANSLATION)
        .write(
            "content/nb/kom-i-gang/registrer-deg.md",
            page(
                "Registrer deg",
                "",
                "Du trenger et fødselsnummer og en mobil.\n\n```\nkode som ikke telles\n```\n",
            ),
        )
        .write(
            "content/nn/kom-i-gang/registrer-deg.md",
            page("Registrer deg", "", "Du treng eit fødselsnummer.\n"),
        )
        .commit("pages");
    assert_eq!(site.run(&["mark", "content/en/om.md"]).0, 0);
    site.commit("baseline");
    site.write(
        "content/nb/om.md",
        SOURCE
            .replace(
                "offentlige tjenester.",
                "offentlige tjenester, både på nett og i appen.",
            )
            .replace("du er 13", "du fyller 13")
            .replace("- Passord\n", "- Passord\n- Kode fra SMS\n"),
    )
    .commit("edit");
    site
}

fn width(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn diff_marks_changed_words_inside_the_line() {
    let site = stale_site();
    let (code, text, stderr) = site.run(&["diff", "content/en/om.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        text.contains("~ Du kan bruke den fra du [-er-]{+fyller+} 13 år.\n"),
        "{text}"
    );
    assert!(
        text.contains("offentlige tjenester{+, både på nett og i appen+}.\n"),
        "{text}"
    );
    assert!(text.contains("+ {+- Kode fra SMS+}\n"), "{text}");
    // Not a whole removed line and a whole added one.
    assert!(!text.contains("\n-Du kan bruke den"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour codes with NO_COLOR");
    let never = site
        .tolk()
        .env_remove("NO_COLOR")
        .args(["--color", "never", "diff", "content/en/om.md"])
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8_lossy(&never.stdout), text);
}

#[test]
fn coloured_diff_underlines_added_words_and_strikes_removed_ones() {
    let site = stale_site();
    let out = site
        .tolk()
        .env_remove("NO_COLOR")
        .args(["--color", "always", "diff", "content/en/om.md"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let added = tolk::report::style::paint(tolk::report::diff::ADDED_WORDS, "fyller");
    let removed = tolk::report::style::paint(tolk::report::diff::REMOVED_WORDS, "er");
    assert!(
        text.contains(&format!("du {removed}{added} 13 år.")),
        "{text}"
    );
    assert!(text.contains("\u{1b}[4m"), "underlined: {text}");
    assert!(!text.contains("{+"), "no markers in colour: {text}");
}

#[test]
fn side_by_side_puts_each_changed_block_beside_the_translation() {
    let site = stale_site();
    let out = site
        .tolk()
        .env("COLUMNS", "72")
        .args(["diff", "content/en/om.md", "--side-by-side"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for line in text.lines() {
        assert!(
            width(line) <= 72,
            "{} columns: {line:?}\n{text}",
            width(line)
        );
    }
    assert!(
        text.contains("source: content/nb/om.md")
            && text.contains("│ translation: content/en/om.md"),
        "{text}"
    );
    // The changed paragraph (source line 8) beside the translation's (line 8).
    let row = text
        .lines()
        .find(|l| l.starts_with(" 8 Du kan bruke"))
        .unwrap_or_else(|| panic!("no source row: {text}"));
    assert!(row.contains("│ 10 You can use it from"), "{row}\n{text}");
    assert!(text.contains("du [-er-]"), "{text}");
    assert!(text.contains("{+fyller+} 13 år."), "{text}");
    // The added item: where it goes in the translation.
    assert!(text.contains("12 {+- Kode fra SMS+}"), "{text}");
    assert!(text.contains("│ 13 - Password"), "{text}");
    assert!(text.contains("▸ insert after line 13"), "{text}");
    // The unified diff is left out: the blocks say it all.
    assert!(!text.contains("@@"), "{text}");
}

fn dashboard(site: &Site) -> String {
    let out = site
        .tolk()
        .env("SOURCE_DATE_EPOCH", "1767268800")
        .args(["status", "--format", "html"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn dashboard_groups_work_by_locale_with_titles_words_and_wrapping_diffs() {
    let site = stale_site();
    let raw = dashboard(&site);
    let html = raw.replace("&#x2f;", "/");
    // Made when and from what.
    assert!(html.contains("Generated 2026-01-01 12:00 UTC"), "{html}");
    let head = site.git(&["rev-parse", "--short=7", "HEAD"]);
    assert!(
        html.contains(&format!("from commit <code>{}</code>", head.trim())),
        "{html}"
    );
    // Work per locale in configured order (nn before en), then per state.
    let nn = html.find("id=\"work-nn\"").expect("nn work");
    let en = html.find("id=\"work-en\"").expect("en work");
    assert!(nn < en, "nn first");
    let stale = html[en..]
        .find("s-stale\">stale")
        .expect("stale group in en");
    let missing = html[en..]
        .find("s-missing\">missing")
        .expect("missing group");
    assert!(stale < missing);
    // Titles and words to translate beside the paths.
    assert!(
        html.contains("<p class=\"title\">About MinID</p>"),
        "{html}"
    );
    assert!(
        html.contains("<code>content/en/kom-i-gang/registrer-deg.md</code> · 9 words to translate"),
        "title field and body, not the code block: {html}"
    );
    // The stale page: only its changed and added blocks count.
    assert!(
        html.contains("<code>content/en/om.md</code> · 34 words to translate"),
        "{html}"
    );
    // Word-level diff, wrapping, with no blank line after each line.
    assert!(
        html.contains("<del><span class=\"sr\">removed: </span>er</del><ins><span class=\"sr\">added: </span>fyller</ins>"),
        "{html}"
    );
    assert!(
        !html.contains("<pre"),
        "no preformatted block that cannot wrap"
    );
    assert!(
        html.contains(".diff div { white-space: pre-wrap; overflow-wrap: anywhere;"),
        "diff lines wrap"
    );
    assert!(html.contains("overflow-wrap: anywhere"), "long paths wrap");
    // Commands break between words, never inside a flag.
    assert!(
        html.contains("<span class=\"w\">--locale nn</span>"),
        "{html}"
    );
    assert!(html.contains(".cmd .w { white-space: nowrap; }"));
    // Percentages beside the section bars; no empty table header.
    assert!(html.contains("<span class=\"pct\">0%</span>"), "{html}");
    assert!(!html.contains("<th scope=\"col\"></th>"));
    assert!(!html.contains("<th></th>"));
    insta::assert_snapshot!("dashboard", raw);
}

#[test]
fn status_fits_80_columns() {
    let site = Site::new();
    for (key, state) in [
        ("om", "up"),
        (
            "kom-i-gang-med-minid-og-innlogging/registrer-deg",
            "missing",
        ),
        (
            "hjelp-og-kontakt-for-brukere-av-minid/glemt-passord",
            "draft",
        ),
    ] {
        site.write(
            &format!("content/nb/{key}.md"),
            page("Side", "", "Tekst.\n"),
        );
        match state {
            "draft" => site.write(
                &format!("content/en/{key}.md"),
                page("Page", "draft: true\n", "Text.\n"),
            ),
            "up" => site.write(&format!("content/en/{key}.md"), page("Page", "", "Text.\n")),
            _ => &site,
        };
    }
    site.write("content/en/gammel.md", page("Old", "", "Orphan.\n"));
    let out = site
        .tolk()
        .env("COLUMNS", "80")
        .arg("status")
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    for line in text.lines() {
        assert!(
            width(line) <= 80,
            "{} columns: {line:?}\n{text}",
            width(line)
        );
    }
    assert!(text.contains("kom-i-gang"), "{text}");
}

#[test]
fn status_filters_one_locale_and_keeps_configured_order() {
    let site = stale_site();
    let (code, text, stderr) = site.run(&["status"]);
    assert_eq!(code, 0, "{stderr}");
    let nn = text.find("\n  nn ").expect("nn row");
    let en = text.find("\n  en ").expect("en row");
    assert!(nn < en, "configured order nb, nn, en:\n{text}");
    assert!(text.find("nn by section") < text.find("en by section"));

    let (code, only, stderr) = site.run(&["status", "--locale", "nn"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(only.contains("nn by section"), "{only}");
    assert!(
        !only.contains("en by section") && !only.contains("\n  en "),
        "{only}"
    );

    let (_, json, _) = site.run(&["status", "--format", "json"]);
    let summary = &json[json.find("\"summary\"").expect("summary")..];
    assert!(summary.find("\"nn\"") < summary.find("\"en\""), "{json}");
    let (_, json, _) = site.run(&["status", "--format", "json", "--locale", "en"]);
    let report: serde_json::Value = serde_json::from_str(&json).expect("json");
    let locales: Vec<&String> = report["summary"]
        .as_object()
        .expect("summary")
        .keys()
        .collect();
    assert_eq!(locales, ["en"]);
    assert!(
        report["pages"]
            .as_array()
            .expect("pages")
            .iter()
            .all(|p| p["locale"] == "en")
    );

    let html = dashboard(&site);
    assert!(html.find("Nynorsk (nn)") < html.find("English (en)"));

    let (code, _, stderr) = site.run(&["status", "--locale", "sv"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`sv` is not a locale of this site"),
        "{stderr}"
    );
}

#[test]
fn counts_say_one_page_and_one_warning() {
    let site = Site::new();
    site.write("content/nb/om.md", page("Om", "", "Tekst.\n"));
    let (_, text, _) = site.run(&["status"]);
    assert!(text.contains("(source: nb, 1 page)"), "{text}");
    let (_, html, _) = site.run(&["status", "--format", "html"]);
    assert!(html.contains("1 page,"), "{html}");
    let out = site.path("public");
    let (code, built, stderr) = site.run(&["build", "--out", &out.to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(built.starts_with("built 1 page (nb 1)"), "{built}");
    // The closing count of `tolk check`: singular for one, plural otherwise.
    for extra in ["", "draft: true\n"] {
        site.write("content/en/om.md", page("About", extra, "Text.\n"));
        let (_, check, _) = site.run(&["check", "--fail-on", "never"]);
        let tally = check.lines().last().unwrap_or_default();
        for part in tally.split(", ") {
            let (n, word) = part.split_once(' ').expect("count and word");
            if word != "info" {
                assert_eq!(n != "1", word.ends_with('s'), "{tally}");
            }
        }
    }
}
