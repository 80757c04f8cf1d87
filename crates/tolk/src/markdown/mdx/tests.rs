use super::*;
use crate::markdown::rendered::same_content;

fn read(body: &str) -> Mdx {
    Mdx::read(body)
}

#[test]
fn jsx_syntax_is_taken_out_and_children_kept() {
    let body = "import Tabs from '@theme/Tabs';\nimport {\n  A,\n} from 'b';\n\n# Title\n\n<Tabs>\n  <TabItem\n    value=\"a\" label=\"First\">\n\n  Text.\n\n  </TabItem>\n</Tabs>\n{/* note */}\n\n```jsx\n<Tabs>\n```\n";
    let mdx = read(body);
    assert_eq!(
        mdx.markdown,
        "\n\n\n\n\n# Title\n\n\n\n\n\nText.\n\n\n\n\n\n```jsx\n<Tabs>\n```\n"
    );
    let names: Vec<(&str, TagKind, bool)> = mdx
        .tags
        .iter()
        .map(|t| (t.name.as_str(), t.kind, t.flow))
        .collect();
    assert_eq!(
        names,
        [
            ("Tabs", TagKind::Open, true),
            ("TabItem", TagKind::Open, true),
            ("TabItem", TagKind::Close, true),
            ("Tabs", TagKind::Close, true),
        ]
    );
    assert_eq!(mdx.tags[1].text(), "label: First");
    // Offsets lead back into the body.
    let text = mdx.markdown.find("Text.").expect("kept");
    assert_eq!(&body[mdx.original(text)..mdx.original(text) + 5], "Text.");
}

#[test]
fn props_in_every_string_form() {
    let body = "<LinkCard\n\thref=\"/x/\"\n\ttitle='It&apos;s here'\n\tdescription={\"Say \\\"hi\\\"\"}\n\tcaption={`Tick`}\n\talt={name}\n\t{...rest}\n/>\n";
    let mdx = read(body);
    assert_eq!(mdx.tags.len(), 1);
    let tag = &mdx.tags[0];
    assert_eq!(tag.kind, TagKind::SelfClosing);
    let props: Vec<(&str, &str)> = tag
        .props
        .iter()
        .map(|p| (p.name.as_str(), p.value.as_str()))
        .collect();
    assert_eq!(
        props,
        [
            ("title", "It's here"),
            ("description", "Say \"hi\""),
            ("caption", "Tick")
        ]
    );
    assert_eq!(&body[tag.props[2].offset..tag.props[2].offset + 4], "Tick");
    assert_eq!(mdx.markdown.trim(), "");
    // Props without a value, and expressions over several lines.
    let mdx = read(
        "<Link href='/x/' style={{\n  gap: '1rem',\n}}>\n  <Icon aria-hidden height={'4rem'} title=\"Go\" />\n</Link>\n",
    );
    let names: Vec<&str> = mdx.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Link", "Icon", "Link"]);
    assert_eq!(mdx.tags[1].text(), "title: Go");
    assert_eq!(mdx.markdown.trim(), "");
}

#[test]
fn layout_of_a_tag_is_not_content() {
    let a = "---\ntitle: A\n---\nimport { LinkCard, Card } from 'x';\nimport Foo from 'foo';\n\n<LinkCard title=\"Start\" description=\"How to begin\" href=\"/a/\" />\n";
    let b = "---\ntitle: A\n---\nimport Foo from 'foo';\nimport { Card, LinkCard } from 'x';\n\n<LinkCard\n  href='/a/'\n  description='How to   begin'\n  title={\"Start\"}\n/>\n";
    assert!(same_content("a.mdx", a, b));
    // Where it leads is content, as a Markdown link's URL is.
    assert!(!same_content("a.mdx", a, &b.replace("'/a/'", "'/b/'")));
    let c = b.replace("How to   begin", "How to start");
    assert!(!same_content("a.mdx", a, &c));
    let d = format!("{a}<LinkCard title=\"More\" href=\"/m/\" />\n");
    assert!(!same_content("a.mdx", a, &d));
}

#[test]
fn changed_component_config_props_are_not_content() {
    let a = "---\ntitle: A\n---\n<Note type=\"info\">\n\nMinID er gratis.\n\n</Note>\n";
    let b = "---\ntitle: A\n---\n<Note type=\"warning\">\n\nMinID er gratis.\n\n</Note>\n";
    assert!(same_content("a.mdx", a, b));
    // A capitalised component makes a `.md` page MDX too; raw HTML in plain Markdown is not.
    assert!(same_content("a.md", a, b));
    let html = |class: &str| {
        format!("---\ntitle: A\n---\n<div class=\"{class}\">\n\nMinID er gratis.\n\n</div>\n")
    };
    assert!(!same_content("a.md", &html("info"), &html("warning")));
    assert!(same_content("a.mdx", &html("info"), &html("warning")));
    let c = b.replace("gratis", "dyrt");
    assert!(!same_content("a.mdx", a, &c));
    // Text moved out of the component changes what the page shows.
    let d = "---\ntitle: A\n---\n<Note type=\"info\">\n</Note>\n\nMinID er gratis.\n";
    assert!(!same_content("a.mdx", a, d));
}

#[test]
fn inline_tags_leave_their_text() {
    let mdx = read("<Badge>Ny</Badge> tjeneste\n");
    assert_eq!(mdx.markdown, "Ny tjeneste\n");
    let mdx = read("Available <Badge text=\"New\" variant=\"tip\" /> now.\n");
    assert_eq!(mdx.markdown, "Available  New  now.\n");
    assert!(!mdx.tags[0].flow);
    let text = mdx.markdown.find("New").expect("inserted");
    assert_eq!(mdx.original(text), 23);
}

#[test]
fn indented_children_are_paragraphs() {
    let body = "<CardGrid>\n\t<Card title=\"Docs\" icon=\"book\">\n\t\tIncludes: search,\n\t\tand more.\n\t</Card>\n</CardGrid>\n";
    let mdx = read(body);
    assert_eq!(mdx.markdown, "\n\nIncludes: search,\nand more.\n\n\n");
    let tokens: Vec<String> = mdx.tokens().into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        tokens,
        [
            "j:<CardGrid >",
            "j:<Card title: Docs>",
            "j:</Card>",
            "j:</CardGrid>"
        ]
    );
}

#[test]
fn text_is_not_mistaken_for_jsx() {
    let body = "a < b and `<Card>` and `{x}` and \\{ and <https://example.com>\n";
    let mdx = read(body);
    assert!(mdx.tags.is_empty());
    assert_eq!(mdx.markdown, body);
}

#[test]
fn removed_tags_leave_no_hard_break() {
    let mdx = read("Text  <Icon name=\"x\" />\nmore\n");
    assert_eq!(mdx.markdown, "Text\nmore\n");
    let kept = read("Text  \nmore\n");
    assert_eq!(kept.markdown, "Text  \nmore\n");
}

#[test]
fn what_looks_like_mdx() {
    assert!(looks_like_mdx("import Tabs from '@theme/Tabs';\n\nText\n"));
    assert!(looks_like_mdx("Text\n\n<LinkCard title=\"x\" />\n"));
    assert!(looks_like_mdx("export const meta = {};\n"));
    assert!(!looks_like_mdx("Text\n\n<div>x</div>\n"));
    assert!(!looks_like_mdx("You can\nimport the file.\n"));
    assert!(!looks_like_mdx("```js\nimport x from 'y';\n```\n"));
    assert!(!looks_like_mdx("Export it.\n"));
}

/// [`looks_like_mdx`] as `str::lines` and `trim_start` read it, line by line: what the
/// line-break search must agree with.
fn looks_like_mdx_by_lines(text: &str) -> bool {
    let mut fence = None;
    text.lines().any(|line| line_is_mdx(line, &mut fence))
}

#[test]
fn looks_like_mdx_edges() {
    // A `\r` ends a line only before `\n`: `import a,\r` at the very end is no ESM line.
    assert!(looks_like_mdx("Text\r\nimport a,\r\n"));
    assert!(!looks_like_mdx("Text\r\nimport a,\r"));
    // Indented by Unicode whitespace, a tag still opens a line.
    assert!(looks_like_mdx("Text\n\u{a0}\u{2003}<Card />\n"));
    assert!(looks_like_mdx("\t <Card />"));
    // A fence closed by a longer run, then a tag; a tag inside a fence is code.
    assert!(looks_like_mdx("~~~\n<Card />\n~~~~ \r\n<Card />"));
    assert!(!looks_like_mdx("````\n<Card />\n```\n<Card />\n"));
    // ESM only at column 0.
    assert!(!looks_like_mdx(" import A from 'a';\n"));
    assert!(!looks_like_mdx(""));
    assert!(!looks_like_mdx("\n\n   \n"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

    /// The line-break search finds MDX exactly where reading line by line does.
    #[test]
    fn looks_like_mdx_as_line_by_line(
        parts in proptest::collection::vec(proptest::sample::select(vec![
            "\n", "\r\n", "\r", " ", "\t", "\u{a0}", "\u{2003}", "\u{85}", "\u{0b}", "`", "```", "~~~",
            "````", "<", "<C", "<div>", "import", "import ", "export", "export const x", " from ",
            "'a'", "{", ",", "i", "e", "x", "æ", "text",
        ]), 0..24)
    ) {
        let text: String = parts.concat();
        proptest::prop_assert_eq!(looks_like_mdx(&text), looks_like_mdx_by_lines(&text));
    }
}

#[test]
fn unclosed_jsx_is_text() {
    let body = "<Card title=\"x\"\n\nRest {of\n\ntext.\n";
    let mdx = read(body);
    assert!(mdx.tags.is_empty());
    assert_eq!(mdx.markdown, body);
}

#[test]
fn children_indented_with_tabs_and_spaces_alike() {
    let body = "<Quote\n\tname=\"A\"\n>\n\t\tFirst line\n\n    \tSecond line\n</Quote>\n";
    let mdx = read(body);
    assert_eq!(mdx.markdown, "\n\n\nFirst line\n\nSecond line\n\n");
}

#[test]
fn mdx_has_no_indented_code() {
    // Text indented after a blank line is a paragraph in MDX, in a list item or not.
    let body = "<Quote>\n    First\n\n    \tSecond\n</Quote>\n\n- item\n\n        more of the item\n\n  ```sh\n  npm i\n  ```\n";
    let mdx = read(body);
    assert_eq!(
        mdx.markdown,
        "\nFirst\n\nSecond\n\n\n- item\n\n  more of the item\n\n  ```sh\n  npm i\n  ```\n"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// Any text is read without a panic, every offset and tag lies in the body, and a text
    /// without `<` has no tags.
    #[test]
    fn any_text_is_read(body in "[<>{}/=\"'`a-zA-Zæ. \n\t\\-]{0,120}") {
        let mdx = read(&body);
        for offset in 0..=mdx.markdown.len() {
            proptest::prop_assert!(mdx.original(offset) <= body.len());
        }
        for tag in &mdx.tags {
            proptest::prop_assert!(tag.start < tag.end && tag.end <= body.len());
            proptest::prop_assert!(tag.at <= mdx.markdown.len());
        }
        let plain: String = body
            .lines()
            .map(|l| l.trim_start().replace(['<', '{', '`', '\\'], ""))
            .filter(|l| !l.starts_with("import") && !l.starts_with("export"))
            .collect::<Vec<_>>()
            .join("\n");
        let plain = read(&plain);
        proptest::prop_assert!(plain.tags.is_empty());
    }
}

#[test]
fn a_tag_may_span_blank_lines() {
    let mdx = read("<Image\n  src='/a.png'\n  alt='En tabell'\n  \n/>\n\nText.\n");
    assert_eq!(mdx.tags.len(), 1);
    assert_eq!(mdx.tags[0].text(), "alt: En tabell");
    assert_eq!(mdx.markdown.trim(), "Text.");
}

#[test]
fn a_tag_that_continues_a_paragraph_is_inline() {
    let one_line = read("Det er <Badge text=\"nytt\" /> her.\n");
    let wrapped = read("Det er\n<Badge text=\"nytt\" /> her.\n");
    assert!(!one_line.tags[0].flow && !wrapped.tags[0].flow);
    assert!(same_content(
        "a.mdx",
        "Det er <Badge text=\"nytt\" /> her.\n",
        "Det er\n<Badge text=\"nytt\" /> her.\n"
    ));
    // After a heading, a tag starts a block of its own.
    let mdx = read("## Tittel\n<LinkCard title=\"A\" />\n");
    assert!(mdx.tags[0].flow);
}

#[test]
fn unbalanced_html_does_not_keep_an_element_open() {
    // `<br>` opens nothing; a stray `</div>` closes nothing; ESM after them is still ESM.
    let mdx = read("Tekst<br>\n</div>\n\nimport A from 'a';\n\n    Innrykket tekst\n");
    assert_eq!(mdx.markdown, "Tekst\n\n\n\n\nInnrykket tekst\n");
}
