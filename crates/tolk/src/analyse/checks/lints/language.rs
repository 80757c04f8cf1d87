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
//! [`MIN_WORDS`] remaining words. Nor is JSX: an MDX body is read without its tags, props,
//! `{…}` expressions and import/export lines ([`body`](crate::markdown::body)), while the text
//! of a component's translatable props and children is judged as any other text.
//!
//! Language identification confirms what the words suggest; it is not asked to find the
//! source language where no word suggests it. A block is put to it only when it is not
//! identical to a source block, has enough ordinary words, its marker words
//! ([`words`](crate::markdown::words)) leave the question open, and at least one word speaks for
//! the source language: a frequent word of it, or (for Norwegian) a word spelled with `æ`, `ø`
//! or `å`. On text with no such word the model's verdict rests on letter patterns alone, and it
//! is also by far the costliest step.

use std::sync::OnceLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use super::{Side, excerpt, field_place};
use crate::diagnostics::{Finding, codes};
use crate::markdown::body::{Body, TextIndex};
pub use crate::markdown::words::ordinary_words;
use crate::markdown::words::{Standard, Words};
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

/// The marker list of a language: the frequent words only it writes.
fn marker_list(language: Language) -> Standard {
    match language {
        Language::Bokmal => Standard::Bokmal,
        Language::Nynorsk => Standard::Nynorsk,
        _ => Standard::English,
    }
}

/// Whether some word speaks for `source`'s family: one of its frequent words, or for
/// Norwegian a word spelled with letters English lacks.
fn family_evidence(words: &Words<'_>, source: Language) -> bool {
    if family(source) == family(Language::Bokmal) {
        words.markers(Standard::Bokmal)
            + words.markers(Standard::Nynorsk)
            + words.markers(Standard::Norwegian)
            + words.norwegian_spellings()
            > 0
    } else {
        words.markers(marker_list(source)) > 0
    }
}

/// Whether the words themselves bear out that a text between close languages is in the
/// source language: some words only the source writes, none only the target writes.
fn word_evidence(words: &Words<'_>, source: Option<Language>, target: Option<Language>) -> bool {
    match (source, target) {
        (Some(s), Some(t)) => {
            words.markers(marker_list(s)) >= 1 && words.markers(marker_list(t)) == 0
        }
        _ => false,
    }
}

/// What language identification says of a block: the source language it is in, if any.
fn detected_source(words: &Words<'_>, source: Language, target: Language) -> Option<Language> {
    if words.len() < MIN_WORDS {
        return None;
    }
    let source_markers = words.markers(marker_list(source));
    let target_markers = words.markers(marker_list(target));
    if family(source) == family(target) {
        // Close languages: the model's verdict must be borne out by the words themselves.
        if source_markers < 2 || target_markers > 0 {
            return None;
        }
        let confidence = detector().compute_language_confidence(words.joined(), source);
        return (confidence >= CLOSE_CONFIDENCE).then_some(source);
    }
    // Unrelated languages: text with more of the target's frequent words than the source's is
    // not the source's, whatever the model makes of a few foreign terms in it.
    if target_markers > source_markers || !family_evidence(words, source) {
        return None;
    }
    let values = detector().compute_language_confidence_values(words.joined());
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

/// `untranslated-text` and `untranslated-field` findings of the translation `page`, against
/// `source` (whose text blocks `source_index` indexes).
pub fn findings(
    site: &Site,
    page: Side<'_>,
    source: Side<'_>,
    source_index: &TextIndex,
) -> Vec<Finding> {
    let target_language = language_of(site, &page.page.locale);
    let source_language = language_of(site, &source.page.locale);
    let close = match (source_language, target_language) {
        (Some(s), Some(t)) => family(s) == family(t),
        // Unknown languages: assume the worst, only long identical blocks count.
        _ => true,
    };
    let mut found = text_findings(
        page,
        source,
        source_index,
        close,
        source_language,
        target_language,
    );
    found.extend(field_findings(
        page.page,
        source.page,
        close,
        source_language,
        target_language,
    ));
    found
}

/// How much of a translation is still in its source's language: ordinary words counted over
/// its text blocks and translatable fields (title, description, ingress, menu names).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Share {
    /// Ordinary words of the translation's text blocks and translatable fields.
    pub words: usize,
    /// Of these, the words of blocks and fields left in the source language: identical to the
    /// source's (whatever their length), or a block that language identification puts in the
    /// source language under the rules of `untranslated-text`.
    pub untranslated: usize,
}

/// The [`Share`] of the translation `page` still in the source language: the judgement of
/// `untranslated-text` and `untranslated-field`, over the whole page.
///
/// Where the lints leave short identical blocks between close languages alone (a sentence
/// Bokmål and Nynorsk write alike), the share counts them: alone they prove nothing, but a page
/// made mostly of them is its source.
pub fn share(
    site: &Site,
    page: &Page,
    body: &Body,
    source: &Page,
    source_body: &Body,
    source_index: &TextIndex,
) -> Share {
    let target_language = language_of(site, &page.locale);
    let source_language = language_of(site, &source.locale);
    let mut share = Share::default();
    for block in &body.text {
        let words = Words::new(&block.text);
        if words.is_empty() {
            continue;
        }
        let weight = weight(&block.text, words.len());
        share.words += weight;
        let untranslated = source_index.find(source_body, &block.text).is_some()
            || match (source_language, target_language) {
                (Some(s), Some(t)) => detected_source(&words, s, t).is_some(),
                _ => false,
            };
        if untranslated {
            share.untranslated += weight;
        }
    }
    for (_, value, source_value) in translatable_fields(page, source) {
        let Some(value) = value else { continue };
        let words = weight(value, Words::new(value).len());
        share.words += words;
        if source_value.is_some_and(|s| s.trim() == value.trim()) {
            share.untranslated += words;
        }
    }
    share
}

/// How many words `text` weighs in a [`Share`]: its words, where a run of Chinese or Japanese
/// script (written without spaces, so one "word" to the scan) weighs one word per two
/// characters, as word counts for those languages commonly reckon.
fn weight(text: &str, words: usize) -> usize {
    let unspaced = text.chars().filter(|&c| is_unspaced_script(c)).count();
    words + unspaced / 2
}

/// Whether `c` is a letter of a script written without spaces between words: CJK ideographs,
/// hiragana and katakana.
fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

fn text_findings(
    side: Side<'_>,
    source: Side<'_>,
    source_blocks: &TextIndex,
    close: bool,
    source_language: Option<Language>,
    target_language: Option<Language>,
) -> Vec<Finding> {
    let page = side.page;
    let min_identical = if close {
        MIN_IDENTICAL_CLOSE
    } else {
        MIN_IDENTICAL
    };
    let mut found = Vec::new();
    for block in &side.body.text {
        let identical = source_blocks.find(source.body, &block.text);
        // Where a language has no model, only an identical block can be reported: the words of
        // any other block would be counted for nothing.
        if identical.is_none() && (source_language.is_none() || target_language.is_none()) {
            continue;
        }
        // Between close languages, a block that is not the source's is reported only when none
        // of its words is the target language's own: the first such word settles it.
        let words = match (close, identical, target_language) {
            (true, None, Some(target)) => {
                match Words::unless_marker(&block.text, marker_list(target)) {
                    Some(words) => words,
                    None => continue,
                }
            }
            _ => Words::new(&block.text),
        };
        // Close languages share short sentences; an identical one counts when it is long, or
        // when its words show the source language.
        let identical_counts = if close {
            words.len() >= MIN_IDENTICAL_CLOSE * 2
                || words.len() >= MIN_IDENTICAL
                    && word_evidence(&words, source_language, target_language)
        } else {
            words.len() >= min_identical
        };
        let message = if identical_counts && let Some(original) = identical {
            let (line, _) = source.place(original.offset);
            format!(
                "this {} is identical to the source's ({}:{line}), so it is probably not translated: `{}`",
                block.kind.noun(),
                source.page.path,
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
        let (line, column) = side.place(block.offset);
        found.push(
            Finding::new(&codes::UNTRANSLATED_TEXT, page.path.clone(), message)
                .locale(page.locale.clone())
                .key(page.key.clone())
                .at(Some(line), Some(column)),
        );
    }
    found
}

/// A translatable field: its path, the translation's value, the source's value.
type Field<'p> = (Vec<&'p str>, Option<&'p String>, Option<&'p String>);

/// The translatable fields of `page` beside `source`'s: title, description, ingress, menu names.
fn translatable_fields<'p>(page: &'p Page, source: &'p Page) -> Vec<Field<'p>> {
    let mut fields: Vec<Field<'p>> = vec![
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
    fields
}

fn field_findings(
    page: &Page,
    source: &Page,
    close: bool,
    source_language: Option<Language>,
    target_language: Option<Language>,
) -> Vec<Finding> {
    let mut found = Vec::new();
    for (path, value, source_value) in translatable_fields(page, source) {
        let (Some(value), Some(source_value)) = (value, source_value) else {
            continue;
        };
        if value.trim().is_empty() || value.trim() != source_value.trim() {
            continue;
        }
        // Between close languages a title like `Kom i gang med MinID` is often the same in
        // both; only words that exist in the source language alone show it is untranslated.
        let words = Words::new(value);
        if words.is_empty() || close && !word_evidence(&words, source_language, target_language) {
            continue;
        }
        let (line, column) = field_place(page, &path);
        found.push(
            Finding::new(
                &codes::UNTRANSLATED_FIELD,
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
mod weight_tests {
    use super::*;

    #[test]
    fn japanese_and_chinese_weigh_by_characters() {
        let ja = "このプラグインでコードからページを生成します。";
        assert_eq!(Words::new(ja).len(), 1);
        // 22 characters of kana and kanji (the full stop is punctuation): 11 more words.
        assert_eq!(weight(ja, 1), 12);
        assert_eq!(weight("生成页面", 1), 3);
        // Spaced scripts weigh their words.
        assert_eq!(weight("Generate pages from your code", 5), 5);
        assert_eq!(weight("코드에서 페이지를 생성합니다", 3), 3);
    }
}

#[cfg(test)]
mod unknown_language_tests {
    use super::*;
    use crate::markdown::body::read;
    use crate::testing::SiteBuilder;

    /// Between languages without a model (German, French), a block is untranslated only when
    /// it is identical to a source block with enough words; no other block is judged.
    #[test]
    fn only_identical_blocks_count_without_a_model() {
        let config = "source_locale: de\nlocales:\n  - { code: de, name: Deutsch, prefix: / }\n  - { code: fr, name: Français, prefix: /fr/ }\n";
        let de_body = "Ein satz mit genug wörtern für den vergleich hier und dort, damit er lang genug ist und zählt, auch wenn niemand ihn liest.\n\nNoch einer.\n";
        let fr_body = "Une phrase traduite, avec assez de mots pour être jugée.\n\nEin satz mit genug wörtern für den vergleich hier und dort, damit er lang genug ist und zählt, auch wenn niemand ihn liest.\n\nNår du registrerer deg som bruker, legger du inn mobilnummer og e-postadresse.\n";
        let site = SiteBuilder::with_config(config)
            .page("de", "a", "title: A\n", de_body)
            .page("fr", "a", "title: B\n", fr_body)
            .build();
        let page = site.pages.iter().find(|p| p.locale == "fr").unwrap();
        let source = site.pages.iter().find(|p| p.locale == "de").unwrap();
        let (body, source_body) = (read(page.body()), read(source.body()));
        let side = Side::new(page, page.body(), &body);
        let found = findings(
            &site,
            side,
            Side::new(source, source.body(), &source_body),
            &TextIndex::new(&source_body),
        );
        let lines: Vec<Option<u32>> = found.iter().map(|f| f.line).collect();
        assert_eq!(lines.len(), 1, "{found:#?}");
        assert!(
            found[0].message.contains("identical to the source's"),
            "{found:#?}"
        );
        assert_eq!(
            lines[0],
            Some(side.place(fr_body.find("Ein satz").unwrap()).0)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Words<'_> {
        Words::new(text)
    }

    #[test]
    fn asks_the_model_only_when_a_word_speaks_for_the_source() {
        // No frequent word of either language: not judged.
        let salad = words("Phone public municipality letter information services");
        assert!(!family_evidence(&salad, Language::Bokmal));
        assert_eq!(
            detected_source(&salad, Language::Bokmal, Language::English),
            None
        );
        // A Norwegian spelling is enough to ask.
        let spelled =
            words("Oppdater mobilnummer, sikkerhetsspørsmål, adresse, kontonummer jevnlig");
        assert!(family_evidence(&spelled, Language::Bokmal));
        assert_eq!(
            detected_source(&spelled, Language::Bokmal, Language::English).map(family),
            Some(1)
        );
        // An English source needs one of English's frequent words.
        let english = words("Update your mobile number and password regularly");
        assert!(family_evidence(&english, Language::English));
        assert!(!family_evidence(
            &words("Oppdater mobilnummer passord adresse kontonummer jevnlig"),
            Language::English
        ));
    }

    #[test]
    fn tells_norwegian_from_english() {
        let no = words(
            "Når du registrerer deg som bruker, legger du inn mobilnummer og e-postadresse i registeret.",
        );
        assert_eq!(
            detected_source(&no, Language::Bokmal, Language::English).map(family),
            Some(1)
        );
        let en = words(
            "Apply for a scholarship at Lånekassen and report a move to Skatteetaten online.",
        );
        assert_eq!(
            detected_source(&en, Language::Bokmal, Language::English),
            None
        );
    }

    #[test]
    fn tells_bokmal_in_nynorsk_only_with_evidence() {
        let nb = words(
            "Med jevne mellomrom blir du bedt om å bekrefte at opplysningene dine fortsatt stemmer, og du kan ikke hoppe over det.",
        );
        assert_eq!(
            detected_source(&nb, Language::Bokmal, Language::Nynorsk),
            Some(Language::Bokmal)
        );
        let nn = words(
            "Alle elektroniske ID-ar som er godkjende for offentlege tenester, finn du i oversikta.",
        );
        assert_eq!(
            detected_source(&nn, Language::Bokmal, Language::Nynorsk),
            None
        );
    }
}
