//! From a parsed command to the module that runs it, and the site the global options name.

use std::process::ExitCode;

use anyhow::{Context, Result};

use tolk::{Site, Texts};

use crate::args::{Cli, Command, Global, StatusFormat};
use crate::{
    build, check, completions, diff, explain, export, fix, import, init, man, mark, new, serve,
    status,
};

/// Runs the command; `Err` means tolk could not do its job (exit 2).
pub(crate) fn run(cli: &Cli) -> Result<ExitCode> {
    if let Command::Explain { code } = &cli.command {
        // Needs no site.
        return explain::explain(code.as_deref());
    }
    if let Command::Completions { shell } = &cli.command {
        return completions::completions(*shell);
    }
    if let Command::Man = &cli.command {
        return man::man();
    }
    if let Command::Init { content_dir } = &cli.command {
        // Runs before there is a configuration.
        return init::init(&cli.global, content_dir.as_deref());
    }
    let site = load(&cli.global, texts(&cli.command))?;
    let code = run_on(cli, &site);
    // The process ends here: the operating system takes the site's memory back at once, faster
    // than freeing its many small parts one by one.
    std::mem::forget(site);
    code
}

/// Runs a command that reads the site.
fn run_on(cli: &Cli, site: &Site) -> Result<ExitCode> {
    match &cli.command {
        Command::Status { format, locale } => status::status(site, *format, locale.as_deref()),
        Command::Check {
            format,
            fail_on,
            changed_since,
        } => check::check(
            site,
            &cli.global,
            *format,
            *fail_on,
            changed_since.as_deref(),
        ),
        Command::Fix { paths, dry_run } => fix::fix(site, &cli.global, paths, *dry_run),
        Command::Explain { code } => explain::explain(code.as_deref()),
        Command::Diff {
            target,
            locale,
            side_by_side,
        } => diff::diff(site, target, locale.as_deref(), *side_by_side),
        Command::New { target, locale } => new::new(site, &cli.global, target, locale.as_deref()),
        Command::Mark {
            paths,
            from_history: false,
            locale,
            force,
        } => mark::mark(site, &cli.global, paths, locale.as_deref(), *force),
        Command::Mark {
            paths,
            from_history: true,
            ..
        } => mark::mark_from_history(site, &cli.global, paths),
        Command::Init { content_dir } => init::init(&cli.global, content_dir.as_deref()),
        Command::Export {
            locale,
            format,
            out,
            stats,
            pages,
        } => export::export(
            site,
            &cli.global,
            locale.as_deref(),
            *format,
            out.as_deref(),
            *stats,
            pages,
        ),
        Command::Import {
            files,
            locale,
            rebase,
            dry_run,
        } => import::import(
            site,
            &cli.global,
            files,
            locale.as_deref(),
            *rebase,
            *dry_run,
        ),
        Command::Build { out } => build::build(site, &cli.global, out.as_deref()),
        Command::Serve { port, out } => serve::serve(site, &cli.global, *port, out.as_deref()),
        Command::Completions { shell } => completions::completions(*shell),
        Command::Man => man::man(),
    }
}

/// What `command` needs kept of each page's text: the status table and its JSON read few
/// bodies whole, and check reads each body once, a group of pages at a time, so their pages
/// keep front matter, hash and hashed lines; a build reads every page's whole front matter.
fn texts(command: &Command) -> Texts {
    match command {
        Command::Status {
            format: StatusFormat::Text | StatusFormat::Json,
            ..
        }
        | Command::Check { .. } => Texts::OnDemand,
        Command::Build { .. } | Command::Serve { .. } => Texts::KeptWithData,
        _ => Texts::Kept,
    }
}

/// The site the global options name (`--root`, `--config`), or the one found from the current
/// folder; says where it was found when that was below the starting folder.
fn load(global: &Global, texts: Texts) -> Result<Site> {
    let found = match &global.root {
        Some(root) if global.config.is_some() => tolk::FoundSite {
            root: root.clone(),
            note: None,
        },
        Some(root) => tolk::site_at(root),
        None => {
            let cwd = std::env::current_dir().context("cannot read the current folder")?;
            tolk::find_site(&cwd)?
        }
    };
    if let Some(note) = &found.note
        && !global.quiet
    {
        anstream::eprintln!("{note}");
    }
    Ok(tolk::load_site_with(
        &found.root,
        global.config.as_deref(),
        texts,
    )?)
}
