//! Shared test harness: fixture sites in temporary folders, real git repositories, and the real
//! `tolk` binary run on them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use assert_cmd::Command;
use tempfile::TempDir;

/// A site in a temporary folder.
pub struct Site {
    dir: TempDir,
}

impl Site {
    /// An empty site (with a content/ folder).
    pub fn new() -> Site {
        let dir = tempfile::Builder::new()
            .prefix("tolk-test-")
            .tempdir()
            .expect("temp dir");
        std::fs::create_dir_all(dir.path().join("content")).expect("content dir");
        Site { dir }
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Path of a file in the site.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file (creating folders).
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Site {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, contents).expect("write");
        self
    }

    /// Reads a file as bytes.
    pub fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel)).expect("read")
    }

    /// Reads a file as text.
    pub fn read_string(&self, rel: &str) -> String {
        String::from_utf8(self.read(rel)).expect("utf-8")
    }

    /// Runs git in the site and returns its stdout.
    pub fn git(&self, args: &[&str]) -> String {
        let out = StdCommand::new("git")
            .current_dir(self.root())
            .args([
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.invalid",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main",
                "-c",
                "core.autocrlf=false",
            ])
            .args(args)
            .env("GIT_AUTHOR_DATE", "2026-01-01T12:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-01-01T12:00:00Z")
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// `git init` in the site.
    pub fn git_init(&self) -> &Site {
        self.git(&["init", "-q"]);
        self
    }

    /// Commits everything.
    pub fn commit(&self, message: &str) -> &Site {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--allow-empty", "-m", message]);
        self
    }

    /// The tolk binary, run in the site root without colour.
    pub fn tolk(&self) -> Command {
        let mut cmd = Command::cargo_bin("tolk").expect("tolk binary");
        cmd.current_dir(self.root())
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE");
        cmd
    }

    /// Runs tolk with `args`; returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.tolk().args(args).output().expect("tolk runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// `tolk check --format json --fail-on never`, parsed.
    pub fn check_json(&self) -> serde_json::Value {
        let (code, stdout, stderr) = self.run(&["check", "--format", "json", "--fail-on", "never"]);
        assert_eq!(code, 0, "check failed: {stderr}");
        serde_json::from_str(&stdout).expect("valid JSON")
    }

    /// The findings of `check_json` with this code.
    pub fn findings(&self, code: &str) -> Vec<serde_json::Value> {
        let report = self.check_json();
        report["findings"]
            .as_array()
            .expect("findings array")
            .iter()
            .filter(|f| f["code"] == code)
            .cloned()
            .collect()
    }
}

/// A minimal page with a title and body.
pub fn page(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n{extra}---\n{body}")
}
