//! UI strings through Fluent: the theme's own strings for nb, nn and en, overridden by the
//! site's `locales/<code>/*.ftl`, looked up along each locale's fallback chain.
//!
//! The site's strings come first along the whole chain, the theme's after them: for `nn`
//! (falling back to `nb`) the order is site nn, site nb, theme nn, theme nb. A site that words
//! a message its own way in Bokmål only is not overruled by the theme's generic Nynorsk (and
//! `tolk check` reports the Nynorsk translation as missing).
//!
//! Bundles do not insert Unicode isolation marks (`set_use_isolating(false)`): the strings end
//! up in HTML attributes and `<title>`, where the marks would be visible noise. Plurals follow
//! the bundle locale's CLDR rules (fluent-bundle's `intl_pluralrules`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use crate::config::{Config, Locale};
use crate::error::{Error, Result};
use crate::load::slash_path;

/// The theme's embedded strings, by locale code.
const THEME_STRINGS: [(&str, &str); 3] = [
    ("nb", include_str!("locales/nb.ftl")),
    ("nn", include_str!("locales/nn.ftl")),
    ("en", include_str!("locales/en.ftl")),
];

/// The embedded theme's Fluent strings (locale code, source).
pub fn embedded_strings() -> &'static [(&'static str, &'static str)] {
    &THEME_STRINGS
}

/// Why a message could not be formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No locale of the chain has the message.
    Missing {
        /// The locales searched, in order.
        chain: Vec<String>,
    },
    /// The message exists but formatting it failed (an unknown variable, say).
    Format {
        /// The locale whose message failed.
        locale: String,
        /// Fluent's explanation.
        message: String,
    },
}

/// The UI strings of every locale of a site.
pub struct Strings {
    /// The site's strings, then the theme's, each by locale code.
    layers: [BTreeMap<String, FluentBundle<FluentResource>>; 2],
    chains: BTreeMap<String, Vec<String>>,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Strings")
            .field("locales", &self.layers[1].keys().collect::<Vec<_>>())
            .field("chains", &self.chains)
            .finish()
    }
}

impl Strings {
    /// The theme's strings plus the site's `locales/` folder (which wins). A site `.ftl` file
    /// with syntax errors fails: the build would show broken text.
    pub fn load(root: &Path, config: &Config) -> Result<Strings> {
        let new_bundle = |locale: &Locale| {
            let mut bundle = FluentBundle::new_concurrent(vec![locale.langid.clone()]);
            bundle.set_use_isolating(false);
            bundle
        };
        let mut site = BTreeMap::new();
        let mut theme = BTreeMap::new();
        for locale in &config.locales {
            let mut bundle = new_bundle(locale);
            if let Some((_, text)) = THEME_STRINGS
                .iter()
                .find(|(code, _)| locale.langid.language.as_str() == *code)
            {
                bundle.add_resource_overriding(parse(text, "the embedded theme")?);
            }
            theme.insert(locale.code.clone(), bundle);
            site.insert(locale.code.clone(), new_bundle(locale));
        }
        for (code, path) in super::ftl::site_files(root, config)? {
            let text =
                std::fs::read_to_string(&path).map_err(|e| Error::io("cannot read", &path, e))?;
            let shown = slash_path(&path, root);
            let resource = parse(&text, &shown)?;
            if let Some(bundle) = site.get_mut(&code) {
                bundle.add_resource_overriding(resource);
            }
        }
        let chains = config
            .locales
            .iter()
            .map(|l| (l.code.clone(), chain(config, l)))
            .collect();
        Ok(Strings {
            layers: [site, theme],
            chains,
        })
    }

    /// The locales `locale`'s strings are looked up in, in order.
    pub fn chain(&self, locale: &str) -> &[String] {
        self.chains.get(locale).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Formats message `id` (or `id.attribute`) for `locale`, falling back along its chain.
    pub fn format(&self, locale: &str, id: &str, args: &FluentArgs) -> Result<String, Problem> {
        let (message_id, attribute) = match id.split_once('.') {
            Some((m, a)) => (m, Some(a)),
            None => (id, None),
        };
        let chain = self.chain(locale);
        let candidates = self.layers.iter().flat_map(|layer| {
            chain
                .iter()
                .filter_map(move |code| Some((code, layer.get(code)?)))
        });
        for (code, bundle) in candidates {
            let Some(message) = bundle.get_message(message_id) else {
                continue;
            };
            let pattern = match attribute {
                Some(a) => message.get_attribute(a).map(|a| a.value()),
                None => message.value(),
            };
            let Some(pattern) = pattern else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(args), &mut errors);
            if let Some(error) = errors.first() {
                return Err(Problem::Format {
                    locale: code.clone(),
                    message: error.to_string(),
                });
            }
            return Ok(match text {
                Cow::Borrowed(s) => s.to_string(),
                Cow::Owned(s) => s,
            });
        }
        Err(Problem::Missing {
            chain: chain.to_vec(),
        })
    }
}

fn parse(text: &str, origin: &str) -> Result<FluentResource> {
    if let Some(line) = crate::load::depth::fluent_too_deep(text) {
        return Err(Error::Fluent {
            origin: origin.to_string(),
            message: format!(
                "line {line}: placeables nested more than {} deep",
                crate::load::depth::MAX_DEPTH
            ),
        });
    }
    FluentResource::try_new(text.to_string()).map_err(|(_, errors)| {
        let first = errors
            .first()
            .map(|e| {
                let line = text[..e.pos.start.min(text.len())].matches('\n').count() + 1;
                format!("line {line}: {}", e.kind)
            })
            .unwrap_or_default();
        Error::Fluent {
            origin: origin.to_string(),
            message: first,
        }
    })
}

/// `locale` and the locales it falls back to, depth first, each once.
fn chain(config: &Config, locale: &Locale) -> Vec<String> {
    let mut out = vec![locale.code.clone()];
    let mut i = 0;
    while i < out.len() {
        let fallbacks = config
            .locale(&out[i])
            .map(|l| l.fallback.clone())
            .unwrap_or_default();
        let mut at = i + 1;
        for code in fallbacks {
            if !out.contains(&code) {
                out.insert(at, code);
                at += 1;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> Strings {
        let dir = tempfile::tempdir().unwrap();
        Strings::load(dir.path(), &Config::default()).unwrap()
    }

    #[test]
    fn theme_strings_cover_every_locale() {
        let s = strings();
        let args = FluentArgs::new();
        for code in ["nb", "nn", "en"] {
            assert!(s.format(code, "skip-link", &args).is_ok(), "{code}");
        }
        assert_eq!(
            s.format("en", "skip-link", &args).unwrap(),
            "Skip to main content"
        );
    }

    #[test]
    fn plurals_follow_cldr() {
        let s = strings();
        let mut one = FluentArgs::new();
        one.set("minutes", 1);
        let mut three = FluentArgs::new();
        three.set("minutes", 3);
        assert_eq!(
            s.format("nb", "reading-time", &one).unwrap(),
            "Lesetid: 1 minutt"
        );
        assert_eq!(
            s.format("nb", "reading-time", &three).unwrap(),
            "Lesetid: 3 minutter"
        );
        assert_eq!(
            s.format("en", "reading-time", &one).unwrap(),
            "Reading time: 1 minute"
        );
    }

    #[test]
    fn no_isolation_marks() {
        let s = strings();
        let mut args = FluentArgs::new();
        args.set("title", "Om MinID");
        args.set("site", "MinID");
        let text = s.format("nb", "document-title", &args).unwrap();
        assert_eq!(text, "Om MinID – MinID");
    }

    #[test]
    fn missing_reports_the_chain() {
        let s = strings();
        assert_eq!(
            s.format("nn", "no-such-message", &FluentArgs::new()),
            Err(Problem::Missing {
                chain: vec!["nn".into(), "nb".into()]
            })
        );
    }
}
