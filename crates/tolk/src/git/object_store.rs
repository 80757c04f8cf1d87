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
            Ok(None) => Err(Unavailable(missing_reason(&self.root, self.shallow, id))),
            Err(e) => {
                let reason = format!("reading from git failed ({e})");
                self.state = State::Broken(reason.clone());
                Err(Unavailable(reason))
            }
        }
    }

    /// Hands `each` every blob of `ids` as git answers: its position in `ids` and the answer
    /// [`ObjectStore::blob`] gives it. Every request is sent before the answers are read, so
    /// that many blobs cost one exchange with git rather than one each, and the caller can
    /// work on each blob while git reads the next.
    pub fn each_blob(
        &mut self,
        ids: &[&str],
        mut each: impl FnMut(usize, Result<Vec<u8>, Unavailable>),
    ) {
        let mut asked: Vec<usize> = Vec::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            if crate::hash::is_blob_id(id) {
                asked.push(i);
            } else {
                each(i, Err(Unavailable(format!("`{id}` is not a blob id"))));
            }
        }
        let specs: Vec<&str> = asked.iter().map(|&i| ids[i]).collect();
        let (root, shallow) = (self.root.clone(), self.shallow);
        let mut answered = 0;
        let mut failure = None;
        if let State::Ready {
            child,
            stdin,
            stdout,
        } = &mut self.state
        {
            pipelined(child, stdin, stdout, &specs, |answer| {
                let i = asked[answered];
                answered += 1;
                let id = ids[i];
                let blob = match answer {
                    Ok(Some((_, kind, bytes))) if kind == "blob" => Ok(bytes),
                    Ok(Some((_, kind, _))) => Err(Unavailable(format!(
                        "{id} names a {kind}, not a file version"
                    ))),
                    Ok(None) => Err(Unavailable(missing_reason(&root, shallow, id))),
                    Err(e) => {
                        let reason = format!("reading from git failed ({e})");
                        failure = Some(reason.clone());
                        Err(Unavailable(reason))
                    }
                };
                each(i, blob);
            });
        }
        if let Some(reason) = failure {
            self.state = State::Broken(reason);
        }
        // What git did not answer: the store is broken, and why is its reason.
        if let State::Broken(reason) = &self.state {
            for &i in &asked[answered..] {
                each(i, Err(Unavailable(reason.clone())));
            }
        }
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
}

/// Whether the repository at `root` is a partial clone (asked only when an object is missing).
fn is_partial(root: &Path) -> bool {
    super::command(root)
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

/// Whether the repository at `root` stores `id` as a loose object file (which git then could
/// not read: it is corrupt).
fn has_loose_object(root: &Path, id: &str) -> bool {
    let Some((dir, file)) = id.get(..2).zip(id.get(2..)) else {
        return false;
    };
    super::query(
        root,
        &["rev-parse", "--git-path", &format!("objects/{dir}/{file}")],
    )
    .is_some_and(|path| root.join(path).is_file())
}

/// Why the repository at `root` (`shallow` or not) does not give blob `id`.
fn missing_reason(root: &Path, shallow: bool, id: &str) -> String {
    let short = &id[..id.len().min(10)];
    if has_loose_object(root, id) {
        format!(
            "baseline {short} is in the repository, but its stored object is corrupt and git \
             cannot read it; run `git fsck` to find the damage and restore the object from \
             another clone"
        )
    } else if is_partial(root) {
        format!(
            "baseline {short} is not in this clone: it is a partial clone, and tolk does not fetch \
             missing objects over the network; a full clone (without --filter) has them"
        )
    } else if shallow {
        format!(
            "baseline {short} is not in this clone: it is shallow; fetch the history (`git fetch --unshallow`) to see the diff"
        )
    } else {
        format!(
            "baseline {short} is not in the repository: the source as it was then was never committed, or history was rewritten"
        )
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
    answer(stdout)
}

/// The next answer of `git cat-file --batch`: `None` for an object it does not have.
fn answer(stdout: &mut BufReader<ChildStdout>) -> std::io::Result<Answer> {
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

/// Hands `each` the answers to `specs`, in order: every request is written (by a second
/// thread, so that neither side waits on a full pipe) while the answers are read. At the first
/// error git is stopped and the error is the last answer.
fn pipelined(
    child: &mut Child,
    stdin: &mut ChildStdin,
    stdout: &mut BufReader<ChildStdout>,
    specs: &[&str],
    mut each: impl FnMut(std::io::Result<Answer>),
) {
    let child = std::sync::Mutex::new(child);
    let stop = || {
        if let Ok(mut child) = child.lock() {
            let _ = child.kill();
        }
    };
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut requests = std::io::BufWriter::new(&mut *stdin);
            let written = specs
                .iter()
                .try_for_each(|spec| writeln!(requests, "{spec}"))
                .and_then(|()| requests.flush());
            if written.is_err() {
                // The reader would wait for answers to requests git never had.
                stop();
            }
        });
        for _ in specs {
            let answer = answer(stdout);
            let failed = answer.is_err();
            each(answer);
            if failed {
                // The writer may wait on a pipe nobody reads.
                stop();
                break;
            }
        }
    });
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A repository in a temporary folder with `blobs` written to its object store; their ids.
    fn repository(blobs: &[Vec<u8>]) -> (tempfile::TempDir, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let run = |args: &[&str], input: Option<&[u8]>| {
            let mut child = super::super::command(dir.path())
                .args(args)
                .stdin(if input.is_some() {
                    Stdio::piped()
                } else {
                    Stdio::null()
                })
                .stdout(Stdio::piped())
                .spawn()
                .unwrap();
            if let Some(input) = input {
                child.stdin.take().unwrap().write_all(input).unwrap();
            }
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "git {args:?} failed");
            String::from_utf8(out.stdout).unwrap().trim().to_string()
        };
        run(&["init", "-q"], None);
        let ids = blobs
            .iter()
            .map(|blob| run(&["hash-object", "-w", "--stdin"], Some(blob)))
            .collect();
        (dir, ids)
    }

    /// Every answer [`ObjectStore::each_blob`] gives for `ids`, in the order of `ids`.
    fn answers_of(store: &mut ObjectStore, ids: &[&str]) -> Vec<Result<Vec<u8>, Unavailable>> {
        let mut found: Vec<Option<Result<Vec<u8>, Unavailable>>> = vec![None; ids.len()];
        store.each_blob(ids, |i, blob| {
            assert!(found[i].is_none(), "blob {i} answered twice");
            found[i] = Some(blob);
        });
        found
            .into_iter()
            .map(|blob| blob.expect("every blob answered"))
            .collect()
    }

    #[test]
    fn many_blobs_at_once_read_as_one_at_a_time() {
        // Enough bytes both ways to fill the pipes many times over.
        let mut blobs: Vec<Vec<u8>> = (0..300)
            .map(|i| format!("side {i}\n").repeat(i * 7).into_bytes())
            .collect();
        blobs.push(vec![b'x'; 300_000]);
        let (dir, ids) = repository(&blobs);
        let missing = "0123456789012345678901234567890123456789";
        let mut asked: Vec<&str> = ids.iter().map(String::as_str).collect();
        asked.insert(3, missing);
        asked.insert(5, "not an id");
        asked.push(ids[0].as_str());

        let mut store = ObjectStore::open(dir.path());
        let together = answers_of(&mut store, &asked);
        let mut single = ObjectStore::open(dir.path());
        let one_by_one: Vec<_> = asked.iter().map(|id| single.blob(id)).collect();
        assert_eq!(together, one_by_one);
        assert_eq!(together[0].as_deref(), Ok(&blobs[0][..]));
        assert_eq!(together.last().unwrap().as_deref(), Ok(&blobs[0][..]));
        assert_eq!(together[asked.len() - 2].as_deref(), Ok(&blobs[300][..]));
        assert!(
            together[3]
                .as_ref()
                .unwrap_err()
                .0
                .contains("not in the repository")
        );
        assert!(
            together[5]
                .as_ref()
                .unwrap_err()
                .0
                .contains("is not a blob id")
        );
        // The store still answers one at a time afterwards.
        assert_eq!(store.blob(&ids[1]).as_deref(), Ok(&blobs[1][..]));
    }

    #[test]
    fn blobs_outside_a_repository_give_the_reason_for_each() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = ObjectStore::open(dir.path());
        let id = "0123456789012345678901234567890123456789";
        let answers = answers_of(&mut store, &[id, id]);
        assert_eq!(answers.len(), 2);
        for answer in answers {
            assert!(answer.unwrap_err().0.contains("not in a git repository"));
        }
    }
}
