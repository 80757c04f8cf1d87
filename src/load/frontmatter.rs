//! Front matter: splitting a page into its YAML block and Markdown body, and reading the
//! fields tolk knows from the YAML.
//!
//! Front matter of the regular shape most pages have is read by `fast_yaml`, which
//! gives the same value serde_yaml would; everything else goes to serde_yaml. Parsing is
//! tolerant: a field of the wrong type becomes a [`FieldProblem`] and the other
//! fields are still read, so one typo never hides the rest of a page.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value};

/// A page's text cut at its front-matter fences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences (without them); empty when the page has no front matter.
    pub yaml: &'a str,
    /// 1-based line number of the first YAML line in the file.
    pub yaml_line: usize,
    /// Byte offset of the YAML within the text given to [`split`].
    pub yaml_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 1-based line number of the first body line.
    pub body_line: usize,
    /// Whether the page has a front-matter block at all.
    pub has_front_matter: bool,
}

/// Why a page's front matter could not be split off.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    /// The opening `---` has no closing `---`.
    #[error(
        "front matter opened on line {line} is never closed: add a line `---` after the last field"
    )]
    Unclosed {
        /// Line of the opening fence.
        line: usize,
    },
}

/// The byte-order mark, accepted before the opening fence.
pub const BOM: &str = "\u{feff}";

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n']).trim_end() == "---"
}

/// Cuts `text` into front matter and body. A text that does not start with `---` has no front
/// matter: all of it is body.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let rest = &text[start..];
    let mut lines = rest.split_inclusive('\n');
    let no_front_matter = Split {
        yaml: "",
        yaml_line: 1,
        yaml_offset: start,
        body: rest,
        body_line: 1,
        has_front_matter: false,
    };
    let Some(first) = lines.next() else {
        return Ok(no_front_matter);
    };
    if !is_fence(first) || !first.starts_with("---") {
        return Ok(no_front_matter);
    }
    let yaml_offset = start + first.len();
    let mut offset = yaml_offset;
    for (line_no, line) in (2..).zip(lines) {
        if is_fence(line) || line.trim_end_matches(['\r', '\n']) == "..." {
            let yaml = &text[yaml_offset..offset];
            let body_offset = offset + line.len();
            return Ok(Split {
                yaml,
                yaml_line: 2,
                yaml_offset,
                body: &text[body_offset..],
                body_line: line_no + 1,
                has_front_matter: true,
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed { line: 1 })
}

/// A page's entry in one menu.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MenuEntry {
    /// Sort weight (lower first).
    pub weight: Option<i64>,
    /// Label, when it differs from the title.
    pub name: Option<String>,
    /// Translation key (or URL or path) of the parent entry's page.
    pub parent: Option<String>,
}

/// The fields tolk knows, read from a page's front matter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// Page title.
    pub title: Option<String>,
    /// Lead paragraph.
    pub ingress: Option<String>,
    /// Meta description.
    pub description: Option<String>,
    /// Explicit URL.
    pub url: Option<String>,
    /// Menu entries by menu name.
    pub menus: BTreeMap<String, MenuEntry>,
    /// Related pages as written.
    pub related_pages: Vec<String>,
    /// `sitemap.priority`.
    pub sitemap_priority: Option<f64>,
    /// `translation_key` or Hugo's `translationKey`.
    pub translation_key: Option<String>,
    /// `draft: true`.
    pub draft: bool,
    /// `l10n.source_hash`: the source hash this translation was last brought up to date with.
    pub source_hash: Option<String>,
    /// `language` / `lang`, where a page names its own locale.
    pub language: Option<String>,
}

/// A front-matter field tolk could not use, with its line (1-based, within the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// Line in the file, where known.
    pub line: Option<usize>,
    /// Column in the file, where known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

/// The YAML document `yaml` as data: front matter of the usual shape read directly, the rest
/// by serde_yaml, with the same result either way.
pub fn yaml_value(yaml: &str) -> Result<Value, serde_yaml::Error> {
    match super::fast_yaml::parse(yaml) {
        Some(value) => Ok(value),
        None => serde_yaml::from_str(yaml),
    }
}

/// The whole front matter of `text` as data, unknown fields included: empty when there is none
/// or it is not a mapping.
pub fn data(text: &str) -> Mapping {
    let Ok(split) = split(text) else {
        return Mapping::new();
    };
    if split.yaml.trim().is_empty() || super::depth::flow_too_deep(split.yaml).is_some() {
        return Mapping::new();
    }
    match yaml_value(split.yaml) {
        Ok(Value::Mapping(mapping)) => mapping,
        _ => Mapping::new(),
    }
}

/// Parses the YAML of `split` into [`FrontMatter`]. A YAML syntax error is returned as the only
/// problem (with an empty front matter); wrong field types are problems beside a usable result.
pub fn parse(split: &Split<'_>) -> (FrontMatter, Vec<FieldProblem>) {
    let mut problems = Vec::new();
    if split.yaml.trim().is_empty() {
        return (FrontMatter::default(), problems);
    }
    if let Some(line) = super::depth::flow_too_deep(split.yaml) {
        problems.push(FieldProblem {
            line: Some(line + split.yaml_line - 1),
            column: Some(1),
            message: format!(
                "front matter is not valid YAML: it nests `[` and `{{` more than {} levels deep",
                super::depth::MAX_DEPTH
            ),
        });
        return (FrontMatter::default(), problems);
    }
    let value: Value = match yaml_value(split.yaml) {
        Ok(v) => v,
        Err(e) => {
            let (line, column) = match e.location() {
                Some(loc) => (Some(loc.line() + split.yaml_line - 1), Some(loc.column())),
                None => (None, None),
            };
            let message = yaml_message(&e.to_string());
            problems.push(FieldProblem {
                line,
                column,
                message: format!("front matter is not valid YAML: {message}"),
            });
            return (FrontMatter::default(), problems);
        }
    };
    let mapping = match value {
        Value::Mapping(m) => m,
        Value::Null => Mapping::new(),
        other => {
            problems.push(FieldProblem {
                line: Some(split.yaml_line),
                column: Some(1),
                message: format!(
                    "front matter must be a mapping of `field: value` lines, not {}",
                    kind(&other)
                ),
            });
            return (FrontMatter::default(), problems);
        }
    };
    let mut reader = Reader {
        split,
        problems: &mut problems,
    };
    let front = reader.front_matter(mapping);
    (front, problems)
}

/// Removes serde_yaml's trailing " at line X column Y" (tolk reports the place itself).
fn yaml_message(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

struct Reader<'s, 'p> {
    split: &'s Split<'s>,
    problems: &'p mut Vec<FieldProblem>,
}

impl Reader<'_, '_> {
    fn front_matter(&mut self, mapping: Mapping) -> FrontMatter {
        let mut front = FrontMatter {
            title: self.string(&mapping, "title"),
            ingress: self.string(&mapping, "ingress"),
            description: self.string(&mapping, "description"),
            url: self.string(&mapping, "url"),
            translation_key: self
                .string(&mapping, "translation_key")
                .or_else(|| self.string(&mapping, "translationKey")),
            language: self
                .string(&mapping, "language")
                .or_else(|| self.string(&mapping, "lang")),
            draft: self.boolean(&mapping, "draft"),
            related_pages: self.string_list(&mapping, "related_pages"),
            ..FrontMatter::default()
        };
        front.menus = self.menus(&mapping);
        front.sitemap_priority = self.priority(&mapping);
        front.source_hash = self.source_hash(&mapping);
        front
    }

    fn problem(&mut self, field: &str, message: String) {
        let line = key_line(self.split.yaml, field).map(|l| l + self.split.yaml_line - 1);
        self.problems.push(FieldProblem {
            line,
            column: line.map(|_| 1),
            message,
        });
    }

    fn string(&mut self, mapping: &Mapping, field: &str) -> Option<String> {
        match mapping.get(field)? {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            Value::Number(n) if field != "url" => Some(n.to_string()),
            other => {
                let message = format!("`{field}` must be text, not {}", kind(other));
                self.problem(field, message);
                None
            }
        }
    }

    fn boolean(&mut self, mapping: &Mapping, field: &str) -> bool {
        match mapping.get(field) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                let message = format!("`{field}` must be true or false, not {}", kind(other));
                self.problem(field, message);
                false
            }
        }
    }

    fn string_list(&mut self, mapping: &Mapping, field: &str) -> Vec<String> {
        match mapping.get(field) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Sequence(items)) => {
                let mut out = Vec::new();
                for item in items {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        other => {
                            let message = format!(
                                "each entry of `{field}` must be text, not {}",
                                kind(other)
                            );
                            self.problem(field, message);
                        }
                    }
                }
                out
            }
            Some(other) => {
                let message = format!("`{field}` must be a list, not {}", kind(other));
                self.problem(field, message);
                Vec::new()
            }
        }
    }

    fn menus(&mut self, mapping: &Mapping) -> BTreeMap<String, MenuEntry> {
        let mut menus = BTreeMap::new();
        match mapping.get("menu").or_else(|| mapping.get("menus")) {
            None | Some(Value::Null) => {}
            Some(Value::String(name)) => {
                if matches!(
                    name.to_ascii_lowercase().as_str(),
                    "yes" | "no" | "on" | "off" | "y" | "n"
                ) {
                    let message = format!(
                        "`menu: {name}` names a menu called \"{name}\" (YAML 1.2 reads it as text, not true/false); \
                         write `menu: {{ main: {{ weight: 10 }} }}` to put the page in a menu"
                    );
                    self.problem("menu", message);
                }
                menus.insert(name.clone(), MenuEntry::default());
            }
            Some(Value::Sequence(names)) => {
                for name in names {
                    if let Value::String(name) = name {
                        menus.insert(name.clone(), MenuEntry::default());
                    } else {
                        self.problem("menu", "each menu name must be text".into());
                    }
                }
            }
            Some(Value::Mapping(entries)) => {
                for (name, entry) in entries {
                    let Value::String(name) = name else {
                        self.problem("menu", "menu names must be text".into());
                        continue;
                    };
                    let entry = self.menu_entry(name, entry);
                    menus.insert(name.clone(), entry);
                }
            }
            Some(other) => {
                let message = format!(
                    "`menu` must be a menu name or a mapping like `menu: {{ main: {{ weight: 10 }} }}`, not {}",
                    kind(other)
                );
                self.problem("menu", message);
            }
        }
        menus
    }

    fn menu_entry(&mut self, menu: &str, value: &Value) -> MenuEntry {
        let Value::Mapping(fields) = value else {
            if !value.is_null() {
                let message = format!("`menu.{menu}` must be a mapping (weight, name, parent)");
                self.problem("menu", message);
            }
            return MenuEntry::default();
        };
        let weight = match fields.get("weight") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
            Some(other) => {
                let message = format!("`menu.{menu}.weight` must be a number, not {}", kind(other));
                self.problem("menu", message);
                None
            }
        };
        let name = self.string(fields, "name");
        let parent = self.string(fields, "parent");
        MenuEntry {
            weight,
            name,
            parent,
        }
    }

    fn priority(&mut self, mapping: &Mapping) -> Option<f64> {
        let Value::Mapping(sitemap) = mapping.get("sitemap")? else {
            if mapping.get("sitemap").is_some_and(|v| !v.is_null()) {
                self.problem(
                    "sitemap",
                    "`sitemap` must be a mapping like `sitemap: { priority: 0.8 }`".into(),
                );
            }
            return None;
        };
        match sitemap.get("priority")? {
            Value::Number(n) => match n.as_f64() {
                Some(p) if (0.0..=1.0).contains(&p) => Some(p),
                _ => {
                    self.problem(
                        "sitemap",
                        "`sitemap.priority` must be between 0.0 and 1.0".into(),
                    );
                    None
                }
            },
            other => {
                let message = format!("`sitemap.priority` must be a number, not {}", kind(other));
                self.problem("sitemap", message);
                None
            }
        }
    }

    fn source_hash(&mut self, mapping: &Mapping) -> Option<String> {
        let l10n = mapping.get("l10n")?;
        let Value::Mapping(l10n) = l10n else {
            if !l10n.is_null() {
                self.problem(
                    "l10n",
                    "`l10n` must be a mapping like `l10n: { source_hash: … }`".into(),
                );
            }
            return None;
        };
        match l10n.get("source_hash")? {
            Value::String(s) if crate::hash::is_blob_id(s.trim()) => {
                Some(s.trim().to_ascii_lowercase())
            }
            Value::Null => None,
            // An id of digits only (or digits and one `e`) reads as a YAML number: take the
            // text as written.
            Value::Number(_) if raw_source_hash(self.split.yaml).is_some() => {
                raw_source_hash(self.split.yaml)
            }
            other => {
                let shown = match other {
                    Value::String(s) => format!("`{s}`"),
                    other => kind(other).to_string(),
                };
                self.problem(
                    "l10n",
                    format!("`l10n.source_hash` must be a 40-digit git blob id, not {shown}; run `tolk mark` on this file"),
                );
                None
            }
        }
    }
}

/// The `source_hash:` value as written in the YAML text, if it is a blob id.
fn raw_source_hash(yaml: &str) -> Option<String> {
    yaml.lines()
        .filter_map(|line| line.trim_start().strip_prefix("source_hash:"))
        .map(|value| {
            value
                .split('#')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\''])
        })
        .find(|value| crate::hash::is_blob_id(value))
        .map(|value| value.to_ascii_lowercase())
}

/// 1-based line (within `yaml`) of the top-level `field:` key, if it is written in block style.
pub fn key_line(yaml: &str, field: &str) -> Option<usize> {
    yaml.lines()
        .position(|line| {
            line.strip_prefix(field)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_bom_and_crlf() {
        let text = "\u{feff}---\r\ntitle: Hei\r\n---\r\nBody\r\n";
        let s = split(text).unwrap();
        assert_eq!(s.yaml, "title: Hei\r\n");
        assert_eq!(s.body, "Body\r\n");
        assert_eq!(s.body_line, 4);
        let (front, problems) = parse(&s);
        assert!(problems.is_empty());
        assert_eq!(front.title.as_deref(), Some("Hei"));
    }

    #[test]
    fn unclosed_is_an_error() {
        assert_eq!(
            split("---\ntitle: x\n"),
            Err(SplitError::Unclosed { line: 1 })
        );
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split("# Hei\n").unwrap();
        assert!(!s.has_front_matter);
        assert_eq!(s.body, "# Hei\n");
    }

    #[test]
    fn yaml_error_has_file_line() {
        let text = "---\ntitle: ok\nurl: [unclosed\n---\n";
        let s = split(text).unwrap();
        let (_, problems) = parse(&s);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].line.is_some_and(|l| l >= 3), "{problems:?}");
    }

    #[test]
    fn wrong_types_are_problems_not_failures() {
        let text = "---\ntitle: Hei\nurl: 5\nmenu: true\n---\n";
        let (front, problems) = parse(&split(text).unwrap());
        assert_eq!(front.title.as_deref(), Some("Hei"));
        assert_eq!(front.url, None);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].line, Some(3));
    }

    #[test]
    fn reads_menus_and_l10n() {
        let text = "---\nmenu:\n  main:\n    weight: 5\n    parent: kom-i-gang\nl10n:\n  source_hash: E69DE29BB2D1D6434B8B29AE775AD8C2E48C5391\n---\n";
        let (front, problems) = parse(&split(text).unwrap());
        assert!(problems.is_empty());
        assert_eq!(front.menus["main"].weight, Some(5));
        assert_eq!(front.menus["main"].parent.as_deref(), Some("kom-i-gang"));
        assert_eq!(
            front.source_hash.as_deref(),
            Some("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
        );
    }
}
