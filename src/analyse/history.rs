//! The site's git history in one pass: which commits touched which page, newest first.
//!
//! One `git log --topo-order --no-renames --raw --no-abbrev -z --relative=<content>/` process
//! answers every page of a run (never a process per page). `--relative` rather than a pathspec:
//! with a pathspec git diffs every commit twice (once to simplify history, once to print),
//! which doubles the time on a long history. Each touch keeps the file's blob
//! ids before and after the commit, so that history mode can tell a content change from a
//! cosmetic one by reading just those two blobs from the object store, and commits whose
//! message carries a skip token (`[skip-l10n]`) are marked.
//!
//! "Newer" means earlier in topological order (children before parents), not a later date:
//! dates lie (rebases, clocks) and are often equal in generated repositories.
//!
//! Shallow clones: the commits at the shallow boundary show every file as added; those touches
//! are marked [`Touch::boundary`] and say only "the file existed then". Partial clones: objects
//! are never fetched over the network (`GIT_NO_LAZY_FETCH`); what is missing is reported.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::load::slash_path;

/// One commit of the history, as far as tolk needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The commit id.
    pub id: String,
    /// Its message carries a skip token: it never counts.
    pub skip: bool,
    /// It is at the boundary of a shallow clone: its parents are not in this clone.
    pub boundary: bool,
}

/// One change of one file in one commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touch {
    /// Index of the commit in [`History::commits`] (0 = newest).
    pub commit: usize,
    /// The file's blob before the commit (`None`: it was added).
    pub old: Option<String>,
    /// The file's blob after the commit (`None`: it was deleted).
    pub new: Option<String>,
    /// The commit is a shallow boundary: this "change" only says the file existed then.
    pub boundary: bool,
}

/// The history of the content folder.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Commits that touched the content folder, newest first (topological order).
    pub commits: Vec<Commit>,
    /// Path relative to the site root → its touches, newest first.
    touches: HashMap<String, Vec<Touch>>,
    /// The clone is shallow.
    pub shallow: bool,
    /// The clone is partial (objects may be missing).
    pub partial: bool,
    /// Why there is no history, where there is none.
    pub unavailable: Option<String>,
}

/// Tokens that mark a commit as not counting: does `message` carry one (case-insensitive)?
pub fn carries_token(message: &str, tokens: &[String]) -> bool {
    let lower = message.to_lowercase();
    tokens
        .iter()
        .any(|t| !t.is_empty() && lower.contains(&t.to_lowercase()))
}

impl History {
    /// Reads the history of `content_dir` (relative to `root`) in one `git log` pass.
    /// Never fails: a history that cannot be read says why in [`History::unavailable`].
    pub fn read(root: &Path, content_dir: &Path, skip_tokens: &[String]) -> History {
        let probe = git(root)
            .args([
                "rev-parse",
                "--show-prefix",
                "--is-shallow-repository",
                "--git-path",
                "shallow",
            ])
            .stderr(Stdio::null())
            .output();
        let probe = match probe {
            Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
            Ok(_) => {
                return History::none("the site is not in a git repository");
            }
            Err(e) => return History::none(&format!("git could not be run ({e})")),
        };
        let mut lines = probe.lines();
        let prefix = lines.next().unwrap_or("").to_string();
        let shallow = lines.next() == Some("true");
        let boundary: BTreeSet<String> = match lines.next() {
            Some(file) if shallow => std::fs::read_to_string(root.join(file))
                .map(|t| t.lines().map(|l| l.trim().to_string()).collect())
                .unwrap_or_default(),
            _ => BTreeSet::new(),
        };
        let partial = git(root)
            .args([
                "config",
                "--get-regexp",
                r"^(extensions\.partialclone|remote\..*\.promisor)$",
            ])
            .stderr(Stdio::null())
            .output()
            .is_ok_and(|o| o.status.success() && !o.stdout.is_empty());
        let content = slash_path(content_dir, Path::new(""));
        let content = match content.trim_matches('/') {
            "" | "." => String::new(),
            dir => format!("{dir}/"),
        };
        // Relative to the top of the repository; paths come out relative to it.
        let relative = format!("{prefix}{content}");
        let mut log = git(root);
        log.args([
            "log",
            "--topo-order",
            "--no-renames",
            "--raw",
            "--no-abbrev",
            "-z",
            "--no-color",
            "--format=%x1e%H%x1f%B%x1f",
        ]);
        if !relative.is_empty() {
            log.arg(format!("--relative={relative}"));
        }
        let out = log.output();
        let out = match out {
            Ok(out) if out.status.success() => out,
            Ok(out) => {
                let stderr = String::from_utf8_lossy(&out.stderr);
                let reason = if stderr.contains("does not have any commits") {
                    "the repository has no commits yet".to_string()
                } else if partial {
                    format!(
                        "this partial clone lacks objects that `git log` needs ({})",
                        first_line(&stderr)
                    )
                } else {
                    format!("`git log` failed: {}", first_line(&stderr))
                };
                let mut history = History::none(&reason);
                history.shallow = shallow;
                history.partial = partial;
                return history;
            }
            Err(e) => return History::none(&format!("git could not be run ({e})")),
        };
        let mut history = parse(&out.stdout, &content, skip_tokens, &boundary);
        history.shallow = shallow;
        history.partial = partial;
        history
    }

    fn none(reason: &str) -> History {
        History {
            unavailable: Some(reason.to_string()),
            ..History::default()
        }
    }

    /// The touches of the file at `path` (relative to the site root), newest first.
    pub fn touches(&self, path: &str) -> &[Touch] {
        self.touches.get(path).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The commit at `index`.
    pub fn commit(&self, index: usize) -> Option<&Commit> {
        self.commits.get(index)
    }
}

fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(root)
        .env("GIT_NO_LAZY_FETCH", "1")
        .stdin(Stdio::null());
    command
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim()
}

/// Parses the output of the `git log` above, whose paths are relative to the content folder;
/// `content` (`content/`, or empty) makes them relative to the site root.
pub fn parse(
    output: &[u8],
    content: &str,
    skip_tokens: &[String],
    boundary: &BTreeSet<String>,
) -> History {
    let mut history = History::default();
    for record in output.split(|&b| b == 0x1e).skip(1) {
        let mut fields = record.splitn(3, |&b| b == 0x1f);
        let id = String::from_utf8_lossy(fields.next().unwrap_or_default())
            .trim()
            .to_string();
        let message = String::from_utf8_lossy(fields.next().unwrap_or_default());
        let raw = fields.next().unwrap_or_default();
        let index = history.commits.len();
        let is_boundary = boundary.contains(&id);
        history.commits.push(Commit {
            skip: carries_token(&message, skip_tokens),
            boundary: is_boundary,
            id,
        });
        let mut tokens = raw.split(|&b| b == 0);
        while let Some(token) = tokens.next() {
            let meta = String::from_utf8_lossy(token);
            let meta = meta.trim_start_matches(['\n', '\r']);
            let Some(meta) = meta.strip_prefix(':') else {
                continue;
            };
            let Some(path) = tokens.next() else { break };
            let path = format!("{content}{}", String::from_utf8_lossy(path));
            let parts: Vec<&str> = meta.split_whitespace().collect();
            let (old, new) = match parts.as_slice() {
                [_, _, old, new, ..] => (blob(old), blob(new)),
                _ => continue,
            };
            history
                .touches
                .entry(path.to_string())
                .or_default()
                .push(Touch {
                    commit: index,
                    old,
                    new,
                    boundary: is_boundary,
                });
        }
    }
    history
}

/// A blob id from `--raw`, `None` for the all-zero id of a file that is not there.
fn blob(id: &str) -> Option<String> {
    (!id.bytes().all(|b| b == b'0')).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "1111111111111111111111111111111111111111";
    const B: &str = "2222222222222222222222222222222222222222";
    const Z: &str = "0000000000000000000000000000000000000000";

    fn record(id: &str, message: &str, entries: &[(&str, &str, &str)]) -> Vec<u8> {
        let mut out = format!("\x1e{id}\x1f{message}\x1f\0\n").into_bytes();
        for (old, new, path) in entries {
            out.extend(format!(":100644 100644 {old} {new} M\0{path}\0").bytes());
        }
        out
    }

    #[test]
    fn parses_touches_newest_first() {
        let mut out = record("c2", "Fix typo [skip-l10n]\n", &[(A, B, "a.md")]);
        out.extend(record(
            "c1",
            "Add\n\nbody",
            &[(Z, A, "a.md"), (Z, B, "x.md")],
        ));
        let history = parse(
            &out,
            "content/",
            &["[SKIP-l10n]".to_string()],
            &BTreeSet::new(),
        );
        assert_eq!(history.commits.len(), 2);
        assert!(history.commits[0].skip);
        assert!(!history.commits[1].skip);
        let touches = history.touches("content/a.md");
        assert_eq!(touches.len(), 2);
        assert_eq!(touches[0].commit, 0);
        assert_eq!(touches[0].new.as_deref(), Some(B));
        assert_eq!(touches[1].old, None);
        assert_eq!(history.touches("content/x.md").len(), 1);
    }

    #[test]
    fn boundary_commits_are_marked() {
        let out = record("c1", "Shallow tip", &[(Z, A, "a.md")]);
        let boundary: BTreeSet<String> = ["c1".to_string()].into();
        let history = parse(&out, "content/", &[], &boundary);
        assert!(history.commits[0].boundary);
        assert!(history.touches("content/a.md")[0].boundary);
    }
}
