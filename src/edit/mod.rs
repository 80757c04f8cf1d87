//! Edits to the site's files: `tolk mark`, `tolk new` and `tolk fix`. Every write is atomic.

pub mod atomic;
pub mod fix;
pub mod from_history;
pub mod mark;
pub mod new;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::{Page, Site};

/// What `mark` did to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marked {
    /// The baseline was written.
    Updated {
        /// The new baseline.
        hash: String,
    },
    /// The file already recorded the current source.
    Unchanged,
}

/// Records the current source as the baseline of the translation at `path`.
pub fn mark(site: &Site, path: &Path) -> Result<Marked> {
    let page = translation_at(site, path)?;
    let source = site.source_page(&page.key).ok_or_else(|| {
        Error::Usage(format!(
            "{} is a translation of `{}`, which has no `{}` source page; nothing to mark it against",
            page.path, page.key, site.config.source_locale
        ))
    })?;
    if page.front.source_hash.as_deref() == Some(source.hash()) {
        return Ok(Marked::Unchanged);
    }
    let file = site.root.join(&page.path);
    let bytes = std::fs::read(&file).map_err(|e| Error::io("cannot read", &file, e))?;
    let text = String::from_utf8(bytes).map_err(|_| Error::Edit {
        path: file.clone(),
        message: "it is not valid UTF-8; fix its encoding first".into(),
    })?;
    let edited = mark::set_source_hash(&text, source.hash()).map_err(|message| Error::Edit {
        path: file.clone(),
        message,
    })?;
    mark::verify(&text, &edited, source.hash()).map_err(|message| Error::Edit {
        path: file.clone(),
        message,
    })?;
    atomic::replace_within(&site.root, &file, edited.as_bytes())?;
    Ok(Marked::Updated {
        hash: source.hash().to_string(),
    })
}

fn translation_at<'a>(site: &'a Site, path: &Path) -> Result<&'a Page> {
    let page = site.page_by_path(path).ok_or_else(|| {
        Error::Usage(format!(
            "{} is not a page of this site (give a path such as content/en/om-minid.md)",
            path.display()
        ))
    })?;
    if page.locale == site.config.source_locale {
        let targets: Vec<String> = site
            .translations(&page.key)
            .filter(|p| p.locale != page.locale)
            .map(|p| p.path.clone())
            .collect();
        let hint = if targets.is_empty() {
            String::new()
        } else {
            format!(": {}", targets.join(" "))
        };
        return Err(Error::Usage(format!(
            "{} is a source page; mark its translations instead{hint}",
            page.path
        )));
    }
    Ok(page)
}

/// Finds the page a command-line argument names: a file path (relative to the root or the
/// current folder, or absolute), a translation key, a URL, or a content path.
pub fn lookup<'a>(site: &'a Site, arg: &str) -> Option<&'a Page> {
    let as_path = Path::new(arg);
    if let Some(page) = site.page_by_path(as_path) {
        return Some(page);
    }
    if let Ok(cwd) = std::env::current_dir()
        && let Some(page) = site.page_by_path(&cwd.join(as_path))
    {
        return Some(page);
    }
    let key = site.resolve_ref(arg)?;
    site.source_page(key)
        .or_else(|| site.pages.iter().find(|p| p.key == key))
}

/// Scaffolds the `locale` translation of the source page named by `arg`; returns its path.
pub fn new_translation(site: &Site, arg: &str, locale: &str) -> Result<PathBuf> {
    let page = lookup(site, arg).ok_or_else(|| {
        Error::Usage(format!(
            "`{arg}` names no page of this site; give a source path (content/nb/om-minid.md) or a key (om-minid)"
        ))
    })?;
    let source = site.source_page(&page.key).ok_or_else(|| {
        Error::Usage(format!(
            "`{}` has no source page to translate from",
            page.key
        ))
    })?;
    let (target, _) = site.config.resolve_locale(locale).ok_or_else(|| {
        Error::Usage(format!(
            "`{locale}` is not a locale of this site (configured: {})",
            site.config
                .locales
                .iter()
                .map(|l| l.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    if target.code == site.config.source_locale {
        return Err(Error::Usage(format!(
            "`{}` is the source locale; give a target locale with --locale",
            target.code
        )));
    }
    if let Some(existing) = site.page(&target.code, &source.key) {
        return Err(Error::Exists {
            path: site.root.join(&existing.path),
        });
    }
    let rel = site.translation_path(source, &target.code);
    let text = new::scaffold(&new::Scaffold {
        source_text: &source.text,
        source_prefix: &site.config.source().prefix,
        target,
        source_hash: source.hash(),
    });
    let path = site.root.join(&rel);
    if !crate::load::inside_site(&site.root, &path) {
        return Err(crate::load::link_out_error(path));
    }
    atomic::create_new(&path, text.as_bytes())?;
    Ok(PathBuf::from(rel))
}
