//! Markdown to HTML: pulldown-cmark with tables, footnotes, strikethrough and heading ids.
//!
//! Raw HTML in the Markdown is shown as text (escaped) unless tolk.yaml sets
//! `unsafe_html: true`, and links or images with a script-capable scheme (`javascript:`,
//! `vbscript:`, `data:`) lose their target: an editor's page can never run code in a reader's
//! browser by accident. Heading attributes (`## Title {#id .class key=value}`) keep only
//! their id and classes then: any other attribute could carry an event handler
//! (`onclick=…`) or styling that hides or spoofs content.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, html};

use crate::analyse::rendered::markdown_options;

/// A page body rendered to HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Words of text, for the reading time.
    pub words: usize,
}

/// Renders Markdown `body` to HTML. With `unsafe_html`, raw HTML passes through as written.
pub fn markdown(body: &str, unsafe_html: bool) -> Rendered {
    let events: Vec<Event<'_>> = Parser::new_ext(body, markdown_options()).collect();
    let mut words = 0;
    let mut ids = Ids::default();
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let event = events[i].clone();
        i += 1;
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let end = events[i..]
                    .iter()
                    .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                    .map_or(events.len(), |p| i + p);
                let id = match id {
                    Some(id) => unique(&mut ids, &id),
                    None => unique(&mut ids, &slug(&plain_text(&events[i..end]))),
                };
                out.push(Event::Start(Tag::Heading {
                    level: shift(level),
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs: if unsafe_html {
                        attrs
                    } else {
                        safe_heading_attrs(attrs)
                    },
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                out.push(Event::End(TagEnd::Heading(shift(level))))
            }
            Event::Text(ref t) => {
                words += t.split_whitespace().count();
                out.push(event);
            }
            // Comments are invisible either way; other raw HTML is shown as the text it is.
            Event::Html(raw) | Event::InlineHtml(raw) if !unsafe_html => {
                if !raw.trim_start().starts_with("<!--") {
                    out.push(Event::Text(raw));
                }
            }
            Event::Start(Tag::HtmlBlock) if !unsafe_html => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) if !unsafe_html => {
                out.push(Event::End(TagEnd::Paragraph))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if !unsafe_html && dangerous(&dest_url) => out.push(Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from(""),
                title,
                id,
            })),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if !unsafe_html && dangerous(&dest_url) => out.push(Event::Start(Tag::Image {
                link_type,
                dest_url: CowStr::from(""),
                title,
                id,
            })),
            other => out.push(other),
        }
    }
    let mut html_out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html_out, out.into_iter());
    Rendered {
        html: html_out,
        words,
    }
}

/// `# Heading` in a page body is a section heading: the page title is the only `<h1>`.
fn shift(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        other => other,
    }
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// A heading id from its text: lowercase letters and digits (Norwegian letters kept), words
/// joined by `-`.
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.extend(word.chars().flat_map(char::to_lowercase));
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

/// The heading ids of a page so far, with the next number to try for each base id, so
/// that many equal headings get their ids in linear time.
#[derive(Default)]
struct Ids {
    seen: HashSet<String>,
    next: HashMap<String, usize>,
}

fn unique(ids: &mut Ids, id: &str) -> String {
    if ids.seen.insert(id.to_string()) {
        return id.to_string();
    }
    let n = ids.next.entry(id.to_string()).or_insert(1);
    loop {
        let candidate = format!("{id}-{n}");
        *n += 1;
        if ids.seen.insert(candidate.clone()) {
            return candidate;
        }
    }
}

/// The attributes of a heading that may be written when raw HTML is not allowed: none.
/// The heading's id and classes are kept apart from these by the parser; every other
/// `key=value` could be an event handler (`onclick`, `oncontentvisibilityautostatechange`)
/// or a `style` that hides or spoofs content, so all of them are dropped (`tolk check`
/// reports them as `unsafe-attribute`).
pub fn safe_heading_attrs<'a>(
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
) -> Vec<(CowStr<'a>, Option<CowStr<'a>>)> {
    drop(attrs);
    Vec::new()
}

fn dangerous(url: &str) -> bool {
    let scheme: String = url
        .trim_start()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| *c != ':' && *c != '/' && *c != '?' && *c != '#')
        .collect::<String>()
        .to_ascii_lowercase();
    url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_render() {
        let r = markdown(
            "## Slik gjør du\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gammel~~ tekst[^1]\n\n[^1]: Fotnote.\n",
            false,
        );
        assert!(r.html.contains(r#"<h2 id="slik-gjør-du">"#), "{}", r.html);
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>gammel</del>"));
        assert!(r.html.contains("footnote-definition"));
    }

    #[test]
    fn ids_are_unique_and_explicit_ids_win() {
        let r = markdown("## Hjelp\n\n## Hjelp\n\n## Annet {#eget}\n", false);
        assert!(r.html.contains(r#"id="hjelp""#));
        assert!(r.html.contains(r#"id="hjelp-1""#));
        assert!(r.html.contains(r#"id="eget""#));
    }

    #[test]
    fn raw_html_is_escaped_unless_allowed() {
        let body = "Tekst <script>alert(1)</script>\n\n<div onclick=\"x()\">blokk</div>\n";
        let safe = markdown(body, false);
        assert!(!safe.html.contains("<script>"), "{}", safe.html);
        assert!(safe.html.contains("&lt;script&gt;"));
        assert!(!safe.html.contains("<div"));
        let open = markdown(body, true);
        assert!(open.html.contains("<script>"));
    }

    #[test]
    fn script_links_lose_their_target() {
        let r = markdown("[klikk](javascript:alert(1)) [ok](/om-minid/)", false);
        assert!(!r.html.contains("javascript"), "{}", r.html);
        assert!(r.html.contains(r#"href="/om-minid/""#));
    }

    #[test]
    fn heading_attributes_keep_only_id_and_classes() {
        let body = "## A {#eget .note style=content-visibility:auto oncontentvisibilityautostatechange=alert(1) onclick=x}\n";
        let safe = markdown(body, false);
        assert!(safe.html.contains(r#"id="eget""#), "{}", safe.html);
        assert!(safe.html.contains(r#"class="note""#), "{}", safe.html);
        assert!(!safe.html.contains("onclick"), "{}", safe.html);
        assert!(!safe.html.contains("style"), "{}", safe.html);
        assert!(!safe.html.contains("alert"), "{}", safe.html);
        assert!(markdown(body, true).html.contains("onclick"));
    }

    #[test]
    fn many_equal_headings_number_in_order() {
        let r = markdown(&"## Hjelp\n\n".repeat(3), false);
        assert!(r.html.contains(r#"id="hjelp-2""#), "{}", r.html);
        let r = markdown("## A-1\n\n## A\n\n## A\n", false);
        assert!(r.html.contains(r#"id="a-2""#), "{}", r.html);
    }

    #[test]
    fn h1_becomes_h2() {
        assert!(markdown("# Tittel\n", false).html.starts_with("<h2"));
    }
}
