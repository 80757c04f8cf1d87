//! Block-level staleness through the real binary: which source blocks changed, where they are in
//! the translation, and whether the change is minor or major.

mod common;

use common::Site;

const SOURCE: &str = "---\ntitle: Glemt passord\n---\n## Lag nytt passord\n\nDu trenger mobilen din.\n\n1. Gå til innloggingen.\n2. Velg «Glemt passord».\n\n## Gode vaner\n\nPassordet må ha minst 8 tegn.\n";
const TRANSLATION: &str = "---\ntitle: Forgotten password\nurl: /en/forgotten-password/\n---\n## Create a new password\n\nYou need your mobile phone.\n\n1. Go to the login page.\n2. Choose \"Forgotten password\".\n\n## Good habits\n\nThe password must have at least 8 characters.\n";

fn site_with_edit(edited: &str) -> Site {
    let site = Site::new();
    site.git_init()
        .write("content/nb/glemt-passord.md", SOURCE)
        .write("content/en/glemt-passord.md", TRANSLATION)
        .commit("pages");
    assert_eq!(site.run(&["mark", "content/en/glemt-passord.md"]).0, 0);
    site.commit("baseline");
    site.write("content/nb/glemt-passord.md", edited)
        .commit("edit");
    site
}

#[test]
fn changed_number_is_minor_and_points_into_the_translation() {
    let site = site_with_edit(&SOURCE.replace("minst 8 tegn", "minst 10 tegn"));
    let stale = site.findings("stale");
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0]["change"], "minor");
    let blocks = stale[0]["blocks"].as_array().expect("blocks");
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0]["kind"], "paragraph");
    assert_eq!(blocks[0]["change"], "modified");
    assert_eq!(blocks[0]["source_lines"], serde_json::json!([13, 13]));
    // The translation has three more front-matter lines (url, and the l10n block), so its
    // paragraph is three lines lower.
    assert_eq!(blocks[0]["translation_lines"], serde_json::json!([16, 16]));
    let (_, text, _) = site.run(&["check"]);
    assert!(text.contains("[minor change]"), "{text}");
    assert!(
        text.contains("changed paragraph: source line 13 → translation line 16"),
        "{text}"
    );
}

#[test]
fn added_step_is_major_with_insertion_point() {
    let site = site_with_edit(&SOURCE.replace(
        "2. Velg «Glemt passord».\n",
        "2. Velg «Glemt passord».\n3. Skriv inn koden fra SMS.\n",
    ));
    let stale = &site.findings("stale")[0];
    assert_eq!(stale["change"], "major");
    let block = &stale["blocks"][0];
    assert_eq!(block["kind"], "list item");
    assert_eq!(block["change"], "added");
    assert_eq!(block["source_lines"], serde_json::json!([10, 10]));
    assert_eq!(
        block["translation_lines"],
        serde_json::json!([12, 12]),
        "insert after the second step"
    );
    let (_, text, _) = site.run(&["diff", "content/en/glemt-passord.md"]);
    assert!(text.contains("stale (major change)"), "{text}");
    assert!(
        text.contains("added list item: source line 10 → translation: insert after line 12"),
        "{text}"
    );
}

#[test]
fn changed_title_maps_to_the_translation_field() {
    let site =
        site_with_edit(&SOURCE.replace("title: Glemt passord", "title: Har du glemt passordet?"));
    let block = &site.findings("stale")[0]["blocks"][0];
    assert_eq!(block["kind"], "field `title`");
    assert_eq!(block["translation_lines"], serde_json::json!([2, 2]));
}

#[test]
fn differing_structure_leaves_translation_lines_unknown() {
    let site = Site::new();
    site.git_init()
        .write("content/nb/glemt-passord.md", SOURCE)
        .write(
            "content/en/glemt-passord.md",
            "---\ntitle: Forgotten password\n---\nShort summary only.\n",
        )
        .commit("pages");
    // Its structure differs from the source's (`structure-mismatch`): marking it takes --force.
    assert_eq!(
        site.run(&["mark", "--force", "content/en/glemt-passord.md"])
            .0,
        0
    );
    site.commit("baseline");
    site.write(
        "content/nb/glemt-passord.md",
        SOURCE.replace("mobilen din", "mobiltelefonen din"),
    )
    .commit("edit");
    let block = &site.findings("stale")[0]["blocks"][0];
    assert_eq!(block["source_lines"], serde_json::json!([6, 6]));
    assert!(block["translation_lines"].is_null());
}
