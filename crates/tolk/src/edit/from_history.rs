//! `tolk mark --from-history`: gives translations without a baseline the one history implies,
//! the source as it was at the translation's last commit.
//!
//! The commit is history mode's "last change" ([`Judge::last_change`]: commits with a skip
//! token or without a rendered-text change do not count); the baseline written is the page
//! hash of the source file at that commit, carried forward over later source commits that do
//! not count ([`Judge::baseline_since`]), read through one `git cat-file --batch`. So the
//! states after marking are the ones history mode gave, now with exact diffs.
//!
//! The edit is [`tolk mark`](super::mark())'s: only the `l10n` lines change, and the write is
//! atomic. Afterwards the ordinary rule applies, and a translation whose source changed since
//! shows the diff.

use crate::analyse::staleness::baseline::{self, Judge, LastChange};
use crate::analyse::staleness::history::History;
use crate::error::{Error, Result};
use crate::git::ObjectStore;
use crate::hash::page_hash;
use crate::model::{Page, Site};

use super::{Marked, atomic, mark};

/// What `mark --from-history` did to each translation it considered, by path.
pub type Outcomes = Vec<(String, Result<Marked>)>;

/// Writes baselines from history into the translations at `paths` (every translation without
/// a baseline when `paths` is empty). Translations that already record a baseline are left
/// alone (`Unchanged`).
pub fn mark_from_history(site: &Site, paths: &[std::path::PathBuf]) -> Result<Outcomes> {
    let targets: Vec<&Page> = if paths.is_empty() {
        site.pages
            .iter()
            .filter(|p| p.locale != site.config.source_locale)
            .filter(|p| p.is_tracked() && !baseline::has_baseline(site, p))
            .filter(|p| site.source_page(&p.key).is_some())
            .collect()
    } else {
        let mut pages = Vec::new();
        for path in paths {
            pages.push(super::translation_at(site, path)?);
        }
        pages
    };
    let history = History::read(
        &site.root,
        &site.config.content_dir,
        &site.config.conventions.skip_tokens,
    );
    if let Some(reason) = &history.unavailable {
        return Err(Error::Usage(format!(
            "history unavailable: {reason}; `tolk mark --from-history` needs the site's git history"
        )));
    }
    let mut store = ObjectStore::open(&site.root);
    let mut judge = Judge::new(site, &history, &mut store);
    let mut outcomes = Vec::new();
    for page in targets {
        let outcome = if baseline::has_baseline(site, page) {
            Ok(Marked::Unchanged)
        } else {
            mark_one(site, &mut judge, page)
        };
        outcomes.push((page.path.clone(), outcome));
    }
    Ok(outcomes)
}

fn mark_one(site: &Site, judge: &mut Judge<'_>, page: &Page) -> Result<Marked> {
    let file = site.root.join(&page.path);
    let refuse = |message: String| Error::Edit {
        path: file.clone(),
        message,
    };
    let source = site.source_page(&page.key).ok_or_else(|| {
        refuse(format!(
            "it translates `{}`, which has no `{}` source page",
            page.key, site.config.source_locale
        ))
    })?;
    let index = match judge.last_change(page) {
        LastChange::Commit(index) => index,
        LastChange::Now => {
            return Err(refuse(
                "it has uncommitted changes, so its last commit is not what it was made from; commit it first \
                 (or run `tolk mark` on it if it matches the source now)"
                    .into(),
            ));
        }
        LastChange::Untracked => {
            return Err(refuse(
                "it is not committed, so history cannot tell what it was made from".into(),
            ));
        }
        LastChange::BeforeHistory => {
            return Err(refuse(
                "this clone is shallow and the translation's last commit is before its history begins; \
                 run `git fetch --unshallow` first"
                    .into(),
            ));
        }
    };
    let blob = judge.baseline_since(source, index).map_err(&refuse)?;
    let text = judge.text(&blob).ok_or_else(|| {
        refuse(format!(
            "the source as it was then (blob {}) is not in this clone",
            &blob[..blob.len().min(10)]
        ))
    })?;
    let hash = page_hash(text.as_bytes());
    let bytes = std::fs::read(&file).map_err(|e| Error::io("cannot read", &file, e))?;
    let current = String::from_utf8(bytes)
        .map_err(|_| refuse("it is not valid UTF-8; fix its encoding first".into()))?;
    let edited = mark::set_source_hash(&current, &hash).map_err(&refuse)?;
    mark::verify(&current, &edited, &hash).map_err(&refuse)?;
    atomic::replace(&file, edited.as_bytes())?;
    Ok(Marked::Updated { hash })
}
