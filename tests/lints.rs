//! Content lints, `tolk fix`, `tolk explain`, severity policy and `--changed-since`, run
//! through the real binary on fixture sites: every code with a fixture that triggers it and
//! one that must not.

mod common;

use common::{Site, place};

const SEED: &[u8] = include_bytes!("fixtures/about-minid.en.seed.md");

/// A Bokmål source page with a menu entry, related pages and a few blocks.
fn source_page(site: &Site) {
    site.write_page(
        "content/nb/om-minid.md",
        "title: Om MinID\ndescription: Les hva MinID er og hvem som kan få den.\nurl: /om-minid/\nmenu:\n  main:\n    weight: 20\nrelated_pages:\n  - /kontakt\nsitemap:\n  priority: 0.8\n",
        "## En ID for det digitale Norge\n\n\
         Skal du bruke tjenester fra stat og kommune på nett, må tjenesten vite hvem du er. MinID løser dette for deg.\n\n\
         - se og endre skattekortet ditt\n\
         - melde flytting til Folkeregisteret\n\n\
         Les mer på siden om [kontakt](/kontakt/).\n",
    );
    site.write_page(
        "content/nb/kontakt.md",
        "title: Kontakt\ndescription: Slik kontakter du brukerstøtten for MinID.\n",
        "Ring oss på telefon, eller send oss en e-post hvis du ikke får logget inn.\n",
    );
}

/// A faithful English translation of [`source_page`]'s page, with `body` in place of the text.
fn english(site: &Site, front_extra: &str, body: &str) {
    site.write_page(
        "content/en/om-minid.md",
        &format!(
            "title: About MinID\ndescription: Learn what MinID is and who can get it.\nurl: /en/about-minid/\nmenu:\n  main:\n    weight: 20\nrelated_pages:\n  - /en/contact/\nsitemap:\n  priority: 0.8\n{front_extra}"
        ),
        body,
    );
    site.write_page(
        "content/en/kontakt.md",
        "title: Contact\ndescription: How to contact MinID user support.\nurl: /en/contact/\n",
        "Call us, or send us an email if you cannot log in.\n",
    );
}

const ENGLISH_BODY: &str = "## An ID for digital Norway\n\n\
     When you use services from central or local government online, the service needs to know who you are. MinID takes care of that.\n\n\
     - view and change your tax deduction card\n\
     - report a change of address to the National Population Register\n\n\
     Read more on the [contact](/en/contact/) page.\n";

fn clean_site() -> Site {
    let site = Site::new();
    source_page(&site);
    english(&site, "", ENGLISH_BODY);
    // Each locale's home page, so that the site is complete.
    site.write_page(
        "content/nb/_index.md",
        "title: Forside\ndescription: Velkommen til MinID.\n",
        "Velkommen.\n",
    );
    site.write_page(
        "content/en/_index.md",
        "title: Home\ndescription: Welcome to MinID.\n",
        "Welcome.\n",
    );
    site
}

fn codes(site: &Site) -> Vec<String> {
    let mut codes: Vec<String> = site
        .all_findings()
        .iter()
        .filter(|f| !["missing", "unverified"].contains(&f["code"].as_str().unwrap_or("")))
        .map(|f| {
            format!(
                "{} {}",
                f["code"].as_str().unwrap_or(""),
                f["path"].as_str().unwrap_or("")
            )
        })
        .collect();
    codes.sort();
    codes
}

#[test]
fn a_faithful_translation_has_no_lint_findings() {
    let site = clean_site();
    assert_eq!(codes(&site), Vec::<String>::new());
}

// --- mojibake and tolk fix -------------------------------------------------------------------

#[test]
fn seed_mojibake_is_found_with_the_corrected_text() {
    let site = Site::new();
    site.write("content/en/about-minid.md", SEED);
    let found = site.findings("mojibake");
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f["severity"], "error");
    assert!(
        f["message"].as_str().unwrap().contains("`Lånekassen`"),
        "{f}"
    );
    assert!(
        f["message"].as_str().unwrap().contains("`LÃ¥nekassen`"),
        "{f}"
    );
    let text = String::from_utf8(SEED.to_vec()).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("LÃ¥nekassen"))
        .unwrap()
        + 1;
    let column = text.lines().nth(line - 1).unwrap().find("LÃ¥").unwrap() + 1 + 1; // `Ã`, after `L`
    assert_eq!(place(f), (line as u64, column as u64));
}

#[test]
fn tolk_fix_repairs_the_seed_and_changes_no_other_byte() {
    let site = Site::new();
    site.write("content/en/about-minid.md", SEED);
    let run = site.outcome(&["fix", "content/en/about-minid.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("`LÃ¥nekassen` → `Lånekassen`"),
        "{}",
        run.stdout
    );
    let fixed = site.read("content/en/about-minid.md");
    let expected = String::from_utf8(SEED.to_vec())
        .unwrap()
        .replace("LÃ¥nekassen", "Lånekassen");
    assert_eq!(fixed, expected.as_bytes());
    // Exactly the garbled bytes differ: "Ã¥" (4 bytes) became "å" (2 bytes).
    assert_eq!(SEED.len() - fixed.len(), 2);
    assert!(site.findings("mojibake").is_empty());
    let again = site.outcome(&["fix"]);
    assert!(
        again.stdout.contains("no mojibake found"),
        "{}",
        again.stdout
    );
}

#[test]
fn tolk_fix_dry_run_changes_nothing() {
    let site = Site::new();
    site.write("content/en/about-minid.md", SEED);
    let run = site.outcome(&["fix", "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("would fix"), "{}", run.stdout);
    assert_eq!(site.read("content/en/about-minid.md"), SEED);
}

#[test]
fn correct_norwegian_letters_are_not_mojibake() {
    let site = clean_site();
    site.write_page(
        "content/nb/lan.md",
        "title: Lån og stipend\ndescription: Søk hos Lånekassen – særlig om høsten.\n",
        "Ærlig talt: «Lånekassen» og Skatteetaten bruker MinID — også i 2024.\n",
    );
    assert!(site.findings("mojibake").is_empty());
}

#[test]
fn invalid_utf8_is_reported_with_its_offset() {
    let site = clean_site();
    let mut bytes = b"---\ntitle: Latin-1\ndescription: x\n---\nL".to_vec();
    bytes.push(0xE5); // `å` in Latin-1
    bytes.extend_from_slice(b"nekassen\n");
    site.write("content/nb/latin1.md", &bytes);
    let found = site.findings("invalid-utf8");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]["message"].as_str().unwrap().contains("offset 39"),
        "{}",
        found[0]
    );
    assert_eq!(place(&found[0]), (5, 2));
    // Valid files are not reported.
    assert!(found.iter().all(|f| f["path"] == "content/nb/latin1.md"));
}

// --- untranslated-text and untranslated-field ------------------------------------------------

#[test]
fn a_norwegian_paragraph_in_an_english_page_is_flagged_on_that_paragraph_only() {
    let site = Site::new();
    source_page(&site);
    let body = ENGLISH_BODY.replace(
        "- view and change your tax deduction card\n",
        "- view and change your tax deduction card\n\n\
         Når du registrerer deg som bruker, legger du samtidig inn mobilnummer og e-postadresse i registeret.\n\n",
    );
    english(&site, "", &body);
    let found = site.findings("untranslated-text");
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f["path"], "content/en/om-minid.md");
    assert_eq!(f["locale"], "en");
    let text = std::str::from_utf8(&site.read("content/en/om-minid.md"))
        .unwrap()
        .to_string();
    let line = text.lines().position(|l| l.starts_with("Når du")).unwrap() + 1;
    assert_eq!(place(f), (line as u64, 1));
    assert!(f["message"].as_str().unwrap().contains("Norwegian"), "{f}");
}

#[test]
fn an_english_page_quoting_norwegian_proper_nouns_is_not_flagged() {
    let site = Site::new();
    source_page(&site);
    let body = ENGLISH_BODY.replace(
        "Read more",
        "You can apply for grants and loans from Lånekassen, and report a move or change your tax card at Skatteetaten.no.\n\n\
         Your national identity number (fødselsnummer) is on your letters from Skatteetaten.\n\n\
         The register is called «Kontakt- og reservasjonsregisteret» in Norwegian.\n\nRead more",
    );
    english(&site, "", &body);
    assert_eq!(
        site.findings("untranslated-text"),
        Vec::<serde_json::Value>::new()
    );
}

#[test]
fn a_paragraph_identical_to_the_source_is_flagged() {
    let site = Site::new();
    source_page(&site);
    english(
        &site,
        "",
        &ENGLISH_BODY.replace(
            "When you use services from central or local government online, the service needs to know who you are. MinID takes care of that.",
            "Skal du bruke tjenester fra stat og kommune på nett, må tjenesten vite hvem du er. MinID løser dette for deg.",
        ),
    );
    let found = site.findings("untranslated-text");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("identical to the source's (content/nb/om-minid.md:15)"),
        "{}",
        found[0]
    );
}

#[test]
fn drafts_are_not_judged() {
    let site = Site::new();
    source_page(&site);
    english(
        &site,
        "draft: true\ntitle: Om MinID\n",
        "Skal du bruke tjenester fra stat og kommune på nett, må tjenesten vite hvem du er.\n",
    );
    assert!(site.findings("untranslated-text").is_empty());
    assert!(site.findings("untranslated-field").is_empty());
}

#[test]
fn an_untranslated_title_is_flagged_and_a_translated_one_is_not() {
    let site = Site::new();
    source_page(&site);
    english(&site, "", ENGLISH_BODY);
    let text = String::from_utf8(site.read("content/en/om-minid.md")).unwrap();
    site.write(
        "content/en/om-minid.md",
        text.replace("title: About MinID", "title: Om MinID"),
    );
    let found = site.findings("untranslated-field");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(place(&found[0]), (2, 1));
    assert!(found[0]["message"].as_str().unwrap().contains("`title`"));
    assert!(clean_site().findings("untranslated-field").is_empty());
}

#[test]
fn nynorsk_that_happens_to_equal_bokmal_is_not_flagged() {
    let site = clean_site();
    site.write_page(
        "content/nb/kom-i-gang.md",
        "title: Kom i gang med MinID\ndescription: Slik kommer du i gang.\n",
        "Du kan bruke MinID på mobil og PC.\n",
    );
    site.write_page(
        "content/nn/kom-i-gang.md",
        "title: Kom i gang med MinID\ndescription: Slik kjem du i gang.\n",
        "Du kan bruke MinID på mobil og PC.\n",
    );
    assert!(site.findings("untranslated-field").is_empty());
    assert!(site.findings("untranslated-text").is_empty());
}

// --- field-drift, missing-field, url-format --------------------------------------------------

#[test]
fn menu_weight_drift_is_flagged_and_related_pages_compare_by_page() {
    let site = Site::new();
    source_page(&site);
    english(&site, "", ENGLISH_BODY);
    let text = String::from_utf8(site.read("content/en/om-minid.md")).unwrap();
    site.write(
        "content/en/om-minid.md",
        text.replace("weight: 20", "weight: 30"),
    );
    let found = site.findings("field-drift");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(place(&found[0]), (7, 1));
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("`menu.main.weight` is 30 here but 20")
    );
    // `/en/contact/` and `/kontakt` name the same page: no drift in the clean site.
    assert!(clean_site().findings("field-drift").is_empty());
}

#[test]
fn sitemap_priority_and_related_pages_drift() {
    let site = Site::new();
    source_page(&site);
    english(&site, "", ENGLISH_BODY);
    let text = String::from_utf8(site.read("content/en/om-minid.md")).unwrap();
    site.write(
        "content/en/om-minid.md",
        text.replace("priority: 0.8", "priority: 0.5")
            .replace("  - /en/contact/\n", "  - /om-minid/\n"),
    );
    let messages: Vec<String> = site
        .findings("field-drift")
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`sitemap.priority` is 0.5"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`related_pages` lack `kontakt`"))
    );
}

#[test]
fn missing_title_or_description_is_flagged() {
    let site = clean_site();
    site.write_page("content/nb/tom.md", "title: Tom side\n", "Tekst.\n");
    site.write_page(
        "content/nb/uten.md",
        "description: Ingen tittel her.\n",
        "Tekst.\n",
    );
    let found = site.findings("missing-field");
    let got: Vec<(String, String)> = found
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().into(),
                f["message"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(got[0].0 == "content/nb/tom.md" && got[0].1.contains("`description`"));
    assert!(got[1].0 == "content/nb/uten.md" && got[1].1.contains("`title`"));
}

#[test]
fn badly_formed_urls_are_flagged() {
    let site = clean_site();
    site.write_page(
        "content/en/upper.md",
        "title: Upper\ndescription: d\nurl: /en/About Us\n",
        "Text.\n",
    );
    site.write_page(
        "content/nb/slash.md",
        "title: Slash\ndescription: d\nurl: /uten-skraastrek\n",
        "Tekst.\n",
    );
    site.write_page(
        "content/nb/fil.md",
        "title: Fil\ndescription: d\nurl: /feed.xml\n",
        "Tekst.\n",
    );
    let found = site.findings("url-format");
    let got: Vec<String> = found
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(
        got[0].contains("has upper-case letters, has spaces and does not end with `/`"),
        "{}",
        got[0]
    );
    assert!(got[1].contains("does not end with `/`"));
    assert_eq!(place(&found[0]), (4, 1));
}

// --- structure-mismatch ----------------------------------------------------------------------

#[test]
fn a_dropped_list_item_is_a_structure_mismatch_at_the_point_of_parting() {
    let site = Site::new();
    source_page(&site);
    english(
        &site,
        "",
        &ENGLISH_BODY.replace(
            "- report a change of address to the National Population Register\n",
            "",
        ),
    );
    let found = site.findings("structure-mismatch");
    assert_eq!(found.len(), 1, "{found:#?}");
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message
            .contains("has 1 list item where the source (content/nb/om-minid.md) has 2 list items"),
        "{message}"
    );
    // Heading, item, then the link where the source has its second item.
    let text = String::from_utf8(site.read("content/en/om-minid.md")).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("Read more"))
        .unwrap()
        + 1;
    assert_eq!(place(&found[0]).0, line as u64);
}

#[test]
fn links_to_untranslated_pages_may_be_dropped_or_replaced() {
    let site = Site::new();
    source_page(&site);
    site.write_page(
        "content/nb/sperret.md",
        "title: Sperret\ndescription: d\n",
        "Tekst.\n",
    );
    let text = "Les mer om [sperret MinID](/sperret/).\n";
    let nb = String::from_utf8(site.read("content/nb/om-minid.md")).unwrap();
    site.write("content/nb/om-minid.md", format!("{nb}\n{text}"));
    // The translator replaced the link to the untranslated page with one to a translated page.
    english(
        &site,
        "",
        &format!("{ENGLISH_BODY}\nIf you are locked out, [contact us](/en/contact/).\n"),
    );
    assert!(site.findings("structure-mismatch").is_empty());
}

// --- broken-link and unlocalized-link --------------------------------------------------------

#[test]
fn a_link_to_no_page_is_broken_and_other_links_are_not_checked() {
    let site = Site::new();
    source_page(&site);
    english(
        &site,
        "",
        &format!(
            "{ENGLISH_BODY}\nSee [nowhere](/en/nowhere/), [Norway](https://www.norge.no/), [the guide](/files/guide.pdf), \
             [top](#top), [a relative link](other/) and [the contact page](/EN/Contact#form).\n"
        ),
    );
    let found = site.findings("broken-link");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["severity"], "error");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("`/en/nowhere/`")
    );
    let text = String::from_utf8(site.read("content/en/om-minid.md")).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("See [nowhere]"))
        .unwrap()
        + 1;
    assert_eq!(place(&found[0]), (line as u64, 5));
}

#[test]
fn a_link_to_a_draft_is_broken() {
    let site = clean_site();
    site.write_page(
        "content/nb/snart.md",
        "title: Snart\ndescription: d\ndraft: true\n",
        "Tekst.\n",
    );
    let nb = String::from_utf8(site.read("content/nb/kontakt.md")).unwrap();
    site.write(
        "content/nb/kontakt.md",
        format!("{nb}\nSe [snart](/snart/).\n"),
    );
    let found = site.findings("broken-link");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0]["message"].as_str().unwrap().contains("a draft"));
}

#[test]
fn a_link_to_the_source_language_page_is_unlocalized_when_a_translation_exists() {
    let site = Site::new();
    source_page(&site);
    site.write_page(
        "content/nb/utlandet.md",
        "title: Utlandet\ndescription: d\n",
        "Tekst.\n",
    );
    english(
        &site,
        "",
        &ENGLISH_BODY.replace(
            "[contact](/en/contact/)",
            "[contact](/kontakt/) (and [abroad](/utlandet/), in Norwegian)",
        ),
    );
    let found = site.findings("unlocalized-link");
    assert_eq!(found.len(), 1, "{found:#?}");
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("`/en/contact/`"), "{message}");
    // The link to a page with no English translation is fine.
    assert!(!message.contains("utlandet"));
    assert!(clean_site().findings("unlocalized-link").is_empty());
}

// --- policy ----------------------------------------------------------------------------------

#[test]
fn severity_policy_per_code_and_locale() {
    let site = clean_site();
    site.write_page(
        "content/nb/ny.md",
        "title: Ny\ndescription: Ny side.\n",
        "Tekst.\n",
    );
    site.write(
        "tolk.yaml",
        "severity:\n  missing: { en: error, nn: info }\n  unverified: off\n",
    );
    let found = site.all_findings();
    let missing: Vec<(String, String)> = found
        .iter()
        .filter(|f| f["code"] == "missing")
        .map(|f| {
            (
                f["locale"].as_str().unwrap().into(),
                f["severity"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        missing.contains(&("en".into(), "error".into())),
        "{missing:?}"
    );
    assert!(
        missing.contains(&("nn".into(), "info".into())),
        "{missing:?}"
    );
    assert!(found.iter().all(|f| f["code"] != "unverified"));
    assert_eq!(site.outcome(&["check"]).code, 1);
}

#[test]
fn a_policy_can_set_the_severity_of_encoding_findings() {
    let site = clean_site();
    site.write(
        "content/nb/cr.md",
        "---\ntitle: Linjer\ndescription: Gamle linjeskift.\n---\n\nEn linje\rto linjer\n",
    );
    site.write("tolk.yaml", "severity:\n  line-endings: info\n");
    let found = site.all_findings();
    let endings: Vec<&serde_json::Value> = found
        .iter()
        .filter(|f| f["code"] == "line-endings")
        .collect();
    assert_eq!(endings.len(), 1, "{found:?}");
    assert_eq!(endings[0]["severity"], "info");
}

#[test]
fn a_bad_policy_is_a_usage_error() {
    let site = clean_site();
    site.write("tolk.yaml", "severity:\n  mising: error\n");
    let run = site.outcome(&["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `missing`"),
        "{}",
        run.stderr
    );
}

// --- --changed-since -------------------------------------------------------------------------

#[test]
fn changed_since_limits_findings_to_changed_pages_and_their_translations() {
    let site = Site::new();
    source_page(&site);
    english(
        &site,
        "",
        &format!("{ENGLISH_BODY}\n[Broken](/en/nowhere/).\n"),
    );
    site.write_page(
        "content/nb/annet.md",
        "title: Annet\ndescription: d\n",
        "Se [her](/ingensteds/).\n",
    );
    site.commit_all("start");
    // Nothing changed: nothing to report.
    let run = site.outcome(&["check", "--changed-since", "HEAD", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\"findings\": []"), "{}", run.stdout);
    // The source changed: its translation's findings count, the other page's do not.
    let nb = String::from_utf8(site.read("content/nb/om-minid.md")).unwrap();
    site.write(
        "content/nb/om-minid.md",
        nb.replace("for deg", "for deg og meg"),
    );
    let run = site.outcome(&["check", "--changed-since", "HEAD", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let paths: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"content/en/om-minid.md"), "{paths:?}");
    assert!(!paths.contains(&"content/nb/annet.md"), "{paths:?}");
}

#[test]
fn a_bad_revision_is_exit_2_with_a_clear_message() {
    let site = clean_site();
    site.commit_all("start");
    let run = site.outcome(&["check", "--changed-since", "no-such-branch"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--changed-since `no-such-branch`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("bad revision"), "{}", run.stderr);
}

// --- explain ---------------------------------------------------------------------------------

#[test]
fn every_reported_code_is_explained() {
    let site = Site::new();
    let list = site.outcome(&["explain"]);
    assert_eq!(list.code, 0);
    for code in [
        "missing",
        "stale",
        "unverified",
        "orphaned",
        "draft",
        "front-matter",
        "locale-mismatch",
        "duplicate-key",
        "duplicate-url",
        "invalid-utf8",
        "control-character",
        "line-endings",
        "unreadable",
        "locale-alias",
        "mojibake",
        "untranslated-text",
        "untranslated-field",
        "field-drift",
        "structure-mismatch",
        "broken-link",
        "unlocalized-link",
        "missing-field",
        "url-format",
        "broken-related-page",
        "unsafe-url",
        "fluent-syntax",
        "missing-message",
        "obsolete-message",
        "missing-attribute",
        "obsolete-attribute",
        "unknown-variable",
        "unused-variable",
        "duplicate-message",
        "empty-message",
        "missing-default-variant",
        "unused-message",
        "undefined-message",
    ] {
        assert!(
            list.stdout
                .lines()
                .any(|l| l.starts_with(&format!("{code} "))),
            "{code} not listed"
        );
        let one = site.outcome(&["explain", code]);
        assert_eq!(one.code, 0, "{code}: {}", one.stderr);
        assert!(
            one.stdout.starts_with(&format!("{code} (")),
            "{}",
            one.stdout
        );
    }
    let wrong = site.outcome(&["explain", "brokenlink"]);
    assert_eq!(wrong.code, 2);
    assert!(wrong.stderr.contains("broken-link"), "{}", wrong.stderr);
}

#[test]
fn bokmal_left_in_a_nynorsk_page_is_flagged() {
    let site = clean_site();
    site.write_page(
        "content/nb/varsel.md",
        "title: Varsler\ndescription: Hva du kan få varsel om.\n",
        "## Hold opplysningene oppdatert\n\n\
         - et vedtak som gjelder deg\n\
         - en melding fra kommunen\n\n\
         Med jevne mellomrom blir du bedt om å bekrefte kontaktopplysningene dine når du logger inn.\n",
    );
    site.write_page(
        "content/nn/varsel.md",
        "title: Varsel\ndescription: Kva du kan få varsel om.\n",
        "## Hald opplysningane oppdaterte\n\n\
         - et vedtak som gjelder deg\n\
         - ei melding frå kommunen\n\n\
         Med jamne mellomrom blir du beden om å stadfeste kontaktopplysningane dine når du loggar inn.\n",
    );
    let found = site.findings("untranslated-text");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(place(&found[0]), (7, 1));
    assert_eq!(found[0]["source_path"], "content/nb/varsel.md");
}

#[test]
fn absolute_links_under_the_base_url_are_checked_too() {
    let site = clean_site();
    site.write("tolk.yaml", "base_url: https://minid.no/\n");
    let nb = String::from_utf8(site.read("content/nb/kontakt.md")).unwrap();
    site.write(
        "content/nb/kontakt.md",
        format!("{nb}\nSe [om](https://minid.no/om-minid/) og [borte](https://minid.no/borte/).\n"),
    );
    let found = site.findings("broken-link");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("https://minid.no/borte/")
    );
}

#[test]
fn menu_names_and_parents_are_compared_by_meaning() {
    let site = Site::new();
    site.write_page(
        "content/nb/kom-i-gang/_index.md",
        "title: Kom i gang\ndescription: Slik kommer du i gang.\n",
        "Tekst.\n",
    );
    site.write_page(
        "content/en/kom-i-gang/_index.md",
        "title: Get started\ndescription: How to get started.\nurl: /en/get-started/\n",
        "Text.\n",
    );
    site.write_page(
        "content/nb/kom-i-gang/app.md",
        "title: Appen\ndescription: Om appen.\nmenu:\n  main:\n    name: Hent appen her\n    parent: kom-i-gang\n",
        "Tekst.\n",
    );
    // The parent is written as the English URL of the same page: no drift. The menu name was
    // left in Bokmål: untranslated.
    site.write_page(
        "content/en/kom-i-gang/app.md",
        "title: The app\ndescription: About the app.\nmenu:\n  main:\n    name: Hent appen her\n    parent: /en/get-started/\n",
        "Text.\n",
    );
    assert!(site.findings("field-drift").is_empty());
    let found = site.findings("untranslated-field");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("`menu.main.name`")
    );
    assert_eq!(place(&found[0]), (6, 1));
}

// --- texts read once per check ----------------------------------------------------------------

/// `tolk check` loads pages without their texts and reads each file once more as the lints
/// reach it: its findings, places and messages are those of a site loaded with every text kept
/// (as the dashboard loads it), for every lint.
#[test]
fn check_reading_each_text_again_finds_what_kept_texts_find() {
    let site = clean_site();
    english(
        &site,
        "",
        "## An ID for digital Norway {onclick=steal()}\n\n\
         Skal du bruke tjenester fra stat og kommune på nett, må tjenesten vite hvem du er. MinID løser dette for deg.\n\n\
         - view and change your tax deduction card at LÃ¥nekassen\n\n\
         Read more on the [contact](/kontakt/) page, or [nowhere](/en/nowhere/).\n",
    );
    site.write_page(
        "content/nb/utkast.md",
        "title: Utkast\ndraft: true\n",
        "Et utkast med LÃ¥nekassen.\n",
    );
    site.write_page(
        "content/en/orphan.md",
        "title: Orphan\nurl: /en/orphan/\n",
        "## Heading {style=x}\n\nNo source at all: [gone](/en/gone/).\n",
    );
    site.write(
        "content/nn/om-minid.md",
        b"---\ntitle: [broken\n---\nTekst med \xff.\n",
    );
    let root = site.root();
    let kept = tolk::load_site_with(root, None, tolk::Texts::Kept).expect("site");
    let lean = tolk::load_site_with(root, None, tolk::Texts::OnDemand).expect("site");
    let (kept, lean) = (tolk::analyse(&kept), tolk::analyse(&lean));
    assert_eq!(kept.findings, lean.findings);
    let mut found: Vec<&str> = lean.findings.iter().map(|f| f.code.as_str()).collect();
    found.sort();
    found.dedup();
    for code in [
        "broken-link",
        "unlocalized-link",
        "mojibake",
        "unsafe-attribute",
        "untranslated-text",
        "structure-mismatch",
        "front-matter",
        "invalid-utf8",
    ] {
        assert!(found.contains(&code), "{code} not in {found:?}");
    }
    // Each place is that of the file as written.
    let text = site.read_string("content/en/om-minid.md");
    let place_of = |needle: &str| {
        let line = text.lines().position(|l| l.contains(needle)).expect(needle);
        let column = text
            .lines()
            .nth(line)
            .and_then(|l| l.find(needle))
            .expect(needle);
        (Some(line as u32 + 1), Some(column as u32 + 1))
    };
    let at = |code: &str, dest: &str| {
        let f = lean
            .findings
            .iter()
            .find(|f| {
                f.code == code && f.path == "content/en/om-minid.md" && f.message.contains(dest)
            })
            .unwrap_or_else(|| panic!("{code} {dest}: {:#?}", lean.findings));
        (f.line, f.column)
    };
    assert_eq!(at("broken-link", "/en/nowhere/"), place_of("[nowhere]"));
    assert_eq!(at("unlocalized-link", "/kontakt/"), place_of("[contact]"));
    assert_eq!(at("unsafe-attribute", "onclick"), place_of("## An ID"));
    assert_eq!(at("untranslated-text", "Skal du"), place_of("Skal du"));
    assert_eq!(at("mojibake", "Lånekassen").0, place_of("LÃ¥").0);
    // The binary's report is the same analysis.
    let json = site.check_json();
    assert_eq!(
        json["findings"].as_array().map(Vec::len),
        Some(lean.findings.len()),
        "{json}"
    );
}
