//! Property tests of the invariants tolk's users rely on.

use std::io::Write;
use std::process::{Command, Stdio};

use proptest::prelude::*;
use tolk::Finding;
use tolk::blob_id;
use tolk::edit::mark::set_source_hash;
use tolk::markdown::rendered::same_rendering;

const HASH: &str = "0123456789abcdef0123456789abcdef01234567";

/// Front-matter lines of the kinds pages have (no `l10n` block: the property adds one).
fn front_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z_]{1,12}: [A-Za-zæøåÆØÅ0-9 ,.]{0,30}".prop_map(|s| s),
        "  [a-z]{1,8}: [0-9]{1,3}".prop_map(|s| s),
        "  - /[a-z-]{1,20}".prop_map(|s| s),
        "# [a-zæøå ]{0,20}".prop_map(|s| s),
        Just(String::new()),
    ]
}

fn page() -> impl Strategy<Value = (Vec<String>, String, bool, bool)> {
    (
        prop::collection::vec(front_line(), 0..8),
        "[A-Za-zæøå#*\\- \n]{0,200}",
        any::<bool>(),
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// `mark` changes only the l10n lines: removing them from the result gives the input back.
    #[test]
    fn mark_changes_only_l10n_lines((front, body, crlf, bom) in page()) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut text = String::new();
        if bom {
            text.push('\u{feff}');
        }
        text.push_str("---");
        text.push_str(eol);
        for line in &front {
            text.push_str(line);
            text.push_str(eol);
        }
        text.push_str("---");
        text.push_str(eol);
        text.push_str(&body.replace('\n', eol));
        let edited = set_source_hash(&text, HASH).expect("editable");
        let without: String = edited
            .split_inclusive('\n')
            .filter(|l| !l.starts_with("l10n:") && !l.trim_start().starts_with(&format!("source_hash: {HASH}")))
            .collect();
        prop_assert_eq!(without, text);
        let expected = format!("source_hash: {HASH}");
        prop_assert!(edited.contains(&expected));
    }

    /// The JSON form of a finding reads back as the same finding.
    #[test]
    fn finding_json_round_trips(
        code in "[a-z-]{1,20}",
        path in "[a-z/._-]{1,40}",
        message in any::<String>(),
        line in proptest::option::of(1u32..100_000),
        diff in proptest::option::of(any::<String>()),
    ) {
        let mut finding = Finding::new(&tolk::codes::STALE, path, message);
        finding.code = code;
        finding.line = line;
        finding.column = line.map(|_| 1);
        finding.diff = diff;
        let json = serde_json::to_string(&finding).expect("serialise");
        let back: Finding = serde_json::from_str(&json).expect("parse");
        prop_assert_eq!(back, finding);
    }

    /// Whether a change is cosmetic does not depend on the direction of the comparison.
    #[test]
    fn cosmetic_detection_is_symmetric(a in "[a-zæ*\\-#\n ]{0,80}", b in "[a-zæ*\\-#\n ]{0,80}") {
        prop_assert_eq!(same_rendering(&a, &b), same_rendering(&b, &a));
        prop_assert!(same_rendering(&a, &a));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The page hash of any bytes is the id `git hash-object` gives them.
    #[test]
    fn blob_id_equals_git_hash_object(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let mut child = Command::new("git")
            .args(["hash-object", "--stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("git runs");
        child.stdin.take().expect("stdin").write_all(&bytes).expect("write");
        let out = child.wait_with_output().expect("git output");
        let git = String::from_utf8_lossy(&out.stdout).trim().to_string();
        prop_assert_eq!(git, blob_id(&bytes));
    }
}
