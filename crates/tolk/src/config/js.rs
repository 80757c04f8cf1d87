//! Reading object literals out of a JavaScript or TypeScript configuration file as text, with
//! no JavaScript engine: enough of the language to take the values of `i18n: { … }` in
//! `docusaurus.config.js` or `starlight({ … })` in `astro.config.mjs`.
//!
//! Strings (single, double, backtick without `${}`), numbers, `true` / `false` / `null`,
//! arrays and objects (quoted, unquoted and shorthand keys, spreads of objects tolk can read,
//! trailing commas, comments) are
//! read; a name (`locales`) is looked up among the file's `const` / `let` / `var`
//! declarations and, for a file read with [`Source::at`], among the names it imports from
//! other files of the site (`import { localesConfig } from './config/locales'`: TypeScript,
//! JavaScript or JSON, never outside the site root); anything else (a call, an expression, a
//! function) reads as `null` and is skipped without losing the place.

use std::path::{Component, Path, PathBuf};

/// A value read from the file. Objects keep their keys in the order written.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum Value {
    /// `null`, `undefined`, or a value tolk cannot know (a call, an expression).
    #[default]
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, its properties in the order written.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The value of property `key` of an object (the last one written, as JavaScript has it).
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string this value is, if it is one.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

/// One token of the file.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A name or keyword.
    Ident(String),
    /// A string literal's value.
    Str(String),
    /// A number.
    Num(f64),
    /// Any other character (`{`, `:`, `,` …).
    Punct(char),
    /// A template literal with substitutions: a value tolk cannot know.
    Opaque,
}

/// A configuration file taken apart into tokens.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    tokens: Vec<Token>,
    /// Where the file is, for the files it imports from; `None` for text alone.
    origin: Option<Origin>,
}

/// Where a file read with [`Source::at`] is: its folder, and the site root that the files it
/// imports from must be below.
#[derive(Debug, Clone)]
struct Origin {
    dir: PathBuf,
    root: PathBuf,
}

/// How a name is imported: `import { name } …` / `import { name as local } …`, or the
/// default export (`import local from …`).
#[derive(Debug, Clone, PartialEq)]
enum Imported {
    Named(String),
    Default,
}

/// Largest file an import is read from: configuration modules are small.
const MAX_IMPORT_BYTES: u64 = 1 << 20;

/// The extensions tried, in order, for an import written without one (`'./config/locales'`).
const IMPORT_EXTENSIONS: &[&str] = &["ts", "mts", "js", "mjs", "cjs", "json"];

/// How deep names are followed (`const a = b; const b = {…}`).
const MAX_DEPTH: usize = 8;

impl Source {
    /// Tokenizes `text`, skipping comments. Names it imports read as `null`.
    #[cfg(test)]
    pub(crate) fn new(text: &str) -> Source {
        Source {
            tokens: tokenize(text),
            origin: None,
        }
    }

    /// Tokenizes `text`, the text of `file` (relative to the site `root`): the names it imports
    /// from other files below `root` are read from those files.
    pub(crate) fn at(root: &Path, file: &Path, text: &str) -> Source {
        let dir = root
            .join(file)
            .parent()
            .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
        Source {
            tokens: tokenize(text),
            origin: Some(Origin {
                dir,
                root: root.to_path_buf(),
            }),
        }
    }

    /// The value of the first property `key: …` (or shorthand `key,`) anywhere in the file,
    /// names resolved. `None` when no such property is written.
    pub(crate) fn property(&self, key: &str) -> Option<Value> {
        let at = self.find_property(key, 0)?;
        Some(self.value_at(at, 0).0)
    }

    /// The values of every property `key: …` in the file, in order, names resolved.
    pub(crate) fn properties(&self, key: &str) -> Vec<Value> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(at) = self.find_property(key, from) {
            out.push(self.value_at(at, 0).0);
            from = at + 1;
        }
        out
    }

    /// The first argument of the first call `name(…)`, names resolved.
    pub(crate) fn call_argument(&self, name: &str) -> Option<Value> {
        let at = (0..self.tokens.len().saturating_sub(1)).find(|&i| {
            self.tokens[i] == Token::Ident(name.into()) && self.tokens[i + 1] == Token::Punct('(')
        })?;
        Some(self.value_at(at + 2, 0).0)
    }

    /// The value a top-level name is declared with (`const name = …`).
    fn declaration(&self, name: &str, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Null;
        }
        let declared = (0..self.tokens.len().saturating_sub(3)).find(|&i| {
            matches!(&self.tokens[i], Token::Ident(k) if k == "const" || k == "let" || k == "var")
                && self.tokens[i + 1] == Token::Ident(name.into())
        });
        let Some(i) = declared else {
            return self.imported(name, depth);
        };
        // `const name = …` or `const name: Type = …`.
        let mut j = i + 2;
        while j < self.tokens.len() && self.tokens[j] != Token::Punct('=') {
            if matches!(self.tokens[j], Token::Punct(';')) {
                return Value::Null;
            }
            j += 1;
        }
        self.value_at(j + 1, depth + 1).0
    }

    /// The value of `name` where the file imports it from another file of the site.
    fn imported(&self, name: &str, depth: usize) -> Value {
        let Some(origin) = &self.origin else {
            return Value::Null;
        };
        let Some((imported, from)) = self.import_of(name) else {
            return Value::Null;
        };
        let Some(path) = origin.resolve(&from) else {
            return Value::Null;
        };
        let Some(text) = read_module(&path) else {
            return Value::Null;
        };
        let module = Source {
            tokens: tokenize(&text),
            origin: Some(Origin {
                dir: path
                    .parent()
                    .map_or_else(|| origin.root.clone(), Path::to_path_buf),
                root: origin.root.clone(),
            }),
        };
        if path.extension().is_some_and(|e| e == "json") {
            return module.value_at(0, depth + 1).0;
        }
        match imported {
            Imported::Named(original) => module.declaration(&original, depth + 1),
            Imported::Default => module.default_export(depth + 1),
        }
    }

    /// How `name` is imported, and from where: the first `import` that binds it (type-only
    /// imports bind no value).
    fn import_of(&self, name: &str) -> Option<(Imported, String)> {
        let t = &self.tokens;
        (0..t.len()).find_map(|i| {
            if t[i] != Token::Ident("import".into()) {
                return None;
            }
            let mut j = i + 1;
            if t.get(j) == Some(&Token::Ident("type".into()))
                && !matches!(t.get(j + 1), Some(Token::Ident(w)) if w == "from")
            {
                return None;
            }
            let mut found = None;
            if let Some(Token::Ident(local)) = t.get(j) {
                // `import local from …` / `import local, { … } from …`.
                if local == name {
                    found = Some(Imported::Default);
                }
                j += 1;
                if t.get(j) == Some(&Token::Punct(',')) {
                    j += 1;
                }
            }
            if t.get(j) == Some(&Token::Punct('{')) {
                j += 1;
                while let Some(token) = t.get(j) {
                    match token {
                        Token::Punct('}') => break,
                        // `type X` inside the braces binds a type only.
                        Token::Ident(w)
                            if w == "type" && matches!(t.get(j + 1), Some(Token::Ident(_))) =>
                        {
                            j = self.skip_expression(j);
                            continue;
                        }
                        Token::Ident(original) | Token::Str(original) => {
                            let local = match (t.get(j + 1), t.get(j + 2)) {
                                (Some(Token::Ident(as_)), Some(Token::Ident(local)))
                                    if as_ == "as" =>
                                {
                                    j += 2;
                                    local
                                }
                                _ => original,
                            };
                            if local == name {
                                found = Some(if original == "default" {
                                    Imported::Default
                                } else {
                                    Imported::Named(original.clone())
                                });
                            }
                            j += 1;
                        }
                        _ => j += 1,
                    }
                }
                j += 1;
            }
            match (t.get(j), t.get(j + 1)) {
                (Some(Token::Ident(w)), Some(Token::Str(from))) if w == "from" => {
                    found.map(|imported| (imported, from.clone()))
                }
                _ => None,
            }
        })
    }

    /// The value of the file's `export default …`.
    fn default_export(&self, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Null;
        }
        let t = &self.tokens;
        (0..t.len().saturating_sub(1))
            .find(|&i| {
                t[i] == Token::Ident("export".into()) && t[i + 1] == Token::Ident("default".into())
            })
            .map_or(Value::Null, |i| self.value_at(i + 2, depth).0)
    }

    /// The token index of the value of property `key`, searching from `from`.
    fn find_property(&self, key: &str, from: usize) -> Option<usize> {
        let t = &self.tokens;
        (from..t.len()).find_map(|i| {
            let named = match &t[i] {
                Token::Ident(k) | Token::Str(k) => k == key,
                _ => false,
            };
            if !named {
                return None;
            }
            match t.get(i + 1) {
                Some(Token::Punct(':')) => Some(i + 2),
                // Shorthand `{ key }` / `{ key, … }`: the name is the value.
                Some(Token::Punct(',' | '}'))
                    if matches!(t.get(i.wrapping_sub(1)), Some(Token::Punct('{' | ','))) =>
                {
                    Some(i)
                }
                _ => None,
            }
        })
    }

    /// Reads the value starting at token `at`; returns it and the index after it.
    fn value_at(&self, at: usize, depth: usize) -> (Value, usize) {
        let t = &self.tokens;
        let Some(token) = t.get(at) else {
            return (Value::Null, at);
        };
        let (value, next) = match token {
            Token::Str(s) => (Value::String(s.clone()), at + 1),
            Token::Num(n) => (Value::Number(*n), at + 1),
            Token::Punct('{') => self.object_at(at + 1, depth),
            Token::Punct('[') => self.array_at(at + 1, depth),
            Token::Punct('(') => {
                // `({ … })`: a parenthesised value.
                let (value, next) = self.value_at(at + 1, depth);
                if t.get(next) == Some(&Token::Punct(')')) {
                    (value, next + 1)
                } else {
                    (Value::Null, self.skip_expression(at))
                }
            }
            Token::Ident(name) => match name.as_str() {
                "true" => (Value::Bool(true), at + 1),
                "false" => (Value::Bool(false), at + 1),
                "null" | "undefined" => (Value::Null, at + 1),
                _ if !matches!(t.get(at + 1), Some(Token::Punct('(' | '.' | '['))) => {
                    (self.declaration(name, depth), at + 1)
                }
                _ => (Value::Null, at + 1),
            },
            _ => (Value::Null, at + 1),
        };
        // Whatever follows up to the end of the expression (`|| 'x'`, `as const`) is skipped.
        match t.get(next) {
            None | Some(Token::Punct(',' | '}' | ']' | ')' | ';')) => (value, next),
            // TypeScript: `{ … } satisfies Config`, `'en' as const`.
            Some(Token::Ident(word)) if word == "as" || word == "satisfies" => {
                (value, self.skip_expression(next))
            }
            _ => (Value::Null, self.skip_expression(at)),
        }
    }

    /// The index of the `,`, `;` or closing bracket that ends the expression starting at `at`.
    fn skip_expression(&self, at: usize) -> usize {
        let mut depth = 0usize;
        let mut i = at;
        while let Some(token) = self.tokens.get(i) {
            match token {
                Token::Punct('{' | '[' | '(') => depth += 1,
                Token::Punct('}' | ']' | ')') => {
                    if depth == 0 {
                        return i;
                    }
                    depth -= 1;
                }
                Token::Punct(',' | ';') if depth == 0 => return i,
                _ => {}
            }
            i += 1;
        }
        i
    }

    fn object_at(&self, mut at: usize, depth: usize) -> (Value, usize) {
        let t = &self.tokens;
        let mut map: Vec<(String, Value)> = Vec::new();
        loop {
            match t.get(at) {
                None => return (Value::Object(map), at),
                Some(Token::Punct('}')) => return (Value::Object(map), at + 1),
                Some(Token::Punct(',')) => at += 1,
                Some(Token::Ident(key) | Token::Str(key)) => {
                    let key = key.clone();
                    match t.get(at + 1) {
                        Some(Token::Punct(':')) => {
                            let (value, next) = self.value_at(at + 2, depth);
                            map.push((key, value));
                            at = next;
                        }
                        Some(Token::Punct(',' | '}')) => {
                            let value = self.declaration(&key, depth);
                            map.push((key, value));
                            at += 1;
                        }
                        // A method or anything else: skipped.
                        _ => at = self.skip_expression(at),
                    }
                }
                Some(Token::Num(n)) if t.get(at + 1) == Some(&Token::Punct(':')) => {
                    let key = n.to_string();
                    let (value, next) = self.value_at(at + 2, depth);
                    map.push((key, value));
                    at = next;
                }
                // `...name`: the properties of the object `name` is, where tolk can read it.
                Some(Token::Punct('.'))
                    if t.get(at + 1) == Some(&Token::Punct('.'))
                        && t.get(at + 2) == Some(&Token::Punct('.')) =>
                {
                    let (spread, next) = self.value_at(at + 3, depth);
                    if let Value::Object(entries) = spread {
                        map.extend(entries);
                    }
                    at = if next > at + 3 {
                        next
                    } else {
                        self.skip_expression(at)
                    };
                }
                // Computed keys: skipped.
                Some(_) => {
                    let next = self.skip_expression(at);
                    at = if next == at { at + 1 } else { next };
                }
            }
        }
    }

    fn array_at(&self, mut at: usize, depth: usize) -> (Value, usize) {
        let t = &self.tokens;
        let mut items = Vec::new();
        loop {
            match t.get(at) {
                None => return (Value::Array(items), at),
                Some(Token::Punct(']')) => return (Value::Array(items), at + 1),
                Some(Token::Punct(',')) => at += 1,
                Some(_) => {
                    let (value, next) = self.value_at(at, depth);
                    items.push(value);
                    at = if next == at { at + 1 } else { next };
                }
            }
        }
    }
}

impl Origin {
    /// The file a relative import `from` (`'./config/locales'`, `'../locales.js'`) names, if
    /// it is below the site root; an import of a package (`'astro/config'`) is never read.
    fn resolve(&self, from: &str) -> Option<PathBuf> {
        if !(from.starts_with("./") || from.starts_with("../")) {
            return None;
        }
        let joined = normalize(&self.dir.join(from))?;
        if !joined.starts_with(normalize(&self.root)?) {
            return None;
        }
        let mut candidates = vec![joined.clone()];
        // TypeScript's ESM style names the compiled file: `./locales.js` is `./locales.ts`.
        match joined.extension().and_then(|e| e.to_str()) {
            Some("js") => candidates.push(joined.with_extension("ts")),
            Some("mjs") => candidates.push(joined.with_extension("mts")),
            _ => {}
        }
        for ext in IMPORT_EXTENSIONS {
            let mut name = joined.clone().into_os_string();
            name.push(".");
            name.push(ext);
            candidates.push(PathBuf::from(name));
        }
        candidates.extend(
            IMPORT_EXTENSIONS
                .iter()
                .map(|ext| joined.join(format!("index.{ext}"))),
        );
        let root = self.root.canonicalize().ok()?;
        candidates.into_iter().find(|path| {
            // A symbolic link out of the site is not followed.
            path.is_file()
                && path
                    .canonicalize()
                    .is_ok_and(|real| real.starts_with(&root))
        })
    }
}

/// `path` with `.` and `..` taken out, lexically; `None` where it climbs above its start.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            other => out.push(other),
        }
    }
    Some(out)
}

/// The text of the module at `path`, if it can be read and is of a configuration's size.
fn read_module(path: &Path) -> Option<String> {
    let size = std::fs::metadata(path).ok()?.len();
    if size > MAX_IMPORT_BYTES {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == '\'' || c == '"' || c == '`' {
            let (token, end) = string(&chars, i);
            tokens.push(token);
            i = end;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                i += 1;
            }
            let written: String = chars[start..i].iter().filter(|c| **c != '_').collect();
            tokens.push(written.parse().map_or(Token::Opaque, Token::Num));
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            tokens.push(Token::Ident(chars[start..i].iter().collect()));
        } else {
            tokens.push(Token::Punct(c));
            i += 1;
        }
    }
    tokens
}

/// The string literal opening at `start`, and the index after it.
fn string(chars: &[char], start: usize) -> (Token, usize) {
    let quote = chars[start];
    let mut out = String::new();
    let mut opaque = false;
    let mut i = start + 1;
    while i < chars.len() {
        let c = chars[i];
        if c == quote {
            let token = if opaque {
                Token::Opaque
            } else {
                Token::Str(out)
            };
            return (token, i + 1);
        }
        if c == '\\' {
            if let Some(&escaped) = chars.get(i + 1) {
                out.push(match escaped {
                    'n' => '\n',
                    't' => '\t',
                    other => other,
                });
            }
            i += 2;
            continue;
        }
        if quote == '`' && c == '$' && chars.get(i + 1) == Some(&'{') {
            opaque = true;
        }
        if c == '\n' && quote != '`' {
            // An unterminated string ends at the line.
            break;
        }
        out.push(c);
        i += 1;
    }
    (Token::Opaque, i)
}

/// The string `value` holds, trimmed, if it is a non-empty string.
pub(crate) fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_docusaurus_i18n() {
        let src = Source::new(
            r#"
// i18n: { defaultLocale: 'xx' } in a comment does not count
const config = {
  title: `Site`,
  url: process.env.URL || 'https://example.org',
  /* block comment */
  i18n: {
    defaultLocale: "en",
    locales: ['en', "fr", `ar`,],
    localeConfigs: { ar: { label: 'العربية', direction: 'rtl' }, 'fr': { label: "Français" } },
  },
  presets: [['classic', ({ docs: { sidebarPath: require.resolve('./s.js'), routeBasePath: '/' } })]],
};
module.exports = config;
"#,
        );
        let i18n = src.property("i18n").unwrap();
        let get = |path: &[&str]| {
            path.iter()
                .try_fold(&i18n, |v, k| v.get(k))
                .cloned()
                .unwrap_or_default()
        };
        assert_eq!(get(&["defaultLocale"]), "en");
        let locales = Value::Array(["en", "fr", "ar"].map(|s| Value::String(s.into())).to_vec());
        assert_eq!(get(&["locales"]), locales);
        assert_eq!(get(&["localeConfigs", "ar", "direction"]), "rtl");
        assert_eq!(get(&["localeConfigs", "fr", "label"]), "Français");
        assert_eq!(src.property("routeBasePath").unwrap(), "/");
        assert_eq!(src.property("url").unwrap(), Value::Null);
    }

    #[test]
    fn resolves_names_and_calls() {
        let src = Source::new(
            "export const locales = { root: { label: 'English', lang: 'en' }, fa: { label: 'فارسی', dir: 'rtl' }, } satisfies Locales;\n\
             const site = 'x';\n\
             export default defineConfig({ integrations: [starlight({ title: 'T', locales, defaultLocale: 'root', sidebar: [{ autogenerate: { directory: 'g' } }] })] });",
        );
        let options = src.call_argument("starlight").unwrap();
        let get = |path: &[&str]| {
            path.iter()
                .try_fold(&options, |v, k| v.get(k))
                .cloned()
                .unwrap_or_default()
        };
        assert_eq!(get(&["locales", "fa", "dir"]), "rtl");
        assert_eq!(get(&["locales", "root", "lang"]), "en");
        assert_eq!(get(&["defaultLocale"]), "root");
        let Value::Object(locales) = get(&["locales"]) else {
            panic!("locales is an object")
        };
        let keys: Vec<_> = locales.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["root", "fa"], "in the order written");
    }

    /// The value of `name` in `file` of a site made of `files`, imports followed.
    fn value_in(files: &[(&str, &str)], file: &str, name: &str) -> Value {
        let dir = tempfile::tempdir().expect("temporary folder");
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            std::fs::write(path, text).expect("written");
        }
        let text = std::fs::read_to_string(dir.path().join(file)).expect("read");
        Source::at(dir.path(), Path::new(file), &text).declaration(name, 0)
    }

    #[test]
    fn names_are_followed_into_the_modules_they_are_imported_from() {
        let locales = "export const localesConfig = { en: { lang: 'en' }, fr: { lang: 'fr' } } satisfies X;\n";
        let fr = |value: &Value| value.get("fr").and_then(|v| v.get("lang")).cloned();
        let french = Some(Value::String("fr".into()));
        // Named, renamed, extension-less; a `type` import binds nothing.
        for import in [
            "import { localesConfig } from './config/locales';",
            "import { type Other, localesConfig } from './config/locales.ts';",
            "import { localesConfig as localesConfig } from \"./config/locales\";",
            // TypeScript's ESM style names the compiled file.
            "import { localesConfig } from './config/locales.js';",
        ] {
            let config = format!("{import}\nconst locales = localesConfig;\n");
            let value = value_in(
                &[("astro.config.ts", &config), ("config/locales.ts", locales)],
                "astro.config.ts",
                "locales",
            );
            assert_eq!(fr(&value), french, "{import}");
        }
        // A default export, a folder's index, and JSON.
        let value = value_in(
            &[
                (
                    "site/astro.config.mjs",
                    "import locales from '../shared';\nconst l = locales;",
                ),
                (
                    "shared/index.js",
                    "const all = { fr: { lang: 'fr' } };\nexport default all;",
                ),
            ],
            "site/astro.config.mjs",
            "l",
        );
        assert_eq!(fr(&value), french);
        let value = value_in(
            &[
                (
                    "astro.config.mjs",
                    "import locales from './locales.json';\nconst l = locales;",
                ),
                ("locales.json", "{ \"fr\": { \"lang\": \"fr\" } }"),
            ],
            "astro.config.mjs",
            "l",
        );
        assert_eq!(fr(&value), french);
        // `import type` binds a type only.
        let value = value_in(
            &[
                (
                    "astro.config.ts",
                    "import type { localesConfig } from './config/locales';\nconst l = localesConfig;",
                ),
                ("config/locales.ts", locales),
            ],
            "astro.config.ts",
            "l",
        );
        assert_eq!(value, Value::Null);
    }

    #[test]
    fn imports_stay_inside_the_site_and_end() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("config")).expect("folder");
        std::fs::write(
            dir.path().join("outside.ts"),
            "export const secret = { a: 'b' };",
        )
        .expect("written");
        let read = |text: &str, name: &str| {
            Source::at(&site, Path::new("astro.config.ts"), text).declaration(name, 0)
        };
        // Above the root, and a package: never read.
        assert_eq!(
            read("import { secret } from '../outside';", "secret"),
            Value::Null
        );
        assert_eq!(
            read("import { secret } from 'outside';", "secret"),
            Value::Null
        );
        // A symbolic link out of the site is not followed.
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("outside.ts"), site.join("config/link.ts"))
                .expect("link");
            assert_eq!(
                read("import { secret } from './config/link';", "secret"),
                Value::Null
            );
        }
        // Modules that import each other end.
        std::fs::write(
            site.join("a.ts"),
            "import { x } from './b';\nexport const y = x;",
        )
        .expect("written");
        std::fs::write(
            site.join("b.ts"),
            "import { y } from './a';\nexport const x = y;",
        )
        .expect("written");
        assert_eq!(read("import { y } from './a';", "y"), Value::Null);
    }

    #[test]
    fn spreads_bring_the_properties_of_objects_in() {
        let value = value_in(
            &[
                (
                    "astro.config.ts",
                    "import redirects from './redirects.js';\nconst more = { '/b': '/c' };\n\
                     const all = { ...redirects, '/x': '/y', ...more, ...unknown(), '/z': '/w' };",
                ),
                (
                    "redirects.js",
                    "// generated\nexport default {\n  '/a': '/a/js',\n  '/old': '/new',\n};\n",
                ),
            ],
            "astro.config.ts",
            "all",
        );
        let Value::Object(entries) = value else {
            panic!("an object: {value:?}")
        };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["/a", "/old", "/x", "/b", "/z"]);
    }

    #[test]
    fn broken_text_never_panics() {
        for text in [
            "i18n: {",
            "i18n: { locales: ['en'",
            "starlight(",
            "'",
            "/*",
            "i18n:",
        ] {
            let src = Source::new(text);
            let _ = src.property("i18n");
            let _ = src.call_argument("starlight");
        }
    }
}
