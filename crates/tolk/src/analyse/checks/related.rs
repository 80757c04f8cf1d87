//! `broken-related-page`: `related_pages` entries that name no published page.
//!
//! An entry may be a translation key, a URL of any locale or a content path
//! (`/kom-i-gang/registrer-deg`); it names a page and so all of its translations. It is broken
//! when it resolves to nothing, or only to drafts (which are not published). Drafts themselves
//! are not checked: they are not published either.

use rayon::prelude::*;

use crate::diagnostics::{Finding, codes};
use crate::load::frontmatter;
use crate::model::{Page, Site};

/// One finding per broken `related_pages` entry of a published page.
pub fn findings(site: &Site) -> Vec<Finding> {
    site.pages
        .par_iter()
        .flat_map_iter(|page| page_findings(site, page))
        .collect()
}

/// The findings about `page`'s own `related_pages` entries (none for a draft, or a page whose
/// front matter could not be read).
pub fn page_findings(site: &Site, page: &Page) -> Vec<Finding> {
    let mut findings = Vec::new();
    if !page.is_published() || !page.front_ok {
        return findings;
    }
    for entry in &page.front.related_pages {
        let problem = match site.resolve_ref(entry) {
            None => "names no page of this site; give a translation key (`about`), a URL (`/en/about/`) \
                     or a content path (`/kom-i-gang/registrer-deg`)"
                .to_string(),
            Some(key) if site.translations(key).all(|p| !p.is_published()) => format!(
                "names `{key}`, which is only a draft in every locale and is not published; \
                 publish it or remove the entry"
            ),
            Some(_) => continue,
        };
        let line = entry_line(page, entry);
        findings.push(
            Finding::new(
                &codes::BROKEN_RELATED_PAGE,
                page.path.clone(),
                format!("related page `{entry}` {problem}"),
            )
            .locale(page.locale.clone())
            .key(page.key.clone())
            .at(line, line.map(|_| 1)),
        );
    }
    findings
}

/// The file line of `entry` in the page's `related_pages` list, else of the key itself.
fn entry_line(page: &Page, entry: &str) -> Option<u32> {
    let split = frontmatter::split(page.head()).ok()?;
    let key = frontmatter::key_line(split.yaml, "related_pages")?;
    let offset = split
        .yaml
        .lines()
        .skip(key)
        .take_while(|line| line.starts_with([' ', '-', '\t']))
        .position(|line| line.contains(entry))
        .map_or(0, |i| i + 1);
    Some((key + offset + split.yaml_line - 1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::SiteBuilder;

    /// The (path, line, message) of each finding of `site`, sorted.
    fn broken(site: &Site) -> Vec<(String, Option<u32>, String)> {
        let mut found: Vec<_> = findings(site)
            .into_iter()
            .map(|f| {
                assert_eq!(f.code, "broken-related-page");
                (f.path, f.line, f.message)
            })
            .collect();
        found.sort();
        found
    }

    #[test]
    fn entries_may_name_a_key_a_url_or_a_content_path() {
        let site = SiteBuilder::new()
            .page("nb", "kontakt", "title: Kontakt\n", "")
            .page("nb", "hjelp", "title: Hjelp\n", "")
            .page("en", "hjelp", "title: Help\n", "")
            .page(
                "nb",
                "om",
                "title: Om\nrelated_pages:\n  - kontakt\n  - /en/hjelp/\n  - /nb/hjelp\n",
                "",
            )
            .build();
        assert_eq!(broken(&site), []);
    }

    #[test]
    fn an_entry_that_names_no_page_is_broken_on_its_line() {
        let site = SiteBuilder::new()
            .page("nb", "kontakt", "title: Kontakt\n", "")
            .page(
                "nb",
                "om",
                "title: Om\nrelated_pages:\n  - kontakt\n  - finnes-ikke\n",
                "",
            )
            .page(
                "en",
                "om",
                "title: About\nrelated_pages: [/en/nowhere/]\n",
                "",
            )
            .build();
        assert_eq!(
            broken(&site),
            [
                (
                    "content/en/om.md".to_string(),
                    Some(3),
                    "related page `/en/nowhere/` names no page of this site; give a translation \
                     key (`about`), a URL (`/en/about/`) or a content path \
                     (`/kom-i-gang/registrer-deg`)"
                        .to_string()
                ),
                (
                    "content/nb/om.md".to_string(),
                    Some(5),
                    "related page `finnes-ikke` names no page of this site; give a translation \
                     key (`about`), a URL (`/en/about/`) or a content path \
                     (`/kom-i-gang/registrer-deg`)"
                        .to_string()
                ),
            ]
        );
    }

    #[test]
    fn an_entry_that_names_only_drafts_is_broken() {
        let site = SiteBuilder::new()
            .page("nb", "nytt", "title: Nytt\ndraft: true\n", "")
            .page("en", "nytt", "title: News\ndraft: true\n", "")
            .page("nb", "om", "title: Om\nrelated_pages: [nytt]\n", "")
            .build();
        assert_eq!(
            broken(&site),
            [(
                "content/nb/om.md".to_string(),
                Some(3),
                "related page `nytt` names `nytt`, which is only a draft in every locale and is \
                 not published; publish it or remove the entry"
                    .to_string()
            )]
        );
        // One published translation is enough.
        let site = SiteBuilder::new()
            .page("nb", "nytt", "title: Nytt\ndraft: true\n", "")
            .page("en", "nytt", "title: News\n", "")
            .page("nb", "om", "title: Om\nrelated_pages: [nytt]\n", "")
            .build();
        assert_eq!(broken(&site), []);
    }

    #[test]
    fn drafts_and_unreadable_front_matter_are_not_checked() {
        let site = SiteBuilder::new()
            .page(
                "nb",
                "om",
                "title: Om\ndraft: true\nrelated_pages: [borte]\n",
                "",
            )
            .page("nb", "feil", "title: [\nrelated_pages: [borte]\n", "")
            .build();
        assert_eq!(broken(&site), []);
    }
}
