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
    // About what a page takes, its alternates included, so that the text seldom moves.
    let per_page = 160 + 128 * (site.config.locales.len() + 1);
    let mut xml = String::with_capacity(256 + site.pages.len() * per_page);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for locale in &site.config.locales {
        entries(&mut xml, site, dates, &locale.code);
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Writes the `<url>` entries of the published pages of `locale`, by URL.
fn entries(xml: &mut String, site: &Site, dates: &Dates, locale: &str) {
    let mut pages: Vec<_> = site
        .pages_of(locale)
        .filter(|p| published(site, &p.locale, &p.key).is_some_and(|q| q.path == p.path))
        .collect();
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    for page in pages {
        xml.push_str("  <url>\n    <loc>");
        write_url(xml, &absolute(&site.config, &page.url));
        xml.push_str("</loc>\n");
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
                xml.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"");
                let _ = crate::escape::write_xml(xml, &alt.hreflang);
                xml.push_str("\" href=\"");
                write_url(xml, &alt.href);
                xml.push_str("\"/>\n");
            }
        }
        xml.push_str("  </url>\n");
    }
}

/// Writes `url` to `xml` percent-encoded where a URL in a sitemap may not hold a byte raw
/// (non-ASCII, spaces, control characters), then escaped for XML: what
/// `escape::xml(&encode(url))` gives, without the two copies.
fn write_url(xml: &mut String, url: &str) {
    let mut start = 0;
    for (i, byte) in url.bytes().enumerate() {
        if byte.is_ascii_graphic() && !matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\'') {
            continue;
        }
        // A run written whole is ASCII (empty when `start` is inside a character, whose every
        // byte is encoded).
        xml.push_str(url.get(start..i).unwrap_or_default());
        match url.get(i..=i) {
            Some(special) if byte.is_ascii_graphic() => {
                let _ = crate::escape::write_xml(xml, special);
            }
            _ => {
                let _ = write!(xml, "%{byte:02X}");
            }
        }
        start = i + 1;
    }
    xml.push_str(url.get(start..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn urls_are_encoded_then_escaped() {
        for url in [
            "",
            "https://minid.example/en/",
            "/blåbær/a b/?x=1&y='2'<\"3\">\t",
            "/\u{7f}/ø",
        ] {
            let mut got = String::new();
            write_url(&mut got, url);
            assert_eq!(got, crate::escape::xml(&encode(url)), "{url:?}");
        }
    }
}
