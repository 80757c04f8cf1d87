//! Front-matter splitting and parsing, and the `mark` edit, on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tolk::edit::mark::{set_source_hash, verify};
use tolk::load::frontmatter::{parse, split};

const HASH: &str = "0123456789abcdef0123456789abcdef01234567";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(s) = split(&text) {
        let _ = parse(&s);
    }
    if let Ok(edited) = set_source_hash(&text, HASH) {
        // Whatever mark produces must read back with the new baseline, or be refused.
        let _ = verify(&text, &edited, HASH);
    }
});
