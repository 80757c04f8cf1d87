//! What a site serves besides its pages, so that a link there is not broken: files in static
//! folders (`static/`, `public/`, tolk.yaml's `static_dir`, Hugo's `staticDir` and static
//! mounts), Hugo content mounts, the list pages Hugo makes for top-level sections and
//! taxonomies, Docusaurus's generated category pages (`_category_.json` with a
//! `generated-index` link), Netlify's redirect rules (`config::netlify`), and tolk.yaml's
//! `external_paths`.
//!
//! Built once per run from the configuration and the pages' folders; asked only for links
//! that lead to no page.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use crate::config::hugo;
use crate::config::netlify::{self, Pattern, Redirected};
use crate::model::output_path::percent_decode;
use crate::model::{Site, layout, pairing};

/// Docusaurus configuration files: where one is at the root, category pages are looked for.
const DOCUSAURUS_FILES: &[&str] = &[
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
    "docusaurus.config.cjs",
];

/// Astro configuration files: where one is at the root, `src/pages/` routes are served as
/// written.
const ASTRO_FILES: &[&str] = &["astro.config.mjs", "astro.config.ts", "astro.config.js"];

/// Docusaurus category files, in its order of preference.
const CATEGORY_FILES: &[&str] = &["_category_.json", "_category_.yml", "_category_.yaml"];

/// The paths a site serves besides its pages.
pub struct Served {
    /// A URL prefix and the folder whose files are served below it.
    static_dirs: Vec<(String, PathBuf)>,
    /// URL prefixes served whole: content mounts, taxonomies, `external_paths`.
    prefixes: Vec<String>,
    /// URL identities of generated list pages (Hugo sections, Docusaurus categories) and of
    /// redirected paths.
    pages: HashSet<String>,
    /// The paths Netlify's redirect rules with placeholders serve.
    redirects: Vec<Pattern>,
}

impl Served {
    /// Reads what `site` serves besides its pages.
    pub fn new(site: &Site) -> Self {
        let config = &site.config;
        let mut static_dirs: Vec<(String, PathBuf)> = [
            config.static_dir.as_path(),
            Path::new("static"),
            Path::new("public"),
        ]
        .into_iter()
        .map(|dir| ("/".to_string(), site.root.join(dir)))
        .collect();
        let mut prefixes = config.external_paths.clone();
        let mut pages = HashSet::new();
        if let Some(hugo) = hugo::mounts::read(&site.root) {
            for mount in &hugo.mounts {
                if let Some(below) = mount.static_path() {
                    static_dirs.push((url_prefix("/", below), site.root.join(&mount.source)));
                } else if let Some(below) = mount.content_path().filter(|b| !b.is_empty()) {
                    let locale_prefix = mount
                        .lang
                        .as_deref()
                        .and_then(|l| config.resolve_locale(l))
                        .map_or("/", |(l, _)| l.prefix.as_str());
                    prefixes.push(url_prefix(locale_prefix, below));
                }
            }
            for locale in &config.locales {
                for taxonomy in &hugo.taxonomies {
                    prefixes.push(url_prefix(&locale.prefix, taxonomy));
                }
            }
            if !hugo.zola {
                pages.extend(hugo_sections(site));
            }
        }
        if DOCUSAURUS_FILES.iter().any(|f| site.root.join(f).is_file()) {
            pages.extend(docusaurus_categories(site));
            // Docusaurus serves its pages plugin in every locale (untranslated ones as they are).
            for route in routes(&site.root, &["js", "jsx", "ts", "tsx", "md", "mdx"]) {
                for locale in &site.config.locales {
                    pages.insert(pairing::url_identity(&format!("{}{route}", locale.prefix)));
                }
            }
        }
        if ASTRO_FILES.iter().any(|f| site.root.join(f).is_file()) {
            for route in routes(&site.root, &["astro", "md", "mdx", "html", "js", "ts"]) {
                pages.insert(pairing::url_identity(&format!("/{route}")));
            }
        }
        static_dirs.sort();
        static_dirs.dedup();
        static_dirs.retain(|(_, dir)| dir.is_dir());
        let published: Vec<&Path> = static_dirs
            .iter()
            .filter(|(prefix, _)| prefix == "/")
            .map(|(_, dir)| dir.as_path())
            .collect();
        let mut redirects = Vec::new();
        for redirected in netlify::served(&site.root, &published) {
            match redirected {
                Redirected::Path(path) => {
                    pages.insert(pairing::url_identity(&path));
                }
                Redirected::Pattern(pattern) => redirects.push(pattern),
            }
        }
        Served {
            static_dirs,
            prefixes,
            pages,
            redirects,
        }
    }

    /// Whether something other than a page serves `target`, a root-relative path without
    /// fragment or query.
    pub fn serves(&self, target: &str) -> bool {
        let decoded = percent_decode(target).unwrap_or_else(|| target.to_string());
        let under =
            |prefix: &str| decoded.starts_with(prefix) || decoded == prefix.trim_end_matches('/');
        if self.prefixes.iter().any(|p| under(p))
            || self.pages.contains(&pairing::url_identity(&decoded))
            || self.redirects.iter().any(|r| r.matches(&decoded))
        {
            return true;
        }
        self.static_dirs.iter().any(|(prefix, dir)| {
            if !under(prefix) {
                return false;
            }
            let rest = decoded.get(prefix.len()..).unwrap_or("");
            let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
            if parts.iter().any(|p| *p == "." || *p == "..") {
                return false;
            }
            let path = parts.iter().fold(dir.clone(), |path, part| path.join(part));
            path.is_file() || path.join("index.html").is_file()
        })
    }
}

/// `prefix` (ending in `/`) joined with the folder `below`, ending in `/`.
fn url_prefix(prefix: &str, below: &str) -> String {
    if below.is_empty() {
        prefix.to_string()
    } else {
        format!("{prefix}{below}/")
    }
}

/// The list page Hugo makes for each top-level section, with or without an `_index.md`: the
/// first folder of each page's path below its locale's root.
fn hugo_sections(site: &Site) -> BTreeSet<String> {
    let mut sections = BTreeSet::new();
    for page in site.pages.iter().filter(|p| p.is_published()) {
        let Some(locale) = site.config.locale(&page.locale) else {
            continue;
        };
        if let Some((section, _)) = page.path_key.split_once('/')
            && !section.is_empty()
        {
            sections.insert(pairing::url_identity(&format!(
                "{}{section}/",
                locale.prefix
            )));
        }
    }
    sections
}

/// The routes of the files in `src/pages/` with one of `extensions`, as Docusaurus and Astro
/// serve them (`about.tsx` → `about`, `blog/index.md` → `blog/`), without the leading `/`.
/// Dynamic routes (`[slug].astro`) and files starting with `_` serve nothing that can be
/// named here.
fn routes(root: &Path, extensions: &[&str]) -> Vec<String> {
    let dir = root.join("src/pages");
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut routes = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let Some((stem, extension)) = rel.rsplit_once('.') else {
            continue;
        };
        if !extensions.contains(&extension)
            || stem.contains('.')
            || rel
                .split('/')
                .any(|part| part.starts_with('_') || part.contains('['))
        {
            continue;
        }
        let route = match stem.strip_suffix("index") {
            Some(folder) if folder.is_empty() || folder.ends_with('/') => folder.to_string(),
            _ => stem.to_string(),
        };
        routes.push(route);
    }
    routes
}

/// The pages Docusaurus generates for categories whose `_category_.json` asks for a
/// `generated-index`, in every locale: `link.slug`, else `/category/` and the label as a slug.
fn docusaurus_categories(site: &Site) -> BTreeSet<String> {
    let content = site.root.join(&site.config.content_dir);
    let folders: BTreeSet<&str> = site
        .source_pages()
        .filter_map(|p| p.content_path.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    let mut slugs = BTreeSet::new();
    for folder in folders {
        let Some(text) = CATEGORY_FILES
            .iter()
            .find_map(|f| std::fs::read_to_string(content.join(folder).join(f)).ok())
        else {
            continue;
        };
        // JSON is YAML too.
        let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(&text) else {
            continue;
        };
        let link = &value["link"];
        if link["type"].as_str() != Some("generated-index") {
            continue;
        }
        let slug = match link["slug"].as_str() {
            Some(slug) => slug.trim_start_matches('/').to_string(),
            None => {
                let label = value["label"]
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| folder.rsplit('/').next().unwrap_or(folder).to_string());
                format!("category/{}", slugify(&label))
            }
        };
        slugs.insert(slug);
    }
    let mut pages = BTreeSet::new();
    for locale in &site.config.locales {
        for slug in &slugs {
            pages.insert(pairing::url_identity(&format!("{}{slug}", locale.prefix)));
        }
    }
    pages
}

/// A category label as Docusaurus makes it a slug: trimmed, then slugged as GitHub slugs a
/// heading ([`layout::github_slug`]).
fn slugify(label: &str) -> String {
    layout::github_slug(label.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_become_slugs() {
        assert_eq!(
            slugify("Develop Wasm Apps in C/C++"),
            "develop-wasm-apps-in-cc"
        );
        assert_eq!(slugify("What is WasmEdge"), "what-is-wasmedge");
        assert_eq!(slugify("Über uns!"), "über-uns");
    }

    #[test]
    fn page_files_become_routes() {
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "src/pages/index.tsx",
            "src/pages/releases.md",
            "src/pages/index.module.css",
            "src/pages/blog/index.astro",
            "src/pages/blog/[slug].astro",
            "src/pages/_partial.tsx",
        ] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        assert_eq!(
            routes(dir.path(), &["tsx", "md", "astro"]),
            ["blog/", "", "releases"]
        );
    }

    #[test]
    fn prefixes_end_with_a_slash() {
        assert_eq!(url_prefix("/", ""), "/");
        assert_eq!(url_prefix("/es/", "tags"), "/es/tags/");
    }
}
