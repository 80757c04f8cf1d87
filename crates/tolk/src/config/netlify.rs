//! The paths Netlify serves by redirect (or rewrite) rules: `_redirects` in the folder it
//! publishes, and `[[redirects]]` in `netlify.toml`. A link to such a path works on the live
//! site even where no page is there (CNCF's glossary sends `/microservices/` to
//! `/microservices-architecture/`).
//!
//! Rules whose status is an error (`404`: a custom error page) serve nothing; rules for other
//! hosts (`https://docs.example.org/*`) are not about this site's paths.

use std::path::Path;

/// The name of Netlify's redirect file, in the published folder.
const REDIRECTS_FILE: &str = "_redirects";
/// Netlify's configuration file, at the site root.
const NETLIFY_TOML: &str = "netlify.toml";
/// The largest file read.
const MAX_FILE: u64 = 1024 * 1024;

/// What one rule serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Redirected {
    /// One path (`/microservices/`).
    Path(String),
    /// The paths a pattern matches (`/blog/*`, `/:locale/v1/*`).
    Pattern(Pattern),
}

/// A rule's path with placeholders: `:name` stands for one path part, `*` (the splat) for the
/// rest of the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// A part written out.
    Literal(String),
    /// `:name`: any one part.
    Any,
    /// `text*`: a part that starts with `text`, and everything after it.
    Rest(String),
}

impl Pattern {
    fn new(path: &str) -> Pattern {
        let parts = path
            .split('/')
            .filter(|p| !p.is_empty())
            .map(|part| {
                if let Some(at) = part.find('*') {
                    Part::Rest(part[..at].to_string())
                } else if part.starts_with(':') {
                    Part::Any
                } else {
                    Part::Literal(part.to_string())
                }
            })
            .collect();
        Pattern { parts }
    }

    /// Whether the pattern matches the root-relative `path` (no query or fragment).
    pub(crate) fn matches(&self, path: &str) -> bool {
        let mut segments = path.split('/').filter(|p| !p.is_empty());
        for part in &self.parts {
            match part {
                Part::Rest(start) => {
                    return start.is_empty()
                        || segments
                            .next()
                            .is_some_and(|s| s.to_lowercase().starts_with(&start.to_lowercase()));
                }
                Part::Any => {
                    if segments.next().is_none() {
                        return false;
                    }
                }
                Part::Literal(literal) => {
                    if !segments
                        .next()
                        .is_some_and(|s| s.eq_ignore_ascii_case(literal))
                    {
                        return false;
                    }
                }
            }
        }
        segments.next().is_none()
    }
}

/// The paths the `_redirects` file `text` serves.
pub(crate) fn from_redirects_file(text: &str) -> Vec<Redirected> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            let from = parts.next()?;
            // The status, where given, is the first part after the destination that is a
            // number (with `!` to force it).
            let status = parts
                .skip(1)
                .find_map(|p| p.trim_end_matches('!').parse::<u16>().ok());
            redirected(from, status)
        })
        .collect()
}

/// The paths the `[[redirects]]` of the `netlify.toml` file `text` serve.
pub(crate) fn from_netlify_toml(text: &str) -> Vec<Redirected> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let Some(toml::Value::Array(rules)) = table.get("redirects") else {
        return Vec::new();
    };
    rules
        .iter()
        .filter_map(|rule| {
            let from = rule.get("from")?.as_str()?;
            let status = rule
                .get("status")
                .and_then(toml::Value::as_integer)
                .and_then(|s| u16::try_from(s).ok());
            redirected(from, status)
        })
        .collect()
}

/// The paths the `netlify.toml` at `root` and the `_redirects` files in `published` (the
/// folders whose files Netlify publishes at the site's root) serve.
pub(crate) fn served(root: &Path, published: &[&Path]) -> Vec<Redirected> {
    let mut out = Vec::new();
    if let Some(text) = read(&root.join(NETLIFY_TOML)) {
        out.extend(from_netlify_toml(&text));
    }
    for dir in published {
        if let Some(text) = read(&dir.join(REDIRECTS_FILE)) {
            out.extend(from_redirects_file(&text));
        }
    }
    out
}

fn read(path: &Path) -> Option<String> {
    if std::fs::metadata(path).ok()?.len() > MAX_FILE {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

/// What a rule from `from` with `status` serves: nothing for an error status or another host.
fn redirected(from: &str, status: Option<u16>) -> Option<Redirected> {
    if status.is_some_and(|s| s >= 400) || !from.starts_with('/') || from.starts_with("//") {
        return None;
    }
    // A query condition (`/store id=:id`) is a separate part; the path ends at `?` or `#`.
    let path = from.split(['?', '#']).next().unwrap_or(from);
    Some(if path.contains('*') || path.contains("/:") {
        Redirected::Pattern(Pattern::new(path))
    } else {
        Redirected::Path(path.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_rules_and_what_they_serve() {
        let text = "# comment\n\n/microservices/\t\t\t\t/microservices-architecture/\n\
                    /blog/*  /news/:splat  301!\n/docs/:version/api  /api/:version  200\n\
                    /*  /404.html  404\n/shop  /store  302  Country=no\nhttps://old.example/*  /:splat\n";
        let rules = from_redirects_file(text);
        assert_eq!(rules.len(), 4, "{rules:?}");
        assert_eq!(rules[0], Redirected::Path("/microservices/".into()));
        assert_eq!(rules[3], Redirected::Path("/shop".into()));
        let serves = |rule: &Redirected, path: &str| match rule {
            Redirected::Pattern(p) => p.matches(path),
            Redirected::Path(p) => p == path,
        };
        assert!(serves(&rules[1], "/blog/2024/hello/"));
        assert!(serves(&rules[1], "/blog"));
        assert!(!serves(&rules[1], "/blogs/x"));
        assert!(serves(&rules[2], "/docs/v2/api"));
        assert!(!serves(&rules[2], "/docs/v2/api/more"));
        assert!(!serves(&rules[2], "/docs/api"));
    }

    #[test]
    fn netlify_toml_rules() {
        let text = "[build]\npublish = 'public'\n\n[[redirects]]\nfrom = 'https://docs.example.org/*'\nto = 'https://example.org/docs/:splat'\n\n\
                    [[redirects]]\nfrom = '/:locale/v1/*'\nto = 'https://v1.example.org/:locale/v1/:splat'\n\n[[redirects]]\nfrom = '/*'\nto = '/404.html'\nstatus = 404\n";
        let rules = from_netlify_toml(text);
        assert_eq!(rules.len(), 1, "{rules:?}");
        let Redirected::Pattern(pattern) = &rules[0] else {
            panic!("{rules:?}")
        };
        assert!(pattern.matches("/fr/v1/guides/"));
        assert!(
            !pattern.matches("/fr/guides/"),
            "a placeholder is one part, not a prefix"
        );
        assert!(!pattern.matches("/contribute/translate-status"));
        assert!(from_netlify_toml("not toml [").is_empty());
    }
}
