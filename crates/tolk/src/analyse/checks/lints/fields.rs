//! Front-matter lints: `missing-field` and `url-format` for every published page,
//! `field-drift` between a translation and its source.
//!
//! `missing-field` asks for the fields the site uses: tolk.yaml's `required_fields`, else
//! `title` where some page of the source locale sets one, and `description` where nearly
//! every one does (see [`OPTIONAL_SHARE`]): a site that never writes a `description`, or
//! writes one on some pages only (Astro's docs, on about half), is not told, page by page,
//! that it lacks one.
//!
//! Drift compares what places a page in the site rather than its text: menu weight and
//! parent, `sitemap.priority`, and `related_pages`, the last two by the pages they name (a
//! translation may write `/en/about-minid/` where the source writes `/om-minid`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::field_place;
use crate::analyse::checks::urls;
use crate::diagnostics::{Finding, codes};
use crate::model::{Page, Site, pairing};

/// The fields `missing-field` asks for when tolk.yaml names none, if the site uses them.
pub const CANDIDATES: &[&str] = &["title", "description"];

/// The front-matter fields every published page must set, decided once per run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Required {
    fields: Vec<String>,
}

impl Required {
    /// tolk.yaml's `required_fields`, else [`used_fields`].
    pub fn new(site: &Site) -> Self {
        let fields = match &site.config.required_fields {
            Some(fields) => fields.clone(),
            None => used_fields(site),
        };
        Required { fields }
    }

    /// The fields, in order.
    pub fn fields(&self) -> &[String] {
        &self.fields
    }
}

/// The share of the published pages of the source locale that may go without a
/// `description` while the site still uses it: the pages that lack one then stand out as
/// forgotten. One page without is always taken for forgotten.
pub const OPTIONAL_SHARE: f64 = 0.1;

/// Those of the [`CANDIDATES`] the site uses: `title` where some published page of the
/// source locale sets one (every generator shows a title), `description` where one does and
/// no more than one page, or [`OPTIONAL_SHARE`] of them, go without (many sites write it on
/// some pages only). A `title` that Docusaurus takes from the first heading counts as set.
pub fn used_fields(site: &Site) -> Vec<String> {
    let mut set = [0usize; CANDIDATES.len()];
    let mut pages = 0usize;
    for page in site
        .source_pages()
        .filter(|p| p.front_ok && p.is_published())
    {
        pages += 1;
        for (count, field) in set.iter_mut().zip(CANDIDATES) {
            if has_field(page, field) || title_from_heading(site, page.read_text().body(), field) {
                *count += 1;
            }
        }
    }
    CANDIDATES
        .iter()
        .zip(set)
        .filter(|&(field, count)| {
            let lacking = pages - count;
            count > 0
                && (*field == "title"
                    || lacking <= 1
                    || lacking as f64 <= OPTIONAL_SHARE * pages as f64)
        })
        .map(|(field, _)| field.to_string())
        .collect()
}

/// Whether `page` sets `field` to something other than blank: the known fields as read (in
/// any front-matter format), other fields by their (dotted) path, case-insensitively as Hugo
/// reads keys.
fn has_field(page: &Page, field: &str) -> bool {
    let known = match field {
        "title" => Some(&page.front.title),
        "description" => Some(&page.front.description),
        "ingress" => Some(&page.front.ingress),
        _ => None,
    };
    if let Some(value) = known {
        return value.as_deref().is_some_and(|v| !v.trim().is_empty());
    }
    let mut value: Option<&serde_yaml::Value> = None;
    let mut mapping = Some(page.front_data());
    for part in field.split('.') {
        let found = mapping.and_then(|m| {
            m.iter()
                .find(|(k, _)| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case(part)))
                .map(|(_, v)| v)
        });
        value = found;
        mapping = found.and_then(serde_yaml::Value::as_mapping);
    }
    match value {
        None | Some(serde_yaml::Value::Null) => false,
        Some(serde_yaml::Value::String(s)) => !s.trim().is_empty(),
        Some(serde_yaml::Value::Sequence(items)) => !items.is_empty(),
        Some(serde_yaml::Value::Mapping(map)) => !map.is_empty(),
        Some(_) => true,
    }
}

/// Whether `field` is the title of a Docusaurus page that has none in its front matter but
/// whose body opens with a `# heading`: Docusaurus takes the title from it.
fn title_from_heading(site: &Site, body: &str, field: &str) -> bool {
    field == "title"
        && site.config.conventions.layout == crate::config::Layout::Docusaurus
        && body
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("import ") && !l.starts_with("<!--"))
            .is_some_and(|l| l.starts_with("# "))
}

/// `missing-field` and `url-format` findings of one published page, whose body is `body`.
pub fn page_findings(site: &Site, required: &Required, page: &Page, body: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    if !page.is_published() {
        // A snippet the generator does not render has no fields to show and no URL.
        return found;
    }
    for field in required.fields() {
        if !has_field(page, field) && !title_from_heading(site, body, field) {
            let path: Vec<&str> = field.split('.').collect();
            let (line, column) = field_place(page, &path);
            found.push(
                Finding::new(
                    &codes::MISSING_FIELD,
                    page.path.clone(),
                    format!("the page has no `{field}`; add one to the front matter"),
                )
                .locale(page.locale.clone())
                .key(page.key.clone())
                .at(line, column),
            );
        }
    }
    if let Some(problems) = url_problems(site, page) {
        let (line, column) = if page.front.url.is_some() {
            field_place(page, &["url"])
        } else {
            (None, None)
        };
        let origin = if page.front.url.is_some() {
            "fix its `url`"
        } else {
            "the URL comes from the file's path: rename the file or set `url`"
        };
        found.push(
            Finding::new(
                &codes::URL_FORMAT,
                page.path.clone(),
                format!("the page URL `{}` {problems}; {origin}", page.url),
            )
            .locale(page.locale.clone())
            .key(page.key.clone())
            .at(line, column),
        );
    }
    found
}

/// What is wrong with a page's URL, as a phrase, or `None`.
fn url_problems(site: &Site, page: &Page) -> Option<String> {
    let url = page.url.as_str();
    if urls::url_problem(url).is_some() {
        // `unsafe-url` reports it.
        return None;
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let mut problems = Vec::new();
    if path.chars().any(char::is_uppercase) {
        problems.push("has upper-case letters".to_string());
    }
    if path.contains(char::is_whitespace) || path.contains("%20") {
        problems.push("has spaces".to_string());
    }
    let last = path.rsplit('/').next().unwrap_or("");
    if !path.ends_with('/') && !last.contains('.') {
        problems.push("does not end with `/`".to_string());
    }
    if let Some(locale) = site.config.locale(&page.locale) {
        let under = path.starts_with(&locale.prefix) || path == locale.prefix.trim_end_matches('/');
        // A URL under another locale's prefix is a `locale-mismatch`, reported already.
        let elsewhere = site
            .config
            .locale_of_url(path)
            .is_some_and(|l| l.code != page.locale);
        if !under && !elsewhere {
            problems.push(format!(
                "is not under the `{}` prefix `{}`",
                locale.code, locale.prefix
            ));
        }
    }
    if problems.is_empty() {
        None
    } else {
        Some(join(&problems))
    }
}

fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The key a reference names, or the reference itself (normalised) when it names no page.
fn resolved<'s>(site: &'s Site, reference: &str) -> Cow<'s, str> {
    match site.resolve_ref(reference) {
        Some(key) => Cow::Borrowed(key),
        None => Cow::Owned(pairing::normalize_key(reference)),
    }
}

/// A source page with the pages its front matter names (menu parents, `related_pages`)
/// resolved once, to compare each of its translations with.
pub struct SourceRefs<'a> {
    page: &'a Page,
    /// Each menu's parent, resolved.
    parents: BTreeMap<&'a str, Option<Cow<'a, str>>>,
    /// `related_pages`, resolved.
    related: Vec<Cow<'a, str>>,
}

impl<'a> SourceRefs<'a> {
    /// The references of `source`, resolved.
    pub fn new(site: &'a Site, source: &'a Page) -> Self {
        SourceRefs {
            page: source,
            parents: source
                .front
                .menus
                .iter()
                .map(|(menu, entry)| (menu.as_str(), resolved_parent(site, &entry.parent)))
                .collect(),
            related: resolved_all(site, &source.front.related_pages),
        }
    }
}

/// The key a menu entry's parent names, if it has one.
fn resolved_parent<'s>(site: &'s Site, parent: &Option<String>) -> Option<Cow<'s, str>> {
    parent.as_deref().map(|p| resolved(site, p))
}

/// The keys `references` name.
fn resolved_all<'s>(site: &'s Site, references: &[String]) -> Vec<Cow<'s, str>> {
    references.iter().map(|r| resolved(site, r)).collect()
}

/// `field-drift` findings of a published translation against its source.
pub fn pair_findings(site: &Site, page: &Page, source: &Page) -> Vec<Finding> {
    pair_findings_against(site, page, &SourceRefs::new(site, source))
}

/// [`pair_findings`] against a source whose references are resolved already.
pub fn pair_findings_against(site: &Site, page: &Page, source: &SourceRefs<'_>) -> Vec<Finding> {
    let SourceRefs {
        page: source,
        parents: source_parents,
        related: source_related,
    } = source;
    let mut drift: Vec<(Vec<String>, String)> = Vec::new();
    let menus: std::collections::BTreeSet<&String> = page
        .front
        .menus
        .keys()
        .chain(source.front.menus.keys())
        .collect();
    for menu in menus {
        match (page.front.menus.get(menu), source.front.menus.get(menu)) {
            (Some(ours), Some(theirs)) => {
                if ours.weight != theirs.weight {
                    drift.push((
                        vec!["menu".into(), menu.clone(), "weight".into()],
                        format!(
                            "`menu.{menu}.weight` is {} here but {} in the source",
                            show(ours.weight),
                            show(theirs.weight)
                        ),
                    ));
                }
                let theirs_parent = source_parents.get(menu.as_str()).and_then(Option::as_deref);
                if resolved_parent(site, &ours.parent).as_deref() != theirs_parent {
                    drift.push((
                        vec!["menu".into(), menu.clone(), "parent".into()],
                        format!(
                            "`menu.{menu}.parent` names {} here but {} in the source",
                            show_ref(ours.parent.as_deref()),
                            show_ref(theirs.parent.as_deref())
                        ),
                    ));
                }
            }
            (Some(_), None) => drift.push((
                vec!["menu".into(), menu.clone()],
                format!("the page is in menu `{menu}` but the source is not"),
            )),
            (None, Some(_)) => drift.push((
                vec!["menu".into()],
                format!("the source is in menu `{menu}` but this translation is not"),
            )),
            (None, None) => {}
        }
    }
    if page.front.sitemap_priority != source.front.sitemap_priority {
        drift.push((
            vec!["sitemap".into(), "priority".into()],
            format!(
                "`sitemap.priority` is {} here but {} in the source",
                show(page.front.sitemap_priority),
                show(source.front.sitemap_priority)
            ),
        ));
    }
    if let Some(message) = related_drift(site, page, source_related) {
        drift.push((vec!["related_pages".into()], message));
    }
    drift
        .into_iter()
        .map(|(path, message)| {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            let (line, column) = field_place(page, &path);
            Finding::new(
                &codes::FIELD_DRIFT,
                page.path.clone(),
                format!("{message}; use the source's value ({})", source.path),
            )
            .locale(page.locale.clone())
            .key(page.key.clone())
            .at(line, column)
        })
        .collect()
}

/// How `page`'s `related_pages` differ from `theirs`, its source's, resolved.
fn related_drift(site: &Site, page: &Page, theirs: &[Cow<'_, str>]) -> Option<String> {
    let ours = resolved_all(site, &page.front.related_pages);
    if ours == theirs {
        return None;
    }
    let extra: Vec<String> = ours
        .iter()
        .filter(|k| !theirs.contains(k))
        .map(|k| format!("`{k}`"))
        .collect();
    let lacking: Vec<String> = theirs
        .iter()
        .filter(|k| !ours.contains(k))
        .map(|k| format!("`{k}`"))
        .collect();
    let mut parts = Vec::new();
    if !lacking.is_empty() {
        parts.push(format!("lack {} of the source", join(&lacking)));
    }
    if !extra.is_empty() {
        parts.push(format!(
            "add {}, which the source does not name",
            join(&extra)
        ));
    }
    if parts.is_empty() {
        Some("`related_pages` name the source's pages in another order".to_string())
    } else {
        Some(format!("`related_pages` {}", parts.join(" and ")))
    }
}

fn show<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| "not set".to_string(), |v| v.to_string())
}

fn show_ref(value: Option<&str>) -> String {
    value.map_or_else(|| "no parent".to_string(), |v| format!("`{v}`"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::SiteBuilder;

    /// The (code, line, message) of each finding.
    fn summary(findings: &[Finding]) -> Vec<(String, Option<u32>, String)> {
        findings
            .iter()
            .map(|f| (f.code.clone(), f.line, f.message.clone()))
            .collect()
    }

    #[test]
    fn required_fields_are_those_nearly_every_published_source_page_sets() {
        let site = SiteBuilder::new()
            .page("nb", "om", "title: Om\n", "Tekst.\n")
            .page(
                "nb",
                "utkast",
                "title: Utkast\ndescription: Ikke ferdig.\ndraft: true\n",
                "",
            )
            .page(
                "en",
                "om",
                "title: About\ndescription: What it is.\n",
                "Text.\n",
            )
            .build();
        // Only the source locale's published pages count: a draft or a translation that sets
        // `description` does not make it required.
        assert_eq!(Required::new(&site).fields(), ["title"]);
        // One page without a description is taken for forgotten; two of three without, or
        // two of ten, is a site where a description is optional; one page in ten is not.
        let site = SiteBuilder::new()
            .page("nb", "om", "title: Om\n", "Tekst.\n")
            .page("nb", "kontakt", "description: Ring oss.\n", "Tekst.\n")
            .build();
        assert_eq!(Required::new(&site).fields(), ["title", "description"]);
        let site = SiteBuilder::new()
            .page("nb", "om", "title: Om\n", "Tekst.\n")
            .page("nb", "hjelp", "title: Hjelp\n", "Tekst.\n")
            .page("nb", "kontakt", "description: Ring oss.\n", "Tekst.\n")
            .build();
        assert_eq!(Required::new(&site).fields(), ["title"]);
        for (without, required) in [(2, vec!["title"]), (1, vec!["title", "description"])] {
            let mut builder = SiteBuilder::new();
            for i in 0..10 {
                let front = if i < without {
                    "title: Side\n"
                } else {
                    "title: Side\ndescription: Om siden.\n"
                };
                builder = builder.page("nb", &format!("side-{i}"), front, "Tekst.\n");
            }
            assert_eq!(
                Required::new(&builder.build()).fields(),
                required,
                "{without} of 10"
            );
        }
    }

    #[test]
    fn tolk_yaml_names_the_required_fields() {
        let site = SiteBuilder::with_config("required_fields: [ingress, menu.main.weight]\n")
            .page("nb", "om", "title: Om\n", "Tekst.\n")
            .build();
        assert_eq!(
            Required::new(&site).fields(),
            ["ingress", "menu.main.weight"]
        );
    }

    #[test]
    fn a_page_without_a_required_field_has_a_missing_field_finding() {
        let site =
            SiteBuilder::with_config("required_fields: [title, description, Menu.Main.Weight]\n")
                .page(
                    "nb",
                    "om",
                    "title: Om\ndescription: '  '\nmenu:\n  main:\n    weight: 3\n",
                    "Tekst.\n",
                )
                .build();
        let page = &site.pages[0];
        let found = page_findings(&site, &Required::new(&site), page, page.body());
        // A blank description is no description (the finding points at it); the menu weight
        // is found case-insensitively.
        assert_eq!(
            summary(&found),
            [(
                "missing-field".to_string(),
                Some(3),
                "the page has no `description`; add one to the front matter".to_string()
            )]
        );
        assert_eq!(found[0].locale.as_deref(), Some("nb"));
        assert_eq!(found[0].key.as_deref(), Some("om"));
    }

    #[test]
    fn a_url_with_capitals_spaces_and_no_slash_is_a_url_format_finding() {
        let site = SiteBuilder::new()
            .page("nb", "om", "title: Om\nurl: /Om Oss\n", "Tekst.\n")
            .page(
                "nb",
                "kontakt",
                "title: Kontakt\nurl: /kontakt/\n",
                "Tekst.\n",
            )
            .build();
        let required = Required::new(&site);
        let bad = site.page("nb", "om").expect("page");
        assert_eq!(
            summary(&page_findings(&site, &required, bad, bad.body())),
            [(
                "url-format".to_string(),
                Some(3),
                "the page URL `/Om Oss` has upper-case letters, has spaces and does not end \
                 with `/`; fix its `url`"
                    .to_string()
            )]
        );
        let good = site.page("nb", "kontakt").expect("page");
        assert!(page_findings(&site, &required, good, good.body()).is_empty());
    }

    #[test]
    fn a_url_from_the_file_name_points_at_renaming_the_file() {
        let site = SiteBuilder::new()
            .page("nb", "Kontakt", "title: Kontakt\n", "Tekst.\n")
            .build();
        let found = page_findings(
            &site,
            &Required::new(&site),
            &site.pages[0],
            site.pages[0].body(),
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, "url-format");
        assert_eq!(found[0].line, None);
        assert!(
            found[0]
                .message
                .ends_with("the URL comes from the file's path: rename the file or set `url`"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn menu_sitemap_and_related_pages_drift_from_the_source() {
        let site = SiteBuilder::new()
            .page("nb", "hjelp", "title: Hjelp\n", "")
            .page("nb", "kontakt", "title: Kontakt\n", "")
            .page(
                "nb",
                "om",
                "title: Om\nmenu:\n  main:\n    weight: 10\n    parent: hjelp\nsitemap:\n  priority: 0.5\nrelated_pages: [kontakt, hjelp]\n",
                "Tekst.\n",
            )
            .page(
                "en",
                "om",
                "title: About\nmenu:\n  main:\n    weight: 20\n    parent: /hjelp\n  footer: {}\nrelated_pages: [kontakt]\n",
                "Text.\n",
            )
            .build();
        let source = site.page("nb", "om").expect("source");
        let page = site.page("en", "om").expect("translation");
        let found = pair_findings(&site, page, source);
        let tail = "; use the source's value (content/nb/om.md)";
        // The parent `/hjelp` names the same page as `hjelp`: no drift there.
        assert_eq!(
            summary(&found),
            [
                (
                    "field-drift".to_string(),
                    Some(7),
                    format!("the page is in menu `footer` but the source is not{tail}")
                ),
                (
                    "field-drift".to_string(),
                    Some(5),
                    format!("`menu.main.weight` is 20 here but 10 in the source{tail}")
                ),
                (
                    "field-drift".to_string(),
                    Some(1),
                    format!("`sitemap.priority` is not set here but 0.5 in the source{tail}")
                ),
                (
                    "field-drift".to_string(),
                    Some(8),
                    format!("`related_pages` lack `hjelp` of the source{tail}")
                ),
            ]
        );
    }

    #[test]
    fn related_pages_in_another_order_drift_and_equal_ones_do_not() {
        let source_front = "title: Om\nrelated_pages: [kontakt, hjelp]\n";
        let site = SiteBuilder::new()
            .page("nb", "hjelp", "title: Hjelp\n", "")
            .page("nb", "kontakt", "title: Kontakt\n", "")
            .page("nb", "om", source_front, "Tekst.\n")
            .page(
                "nn",
                "om",
                "title: Om\nrelated_pages: [hjelp, kontakt]\n",
                "Tekst.\n",
            )
            .page(
                "en",
                "om",
                "title: About\nrelated_pages: [/kontakt, /hjelp/]\n",
                "Text.\n",
            )
            .build();
        let source = site.page("nb", "om").expect("source");
        let nynorsk = site.page("nn", "om").expect("nn");
        let found = pair_findings(&site, nynorsk, source);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .message
                .starts_with("`related_pages` name the source's pages in another order"),
            "{}",
            found[0].message
        );
        let english = site.page("en", "om").expect("en");
        assert_eq!(pair_findings(&site, english, source), []);
    }

    #[test]
    fn a_source_menu_the_translation_lacks_is_drift_and_no_menus_are_none() {
        let site = SiteBuilder::new()
            .page("nb", "om", "title: Om\nmenu: main\n", "Tekst.\n")
            .page("en", "om", "title: About\n", "Text.\n")
            .page("nb", "kontakt", "title: Kontakt\n", "Tekst.\n")
            .page("en", "kontakt", "title: Contact\n", "Text.\n")
            .build();
        let pair = |key: &str| {
            let source = site.page("nb", key).expect("source");
            let page = site.page("en", key).expect("translation");
            pair_findings(&site, page, source)
        };
        let found = pair("om");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .message
                .starts_with("the source is in menu `main` but this translation is not"),
            "{}",
            found[0].message
        );
        assert!(pair("kontakt").is_empty());
    }
}
