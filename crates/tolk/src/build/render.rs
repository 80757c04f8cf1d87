//! Markdown to HTML: pulldown-cmark with tables, footnotes, strikethrough and heading ids.
//!
//! Raw HTML in the Markdown is shown as text (escaped) unless tolk.yaml sets
//! `unsafe_html: true`, and links or images with a script-capable scheme (`javascript:`,
//! `vbscript:`, `data:`) lose their target: an editor's page can never run code in a reader's
//! browser by accident. Heading attributes (`## Title {#id .class key=value}`) keep only
//! their id and classes then: any other attribute could carry an event handler
//! (`onclick=…`) or styling that hides or spoofs content.
//!
//! Hugo shortcodes ([`crate::load::shortcodes`]) are expanded first, as far as tolk can:
//! `ref` / `relref` become the URL of the page they name (in the page's own locale where it is
//! translated), `param` the page's (or the site's) parameter. Every other tag is left out, what
//! a paired one encloses is rendered as Markdown, and the build reports it
//! ([`shortcode_warnings`]).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, html};

use crate::load::frontmatter;
use crate::load::shortcodes::{self, Tag as Shortcode};
use crate::markdown::options::markdown_options;
use crate::model::{Page, Site};

/// A page body rendered to HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Words of text, for the reading time.
    pub words: usize,
}

/// Renders the body of `page`: its shortcodes expanded ([`expand_shortcodes`]), then Markdown.
pub fn page_body(site: &Site, page: &Page) -> Rendered {
    let (body, _) = expand_shortcodes(site, page);
    markdown(&body, site.config.unsafe_html)
}

/// The body of `page` with its shortcodes expanded as far as tolk can, and the tags it left
/// out.
pub fn expand_shortcodes<'a>(site: &Site, page: &'a Page) -> (Cow<'a, str>, Vec<Shortcode<'a>>) {
    shortcodes::expand(page.body(), |tag| {
        if tag.closing {
            // The closing tag of a shortcode left out is left out with it.
            return None;
        }
        let args = shortcodes::arguments(tag.args);
        let first = args.iter().find(|a| !a.contains('=')).cloned();
        let named = |name: &str| {
            args.iter()
                .find_map(|a| a.strip_prefix(name)?.strip_prefix('=').map(str::to_string))
        };
        match tag.name {
            "ref" | "relref" => first
                .or_else(|| named("path"))
                .and_then(|target| ref_url(site, page, &target)),
            "param" => first
                .or_else(|| named("name"))
                .and_then(|name| param(site, page, &name)),
            _ => None,
        }
    })
}

/// The URL of the page `target` names (`docs/start.md`, `/blog/post#part`), in the locale of
/// `page` where it has a translation.
fn ref_url(site: &Site, page: &Page, target: &str) -> Option<String> {
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, format!("#{anchor}")),
        None => (target, String::new()),
    };
    if path.is_empty() {
        return Some(anchor);
    }
    let folder = page
        .content_path
        .rsplit_once('/')
        .map_or("", |(dir, _)| dir);
    // A relative reference is tried beside the page first (without and with its locale folder).
    let below_locale = folder.split_once('/').map_or("", |(_, rest)| rest);
    let candidates = [
        format!("{below_locale}/{path}"),
        format!("{folder}/{path}"),
        path.to_string(),
    ];
    let tried: &[String] = if path.starts_with('/') {
        &candidates[2..]
    } else {
        &candidates
    };
    let key = tried.iter().find_map(|candidate| {
        // A content path names its page's key (`docs/_index.md` the section `docs`) in the
        // page's locale, else any reference tolk resolves.
        let stem = candidate.trim_matches('/');
        let stem = stem.strip_suffix(".md").unwrap_or(stem);
        let stem = ["_index", "index"]
            .iter()
            .find_map(|index| {
                (stem == *index)
                    .then_some("")
                    .or_else(|| stem.strip_suffix(&format!("/{index}")))
            })
            .unwrap_or(stem);
        site.page(&page.locale, stem)
            .or_else(|| site.source_page(stem))
            .map(|p| p.key.as_str())
            .or_else(|| site.resolve_ref(candidate))
    })?;
    let target = site
        .page(&page.locale, key)
        .or_else(|| site.source_page(key))
        .or_else(|| site.translations(key).next())?;
    Some(format!("{}{anchor}", target.url))
}

/// The text of parameter `name` (a dotted path): the page's front matter (under `params` or at
/// the top, as Hugo reads it), else the site's `params`.
fn param(site: &Site, page: &Page, name: &str) -> Option<String> {
    let front = page.front_data();
    let lookup = |mut value: &serde_yaml::Value| {
        for part in name.split('.') {
            value = match value {
                serde_yaml::Value::Mapping(map) => frontmatter::get(map, part)?,
                _ => return None,
            };
        }
        scalar(value)
    };
    let in_front = frontmatter::get(front, "params")
        .and_then(lookup)
        .or_else(|| lookup(&serde_yaml::Value::Mapping(front.clone())));
    in_front.or_else(|| {
        let (first, rest) = name.split_once('.').unwrap_or((name, ""));
        let value = site
            .config
            .params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(first))
            .map(|(_, v)| v)?;
        if rest.is_empty() {
            scalar(value)
        } else {
            let mut value = value;
            for part in rest.split('.') {
                value = match value {
                    serde_yaml::Value::Mapping(map) => frontmatter::get(map, part)?,
                    _ => return None,
                };
            }
            scalar(value)
        }
    })
}

fn scalar(value: &serde_yaml::Value) -> Option<String> {
    match value {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// What the build says about the shortcodes of `page` it left out: one line per shortcode
/// name, at its first use (`path:line`), in page order.
pub fn shortcode_warnings(site: &Site, page: &Page) -> Vec<String> {
    if !page.body().contains("{{") {
        return Vec::new();
    }
    let (_, dropped) = expand_shortcodes(site, page);
    let mut seen: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for tag in dropped.iter().filter(|t| !t.closing) {
        let entry = seen.entry(tag.name).or_insert((tag.start, 0));
        entry.1 += 1;
    }
    let mut found: Vec<(usize, &str, usize)> = seen
        .into_iter()
        .map(|(name, (start, count))| (start, name, count))
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|(start, name, count)| {
            let line = page.body_line + page.body()[..start].matches('\n').count();
            let times = if count > 1 {
                format!(" ({count} times on this page)")
            } else {
                String::new()
            };
            format!(
                "{}:{line}: Hugo shortcode `{name}` is not supported by tolk build{times}: its tag is left out and what it encloses is rendered as Markdown",
                page.path
            )
        })
        .collect()
}

/// Renders Markdown `body` to HTML. With `unsafe_html`, raw HTML passes through as written.
pub fn markdown(body: &str, unsafe_html: bool) -> Rendered {
    let mut events: Vec<Event<'_>> = Parser::new_ext(body, markdown_options()).collect();
    let mut words = 0;
    let mut ids = Ids::default();
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        // Each event is looked at once, so it is moved out; what looks ahead (a heading's text,
        // an HTML block's lines) only reads the events after it.
        let event = std::mem::replace(&mut events[i], Event::SoftBreak);
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
                words += count_words(t);
                out.push(event);
            }
            // Comments are invisible either way; other raw HTML is shown as the text it is.
            Event::InlineHtml(raw) if !unsafe_html => {
                if !raw.trim_start().starts_with("<!--") {
                    out.push(Event::Text(raw));
                }
            }
            Event::Start(Tag::HtmlBlock) if !unsafe_html => {
                // The block's lines, comments (which may span lines) left out.
                let end = events[i..]
                    .iter()
                    .position(|e| matches!(e, Event::End(TagEnd::HtmlBlock)))
                    .map_or(events.len(), |p| i + p);
                let mut raw = String::new();
                for event in &events[i..end] {
                    if let Event::Html(t) | Event::Text(t) = event {
                        raw.push_str(t);
                    }
                }
                i = (end + 1).min(events.len());
                let text = without_comments(&raw);
                if !text.trim().is_empty() {
                    out.push(Event::Start(Tag::Paragraph));
                    out.push(Event::Text(CowStr::from(text)));
                    out.push(Event::End(TagEnd::Paragraph));
                }
            }
            Event::Html(raw) if !unsafe_html => {
                if !raw.trim_start().starts_with("<!--") {
                    out.push(Event::Text(raw));
                }
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

/// The words of `text`, as `text.split_whitespace().count()` counts them: runs of characters
/// that are not whitespace. Where the text has no whitespace but ASCII's (what almost every
/// text is), the bytes are counted (which the compiler vectorises): a byte of a wider
/// character is as good as a letter.
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    // Every whitespace character beyond ASCII starts with one of these bytes (U+0085, U+00A0;
    // U+1680; U+2000–U+200A, U+2028, U+2029, U+202F, U+205F; U+3000).
    let wide_lead = bytes.iter().fold(false, |found, &b| {
        found | matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
    });
    if wide_lead && text.chars().any(|c| !c.is_ascii() && c.is_whitespace()) {
        return text.split_whitespace().count();
    }
    let Some(&first) = bytes.first() else {
        return 0;
    };
    usize::from(!ascii_space(first)) + word_starts(bytes)
}

/// `char::is_whitespace` in ASCII: tab, line feed, vertical tab, form feed, carriage return,
/// space.
fn ascii_space(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ')
}

/// The words of `bytes` that start after its first byte: the bytes that are not ASCII
/// whitespace and follow one that is. Counted in a byte per block of 255 pairs, so that the
/// compiler compares many bytes at once.
fn word_starts(bytes: &[u8]) -> usize {
    let mut words = 0;
    let mut start = 0;
    while start + 1 < bytes.len() {
        // 256 bytes, 255 pairs; the next block starts with this one's last byte.
        let block = &bytes[start..bytes.len().min(start + 256)];
        let mut n: u8 = 0;
        for pair in block.windows(2) {
            n += u8::from(ascii_space(pair[0]) & !ascii_space(pair[1]));
        }
        words += usize::from(n);
        start += 255;
    }
    words
}

/// `html` without its `<!-- … -->` comments (an unclosed one runs to the end).
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start + 4..].find("-->") {
            Some(end) => rest = &rest[start + 4 + end + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
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
    fn comments_spanning_lines_are_left_out() {
        let r = markdown(
            "<!--\n  a note\n-->\n\nText\n\n<div>\n<!-- x -->\n</div>\n",
            false,
        );
        assert!(!r.html.contains("note"), "{}", r.html);
        assert!(!r.html.contains("<p></p>"), "{}", r.html);
        assert!(r.html.contains("&lt;div&gt;"), "{}", r.html);
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
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            " ",
            "ord",
            "  to  ord\n",
            "a\u{0b}b\u{0c}c\rd\te",
            "blåbær\u{a0}syltetøy\u{3000}和\u{2028}x\u{85}y",
            "\u{200b}zero-width is no space\u{feff}",
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn long_runs_are_counted_across_blocks() {
        for len in 250..=520 {
            for word in ["a ", "ab  ", " abc", "x"] {
                let text: String = word.repeat(len).chars().take(len).collect();
                assert_eq!(
                    count_words(&text),
                    text.split_whitespace().count(),
                    "{len} {word:?}"
                );
                let mixed = format!("{text}ø {text}\u{a0}{text}");
                assert_eq!(
                    count_words(&mixed),
                    mixed.split_whitespace().count(),
                    "{len}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn word_count_is_split_whitespace_on_long_text(
            text in "[ \na-cø\u{a0}]{200,1200}",
        ) {
            proptest::prop_assert_eq!(count_words(&text), text.split_whitespace().count());
        }

        #[test]
        fn word_count_is_split_whitespace_on_any_text(text in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(count_words(&text), text.split_whitespace().count());
        }

        #[test]
        fn word_count_is_split_whitespace_on_spaced_text(
            text in "[ \t\n\u{0b}\u{0c}\r\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{202f}\u{3000}aøå和😀]{0,64}",
        ) {
            proptest::prop_assert_eq!(count_words(&text), text.split_whitespace().count());
        }
    }

    #[test]
    fn h1_becomes_h2() {
        assert!(markdown("# Tittel\n", false).html.starts_with("<h2"));
    }
}
