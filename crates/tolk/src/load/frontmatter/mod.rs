//! Front matter: splitting a page into its front matter and Markdown body, and reading the
//! fields tolk knows from it.
//!
//! Front matter is read as Hugo reads it: YAML between `---` lines, TOML between `+++` lines,
//! or a JSON object at the top, after any blank lines; TOML and JSON become the same YAML
//! values ([`value`]), and field names are compared without case (`Title:`). YAML of the
//! regular shape most pages have is read by `fast_yaml`, which gives the same value serde_yaml
//! would; everything else goes to serde_yaml. [`parse`] reads the known fields of such YAML
//! straight from `fast_yaml`'s borrowed tree, by the same rules (`fields`) it reads any other
//! front matter's value with, and keeps nothing else. Parsing is tolerant: a field of the
//! wrong type becomes a [`FieldProblem`] and the other fields are still read, so one typo never
//! hides the rest of a page. [`set_source_hash`] is where `tolk mark` edits TOML and JSON
//! front matter.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value};

use fields::{FieldValue, Reader};

/// The language a page's front matter is written in, told by its opening line as Hugo tells
/// it: `---` YAML, `+++` TOML, `{` JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// YAML between `---` lines.
    #[default]
    Yaml,
    /// TOML between `+++` lines.
    Toml,
    /// A JSON object at the top of the file.
    Json,
}

impl Format {
    /// The format's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
            Format::Json => "JSON",
        }
    }
}

/// A page's text cut at its front-matter fences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The front matter's text without its fences (YAML, or TOML or JSON where `format` says
    /// so; a JSON object keeps its braces); empty when the page has none.
    pub yaml: &'a str,
    /// What `yaml` is written in.
    pub format: Format,
    /// 1-based line number of the first front-matter line in the file.
    pub yaml_line: usize,
    /// Byte offset of the front matter within the text given to [`split`].
    pub yaml_offset: usize,
    /// Byte offset of the opening fence (after a BOM and blank lines).
    pub open_offset: usize,
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
    /// The opening `+++` has no closing `+++`.
    #[error(
        "TOML front matter opened on line {line} is never closed: add a line `+++` after the last field"
    )]
    UnclosedToml {
        /// Line of the opening fence.
        line: usize,
    },
    /// The JSON object at the top has no closing brace.
    #[error(
        "JSON front matter opened on line {line} is never closed: end the object with `}}` on its own line"
    )]
    UnclosedJson {
        /// Line of the opening brace.
        line: usize,
    },
}

/// The byte-order mark, accepted before the opening fence.
pub const BOM: &str = "\u{feff}";

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n']).trim_end() == "---"
}

fn is_toml_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n']).trim_end() == "+++"
}

/// Cuts `text` into front matter and body. Blank lines before the opening fence are skipped, as
/// Hugo skips them; a text whose first other line is not `---`, `+++` or `{` has no front
/// matter: all of it is body.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let rest = &text[start..];
    let no_front_matter = Split {
        yaml: "",
        format: Format::Yaml,
        yaml_line: 1,
        yaml_offset: start,
        open_offset: start,
        body: rest,
        body_line: 1,
        has_front_matter: false,
    };
    // Leading blank lines (only when a fence follows them: otherwise they are body).
    let mut open = start;
    let mut open_line = 1;
    let mut first = None;
    for line in rest.split_inclusive('\n') {
        if line.trim().is_empty() && line.ends_with('\n') {
            open += line.len();
            open_line += 1;
            continue;
        }
        first = Some(line);
        break;
    }
    let Some(first) = first else {
        return Ok(no_front_matter);
    };
    let format = if is_fence(first) && first.starts_with("---") {
        Format::Yaml
    } else if is_toml_fence(first) && first.starts_with("+++") {
        Format::Toml
    } else if is_json_open(first) {
        Format::Json
    } else {
        return Ok(no_front_matter);
    };
    if format == Format::Json {
        return split_json(text, open, open_line)
            .ok_or(SplitError::UnclosedJson { line: open_line });
    }
    let yaml_offset = open + first.len();
    let mut offset = yaml_offset;
    for (line_no, line) in (open_line + 1..).zip(text[yaml_offset..].split_inclusive('\n')) {
        let closes = match format {
            Format::Toml => is_toml_fence(line),
            _ => is_fence(line) || line.trim_end_matches(['\r', '\n']) == "...",
        };
        if closes {
            let yaml = &text[yaml_offset..offset];
            let body_offset = offset + line.len();
            return Ok(Split {
                yaml,
                format,
                yaml_line: open_line + 1,
                yaml_offset,
                open_offset: open,
                body: &text[body_offset..],
                body_line: line_no + 1,
                has_front_matter: true,
            });
        }
        offset += line.len();
    }
    Err(match format {
        Format::Toml => SplitError::UnclosedToml { line: open_line },
        _ => SplitError::Unclosed { line: open_line },
    })
}

/// Whether `line` opens JSON front matter: a `{` alone on its line, or followed by a quoted
/// key (`{"title": …`). An MDX expression (`{/* note */}`) does not.
fn is_json_open(line: &str) -> bool {
    let line = line.trim_end();
    let Some(rest) = line.strip_prefix('{') else {
        return false;
    };
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with('"') && rest.contains("\":")
}

/// JSON front matter: the object that opens at byte `open` (line `open_line`), up to its
/// matching brace (strings and escapes respected); the body starts on the next line.
fn split_json(text: &str, open: usize, open_line: usize) -> Option<Split<'_>> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut end = None;
    for (i, &b) in bytes.iter().enumerate().skip(open) {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    end = Some(i + 1);
                    break;
                }
            }
            _ => {}
        }
    }
    let end = end?;
    // The rest of the closing brace's line belongs to the front matter when it is blank.
    let line_rest = text[end..].split_inclusive('\n').next().unwrap_or("");
    let body_offset = if line_rest.trim().is_empty() {
        end + line_rest.len()
    } else {
        end
    };
    let lines_before = |offset: usize| text[..offset].bytes().filter(|&b| b == b'\n').count();
    Some(Split {
        yaml: &text[open..end],
        format: Format::Json,
        yaml_line: open_line,
        yaml_offset: open,
        open_offset: open,
        body: &text[body_offset..],
        body_line: lines_before(body_offset) + 1,
        has_front_matter: true,
    })
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
    /// Whether the generator renders no page of its own for this file, as the file says:
    /// `Some(true)` for Hugo's `build: {render: never}` (or `_build`, `render: false`) or
    /// `headless: true`, `Some(false)` for `render: always` or `link`, `None` when it says
    /// nothing (a cascade may then decide: [`build_options`]). A snippet a shortcode includes
    /// is not rendered: it has no URL, and its text is still translated.
    pub unrendered: Option<bool>,
    /// The `cascade` entries of a section's front matter that leave pages unrendered.
    pub cascade: Vec<build_options::CascadeRule>,
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

/// Front matter that could not be read as data: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// 1-based line in the file, where known.
    pub line: Option<usize>,
    /// 1-based column in the file, where known.
    pub column: Option<usize>,
    /// What is wrong, in the words of the parser (without its own place).
    pub message: String,
}

/// The front matter of `split` as data, whatever its format: TOML and JSON are turned into the
/// same YAML values YAML front matter gives (TOML dates become text). Empty front matter is
/// null.
pub fn value(split: &Split<'_>) -> Result<Value, ValueError> {
    if split.yaml.trim().is_empty() {
        return Ok(Value::Null);
    }
    match split.format {
        Format::Yaml => yaml_value(split.yaml).map_err(|e| {
            let (line, column) = match e.location() {
                Some(loc) => (Some(loc.line() + split.yaml_line - 1), Some(loc.column())),
                None => (None, None),
            };
            ValueError {
                line,
                column,
                message: yaml_message(&e.to_string()),
            }
        }),
        Format::Toml => match split.yaml.parse::<toml::Table>() {
            Ok(table) => Ok(from_toml(toml::Value::Table(table))),
            Err(e) => {
                let (line, column) = match e.span() {
                    Some(span) => {
                        let (line, column) = crate::place::line_column(split.yaml, span.start);
                        (line as usize, column as usize)
                    }
                    None => (1, 1),
                };
                Err(ValueError {
                    line: Some(line + split.yaml_line - 1),
                    column: Some(column),
                    message: e.message().trim().to_string(),
                })
            }
        },
        Format::Json => match serde_json::from_str::<serde_json::Value>(split.yaml) {
            Ok(json) => Ok(from_json(json)),
            Err(e) => Err(ValueError {
                line: Some(e.line().max(1) + split.yaml_line - 1),
                column: Some(e.column().max(1)),
                message: yaml_message(&e.to_string()),
            }),
        },
    }
}

/// A TOML value as the YAML value tolk works with.
fn from_toml(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(n) => Value::Number(n.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Sequence(items.into_iter().map(from_toml).collect()),
        toml::Value::Table(table) => Value::Mapping(
            table
                .into_iter()
                .map(|(k, v)| (Value::String(k), from_toml(v)))
                .collect(),
        ),
    }
}

/// A JSON value as the YAML value tolk works with.
fn from_json(value: serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::Number(i.into())
            } else if let Some(u) = n.as_u64() {
                Value::Number(u.into())
            } else {
                Value::Number(n.as_f64().unwrap_or(0.0).into())
            }
        }
        serde_json::Value::String(s) => Value::String(s),
        serde_json::Value::Array(items) => {
            Value::Sequence(items.into_iter().map(from_json).collect())
        }
        serde_json::Value::Object(map) => Value::Mapping(
            map.into_iter()
                .map(|(k, v)| (Value::String(k), from_json(v)))
                .collect(),
        ),
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
    match value(&split) {
        Ok(Value::Mapping(mapping)) => mapping,
        _ => Mapping::new(),
    }
}

/// Parses the front matter of `split` into [`FrontMatter`]. A syntax error is returned as the
/// only problem (with an empty front matter); wrong field types are problems beside a usable
/// result. Field names are compared without case, as Hugo compares them (`Title:`).
pub fn parse(split: &Split<'_>) -> (FrontMatter, Vec<FieldProblem>) {
    parse_by(split, Route::Direct)
}

/// [`parse`], and the whole front matter as data too (what [`data`] gives for the page's
/// text), in one reading of it where the front matter is YAML of the usual shape.
pub fn parse_with_data(split: &Split<'_>) -> (FrontMatter, Vec<FieldProblem>, Mapping) {
    let plain = split.yaml.trim().is_empty() || super::depth::flow_too_deep(split.yaml).is_some();
    if !plain
        && split.format == Format::Yaml
        && let Some(mapping) = super::fast_yaml::read(split.yaml)
    {
        let mut problems = Vec::new();
        let mut reader = Reader {
            split,
            problems: &mut problems,
        };
        let front = reader.front_matter(&mapping);
        return (front, problems, mapping.into_mapping());
    }
    let (front, problems) = parse(split);
    if plain {
        return (front, problems, Mapping::new());
    }
    let data = match value(split) {
        Ok(Value::Mapping(mapping)) => mapping,
        _ => Mapping::new(),
    };
    (front, problems, data)
}

/// How [`parse_by`] reads YAML that `fast_yaml` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    /// Its fields straight from `fast_yaml`'s borrowed tree.
    Direct,
    /// Through the [`Value`] made of it, as front matter `fast_yaml` declines is read (the
    /// tests compare the two).
    #[cfg(test)]
    ThroughValue,
}

fn parse_by(split: &Split<'_>, route: Route) -> (FrontMatter, Vec<FieldProblem>) {
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
    // Front matter of the usual shape: its fields read from the text, none of the rest kept.
    if route == Route::Direct
        && split.format == Format::Yaml
        && let Some(mapping) = super::fast_yaml::read(split.yaml)
    {
        let mut reader = Reader {
            split,
            problems: &mut problems,
        };
        let front = reader.front_matter(&mapping);
        return (front, problems);
    }
    let value: Value = match value(split) {
        Ok(v) => v,
        Err(e) => {
            problems.push(FieldProblem {
                line: e.line,
                column: e.column,
                message: format!(
                    "front matter is not valid {}: {}",
                    split.format.name(),
                    e.message
                ),
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
                    other.shape().kind()
                ),
            });
            return (FrontMatter::default(), problems);
        }
    };
    let mut reader = Reader {
        split,
        problems: &mut problems,
    };
    let front = reader.front_matter(&mapping);
    (front, problems)
}

/// Removes serde_yaml's trailing " at line X column Y" (tolk reports the place itself).
fn yaml_message(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// 1-based line (within `yaml`) of the top-level `field:` key, if it is written in block style:
/// `field:` in YAML, `field =` in TOML, `"field":` in JSON; the name compared without case.
pub fn key_line(yaml: &str, field: &str) -> Option<usize> {
    let names = |line: &str| -> bool {
        // JSON keys are quoted and may be indented; YAML and TOML keys start the line.
        let json = line.trim_start_matches(['{', ' ', '\t']);
        let (name, rest) = match json.strip_prefix('"') {
            Some(quoted) => match quoted.split_once('"') {
                Some((name, rest)) => (name, rest),
                None => return false,
            },
            None => match line.get(..field.len()) {
                Some(name) => (name, &line[field.len()..]),
                None => return false,
            },
        };
        let rest = rest.trim_start();
        name.eq_ignore_ascii_case(field) && (rest.starts_with(':') || rest.starts_with('='))
    };
    yaml.lines().position(names).map(|i| i + 1)
}

pub mod build_options;
mod fields;
mod rewrite;
pub use fields::get;
pub use rewrite::{set_source_hash, yaml_form};

#[cfg(test)]
mod tests;
