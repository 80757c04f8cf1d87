//! The site's git history in one pass: which commits touched which page, newest first.
//!
//! One pass of `git log --topo-order -M --raw --no-abbrev -z --relative=<content>/`
//! answers every page of a run (never a process per page); on a long history the pass is split
//! into one part per core, each read by its own `git log` at the same time. `--relative` rather than a pathspec:
//! with a pathspec git diffs every commit twice (once to simplify history, once to print),
//! which doubles the time on a long history. Each touch keeps the file's blob
//! ids before and after the commit, so that history mode can tell a content change from a
//! cosmetic one by reading just those two blobs from the object store, and commits whose
//! subject line carries a skip token (`[skip-l10n]`, Lunaria's `ignoreKeywords`) are marked.
//!
//! Renames are detected in the same pass (`-M`, what `git log --follow` does for one file):
//! a renamed file's touch names the path it came from, so that [`History::lineage`] follows a
//! page across renames and an orphaned translation can be told where its source went.
//!
//! Each commit keeps its parents, so that history mode decides by **ancestry** ([`Reach`]):
//! "the translation has seen this source change" means the source commit is an ancestor of
//! the translation's commit, which gives the same answer for work merged from a branch as for
//! the same work done in a line. Dates are never used: they lie (rebases, clocks) and are
//! often equal in generated repositories. The commits are listed in topological order
//! (children before parents), so a commit's ancestors all come after it in the list.
//!
//! Shallow clones: the commits at the shallow boundary show every file as added; those touches
//! are marked [`Touch::boundary`] and say only "the file existed then". Partial clones: objects
//! are never fetched over the network (`GIT_NO_LAZY_FETCH`); what is missing is reported.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap};
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
    /// Indexes of its parents in [`History::commits`] (those in this clone).
    pub parents: Vec<usize>,
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
    /// The file was renamed here from this path (relative to the site root).
    pub from: Option<String>,
    /// The file was renamed here to this path (and so is gone from its own).
    pub to: Option<String>,
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
    /// For each commit, the last index of the straight line it starts: every commit from it to
    /// there has one parent, the next in the list.
    line_end: Vec<usize>,
    /// For each commit, the first index at or after it from which every later commit is an
    /// ancestor (no parent link jumps over it), `usize::MAX` for none.
    next_cut: Vec<usize>,
}

/// Tokens that mark a commit as not counting: does `message` carry one (case-insensitive
/// substring, as Lunaria's `ignoreKeywords` are matched; a token is plain text, not a regular
/// expression)? History mode passes the subject line, which is what Lunaria matches: the body of
/// a squashed pull request lists every commit subject, a "typo" among them.
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
        let out = match log_in_parts(root, &relative) {
            Ok(out) => out,
            Err(Failure::Spawn(e)) => return History::none(&format!("git could not be run ({e})")),
            Err(Failure::Git(stderr)) => {
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
        };
        let mut history = parse(&out, &content, skip_tokens, &boundary);
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

    /// The touches of the file at `path` followed across renames, newest first: its own
    /// touches down to the one that renamed it here, then those of the path it came from
    /// (older than that commit), and so on.
    pub fn lineage(&self, path: &str) -> Vec<&Touch> {
        let mut out = Vec::new();
        let mut path = path;
        let mut older_than: Option<usize> = None;
        loop {
            let mut next = None;
            for touch in self.touches(path) {
                if older_than.is_some_and(|c| touch.commit <= c) {
                    continue;
                }
                out.push(touch);
                if let Some(from) = &touch.from {
                    next = Some((from.as_str(), touch.commit));
                    break;
                }
            }
            // Commit indexes only grow along the way, so this ends.
            match next {
                Some((from, commit)) => {
                    path = from;
                    older_than = Some(commit);
                }
                None => return out,
            }
        }
    }

    /// The renames in history, newest first: (from, to, commit index).
    pub fn renames(&self) -> Vec<(&str, &str, usize)> {
        let mut out: Vec<(&str, &str, usize)> = self
            .touches
            .iter()
            .flat_map(|(path, touches)| {
                touches
                    .iter()
                    .filter_map(move |t| t.to.as_deref().map(|to| (path.as_str(), to, t.commit)))
            })
            .collect();
        out.sort_by(|a, b| a.2.cmp(&b.2).then(a.0.cmp(b.0)));
        out
    }

    /// Works out the straight lines and cut points of the commit graph (see [`Reach`]).
    fn index_graph(&mut self) {
        let n = self.commits.len();
        self.line_end = vec![0; n];
        for k in (0..n).rev() {
            self.line_end[k] = if self.commits[k].parents == [k + 1] {
                self.line_end[k + 1]
            } else {
                k
            };
        }
        // A parent link from u to v jumps over every index strictly between them.
        let mut jumps = vec![0i64; n + 1];
        for (u, commit) in self.commits.iter().enumerate() {
            for &v in &commit.parents {
                if v > u + 1 {
                    jumps[u + 1] += 1;
                    jumps[v] -= 1;
                }
            }
        }
        self.next_cut = vec![usize::MAX; n];
        let mut open = 0i64;
        let mut cut = Vec::with_capacity(n);
        for j in jumps.iter().take(n) {
            open += j;
            cut.push(open == 0);
        }
        let mut next = usize::MAX;
        for k in (0..n).rev() {
            if cut[k] {
                next = k;
            }
            self.next_cut[k] = next;
        }
    }
}

/// Which commits are ancestors of a set of commits: a walk of the commit graph from the seeds
/// towards older commits, in list order, that can stop at any index and say whether a commit
/// at or before it is reached.
///
/// Cheap on long histories: a straight line of commits (each the single parent of the one
/// before) is crossed in one step, and a commit no parent link jumps over (a "cut": every
/// older commit is its ancestor) ends the walk, since everything after it is reached. A
/// linear history is therefore one step, whatever its length.
#[derive(Debug, Default)]
pub struct Reach {
    /// Per line end: the stamp of the walk that reached the line.
    stamp: Vec<u32>,
    /// Per line end: the first index of the line reached.
    from: Vec<usize>,
    current: u32,
    /// Commits waiting to be walked from.
    heap: BinaryHeap<Reverse<usize>>,
    /// Every commit at or after this index is reached.
    all_from: usize,
}

impl Reach {
    /// Starts a new walk over `history`.
    pub fn start(&mut self, history: &History) {
        let n = history.commits.len();
        if self.stamp.len() != n {
            self.stamp = vec![0; n];
            self.from = vec![0; n];
            self.current = 0;
        }
        self.current = self.current.wrapping_add(1);
        if self.current == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.current = 1;
        }
        self.heap.clear();
        self.all_from = usize::MAX;
    }

    /// Adds `commit` and its ancestors to the walk.
    pub fn seed(&mut self, commit: usize) {
        if commit < self.stamp.len() {
            self.heap.push(Reverse(commit));
        }
    }

    /// The next commit the walk will take, if any.
    pub fn pending(&self) -> Option<usize> {
        self.heap.peek().map(|r| r.0)
    }

    /// Walks every waiting commit at or before index `upto`.
    pub fn advance(&mut self, history: &History, upto: usize) {
        while let Some(m) = self.pending() {
            if m > upto {
                break;
            }
            self.heap.pop();
            self.take(history, m);
        }
    }

    /// Walks the next waiting commit.
    pub fn step(&mut self, history: &History) {
        if let Some(Reverse(m)) = self.heap.pop() {
            self.take(history, m);
        }
    }

    fn take(&mut self, history: &History, m: usize) {
        if self.reached(history, m) {
            return;
        }
        let end = history.line_end[m];
        self.stamp[end] = self.current;
        self.from[end] = m;
        if history.next_cut[m] <= end {
            self.all_from = self.all_from.min(m);
            self.heap.clear();
            return;
        }
        for &parent in &history.commits[end].parents {
            if !self.reached(history, parent) {
                self.heap.push(Reverse(parent));
            }
        }
    }

    /// Whether `commit` is reached, as far as the walk has gone: exact for commits at or
    /// before the last [`Reach::advance`] bound.
    pub fn reached(&self, history: &History, commit: usize) -> bool {
        if commit >= self.all_from {
            return true;
        }
        let Some(&end) = history.line_end.get(commit) else {
            return false;
        };
        self.stamp[end] == self.current && self.from[end] <= commit
    }
}

/// Why `git log` gave no history.
enum Failure {
    /// git could not be started.
    Spawn(std::io::Error),
    /// git failed, with its error output.
    Git(String),
}

/// Fewest commits worth reading in parts, one `git log` per core.
const SPLIT_FROM: usize = 500;

/// The output of `git log` over all of HEAD's history, paths relative to `relative`: read in
/// as many parts as there are cores, each by its own `git log` at the same time, and joined in
/// order (newest part first).
fn log_in_parts(root: &Path, relative: &str) -> Result<Vec<u8>, Failure> {
    let parts = parts(root, rayon::current_num_threads());
    let outputs: Vec<Result<Vec<u8>, Failure>> = std::thread::scope(|scope| {
        let running: Vec<_> = parts
            .iter()
            .map(|revisions| scope.spawn(move || log(root, relative, revisions)))
            .collect();
        running
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| Err(Failure::Git("git log reader stopped".into())))
            })
            .collect()
    });
    let mut joined = Vec::new();
    for output in outputs {
        joined.extend(output?);
    }
    Ok(joined)
}

/// One `git log` over `revisions`.
fn log(root: &Path, relative: &str, revisions: &[String]) -> Result<Vec<u8>, Failure> {
    let mut log = git(root);
    log.args([
        "log",
        "--topo-order",
        "-M",
        "--raw",
        "--no-abbrev",
        "-z",
        "--no-color",
        "--format=%x1e%H %P%x1f%s%x1f",
    ]);
    if !relative.is_empty() {
        log.arg(format!("--relative={relative}"));
    }
    log.args(revisions).arg("--");
    match log.output() {
        Ok(out) if out.status.success() => Ok(out.stdout),
        Ok(out) => Err(Failure::Git(
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )),
        Err(e) => Err(Failure::Spawn(e)),
    }
}

/// Revision sets that partition HEAD's history into about `count` parts of equal size, newest
/// first. With cut commits c1…cn in topological order, part k is what c_k reaches and no later
/// cut reaches (c0 = HEAD): every commit lands in exactly one part, and a commit's parents are
/// in its part or a later one, so the parts joined stay in topological order.
fn parts(root: &Path, count: usize) -> Vec<Vec<String>> {
    parts_from(root, count, SPLIT_FROM)
}

/// [`parts`], splitting histories of at least `split_from` commits.
fn parts_from(root: &Path, count: usize, split_from: usize) -> Vec<Vec<String>> {
    // No revision: git log's own HEAD, and its own message for a repository without commits.
    let whole = vec![Vec::new()];
    if count < 2 {
        return whole;
    }
    let listed = git(root)
        .args(["rev-list", "--topo-order", "HEAD"])
        .stderr(Stdio::null())
        .output();
    let ids = match listed {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        _ => return whole,
    };
    let ids: Vec<&str> = ids.lines().collect();
    if ids.len() < split_from.max(count) {
        return whole;
    }
    let cuts: Vec<String> = std::iter::once("HEAD".to_string())
        .chain((1..count).map(|k| ids[k * ids.len() / count].to_string()))
        .collect();
    (0..cuts.len())
        .map(|k| {
            std::iter::once(cuts[k].clone())
                .chain(cuts[k + 1..].iter().map(|c| format!("^{c}")))
                .collect()
        })
        .collect()
}

fn git(root: &Path) -> Command {
    let mut command = crate::git::command(root);
    command.env("GIT_NO_LAZY_FETCH", "1");
    command
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim()
}

/// Parses the output of the `git log` above (`%H %P`, subject, raw diff per commit), whose
/// paths are relative to the content folder; `content` (`content/`, or empty) makes them
/// relative to the site root.
pub fn parse(
    output: &[u8],
    content: &str,
    skip_tokens: &[String],
    boundary: &BTreeSet<String>,
) -> History {
    let mut history = History::default();
    let mut parent_ids: Vec<Vec<String>> = Vec::new();
    for record in output.split(|&b| b == 0x1e).skip(1) {
        let mut fields = record.splitn(3, |&b| b == 0x1f);
        let ids = String::from_utf8_lossy(fields.next().unwrap_or_default()).into_owned();
        let mut ids = ids.split_whitespace().map(String::from);
        let id = ids.next().unwrap_or_default();
        parent_ids.push(ids.collect());
        let message = String::from_utf8_lossy(fields.next().unwrap_or_default());
        let raw = fields.next().unwrap_or_default();
        let index = history.commits.len();
        let is_boundary = boundary.contains(&id);
        history.commits.push(Commit {
            skip: carries_token(&message, skip_tokens),
            boundary: is_boundary,
            id,
            parents: Vec::new(),
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
            let (old, new, status) = match parts.as_slice() {
                [_, _, old, new, status, ..] => (blob(old), blob(new), *status),
                [_, _, old, new] => (blob(old), blob(new), ""),
                _ => continue,
            };
            let touch = Touch {
                commit: index,
                old,
                new,
                boundary: is_boundary,
                from: None,
                to: None,
            };
            if status.starts_with('R') || status.starts_with('C') {
                let Some(to) = tokens.next() else { break };
                let to = format!("{content}{}", String::from_utf8_lossy(to));
                if status.starts_with('R') {
                    history
                        .touches
                        .entry(path.clone())
                        .or_default()
                        .push(Touch {
                            new: None,
                            to: Some(to.clone()),
                            ..touch.clone()
                        });
                    history.touches.entry(to).or_default().push(Touch {
                        from: Some(path),
                        ..touch
                    });
                } else {
                    // A copy leaves its origin as it was: the copy is a new file.
                    history
                        .touches
                        .entry(to)
                        .or_default()
                        .push(Touch { old: None, ..touch });
                }
                continue;
            }
            history.touches.entry(path).or_default().push(touch);
        }
    }
    let position: HashMap<&str, usize> = history
        .commits
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let parents: Vec<Vec<usize>> = parent_ids
        .iter()
        .map(|ids| {
            ids.iter()
                .filter_map(|id| position.get(id.as_str()).copied())
                .collect()
        })
        .collect();
    for (commit, parents) in history.commits.iter_mut().zip(parents) {
        commit.parents = parents;
    }
    history.index_graph();
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

    /// A record with parents and raw lines written out.
    fn raw_record(id: &str, parents: &str, lines: &str) -> Vec<u8> {
        format!("\x1e{id} {parents}\x1fsubject\x1f\0\n{lines}").into_bytes()
    }

    #[test]
    fn renames_are_followed() {
        let mut out = raw_record(
            "c2",
            "c1",
            &format!(":100644 100644 {A} {B} R090\0nb/a.md\0nb/b.md\0"),
        );
        out.extend(raw_record(
            "c1",
            "",
            &format!(":000000 100644 {Z} {A} A\0nb/a.md\0"),
        ));
        let history = parse(&out, "content/", &[], &BTreeSet::new());
        let b = history.lineage("content/b.md");
        assert!(b.is_empty());
        let b = history.lineage("content/nb/b.md");
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].from.as_deref(), Some("content/nb/a.md"));
        assert_eq!(b[0].old.as_deref(), Some(A));
        assert_eq!(b[1].old, None);
        assert_eq!(
            history.renames(),
            [("content/nb/a.md", "content/nb/b.md", 0)]
        );
        assert_eq!(history.touches("content/nb/a.md")[0].new, None);
        assert_eq!(history.commits[0].parents, [1]);
    }

    /// m merges s (a side line forked at base) into the main line t; a walk from s reaches
    /// base but not t, a walk from m reaches everything.
    #[test]
    fn reach_follows_ancestry_not_order() {
        // Topological order: m, s2, s1, t, base.
        let mut out = raw_record("m", "t s2", "");
        out.extend(raw_record("s2", "s1", ""));
        out.extend(raw_record("s1", "base", ""));
        out.extend(raw_record("t", "base", ""));
        out.extend(raw_record("base", "", ""));
        let history = parse(&out, "", &[], &BTreeSet::new());
        let mut reach = Reach::default();
        reach.start(&history);
        reach.seed(1);
        reach.advance(&history, 4);
        let reached: Vec<bool> = (0..5).map(|i| reach.reached(&history, i)).collect();
        assert_eq!(reached, [false, true, true, false, true]);
        reach.start(&history);
        reach.seed(0);
        reach.advance(&history, 4);
        assert!((0..5).all(|i| reach.reached(&history, i)));
        reach.start(&history);
        reach.seed(3);
        reach.advance(&history, 4);
        let reached: Vec<bool> = (0..5).map(|i| reach.reached(&history, i)).collect();
        assert_eq!(reached, [false, false, false, true, true]);
    }

    #[test]
    fn boundary_commits_are_marked() {
        let out = record("c1", "Shallow tip", &[(Z, A, "a.md")]);
        let boundary: BTreeSet<String> = ["c1".to_string()].into();
        let history = parse(&out, "content/", &[], &boundary);
        assert!(history.commits[0].boundary);
        assert!(history.touches("content/a.md")[0].boundary);
    }

    /// A history with branches and merges, read in three parts: every commit once, and every
    /// commit before its parents.
    #[test]
    fn parts_cover_a_merged_history_once_in_topological_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let run = |args: &[&str]| {
            let out = git(root)
                .args(args)
                .env("GIT_AUTHOR_NAME", "T")
                .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
                .env("GIT_COMMITTER_NAME", "T")
                .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
                .output()
                .expect("git runs");
            assert!(out.status.success(), "git {args:?}: {out:?}");
            String::from_utf8_lossy(&out.stdout).into_owned()
        };
        run(&["init", "-q", "-b", "main"]);
        let commit = |name: &str| {
            std::fs::write(root.join(name), name).expect("write");
            run(&["add", name]);
            run(&["commit", "-q", "-m", name]);
        };
        for i in 0..4 {
            commit(&format!("main-{i}"));
            run(&["checkout", "-q", "-b", &format!("side-{i}")]);
            commit(&format!("side-{i}-a"));
            commit(&format!("side-{i}-b"));
            run(&["checkout", "-q", "main"]);
            commit(&format!("main-{i}-more"));
            run(&[
                "merge",
                "-q",
                "--no-ff",
                "-m",
                "merge",
                &format!("side-{i}"),
            ]);
        }
        let all: BTreeSet<String> = run(&["rev-list", "HEAD"])
            .lines()
            .map(String::from)
            .collect();
        let parts = parts_from(root, 3, 1);
        assert_eq!(parts.len(), 3);
        let mut order = Vec::new();
        for revisions in &parts {
            let mut args = vec!["rev-list", "--topo-order"];
            args.extend(revisions.iter().map(String::as_str));
            order.extend(run(&args).lines().map(String::from));
        }
        assert_eq!(order.len(), all.len(), "each commit once");
        assert_eq!(order.iter().cloned().collect::<BTreeSet<_>>(), all);
        let position: HashMap<&str, usize> = order
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        for id in &order {
            for parent in run(&["rev-list", "--parents", "-n", "1", id])
                .split_whitespace()
                .skip(1)
            {
                assert!(
                    position[id.as_str()] < position[parent],
                    "{id} before {parent}"
                );
            }
        }
        // And the log read in parts is the log read whole.
        let whole = log(root, "", &[]).ok().expect("log");
        let split = log_in_parts(root, "").ok().expect("log");
        let ids = |out: &[u8]| parse(out, "", &[], &BTreeSet::new()).commits.len();
        assert_eq!(ids(&whole), ids(&split));
    }
}
