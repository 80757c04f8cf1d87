//! Data safety: every write is atomic. Failures injected between the steps of a write (through
//! `TOLK_FAILPOINT`) and impossible destinations leave the original bytes as they were.

mod common;

use std::path::Path;

use common::{Site, page};

fn marked_site() -> Site {
    let site = Site::new();
    site.git_init()
        .write(
            "content/nb/om.md",
            page("Om MinID", "description: Om.\n", "MinID er gratis.\n"),
        )
        .write(
            "content/en/om.md",
            page("About MinID", "description: About.\n", "MinID is free.\n"),
        )
        .commit("pages");
    site
}

fn leftovers(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in walk(dir) {
        let name = entry
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.contains(".tolk-") || name.ends_with(".tmp") {
            found.push(entry.display().to_string());
        }
    }
    found
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() && !path.ends_with(".git") {
                out.extend(walk(&path));
            }
            out.push(path);
        }
    }
    out
}

#[test]
fn mark_survives_a_failure_before_rename() {
    for point in ["write", "rename"] {
        let site = marked_site();
        let before = site.read("content/en/om.md");
        let out = site
            .tolk()
            .env("TOLK_FAILPOINT", point)
            .args(["mark", "content/en/om.md"])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{point}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("failure injected"), "{stderr}");
        assert_eq!(
            site.read("content/en/om.md"),
            before,
            "{point}: the translation is unchanged"
        );
        assert!(
            leftovers(site.root()).is_empty(),
            "{point}: {:?}",
            leftovers(site.root())
        );
    }
}

#[test]
fn new_survives_a_failure_before_rename() {
    let site = marked_site();
    let out = site
        .tolk()
        .env("TOLK_FAILPOINT", "rename")
        .args(["new", "om", "--locale", "nn"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(!site.path("content/nn/om.md").exists());
    assert!(
        leftovers(site.root()).is_empty(),
        "{:?}",
        leftovers(site.root())
    );
}

#[test]
fn concurrent_marks_leave_a_valid_file() {
    let site = marked_site();
    for round in 0..10 {
        site.write(
            "content/nb/om.md",
            page(
                "Om MinID",
                "description: Om.\n",
                &format!("Runde {round}.\n"),
            ),
        );
        let spawn = || {
            site.tolk()
                .args(["mark", "--quiet", "content/en/om.md"])
                .timeout(std::time::Duration::from_secs(30))
                .output()
                .expect("run")
        };
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(spawn);
            let b = s.spawn(spawn);
            (a.join().expect("a"), b.join().expect("b"))
        });
        assert!(a.status.success() && b.status.success(), "round {round}");
        let hash = site.git(&["hash-object", "content/nb/om.md"]);
        let text = site.read_string("content/en/om.md");
        assert_eq!(text.matches("source_hash:").count(), 1, "{text}");
        assert!(
            text.contains(&format!("source_hash: {}", hash.trim())),
            "round {round}: {text}"
        );
        assert!(text.ends_with("---\nMinID is free.\n"), "{text}");
    }
    assert!(leftovers(site.root()).is_empty());
}

fn build(site: &Site, extra_env: Option<&str>) -> std::process::Output {
    let mut cmd = site.tolk();
    if let Some(point) = extra_env {
        cmd.env("TOLK_FAILPOINT", point);
    }
    cmd.args(["build", "--out", "public"])
        .output()
        .expect("run")
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walk(dir)
        .into_iter()
        .filter(|p| p.is_file())
        .map(|p| (p.display().to_string(), std::fs::read(&p).expect("read")))
        .collect();
    files.sort();
    files
}

#[test]
fn failed_build_leaves_the_previous_output() {
    let site = marked_site();
    let first = build(&site, None);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let before = snapshot(&site.path("public"));
    assert!(!before.is_empty());
    site.write(
        "content/nb/om.md",
        page("Om MinID", "description: Om.\n", "Ny tekst.\n"),
    );
    for point in ["build-write", "build-swap"] {
        let out = build(&site, Some(point));
        assert_ne!(out.status.code(), Some(0), "{point}");
        assert_eq!(
            snapshot(&site.path("public")),
            before,
            "{point}: output untouched"
        );
        let stray: Vec<String> = std::fs::read_dir(site.root())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("tolk-new") || n.contains("tolk-old"))
            .collect();
        assert!(stray.is_empty(), "{point}: {stray:?}");
    }
}

#[test]
fn build_into_an_impossible_folder_fails_cleanly() {
    let site = marked_site();
    site.write("blocker", "a file where a folder should be\n");
    let out = site
        .tolk()
        .args(["build", "--out", "blocker/public"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        site.read_string("blocker"),
        "a file where a folder should be\n"
    );
    assert!(site.path("content/nb/om.md").is_file());
}

#[test]
fn build_refuses_to_write_over_the_content_or_the_root() {
    let site = marked_site();
    for out in ["content", ".", "content/nb"] {
        let before = snapshot(&site.path("content"));
        let run = site
            .tolk()
            .args(["build", "--out", out])
            .output()
            .expect("run");
        assert_eq!(run.status.code(), Some(2), "--out {out}");
        assert_eq!(
            snapshot(&site.path("content")),
            before,
            "--out {out}: content untouched"
        );
    }
}
