//! Generates a large multilingual site for benchmarks, deterministically from a seed.
//!
//! ```text
//! cargo run --release --example gensite -- --out /dev/shm/site --pages 10000 \
//!     [--locales nb,nn,en] [--stale 0.10] [--missing 0.02] [--seed 42] [--sections 12] \
//!     [--shape default|hugo-deep]
//! ```
//!
//! `--shape hugo-deep` makes a differently shaped site of the same size: Hugo's way, with a
//! `translationKey` on every page, home pages `content/<lang>/_index.md` keyed `home` and with
//! no `url`, `--sections` (8) top-level sections each the root of a tree of `_index.md`
//! section pages five levels deep (no `url`: published at their folder), 40 main-menu entries,
//! 10 related pages and 30 links (by URL) per page, ~8 KB of Markdown per page. The default
//! shape is described below.
//!
//! The site has `--pages` pages per locale (a front page, `--sections` section pages and
//! regular pages of ~600 words), Norwegian-looking text in `nb` and `nn` and English-looking
//! text in `en`, translated slugs paired by `translationKey`, a main menu with section entries
//! and a few entries below each, `related_pages` written as content paths in the page's own
//! locale (as Hugo's `GetPage` takes them), and a git history of two commits: the first with
//! every page, each translation recording the source's hash (`l10n.source_hash`, the git blob
//! id of the source), the second editing a `--stale` share of the source pages, so that their
//! translations are stale and their diffs have to be read back from git.
//!
//! Beside tolk.yaml it writes the equivalent Hugo site: hugo.toml (a `contentDir` per
//! language), layouts that render the same page frame (menu, section menu, language switcher
//! that never 404s, hreflang alternates with `x-default`, ingress, body, related pages) and
//! i18n strings, so `hugo` builds the very same content.
//!
//! The history is written with one `git fast-import` stream and checked out with one
//! `git reset --hard`: three git processes whatever the size.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use sha1::{Digest, Sha1};

/// splitmix64: small, fast and good enough to make text from.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// A generator for one item, independent of the order items are made in.
    fn for_item(seed: u64, parts: &[u64]) -> Rng {
        let mut rng = Rng(seed ^ 0x9e37_79b9_7f4a_7c15);
        for &p in parts {
            rng.0 ^= p.wrapping_mul(0xbf58_476d_1ce4_e5b9);
            rng.next();
        }
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n as u64) as usize
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

const NB_WORDS: &[&str] = &[
    "og",
    "i",
    "det",
    "på",
    "som",
    "er",
    "en",
    "til",
    "å",
    "har",
    "for",
    "med",
    "at",
    "av",
    "ikke",
    "du",
    "kan",
    "deg",
    "din",
    "ditt",
    "dine",
    "når",
    "må",
    "skal",
    "vil",
    "også",
    "eller",
    "fra",
    "om",
    "etter",
    "før",
    "hvis",
    "bare",
    "mer",
    "alle",
    "andre",
    "tjeneste",
    "tjenester",
    "offentlige",
    "innlogging",
    "passord",
    "mobilnummer",
    "engangskode",
    "bruker",
    "brukere",
    "elektronisk",
    "sikkerhet",
    "sikkerhetsnivå",
    "kommune",
    "staten",
    "søknad",
    "skjema",
    "skatteetaten",
    "lånekassen",
    "helsenorge",
    "postkasse",
    "digital",
    "digitale",
    "registrere",
    "registrert",
    "adresse",
    "e-post",
    "kontaktinformasjon",
    "personnummer",
    "fødselsnummer",
    "reservasjon",
    "varsel",
    "varsler",
    "brev",
    "melding",
    "meldinger",
    "endre",
    "oppdatere",
    "glemt",
    "nytt",
    "gammelt",
    "sperret",
    "hjelp",
    "brukerstøtte",
    "spørsmål",
    "svar",
    "viktig",
    "trygt",
    "enkelt",
    "raskt",
    "gratis",
    "personlig",
    "opplysninger",
    "samtykke",
    "personvern",
    "behandling",
    "lagret",
    "sikker",
    "utlandet",
    "norsk",
    "borgere",
    "innbyggere",
    "virksomhet",
    "virksomheter",
    "direktoratet",
    "forvaltning",
    "ordningen",
    "løsningen",
    "appen",
    "telefonen",
    "nettleseren",
    "datamaskinen",
    "kode",
    "koden",
    "første",
    "gangen",
    "hver",
    "gang",
    "dag",
    "uke",
    "år",
    "fyller",
    "alder",
    "foreldre",
    "barn",
    "ungdom",
    "skole",
    "videregående",
    "arbeid",
    "lønn",
    "trygd",
    "pensjon",
    "nav",
    "helse",
    "lege",
    "resept",
    "vaksine",
    "bolig",
    "flytting",
    "folkeregisteret",
    "frist",
    "dokument",
    "vedlegg",
    "signere",
    "signatur",
    "bekrefte",
    "identitet",
    "legitimasjon",
    "pass",
    "bankid",
    "buypass",
    "nivå",
    "høyt",
    "betydelig",
    "lavt",
    "krav",
    "regler",
    "lov",
    "forskrift",
    "ansvar",
    "tilgang",
    "tilgjengelig",
];

const NN_WORDS: &[&str] = &[
    "og",
    "i",
    "det",
    "på",
    "som",
    "er",
    "ein",
    "til",
    "å",
    "har",
    "for",
    "med",
    "at",
    "av",
    "ikkje",
    "du",
    "kan",
    "deg",
    "din",
    "ditt",
    "dine",
    "når",
    "må",
    "skal",
    "vil",
    "òg",
    "eller",
    "frå",
    "om",
    "etter",
    "før",
    "viss",
    "berre",
    "meir",
    "alle",
    "andre",
    "teneste",
    "tenester",
    "offentlege",
    "innlogging",
    "passord",
    "mobilnummer",
    "eingongskode",
    "brukar",
    "brukarar",
    "elektronisk",
    "tryggleik",
    "tryggleiksnivå",
    "kommune",
    "staten",
    "søknad",
    "skjema",
    "skatteetaten",
    "lånekassen",
    "helsenorge",
    "postkasse",
    "digital",
    "digitale",
    "registrere",
    "registrert",
    "adresse",
    "e-post",
    "kontaktinformasjon",
    "personnummer",
    "fødselsnummer",
    "reservasjon",
    "varsel",
    "varsel",
    "brev",
    "melding",
    "meldingar",
    "endre",
    "oppdatere",
    "gløymt",
    "nytt",
    "gamalt",
    "sperra",
    "hjelp",
    "brukarstøtte",
    "spørsmål",
    "svar",
    "viktig",
    "trygt",
    "enkelt",
    "raskt",
    "gratis",
    "personleg",
    "opplysningar",
    "samtykke",
    "personvern",
    "handsaming",
    "lagra",
    "sikker",
    "utlandet",
    "norsk",
    "borgarar",
    "innbyggjarar",
    "verksemd",
    "verksemder",
    "direktoratet",
    "forvaltning",
    "ordninga",
    "løysinga",
    "appen",
    "telefonen",
    "nettlesaren",
    "datamaskina",
    "kode",
    "koden",
    "første",
    "gongen",
    "kvar",
    "gong",
    "dag",
    "veke",
    "år",
    "fyller",
    "alder",
    "foreldre",
    "born",
    "ungdom",
    "skule",
    "vidaregåande",
    "arbeid",
    "løn",
    "trygd",
    "pensjon",
    "nav",
    "helse",
    "lege",
    "resept",
    "vaksine",
    "bustad",
    "flytting",
    "folkeregisteret",
    "frist",
    "dokument",
    "vedlegg",
    "signere",
    "signatur",
    "stadfeste",
    "identitet",
    "legitimasjon",
    "pass",
    "bankid",
    "buypass",
    "nivå",
    "høgt",
    "vesentleg",
    "lågt",
    "krav",
    "reglar",
    "lov",
    "forskrift",
    "ansvar",
    "tilgang",
    "tilgjengeleg",
];

const EN_WORDS: &[&str] = &[
    "and",
    "in",
    "the",
    "on",
    "which",
    "is",
    "a",
    "to",
    "has",
    "for",
    "with",
    "that",
    "of",
    "not",
    "you",
    "can",
    "your",
    "yours",
    "when",
    "must",
    "shall",
    "will",
    "also",
    "or",
    "from",
    "about",
    "after",
    "before",
    "if",
    "only",
    "more",
    "all",
    "other",
    "service",
    "services",
    "public",
    "login",
    "password",
    "mobile",
    "number",
    "one-time",
    "code",
    "user",
    "users",
    "electronic",
    "security",
    "level",
    "municipality",
    "government",
    "application",
    "form",
    "tax",
    "administration",
    "loan",
    "fund",
    "health",
    "mailbox",
    "digital",
    "register",
    "registered",
    "address",
    "email",
    "contact",
    "details",
    "identity",
    "national",
    "reservation",
    "notice",
    "notices",
    "letter",
    "message",
    "messages",
    "change",
    "update",
    "forgotten",
    "new",
    "old",
    "blocked",
    "help",
    "support",
    "question",
    "answer",
    "important",
    "safely",
    "simply",
    "quickly",
    "free",
    "personal",
    "information",
    "consent",
    "privacy",
    "processing",
    "stored",
    "secure",
    "abroad",
    "Norwegian",
    "citizens",
    "residents",
    "business",
    "businesses",
    "directorate",
    "administration",
    "scheme",
    "solution",
    "app",
    "phone",
    "browser",
    "computer",
    "first",
    "time",
    "every",
    "day",
    "week",
    "year",
    "turn",
    "age",
    "parents",
    "children",
    "young",
    "school",
    "upper",
    "secondary",
    "work",
    "salary",
    "benefits",
    "pension",
    "doctor",
    "prescription",
    "vaccine",
    "housing",
    "moving",
    "population",
    "deadline",
    "document",
    "attachment",
    "sign",
    "signature",
    "confirm",
    "passport",
    "high",
    "substantial",
    "low",
    "requirements",
    "rules",
    "act",
    "regulation",
    "responsibility",
    "access",
    "available",
];

/// One locale of the generated site.
#[derive(Clone, Copy)]
struct Lang {
    code: &'static str,
    name: &'static str,
    prefix: &'static str,
    section_word: &'static str,
    words: &'static [&'static str],
    weight: u32,
}

const LANGS: [Lang; 3] = [
    Lang {
        code: "nb",
        name: "Norsk bokmål",
        prefix: "/",
        section_word: "seksjon",
        words: NB_WORDS,
        weight: 1,
    },
    Lang {
        code: "nn",
        name: "Nynorsk",
        prefix: "/nn/",
        section_word: "seksjon",
        words: NN_WORDS,
        weight: 2,
    },
    Lang {
        code: "en",
        name: "English",
        prefix: "/en/",
        section_word: "section",
        words: EN_WORDS,
        weight: 3,
    },
];

struct Options {
    out: PathBuf,
    pages: usize,
    langs: Vec<Lang>,
    stale: f64,
    missing: f64,
    seed: u64,
    sections: usize,
    children: usize,
    git: bool,
    shape: Shape,
}

/// The shape of the generated site.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Flat sections, a `url` on every page, the home page keyed by the empty key.
    Default,
    /// Hugo's way: no `url`, a `translationKey` on every page (`home` for the home pages),
    /// sections nested five levels deep, 40 main-menu entries, 10 related pages and 30 links
    /// per page, ~8 KB of Markdown per page.
    HugoDeep,
}

fn usage() -> &'static str {
    "usage: gensite --out DIR [--pages N] [--locales nb,nn,en] [--stale 0.10] [--missing 0.02] \
     [--seed 42] [--sections 12] [--menu-children 4] [--no-git] [--shape default|hugo-deep]"
}

fn parse_args() -> Result<Options> {
    let mut options = Options {
        out: PathBuf::new(),
        pages: 1000,
        langs: LANGS.to_vec(),
        stale: 0.10,
        missing: 0.02,
        seed: 42,
        sections: 12,
        children: 4,
        git: true,
        shape: Shape::Default,
    };
    let mut sections_given = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .with_context(|| format!("{arg} needs a value\n{}", usage()))
        };
        match arg.as_str() {
            "--out" => options.out = PathBuf::from(value()?),
            "--pages" => options.pages = value()?.parse()?,
            "--stale" => options.stale = value()?.parse()?,
            "--missing" => options.missing = value()?.parse()?,
            "--seed" => options.seed = value()?.parse()?,
            "--sections" => {
                options.sections = value()?.parse()?;
                sections_given = true;
            }
            "--shape" => {
                options.shape = match value()?.as_str() {
                    "default" => Shape::Default,
                    "hugo-deep" => Shape::HugoDeep,
                    other => bail!("unknown shape {other}: choose default or hugo-deep"),
                }
            }
            "--menu-children" => options.children = value()?.parse()?,
            "--no-git" => options.git = false,
            "--locales" => {
                let list = value()?;
                let mut langs = Vec::new();
                for code in list.split(',') {
                    match LANGS.iter().find(|l| l.code == code.trim()) {
                        Some(l) => langs.push(*l),
                        None => bail!("unknown locale {code}: choose from nb, nn, en"),
                    }
                }
                if langs.first().map(|l| l.code) != Some("nb") {
                    bail!("--locales must start with the source locale nb");
                }
                options.langs = langs;
            }
            "-h" | "--help" => {
                println!("{}", usage());
                std::process::exit(0);
            }
            other => bail!("unknown argument {other}\n{}", usage()),
        }
    }
    if options.out.as_os_str().is_empty() {
        bail!("--out is required\n{}", usage());
    }
    if options.shape == Shape::HugoDeep {
        if !sections_given {
            options.sections = DEEP_TOP_SECTIONS;
        }
        let needed = 1 + deep_section_count(options.sections) + 2 * options.sections + 40;
        if options.pages < needed {
            bail!("--pages must be at least {needed} for --shape hugo-deep");
        }
    } else if options.pages < options.sections + 2 {
        bail!("--pages must be at least --sections + 2");
    }
    Ok(options)
}

/// What a page is in the site's structure.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Home,
    Section(usize),
    Regular { section: usize, rank: usize },
}

/// One translation key: its kind and, per locale, its slug (None: no page in that locale).
struct Key {
    kind: Kind,
    /// Slugs by locale index (index into `Options::langs`).
    slugs: Vec<Option<String>>,
    titles: Vec<String>,
    stale: bool,
    /// The section (or home page) a page of the hugo-deep shape sits in.
    parent: Option<usize>,
    /// Its `translationKey` in the hugo-deep shape.
    tkey: String,
    /// Its main-menu entry in the hugo-deep shape: the parent entry's key index, and weight.
    menu: Option<(Option<usize>, usize)>,
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn ascii_slug(words: &[&str]) -> String {
    let mut slug = String::new();
    for word in words {
        if !slug.is_empty() {
            slug.push('-');
        }
        for c in word.chars() {
            match c {
                'æ' => slug.push_str("ae"),
                'ø' => slug.push('o'),
                'å' => slug.push('a'),
                'ò' => slug.push('o'),
                c if c.is_ascii_alphanumeric() => slug.push(c.to_ascii_lowercase()),
                _ => slug.push('-'),
            }
        }
    }
    slug
}

fn section_folder(lang: &Lang, section: usize) -> String {
    format!("{}-{:02}", lang.section_word, section + 1)
}

/// The translation key: the source page's path key.
fn key_of(keys: &[Key], i: usize, langs: &[Lang]) -> String {
    path_key(&keys[i], 0, &langs[0]).unwrap_or_default()
}

/// The path below the locale folder without `.md` (`seksjon-03/slug`), or `` for the front page.
fn path_key(key: &Key, li: usize, lang: &Lang) -> Option<String> {
    let slug = key.slugs[li].as_ref()?;
    Some(match key.kind {
        Kind::Home => String::new(),
        Kind::Section(s) => section_folder(lang, s),
        Kind::Regular { section, .. } => format!("{}/{slug}", section_folder(lang, section)),
    })
}

fn file_path(key: &Key, li: usize, lang: &Lang) -> Option<String> {
    let pk = path_key(key, li, lang)?;
    Some(match key.kind {
        Kind::Home => format!("content/{}/_index.md", lang.code),
        Kind::Section(_) => format!("content/{}/{pk}/_index.md", lang.code),
        Kind::Regular { .. } => format!("content/{}/{pk}.md", lang.code),
    })
}

fn url_of(key: &Key, li: usize, lang: &Lang) -> Option<String> {
    let pk = path_key(key, li, lang)?;
    Some(if pk.is_empty() {
        lang.prefix.to_string()
    } else {
        format!("{}{pk}/", lang.prefix)
    })
}

fn make_keys(options: &Options) -> Vec<Key> {
    if options.shape == Shape::HugoDeep {
        return make_deep_keys(options);
    }
    let n = options.pages;
    let mut keys = Vec::with_capacity(n);
    let mut rng = Rng::new(options.seed);
    let regular = n - 1 - options.sections;
    let mut kinds = vec![Kind::Home];
    kinds.extend((0..options.sections).map(Kind::Section));
    let mut rank = vec![0usize; options.sections];
    for i in 0..regular {
        let section = i % options.sections;
        kinds.push(Kind::Regular {
            section,
            rank: rank[section],
        });
        rank[section] += 1;
    }
    for (i, kind) in kinds.into_iter().enumerate() {
        let mut slugs = Vec::new();
        let mut titles = Vec::new();
        let in_menu = matches!(kind, Kind::Regular { rank, .. } if rank < options.children);
        let missing = matches!(kind, Kind::Regular { .. }) && !in_menu;
        for (li, lang) in options.langs.iter().enumerate() {
            let count = rng.range(3, 6);
            let words: Vec<&str> = (0..count).map(|_| rng.pick(lang.words)).collect();
            let mut title = capitalise(&words.join(" "));
            if let Kind::Section(s) = kind {
                title = format!("{} {}", capitalise(lang.section_word), s + 1);
            }
            let absent = li > 0 && missing && rng.chance(options.missing);
            slugs.push((!absent).then(|| format!("{}-{i:05}", ascii_slug(&words[..3]))));
            titles.push(title);
        }
        let stale = matches!(kind, Kind::Regular { .. }) && rng.chance(options.stale);
        keys.push(Key {
            kind,
            slugs,
            titles,
            stale,
            parent: None,
            tkey: String::new(),
            menu: None,
        });
    }
    keys
}

/// Text in one locale with the shape of every other locale's: `shape` (seeded by the key alone)
/// decides lengths, headings, lists, emphasis and links, `words` (seeded by key and locale) the
/// words, so a translation has the structure of its source as a real one would.
struct Writer<'l> {
    shape: Rng,
    words: Rng,
    lang: &'l Lang,
}

impl Writer<'_> {
    fn word(&mut self) -> &'static str {
        self.words.pick(self.lang.words)
    }

    fn phrase(&mut self, lo: usize, hi: usize) -> String {
        let count = self.shape.range(lo, hi);
        let words: Vec<&str> = (0..count).map(|_| self.word()).collect();
        words.join(" ")
    }

    /// A sentence, capitalised, ending in a full stop.
    fn sentence(&mut self, out: &mut String) {
        let count = self.shape.range(8, 18);
        for w in 0..count {
            let word = self.word();
            if w == 0 {
                out.push_str(&capitalise(word));
            } else {
                out.push(' ');
                if self.shape.chance(0.02) {
                    let _ = write!(out, "**{word}**");
                } else {
                    out.push_str(word);
                }
            }
            if w + 1 < count && self.shape.chance(0.06) {
                out.push(',');
            }
        }
        out.push('.');
    }

    /// The Markdown body of a page: ~600 words in sections with headings, paragraphs, a list
    /// and links to other pages of the same locale.
    fn body(&mut self, links: &[(String, String)]) -> String {
        let mut out = String::with_capacity(4600);
        let mut words = 0;
        let mut paragraph = 0;
        while words < 600 {
            if paragraph % 3 == 0 {
                let heading = self.phrase(2, 5);
                let _ = write!(out, "## {}\n\n", capitalise(&heading));
            }
            if paragraph == 4 {
                for _ in 0..self.shape.range(3, 5) {
                    let item = self.phrase(4, 9);
                    words += item.split(' ').count();
                    let _ = writeln!(out, "- {item}");
                }
            } else {
                let start = out.len();
                for s in 0..self.shape.range(3, 6) {
                    if s > 0 {
                        out.push(' ');
                    }
                    self.sentence(&mut out);
                }
                words += out[start..].split(' ').count();
                if let Some((url, title)) = links.get(paragraph % 7)
                    && paragraph % 2 == 1
                {
                    let _ = write!(out, " [{title}]({url})");
                }
                out.push('\n');
            }
            out.push('\n');
            paragraph += 1;
        }
        out
    }
}

/// Quotes a YAML scalar.
fn q(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

struct PageText {
    path: String,
    text: String,
}

/// The page of key `i` in locale `li`; `source_hash` for translations; `edit` makes the
/// second version of a source page (a sentence added to a paragraph).
fn page(
    options: &Options,
    keys: &[Key],
    i: usize,
    li: usize,
    source_hash: Option<&str>,
    edit: bool,
) -> Option<PageText> {
    if options.shape == Shape::HugoDeep {
        return deep_page(options, keys, i, li, source_hash, edit);
    }
    let key = &keys[i];
    let lang = &options.langs[li];
    let path = file_path(key, li, lang)?;
    let url = url_of(key, li, lang)?;
    let mut writer = Writer {
        shape: Rng::for_item(options.seed, &[i as u64]),
        words: Rng::for_item(options.seed, &[i as u64, 1 + li as u64]),
        lang,
    };
    let title = &key.titles[li];
    let mut ingress = String::new();
    writer.sentence(&mut ingress);
    let mut description = String::new();
    writer.sentence(&mut description);
    let translation_key = key_of(keys, i, &options.langs);

    // Related pages and links: the same regular pages in every locale (pages that exist in all
    // of them), as content paths of this locale.
    let regular = keys.len() - 1 - options.sections;
    let mut related = Vec::new();
    let mut links = Vec::new();
    for _ in 0..12 {
        let j = 1 + options.sections + writer.shape.below(regular.max(1));
        let other = &keys[j.min(keys.len() - 1)];
        if j == i || links.len() == 6 || other.slugs.iter().any(Option::is_none) {
            continue;
        }
        if let (Some(pk), Some(other_url)) = (path_key(other, li, lang), url_of(other, li, lang)) {
            if related.len() < 3 {
                related.push(format!("/{pk}"));
            }
            links.push((other_url, other.titles[li].clone()));
        }
    }

    let mut text = String::with_capacity(5200);
    text.push_str("---\n");
    let _ = writeln!(text, "title: {}", q(title));
    let _ = writeln!(text, "ingress: {}", q(&ingress));
    let _ = writeln!(text, "description: {}", q(&description));
    if key.kind != Kind::Home {
        let _ = writeln!(text, "url: {url}");
        let _ = writeln!(text, "translationKey: {translation_key}");
    }
    match key.kind {
        Kind::Home => {}
        Kind::Section(s) => {
            let _ = writeln!(
                text,
                "menu:\n  main:\n    identifier: {translation_key}\n    weight: {}",
                s + 1
            );
        }
        Kind::Regular { section, rank } if rank < options.children => {
            let parent = key_of(keys, 1 + section, &options.langs);
            let _ = writeln!(
                text,
                "menu:\n  main:\n    parent: {parent}\n    weight: {}",
                rank + 1
            );
        }
        Kind::Regular { .. } => {}
    }
    let body = writer.body(&links);
    finish_page(
        &mut text,
        key,
        &related,
        source_hash,
        body,
        edit.then_some((options, i, lang)),
    );
    Some(PageText { path, text })
}

/// The end every generated page shares: related pages, sitemap priority and baseline, then the
/// body, with a sentence added to its first paragraph where the page is edited (`edit`: the
/// options, the page's index and its language): a real change, not a cosmetic one.
fn finish_page(
    text: &mut String,
    key: &Key,
    related: &[String],
    source_hash: Option<&str>,
    mut body: String,
    edit: Option<(&Options, usize, &Lang)>,
) {
    if !related.is_empty() {
        text.push_str("related_pages:\n");
        for r in related {
            let _ = writeln!(text, "  - {r}");
        }
    }
    let priority = match key.kind {
        Kind::Home => "1.0",
        Kind::Section(_) => "0.8",
        Kind::Regular { .. } => "0.5",
    };
    let _ = writeln!(text, "sitemap:\n  priority: {priority}");
    if let Some(hash) = source_hash {
        let _ = writeln!(text, "l10n:\n  source_hash: {hash}");
    }
    text.push_str("---\n\n");
    if let Some((options, i, lang)) = edit {
        let mut extra = String::from(" ");
        let mut editor = Writer {
            shape: Rng::for_item(options.seed, &[i as u64, 99]),
            words: Rng::for_item(options.seed, &[i as u64, 100]),
            lang,
        };
        editor.sentence(&mut extra);
        if let Some(end) = body
            .find("\n\n")
            .and_then(|h| body[h + 2..].find('\n').map(|e| h + 2 + e))
        {
            body.insert_str(end, &extra);
        } else {
            body.push_str(&extra);
        }
    }
    text.push_str(&body);
}

/// The git blob id of `bytes`: what tolk records as `l10n.source_hash`.
fn blob_id(bytes: &[u8]) -> String {
    let mut hasher = Sha1::new();
    hasher.update(format!("blob {}\0", bytes.len()).as_bytes());
    hasher.update(bytes);
    hasher
        .finalize()
        .iter()
        .fold(String::with_capacity(40), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn tolk_yaml(options: &Options) -> String {
    let mut y = String::from(
        "# Generated by examples/gensite.rs for benchmarks.\nbase_url: https://minid.example\nsource_locale: nb\nlocales:\n",
    );
    for lang in &options.langs {
        let fallback = if lang.code == "nb" {
            ""
        } else {
            ", fallback: [nb]"
        };
        let _ = writeln!(
            y,
            "  - {{ code: {}, name: {}, prefix: {}{fallback} }}",
            lang.code, lang.name, lang.prefix
        );
    }
    y.push_str("content_dir: content\n");
    y
}

fn hugo_toml(options: &Options) -> String {
    let mut t = String::from(
        "# Generated by examples/gensite.rs: the same site for Hugo.\n\
         baseURL = \"https://minid.example/\"\n\
         title = \"MinID\"\n\
         defaultContentLanguage = \"nb\"\n\
         defaultContentLanguageInSubdir = false\n\
         disableKinds = [\"taxonomy\", \"term\", \"rss\"]\n\
         enableRobotsTXT = false\n\
         # Hugo's own stylesheet; tolk writes its theme's at the same place.\n\
         staticDir = \"hugo-static\"\n\
         [markup.goldmark.renderer]\n  unsafe = false\n\
         [markup.goldmark.parser]\n  autoHeadingID = true\n\
         # tolk leaves links in the body as written; so does Hugo here.\n\
         [markup.goldmark.renderHooks.link]\n  useEmbedded = \"never\"\n\
         [languages]\n",
    );
    for lang in &options.langs {
        let _ = write!(
            t,
            "  [languages.{code}]\n    label = \"{name}\"\n    locale = \"{code}\"\n    contentDir = \"content/{code}\"\n    weight = {w}\n",
            code = lang.code,
            name = lang.name,
            w = lang.weight
        );
    }
    t
}

const HUGO_BASEOF: &str = r##"<!DOCTYPE html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ i18n "site-name" }}</title>
{{- with .Description }}
<meta name="description" content="{{ . }}">
{{- end }}
<link rel="canonical" href="{{ .Permalink }}">
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Language.Locale }}" href="{{ .Permalink }}">
{{- end }}
{{- range .AllTranslations }}{{ if eq .Language.Name "nb" }}
<link rel="alternate" hreflang="x-default" href="{{ .Permalink }}">
{{- end }}{{ end }}
<link rel="stylesheet" href="/style.css">
</head>
<body>
<a class="skip-link" href="#main">{{ i18n "skip-link" }}</a>
<header class="site-header">
  <div class="masthead wrap">
    <a class="brand" href="{{ site.Home.RelPermalink }}" aria-label="{{ i18n "home-link" }}">
      <span class="brand-text"><span class="brand-name">{{ i18n "site-name" }}</span><span class="brand-tagline">{{ i18n "site-tagline" }}</span></span>
    </a>
    {{ partial "switcher.html" . }}
  </div>
  <nav class="main-menu" aria-label="{{ i18n "menu-main-label" }}">
    <div class="wrap">
      <ul>
      {{- $page := . }}
      {{- range site.Menus.main }}
        <li><a href="{{ .URL }}"{{ if $page.IsMenuCurrent "main" . }} aria-current="page"{{ end }}{{ if $page.HasMenuCurrent "main" . }} class="active"{{ end }}>{{ .Name }}</a></li>
      {{- end }}
      </ul>
    </div>
  </nav>
</header>
<main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap footer-grid">
    <p class="footer-name">{{ i18n "site-name" }}</p>
    <p>{{ i18n "footer-provider" }}</p>
  </div>
</footer>
</body>
</html>
"##;

const HUGO_SWITCHER: &str = r##"{{- $page := . }}
<nav class="language-switcher" aria-label="{{ i18n "language-switcher-label" }}">
  <ul>
  {{- range hugo.Sites }}
    {{- $lang := .Language.Name }}
    {{- $name := .Language.Label }}
    {{- $code := .Language.Locale }}
    {{- $home := .Home.RelPermalink }}
    {{- $t := false }}
    {{- range $page.AllTranslations }}{{ if eq .Language.Name $lang }}{{ $t = . }}{{ end }}{{ end }}
    <li>
    {{- if eq $lang site.Language.Name -}}
      <span class="current" lang="{{ $code }}" aria-current="true">{{ $name }}</span>
    {{- else if $t -}}
      <a href="{{ $t.RelPermalink }}" hreflang="{{ $code }}" lang="{{ $code }}">{{ $name }}</a>
    {{- else -}}
      <a href="{{ $home }}#not-translated" hreflang="{{ $code }}" lang="{{ $code }}" class="untranslated">{{ $name }}</a>
    {{- end -}}
    </li>
  {{- end }}
  </ul>
</nav>
"##;

const HUGO_SINGLE: &str = r##"{{ define "main" }}
{{- $page := . }}
<div class="wrap layout">
  <article class="content">
    {{- if .IsHome }}
    <div id="not-translated" class="notice" role="note" tabindex="-1">
      <h2>{{ i18n "untranslated-notice-title" }}</h2>
    </div>
    {{- end }}
    <h1>{{ .Title }}</h1>
    {{- with .Params.ingress }}
    <p class="ingress">{{ . }}</p>
    {{- end }}
    <p class="meta"><span>{{ i18n "reading-time" .ReadingTime }}</span></p>
    <div class="body">
{{ .Content }}
    </div>
    {{- with .Params.related_pages }}
    <section class="related" aria-labelledby="related-title">
      <h2 id="related-title">{{ i18n "related-pages" }}</h2>
      <ul>
      {{- range . }}
        {{- with site.GetPage . }}
        <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
        {{- end }}
      {{- end }}
      </ul>
    </section>
    {{- end }}
  </article>
  {{- range site.Menus.main }}
  {{- if and ($page.HasMenuCurrent "main" .) .HasChildren }}
  <nav class="section-menu" aria-labelledby="section-menu-title">
    <h2 id="section-menu-title">{{ i18n "menu-section-label" }}</h2>
    <ul>
      <li><a href="{{ .URL }}">{{ .Name }}</a><ul>
      {{- range .Children }}
        <li><a href="{{ .URL }}"{{ if $page.IsMenuCurrent "main" . }} aria-current="page"{{ end }}>{{ .Name }}</a></li>
      {{- end }}
      </ul></li>
    </ul>
  </nav>
  {{- end }}
  {{- end }}
</div>
{{ end }}
"##;

const HUGO_404: &str = r##"{{ define "main" }}
<div class="wrap"><h1>{{ i18n "not-found-title" }}</h1><p><a href="{{ site.Home.RelPermalink }}">{{ i18n "home-link" }}</a></p></div>
{{ end }}
"##;

fn hugo_i18n(code: &str) -> String {
    let strings: [(&str, &str, &str, &str); 11] = [
        ("site-name", "MinID", "MinID", "MinID"),
        (
            "site-tagline",
            "Elektronisk ID",
            "Elektronisk ID",
            "Electronic ID",
        ),
        (
            "skip-link",
            "Gå til innhold",
            "Gå til innhald",
            "Skip to content",
        ),
        (
            "home-link",
            "Til forsiden",
            "Til framsida",
            "To the front page",
        ),
        ("language-switcher-label", "Språk", "Språk", "Language"),
        ("menu-main-label", "Hovedmeny", "Hovudmeny", "Main menu"),
        (
            "menu-section-label",
            "I denne delen",
            "I denne delen",
            "In this section",
        ),
        (
            "related-pages",
            "Relaterte sider",
            "Relaterte sider",
            "Related pages",
        ),
        (
            "untranslated-notice-title",
            "Siden finnes ikke på bokmål",
            "Sida finst ikkje på nynorsk",
            "This page is not available in English",
        ),
        (
            "footer-provider",
            "Levert av Digdir",
            "Levert av Digdir",
            "Provided by Digdir",
        ),
        (
            "not-found-title",
            "Fant ikke siden",
            "Fann ikkje sida",
            "Page not found",
        ),
    ];
    let mut t = String::new();
    for (id, nb, nn, en) in strings {
        let text = match code {
            "nn" => nn,
            "en" => en,
            _ => nb,
        };
        let _ = writeln!(t, "[{id}]\nother = {}", q(text));
    }
    let reading = match code {
        "nn" => "{{ .Count }} minutt lesing",
        "en" => "{{ .Count }} min read",
        _ => "{{ .Count }} minutter lesetid",
    };
    let _ = writeln!(
        t,
        "[reading-time]\none = {}\nother = {}",
        q(reading),
        q(reading)
    );
    t
}

/// The site's configuration and theme files (tolk and Hugo).
fn site_files(options: &Options) -> Vec<(String, String)> {
    let mut files = vec![
        ("tolk.yaml".to_string(), tolk_yaml(options)),
        ("hugo.toml".to_string(), hugo_toml(options)),
        ("layouts/baseof.html".to_string(), HUGO_BASEOF.to_string()),
        ("layouts/single.html".to_string(), HUGO_SINGLE.to_string()),
        ("layouts/list.html".to_string(), HUGO_SINGLE.to_string()),
        ("layouts/404.html".to_string(), HUGO_404.to_string()),
        (
            "layouts/_partials/switcher.html".to_string(),
            HUGO_SWITCHER.to_string(),
        ),
        (
            "hugo-static/style.css".to_string(),
            "body { font-family: sans-serif; }\n".to_string(),
        ),
        (
            ".gitignore".to_string(),
            "/public/\n/resources/\n/.hugo_build.lock\n".to_string(),
        ),
    ];
    for lang in &options.langs {
        files.push((format!("i18n/{}.toml", lang.code), hugo_i18n(lang.code)));
    }
    files
}

/// Where the generated files go: a git fast-import stream or the file system.
trait Sink {
    fn file(&mut self, path: &str, bytes: &[u8]) -> Result<()>;
}

struct Stream<W: std::io::Write> {
    out: W,
}

impl<W: std::io::Write> Sink for Stream<W> {
    fn file(&mut self, path: &str, bytes: &[u8]) -> Result<()> {
        write!(self.out, "M 100644 inline {path}\ndata {}\n", bytes.len())?;
        self.out.write_all(bytes)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }
}

impl<W: std::io::Write> Stream<W> {
    fn commit(&mut self, time: u64, message: &str) -> Result<()> {
        write!(
            self.out,
            "commit refs/heads/main\nauthor Gensite <gensite@example.invalid> {time} +0000\n\
             committer Gensite <gensite@example.invalid> {time} +0000\ndata {}\n{message}\n",
            message.len()
        )?;
        Ok(())
    }
}

struct Disk {
    root: PathBuf,
}

impl Sink for Disk {
    fn file(&mut self, path: &str, bytes: &[u8]) -> Result<()> {
        let full = self.root.join(path);
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&full, bytes).with_context(|| format!("writing {}", full.display()))
    }
}

struct Counts {
    files: usize,
    stale_keys: usize,
    stale_translations: usize,
    missing: usize,
}

/// Writes every page's first version (sources, then translations with their baselines).
fn first_version(options: &Options, keys: &[Key], sink: &mut dyn Sink) -> Result<Counts> {
    let mut counts = Counts {
        files: 0,
        stale_keys: 0,
        stale_translations: 0,
        missing: 0,
    };
    for (path, text) in site_files(options) {
        sink.file(&path, text.as_bytes())?;
    }
    for i in 0..keys.len() {
        let Some(source) = page(options, keys, i, 0, None, false) else {
            continue;
        };
        let hash = blob_id(source.text.as_bytes());
        sink.file(&source.path, source.text.as_bytes())?;
        counts.files += 1;
        counts.stale_keys += usize::from(keys[i].stale);
        for li in 1..options.langs.len() {
            match page(options, keys, i, li, Some(&hash), false) {
                Some(t) => {
                    sink.file(&t.path, t.text.as_bytes())?;
                    counts.files += 1;
                    counts.stale_translations += usize::from(keys[i].stale);
                }
                None => counts.missing += 1,
            }
        }
    }
    Ok(counts)
}

/// Writes the edited source pages (the stale share).
fn second_version(options: &Options, keys: &[Key], sink: &mut dyn Sink) -> Result<()> {
    for (i, key) in keys.iter().enumerate() {
        if key.stale
            && let Some(source) = page(options, keys, i, 0, None, true)
        {
            sink.file(&source.path, source.text.as_bytes())?;
        }
    }
    Ok(())
}

fn git(root: &Path, args: &[&str]) -> Result<()> {
    let status = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .status()
        .with_context(|| format!("running git {}", args.join(" ")))?;
    if !status.success() {
        bail!("git {} failed with {status}", args.join(" "));
    }
    Ok(())
}

fn main() -> Result<()> {
    let options = parse_args()?;
    let started = std::time::Instant::now();
    if options.out.exists() {
        if std::fs::read_dir(&options.out)?.next().is_some() {
            bail!(
                "{} exists and is not empty: give a new folder",
                options.out.display()
            );
        }
    } else {
        std::fs::create_dir_all(&options.out)?;
    }
    let keys = make_keys(&options);
    let counts = if options.git {
        git(&options.out, &["init", "-q", "-b", "main"])?;
        let mut child = Command::new("git")
            .arg("-C")
            .arg(&options.out)
            .args(["fast-import", "--quiet", "--done"])
            .stdin(Stdio::piped())
            .spawn()
            .context("running git fast-import")?;
        let stdin = child.stdin.take().context("git fast-import has no stdin")?;
        let mut stream = Stream {
            out: std::io::BufWriter::with_capacity(1 << 20, stdin),
        };
        stream.commit(
            1_700_000_000,
            "Generated site: every page, translations up to date",
        )?;
        let counts = first_version(&options, &keys, &mut stream)?;
        stream.commit(
            1_702_592_000,
            "Generated site: edit a share of the source pages",
        )?;
        second_version(&options, &keys, &mut stream)?;
        stream.out.write_all(b"done\n")?;
        stream.out.flush()?;
        drop(stream);
        let status = child.wait()?;
        if !status.success() {
            bail!("git fast-import failed with {status}");
        }
        git(&options.out, &["reset", "--hard", "-q"])?;
        counts
    } else {
        let mut disk = Disk {
            root: options.out.clone(),
        };
        let counts = first_version(&options, &keys, &mut disk)?;
        second_version(&options, &keys, &mut disk)?;
        counts
    };
    eprintln!(
        "gensite: {} files in {} ({} keys, {} locales, {} stale source pages → {} stale translations, {} missing) in {:.1}s",
        counts.files,
        options.out.display(),
        keys.len(),
        options.langs.len(),
        counts.stale_keys,
        counts.stale_translations,
        counts.missing,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

// The hugo-deep shape.

/// Top-level sections of the hugo-deep shape (each the root of a tree five levels deep).
const DEEP_TOP_SECTIONS: usize = 8;
/// How deep the section trees go.
const DEEP_LEVELS: u32 = 5;
/// Child sections of every section above the deepest level.
const DEEP_BRANCHING: usize = 2;
/// Related pages per page.
const DEEP_RELATED: usize = 10;
/// Links in the body of every page.
const DEEP_LINKS: usize = 30;
/// Words in the body of every page (~8 KB of Markdown).
const DEEP_WORDS: usize = 450;

/// Sections in the trees below `top` top-level sections.
fn deep_section_count(top: usize) -> usize {
    (0..DEEP_LEVELS).map(|d| top * DEEP_BRANCHING.pow(d)).sum()
}

/// The keys of the hugo-deep shape: the home page, the section trees (breadth first), then the
/// regular pages, spread over every section in turn.
fn make_deep_keys(options: &Options) -> Vec<Key> {
    let mut rng = Rng::new(options.seed);
    let langs = &options.langs;
    let new_key = |kind, parent, tkey: String, slugs, titles| Key {
        kind,
        slugs,
        titles,
        stale: false,
        parent,
        tkey,
        menu: None,
    };
    let mut keys = vec![new_key(
        Kind::Home,
        None,
        "home".to_string(),
        langs.iter().map(|_| Some(String::new())).collect(),
        langs
            .iter()
            .map(|l| capitalise(l.words[rng.below(l.words.len())]))
            .collect(),
    )];
    // Sections, level by level: (key index, top-level ancestor's key index).
    let mut level: Vec<(usize, Option<usize>)> = Vec::new();
    let mut sections: Vec<usize> = Vec::new();
    for depth in 0..DEEP_LEVELS {
        let parents: Vec<(usize, Option<usize>)> = if depth == 0 {
            vec![(0, None); options.sections]
        } else {
            level
                .iter()
                .flat_map(|&p| std::iter::repeat_n(p, DEEP_BRANCHING))
                .collect()
        };
        let mut next = Vec::new();
        for (n, (parent, top)) in parents.into_iter().enumerate() {
            let number = sections.len() + 1;
            let index = keys.len();
            let mut key = new_key(
                Kind::Section(number - 1),
                Some(parent),
                format!("section-{number:03}"),
                langs
                    .iter()
                    .map(|l| Some(format!("{}-{number:03}", l.section_word)))
                    .collect(),
                langs
                    .iter()
                    .map(|l| format!("{} {number}", capitalise(l.section_word)))
                    .collect(),
            );
            key.menu = match depth {
                0 => Some((None, n + 1)),
                // The first two child sections of a top-level section are in its menu.
                1 => Some((Some(parent), n % DEEP_BRANCHING + 1)),
                _ => None,
            };
            keys.push(key);
            sections.push(index);
            next.push((index, top.or(Some(index))));
        }
        level = next;
    }
    let regular = options.pages - keys.len();
    let mut rank = vec![0usize; sections.len()];
    for r in 0..regular {
        let s = r % sections.len();
        let section = sections[s];
        let i = keys.len();
        let mut slugs = Vec::new();
        let mut titles = Vec::new();
        // The first two pages of a top-level section are in its menu, below the child sections.
        let in_menu = s < options.sections && rank[s] < 2;
        for (li, lang) in langs.iter().enumerate() {
            let count = rng.range(3, 6);
            let words: Vec<&str> = (0..count).map(|_| rng.pick(lang.words)).collect();
            let absent = li > 0 && !in_menu && rng.chance(options.missing);
            slugs.push((!absent).then(|| format!("{}-{i:05}", ascii_slug(&words[..3]))));
            titles.push(capitalise(&words.join(" ")));
        }
        let mut key = new_key(
            Kind::Regular {
                section: s,
                rank: rank[s],
            },
            Some(section),
            format!("page-{i:05}"),
            slugs,
            titles,
        );
        key.stale = rng.chance(options.stale);
        if in_menu {
            key.menu = Some((Some(section), DEEP_BRANCHING + rank[s] + 1));
        }
        rank[s] += 1;
        keys.push(key);
    }
    keys
}

/// The path of key `i` below its locale's folder, without `.md` (`seksjon-001/seksjon-009`,
/// `seksjon-001/slug-00300`), `` for the home page; `None` where the page is missing.
fn deep_path(keys: &[Key], i: usize, li: usize) -> Option<String> {
    let key = &keys[i];
    let slug = key.slugs[li].as_ref()?;
    match key.parent {
        None => Some(String::new()),
        Some(parent) => {
            let above = deep_path(keys, parent, li)?;
            Some(if above.is_empty() {
                slug.clone()
            } else {
                format!("{above}/{slug}")
            })
        }
    }
}

/// The URL Hugo gives key `i` in locale `li` (from its path: the pages set no `url`).
fn deep_url(keys: &[Key], i: usize, li: usize, lang: &Lang) -> Option<String> {
    let path = deep_path(keys, i, li)?;
    Some(if path.is_empty() {
        lang.prefix.to_string()
    } else {
        format!("{}{path}/", lang.prefix)
    })
}

impl Writer<'_> {
    /// The Markdown body of a hugo-deep page: ~450 words in sections with headings,
    /// paragraphs and a list, two `links` at the end of each paragraph, and those left over in
    /// a list at the end.
    fn deep_body(&mut self, links: &[(String, String)]) -> String {
        let mut out = String::with_capacity(9000);
        let mut words = 0;
        let mut paragraph = 0;
        let mut next_link = 0;
        while words < DEEP_WORDS {
            if paragraph % 3 == 0 {
                let heading = self.phrase(2, 5);
                let _ = write!(out, "## {}\n\n", capitalise(&heading));
            }
            if paragraph == 4 {
                for _ in 0..self.shape.range(3, 5) {
                    let item = self.phrase(4, 9);
                    words += item.split(' ').count();
                    let _ = writeln!(out, "- {item}");
                }
            } else {
                let start = out.len();
                for s in 0..self.shape.range(3, 6) {
                    if s > 0 {
                        out.push(' ');
                    }
                    self.sentence(&mut out);
                }
                words += out[start..].split(' ').count();
                for (url, title) in links.iter().skip(next_link).take(2) {
                    let _ = write!(out, " [{title}]({url})");
                }
                next_link = (next_link + 2).min(links.len());
                out.push('\n');
            }
            out.push('\n');
            paragraph += 1;
        }
        if next_link < links.len() {
            out.push_str("## ");
            out.push_str(&capitalise(&self.phrase(2, 4)));
            out.push_str("\n\n");
            for (url, title) in &links[next_link..] {
                let _ = writeln!(out, "- [{title}]({url})");
            }
        }
        out
    }
}

/// The page of key `i` in locale `li` in the hugo-deep shape (see [`page`]).
fn deep_page(
    options: &Options,
    keys: &[Key],
    i: usize,
    li: usize,
    source_hash: Option<&str>,
    edit: bool,
) -> Option<PageText> {
    let key = &keys[i];
    let lang = &options.langs[li];
    let below = deep_path(keys, i, li)?;
    let path = match key.kind {
        Kind::Home => format!("content/{}/_index.md", lang.code),
        Kind::Section(_) => format!("content/{}/{below}/_index.md", lang.code),
        Kind::Regular { .. } => format!("content/{}/{below}.md", lang.code),
    };
    let mut writer = Writer {
        shape: Rng::for_item(options.seed, &[i as u64]),
        words: Rng::for_item(options.seed, &[i as u64, 1 + li as u64]),
        lang,
    };
    let mut ingress = String::new();
    writer.sentence(&mut ingress);
    let mut description = String::new();
    writer.sentence(&mut description);

    // Related pages and links: the same regular pages in every locale (pages that exist in all
    // of them), links by URL, related pages as content paths of this locale.
    let first_regular = 1 + deep_section_count(options.sections);
    let regular = keys.len() - first_regular;
    let mut chosen: Vec<usize> = Vec::new();
    for _ in 0..4 * DEEP_LINKS {
        if chosen.len() == DEEP_LINKS {
            break;
        }
        let j = first_regular + writer.shape.below(regular.max(1));
        if j == i || j >= keys.len() || chosen.contains(&j) {
            continue;
        }
        if keys[j].slugs.iter().any(Option::is_none) {
            continue;
        }
        chosen.push(j);
    }
    let mut related = Vec::new();
    let mut links = Vec::new();
    for &j in &chosen {
        if let (Some(p), Some(url)) = (deep_path(keys, j, li), deep_url(keys, j, li, lang)) {
            if related.len() < DEEP_RELATED {
                related.push(format!("/{p}"));
            }
            links.push((url, keys[j].titles[li].clone()));
        }
    }

    let mut text = String::with_capacity(9600);
    text.push_str("---\n");
    let _ = writeln!(text, "title: {}", q(&key.titles[li]));
    let _ = writeln!(text, "ingress: {}", q(&ingress));
    let _ = writeln!(text, "description: {}", q(&description));
    if let Kind::Regular { .. } = key.kind {
        // tolk publishes a page without `url` at its translation key, Hugo at its path: the
        // regular pages say where they go; the home and section pages are published at their
        // folder by both.
        let _ = writeln!(text, "url: {}", deep_url(keys, i, li, lang)?);
    }
    let _ = writeln!(text, "translationKey: {}", q(&key.tkey));
    match key.menu {
        Some((None, weight)) => {
            let _ = writeln!(
                text,
                "menu:\n  main:\n    identifier: {}\n    weight: {weight}",
                key.tkey
            );
        }
        Some((Some(parent), weight)) => {
            // The entry's parent is the top-level section above it.
            let mut top = parent;
            while let Some(up) = keys[top].parent.filter(|&u| u != 0) {
                top = up;
            }
            let _ = writeln!(
                text,
                "menu:\n  main:\n    parent: {}\n    weight: {weight}",
                keys[top].tkey
            );
        }
        None => {}
    }
    let body = writer.deep_body(&links);
    finish_page(
        &mut text,
        key,
        &related,
        source_hash,
        body,
        edit.then_some((options, i, lang)),
    );
    Some(PageText { path, text })
}
