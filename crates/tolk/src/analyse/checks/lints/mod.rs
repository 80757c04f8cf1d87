//! Content lints: what is wrong inside pages and between a page and its source, beyond the
//! translation states.
//!
//! One module a concern: [`mojibake`] (text decoded with the wrong encoding), [`attributes`]
//! (`unsafe-attribute`: heading attributes the build drops), [`language`]
//! (`untranslated-text`, `untranslated-field`), [`fields`] (`field-drift`, `missing-field`,
//! `url-format`), [`structure`] (`structure-mismatch`) and [`links`] (`broken-link`,
//! `fallback-link`, `unlocalized-link`), with [`served`] for what a site serves besides its
//! pages. [`crate::markdown::body`] reads a Markdown body into the blocks and links they share;
//! [`crate::markdown::words`] picks out the words that tell a block's language.
//!
//! Pages are linted by translation key: a source page's body is read once, its blocks indexed
//! once, its links resolved once (and the pages its front matter names), and all compared with
//! each of its translations before the group is dropped, so only the groups in progress are
//! held in memory. Each page's text is read once for all the lints ([`Page::read_text`]): a
//! site loaded without its texts ([`Texts::OnDemand`](crate::Texts::OnDemand)) reads each
//! file again here and keeps none of them. Each translation's links are resolved once too, for `links` and
//! `structure` both. Pages outside any group (orphans, drafts) are linted on their own.
//!
//! Every finding with a place carries a 1-based line and column: body lines count from the
//! page's first body line, columns count characters (not bytes), as editors do. Severities
//! come from the catalogue in [`codes`](crate::diagnostics::codes); tolk.yaml's `severity:` policy is applied
//! afterwards, to all findings at once. Drafts are in progress and unpublished, so only
//! `mojibake` looks at them.

pub mod attributes;
pub mod fields;
pub mod language;
pub mod links;
pub mod mojibake;
pub mod served;
pub mod structure;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::diagnostics::Finding;
use crate::load::frontmatter;
use crate::markdown::body::{self, Body, TextIndex, read_page_text};
use crate::markdown::normalise::normalized;
use crate::model::{Page, PageText, Site};

/// Every content-lint finding of `site`, in no particular order (the caller sorts).
pub fn findings(site: &Site) -> Vec<Finding> {
    let index = links::UrlIndex::new(site);
    let required = fields::Required::new(site);
    let (groups, loners) = groups(site);
    let mut found: Vec<Finding> = groups
        .par_iter()
        .flat_map_iter(|group| group_findings(site, &index, &required, group))
        .collect();
    found.par_extend(loners.par_iter().flat_map_iter(|page| {
        page_findings(site, &index, &required, page, &page.read_text(), None)
    }));
    found
}

/// A source page and its published translations, linted together so that the source's body
/// is read once, compared with each translation, and dropped.
struct Group<'a> {
    source: &'a Page,
    translations: Vec<&'a Page>,
}

/// The pages of `site` by translation key, and the pages that belong to no group (orphans,
/// drafts, pages whose front matter or whose source's front matter cannot be read).
fn groups(site: &Site) -> (Vec<Group<'_>>, Vec<&Page>) {
    let mut groups: Vec<Group<'_>> = site
        .source_pages()
        .filter(|p| p.front_ok)
        .map(|source| Group {
            source,
            translations: Vec::new(),
        })
        .collect();
    let by_key: HashMap<&str, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.source.key.as_str(), i))
        .collect();
    let mut loners = Vec::new();
    for page in &site.pages {
        match by_key.get(page.key.as_str()).copied() {
            Some(i) if std::ptr::eq(groups[i].source, page) => {}
            Some(i) if fully_linted(page) && source_of(site, page).is_some() => {
                groups[i].translations.push(page);
            }
            _ => loners.push(page),
        }
    }
    (groups, loners)
}

/// Whether the content lints look at more than the encoding of `page`.
fn fully_linted(page: &Page) -> bool {
    page.front_ok && page.is_tracked()
}

/// The findings of a source page and its translations.
fn group_findings(
    site: &Site,
    index: &links::UrlIndex<'_>,
    required: &fields::Required,
    group: &Group<'_>,
) -> Vec<Finding> {
    let text = group.source.read_text();
    if group.translations.is_empty() {
        return page_findings(site, index, required, group.source, &text, None);
    }
    let body = read_page_text(group.source, &text);
    let links = index.resolve(&body);
    let mut found = page_findings(site, index, required, group.source, &text, Some(&links));
    let text_index = TextIndex::new(&body);
    let refs = fields::SourceRefs::new(site, group.source);
    let source = Source {
        side: Side::new(group.source, text.body(), &body),
        links: &links,
        text_index: &text_index,
        refs: &refs,
    };
    for page in &group.translations {
        found.extend(translation_findings(site, index, required, page, &source));
    }
    found
}

/// A page with the text of its body and that body read: one side of a comparison.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// The page.
    pub page: &'a Page,
    /// Its body's text.
    pub text: &'a str,
    /// Its body, read.
    pub body: &'a Body,
}

impl<'a> Side<'a> {
    /// `page`, whose body's text is `text` and which reads as `body`.
    pub fn new(page: &'a Page, text: &'a str, body: &'a Body) -> Self {
        Side { page, text, body }
    }

    /// The file line and column of byte `offset` of the body.
    pub fn place(&self, offset: usize) -> (u32, u32) {
        body_place(self.page, self.text, offset)
    }
}

/// A source page, read, its links and references resolved, as each of its translations is
/// compared with it.
struct Source<'a> {
    side: Side<'a>,
    /// Its body's links, resolved.
    links: &'a links::ResolvedLinks<'a>,
    text_index: &'a TextIndex,
    refs: &'a fields::SourceRefs<'a>,
}

/// The content-lint findings of one page on its own, whose text is `text`, with its body's
/// links when already resolved.
fn page_findings(
    site: &Site,
    index: &links::UrlIndex<'_>,
    required: &fields::Required,
    page: &Page,
    text: &PageText<'_>,
    links: Option<&links::ResolvedLinks<'_>>,
) -> Vec<Finding> {
    let mut found = mojibake::findings(page, text.text());
    if page.is_tracked() {
        found.extend(attributes::findings(site, page, text.body()));
    }
    if !fully_linted(page) {
        return found;
    }
    found.extend(fields::page_findings(site, required, page, text.body()));
    match links {
        Some(links) => found.extend(links::findings(index, page, text.body(), links)),
        None => {
            let body = read_page_text(page, text);
            found.extend(links::findings(
                index,
                page,
                text.body(),
                &index.resolve(&body),
            ));
        }
    }
    found
}

/// The content-lint findings of a published translation: its own, and against its source.
fn translation_findings(
    site: &Site,
    index: &links::UrlIndex<'_>,
    required: &fields::Required,
    page: &Page,
    source: &Source<'_>,
) -> Vec<Finding> {
    let text = page.read_text();
    let body = read_page_text(page, &text);
    let links = index.resolve(&body);
    let mut found = page_findings(site, index, required, page, &text, Some(&links));
    let side = Side::new(page, text.body(), &body);
    let mut pair = language::findings(site, side, source.side, source.text_index);
    pair.extend(fields::pair_findings_against(site, page, source.refs));
    pair.extend(structure::findings(
        index,
        page,
        text.body(),
        &links,
        source.side.page,
        source.links,
    ));
    for finding in &mut pair {
        finding.source_path = Some(source.side.page.path.clone());
    }
    found.extend(pair);
    found
}

/// The codes [`against_source`] reports: what says a translation does not yet follow its source.
pub const AGAINST_SOURCE: [&str; 3] = [
    "untranslated-text",
    "untranslated-field",
    "structure-mismatch",
];

/// The findings of each translation in `pages` against its source as it is now:
/// `untranslated-text`, `untranslated-field` and `structure-mismatch` (what `tolk mark` checks
/// before it records the current source as the baseline). Drafts are judged too; source pages
/// and orphans have none. The URL index is built once for all of `pages`.
pub fn against_source(site: &Site, pages: &[&Page]) -> Vec<Finding> {
    let index = links::UrlIndex::new(site);
    let mut found = Vec::new();
    for page in pages {
        let Some(source) = source_of(site, page).filter(|_| page.front_ok) else {
            continue;
        };
        let source_body = body::read(source.body());
        let text_index = TextIndex::new(&source_body);
        let body = body::read(page.body());
        let mut pair = language::findings(
            site,
            Side::new(page, page.body(), &body),
            Side::new(source, source.body(), &source_body),
            &text_index,
        );
        pair.extend(structure::findings(
            &index,
            page,
            page.body(),
            &index.resolve(&body),
            source,
            &index.resolve(&source_body),
        ));
        for finding in &mut pair {
            finding.source_path = Some(source.path.clone());
        }
        found.extend(pair);
    }
    crate::diagnostics::sort_findings(&mut found);
    found
}

/// The source page of a published translation: `None` for source pages, orphans, and pages
/// whose source cannot be read.
fn source_of<'a>(site: &'a Site, page: &Page) -> Option<&'a Page> {
    if page.locale == site.config.source_locale {
        return None;
    }
    let source = site.source_page(&page.key)?;
    source.front_ok.then_some(source)
}

/// File line and column of byte `offset` within `body`, the body of `page`.
pub(crate) fn body_place(page: &Page, body: &str, offset: usize) -> (u32, u32) {
    let (line, column) = crate::place::line_column(body, offset);
    (line + page.body_line as u32 - 1, column)
}

/// The file line of a front-matter field, following nested keys (`["menu", "main", "weight"]`)
/// in block-style YAML; the deepest key found is used when the full path is not written out.
pub(crate) fn field_line(page: &Page, path: &[&str]) -> Option<u32> {
    let split = frontmatter::split(page.head()).ok()?;
    let mut found = None;
    let mut min_indent = 0usize;
    let mut wanted = path.iter();
    let mut next = wanted.next()?;
    for (i, line) in split.yaml.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if found.is_some() && indent < min_indent {
            break;
        }
        let key = trimmed.trim_start_matches("- ");
        if indent >= min_indent
            && let Some(rest) = key.strip_prefix(*next)
            // `key:` in YAML, `key =` in TOML front matter.
            && rest.trim_start().starts_with([':', '='])
        {
            found = Some(i + split.yaml_line);
            min_indent = indent + 1;
            match wanted.next() {
                Some(key) => next = key,
                None => break,
            }
        }
    }
    found.map(|l| l as u32)
}

/// Where a finding about a front-matter field goes: the field's line, else the opening fence.
pub(crate) fn field_place(page: &Page, path: &[&str]) -> (Option<u32>, Option<u32>) {
    match field_line(page, path) {
        Some(line) => (Some(line), Some(1)),
        None => (Some(1), Some(1)),
    }
}

/// `text` shortened to about `max` characters, on one line, for a message.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    let flat = normalized(text);
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{cut} …")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_line_follows_nested_keys() {
        let text = "---\ntitle: T\nmenu:\n  footer:\n    weight: 1\n  main:\n    name: Om\n    weight: 5\nsitemap: { priority: 0.5 }\n---\nBody\n";
        let config = crate::config::Config::default();
        let file = crate::load::RawFile {
            content_path: "nb/om.md".into(),
            path: "content/nb/om.md".into(),
            bytes: text.as_bytes().to_vec(),
        };
        let site = Site::from_files(
            std::path::Path::new("/site"),
            config,
            vec![file],
            Vec::new(),
        );
        let page = &site.pages[0];
        assert_eq!(field_line(page, &["title"]), Some(2));
        assert_eq!(field_line(page, &["menu", "main", "weight"]), Some(8));
        assert_eq!(field_line(page, &["menu", "main", "name"]), Some(7));
        assert_eq!(field_line(page, &["menu", "footer", "weight"]), Some(5));
        // Flow style: the deepest key written on its own line.
        assert_eq!(field_line(page, &["sitemap", "priority"]), Some(9));
        assert_eq!(field_line(page, &["description"]), None);
        assert_eq!(field_place(page, &["description"]), (Some(1), Some(1)));
    }

    #[test]
    fn excerpt_is_short_and_flat() {
        assert_eq!(excerpt("a  b\nc", 10), "a b c");
        assert_eq!(excerpt("one two three four", 9), "one two …");
    }
}
