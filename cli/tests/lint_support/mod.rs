//! Fixture sites for the lint and format tests: a temporary site root, files written inline so
//! each test reads as a story, the real `tolk` binary run on it, and git where a test needs
//! history.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use assert_cmd::Command;
use tempfile::TempDir;

/// A site in a temporary folder.
pub struct Site {
    dir: TempDir,
}

/// The output of one tolk run.
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Site {
    /// An empty site with a content/ folder.
    pub fn new() -> Site {
        let dir = tempfile::Builder::new()
            .prefix("tolk-lints-")
            .tempdir()
            .expect("temp dir");
        std::fs::create_dir_all(dir.path().join("content")).expect("content dir");
        Site { dir }
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path in the site.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file, creating folders.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Site {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, contents).expect("write");
        self
    }

    /// A page with front matter `front` (YAML lines) and `body`.
    pub fn page(&self, rel: &str, front: &str, body: &str) -> &Site {
        self.write(rel, format!("---\n{front}---\n{body}"))
    }

    /// Reads a file.
    pub fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel)).expect("read")
    }

    /// Runs tolk with `args` in the site.
    pub fn tolk(&self, args: &[&str]) -> Run {
        let out = Command::cargo_bin("tolk")
            .expect("tolk binary")
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .args(["--root", &self.root().to_string_lossy()])
            .args(args)
            .output()
            .expect("tolk runs");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// The findings of `tolk check --format json`, as JSON values.
    pub fn findings(&self) -> Vec<serde_json::Value> {
        let run = self.tolk(&["check", "--format", "json", "--fail-on", "never"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON report");
        report["findings"].as_array().cloned().unwrap_or_default()
    }

    /// The findings of one code.
    pub fn findings_of(&self, code: &str) -> Vec<serde_json::Value> {
        self.findings()
            .into_iter()
            .filter(|f| f["code"] == code)
            .collect()
    }

    /// Runs git in the site (fixed identity and dates).
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
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// `git init` and a first commit of everything.
    pub fn commit_all(&self, message: &str) {
        if !self.path(".git").exists() {
            self.git(&["init", "-q"]);
        }
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }
}

/// The `(line, column)` of a JSON finding.
pub fn place(finding: &serde_json::Value) -> (u64, u64) {
    (
        finding["line"].as_u64().unwrap_or(0),
        finding["column"].as_u64().unwrap_or(0),
    )
}
