//! The catalogue of finding codes: every code tolk reports, with its default severity, a
//! one-line summary and the paragraph `tolk explain CODE` prints.
//!
//! Codes are stable kebab-case names: reports, `severity:` policies in tolk.yaml and CI scripts
//! refer to them, so a code is never renamed within a report version. Every code is a constant
//! here ([`STALE`], [`BROKEN_LINK`], …) and [`Finding::new`](super::Finding::new) takes one, with
//! its default severity: a code that is not in the catalogue does not compile. Adding a code is
//! one constant and its place in [`CODES`], the one place to read what a code means and how
//! serious it is before policy applies.

use super::Severity;

/// One entry of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The stable kebab-case code (`mojibake`).
    pub code: &'static str,
    /// Severity before any `severity:` policy of tolk.yaml applies.
    pub severity: Severity,
    /// What the finding says, in a line.
    pub summary: &'static str,
    /// Why it matters and how to fix it, in a paragraph.
    pub explanation: &'static str,
}

const fn code(
    code: &'static str,
    severity: Severity,
    summary: &'static str,
    explanation: &'static str,
) -> Code {
    Code {
        code,
        severity,
        summary,
        explanation,
    }
}

use Severity::{Error, Info, Warning};

// Translation states.
/// `missing`: a source page has no translation in this locale.
pub const MISSING: Code = code(
    "missing",
    Warning,
    "a source page has no translation in this locale",
    "The source page exists but no page of this locale has its translation key, so readers of \
     this locale get the fallback (or nothing) where the page should be. Start a translation with \
     `tolk new SOURCE --locale L`; it is created as a draft with the source's text to translate. \
     A policy can make a missing locale stricter or milder, for instance `severity: { missing: \
     { en: error, nn: info } }`.",
);

/// `stale`: the source changed since the translation was last brought up to date.
pub const STALE: Code = code(
    "stale",
    Warning,
    "the source changed since the translation was last brought up to date",
    "The translation records the source's hash in `l10n.source_hash`, and the source page no \
     longer has that hash: someone edited the source after the translation was last checked. \
     The report carries the diff of the source since then (`tolk diff PATH`). Update the \
     translation to match, then record the new baseline with `tolk mark PATH`. Changes that alter \
     no rendered text (re-wrapped lines, bullet style) never make a translation stale.",
);

/// `unverified`: the translation records no baseline.
pub const UNVERIFIED: Code = code(
    "unverified",
    Warning,
    "the translation records no baseline",
    "The translation has no `l10n.source_hash`, so tolk cannot tell whether it matches the \
     current source. This is typical of content written before tolk. Compare it with the source; \
     once it matches, run `tolk mark PATH` to record the baseline, and from then on tolk reports \
     exactly what changed.",
);

/// `orphaned`: a translation whose translation key has no source page.
pub const ORPHANED: Code = code(
    "orphaned",
    Warning,
    "a translation whose translation key has no source page",
    "The page is a translation (it is in a target locale) but no source-locale page has its \
     translation key: the source was renamed, moved or deleted, or the translation's \
     `translation_key` is misspelt. Give it the key of its source (`translation_key:`), move it to \
     the source's path, or remove it.",
);

/// `draft`: the translation is a draft and is not published.
pub const DRAFT: Code = code(
    "draft",
    Info,
    "the translation is a draft and is not published",
    "The translation has `draft: true`: it is being worked on, it is counted apart in coverage and \
     `tolk build` does not publish it. Remove `draft: true` when the translation is done, then \
     run `tolk mark PATH`. Content lints other than `mojibake` skip drafts.",
);

/// `untranslated`: the translation is still the source's text.
pub const UNTRANSLATED: Code = code(
    "untranslated",
    Warning,
    "the translation is still the source's text",
    "More than half of the words of the translation's text blocks and translatable fields (and \
     at least six) are still in the source language: identical to the source's, or identified \
     as its language, as `untranslated-text` and `untranslated-field` judge them. This is what \
     `tolk new` followed by deleting `draft: true` leaves. It is work to do whatever the \
     baseline says: it never counts as up to date, `tolk mark` refuses it without `--force`, and \
     `tolk build` publishes it with a notice that it is not yet translated (or leaves it out, \
     as if missing, with `publish_untranslated: omit` in tolk.yaml). Translate the page, then \
     run `tolk mark PATH`.",
);

// Loading and the site model.
/// `front-matter`: the page's front matter cannot be read.
pub const FRONT_MATTER: Code = code(
    "front-matter",
    Error,
    "the page's front matter cannot be read",
    "The YAML block between the `---` lines is not valid YAML, is not closed, or a known field \
     has the wrong type (a `url` that is a number, a `menu` that is a list of numbers). The \
     finding points at the line. The rest of the site is still analysed, and so is as much of \
     this page as its path allows.",
);

/// `locale-mismatch`: the rules that decide a page's locale disagree.
pub const LOCALE_MISMATCH: Code = code(
    "locale-mismatch",
    Error,
    "the rules that decide a page's locale disagree",
    "A page's locale comes from its folder (`content/en/…`), its file-name suffix \
     (`name.en.md`), or the prefix of its `url`. When two of them disagree, for example a file \
     under content/en/ whose `url` lacks `/en/`, the page would be published in the wrong half \
     of the site. Move the file or fix its `url`.",
);

/// `locale-alias`: a locale code was written as an alias.
pub const LOCALE_ALIAS: Code = code(
    "locale-alias",
    Info,
    "a locale code was written as an alias",
    "`no` and `no-NO` are read as `nb` (Norwegian Bokmål). The page is placed correctly; the \
     note only says that an alias was applied. Write the configured code to silence it.",
);

/// `duplicate-key`: two pages of one locale share a translation key.
pub const DUPLICATE_KEY: Code = code(
    "duplicate-key",
    Error,
    "two pages of one locale share a translation key",
    "The translation key pairs a page with its translations, so it must be unique within a \
     locale. Two pages with one key make the pairing ambiguous; tolk keeps the first by path. \
     Give one of them another `translation_key`, or move it.",
);

/// `duplicate-url`: two published pages have the same URL.
pub const DUPLICATE_URL: Code = code(
    "duplicate-url",
    Error,
    "two published pages have the same URL",
    "Both pages would be written to the same output file and one would overwrite the other. \
     URLs are compared without case and trailing slash, as web servers and file systems often \
     do. Change one page's `url`.",
);

/// `missing-home`: a locale publishes pages but has no home page.
pub const MISSING_HOME: Code = code(
    "missing-home",
    Warning,
    "a locale publishes pages but has no home page",
    "No published page of this locale sits at the locale's prefix (`/`, `/en/`), so the \
     locale's front page is a 404 and the language switcher has nowhere to send readers of a \
     page that is not translated. As in Hugo, the `_index.md` at the root of a locale's content \
     is its home page, whatever its `translationKey`. Add one (`tolk new` on the source's home \
     page), or publish the draft there. A site whose generator renders the front page from \
     `src/pages/index.*` (Docusaurus, Astro) is not reported.",
);

/// `invalid-utf8`: the file is not valid UTF-8.
pub const INVALID_UTF8: Code = code(
    "invalid-utf8",
    Error,
    "the file is not valid UTF-8",
    "Pages must be UTF-8. The finding gives the offset of the first bad byte; tolk reads the \
     rest with replacement characters so that every other check still runs, but the page would \
     be published with garbled text. Re-save the file as UTF-8 in your editor.",
);

/// `control-character`: the file contains invisible control characters.
pub const CONTROL_CHARACTER: Code = code(
    "control-character",
    Error,
    "the file contains invisible control characters",
    "A NUL byte, an escape or another control character (other than tab, line feed, carriage \
     return and form feed) is in the file. It is invisible in most editors, but it breaks \
     parsers, search indexes and the published page. The finding points at the first one and \
     counts them all; delete them (they often come from copying text out of a PDF or a word \
     processor).",
);

/// `line-endings`: the file has carriage returns without line feeds.
pub const LINE_ENDINGS: Code = code(
    "line-endings",
    Warning,
    "the file has carriage returns without line feeds",
    "Old Mac line endings (a carriage return alone) end lines for some tools and not for \
     others, so lines may run together in the published page and diffs of the file are hard \
     to read. The finding points at the first one. Save the file with LF (or CRLF) line \
     endings; most editors offer it in the status bar.",
);

/// `unreadable`: a file or folder could not be read.
pub const UNREADABLE: Code = code(
    "unreadable",
    Error,
    "a file or folder could not be read",
    "The file has no read permission, a symbolic link points outside the site or loops back to \
     a parent folder. tolk skips it and goes on with the rest. Fix the permission, or replace \
     the link with a copy.",
);

// Content lints.
/// `mojibake`: UTF-8 text that was once read as Latin-1 or Windows-1252.
pub const MOJIBAKE: Code = code(
    "mojibake",
    Error,
    "UTF-8 text that was once read as Latin-1 or Windows-1252",
    "Text such as `LÃ¥nekassen` for `Lånekassen` or `â€“` for `–` appears when UTF-8 bytes \
     were decoded as Latin-1 or Windows-1252 and saved again, typically by a copy from an old \
     system or a spreadsheet export. Readers see the garbled letters. The message gives the \
     corrected text; `tolk fix PATH` repairs every such sequence in place and changes no other \
     byte of the file.",
);

/// `untranslated-text`: a paragraph of a translation is still in the source language.
pub const UNTRANSLATED_TEXT: Code = code(
    "untranslated-text",
    Warning,
    "a paragraph of a translation is still in the source language",
    "tolk compares every paragraph, heading and list item of a translation with the source: \
     a block that is identical to a source block, or that has words of the source language (its \
     frequent words, or for Norwegian letters such as `æ`, `ø`, `å`) and that language \
     identification confirms is in the source language, was probably left untranslated. Short \
     blocks, code, and proper nouns \
     (`Skatteetaten`, `Lånekassen`, quoted names) are not judged. Translate the block, or, where \
     the text is meant to stay in the source language, lower the code's severity in tolk.yaml.",
);

/// `untranslated-field`: a translatable front-matter field is identical to the source's.
pub const UNTRANSLATED_FIELD: Code = code(
    "untranslated-field",
    Warning,
    "a translatable front-matter field is identical to the source's",
    "The `title`, `description`, `ingress` or a menu `name` of a published translation is \
     word for word the source's, so menus, search results and link previews show source-language \
     text. Names that are the same in every language (product names) are not reported. Translate the \
     field.",
);

/// `field-drift`: a field that should match across translations differs.
pub const FIELD_DRIFT: Code = code(
    "field-drift",
    Warning,
    "a field that should match across translations differs",
    "Menu weight and parent, `sitemap.priority` and `related_pages` describe the page's place \
     in the site, not its text, so every translation should carry the source's values \
     (`related_pages` are compared by the pages they name, in any locale's spelling). A \
     difference makes menus and sitemaps differ between languages. Copy the source's value.",
);

/// `structure-mismatch`: the translation's block structure differs from the source's.
pub const STRUCTURE_MISMATCH: Code = code(
    "structure-mismatch",
    Warning,
    "the translation's block structure differs from the source's",
    "tolk counts headings, list items, tables, code blocks and links in the source and the \
     translation. Different counts usually mean that part of the page was not translated or that \
     the source grew after translation; the finding points at the first block where the two \
     differ. Where the difference is deliberate, lower the code's severity in tolk.yaml.",
);

/// `broken-link`: an internal link leads to no page.
pub const BROKEN_LINK: Code = code(
    "broken-link",
    Error,
    "an internal link leads to no page",
    "A root-relative Markdown link (`[text](/kom-i-gang/)`), or a page-relative link to a \
     Markdown file (`../guide.md`), names no page of the site, or only a draft, which is not \
     published: readers would land on a 404. A URL served by something other than the content \
     is not broken: a file or folder in `static/`, `public/` or `static_dir`, a Hugo module \
     mount, or a prefix listed in `external_paths:` in tolk.yaml. Links to other sites and to \
     static files with an extension (`/files/guide.pdf`) are not checked. Fix the link, \
     publish the page it names, or list the path in `external_paths`.",
);

/// `fallback-link`: a link leads to a page its locale does not have yet; readers get the fallback page.
pub const FALLBACK_LINK: Code = code(
    "fallback-link",
    Info,
    "a link leads to a page its locale does not have yet; readers get the fallback page",
    "The link names a URL of a target locale (`/es/guides/x/`, or `../x.md` from a \
     translation) where that locale has no page yet, but a locale of its fallback chain (its \
     `fallback:` list, then the source locale) has one. Starlight, Docusaurus and Hugo serve \
     that page there, so the link works; readers get it in the other language until the \
     translation exists. Translate the page to make the note go away.",
);

/// `unlocalized-link`: a link leads to another language's page although one in the page's own
/// language exists.
pub const UNLOCALIZED_LINK: Code = code(
    "unlocalized-link",
    Warning,
    "a link leads to another language's page although one in the page's own language exists",
    "A translation links to the source-language version of a page that has a translation in the \
     translation's own locale, so readers are sent to the wrong language. The message names the \
     localized URL to link to instead.",
);

/// `missing-field`: a published page has no title or description.
pub const MISSING_FIELD: Code = code(
    "missing-field",
    Warning,
    "a published page has no title or description",
    "Without `title` the page has no heading in menus, tabs and search results; without \
     `description` search engines and link previews make one up. Add the field to the front \
     matter.",
);

/// `url-format`: a page URL breaks the site's URL conventions.
pub const URL_FORMAT: Code = code(
    "url-format",
    Warning,
    "a page URL breaks the site's URL conventions",
    "Page URLs are lower case, have no spaces, end with `/`, and start with their locale's \
     prefix (`/en/…`). Upper case and spaces make links that differ only in spelling lead to \
     different places (or to a 404 on case-sensitive servers); a missing trailing slash makes the \
     server redirect. Fix the page's `url`.",
);

// Build (reserved: reported by the build checks).
/// `broken-related-page`: a `related_pages` entry names no published page.
pub const BROKEN_RELATED_PAGE: Code = code(
    "broken-related-page",
    Error,
    "a `related_pages` entry names no published page",
    "Each `related_pages` entry must name a page by translation key, URL or content path, in \
     any locale. This one resolves to nothing, or only to drafts, so the build cannot link it. \
     Fix or remove the entry.",
);

/// `reserved-url`: a page URL collides with a file the build writes itself.
pub const RESERVED_URL: Code = code(
    "reserved-url",
    Error,
    "a page URL collides with a file the build writes itself",
    "`tolk build` writes the stylesheet (`/style.css`), `/sitemap.xml` and each locale's \
     `404.html` beside the pages. A page whose `url` is one of them, or a folder of that name \
     (`/style.css/`), cannot be written; the build refuses it. Choose another url.",
);

/// `unsafe-attribute`: a heading attribute that tolk build drops.
pub const UNSAFE_ATTRIBUTE: Code = code(
    "unsafe-attribute",
    Warning,
    "a heading attribute that tolk build drops",
    "`## Title {#id .class key=value}` gives a heading an id, classes and other attributes. \
     Unless tolk.yaml sets `unsafe_html: true`, the build keeps only the id and the classes: \
     any other attribute could run script in a reader's browser (`onclick=…`, \
     `oncontentvisibilityautostatechange=…`) or hide and restyle content (`style=…`). Remove \
     the attribute, or use a class and style it in the theme.",
);

/// `unsafe-url`: a page URL would be written outside the output folder.
pub const UNSAFE_URL: Code = code(
    "unsafe-url",
    Error,
    "a page URL would be written outside the output folder",
    "A `url` that climbs out (`..`), names an absolute or Windows path, contains control \
     characters or does not start with `/` cannot be published safely; `tolk build` refuses to \
     write it. Use a plain path like `/en/about/`.",
);

// Fluent (reserved: reported by the Fluent checks).
/// `fluent-syntax`: a Fluent file has a syntax error.
pub const FLUENT_SYNTAX: Code = code(
    "fluent-syntax",
    Error,
    "a Fluent file has a syntax error",
    "Part of an .ftl file could not be parsed (Fluent calls it junk); the messages in it are \
     lost and the UI shows fallbacks. The finding gives the line and column of the error.",
);

/// `fluent-cycle`: a Fluent message refers back to itself.
pub const FLUENT_CYCLE: Code = code(
    "fluent-cycle",
    Error,
    "a Fluent message refers back to itself",
    "The message refers to another message or term that, directly or through others, refers \
     back to it. Fluent cannot resolve it and the UI shows an error instead of the text, so \
     `tolk build` refuses the site. Break the cycle.",
);

/// `fluent-too-many-placeables`: a Fluent message expands to more placeables than Fluent resolves.
pub const FLUENT_TOO_MANY_PLACEABLES: Code = code(
    "fluent-too-many-placeables",
    Error,
    "a Fluent message expands to more placeables than Fluent resolves",
    "Fluent stops resolving a message after 100 placeables (counting those of the messages \
     and terms it refers to, again and again) to stop a few lines from growing into \
     megabytes. A message past that limit shows an error in the UI, so `tolk build` \
     refuses the site. Refer to fewer messages, or to smaller ones.",
);

/// `fluent-too-deep`: a Fluent file nests placeables too deeply to be read safely.
pub const FLUENT_TOO_DEEP: Code = code(
    "fluent-too-deep",
    Error,
    "a Fluent file nests placeables too deeply to be read safely",
    "Placeables (`{ … }`) nested inside each other more than 64 levels deep are never needed \
     by real messages, and parsing them would exhaust the stack. tolk does not read the file, \
     so its messages are missing; flatten the message (a selector or a term instead of \
     nesting).",
);

/// `missing-message`: a message of the source locale is missing in this locale.
pub const MISSING_MESSAGE: Code = code(
    "missing-message",
    Warning,
    "a message of the source locale is missing in this locale",
    "The source locale's Fluent files define the message but this locale's do not, so the UI \
     falls back along the locale's chain and shows another language. Add the message.",
);

/// `obsolete-message`: a message exists in this locale but no longer in the source.
pub const OBSOLETE_MESSAGE: Code = code(
    "obsolete-message",
    Warning,
    "a message exists in this locale but no longer in the source",
    "The message was removed or renamed in the source locale; the translation is dead weight and \
     may hide a rename. Remove it, or rename it to match the source.",
);

/// `missing-attribute`: a message lacks an attribute that the source's has.
pub const MISSING_ATTRIBUTE: Code = code(
    "missing-attribute",
    Warning,
    "a message lacks an attribute that the source's has",
    "The source message has an attribute (`.title`, `.placeholder`) that the translation lacks, \
     so that attribute falls back to another language. Add it.",
);

/// `obsolete-attribute`: a message has an attribute that the source's no longer has.
pub const OBSOLETE_ATTRIBUTE: Code = code(
    "obsolete-attribute",
    Warning,
    "a message has an attribute that the source's no longer has",
    "The translation carries an attribute that the source message does not define. Remove it, \
     or rename it to match the source.",
);

/// `unknown-variable`: a translation uses a variable that the source never passes.
pub const UNKNOWN_VARIABLE: Code = code(
    "unknown-variable",
    Error,
    "a translation uses a variable that the source never passes",
    "The message refers to a `$variable` that the source message does not use, so the code \
     that formats it does not pass it either and the reader sees an error marker. Use the \
     source's variables.",
);

/// `unused-variable`: a translation drops a variable that the source uses.
pub const UNUSED_VARIABLE: Code = code(
    "unused-variable",
    Warning,
    "a translation drops a variable that the source uses",
    "The source message uses a `$variable` that the translation leaves out: a number, a name or a \
     date the reader needs is missing. Add it to the translation, unless the language truly does \
     without it.",
);

/// `duplicate-message`: a message is defined twice in one locale.
pub const DUPLICATE_MESSAGE: Code = code(
    "duplicate-message",
    Error,
    "a message is defined twice in one locale",
    "Two definitions of one message id: only one of them is used, and which one depends on file \
     order. Remove or rename one.",
);

/// `empty-message`: a message has no value.
pub const EMPTY_MESSAGE: Code = code(
    "empty-message",
    Warning,
    "a message has no value",
    "The message exists but has no text (and no attributes to speak of), so the UI shows an empty \
     string. Write the text, or remove the message so that the fallback applies.",
);

/// `missing-default-variant`: a select expression has no default variant.
pub const MISSING_DEFAULT_VARIANT: Code = code(
    "missing-default-variant",
    Error,
    "a select expression has no default variant",
    "Every Fluent select expression needs one variant marked with `*` for values that no other \
     variant matches. Mark one.",
);

/// `unused-message`: a message is never referenced by a template.
pub const UNUSED_MESSAGE: Code = code(
    "unused-message",
    Info,
    "a message is never referenced by a template",
    "No template of the site or its theme refers to the message id, so it is never shown. \
     Remove it, or use it.",
);

/// `undefined-message`: a template refers to a message that no locale defines.
pub const UNDEFINED_MESSAGE: Code = code(
    "undefined-message",
    Error,
    "a template refers to a message that no locale defines",
    "A template asks for a message id that no locale's Fluent files define, so every locale \
     shows an error marker there. Define the message in the source locale, or fix the id.",
);

/// Every code, grouped: translation states, loading, content lints, build, Fluent. The order
/// is the order of `tolk explain`'s list.
pub static CODES: &[&Code] = &[
    &MISSING,
    &STALE,
    &UNVERIFIED,
    &ORPHANED,
    &DRAFT,
    &UNTRANSLATED,
    &FRONT_MATTER,
    &LOCALE_MISMATCH,
    &LOCALE_ALIAS,
    &DUPLICATE_KEY,
    &DUPLICATE_URL,
    &MISSING_HOME,
    &INVALID_UTF8,
    &CONTROL_CHARACTER,
    &LINE_ENDINGS,
    &UNREADABLE,
    &MOJIBAKE,
    &UNTRANSLATED_TEXT,
    &UNTRANSLATED_FIELD,
    &FIELD_DRIFT,
    &STRUCTURE_MISMATCH,
    &BROKEN_LINK,
    &FALLBACK_LINK,
    &UNLOCALIZED_LINK,
    &MISSING_FIELD,
    &URL_FORMAT,
    &BROKEN_RELATED_PAGE,
    &RESERVED_URL,
    &UNSAFE_ATTRIBUTE,
    &UNSAFE_URL,
    &FLUENT_SYNTAX,
    &FLUENT_CYCLE,
    &FLUENT_TOO_MANY_PLACEABLES,
    &FLUENT_TOO_DEEP,
    &MISSING_MESSAGE,
    &OBSOLETE_MESSAGE,
    &MISSING_ATTRIBUTE,
    &OBSOLETE_ATTRIBUTE,
    &UNKNOWN_VARIABLE,
    &UNUSED_VARIABLE,
    &DUPLICATE_MESSAGE,
    &EMPTY_MESSAGE,
    &MISSING_DEFAULT_VARIANT,
    &UNUSED_MESSAGE,
    &UNDEFINED_MESSAGE,
];

/// The catalogue entry of `code`.
pub fn lookup(code: &str) -> Option<&'static Code> {
    CODES.iter().copied().find(|c| c.code == code)
}

/// The catalogue codes closest to a misspelt `code`, best first (for "did you mean").
pub fn suggestions(code: &str) -> Vec<&'static str> {
    let wanted = code.to_ascii_lowercase();
    let mut scored: Vec<(usize, &'static str)> = CODES
        .iter()
        .map(|c| (distance(&wanted, c.code), c.code))
        .filter(|(d, c)| *d <= 3 || c.contains(wanted.as_str()) && wanted.len() >= 3)
        .collect();
    scored.sort();
    scored.into_iter().map(|(_, c)| c).take(3).collect()
}

/// Levenshtein distance of two short strings.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(current).min(row[j])
            };
            previous = current;
        }
    }
    row[b.len()]
}

/// The text `tolk explain CODE` prints for one entry.
pub fn explain(entry: &Code) -> String {
    format!(
        "{} ({}): {}\n\n{}\n",
        entry.code,
        entry.severity,
        entry.summary,
        wrap(entry.explanation, 88)
    )
}

/// The list `tolk explain` prints without a code: one line per code.
pub fn list() -> String {
    let width = CODES.iter().map(|c| c.code.len()).max().unwrap_or(0);
    let mut out = String::new();
    for c in CODES {
        out.push_str(&format!(
            "{:<width$}  {:<7}  {}\n",
            c.code,
            c.severity.as_str(),
            c.summary
        ));
    }
    out
}

fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_explained() {
        let mut seen = std::collections::BTreeSet::new();
        for c in CODES {
            assert!(seen.insert(c.code), "{} is listed twice", c.code);
            assert!(
                c.code
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
                "{} is not kebab-case",
                c.code
            );
            assert!(
                c.explanation.len() > 80,
                "{} needs a real explanation",
                c.code
            );
        }
    }

    #[test]
    fn states_and_lints_are_catalogued() {
        for code in [
            "missing",
            "stale",
            "unverified",
            "orphaned",
            "draft",
            "untranslated",
            "mojibake",
            "broken-link",
            "unlocalized-link",
            "undefined-message",
            "line-endings",
            "control-character",
        ] {
            assert!(lookup(code).is_some(), "{code}");
        }
        assert_eq!(lookup("broken-link"), Some(&BROKEN_LINK));
        assert_eq!(BROKEN_LINK.severity, Severity::Error);
    }

    /// Every code constant of this file is in [`CODES`] (so `tolk explain` and `severity:`
    /// know it), and no source outside the diagnostics layer builds a finding around the
    /// catalogue: by struct literal, or by writing another code into a finding.
    #[test]
    fn every_code_is_listed_and_findings_use_the_catalogue() {
        let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let catalogue = std::fs::read_to_string(here.join("diagnostics/codes.rs")).unwrap();
        let constants: Vec<&str> = catalogue
            .lines()
            .filter_map(|l| l.strip_prefix("pub const "))
            .filter_map(|l| l.split(':').next())
            .collect();
        assert_eq!(constants.len(), CODES.len(), "{constants:?}");
        for name in constants {
            assert!(
                catalogue.contains(&format!("    &{name},\n")),
                "{name} is not listed in CODES"
            );
        }
        let mut files = Vec::new();
        let mut folders = vec![here];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 30, "the scan found only {files:?}");
        for path in &files {
            if path.parent().is_some_and(|p| p.ends_with("diagnostics")) {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap();
            // The tests of a module may build findings of any kind.
            let code_part = text.split("#[cfg(test)]").next().unwrap_or_default();
            for line in code_part.lines() {
                let literal = line.contains("Finding {") && !line.contains("fn ");
                assert!(
                    !literal && !line.contains(".code = "),
                    "{}: `{}`: make findings with Finding::new(&codes::X, …)",
                    path.display(),
                    line.trim()
                );
            }
        }
    }

    #[test]
    fn suggests_near_misses() {
        assert_eq!(suggestions("mojibak").first(), Some(&"mojibake"));
        assert!(suggestions("brokenlink").contains(&"broken-link"));
    }
}
