//! Whether a Hugo site's Markdown link render hook sends a root-relative link to the page of the
//! reader's language: a hook that looks the destination up with `GetPage` (Hugo's embedded hook,
//! `markup.goldmark.renderHooks.link.enableDefault` or `useEmbedded`, does; OpenTelemetry's and
//! Docsy sites' own hooks do) renders `/docs/setup/` on a Japanese page as `/ja/docs/setup/`.

use std::path::Path;

use serde_json::Value as Json;

/// Where Hugo looks for the link render hook of every page, below the site root.
const HOOK_DIRS: &[&str] = &["layouts/_markup", "layouts/_default/_markup"];
/// Where a hook's partials are.
const PARTIAL_DIRS: &[&str] = &["layouts/_partials", "layouts/partials"];
/// The largest template read.
const MAX_TEMPLATE: u64 = 256 * 1024;

/// Whether the site at `root`, configured by `config`, localizes its Markdown links.
pub(crate) fn localizes_links(root: &Path, config: &Json) -> bool {
    embedded_hook(config) || own_hooks(root).iter().any(|hook| resolves(root, hook))
}

/// Whether the configuration turns on Hugo's embedded link render hook.
fn embedded_hook(config: &Json) -> bool {
    let link = super::get(config, "markup")
        .and_then(|m| super::get(m, "goldmark"))
        .and_then(|g| super::get(g, "renderHooks"))
        .and_then(|h| super::get(h, "link"));
    let Some(link) = link else {
        return false;
    };
    let enabled = super::get(link, "enableDefault").and_then(Json::as_bool) == Some(true);
    let embedded = super::get_str(link, "useEmbedded")
        .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "always" | "fallback"));
    enabled || embedded
}

/// The text of each link render hook template the site has (`render-link.html`, and its
/// variants per output format).
fn own_hooks(root: &Path) -> Vec<String> {
    let mut hooks = Vec::new();
    for dir in HOOK_DIRS {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut names: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("render-link") && n.ends_with(".html"))
            })
            .collect();
        names.sort();
        hooks.extend(names.iter().filter_map(|p| read_template(p)));
    }
    hooks
}

/// Whether `hook`, or a partial it calls, looks the link's page up with `GetPage`.
fn resolves(root: &Path, hook: &str) -> bool {
    if hook.contains("GetPage") {
        return true;
    }
    partials_called(hook).iter().any(|name| {
        PARTIAL_DIRS
            .iter()
            .filter_map(|dir| read_template(&root.join(dir).join(name)))
            .any(|text| text.contains("GetPage"))
    })
}

/// The partials a template calls by a literal name (`partial "hooks/render-link.html" .`),
/// inside the partials folder (no `..`).
fn partials_called(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find("partial") {
        rest = &rest[at + "partial".len()..];
        let after = rest.trim_start();
        let Some(quoted) = after.strip_prefix('"') else {
            continue;
        };
        let Some(end) = quoted.find('"') else {
            break;
        };
        let name = &quoted[..end];
        if !name.is_empty() && !name.split('/').any(|part| part == ".." || part.is_empty()) {
            let name = if name.ends_with(".html") {
                name.to_string()
            } else {
                format!("{name}.html")
            };
            names.push(name);
        }
    }
    names
}

fn read_template(path: &Path) -> Option<String> {
    let size = std::fs::metadata(path).ok()?.len();
    if size > MAX_TEMPLATE {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hook_that_looks_pages_up_localizes_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert!(!localizes_links(root, &Json::Null));
        std::fs::create_dir_all(root.join("layouts/_markup")).unwrap();
        std::fs::write(
            root.join("layouts/_markup/render-link.html"),
            "<a href=\"{{ .Destination | safeURL }}\">{{ .Text }}</a>",
        )
        .unwrap();
        assert!(
            !localizes_links(root, &Json::Null),
            "a hook that copies the URL"
        );
        std::fs::write(
            root.join("layouts/_markup/render-link.html"),
            "{{- partial \"hooks/render-link.html\" (dict \"ctx\" .) -}}",
        )
        .unwrap();
        std::fs::create_dir_all(root.join("layouts/_partials/hooks")).unwrap();
        std::fs::write(
            root.join("layouts/_partials/hooks/render-link.html"),
            "{{ with .ctx.PageInner.GetPage $path }}{{ .RelPermalink }}{{ end }}",
        )
        .unwrap();
        assert!(localizes_links(root, &Json::Null), "through its partial");
    }

    #[test]
    fn the_embedded_hook_localizes_links() {
        let config: Json = serde_json::from_str(
            r#"{"markup": {"goldmark": {"renderHooks": {"link": {"enableDefault": true}}}}}"#,
        )
        .unwrap();
        assert!(localizes_links(Path::new("/nonexistent"), &config));
        let config: Json = serde_json::from_str(
            r#"{"Markup": {"Goldmark": {"RenderHooks": {"Link": {"useEmbedded": "fallback"}}}}}"#,
        )
        .unwrap();
        assert!(localizes_links(Path::new("/nonexistent"), &config));
    }

    #[test]
    fn partial_names_stay_in_the_partials_folder() {
        assert_eq!(
            partials_called(
                "{{ partial \"a/b\" . }} {{ partial \"../x.html\" . }} {{ partial $n . }}"
            ),
            ["a/b.html"]
        );
    }
}
