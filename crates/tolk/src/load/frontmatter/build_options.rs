//! Hugo's build options: whether the generator renders a page of its own for a file. A page's
//! `build` (formerly `_build`) or `headless: true` says so for itself; a `cascade`, in the site
//! configuration or in a section's front matter, says so for the pages its `target` reaches.
//!
//! tolk reads the one option that changes what it checks, `render`: `never` and the older
//! `false` leave a file without a page, as OpenTelemetry's `_includes` snippets are, which
//! shortcodes include in other pages. `link` keeps the page's URL, which something else serves
//! (a redirect, a menu entry to another site): tolk counts such a page as rendered, so that
//! links to it are not errors.

use regex::Regex;
use serde_yaml::Value;

use super::fields::{FieldMap, FieldValue, Shape};

/// One cascade entry that leaves the pages it targets unrendered, with its target as written:
/// each part a glob in Hugo's syntax (`**` any path, `*` one path part, `{a,b}` either).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CascadeRule {
    /// The pages' logical paths (`{,/**}/_includes{,/**}`, `/docs/**`).
    pub path: Option<String>,
    /// Their kinds (`page`, `section`, `home`).
    pub kind: Option<String>,
    /// Their languages (`lang`, or Hugo 0.153's `sites.matrix.languages`).
    pub lang: Option<String>,
    /// The build environment (tolk checks what a production build publishes).
    pub environment: Option<String>,
}

/// Whether a `build` mapping's `render` leaves the page unrendered; `None` without `render`.
pub(super) fn render_option<V: FieldValue>(build: &V) -> Option<bool> {
    let Shape::Mapping(build) = build.shape() else {
        return None;
    };
    let render = build.field("render")?;
    Some(match render.shape() {
        Shape::Bool(rendered) => !rendered,
        Shape::String(value) => value.trim().eq_ignore_ascii_case("never"),
        _ => false,
    })
}

/// The entries of a `cascade` value (one mapping, or a list of them) that leave pages
/// unrendered.
pub(super) fn cascade_rules<V: FieldValue>(cascade: &V) -> Vec<CascadeRule> {
    one_or_list(cascade, |entry| match entry.shape() {
        Shape::Mapping(entry) => rule(entry),
        _ => None,
    })
}

/// What `each` makes of `value`, or of each item of `value` when it is a list.
fn one_or_list<'v, V: FieldValue, T>(value: &'v V, each: impl Fn(&'v V) -> Option<T>) -> Vec<T> {
    match value.shape() {
        Shape::Sequence(items) => items.iter().filter_map(each).collect(),
        _ => each(value).into_iter().collect(),
    }
}

/// The entries of a site configuration's `cascade` value (one mapping, or a list of them) that
/// leave pages unrendered.
pub fn site_cascade_rules(cascade: &Value) -> Vec<CascadeRule> {
    cascade_rules(cascade)
}

fn rule<M: FieldMap>(entry: &M) -> Option<CascadeRule> {
    let build = entry.field("build").or_else(|| entry.field("_build"))?;
    if render_option(build) != Some(true) {
        return None;
    }
    let Some(target) = entry.field("target").or_else(|| entry.field("_target")) else {
        return Some(CascadeRule::default());
    };
    let Shape::Mapping(target) = target.shape() else {
        return Some(CascadeRule::default());
    };
    let text = |name: &str| match target.field(name).map(FieldValue::shape) {
        Some(Shape::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    };
    Some(CascadeRule {
        path: text("path"),
        kind: text("kind"),
        lang: text("lang").or_else(|| matrix_languages(target)),
        environment: text("environment"),
    })
}

/// `sites.matrix.languages` of a target, as one glob (`{en,de}`).
fn matrix_languages<M: FieldMap>(target: &M) -> Option<String> {
    let Shape::Mapping(sites) = target.field("sites")?.shape() else {
        return None;
    };
    let Shape::Mapping(matrix) = sites.field("matrix")?.shape() else {
        return None;
    };
    let languages: Vec<&str> = one_or_list(matrix.field("languages")?, |item| match item.shape() {
        Shape::String(s) => Some(s),
        _ => None,
    });
    (!languages.is_empty()).then(|| format!("{{{}}}", languages.join(",")))
}

/// What a page is, to Hugo's cascade targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CascadePage<'a> {
    /// Its logical path: `/` and its path below the language's root without extension
    /// (`/docs/_includes/intro`; a section's is its folder's, the home page's is `/`).
    pub path: &'a str,
    /// `page`, `section` or `home`.
    pub kind: &'a str,
    /// Its language code.
    pub lang: &'a str,
}

/// A [`CascadeRule`] made ready to match pages.
#[derive(Debug, Clone)]
pub struct CascadeMatcher {
    path: Option<Regex>,
    kind: Option<Regex>,
    lang: Option<Regex>,
    /// Whether the rule holds for a production build.
    in_production: bool,
}

impl CascadeMatcher {
    /// The matcher of `rule`; `None` when one of its globs cannot be read (the rule is then
    /// left out, as Hugo fails on it).
    pub fn new(rule: &CascadeRule) -> Option<CascadeMatcher> {
        let compile = |glob: &Option<String>| -> Result<Option<Regex>, ()> {
            glob.as_deref().map(hugo_glob).transpose()
        };
        let in_production = match compile(&rule.environment).ok()? {
            Some(environment) => environment.is_match("production"),
            None => true,
        };
        Some(CascadeMatcher {
            path: compile(&rule.path).ok()?,
            kind: compile(&rule.kind).ok()?,
            lang: compile(&rule.lang).ok()?,
            in_production,
        })
    }

    /// Whether the rule reaches `page`.
    pub fn matches(&self, page: &CascadePage<'_>) -> bool {
        let holds =
            |glob: &Option<Regex>, value: &str| glob.as_ref().is_none_or(|g| g.is_match(value));
        self.in_production
            && holds(&self.path, page.path)
            && holds(&self.kind, page.kind)
            && holds(&self.lang, page.lang)
    }
}

/// A glob in Hugo's syntax as a regular expression that matches the whole text, without case:
/// `**` any text, `*` any text without `/`, `?` one character but `/`, `[…]` (`[!…]`) a class,
/// `{a,b}` either (nested, and possibly empty), `\x` the character itself.
fn hugo_glob(glob: &str) -> Result<Regex, ()> {
    let mut pattern = String::from("(?is)^");
    let mut depth = 0usize;
    let mut chars = glob.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                pattern.push_str(".*");
            }
            '*' => pattern.push_str("[^/]*"),
            '?' => pattern.push_str("[^/]"),
            '{' => {
                depth += 1;
                pattern.push_str("(?:");
            }
            '}' if depth > 0 => {
                depth -= 1;
                pattern.push(')');
            }
            ',' if depth > 0 => pattern.push('|'),
            '[' => {
                pattern.push('[');
                if chars.peek() == Some(&'!') {
                    chars.next();
                    pattern.push('^');
                }
                loop {
                    match chars.next() {
                        Some(']') => break,
                        Some('\\') => pattern.push_str("\\\\"),
                        Some(c) => pattern.push(c),
                        None => return Err(()),
                    }
                }
                pattern.push(']');
            }
            '\\' => {
                let escaped = chars.next().ok_or(())?;
                pattern.push_str(&regex::escape(&escaped.to_string()));
            }
            other => pattern.push_str(&regex::escape(&other.to_string())),
        }
    }
    if depth > 0 {
        return Err(());
    }
    pattern.push('$');
    Regex::new(&pattern).map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(glob: &str, text: &str) -> bool {
        hugo_glob(glob).expect(glob).is_match(text)
    }

    #[test]
    fn globs_read_as_hugo_reads_them() {
        let includes = "{,/**}/_includes{,/**}";
        for path in [
            "/_includes",
            "/docs/_includes",
            "/docs/_includes/exporters/intro",
        ] {
            assert!(matches(includes, path), "{path}");
        }
        for path in ["/docs", "/docs/x_includes", "/docs/_includes-old/x"] {
            assert!(!matches(includes, path), "{path}");
        }
        assert!(matches("{/articles,/articles/**}", "/articles"));
        assert!(matches("{/articles,/articles/**}", "/Articles/a/b"));
        assert!(!matches("/docs/*", "/docs/a/b"));
        assert!(matches("/docs/*", "/docs/a"));
        assert!(matches("/docs/[!x]?", "/docs/ab"));
        assert!(!matches("/docs/[!x]?", "/docs/xb"));
        assert!(matches("/a.b", "/a.b") && !matches("/a.b", "/aXb"));
        assert!(hugo_glob("{unclosed").is_err());
        assert!(hugo_glob("[unclosed").is_err());
    }

    #[test]
    fn cascade_rules_and_their_targets() {
        let cascade: Value = serde_yaml::from_str(
            "- build: { list: never, render: never }\n  target: { path: '{,/**}/_includes{,/**}' }\n\
             - outputs: [HTML]\n  target: { kind: home }\n\
             - _build: { render: false }\n  _target: { kind: page, sites: { matrix: { languages: [en, de] } } }\n\
             - build: { render: always }\n",
        )
        .unwrap();
        let rules = site_cascade_rules(&cascade);
        assert_eq!(rules.len(), 2, "{rules:?}");
        assert_eq!(rules[0].path.as_deref(), Some("{,/**}/_includes{,/**}"));
        assert_eq!(rules[1].lang.as_deref(), Some("{en,de}"));
        let page = |path, kind, lang| CascadePage { path, kind, lang };
        let first = CascadeMatcher::new(&rules[0]).unwrap();
        assert!(first.matches(&page("/docs/_includes/intro", "page", "ja")));
        assert!(!first.matches(&page("/docs/intro", "page", "ja")));
        let second = CascadeMatcher::new(&rules[1]).unwrap();
        assert!(second.matches(&page("/docs/intro", "page", "de")));
        assert!(!second.matches(&page("/docs/intro", "page", "ja")));
        assert!(!second.matches(&page("/docs", "section", "de")));
        let staging = CascadeRule {
            environment: Some("staging".into()),
            ..CascadeRule::default()
        };
        assert!(
            !CascadeMatcher::new(&staging)
                .unwrap()
                .matches(&page("/a", "page", "en"))
        );
    }
}
