//! The structure of tolk's sources: rules that keep one implementation of each concern.

use std::path::Path;

fn source(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)).expect(rel)
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
    for rel in ["src/analyse/fluent.rs", "src/build/i18n.rs"] {
        let text = source(rel);
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        assert!(code.contains("load::ftl::site_files("), "{rel}");
        assert!(!code.contains("WalkDir"), "{rel} walks folders itself");
    }
}
