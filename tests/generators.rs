//! Sites as their generators read them: Docusaurus and Astro Starlight configurations, the
//! source locale where no configuration names it, locale-prefixed file names, and finding the
//! site from a repository root.

mod common;

use common::{Site, page};
use serde_json::Value;

/// A site without tolk's own `content/` folder.
fn bare_site() -> Site {
    let site = Site::new();
    std::fs::remove_dir(site.path("content")).expect("remove content/");
    site
}

fn json(site: &Site, args: &[&str]) -> Value {
    let (code, stdout, stderr) = site.run(args);
    assert!(code == 0 || code == 1, "tolk {args:?} failed: {stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// `(locale, key) → state` of `status --format json`.
fn states(report: &Value) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = report["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .map(|p| {
            (
                p["locale"].as_str().unwrap_or_default().to_string(),
                p["key"].as_str().unwrap_or_default().to_string(),
                p["state"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .expect("array")
        .iter()
        .filter_map(Value::as_str)
        .collect()
}

const DOCUSAURUS_CONFIG: &str = r#"// @ts-check
/** @type {import('@docusaurus/types').Config} */
const config = {
  title: 'Example',
  url: process.env.URL || 'https://example.org',
  baseUrl: '/',
  // i18n: { defaultLocale: 'nb' } in a comment is not the configuration
  i18n: {
    defaultLocale: 'en',
    locales: ['en', "fr", 'ar',],
    localeConfigs: {
      fr: { label: 'Français' },
      ar: { label: 'العربية', direction: 'rtl' },
    },
  },
  presets: [
    [
      'classic',
      ({
        docs: { sidebarPath: require.resolve('./sidebars.js') },
        blog: { showReadingTime: true },
      }),
    ],
  ],
};

module.exports = config;
"#;

fn docusaurus_site() -> Site {
    let site = bare_site();
    site.write("docusaurus.config.js", DOCUSAURUS_CONFIG)
        .write("README.md", "# Not a page of the site\n")
        .write("node_modules/pkg/README.md", "# Not a page either\n")
        .write("docs/01-intro.md", page("Intro", "", "Welcome.\n"))
        .write("docs/guide/02-setup.md", page("Setup", "", "Set it up.\n"))
        .write("docs/guide/_partial.mdx", "A partial, no page.\n")
        .write(
            "docs/guide/03-moved.md",
            page("Moved", "slug: /elsewhere\n", "Moved.\n"),
        )
        .write(
            "docs/guide/04-named.md",
            page("Named", "id: renamed\n", "Named.\n"),
        )
        .write(
            "blog/2024-01-02-hello.md",
            page("Hello", "", "First post.\n"),
        )
        .write("src/pages/about.md", page("About", "", "About us.\n"))
        .write(
            "i18n/fr/docusaurus-plugin-content-docs/current/01-intro.md",
            page("Introduction", "", "Bienvenue.\n"),
        )
        .write(
            "i18n/fr/docusaurus-plugin-content-blog/2024-01-02-hello.md",
            page("Bonjour", "", "Premier billet.\n"),
        )
        .write(
            "i18n/fr/docusaurus-plugin-content-pages/about.md",
            page("À propos", "", "À propos de nous.\n"),
        )
        .write(
            "i18n/fr/docusaurus-plugin-content-docs/current/orphan.md",
            page("Orphelin", "", "Sans source.\n"),
        )
        .write(
            "i18n/ar/docusaurus-plugin-content-docs/current/01-intro.md",
            page("مقدمة", "", "مرحبا.\n"),
        )
        .write(
            "i18n/fr/code.json",
            r#"{ "theme.NotFound.title": { "message": "Page introuvable" } }"#,
        )
        .write(
            "i18n/ar/code.json",
            r#"{
  "theme.NotFound.title": { "message": "الصفحة غير موجودة", "description": "404" },
  "theme.NotFound.p1": { "message": "لم نجد الصفحة", "description": "404" }
}"#,
        );
    site
}

#[test]
fn docusaurus_locales_pairs_and_states() {
    let site = docusaurus_site();
    let status = json(&site, &["status", "--format", "json"]);
    assert_eq!(status["source_locale"], "en");
    assert_eq!(strings(&status["locales"]), ["en", "fr", "ar"]);
    let states = states(&status);
    let state = |locale: &str, key: &str| {
        states
            .iter()
            .find(|(l, k, _)| l == locale && k == key)
            .map(|(_, _, s)| s.as_str())
            .unwrap_or_else(|| panic!("no {locale}/{key} in {states:?}"))
    };
    // Number prefixes are no part of a doc's id; the docs are published under /docs/.
    assert_eq!(state("fr", "docs/intro"), "unverified");
    assert_eq!(state("fr", "docs/guide/setup"), "missing");
    // A blog post's date is its route; a page of src/pages/ is at the root.
    assert_eq!(state("fr", "blog/2024/01/02/hello"), "unverified");
    assert_eq!(state("fr", "about"), "unverified");
    assert_eq!(state("fr", "docs/orphan"), "orphaned");
    assert_eq!(state("ar", "docs/intro"), "unverified");
    assert_eq!(state("ar", "about"), "missing");
    // Six source pages: not README.md, node_modules or the partial.
    assert_eq!(status["summary"]["fr"]["pages"], 6);
    let paths: Vec<&str> = status["pages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["path"].as_str())
        .collect();
    assert!(
        paths
            .iter()
            .all(|p| !p.contains("README") && !p.contains("_partial")),
        "{paths:?}"
    );
    let missing = status["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["locale"] == "fr" && p["key"] == "docs/guide/setup")
        .expect("missing fr setup");
    assert_eq!(
        missing["path"],
        "i18n/fr/docusaurus-plugin-content-docs/current/guide/02-setup.md"
    );
}

#[test]
fn docusaurus_ui_strings_missing_per_locale() {
    let site = docusaurus_site();
    let report = json(&site, &["check", "--format", "json", "--fail-on", "never"]);
    let missing: Vec<(&str, &str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "missing-message")
        .map(|f| {
            (
                f["locale"].as_str().unwrap_or_default(),
                f["path"].as_str().unwrap_or_default(),
                f["key"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        missing,
        [("fr", "i18n/fr/code.json", "theme.NotFound.p1")],
        "compared across locales where the default locale has no code.json"
    );
    // With the default locale's code.json, its keys are the ones to have.
    site.write(
        "i18n/en/code.json",
        r#"{ "theme.NotFound.title": { "message": "Page not found" } }"#,
    );
    let report = json(&site, &["check", "--format", "json", "--fail-on", "never"]);
    let count = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "missing-message")
        .count();
    assert_eq!(count, 0, "{report}");
}

#[test]
fn docusaurus_build_carries_rtl_and_routes() {
    let site = docusaurus_site();
    let (code, _, stderr) = site.run(&["build", "--out", "out"]);
    assert_eq!(code, 0, "{stderr}");
    let ar = site.read_string("out/ar/docs/intro/index.html");
    assert!(ar.contains(r#"<html lang="ar" dir="rtl">"#), "{ar}");
    let fr = site.read_string("out/fr/docs/intro/index.html");
    assert!(fr.contains(r#"<html lang="fr">"#), "{fr}");
    assert!(site.path("out/docs/guide/setup/index.html").is_file());
    assert!(site.path("out/about/index.html").is_file());
    // `slug:` and `id:` decide where a doc is published; pairing stays by path.
    assert!(site.path("out/docs/elsewhere/index.html").is_file());
    assert!(site.path("out/docs/guide/renamed/index.html").is_file());
}

const STARLIGHT_CONFIG: &str = r#"// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export const locales = {
	root: { label: 'English', lang: 'en' },
	fr: { label: 'Français', lang: 'fr' },
	/* Persian is written right to left */
	fa: { label: 'فارسی', lang: 'fa', dir: 'rtl' },
};

const site = process.env.SITE || 'https://example.org/';

export default defineConfig({
	site,
	integrations: [
		starlight({
			title: 'Docs',
			social: [{ icon: 'github', label: 'GitHub', href: 'https://github.com/x/y' }],
			locales,
			sidebar: [{ label: 'Guides', items: [{ autogenerate: { directory: 'guides' } }] }],
		}),
	],
});
"#;

/// A repository whose Starlight site is in `docs/`.
fn starlight_repo() -> Site {
    let site = bare_site();
    site.write("README.md", "# The project\n")
        .write("packages/core/README.md", "# A package\n")
        .write("docs/astro.config.mjs", STARLIGHT_CONFIG)
        .write(
            "docs/src/content/docs/index.mdx",
            page("Home", "", "Welcome.\n"),
        )
        .write(
            "docs/src/content/docs/guides/start.md",
            page("Start", "", "Start here.\n"),
        )
        .write(
            "docs/src/content/docs/fr/index.mdx",
            page("Accueil", "", "Bienvenue.\n"),
        )
        .write(
            "docs/src/content/docs/fa/index.mdx",
            page("خانه", "", "خوش آمدید.\n"),
        )
        .write(
            "docs/src/content/docs/fa/guides/start.md",
            page("شروع", "", "از اینجا شروع کنید.\n"),
        );
    site
}

#[test]
fn starlight_root_locale_and_rtl_from_the_repository_root() {
    let site = starlight_repo();
    let (code, stdout, stderr) = site.run(&["status", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("using the Astro Starlight site in docs/"),
        "{stderr}"
    );
    let status: Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(status["source_locale"], "en");
    assert_eq!(strings(&status["locales"]), ["en", "fr", "fa"]);
    assert_eq!(
        states(&status),
        [
            ("fa".into(), "".into(), "unverified".into()),
            ("fa".into(), "guides/start".into(), "unverified".into()),
            ("fr".into(), "".into(), "unverified".into()),
            ("fr".into(), "guides/start".into(), "missing".into()),
        ]
    );
    let (code, _, stderr) = site.run(&["build", "--out", "out"]);
    assert_eq!(code, 0, "{stderr}");
    let fa = site.read_string("out/fa/guides/start/index.html");
    assert!(fa.contains(r#"<html lang="fa" dir="rtl">"#), "{fa}");
    let en = site.read_string("out/guides/start/index.html");
    assert!(en.contains(r#"<html lang="en">"#), "{en}");
    // Run inside the content folder, the site is still the one in docs/.
    let (code, stdout, stderr) = site
        .tolk()
        .current_dir(site.path("docs/src/content/docs/fa"))
        .args(["status", "--format", "json"])
        .output()
        .map(|o| {
            (
                o.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&o.stdout).into_owned(),
                String::from_utf8_lossy(&o.stderr).into_owned(),
            )
        })
        .expect("tolk runs");
    assert_eq!(code, 0, "{stderr}");
    let status: Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(status["source_locale"], "en");
}

#[test]
fn site_found_below_a_repository_root() {
    let site = bare_site();
    site.write("docs/notes.md", "Project notes, not a site.\n")
        .write("website/docusaurus.config.js", DOCUSAURUS_CONFIG)
        .write("website/docs/intro.md", page("Intro", "", "Welcome.\n"))
        .write(
            "website/i18n/fr/docusaurus-plugin-content-docs/current/intro.md",
            page("Intro", "", "Bienvenue.\n"),
        )
        .write("website/node_modules/x/astro.config.mjs", "starlight({})\n");
    let (code, stdout, stderr) = site.run(&["check", "--format", "json", "--fail-on", "never"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("using the Docusaurus site in website/"),
        "{stderr}"
    );
    let report: Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(report["summary"]["fr"]["unverified"], 1);
    // `--root` at the repository root finds it too; `--quiet` says nothing.
    let root = site.root().to_string_lossy().to_string();
    let (code, _, stderr) = site.run(&["--quiet", "--root", &root, "status"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// A site whose pages all sit in locale folders: no configuration says which is the source.
fn two_folders() -> Site {
    let site = Site::new();
    site.write("content/de/a.md", page("A", "", "Ein Text.\n"))
        .write("content/de/b.md", page("B", "", "Noch ein Text.\n"))
        .write("content/fr/a.md", page("A", "", "Un texte.\n"))
        .write("content/fr/b.md", page("B", "", "Un autre texte.\n"))
        .write("content/fr/c.md", page("C", "", "Encore.\n"));
    site
}

fn init_source(site: &Site) -> (String, String) {
    let (code, stdout, stderr) = site.run(&["init"]);
    assert_eq!(code, 0, "{stderr}");
    let yaml = site.read_string("tolk.yaml");
    let source = yaml
        .lines()
        .find_map(|l| l.strip_prefix("source_locale: "))
        .unwrap_or_else(|| panic!("no source_locale in {yaml}"))
        .trim_matches('"')
        .to_string();
    (source, stdout)
}

#[test]
fn source_locale_by_page_count_without_git() {
    let site = two_folders();
    // Files outside the locale folders, too short to tell their language.
    site.write("content/en/a.md", page("A", "", "A text.\n"))
        .write("content/misc.md", page("X", "", "1 2 3\n"));
    let (source, stdout) = init_source(&site);
    assert_eq!(source, "fr", "{stdout}");
    assert!(stdout.contains("the most pages"), "{stdout}");
}

#[test]
fn source_locale_by_first_commit() {
    let site = Site::new();
    site.git_init();
    site.write("content/de/a.md", page("A", "", "Ein Text.\n"))
        .write("content/de/b.md", page("B", "", "Noch ein Text.\n"));
    site.commit("German first");
    site.write("content/fr/a.md", page("A", "", "Un texte.\n"))
        .write("content/fr/b.md", page("B", "", "Un autre texte.\n"))
        .write("content/fr/c.md", page("C", "", "Encore.\n"));
    site.commit("French translations");
    let (source, stdout) = init_source(&site);
    assert_eq!(source, "de", "{stdout}");
    assert!(stdout.contains("committed first in 2 of 2"), "{stdout}");
    let status = json(&site, &["status", "--format", "json"]);
    assert_eq!(status["source_locale"], "de");
    assert_eq!(status["summary"]["fr"]["orphaned"], 1);
}

#[test]
fn source_locale_is_never_und_while_a_locale_has_pages() {
    let site = Site::new();
    site.write("content/guide/en/a.md", page("A", "", "Text.\n"))
        .write("content/guide/no/a.md", page("A", "", "Tekst.\n"))
        .write("content/guide/no/b.md", page("B", "", "Mer.\n"))
        .write("content/guide/misc.md", page("X", "", "1 2 3\n"));
    let (source, stdout) = init_source(&site);
    assert_ne!(source, "und", "{stdout}");
    assert_eq!(source, "no", "{stdout}");
}

#[test]
fn locale_prefixed_file_names() {
    let site = Site::new();
    site.write(
        "content/patterns/no_index.mdx",
        page("Mønstre", "", "Tekst.\n"),
    )
    .write(
        "content/patterns/en_index.mdx",
        page("Patterns", "", "Text.\n"),
    )
    .write(
        "content/patterns/no/errors.mdx",
        page("Feil", "", "Tekst.\n"),
    )
    .write(
        "content/patterns/en/errors.mdx",
        page("Errors", "", "Text.\n"),
    )
    .write(
        "content/patterns/no/links.mdx",
        page("Lenker", "", "Tekst.\n"),
    );
    let (code, stdout, stderr) = site.run(&["init"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("folder-any-depth"), "{stdout}");
    let status = json(&site, &["status", "--format", "json"]);
    let source = status["source_locale"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(source, "no", "{status}");
    assert_eq!(
        states(&status),
        [
            ("en".into(), "patterns".into(), "unverified".into()),
            ("en".into(), "patterns/errors".into(), "unverified".into()),
            ("en".into(), "patterns/links".into(), "missing".into()),
        ]
    );
    // The section comes from the path.
    assert!(
        status["pages"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["section"] == "patterns"),
        "{status}"
    );
    // Where a missing translation of a prefixed page belongs.
    site.write(
        "content/patterns/no_extra.mdx",
        page("Ekstra", "", "Tekst.\n"),
    );
    site.write(
        "tolk.yaml",
        "layout: prefix\nsource_locale: nb\naliases: { no: nb }\n",
    );
    let status = json(&site, &["status", "--format", "json"]);
    let extra = status["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["locale"] == "en" && p["key"] == "patterns/extra")
        .unwrap_or_else(|| panic!("{status}"));
    assert_eq!(extra["state"], "missing");
    assert_eq!(extra["path"], "content/patterns/en_extra.mdx");
}

#[test]
fn section_comes_from_the_path_not_the_translation_key() {
    let site = Site::new();
    site.write(
        "content/nb/hjelp/om.md",
        page("Om", "translation_key: om-oss\n", "Tekst.\n"),
    )
    .write(
        "content/en/help/about.md",
        page("About", "translation_key: om-oss\n", "Text.\n"),
    );
    let status = json(&site, &["status", "--format", "json"]);
    let en = status["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["locale"] == "en" && p["key"] == "om-oss")
        .unwrap_or_else(|| panic!("{status}"));
    assert_eq!(en["path"], "content/en/help/about.md");
    assert_eq!(en["section"], "hjelp");
}

/// A doc named like its folder (`contribute/contribute.md`, `03-api/api.md`) is that category's
/// index: Docusaurus publishes it at the folder's URL, so a link there is not broken.
#[test]
fn docusaurus_doc_named_like_its_folder_is_the_folder_page() {
    let site = docusaurus_site();
    site.write(
        "docs/contribute/contribute.md",
        page("Contribute", "", "How to help.\n"),
    )
    .write("docs/03-api/api.md", page("API", "", "The API.\n"))
    .write(
        "docs/links.md",
        page(
            "Links",
            "",
            "See [how to help](/docs/contribute/) and [the API](/docs/api).\n",
        ),
    );
    let status = json(&site, &["status", "--format", "json"]);
    let keys: Vec<&str> = status["pages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["locale"] == "fr")
        .filter_map(|p| p["key"].as_str())
        .collect();
    assert!(keys.contains(&"docs/contribute"), "{keys:?}");
    assert!(keys.contains(&"docs/api"), "{keys:?}");
    let check = json(&site, &["check", "--format", "json", "--fail-on", "never"]);
    let broken: Vec<&Value> = check["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "broken-link")
        .collect();
    assert!(broken.is_empty(), "{broken:#?}");
}

/// Docusaurus takes a doc's title from its `# heading` where the front matter has none: such a
/// doc lacks no title. One with neither still does.
#[test]
fn docusaurus_title_may_come_from_the_first_heading() {
    let site = docusaurus_site();
    site.write(
        "docs/guide/05-heading.md",
        "---\nsidebar_position: 5\n---\n\n# Titled by its heading\n\nText.\n",
    )
    .write(
        "docs/guide/06-untitled.md",
        "---\nsidebar_position: 6\n---\nText without a heading.\n",
    );
    let check = json(&site, &["check", "--format", "json", "--fail-on", "never"]);
    let missing: Vec<&str> = check["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "missing-field")
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert!(
        !missing.contains(&"docs/guide/05-heading.md"),
        "{missing:?}"
    );
    assert!(
        missing.contains(&"docs/guide/06-untitled.md"),
        "{missing:?}"
    );
}

/// Astro's own docs keep Starlight's locales in a module of their own
/// (`locales: localesConfig`, imported from `./config/locales`) and Lunaria's settings in
/// `lunaria.config.ts`: both are read from those files.
#[test]
fn starlight_locales_imported_from_another_module() {
    let site = bare_site();
    site.write(
        "astro.config.ts",
        "import starlight from '@astrojs/starlight';\n\
         import { defineConfig } from 'astro/config';\n\
         import type { StarlightUserConfig } from '@astrojs/starlight/types';\n\
         import { localesConfig as locales } from './config/locales';\n\
         export default defineConfig({\n\
           site: 'https://docs.example.org/',\n\
           integrations: [starlight({ title: 'Docs', defaultLocale: 'en', locales })],\n\
         });\n",
    )
    .write(
        "config/locales.ts",
        "import type { StarlightUserConfig } from '@astrojs/starlight/types';\n\
         export const localesConfig = {\n\
           en: { label: 'English', lang: 'en' },\n\
           'pt-br': { label: 'Português do Brasil', lang: 'pt-BR' },\n\
           ar: { label: 'العربية', lang: 'ar', dir: 'rtl' },\n\
         } satisfies StarlightUserConfig['locales'];\n",
    )
    .write(
        "lunaria.config.ts",
        "import { defineConfig } from '@lunariajs/core/config';\n\
         export default defineConfig({\n\
           sourceLocale: { label: 'English', lang: 'en' },\n\
           tracking: { localizableProperty: 'i18nReady', ignoredKeywords: ['lunaria-ignore', 'typo'] },\n\
         });\n",
    )
    .write(
        "src/content/docs/en/index.mdx",
        page("Home", "", "Welcome.\n"),
    )
    .write(
        "src/content/docs/en/guides/start.md",
        page("Start", "", "Start here.\n"),
    )
    .write(
        "src/content/docs/pt-br/index.mdx",
        page("Início", "", "Bem-vindo.\n"),
    )
    .write(
        "src/content/docs/ar/guides/start.md",
        page("ابدأ", "", "ابدأ من هنا.\n"),
    );
    let status = json(&site, &["status", "--format", "json"]);
    assert_eq!(status["source_locale"], "en");
    assert_eq!(strings(&status["locales"]), ["en", "pt-br", "ar"]);
    assert_eq!(
        states(&status),
        [
            ("ar".into(), "".into(), "missing".into()),
            ("ar".into(), "guides/start".into(), "unverified".into()),
            ("pt-br".into(), "".into(), "unverified".into()),
            ("pt-br".into(), "guides/start".into(), "missing".into()),
        ]
    );
    let (code, _, stderr) = site.run(&["build", "--out", "out"]);
    assert_eq!(code, 0, "{stderr}");
    let ar = site.read_string("out/ar/guides/start/index.html");
    assert!(ar.contains(r#"<html lang="ar" dir="rtl">"#), "{ar}");

    // In a repository, translations without baselines turn history mode on, and the commits
    // Lunaria ignores are skipped too.
    site.git_init().commit_all("Docs");
    let (code, _, stderr) = site.run(&["init"]);
    assert_eq!(code, 0, "{stderr}");
    let config = site.read_string("tolk.yaml");
    assert!(config.contains("\nhistory: true\n"), "{config}");
    assert!(
        config.contains(r#"skip_tokens: ["[skip-l10n]", "lunaria-ignore", "typo"]"#),
        "{config}"
    );
}

/// Astro's docs ask translators to remove `<DontEditWarning />`, a note for the docs' editors:
/// `tolk init` finds such a component (source pages have it, nine translations in ten or more
/// go without) and offers it as `source_only_components`, commented out (translations older
/// than a component leave it out too). Once set, `structure-mismatch` leaves it out of its
/// counts; until then, every translation without it is reported.
#[test]
fn components_translators_remove_are_not_compared() {
    let site = bare_site();
    site.write(
        "astro.config.mjs",
        "import starlight from '@astrojs/starlight';\n\
         export default { integrations: [starlight({ title: 'Docs', defaultLocale: 'en', locales: { en: { label: 'English' }, fr: { label: 'Français' } } })] };\n",
    );
    for i in 0..12 {
        site.write(
            &format!("src/content/docs/en/errors/e{i}.mdx"),
            "---\ntitle: An error\n---\nimport DontEditWarning from '~/components/DontEditWarning.astro'\nimport Since from '~/components/Since.astro'\n\n<DontEditWarning />\n\n## What went wrong?\n\nThe thing failed. <Since v=\"4.0\" />\n",
        );
        // The last translation keeps the note: one in twelve.
        let note = if i == 11 {
            "<DontEditWarning />\n\n"
        } else {
            ""
        };
        let since = if i == 0 { "" } else { " <Since v=\"4.0\" />" };
        site.write(
            &format!("src/content/docs/fr/errors/e{i}.mdx"),
            format!(
                "---\ntitle: Une erreur\n---\nimport Since from '~/components/Since.astro'\n\n{note}## Qu'est-ce qui a mal tourné ?\n\nLa chose a échoué.{since}\n"
            ),
        );
    }
    let mismatches = |site: &Site| -> Vec<String> {
        let check = json(site, &["check", "--format", "json", "--fail-on", "never"]);
        check["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["code"] == "structure-mismatch")
            .map(|f| f["path"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    // Before: every translation without the note (the one that kept it matches).
    assert_eq!(mismatches(&site).len(), 11, "before init");

    let (code, _, stderr) = site.run(&["init"]);
    assert_eq!(code, 0, "{stderr}");
    let config = site.read_string("tolk.yaml");
    let offered = "\n# source_only_components: [\"DontEditWarning\"]\n";
    assert!(config.contains(offered), "{config}");
    assert_eq!(mismatches(&site).len(), 11, "offered, not set");
    site.write(
        "tolk.yaml",
        config.replace(offered, "\nsource_only_components: [\"DontEditWarning\"]\n"),
    );
    // What is left is a translation that lacks a component translators keep (`Since`), and
    // the one that kept the note is not told to remove it.
    assert_eq!(
        mismatches(&site),
        ["src/content/docs/fr/errors/e0.mdx"],
        "after init"
    );
}

/// Tauri's docs generate their reference pages into the content folder at build time and keep
/// them out of git with a `.gitignore` there (`config.md`, `cli.mdx`, `acl/*.md`,
/// `javascript/*`). Links to them are broken to a checker of the repository; `tolk init` writes
/// their URLs, in every locale, as `external_paths`. A link to a page that is in no such list
/// stays broken.
#[test]
fn pages_generated_into_the_content_folder_are_served() {
    let site = bare_site();
    site.write(
        "astro.config.mjs",
        "import starlight from '@astrojs/starlight';\n\
         import locales from './locales.json';\n\
         export default { integrations: [starlight({ title: 'Docs', locales })] };\n",
    )
    .write(
        "locales.json",
        "{ \"root\": { \"label\": \"English\", \"lang\": \"en\" }, \"fr\": { \"label\": \"Français\" } }",
    )
    .write(
        "src/content/docs/reference/.gitignore",
        "# generated by the build\nconfig.md\ncli.mdx\nacl/*.md\njavascript/*\n!javascript/index.mdx\n*.tmp\n",
    )
    .write(
        "src/content/docs/reference/javascript/index.mdx",
        page("JavaScript", "", "The API.\n"),
    )
    .write(
        "src/content/docs/start.md",
        page(
            "Start",
            "",
            "See [the config](/reference/config/#identifier), [the CLI](/reference/cli/), \
             [scopes](/reference/acl/scope/), [paths](/reference/javascript/api/namespacepath/) \
             and [nothing](/reference/nothing/).\n",
        ),
    )
    .write(
        "src/content/docs/fr/start.md",
        page(
            "Démarrer",
            "",
            "Voir [la config](/fr/reference/config/) et [rien](/fr/reference/rien/).\n",
        ),
    );
    let broken = |site: &Site| -> Vec<String> {
        let check = json(site, &["check", "--format", "json", "--fail-on", "never"]);
        let mut links: Vec<String> = check["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["code"] == "broken-link")
            .filter_map(|f| f["message"].as_str())
            .filter_map(|m| m.split('`').nth(1))
            .map(str::to_string)
            .collect();
        links.sort();
        links
    };
    assert_eq!(broken(&site).len(), 7, "{:?}", broken(&site));
    let (code, _, stderr) = site.run(&["init"]);
    assert_eq!(code, 0, "{stderr}");
    let config = site.read_string("tolk.yaml");
    assert!(
        config.contains(
            "\nexternal_paths: [\"/fr/reference/acl/\", \"/fr/reference/cli/\", \"/fr/reference/config/\", \
             \"/fr/reference/javascript/\", \"/reference/acl/\", \"/reference/cli/\", \"/reference/config/\", \
             \"/reference/javascript/\"]\n"
        ),
        "{config}"
    );
    assert_eq!(
        broken(&site),
        ["/fr/reference/rien/", "/reference/nothing/"]
    );
}

/// Astro's content collections slug every folder and file name: Tauri's docs keep pages in
/// `concept/Inter-Process Communication/`, published at `/concept/inter-process-communication/`.
/// A front-matter `slug` is the whole path instead. Links and the build follow Astro's URLs.
#[test]
fn starlight_urls_are_slugged_as_astro_slugs_them() {
    let site = bare_site();
    site.write(
        "astro.config.mjs",
        "import starlight from '@astrojs/starlight';\n\
         export default { integrations: [starlight({ title: 'Docs', locales: { root: { label: 'English', lang: 'en' }, fr: { label: 'Français' } } })] };\n",
    )
    .write(
        "src/content/docs/concept/Inter-Process Communication/index.mdx",
        page("IPC", "", "About IPC.\n"),
    )
    .write(
        "src/content/docs/concept/Inter-Process Communication/Brownfield.md",
        page(
            "Brownfield",
            "",
            "Back to [IPC](/concept/inter-process-communication/) or [the guide](/guides/start-here/).\n",
        ),
    )
    .write(
        "src/content/docs/fr/concept/Inter-Process Communication/Brownfield.md",
        page(
            "Brownfield",
            "",
            "Voir [IPC](/fr/concept/inter-process-communication/).\n",
        ),
    )
    .write(
        "src/content/docs/guides/start.md",
        page("Start", "slug: guides/start-here\n", "Start here.\n"),
    );
    let check = json(&site, &["check", "--format", "json", "--fail-on", "never"]);
    let codes: Vec<&str> = check["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .filter(|c| ["broken-link", "url-format"].contains(c))
        .collect();
    assert!(codes.is_empty(), "{check:#}");
    let (code, _, stderr) = site.run(&["build", "--out", "out"]);
    assert_eq!(code, 0, "{stderr}");
    for built in [
        "out/concept/inter-process-communication/index.html",
        "out/concept/inter-process-communication/brownfield/index.html",
        "out/fr/concept/inter-process-communication/brownfield/index.html",
        "out/guides/start-here/index.html",
    ] {
        assert!(site.path(built).is_file(), "{built}");
    }
}

/// Biome's docs link to paths Astro serves as redirects (`redirects: { ...redirects, … }`, the
/// spread imported from a generated module) and to paths their own link checker is told to
/// leave alone (`starlightLinksValidator({ exclude: [ … ] })`): neither is a broken link.
#[test]
fn astro_redirects_and_link_checker_excludes_are_served() {
    let site = bare_site();
    site.write(
        "astro.config.ts",
        "import starlight from '@astrojs/starlight';\n\
         import starlightLinksValidator from 'starlight-links-validator';\n\
         import redirects from './redirects.js';\n\
         const plugins = [starlightLinksValidator({ exclude: ['/playground', '/linter/rules/**/*'] })];\n\
         export default defineConfig({\n\
           integrations: [starlight({ title: 'Docs', plugins })],\n\
           redirects: { ...redirects, '/reference/reporters': '/reference/cli/#reporters' },\n\
         });\n",
    )
    .write(
        "redirects.js",
        "// generated\nexport default {\n  '/assist/actions/organize-imports': '/assist/actions/organize-imports/javascript',\n};\n",
    )
    .write(
        "src/content/docs/index.md",
        page(
            "Home",
            "",
            "[Imports](/assist/actions/organize-imports/), [reporters](/reference/reporters), \
             [the playground](/playground/), [a rule](/linter/rules/no-alert/) and \
             [nothing](/assist/actions/nothing/).\n",
        ),
    );
    let check = json(&site, &["check", "--format", "json", "--fail-on", "never"]);
    let broken: Vec<&str> = check["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "broken-link")
        .filter_map(|f| f["message"].as_str())
        .filter_map(|m| m.split('`').nth(1))
        .collect();
    assert_eq!(broken, ["/assist/actions/nothing/"]);
}
