//! Staleness: whether each translation is up to date with its source. [`state`] judges every
//! pair of a source page and a translation; [`baseline`] and [`history`] find the source a
//! translation was made from (a recorded hash or commit, or the git history); [`block_diff`]
//! says which blocks of the source changed since and where they are in the translation;
//! [`untranslated`] tells a translation that is still the source's text; [`mdx`] reads MDX
//! well enough to compare it; [`changed`] limits a report to the pages a git range touched.

pub mod baseline;
pub mod block_diff;
pub mod changed;
pub mod history;
pub mod mdx;
pub mod state;
pub mod untranslated;
