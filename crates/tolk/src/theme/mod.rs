//! The theme: what a built site looks like and says, as both `tolk check` and `tolk build`
//! read it.
//!
//! - the embedded templates ([`embedded_templates`]): `base.html` (the frame: landmarks, skip
//!   link, header with language switcher and main menu, footer), `page.html` (a content page),
//!   `404.html`, `macros.html` (menu lists) and `style.css`, each overridable by a file of the
//!   same name in the site's [`TEMPLATES_DIR`];
//! - the UI strings ([`strings`]): the theme's own Fluent strings for nb, nn and en, the site's
//!   overriding them, and how a locale's strings resolve along its fallback chain;
//! - which `.ftl` files of the site belong to which locale ([`ftl`]).
//!
//! The build renders with the theme (`build::templates`); `tolk check` reads the same templates
//! and strings to find the UI strings a template uses and a locale lacks. Nothing here imports
//! from `analyse` or `build`.

pub mod ftl;
pub mod strings;

/// The folder of a site's own templates, relative to its root.
pub const TEMPLATES_DIR: &str = "templates";

const EMBEDDED: [(&str, &str); 5] = [
    ("base.html", include_str!("templates/base.html")),
    ("page.html", include_str!("templates/page.html")),
    ("404.html", include_str!("templates/404.html")),
    ("macros.html", include_str!("templates/macros.html")),
    ("style.css", include_str!("templates/style.css")),
];

/// The embedded theme's files (name, source): what `tolk check` scans for UI-string references.
pub fn embedded_templates() -> &'static [(&'static str, &'static str)] {
    &EMBEDDED
}

/// The embedded theme's file `name` (`page.html`, `style.css`), if it has one.
pub fn embedded_template(name: &str) -> Option<&'static str> {
    EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_is_found_by_name() {
        for (name, text) in embedded_templates() {
            assert_eq!(embedded_template(name), Some(*text));
            assert!(!text.is_empty(), "{name}");
        }
        assert!(embedded_template("page.html").is_some_and(|t| t.contains("{%")));
        assert_eq!(embedded_template("missing.html"), None);
    }
}
