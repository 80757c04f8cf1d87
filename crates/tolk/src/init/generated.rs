//! Pages a site's build writes into its content folder (API references, CLI and configuration
//! pages made from the code) and its repository ignores there, with a `.gitignore` in the
//! content folder. tolk never sees them, so links to them would read as broken: `tolk init`
//! writes their URLs as `external_paths`.
//!
//! Tauri's docs, for one, ignore `config.md`, `cli.mdx`, `acl/*.md` and `javascript/*` in
//! `src/content/docs/reference/`, and link to them from many pages.

use std::collections::BTreeSet;
use std::path::Path;

use crate::load::{self, RawFile};
use crate::model::{Site, build_page, layout};

/// What one ignore pattern covers: a page, or a folder of pages.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Covered {
    /// A page, by its content path (`reference/config.md`).
    Page(String),
    /// The pages of a folder, by the content path of one of them (`reference/acl/page.md`).
    Folder(String),
}

/// The URL prefixes of the pages that `.gitignore` files in the content folder of `site`
/// ignore, in every configured locale, sorted.
pub fn generated_paths(site: &Site) -> Vec<String> {
    let content = site.root.join(&site.config.content_dir);
    let mut prefixes = BTreeSet::new();
    let ignore_files = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_entry(|e| e.file_name() != "node_modules" && e.file_name() != ".git")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() == ".gitignore");
    for entry in ignore_files {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let dir = entry
            .path()
            .parent()
            .and_then(|d| d.strip_prefix(&content).ok())
            .map(|d| load::slash_path(d, Path::new("")))
            .unwrap_or_default();
        for covered in text.lines().filter_map(|line| covered(&dir, line)) {
            prefixes.extend(urls(site, &covered));
        }
    }
    prefixes.into_iter().collect()
}

/// What the ignore pattern `line` of the `.gitignore` in the content folder's `dir` covers, if
/// it names pages: a page file (`config.md`), or a folder (`javascript/`, `javascript/*`,
/// `acl/*.md`). Negations, comments, patterns of other files, and globs with no folder before
/// them (`*.md`, which would cover the whole folder) are left alone.
fn covered(dir: &str, line: &str) -> Option<Covered> {
    let pattern = line.trim();
    if pattern.is_empty() || pattern.starts_with('#') || pattern.starts_with('!') {
        return None;
    }
    let pattern = pattern.trim_start_matches('/');
    let join = |rest: &str| {
        if dir.is_empty() || dir == "." {
            rest.to_string()
        } else {
            format!("{dir}/{rest}")
        }
    };
    match pattern.find(['*', '?', '[']) {
        Some(glob) => {
            let folder = pattern[..glob].rsplit_once('/').map(|(folder, _)| folder)?;
            (!folder.is_empty() && !folder.contains("**"))
                .then(|| Covered::Folder(join(&format!("{folder}/page.md"))))
        }
        None => {
            let name = pattern.trim_end_matches('/');
            let last = name.rsplit('/').next().unwrap_or(name);
            let is_page = last
                .rsplit_once('.')
                .is_some_and(|(_, ext)| load::PAGE_EXTENSIONS.contains(&ext));
            if is_page && !pattern.ends_with('/') {
                Some(Covered::Page(join(name)))
            } else if !last.contains('.') && !name.is_empty() {
                Some(Covered::Folder(join(&format!("{name}/page.md"))))
            } else {
                None
            }
        }
    }
}

/// The URLs `covered` has in each configured locale: a page's own URL, or the URL of the folder
/// its sample page is in.
fn urls(site: &Site, covered: &Covered) -> Vec<String> {
    let (path, folder) = match covered {
        Covered::Page(path) => (path, false),
        Covered::Folder(path) => (path, true),
    };
    let config = &site.config;
    let content_dir = load::slash_path(&config.content_dir, Path::new(""));
    let place = |content_path: String| {
        let file = RawFile {
            path: format!("{content_dir}/{content_path}"),
            content_path,
            bytes: Vec::new(),
        };
        build_page(config, file).0
    };
    let own = place(path.clone());
    // The page in its own locale, and where each other locale keeps its translation.
    let mut pages = vec![own.url.clone()];
    pages.extend(
        config
            .locales
            .iter()
            .filter(|l| l.code != own.locale)
            .filter_map(|l| layout::translation_content_path(config, path, &l.code))
            .map(|p| place(p).url),
    );
    pages
        .into_iter()
        .filter_map(|url| {
            if !folder {
                return Some(url);
            }
            let page = url.trim_end_matches('/');
            page.rsplit_once('/')
                .map(|(parent, _)| format!("{parent}/"))
        })
        .filter(|url| url != "/" && !config.locales.iter().any(|l| l.prefix == *url))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_that_name_pages_or_their_folders() {
        let page = |p: &str| Some(Covered::Page(p.to_string()));
        let folder = |p: &str| Some(Covered::Folder(p.to_string()));
        assert_eq!(
            covered("reference", "config.md"),
            page("reference/config.md")
        );
        assert_eq!(covered("reference", "/cli.mdx"), page("reference/cli.mdx"));
        assert_eq!(
            covered("reference", "acl/*.md"),
            folder("reference/acl/page.md")
        );
        assert_eq!(
            covered("reference", "javascript/*"),
            folder("reference/javascript/page.md")
        );
        assert_eq!(covered("", "generated/"), folder("generated/page.md"));
        assert_eq!(covered("reference", "api"), folder("reference/api/page.md"));
        for other in [
            "",
            "# a comment",
            "!javascript/index.mdx",
            "*.md",
            "**/*.md",
            "notes.txt",
            "cache.json",
        ] {
            assert_eq!(covered("reference", other), None, "{other}");
        }
    }
}
