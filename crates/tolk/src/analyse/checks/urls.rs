//! `unsafe-url`: page URLs that would make `tolk build` write outside its output folder.
//!
//! A page's `url` becomes a file path below the output folder (`/en/about/` →
//! `en/about/index.html`). A URL that climbs out (`..`, also percent-encoded as `%2e%2e`),
//! names an absolute or Windows path (`//host`, `C:`, `\`), or carries control characters is
//! refused here and again by the build, which never writes such a path.

use crate::diagnostics::{Finding, codes};
use crate::load::frontmatter;
use crate::model::output_path::{MARKER, file_for_url, output_segments};
use crate::model::{Page, Site};

/// One finding per published page whose URL cannot be written safely.
pub fn findings(site: &Site) -> Vec<Finding> {
    let own = own_files(site);
    let mut found: Vec<Finding> = site.pages.iter().filter_map(page_finding).collect();
    found.extend(
        site.pages
            .iter()
            .filter_map(|page| reserved_finding(page, &own)),
    );
    found
}

/// The findings about `page`'s URL alone (none for a draft): one that cannot be written
/// safely, or that collides with the build's own files.
pub fn page_findings(site: &Site, page: &Page) -> Vec<Finding> {
    let own = own_files(site);
    page_finding(page)
        .into_iter()
        .chain(reserved_finding(page, &own))
        .collect()
}

/// The files `tolk build` writes besides the pages: the stylesheet, the sitemap, its marker
/// and each locale's 404 page.
fn own_files(site: &Site) -> Vec<String> {
    let mut own = vec![
        "style.css".to_string(),
        "sitemap.xml".to_string(),
        MARKER.to_string(),
    ];
    for locale in &site.config.locales {
        own.push(format!("{}404.html", locale.prefix.trim_start_matches('/')));
    }
    own
}

/// The `reserved-url` finding of a published page whose output would be, or be inside, one of
/// the build's own files (`own`): `/style.css/`, `/sitemap.xml/`, `/404.html`.
fn reserved_finding(page: &Page, own: &[String]) -> Option<Finding> {
    if !page.is_published() {
        return None;
    }
    let file = file_for_url(&page.url).ok()?;
    let taken = own
        .iter()
        .find(|o| file == **o || file.starts_with(&format!("{o}/")))?;
    let line = url_line(page);
    Some(
        Finding::new(&codes::RESERVED_URL,
            page.path.clone(),
            format!(
                "`url: {}` would be written to `{file}`, which collides with the build's own `{taken}`; \
                 tolk build refuses it. Choose another url",
                page.url.escape_debug()
            ),
        )
        .locale(page.locale.clone())
        .key(page.key.clone())
        .at(line, line.map(|_| 1)),
    )
}

/// The finding about `page`'s URL, if it is published and its URL cannot be written safely.
pub fn page_finding(page: &Page) -> Option<Finding> {
    if !page.is_published() {
        return None;
    }
    let problem = url_problem(&page.url)?;
    let line = url_line(page);
    Some(
        Finding::new(&codes::UNSAFE_URL,
            page.path.clone(),
            format!(
                "`url: {}` {problem}; tolk build refuses to write it. Use a plain path like `/en/about/`",
                page.url.escape_debug()
            ),
        )
        .locale(page.locale.clone())
        .key(page.key.clone())
        .at(line, line.map(|_| 1)),
    )
}

fn url_line(page: &Page) -> Option<u32> {
    let split = frontmatter::split(page.head()).ok()?;
    frontmatter::key_line(split.yaml, "url").map(|l| (l + split.yaml_line - 1) as u32)
}

/// Why `url` cannot be published inside the output folder, or `None` when it can.
pub fn url_problem(url: &str) -> Option<&'static str> {
    output_segments(url).err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_urls_are_safe() {
        assert_eq!(output_segments("/"), Ok(vec![]));
        assert_eq!(
            output_segments("/en/about-minid/"),
            Ok(vec!["en".to_string(), "about-minid".to_string()])
        );
        assert_eq!(
            output_segments("/nn/s%C3%A5/"),
            Ok(vec!["nn".into(), "så".into()])
        );
    }

    #[test]
    fn escapes_are_refused() {
        for url in [
            "/../etc/",
            "/en/../../x/",
            "/%2e%2e/x/",
            "/%2E%2E%2fx/",
            "/a/./b/",
            "//evil.example/",
            "C:/Windows/",
            "/C:/Windows/",
            "/a\\b/",
            "/a%5cb/",
            "/a\nb/",
            "/a%00/",
            "relative/",
            "/a%zz/",
            "/a?x=1",
        ] {
            assert!(url_problem(url).is_some(), "{url} should be refused");
        }
    }
}
