//! Staleness: whether each translation is up to date with its source. [`state`] judges every
//! pair of a source page and a translation; [`baseline`] and [`history`] find the source a
//! translation was made from (a recorded hash or commit, or the git history); [`block_diff`]
//! says which blocks of the source changed since and where they are in the translation;
//! [`untranslated`] tells a translation that is still the source's text; [`changed`] limits a
//! report to the pages a git range touched. Reading MDX well enough to compare it is
//! [`crate::markdown::mdx`]'s.

pub mod baseline;
pub mod block_diff;
pub mod changed;
pub mod history;
pub mod state;
pub mod untranslated;
