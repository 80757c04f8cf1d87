//! Hugo shortcodes in a page body: `{{< name args >}}`, `{{% name args %}}`, their closing
//! tags `{{< /name >}}`, self-closing `{{< name />}}`, and the commented form
//! `{{</* name */>}}` that Hugo prints as written.
//!
//! This module owns their syntax only: where the tags are ([`find`]), a body with the tags
//! blanked out for text comparison ([`mask`]), and a body with each tag replaced by what a
//! caller makes of it ([`expand`]). Which shortcodes the build supports is the build's affair
//! (`build::render`). Like Hugo, tags are found anywhere in the body, code blocks included.

use std::borrow::Cow;

/// One shortcode tag in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'a> {
    /// The shortcode's name (`alert`, `blocks/cover`), without the closing slash.
    pub name: &'a str,
    /// The arguments as written (trimmed, without a self-closing `/`).
    pub args: &'a str,
    /// Byte offset of the tag's `{{` in the body.
    pub start: usize,
    /// Byte offset just past the tag's `}}`.
    pub end: usize,
    /// A closing tag (`{{< /name >}}`).
    pub closing: bool,
    /// A self-closing tag (`{{< name />}}`).
    pub self_closing: bool,
    /// Written with `%` (its output is Markdown) rather than `<`.
    pub markdown: bool,
    /// The commented form `{{</* … */>}}`: text, not a shortcode. `name` is then empty and
    /// `args` is the text Hugo prints between `{{<` and `>}}`.
    pub comment: bool,
}

impl Tag<'_> {
    /// The text Hugo prints for a commented tag (`{{< name >}}` for `{{</* name */>}}`).
    pub fn literal(&self) -> String {
        let (open, close) = if self.markdown {
            ("{{%", "%}}")
        } else {
            ("{{<", ">}}")
        };
        format!("{open} {} {close}", self.args)
    }
}

/// Every shortcode tag of `body`, in order. Text that only looks like the start of one (no
/// name, never closed) is left alone.
pub fn find(body: &str) -> Vec<Tag<'_>> {
    let mut tags = Vec::new();
    let bytes = body.as_bytes();
    let mut from = 0;
    while let Some(i) = body[from..].find("{{").map(|i| from + i) {
        match bytes.get(i + 2) {
            Some(b'<' | b'%') => match tag_at(body, i) {
                Some(tag) => {
                    from = tag.end;
                    tags.push(tag);
                }
                None => from = i + 2,
            },
            _ => from = i + 2,
        }
    }
    tags
}

/// The tag starting at `start` (at `{{<` or `{{%`), if it is one.
fn tag_at(body: &str, start: usize) -> Option<Tag<'_>> {
    let markdown = body.as_bytes()[start + 2] == b'%';
    let close = if markdown { "%}}" } else { ">}}" };
    let inner_start = start + 3;
    let rest = &body[inner_start..];
    let trimmed = rest.trim_start();
    let lead = rest.len() - trimmed.len();
    if let Some(comment) = trimmed.strip_prefix("/*") {
        let end = comment.find("*/")?;
        let after = comment[end + 2..].trim_start();
        if !after.starts_with(close) {
            return None;
        }
        let text_start = inner_start + lead + 2;
        let tag_end = body.len() - after.len() + close.len();
        return Some(Tag {
            name: "",
            args: body[text_start..text_start + end].trim(),
            start,
            end: tag_end,
            closing: false,
            self_closing: false,
            markdown,
            comment: true,
        });
    }
    let (closing, after_slash) = match trimmed.strip_prefix('/') {
        Some(after) => (true, after.trim_start()),
        None => (false, trimmed),
    };
    let name_start = body.len() - after_slash.len();
    let name_len = after_slash
        .char_indices()
        .find(|&(i, c)| {
            c.is_whitespace()
                || after_slash[i..].starts_with(close)
                || after_slash[i..].starts_with(&format!("/{close}"))
                || c == '"'
                || c == '`'
        })
        .map_or(after_slash.len(), |(i, _)| i);
    let name = &after_slash[..name_len];
    if !name
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
    {
        return None;
    }
    // The arguments run to the closing delimiter outside quotes.
    let args_start = name_start + name_len;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut end = None;
    for (i, c) in body[args_start..].char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '`' => quote = Some(c),
            _ if body[args_start + i..].starts_with(close) => {
                end = Some(args_start + i);
                break;
            }
            _ => {}
        }
    }
    let args_end = end?;
    let args = body[args_start..args_end].trim();
    let (args, self_closing) = match args.strip_suffix('/') {
        Some(args) => (args.trim_end(), true),
        None => (args, false),
    };
    Some(Tag {
        name,
        args,
        start,
        end: args_end + close.len(),
        closing,
        self_closing,
        markdown,
        comment: false,
    })
}

/// `body` with every shortcode tag blanked out, for comparing text: each tag becomes spaces
/// (its line breaks kept), so offsets and lines stay those of `body`. A tag that starts a line
/// has the rest of its line moved to where it began (the spaces go to the line's end), so that
/// the text after it does not turn into an indented code block. Commented tags are text and
/// stay. Borrowed when the body has no tag.
pub fn mask(body: &str) -> Cow<'_, str> {
    if !body.contains("{{") {
        return Cow::Borrowed(body);
    }
    let tags: Vec<Tag<'_>> = find(body).into_iter().filter(|t| !t.comment).collect();
    if tags.is_empty() {
        return Cow::Borrowed(body);
    }
    let mut out = body.as_bytes().to_vec();
    for tag in &tags {
        for b in &mut out[tag.start..tag.end] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    for tag in &tags {
        let line_start = body[..tag.start].rfind('\n').map_or(0, |i| i + 1);
        let starts_line = body[line_start..tag.start].trim().is_empty();
        if !starts_line && !body[tag.start..tag.end].contains('\n') {
            continue;
        }
        // The tag's last line: from the tag's end to the line's end.
        let last_start = body[..tag.end]
            .rfind('\n')
            .map_or(0, |i| i + 1)
            .max(tag.start);
        let line_end = body[tag.end..]
            .find(['\r', '\n'])
            .map_or(body.len(), |i| tag.end + i);
        let rest: Vec<u8> = out[tag.end..line_end].to_vec();
        let moved = rest.iter().skip_while(|b| **b == b' ').count();
        if moved == 0 {
            continue;
        }
        let dest = &mut out[last_start..line_end];
        let text = &rest[rest.len() - moved..];
        dest.fill(b' ');
        dest[..moved].copy_from_slice(text);
    }
    // Only ASCII spaces replaced whole tags and whole runs of text were moved on one line:
    // still UTF-8, but checked rather than assumed.
    match String::from_utf8(out) {
        Ok(text) => Cow::Owned(text),
        Err(_) => Cow::Borrowed(body),
    }
}

/// `body` with each tag replaced by `replace(tag)` (a commented tag by its literal text), and
/// the tags `replace` gave no text for (`None`), which are left out.
pub fn expand<'a>(
    body: &'a str,
    mut replace: impl FnMut(&Tag<'a>) -> Option<String>,
) -> (Cow<'a, str>, Vec<Tag<'a>>) {
    if !body.contains("{{") {
        return (Cow::Borrowed(body), Vec::new());
    }
    let tags = find(body);
    if tags.is_empty() {
        return (Cow::Borrowed(body), Vec::new());
    }
    let mut out = String::with_capacity(body.len());
    let mut dropped = Vec::new();
    let mut at = 0;
    for tag in tags {
        out.push_str(&body[at..tag.start]);
        at = tag.end;
        if tag.comment {
            out.push_str(&tag.literal());
            continue;
        }
        match replace(&tag) {
            Some(text) => out.push_str(&text),
            None => dropped.push(tag),
        }
    }
    out.push_str(&body[at..]);
    (Cow::Owned(out), dropped)
}

/// The arguments of a tag: positional values, quotes removed (`"a b" c` → `a b`, `c`), and
/// named ones as `name=value`.
pub fn arguments(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut any = false;
    for c in args.chars() {
        if let Some(q) = quote {
            if escaped {
                current.push(c);
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q {
                quote = None;
            } else {
                current.push(c);
            }
            continue;
        }
        match c {
            '"' | '`' => {
                quote = Some(c);
                any = true;
            }
            c if c.is_whitespace() => {
                if any || !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                    any = false;
                }
            }
            c => current.push(c),
        }
    }
    if any || !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_paired_self_closing_and_commented_tags() {
        let body = "A {{< ref \"x.md\" >}} b\n{{% alert title=\"a >}} b\" %}}\nText\n{{% /alert %}}\n{{< img />}} {{</* ref x */>}}\n";
        let tags = find(body);
        let names: Vec<_> = tags
            .iter()
            .map(|t| (t.name, t.closing, t.comment))
            .collect();
        assert_eq!(
            names,
            [
                ("ref", false, false),
                ("alert", false, false),
                ("alert", true, false),
                ("img", false, false),
                ("", false, true)
            ]
        );
        assert_eq!(tags[1].args, "title=\"a >}} b\"");
        assert!(tags[3].self_closing);
        assert_eq!(tags[4].literal(), "{{< ref x >}}");
        assert_eq!(&body[tags[0].start..tags[0].end], "{{< ref \"x.md\" >}}");
    }

    #[test]
    fn look_alikes_are_not_tags() {
        assert!(find("{{ .Title }} {{< >}} {{<never closed").is_empty());
    }

    #[test]
    fn mask_keeps_offsets_and_lines() {
        let body = "{{% alert %}}\nHei {{< b >}}du.\n{{% /alert %}}\n{{< x >}} Etter\n";
        let masked = mask(body);
        assert_eq!(masked.len(), body.len());
        assert_eq!(masked.lines().count(), body.lines().count());
        let lines: Vec<&str> = masked.lines().map(str::trim_end).collect();
        let hei = format!("Hei {}du.", " ".repeat("{{< b >}}".len()));
        assert_eq!(lines, ["", hei.as_str(), "", "Etter"]);
        assert!(matches!(mask("no tags"), Cow::Borrowed(_)));
    }

    #[test]
    fn expand_replaces_or_drops() {
        let body = "[a]({{< ref \"x\" >}}) {{< y >}}z {{</* q */>}}";
        let (out, dropped) = expand(body, |t| (t.name == "ref").then(|| "/x/".to_string()));
        assert_eq!(out, "[a](/x/) z {{< q >}}");
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].name, "y");
    }

    #[test]
    fn arguments_are_unquoted() {
        assert_eq!(arguments(r#""a b" c `d` x="1""#), ["a b", "c", "d", "x=1"]);
    }
}
