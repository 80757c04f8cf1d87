//! Build script: puts the git commit into `tolk --version` (`tolk 0.1.0 (1a2b3c4)`).
//!
//! The commit is read with `git rev-parse --short HEAD` when the package is built from tolk's
//! own git checkout, whose top is this package's folder (`cargo install --path .` or
//! `--git …`). Without git, or outside a checkout (a packaged crate), the version is the bare
//! package version; the build never fails for it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let version = env("CARGO_PKG_VERSION").unwrap_or_default();
    let manifest = env("CARGO_MANIFEST_DIR").map(PathBuf::from);
    println!("cargo:rerun-if-changed=build.rs");
    let commit = manifest.as_deref().and_then(commit);
    let full = match commit {
        Some(commit) => format!("{version} ({commit})"),
        None => version,
    };
    println!("cargo:rustc-env=TOLK_VERSION={full}");
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The short commit of `dir`'s checkout, when `dir` is the top of a git work tree.
pub fn commit(dir: &Path) -> Option<String> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    if std::fs::canonicalize(&top).ok()? != std::fs::canonicalize(dir).ok()? {
        // A crate inside someone else's repository: that commit says nothing about tolk.
        return None;
    }
    // Rebuild when HEAD moves: the HEAD file, the branch it names and the packed refs.
    let mut watched = vec![git(dir, &["rev-parse", "--git-path", "HEAD"])?];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        watched.extend(git(dir, &["rev-parse", "--git-path", &branch]));
    }
    watched.extend(git(dir, &["rev-parse", "--git-path", "packed-refs"]));
    for path in watched {
        let path = dir.join(path);
        // A path that does not exist would make cargo rerun this script on every build.
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    git(dir, &["rev-parse", "--short", "HEAD"])
}

/// The trimmed output of a successful `git ARGS` in `dir`, ignoring the environment's
/// `GIT_DIR` (set when building from inside a git hook).
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}
