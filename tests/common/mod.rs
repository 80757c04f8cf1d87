//! The integration tests' one harness: fixture sites in temporary folders with files written
//! inline so each test reads as a story, real git repositories where a test needs history, and
//! the real `tolk` binary run on them.

#![allow(dead_code)]

pub mod cdp;
pub mod serve;

use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Output};

use assert_cmd::Command;
use tempfile::TempDir;

/// A site in a temporary folder.
pub struct Site {
    dir: TempDir,
}

/// The output of one process run: exit code, standard output and standard error.
pub struct Run {
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// The tolk binary, run in `dir` without colour.
pub fn tolk_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tolk").expect("tolk binary");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    cmd
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

    /// Writes a page with front matter `front` (YAML lines) and `body`.
    pub fn write_page(&self, rel: &str, front: &str, body: &str) -> &Site {
        self.write(rel, md(front, body))
    }

    /// Reads a file as bytes.
    pub fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel)).expect("read")
    }

    /// Reads a file as text.
    pub fn read_string(&self, rel: &str) -> String {
        String::from_utf8(self.read(rel)).expect("utf-8")
    }

    /// Reads a file of the built site (under public/) as text.
    pub fn read_public(&self, rel: &str) -> String {
        self.read_string(&format!("public/{rel}"))
    }

    /// Runs git in the site (fixed identity and dates) and returns its stdout.
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

    /// `git init` unless the site is a repository already, then commits everything.
    pub fn commit_all(&self, message: &str) -> &Site {
        if !self.path(".git").exists() {
            self.git_init();
        }
        self.commit(message)
    }

    /// The tolk binary, run in the site root without colour.
    pub fn tolk(&self) -> Command {
        tolk_in(self.root())
    }

    /// Runs tolk with `args`.
    pub fn outcome(&self, args: &[&str]) -> Run {
        Run::from(self.tolk().args(args).output().expect("tolk runs"))
    }

    /// Runs tolk with `args`; returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let Run {
            code,
            stdout,
            stderr,
        } = self.outcome(args);
        (code, stdout, stderr)
    }

    /// `tolk check --format json --fail-on never`, parsed.
    pub fn check_json(&self) -> serde_json::Value {
        let (code, stdout, stderr) = self.run(&["check", "--format", "json", "--fail-on", "never"]);
        assert_eq!(code, 0, "check failed: {stderr}");
        serde_json::from_str(&stdout).expect("valid JSON")
    }

    /// `tolk status --format json`, parsed.
    pub fn status_json(&self) -> serde_json::Value {
        let (code, stdout, stderr) = self.run(&["status", "--format", "json"]);
        assert_eq!(code, 0, "status failed: {stderr}");
        serde_json::from_str(&stdout).expect("valid JSON")
    }

    /// The state `tolk status` gives the page of `locale` with translation key `key`.
    pub fn state(&self, locale: &str, key: &str) -> Option<String> {
        self.status_json()["pages"]
            .as_array()
            .expect("pages array")
            .iter()
            .find(|p| p["locale"] == locale && p["key"] == key)
            .map(|p| p["state"].as_str().unwrap_or_default().to_string())
    }

    /// All findings of `check_json`.
    pub fn all_findings(&self) -> Vec<serde_json::Value> {
        self.check_json()["findings"]
            .as_array()
            .expect("findings array")
            .clone()
    }

    /// The findings of `check_json` with this code.
    pub fn findings(&self, code: &str) -> Vec<serde_json::Value> {
        self.all_findings()
            .into_iter()
            .filter(|f| f["code"] == code)
            .collect()
    }
}

/// A page with front matter `front` (YAML lines) and `body`.
pub fn md(front: &str, body: &str) -> String {
    format!("---\n{front}---\n{body}")
}

/// A minimal page with a title and body.
pub fn page(title: &str, extra: &str, body: &str) -> String {
    md(&format!("title: {title}\n{extra}"), body)
}

/// The findings among `findings` with this code.
pub fn with_code<'a>(findings: &'a [serde_json::Value], code: &str) -> Vec<&'a serde_json::Value> {
    findings.iter().filter(|f| f["code"] == code).collect()
}

/// The `(line, column)` of a JSON finding.
pub fn place(finding: &serde_json::Value) -> (u64, u64) {
    (
        finding["line"].as_u64().unwrap_or(0),
        finding["column"].as_u64().unwrap_or(0),
    )
}
