//! Unit tests of front-matter splitting, reading and editing.

use super::*;

#[test]
fn splits_with_bom_and_crlf() {
    let text = "\u{feff}---\r\ntitle: Hei\r\n---\r\nBody\r\n";
    let s = split(text).unwrap();
    assert_eq!(s.yaml, "title: Hei\r\n");
    assert_eq!(s.body, "Body\r\n");
    assert_eq!(s.body_line, 4);
    let (front, problems) = parse(&s);
    assert!(problems.is_empty());
    assert_eq!(front.title.as_deref(), Some("Hei"));
}

#[test]
fn unclosed_is_an_error() {
    assert_eq!(
        split("---\ntitle: x\n"),
        Err(SplitError::Unclosed { line: 1 })
    );
}

#[test]
fn no_front_matter_is_all_body() {
    let s = split("# Hei\n").unwrap();
    assert!(!s.has_front_matter);
    assert_eq!(s.body, "# Hei\n");
}

#[test]
fn yaml_error_has_file_line() {
    let text = "---\ntitle: ok\nurl: [unclosed\n---\n";
    let s = split(text).unwrap();
    let (_, problems) = parse(&s);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].line.is_some_and(|l| l >= 3), "{problems:?}");
}

#[test]
fn wrong_types_are_problems_not_failures() {
    let text = "---\ntitle: Hei\nurl: 5\nmenu: true\n---\n";
    let (front, problems) = parse(&split(text).unwrap());
    assert_eq!(front.title.as_deref(), Some("Hei"));
    assert_eq!(front.url, None);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0].line, Some(3));
}

#[test]
fn reads_menus_and_l10n() {
    let text = "---\nmenu:\n  main:\n    weight: 5\n    parent: kom-i-gang\nl10n:\n  source_hash: E69DE29BB2D1D6434B8B29AE775AD8C2E48C5391\n---\n";
    let (front, problems) = parse(&split(text).unwrap());
    assert!(problems.is_empty());
    assert_eq!(front.menus["main"].weight, Some(5));
    assert_eq!(front.menus["main"].parent.as_deref(), Some("kom-i-gang"));
    assert_eq!(
        front.source_hash.as_deref(),
        Some("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
    );
}
#[test]
fn keys_are_read_without_case_after_blank_lines() {
    let text = "\n\n---\nTitle: Hei\nTranslationKey: home\nDraft: true\nURL: /x/\n---\nBody\n";
    let s = split(text).unwrap();
    assert_eq!((s.yaml_line, s.body_line), (4, 9));
    let (front, problems) = parse(&s);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(front.title.as_deref(), Some("Hei"));
    assert_eq!(front.translation_key.as_deref(), Some("home"));
    assert!(front.draft);
    assert_eq!(front.url.as_deref(), Some("/x/"));
    assert_eq!(s.body, "Body\n");
    assert_eq!(key_line(s.yaml, "url"), Some(4));
}

#[test]
fn toml_front_matter() {
    let text = "+++\ntitle = \"Hei\"\ndate = 2024-01-02\n[menu.main]\nweight = 3\n[l10n]\nsource_hash = \"e69de29bb2d1d6434b8b29ae775ad8c2e48c5391\"\n+++\nBody\n";
    let s = split(text).unwrap();
    assert_eq!(s.format, Format::Toml);
    let (front, problems) = parse(&s);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(front.title.as_deref(), Some("Hei"));
    assert_eq!(front.menus["main"].weight, Some(3));
    assert!(front.source_hash.is_some());
    assert_eq!(
        data(text).get("date").and_then(Value::as_str),
        Some("2024-01-02")
    );
    assert_eq!(key_line(s.yaml, "title"), Some(1));
}

#[test]
fn malformed_toml_has_its_line() {
    let text = "+++\ntitle = \"Hei\"\ndraft = yes please\n+++\n";
    let (_, problems) = parse(&split(text).unwrap());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, Some(3), "{problems:?}");
    assert!(problems[0].message.contains("TOML"));
    assert!(matches!(
        split("+++\ntitle = 1\n"),
        Err(SplitError::UnclosedToml { line: 1 })
    ));
}

#[test]
fn an_mdx_expression_is_no_json_front_matter() {
    let s = split("{/* a note */}\n\n# Title\n").unwrap();
    assert!(!s.has_front_matter);
    let s = split("{\"title\": \"One line\"}\nBody\n").unwrap();
    assert_eq!((s.format, s.body), (Format::Json, "Body\n"));
}

#[test]
fn json_front_matter() {
    let text = "{\n  \"title\": \"Hei {x}\",\n  \"Draft\": true\n}\nBody\n";
    let s = split(text).unwrap();
    assert_eq!(s.format, Format::Json);
    assert_eq!((s.body, s.body_line), ("Body\n", 5));
    let (front, problems) = parse(&s);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(front.title.as_deref(), Some("Hei {x}"));
    assert!(front.draft);
    let (_, problems) = parse(&split("{\n  \"title\": \"x\",\n  \"url\" 5\n}\n").unwrap());
    assert_eq!(problems[0].line, Some(3), "{problems:?}");
}

const H: &str = "0123456789abcdef0123456789abcdef01234567";

fn never(_: &str) -> Result<String, String> {
    Err("yaml".into())
}

#[test]
fn source_hash_in_toml_and_json() {
    let text = "+++\ntitle = \"Hei\"\n[menu.main]\nweight = 1\n+++\nBody\n";
    let out = set_source_hash(text, H, never).unwrap();
    assert_eq!(
        out,
        format!(
            "+++\ntitle = \"Hei\"\n[menu.main]\nweight = 1\n[l10n]\nsource_hash = \"{H}\"\n+++\nBody\n"
        )
    );
    let (front, problems) = parse(&split(&out).unwrap());
    assert!(problems.is_empty());
    assert_eq!(front.source_hash.as_deref(), Some(H));
    // Marked again: the line is rewritten, nothing added.
    let again = set_source_hash(&out.replace(H, &"a".repeat(40)), H, never).unwrap();
    assert_eq!(again, out);
    let json = "{\r\n  \"title\": \"Hei\"\r\n}\r\nBody\r\n";
    let out = set_source_hash(json, H, never).unwrap();
    assert_eq!(
        out,
        format!(
            "{{\r\n  \"title\": \"Hei\",\r\n  \"l10n\": {{ \"source_hash\": \"{H}\" }}\r\n}}\r\nBody\r\n"
        )
    );
    assert_eq!(
        set_source_hash(&out.replace(H, &"b".repeat(40)), H, never).unwrap(),
        out
    );
    let inline = "+++\nl10n = { source_hash = \"x\" }\n+++\n";
    assert!(
        set_source_hash(inline, H, never)
            .unwrap_err()
            .contains("[l10n]")
    );
}

#[test]
fn yaml_form_of_toml_and_json() {
    let toml = "+++\ntitle = \"Guide\"\n[menu.main]\nweight = 3\n+++\nText.\n";
    assert_eq!(
        yaml_form(toml),
        // TOML tables are read in key order.
        "---\nmenu:\n  main:\n    weight: 3\ntitle: Guide\n---\nText.\n"
    );
    assert_eq!(
        yaml_form("{ \"title\": \"Q\" }\nA.\n"),
        "---\ntitle: Q\n---\nA.\n"
    );
    assert_eq!(yaml_form("\n---\ntitle: x\n---\n"), "---\ntitle: x\n---\n");
    assert!(matches!(
        yaml_form("---\ntitle: x\n---\n"),
        std::borrow::Cow::Borrowed(_)
    ));
}

#[test]
fn yaml_after_blank_lines_is_edited_from_its_fence() {
    let out = set_source_hash("\n---\ntitle: x\n---\n", H, |t| Ok(format!("<{t}>"))).unwrap();
    assert_eq!(out, "\n<---\ntitle: x\n---\n>");
}

mod routes;
