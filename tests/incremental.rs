//! Incremental rebuilds of `tolk serve`: after each kind of change, the served folder must equal
//! what a fresh `tolk build` writes, byte for byte, and only the files the change affects may be
//! rewritten.
//!
//! Most tests drive [`tolk::build::incremental::Session`] (what `tolk serve` runs between
//! polls) on a fixture site; the last one runs the real `tolk serve`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

use common::serve::Server;
use common::{Site, md};
use tolk::build::incremental::{Outcome, Session, Update};

/// Two locales plus Nynorsk with two pages; menus with nesting, related pages across locales,
/// pages without translation, pages in no menu (`vilkar` and the page below it), a draft.
fn fixture() -> Site {
    let site = Site::new();
    site.write(
        "content/nb/_index.md",
        md(
            "title: Forside\nurl: /\nmenu:\n  main:\n    weight: 1\n    name: Forside\n",
            "Velkommen.\n",
        ),
    )
    .write(
        "content/nb/om.md",
        md(
            "title: Om tjenesten\ningress: Alt om tjenesten.\nmenu:\n  main:\n    weight: 20\nrelated_pages:\n  - /hjelp\n  - kontakt\nsitemap:\n  priority: 0.9\n",
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
            "title: Glemt passord\nmenu:\n  main:\n    weight: 10\n    parent: hjelp\nrelated_pages:\n  - om\n",
            "Lag nytt passord.\n",
        ),
    )
    .write(
        "content/nb/kontakt.md",
        md("title: Kontakt\nmenu:\n  main:\n    weight: 40\n", "Ring oss.\n"),
    )
    .write(
        "content/nb/vilkar.md",
        md("title: Vilkår\n", "Vilkårene.\n"),
    )
    .write(
        "content/nb/vilkar/personvern.md",
        md("title: Personvern\nrelated_pages:\n  - /kontakt/\n", "Om personvern.\n"),
    )
    .write(
        "content/nb/utkast.md",
        md("title: Utkast\ndraft: true\n", "Ikke ferdig.\n"),
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
            "title: About the service\nurl: /en/about/\nmenu:\n  main:\n    weight: 20\nrelated_pages:\n  - /hjelp\n  - kontakt\n  - vilkar\n",
            "## How it works\n\nText in English.\n",
        ),
    )
    .write(
        "content/en/hjelp/_index.md",
        md(
            "title: Help\nurl: /en/help/\nmenu:\n  main:\n    weight: 30\n",
            "Help pages.\n",
        ),
    )
    .write(
        "content/en/hjelp/passord.md",
        md(
            "title: Forgotten password\nurl: /en/help/password/\nmenu:\n  main:\n    weight: 10\n    parent: hjelp\n",
            "Make a new one.\n",
        ),
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
            "title: Om tenesta\nurl: /nn/om/\nmenu:\n  main:\n    weight: 20\n",
            "Tekst på nynorsk.\n",
        ),
    );
    site
}

/// Writes `rel` so that its modification time surely changes (some file systems keep coarse
/// times, and two writes in a row may share one).
fn edit(site: &Site, rel: &str, contents: &str) {
    let path = site.path(rel);
    let before = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    site.write(rel, contents);
    let file = std::fs::File::options()
        .write(true)
        .open(&path)
        .expect("open");
    let now = file.metadata().and_then(|m| m.modified()).expect("mtime");
    if let Some(before) = before.filter(|b| *b >= now) {
        file.set_modified(before + Duration::from_millis(10))
            .expect("set mtime");
    }
}

/// Replaces `from` by `to` in the page at `rel`.
fn change(site: &Site, rel: &str, from: &str, to: &str) {
    let text = site.read_string(rel);
    assert!(text.contains(from), "{rel} has no {from:?}:\n{text}");
    edit(site, rel, &text.replacen(from, to, 1));
}

fn remove(site: &Site, rel: &str) {
    std::fs::remove_file(site.path(rel)).expect("remove");
}

/// Every file below `dir` (relative path → bytes), and every folder (→ `None`).
fn tree(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.expect("walk");
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("below")
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = entry
            .file_type()
            .is_file()
            .then(|| std::fs::read(entry.path()).expect("read"));
        out.insert(rel, bytes);
    }
    out
}

/// The served folder.
fn served(site: &Site) -> BTreeMap<String, Option<Vec<u8>>> {
    tree(&site.path("public"))
}

/// What a fresh full build of the site writes.
fn full_build(site: &Site) -> BTreeMap<String, Option<Vec<u8>>> {
    let out = site.path("reference");
    let _ = std::fs::remove_dir_all(&out);
    let loaded = tolk::load_site(site.root(), None).expect("load");
    tolk::build::build(&loaded, &out).expect("full build");
    tree(&out)
}

/// Asserts that the served folder equals a fresh full build, naming the files that differ.
fn assert_same_as_full_build(site: &Site) {
    let served = served(site);
    let full = full_build(site);
    let differ: Vec<&String> = served
        .keys()
        .chain(full.keys())
        .filter(|rel| served.get(*rel) != full.get(*rel))
        .collect();
    assert!(
        differ.is_empty(),
        "the incremental output differs from a full build in {differ:?}"
    );
}

/// The files that differ between two trees.
fn differences(
    before: &BTreeMap<String, Option<Vec<u8>>>,
    after: &BTreeMap<String, Option<Vec<u8>>>,
) -> Vec<String> {
    let all: std::collections::BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    all.into_iter()
        .filter(|rel| before.get(*rel) != after.get(*rel))
        .cloned()
        .collect()
}

fn start(site: &Site) -> Session {
    let mut session = Session::new(site.root(), None, &site.path("public"));
    session.full().expect("first build");
    session
}

/// Runs one update that must be incremental.
fn partial(session: &mut Session) -> Update {
    match session.update() {
        Some(Ok(Outcome::Partial(update))) => update,
        Some(Ok(Outcome::Full(_))) => panic!("expected an incremental rebuild, got a full one"),
        Some(Err(e)) => panic!("rebuild failed: {e}"),
        None => panic!("the change was not seen"),
    }
}

/// The main menu of a page.
fn main_menu(page: &str) -> &str {
    let start = page.find("<nav class=\"main-menu\"").expect("a main menu");
    let end = page[start..]
        .find("</nav>")
        .map_or(page.len(), |e| start + e);
    &page[start..end]
}

#[test]
fn a_body_edit_rewrites_exactly_that_page() {
    let site = fixture();
    let mut session = start(&site);
    assert!(session.update().is_none(), "nothing changed yet");
    let before = served(&site);
    change(
        &site,
        "content/en/om.md",
        "Text in English.",
        "Text, revised.",
    );
    let update = partial(&mut session);
    assert_eq!(update.changed, ["content/en/om.md"]);
    assert!(!update.reloaded);
    assert_eq!((update.pages, update.written, update.removed), (1, 1, 0));
    assert_eq!(
        differences(&before, &served(&site)),
        ["en/about/index.html"]
    );
    assert!(
        site.read_public("en/about/index.html")
            .contains("Text, revised.")
    );
    assert_same_as_full_build(&site);
    assert!(session.update().is_none(), "a rebuild is not repeated");
}

#[test]
fn an_edit_that_changes_no_text_writes_nothing() {
    let site = fixture();
    let mut session = start(&site);
    let before = served(&site);
    let text = site.read_string("content/nb/kontakt.md");
    edit(&site, "content/nb/kontakt.md", &text);
    let update = partial(&mut session);
    assert_eq!((update.pages, update.written), (0, 0));
    assert_eq!(served(&site), before);
}

#[test]
fn a_title_change_reaches_menus_breadcrumbs_and_related_pages() {
    let site = fixture();
    let mut session = start(&site);
    let before = served(&site);
    // A source page: its title is the label of its menu entry in nb, and of the fallback entry
    // in nn (which has no Hjelp page); pages list it as related; pages below it show it in their
    // breadcrumbs.
    change(
        &site,
        "content/nb/hjelp/_index.md",
        "title: Hjelp",
        "title: Hjelp og svar",
    );
    let update = partial(&mut session);
    assert_same_as_full_build(&site);
    let changed = differences(&before, &served(&site));
    assert!(changed.contains(&"hjelp/index.html".to_string()));
    assert!(main_menu(&site.read_public("nn/om/index.html")).contains("Hjelp og svar"));
    assert!(
        site.read_public("hjelp/passord/index.html")
            .contains("Hjelp og svar")
    );
    assert!(
        !changed.contains(&"en/help/index.html".to_string()),
        "English has its own Help page and menu: {changed:?}"
    );
    assert_eq!(update.written, changed.len(), "{changed:?}");
}

#[test]
fn a_title_change_outside_the_menus_reaches_breadcrumbs_and_related_pages_only() {
    let site = fixture();
    let mut session = start(&site);
    let before = served(&site);
    change(
        &site,
        "content/nb/vilkar.md",
        "title: Vilkår",
        "title: Vilkår for bruk",
    );
    let update = partial(&mut session);
    assert_same_as_full_build(&site);
    // The page itself, the page below it (breadcrumbs) and the English page that lists it as
    // related (in Bokmål, marked so): nothing else.
    assert_eq!(
        differences(&before, &served(&site)),
        [
            "en/about/index.html",
            "vilkar/index.html",
            "vilkar/personvern/index.html"
        ]
    );
    assert_eq!(update.written, 3);
}

#[test]
fn dates_follow_lastmod_and_file_times() {
    let site = fixture();
    let mut session = start(&site);
    change(
        &site,
        "content/nb/om.md",
        "title: Om tjenesten\n",
        "title: Om tjenesten\nlastmod: 2024-05-06\n",
    );
    partial(&mut session);
    assert!(site.read_public("om/index.html").contains("2024-05-06"));
    assert!(
        site.read_string("public/sitemap.xml")
            .contains("2024-05-06")
    );
    assert_same_as_full_build(&site);

    // Without git or lastmod, a page's date is its file's: an older file time (same text) moves
    // the date on the page and in the sitemap.
    let before = served(&site);
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000); // 2020-09-13
    std::fs::File::options()
        .write(true)
        .open(site.path("content/nb/kontakt.md"))
        .and_then(|f| f.set_modified(old))
        .expect("set mtime");
    let update = partial(&mut session);
    assert_eq!(update.pages, 1);
    assert_eq!(
        differences(&before, &served(&site)),
        ["kontakt/index.html", "sitemap.xml"]
    );
    assert!(
        site.read_string("public/sitemap.xml")
            .contains("2020-09-13")
    );
    assert_same_as_full_build(&site);
}

#[test]
fn a_parent_page_removed_and_restored_changes_the_breadcrumbs_below_it() {
    let site = fixture();
    let mut session = start(&site);
    let text = site.read_string("content/nb/vilkar.md");
    change(&site, "content/en/om.md", "  - vilkar\n", "");
    remove(&site, "content/nb/vilkar.md");
    partial(&mut session);
    assert!(
        !site
            .read_public("vilkar/personvern/index.html")
            .contains("Vilkår")
    );
    assert_same_as_full_build(&site);
    site.write("content/nb/vilkar.md", &text);
    partial(&mut session);
    assert!(
        site.read_public("vilkar/personvern/index.html")
            .contains("Vilkår")
    );
    assert_same_as_full_build(&site);
}

#[test]
fn a_front_page_removed_and_restored_changes_every_switcher_to_it() {
    let site = fixture();
    let mut session = start(&site);
    let text = site.read_string("content/en/_index.md");
    remove(&site, "content/en/_index.md");
    partial(&mut session);
    // Kontakt has no English translation: its switcher led to the English front page.
    assert!(
        !site
            .read_public("kontakt/index.html")
            .contains("href=\"/en/?from=/kontakt/#not-translated\"")
    );
    assert_same_as_full_build(&site);
    site.write("content/en/_index.md", &text);
    partial(&mut session);
    assert!(
        site.read_public("kontakt/index.html")
            .contains("href=\"/en/?from=/kontakt/#not-translated\"")
    );
    assert_same_as_full_build(&site);
}

#[cfg(unix)]
#[test]
fn pages_behind_a_symbolic_link_are_watched() {
    let site = fixture();
    site.write(
        "shared/vedlegg.md",
        md("title: Vedlegg\nurl: /en/attachment/\n", "Shared text.\n"),
    );
    std::os::unix::fs::symlink(site.path("shared"), site.path("content/en/linked")).expect("link");
    let mut session = start(&site);
    assert!(site.path("public/en/attachment/index.html").is_file());
    change(
        &site,
        "shared/vedlegg.md",
        "Shared text.",
        "Shared text, edited.",
    );
    partial(&mut session);
    assert!(
        site.read_public("en/attachment/index.html")
            .contains("edited")
    );
    assert_same_as_full_build(&site);
    std::fs::remove_file(site.path("content/en/linked")).expect("unlink");
    assert!(matches!(session.update(), Some(Ok(Outcome::Full(_)))));
    assert_same_as_full_build(&site);
}

#[test]
fn a_url_change_reaches_the_translations_switchers_and_alternates() {
    let site = fixture();
    let mut session = start(&site);
    change(
        &site,
        "content/en/om.md",
        "url: /en/about/",
        "url: /en/about-us/",
    );
    let update = partial(&mut session);
    assert!(update.reloaded);
    assert_eq!(update.removed, 1, "the old output goes");
    assert!(!site.path("public/en/about").exists(), "with its folder");
    for rel in ["om/index.html", "nn/om/index.html"] {
        let page = site.read_public(rel);
        assert!(page.contains("/en/about-us/"), "{rel} links the new URL");
        assert!(
            !page.contains("\"/en/about/\""),
            "{rel} still links the old URL"
        );
    }
    assert_same_as_full_build(&site);
}

#[test]
fn a_menu_weight_change_reorders_every_menu_of_the_locale() {
    let site = fixture();
    let mut session = start(&site);
    change(&site, "content/nb/kontakt.md", "weight: 40", "weight: 2");
    let update = partial(&mut session);
    assert!(!update.reloaded);
    // A source page: every locale's menu has it (en and nn as an untranslated entry).
    for rel in [
        "index.html",
        "om/index.html",
        "hjelp/passord/index.html",
        "404.html",
        "en/about/index.html",
        "nn/index.html",
    ] {
        let page = site.read_public(rel);
        let menu = main_menu(&page);
        let kontakt = menu.find("Kontakt").expect("Kontakt in the menu");
        let om = menu
            .find("Om tjenesten")
            .or_else(|| menu.find("About the service"))
            .or_else(|| menu.find("Om tenesta"))
            .expect("the about page in the menu");
        assert!(kontakt < om, "{rel}: Kontakt now comes first");
    }
    assert_same_as_full_build(&site);
}

#[test]
fn pages_added_and_removed() {
    let site = fixture();
    let mut session = start(&site);
    // Kontakt gets an English translation: the switchers of the Bokmål page now lead to it, the
    // English menu uses it instead of the Bokmål fallback.
    site.write(
        "content/en/kontakt.md",
        md(
            "title: Contact\nurl: /en/contact/\nmenu:\n  main:\n    weight: 40\n",
            "Call us.\n",
        ),
    );
    let update = partial(&mut session);
    assert!(update.reloaded);
    assert!(
        site.read_public("kontakt/index.html")
            .contains("/en/contact/")
    );
    assert_same_as_full_build(&site);

    remove(&site, "content/nb/hjelp/passord.md");
    remove(&site, "content/en/hjelp/passord.md");
    let update = partial(&mut session);
    assert_eq!(update.changed.len(), 2);
    assert!(!site.path("public/hjelp/passord").exists());
    assert_same_as_full_build(&site);
}

#[test]
fn drafts_keys_related_pages_and_priorities() {
    let site = fixture();
    let mut session = start(&site);
    change(&site, "content/nb/utkast.md", "draft: true", "draft: false");
    partial(&mut session);
    assert!(site.path("public/utkast/index.html").is_file());
    assert_same_as_full_build(&site);

    change(
        &site,
        "content/nb/om.md",
        "  - kontakt\n",
        "  - kontakt\n  - utkast\n",
    );
    partial(&mut session);
    assert_same_as_full_build(&site);

    change(&site, "content/nb/om.md", "priority: 0.9", "priority: 0.3");
    partial(&mut session);
    assert!(site.read_string("public/sitemap.xml").contains("0.3"));
    assert_same_as_full_build(&site);

    change(
        &site,
        "content/nn/om.md",
        "title: Om tenesta\n",
        "title: Om tenesta\ntranslation_key: kontakt\n",
    );
    partial(&mut session);
    assert_same_as_full_build(&site);

    change(&site, "content/nb/utkast.md", "draft: false", "draft: true");
    change(&site, "content/nb/om.md", "  - utkast\n", "");
    partial(&mut session);
    assert!(!site.path("public/utkast").exists());
    assert_same_as_full_build(&site);
}

#[test]
fn a_refused_change_writes_nothing_and_the_fix_is_incremental() {
    let site = fixture();
    let mut session = start(&site);
    let before = served(&site);
    change(&site, "content/en/om.md", "  - kontakt\n", "  - nowhere\n");
    match session.update() {
        Some(Err(e)) => assert!(
            e.to_string().contains("broken-related-page") || e.to_string().contains("nowhere"),
            "{e}"
        ),
        other => panic!("expected a refused rebuild, got {other:?}"),
    }
    assert_eq!(served(&site), before, "a refused rebuild writes nothing");
    assert!(
        session.update().is_none(),
        "and is not retried until something changes"
    );
    change(&site, "content/en/om.md", "  - nowhere\n", "  - kontakt\n");
    partial(&mut session);
    assert_same_as_full_build(&site);

    // Broken front matter in a body-only sense: the file no longer parses.
    change(
        &site,
        "content/nb/kontakt.md",
        "title: Kontakt",
        "title: [Kontakt",
    );
    assert!(matches!(session.update(), Some(Err(_))));
    assert_eq!(served(&site), before);
    change(
        &site,
        "content/nb/kontakt.md",
        "title: [Kontakt",
        "title: Kontakt",
    );
    partial(&mut session);
    assert_same_as_full_build(&site);
}

#[test]
fn template_ui_string_static_and_configuration_changes_rebuild_everything() {
    let site = fixture();
    let mut session = start(&site);
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>Borte.</p>{% endblock %}",
    );
    assert!(matches!(session.update(), Some(Ok(Outcome::Full(_)))));
    assert!(site.read_public("404.html").contains("Borte."));
    assert_same_as_full_build(&site);

    site.write(
        "locales/nb/site.ftl",
        "skip-link = Hopp rett til innholdet\n",
    );
    assert!(matches!(session.update(), Some(Ok(Outcome::Full(_)))));
    assert_same_as_full_build(&site);

    site.write("tolk.yaml", "base_url: https://minid.example\n");
    assert!(matches!(session.update(), Some(Ok(Outcome::Full(_)))));
    assert!(
        site.read_public("om/index.html")
            .contains("https://minid.example/en/about/")
    );
    assert_same_as_full_build(&site);

    site.write("static/bilder/logo.svg", "<svg/>");
    assert!(matches!(session.update(), Some(Ok(Outcome::Full(_)))));
    assert_eq!(site.read_string("public/bilder/logo.svg"), "<svg/>");
    assert_same_as_full_build(&site);

    change(&site, "content/nb/om.md", "Tekst på bokmål.", "Ny tekst.");
    assert_eq!(
        partial(&mut session).pages,
        1,
        "and incremental again after"
    );
    assert_same_as_full_build(&site);
}

/// With file notifications: waits for the notifications of the edits just made and rebuilds
/// until nothing more arrives; the last outcome.
fn settle(session: &mut Session) -> Option<Result<Outcome, tolk::Error>> {
    let mut last = None;
    loop {
        let notified = session.wait(Duration::from_millis(300));
        match session.update() {
            None if !notified => return last,
            None => {}
            Some(result) => {
                let failed = result.is_err();
                last = Some(result);
                if failed {
                    return last;
                }
            }
        }
    }
}

#[test]
fn file_notifications_name_the_changed_files() {
    let site = fixture();
    let mut session = Session::new(site.root(), None, &site.path("public"));
    if !session.watch(Box::new(tolk_cli::watch::Notify::default())) {
        eprintln!("no file notifications on this platform: nothing to test");
        return;
    }
    session.full().expect("first build");
    let before = served(&site);
    change(&site, "content/nb/kontakt.md", "Ring oss.", "Ring oss nå.");
    match settle(&mut session) {
        Some(Ok(Outcome::Partial(update))) => {
            assert_eq!(update.pages, 1);
            assert!(!update.walked, "the notification named the file");
        }
        other => panic!("expected an incremental rebuild, got {other:?}"),
    }
    assert_eq!(differences(&before, &served(&site)), ["kontakt/index.html"]);
    assert_same_as_full_build(&site);

    // A new folder (which notifications cannot describe file by file: a walk), then gone.
    site.write(
        "content/nb/nytt/side.md",
        md("title: Ny side\n", "Helt ny.\n"),
    );
    assert!(matches!(
        settle(&mut session),
        Some(Ok(Outcome::Partial(_)))
    ));
    assert!(site.path("public/nytt/side/index.html").is_file());
    assert_same_as_full_build(&site);
    std::fs::remove_dir_all(site.path("content/nb/nytt")).expect("remove folder");
    assert!(matches!(
        settle(&mut session),
        Some(Ok(Outcome::Partial(_)))
    ));
    assert_same_as_full_build(&site);

    // Editors that save through a temporary file and a rename.
    let text = site
        .read_string("content/en/om.md")
        .replace("Text in English.", "Saved by rename.");
    site.write("content/en/.om.md.swp", &text);
    std::fs::rename(
        site.path("content/en/.om.md.swp"),
        site.path("content/en/om.md"),
    )
    .expect("rename");
    match settle(&mut session) {
        Some(Ok(Outcome::Partial(update))) => assert!(!update.walked),
        other => panic!("expected an incremental rebuild, got {other:?}"),
    }
    assert!(
        site.read_public("en/about/index.html")
            .contains("Saved by rename.")
    );
    assert_same_as_full_build(&site);

    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>Borte.</p>{% endblock %}",
    );
    assert!(matches!(settle(&mut session), Some(Ok(Outcome::Full(_)))));
    assert_same_as_full_build(&site);
}

/// A deterministic walk through many kinds of edits, in an order no one chose: after each, the
/// served folder must equal a full build.
#[test]
fn a_long_sequence_of_edits_matches_full_builds() {
    sequence(false);
}

/// The same walk, with changes seen through file notifications.
#[test]
fn a_long_sequence_of_edits_seen_through_notifications_matches_full_builds() {
    sequence(true);
}

fn sequence(notifications: bool) {
    let site = fixture();
    let mut session = Session::new(site.root(), None, &site.path("public"));
    if notifications && !session.watch(Box::new(tolk_cli::watch::Notify::default())) {
        eprintln!("no file notifications on this platform: nothing to test");
        return;
    }
    session.full().expect("first build");
    let rebuild = |session: &mut Session| {
        if notifications {
            settle(session)
        } else {
            session.update()
        }
    };
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let pages = [
        "content/nb/_index.md",
        "content/nb/om.md",
        "content/nb/hjelp/_index.md",
        "content/nb/hjelp/passord.md",
        "content/nb/kontakt.md",
        "content/en/om.md",
        "content/en/hjelp/_index.md",
        "content/en/hjelp/passord.md",
        "content/nn/om.md",
        "content/nb/vilkar.md",
        "content/nb/vilkar/personvern.md",
        "content/en/vilkar.md",
    ];
    // Fewer steps with notifications: each waits for them to go quiet.
    let steps = if notifications { 40 } else { 80 };
    for step in 0..steps {
        let rel = pages[next(pages.len())];
        let exists = site.path(rel).is_file();
        let what = next(7);
        let text = if exists {
            site.read_string(rel)
        } else {
            String::new()
        };
        let new = match what {
            _ if !exists => md(&format!("title: Ny side {step}\n"), "Ny.\n"),
            0 => format!("{text}\nAvsnitt {step}.\n"),
            1 => text.replacen("title: ", &format!("title: T{step} "), 1),
            2 => match text.find("weight: ") {
                Some(at) => {
                    let end = text[at..].find('\n').map_or(text.len(), |e| at + e);
                    format!("{}weight: {}{}", &text[..at], next(50), &text[end..])
                }
                None => text.replacen("---\n", "---\nmenu:\n  main:\n    weight: 7\n", 1),
            },
            3 if !rel.ends_with("_index.md") => {
                remove(&site, rel);
                String::new()
            }
            4 if !text.contains("related_pages") => {
                text.replacen("---\n", "---\nrelated_pages:\n  - om\n", 1)
            }
            5 if text.contains("url: /en/") || text.contains("url: /nn/") => {
                text.replacen("/\n", &format!("-{step}/\n"), 1)
            }
            _ => text.replacen("---\n", &format!("---\ningress: Steg {step}.\n"), 1),
        };
        if !new.is_empty() {
            edit(&site, rel, &new);
        }
        if let Some(Err(e)) = rebuild(&mut session) {
            // Refused: so must a full build be; undo the edit and go on.
            let loaded = tolk::load_site(site.root(), None).expect("load");
            assert!(
                tolk::build::build(&loaded, &site.path("reference")).is_err(),
                "step {step} ({rel}, change {what}): refused, but a full build succeeds: {e}"
            );
            if exists {
                edit(&site, rel, &text);
            } else {
                remove(&site, rel);
            }
            assert!(
                matches!(rebuild(&mut session), Some(Ok(_))),
                "step {step}: undo"
            );
        }
        let served = served(&site);
        let full = full_build(&site);
        let differ = differences(&served, &full);
        assert!(
            differ.is_empty(),
            "step {step} ({rel}, change {what}): differs from a full build in {differ:?}"
        );
    }
}

// ---- the real `tolk serve` ----

#[test]
fn tolk_serve_rebuilds_one_page_and_says_so() {
    let site = fixture();
    let server = Server::start(&site);
    let before = served(&site);
    change(
        &site,
        "content/nb/kontakt.md",
        "Ring oss.",
        "Ring oss i dag.",
    );
    let line = server.wait_for_start("rebuilt");
    assert!(
        line.starts_with("rebuilt 1 page in ") && line.contains("content/nb/kontakt.md"),
        "{line}"
    );
    assert_eq!(differences(&before, &served(&site)), ["kontakt/index.html"]);
    assert_same_as_full_build(&site);

    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>Borte.</p>{% endblock %}",
    );
    let line = server.wait_for_start("built ");
    assert!(line.contains("pages in"), "{line}");
    assert_same_as_full_build(&site);
}
