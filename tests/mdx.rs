//! MDX components are content, and JSX is never untranslated text, through the real binary:
//! fixture sites with MDX pages and `l10n.source_hash` baselines in real git repositories.

mod common;

use common::Site;
use serde_json::Value;

const SOURCE: &str = r#"---
title: Lenker
---
import { CardGrid, LinkCard } from '@astrojs/starlight/components';
import Intro from '~/components/intro.astro';

## Kom i gang

Her finner du veiledninger for MinID.

<CardGrid>
	<LinkCard
		href="/registrer/"
		title="Registrer deg"
		description="Slik lager du en MinID."
	/>
	<LinkCard title="Glemt passord" description="Slik får du et nytt passord." href="/glemt/" />
</CardGrid>

Har du spørsmål, kontakt brukerstøtten.
"#;

const TRANSLATION: &str = r#"---
title: Links
---
import { CardGrid, LinkCard } from '@astrojs/starlight/components';
import Intro from '~/components/intro.astro';

## Getting started

Here you find guides for MinID.

<CardGrid>
	<LinkCard
		href="/en/register/"
		title="Register"
		description="How to create a MinID."
	/>
	<LinkCard title="Forgotten password" description="How to get a new password." href="/en/forgotten/" />
</CardGrid>

If you have questions, contact user support.
"#;

const SOURCE_PATH: &str = "content/nb/lenker.mdx";
const TRANSLATION_PATH: &str = "content/en/lenker.mdx";

/// A site whose translation records the baseline `SOURCE`, after which the source becomes
/// `edited` (committed).
fn site_with_edit(edited: &str) -> Site {
    site_with(SOURCE, TRANSLATION, edited)
}

/// A site whose `translation` records the baseline `source`, after which the source becomes
/// `edited` (committed).
fn site_with(source: &str, translation: &str, edited: &str) -> Site {
    let site = Site::new();
    site.git_init()
        .write(SOURCE_PATH, source)
        .write(TRANSLATION_PATH, translation)
        .commit("pages");
    assert_eq!(site.run(&["mark", TRANSLATION_PATH]).0, 0);
    site.commit("baseline");
    site.write(SOURCE_PATH, edited).commit("edit");
    site
}

fn summary(site: &Site) -> Value {
    site.check_json()["summary"]["en"].clone()
}

/// (change, kind) of each changed block of the one stale finding.
fn changed_blocks(stale: &Value) -> Vec<(String, String)> {
    stale["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .map(|b| {
            (
                b["change"].as_str().unwrap_or_default().to_string(),
                b["kind"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn source_that_gains_link_cards_makes_the_translation_stale() {
    let edited = SOURCE.replace(
        "</CardGrid>",
        "\t<LinkCard title=\"Bytt passord\" description=\"Slik endrer du passordet.\" href=\"/bytt/\" />\n\t<LinkCard title=\"Slett MinID\" href=\"/slett/\" />\n</CardGrid>",
    );
    let site = site_with_edit(&edited);
    let stale = site.findings("stale");
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(stale[0]["path"], TRANSLATION_PATH);
    assert_eq!(stale[0]["change"], "major");
    assert_eq!(
        changed_blocks(&stale[0]),
        [
            ("added".to_string(), "component LinkCard".to_string()),
            ("added".to_string(), "component LinkCard".to_string()),
        ]
    );
    assert_eq!(
        stale[0]["blocks"][0]["source_lines"],
        serde_json::json!([18, 18])
    );
    // The translation's structure matches the baseline's: the new cards go after its second
    // (two lines lower than in the source, for the l10n block).
    assert_eq!(
        stale[0]["blocks"][0]["translation_lines"],
        serde_json::json!([19, 19])
    );
    let (_, text, _) = site.run(&["diff", TRANSLATION_PATH]);
    assert!(
        text.contains(
            "added component LinkCard: source line 18 → translation: insert after line 19"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "added component LinkCard: source line 19 → translation: insert after line 19"
        ),
        "{text}"
    );
    assert_eq!(summary(&site)["stale"], 1);
}

#[test]
fn changed_prop_text_makes_the_translation_stale() {
    let site = site_with_edit(&SOURCE.replace(
        "description=\"Slik lager du en MinID.\"",
        "description=\"Slik lager du en MinID på fem minutter.\"",
    ));
    let stale = site.findings("stale");
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(
        changed_blocks(&stale[0]),
        [("modified".to_string(), "component LinkCard".to_string())]
    );
    assert_eq!(
        stale[0]["blocks"][0]["source_lines"],
        serde_json::json!([12, 16])
    );
    assert_eq!(
        stale[0]["blocks"][0]["translation_lines"],
        serde_json::json!([14, 18])
    );
}

#[test]
fn changed_text_child_makes_the_translation_stale() {
    let source = SOURCE.replace(
        "</CardGrid>\n",
        "</CardGrid>\n\n<Aside type=\"tip\">Husk passordet.</Aside>\n",
    );
    let translation = TRANSLATION.replace(
        "</CardGrid>\n",
        "</CardGrid>\n\n<Aside type=\"tip\">Remember the password.</Aside>\n",
    );
    let site = site_with(
        &source,
        &translation,
        &source.replace("Husk passordet.", "Husk det nye passordet."),
    );
    let stale = site.findings("stale");
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(
        changed_blocks(&stale[0]),
        [("modified".to_string(), "paragraph".to_string())]
    );
}

#[test]
fn formatting_of_the_same_components_is_cosmetic() {
    const COMMENT: &str = "{/*\n  Keep the cards\n  in alphabetical order.\n*/}\n";
    let source = format!("{SOURCE}\n{COMMENT}");
    let translation = format!("{TRANSLATION}\n{COMMENT}");
    // Props re-wrapped and reordered, quotes changed, imports reordered, a comment re-wrapped.
    let edited = source
        .replace(COMMENT, "{/* Keep the cards in alphabetical order. */}\n")
        .replace(
            "import { CardGrid, LinkCard } from '@astrojs/starlight/components';\nimport Intro from '~/components/intro.astro';",
            "import Intro from '~/components/intro.astro';\nimport { LinkCard, CardGrid } from \"@astrojs/starlight/components\";",
        )
        .replace(
            "\t<LinkCard\n\t\thref=\"/registrer/\"\n\t\ttitle=\"Registrer deg\"\n\t\tdescription=\"Slik lager du en MinID.\"\n\t/>",
            "\t<LinkCard title='Registrer deg' description={\"Slik lager du en MinID.\"} href='/registrer/' />",
        )
        .replace(
            "\t<LinkCard title=\"Glemt passord\" description=\"Slik får du et nytt passord.\" href=\"/glemt/\" />",
            "\t<LinkCard\n\t\thref=\"/glemt/\"\n\t\tdescription=\"Slik får du et nytt passord.\"\n\t\ttitle={`Glemt passord`}\n\t/>",
        );
    assert_ne!(edited, source);
    let site = site_with(&source, &translation, &edited);
    assert!(site.findings("stale").is_empty());
    let summary = summary(&site);
    assert_eq!(summary["up_to_date"], 1, "{summary}");
    let (_, text, _) = site.run(&["diff", TRANSLATION_PATH]);
    assert!(text.contains("only cosmetically"), "{text}");
}

/// Where a component leads is part of the page, as a Markdown link's URL is: a changed `href`
/// makes the translation stale (its link should follow), though it is not text to translate.
#[test]
fn a_changed_link_prop_is_a_change() {
    let edited = SOURCE.replace("href=\"/glemt/\"", "href=\"/nytt-passord/\"");
    assert_ne!(edited, SOURCE);
    let site = site_with(SOURCE, TRANSLATION, &edited);
    assert_eq!(site.findings("stale").len(), 1);
}

#[test]
fn structure_mismatch_counts_components() {
    let site = Site::new();
    let short = TRANSLATION.replace(
        "\t<LinkCard title=\"Forgotten password\" description=\"How to get a new password.\" href=\"/en/forgotten/\" />\n",
        "",
    );
    site.write(SOURCE_PATH, SOURCE)
        .write(TRANSLATION_PATH, &short);
    let found = site.findings("structure-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    let message = found[0]["message"].as_str().expect("message");
    assert!(
        message.contains(
            "the translation has 1 LinkCard component where the source (content/nb/lenker.mdx) has 2 LinkCard components"
        ),
        "{message}"
    );
    // The translation stops early: the finding points at its end.
    assert_eq!(found[0]["line"], 19);
    // Same components, same counts: nothing to report.
    let site = Site::new();
    site.write(SOURCE_PATH, SOURCE)
        .write(TRANSLATION_PATH, TRANSLATION);
    assert!(site.findings("structure-mismatch").is_empty());
}

/// A translated page that is full of JSX the source has too.
const JSX_SOURCE: &str = r#"---
title: Slik bruker du MinID
---
import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';
export const meta = { section: 'start', order: 2, hidden: false, tags: ['id', 'login', 'help'] };

Du logger inn med MinID når du bruker offentlige tjenester på nett.

{/* the list below is generated from the registry of all known services in the portal */}

<Tabs groupId="device" values={[{label: 'Mobile phone', value: 'mobile'}, {label: 'Web browser', value: 'web'}, {label: 'Other device', value: 'other'}]}>
<TabItem value="mobile">

Åpne appen og trykk på knappen for å logge inn med koden din.

</TabItem>
</Tabs>

<LinkCard href="/kom-i-gang/" title="Kom i gang med MinID på mobilen din" />
<LinkCard href="/hjelp/" title="Hjelp og kontakt" />
"#;

const JSX_TRANSLATION: &str = r#"---
title: How to use MinID
---
import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';
export const meta = { section: 'start', order: 2, hidden: false, tags: ['id', 'login', 'help'] };

You log in with MinID when you use public services online.

{/* the list below is generated from the registry of all known services in the portal */}

<Tabs groupId="device" values={[{label: 'Mobile phone', value: 'mobile'}, {label: 'Web browser', value: 'web'}, {label: 'Other device', value: 'other'}]}>
<TabItem value="mobile">

Open the app and press the button to log in with your code.

</TabItem>
</Tabs>

<LinkCard href="/en/getting-started/" title="Getting started with MinID on your phone" />
<LinkCard href="/en/help/" title="Help and contact" />
"#;

#[test]
fn jsx_syntax_is_never_untranslated_text() {
    for (source, translation) in [
        ("content/nb/bruk.mdx", "content/en/bruk.mdx"),
        // Docusaurus reads `.md` as MDX too.
        ("content/nb/bruk.md", "content/en/bruk.md"),
    ] {
        let site = Site::new();
        site.write(source, JSX_SOURCE)
            .write(translation, JSX_TRANSLATION);
        let found = site.findings("untranslated-text");
        assert!(found.is_empty(), "{translation}: {found:#?}");
    }
}

#[test]
fn untranslated_prop_text_is_untranslated_text() {
    let site = Site::new();
    site.write("content/nb/bruk.mdx", JSX_SOURCE).write(
        "content/en/bruk.mdx",
        JSX_TRANSLATION.replace(
            "title=\"Getting started with MinID on your phone\"",
            "title=\"Kom i gang med MinID på mobilen din\"",
        ),
    );
    let found = site.findings("untranslated-text");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["line"], 20);
    assert_eq!(found[0]["column"], 46);
    let message = found[0]["message"].as_str().expect("message");
    assert!(
        message
            .contains("this component prop is identical to the source's (content/nb/bruk.mdx:20)"),
        "{message}"
    );
}

#[test]
fn structure_mismatch_names_the_components_that_differ_most() {
    let site = Site::new();
    site.write(
        SOURCE_PATH,
        "---\ntitle: A\n---\n<Steps>\n<Alpha />\n<Alpha />\n<Alpha />\n<Beta />\n<Beta />\n<Gamma />\n<Delta />\n<Epsilon />\n</Steps>\n\nTekst.\n",
    )
    .write(TRANSLATION_PATH, "---\ntitle: A\n---\n<Steps>\n</Steps>\n\nText.\n");
    let found = site.findings("structure-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    let message = found[0]["message"].as_str().expect("message");
    assert!(
        message.contains(
            "the translation has 0 Alpha components, 0 Beta components, 0 Delta components, 0 Epsilon components, 0 other components where the source (content/nb/lenker.mdx) has 3 Alpha components, 2 Beta components, 1 Delta component, 1 Epsilon component, 1 other component"
        ),
        "{message}"
    );
    // The translation has the components it has in order, then stops: its end.
    assert_eq!(found[0]["line"], 7);
}
