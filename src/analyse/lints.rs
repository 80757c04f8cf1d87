//! The Markdown reading the content lints and the block diff share: [`blocks`] reads a body
//! into the blocks and links it holds; [`words`] picks out the words that tell a block's
//! language.

pub mod blocks;
pub mod words;
