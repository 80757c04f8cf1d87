//! `tolk export` and `tolk import`: round trips through XLIFF and PO on real git repositories,
//! every kind of bad input refused with nothing written, and the files read by the Translate
//! Toolkit (`pocount`) with the same counts as `tolk export --stats`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::Site;

const CONFIG: &str = "source_locale: nb\nlocales:\n  - { code: nb, name: Norsk bokmål, prefix: / }\n  - { code: nn, name: Nynorsk, prefix: /nn/ }\n  - { code: en, name: English, prefix: /en/ }\n";

const OM_V1: &str = "---\ntitle: Om MinID\ndescription: Kort om MinID\nurl: /om/\nmenu:\n  main:\n    name: Om\n    weight: 2\n---\n## Hva er MinID?\n\nMinID er en *personlig* elektronisk ID. Les [vilkårene](/vilkar/) og bruk `kode` her.\n\n- Første punkt\n- Andre punkt\n\n| Metode | Pris |\n|---|---|\n| SMS | Gratis |\n\n```\nkode som ikke oversettes\n```\n\nSiste avsnitt.\n";

const OM_NN: &str = "---\ntitle: Om MinID\ndescription: Kort om MinID på nynorsk\nurl: /nn/om/\nmenu:\n  main:\n    name: Om\n    weight: 2\n---\n## Kva er MinID?\n\nMinID er ein *personleg* elektronisk ID. Les [vilkåra](/vilkar/) og bruk `kode` her.\n\n- Første punkt\n- Andre punkt\n\n| Metode | Pris |\n|---|---|\n| SMS | Gratis |\n\n```\nkode som ikke oversettes\n```\n\nSiste avsnitt på nynorsk.\n";

const NY: &str = "---\ntitle: Ny side\nurl: /ny/\n---\n## Overskrift\n\nEt avsnitt med **sterk** tekst og en [lenke](https://example.org/).\n\n1. Ett\n2. To\n";

/// A site with a stale (`om`), a missing (`ny`) and a draft (`utkast`) Nynorsk translation.
fn site() -> Site {
    let site = Site::new();
    site.write("tolk.yaml", CONFIG)
        .write("content/nb/om.md", OM_V1)
        .write("content/nn/om.md", OM_NN)
        .write("content/nb/ny.md", NY)
        .write(
            "content/nb/utkast.md",
            "---\ntitle: Utkast\n---\nEn setning å oversette.\n",
        )
        .write(
            "content/nn/utkast.md",
            "---\ntitle: Utkast\ndraft: true\n---\nEn setning å oversette.\n",
        );
    site.git_init();
    let (code, _, err) = site.run(&["mark", "content/nn/om.md"]);
    assert_eq!(code, 0, "{err}");
    site.commit("first");
    // The source changes: one paragraph rewritten, one list item added.
    let v2 = OM_V1
        .replace(
            "Siste avsnitt.",
            "Siste avsnitt, nå med mer tekst om `MinID`.",
        )
        .replace("- Andre punkt\n", "- Andre punkt\n- Tredje punkt\n");
    site.write("content/nb/om.md", v2);
    site.commit("source changed");
    site
}

/// Every file under content/, for checking that nothing changed.
fn snapshot(site: &Site) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![site.path("content")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(path.clone(), std::fs::read(&path).expect("read"));
            }
        }
    }
    files
}

/// Fills every empty XLIFF target with "NN: " and the source, placeholders kept.
fn fill_xliff(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("<trans-unit ") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("</trans-unit>").expect("unit end") + start;
        let unit = &rest[start..end];
        let source = &unit
            [unit.find("<source>").expect("source") + 8..unit.find("</source>").expect("/source")];
        out.push_str(&unit.replace(
            "<target state=\"new\"></target>",
            &format!("<target state=\"translated\">NN: {source}</target>"),
        ));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Fills every empty PO msgstr with "NN: " and the msgid.
fn fill_po(text: &str) -> String {
    let mut out = String::new();
    let mut msgid = String::new();
    for line in text.lines() {
        if let Some(id) = line.strip_prefix("msgid ") {
            msgid = id.trim_matches('"').to_string();
        }
        if line == "msgstr \"\"" && !msgid.is_empty() {
            out.push_str(&format!("msgstr \"NN: {msgid}\"\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn export(site: &Site, args: &[&str]) -> String {
    let mut all = vec!["export", "--locale", "nn"];
    all.extend_from_slice(args);
    let (code, out, err) = site.run(&all);
    assert_eq!(code, 0, "export failed: {err}");
    out
}

fn write_file(site: &Site, name: &str, text: &str) -> String {
    let path = site.path(name);
    std::fs::write(&path, text).expect("write exchange file");
    name.to_string()
}

fn stats(site: &Site, locale: &str) -> Vec<usize> {
    let (code, out, err) = site.run(&["export", "--stats", "--locale", locale]);
    assert_eq!(code, 0, "{err}");
    let line = out.lines().nth(1).expect("a stats line");
    line.split_whitespace()
        .skip(1)
        .map(|n| n.parse().expect("number"))
        .collect()
}

#[test]
fn xliff_round_trip_missing_stale_and_draft() {
    let site = site();
    let before_om = site.read_string("content/nn/om.md");
    let xliff = export(&site, &["--format", "xliff"]);
    // Each page a <file> with its baseline; the stale page offers only its changed blocks.
    let doc = roxmltree::Document::parse(&xliff).expect("well-formed XLIFF");
    let files: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("file"))
        .map(|n| n.attribute("original").unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        files,
        [
            "content/nb/ny.md",
            "content/nb/om.md",
            "content/nb/utkast.md"
        ]
    );
    assert!(xliff.contains("xmlns=\"urn:oasis:names:tc:xliff:document:1.2\""));
    assert!(xliff.contains("target-language=\"nn\""));
    let om = &xliff
        [xliff.find("content/nb/om.md").unwrap()..xliff.find("content/nb/utkast.md").unwrap()];
    assert_eq!(om.matches("<trans-unit ").count(), 2, "{om}");
    assert!(om.contains("<source>Tredje punkt</source>"));
    assert!(om.contains("Previous source: Siste avsnitt."));
    assert!(om.contains("Current translation: Siste avsnitt på nynorsk."));
    assert!(om.contains("alt-trans-type=\"previous-version\""));
    assert!(om.contains("<x id=\"1\" ctype=\"x-code\" equiv-text=\"`MinID`\"/>"));
    assert!(xliff.contains("Et avsnitt med <g id=\"1\" ctype=\"bold\">sterk</g> tekst og en <g id=\"2\" ctype=\"link\">lenke</g>."));
    // Deterministic.
    assert_eq!(xliff, export(&site, &["--format", "xliff"]));

    let name = write_file(&site, "nn.xlf", &fill_xliff(&xliff));
    let (code, out, err) = site.run(&["import", &name]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("created content/nn/ny.md"), "{out}");

    // The stale page: exactly its changed blocks replaced and the baseline, every other byte kept.
    let source_hash = site
        .git(&["hash-object", "content/nb/om.md"])
        .trim()
        .to_string();
    let old_hash = before_om
        .lines()
        .find_map(|l| l.trim().strip_prefix("source_hash: "))
        .unwrap()
        .to_string();
    let expected = before_om
        .replace(
            "Siste avsnitt på nynorsk.",
            "NN: Siste avsnitt, nå med mer tekst om `MinID`.",
        )
        .replace("- Andre punkt\n", "- Andre punkt\n- NN: Tredje punkt\n")
        .replace(&old_hash, &source_hash);
    assert_eq!(site.read_string("content/nn/om.md"), expected);

    // The missing page: the source's structure, translated, not a draft, baseline recorded.
    let ny = site.read_string("content/nn/ny.md");
    assert!(ny.contains("title: \"NN: Ny side\"\n"), "{ny}");
    assert!(ny.contains("url: /nn/ny/\n"), "{ny}");
    assert!(ny.contains("## NN: Overskrift\n\nNN: Et avsnitt med **sterk** tekst og en [lenke](https://example.org/).\n\n1. NN: Ett\n2. NN: To\n"), "{ny}");
    assert!(!ny.contains("draft"), "{ny}");
    // The draft: translated, no longer a draft.
    let utkast = site.read_string("content/nn/utkast.md");
    assert!(utkast.contains("NN: En setning å oversette.\n"), "{utkast}");
    assert!(!utkast.contains("draft"), "{utkast}");

    // Everything is up to date: a second export is empty.
    let again = export(&site, &[]);
    assert!(!again.contains("<trans-unit"), "{again}");
    assert_eq!(stats(&site, "nn")[..2], [0, 0]);
    let (_, status, _) = site.run(&["status", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    let text = status.to_string();
    assert!(
        text.contains("\"up_to_date\":3") || text.contains("\"up-to-date\":3"),
        "{text}"
    );
}

#[test]
fn po_round_trip() {
    let site = site();
    let po = export(&site, &["--format", "po"]);
    assert!(po.contains("\"Language: nn\\n\""), "{po}");
    assert!(po.contains("msgctxt \"om#b"), "{po}");
    assert!(po.contains("#| msgid \"Siste avsnitt.\""), "{po}");
    assert!(
        po.contains("msgid \"Et avsnitt med <1>sterk</1> tekst og en <2>lenke</2>.\""),
        "{po}"
    );
    let name = write_file(&site, "nn.po", &fill_po(&po));
    let (code, out, err) = site.run(&["import", &name]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        site.read_string("content/nn/om.md")
            .contains("NN: Siste avsnitt, nå med mer tekst om `MinID`.\n")
    );
    assert!(
        site.read_string("content/nn/ny.md")
            .contains("NN: Et avsnitt med **sterk** tekst og en [lenke](https://example.org/).\n")
    );
    assert!(!export(&site, &["--format", "po"]).contains("msgctxt"));
}

#[test]
fn memory_fills_segments_translated_elsewhere() {
    let site = site();
    // `ny` has a paragraph identical to one of the up-to-date page `kjent`.
    site.write(
        "content/nb/kjent.md",
        "---\ntitle: Kjent\n---\nDenne setningen finnes alt.\n",
    )
    .write(
        "content/nn/kjent.md",
        "---\ntitle: Kjend\n---\nDenne setninga finst alt.\n",
    );
    site.run(&["mark", "content/nn/kjent.md"]);
    let ny = NY.replace("1. Ett", "Denne setningen finnes alt.\n\n1. Ett");
    site.write("content/nb/ny.md", ny);
    site.commit("memory");
    let xliff = export(&site, &["ny"]);
    assert!(xliff.contains("<target state=\"needs-review-translation\" state-qualifier=\"exact-match\">Denne setninga finst alt.</target>"), "{xliff}");
    assert!(xliff.contains("<alt-trans match-quality=\"100\" origin=\"tolk\">"));
    let po = export(&site, &["--format", "po", "ny"]);
    assert!(po.contains("#, fuzzy\nmsgctxt \"ny#b3\"\nmsgid \"Denne setningen finnes alt.\"\nmsgstr \"Denne setninga finst alt.\""), "{po}");
    let counts = stats(&site, "nn");
    // pages, segments, to translate, from memory, unchanged
    assert_eq!(counts[3], 4, "{counts:?}");
    // The memory match is imported like any translation.
    let name = write_file(&site, "nn.xlf", &fill_xliff(&export(&site, &[])));
    let (code, out, err) = site.run(&["import", &name]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 unreviewed memory match"), "{out}");
    assert!(
        site.read_string("content/nn/ny.md")
            .contains("\nDenne setninga finst alt.\n")
    );
}

/// Imports `text` as `name`; asserts it fails with `message` and changes no file.
fn refused(site: &Site, name: &str, text: &str, extra: &[&str], message: &str) {
    let before = snapshot(site);
    let name = write_file(site, name, text);
    let mut args = vec!["import", name.as_str()];
    args.extend_from_slice(extra);
    let (code, out, err) = site.run(&args);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains(message), "expected `{message}` in:\n{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(snapshot(site), before, "a file changed");
}

#[test]
fn bad_placeholders_are_refused_and_nothing_is_written() {
    let site = site();
    let filled = fill_xliff(&export(&site, &[]));
    let link = "NN: Et avsnitt med <g id=\"1\" ctype=\"bold\">sterk</g> tekst og en <g id=\"2\" ctype=\"link\">lenke</g>.";
    assert!(filled.contains(link));
    refused(
        &site,
        "missing.xlf",
        &filled.replace(link, "NN: Et avsnitt med <g id=\"1\">sterk</g> tekst."),
        &[],
        "placeholder 2 is missing",
    );
    refused(
        &site,
        "duplicated.xlf",
        &filled.replace(
            link,
            "<g id=\"1\">a</g> <g id=\"2\">b</g> <g id=\"2\">c</g>",
        ),
        &[],
        "placeholder 2 is duplicated",
    );
    refused(
        &site,
        "unknown.xlf",
        &filled.replace(link, "<g id=\"1\">a</g> <g id=\"2\">b</g> <x id=\"7\"/>"),
        &[],
        "placeholder 7 is not in the source",
    );
    // In PO, a pair closed before it is opened, and pairs crossing.
    let po = fill_po(&export(&site, &["--format", "po"]));
    let po_link = "NN: Et avsnitt med <1>sterk</1> tekst og en <2>lenke</2>.";
    assert!(po.contains(po_link), "{po}");
    refused(
        &site,
        "reordered.po",
        &po.replace(po_link, "</1>sterk<1> <2>lenke</2>"),
        &[],
        "placeholder 1 is closed before it is opened",
    );
    refused(
        &site,
        "crossed.po",
        &po.replace(po_link, "<1>sterk <2>lenke</1></2>"),
        &[],
        "placeholder 1 is closed across another one",
    );
    // One bad file among good ones: nothing is written either.
    let before = snapshot(&site);
    let good = write_file(&site, "good.po", &po);
    let bad = write_file(&site, "bad.xlf", "<xliff");
    let (code, _, err) = site.run(&["import", &good, &bad]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(snapshot(&site), before);
}

#[test]
fn malformed_files_are_refused_with_their_line() {
    let site = site();
    let xliff = fill_xliff(&export(&site, &[]));
    let broken = xliff.replacen("</source>", "</sorce>", 1);
    refused(&site, "broken.xlf", &broken, &[], "not well-formed XML");
    refused(
        &site,
        "other.xlf",
        "<?xml version=\"1.0\"?>\n<root/>\n",
        &[],
        "not an XLIFF 1.2 document",
    );
    let po = fill_po(&export(&site, &["--format", "po"]));
    let broken = po.replacen("msgid \"Et avsnitt", "msgid \"Et \"avsnitt", 1);
    let line = broken
        .lines()
        .position(|l| l.starts_with("msgid \"Et \"avsnitt"))
        .unwrap()
        + 1;
    refused(
        &site,
        "broken.po",
        &broken,
        &[],
        &format!("broken.po:{line}: an unescaped"),
    );
    refused(&site, "empty.po", "", &[], "no PO header");
}

#[test]
fn another_locale_is_refused() {
    let site = site();
    let xliff = fill_xliff(&export(&site, &[]));
    refused(
        &site,
        "nn.xlf",
        &xliff,
        &["--locale", "en"],
        "a translation into `nn`, not `en`",
    );
    refused(
        &site,
        "xx.xlf",
        &xliff.replace("target-language=\"nn\"", "target-language=\"sv\""),
        &[],
        "`sv`, which is not a locale of this site",
    );
    let po = fill_po(&export(&site, &["--format", "po"]));
    refused(
        &site,
        "nb.po",
        &po.replace("\"Language: nn\\n\"", "\"Language: nb\\n\""),
        &[],
        "the source locale",
    );
}

#[test]
fn a_source_changed_since_export_is_skipped_unless_rebase() {
    let site = site();
    let xliff = fill_xliff(&export(&site, &[]));
    // After the export, the `ny` source changes: its heading is rewritten.
    site.write(
        "content/nb/ny.md",
        NY.replace("## Overskrift", "## Ny overskrift"),
    );
    site.commit("moved");
    let name = write_file(&site, "nn.xlf", &xliff);
    let before_ny = site.path("content/nn/ny.md").exists();
    let (code, out, err) = site.run(&["import", &name]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains(
            "content/nn/ny.md skipped: its source content/nb/ny.md changed since the export"
        ),
        "{err}"
    );
    assert!(!before_ny && !site.path("content/nn/ny.md").exists());
    assert!(
        out.contains("updated content/nn/om.md"),
        "the other pages are imported: {out}"
    );
    // With --rebase, the unchanged segments are kept; the changed heading has none, so the new
    // page is created as a draft.
    let (code, out, err) = site.run(&["import", "--rebase", &name]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("created content/nn/ny.md as a draft"), "{out}");
    let ny = site.read_string("content/nn/ny.md");
    assert!(ny.contains("draft: true"), "{ny}");
    assert!(
        ny.contains("## Ny overskrift\n"),
        "the untranslated heading stays: {ny}"
    );
    assert!(ny.contains("NN: Et avsnitt med"), "{ny}");
}

#[test]
fn empty_targets_leave_pages_untranslated() {
    let site = site();
    let xliff = export(&site, &[]);
    // Nothing filled: the stale and draft pages are left as they were, reported.
    let name = write_file(&site, "nn.xlf", &xliff);
    let om = site.read("content/nn/om.md");
    let (code, out, err) = site.run(&["import", &name]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("content/nn/om.md skipped: 2 of 2 segment(s) have no translation"),
        "{err}"
    );
    assert_eq!(site.read("content/nn/om.md"), om);
    // The missing page is created as a draft in the source's words.
    assert!(out.contains("created content/nn/ny.md as a draft"), "{out}");
    assert!(site.read_string("content/nn/ny.md").contains("draft: true"));
}

#[test]
fn untranslated_page_and_removed_block_and_changed_field() {
    let site = site();
    // `kopi` is a copy of its source with no baseline: still in the source's words.
    let kopi = "---\ntitle: Kopi\n---\nTekst som ikke er oversatt.\n\nEnda en setning.\n";
    site.write("content/nb/kopi.md", kopi)
        .write("content/nn/kopi.md", kopi);
    // `om`'s title changes and its table goes.
    let current = site.read_string("content/nb/om.md");
    site.write(
        "content/nb/om.md",
        current
            .replace("title: Om MinID", "title: Om MinID og ID-porten")
            .replace("| Metode | Pris |\n|---|---|\n| SMS | Gratis |\n\n", ""),
    );
    site.commit("more changes");
    let before_om = site.read_string("content/nn/om.md");
    let xliff = export(&site, &[]);
    let kopi_part = &xliff[xliff.find("content/nb/kopi.md").unwrap()..];
    assert!(
        kopi_part.contains("<prop prop-type=\"mode\">whole</prop>"),
        "{xliff}"
    );
    let name = write_file(&site, "nn.xlf", &fill_xliff(&xliff));
    let (code, out, err) = site.run(&["import", &name]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        site.read_string("content/nn/kopi.md"),
        format!(
            "---\ntitle: \"NN: Kopi\"\nl10n:\n  source_hash: {}\n---\nNN: Tekst som ikke er oversatt.\n\nNN: Enda en setning.\n",
            site.git(&["hash-object", "content/nb/kopi.md"]).trim()
        )
    );
    let om = site.read_string("content/nn/om.md");
    assert!(
        om.starts_with(
            "---\ntitle: \"NN: Om MinID og ID-porten\"\ndescription: Kort om MinID på nynorsk\n"
        ),
        "{om}"
    );
    assert!(!om.contains("| Metode"), "the removed table is gone: {om}");
    assert!(
        om.contains("- NN: Tredje punkt\n\n```\nkode som ikke oversettes\n```\n"),
        "{om}"
    );
    assert!(before_om.contains("## Kva er MinID?\n\nMinID er ein *personleg*"));
    assert!(
        om.contains("## Kva er MinID?\n\nMinID er ein *personleg*"),
        "unchanged blocks kept: {om}"
    );
    assert!(!export(&site, &[]).contains("<trans-unit"));
}

#[test]
fn a_changed_table_cell_exports_only_that_cell() {
    let site = site();
    site.write(
        "content/nb/pris.md",
        "---\ntitle: Pris\n---\n| Metode | Pris |\n|---|---|\n| SMS | Gratis |\n| App | Gratis |\n",
    )
    .write(
        "content/nn/pris.md",
        "---\ntitle: Pris\n---\n| Metode | Pris |\n|---|---|\n| SMS | Gratis |\n| App | Gratis å bruke |\n",
    );
    site.run(&["mark", "content/nn/pris.md"]);
    site.commit("table");
    site.write(
        "content/nb/pris.md",
        "---\ntitle: Pris\n---\n| Metode | Pris |\n|---|---|\n| SMS | Kostar 1 kr |\n| App | Gratis |\n",
    );
    site.commit("price");
    let xliff = export(&site, &["pris"]);
    assert_eq!(xliff.matches("<trans-unit ").count(), 1, "{xliff}");
    assert!(xliff.contains("<source>Kostar 1 kr</source>"), "{xliff}");
    assert!(
        xliff.contains("Current translation: Gratis</note>"),
        "{xliff}"
    );
    let name = write_file(&site, "pris.xlf", &fill_xliff(&xliff));
    let (code, out, err) = site.run(&["import", &name]);
    assert_eq!(code, 0, "{out}{err}");
    let pris = site.read_string("content/nn/pris.md");
    assert!(
        pris.ends_with("| SMS | NN: Kostar 1 kr |\n| App | Gratis å bruke |\n"),
        "the other cells keep their translation: {pris}"
    );
}

/// `pocount` from PATH or from the virtual environment .ci/run makes under target/.
fn pocount() -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tt-venv/bin/pocount");
    if venv.exists() {
        return Some(venv);
    }
    let found = std::process::Command::new("pocount")
        .arg("--help")
        .output()
        .is_ok_and(|o| o.status.success());
    found.then(|| PathBuf::from("pocount"))
}

#[test]
fn translate_toolkit_reads_both_formats_with_the_same_counts() {
    let Some(pocount) = pocount() else {
        // In CI, .ci/run installs the Translate Toolkit: its absence there is a failure.
        assert!(
            std::env::var_os("CI").is_none(),
            "pocount is not installed; .ci/run installs it with `pip install translate-toolkit`"
        );
        eprintln!("not run: pocount is not installed (`pip install translate-toolkit`)");
        return;
    };
    let site = site();
    site.write(
        "content/nb/kjent.md",
        "---\ntitle: Kjent\n---\nDenne setningen finnes alt.\n",
    )
    .write(
        "content/nn/kjent.md",
        "---\ntitle: Kjend\n---\nDenne setninga finst alt.\n",
    );
    site.run(&["mark", "content/nn/kjent.md"]);
    site.write(
        "content/nb/ny.md",
        NY.replace(
            "1. Ett",
            "Denne setningen finnes alt.\n\nDet er e-post, 13,5 kr. Se <https://x.no/>.\n\n1. Ett",
        ),
    );
    site.commit("memory");
    let counts = stats(&site, "nn");
    let (segments, new_words, memory_words) = (counts[1], counts[2], counts[3]);
    assert!(memory_words > 0 && new_words > 0, "{counts:?}");
    for format in ["xliff", "po"] {
        let file = site.path(&format!("nn.{}", if format == "po" { "po" } else { "xlf" }));
        let (code, _, err) = site.run(&[
            "export",
            "--locale",
            "nn",
            "--format",
            format,
            "--out",
            file.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        let out = std::process::Command::new(&pocount)
            .arg("--csv")
            .arg(&file)
            .output()
            .expect("pocount runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let csv = String::from_utf8_lossy(&out.stdout);
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        let row: Vec<&str> = csv.lines().nth(1).expect("a row").split(',').collect();
        let column = |name: &str| -> usize {
            let i = header.iter().position(|h| *h == name).expect(name);
            row[i].trim().parse().expect("a number")
        };
        assert_eq!(column("Total Message"), segments, "{format}: {csv}");
        assert_eq!(
            column("Untranslated Source Words"),
            new_words,
            "{format}: {csv}"
        );
        assert_eq!(
            column("Fuzzy Source Words"),
            memory_words,
            "{format}: {csv}"
        );
    }
}
