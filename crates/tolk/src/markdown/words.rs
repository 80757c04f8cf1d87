//! The word scan: [`pieces`] splits a text at whitespace with a byte table (what
//! [`normalized`](super::normalise::normalized) and the block index build on), and the words of a
//! text block that tell its language, for the `untranslated-text` lint:
//! [`ordinary_words`] leaves out quoted text, glosses in parentheses, inline code, names,
//! numbers, domains and paths; [`Words`] holds them with how many are frequent words that only
//! one written [`Standard`] uses (`ikke` against `ikkje`).
//!
//! A translation has many blocks and each is read once, so nothing here allocates per word:
//! words are slices of the text, a word is lowercased only when lowercasing changes it, and
//! the marker words are looked up in a table bucketed by length and first letter.

use std::borrow::Cow;
use std::ops::ControlFlow;
use std::sync::OnceLock;

/// A written language with a list of frequent words that only it uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard {
    /// Norwegian Bokmål.
    Bokmal,
    /// Norwegian Nynorsk.
    Nynorsk,
    /// English.
    English,
    /// Norwegian in either standard: frequent words Bokmål and Nynorsk share and English does
    /// not write (`og`, `på`, `du`).
    Norwegian,
}

impl Standard {
    const ALL: [Standard; 4] = [
        Standard::Bokmal,
        Standard::Nynorsk,
        Standard::English,
        Standard::Norwegian,
    ];

    /// The frequent words only this standard writes, lowercase.
    pub fn words(self) -> &'static [&'static str] {
        match self {
            Standard::Bokmal => BOKMAL_ONLY,
            Standard::Nynorsk => NYNORSK_ONLY,
            Standard::English => ENGLISH_ONLY,
            Standard::Norwegian => NORWEGIAN,
        }
    }

    fn index(self) -> usize {
        self as usize
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

/// Frequent words of both Norwegian standards that English does not write: function words and
/// the verbs of instructions.
const NORWEGIAN: &[&str] = &[
    "og", "er", "på", "det", "som", "til", "med", "av", "har", "kan", "du", "deg", "din", "ditt",
    "dine", "seg", "sin", "sitt", "sine", "eller", "må", "skal", "vil", "blir", "ved", "om", "når",
    "etter", "før", "også", "å", "få", "dette", "denne", "andre", "alle", "mellom", "slik",
    "mange", "ny", "nye", "nytt", "oss", "vi", "hos", "dersom", "fordi", "ut", "opp", "endre",
    "velg", "trykk", "klikk", "bruk", "logg", "finn", "les",
];

/// The ordinary words of a text, counted, with how many are on each marker list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words<'a> {
    /// The text with quoted text and code taken out (borrowed when it had none).
    text: Cow<'a, str>,
    len: usize,
    markers: [usize; 4],
    norwegian_spelling: usize,
}

impl<'a> Words<'a> {
    /// The ordinary words of `text`.
    pub fn new(text: &'a str) -> Self {
        let mut counts = Counts::default();
        if scan(text, true, |word, ascii| {
            counts.add(word, ascii);
            ControlFlow::Continue(())
        })
        .is_ok()
        {
            return counts.into_words(Cow::Borrowed(text));
        }
        let stripped = strip_quotes_and_code(text);
        let mut counts = Counts::default();
        // Without looking for marks, the scan always completes.
        let _ = scan(&stripped, false, |word, ascii| {
            counts.add(word, ascii);
            ControlFlow::Continue(())
        });
        counts.into_words(Cow::Owned(stripped))
    }

    /// The ordinary words of `text` as [`Words::new`] gives them, unless one of them is on
    /// `standard`'s list: then `None`, found without reading the rest of the text (a caller
    /// that asks this has its answer once the text shows a word of that language).
    pub fn unless_marker(text: &'a str, standard: Standard) -> Option<Self> {
        let stop = bit(standard);
        let mut counts = Counts::default();
        // Words before the first quote or code mark are also words of the text without them.
        match scan(text, true, |word, ascii| {
            counts.add_unless(word, ascii, stop)
        }) {
            Ok(ControlFlow::Break(())) => return None,
            Ok(ControlFlow::Continue(())) => return Some(counts.into_words(Cow::Borrowed(text))),
            Err(Marked) => {}
        }
        let stripped = strip_quotes_and_code(text);
        let mut counts = Counts::default();
        match scan(&stripped, false, |word, ascii| {
            counts.add_unless(word, ascii, stop)
        }) {
            Ok(ControlFlow::Continue(())) => Some(counts.into_words(Cow::Owned(stripped))),
            _ => None,
        }
    }

    /// How many ordinary words.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many of the words (counting repeats) are on `standard`'s list, case aside.
    pub fn markers(&self, standard: Standard) -> usize {
        self.markers[standard.index()]
    }

    /// How many of the words are spelled with `æ`, `ø` or `å`, which only Norwegian (of the
    /// languages tolk knows) writes.
    pub fn norwegian_spellings(&self) -> usize {
        self.norwegian_spelling
    }

    /// The words, in order.
    pub fn to_vec(&self) -> Vec<&str> {
        let mut words = Vec::with_capacity(self.len);
        let _ = scan(&self.text, false, |word, _| {
            words.push(word);
            ControlFlow::Continue(())
        });
        words
    }

    /// The words joined by single spaces.
    pub fn joined(&self) -> String {
        self.to_vec().join(" ")
    }
}

/// Word and marker counts, as a scan goes.
#[derive(Default)]
struct Counts {
    len: usize,
    markers: [usize; 4],
    norwegian_spelling: usize,
}

impl Counts {
    /// Counts `word`; gives the standards (bits) whose list has it.
    #[inline(always)]
    fn add(&mut self, word: &str, ascii: bool) -> u8 {
        self.len += 1;
        let bits = if ascii {
            lookup(word)
        } else {
            self.norwegian_spelling += usize::from(is_norwegian_spelling(word));
            marker_bits(word)
        };
        if bits != 0 {
            for standard in Standard::ALL {
                self.markers[standard.index()] += usize::from(bits & bit(standard) != 0);
            }
        }
        bits
    }

    /// Counts `word`, and says to stop when it is on a list of `stop` (bits).
    #[inline(always)]
    fn add_unless(&mut self, word: &str, ascii: bool, stop: u8) -> ControlFlow<()> {
        if self.add(word, ascii) & stop != 0 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }

    fn into_words(self, text: Cow<'_, str>) -> Words<'_> {
        Words {
            text,
            len: self.len,
            markers: self.markers,
            norwegian_spelling: self.norwegian_spelling,
        }
    }
}

/// Whether `word` has one of the letters `æ`, `ø`, `å` (either case).
fn is_norwegian_spelling(word: &str) -> bool {
    word.contains(['æ', 'ø', 'å', 'Æ', 'Ø', 'Å'])
}

/// The words of a block that tell its language: quoted text, inline code, names, numbers,
/// domains and paths removed.
pub fn ordinary_words(text: &str) -> Vec<String> {
    let words = Words::new(text);
    words.to_vec().into_iter().map(str::to_string).collect()
}

/// A scan that met a byte of an opening quote or code mark.
struct Marked;

/// Byte class: ASCII whitespace (`char::is_whitespace` for ASCII: tab to carriage return, and
/// space).
const SPACE: u8 = 1;
/// Byte class: part of a character that is not ASCII.
const WIDE: u8 = 2;
/// Byte class: may belong to an opening mark of [`strip_quotes_and_code`]: `"`, `` ` ``, `(`,
/// and the last byte of `«` (C2 AB) and `“` (E2 80 9C).
const MARK: u8 = 4;
/// Byte class: the first byte of every other whitespace character (U+0085 and U+00A0 start
/// with C2, U+1680 with E1, U+2000 to U+205F with E2, U+3000 with E3).
const MAYBE_SPACE: u8 = 8;

const fn byte_classes() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let mut class = 0;
        if matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
            class |= SPACE;
        }
        if b >= 0x80 {
            class |= WIDE;
        }
        if matches!(b, b'"' | b'`' | b'(' | 0xAB | 0x9C) {
            class |= MARK;
        }
        if matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            class |= MAYBE_SPACE;
        }
        table[i] = class;
        i += 1;
    }
    table
}

static CLASSES: [u8; 256] = byte_classes();

/// The length of the whitespace character at byte `i` of `text`, or 0.
#[inline]
fn space_at(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let class = CLASSES[usize::from(bytes[i])];
    if class & SPACE != 0 {
        return 1;
    }
    if class & MAYBE_SPACE != 0 {
        return match text.get(i..).and_then(|rest| rest.chars().next()) {
            Some(c) if c.is_whitespace() => c.len_utf8(),
            _ => 0,
        };
    }
    0
}

/// The whitespace-separated pieces of a text, exactly as `str::split_whitespace` gives them,
/// found with the byte table of the word scan instead of decoding every character.
pub fn pieces(text: &str) -> Pieces<'_> {
    Pieces { text, at: 0 }
}

/// The iterator of [`pieces`].
#[derive(Debug, Clone)]
pub struct Pieces<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Iterator for Pieces<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        let text = self.text;
        let len = text.len();
        let mut i = self.at;
        loop {
            if i >= len {
                self.at = len;
                return None;
            }
            let space = space_at(text, i);
            if space == 0 {
                break;
            }
            i += space;
        }
        let start = i;
        // Continuation bytes of a character are never where whitespace starts.
        while i < len && space_at(text, i) == 0 {
            i += 1;
        }
        self.at = i;
        text.get(start..i)
    }
}

/// Calls `each` with every ordinary word of `text` (whitespace-separated pieces as
/// `split_whitespace` makes them, then [`classify`]) and whether it is ASCII, until `each`
/// says to stop (then `Break`). With `check_marks`, stops at the first byte that may belong to
/// an opening mark, before any word after it.
fn scan<'t>(
    text: &'t str,
    check_marks: bool,
    mut each: impl FnMut(&'t str, bool) -> ControlFlow<()>,
) -> Result<ControlFlow<()>, Marked> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut starts = true;
    while i < bytes.len() {
        let space = space_at(text, i);
        if space > 0 {
            i += space;
            continue;
        }
        let start = i;
        // The first byte is no whitespace; it may open a mark.
        let first = CLASSES[usize::from(bytes[i])];
        if check_marks && first & MARK != 0 {
            return Err(Marked);
        }
        let mut wide = first & WIDE != 0;
        i += 1;
        // The flags of every byte after the first: with a letter or digit at both ends (most
        // words), they are all `classify_ascii` needs.
        let mut inner = 0u8;
        // The length of the whitespace that ends the piece, if any.
        let mut space = 0;
        while i < bytes.len() {
            let entry = BYTES[usize::from(bytes[i])];
            let class = entry as u8;
            if class != 0 {
                if check_marks && class & MARK != 0 {
                    return Err(Marked);
                }
                if class & (SPACE | MAYBE_SPACE) != 0 {
                    space = space_at(text, i);
                    if space > 0 {
                        break;
                    }
                }
                wide |= class & WIDE != 0;
            }
            inner |= (entry >> 8) as u8;
            i += 1;
        }
        let raw = &text[start..i];
        let head = flags(bytes[start]);
        let tail = flags(bytes[i - 1]);
        let (word, next_starts) = if wide {
            classify(raw, starts)
        } else if head & tail & ALNUM != 0 {
            (classify_bare(raw, head, inner, starts), false)
        } else {
            classify_ascii(raw, starts)
        };
        starts = next_starts;
        if let Some(word) = word
            && each(word, !wide).is_break()
        {
            return Ok(ControlFlow::Break(()));
        }
        i += space;
    }
    Ok(ControlFlow::Continue(()))
}

/// One whitespace-separated piece of text: the ordinary word in it, if any, and whether the
/// next piece starts a sentence.
fn classify(raw: &str, starts: bool) -> (Option<&str>, bool) {
    if raw.is_ascii() {
        return classify_ascii(raw, starts);
    }
    let word = raw.trim_matches(|c: char| !is_alphanumeric(c));
    let ends_sentence = raw.ends_with(['.', '!', '?', ':']);
    // No alphanumeric character at all (a dash, a bullet) also lets a sentence start.
    let next_starts = ends_sentence || word.is_empty();
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return (None, next_starts);
    };
    let mut alphabetic = is_alphabetic(first);
    let mut inner_upper = false;
    let mut name_mark = is_name_mark(first);
    for c in chars {
        alphabetic |= is_alphabetic(c);
        inner_upper |= is_uppercase(c);
        name_mark |= is_name_mark(c);
    }
    if !alphabetic {
        return (None, next_starts);
    }
    let name_like = inner_upper || (is_uppercase(first) && !starts) || name_mark;
    ((!name_like).then_some(word), next_starts)
}

/// The Latin-1 letters (`À` to `ÿ`, less `×` and `÷`), whose character properties the
/// functions below know without the Unicode tables.
fn is_latin1_letter(c: char) -> bool {
    matches!(c, 'À'..='ÿ') && c != '×' && c != '÷'
}

/// Upper-case Latin-1 letters: `À` to `Þ`.
fn is_latin1_upper(c: char) -> bool {
    matches!(c, 'À'..='Þ') && c != '×'
}

/// `char::is_alphanumeric`.
#[inline]
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_latin1_letter(c) || c.is_alphanumeric()
    }
}

/// `char::is_alphabetic`.
#[inline]
fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is_latin1_letter(c) || c.is_alphabetic()
    }
}

/// `char::is_uppercase`.
#[inline]
fn is_uppercase(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else if is_latin1_letter(c) {
        is_latin1_upper(c)
    } else {
        c.is_uppercase()
    }
}

/// Whether `char::to_lowercase` leaves `c` as it is.
#[inline]
fn lowercase_is_same(c: char) -> bool {
    if c.is_ascii() {
        !c.is_ascii_uppercase()
    } else if is_latin1_letter(c) {
        !is_latin1_upper(c)
    } else {
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    }
}

/// A digit, or a character of domains, addresses and paths: `.`, `@`, `/`, `_`.
fn is_name_mark(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | '@' | '/' | '_')
}

/// Letter or digit (ASCII).
const ALNUM: u8 = 1;
/// Letter (ASCII).
const ALPHA: u8 = 2;
/// Upper-case letter (ASCII).
const UPPER: u8 = 4;
/// A digit or a character of domains, addresses and paths: `.`, `@`, `/`, `_`.
const NAME_MARK: u8 = 8;
/// Ends a sentence: `.`, `!`, `?`, `:`.
const SENTENCE_END: u8 = 16;

const fn ascii_flags() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        let mut flags = 0;
        if b.is_ascii_alphanumeric() {
            flags |= ALNUM;
        }
        if b.is_ascii_alphabetic() {
            flags |= ALPHA;
        }
        if b.is_ascii_uppercase() {
            flags |= UPPER;
        }
        if b.is_ascii_digit() || matches!(b, b'.' | b'@' | b'/' | b'_') {
            flags |= NAME_MARK;
        }
        if matches!(b, b'.' | b'!' | b'?' | b':') {
            flags |= SENTENCE_END;
        }
        table[i] = flags;
        i += 1;
    }
    table
}

static FLAGS: [u8; 256] = ascii_flags();

/// [`CLASSES`] (low byte) and [`FLAGS`] (high byte) of every byte, for the scan's inner loop.
static BYTES: [u16; 256] = byte_entries();

const fn byte_entries() -> [u16; 256] {
    let classes = byte_classes();
    let flags = ascii_flags();
    let mut table = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = classes[i] as u16 | (flags[i] as u16) << 8;
        i += 1;
    }
    table
}

fn flags(b: u8) -> u8 {
    FLAGS[usize::from(b)]
}

/// [`classify`] for an ASCII piece, byte by byte.
fn classify_ascii(raw: &str, starts: bool) -> (Option<&str>, bool) {
    let bytes = raw.as_bytes();
    let ends_sentence = bytes.last().is_some_and(|&b| flags(b) & SENTENCE_END != 0);
    let Some(first) = bytes.iter().position(|&b| flags(b) & ALNUM != 0) else {
        return (None, true);
    };
    let last = bytes
        .iter()
        .rposition(|&b| flags(b) & ALNUM != 0)
        .unwrap_or(first);
    let word = &raw[first..=last];
    let head = flags(bytes[first]);
    let inner = word.bytes().skip(1).fold(0, |all, b| all | flags(b));
    let all = head | inner;
    if all & ALPHA == 0 {
        return (None, ends_sentence);
    }
    let name_like = inner & UPPER != 0 || (head & UPPER != 0 && !starts) || all & NAME_MARK != 0;
    ((!name_like).then_some(word), ends_sentence)
}

/// [`classify_ascii`] of an ASCII piece that starts and ends with a letter or digit (so it is
/// its own word, and does not end a sentence), given the flags of its first byte and of all
/// the others.
#[inline]
fn classify_bare(raw: &str, head: u8, inner: u8, starts: bool) -> Option<&str> {
    let all = head | inner;
    let name_like = inner & UPPER != 0 || (head & UPPER != 0 && !starts) || all & NAME_MARK != 0;
    (all & ALPHA != 0 && !name_like).then_some(raw)
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

fn bit(standard: Standard) -> u8 {
    1 << standard.index()
}

/// Longest marker word, in bytes.
const MAX_MARKER: usize = 15;

/// Marker words bucketed by byte length and the low bits of their first byte, each as its
/// [`key`] with the standards (bits) whose list has it.
type MarkerTable = Vec<Vec<(u128, u8)>>;

/// A word of at most [`MAX_MARKER`] bytes, ASCII letters lowercased, packed with its length
/// into one number: two words have the same key when they are the same but for ASCII case.
fn key(word: &str) -> u128 {
    let mut bytes = [0u8; 16];
    bytes[15] = word.len() as u8;
    for (slot, b) in bytes.iter_mut().zip(word.bytes()) {
        *slot = b.to_ascii_lowercase();
    }
    u128::from_le_bytes(bytes)
}

fn bucket(word: &str) -> Option<usize> {
    let first = word.as_bytes().first()?.to_ascii_lowercase();
    (word.len() <= MAX_MARKER).then_some(word.len() * 32 + usize::from(first & 31))
}

fn marker_table() -> &'static MarkerTable {
    static TABLE: OnceLock<MarkerTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: MarkerTable = vec![Vec::new(); (MAX_MARKER + 1) * 32];
        for standard in Standard::ALL {
            for &word in standard.words() {
                let Some(slot) = bucket(word).and_then(|i| table.get_mut(i)) else {
                    continue;
                };
                let word = key(word);
                match slot.iter_mut().find(|(w, _)| *w == word) {
                    Some((_, bits)) => *bits |= bit(standard),
                    None => slot.push((word, bit(standard))),
                }
            }
        }
        table
    })
}

/// The standards whose marker list has `word` lowercased (as `str::to_lowercase` lowercases).
fn marker_bits(word: &str) -> u8 {
    if word.is_ascii() {
        // The lists are lowercase: comparing without ASCII case is comparing lowercased.
        return lookup(word);
    }
    if word.chars().all(lowercase_is_same) {
        lookup(word)
    } else {
        lookup(&word.to_lowercase())
    }
}

/// The bits of `word` (lowercase but for ASCII letters) in the marker table.
#[inline]
fn lookup(word: &str) -> u8 {
    let Some(slot) = bucket(word).and_then(|i| marker_table().get(i)) else {
        return 0;
    };
    if slot.is_empty() {
        return 0;
    }
    let word = key(word);
    slot.iter()
        .find(|(w, _)| *w == word)
        .map_or(0, |(_, bits)| *bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The classification as written before [`classify_ascii`]: character by character.
    fn classify_chars(raw: &str, starts: bool) -> (Option<&str>, bool) {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let ends_sentence = raw.ends_with(['.', '!', '?', ':']);
        let next_starts = ends_sentence || raw.chars().all(|c| !c.is_alphanumeric());
        if word.is_empty() || !word.chars().any(char::is_alphabetic) {
            return (None, next_starts);
        }
        let mut chars = word.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        let inner_upper = chars.any(char::is_uppercase);
        let name_like = inner_upper
            || (first_upper && !starts)
            || word.chars().any(|c| c.is_ascii_digit())
            || word.contains(['.', '@', '/', '_']);
        ((!name_like).then_some(word), next_starts)
    }

    /// The words as found before [`scan`]: quotes and code always stripped, `split_whitespace`,
    /// then the character classification.
    fn words_by_chars(text: &str) -> Vec<String> {
        let stripped = strip_quotes_and_code(text);
        let mut words = Vec::new();
        let mut starts = true;
        for raw in stripped.split_whitespace() {
            let (word, next) = classify_chars(raw, starts);
            starts = next;
            words.extend(word.map(str::to_string));
        }
        words
    }

    /// The marker count as written before the table: a lowercased copy compared with each
    /// word of the list.
    fn markers_by_list(words: &[String], list: &[&str]) -> usize {
        words
            .iter()
            .filter(|w| list.contains(&w.to_lowercase().as_str()))
            .count()
    }

    fn assert_same_as_by_chars(text: &str) {
        let words = Words::new(text);
        let expected = words_by_chars(text);
        assert_eq!(words.to_vec(), expected, "{text:?}");
        assert_eq!(words.len(), expected.len(), "{text:?}");
        for standard in Standard::ALL {
            assert_eq!(
                words.markers(standard),
                markers_by_list(&expected, standard.words()),
                "{text:?} {standard:?}"
            );
        }
        assert_eq!(
            words.norwegian_spellings(),
            expected.iter().filter(|w| is_norwegian_spelling(w)).count(),
            "{text:?}"
        );
    }

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
    fn text_without_marks_is_not_copied() {
        assert!(matches!(
            Words::new("Søk om lån – nå").text,
            Cow::Borrowed(_)
        ));
        assert!(matches!(Words::new("a «b» c").text, Cow::Owned(_)));
    }

    #[test]
    fn the_scan_finds_what_the_character_scan_finds() {
        for text in [
            "",
            "Søk om lån – nå, ikke vent.",
            "a «b» c (d) `e` “f” \"g\" h",
            "«open and never closed",
            "“ ” ‘ ’ » ) ´ ë Ü",
            "Word word. word: (word) -- - MinID e-post 2024 x2 a.b a@b a_b a/b 'quoted' Hello! ? ...",
            "A é Ærlig ÆØÅ «Å» naïve. word\u{0} Ikke IKKE ikkje Frå FRÅ frå òG Òg",
            "tab\tline\nvt\u{0b}ff\u{0c}cr\r nel\u{85}nbsp\u{a0}ogham\u{1680}em\u{2003}nnbsp\u{202f}ideo\u{3000}end",
            "Gjøre GJØRE the The THE Nå NÅ nå meldinger MELDINGAR the-end Kelvin \u{212A}va İkke Σ no No",
            "– Dette er. Ein liten: test! Med (parentes) og «sitat».",
        ] {
            assert_same_as_by_chars(text);
        }
    }

    #[test]
    fn character_properties_are_the_standard_ones() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
            let mut lower = c.to_lowercase();
            let same = lower.next() == Some(c) && lower.next().is_none();
            assert_eq!(lowercase_is_same(c), same, "{c:?}");
        }
    }

    #[test]
    fn byte_classes_cover_every_whitespace_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            let class = CLASSES[usize::from(first)];
            if c.is_whitespace() {
                assert!(class & (SPACE | MAYBE_SPACE) != 0, "{c:?}");
            }
            if c.is_ascii() {
                assert_eq!(class & SPACE != 0, c.is_whitespace(), "{c:?}");
            }
            if matches!(c, '«' | '“' | '"' | '`' | '(') {
                let last = *c.encode_utf8(&mut buf).as_bytes().last().unwrap_or(&0);
                assert!(CLASSES[usize::from(last)] & MARK != 0, "{c:?}");
            }
        }
    }

    #[test]
    fn pieces_are_split_whitespace() {
        for text in [
            "",
            " ",
            "a",
            " a  b\tc\n",
            "x\u{a0}y\u{2003}z\u{3000}",
            "å ø\u{85}æ",
            "\u{b}v\u{c}",
            "«Hei» – sa han.\r\n",
            "\u{1680}\u{2028}\u{2029}\u{202f}\u{205f}end",
            "\u{e2}\u{80}x",
            "€ “q” ‹z›",
        ] {
            let ours: Vec<&str> = pieces(text).collect();
            let std: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn the_scan_stops_at_a_word_of_the_language_asked_for() {
        // `ikkje` is Nynorsk: the Bokmål question reads on, the Nynorsk one stops.
        let text = "Du kan ikkje «logge inn» med `MinID` no";
        let bokmal = Words::unless_marker(text, Standard::Bokmal);
        assert_eq!(bokmal, Some(Words::new(text)));
        assert_eq!(Words::unless_marker(text, Standard::Nynorsk), None);
        // A Nynorsk word inside quotes is not a word of the text.
        let quoted = "Skriv «ikkje» her for å logge inn";
        assert_eq!(
            Words::unless_marker(quoted, Standard::Nynorsk),
            Some(Words::new(quoted))
        );
    }

    #[test]
    fn markers_are_counted_as_by_the_lists() {
        assert_eq!(marker_bits("GJØRE"), bit(Standard::Bokmal));
        assert_eq!(marker_bits("Òg"), bit(Standard::Nynorsk));
        assert_eq!(marker_bits("The"), bit(Standard::English));
        assert_eq!(marker_bits("thee"), 0);
        assert_eq!(marker_bits("opplysningane"), bit(Standard::Nynorsk));
        for standard in Standard::ALL {
            for word in standard.words() {
                assert_eq!(marker_bits(word), bit(standard), "{word}");
                assert_eq!(marker_bits(&word.to_uppercase()), bit(standard), "{word}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn words_are_the_character_scan(
            picks in proptest::collection::vec(0usize..43, 0..40),
        ) {
            const PIECES: [&str; 43] = [
                " ", "\n", "\u{a0}", "\u{0b}", "Ikke", "ikkje", "the", "The", "Frå", "nå", "NÅ",
                "MinID", "e-post", ".", ":", "!", "«", "»", "(", ")", "`", "\"", "2024", "a",
                "Skatteetaten.no", "Ærlig", "ÆØÅ", "-", "x_y", "İ", "\u{212A}", "“", "”", "ë",
                "\u{2003}", "Ü", "×", "÷", "ß", "ÿ", "Þ", "µ", "²",
            ];
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let words = Words::new(&text);
            let expected = words_by_chars(&text);
            proptest::prop_assert_eq!(words.to_vec(), expected.clone());
            for standard in Standard::ALL {
                proptest::prop_assert_eq!(
                    words.markers(standard),
                    markers_by_list(&expected, standard.words())
                );
            }
            proptest::prop_assert_eq!(
                words.norwegian_spellings(),
                expected.iter().filter(|w| is_norwegian_spelling(w)).count()
            );
            proptest::prop_assert_eq!(
                pieces(&text).collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>()
            );
            for standard in Standard::ALL {
                let expected = (words.markers(standard) == 0).then(|| words.clone());
                proptest::prop_assert_eq!(Words::unless_marker(&text, standard), expected);
            }
        }

        #[test]
        fn pieces_split_any_text_as_std(text in "(?s).{0,60}") {
            proptest::prop_assert_eq!(
                pieces(&text).collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>()
            );
        }
    }
}
