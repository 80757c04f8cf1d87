//! Reports: the forms an [`Analysis`](crate::analyse::Analysis) is printed in.

pub mod codequality;
pub mod dashboard;
pub mod diff;
pub mod fingerprint;
pub mod github;
pub mod json;
pub mod junit;
pub mod pull_request;
pub mod repo;
pub mod sarif;
pub mod side_by_side;
pub mod status;
pub mod style;
pub mod text;

use std::collections::BTreeMap;

use crate::analyse::Counts;

/// How a table reads one count out of [`Counts`].
pub type Count = fn(&Counts) -> usize;

/// The columns of the coverage tables (`tolk status`, the dashboard), in order: the state's
/// code and its count. A new state is one more line here.
pub const COLUMNS: [(&str, Count); 8] = [
    ("pages", |c| c.pages),
    ("up-to-date", |c| c.up_to_date),
    ("stale", |c| c.stale),
    ("untranslated", |c| c.untranslated),
    ("unverified", |c| c.unverified),
    ("missing", |c| c.missing),
    ("orphaned", |c| c.orphaned),
    ("draft", |c| c.draft),
];

/// The entries of a per-locale map in the configured order of `locales` (then any others, by
/// code): every report lists locales in one order.
pub fn ordered<'a, T>(locales: &[String], map: &'a BTreeMap<String, T>) -> Vec<(&'a str, &'a T)> {
    let rank = |code: &str| locales.iter().position(|l| l == code).unwrap_or(usize::MAX);
    let mut entries: Vec<(&str, &T)> = map.iter().map(|(k, v)| (k.as_str(), v)).collect();
    entries.sort_by_key(|(code, _)| rank(code));
    entries
}
