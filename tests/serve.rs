//! The real `tolk serve` as an editor meets it: a change that does not build shows an overlay
//! in the served pages (the finding, its file and line) until it is fixed, and a port that is
//! taken fails at once, before anything is built, saying which port and how to pick another.
//!
//! Everything stays on 127.0.0.1; every wait is bounded.

mod common;

use std::io::Read;
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Site;
use common::cdp;
use common::serve::Server;

fn fixture() -> Site {
    let site = Site::new();
    site.write(
        "content/nb/om.md",
        "---\ntitle: Om MinID\n---\nMinID er gratis.\n",
    )
    .write(
        "content/nb/kontakt.md",
        "---\ntitle: Kontakt\n---\nRing oss.\n",
    );
    site
}

/// The overlay's text, tags removed.
fn overlay(page: &str) -> Option<String> {
    let from = page.find("id=\"tolk-build-error\"")?;
    let rest = &page[from..];
    let rest = &rest[rest.find('>').map_or(0, |i| i + 1)..];
    let html = &rest[..rest.find("</div>").unwrap_or(rest.len())];
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    Some(text)
}

#[test]
fn a_change_that_does_not_build_shows_an_overlay_until_it_is_fixed() {
    let site = fixture();
    let server = Server::start(&site);
    let (status, page) = server.get("/om/");
    assert_eq!(status, 200);
    assert!(page.contains("MinID er gratis."), "{page}");
    assert_eq!(overlay(&page), None, "no overlay while the site builds");
    let (_, version) = server.get("/__tolk/version");

    // Front matter that is no YAML: the build is refused.
    site.write(
        "content/nb/om.md",
        "---\ntitle: Om MinID\nmenu: [oops\n---\nMinID er gratis i dag.\n",
    );
    server.wait_for("error");
    let version = server.next_version(&version);
    for path in ["/om/", "/kontakt/", "/finnes-ikke/"] {
        let (_, page) = server.get(path);
        let text = overlay(&page).unwrap_or_else(|| panic!("no overlay on {path}:\n{page}"));
        assert!(text.contains("did not build"), "{text}");
        assert!(text.contains("front-matter"), "{text}");
        // The file, and the line where the YAML parser gave up.
        assert!(text.contains("content/nb/om.md:4"), "file and line: {text}");
    }
    // The page below is the last good build.
    assert!(server.get("/om/").1.contains("MinID er gratis."));

    // Fixed: the next build clears the overlay.
    site.write(
        "content/nb/om.md",
        "---\ntitle: Om MinID\n---\nMinID er gratis i dag.\n",
    );
    server.next_version(&version);
    let (_, page) = server.get("/om/");
    assert!(page.contains("MinID er gratis i dag."), "{page}");
    assert_eq!(overlay(&page), None);
}

#[test]
fn changing_a_broken_page_back_clears_the_overlay() {
    let site = fixture();
    let server = Server::start(&site);
    let (_, version) = server.get("/__tolk/version");
    site.write(
        "content/nb/kontakt.md",
        "---\ntitle: [Kontakt\n---\nRing oss.\n",
    );
    let version = server.next_version(&version);
    assert!(overlay(&server.get("/kontakt/").1).is_some());
    // Back to exactly what was built last: nothing to rebuild, and nothing wrong any more.
    site.write(
        "content/nb/kontakt.md",
        "---\ntitle: Kontakt\n---\nRing oss.\n",
    );
    server.next_version(&version);
    assert_eq!(overlay(&server.get("/kontakt/").1), None);
}

#[test]
fn a_taken_port_fails_before_building_and_says_how_to_pick_another() {
    let site = fixture();
    let taken = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
    let port = taken.local_addr().expect("address").port();
    let out = site.path("out");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("tolk"))
        .current_dir(site.root())
        .args(["serve", "--port", &port.to_string(), "--out"])
        .arg(&out)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tolk serve starts");
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("tolk serve kept running on a taken port");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = pipe.read_to_string(&mut stderr);
    }
    let mut stdout = String::new();
    if let Some(mut pipe) = child.stdout.take() {
        let _ = pipe.read_to_string(&mut stdout);
    }
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("port {port}")), "{stderr}");
    assert!(stderr.contains("--port"), "{stderr}");
    assert!(
        !out.exists(),
        "nothing may be built before the port is known to be free: {stdout}"
    );
    drop(taken);
}

/// In a real browser, with no reload by hand: the page that is open shows the overlay soon after
/// a broken change is saved (the live-reload poll notices the failed build), and loses it once
/// the change is fixed.
#[test]
fn the_open_page_shows_the_overlay_by_itself() {
    if !cdp::chromium_available() {
        return;
    }
    let site = fixture();
    let server = Server::start(&site);
    let mut browser = cdp::Browser::start(1280, 900);
    browser.open(&format!("http://127.0.0.1:{}/om/", server.port));
    let overlay_shown = "new Promise(done => { \
        const start = Date.now(); \
        (function look() { \
          const o = document.getElementById('tolk-build-error'); \
          if (o || Date.now() - start > 200) done(o ? o.innerText : null); \
          else setTimeout(look, 50); \
        })(); })";
    assert_eq!(browser.eval(overlay_shown), serde_json::Value::Null);
    site.write(
        "content/nb/om.md",
        "---\ntitle: Om MinID\nmenu: [oops\n---\nMinID er gratis i dag.\n",
    );
    // The poll runs every second; the reload it triggers is a new page load.
    browser
        .wait_event("Page.loadEventFired", Duration::from_secs(20))
        .expect("the page reloads by itself after the failed build");
    let text = browser.eval(overlay_shown);
    let text = text.as_str().unwrap_or_default();
    assert!(
        text.contains("did not build") && text.contains("content/nb/om.md:4"),
        "{text}"
    );
    // The overlay passes the same accessibility rules as the site, on a desktop and a phone.
    if let Some(axe) = cdp::axe_core() {
        let base = format!("http://127.0.0.1:{}", server.port);
        let problems = cdp::axe_problems(&axe, &base, &["/om/".to_string()]);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
    site.write(
        "content/nb/om.md",
        "---\ntitle: Om MinID\n---\nMinID er gratis i dag.\n",
    );
    browser
        .wait_event("Page.loadEventFired", Duration::from_secs(20))
        .expect("the page reloads by itself after the fix");
    assert_eq!(browser.eval(overlay_shown), serde_json::Value::Null);
    assert_eq!(
        browser.eval("document.querySelector('main').innerText.includes('MinID er gratis i dag.')"),
        true
    );
}
