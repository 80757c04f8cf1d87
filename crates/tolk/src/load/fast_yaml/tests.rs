//! The fast reader against serde_norway: table tests of tricky cases, and generated documents
//! in and around the subset. The generators serve the front-matter tests too.

use proptest::prelude::*;
use serde_yaml::Value;

use super::parse;

/// serde_norway's reading of `yaml`.
fn slow(yaml: &str) -> Result<Value, String> {
    serde_yaml::from_str::<Value>(yaml).map_err(|e| e.to_string())
}

/// Whether the fast reader took `yaml`; an error if it took it and gave anything but exactly
/// serde_norway's value (key order included).
fn agrees(yaml: &str) -> Result<bool, String> {
    let Some(fast) = parse(yaml) else {
        return Ok(false);
    };
    match slow(yaml) {
        Ok(slow) if slow == fast && format!("{slow:?}") == format!("{fast:?}") => Ok(true),
        other => Err(format!(
            "{yaml:?}\n  fast: {fast:?}\n  serde_norway: {other:?}"
        )),
    }
}

fn accepted(yaml: &str) -> bool {
    agrees(yaml).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn common_front_matter_is_read() {
    let yaml = "title: \"Viss opplysningar reservasjon\"\n\
                ingress: Må viktig, gløymt andre å, skule?\n\
                url: /nn/seksjon-12/viss-06216/\n\
                translationKey: seksjon-12/helse-varsel-med-06216\n\
                related_pages:\n  - /seksjon-03/loysinga\n  - glemt-passord\n\
                menu:\n  main:\n    parent: kom-i-gang\n    weight: 50\n\
                sitemap:\n  priority: 0.5\n\
                draft: true\n\
                l10n:\n  source_hash: 61662e3b6a54172e3866a9393edda039107f47c1\n";
    assert!(accepted(yaml));
    let other = "l10n:\n  source_hash: 9c33a860174cb895492b71daa97f5d53949d38ea\n";
    assert!(accepted(other));
}

#[test]
fn tricky_scalars_agree_or_are_declined() {
    let taken = [
        "yes",
        "no",
        "on",
        "off",
        "y",
        "n",
        "~",
        "null",
        "Null",
        "NULL",
        "true",
        "False",
        "TRUE",
        "1.0",
        "0.5",
        "0",
        "10",
        "18446744073709551615",
        "inf",
        "nan",
        "Infinity",
        "'it''s'",
        "\"a\\\"b\"",
        "\"a\\\\b\\/c\\nd\\te\"",
        "'a\"b'",
        "\"'\"",
        "Kom i gang #1",
        "a#b",
        "a:b",
        "a :b",
        "http://x.no/a?b=c#d",
        "2024-01-15",
        "2024-01-15T10:00:00+01:00",
        "1.2.3",
        "1-2",
        "1e5-3",
        "12:30",
        "1_000",
        "0X10",
        "e5",
        "x   ",
        "\"x\"   ",
        "'x' # c",
        "\"x\" #c",
        "a, b",
        "a [b] {c}",
        "Hva er MinID?",
        "x\u{a0}",
        "\u{a0}x",
        "ø",
        "~x",
        "a - b",
        "a  b",
        "\"\"",
        "''",
        "\"#\"",
        "'#'",
        "0b4f8423feb9bc0d118718905650accd32944be7",
        "0xfg",
        "0o78",
        "0x1.5",
    ];
    for scalar in taken {
        assert!(
            accepted(&format!("a: {scalar}\n")),
            "{scalar:?} was declined"
        );
        assert!(
            accepted(&format!("a:\n  - {scalar}\n")),
            "{scalar:?} declined in a list"
        );
    }
    let declined = [
        "0x10",
        "0o17",
        "0b101",
        "0xff",
        "0xFF",
        "0b",
        ".inf",
        "-.inf",
        ".nan",
        "-1",
        "+1",
        "0123",
        "007",
        "1e5",
        "1e-5",
        "184467440737095516150",
        "1.5e3",
        "a: b",
        "a:",
        "- x",
        "-x",
        "? x",
        "?x",
        "[1, 2]",
        "{a: 1}",
        "&x 1",
        "*x",
        "!tag x",
        "|",
        ">",
        "%x",
        "@x",
        "`x",
        ",x",
        "\"\\u00e5\"",
        "\"x\"#c",
        "'x'y",
        ".x",
        "\"x\" y",
        "\"open",
        "'open",
        "a\tb",
        ":x",
    ];
    for scalar in declined {
        let yaml = format!("a: {scalar}\n");
        assert!(!accepted(&yaml), "{yaml:?} was taken");
    }
}

#[test]
fn tricky_documents_agree_or_are_declined() {
    let taken = [
        "# comment\na: b\n",
        "a: b # comment\n  # indented comment\nc: d\n",
        "a:\n",
        "a:   \nb: c\n",
        "a: # nothing\n",
        "a:\r\n  - x\r\nb: y\r\n",
        "a:\n- x\n- y\nb: c\n",
        "a:\n\n  b: 1\n\n  c:\n    d: e\nf: g\n",
        "a:\n  - x\n  -   y\n",
        "_x: 1\nx-y: 2\nA1: 3\n",
        "a:\n  b:\n  c: 1\n",
    ];
    for yaml in taken {
        assert!(accepted(yaml), "{yaml:?} was declined");
    }
    let declined = [
        "a: b\na: c\n",
        "a:\n  b: 1\n  b: 2\n",
        "a: x\n  y\n",
        "a:\n  - x\n    y\n",
        "a:\n  - x\n  b: y\n",
        "a:\n    b: 1\n  c: 2\n",
        "  a: b\n",
        "- a\n- b\n",
        "a: b\n- c\n",
        "a:\n  -\n",
        "a:\n  - b: c\n",
        "a:\n  -\n    - b\n",
        "a: b\r\rc: d\n",
        "a: b\u{2028}c\n",
        "a: b\u{85}c\n",
        "a: |\n  x\n",
        "a: >-\n  x\n",
        "a: \"x\n  y\"\n",
        "key : value\n",
        "\"a\": b\n",
        "null: x\n",
        "true: x\n",
        "1: x\n",
        "a:b\n",
        "a:\tb\n",
        "\ta: b\n",
        "--- x\n",
        "%YAML 1.2\n",
        "# only a comment\n",
        "",
        "<<: x\n",
        "a: \u{feff}\n",
    ];
    for yaml in declined {
        assert!(!accepted(yaml), "{yaml:?} was taken");
    }
}

/// The byte test of [`super::all_printable`] agrees with the rule on characters, for every
/// character, alone and where it starts or ends a run of sixteen bytes tested at once.
#[test]
fn printable_bytes_match_characters() {
    let by_char = |c: char| match c {
        ' '..='~' | '\n' | '\r' => true,
        '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => false,
        c => c >= '\u{a0}',
    };
    let mut text = String::new();
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        for before in [1, 14, 15, 16] {
            text.clear();
            text.extend(std::iter::repeat_n('a', before));
            text.extend([c, 'b']);
            text.extend(std::iter::repeat_n('\n', 16));
            assert_eq!(
                super::all_printable(&text),
                by_char(c),
                "{c:?} after {before}"
            );
        }
    }
}

#[test]
fn a_key_too_long_for_libyaml_is_declined() {
    let yaml = format!("{}: x\n", "k".repeat(2000));
    assert!(!accepted(&yaml));
}

#[test]
fn deep_nesting_is_declined() {
    let mut yaml = String::new();
    for depth in 0..40 {
        yaml.push_str(&format!("{}k:\n", " ".repeat(depth)));
    }
    yaml.push_str(&format!("{}k: x\n", " ".repeat(40)));
    assert!(!accepted(&yaml));
}

/// Scalars: ordinary text, tricky values, and soups of pieces with a meaning in YAML.
pub(crate) fn scalar() -> impl Strategy<Value = String> + Clone {
    let words = prop::sample::select(vec![
        "Kom",
        "i",
        "gang",
        "MinID",
        "ø",
        "å",
        "blåbær",
        "x",
        "/nn/seksjon-12/",
        "a-b",
        "1",
        "42",
        "0.5",
        "e",
        "Hva",
        "?",
        ",",
        ".",
        "(a)",
        "\u{a0}",
        "é",
        "#1",
        "a#b",
        "'",
        "\"",
    ]);
    let pieces = prop::sample::select(vec![
        "a", "Kom", "x", "ø", "å", "0", "1", "9", "00", "12", ".", "-", "+", "e", "E", "x", "b",
        "o", "_", ":", " ", "  ", "#", " #", ": ", "'", "''", "\"", "\\", "\\\"", "\\n", "\\u",
        "\t", "\r", "~", "!", "&", "*", "[", "]", "{", "}", ",", "?", "|", ">", "%", "@", "`", "/",
        "null", "true", "False", "yes", "0x", "0o", "0b", "inf", ".inf", "nan", ".NaN", "\u{a0}",
        "\u{85}", "\u{2028}", "\u{feff}", "é",
    ]);
    let fixed = prop::sample::select(vec![
        "yes",
        "~",
        "null",
        "true",
        "1.0",
        "0.5",
        "10",
        "0x10",
        ".inf",
        "-1",
        "0123",
        "1.2.3",
        "2024-01-15",
        "9c33a860174cb895492b71daa97f5d53949d38ea",
        "Kom i gang #1",
        "'it''s'",
        "\"a\\\"b\"",
        "a: b",
        "",
        "18446744073709551616",
        "1e5",
        "12:30",
        "'a' # c",
    ]);
    let quote = |(text, double): (String, bool)| {
        if double {
            format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
        } else {
            format!("'{}'", text.replace('\'', "''"))
        }
    };
    prop_oneof![
        12 => prop::collection::vec(words.clone(), 1..5).prop_map(|w| w.join(" ")),
        3 => (prop::collection::vec(words, 0..4).prop_map(|w| w.join(" ")), any::<bool>())
            .prop_map(quote),
        1 => prop::collection::vec(pieces, 0..6).prop_map(|p| p.concat()),
        1 => fixed.prop_map(str::to_string),
    ]
}

pub(crate) fn key() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        20 => prop::sample::select(vec![
            "title", "url", "menu", "main", "weight", "name", "parent", "related_pages",
            "l10n", "source_hash", "sitemap", "priority", "draft", "translationKey", "a", "b",
            "_x", "x-y", "k1", "Yes",
        ])
        .prop_map(str::to_string),
        1 => prop::sample::select(vec![
            "null", "true", "1", "-", "? a", "a b", "\"q\"", "a ", "<<", "~", "",
        ])
        .prop_map(str::to_string),
    ]
}

/// A tree of mappings and lists written out in block style, with some variation in spacing.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Scalar(String),
    Map(Vec<(String, Node)>),
    List(Vec<String>),
}

fn node() -> impl Strategy<Value = Node> {
    node_of(key().boxed(), scalar().boxed())
}

/// Trees of the given keys and scalars.
pub(crate) fn node_of(
    key: BoxedStrategy<String>,
    scalar: BoxedStrategy<String>,
) -> impl Strategy<Value = Node> {
    let leaf = prop_oneof![
        4 => scalar.clone().prop_map(Node::Scalar),
        1 => prop::collection::vec(scalar, 0..4).prop_map(Node::List),
    ];
    leaf.prop_recursive(3, 24, 5, move |inner| {
        prop::collection::vec((key.clone(), inner), 1..5).prop_map(Node::Map)
    })
}

fn write(node: &Node, indent: usize, step: usize, compact: bool, out: &mut String) {
    let pad = " ".repeat(indent);
    match node {
        Node::Scalar(s) => out.push_str(&format!(" {s}\n")),
        Node::List(items) => {
            out.push('\n');
            let pad = if compact {
                pad
            } else {
                " ".repeat(indent + step)
            };
            for item in items {
                out.push_str(&format!("{pad}- {item}\n"));
            }
        }
        Node::Map(entries) => {
            out.push('\n');
            for (key, value) in entries {
                out.push_str(&format!("{pad}{key}:"));
                write(value, indent + step, step, compact, out);
            }
        }
    }
}

/// The YAML of a mapping of `entries`, nested `step` spaces deeper a level, lists at their
/// key's indentation when `compact`.
pub(crate) fn document(
    entries: &[(String, Node)],
    step: usize,
    compact: bool,
    crlf: bool,
) -> String {
    let mut out = String::new();
    for (key, value) in entries {
        out.push_str(&format!("{key}:"));
        write(value, step, step, compact, &mut out);
    }
    if crlf {
        out = out.replace('\n', "\r\n");
    }
    out
}

/// A line of any kind at any indentation: documents mostly outside the subset.
fn line() -> impl Strategy<Value = String> {
    line_of(key().boxed(), scalar().boxed())
}

/// A line of any kind at any indentation, of the given keys and scalars.
pub(crate) fn line_of(
    key: BoxedStrategy<String>,
    scalar: BoxedStrategy<String>,
) -> impl Strategy<Value = String> {
    let indent = prop::sample::select(vec![0usize, 0, 0, 1, 2, 2, 3, 4]);
    let body = prop_oneof![
        4 => (key.clone(), prop::sample::select(vec![": ", ":", ":  "]), scalar.clone())
            .prop_map(|(k, sep, v)| format!("{k}{sep}{v}")),
        2 => key.prop_map(|k| format!("{k}:")),
        2 => scalar.clone().prop_map(|v| format!("- {v}")),
        1 => scalar.clone().prop_map(|v| format!("# {v}")),
        1 => scalar,
        1 => Just(String::new()),
    ];
    (indent, body).prop_map(|(i, b)| format!("{}{b}", " ".repeat(i)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn written_trees_agree_or_are_declined(
        entries in prop::collection::vec((key(), node()), 1..6),
        step in 1usize..5,
        compact in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let yaml = document(&entries, step, compact, crlf);
        prop_assert!(agrees(&yaml).is_ok(), "{}", agrees(&yaml).unwrap_err());
    }

    #[test]
    fn any_lines_agree_or_are_declined(
        lines in prop::collection::vec(line(), 1..8),
        crlf in any::<bool>(),
    ) {
        let newline = if crlf { "\r\n" } else { "\n" };
        let yaml = lines.iter().map(|l| format!("{l}{newline}")).collect::<String>();
        prop_assert!(agrees(&yaml).is_ok(), "{}", agrees(&yaml).unwrap_err());
    }
}

/// How many generated documents the fast reader takes: the generators must exercise it.
#[test]
fn generated_documents_are_often_taken() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let trees = (
        prop::collection::vec((key(), node()), 1..6),
        1usize..5,
        any::<bool>(),
    );
    let lines = prop::collection::vec(line(), 1..8);
    let (mut taken_trees, mut taken_lines) = (0, 0);
    for _ in 0..1000 {
        let (entries, step, compact) = trees.new_tree(&mut runner).expect("a tree").current();
        taken_trees += usize::from(accepted(&document(&entries, step, compact, false)));
        let lines = lines.new_tree(&mut runner).expect("lines").current();
        taken_lines += usize::from(accepted(&(lines.join("\n") + "\n")));
    }
    eprintln!("taken: {taken_trees} trees, {taken_lines} line soups of 1000");
    assert!(
        taken_trees > 100 && taken_lines > 20,
        "{taken_trees} {taken_lines}"
    );
}

/// Every front matter in this repository (the site and the test fixtures) is read alike.
#[test]
fn repository_front_matter_agrees() {
    // The repository's top, two folders above the library's.
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let (mut seen, mut taken) = (0, 0);
    for dir in ["content", "tests/fixtures"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(bytes) = std::fs::read(entry.path()) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            let Ok(split) = crate::load::frontmatter::split(&text) else {
                continue;
            };
            seen += 1;
            match agrees(split.yaml) {
                Ok(took) => taken += usize::from(took),
                Err(e) => panic!("{}: {e}", entry.path().display()),
            }
        }
    }
    assert!(taken * 2 > seen, "{taken} of {seen}");
}
