//! Sites built in memory for the library's unit tests: pages with a locale, a translation key,
//! front matter and a body, made into a [`Site`] as `tolk` loads one from its files, without
//! reading or writing the disk. The tests of a check sit beside its code and read as a story:
//!
//! ```ignore
//! let site = SiteBuilder::new()
//!     .page("nb", "om", "title: Om\n", "Tekst.\n")
//!     .page("en", "om", "title: About\n", "Text.\n")
//!     .build();
//! ```

use std::path::Path;

use crate::config::Config;
use crate::load::RawFile;
use crate::model::Site;

/// The root the built sites claim; nothing is read there.
pub(crate) const ROOT: &str = "/tolk-test-site";

/// Builds a [`Site`] page by page.
pub(crate) struct SiteBuilder {
    config: Config,
    files: Vec<RawFile>,
}

impl SiteBuilder {
    /// A site with the default configuration: `nb` the source locale at `/`, `nn` and `en` its
    /// targets at `/nn/` and `/en/`, one content folder per locale.
    pub(crate) fn new() -> SiteBuilder {
        SiteBuilder {
            config: Config::default(),
            files: Vec::new(),
        }
    }

    /// A site with the configuration `yaml` (tolk.yaml's text).
    pub(crate) fn with_config(yaml: &str) -> SiteBuilder {
        let config = Config::from_yaml(yaml)
            .unwrap_or_else(|message| panic!("invalid test configuration: {message}"));
        SiteBuilder {
            config,
            files: Vec::new(),
        }
    }

    /// Adds the page of `locale` with translation key `key` (`content/<locale>/<key>.md`),
    /// front matter `front` (YAML lines, each ending in a newline) and `body`.
    pub(crate) fn page(self, locale: &str, key: &str, front: &str, body: &str) -> SiteBuilder {
        self.file(&format!("{locale}/{key}.md"), &page_text(front, body))
    }

    /// Adds a file at `content_path` (below the content folder) with `text` as it is.
    pub(crate) fn file(mut self, content_path: &str, text: &str) -> SiteBuilder {
        self.files.push(RawFile {
            content_path: content_path.to_string(),
            path: format!("content/{content_path}"),
            bytes: text.as_bytes().to_vec(),
        });
        self
    }

    /// The hash `l10n.source_hash` records for the page of `locale` and `key` added so far.
    pub(crate) fn hash_of(&self, locale: &str, key: &str) -> String {
        let content_path = format!("{locale}/{key}.md");
        let file = self
            .files
            .iter()
            .find(|f| f.content_path == content_path)
            .unwrap_or_else(|| panic!("no page {content_path} in the test site"));
        crate::hash::page_hash(&file.bytes)
    }

    /// The site, its pages read, paired and indexed as [`Site::load`] does.
    pub(crate) fn build(self) -> Site {
        Site::from_files(Path::new(ROOT), self.config, self.files, Vec::new())
    }
}

/// The text of a page with front matter `front` and `body`.
pub(crate) fn page_text(front: &str, body: &str) -> String {
    format!("---\n{front}---\n{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_have_their_locale_key_front_matter_and_body() {
        let site = SiteBuilder::new()
            .page("nb", "om", "title: Om MinID\n", "Tekst.\n")
            .page("en", "om", "title: About MinID\ndraft: true\n", "Text.\n")
            .build();
        assert_eq!(site.pages.len(), 2);
        let source = site.source_page("om").expect("the source page");
        assert_eq!(source.path, "content/nb/om.md");
        assert_eq!(source.title(), "Om MinID");
        assert_eq!(source.body(), "Tekst.\n");
        let english = site.page("en", "om").expect("the English page");
        assert!(english.front.draft);
        assert_eq!(english.url, "/en/om/");
    }

    #[test]
    fn hash_of_is_the_hash_of_the_page_built() {
        let builder = SiteBuilder::new().page("nb", "om", "title: Om\n", "Tekst.\n");
        let hash = builder.hash_of("nb", "om");
        let site = builder.build();
        assert_eq!(site.pages[0].hash(), hash);
    }
}
