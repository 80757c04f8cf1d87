//! MDX pages: their JSX lines (ESM `import` / `export`, component tags, `{…}` expressions) are
//! kept out of the rendered-text comparison, so that the cosmetic rule and history mode judge
//! only the Markdown a translator translates.
//!
//! Front matter and Markdown are read as in any page; this module only removes JSX before
//! [`same_rendering`] compares two versions. Fenced code blocks are left alone.

use std::borrow::Cow;

use super::rendered::same_rendering;

/// Whether the file at `path` is MDX.
pub fn is_mdx(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("mdx"))
}

/// Whether two versions of the page at `path` render the same (JSX left out for MDX).
pub fn same_content(path: &str, a: &str, b: &str) -> bool {
    if is_mdx(path) {
        same_rendering(&strip_jsx(a), &strip_jsx(b))
    } else {
        same_rendering(a, b)
    }
}

/// `text` without its JSX: ESM statements, lines of component tags (tags removed, any text on
/// the line kept) and lines that are a `{…}` expression.
pub fn strip_jsx(text: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<&str> = None;
    let mut in_tag = false;
    let mut esm_depth: Option<i32> = None;
    let mut changed = false;
    let mut front_matter = text.starts_with("---");
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if front_matter {
            out.push_str(line);
            if i > 0 && (trimmed == "---" || trimmed == "...") {
                front_matter = false;
            }
            continue;
        }
        if let Some(marker) = fence {
            out.push_str(line);
            if trimmed.starts_with(marker) {
                fence = None;
            }
            continue;
        }
        if let Some(depth) = esm_depth {
            changed = true;
            let depth = depth + braces(line);
            esm_depth = (depth > 0).then_some(depth);
            continue;
        }
        if in_tag {
            changed = true;
            match line.find('>') {
                Some(end) => {
                    in_tag = false;
                    keep_text(&line[end + 1..], &mut in_tag, &mut out);
                }
                None => continue,
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            out.push_str(line);
            continue;
        }
        if line.starts_with("import ") || line.starts_with("export ") {
            changed = true;
            let depth = braces(line);
            esm_depth = (depth > 0).then_some(depth);
            continue;
        }
        if trimmed.starts_with('{') && trimmed.ends_with('}') {
            changed = true;
            continue;
        }
        if is_tag_start(trimmed) {
            changed = true;
            keep_text(line, &mut in_tag, &mut out);
            continue;
        }
        out.push_str(line);
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Opening minus closing braces on a line.
fn braces(line: &str) -> i32 {
    line.chars()
        .map(|c| match c {
            '{' => 1,
            '}' => -1,
            _ => 0,
        })
        .sum()
}

/// A line that starts with a JSX tag: `<Name`, `</Name`, `<>`, `</>`, `<name` (MDX reads
/// lowercase tags as JSX too).
fn is_tag_start(trimmed: &str) -> bool {
    let mut chars = trimmed.chars();
    if chars.next() != Some('<') {
        return false;
    }
    match chars.next() {
        Some('>') => true,
        Some('/') => chars
            .next()
            .is_some_and(|c| c == '>' || c.is_ascii_alphabetic()),
        Some(c) => c.is_ascii_alphabetic(),
        None => false,
    }
}

/// Appends the text of `line` outside tags (a line of its own if any is left); sets `in_tag`
/// when a tag stays open at the end of the line.
fn keep_text(line: &str, in_tag: &mut bool, out: &mut String) {
    let mut text = String::new();
    let mut depth = 0usize;
    for c in line.chars() {
        match c {
            '<' => depth += 1,
            '>' if depth > 0 => depth -= 1,
            c if depth == 0 => text.push(c),
            _ => {}
        }
    }
    *in_tag = depth > 0;
    if !text.trim().is_empty() {
        out.push_str(text.trim());
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsx_is_left_out() {
        let text = "---\ntitle: A\n---\nimport Tabs from '@theme/Tabs';\nimport {\n  A,\n} from 'b';\n\n# Title\n\n<Tabs>\n  <TabItem\n    value=\"a\">\n\nText.\n\n  </TabItem>\n</Tabs>\n{/* note */}\n\n```jsx\n<Tabs>\n```\n";
        let stripped = strip_jsx(text);
        assert_eq!(
            stripped,
            "---\ntitle: A\n---\n\n# Title\n\n\nText.\n\n\n```jsx\n<Tabs>\n```\n"
        );
    }

    #[test]
    fn changed_component_props_are_not_content() {
        let a = "---\ntitle: A\n---\n<Note type=\"info\">\n\nMinID er gratis.\n\n</Note>\n";
        let b = "---\ntitle: A\n---\n<Note type=\"warning\">\n\nMinID er gratis.\n\n</Note>\n";
        assert!(same_content("a.mdx", a, b));
        assert!(!same_content("a.md", a, b));
        let c = b.replace("gratis", "dyrt");
        assert!(!same_content("a.mdx", a, &c));
    }

    #[test]
    fn text_beside_a_tag_is_kept() {
        assert_eq!(strip_jsx("<Badge>Ny</Badge> tjeneste\n"), "Ny tjeneste\n");
    }
}
