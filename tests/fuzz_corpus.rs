//! Replays the fuzz targets' seed corpus (`fuzz/seeds/<target>/`, inputs kept from fuzzing
//! runs) through the same code the targets drive, so every `cargo test` re-checks them without
//! cargo-fuzz. An input that once crashed a target is added here as a regression.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tolk::analyse::checks::fluent::{FtlFile, Inputs, check};
use tolk::analyse::staleness::block_diff::compare;
use tolk::edit::mark::{set_source_hash, verify};
use tolk::load::RawFile;
use tolk::load::frontmatter::{parse, split};
use tolk::markdown::rendered::{same_content, same_rendering};
use tolk::{Config, Site};

const HASH: &str = "0123456789abcdef0123456789abcdef01234567";

fn seeds(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut inputs: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| {
            let path = e.path();
            let bytes = std::fs::read(&path).expect("read seed");
            (path, bytes)
        })
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no seeds in {}", dir.display());
    inputs
}

fn three(text: &str) -> (&str, &str, &str) {
    let mut parts = text.splitn(3, '\u{1}');
    (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    )
}

#[test]
fn frontmatter_seeds() {
    for (_, data) in seeds("frontmatter") {
        let text = String::from_utf8_lossy(&data);
        if let Ok(s) = split(&text) {
            let _ = parse(&s);
        }
        if let Ok(edited) = set_source_hash(&text, HASH) {
            let _ = verify(&text, &edited, HASH);
        }
    }
}

#[test]
fn blocks_seeds() {
    for (path, data) in seeds("blocks") {
        let text = String::from_utf8_lossy(&data);
        let (a, b, c) = three(&text);
        let report = compare(a, b, c);
        for block in &report.blocks {
            if let Some((start, end)) = block.source_lines {
                assert!(start <= end, "{}", path.display());
            }
        }
        assert_eq!(
            same_rendering(a, b),
            same_rendering(b, a),
            "{}",
            path.display()
        );
        assert_eq!(
            same_content("page.mdx", a, b),
            same_content("page.mdx", b, a),
            "{}",
            path.display()
        );
    }
}

#[test]
fn fluent_seeds() {
    for (_, data) in seeds("fluent") {
        let text = String::from_utf8_lossy(&data);
        let (source, target, template) = three(&text);
        let mut site = BTreeMap::new();
        site.insert(
            "nb".to_string(),
            vec![FtlFile {
                path: "locales/nb/main.ftl".into(),
                text: source.into(),
            }],
        );
        site.insert(
            "en".to_string(),
            vec![FtlFile {
                path: "locales/en/main.ftl".into(),
                text: target.into(),
            }],
        );
        let templates = vec![("page.html".to_string(), template.to_string())];
        let _ = check(&Inputs {
            source_locale: "nb",
            site: &site,
            builtin: &BTreeMap::new(),
            templates: &templates,
            used_by_code: &[],
        });
    }
}

#[test]
fn site_seeds() {
    for (_, data) in seeds("site") {
        let (source, translation) = match data.iter().position(|&b| b == 1) {
            Some(i) => (&data[..i], &data[i + 1..]),
            None => (&data[..], &[][..]),
        };
        let files = vec![
            RawFile {
                content_path: "nb/side.md".into(),
                path: "content/nb/side.md".into(),
                bytes: source.to_vec(),
            },
            RawFile {
                content_path: "en/side.md".into(),
                path: "content/en/side.md".into(),
                bytes: translation.to_vec(),
            },
        ];
        let site = Site::from_files(
            Path::new("/nonexistent-tolk-fuzz-root"),
            Config::default(),
            files,
            Vec::new(),
        );
        let analysis = tolk::analyse::analyse(&site);
        let json = tolk::report::json::check(&analysis, &analysis.findings);
        assert!(json.starts_with('{'));
    }
}
