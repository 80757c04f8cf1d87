//! `tolk import`: translations from returned XLIFF or PO files written into the pages.
//!
//! Everything is checked before anything is written: every file must parse, be for a target
//! locale of the site (and the one asked for), and every filled segment must use exactly its
//! source's placeholders, properly nested. One problem and nothing is written.
//!
//! Then each page is compared with the work `tolk export` would give now. A page whose source
//! (or recorded baseline) moved since the export is skipped, unless `--rebase`: then segments
//! are matched by their source text, and the page is written if every segment it needs now has
//! a translation. A missing translation is created from the source (as `tolk new` does,
//! without `draft: true` when every segment is filled); a draft or untranslated one gets the
//! source's body and fields, translated; a stale one gets exactly its changed units replaced,
//! every other byte kept. The baseline is recorded as `tolk mark` records it. A page with empty
//! segments is reported and left as it is (a new page is created as a draft). Every write is
//! atomic.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use super::export::{self, Edit, Mode, PageWork, Targets};
use super::segments::{self, Segmented, YamlStyle, yaml_scalar};
use super::{Returned, ReturnedPage, po, xliff};
use crate::edit::{atomic, mark, new};
use crate::load::frontmatter;
use crate::model::Site;

/// What import may do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Accept files whose page sources changed since export, matching segments by text.
    pub rebase: bool,
    /// Refuse files for any other locale.
    pub locale: Option<String>,
    /// Check everything, write nothing.
    pub dry_run: bool,
}

/// One problem with the input, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file (as given).
    pub file: String,
    /// Its line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input has problems; nothing was written.
    #[error("{} problem(s) in the input; nothing was written:\n{}", .0.len(), .0.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
    /// The site could not be read, or a write failed.
    #[error(transparent)]
    Failed(#[from] crate::Error),
}

/// A page written (or, with `dry_run`, that would be).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Path of the translation.
    pub path: String,
    /// Whether it was created.
    pub created: bool,
    /// Whether it is complete (up to date); a created page that is not is a draft.
    pub complete: bool,
    /// Segments written.
    pub segments: usize,
    /// Of those, still marked for review in the file (memory matches nobody confirmed).
    pub unreviewed: usize,
}

/// What import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Pages written, in path order.
    pub written: Vec<Written>,
    /// Pages left as they were, with the reason (path, reason).
    pub skipped: Vec<(String, String)>,
    /// Pages already up to date (imported before), in path order.
    pub current: Vec<String>,
}

/// Reads a returned file: PO by its `.po`/`.pot` name, else XLIFF.
pub fn read_file(name: &str, text: &str) -> Result<Returned, Problem> {
    let is_po = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("po") || e.eq_ignore_ascii_case("pot"));
    let read = if is_po {
        po::read(name, text)
    } else {
        xliff::read(name, text)
    };
    read.map_err(|m| Problem {
        file: name.to_string(),
        line: Some(m.line),
        message: m.message,
    })
}

const UP_TO_DATE: &str = "already up to date";

/// A page to write.
struct Planned {
    path: String,
    text: String,
    created: bool,
    complete: bool,
    segments: usize,
    unreviewed: usize,
}

/// Imports the returned `files` (name, text) into the site.
pub fn import(
    site: &Site,
    files: &[(String, String)],
    options: &Options,
) -> Result<Outcome, ImportError> {
    let mut problems = Vec::new();
    let mut returned = Vec::new();
    for (name, text) in files {
        match read_file(name, text) {
            Ok(r) => returned.push(r),
            Err(p) => problems.push(p),
        }
    }
    let mut locales = Vec::new();
    for file in &returned {
        match check_locale(site, file, options) {
            Ok(code) => locales.push(code),
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::Invalid(problems));
    }
    let pairs = export::pair_states(site);
    let mut outcome = Outcome::default();
    let mut planned: Vec<Planned> = Vec::new();
    let mut seen: BTreeMap<(String, String), String> = BTreeMap::new();
    for (file, locale) in returned.iter().zip(&locales) {
        // The work as it is now, for the file's pages at once.
        let keys: Vec<String> = file.pages.iter().map(|p| p.key.clone()).collect();
        let work = export::work_with(site, locale, Some(&keys), &pairs)?;
        let mut now: BTreeMap<String, PageWork> =
            work.pages.into_iter().map(|p| (p.key.clone(), p)).collect();
        let skipped: BTreeMap<String, String> = work.skipped.into_iter().collect();
        for page in &file.pages {
            if let Some(first) = seen.insert((locale.clone(), page.key.clone()), file.file.clone())
            {
                problems.push(Problem {
                    file: file.file.clone(),
                    line: None,
                    message: format!(
                        "page `{}` ({locale}) is also in {first}: import it once",
                        page.key
                    ),
                });
                continue;
            }
            let current = now.remove(&page.key);
            let translation_path = site.page(locale, &page.key).map(|p| p.path.clone());
            let skip = translation_path.and_then(|path| skipped.get(&path).cloned());
            let found = Found {
                file,
                locale,
                page,
                now: current,
                skipped: skip,
            };
            match plan_page(site, found, options, &mut problems) {
                Ok(Some(plan)) => planned.push(plan),
                Ok(None) => {}
                Err(reason) if reason == UP_TO_DATE => {
                    outcome.current.push(shown_path(site, locale, page))
                }
                Err(reason) => outcome
                    .skipped
                    .push((shown_path(site, locale, page), reason)),
            }
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::Invalid(problems));
    }
    planned.sort_by(|a, b| a.path.cmp(&b.path));
    for plan in planned {
        if !options.dry_run {
            let path = site.root.join(&plan.path);
            if plan.created {
                atomic::create_new(&path, plan.text.as_bytes())?;
            } else {
                atomic::replace(&path, plan.text.as_bytes())?;
            }
        }
        outcome.written.push(Written {
            path: plan.path,
            created: plan.created,
            complete: plan.complete,
            segments: plan.segments,
            unreviewed: plan.unreviewed,
        });
    }
    outcome.skipped.sort();
    outcome.current.sort();
    Ok(outcome)
}

fn shown_path(site: &Site, locale: &str, page: &ReturnedPage) -> String {
    site.page(locale, &page.key)
        .map(|p| p.path.clone())
        .unwrap_or_else(|| {
            if page.target_path.is_empty() {
                page.key.clone()
            } else {
                page.target_path.clone()
            }
        })
}

fn check_locale(site: &Site, file: &Returned, options: &Options) -> Result<String, Problem> {
    let problem = |message: String| Problem {
        file: file.file.clone(),
        line: None,
        message,
    };
    let targets: Vec<&str> = site.config.targets().map(|l| l.code.as_str()).collect();
    let Some((locale, _)) = site.config.resolve_locale(&file.locale) else {
        return Err(problem(format!(
            "it is a translation into `{}`, which is not a locale of this site (targets: {})",
            file.locale,
            targets.join(", ")
        )));
    };
    if locale.code == site.config.source_locale {
        return Err(problem(format!(
            "it is a translation into `{}`, the source locale",
            locale.code
        )));
    }
    if let Some(wanted) = &options.locale {
        let wanted_code = site
            .config
            .resolve_locale(wanted)
            .map_or(wanted.as_str(), |(l, _)| l.code.as_str());
        if wanted_code != locale.code {
            return Err(problem(format!(
                "it is a translation into `{}`, not `{wanted_code}` as --locale asks",
                locale.code
            )));
        }
    }
    if !file.source_locale.is_empty()
        && site
            .config
            .resolve_locale(&file.source_locale)
            .is_none_or(|(l, _)| l.code != site.config.source_locale)
    {
        return Err(problem(format!(
            "it translates from `{}`, but this site's source locale is `{}`",
            file.source_locale, site.config.source_locale
        )));
    }
    Ok(locale.code.clone())
}

/// Plans one page: `Ok(None)` when the input has problems (pushed), `Err` for a page skipped.
/// A returned page with the work on it as it is now.
struct Found<'a> {
    file: &'a Returned,
    locale: &'a str,
    page: &'a ReturnedPage,
    now: Option<PageWork>,
    skipped: Option<String>,
}

fn plan_page(
    site: &Site,
    found: Found<'_>,
    options: &Options,
    problems: &mut Vec<Problem>,
) -> Result<Option<Planned>, String> {
    let Found {
        file,
        locale,
        page,
        now,
        skipped,
    } = found;
    let Some(source) = site.source_page(&page.key) else {
        return Err(format!("the site has no source page `{}`", page.key));
    };
    if let Some(reason) = skipped {
        return Err(reason);
    }
    let Some(now) = now else {
        return Err(UP_TO_DATE.into());
    };
    let moved = now.source_hash != page.source_hash
        || now.mode.code() != page.mode
        || (now.mode == Mode::Update && now.baseline != page.baseline);
    if moved && !options.rebase {
        let what = if now.source_hash != page.source_hash {
            format!("its source {} changed since the export", source.path)
        } else {
            "the translation changed since the export".to_string()
        };
        return Err(format!(
            "{what}: export again, or import with --rebase to keep the segments whose source text is unchanged"
        ));
    }
    // Match the returned segments to the ones needed now.
    let mut by_id: BTreeMap<&str, &super::ReturnedUnit> = BTreeMap::new();
    for unit in &page.units {
        by_id.insert(unit.id.as_str(), unit);
    }
    let needed: BTreeMap<&str, &export::Entry> = now
        .entries
        .iter()
        .map(|e| (e.segment.id.as_str(), e))
        .collect();
    if !moved {
        for unit in &page.units {
            if !needed.contains_key(unit.id.as_str()) {
                problems.push(Problem {
                    file: file.file.clone(),
                    line: Some(unit.line),
                    message: format!("segment `{}` is not a segment of `{}`", unit.id, page.key),
                });
            }
        }
    }
    let mut targets: Targets = BTreeMap::new();
    let mut empty = 0usize;
    let mut unreviewed = 0usize;
    let before = problems.len();
    for entry in &now.entries {
        let source_text = entry.segment.marked();
        let unit = by_id
            .get(entry.segment.id.as_str())
            .filter(|u| !moved || u.source == source_text)
            .copied()
            .or_else(|| {
                moved
                    .then(|| page.units.iter().find(|u| u.source == source_text))
                    .flatten()
            });
        let Some(target) = unit.and_then(|u| u.target.as_ref()) else {
            empty += 1;
            continue;
        };
        let Some(unit) = unit else { continue };
        if let Err(message) = entry.segment.check(target) {
            problems.push(Problem {
                file: file.file.clone(),
                line: Some(unit.line),
                message: format!(
                    "segment `{}` of {} ({}): {message}",
                    entry.segment.id, source.path, locale
                ),
            });
            continue;
        }
        if segments::has_text(&entry.segment.pieces) && !segments::has_text(target) {
            empty += 1;
            continue;
        }
        unreviewed += usize::from(unit.unreviewed);
        targets.insert(entry.segment.id.clone(), target.clone());
    }
    if problems.len() > before {
        return Ok(None);
    }
    let complete = empty == 0;
    if !complete && now.mode != Mode::Create {
        return Err(format!(
            "{empty} of {} segment(s) have no translation: left as it was",
            now.entries.len()
        ));
    }
    let text = match now.mode {
        Mode::Create => create(site, locale, &now, &targets, complete),
        Mode::Whole => whole(site, locale, &now, &targets),
        Mode::Update => update(site, locale, &now, &targets),
    }?;
    let text = if now.mode == Mode::Create {
        text
    } else {
        mark::set_source_hash(&text, &now.source_hash)?
    };
    if let Err(e) = frontmatter::split(&text) {
        return Err(format!("the translated page would not be valid: {e}"));
    }
    Ok(Some(Planned {
        path: now.target_path.clone(),
        text,
        created: now.mode == Mode::Create,
        complete,
        segments: targets.len(),
        unreviewed,
    }))
}

/// A new translation: the source translated, scaffolded as `tolk new` does.
fn create(
    site: &Site,
    locale: &str,
    now: &PageWork,
    targets: &Targets,
    complete: bool,
) -> Result<String, String> {
    let source = site
        .source_page(&now.key)
        .ok_or_else(|| "no source page".to_string())?;
    let translated = export::render_range(
        source.text(),
        0..source.text().len(),
        now.source.segments(),
        targets,
        &BTreeMap::new(),
    );
    let Some(target) = site.config.locale(locale) else {
        return Err("unknown locale".into());
    };
    let text = new::scaffold(&new::Scaffold {
        source_text: &translated,
        source_prefix: &site.config.source().prefix,
        target,
        source_hash: &now.source_hash,
    });
    Ok(if complete { finished(&text) } else { text })
}

/// `text` without the scaffold's reminder comments and its `draft: true`.
fn finished(text: &str) -> String {
    let Ok(split) = frontmatter::split(text) else {
        return text.to_string();
    };
    if !split.has_front_matter {
        return text.to_string();
    }
    let front_end = split.yaml_offset + split.yaml.len();
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..split.yaml_offset]);
    for line in text[split.yaml_offset..front_end].split_inclusive('\n') {
        let trimmed = line.trim();
        let reminder = trimmed.starts_with('#')
            && (trimmed.contains("translation: translate title")
                || trimmed.contains("then remove `draft: true`"));
        let draft = !line.starts_with([' ', '\t'])
            && trimmed
                .strip_prefix("draft:")
                .is_some_and(|v| v.trim() == "true");
        if !reminder && !draft {
            out.push_str(line);
        }
    }
    out.push_str(&text[front_end..]);
    out
}

/// A draft or untranslated translation: its fields translated in place, its body the source's
/// translated, `draft: true` removed.
fn whole(site: &Site, locale: &str, now: &PageWork, targets: &Targets) -> Result<String, String> {
    let (source, translation) = pages(site, locale, now)?;
    let ours = segments::segment(
        &translation.path,
        translation.text(),
        &site.config.translate_fields,
    );
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    field_edits(translation.text(), now, &ours, targets, &mut edits)?;
    let body = export::render_range(
        source.text(),
        now.source.body_offset..source.text().len(),
        now.source.segments(),
        targets,
        &BTreeMap::new(),
    );
    edits.push((ours.body_offset..translation.text().len(), body));
    Ok(finished(&apply(translation.text(), edits)?))
}

fn pages<'a>(
    site: &'a Site,
    locale: &str,
    now: &PageWork,
) -> Result<(&'a crate::Page, &'a crate::Page), String> {
    let source = site
        .source_page(&now.key)
        .ok_or_else(|| "no source page".to_string())?;
    let translation = site
        .page(locale, &now.key)
        .ok_or_else(|| "the translation is gone".to_string())?;
    Ok((source, translation))
}

/// Edits setting each translated field of the source in the translation's front matter.
fn field_edits(
    text: &str,
    now: &PageWork,
    ours: &Segmented,
    targets: &Targets,
    edits: &mut Vec<(Range<usize>, String)>,
) -> Result<(), String> {
    for unit in now.source.units.iter().filter(|u| u.is_field) {
        let Some(segment) = unit.segments.first() else {
            continue;
        };
        let Some(target) = targets.get(&segment.id) else {
            continue;
        };
        let value = segment.render(target);
        match ours.field(&unit.id) {
            Some(mine) => edits.push((mine.range.clone(), value)),
            None => {
                let name = unit.id.trim_start_matches("field.");
                if name.contains('.') {
                    continue;
                }
                let split = frontmatter::split(text).map_err(|e| e.to_string())?;
                let at = split.yaml_offset + split.yaml.len();
                edits.push((at..at, format!("{name}: {value}\n")));
            }
        }
    }
    Ok(())
}

/// A stale translation with its changed units replaced.
fn update(site: &Site, locale: &str, now: &PageWork, targets: &Targets) -> Result<String, String> {
    let (source, translation) = pages(site, locale, now)?;
    let verbatim: BTreeMap<String, String> = now
        .kept
        .iter()
        .filter_map(|(id, range)| {
            Some((
                id.clone(),
                translation.text().get(range.clone())?.to_string(),
            ))
        })
        .collect();
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for edit in &now.edits {
        let render = |unit: usize| {
            now.source
                .units
                .get(unit)
                .map(|u| {
                    export::render_range(
                        source.text(),
                        u.range.clone(),
                        &u.segments,
                        targets,
                        &verbatim,
                    )
                })
                .unwrap_or_default()
        };
        match edit {
            Edit::Replace { at, unit } => edits.push((at.clone(), render(*unit))),
            Edit::Insert {
                at,
                unit,
                before,
                after,
            } => edits.push((*at..*at, format!("{before}{}{after}", render(*unit)))),
            Edit::InsertField { at, name, unit } => {
                let value = render(*unit);
                let value = if value.is_empty() {
                    yaml_scalar("", YamlStyle::Double)
                } else {
                    value
                };
                edits.push((*at..*at, format!("{name}: {value}\n")));
            }
            Edit::Delete { range } => edits.push((range.clone(), String::new())),
        }
    }
    apply(translation.text(), edits)
}

/// `text` with each range replaced; insertions at one offset keep their order.
fn apply(text: &str, mut edits: Vec<(Range<usize>, String)>) -> Result<String, String> {
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for (range, replacement) in edits {
        if range.start < cursor || range.end > text.len() {
            return Err("its changed blocks overlap; update it by hand".into());
        }
        out.push_str(&text[cursor..range.start]);
        out.push_str(&replacement);
        cursor = range.end;
    }
    out.push_str(&text[cursor..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finished_drops_reminders_and_draft() {
        let text = "---\n# Nynorsk translation: translate title, ingress, description, menu names and the text below,\n# then remove `draft: true` and run `tolk mark` on this file.\ntitle: Om\ndraft: true\nl10n:\n  source_hash: abc\n---\nTekst\n";
        assert_eq!(
            finished(text),
            "---\ntitle: Om\nl10n:\n  source_hash: abc\n---\nTekst\n"
        );
    }

    #[test]
    fn apply_keeps_insertion_order() {
        let edits = vec![
            (2..2, "b".to_string()),
            (2..2, "c".to_string()),
            (0..1, "A".into()),
        ];
        assert_eq!(apply("xyz", edits).unwrap(), "Aybcz");
        assert!(apply("xyz", vec![(0..2, "a".into()), (1..3, "b".into())]).is_err());
    }
}
