//! Hugo module mounts: folders of the site mounted into Hugo's `static` and `content`
//! components, and so served at URLs that no page of tolk's content folder has.
//!
//! Read from `module.mounts` in the site configuration (or `config/_default/module.*`), plus
//! `staticDir`, which names the site's own static folders. Links into these URLs are not broken
//! (see [`crate::analyse::lints::links`]). A configuration that cannot be parsed gives no
//! mounts here: reading the site's languages reports it already.

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
pub struct Mount {
    /// The mounted folder, relative to the site root (`node_modules/katex/dist`).
    pub source: String,
    /// Where it is mounted: a component folder and a path below it (`static/katex`).
    pub target: String,
    /// The language a content mount belongs to, where set.
    pub lang: Option<String>,
}

impl Mount {
    /// The path below the `static` component, if this is a static mount (`""` for the whole
    /// component).
    pub fn static_path(&self) -> Option<&str> {
        component_path(&self.target, "static")
    }

    /// The path below the `content` component, if this is a content mount.
    pub fn content_path(&self) -> Option<&str> {
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

/// The mounts of the Hugo site at `root`, and its `staticDir` folders as mounts on `static`;
/// empty when the site has no Hugo configuration.
pub fn read(root: &Path) -> Vec<Mount> {
    let mut mounts = Vec::new();
    let config = super::FILES
        .iter()
        .map(Path::new)
        .find(|f| root.join(f).is_file())
        .and_then(|file| super::parse_file(root, file).ok());
    if let Some(config) = &config {
        for dir in strings(super::get(config, "staticDir")) {
            mounts.push(Mount {
                source: clean(&dir),
                target: "static".into(),
                lang: None,
            });
        }
        if let Some(module) = super::get(config, "module") {
            mounts.extend(mounts_of(module));
        }
    }
    if let Some(module) = MODULE_FILES
        .iter()
        .map(Path::new)
        .find(|f| root.join(f).is_file())
        .and_then(|file| super::parse_file(root, file).ok())
    {
        mounts.extend(mounts_of(&module));
    }
    mounts
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
                lang: super::get_str(mount, "lang"),
            })
        })
        .collect()
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
        let mounts = read(dir.path());
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
        let mounts = read(dir.path());
        assert_eq!(mounts.len(), 1);
        assert_eq!(mounts[0].static_path(), Some("icons"));
        assert!(read(&dir.path().join("nowhere")).is_empty());
    }

    #[test]
    fn component_paths() {
        assert_eq!(component_path("staticfiles", "static"), None);
        assert_eq!(component_path("static/a/b/", "static"), Some("a/b"));
    }
}
