//! What a page renders to, as a comparable value: the basis of the cosmetic rule.
//!
//! Two versions of a source page that render to the same text and structure (lines re-wrapped,
//! `*` bullets turned into `-`, YAML re-indented) differ only cosmetically: a translation of
//! one is a translation of the other.
//!
//! An MDX body is compared as [`Mdx`] reads it: its Markdown, with the tokens of its flow
//! components (name and translatable props) in their places.

use std::collections::VecDeque;
use std::iter::Peekable;
use std::vec::IntoIter;

use pulldown_cmark::{Event, OffsetIter, Parser};

use super::mdx::{Mdx, is_mdx, looks_like_mdx};
use super::normalise::normalized;
use super::options::markdown_options;
use crate::load::{frontmatter, shortcodes};

/// The rendered form of a page: its front matter as data (without `l10n`) and the Markdown
/// body as a sequence of structure and whitespace-normalised text.
#[derive(Debug, PartialEq)]
pub struct Rendered {
    front: Option<serde_yaml::Value>,
    body: Vec<String>,
    shortcodes: Vec<Vec<String>>,
}

/// Renders page text (front matter and body) into its comparable form.
pub fn rendered(text: &str) -> Rendered {
    let (front, body) = front_and_body(text);
    Rendered {
        front,
        body: Tokens::new(&shortcodes::mask(body)).collect(),
        shortcodes: shortcode_tokens(body),
    }
}

/// Whether two versions of a page render the same. The bodies are compared token by token, so
/// a difference ends the comparison where it is found. Hugo shortcodes are compared apart from
/// the text, by name and arguments: how they are spaced or wrapped is cosmetic.
pub fn same_rendering(a: &str, b: &str) -> bool {
    let (front_a, body_a) = front_and_body(a);
    let (front_b, body_b) = front_and_body(b);
    front_a == front_b
        && shortcode_tokens(body_a) == shortcode_tokens(body_b)
        && Tokens::new(&shortcodes::mask(body_a)).eq(Tokens::new(&shortcodes::mask(body_b)))
}

/// Whether two versions of the page at `path` render the same: JSX syntax left out, the
/// components and their translatable props kept, for MDX.
pub fn same_content(path: &str, a: &str, b: &str) -> bool {
    if is_mdx(path) || looks_like_mdx(a) || looks_like_mdx(b) {
        same_rendering_mdx(a, b)
    } else {
        same_rendering(a, b)
    }
}

/// The shortcode tags of `body`, each as its name and arguments.
fn shortcode_tokens(body: &str) -> Vec<Vec<String>> {
    if !body.contains("{{") {
        return Vec::new();
    }
    shortcodes::find(body)
        .iter()
        .map(|tag| {
            let mut token = vec![format!(
                "{}{}",
                if tag.closing { "/" } else { "" },
                tag.name
            )];
            token.extend(shortcodes::arguments(tag.args));
            token
        })
        .collect()
}

/// Whether two versions of an MDX page render the same: front matter, Markdown and the flow
/// components with their translatable props, in order.
pub fn same_rendering_mdx(a: &str, b: &str) -> bool {
    let (front_a, body_a) = front_and_body(a);
    let (front_b, body_b) = front_and_body(b);
    if front_a != front_b {
        return false;
    }
    let (mdx_a, mdx_b) = (Mdx::read(body_a), Mdx::read(body_b));
    Tokens::mdx(&mdx_a).eq(Tokens::mdx(&mdx_b))
}

/// The front matter as data without `l10n` (`None` when it is not valid YAML), and the body.
fn front_and_body(text: &str) -> (Option<serde_yaml::Value>, &str) {
    match frontmatter::split(text) {
        Ok(split) => {
            let front = (crate::load::depth::flow_too_deep(split.yaml).is_none())
                .then(|| frontmatter::value(&split).ok())
                .flatten()
                .map(|mut v| {
                    if let serde_yaml::Value::Mapping(m) = &mut v {
                        m.remove("l10n");
                    }
                    v
                });
            (front, split.body)
        }
        Err(_) => (None, text),
    }
}

/// The tokens of a Markdown body: runs of text with whitespace collapsed (`t:…`), inline code
/// (`c:…`) and every other event, in order; for MDX, the tokens of its flow tags (`j:…`) where
/// they stand.
struct Tokens<'a> {
    parser: OffsetIter<'a>,
    text: String,
    queued: VecDeque<String>,
    /// Tokens that stand before the Markdown at their offset.
    extras: Peekable<IntoIter<(usize, String)>>,
}

impl<'a> Tokens<'a> {
    fn new(body: &'a str) -> Tokens<'a> {
        Tokens {
            parser: Parser::new_ext(body, markdown_options()).into_offset_iter(),
            text: String::new(),
            queued: VecDeque::new(),
            extras: Vec::new().into_iter().peekable(),
        }
    }

    /// The tokens of an MDX body.
    fn mdx(mdx: &'a Mdx) -> Tokens<'a> {
        let mut tokens = Tokens::new(&mdx.markdown);
        tokens.extras = mdx.tokens().into_iter().peekable();
        tokens
    }

    /// The text run gathered so far, as a token (none when it is only whitespace).
    fn flush(&mut self) -> Option<String> {
        let collapsed = normalized(&self.text);
        self.text.clear();
        (!collapsed.is_empty()).then(|| format!("t:{collapsed}"))
    }

    /// Queues the text run, then the extra tokens that stand before `offset`.
    fn queue_extras(&mut self, offset: usize) {
        if self.extras.peek().is_none_or(|(at, _)| *at > offset) {
            return;
        }
        if let Some(text) = self.flush() {
            self.queued.push_back(text);
        }
        while let Some((_, token)) = self.extras.next_if(|(at, _)| *at <= offset) {
            self.queued.push_back(token);
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        loop {
            if let Some(token) = self.queued.pop_front() {
                return Some(token);
            }
            let Some((event, range)) = self.parser.next() else {
                self.queue_extras(usize::MAX);
                return self.queued.pop_front().or_else(|| self.flush());
            };
            if !matches!(event, Event::End(_)) {
                self.queue_extras(range.start);
            }
            let token = match event {
                Event::Text(t) => {
                    self.text.push_str(&t);
                    continue;
                }
                Event::SoftBreak => {
                    self.text.push(' ');
                    continue;
                }
                Event::Code(c) => format!("c:{c}"),
                other => format!("{other:?}"),
            };
            if let Some(text) = self.flush() {
                self.queued.push_back(text);
            }
            self.queued.push_back(token);
        }
    }
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

    #[test]
    fn tokens_split_text_at_code_and_markup() {
        let tokens: Vec<String> = Tokens::new("Bruk  `tolk`\nnå *med*   glede.\n").collect();
        assert_eq!(
            tokens,
            [
                "Start(Paragraph)",
                "t:Bruk",
                "c:tolk",
                "t:nå",
                "Start(Emphasis)",
                "t:med",
                "End(Emphasis)",
                "t:glede.",
                "End(Paragraph)",
            ]
        );
    }

    #[test]
    fn lazy_comparison_agrees_with_the_whole_rendering() {
        let texts = [
            "---\ntitle: Hei\n---\nEn `kode` og tekst.\n",
            "---\ntitle: Hei\n---\nEn `kode`  og\ntekst.\n",
            "---\ntitle: Hei\n---\nEn `kode` og tekst.\n\nMer.\n",
            "---\ntitle: Hei\n---\nEn kode og tekst.\n",
            "Ingen front matter.\n",
            "",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(
                    same_rendering(a, b),
                    rendered(a) == rendered(b),
                    "{a:?} {b:?}"
                );
            }
        }
    }
}
