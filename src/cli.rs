//! Command-line arguments and the commands that print results. The work is in the library.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use tolk::Site;
use tolk::analyse;
use tolk::diagnostics::Severity;
use tolk::edit::{self, Marked};
use tolk::report::{self, style};

/// tolk keeps a multilingual Markdown site's source pages and their translations in step.
///
/// Translators see what to translate or update and exactly what changed in the source;
/// CI decides whether the site may be published.
#[derive(Debug, Parser)]
#[command(name = "tolk", version = env!("TOLK_VERSION"), about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "Examples:
  tolk status                              coverage per locale and section
  tolk check --format json                 every finding, for CI
  tolk diff content/en/about.md            what changed in the source since it was translated
  tolk new about --locale nn               start a Nynorsk translation
  tolk mark content/en/about.md            record that the translation is up to date
  tolk export --locale nn --out nn.xlf     the Nynorsk work as XLIFF for a translation agency
  tolk export --stats                      words to translate per locale, for a quote
  tolk import nn.xlf                       write the returned translations into the pages

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 tolk could not run.";

#[derive(Debug, Args)]
struct Global {
    /// The site root [default: the current folder, or the nearest parent with tolk.yaml or content/]
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Configuration file [default: ROOT/tolk.yaml, else built-in defaults]
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// When to colour output (NO_COLOR is honoured with `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    /// Print only findings and errors
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Print more detail (diffs in `check`)
    #[arg(short, long, global = true)]
    verbose: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Coverage per locale and per section: up to date, stale, untranslated, unverified, missing, orphaned, draft.
    ///
    /// Example: `tolk status`; `tolk status --format json` for scripts;
    /// `tolk status --format html > status.html` for a dashboard.
    Status {
        /// Output format
        #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
        format: StatusFormat,
        /// Only this locale
        #[arg(long)]
        locale: Option<String>,
    },
    /// Every finding: translation states and content problems, with exit codes for CI.
    ///
    /// Example: `tolk check --format json --fail-on warning`.
    Check {
        /// Output format
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Exit with 1 when a finding is at least this severe
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// Only findings about pages changed since this git revision; a translation counts as
        /// changed when it or its source changed (for pull requests: `--changed-since origin/main`)
        #[arg(long, value_name = "REV")]
        changed_since: Option<String>,
    },
    /// What changed in the source since a translation's baseline.
    ///
    /// Give a translation's path, or a source path or key (then every target locale, or the one
    /// given with --locale). Example: `tolk diff about --locale en`.
    Diff {
        /// A page path (content/en/about.md) or translation key (about)
        #[arg(value_name = "KEY-OR-PATH")]
        target: String,
        /// Only this locale
        #[arg(long)]
        locale: Option<String>,
        /// Each changed source block beside the translation's matching block
        #[arg(long)]
        side_by_side: bool,
    },
    /// Start a translation: a draft with the source's front matter and text, baseline recorded.
    ///
    /// Never overwrites a file. Example: `tolk new content/nb/about.md --locale nn`.
    New {
        /// The source page's path or key, or the path the translation is to have
        #[arg(value_name = "KEY-OR-PATH")]
        target: String,
        /// The locale to translate into [default: the one a translation path names]
        #[arg(long)]
        locale: Option<String>,
    },
    /// Record the current source as the baseline of translations that are up to date.
    ///
    /// Edits only the `l10n` lines of each file. Example: `tolk mark content/en/about.md`.
    /// With --from-history, translations without a baseline get the one git history implies:
    /// the source as it was at the translation's last commit (`tolk mark --from-history`).
    Mark {
        /// Translation files, or source paths or keys with --locale [with --from-history,
        /// default: every translation without a baseline]
        #[arg(required_unless_present = "from_history", value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Record the source as it was at each translation's last commit
        #[arg(long)]
        from_history: bool,
        /// The locale of the translations, where PATH is a source page or a key
        #[arg(long, conflicts_with = "from_history")]
        locale: Option<String>,
        /// Record the baseline even where the translation is still untranslated or does not
        /// follow the source (`untranslated-text`, `untranslated-field`, `structure-mismatch`)
        #[arg(long, conflicts_with = "from_history")]
        force: bool,
    },
    /// The translation work for a locale as XLIFF 1.2 or gettext PO, for CAT tools and agencies.
    ///
    /// Missing, draft and untranslated pages give every segment; stale pages only the segments
    /// of the blocks that changed, with the previous source and the current translation as
    /// context; segments already translated elsewhere in the site come pre-filled for review.
    /// Example: `tolk export --locale nn --format po --out nn.po`; `tolk export --stats`.
    Export {
        /// The locale to translate into [with --stats, default: every target locale]
        #[arg(long, required_unless_present = "stats")]
        locale: Option<String>,
        /// File format
        #[arg(long, value_enum, default_value_t = ExchangeFormat::Xliff)]
        format: ExchangeFormat,
        /// Write the file here [default: standard output; with --stats, no file]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Print the word counts per locale: to translate, covered by memory, unchanged
        #[arg(long)]
        stats: bool,
        /// Only these pages (paths or translation keys) [default: every page]
        #[arg(value_name = "PAGE")]
        pages: Vec<String>,
    },
    /// Write translations from returned XLIFF or PO files into the pages.
    ///
    /// Checks every file first and writes nothing if one has a problem (bad placeholders,
    /// another locale, malformed XML or PO). Creates missing pages, replaces exactly the changed
    /// blocks of stale ones and records the baseline as `tolk mark` does. A page whose source
    /// changed since the export is skipped unless --rebase. Example: `tolk import nn.xlf`.
    Import {
        /// Returned files (.xlf/.xliff, or .po)
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Refuse files for another locale
        #[arg(long)]
        locale: Option<String>,
        /// Import pages whose source changed since the export, segment by segment where the
        /// source text is unchanged
        #[arg(long)]
        rebase: bool,
        /// Check and report, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Inspect an existing site and write a commented tolk.yaml for it (never over an existing one).
    ///
    /// Finds the layout, the locales and their page counts, how translations record their
    /// baselines, and git. Runs in --root or the current folder. Example: `tolk init`.
    Init {
        /// The folder that holds the pages [default: from hugo.toml / config.toml, else content/, docs/ …]
        #[arg(long, value_name = "DIR")]
        content_dir: Option<PathBuf>,
    },
    /// Repair mojibake (UTF-8 read as Windows-1252: `LÃ¥nekassen`) in place.
    ///
    /// Only the garbled bytes change; every write is atomic. Without PATH, every page of the
    /// site. Example: `tolk fix content/en/about.md`, or `tolk fix --dry-run`.
    Fix {
        /// Page files [default: every page]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Show what would be repaired, change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// What a finding code means, its default severity and how to fix it.
    ///
    /// Without CODE, lists every code. Example: `tolk explain untranslated-text`.
    Explain {
        /// A finding code, as in the reports (`stale`, `mojibake`, `broken-link`)
        code: Option<String>,
    },
    /// Build the static site: every locale, its menus, language switcher, sitemap and 404 pages.
    ///
    /// Writes into a temporary folder and replaces the output only when everything succeeded.
    /// Example: `tolk build`, or `tolk build --out /tmp/site`.
    Build {
        /// Output folder [default: ROOT/public]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Build, serve the site on 127.0.0.1 and rebuild (and reload the browser) on every change.
    ///
    /// Watches content/, locales/, templates/ and tolk.yaml. Example: `tolk serve --port 8080`.
    Serve {
        /// Port on 127.0.0.1 (0 picks a free one)
        #[arg(long, default_value_t = 1313)]
        port: u16,
        /// Output folder [default: ROOT/public]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Print a shell completion script.
    ///
    /// Example: `tolk completions bash > ~/.local/share/bash-completion/completions/tolk`.
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff). Example: `tolk man > ~/.local/share/man/man1/tolk.1`.
    Man,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum StatusFormat {
    Text,
    Json,
    /// A self-contained HTML dashboard
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    Text,
    Json,
    /// A pull-request comment or CI job summary
    Markdown,
    /// GitHub Actions annotations (workflow commands)
    Github,
    /// JUnit XML test results (GitLab, Jenkins)
    Junit,
    /// SARIF 2.1.0 (GitHub code scanning and other code hosts)
    Sarif,
    /// GitLab Code Quality (CodeClimate JSON) for merge requests
    Codequality,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ExchangeFormat {
    /// XLIFF 1.2
    Xliff,
    /// gettext PO
    Po,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum FailOn {
    Error,
    Warning,
    Never,
}

impl FailOn {
    fn fails(self, worst: Option<Severity>) -> bool {
        match self {
            FailOn::Never => false,
            FailOn::Error => worst >= Some(Severity::Error),
            FailOn::Warning => worst >= Some(Severity::Warning),
        }
    }
}

impl Cli {
    /// Applies `--color` to everything printed through anstream.
    pub fn apply_color(&self) {
        let choice = match self.global.color {
            ColorWhen::Auto => anstream::ColorChoice::Auto,
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        };
        choice.write_global();
    }
}

/// Runs the command; `Err` means tolk could not do its job (exit 2).
pub fn run(cli: &Cli) -> Result<ExitCode> {
    if let Command::Explain { code } = &cli.command {
        // Needs no site.
        return explain(code.as_deref());
    }
    if let Command::Completions { shell } = &cli.command {
        return completions(*shell);
    }
    if let Command::Man = &cli.command {
        return man();
    }
    if let Command::Init { content_dir } = &cli.command {
        // Runs before there is a configuration.
        return init(&cli.global, content_dir.as_deref());
    }
    let site = load(&cli.global)?;
    let code = run_on(cli, &site);
    // The process ends here: the operating system takes the site's memory back at once, faster
    // than freeing its many small parts one by one.
    std::mem::forget(site);
    code
}

/// Runs a command that reads the site.
fn run_on(cli: &Cli, site: &Site) -> Result<ExitCode> {
    match &cli.command {
        Command::Status { format, locale } => status(site, *format, locale.as_deref()),
        Command::Check {
            format,
            fail_on,
            changed_since,
        } => check(
            site,
            &cli.global,
            *format,
            *fail_on,
            changed_since.as_deref(),
        ),
        Command::Fix { paths, dry_run } => fix(site, &cli.global, paths, *dry_run),
        Command::Explain { code } => explain(code.as_deref()),
        Command::Diff {
            target,
            locale,
            side_by_side,
        } => diff(site, target, locale.as_deref(), *side_by_side),
        Command::New { target, locale } => new(site, &cli.global, target, locale.as_deref()),
        Command::Mark {
            paths,
            from_history: false,
            locale,
            force,
        } => mark(site, &cli.global, paths, locale.as_deref(), *force),
        Command::Mark {
            paths,
            from_history: true,
            ..
        } => mark_from_history(site, &cli.global, paths),
        Command::Init { content_dir } => init(&cli.global, content_dir.as_deref()),
        Command::Export {
            locale,
            format,
            out,
            stats,
            pages,
        } => export(
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
        } => import(
            site,
            &cli.global,
            files,
            locale.as_deref(),
            *rebase,
            *dry_run,
        ),
        Command::Build { out } => build(site, &cli.global, out.as_deref()),
        Command::Serve { port, out } => serve(site, &cli.global, *port, out.as_deref()),
        Command::Completions { shell } => completions(*shell),
        Command::Man => man(),
    }
}

/// `tolk completions SHELL`: the completion script clap derives from the arguments.
fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "tolk", &mut script);
    out(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}

/// `tolk man`: the manual page in roff, from the same arguments and help texts.
fn man() -> Result<ExitCode> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    out(&String::from_utf8_lossy(&page))?;
    Ok(ExitCode::SUCCESS)
}

fn load(global: &Global) -> Result<Site> {
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
    Ok(tolk::load_site(&found.root, global.config.as_deref())?)
}

fn out(text: &str) -> Result<()> {
    let mut stdout = anstream::stdout();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => Ok(()),
        // A closed pipe (`tolk check | head`) is not an error of tolk's.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e).context("cannot write to standard output"),
    }
}

fn status(site: &Site, format: StatusFormat, locale: Option<&str>) -> Result<ExitCode> {
    let only = match locale {
        Some(l) => match site.config.resolve_locale(l) {
            Some((l, _)) if l.code == site.config.source_locale => anyhow::bail!(
                "`{}` is the source locale; `tolk status` shows the target locales",
                l.code
            ),
            Some((l, _)) => Some(l.code.clone()),
            None => anyhow::bail!("`{l}` is not a locale of this site"),
        },
        None => None,
    };
    // The dashboard shows diffs and findings; the table and JSON only states and counts.
    let mut analysis = match format {
        StatusFormat::Html => analyse::analyse(site),
        StatusFormat::Json | StatusFormat::Text => analyse::coverage(site),
    };
    if let Some(only) = &only {
        analysis.summary.retain(|code, _| code == only);
        analysis.sections.retain(|code, _| code == only);
        analysis.pairs.retain(|p| &p.locale == only);
        analysis
            .findings
            .retain(|f| f.locale.as_ref().is_none_or(|l| l == only));
    }
    match format {
        StatusFormat::Json => out(&report::json::status(&analysis))?,
        StatusFormat::Html => {
            let name = site
                .root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "site".into());
            // SOURCE_DATE_EPOCH fixes the time, for reproducible output.
            let generated = std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|s| s.trim().parse::<u64>().ok())
                .unwrap_or_else(|| {
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs())
                });
            let commit = tolk::git::ObjectStore::open(&site.root)
                .object("HEAD")
                .ok()
                .flatten()
                .map(|o| o.id.chars().take(7).collect());
            let meta = report::dashboard::Meta {
                name,
                generated,
                commit,
            };
            out(&report::dashboard::render(site, &analysis, &meta))?;
        }
        StatusFormat::Text => {
            let bars = std::io::stdout().is_terminal();
            let pages = site.source_pages().count();
            out(&report::status::table(
                &analysis,
                pages,
                bars,
                terminal_width(),
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn check(
    site: &Site,
    global: &Global,
    format: CheckFormat,
    fail_on: FailOn,
    changed_since: Option<&str>,
) -> Result<ExitCode> {
    // A bad revision is a usage error (exit 2) before any analysis is done.
    let changed = match changed_since {
        Some(rev) => Some(analyse::staleness::changed::changed_paths(&site.root, rev)?),
        None => None,
    };
    let analysis = analyse::analyse(site);
    let findings = match &changed {
        Some(changed) => analyse::staleness::changed::limit(site, &analysis.findings, changed),
        None => analysis.findings.clone(),
    };
    match format {
        CheckFormat::Json => out(&report::json::check(&analysis, &findings))?,
        CheckFormat::Markdown => out(&report::markdown::check(&analysis, &findings))?,
        CheckFormat::Github => out(&report::github::check(&findings))?,
        CheckFormat::Junit => out(&report::junit::check(&analysis, &findings))?,
        CheckFormat::Sarif => out(&report::sarif::check(
            &findings,
            &report::repo::prefix(&site.root),
        ))?,
        CheckFormat::Codequality => out(&report::codequality::check(
            &findings,
            &report::repo::prefix(&site.root),
        ))?,
        CheckFormat::Text => {
            let shown: Vec<_> = if global.quiet {
                findings
                    .iter()
                    .filter(|f| f.severity > Severity::Info)
                    .cloned()
                    .collect()
            } else {
                findings.clone()
            };
            out(&report::text::check(&shown, global.verbose))?;
        }
    }
    let worst = findings.iter().map(|f| f.severity).max();
    Ok(exit(fail_on.fails(worst)))
}

fn explain(code: Option<&str>) -> Result<ExitCode> {
    let Some(code) = code else {
        out(&tolk::diagnostics::codes::list())?;
        return Ok(ExitCode::SUCCESS);
    };
    match tolk::diagnostics::codes::lookup(code.trim()) {
        Some(entry) => {
            out(&tolk::diagnostics::codes::explain(entry))?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let near = tolk::diagnostics::codes::suggestions(code);
            let hint = if near.is_empty() {
                String::new()
            } else {
                format!(" (did you mean {}?)", near.join(", "))
            };
            anyhow::bail!("`{code}` is not a finding code{hint}; `tolk explain` lists them all")
        }
    }
}

fn fix(site: &Site, global: &Global, paths: &[PathBuf], dry_run: bool) -> Result<ExitCode> {
    let files: Vec<PathBuf> = if paths.is_empty() {
        site.pages.iter().map(|p| site.root.join(&p.path)).collect()
    } else {
        paths.to_vec()
    };
    let explicit = !paths.is_empty();
    let (mut failed, mut repaired) = (false, 0usize);
    for file in &files {
        let shown = match file.strip_prefix(&site.root) {
            Ok(rel) if !explicit => display(rel),
            _ => display(file),
        };
        match edit::fix::fix_file(file, dry_run) {
            Ok(fixed) => {
                repaired += fixed.len();
                if !global.quiet {
                    for f in &fixed {
                        let verb = if dry_run { "would fix" } else { "fixed" };
                        out(&format!(
                            "{shown}:{}:{}: {verb} `{}` → `{}`\n",
                            f.line, f.column, f.before, f.after
                        ))?;
                    }
                }
            }
            // Walking every page, a file that is not UTF-8 is reported by `tolk check`.
            Err(tolk::Error::Edit { .. }) if !explicit => {}
            Err(err) => {
                failed = true;
                anstream::eprintln!("{}: {err}", style::paint(style::ERROR, "error"));
            }
        }
    }
    if !global.quiet && repaired == 0 && !failed {
        out("no mojibake found\n")?;
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn diff(site: &Site, target: &str, locale: Option<&str>, side_by_side: bool) -> Result<ExitCode> {
    let page = edit::target(site, target)?;
    let locale = match locale {
        Some(l) => Some(edit::target_locale(site, l)?.code.clone()),
        None => page.locale.map(str::to_string),
    };
    let analysis = analyse::analyse(site);
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
                let bytes = tolk::git::ObjectStore::open(&site.root).blob(id).ok()?;
                Some(String::from_utf8_lossy(&tolk::hash::normalize_newlines(&bytes)).into_owned())
            });
            let pages = report::side_by_side::Pages {
                source_path: &source.path,
                source: &source.text,
                baseline: baseline.as_deref(),
                translation_path: &translation.path,
                translation: &translation.text,
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

/// Whether what is printed on standard output is coloured (`--color`, NO_COLOR, a terminal).
fn color_on_stdout() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// The terminal's width in columns: `COLUMNS` where set, else the terminal's, else 80.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or_else(|| {
            terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0))
        })
        .unwrap_or(80)
}

fn new(site: &Site, global: &Global, target: &str, locale: Option<&str>) -> Result<ExitCode> {
    let path = edit::new_translation(site, target, locale)?;
    if !global.quiet {
        out(&format!(
            "created {} (draft): translate it, remove `draft: true`, then run `tolk mark {}`\n",
            path.display(),
            path.display()
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn mark(
    site: &Site,
    global: &Global,
    paths: &[PathBuf],
    locale: Option<&str>,
    force: bool,
) -> Result<ExitCode> {
    let (mut failed, mut refused) = (false, false);
    let targets: Vec<_> = paths
        .iter()
        .map(|path| edit::mark_target(site, &path.to_string_lossy(), locale))
        .collect();
    let pages: Vec<&tolk::model::Page> = targets
        .iter()
        .filter_map(|t| t.as_ref().ok())
        .copied()
        .collect();
    let mut refusals = edit::refusals(site, &pages).into_iter();
    for target in targets {
        let outcome = target.and_then(|page| {
            let refusal = refusals.next().unwrap_or_default();
            Ok((page, edit::mark_checked(site, page, force, refusal)?))
        });
        match outcome {
            Ok((page, (marked, overridden))) => {
                let shown = &page.path;
                let forced = overridden
                    .map(|o| format!(" (forced over: {})", o.summary()))
                    .unwrap_or_default();
                match marked {
                    Marked::Updated { hash } if !global.quiet => {
                        out(&format!(
                            "marked {shown}: baseline {}{forced}\n",
                            &hash[..10]
                        ))?;
                    }
                    Marked::Unchanged if !global.quiet => {
                        out(&format!("{shown}: already up to date{forced}\n"))?;
                    }
                    Marked::Refused(why) => {
                        refused = true;
                        anstream::eprint!("{}", refusal_text(shown, &why));
                    }
                    _ => {}
                }
            }
            Err(err) => {
                failed = true;
                anstream::eprintln!("{}: {err}", style::paint(style::ERROR, "error"));
            }
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        exit(refused)
    })
}

/// Why `tolk mark` left a translation as it was, and how to go on.
fn refusal_text(path: &str, why: &edit::Refusal) -> String {
    let reason = if why.untranslated {
        "its text is still the source's (untranslated)"
    } else {
        "it does not follow the current source yet"
    };
    let mut text = format!(
        "{}: not marking {path}: {reason}; {}\n",
        style::paint(style::ERROR, "refused"),
        why.summary()
    );
    let shown: Vec<_> = why.findings.iter().take(10).cloned().collect();
    let listed = report::text::check(&shown, false);
    let mut lines: Vec<&str> = listed.lines().collect();
    // The closing count line.
    lines.pop();
    for line in lines {
        text.push_str(&format!("  {line}\n"));
    }
    if why.findings.len() > shown.len() {
        text.push_str(&format!(
            "  … and {} more (`tolk check` lists them)\n",
            why.findings.len() - shown.len()
        ));
    }
    text.push_str(&format!(
        "  translate what is left and run `tolk mark {path}` again; or, if the page is right as it is, \
         `tolk mark --force {path}` records it anyway\n"
    ));
    text
}

fn export(
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

fn import(
    site: &Site,
    global: &Global,
    files: &[PathBuf],
    locale: Option<&str>,
    rebase: bool,
    dry_run: bool,
) -> Result<ExitCode> {
    use tolk::exchange::import::{self, ImportError, Options};
    let mut read = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        read.push((display(file), text));
    }
    let options = Options {
        rebase,
        locale: locale.map(str::to_string),
        dry_run,
    };
    let outcome = match import::import(site, &read, &options) {
        Ok(outcome) => outcome,
        Err(ImportError::Invalid(problems)) => {
            for problem in &problems {
                anstream::eprintln!("{}: {problem}", style::paint(style::ERROR, "error"));
            }
            anyhow::bail!(
                "{} problem(s) in the input; nothing was written",
                problems.len()
            );
        }
        Err(ImportError::Failed(e)) => return Err(e.into()),
    };
    let verb = |created: bool| match (created, dry_run) {
        (true, false) => "created",
        (false, false) => "updated",
        (true, true) => "would create",
        (false, true) => "would update",
    };
    if !global.quiet {
        let mut text = String::new();
        for w in &outcome.written {
            let draft = if w.complete {
                ""
            } else {
                " as a draft (some segments are empty)"
            };
            let review = if w.unreviewed > 0 {
                format!(", {} unreviewed memory match(es)", w.unreviewed)
            } else {
                String::new()
            };
            text.push_str(&format!(
                "{} {}{draft}: {} segment(s){review}\n",
                verb(w.created),
                w.path,
                w.segments
            ));
        }
        for path in &outcome.current {
            text.push_str(&format!("{path}: already up to date\n"));
        }
        out(&text)?;
    }
    for (path, reason) in &outcome.skipped {
        anstream::eprintln!(
            "{}: {path} skipped: {reason}",
            style::paint(style::WARNING, "warning")
        );
    }
    Ok(exit(!outcome.skipped.is_empty()))
}

fn mark_from_history(site: &Site, global: &Global, paths: &[PathBuf]) -> Result<ExitCode> {
    let outcomes = edit::from_history::mark_from_history(site, paths)?;
    let mut failed = false;
    let mut marked = 0;
    for (path, outcome) in outcomes {
        match outcome {
            Ok(Marked::Updated { hash }) => {
                marked += 1;
                if !global.quiet {
                    out(&format!(
                        "marked {path}: baseline {} (from history)\n",
                        &hash[..10]
                    ))?;
                }
            }
            Ok(Marked::Unchanged | Marked::Refused(_)) => {
                if !global.quiet {
                    out(&format!("{path}: already records a baseline\n"))?;
                }
            }
            Err(err) => {
                failed = true;
                anstream::eprintln!("{}: {err}", style::paint(style::ERROR, "error"));
            }
        }
    }
    if !global.quiet && marked == 0 && !failed {
        out("no translation without a baseline: nothing to mark\n")?;
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn init(global: &Global, content_dir: Option<&Path>) -> Result<ExitCode> {
    let start = match &global.root {
        Some(root) => root.clone(),
        None => std::env::current_dir().context("cannot read the current folder")?,
    };
    // At a repository root, the site in a folder below it.
    let root = if content_dir.is_some() {
        start
    } else {
        let found = tolk::site_at(&start);
        if let Some(note) = &found.note
            && !global.quiet
        {
            anstream::eprintln!("{note}");
        }
        found.root
    };
    let survey = tolk::init::init(&root, content_dir)?;
    if !global.quiet {
        out(&tolk::init::report(&survey))?;
        out(&format!(
            "wrote {}: check it, then run `tolk status`\n",
            tolk::config::CONFIG_FILE
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn build(site: &Site, global: &Global, out_dir: Option<&Path>) -> Result<ExitCode> {
    let out_dir = out_dir.map_or_else(|| site.root.join("public"), Path::to_path_buf);
    let bar = if !global.quiet && std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(0)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} pages")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix("building");
    let result = tolk::build::build_with(site, &out_dir, &mut |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    let report = match result {
        Ok(report) => report,
        Err(tolk::Error::Blocked { findings }) => {
            anstream::eprint!("{}", report::text::check(&findings, false));
            anstream::eprintln!(
                "{}: refusing to build: fix the {} above; the previous output was left as it was",
                style::paint(style::ERROR, "error"),
                report::status::plural(findings.len(), "error")
            );
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };
    for warning in &report.warnings {
        anstream::eprintln!(
            "{}: {warning}",
            style::paint(style::severity(Severity::Warning), "warning")
        );
    }
    if !global.quiet {
        let per_locale: Vec<String> = site
            .config
            .locales
            .iter()
            .filter_map(|l| report.pages.get(&l.code).map(|n| format!("{} {n}", l.code)))
            .collect();
        out(&format!(
            "built {} ({}) into {}\n",
            report::status::plural(report.total_pages(), "page"),
            per_locale.join(", "),
            shown_path(&report.out)
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn serve(site: &Site, global: &Global, port: u16, out_dir: Option<&Path>) -> Result<ExitCode> {
    use tolk::build::serve::{Event, ServeOptions};
    let options = ServeOptions {
        root: site.root.clone(),
        config_file: global.config.clone(),
        out: out_dir.map_or_else(|| site.root.join("public"), Path::to_path_buf),
        port,
        poll: std::time::Duration::from_millis(400),
    };
    let quiet = global.quiet;
    tolk::build::serve::serve(&options, &mut |event| match event {
        Event::Listening(address) => {
            let _ = out(&format!(
                "serving http://{address}/ (Ctrl-C to stop); rebuilding on every change\n"
            ));
        }
        Event::Built {
            pages,
            millis,
            warnings,
        } => {
            for warning in warnings.iter().filter(|_| !quiet) {
                anstream::eprintln!(
                    "{}: {warning}",
                    style::paint(style::severity(Severity::Warning), "warning")
                );
            }
            if !quiet {
                let pages = report::status::plural(pages, "page");
                let _ = out(&format!("built {pages} in {millis} ms\n"));
            }
        }
        Event::Rebuilt(update) => {
            if !quiet {
                let pages = match update.pages {
                    1 => "1 page".to_string(),
                    n => format!("{n} pages"),
                };
                let _ = out(&format!(
                    "rebuilt {pages} in {} ms ({} changed; {} written, {} removed{}; \
                     {} ms of it looking for changes{})\n",
                    update.millis,
                    match update.changed.as_slice() {
                        [one] => one.clone(),
                        many => format!("{} files", many.len()),
                    },
                    report::status::plural(update.written, "file"),
                    update.removed,
                    if update.reloaded {
                        "; pages added, moved or removed"
                    } else {
                        ""
                    },
                    update.scan_millis,
                    if update.walked {
                        ", every page file statted"
                    } else {
                        ""
                    },
                ));
            }
        }
        Event::Failed(message) => {
            anstream::eprintln!(
                "{}: {message}\n  (still serving the previous build)",
                style::paint(style::ERROR, "error")
            );
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `path` relative to the current folder where it is below it, as a person would type it.
fn shown_path(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .filter(|rel| !rel.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}
