//! Edits to the site's files: `tolk mark`, `tolk new` and `tolk fix`. Every write is atomic.

pub mod atomic;
pub mod fix;
pub mod from_history;
pub mod mark;
pub mod new;

use std::path::{Path, PathBuf};

use crate::analyse::checks::lints;
use crate::config::Locale;
use crate::diagnostics::Finding;
use crate::error::{Error, Result};
use crate::model::{Page, Site};

/// What `mark` did to one file.
#[derive(Debug, Clone, PartialEq)]
pub enum Marked {
    /// The baseline was written.
    Updated {
        /// The new baseline.
        hash: String,
    },
    /// The file already recorded the current source.
    Unchanged,
    /// Nothing was written: the translation does not follow its source yet.
    Refused(Refusal),
}

/// Why `mark` will not record a translation as done: its text is still the source's, or it
/// has findings against the current source (`untranslated-text`, `untranslated-field`,
/// `structure-mismatch`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Refusal {
    /// The translation is in the `untranslated` state: most of its text is the source's.
    pub untranslated: bool,
    /// Its findings against the current source, sorted.
    pub findings: Vec<Finding>,
}

impl Refusal {
    /// Whether there is nothing to refuse.
    pub fn is_empty(&self) -> bool {
        !self.untranslated && self.findings.is_empty()
    }

    /// What the refusal is about, in a line: `untranslated, 6 untranslated-text`.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if self.untranslated {
            parts.push("untranslated".to_string());
        }
        for code in lints::AGAINST_SOURCE {
            let n = self.findings.iter().filter(|f| f.code == code).count();
            if n > 0 {
                parts.push(format!("{n} {code}"));
            }
        }
        parts.join(", ")
    }
}

/// What stops `page` from being marked as following its source now.
pub fn refusal(site: &Site, page: &Page) -> Refusal {
    refusals(site, &[page]).pop().unwrap_or_default()
}

/// What stops each of `pages` from being marked, in the same order (the site's index of URLs
/// is built once for all of them).
pub fn refusals(site: &Site, pages: &[&Page]) -> Vec<Refusal> {
    let findings = lints::against_source(site, pages);
    pages
        .iter()
        .map(|page| Refusal {
            untranslated: crate::analyse::staleness::untranslated::text_is_source(site, page),
            findings: findings
                .iter()
                .filter(|f| f.path == page.path)
                .cloned()
                .collect(),
        })
        .collect()
}

/// Records the current source as the baseline of the translation `page`. Unless `force`, a
/// translation that does not follow its source yet ([`refusal`]) is left as it is
/// ([`Marked::Refused`]); with `force` it is marked anyway and the refusal overridden is
/// returned beside the outcome.
pub fn mark(site: &Site, page: &Page, force: bool) -> Result<(Marked, Option<Refusal>)> {
    mark_checked(site, page, force, refusal(site, page))
}

/// [`mark()`] with the refusal already worked out ([`refusals`], for many pages at once).
pub fn mark_checked(
    site: &Site,
    page: &Page,
    force: bool,
    refused: Refusal,
) -> Result<(Marked, Option<Refusal>)> {
    if page.locale == site.config.source_locale {
        return Err(source_page_error(site, page));
    }
    let source = site.source_page(&page.key).ok_or_else(|| {
        Error::Usage(format!(
            "{} is a translation of `{}`, which has no `{}` source page; nothing to mark it against",
            page.path, page.key, site.config.source_locale
        ))
    })?;
    let overridden = if refused.is_empty() {
        None
    } else if force {
        Some(refused)
    } else {
        return Ok((Marked::Refused(refused), None));
    };
    if page.front.source_hash.as_deref() == Some(source.hash()) {
        return Ok((Marked::Unchanged, overridden));
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
    Ok((
        Marked::Updated {
            hash: source.hash().to_string(),
        },
        overridden,
    ))
}

/// The error for a source page given where a translation is wanted: what to give instead.
fn source_page_error(site: &Site, page: &Page) -> Error {
    let targets: Vec<String> = site
        .translations(&page.key)
        .filter(|p| p.locale != page.locale)
        .map(|p| p.path.clone())
        .collect();
    let hint = if targets.is_empty() {
        format!(
            "; it has no translation yet: start one with `tolk new {} --locale {}`",
            page.path,
            target_codes(site).first().map_or("LOCALE", String::as_str)
        )
    } else {
        format!(
            "; mark its translation instead (`tolk mark {}`), or name the locale (`tolk mark {} --locale {}`)",
            targets.join(" "),
            page.path,
            target_codes(site).join("|")
        )
    };
    Error::Usage(format!(
        "{}: this is the source page ({}), and `tolk mark` records a translation's baseline{hint}",
        page.path, site.config.source_locale
    ))
}

/// The codes of the target locales, in configured order.
fn target_codes(site: &Site) -> Vec<String> {
    site.config.targets().map(|l| l.code.clone()).collect()
}

/// The target locale `text` names (`nn`, `nn-NO`, `no` …), or an error that lists them.
pub fn target_locale<'a>(site: &'a Site, text: &str) -> Result<&'a Locale> {
    match site.config.resolve_locale(text) {
        Some((locale, _)) if locale.code != site.config.source_locale => Ok(locale),
        Some((locale, _)) => Err(Error::Usage(format!(
            "`{}` is the source locale; give a target locale with --locale: {}",
            locale.code,
            target_codes(site).join(", ")
        ))),
        None => Err(Error::Usage(format!(
            "`{text}` is not a locale of this site; give one of: {} (the source is {})",
            target_codes(site).join(", "),
            site.config.source_locale
        ))),
    }
}

/// The front-matter field that names a page's translation key on this site:
/// `translationKey` where the pages write Hugo's spelling, else `translation_key`.
pub fn key_field(site: &Site) -> &'static str {
    if site
        .pages
        .iter()
        .any(|p| p.text().contains("\ntranslationKey:"))
    {
        "translationKey"
    } else {
        "translation_key"
    }
}

/// What a page argument of `mark`, `diff` or `new` names.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The translation key.
    pub key: &'a str,
    /// The page named, where the argument named an existing page.
    pub page: Option<&'a Page>,
    /// The locale the argument implies: a translation's path names its locale.
    pub locale: Option<&'a str>,
}

/// Resolves a page argument: a path of a translation (existing, or where `tolk new` would put
/// it) or of a source page, relative to the root or the current folder, or a translation key
/// (or URL, or content path).
pub fn target<'a>(site: &'a Site, arg: &str) -> Result<Target<'a>> {
    if let Some(page) = lookup(site, arg) {
        let locale = (page.locale != site.config.source_locale).then_some(page.locale.as_str());
        return Ok(Target {
            key: &page.key,
            page: Some(page),
            locale,
        });
    }
    if let Some((source, locale)) = future_translation(site, arg) {
        return Ok(Target {
            key: &source.key,
            page: None,
            locale: Some(locale),
        });
    }
    let fallback = format!("content/{}/about.md", site.config.source_locale);
    let (path, key) = match site.source_pages().next() {
        Some(p) => (p.path.as_str(), p.key.as_str()),
        None => (fallback.as_str(), "about"),
    };
    Err(Error::Usage(format!(
        "`{arg}` is not a page of this site; give the path of a page or of its translation \
         ({path}), or its `{}` ({key})",
        key_field(site)
    )))
}

/// The source page and locale of the translation that would live at `arg`, not yet written.
fn future_translation<'a>(site: &'a Site, arg: &str) -> Option<(&'a Page, &'a str)> {
    let mut wanted = vec![arg.replace('\\', "/").trim_start_matches("./").to_string()];
    let as_path = Path::new(arg);
    let absolute = if as_path.is_absolute() {
        Some(as_path.to_path_buf())
    } else {
        std::env::current_dir().ok().map(|cwd| cwd.join(as_path))
    };
    if let Some(absolute) = absolute
        && let Ok(root) = site.root.canonicalize()
        && let Some(dir) = absolute.parent().and_then(|d| d.canonicalize().ok())
        && let Some(name) = absolute.file_name()
        && let Ok(rel) = dir.join(name).strip_prefix(&root)
    {
        wanted.push(crate::load::slash_path(rel, Path::new("")));
    }
    site.config.targets().find_map(|locale| {
        site.source_pages()
            .find(|source| wanted.contains(&site.translation_path(source, &locale.code)))
            .map(|source| (source, locale.code.as_str()))
    })
}

/// The translation a `mark` argument names, with `--locale` where given.
pub fn mark_target<'a>(site: &'a Site, arg: &str, locale: Option<&str>) -> Result<&'a Page> {
    let target = target(site, arg)?;
    let wanted = match locale {
        Some(text) => Some(target_locale(site, text)?.code.as_str()),
        None => None,
    };
    let locale = match (wanted, target.locale) {
        (Some(w), Some(t)) if w != t => {
            return Err(Error::Usage(format!(
                "`{arg}` is the `{t}` translation, but --locale says `{w}`; drop --locale or name the `{w}` page"
            )));
        }
        (Some(w), _) => w,
        (None, Some(t)) => t,
        (None, None) => {
            let source = site
                .source_page(target.key)
                .or(target.page)
                .ok_or_else(|| Error::Usage(format!("`{arg}` names no translation")))?;
            return Err(source_page_error(site, source));
        }
    };
    match site.page(locale, target.key) {
        Some(page) => Ok(page),
        None => {
            let source = site
                .source_page(target.key)
                .map_or(arg, |p| p.path.as_str());
            Err(Error::Usage(format!(
                "there is no `{locale}` translation of {source} to mark; start one with `tolk new {source} --locale {locale}`"
            )))
        }
    }
}

/// The translation a path names (a source page's path is an error that says what to give).
fn translation_at<'a>(site: &'a Site, path: &Path) -> Result<&'a Page> {
    mark_target(site, &path.to_string_lossy(), None)
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

/// Scaffolds the translation of the page named by `arg` (a source or translation path, or a
/// key) into `locale` (else the locale a translation path implies); returns its path.
pub fn new_translation(site: &Site, arg: &str, locale: Option<&str>) -> Result<PathBuf> {
    let named = target(site, arg)?;
    let source = site.source_page(named.key).ok_or_else(|| {
        Error::Usage(format!(
            "`{}` has no source page to translate from",
            named.key
        ))
    })?;
    let target = match (locale, named.locale) {
        (Some(text), implied) => {
            let locale = target_locale(site, text)?;
            if let Some(implied) = implied
                && implied != locale.code
            {
                return Err(Error::Usage(format!(
                    "`{arg}` is a `{implied}` page, but --locale says `{}`; drop --locale or give the source page",
                    locale.code
                )));
            }
            locale
        }
        (None, Some(implied)) => target_locale(site, implied)?,
        (None, None) => {
            return Err(Error::Usage(format!(
                "which locale? give --locale: {}",
                target_codes(site).join(", ")
            )));
        }
    };
    if let Some(existing) = site.page(&target.code, &source.key) {
        return Err(Error::Exists {
            path: site.root.join(&existing.path),
        });
    }
    let rel = site.translation_path(source, &target.code);
    let text = new::scaffold(&new::Scaffold {
        source_text: source.text(),
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
