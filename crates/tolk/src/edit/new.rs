//! `tolk new`: the text of a new translation scaffolded from its source page.
//!
//! The source's front matter is copied line by line (comments and order kept), its `url` moved
//! under the target locale's prefix, `draft: true` and the baseline added; the body is the
//! source body, ready to be translated in place.

use crate::config::Locale;
use crate::load::frontmatter::BOM;

/// What the scaffold needs to know about the source.
pub struct Scaffold<'a> {
    /// The source page's text.
    pub source_text: &'a str,
    /// The source locale's prefix.
    pub source_prefix: &'a str,
    /// The target locale.
    pub target: &'a Locale,
    /// The source hash, recorded as the baseline.
    pub source_hash: &'a str,
}

/// Top-level keys the scaffold drops from the copied front matter (it writes its own).
const DROPPED: &[&str] = &["l10n", "draft", "language", "lang"];

fn top_level_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    let key = key.trim();
    (!key.is_empty() && !key.contains(' ')).then_some(key)
}

/// The new translation's text.
pub fn scaffold(s: &Scaffold<'_>) -> String {
    // TOML and JSON front matter are copied as YAML.
    let yaml = crate::load::frontmatter::yaml_form(s.source_text);
    let text = yaml.strip_prefix(BOM).unwrap_or(&yaml);
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let close = if lines.first().is_some_and(|l| l.trim_end() == "---") {
        lines
            .iter()
            .skip(1)
            .position(|l| l.trim_end() == "---")
            .map(|p| p + 1)
    } else {
        None
    };
    let (front, body): (&[&str], &[&str]) = match close {
        Some(close) => (&lines[1..close], &lines[close + 1..]),
        None => (&[], &lines[..]),
    };
    let mut out = String::new();
    out.push_str("---");
    out.push_str(eol);
    out.push_str(&format!(
        "# {} translation: translate title, ingress, description, menu names and the text below,{eol}\
         # then remove `draft: true` and run `tolk mark` on this file.{eol}",
        s.target.name
    ));
    let mut skipping = false;
    for line in front {
        if let Some(key) = top_level_key(line) {
            skipping = DROPPED.contains(&key);
            if key == "url" {
                let value = line.split_once(':').map(|(_, v)| v.trim()).unwrap_or("");
                let value = value.trim_matches(['"', '\'']);
                let rest = value
                    .strip_prefix(s.source_prefix)
                    .unwrap_or(value.trim_start_matches('/'));
                out.push_str(&format!("url: {}{rest}{eol}", s.target.prefix));
                continue;
            }
        } else if !line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            skipping = false;
        }
        if !skipping {
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str(eol);
            }
        }
    }
    out.push_str(&format!(
        "draft: true{eol}l10n:{eol}  source_hash: {}{eol}---{eol}",
        s.source_hash
    ));
    out.push_str(&body.concat());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn moves_url_and_records_baseline() {
        let config = Config::default();
        let en = config.locale("en").unwrap();
        let text = "---\ntitle: Om MinID\nurl: /om-minid/\ndraft: false\nmenu:\n  main:\n    weight: 5\n---\nTekst\n";
        let out = scaffold(&Scaffold {
            source_text: text,
            source_prefix: "/",
            target: en,
            source_hash: "abc",
        });
        assert!(out.contains("url: /en/om-minid/\n"), "{out}");
        assert!(out.contains("title: Om MinID\n"));
        assert!(out.contains("menu:\n  main:\n    weight: 5\n"));
        assert!(out.contains("draft: true\nl10n:\n  source_hash: abc\n---\nTekst\n"));
        assert!(!out.contains("draft: false"));
    }
}
