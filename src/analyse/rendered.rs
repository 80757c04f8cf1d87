//! What a page renders to, as a comparable value: the basis of the cosmetic rule.
//!
//! Two versions of a source page that render to the same text and structure (lines re-wrapped,
//! `*` bullets turned into `-`, YAML re-indented) differ only cosmetically: a translation of
//! one is a translation of the other.

use pulldown_cmark::{Event, Options, Parser};

use crate::load::frontmatter;

/// Markdown extensions tolk renders with.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The rendered form of a page: its front matter as data (without `l10n`) and the Markdown
/// body as a sequence of structure and whitespace-normalised text.
#[derive(Debug, PartialEq)]
pub struct Rendered {
    front: Option<serde_yaml::Value>,
    body: Vec<String>,
}

/// Renders page text (front matter and body) into its comparable form.
pub fn rendered(text: &str) -> Rendered {
    let (front, body) = match frontmatter::split(text) {
        Ok(split) => {
            let front = serde_yaml::from_str::<serde_yaml::Value>(split.yaml)
                .ok()
                .map(|mut v| {
                    if let serde_yaml::Value::Mapping(m) = &mut v {
                        m.remove("l10n");
                    }
                    v
                });
            (front, split.body)
        }
        Err(_) => (None, text),
    };
    Rendered {
        front,
        body: body_tokens(body),
    }
}

/// Whether two versions of a page render the same.
pub fn same_rendering(a: &str, b: &str) -> bool {
    rendered(a) == rendered(b)
}

fn body_tokens(body: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut text = String::new();
    let flush = |text: &mut String, tokens: &mut Vec<String>| {
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !collapsed.is_empty() {
            tokens.push(format!("t:{collapsed}"));
        }
        text.clear();
    };
    for event in Parser::new_ext(body, markdown_options()) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak => text.push(' '),
            Event::Code(c) => {
                flush(&mut text, &mut tokens);
                tokens.push(format!("c:{c}"));
            }
            other => {
                flush(&mut text, &mut tokens);
                tokens.push(format!("{other:?}"));
            }
        }
    }
    flush(&mut text, &mut tokens);
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrapping_and_bullets_are_cosmetic() {
        let a = "---\ntitle: Hei\n---\nEn lang linje\nsom fortsetter.\n\n* en\n* to\n";
        let b = "---\ntitle:   Hei\n---\nEn lang linje som fortsetter.\n\n- en\n- to\n";
        assert!(same_rendering(a, b));
    }

    #[test]
    fn changed_words_are_not_cosmetic() {
        let a = "---\ntitle: Hei\n---\nMinID er gratis.\n";
        assert!(!same_rendering(
            a,
            "---\ntitle: Hei\n---\nMinID koster penger.\n"
        ));
        assert!(!same_rendering(
            a,
            "---\ntitle: Hallo\n---\nMinID er gratis.\n"
        ));
        assert!(!same_rendering(
            a,
            "---\ntitle: Hei\n---\n## MinID er gratis.\n"
        ));
    }

    #[test]
    fn l10n_block_is_ignored() {
        let a = "---\ntitle: Hei\n---\nTekst\n";
        let b = "---\ntitle: Hei\nl10n:\n  source_hash: abc\n---\nTekst\n";
        assert!(same_rendering(a, b));
    }
}
