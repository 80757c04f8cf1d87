//! The Markdown block model and the cosmetic rule (for MDX too): three texts (baseline, current source,
//! translation) cut from the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tolk::analyse::staleness::block_diff::compare;
use tolk::markdown::rendered::{same_content, same_rendering};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\u{1}');
    let a = parts.next().unwrap_or("");
    let b = parts.next().unwrap_or("");
    let c = parts.next().unwrap_or("");
    let report = compare(a, b, c);
    for block in &report.blocks {
        if let Some((start, end)) = block.source_lines {
            assert!(start <= end, "source range {start}-{end}");
        }
    }
    assert_eq!(same_rendering(a, b), same_rendering(b, a));
    assert_eq!(
        same_content("page.mdx", a, b),
        same_content("page.mdx", b, a)
    );
});
