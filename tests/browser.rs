//! The built site in a real browser: headless Chromium opens the English about page, follows
//! the language switcher, and must land on the Bokmål page with `lang="nb"` and the Bokmål
//! menu. It also saves a screenshot of one page per locale under `target/screenshots/`, to be
//! looked at by a person.
//!
//! Accessibility: axe-core checks every page of the repository's own site and the translation
//! dashboard against WCAG 2.0 and 2.1 levels A and AA and its best-practice rules, with every
//! `<details>` opened, at 1280 and at 390 px wide, and no page may scroll sideways at either
//! width. axe-core comes from npm (`npm install axe-core` into `target/axe`, as .ci/run does,
//! or a file named by `TOLK_AXE_CORE`).
//!
//! Runs only where `/usr/bin/chromium` (and, for the axe tests, axe-core) exists; elsewhere it
//! says what is missing and how to install it, and passes; in CI (`CI` set) a missing one is a
//! failure. The browser gets no network but this test's own server on 127.0.0.1.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::cdp::{
    Browser, CHROMIUM, WIDTHS, axe_core, axe_problems, chromium, chromium_available,
};

/// The harness page: loads the English about page in a frame, clicks its Bokmål switcher link
/// like a reader would, and writes what the frame then shows into `#result`.
const HARNESS: &str = r#"<!DOCTYPE html>
<html><body>
<iframe id="f" src="/en/about-minid/" width="1280" height="900"></iframe>
<pre id="result">pending</pre>
<script>
var frame = document.getElementById("f"), clicked = false;
frame.addEventListener("load", function () {
  var doc = frame.contentDocument, out = document.getElementById("result");
  if (!clicked) {
    clicked = true;
    var link = doc.querySelector('.language-switcher a[hreflang="nb"]');
    if (!link) { out.textContent = "no Bokmål link in the language switcher"; return; }
    link.click();
    return;
  }
  var menu = Array.prototype.map.call(doc.querySelectorAll(".main-menu a"), function (a) {
    return a.textContent.replace(/\s+/g, " ").trim();
  });
  out.textContent = JSON.stringify({ path: doc.location.pathname, lang: doc.documentElement.lang, menu: menu });
});
</script>
</body></html>"#;

#[test]
fn language_switcher_in_a_real_browser_and_screenshots() {
    if !Path::new(CHROMIUM).exists() {
        // In CI, .ci/run installs Chromium: its absence there is a failure, not a skip.
        assert!(
            std::env::var_os("CI").is_none(),
            "{CHROMIUM} is not installed; .ci/run installs it with `apt-get install -y chromium`"
        );
        eprintln!("not run: {CHROMIUM} is not installed (`apt-get install chromium`)");
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().expect("temp dir");
    let site = work.path().join("site");
    let status = Command::new(assert_cmd::cargo::cargo_bin("tolk"))
        .arg("--root")
        .arg(repo)
        .arg("build")
        .arg("--out")
        .arg(&site)
        .arg("--quiet")
        .status()
        .expect("tolk runs");
    assert!(status.success(), "the repository's site must build");
    std::fs::write(site.join("harness.html"), HARNESS).expect("harness");
    let port = serve(site.clone());
    let base = format!("http://127.0.0.1:{port}");

    let dom = chromium(
        work.path(),
        &[
            "--dump-dom",
            "--virtual-time-budget=15000",
            &format!("{base}/harness.html"),
        ],
    );
    let result = dom
        .split_once("<pre id=\"result\">")
        .and_then(|(_, rest)| rest.split_once("</pre>"))
        .map(|(json, _)| {
            json.replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
        })
        .unwrap_or_else(|| panic!("no result in the harness page:\n{dom}"));
    let result: serde_json::Value = serde_json::from_str(&result)
        .unwrap_or_else(|_| panic!("the switcher was not followed: {result}"));
    assert_eq!(result["path"], "/om-minid/", "{result}");
    assert_eq!(result["lang"], "nb", "{result}");
    let expected = main_menu_labels(
        &std::fs::read_to_string(site.join("om-minid/index.html")).expect("nb page"),
    );
    let shown: Vec<String> = result["menu"]
        .as_array()
        .expect("menu")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    assert_eq!(shown, expected, "the browser must show the Bokmål menu");
    assert!(shown.iter().any(|l| l == "Om MinID"), "{shown:?}");

    let shots = screenshot_dir();
    std::fs::create_dir_all(&shots).expect("screenshot dir");
    for (locale, path) in [
        ("nb", "/om-minid/"),
        ("nn", "/nn/om-minid/"),
        ("en", "/en/about-minid/"),
    ] {
        let file = shots.join(format!("about-{locale}.png"));
        let _ = std::fs::remove_file(&file);
        chromium(
            work.path(),
            &[
                &format!("--screenshot={}", file.display()),
                "--window-size=1280,1600",
                "--hide-scrollbars",
                &format!("{base}{path}"),
            ],
        );
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        assert!(
            size > 20_000,
            "screenshot {} is missing or blank ({size} bytes)",
            file.display()
        );
    }
}

/// target/screenshots (next to the tests' scratch folder, wherever the target folder is).
fn screenshot_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join("screenshots")
}

fn main_menu_labels(html: &str) -> Vec<String> {
    let from = html.find("<nav class=\"main-menu\"").expect("main menu");
    let menu = &html[from..];
    let menu = &menu[..menu.find("</nav>").expect("menu end")];
    menu.split("<a ")
        .skip(1)
        .map(|a| {
            let inner = &a[a.find('>').map_or(0, |i| i + 1)..];
            let inner = &inner[..inner.find("</a>").unwrap_or(inner.len())];
            let mut text = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// The translation dashboard (`tolk status --format html`) in a real browser: it renders with
/// no network, shows coverage per locale, and folds each stale page's diff in a `<details>`
/// element. A screenshot is saved as `target/screenshots/dashboard.png`.
#[test]
fn translation_dashboard_in_a_real_browser() {
    if !Path::new(CHROMIUM).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{CHROMIUM} is not installed; .ci/run installs it with `apt-get install -y chromium`"
        );
        eprintln!("not run: {CHROMIUM} is not installed (`apt-get install chromium`)");
        return;
    }
    let site = dashboard_fixture();
    let (code, html, stderr) = site.run(&["status", "--format", "html"]);
    assert_eq!(code, 0, "{stderr}");
    for attribute in ["src=\"http", "href=\"http", "url(http", "@import"] {
        assert!(
            !html.contains(attribute),
            "the dashboard loads nothing from the network: {attribute}"
        );
    }
    let page = site.path("status.html");
    std::fs::write(&page, &html).expect("write dashboard");
    let url = format!("file://{}", page.display());
    let dom = chromium(site.root(), &["--dump-dom", &url]);
    assert!(dom.contains("<h1>Translation status</h1>"), "{dom}");
    assert!(
        dom.contains("English (en)") && dom.contains("Nynorsk (nn)"),
        "{dom}"
    );
    assert!(
        dom.contains("<summary>Diff of the source since the baseline</summary>"),
        "{dom}"
    );
    assert!(
        dom.contains("<ins><span class=\"sr\">added: </span>fyller</ins> 13 år."),
        "{dom}"
    );
    assert!(
        dom.contains("tolk new content/nb/hjelp/_index.md <span class=\"w\">--locale en</span>"),
        "{dom}"
    );
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).expect("screenshot dir");
    let shot = shots.join("dashboard.png");
    let _ = std::fs::remove_file(&shot);
    chromium(
        site.root(),
        &[
            "--window-size=1280,1400",
            &format!("--screenshot={}", shot.display()),
            &url,
        ],
    );
    assert!(shot.is_file(), "screenshot written");
}

/// Serves `dir` on 127.0.0.1 (a free port) for the rest of the test process.
fn serve(dir: PathBuf) -> u16 {
    let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let _ = answer(stream, &dir);
            });
        }
    });
    port
}

fn answer(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let mut file = dir.to_path_buf();
    for part in path.split('/').filter(|p| !p.is_empty() && *p != "..") {
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let (status, body) = match std::fs::read(&file) {
        Ok(body) => ("200 OK", body),
        Err(_) => ("404 Not Found", b"not found".to_vec()),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("css") => "text/css",
        Some("xml") => "application/xml",
        _ => "text/html; charset=utf-8",
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)?;
    stream.flush()
}

/// The URL of every HTML file below `site`, sorted.
fn html_urls(site: &Path) -> Vec<String> {
    let mut urls: Vec<String> = walk(site)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .filter_map(|p| {
            let rel = p.strip_prefix(site).ok()?.to_str()?.replace('\\', "/");
            Some(match rel.strip_suffix("index.html") {
                Some(dir) => format!("/{dir}"),
                None => format!("/{rel}"),
            })
        })
        .collect();
    urls.sort();
    urls
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Builds the repository's own site (or the site at `TOLK_AXE_ROOT`, to check another one)
/// into `work/site`.
fn build_own_site(work: &Path) -> PathBuf {
    let own = Path::new(env!("CARGO_MANIFEST_DIR"));
    let other = std::env::var_os("TOLK_AXE_ROOT").map(PathBuf::from);
    let repo = other.as_deref().unwrap_or(own);
    let site = work.join("site");
    let status = Command::new(assert_cmd::cargo::cargo_bin("tolk"))
        .arg("--root")
        .arg(repo)
        .arg("build")
        .arg("--out")
        .arg(&site)
        .arg("--quiet")
        .status()
        .expect("tolk runs");
    assert!(status.success(), "the repository's site must build");
    site
}

/// Every page of the repository's own site passes axe-core (WCAG 2.0/2.1 A and AA, best
/// practices) with its `<details>` open, and scrolls sideways neither at 1280 nor at 390 px.
#[test]
fn own_site_passes_axe_at_desktop_and_phone_widths() {
    if !chromium_available() {
        return;
    }
    let Some(axe) = axe_core() else { return };
    let work = tempfile::tempdir().expect("temp dir");
    let site = build_own_site(work.path());
    let urls = html_urls(&site);
    if std::env::var_os("TOLK_AXE_ROOT").is_none() {
        assert!(urls.len() > 30, "the site has its pages: {urls:?}");
    }
    let port = serve(site);
    let problems = axe_problems(&axe, &format!("http://127.0.0.1:{port}"), &urls);
    assert!(
        problems.is_empty(),
        "{} accessibility problems on {} pages:\n{}",
        problems.len(),
        urls.len(),
        problems.join("\n")
    );
}

/// The translation dashboard (`tolk status --format html`), of the repository and of a small
/// site with a stale page, passes axe-core with its `<details>` open, and scrolls sideways
/// neither at 1280 nor at 390 px.
#[test]
fn dashboard_passes_axe_at_desktop_and_phone_widths() {
    if !chromium_available() {
        return;
    }
    let Some(axe) = axe_core() else { return };
    let work = tempfile::tempdir().expect("temp dir");
    let fixture = dashboard_fixture();
    for (name, root) in [
        ("status.html", Path::new(env!("CARGO_MANIFEST_DIR"))),
        ("fixture.html", fixture.root()),
    ] {
        let output = Command::new(assert_cmd::cargo::cargo_bin("tolk"))
            .arg("--root")
            .arg(root)
            .args(["status", "--format", "html"])
            .output()
            .expect("tolk runs");
        let html = String::from_utf8(output.stdout).expect("utf-8");
        assert!(html.contains("<html"), "a dashboard: {html}");
        std::fs::write(work.path().join(name), html).expect("write dashboard");
    }
    let port = serve(work.path().to_path_buf());
    let problems = axe_problems(
        &axe,
        &format!("http://127.0.0.1:{port}"),
        &["/status.html".to_string(), "/fixture.html".to_string()],
    );
    assert!(
        problems.is_empty(),
        "{} accessibility problems in the dashboard:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The language switcher of a page that has no English translation leads to the English front
/// page, where the "not translated" notice shows, takes focus (so that screen readers announce
/// it) and links back to the page the reader came from, in its language, with the header still
/// in view: at a desktop's and at a phone's width.
#[test]
fn not_translated_notice_takes_focus_and_links_back() {
    if !chromium_available() {
        return;
    }
    let work = tempfile::tempdir().expect("temp dir");
    let site = build_own_site(work.path());
    let port = serve(site);
    let shots = screenshot_dir();
    std::fs::create_dir_all(&shots).expect("screenshot dir");
    for (width, height) in WIDTHS {
        let mut browser = Browser::start(width, height);
        browser.open(&format!("http://127.0.0.1:{port}/bruke-minid-i-utlandet/"));
        browser.follow(r#".language-switcher a[hreflang="en"]"#);
        let state = browser.eval(
            r#"(() => {
              const notice = document.getElementById("not-translated");
              const back = Array.from(notice.querySelectorAll("a")).filter(a => !a.hidden);
              const box = notice.getBoundingClientRect();
              return {
                path: location.pathname,
                focused: document.activeElement && document.activeElement.id,
                shown: getComputedStyle(notice).display !== "none",
                inView: box.top >= 0 && box.bottom <= innerHeight,
                headerInView: document.querySelector(".brand").getBoundingClientRect().top >= 0,
                back: back.map(a => ({ href: a.getAttribute("href"), lang: a.lang, text: a.textContent.trim() })),
              };
            })()"#,
        );
        browser.screenshot(&shots.join(format!("not-translated-{width}.png")));
        // The main menu wraps where it is too long for one row: every entry is on screen.
        let hidden = browser.eval(
            r#"Array.from(document.querySelectorAll(".main-menu a"))
                 .filter(a => a.getBoundingClientRect().right > innerWidth + 0.5)
                 .map(a => a.textContent.trim())"#,
        );
        assert_eq!(
            hidden,
            serde_json::json!([]),
            "menu entries off screen at {width} px"
        );
        // A `from` that is not a path of this site leads nowhere: no link back is shown.
        for from in [
            "//evil.example/",
            "javascript:alert(1)",
            "https://evil.example/",
            "/\\evil.example/",
        ] {
            browser.open(&format!(
                "http://127.0.0.1:{port}/en/?from={}#not-translated",
                from.replace('/', "%2F")
                    .replace(':', "%3A")
                    .replace('\\', "%5C")
            ));
            let shown = browser.eval(
                r##"Array.from(document.querySelectorAll("#not-translated a")).filter(a => !a.hidden).length"##,
            );
            assert_eq!(shown, 0, "from={from}");
        }
        assert_eq!(state["path"], "/en/", "{state}");
        assert_eq!(state["focused"], "not-translated", "at {width} px: {state}");
        assert_eq!(state["shown"], true, "{state}");
        assert_eq!(state["inView"], true, "at {width} px: {state}");
        assert_eq!(state["headerInView"], true, "at {width} px: {state}");
        assert_eq!(
            state["back"],
            serde_json::json!([{
                "href": "/bruke-minid-i-utlandet/",
                "lang": "nb",
                "text": "Tilbake til siden på bokmål"
            }]),
            "{state}"
        );
    }
}

/// A site whose dashboard has something in every part: an up-to-date page that then went stale
/// (its diff folded in a `<details>`), a missing translation, and a missing locale.
fn dashboard_fixture() -> common::Site {
    let site = common::Site::new();
    site.git_init()
        .write(
            "content/nb/om.md",
            common::page(
                "Om MinID",
                "",
                "MinID er gratis.\n\nDu kan bruke den fra du er 13 år.\n",
            ),
        )
        .write(
            "content/en/om.md",
            common::page(
                "About MinID",
                "",
                "MinID is free.\n\nYou can use it from age 13.\n",
            ),
        )
        .write(
            "content/nb/hjelp/_index.md",
            common::page("Hjelp", "", "Hjelp.\n"),
        )
        .commit("pages");
    assert_eq!(site.run(&["mark", "content/en/om.md"]).0, 0);
    site.commit("baseline");
    site.write(
        "content/nb/om.md",
        common::page(
            "Om MinID",
            "",
            "MinID er gratis.\n\nDu kan bruke den fra du fyller 13 år.\n",
        ),
    )
    .commit("edit");
    site
}
