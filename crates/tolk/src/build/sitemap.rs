//! `sitemap.xml`: one `<url>` per published page, with `<xhtml:link rel="alternate" hreflang>`
//! for each of its translations (itself and `x-default` included, as search engines expect),
//! `<lastmod>` and `<priority>` from `sitemap.priority`.
//!
//! Without `base_url` the `<loc>`s stay root-relative: search engines ignore such a sitemap,
//! and the build says so with a warning.

use std::fmt::Write;

use crate::build::lastmod::Dates;
use crate::build::menu::published;
use crate::build::switcher::{absolute, alternates};
use crate::model::Site;

/// The sitemap of `site`'s published pages: by locale (configured order), then URL.
pub fn sitemap(site: &Site, dates: &Dates) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for locale in &site.config.locales {
        let mut pages: Vec<_> = site
            .pages_of(&locale.code)
            .filter(|p| published(site, &p.locale, &p.key).is_some_and(|q| q.path == p.path))
            .collect();
        pages.sort_by(|a, b| a.url.cmp(&b.url));
        for page in pages {
            let _ = writeln!(xml, "  <url>");
            let loc = encode(&absolute(&site.config, &page.url));
            let _ = writeln!(xml, "    <loc>{}</loc>", crate::escape::xml(&loc));
            if let Some(date) = dates.get(&page.path) {
                let _ = writeln!(xml, "    <lastmod>{}</lastmod>", date.iso());
            }
            if let Some(priority) = page.front.sitemap_priority {
                let _ = writeln!(xml, "    <priority>{priority:.1}</priority>");
            }
            let alternates = alternates(site, &page.key);
            // A page with no translation has no alternates worth listing.
            if alternates.len() > 2 {
                for alt in alternates {
                    let _ = writeln!(
                        xml,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                        crate::escape::xml(&alt.hreflang),
                        crate::escape::xml(&encode(&alt.href))
                    );
                }
            }
            let _ = writeln!(xml, "  </url>");
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Percent-encodes what a URL in a sitemap may not contain raw (non-ASCII, spaces).
fn encode(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        if byte.is_ascii_graphic() {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}
