//! Diagnostics: what tolk reports about a site and how serious it is. A [`Finding`] has a code
//! from the catalogue ([`codes`]), which gives its default severity; the site's `severity:`
//! policy ([`policy`]) may change it.
//!
//! This layer sits below config, load and model, which all make findings.

pub mod codes;
mod finding;
pub(crate) mod policy;

pub(crate) use codes::Code;
pub(crate) use finding::sort_findings;
pub use finding::{BlockChange, ChangeSize, ChangedBlock, Finding, Severity};
