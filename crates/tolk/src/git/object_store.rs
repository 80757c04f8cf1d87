//! Reading baselines from the repository's object store.
//!
//! One long-lived `git cat-file --batch` process answers every lookup of a run, so the cost
//! does not grow with a process per page. Where the store cannot answer (no repository, a
//! shallow clone, a baseline that was never committed), the reason is kept for the report.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Stdio};

/// Why a baseline text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable(pub String);

/// A handle on the repository that holds the site.
pub struct ObjectStore {
    state: State,
    shallow: bool,
    root: std::path::PathBuf,
}

enum State {
    Ready {
        child: Child,
        stdin: ChildStdin,
        stdout: BufReader<ChildStdout>,
    },
    Broken(String),
}

impl ObjectStore {
    /// Opens the repository containing `root`. Never fails: a store that cannot be opened
    /// answers every lookup with the reason.
    pub fn open(root: &Path) -> ObjectStore {
        let probe = super::command(root)
            .args(["rev-parse", "--is-shallow-repository"])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output();
        let shallow = match probe {
            Ok(out) if out.status.success() => {
                String::from_utf8_lossy(&out.stdout).trim() == "true"
            }
            Ok(_) => {
                return ObjectStore::broken(
                    "the site is not in a git repository, so the baseline text cannot be read",
                );
            }
            Err(e) => {
                return ObjectStore::broken(&format!(
                    "git could not be run ({e}), so the baseline text cannot be read"
                ));
            }
        };
        let spawned = super::command(root)
            .args(["cat-file", "--batch"])
            // In a partial clone a missing object is reported, not fetched over the network.
            .env("GIT_NO_LAZY_FETCH", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn();
        let state = match spawned {
            Ok(mut child) => match (child.stdin.take(), child.stdout.take()) {
                (Some(stdin), Some(stdout)) => State::Ready {
                    child,
                    stdin,
                    stdout: BufReader::new(stdout),
                },
                _ => State::Broken("git cat-file could not be connected".into()),
            },
            Err(e) => State::Broken(format!("git could not be run ({e})")),
        };
        ObjectStore {
            state,
            shallow,
            root: root.to_path_buf(),
        }
    }

    fn broken(reason: &str) -> ObjectStore {
        ObjectStore {
            state: State::Broken(reason.to_string()),
            shallow: false,
            root: std::path::PathBuf::new(),
        }
    }

    /// The bytes of blob `id`, or why they cannot be had.
    pub fn blob(&mut self, id: &str) -> Result<Vec<u8>, Unavailable> {
        if !crate::hash::is_blob_id(id) {
            return Err(Unavailable(format!("`{id}` is not a blob id")));
        }
        let answer = match &mut self.state {
            State::Broken(reason) => return Err(Unavailable(reason.clone())),
            State::Ready { stdin, stdout, .. } => request(stdin, stdout, id),
        };
        match answer {
            Ok(Some((_, kind, bytes))) if kind == "blob" => Ok(bytes),
            Ok(Some((_, kind, _))) => Err(Unavailable(format!(
                "{id} names a {kind}, not a file version"
            ))),
            Ok(None) => Err(Unavailable(self.missing_reason(id))),
            Err(e) => {
                let reason = format!("reading from git failed ({e})");
                self.state = State::Broken(reason.clone());
                Err(Unavailable(reason))
            }
        }
    }

    /// Whether the repository is a partial clone (asked only when an object is missing).
    fn is_partial(&self) -> bool {
        super::command(&self.root)
            .args([
                "config",
                "--get-regexp",
                r"^(extensions\.partialclone|remote\..*\.promisor)$",
            ])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .is_ok_and(|o| o.status.success() && !o.stdout.is_empty())
    }

    /// Whether the repository is a shallow clone.
    pub fn is_shallow(&self) -> bool {
        self.shallow
    }

    /// The object git names `spec` (`<commit>`, `<commit>:<path>`): its id, type and bytes;
    /// `Ok(None)` when the repository does not have it.
    pub fn object(&mut self, spec: &str) -> Result<Option<Object>, Unavailable> {
        if spec.contains(['\n', '\r']) || spec.trim().is_empty() {
            return Err(Unavailable(format!(
                "`{}` cannot be looked up",
                spec.trim()
            )));
        }
        let answer = match &mut self.state {
            State::Broken(reason) => return Err(Unavailable(reason.clone())),
            State::Ready { stdin, stdout, .. } => request(stdin, stdout, spec),
        };
        match answer {
            Ok(found) => Ok(found.map(|(id, kind, bytes)| Object { id, kind, bytes })),
            Err(e) => {
                let reason = format!("reading from git failed ({e})");
                self.state = State::Broken(reason.clone());
                Err(Unavailable(reason))
            }
        }
    }

    /// Whether the repository stores `id` as a loose object file (which git then could not
    /// read: it is corrupt).
    fn has_loose_object(&self, id: &str) -> bool {
        let Some((dir, file)) = id.get(..2).zip(id.get(2..)) else {
            return false;
        };
        super::query(
            &self.root,
            &["rev-parse", "--git-path", &format!("objects/{dir}/{file}")],
        )
        .is_some_and(|path| self.root.join(path).is_file())
    }

    fn missing_reason(&self, id: &str) -> String {
        let short = &id[..id.len().min(10)];
        if self.has_loose_object(id) {
            format!(
                "baseline {short} is in the repository, but its stored object is corrupt and git \
                 cannot read it; run `git fsck` to find the damage and restore the object from \
                 another clone"
            )
        } else if self.is_partial() {
            format!(
                "baseline {short} is not in this clone: it is a partial clone, and tolk does not fetch \
                 missing objects over the network; a full clone (without --filter) has them"
            )
        } else if self.shallow {
            format!(
                "baseline {short} is not in this clone: it is shallow; fetch the history (`git fetch --unshallow`) to see the diff"
            )
        } else {
            format!(
                "baseline {short} is not in the repository: the source as it was then was never committed, or history was rewritten"
            )
        }
    }
}

/// An object read from the repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object {
    /// Its id.
    pub id: String,
    /// `blob`, `tree`, `commit` or `tag`.
    pub kind: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

type Answer = Option<(String, String, Vec<u8>)>;

fn request(
    stdin: &mut ChildStdin,
    stdout: &mut BufReader<ChildStdout>,
    id: &str,
) -> std::io::Result<Answer> {
    writeln!(stdin, "{id}")?;
    stdin.flush()?;
    let mut header = String::new();
    if stdout.read_line(&mut header)? == 0 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "git cat-file stopped",
        ));
    }
    let fields: Vec<&str> = header.split_whitespace().collect();
    match fields.as_slice() {
        [_, "missing"] | [_, "ambiguous"] => Ok(None),
        [id, kind, size] => {
            let size: usize = size.parse().map_err(|_| {
                std::io::Error::other(format!("unexpected git answer `{}`", header.trim()))
            })?;
            let mut bytes = vec![0; size];
            stdout.read_exact(&mut bytes)?;
            let mut newline = [0u8; 1];
            stdout.read_exact(&mut newline)?;
            Ok(Some((id.to_string(), kind.to_string(), bytes)))
        }
        _ => Err(std::io::Error::other(format!(
            "unexpected git answer `{}`",
            header.trim()
        ))),
    }
}

impl Drop for ObjectStore {
    fn drop(&mut self) {
        if let State::Ready { child, .. } = &mut self.state {
            // Closing stdin (dropped with the state) ends cat-file; reap it.
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
