//! `untranslated-text` and `untranslated-field`: parts of a translation that are still in the
//! source language.
//!
//! A text block (paragraph, heading, list item) is untranslated when it is identical to a
//! block of the source, or when language identification says it is in the source language.
//! Identification uses lingua (its English, Bokmål and Nynorsk models, compiled in): it tells
//! Norwegian from English reliably on a sentence, but Bokmål from Nynorsk only with help, so a
//! Bokmål verdict on a Nynorsk page must also be borne out by words that exist in one written
//! standard only (`ikke` against `ikkje`).
//!
//! What is not judged, because it is the same in every language or too short to tell: code,
//! link targets, quoted text (`«Kontaktregisteret»`), names (capitalised words inside a
//! sentence: `Skatteetaten`, `Lånekassen.no`, `MinID`), numbers, and blocks with fewer than
//! [`MIN_WORDS`] remaining words.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use super::blocks::{self, Body, TextBlock};
use super::{body_place, excerpt, field_place};
use crate::analyse::{Finding, codes};
use crate::model::{Page, Site};

/// Fewest ordinary words (not names, numbers or code) a block needs to be judged by language.
pub const MIN_WORDS: usize = 6;
/// Between languages as close as Bokmål and Nynorsk (which share many sentences), an identical
/// block counts as untranslated with twice this many ordinary words, or with fewer when its
/// words exist in the source language only.
const MIN_IDENTICAL_CLOSE: usize = 8;
/// Fewest ordinary words an identical block needs between unrelated languages.
const MIN_IDENTICAL: usize = 3;
/// Share of confidence the source language's family needs, against an unrelated target.
const CONFIDENCE: f64 = 0.9;
/// Confidence the source language needs against a close target, with word evidence besides.
const CLOSE_CONFIDENCE: f64 = 0.75;

fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        LanguageDetectorBuilder::from_languages(&[
            Language::English,
            Language::Bokmal,
            Language::Nynorsk,
        ])
        .build()
    })
}

/// The lingua language of a locale, where tolk has its model.
fn language_of(site: &Site, locale: &str) -> Option<Language> {
    let locale = site.config.locale(locale)?;
    match locale.langid.language.as_str() {
        "en" => Some(Language::English),
        "nb" | "no" => Some(Language::Bokmal),
        "nn" => Some(Language::Nynorsk),
        _ => None,
    }
}

/// Languages that language identification cannot reliably tell apart on its own.
fn family(language: Language) -> u8 {
    match language {
        Language::Bokmal | Language::Nynorsk => 1,
        _ => 0,
    }
}

fn language_name(language: Language) -> &'static str {
    // Only the three models tolk compiles in exist; the last arm guards against more.
    #[allow(unreachable_patterns)]
    match language {
        Language::English => "English",
        Language::Bokmal => "Norwegian Bokmål",
        Language::Nynorsk => "Norwegian Nynorsk",
        _ => "another language",
    }
}

/// Frequent words that only Bokmål writes (Nynorsk has `ikkje`, `kva`, `ein` …).
const BOKMAL_ONLY: &[&str] = &[
    "ikke",
    "jeg",
    "hva",
    "hvem",
    "hvor",
    "hvordan",
    "hvorfor",
    "hvis",
    "hvilke",
    "hvilken",
    "noen",
    "noe",
    "mye",
    "fra",
    "en",
    "et",
    "dem",
    "deres",
    "bare",
    "ble",
    "kommer",
    "mottar",
    "bruker",
    "tjeneste",
    "tjenester",
    "tjenesten",
    "tjenestene",
    "disse",
    "gjøre",
    "uten",
    "selv",
    "mer",
    "flere",
    "hver",
    "hun",
    "være",
    "nå",
    "sikkerhet",
    "opplysningene",
    "dere",
    "hele",
    "siden",
    "innbyggere",
    "meldinger",
    "trenger",
];

/// Frequent words that only Nynorsk writes.
const NYNORSK_ONLY: &[&str] = &[
    "ikkje",
    "eg",
    "kva",
    "kven",
    "kvar",
    "korleis",
    "kvifor",
    "nokon",
    "noko",
    "mykje",
    "frå",
    "òg",
    "ein",
    "eit",
    "dei",
    "desse",
    "berre",
    "vart",
    "kjem",
    "tenester",
    "teneste",
    "tenesta",
    "tenestene",
    "brukar",
    "gjere",
    "utan",
    "sjølv",
    "meir",
    "fleire",
    "ho",
    "vere",
    "no",
    "heile",
    "sikkerheit",
    "opplysningane",
    "dykk",
    "treng",
    "sida",
    "meldingar",
    "nokre",
    "eigen",
    "eigne",
];

/// Frequent English words.
const ENGLISH_ONLY: &[&str] = &[
    "the", "and", "you", "your", "of", "to", "is", "are", "with", "this", "that", "can", "from",
    "have", "not", "be", "or", "it", "will", "which", "when", "what",
];

fn markers(words: &[String], list: &[&str]) -> usize {
    words
        .iter()
        .filter(|w| list.contains(&w.to_lowercase().as_str()))
        .count()
}

fn marker_list(language: Language) -> &'static [&'static str] {
    match language {
        Language::Bokmal => BOKMAL_ONLY,
        Language::Nynorsk => NYNORSK_ONLY,
        _ => ENGLISH_ONLY,
    }
}

/// The words of a block that tell its language: quoted text, inline code, names, numbers,
/// domains and paths removed.
pub fn ordinary_words(text: &str) -> Vec<String> {
    let text = strip_quotes_and_code(text);
    let mut words = Vec::new();
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let ends_sentence = raw.ends_with(['.', '!', '?', ':']);
        let starts = sentence_start;
        sentence_start = ends_sentence || raw.chars().all(|c| !c.is_alphanumeric());
        if word.is_empty() || !word.chars().any(char::is_alphabetic) {
            continue;
        }
        let mut chars = word.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        let inner_upper = chars.any(char::is_uppercase);
        let name_like = inner_upper
            || (first_upper && !starts)
            || word.chars().any(|c| c.is_ascii_digit())
            || word.contains(['.', '@', '/', '_']);
        if !name_like {
            words.push(word.to_string());
        }
    }
    words
}

/// `text` without quoted spans («…», “…”, "…"), glosses in parentheses (`(fødselsnummer)`)
/// and inline code (`…`).
fn strip_quotes_and_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            Some(end) if c == end => {
                closing = None;
                out.push(' ');
            }
            Some(_) => {}
            None => match c {
                '«' => closing = Some('»'),
                '“' => closing = Some('”'),
                '"' => closing = Some('"'),
                '`' => closing = Some('`'),
                '(' => closing = Some(')'),
                _ => out.push(c),
            },
        }
    }
    out
}

/// Whether the words themselves bear out that a text between close languages is in the
/// source language: some words only the source writes, none only the target writes.
fn word_evidence(words: &[String], source: Option<Language>, target: Option<Language>) -> bool {
    match (source, target) {
        (Some(s), Some(t)) => {
            markers(words, marker_list(s)) >= 1 && markers(words, marker_list(t)) == 0
        }
        _ => false,
    }
}

/// What language identification says of a block: the source language it is in, if any.
fn detected_source(words: &[String], source: Language, target: Language) -> Option<Language> {
    if words.len() < MIN_WORDS {
        return None;
    }
    let text = words.join(" ");
    let source_markers = markers(words, marker_list(source));
    let target_markers = markers(words, marker_list(target));
    if family(source) == family(target) {
        // Close languages: the model's verdict must be borne out by the words themselves.
        if source_markers < 2 || target_markers > 0 {
            return None;
        }
        let confidence = detector().compute_language_confidence(text, source);
        return (confidence >= CLOSE_CONFIDENCE).then_some(source);
    }
    // Unrelated languages: text with more of the target's frequent words than the source's is
    // not the source's, whatever the model makes of a few foreign terms in it.
    if target_markers > source_markers {
        return None;
    }
    let values = detector().compute_language_confidence_values(text);
    let family_confidence: f64 = values
        .iter()
        .filter(|(l, _)| family(*l) == family(source))
        .map(|(_, c)| c)
        .sum();
    if family_confidence < CONFIDENCE {
        return None;
    }
    values
        .iter()
        .find(|(l, _)| family(*l) == family(source))
        .map(|(l, _)| *l)
}

/// `untranslated-text` and `untranslated-field` findings of the translation `page`.
pub fn findings(
    site: &Site,
    page: &Page,
    body: &Body,
    source: &Page,
    source_body: &Body,
) -> Vec<Finding> {
    let target_language = language_of(site, &page.locale);
    let source_language = language_of(site, &source.locale);
    let close = match (source_language, target_language) {
        (Some(s), Some(t)) => family(s) == family(t),
        // Unknown languages: assume the worst, only long identical blocks count.
        _ => true,
    };
    let mut found = text_findings(
        page,
        body,
        source,
        source_body,
        close,
        source_language,
        target_language,
    );
    found.extend(field_findings(
        page,
        source,
        close,
        source_language,
        target_language,
    ));
    found
}

#[allow(clippy::too_many_arguments)]
fn text_findings(
    page: &Page,
    body: &Body,
    source: &Page,
    source_body: &Body,
    close: bool,
    source_language: Option<Language>,
    target_language: Option<Language>,
) -> Vec<Finding> {
    let source_blocks: BTreeMap<String, &TextBlock> = source_body
        .text
        .iter()
        .map(|b| (blocks::normalized(&b.text), b))
        .collect();
    let min_identical = if close {
        MIN_IDENTICAL_CLOSE
    } else {
        MIN_IDENTICAL
    };
    let mut found = Vec::new();
    for block in &body.text {
        let words = ordinary_words(&block.text);
        // Close languages share short sentences; an identical one counts when it is long, or
        // when its words show the source language.
        let identical_counts = if close {
            words.len() >= MIN_IDENTICAL_CLOSE * 2
                || words.len() >= MIN_IDENTICAL
                    && word_evidence(&words, source_language, target_language)
        } else {
            words.len() >= min_identical
        };
        let message = if let Some(original) = source_blocks
            .get(&blocks::normalized(&block.text))
            .filter(|_| identical_counts)
        {
            let (line, _) = body_place(source, original.offset);
            format!(
                "this {} is identical to the source's ({}:{line}), so it is probably not translated: `{}`",
                block.kind.noun(),
                source.path,
                excerpt(&block.text, 60)
            )
        } else if let (Some(s), Some(t)) = (source_language, target_language)
            && let Some(detected) = detected_source(&words, s, t)
        {
            format!(
                "this {} looks like {}, not {}: `{}`",
                block.kind.noun(),
                language_name(detected),
                language_name(t),
                excerpt(&block.text, 60)
            )
        } else {
            continue;
        };
        let (line, column) = body_place(page, block.offset);
        found.push(
            codes::finding("untranslated-text", page.path.clone(), message)
                .locale(page.locale.clone())
                .key(page.key.clone())
                .at(Some(line), Some(column)),
        );
    }
    found
}

fn field_findings(
    page: &Page,
    source: &Page,
    close: bool,
    source_language: Option<Language>,
    target_language: Option<Language>,
) -> Vec<Finding> {
    let mut fields: Vec<(Vec<&str>, Option<&String>, Option<&String>)> = vec![
        (
            vec!["title"],
            page.front.title.as_ref(),
            source.front.title.as_ref(),
        ),
        (
            vec!["description"],
            page.front.description.as_ref(),
            source.front.description.as_ref(),
        ),
        (
            vec!["ingress"],
            page.front.ingress.as_ref(),
            source.front.ingress.as_ref(),
        ),
    ];
    for (menu, entry) in &page.front.menus {
        let source_name = source.front.menus.get(menu).and_then(|e| e.name.as_ref());
        fields.push((
            vec!["menu", menu.as_str(), "name"],
            entry.name.as_ref(),
            source_name,
        ));
    }
    let mut found = Vec::new();
    for (path, value, source_value) in fields {
        let (Some(value), Some(source_value)) = (value, source_value) else {
            continue;
        };
        if value.trim().is_empty() || value.trim() != source_value.trim() {
            continue;
        }
        // Between close languages a title like `Kom i gang med MinID` is often the same in
        // both; only words that exist in the source language alone show it is untranslated.
        let words = ordinary_words(value);
        if words.is_empty() || close && !word_evidence(&words, source_language, target_language) {
            continue;
        }
        let (line, column) = field_place(page, &path);
        found.push(
            codes::finding(
                "untranslated-field",
                page.path.clone(),
                format!(
                    "`{}` is the same as the source's (`{}`): translate it",
                    path.join("."),
                    excerpt(value, 60)
                ),
            )
            .locale(page.locale.clone())
            .key(page.key.clone())
            .at(line, column),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_numbers_and_quotes_are_not_words() {
        let words = ordinary_words(
            "Report a move at Skatteetaten.no or ask «Lånekassen» about `code`, MinID and 2024.",
        );
        assert_eq!(
            words,
            ["Report", "a", "move", "at", "or", "ask", "about", "and"]
        );
        // A sentence may start with a name; the next sentence's first word is kept.
        assert_eq!(
            ordinary_words("Skatteetaten sier. Det er"),
            ["Skatteetaten", "sier", "Det", "er"]
        );
    }

    #[test]
    fn tells_norwegian_from_english() {
        let no = ordinary_words(
            "Når du registrerer deg som bruker, legger du inn mobilnummer og e-postadresse i registeret.",
        );
        assert_eq!(
            detected_source(&no, Language::Bokmal, Language::English).map(family),
            Some(1)
        );
        let en = ordinary_words(
            "Apply for a scholarship at Lånekassen and report a move to Skatteetaten online.",
        );
        assert_eq!(
            detected_source(&en, Language::Bokmal, Language::English),
            None
        );
    }

    #[test]
    fn tells_bokmal_in_nynorsk_only_with_evidence() {
        let nb = ordinary_words(
            "Med jevne mellomrom blir du bedt om å bekrefte at opplysningene dine fortsatt stemmer, og du kan ikke hoppe over det.",
        );
        assert_eq!(
            detected_source(&nb, Language::Bokmal, Language::Nynorsk),
            Some(Language::Bokmal)
        );
        let nn = ordinary_words(
            "Alle elektroniske ID-ar som er godkjende for offentlege tenester, finn du i oversikta.",
        );
        assert_eq!(
            detected_source(&nn, Language::Bokmal, Language::Nynorsk),
            None
        );
    }
}
