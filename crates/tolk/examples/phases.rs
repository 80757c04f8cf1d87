//! Times each stage of tolk on a site, to see where a slow command spends its time.
//!
//! ```text
//! cargo run --release --example phases -- /dev/shm/site [build-out]
//! ```
//!
//! Prints wall time per stage: walking and reading files, the model, translation states (with
//! baselines from git), each group of findings, and (given an output folder) the build.

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use tolk::analyse;

/// The allocator of the `tolk` binary, so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// CPU time of this process so far (user + system, all threads), in ms, from /proc (Linux).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is the 12th, stime the 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) * 10.0
}

/// Resident memory of this process, in MB, from /proc (Linux).
fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let cpu = cpu_ms();
    let value = f();
    eprintln!(
        "{name:>28}: {:8.1} ms wall {:8.1} ms CPU {:6.0} MB resident",
        start.elapsed().as_secs_f64() * 1000.0,
        cpu_ms() - cpu,
        rss_mb()
    );
    value
}

/// Each content lint on its own, one thread: where the lints' time goes.
fn lint_breakdown(site: &tolk::Site) {
    use analyse::checks::lints::{Side, fields, language, links, mojibake, structure};
    use tolk::markdown::{body, words};
    let pages: Vec<&tolk::Page> = site
        .pages
        .iter()
        .filter(|p| p.front_ok && !p.front.draft)
        .collect();
    let translated: Vec<(&tolk::Page, &tolk::Page)> = pages
        .iter()
        .filter(|p| p.locale != site.config.source_locale)
        .filter_map(|p| Some((*p, site.source_page(&p.key).filter(|s| s.front_ok)?)))
        .collect();
    let index = links::UrlIndex::new(site);
    let bodies: Vec<body::Body> = timed("  lints: body::read", || {
        pages.iter().map(|p| body::read(p.body())).collect()
    });
    timed("  lints: mojibake", || {
        site.pages
            .iter()
            .map(|p| mojibake::findings(p, p.text()).len())
            .sum::<usize>()
    });
    let required = fields::Required::new(site);
    timed("  lints: fields (page)", || {
        pages
            .iter()
            .map(|p| fields::page_findings(site, &required, p, p.body()).len())
            .sum::<usize>()
    });
    // Each page's links are resolved once, for `links` and `structure` both.
    let resolved: Vec<links::ResolvedLinks<'_>> = timed("  lints: links (resolve)", || {
        bodies.iter().map(|b| index.resolve(b)).collect()
    });
    timed("  lints: links", || {
        pages
            .iter()
            .zip(&resolved)
            .map(|(p, l)| links::findings(&index, p, p.body(), l).len())
            .sum::<usize>()
    });
    let pair_bodies: Vec<(body::Body, body::Body)> = translated
        .iter()
        .map(|(p, s)| (body::read(p.body()), body::read(s.body())))
        .collect();
    timed("  lints: language (words)", || {
        pair_bodies
            .iter()
            .flat_map(|(b, _)| &b.text)
            .map(|block| words::Words::new(&block.text).len())
            .sum::<usize>()
    });
    timed("  lints: language", || {
        translated
            .iter()
            .zip(&pair_bodies)
            .map(|((p, s), (b, sb))| {
                let (page, source) = (Side::new(p, p.body(), b), Side::new(s, s.body(), sb));
                language::findings(site, page, source, &body::TextIndex::new(sb)).len()
            })
            .sum::<usize>()
    });
    timed("  lints: fields (pair)", || {
        // A source's references are resolved once, for all its translations.
        let mut sources = std::collections::HashMap::new();
        translated
            .iter()
            .map(|(p, s)| {
                let refs = sources
                    .entry(s.path.as_str())
                    .or_insert_with(|| fields::SourceRefs::new(site, s));
                fields::pair_findings_against(site, p, refs).len()
            })
            .sum::<usize>()
    });
    // Resolved in `lints: links (resolve)` already, where each page's links are resolved once.
    let pair_links: Vec<(links::ResolvedLinks<'_>, links::ResolvedLinks<'_>)> = pair_bodies
        .iter()
        .map(|(b, sb)| (index.resolve(b), index.resolve(sb)))
        .collect();
    timed("  lints: structure", || {
        translated
            .iter()
            .zip(&pair_links)
            .map(|((p, s), (l, sl))| {
                usize::from(structure::findings(&index, p, p.body(), l, s, sl).is_some())
            })
            .sum::<usize>()
    });
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let out = args.next();
    let total = Instant::now();
    let config = timed("config", || tolk::Config::discover(&root, None))?;
    let (files, findings) = timed("walk", || tolk::load::walk(&root, &config.content_dir))?;
    let (raw, _) = timed("read", || {
        tolk::load::read_all(&root, &config.content_dir, &files)
    });
    let site = timed("model (parse, pair)", || {
        tolk::Site::from_files(&root, config, raw, findings)
    });
    let pairs = timed("states (+git baselines)", || {
        analyse::staleness::state::states(&site, &mut || tolk::ObjectStore::open(&root))
    });
    let stale = pairs
        .iter()
        .filter(|p| p.state == analyse::State::Stale)
        .count();
    // What no content check can go below: pulldown-cmark alone reading every body (the events
    // counted, nothing kept), on every core as the lints run.
    timed("floor: pulldown-cmark parse", || {
        use rayon::prelude::*;
        site.pages
            .par_iter()
            .map(|p| {
                pulldown_cmark::Parser::new_ext(
                    p.body(),
                    tolk::markdown::options::markdown_options(),
                )
                .into_offset_iter()
                .count()
            })
            .sum::<usize>()
    });
    timed("fluent findings", || {
        analyse::checks::fluent::findings(&site)
    });
    timed("related findings", || {
        analyse::checks::related::findings(&site)
    });
    timed("url findings", || analyse::checks::urls::findings(&site));
    timed("lints", || analyse::checks::lints::findings(&site));
    lint_breakdown(&site);
    let analysis = timed("analyse (all of it)", || analyse::analyse(&site));
    timed("json report", || {
        tolk::report::json::check(&analysis, &analysis.findings)
    });
    if let Some(out) = out {
        timed("build", || tolk::build::build(&site, Path::new(&out)))?;
    }
    eprintln!(
        "{:>28}: {:8.1} ms ({} pages, {} pairs, {stale} stale, {} findings)",
        "total",
        total.elapsed().as_secs_f64() * 1000.0,
        site.pages.len(),
        pairs.len(),
        analysis.findings.len()
    );
    Ok(())
}
