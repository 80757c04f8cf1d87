//! `tolk diff`: what changed in the source since a translation's baseline, inline or side by
//! side.

use std::process::ExitCode;

use anyhow::Result;

use tolk::Site;
use tolk::edit;
use tolk::report;

use crate::output::{color_on_stdout, out, terminal_width};

/// Prints the source changes behind the translations of `target` (of `locale`, if given).
pub(crate) fn diff(
    site: &Site,
    target: &str,
    locale: Option<&str>,
    side_by_side: bool,
) -> Result<ExitCode> {
    let page = edit::target(site, target)?;
    let locale = match locale {
        Some(l) => Some(edit::target_locale(site, l)?.code.clone()),
        None => page.locale.map(str::to_string),
    };
    let analysis = tolk::analyse(site);
    let pairs: Vec<_> = analysis
        .pairs
        .iter()
        .filter(|p| p.key == page.key && locale.as_ref().is_none_or(|l| *l == p.locale))
        .collect();
    if pairs.is_empty() {
        anyhow::bail!(
            "`{}` has no translation state to show (is it a page of a configured locale?)",
            page.key
        );
    }
    let color = color_on_stdout();
    let mut text = String::new();
    for pair in pairs {
        if side_by_side
            && let (Some(blocks), Some(source)) = (&pair.blocks, site.source_page(&pair.key))
            && let Some(translation) = site.page(&pair.locale, &pair.key)
        {
            let width = terminal_width();
            let baseline = pair.baseline.as_deref().and_then(|id| {
                let bytes = tolk::ObjectStore::open(&site.root).blob(id).ok()?;
                Some(String::from_utf8_lossy(&tolk::normalize_newlines(&bytes)).into_owned())
            });
            let pages = report::side_by_side::Pages {
                source_path: &source.path,
                source: source.text(),
                baseline: baseline.as_deref(),
                translation_path: &translation.path,
                translation: translation.text(),
            };
            text.push_str(&report::side_by_side::heading(pair, width, color));
            text.push_str(&report::side_by_side::render(
                &pages,
                &blocks.blocks,
                width,
                color,
            ));
        } else {
            text.push_str(&report::diff::pair(pair, color));
        }
    }
    out(&text)?;
    Ok(ExitCode::SUCCESS)
}
