//! What a Hugo site serves besides the pages of its content folder, as its configuration
//! says: module mounts into Hugo's `static` and `content` components, the site's own static
//! folders (`staticDir`), and taxonomy list pages (`taxonomies`, by default `tags` and
//! `categories`).
//!
//! Read from the site configuration (and `config/_default/module.*`). Links into these URLs
//! are not broken (see [`crate::analyse::checks::lints::links`]). A configuration that cannot be parsed
//! gives nothing here: reading the site's languages reports it already.

use std::path::Path;

use serde_json::Value as Json;

/// Where Hugo looks for module settings of its configuration directory.
const MODULE_FILES: &[&str] = &[
    "config/_default/module.toml",
    "config/_default/module.yaml",
    "config/_default/module.yml",
    "config/_default/module.json",
];

/// One mount: a folder (or file) of the site placed into one of Hugo's component folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mount {
    /// The mounted folder, relative to the site root (`node_modules/katex/dist`).
    pub source: String,
    /// Where it is mounted: a component folder and a path below it (`static/katex`).
    pub target: String,
    /// The language a content mount belongs to, where set (`lang`, or a
    /// `sites.matrix.languages` of one language).
    pub lang: Option<String>,
}

impl Mount {
    /// The path below the `static` component, if this is a static mount (`""` for the whole
    /// component).
    pub(crate) fn static_path(&self) -> Option<&str> {
        component_path(&self.target, "static")
    }

    /// The path below the `content` component, if this is a content mount.
    pub(crate) fn content_path(&self) -> Option<&str> {
        component_path(&self.target, "content")
    }
}

fn component_path<'a>(target: &'a str, component: &str) -> Option<&'a str> {
    let rest = target.strip_prefix(component)?;
    if rest.is_empty() {
        return Some("");
    }
    rest.strip_prefix('/').map(|r| r.trim_matches('/'))
}

/// What the generator configuration at `root` says is served besides the content files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Served {
    /// The module mounts, and the `staticDir` folders as mounts on `static`.
    pub mounts: Vec<Mount>,
    /// The taxonomies' URL names (`tags`, `categories`), each a list page with a page a term.
    pub taxonomies: Vec<String>,
    /// Whether the configuration is Zola's: its sections exist only where `_index.md` does.
    pub zola: bool,
}

/// Reads what the Hugo (or Zola) site at `root` serves besides its content files; `None`
/// when the site has no such configuration.
pub(crate) fn read(root: &Path) -> Option<Served> {
    let file = super::FILES
        .iter()
        .map(Path::new)
        .find(|f| root.join(f).is_file())?;
    let config = super::parse_file(root, file).unwrap_or(Json::Null);
    Some(served_by(root, &config))
}

/// What the Hugo (or Zola) site at `root` serves besides its content files, by its parsed
/// configuration `config` and its module files.
pub(crate) fn served_by(root: &Path, config: &Json) -> Served {
    let zola = super::get(config, "default_language").is_some()
        && super::get(config, "defaultContentLanguage").is_none();
    let mut served = Served {
        zola,
        taxonomies: taxonomies(super::get(config, "taxonomies"), zola),
        ..Served::default()
    };
    for dir in strings(super::get(config, "staticDir")) {
        served.mounts.push(Mount {
            source: clean(&dir),
            target: "static".into(),
            lang: None,
        });
    }
    if let Some(module) = super::get(config, "module") {
        served.mounts.extend(mounts_of(module));
    }
    if let Some(module) = MODULE_FILES
        .iter()
        .map(Path::new)
        .find(|f| root.join(f).is_file())
        .and_then(|file| super::parse_file(root, file).ok())
    {
        served.mounts.extend(mounts_of(&module));
    }
    served
}

/// Hugo: the values of the `taxonomies` map (singular → plural), `tags` and `categories`
/// when it is not set. Zola: the `name` of each `[[taxonomies]]` entry.
fn taxonomies(value: Option<&Json>, zola: bool) -> Vec<String> {
    match value {
        Some(Json::Object(map)) => map
            .values()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        Some(Json::Array(items)) => items
            .iter()
            .filter_map(|i| super::get_str(i, "name"))
            .collect(),
        Some(_) => Vec::new(),
        None if zola => Vec::new(),
        None => vec!["tags".into(), "categories".into()],
    }
}

/// The `mounts` list of a `module` table.
fn mounts_of(module: &Json) -> Vec<Mount> {
    let Some(Json::Array(list)) = super::get(module, "mounts") else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|mount| {
            let source = super::get_str(mount, "source")?;
            let target = super::get_str(mount, "target")?;
            Some(Mount {
                source: clean(&source),
                target: clean(&target),
                lang: super::get_str(mount, "lang").or_else(|| matrix_language(mount)),
            })
        })
        .collect()
}

/// The one language of a mount that Hugo's `sites.matrix.languages` (Hugo 0.153 and later)
/// restricts to one: `sites: {matrix: {languages: [ja]}}`.
fn matrix_language(mount: &Json) -> Option<String> {
    let sites = super::get(mount, "sites")?;
    let matrix = super::get(sites, "matrix")?;
    match strings(super::get(matrix, "languages")).as_slice() {
        [one] if !one.trim().is_empty() => Some(one.trim().to_string()),
        _ => None,
    }
}

/// A string or a list of strings.
fn strings(value: Option<&Json>) -> Vec<String> {
    match value {
        Some(Json::String(s)) => vec![s.clone()],
        Some(Json::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn clean(path: &str) -> String {
    path.trim()
        .trim_start_matches("./")
        .trim_end_matches('/')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mounts_and_static_dirs_are_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("hugo.yaml"),
            "staticDir: [static, assets/files]\nModule:\n  mounts:\n    - source: node_modules/katex/dist\n      target: static/katex\n    - source: ../docs\n      target: content/docs\n      lang: en\n    - source: layouts\n",
        )
        .unwrap();
        let served = read(dir.path()).unwrap();
        assert_eq!(served.taxonomies, ["tags", "categories"]);
        assert!(!served.zola);
        let mounts = served.mounts;
        let sources: Vec<&str> = mounts.iter().map(|m| m.source.as_str()).collect();
        assert_eq!(
            sources,
            [
                "static",
                "assets/files",
                "node_modules/katex/dist",
                "../docs"
            ]
        );
        assert_eq!(mounts[0].static_path(), Some(""));
        assert_eq!(mounts[2].static_path(), Some("katex"));
        assert_eq!(mounts[3].content_path(), Some("docs"));
        assert_eq!(mounts[3].lang.as_deref(), Some("en"));
        assert_eq!(mounts[3].static_path(), None);
    }

    #[test]
    fn module_file_in_the_config_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config/_default")).unwrap();
        std::fs::write(
            dir.path().join("config/_default/module.toml"),
            "[[mounts]]\nsource = 'vendor/icons'\ntarget = 'static/icons'\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("config/_default/hugo.toml"),
            "[taxonomies]\ntag = 'labels'\n",
        )
        .unwrap();
        let served = read(dir.path()).unwrap();
        assert_eq!(served.mounts.len(), 1);
        assert_eq!(served.mounts[0].static_path(), Some("icons"));
        assert_eq!(served.taxonomies, ["labels"]);
        assert_eq!(read(&dir.path().join("nowhere")), None);
    }

    #[test]
    fn zola_taxonomies_are_a_list() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "default_language = 'nb'\n[[taxonomies]]\nname = 'emner'\n",
        )
        .unwrap();
        let served = read(dir.path()).unwrap();
        assert!(served.zola);
        assert_eq!(served.taxonomies, ["emner"]);
    }

    #[test]
    fn component_paths() {
        assert_eq!(component_path("staticfiles", "static"), None);
        assert_eq!(component_path("static/a/b/", "static"), Some("a/b"));
    }
}
