//! The whole check of a site of one source page and its English translation, both from the input.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tolk::load::RawFile;
use tolk::{Config, Site};

fuzz_target!(|data: &[u8]| {
    let (source, translation) = match data.iter().position(|&b| b == 1) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let files = vec![
        RawFile { content_path: "nb/side.md".into(), path: "content/nb/side.md".into(), bytes: source.to_vec() },
        RawFile { content_path: "en/side.md".into(), path: "content/en/side.md".into(), bytes: translation.to_vec() },
    ];
    let site = Site::from_files(Path::new("/nonexistent-tolk-fuzz-root"), Config::default(), files, Vec::new());
    let analysis = tolk::analyse::analyse(&site);
    let json = tolk::report::json::check(&analysis, &analysis.findings);
    assert!(json.starts_with('{'));
    let _ = tolk::report::text::check(&analysis.findings, true);
});
