//! `tolk init`: inspects an existing site and writes a commented tolk.yaml for it.
//!
//! What it looks at: a Hugo or Zola configuration (its languages are read directly, see
//! `crate::config::hugo`), a Docusaurus or Astro Starlight one (`crate::config::docusaurus`,
//! `crate::config::starlight`); else the content folder (`content/`, `docs/`, `src/content/docs/`
//! …), its layout and locale codes ([`detect`]), and which locale files without a locale mark
//! belong to (language identification on their text; else the locale whose files were committed
//! first in most translation pairs, by one `git log` pass; else the one with most pages); the
//! baseline
//! convention of the translations (`l10n.source_hash`, a commit id under a key such as MDN's
//! `l10n.sourceCommit`, or none); and git (repository, commits, shallow). Translations without
//! a baseline in a git repository turn history mode on.
//!
//! The configuration is checked by loading the site with it before anything is written, the
//! page counts shown are the ones that configuration gives, and an existing tolk.yaml is never
//! overwritten.

pub mod detect;
pub mod generated;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_yaml::Value;

use crate::config::{CONFIG_FILE, Config, Layout, docusaurus, hugo, starlight};
use crate::error::{Error, Result};
use crate::load::{self, frontmatter};
use crate::model::Site;

/// Content folders tried, in order, when the site's configuration names none.
const CONTENT_DIRS: &[&str] = &[
    "content",
    "docs",
    "src/content/docs",
    "site/content",
    "pages",
    "src/pages",
];

/// The skip token history mode is set up with.
pub const SKIP_TOKEN: &str = "[skip-l10n]";

/// Git as `tolk init` found it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitInfo {
    /// The site is in a git repository.
    pub repository: bool,
    /// Commits reachable from HEAD.
    pub commits: usize,
    /// The clone is shallow.
    pub shallow: bool,
}

/// How translations record their baselines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baselines {
    /// Translations with `l10n.source_hash`.
    pub source_hash: usize,
    /// The commit key found (`l10n.sourceCommit`) and how many translations use it.
    pub commit_key: Option<(String, usize)>,
    /// Translations with neither.
    pub none: usize,
}

/// Everything `tolk init` found.
#[derive(Debug, Clone)]
pub struct Survey {
    /// The site root.
    pub root: PathBuf,
    /// The generator configuration read, if any.
    pub site_config: Option<hugo::SiteConfig>,
    /// A Docusaurus or Astro Starlight configuration read, if any: the generator's name and
    /// the file.
    pub generator: Option<(String, PathBuf)>,
    /// Content folder, relative to the root.
    pub content_dir: String,
    /// Page files per extension.
    pub extensions: BTreeMap<String, usize>,
    /// The layout.
    pub layout: Layout,
    /// A marked path and its counterpart, as evidence of the layout.
    pub example: Option<(String, String)>,
    /// Locale codes in configured order, the source first.
    pub locales: Vec<String>,
    /// The source locale.
    pub source: String,
    /// How the source locale was decided.
    pub source_reason: String,
    /// Pages per locale, as the written configuration reads the site.
    pub counts: BTreeMap<String, usize>,
    /// Pages whose `language:` / `lang:` field names their locale.
    pub language_fields: usize,
    /// Baselines of the translations.
    pub baselines: Baselines,
    /// Git.
    pub git: GitInfo,
    /// Whether history mode is turned on.
    pub history: bool,
    /// The front-matter fields (nearly) every page of the source locale sets, written as
    /// `required_fields`.
    pub required_fields: Vec<String>,
    /// Commit-message keywords the site's own tracker ignores (Lunaria's `ignoreKeywords`).
    pub tracker_keywords: Vec<String>,
    /// MDX components that translations leave out, offered (commented out) as
    /// `source_only_components`.
    pub source_only_components: Vec<String>,
    /// URL prefixes of pages the build generates into the content folder, which git ignores
    /// there ([`generated::generated_paths`]), written as `external_paths`.
    pub generated_paths: Vec<String>,
    /// The `external_paths` the site's configuration already gives (a generator's own), kept
    /// beside the generated ones.
    pub external_paths: Vec<String>,
    /// The tolk.yaml text.
    pub yaml: String,
}

/// Inspects the site at `root` (content folder `content_dir` if given) and composes its
/// tolk.yaml; writes nothing.
pub fn survey(root: &Path, content_dir: Option<&Path>) -> Result<Survey> {
    let site_config = hugo::read(root).map_err(|(file, message)| Error::Config {
        path: root.join(file),
        message,
    })?;
    if site_config.is_none() && content_dir.is_none() {
        let generator = match (docusaurus::find(root), starlight::find(root)) {
            (Some(file), _) => Some(("Docusaurus", file)),
            (None, Some(file)) => Some(("Astro Starlight", file)),
            (None, None) => None,
        };
        if let Some((name, file)) = generator {
            return survey_generated(root, name, file);
        }
    }
    let implied = match &site_config {
        Some(site) => Some(site.implied().map_err(|message| Error::Config {
            path: root.join(&site.file),
            message,
        })?),
        None => None,
    };
    let content_dir = match (content_dir, &implied) {
        (Some(dir), _) => load::slash_path(dir, Path::new("")),
        (None, Some(implied)) => implied.content_dir.clone(),
        (None, None) => find_content_dir(root)?,
    };
    let (files, _) = load::walk(root, Path::new(&content_dir))?;
    if files.is_empty() {
        return Err(Error::Usage(format!(
            "{content_dir}/ holds no pages (.md, .markdown, .mdx); give the content folder with --content-dir"
        )));
    }
    let (raw, _) = load::read_all(root, Path::new(&content_dir), &files);
    let mut extensions = BTreeMap::new();
    for file in &raw {
        let ext = file
            .content_path
            .rsplit_once('.')
            .map(|(_, e)| e)
            .unwrap_or("");
        *extensions.entry(ext.to_ascii_lowercase()).or_insert(0) += 1;
    }
    let paths: Vec<String> = raw.iter().map(|f| f.content_path.clone()).collect();
    let fronts: BTreeMap<String, frontmatter::FrontMatter> = raw
        .iter()
        .map(|f| {
            let text = String::from_utf8_lossy(&f.bytes);
            let front = frontmatter::split(&text)
                .map(|s| frontmatter::parse(&s).0)
                .unwrap_or_default();
            (f.content_path.clone(), front)
        })
        .collect();
    let language_fields = fronts.values().filter(|f| f.language.is_some()).count();

    let (layout, example, locales, source, source_reason) = match &implied {
        Some(implied) => (
            Layout::parse(implied.layout).unwrap_or_default(),
            None,
            implied.locales.iter().map(|l| l.code.clone()).collect(),
            implied.source_locale.clone(),
            format!(
                "`defaultContentLanguage` in {}",
                site_config
                    .as_ref()
                    .map(|s| s.file.display().to_string())
                    .unwrap_or_default()
            ),
        ),
        None => {
            let detected = detect::detect(&paths);
            let texts: Vec<&str> = raw
                .iter()
                .filter(|f| detected.unmarked.contains(&f.content_path))
                .filter_map(|f| std::str::from_utf8(&f.bytes).ok())
                .collect();
            let first = first_committed(root, &content_dir, &detected);
            let (source, reason) = source_locale(&detected, &texts, &first);
            let mut locales = vec![source.clone()];
            locales.extend(detected.codes.keys().filter(|c| **c != source).cloned());
            (detected.layout, detected.example, locales, source, reason)
        }
    };
    let git = git_info(root);
    let mut survey = Survey {
        root: root.to_path_buf(),
        site_config,
        generator: None,
        content_dir,
        extensions,
        layout,
        example,
        locales,
        source,
        source_reason,
        counts: BTreeMap::new(),
        language_fields,
        baselines: Baselines::default(),
        git,
        history: false,
        required_fields: Vec::new(),
        tracker_keywords: detect::lunaria_ignore_keywords(root),
        source_only_components: Vec::new(),
        generated_paths: Vec::new(),
        external_paths: Vec::new(),
        yaml: String::new(),
    };
    // First reading: which pages are translations, by the configuration as it stands.
    survey.yaml = compose(&survey);
    let site = load_with(root, &survey.yaml)?;
    survey.baselines = baselines(&site);
    survey.history = survey.git.repository && survey.baselines.none > 0;
    survey.yaml = compose(&survey);
    let site = load_with(root, &survey.yaml)?;
    survey.counts = counts(&site);
    survey.required_fields = crate::analyse::checks::lints::fields::used_fields(&site);
    survey.source_only_components =
        crate::analyse::checks::lints::structure::dropped_components(&site);
    survey.generated_paths = generated::generated_paths(&site);
    survey.external_paths = site.config.external_paths.clone();
    survey.yaml = compose(&survey);
    Ok(survey)
}

fn counts(site: &Site) -> BTreeMap<String, usize> {
    site.config
        .locales
        .iter()
        .map(|l| {
            (
                l.code.clone(),
                site.pages.iter().filter(|p| p.locale == l.code).count(),
            )
        })
        .collect()
}

/// The survey of a Docusaurus or Starlight site: its configuration says the locales, the source
/// and the layout, and the tolk.yaml written leaves them to it.
fn survey_generated(root: &Path, name: &str, file: PathBuf) -> Result<Survey> {
    let config = Config::discover(root, None)?;
    let site = Site::load(root, config)?;
    let mut extensions = BTreeMap::new();
    for page in &site.pages {
        let ext = page.path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        *extensions.entry(ext.to_ascii_lowercase()).or_insert(0) += 1;
    }
    let config = &site.config;
    let reason = if name == "Docusaurus" {
        format!("`i18n.defaultLocale` in {}", file.display())
    } else {
        format!("the default locale in {}", file.display())
    };
    let mut survey = Survey {
        root: root.to_path_buf(),
        site_config: None,
        generator: Some((name.to_string(), file)),
        content_dir: load::slash_path(&config.content_dir, Path::new("")),
        extensions,
        layout: config.conventions.layout,
        example: None,
        locales: config.locales.iter().map(|l| l.code.clone()).collect(),
        source: config.source_locale.clone(),
        source_reason: reason,
        counts: counts(&site),
        language_fields: site
            .pages
            .iter()
            .filter(|p| p.front.language.is_some())
            .count(),
        baselines: baselines(&site),
        git: git_info(root),
        history: false,
        required_fields: crate::analyse::checks::lints::fields::used_fields(&site),
        tracker_keywords: detect::lunaria_ignore_keywords(root),
        source_only_components: crate::analyse::checks::lints::structure::dropped_components(&site),
        generated_paths: generated::generated_paths(&site),
        external_paths: site.config.external_paths.clone(),
        yaml: String::new(),
    };
    survey.history = survey.git.repository && survey.baselines.none > 0;
    survey.yaml = compose(&survey);
    // The configuration written must read the site as the generator's does.
    load_with(root, &survey.yaml)?;
    Ok(survey)
}

/// For each locale code, in how many translation pairs its file was committed first (one
/// `git log` pass over the content folder; files that appeared in the same commit count for
/// neither).
fn first_committed(
    root: &Path,
    content_dir: &str,
    detected: &detect::Detected,
) -> BTreeMap<String, usize> {
    let mut wins = BTreeMap::new();
    if detected.codes.len() < 2 {
        return wins;
    }
    let output = crate::git::command(root)
        .args([
            "log",
            "--reverse",
            "--relative",
            "--no-renames",
            "--diff-filter=A",
            "--name-only",
            "--format=%x00",
            "-z",
            "--",
            content_dir,
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    let Ok(output) = output.map(|o| (o.status.success(), o.stdout)) else {
        return wins;
    };
    let (true, stdout) = output else {
        return wins;
    };
    // Commit n's added paths, as path → n (the first commit that added it).
    let text = String::from_utf8_lossy(&stdout);
    let prefix = if content_dir == "." || content_dir.is_empty() {
        String::new()
    } else {
        format!("{}/", content_dir.trim_end_matches('/'))
    };
    let mut added: BTreeMap<&str, usize> = BTreeMap::new();
    let mut commit = 0usize;
    for field in text.split('\0') {
        let field = field.trim_matches('\n');
        if field.is_empty() {
            commit += 1;
            continue;
        }
        for path in field.split('\n').filter(|p| !p.is_empty()) {
            let path = path.strip_prefix(prefix.as_str()).unwrap_or(path);
            added.entry(path).or_insert(commit);
        }
    }
    let mut pairs: BTreeMap<&str, Vec<(usize, &str)>> = BTreeMap::new();
    for (path, (code, key)) in &detected.marks {
        if let Some(&n) = added.get(path.as_str()) {
            pairs.entry(key).or_default().push((n, code));
        }
    }
    for members in pairs.values_mut() {
        members.sort();
        if let [(first, code), (second, _), ..] = members.as_slice()
            && first < second
        {
            *wins.entry((*code).to_string()).or_default() += 1;
        }
    }
    wins
}

/// Runs `tolk init` at `root`: the survey, and tolk.yaml written (never over an existing one).
pub fn init(root: &Path, content_dir: Option<&Path>) -> Result<Survey> {
    let target = root.join(CONFIG_FILE);
    if target.exists() {
        return Err(Error::Usage(format!(
            "{} already exists; tolk init never overwrites it (move it away to start over)",
            target.display()
        )));
    }
    let survey = survey(root, content_dir)?;
    crate::edit::atomic::create_new(&target, survey.yaml.as_bytes()).map_err(|e| match e {
        Error::Exists { path } => Error::Usage(format!(
            "{} already exists; tolk init never overwrites it",
            path.display()
        )),
        other => other,
    })?;
    Ok(survey)
}

fn find_content_dir(root: &Path) -> Result<String> {
    for dir in CONTENT_DIRS {
        let path = root.join(dir);
        if path.is_dir()
            && load::walk(root, Path::new(dir)).is_ok_and(|(files, _)| !files.is_empty())
        {
            return Ok((*dir).to_string());
        }
    }
    Err(Error::Usage(format!(
        "no content folder with pages found in {} (looked for {}); give it with --content-dir DIR",
        root.display(),
        CONTENT_DIRS.join(", ")
    )))
}

/// The locale of unmarked files (and so the source), and why.
///
/// Files without a locale mark, where the layout has them, are the source's: language
/// identification names it. Else the locale whose files were committed first in most
/// translation pairs (`first`, from git), else the one with the most pages; a code no page has
/// (`und`) is never chosen while a locale has pages.
fn source_locale(
    detected: &detect::Detected,
    unmarked_texts: &[&str],
    first: &BTreeMap<String, usize>,
) -> (String, String) {
    let unmarked_unknown = !detected.unmarked.is_empty() && detected.layout != Layout::Auto;
    if unmarked_unknown
        && let Some(code) = identify(unmarked_texts)
        && !detected.codes.contains_key(code)
    {
        return (
            code.to_string(),
            format!(
                "files without a locale mark ({}) read as `{code}` by language identification; check it",
                detected.unmarked.len()
            ),
        );
    }
    let pairs: usize = first.values().sum();
    let by_git = first
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .filter(|(_, n)| **n * 2 > pairs);
    if let Some((code, n)) = by_git {
        return (
            code.clone(),
            format!("its files were committed first in {n} of {pairs} translation pairs (git)"),
        );
    }
    let most = detected
        .codes
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)));
    if let Some((code, n)) = most {
        return (
            code.clone(),
            format!("the locale with the most pages ({n})"),
        );
    }
    (
        "en".to_string(),
        format!(
            "a guess: the language of the {} files without a locale mark could not be identified; set it",
            detected.unmarked.len()
        ),
    )
}

/// English, Bokmål or Nynorsk, where identification is confident about the texts.
fn identify(texts: &[&str]) -> Option<&'static str> {
    use lingua::{Language, LanguageDetectorBuilder};
    let sample: String = texts
        .iter()
        .take(20)
        .map(|t| {
            frontmatter::split(t)
                .map(|s| s.body.to_string())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("\n");
    if sample.split_whitespace().count() < 5 {
        return None;
    }
    let detector = LanguageDetectorBuilder::from_languages(&[
        Language::English,
        Language::Bokmal,
        Language::Nynorsk,
    ])
    .build();
    let values = detector.compute_language_confidence_values(&sample);
    let (language, confidence) = values.first()?;
    if *confidence < 0.5 {
        return None;
    }
    #[allow(unreachable_patterns)]
    match language {
        Language::English => Some("en"),
        Language::Bokmal => Some("nb"),
        Language::Nynorsk => Some("nn"),
        _ => None,
    }
}

fn git_info(root: &Path) -> GitInfo {
    let run = |args: &[&str]| crate::git::query(root, args);
    let Some(shallow) = run(&["rev-parse", "--is-shallow-repository"]) else {
        return GitInfo::default();
    };
    GitInfo {
        repository: true,
        commits: run(&["rev-list", "--count", "HEAD"])
            .and_then(|n| n.parse().ok())
            .unwrap_or(0),
        shallow: shallow == "true",
    }
}

fn load_with(root: &Path, yaml: &str) -> Result<Site> {
    let dir =
        tempfile::tempdir().map_err(|e| Error::io("cannot create", std::env::temp_dir(), e))?;
    let file = dir.path().join(CONFIG_FILE);
    std::fs::write(&file, yaml).map_err(|e| Error::io("cannot write", &file, e))?;
    let config = Config::discover(root, Some(&file)).map_err(|e| match e {
        Error::Config { message, .. } => Error::Config {
            path: root.join(CONFIG_FILE),
            message: format!("tolk init composed a configuration tolk cannot read ({message}); please report this"),
        },
        other => other,
    })?;
    Site::load(root, config)
}

/// Keys whose name says "commit", with a commit id for a value, in dotted form.
fn commit_keys(mapping: &serde_yaml::Mapping, prefix: &str, out: &mut Vec<String>) {
    for (key, value) in mapping {
        let Value::String(key) = key else { continue };
        let dotted = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::Mapping(inner) if prefix.is_empty() => commit_keys(inner, &dotted, out),
            Value::String(id)
                if key.to_ascii_lowercase().contains("commit")
                    && (7..=64).contains(&id.trim().len())
                    && id.trim().bytes().all(|b| b.is_ascii_hexdigit()) =>
            {
                out.push(dotted)
            }
            _ => {}
        }
    }
}

fn baselines(site: &Site) -> Baselines {
    let mut result = Baselines::default();
    let mut keys: BTreeMap<String, usize> = BTreeMap::new();
    let translations: Vec<_> = site
        .pages
        .iter()
        .filter(|p| p.locale != site.config.source_locale)
        .collect();
    let mut found: Vec<(bool, Vec<String>)> = Vec::new();
    for page in &translations {
        let mut commit = Vec::new();
        commit_keys(page.front_data(), "", &mut commit);
        for key in &commit {
            *keys.entry(key.clone()).or_default() += 1;
        }
        found.push((page.front.source_hash.is_some(), commit));
    }
    let commit_key = keys
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
    for (hash, commit) in found {
        let by_commit = commit_key
            .as_ref()
            .is_some_and(|(key, _)| commit.contains(key));
        if hash {
            result.source_hash += 1;
        } else if !by_commit {
            result.none += 1;
        }
    }
    result.commit_key = commit_key;
    result
}

fn locale_name(code: &str) -> &str {
    match code.to_ascii_lowercase().as_str() {
        "nb" | "no" | "nb-no" => "Norsk bokmål",
        "nn" | "nn-no" => "Nynorsk",
        "se" => "Davvisámegiella",
        "en" | "en-us" | "en-gb" => "English",
        "sv" => "Svenska",
        "da" => "Dansk",
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        "fi" => "Suomi",
        _ => code,
    }
}

fn layout_help() -> &'static str {
    "#   folder            content/<code>/…; pages outside every locale folder are in the source locale\n\
     #   folder-any-depth  a locale folder at any depth: docs/intro/<code>/page.md\n\
     #   suffix            page.<code>.md beside page.md (the source locale)\n\
     #   underscore        page_<code>.md beside page.md (the source locale)\n\
     #   prefix            <code>_page.md beside <other code>_page.md\n\
     # A `language:` or `lang:` front-matter field overrides the path.\n"
}

fn pages(n: usize) -> String {
    if n == 1 {
        "1 page".into()
    } else {
        format!("{n} pages")
    }
}

/// The tolk.yaml text for what the survey found.
fn compose(s: &Survey) -> String {
    let mut y = String::new();
    y.push_str(
        "# tolk.yaml, written by `tolk init` from what it found in this site. Every key is optional;\n\
         # see \"Using tolk on an existing site\" in tolk's README. Check it with `tolk status`.\n\n",
    );
    let count = |code: &str| s.counts.get(code).copied();
    if let Some(site) = &s.site_config {
        let found: Vec<String> = s
            .locales
            .iter()
            .map(|c| match count(c) {
                Some(n) => format!("{c} ({})", pages(n)),
                None => c.clone(),
            })
            .collect();
        let _ = writeln!(
            y,
            "# Locales, the source locale (`{}`), the content folder ({}/) and the layout ({}) are read\n\
             # from {} (languages, defaultContentLanguage, contentDir): {}.\n\
             # A key set here overrides it.",
            s.source,
            s.content_dir,
            s.layout.name(),
            site.file.display(),
            found.join(", ")
        );
    } else if let Some((name, file)) = &s.generator {
        let found: Vec<String> = s
            .locales
            .iter()
            .map(|c| format!("{c} ({})", pages(count(c).unwrap_or(0))))
            .collect();
        let _ = writeln!(
            y,
            "# Locales, the source locale (`{}`), the content folder ({}/) and the layout ({}) are read\n\
             # from {} ({name}): {}.\n\
             # A key set here overrides it.",
            s.source,
            s.content_dir,
            s.layout.name(),
            file.display(),
            found.join(", ")
        );
    } else {
        let _ = writeln!(y, "# The folder that holds the pages.");
        let _ = writeln!(y, "content_dir: {}\n", s.content_dir);
        let _ = writeln!(y, "# How a page's locale shows in its path:");
        y.push_str(layout_help());
        if let Some((a, b)) = &s.example {
            let _ = writeln!(y, "# Found: {a} beside {b}.");
        }
        if s.layout == Layout::Auto {
            let _ = writeln!(
                y,
                "# No translations found: tolk's own convention (a locale folder or a suffix) applies.\n# layout: folder"
            );
        } else {
            let _ = writeln!(y, "layout: {}", s.layout.name());
        }
        let _ = writeln!(
            y,
            "\n# The source locale, that translations are made from: {}.",
            s.source_reason
        );
        let _ = writeln!(y, "source_locale: \"{}\"", s.source);
        let _ = writeln!(
            y,
            "# Each locale: its code, display name, URL prefix, and the locales it falls back to."
        );
        let _ = writeln!(y, "locales:");
        for code in &s.locales {
            let prefix = if *code == s.source {
                "/".to_string()
            } else {
                format!("/{}/", code.to_ascii_lowercase())
            };
            let fallback = if *code == s.source {
                String::new()
            } else {
                format!(", fallback: [\"{}\"]", s.source)
            };
            let note = count(code)
                .map(|n| format!("  # {}", pages(n)))
                .unwrap_or_default();
            let _ = writeln!(
                y,
                "  - {{ code: \"{code}\", name: \"{}\", prefix: {prefix}{fallback} }}{note}",
                locale_name(code)
            );
        }
    }
    if s.language_fields > 0 {
        let _ = writeln!(
            y,
            "\n# {} set their locale with a `language:` / `lang:` field; it overrides the path.",
            pages(s.language_fields)
        );
    }
    compose_required_fields(&mut y, s);
    compose_source_only_components(&mut y, s);
    compose_external_paths(&mut y, s);
    let b = &s.baselines;
    let _ = writeln!(
        y,
        "\n# Baselines (what each translation was made from): {} record `l10n.source_hash`{}, {} record none.",
        b.source_hash,
        match &b.commit_key {
            Some((key, n)) => format!(", {n} a source commit in `{key}`"),
            None => String::new(),
        },
        b.none
    );
    match &b.commit_key {
        Some((key, _)) => {
            let _ = writeln!(
                y,
                "# A translation is stale when its source now differs (in rendered text) from the source at that commit."
            );
            let _ = writeln!(y, "source_commit_key: {key}");
        }
        None => {
            let _ = writeln!(
                y,
                "# Where translations record the source commit they were made from (MDN: l10n.sourceCommit):\n# source_commit_key: l10n.sourceCommit"
            );
        }
    }
    y.push_str(
        "\n# History mode: a translation without a baseline is stale when its source has a commit that\n\
         # changes rendered text and is newer than the translation's last such commit, else up to date\n\
         # (instead of unverified). `tolk mark --from-history` writes those baselines into the pages.\n",
    );
    if s.history {
        y.push_str("history: true\n");
        let _ = writeln!(
            y,
            "# Commits whose subject line carries one of these tokens (any case) do not count (typo fixes,\n\
             # mass reformatting){}.",
            if s.tracker_keywords.is_empty() {
                ""
            } else {
                "; after tolk's own, the keywords Lunaria ignores (its configuration)"
            }
        );
        let mut tokens = vec![SKIP_TOKEN.to_string()];
        for keyword in &s.tracker_keywords {
            if !tokens.iter().any(|t| t.eq_ignore_ascii_case(keyword)) {
                tokens.push(keyword.clone());
            }
        }
        let tokens: Vec<String> = tokens
            .iter()
            .map(|t| serde_json::Value::String(t.clone()).to_string())
            .collect();
        let _ = writeln!(y, "skip_tokens: [{}]", tokens.join(", "));
    } else if !s.git.repository {
        y.push_str("# history: true      (needs git: this site is not in a git repository)\n");
    } else {
        y.push_str("# history: true      (every translation records a baseline)\n");
    }
    y
}

/// The `required_fields` lines: the fields whose absence is a `missing-field` finding.
fn compose_required_fields(y: &mut String, s: &Survey) {
    let fields: Vec<String> = s
        .required_fields
        .iter()
        .map(|f| serde_json::to_string(f).unwrap_or_else(|_| f.clone()))
        .collect();
    let _ = writeln!(
        y,
        "\n# Front-matter fields every published page must set (`missing-field` otherwise): the ones\n\
         # pages of the source locale set (a description, where nearly every one does).\n\
         required_fields: [{}]",
        fields.join(", ")
    );
}

/// The `source_only_components` lines, where translations leave some component out.
fn compose_source_only_components(y: &mut String, s: &Survey) {
    if s.source_only_components.is_empty() {
        return;
    }
    let names: Vec<String> = s
        .source_only_components
        .iter()
        .map(|n| serde_json::to_string(n).unwrap_or_else(|_| n.clone()))
        .collect();
    // Offered, not set: translations that predate a component leave it out just as well, and
    // then the mismatch is the one sign of the gap.
    let _ = writeln!(
        y,
        "\n# MDX components the source pages use and their translations leave out (nine in ten or\n\
         # more). If translators are told to remove them (a note for editors, not content), say so\n\
         # here and `structure-mismatch` stops counting them; if the translations are only older\n\
         # than the component, leave this as it is.\n\
         # source_only_components: [{}]",
        names.join(", ")
    );
}

/// The `external_paths` lines, where the build generates pages into the content folder.
fn compose_external_paths(y: &mut String, s: &Survey) {
    if s.generated_paths.is_empty() {
        return;
    }
    let mut paths: Vec<&String> = s.external_paths.iter().chain(&s.generated_paths).collect();
    paths.sort();
    paths.dedup();
    let quoted: Vec<String> = paths
        .iter()
        .map(|p| serde_json::to_string(p).unwrap_or_else(|_| p.to_string()))
        .collect();
    let _ = writeln!(
        y,
        "\n# Pages the build generates into the content folder, which git ignores there (a\n\
         # `.gitignore` beside them): tolk does not see them, so links to them are not broken{}.\n\
         external_paths: [{}]",
        if s.external_paths.is_empty() {
            ""
        } else {
            "; with\n# the paths the generator serves besides its pages"
        },
        quoted.join(", ")
    );
}

/// What `tolk init` prints: what it found, one line a fact.
pub fn report(s: &Survey) -> String {
    let mut out = String::new();
    if let Some(site) = &s.site_config {
        let generator = match site.generator {
            hugo::Generator::Hugo => "Hugo",
            hugo::Generator::Zola => "Zola",
        };
        let _ = writeln!(
            out,
            "site configuration: {} ({generator})",
            site.file.display()
        );
    }
    if let Some((name, file)) = &s.generator {
        let _ = writeln!(out, "site configuration: {} ({name})", file.display());
    }
    let total: usize = s.extensions.values().sum();
    let kinds: Vec<String> = s
        .extensions
        .iter()
        .map(|(e, n)| format!(".{e} {n}"))
        .collect();
    let _ = writeln!(
        out,
        "content:   {}/ ({}: {})",
        s.content_dir,
        pages(total),
        kinds.join(", ")
    );
    let layout = match (&s.example, s.layout) {
        (_, Layout::Auto) => "none found (one language only?)".to_string(),
        (Some((a, b)), layout) => format!("{} ({a} beside {b})", layout.name()),
        (None, layout) => layout.name().to_string(),
    };
    let _ = writeln!(out, "layout:    {layout}");
    let locales: Vec<String> = s
        .locales
        .iter()
        .map(|c| {
            let n = s.counts.get(c).copied().unwrap_or(0);
            if *c == s.source {
                format!("{c} (source, {})", pages(n))
            } else {
                format!("{c} ({})", pages(n))
            }
        })
        .collect();
    let _ = writeln!(out, "locales:   {}", locales.join(", "));
    let _ = writeln!(out, "source:    {} — {}", s.source, s.source_reason);
    if s.language_fields > 0 {
        let _ = writeln!(
            out,
            "fields:    {} name their locale with `language:` / `lang:`",
            pages(s.language_fields)
        );
    }
    let b = &s.baselines;
    let mut kinds = vec![format!("{} l10n.source_hash", b.source_hash)];
    if let Some((key, n)) = &b.commit_key {
        kinds.push(format!("{n} {key} (commit)"));
    }
    kinds.push(format!("{} none", b.none));
    let _ = writeln!(out, "baselines: {}", kinds.join(", "));
    let git = if !s.git.repository {
        "no repository (history mode and diffs need one)".to_string()
    } else {
        format!(
            "repository, {} commit{}{}",
            s.git.commits,
            if s.git.commits == 1 { "" } else { "s" },
            if s.git.shallow {
                ", shallow clone (`git fetch --unshallow` for full history)"
            } else {
                ""
            }
        )
    };
    let _ = writeln!(out, "git:       {git}");
    let _ = writeln!(
        out,
        "history:   {}",
        if s.history {
            "on: translations without a baseline are judged by git history"
        } else {
            "off"
        }
    );
    if s.history && !s.tracker_keywords.is_empty() {
        let _ = writeln!(
            out,
            "skipped:   commits whose subject carries one of Lunaria's ignoreKeywords ({})",
            s.tracker_keywords.join(", ")
        );
    }
    if !s.generated_paths.is_empty() {
        let _ = writeln!(
            out,
            "generated: {} (pages git ignores in the content folder: external_paths)",
            s.generated_paths.join(", ")
        );
    }
    if !s.source_only_components.is_empty() {
        let _ = writeln!(
            out,
            "left out:  {} in nine translations in ten or more (see source_only_components)",
            s.source_only_components.join(", ")
        );
    }
    out
}
