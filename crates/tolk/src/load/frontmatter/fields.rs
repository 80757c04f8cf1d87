//! The fields tolk knows and their rules: which key each is read from, what type it must
//! have, and the [`FieldProblem`] when it has another.
//!
//! The rules read a mapping through [`FieldMap`], which both serde_yaml's [`Mapping`] and
//! `fast_yaml`'s borrowed [`Map`] implement: front matter that `fast_yaml` takes is read
//! straight from its text, any other through the [`Value`] the parsers give, by the same rules
//! and with the same result.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Number, Value};

use super::{FieldProblem, FrontMatter, MenuEntry, Split, build_options, key_line};
use crate::load::fast_yaml::{Map, Node};

/// A YAML value as the field rules see it.
pub(super) trait FieldValue: Sized {
    /// The mappings among these values.
    type Map: FieldMap<Value = Self>;

    /// What the value is.
    fn shape(&self) -> Shape<'_, Self>;
}

/// A YAML mapping as the field rules see it.
pub(super) trait FieldMap {
    /// The values in the mapping.
    type Value: FieldValue<Map = Self>;

    /// The value under the key written exactly `name`.
    fn exact(&self, name: &str) -> Option<&Self::Value>;

    /// The entries in written order: each key's shape and the value.
    fn entries(&self) -> impl Iterator<Item = (Shape<'_, Self::Value>, &Self::Value)>;

    /// The value of field `name`: the key as written, else the first key that differs only in
    /// case (Hugo reads `Title:` as `title:`).
    fn field(&self, name: &str) -> Option<&Self::Value> {
        self.exact(name).or_else(|| {
            self.entries()
                .find(|(key, _)| key.text().is_some_and(|key| key.eq_ignore_ascii_case(name)))
                .map(|(_, value)| value)
        })
    }
}

/// One level of a YAML value: what it is, and its parts.
pub(super) enum Shape<'v, V: FieldValue> {
    Null,
    Bool(bool),
    Number(&'v Number),
    String(&'v str),
    Sequence(&'v [V]),
    Mapping(&'v V::Map),
    /// A value with a tag (`!x value`): the value under it.
    Tagged(&'v V),
}

impl<'v, V: FieldValue> Shape<'v, V> {
    /// The kind of value, as messages name it.
    pub(super) fn kind(&self) -> &'static str {
        match self {
            Shape::Null => "empty",
            Shape::Bool(_) => "a boolean",
            Shape::Number(_) => "a number",
            Shape::String(_) => "a string",
            Shape::Sequence(_) => "a list",
            Shape::Mapping(_) => "a mapping",
            Shape::Tagged(_) => "a tagged value",
        }
    }

    /// The text of a string under any tags, as serde_yaml's `Value::as_str` reads it.
    fn text(&self) -> Option<&'v str> {
        match self {
            Shape::String(s) => Some(s),
            Shape::Tagged(inner) => inner.shape().text(),
            _ => None,
        }
    }

    /// Whether the value is null under any tags, as serde_yaml's `Value::is_null` reads it.
    fn is_null(&self) -> bool {
        match self {
            Shape::Null => true,
            Shape::Tagged(inner) => inner.shape().is_null(),
            _ => false,
        }
    }
}

impl FieldValue for Value {
    type Map = Mapping;

    fn shape(&self) -> Shape<'_, Self> {
        match self {
            Value::Null => Shape::Null,
            Value::Bool(b) => Shape::Bool(*b),
            Value::Number(n) => Shape::Number(n),
            Value::String(s) => Shape::String(s),
            Value::Sequence(items) => Shape::Sequence(items),
            Value::Mapping(map) => Shape::Mapping(map),
            Value::Tagged(tagged) => Shape::Tagged(&tagged.value),
        }
    }
}

impl FieldMap for Mapping {
    type Value = Value;

    fn exact(&self, name: &str) -> Option<&Value> {
        self.get(name)
    }

    fn entries(&self) -> impl Iterator<Item = (Shape<'_, Value>, &Value)> {
        self.iter().map(|(key, value)| (key.shape(), value))
    }
}

impl<'a> FieldValue for Node<'a> {
    type Map = Map<'a>;

    fn shape(&self) -> Shape<'_, Self> {
        match self {
            Node::Null => Shape::Null,
            Node::Bool(b) => Shape::Bool(*b),
            Node::Number(n) => Shape::Number(n),
            Node::String(s) => Shape::String(s),
            Node::Sequence(items) => Shape::Sequence(items),
            Node::Mapping(map) => Shape::Mapping(map),
        }
    }
}

impl<'a> FieldMap for Map<'a> {
    type Value = Node<'a>;

    fn exact(&self, name: &str) -> Option<&Node<'a>> {
        self.entries()
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    }

    fn entries(&self) -> impl Iterator<Item = (Shape<'_, Node<'a>>, &Node<'a>)> {
        Map::entries(self)
            .iter()
            .map(|(key, value)| (Shape::String(key), value))
    }
}

/// The value of `field` in `mapping`: the key as written, else a key that differs only in case
/// (Hugo reads `Title:` as `title:`).
pub fn get<'m>(mapping: &'m Mapping, field: &str) -> Option<&'m Value> {
    mapping.field(field)
}

/// Reads the fields of one page's front matter, gathering the problems with them.
pub(super) struct Reader<'s, 'p> {
    pub(super) split: &'s Split<'s>,
    pub(super) problems: &'p mut Vec<FieldProblem>,
}

impl Reader<'_, '_> {
    pub(super) fn front_matter<M: FieldMap>(&mut self, mapping: &M) -> FrontMatter {
        let mut front = FrontMatter {
            title: self.string(mapping, "title"),
            ingress: self.string(mapping, "ingress"),
            description: self.string(mapping, "description"),
            url: self.string(mapping, "url"),
            translation_key: self
                .string(mapping, "translation_key")
                .or_else(|| self.string(mapping, "translationKey")),
            language: self
                .string(mapping, "language")
                .or_else(|| self.string(mapping, "lang")),
            draft: self.boolean(mapping, "draft"),
            unrendered: self.unrendered(mapping),
            cascade: mapping
                .field("cascade")
                .map(build_options::cascade_rules)
                .unwrap_or_default(),
            related_pages: self.string_list(mapping, "related_pages"),
            ..FrontMatter::default()
        };
        front.menus = self.menus(mapping);
        front.sitemap_priority = self.priority(mapping);
        front.source_hash = self.source_hash(mapping);
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

    fn string<M: FieldMap>(&mut self, mapping: &M, field: &str) -> Option<String> {
        match mapping.field(field)?.shape() {
            Shape::String(s) => Some(s.to_string()),
            Shape::Null => None,
            Shape::Number(n) if field != "url" => Some(n.to_string()),
            other => {
                let message = format!("`{field}` must be text, not {}", other.kind());
                self.problem(field, message);
                None
            }
        }
    }

    fn boolean<M: FieldMap>(&mut self, mapping: &M, field: &str) -> bool {
        let Some(value) = mapping.field(field) else {
            return false;
        };
        match value.shape() {
            Shape::Null => false,
            Shape::Bool(b) => b,
            other => {
                let message = format!("`{field}` must be true or false, not {}", other.kind());
                self.problem(field, message);
                false
            }
        }
    }

    /// Hugo's `headless: true` (unrendered), else what a `build` (formerly `_build`) says
    /// with its `render`.
    fn unrendered<M: FieldMap>(&mut self, mapping: &M) -> Option<bool> {
        if self.boolean(mapping, "headless") {
            return Some(true);
        }
        let build = mapping.field("build").or_else(|| mapping.field("_build"))?;
        build_options::render_option(build)
    }

    fn string_list<M: FieldMap>(&mut self, mapping: &M, field: &str) -> Vec<String> {
        let Some(value) = mapping.field(field) else {
            return Vec::new();
        };
        match value.shape() {
            Shape::Null => Vec::new(),
            Shape::String(s) => vec![s.to_string()],
            Shape::Sequence(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match item.shape() {
                        Shape::String(s) => out.push(s.to_string()),
                        other => {
                            let message = format!(
                                "each entry of `{field}` must be text, not {}",
                                other.kind()
                            );
                            self.problem(field, message);
                        }
                    }
                }
                out
            }
            other => {
                let message = format!("`{field}` must be a list, not {}", other.kind());
                self.problem(field, message);
                Vec::new()
            }
        }
    }

    fn menus<M: FieldMap>(&mut self, mapping: &M) -> BTreeMap<String, MenuEntry> {
        let mut menus = BTreeMap::new();
        let Some(menu) = mapping.field("menu").or_else(|| mapping.field("menus")) else {
            return menus;
        };
        match menu.shape() {
            Shape::Null => {}
            Shape::String(name) => {
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
                menus.insert(name.to_string(), MenuEntry::default());
            }
            Shape::Sequence(names) => {
                for name in names {
                    if let Shape::String(name) = name.shape() {
                        menus.insert(name.to_string(), MenuEntry::default());
                    } else {
                        self.problem("menu", "each menu name must be text".into());
                    }
                }
            }
            Shape::Mapping(entries) => {
                for (name, entry) in entries.entries() {
                    let Shape::String(name) = name else {
                        self.problem("menu", "menu names must be text".into());
                        continue;
                    };
                    let entry = self.menu_entry(name, entry);
                    menus.insert(name.to_string(), entry);
                }
            }
            other => {
                let message = format!(
                    "`menu` must be a menu name or a mapping like `menu: {{ main: {{ weight: 10 }} }}`, not {}",
                    other.kind()
                );
                self.problem("menu", message);
            }
        }
        menus
    }

    fn menu_entry<V: FieldValue>(&mut self, menu: &str, value: &V) -> MenuEntry {
        let shape = value.shape();
        let Shape::Mapping(fields) = shape else {
            if !shape.is_null() {
                let message = format!("`menu.{menu}` must be a mapping (weight, name, parent)");
                self.problem("menu", message);
            }
            return MenuEntry::default();
        };
        let weight = match fields.field("weight").map(FieldValue::shape) {
            None | Some(Shape::Null) => None,
            Some(Shape::Number(n)) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
            Some(other) => {
                let message = format!(
                    "`menu.{menu}.weight` must be a number, not {}",
                    other.kind()
                );
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

    /// The mapping under field `name` (`sitemap:`, `l10n:`), if any; any other value but null
    /// is a problem whose message shows `example`.
    fn nested<'m, M: FieldMap>(
        &mut self,
        mapping: &'m M,
        name: &str,
        example: &str,
    ) -> Option<&'m M> {
        match mapping.field(name)?.shape() {
            Shape::Mapping(nested) => Some(nested),
            other => {
                if !other.is_null() {
                    self.problem(name, format!("`{name}` must be a mapping like `{example}`"));
                }
                None
            }
        }
    }

    fn priority<M: FieldMap>(&mut self, mapping: &M) -> Option<f64> {
        let sitemap = self.nested(mapping, "sitemap", "sitemap: { priority: 0.8 }")?;
        match sitemap.field("priority")?.shape() {
            Shape::Number(n) => match n.as_f64() {
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
                let message = format!("`sitemap.priority` must be a number, not {}", other.kind());
                self.problem("sitemap", message);
                None
            }
        }
    }

    fn source_hash<M: FieldMap>(&mut self, mapping: &M) -> Option<String> {
        let l10n = self.nested(mapping, "l10n", "l10n: { source_hash: … }")?;
        match l10n.field("source_hash")?.shape() {
            Shape::String(s) if crate::hash::is_blob_id(s.trim()) => {
                Some(s.trim().to_ascii_lowercase())
            }
            Shape::Null => None,
            // An id of digits only (or digits and one `e`) reads as a YAML number: take the
            // text as written.
            Shape::Number(_) if raw_source_hash(self.split.yaml).is_some() => {
                raw_source_hash(self.split.yaml)
            }
            other => {
                let shown = match other {
                    Shape::String(s) => format!("`{s}`"),
                    other => other.kind().to_string(),
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
