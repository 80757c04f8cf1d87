//! The two routes YAML front matter takes to [`FrontMatter`], against each other: its fields
//! read straight from `fast_yaml`'s borrowed tree, and read from the [`Value`] made of it.
//! Every page must give the same fields and the same problems (message, line and column) by
//! both; a page `fast_yaml` declines takes the second route either way.

use proptest::prelude::*;

use super::super::{Route, parse_by, split};
use super::*;
use crate::load::fast_yaml;
use crate::load::fast_yaml::tests::{document, line_of, node_of};

/// What the page `text` gives by each route, if it has front matter.
fn routes(text: &str) -> Option<[(FrontMatter, Vec<FieldProblem>); 2]> {
    let split = split(text).ok()?;
    Some([
        parse_by(&split, Route::Direct),
        parse_by(&split, Route::ThroughValue),
    ])
}

/// Whether `fast_yaml` takes the YAML of page `text` (so the direct route reads it); an error
/// if the routes differ on it.
fn agree(text: &str) -> Result<bool, String> {
    let Some([direct, through_value]) = routes(text) else {
        return Ok(false);
    };
    if direct != through_value {
        return Err(format!(
            "{text:?}\n  direct: {direct:?}\n  through a value: {through_value:?}"
        ));
    }
    let split = split(text).map_err(|e| e.to_string())?;
    with_data_agrees(text)?;
    Ok(split.format == Format::Yaml && fast_yaml::read(split.yaml).is_some())
}

/// An error unless [`parse_with_data`] of page `text` gives what [`parse`] and [`data`] give.
fn with_data_agrees(text: &str) -> Result<(), String> {
    let Ok(split) = split(text) else {
        return Ok(());
    };
    let (front, problems, mapping) = parse_with_data(&split);
    let alone = parse(&split);
    if (&front, &problems) != (&alone.0, &alone.1) {
        return Err(format!(
            "{text:?}\n  with data: {front:?} {problems:?}\n  alone: {alone:?}"
        ));
    }
    if mapping != data(text) {
        return Err(format!(
            "{text:?}\n  data with the fields: {mapping:?}\n  alone: {:?}",
            data(text)
        ));
    }
    Ok(())
}

/// Pages whose data is empty however their fields read: nothing, nesting too deep, not a
/// mapping, broken YAML; and a page whose data is more than its fields.
#[test]
fn fields_and_data_read_together_agree_with_each_alone() {
    let deep = format!("---\ntitle: {}\n---\n", "[".repeat(500));
    let pages = [
        "---\n---\nBody\n",
        "---\n   \n---\n",
        deep.as_str(),
        "---\n- a\n---\n",
        "---\ntitle: [\n---\n",
        "---\ntitle: a\ntitle: b\n---\n",
        "---\ntitle: Hei\nparams:\n  colour: blue\n  sizes: [1, 2]\nlastmod: 2024-05-01\n---\n",
        "+++\ntitle = \"Hei\"\n[params]\ncolour = \"blue\"\n+++\n",
        "{\n  \"title\": \"Hei\", \"params\": {\"colour\": \"blue\"}\n}\n",
    ];
    for page in pages {
        with_data_agrees(page).unwrap_or_else(|e| panic!("{e}"));
    }
    let text = pages[6];
    let (_, _, data) = parse_with_data(&split(text).unwrap());
    assert_eq!(data.len(), 3, "{data:?}");
    assert!(data.get("params").is_some_and(Value::is_mapping));
}

/// The page `---\n{yaml}---\n` read by both routes: the fields and problems they agree on,
/// after checking that `fast_yaml` takes it.
fn direct(yaml: &str) -> (FrontMatter, Vec<FieldProblem>) {
    let text = format!("---\n{yaml}---\nBody\n");
    assert_eq!(agree(&text), Ok(true), "{yaml:?} was not read directly");
    parse(&split(&text).unwrap())
}

/// The messages of `problems` with their lines.
fn problems_at(problems: &[FieldProblem]) -> Vec<(Option<usize>, &str)> {
    problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect()
}

#[test]
fn a_generated_page_is_read_directly() {
    let yaml = "title: \"Pass\"\n\
                ingress: \"Bankid eller skal tilgang.\"\n\
                description: \"Regler buypass før med kommune.\"\n\
                translationKey: \"home\"\n\
                related_pages:\n  - /seksjon-003/postkasse-07852\n  - /seksjon-005/a-03316\n\
                sitemap:\n  priority: 1.0\n";
    let (front, problems) = direct(yaml);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(front.title.as_deref(), Some("Pass"));
    assert_eq!(front.ingress.as_deref(), Some("Bankid eller skal tilgang."));
    assert_eq!(front.translation_key.as_deref(), Some("home"));
    assert_eq!(front.related_pages.len(), 2);
    assert_eq!(front.sitemap_priority, Some(1.0));
}

#[test]
fn keys_differing_in_case_the_exact_one_then_the_first_wins() {
    assert_eq!(direct("Title: A\ntitle: B\n").0.title.as_deref(), Some("B"));
    assert_eq!(direct("TITLE: A\nTitle: B\n").0.title.as_deref(), Some("A"));
    let (front, _) = direct("Menu:\n  Main:\n    Weight: 2\n    weight: 3\n    NAME: x\n");
    assert_eq!(front.menus["Main"].weight, Some(3));
    assert_eq!(front.menus["Main"].name.as_deref(), Some("x"));
    // `menu` before `menus`; `translation_key` before `translationKey` unless it is empty.
    let (front, _) = direct("menus: b\nmenu: a\ntranslation_key: ~\nTranslationKey: k\n");
    assert_eq!(front.menus.keys().collect::<Vec<_>>(), ["a"]);
    assert_eq!(front.translation_key.as_deref(), Some("k"));
    let (front, _) = direct("lang: nn\nLanguage: nb\n");
    assert_eq!(front.language.as_deref(), Some("nb"));
}

#[test]
fn a_key_written_twice_is_a_syntax_error_by_either_route() {
    let text = "---\ntitle: A\nurl: /a/\ntitle: B\n---\n";
    assert_eq!(agree(text), Ok(false));
    let (front, problems) = parse(&split(text).unwrap());
    assert_eq!(front, FrontMatter::default());
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .message
            .starts_with("front matter is not valid YAML"),
        "{problems:?}"
    );
}

#[test]
fn wrong_types_are_the_same_problems_on_the_same_lines() {
    let (front, problems) = direct("title: 42\nurl: 5\ndraft: yes\ningress:\n  - a\n");
    assert_eq!(front.title.as_deref(), Some("42"));
    assert_eq!(front.url, None);
    assert!(!front.draft);
    assert_eq!(
        problems_at(&problems),
        [
            (Some(5), "`ingress` must be text, not a list"),
            (Some(3), "`url` must be text, not a number"),
            (Some(4), "`draft` must be true or false, not a string"),
        ]
    );
    let (front, problems) = direct(
        "menu:\n  - main\n  - 5\nsitemap:\n  priority: 1.5\nl10n:\n  source_hash: nothex\n\
         related_pages:\n  - /a/\n  - true\ndescription:\n  x: y\n",
    );
    assert_eq!(front.related_pages, ["/a/"]);
    assert_eq!(front.menus.keys().collect::<Vec<_>>(), ["main"]);
    assert_eq!(
        problems_at(&problems),
        [
            (Some(12), "`description` must be text, not a mapping"),
            (
                Some(9),
                "each entry of `related_pages` must be text, not a boolean"
            ),
            (Some(2), "each menu name must be text"),
            (Some(5), "`sitemap.priority` must be between 0.0 and 1.0"),
            (
                Some(7),
                "`l10n.source_hash` must be a 40-digit git blob id, not `nothex`; run `tolk mark` on this file"
            ),
        ]
    );
    let (_, problems) = direct("menu: Yes\nsitemap: x\nl10n: 1\n");
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].message.starts_with("`menu: Yes` names a menu"));
}

#[test]
fn source_hashes_and_menus_are_read_directly() {
    let (front, problems) = direct(
        "menu:\n  main:\n    weight: 5\n    parent: kom-i-gang\n  footer:\n  side:\n    weight: 2.7\n\
         l10n:\n  source_hash: 'E69DE29BB2D1D6434B8B29AE775AD8C2E48C5391'\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(front.menus["main"].weight, Some(5));
    assert_eq!(front.menus["main"].parent.as_deref(), Some("kom-i-gang"));
    assert_eq!(front.menus["footer"], MenuEntry::default());
    assert_eq!(front.menus["side"].weight, Some(2));
    assert_eq!(
        front.source_hash.as_deref(),
        Some("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
    );
}

#[test]
fn escapes_quotes_comments_and_nulls_read_alike() {
    let (front, problems) = direct(
        "# a comment\ntitle: \"Hva er \\\"MinID\\\"?\" # note\ningress: 'it''s'\n\
         description: ~\nurl: null\ndraft: false\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(front.title.as_deref(), Some("Hva er \"MinID\"?"));
    assert_eq!(front.ingress.as_deref(), Some("it's"));
    assert_eq!((front.description, front.url), (None, None));
}

/// Tags (which only the route through a value meets) are read as serde_yaml reads them: null
/// under a tag is null where a field may be empty, and a tagged key names a field but no menu.
#[test]
fn tagged_values_are_read_as_serde_yaml_reads_them() {
    let text = "---\ntitle: !x Hei\nsitemap: !x ~\nl10n: !x null\n!x Url: /a/\n\
                menu:\n  !x main:\n    weight: 1\n  side: !x ~\n---\n";
    assert_eq!(agree(text), Ok(false));
    let (front, problems) = parse(&split(text).unwrap());
    assert_eq!(front.url.as_deref(), Some("/a/"));
    assert_eq!(front.menus.keys().collect::<Vec<_>>(), ["side"]);
    assert_eq!(
        problems_at(&problems),
        [
            (Some(2), "`title` must be text, not a tagged value"),
            (Some(6), "menu names must be text"),
        ]
    );
}

/// Pages in and out of `fast_yaml`'s subset, each read alike by both routes: a BOM, CRLF,
/// tabs, flow collections, tags and anchors take the route through a value whichever is asked.
#[test]
fn edge_cases_agree() {
    let pages = [
        "\u{feff}---\r\ntitle: Hei\r\nmenu:\r\n  main:\r\n    weight: 1\r\n---\r\nBody\r\n",
        "\n\n---\nTitle: Hei\nurl: 5\n---\n",
        "---\ntitle:\tHei\n---\n",
        "---\n\ttitle: Hei\n---\n",
        "---\nrelated_pages: [/a/, /b/, 3]\nmenu: {main: {weight: x}}\n---\n",
        "---\nsitemap: {priority: 0.3}\ntitle: [a]\n---\n",
        "---\ntitle: !x Hei\nsitemap: !x ~\nl10n: !x null\nmenu: !x\n---\n",
        "---\n!x Title: Hei\nmenu:\n  !x main:\n    weight: 1\n---\n",
        "---\nbase: &b x\ntitle: *b\n---\n",
        "---\ntitle: |\n  Hei\n---\n",
        "---\nl10n:\n  source_hash: 1234567890123456789012345678901234567890\n---\n",
        "---\nl10n:\n  source_hash: 0b4f8423feb9bc0d118718905650accd32944be7\n---\n",
        "---\nl10n:\n  source_hash: \"0B4F8423FEB9BC0D118718905650ACCD32944BE7 \"\n---\n",
        "---\ntitle: a\ntitle: b\n---\n",
        "---\n- a\n- b\n---\n",
        "---\njust text\n---\n",
        "---\n# only a comment\n---\n",
        "---\ndraft: yes\ndraft2: no\nDRAFT: true\n---\n",
        "---\nurl: 0.5\nTitle: 0.5\nlang: 1\nmenu: 3\n---\n",
        "+++\ntitle = \"Hei\"\nurl = 5\n+++\n",
        "{\n  \"title\": \"Hei\",\n  \"draft\": \"yes\"\n}\n",
    ];
    for page in pages {
        agree(page).unwrap_or_else(|e| panic!("{e}"));
    }
    // The pages above that fast_yaml takes.
    let direct = pages.iter().filter(|p| agree(p) == Ok(true)).count();
    assert_eq!(direct, 6);
}

/// Keys: the fields tolk reads in several spellings, their nested fields, and others.
fn field_key() -> BoxedStrategy<String> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "title", "Title", "TITLE", "ingress", "description", "Description", "url", "URL",
            "translation_key", "translationKey", "TranslationKey", "language", "lang", "Lang",
            "draft", "Draft", "menu", "Menu", "menus", "related_pages", "Related_Pages",
            "sitemap", "Sitemap", "l10n", "L10N", "main", "footer", "Main", "weight", "Weight",
            "name", "Name", "parent", "priority", "Priority", "source_hash", "Source_Hash",
        ])
        .prop_map(str::to_string),
        1 => fast_yaml::tests::key(),
    ]
    .boxed()
}

/// Scalars: `fast_yaml`'s, and values the fields have or nearly have.
fn field_scalar() -> BoxedStrategy<String> {
    prop_oneof![
        1 => fast_yaml::tests::scalar(),
        3 => prop::sample::select(vec![
            "yes", "no", "On", "Y", "n", "true", "false", "~", "null", "''", "\"\"", "0", "0.5",
            "1.0", "1.5", "2", "2.7", "10", "42", "/nn/om-minid/", "kom-i-gang",
            "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391",
            "E69DE29BB2D1D6434B8B29AE775AD8C2E48C5391",
            "'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391 '",
            "1234567890123456789012345678901234567890",
            "e69de29bb2d1d6434b8b29ae775ad8c2e48c539",
            "\"Hva er \\\"MinID\\\"?\"", "'it''s'", "Kom i gang # comment",
        ])
        .prop_map(str::to_string),
    ]
    .boxed()
}

/// The value of a field: mostly a scalar or a list, else a tree.
fn field_value() -> impl Strategy<Value = fast_yaml::tests::Node> {
    use fast_yaml::tests::Node;
    prop_oneof![
        3 => field_scalar().prop_map(Node::Scalar),
        1 => prop::collection::vec(field_scalar(), 0..4).prop_map(Node::List),
        2 => node_of(field_key(), field_scalar()),
    ]
}

/// A page around `yaml`: after a BOM and blank lines or not, with CRLF fences or not.
fn page(yaml: &str, bom: bool, blank_lines: usize, crlf: bool) -> String {
    let newline = if crlf { "\r\n" } else { "\n" };
    let bom = if bom { BOM } else { "" };
    format!(
        "{bom}{}---{newline}{yaml}---{newline}Body{newline}",
        newline.repeat(blank_lines)
    )
}

/// Front matter of generated fields, as YAML (with CRLF line ends or not), whether a BOM
/// comes before it, and how many blank lines. A key written twice at the top is mostly left
/// out (`fast_yaml` declines such YAML).
fn front_matter_trees() -> impl Strategy<Value = (String, bool, usize)> {
    (
        prop::collection::vec((field_key(), field_value()), 1..8),
        prop::bool::weighted(0.2),
        1usize..5,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        0usize..3,
    )
        .prop_map(
            |(mut entries, twice, step, compact, crlf, bom, blank_lines)| {
                if !twice {
                    let mut seen = std::collections::HashSet::new();
                    entries.retain(|(key, _)| seen.insert(key.clone()));
                }
                (document(&entries, step, compact, crlf), bom, blank_lines)
            },
        )
}

fn front_matter_lines() -> impl Strategy<Value = String> {
    prop::collection::vec(line_of(field_key(), field_scalar()), 1..10)
        .prop_map(|lines| lines.iter().map(|l| format!("{l}\n")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn generated_front_matter_agrees((yaml, bom, blank_lines) in front_matter_trees()) {
        let crlf = yaml.contains('\r');
        let text = page(&yaml, bom, blank_lines, crlf);
        prop_assert!(agree(&text).is_ok(), "{}", agree(&text).unwrap_err());
    }

    #[test]
    fn generated_lines_agree(yaml in front_matter_lines(), bom in any::<bool>()) {
        let text = page(&yaml, bom, 0, false);
        prop_assert!(agree(&text).is_ok(), "{}", agree(&text).unwrap_err());
    }
}

/// The generated front matter exercises the direct route and its rules: many pages are read
/// directly, many of those set fields, and many have problems.
#[test]
fn generated_front_matter_is_often_read_directly() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let trees = front_matter_trees();
    let (mut taken, mut with_fields, mut with_problems) = (0, 0, 0);
    for _ in 0..1000 {
        let (yaml, bom, blank_lines) = trees.new_tree(&mut runner).expect("a tree").current();
        let text = page(&yaml, bom, blank_lines, yaml.contains('\r'));
        if !agree(&text).unwrap_or_else(|e| panic!("{e}")) {
            continue;
        }
        taken += 1;
        let (front, problems) = parse(&split(&text).unwrap());
        with_fields += usize::from(front != FrontMatter::default());
        with_problems += usize::from(!problems.is_empty());
    }
    eprintln!(
        "read directly: {taken} of 1000, {with_fields} with fields, {with_problems} with problems"
    );
    assert!(
        taken > 400 && with_fields > 200 && with_problems > 200,
        "{taken} {with_fields} {with_problems}"
    );
}
