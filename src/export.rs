//! `tolk export`: the translation work for a locale as XLIFF or PO, or its word counts.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use tolk::Site;
use tolk::edit;
use tolk::report::style;

use crate::args::{ExchangeFormat, Global};
use crate::output::out;

/// Writes the work of `locale` (every target locale with `stats`) for `pages` (every page).
pub(crate) fn export(
    site: &Site,
    global: &Global,
    locale: Option<&str>,
    format: ExchangeFormat,
    out_file: Option<&Path>,
    stats: bool,
    pages: &[String],
) -> Result<ExitCode> {
    use tolk::exchange::export as exchange;
    let keys: Option<Vec<String>> = if pages.is_empty() {
        None
    } else {
        let mut keys = Vec::new();
        for arg in pages {
            let page = edit::lookup(site, arg).with_context(|| {
                format!("`{arg}` names no page of this site; give a path (content/nb/om-minid.md) or a key (om-minid)")
            })?;
            keys.push(page.key.clone());
        }
        Some(keys)
    };
    let locales: Vec<String> = match locale {
        Some(l) => vec![
            site.config
                .resolve_locale(l)
                .map(|(l, _)| l.code.clone())
                .with_context(|| format!("`{l}` is not a locale of this site"))?,
        ],
        None => site.config.targets().map(|l| l.code.clone()).collect(),
    };
    let pairs = exchange::pair_states(site);
    let mut table = String::from(
        "locale  pages  segments  words to translate  words from memory  words unchanged\n",
    );
    for code in &locales {
        let work = exchange::work_with(site, code, keys.as_deref(), &pairs)?;
        if !global.quiet {
            for (path, reason) in &work.skipped {
                anstream::eprintln!(
                    "{}: {path} skipped: {reason}",
                    style::paint(style::WARNING, "warning")
                );
            }
        }
        let counts = work.stats();
        table.push_str(&format!(
            "{:<6}  {:>5}  {:>8}  {:>18}  {:>17}  {:>15}\n",
            code,
            counts.pages,
            counts.segments,
            counts.words_new,
            counts.words_memory,
            counts.words_unchanged
        ));
        if stats && out_file.is_none() {
            continue;
        }
        let text = match format {
            ExchangeFormat::Xliff => tolk::exchange::xliff::write(&work),
            ExchangeFormat::Po => tolk::exchange::po::write(&work),
        };
        match out_file {
            Some(path) => {
                edit::atomic::replace(path, text.as_bytes())?;
                if !global.quiet && !stats {
                    anstream::eprintln!(
                        "wrote {}: {} page(s), {} segment(s), {} word(s) to translate",
                        path.display(),
                        counts.pages,
                        counts.segments,
                        counts.words_new + counts.words_memory
                    );
                }
            }
            None => out(&text)?,
        }
    }
    if stats {
        out(&table)?;
    }
    Ok(ExitCode::SUCCESS)
}
