//! Security and faults: what a hostile contributor (page content, file system links, huge or
//! deeply nested input) or a hostile network client can make tolk do. Every case ends in a
//! finding, a refusal or a bounded answer, never in script in a reader's browser, a file read
//! or written outside the site, a crash or a hang.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::cdp::{chromium, chromium_available};
use common::serve::Server;
use common::{Site, page, with_code};

fn run(site: &Site, args: &[&str]) -> (i32, String, String) {
    let out = site
        .tolk()
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .expect("tolk runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn built(site: &Site) {
    let (code, stdout, stderr) = run(site, &["build"]);
    assert_eq!(code, 0, "build failed:\n{stdout}\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

fn findings(site: &Site) -> Vec<serde_json::Value> {
    let (code, stdout, stderr) = run(site, &["check", "--format", "json", "--fail-on", "never"]);
    assert_eq!(code, 0, "check failed: {stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    report["findings"].as_array().expect("findings").clone()
}

/// Every built HTML file below `dir`.
fn html_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

// ---------------------------------------------------------------------------------------------
// Script from page content

/// Markdown that tries to get an attribute or element that runs script into the page: every
/// construct that writes attributes (headings, links and images with titles, autolinks,
/// footnotes, tables), and the hostile seeds of the fuzz corpus.
fn xss_bodies() -> Vec<String> {
    let mut bodies: Vec<String> = Vec::new();
    let constructs = [
        "## A {style=content-visibility:auto oncontentvisibilityautostatechange=alert(1)}\n\nx\n",
        "## B {onclick=alert(2) onmouseover=alert(3) .ok #b}\n",
        "C {onfocus=alert(4) tabindex=0 autofocus=1}\n===\n",
        "### D {id=x onanimationstart=alert(5) style=animation-name:spin}\n",
        "[t](/x \"a\\\" onmouseover=\\\"alert(6)\") ![i](/i.png \"x\\\" onerror=\\\"alert(7)\")\n",
        "![i](x \"\" onerror=alert(8))\n",
        "<javascript:alert(9)> <https://ok.example/\"onmouseover=\"alert(10)>\n",
        "[a](javascript:alert(11)) [b](JaVa\tScRiPt:alert(12)) ![c](data:text/html,<script>alert(13)</script>)\n",
        "Text[^\"><img src=x onerror=alert(14)>]\n\n[^\"><img src=x onerror=alert(14)>]: note\n",
        "| a \"onmouseover=alert(15) | b |\n|:--|--:|\n| <img src=x onerror=alert(16)> | `x` |\n",
        "<img src=x onerror=alert(17)>\n\n<svg onload=alert(18)>\n\n<script>alert(19)</script>\n",
        "[x]: javascript:alert(20)\n\n[ref][x]\n",
        "```\"><script>alert(21)</script>\nx\n```\n",
        "```js {onclick=alert(22)}\nx\n```\n",
    ];
    bodies.extend(constructs.iter().map(|s| s.to_string()));
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/blocks");
    let mut names: Vec<_> = std::fs::read_dir(&seeds)
        .expect("seeds")
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    // The seeds, a few to a page, after the constructs that have a page each.
    for group in names.chunks(6) {
        let mut joined = String::new();
        for path in group {
            let text = String::from_utf8_lossy(&std::fs::read(path).expect("seed")).into_owned();
            // A seed may hold both sides of a comparison, split by control bytes.
            let clean: String = text
                .chars()
                .map(|c| if c.is_control() && c != '\n' { '\n' } else { c })
                .collect();
            joined.push_str(&clean.replace("---", "- - -"));
            joined.push_str("\n\n");
        }
        bodies.push(joined);
    }
    bodies
}

fn xss_site() -> Site {
    let site = Site::new();
    for (i, body) in xss_bodies().iter().enumerate() {
        site.write(
            &format!("content/nb/x{i}.md"),
            page(&format!("Side {i}"), "description: d\n", body),
        );
    }
    site
}

#[test]
fn heading_attributes_cannot_carry_script() {
    let site = Site::new();
    site.write(
        "content/nb/a.md",
        page(
            "A",
            "description: d\n",
            "## A {style=content-visibility:auto oncontentvisibilityautostatechange=alert(1)}\n\n\
             ## B {#eget .note onclick=alert(2) onmouseover=alert(3)}\n\nC {onfocus=x}\n===\n",
        ),
    );
    built(&site);
    let html = site.read_string("public/a/index.html");
    for bad in [
        "oncontentvisibility",
        "onclick",
        "onmouseover",
        "onfocus",
        "style=",
    ] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(html.contains(r#"id="eget""#), "{html}");
    assert!(html.contains(r#"class="note""#), "{html}");
    let all = findings(&site);
    let dropped = with_code(&all, "unsafe-attribute");
    assert_eq!(dropped.len(), 3, "{dropped:#?}");
    assert!(dropped.iter().all(|f| f["path"] == "content/nb/a.md"));
    assert!(
        dropped[0]["message"].as_str().is_some_and(|m| m
            .contains("oncontentvisibilityautostatechange")
            && m.contains("style")),
        "{dropped:#?}"
    );
    assert_eq!(dropped[0]["line"], 5);
    // `unsafe_html: true` is the site's own choice: nothing dropped, nothing reported.
    site.write("tolk.yaml", "unsafe_html: true\n");
    assert!(with_code(&findings(&site), "unsafe-attribute").is_empty());
    let (code, _, _) = run(&site, &["explain", "unsafe-attribute"]);
    assert_eq!(code, 0);
}

#[test]
fn no_xss_corpus_entry_writes_an_event_handler() {
    let site = xss_site();
    built(&site);
    let files = html_files(&site.path("public"));
    assert!(files.len() > 10);
    for file in files {
        let html = std::fs::read_to_string(&file).expect("html");
        for (tag, attrs) in tags(&html) {
            assert!(
                tag != "script" || attrs.is_empty(),
                "script in {}",
                file.display()
            );
            for (name, value) in attrs {
                let bad = name.starts_with("on")
                    || (name == "style" && !value.starts_with("text-align: "))
                    || value
                        .to_ascii_lowercase()
                        .trim_start()
                        .starts_with("javascript:");
                assert!(
                    !bad,
                    "<{tag} {name}={value:?}> in {}:\n{html}",
                    file.display()
                );
            }
        }
    }
}

/// The tags of `html` with their attributes (names lowercased, values as written), read the
/// way a browser tokenizer reads them: quoted values may hold anything but their quote.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' || i + 1 >= b.len() || !b[i + 1].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        i += 1;
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let tag = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let name_start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>') {
                i += 1;
            }
            let name = html[name_start..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    i += 1;
                    let v = i;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    value = html[v..i.min(b.len())].to_string();
                    i += 1;
                } else {
                    let v = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[v..i].to_string();
                }
            }
            attrs.push((name, value));
        }
        out.push((tag, attrs));
    }
    out
}

/// The built corpus opened in headless Chromium with `alert`, `confirm` and `prompt` replaced
/// by a hook that writes into the page: no page may call them.
#[test]
fn xss_corpus_runs_no_script_in_a_real_browser() {
    if !chromium_available() {
        return;
    }
    let site = xss_site();
    built(&site);
    const HOOK: &str = "<script>(function(){function hit(m){document.documentElement.setAttribute('data-xss',String(m));}\
        window.alert=hit;window.confirm=hit;window.prompt=hit;})();</script>";
    let files: Vec<_> = html_files(&site.path("public"))
        .into_iter()
        .filter(|f| {
            f.parent()
                .and_then(|p| p.file_name())
                .is_some_and(|n| n.to_string_lossy().starts_with('x'))
        })
        .collect();
    assert_eq!(files.len(), xss_bodies().len());
    for file in files {
        // The hook comes first in the page, before anything of the page can run.
        let html = std::fs::read_to_string(&file).expect("html");
        let hooked = match html.find("<head>") {
            Some(i) => format!("{}<head>{HOOK}{}", &html[..i], &html[i + 6..]),
            None => format!("{HOOK}{html}"),
        };
        let out = file.with_file_name("hooked.html");
        std::fs::write(&out, hooked).expect("write");
        let url = format!("file://{}", out.display());
        let dom = chromium(
            site.root(),
            &["--virtual-time-budget=1000", "--dump-dom", &url],
        );
        assert!(dom.contains("<html"), "chromium gave no DOM for {url}");
        assert!(!dom.contains("data-xss=\""), "script ran in {url}:\n{dom}");
    }
}

// ---------------------------------------------------------------------------------------------
// Symbolic links out of the site

/// A folder outside the site with a secret in it.
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("secret.md"),
        "---\ntitle: SECRET\n---\nSECRET\n",
    )
    .expect("w");
    std::fs::write(dir.path().join("secret.txt"), "SECRET").expect("w");
    std::fs::write(
        dir.path().join("base.html"),
        "SECRET {% block content %}{% endblock %}",
    )
    .expect("w");
    std::fs::write(dir.path().join("page.html"), "SECRET").expect("w");
    std::fs::write(dir.path().join("x.ftl"), "secret = SECRET\n").expect("w");
    dir
}

fn link(target: &Path, site: &Site, rel: &str) {
    let path = site.path(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::os::unix::fs::symlink(target, path).expect("symlink");
}

fn small_site() -> Site {
    let site = Site::new();
    site.write("content/nb/a.md", page("A", "description: d\n", "Tekst.\n"));
    site
}

/// Whether any file below `dir` contains `needle`.
fn tree_contains(dir: &Path, needle: &str) -> bool {
    walk_files(dir)
        .iter()
        .any(|f| std::fs::read(f).is_ok_and(|b| String::from_utf8_lossy(&b).contains(needle)))
}

fn walk_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let meta = std::fs::symlink_metadata(&path).expect("meta");
        if meta.is_dir() {
            out.extend(walk_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn a_static_folder_linked_out_of_the_site_is_not_copied() {
    let secret = outside();
    let site = small_site();
    site.write("static/logo.txt", "logo");
    link(secret.path(), &site, "static/etc");
    let (code, stdout, stderr) = run(&site, &["build"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(site.path("public/logo.txt").is_file());
    assert!(
        !site.path("public/etc").exists(),
        "the linked folder was copied"
    );
    assert!(!tree_contains(&site.path("public"), "SECRET"));
    let said = format!("{stdout}{stderr}");
    assert_eq!(said.matches("static/etc").count(), 1, "said once: {said}");

    // The static folder itself a link out of the site.
    let site = small_site();
    link(secret.path(), &site, "static");
    let (code, stdout, stderr) = run(&site, &["build"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        !tree_contains(&site.path("public"), "SECRET"),
        "{stdout}{stderr}"
    );
    assert!(!site.path("public/secret.txt").exists());
}

#[test]
fn a_content_folder_linked_out_of_the_site_is_not_read() {
    let secret = outside();
    let site = small_site();
    link(secret.path(), &site, "content/nb/ext");
    let all = findings(&site);
    assert!(
        !all.iter()
            .any(|f| f["path"].as_str().is_some_and(|p| p.contains("secret"))),
        "pages behind the link were analysed: {all:#?}"
    );
    let unreadable: Vec<_> = with_code(&all, "unreadable");
    assert_eq!(unreadable.len(), 1, "{unreadable:#?}");
    assert_eq!(unreadable[0]["path"], "content/nb/ext");
    assert!(!tree_contains(&site.path("public"), "SECRET"));
}

#[test]
fn tolk_new_never_writes_or_copies_through_a_link_out_of_the_site() {
    let secret = outside();
    let target = tempfile::tempdir().expect("temp dir");
    let site = small_site();
    link(target.path(), &site, "content/en");
    let (code, _, stderr) = run(&site, &["new", "content/nb/a.md", "--locale", "en"]);
    assert_ne!(code, 0, "new wrote through the link");
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert!(
        walk_files(target.path()).is_empty(),
        "a file was written outside the site"
    );

    // A source behind a link is not a page: its text is never copied into the site.
    let site = small_site();
    link(secret.path(), &site, "content/nb/ext");
    let (code, _, _) = run(
        &site,
        &["new", "content/nb/ext/secret.md", "--locale", "en"],
    );
    assert_ne!(code, 0);
    assert!(!tree_contains(&site.path("content/en"), "SECRET"));
}

#[test]
fn locales_and_templates_linked_out_of_the_site_are_not_read() {
    for (what, rel) in [
        ("locales folder", "locales"),
        ("locale folder", "locales/en"),
        ("templates folder", "templates"),
    ] {
        let secret = outside();
        let site = small_site();
        if rel != "locales" {
            site.write("locales/nb/ui.ftl", "hello = Hei\n");
        }
        link(secret.path(), &site, rel);
        let all = findings(&site);
        assert!(
            with_code(&all, "unreadable")
                .iter()
                .any(|f| f["path"] == rel),
            "{what}: {all:#?}"
        );
        let _ = run(&site, &["build"]);
        assert!(
            !tree_contains(&site.path("public"), "SECRET"),
            "{what}: read through the link"
        );
    }
    // One template linked out.
    let secret = outside();
    let site = small_site();
    site.write("templates/.keep", "");
    link(
        &secret.path().join("base.html"),
        &site,
        "templates/base.html",
    );
    let _ = run(&site, &["build"]);
    assert!(!tree_contains(&site.path("public"), "SECRET"));
}

// ---------------------------------------------------------------------------------------------
// The output swap and leftovers

/// A site big enough that a build takes a noticeable moment.
fn busy_site() -> Site {
    let site = Site::new();
    site.write(
        "content/nb/_index.md",
        page("Forside", "url: /\ndescription: d\n", "Hei.\n"),
    );
    for i in 0..120 {
        site.write(
            &format!("content/nb/p{i}.md"),
            page(
                &format!("Side {i}"),
                "description: d\n",
                &"Tekst på siden. ".repeat(200),
            ),
        );
    }
    site
}

fn temp_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tolk-"))
        .collect();
    names.sort();
    names
}

fn spawn_build(site: &Site) -> std::process::Child {
    Command::new(assert_cmd::cargo::cargo_bin("tolk"))
        .arg("--root")
        .arg(site.root())
        .args(["build", "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("tolk starts")
}

#[test]
fn a_reader_never_sees_the_output_missing_during_builds() {
    let site = busy_site();
    built(&site);
    let index = site.path("public/index.html");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let stop = stop.clone();
        let index = index.clone();
        std::thread::spawn(move || {
            let mut misses = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                if std::fs::metadata(&index).is_err() {
                    misses += 1;
                }
            }
            misses
        })
    };
    for _ in 0..12 {
        let (code, _, stderr) = run(&site, &["build", "--quiet"]);
        assert_eq!(code, 0, "{stderr}");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert_eq!(
        reader.join().expect("reader"),
        0,
        "public/index.html was missing"
    );
}

#[test]
fn kill_9_during_builds_leaves_an_output_and_no_pile_of_leftovers() {
    let site = busy_site();
    built(&site);
    let started = Instant::now();
    built(&site);
    let took = started.elapsed();
    for i in 0..16u32 {
        let mut child = spawn_build(&site);
        std::thread::sleep(took * i / 16);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        assert!(
            site.path("public/index.html").is_file(),
            "no output after kill -9 at {:?}",
            took * i / 16
        );
    }
    // The next build removes what the killed ones left.
    built(&site);
    assert_eq!(temp_names(site.root()), Vec::<String>::new());
}

#[test]
fn concurrent_builds_never_remove_each_others_work() {
    let site = busy_site();
    built(&site);
    for _ in 0..4 {
        let a = spawn_build(&site);
        let b = spawn_build(&site);
        for mut child in [a, b] {
            let status = child.wait().expect("wait");
            assert!(status.success(), "a concurrent build failed");
        }
        assert!(site.path("public/index.html").is_file());
    }
    assert_eq!(temp_names(site.root()), Vec::<String>::new());
}

#[test]
fn a_failed_swap_keeps_the_previous_output_with_and_without_the_exchange() {
    let site = busy_site();
    built(&site);
    let before = site.read_string("public/p1/index.html");
    site.write(
        "content/nb/p1.md",
        page("Endret", "description: d\n", "Ny.\n"),
    );
    for points in ["build-swap", "build-no-exchange,build-swap-fallback"] {
        let out = site
            .tolk()
            .args(["build"])
            .env("TOLK_FAILPOINT", points)
            .output()
            .expect("run");
        assert_ne!(out.status.code(), Some(0), "{points}");
        assert_eq!(site.read_string("public/p1/index.html"), before, "{points}");
        assert_eq!(temp_names(site.root()), Vec::<String>::new(), "{points}");
    }
    // Without the exchange the two-rename fallback still publishes.
    let out = site
        .tolk()
        .args(["build"])
        .env("TOLK_FAILPOINT", "build-no-exchange")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(site.read_string("public/p1/index.html").contains("Endret"));
}

#[test]
fn edits_remove_temporary_files_of_killed_runs_but_not_of_live_ones() {
    let site = small_site();
    site.write(
        "content/en/a.md",
        page("About A", "description: About d\n", "Text.\n"),
    );
    // A leftover of a process that no longer exists, and one of this (live) test process.
    let dead = "content/en/.tolk-2147483632-AbCdEf.tmp";
    let live = format!("content/en/.tolk-{}-AbCdEf.tmp", std::process::id());
    site.write(dead, "half");
    site.write(&live, "in use");
    let (code, _, stderr) = run(&site, &["mark", "content/en/a.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !site.path(dead).exists(),
        "the stale temporary file is still there"
    );
    assert!(site.path(&live).exists(), "a live run's file was removed");
}

// ---------------------------------------------------------------------------------------------
// Depth bombs

fn nested_fluent(depth: usize) -> String {
    format!(
        "deep = {}x{}\nok = Hei\n",
        "{ ".repeat(depth),
        " }".repeat(depth)
    )
}

#[test]
fn deeply_nested_fluent_is_a_finding_not_a_crash() {
    let site = small_site();
    site.write("locales/nb/ui.ftl", nested_fluent(5_000));
    let all = findings(&site);
    let deep = with_code(&all, "fluent-too-deep");
    assert_eq!(deep.len(), 1, "{all:#?}");
    assert_eq!(deep[0]["path"], "locales/nb/ui.ftl");
    assert_eq!(deep[0]["line"], 1);

    site.write("locales/nb/ui.ftl", nested_fluent(50_000));
    let (code, stdout, stderr) = run(&site, &["build"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("ui.ftl"), "{stderr}");
    let (code, _, stderr) = run(&site, &["explain", "fluent-too-deep"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn deeply_nested_front_matter_is_a_finding_not_a_crash() {
    let site = small_site();
    for (i, open) in ["[", "{a: "].iter().enumerate() {
        site.write(
            &format!("content/nb/deep{i}.md"),
            format!(
                "---\ntitle: T\ntags: {}\n---\nTekst.\n",
                open.repeat(50_000)
            ),
        );
    }
    let all = findings(&site);
    for i in 0..2 {
        let path = format!("content/nb/deep{i}.md");
        assert!(
            all.iter()
                .any(|f| f["path"] == path.as_str() && f["severity"] == "error"),
            "{path}: {all:#?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Linear time on hostile content

/// The fastest of three runs of `f`.
fn fastest(mut f: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .expect("runs")
}

/// Asserts that ten times the input takes well under a hundred times as long: linear work
/// takes about ten times, quadratic work a hundred.
fn assert_linear(what: &str, small: Duration, large: Duration) {
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-4);
    assert!(
        ratio < 30.0,
        "{what}: 10× the input took {ratio:.0}× the time ({small:?} → {large:?})"
    );
}

#[test]
fn many_equal_headings_render_in_linear_time() {
    let body = |n: usize| "## Hjelp\n\n".repeat(n);
    let (small, large) = (body(2_000), body(20_000));
    let t1 = fastest(|| {
        tolk::build::render::markdown(&small, false);
    });
    let t2 = fastest(|| {
        let r = tolk::build::render::markdown(&large, false);
        assert!(r.html.contains("id=\"hjelp-19999\""));
    });
    assert_linear("headings", t1, t2);
}

#[test]
fn many_mojibake_repairs_are_described_in_linear_time() {
    // One long line, so that a column counted from the line start each time is quadratic.
    let text = |n: usize| "Ã¸ ".repeat(n);
    let (small, large) = (text(20_000), text(200_000));
    let t1 = fastest(|| {
        tolk::edit::fix::fix_text(&small).expect("repairs");
    });
    let t2 = fastest(|| {
        let (_, fixed) = tolk::edit::fix::fix_text(&large).expect("repairs");
        assert_eq!(fixed.len(), 200_000);
    });
    assert_linear("mojibake", t1, t2);
}

#[test]
fn many_broken_reference_links_are_checked_in_linear_time() {
    let site_with = |n: usize| {
        let site = small_site();
        let mut body = String::new();
        for i in 0..n {
            body.push_str(&format!("[lenke {i}][r{i}]\n"));
        }
        for i in 0..n {
            body.push_str(&format!("\n[r{i}]: /finnes-ikke-{i}/"));
        }
        site.write(
            "content/nb/lenker.md",
            page("Lenker", "description: d\n", &body),
        );
        site
    };
    let (small, large) = (site_with(4_000), site_with(40_000));
    let time = |site: &Site| {
        fastest(|| {
            let (code, _, _) = run(site, &["check", "--format", "json", "--fail-on", "never"]);
            assert_eq!(code, 0);
        })
    };
    let (t1, t2) = (time(&small), time(&large));
    assert_linear("reference links", t1, t2);
}

#[test]
fn deeply_nested_flow_yaml_is_refused_in_linear_time() {
    let site_with = |n: usize| {
        let site = small_site();
        site.write(
            "content/nb/dyp.md",
            format!("---\ntitle: T\ntags: {}\n---\nTekst.\n", "[".repeat(n)),
        );
        site
    };
    let (small, large) = (site_with(20_000), site_with(200_000));
    let time = |site: &Site| {
        fastest(|| {
            let (code, _, _) = run(site, &["check", "--format", "json", "--fail-on", "never"]);
            assert_eq!(code, 0);
        })
    };
    let (t1, t2) = (time(&small), time(&large));
    assert_linear("flow YAML", t1, t2);
}

// ---------------------------------------------------------------------------------------------
// tolk serve under abuse (loopback only)

/// Sends `request` (raw bytes) and returns the response head, with a 20 s bound.
fn raw(port: u16, request: &[u8]) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    stream
        .set_write_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    // The server may answer and close before all of an oversized request is sent.
    let _ = stream.write_all(request);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    text.split("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .to_string()
}

fn status(head: &str) -> u16 {
    head.split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[test]
fn serve_refuses_oversized_lines_while_reading_them() {
    let site = small_site();
    site.write(
        "content/en/a.md",
        page("About A", "description: About d\n", "Text.\n"),
    );
    let server = Server::start(&site);
    // 64 MB without a line end: refused after the cap, not buffered to the end.
    let mut line = b"GET /".to_vec();
    line.extend(std::iter::repeat_n(b'a', 64 << 20));
    let started = Instant::now();
    let head = raw(server.port, &line);
    assert_eq!(status(&head), 414, "{head}");
    assert!(started.elapsed() < Duration::from_secs(20));
    let mut header = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ".to_vec();
    header.extend(std::iter::repeat_n(b'b', 1 << 20));
    header.extend(b"\r\n\r\n");
    assert_eq!(status(&raw(server.port, &header)), 431);
    // Still serving.
    let ok = raw(server.port, b"GET /a/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assert_eq!(status(&ok), 200, "{ok}");
}

#[test]
fn serve_redirects_only_to_its_own_paths_and_checks_the_host() {
    let site = small_site();
    site.write(
        "content/en/a.md",
        page("About A", "description: About d\n", "Text.\n"),
    );
    site.write("tolk.yaml", "base_url: https://minid.example\n");
    let server = Server::start(&site);
    let head = raw(server.port, b"GET //en HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assert_eq!(status(&head), 301, "{head}");
    assert!(head.contains("\r\nLocation: /en/"), "{head}");
    assert!(!head.contains("Location: //"), "{head}");
    for host in [
        "localhost",
        "localhost:1313",
        "127.0.0.1",
        "[::1]:8080",
        "minid.example:1313",
    ] {
        let head = raw(
            server.port,
            format!("GET /a/ HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes(),
        );
        assert_eq!(status(&head), 200, "{host}: {head}");
    }
    for host in ["evil.example", "evil.example:80", "localhost.evil.example"] {
        let head = raw(
            server.port,
            format!("GET /a/ HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes(),
        );
        assert!(matches!(status(&head), 403 | 421), "{host}: {head}");
    }
}

// ---------------------------------------------------------------------------------------------
// Writes that change only what they should

fn translated_site() -> Site {
    let site = small_site();
    site.write(
        "content/en/a.md",
        page("About A", "description: About d\n", "Text.\n"),
    );
    site
}

#[test]
fn mark_writes_through_a_link_inside_the_site_and_refuses_one_outside() {
    let site = translated_site();
    std::fs::rename(site.path("content/en/a.md"), site.path("shared-a.md")).expect("move");
    link(&site.path("shared-a.md"), &site, "content/en/a.md");
    let (code, _, stderr) = run(&site, &["mark", "content/en/a.md"]);
    assert_eq!(code, 0, "{stderr}");
    let meta = std::fs::symlink_metadata(site.path("content/en/a.md")).expect("meta");
    assert!(
        meta.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    assert!(site.read_string("shared-a.md").contains("source_hash"));

    // A link out of the site is not read as a page, and never written.
    let secret = tempfile::tempdir().expect("dir");
    let target = secret.path().join("a.md");
    std::fs::write(&target, page("A", "description: d\n", "Text.\n")).expect("write");
    let site = small_site();
    link(&target, &site, "content/en/a.md");
    let (code, _, _) = run(&site, &["mark", "content/en/a.md"]);
    assert_ne!(code, 0);
    assert!(
        !std::fs::read_to_string(&target)
            .expect("read")
            .contains("source_hash")
    );
    assert!(
        std::fs::symlink_metadata(site.path("content/en/a.md"))
            .expect("m")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn new_files_respect_the_umask_and_a_failed_new_leaves_no_folder() {
    use std::os::unix::fs::PermissionsExt;
    let site = small_site();
    // The test process's umask is inherited; 022 is the usual one and the one set here.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 022 && exec {} --root {} new content/nb/a.md --locale en",
            assert_cmd::cargo::cargo_bin("tolk").display(),
            site.root().display()
        ))
        .output()
        .expect("sh");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mode = std::fs::metadata(site.path("content/en/a.md"))
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644, "mode {:o}", mode & 0o777);

    // A full disk (simulated): nothing is left behind, not even the locale folder.
    let site = small_site();
    let out = site
        .tolk()
        .args(["new", "content/nb/a.md", "--locale", "en"])
        .env("TOLK_FAILPOINT", "write")
        .output()
        .expect("run");
    assert_ne!(out.status.code(), Some(0));
    assert!(
        !site.path("content/en").exists(),
        "an empty content/en/ was left"
    );
}

// ---------------------------------------------------------------------------------------------
// Reports tell the truth and carry no markup

#[test]
fn markdown_report_shows_hostile_file_names_as_text() {
    let site = small_site();
    let name = "content/nb/x`<img src=x onerror=alert(1)>`.md";
    site.write(name, page("X", "description: d\n", "Tekst.\n"));
    let (code, stdout, stderr) = run(
        &site,
        &["check", "--format", "markdown", "--fail-on", "never"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("onerror"), "the file is reported: {stdout}");
    let mut html = String::new();
    let options = pulldown_cmark::Options::ENABLE_TABLES;
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(&stdout, options));
    assert!(!html.contains("<img"), "markup from a file name:\n{html}");
}

#[test]
fn check_reports_urls_the_build_refuses() {
    let site = small_site();
    for (i, url) in ["/style.css/", "/sitemap.xml/", "/404.html"]
        .iter()
        .enumerate()
    {
        site.write(
            &format!("content/nb/r{i}.md"),
            page("R", &format!("url: {url}\ndescription: d\n"), "Tekst.\n"),
        );
    }
    let long = format!("/{}/", "a".repeat(256));
    site.write(
        "content/nb/lang.md",
        page("L", &format!("url: {long}\ndescription: d\n"), "T.\n"),
    );
    let all = findings(&site);
    for i in 0..3 {
        let path = format!("content/nb/r{i}.md");
        assert!(
            with_code(&all, "reserved-url")
                .iter()
                .any(|f| f["path"] == path.as_str()),
            "{path}: {all:#?}"
        );
    }
    assert!(
        with_code(&all, "unsafe-url")
            .iter()
            .any(|f| f["path"] == "content/nb/lang.md"),
        "{all:#?}"
    );
    let (code, _, stderr) = run(&site, &["build"]);
    assert_ne!(code, 0, "{stderr}");
    assert!(
        stderr.contains("content/nb/r0.md") && stderr.contains("content/nb/lang.md"),
        "{stderr}"
    );
    assert!(!stderr.contains("File name too long"), "{stderr}");
}

#[test]
fn check_reports_fluent_cycles_and_placeable_bombs_with_the_message() {
    let site = small_site();
    let mut ftl = String::from("a = Se { b }\nb = og { -c }\n-c = { a }\nok = Hei\nl0 = ha\n");
    for level in 1..4 {
        ftl.push_str(&format!(
            "l{level} = {}\n",
            format!("{{ l{} }}", level - 1).repeat(10)
        ));
    }
    site.write("locales/nb/ui.ftl", ftl);
    let all = findings(&site);
    let cycles = with_code(&all, "fluent-cycle");
    assert_eq!(cycles.len(), 3, "{all:#?}");
    assert!(cycles.iter().all(|f| f["path"] == "locales/nb/ui.ftl"));
    let bombs = with_code(&all, "fluent-too-many-placeables");
    let lines: Vec<_> = bombs.iter().map(|f| f["line"].clone()).collect();
    assert_eq!(
        lines,
        [serde_json::json!(7), serde_json::json!(8)],
        "{bombs:#?}"
    );
    assert!(
        bombs[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("`l2`"))
    );
}

#[test]
fn a_corrupt_baseline_object_is_reported_as_corrupt() {
    let site = Site::new();
    site.git_init()
        .write("content/nb/a.md", page("A", "description: d\n", "Tekst.\n"))
        .write(
            "content/en/a.md",
            page("About A", "description: About d\n", "Text.\n"),
        )
        .commit("pages");
    let (code, _, stderr) = run(&site, &["mark", "content/en/a.md"]);
    assert_eq!(code, 0, "{stderr}");
    let id = site
        .read_string("content/en/a.md")
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("source_hash:")
                .map(|h| h.trim().to_string())
        })
        .expect("source_hash");
    site.commit("mark");
    site.write(
        "content/nb/a.md",
        page("A", "description: d\n", "Ny tekst.\n"),
    );
    site.commit("edit");
    let object = site.path(&format!(".git/objects/{}/{}", &id[..2], &id[2..]));
    assert!(object.is_file(), "the baseline is a loose object");
    let mut perms = std::fs::metadata(&object).expect("meta").permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&object, perms).expect("chmod");
    std::fs::write(&object, b"not zlib at all").expect("corrupt");
    let all = findings(&site);
    let stale = with_code(&all, "stale");
    assert_eq!(stale.len(), 1, "{all:#?}");
    let reason = stale[0].to_string();
    assert!(
        reason.contains("corrupt") && reason.contains("git fsck"),
        "{reason}"
    );
    assert!(!reason.contains("never committed"), "{reason}");
}

#[test]
fn saving_a_fluent_depth_bomb_does_not_kill_tolk_serve() {
    let site = small_site();
    site.write("locales/nb/ui.ftl", "ok = Hei\n");
    let mut server = Server::start(&site);
    site.write("locales/nb/ui.ftl", nested_fluent(50_000));
    // Long enough for the change to be seen (notification or poll) and rebuilt.
    std::thread::sleep(Duration::from_secs(3));
    assert!(
        server.child.try_wait().expect("wait").is_none(),
        "tolk serve died"
    );
    let head = raw(server.port, b"GET /a/ HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assert_eq!(status(&head), 200, "{head}");
}
