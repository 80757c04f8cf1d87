//! The structure of tolk's sources: rules that keep one implementation of each concern.

use std::path::Path;

/// The library crate's folder; paths below are relative to it (`src/build/output.rs`).
const LIBRARY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/crates/tolk");

fn source(rel: &str) -> String {
    std::fs::read_to_string(Path::new(LIBRARY).join(rel)).expect(rel)
}

/// The body of the function `name` in `text` (up to the next top-level item).
fn function<'a>(text: &'a str, name: &str) -> &'a str {
    let start = text.find(&format!("fn {name}(")).expect(name);
    let rest = &text[start..];
    let end = rest.find("\n}\n").map_or(rest.len(), |e| e + 3);
    &rest[..end]
}

#[test]
fn the_outputs_file_replacement_is_the_shared_durable_write() {
    let output = source("src/build/output.rs");
    let replace = function(&output, "replace_file");
    assert!(replace.contains("atomic::replace("), "{replace}");
    assert!(!replace.contains("rename"), "{replace}");
    // A streaming build's folder is flushed to disk before it is swapped in.
    let finish = function(&output, "finish");
    assert!(finish.contains("atomic::sync_files("), "{finish}");
    assert!(
        source("src/edit/atomic.rs").contains("sync_all()"),
        "atomic writes flush to disk"
    );
}

#[test]
fn check_and_build_discover_fluent_files_in_one_place() {
    for rel in ["src/analyse/checks/fluent.rs", "src/theme/strings.rs"] {
        let text = source(rel);
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        assert!(code.contains("ftl::site_files("), "{rel}");
        assert!(!code.contains("WalkDir"), "{rel} walks folders itself");
    }
}

/// Every `.rs` file below `src/<dir>` (path relative to the package, source), sorted.
fn sources_under(dir: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut pending = vec![Path::new(LIBRARY).join("src").join(dir)];
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).expect("src is readable") {
                pending.push(entry.expect("src is readable").path());
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path
                .strip_prefix(LIBRARY)
                .expect("below the library")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path).expect("source is readable");
            out.push((rel, text));
        }
    }
    out.sort();
    out
}

#[test]
fn every_markdown_parse_uses_the_one_set_of_options() {
    let mut parses = 0;
    for (rel, text) in sources_under("") {
        if rel != "src/markdown/options.rs" {
            assert!(
                !text.contains("Options::ENABLE_"),
                "{rel} sets its own Markdown options"
            );
        }
        assert!(
            !text.contains("Parser::new("),
            "{rel} parses with default options"
        );
        for (at, _) in text.match_indices("Parser::new_ext(") {
            let call = &text[at..text.len().min(at + 120)];
            assert!(call.contains("markdown_options()"), "{rel}: {call}");
            parses += 1;
        }
    }
    assert!(parses >= 5, "{parses} parses found");
}

/// The library's layers, lowest first (ARCHITECTURE.md draws them). A module may use its own
/// layer and those below it, never one above.
const LAYERS: &[&[&str]] = &[
    &["hash", "failpoint", "place", "escape", "leftovers"],
    &["diagnostics"],
    &["error"],
    &["git", "config"],
    &["load"],
    &["model"],
    &["markdown", "theme"],
    &["analyse"],
    &["report", "build", "edit", "exchange", "init"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The top-level modules `line` names as `crate::module`.
fn modules_named(line: &str) -> Vec<&str> {
    line.match_indices("crate::")
        .filter(|(at, _)| !line[..*at].ends_with("super::") && !line[..*at].ends_with('$'))
        .map(|(at, _)| {
            let rest = &line[at + "crate::".len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let mut broken = Vec::new();
    for (rel, text) in sources_under("") {
        let inner = rel.trim_start_matches("src/");
        let module = inner
            .split('/')
            .next()
            .unwrap_or(inner)
            .trim_end_matches(".rs");
        if matches!(module, "lib" | "testing") {
            continue;
        }
        let Some(own) = layer_of(module) else {
            panic!("src/{inner}: module `{module}` has no layer in LAYERS");
        };
        let code = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or(&text)
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"));
        for line in code {
            for used in modules_named(line) {
                if let Some(theirs) = layer_of(used)
                    && theirs > own
                {
                    broken.push(format!("{rel} uses crate::{used}: {}", line.trim()));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "imports from a layer above:\n{}",
        broken.join("\n")
    );
}
