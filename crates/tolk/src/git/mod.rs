//! Git: every git process tolk runs starts here ([`command`]), and the repository's object
//! store ([`ObjectStore`]) that translation states read baselines from. Reading history, the
//! files a revision range changed, last-modified dates and a site's first commits build their
//! own arguments on [`command`].

mod object_store;

use std::path::Path;
use std::process::{Command, Stdio};

pub use object_store::ObjectStore;
pub(crate) use object_store::Unavailable;

/// A `git` command run in the repository that contains `root` (`git -C ROOT`), with no input.
pub(crate) fn command(root: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(root).stdin(Stdio::null());
    command
}

/// The trimmed standard output of `git -C ROOT ARGS`, or `None` when git cannot be run or
/// fails (outside a repository, for one). Its errors are not shown.
pub(crate) fn query(root: &Path, args: &[&str]) -> Option<String> {
    command(root)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No module outside this one starts a git process itself (tests may, to build repositories).
    #[test]
    fn git_is_run_from_here_only() {
        let mut folders = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
        let mut seen = 0;
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    if !path.ends_with("git") {
                        folders.push(path);
                    }
                } else if path.extension().is_some_and(|e| e == "rs") {
                    seen += 1;
                    let text = std::fs::read_to_string(&path).unwrap();
                    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                    assert!(
                        !code.contains("Command::new(\"git\")"),
                        "{} runs git itself; use crate::git::command",
                        path.display()
                    );
                }
            }
        }
        assert!(seen > 30, "the scan found only {seen} files");
    }

    #[test]
    fn query_outside_a_repository_is_none() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(query(dir.path(), &["rev-parse", "--show-prefix"]), None);
    }
}
