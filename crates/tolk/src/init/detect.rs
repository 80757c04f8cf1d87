//! What `tolk init` reads from a site's file names: the layout, the locale codes it uses, and
//! which files carry no locale mark at all (the source locale's, in most conventions).
//!
//! A name counts as a locale mark only with evidence: a folder named like a locale code beside
//! another such folder, or a suffix (`about.en.md`, `lesson_nn.md`) on a file whose unmarked or
//! otherwise-marked sibling exists; a prefix (`en_index.mdx` beside `no_index.mdx`) likewise.
//! So `Program.cs.md` (Czech is `cs`) is no translation unless
//! `Program.md` or `Program.en.md` sits beside it.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Layout;

/// ISO 639-1 language codes: the names tolk accepts as locale folders and suffixes.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce \
ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha \
he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku \
kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv \
ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st \
su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Whether `name` looks like a locale code: an ISO 639-1 language, optionally with a region or
/// script (`en`, `pt-BR`, `zh-Hans`, `nb_NO`).
pub fn looks_like_code(name: &str) -> bool {
    let mut parts = name.split(['-', '_']);
    let language = parts.next().unwrap_or("").to_ascii_lowercase();
    if language.len() != 2 || !ISO_639_1.split(' ').any(|c| c == language) {
        return false;
    }
    parts.all(|p| {
        (p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
            || (p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic()))
            || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// The layout a set of content paths follows, with what showed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    /// The layout.
    pub layout: Layout,
    /// Locale codes as written in the paths, with their page counts.
    pub codes: BTreeMap<String, usize>,
    /// Pages without a locale mark.
    pub unmarked: Vec<String>,
    /// One marked path and its counterpart, to show the user.
    pub example: Option<(String, String)>,
    /// Each marked path with its code as written and the key it pairs by.
    pub marks: BTreeMap<String, (String, String)>,
}

fn split(path: &str) -> (Vec<&str>, &str, &str, &str) {
    let mut dirs: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let file = dirs.pop().unwrap_or_default();
    let (stem, ext) = match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, ext),
        _ => (file, ""),
    };
    (dirs, file, stem, ext)
}

/// A candidate layout's reading of the paths: path → (code, counterpart key).
type Reading = BTreeMap<String, (String, String)>;

fn by_folder(paths: &[String], any_depth: bool) -> Reading {
    let mut reading = Reading::new();
    for path in paths {
        let (dirs, file, _, _) = split(path);
        let found = dirs
            .iter()
            .enumerate()
            .find(|(i, d)| (any_depth || *i == 0) && looks_like_code(d));
        if let Some((i, code)) = found {
            let mut rest: Vec<&str> = dirs.clone();
            rest.remove(i);
            rest.push(file);
            // The key keeps where the folder was, so that `a/en/x` and `en/a/x` differ.
            reading.insert(
                path.clone(),
                (code.to_string(), format!("{i}:{}", rest.join("/"))),
            );
        } else if any_depth && let Some((code, rest)) = prefixed(file) {
            // `a/en_index.mdx` pairs as `a/en/index.mdx` would.
            let mut rest_path: Vec<&str> = dirs.clone();
            rest_path.push(rest);
            reading.insert(
                path.clone(),
                (
                    code.to_string(),
                    format!("{}:{}", dirs.len(), rest_path.join("/")),
                ),
            );
        }
    }
    reading
}

fn by_suffix(paths: &[String], separator: char) -> Reading {
    let mut reading = Reading::new();
    for path in paths {
        let (dirs, _, stem, ext) = split(path);
        if let Some((base, code)) = stem.rsplit_once(separator)
            && !base.is_empty()
            && looks_like_code(code)
        {
            let key = format!("{}/{base}.{ext}", dirs.join("/"));
            reading.insert(path.clone(), (code.to_string(), key));
        }
    }
    reading
}

/// A file name's locale prefix and the rest (`en_index.mdx` → `en`, `index.mdx`).
fn prefixed(file: &str) -> Option<(&str, &str)> {
    let (code, rest) = file.split_once('_')?;
    (looks_like_code(code) && !rest.is_empty() && !rest.starts_with('.')).then_some((code, rest))
}

fn by_prefix(paths: &[String]) -> Reading {
    let mut reading = Reading::new();
    for path in paths {
        let (dirs, file, _, _) = split(path);
        if let Some((code, rest)) = prefixed(file) {
            let key = format!("{}/{rest}", dirs.join("/"));
            reading.insert(path.clone(), (code.to_string(), key));
        }
    }
    reading
}

/// The counterpart key of a path no rule marks, for each reading.
fn unmarked_key(path: &str, layout: Layout) -> String {
    let (dirs, file, stem, ext) = split(path);
    match layout {
        Layout::Folder => format!(
            "0:{}",
            [dirs.join("/"), file.to_string()]
                .join("/")
                .trim_start_matches('/')
        ),
        Layout::Suffix | Layout::Underscore => format!("{}/{stem}.{ext}", dirs.join("/")),
        Layout::Prefix => format!("{}/{file}", dirs.join("/")),
        _ => String::new(),
    }
}

/// Keeps only marks with evidence: a counterpart under another code, or unmarked.
fn with_evidence(paths: &[String], reading: Reading, layout: Layout) -> Reading {
    let mut codes_by_key: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (code, key) in reading.values() {
        codes_by_key.entry(key).or_default().insert(code);
    }
    let unmarked: BTreeSet<String> = paths
        .iter()
        .filter(|p| !reading.contains_key(*p))
        .map(|p| unmarked_key(p, layout))
        .collect();
    let keep: BTreeSet<String> = reading
        .iter()
        .filter(|(_, (_, key))| {
            codes_by_key.get(key.as_str()).is_some_and(|c| c.len() > 1) || unmarked.contains(key)
        })
        .map(|(p, _)| p.clone())
        .collect();
    // A code with evidence for one of its pages marks all of them (a page may lack its
    // counterpart: a missing translation).
    let codes: BTreeSet<String> = keep
        .iter()
        .filter_map(|p| reading.get(p).map(|(c, _)| c.clone()))
        .collect();
    reading
        .into_iter()
        .filter(|(p, (code, _))| {
            keep.contains(p)
                || (codes.contains(code)
                    && !matches!(layout, Layout::Suffix | Layout::Underscore | Layout::Prefix))
        })
        .collect()
}

/// Reads the layout of `paths` (below the content folder).
pub fn detect(paths: &[String]) -> Detected {
    let candidates = [
        (Layout::FolderAnyDepth, by_folder(paths, true)),
        (Layout::Folder, by_folder(paths, false)),
        (Layout::Suffix, by_suffix(paths, '.')),
        (Layout::Underscore, by_suffix(paths, '_')),
        (Layout::Prefix, by_prefix(paths)),
    ];
    let mut best: Option<(Layout, Reading)> = None;
    for (layout, reading) in candidates {
        let reading = with_evidence(paths, reading, layout);
        // A folder layout needs two locale folders, or one beside unmarked counterparts.
        let score = reading.len();
        if score == 0 {
            continue;
        }
        // Any depth only where some locale folder is below the root; else `folder` says it.
        if layout == Layout::FolderAnyDepth && !reading.values().any(|(_, k)| !k.starts_with("0:"))
        {
            continue;
        }
        if best.as_ref().is_none_or(|(_, b)| score > b.len()) {
            best = Some((layout, reading));
        }
    }
    let Some((layout, reading)) = best else {
        return Detected {
            layout: Layout::Auto,
            codes: BTreeMap::new(),
            unmarked: paths.to_vec(),
            example: None,
            marks: BTreeMap::new(),
        };
    };
    let mut codes: BTreeMap<String, usize> = BTreeMap::new();
    for (code, _) in reading.values() {
        *codes.entry(code.clone()).or_default() += 1;
    }
    let unmarked: Vec<String> = paths
        .iter()
        .filter(|p| !reading.contains_key(*p))
        .cloned()
        .collect();
    let example = example(paths, &reading, layout);
    Detected {
        layout,
        codes,
        unmarked,
        example,
        marks: reading,
    }
}

fn example(paths: &[String], reading: &Reading, layout: Layout) -> Option<(String, String)> {
    for (path, (code, key)) in reading {
        let other = reading
            .iter()
            .find(|(p, (c, k))| k == key && c != code && *p != path)
            .map(|(p, _)| p.clone())
            .or_else(|| {
                paths
                    .iter()
                    .find(|p| !reading.contains_key(*p) && unmarked_key(p, layout) == *key)
                    .cloned()
            });
        if let Some(other) = other {
            return Some((path.clone(), other));
        }
    }
    None
}

/// The configuration files Lunaria reads, JSON (Lunaria 0.x) or a module (`defineConfig`, 1.x).
const LUNARIA_FILES: &[&str] = &[
    "lunaria.config.json",
    "lunaria.config.ts",
    "lunaria.config.mts",
    "lunaria.config.js",
    "lunaria.config.mjs",
];

/// The commit-message keywords Lunaria ignores (`ignoreKeywords` of Lunaria 0.x, or
/// `tracking.ignoredKeywords` of later versions, in `lunaria.config.json` or
/// `lunaria.config.{ts,mts,js,mjs}` at `root`), in their order; none where there is no such file
/// or it cannot be read. In JSON, comments and trailing commas, which Lunaria's own reader does
/// not accept but editors let slip in, are tolerated.
pub fn lunaria_ignore_keywords(root: &std::path::Path) -> Vec<String> {
    let Some((file, text)) = LUNARIA_FILES
        .iter()
        .find_map(|f| Some((*f, std::fs::read_to_string(root.join(f)).ok()?)))
    else {
        return Vec::new();
    };
    let list: Vec<String> = if file.ends_with(".json") {
        json_keywords(&text)
    } else {
        module_keywords(root, file, &text)
    };
    let mut keywords: Vec<String> = Vec::new();
    for keyword in list {
        let k = keyword.trim();
        if !k.is_empty() && !keywords.iter().any(|seen| seen == k) {
            keywords.push(k.to_string());
        }
    }
    keywords
}

/// The keyword list of a `lunaria.config.json`.
fn json_keywords(text: &str) -> Vec<String> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(_) => match serde_json::from_str(&relaxed_json(text)) {
            Ok(value) => value,
            Err(_) => return Vec::new(),
        },
    };
    let list = value
        .get("ignoreKeywords")
        .or_else(|| value.get("tracking").and_then(|t| t.get("ignoredKeywords")));
    list.and_then(|l| l.as_array())
        .into_iter()
        .flatten()
        .filter_map(|k| k.as_str().map(str::to_string))
        .collect()
}

/// The keyword list of a Lunaria configuration module (`defineConfig({ tracking: {
/// ignoredKeywords: [ … ] } })`), read as text.
fn module_keywords(root: &std::path::Path, file: &str, text: &str) -> Vec<String> {
    use crate::config::js::{Source, Value};
    let source = Source::at(root, std::path::Path::new(file), text);
    let list = source
        .property("ignoredKeywords")
        .or_else(|| source.property("ignoreKeywords"));
    match list {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// JSON with `//` and `/* */` comments and trailing commas made plain JSON.
fn relaxed_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                '\\' => out.extend(chars.next()),
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            (',', _) => {
                // A comma followed (past blanks) by a closing bracket is dropped.
                let rest: String = chars.clone().collect();
                let next = rest.trim_start().chars().next();
                if !matches!(next, Some('}') | Some(']')) {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn codes() {
        assert!(looks_like_code("en"));
        assert!(looks_like_code("pt-BR"));
        assert!(looks_like_code("nb_NO"));
        assert!(looks_like_code("zh-Hans"));
        assert!(!looks_like_code("api"));
        assert!(!looks_like_code("guides"));
        assert!(!looks_like_code("xx"));
    }

    #[test]
    fn folder_at_root() {
        let d = detect(&paths(&[
            "nb/om.md",
            "nb/hjelp.md",
            "en/om.md",
            "nb/kurs/a.md",
        ]));
        assert_eq!(d.layout, Layout::Folder);
        assert_eq!(d.codes.get("nb"), Some(&3));
        assert_eq!(d.codes.get("en"), Some(&1));
        assert!(d.unmarked.is_empty());
    }

    #[test]
    fn folder_at_depth() {
        let d = detect(&paths(&[
            "intro/no/page.mdx",
            "intro/en/page.mdx",
            "intro/no/other.mdx",
            "guide/no/x.md",
        ]));
        assert_eq!(d.layout, Layout::FolderAnyDepth);
        assert_eq!(d.codes.get("no"), Some(&3));
    }

    #[test]
    fn suffix_with_program_cs() {
        let d = detect(&paths(&[
            "om.md",
            "om.en.md",
            "_index.md",
            "_index.nn.md",
            "kode/Program.cs.md",
        ]));
        assert_eq!(d.layout, Layout::Suffix);
        assert_eq!(d.codes.len(), 2);
        assert!(d.unmarked.contains(&"kode/Program.cs.md".to_string()));
    }

    #[test]
    fn underscore() {
        let d = detect(&paths(&[
            "kurs/lesson.md",
            "kurs/lesson_nn.md",
            "kurs/getting_started.md",
        ]));
        assert_eq!(d.layout, Layout::Underscore);
        assert_eq!(d.codes.get("nn"), Some(&1));
        assert_eq!(
            d.example,
            Some(("kurs/lesson_nn.md".into(), "kurs/lesson.md".into()))
        );
    }

    #[test]
    fn locale_prefixes() {
        let d = detect(&paths(&[
            "patterns/no_index.mdx",
            "patterns/en_index.mdx",
            "patterns/no/errors.mdx",
            "patterns/en/errors.mdx",
            "patterns/no/links.mdx",
        ]));
        assert_eq!(d.layout, Layout::FolderAnyDepth);
        assert_eq!(d.codes.get("no"), Some(&3));
        assert_eq!(d.codes.get("en"), Some(&2));
        assert!(d.unmarked.is_empty());
        let d = detect(&paths(&["no_index.mdx", "en_index.mdx", "no_about.mdx"]));
        assert_eq!(d.layout, Layout::Prefix);
        assert_eq!(
            d.codes.get("no"),
            Some(&1),
            "no_about.mdx has no counterpart"
        );
        let d = detect(&paths(&["getting_started.md", "en_route.md"]));
        assert_eq!(d.layout, Layout::Auto);
    }

    #[test]
    fn one_language_is_no_layout() {
        let d = detect(&paths(&["a.md", "b/c.md"]));
        assert_eq!(d.layout, Layout::Auto);
    }

    #[test]
    fn lunaria_keywords_with_comments_and_trailing_commas() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("lunaria.config.json"),
            "{\n  \"$schema\": \"./node_modules/@lunariajs/core/config.schema.json\",\n  // keywords\n  \"ignoreKeywords\": [\"lunaria-ignore\", \"typo\", /* odd */ \"a // b\", \"typo\",],\n}\n",
        )
        .expect("write");
        assert_eq!(
            lunaria_ignore_keywords(dir.path()),
            ["lunaria-ignore", "typo", "a // b"]
        );
        assert!(lunaria_ignore_keywords(&dir.path().join("none")).is_empty());
    }
}
