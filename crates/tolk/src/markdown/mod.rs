//! Reading Markdown and MDX page bodies, the one way every part of tolk reads them.
//!
//! - [`options`]: the pulldown-cmark extensions of every parse of a page body (the build's
//!   HTML, the lints' blocks, the staleness comparison, the translation exchange);
//! - [`mdx`]: an MDX body taken apart into its Markdown and its JSX tags;
//! - [`body`]: a body read into text blocks, structural marks, links and components, with an
//!   index of its blocks by their text;
//! - [`normalise`]: text compared for identity, whitespace collapsed;
//! - [`words`]: the word scan and its byte tables (whitespace pieces, the words that tell a
//!   block's language);
//! - [`rendered`]: what a page renders to, as a comparable value (the cosmetic rule).
//!
//! The module reads text and pages; it never imports from `analyse`, `build` or `exchange`,
//! which all read bodies through it.

pub mod body;
pub mod mdx;
pub mod normalise;
pub mod options;
pub mod rendered;
pub mod words;
