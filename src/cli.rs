//! Command-line arguments and the commands that print results. The work is in the library.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};

use tolk::Site;
use tolk::analyse::{self, Severity, State};
use tolk::edit::{self, Marked};
use tolk::report::{self, style};

/// tolk keeps the MinID site's Bokmål, Nynorsk and English pages in step.
///
/// Translators see what to translate or update and exactly what changed in the source;
/// CI decides whether the site may be published.
#[derive(Debug, Parser)]
#[command(name = "tolk", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "Examples:
  tolk status                              coverage per locale and section
  tolk check --format json                 every finding, for CI
  tolk diff content/en/om-minid.md         what changed in the source since it was translated
  tolk new om-minid --locale nn            start a Nynorsk translation
  tolk mark content/en/om-minid.md         record that the translation is up to date

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
    /// given with --locale). Example: `tolk diff om-minid --locale en`.
    Diff {
        /// A page path (content/en/om-minid.md) or translation key (om-minid)
        #[arg(value_name = "KEY-OR-PATH")]
        target: String,
        /// Only this locale
        #[arg(long)]
        locale: Option<String>,
    },
    /// Start a translation: a draft with the source's front matter and text, baseline recorded.
    ///
    /// Never overwrites a file. Example: `tolk new content/nb/om-minid.md --locale nn`.
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
    /// Edits only the `l10n` lines of each file. Example: `tolk mark content/en/om-minid.md`.
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
    /// site. Example: `tolk fix content/en/om-minid.md`, or `tolk fix --dry-run`.
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
        Command::Status { format } => status(site, *format),
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
        Command::Diff { target, locale } => diff(site, target, locale.as_deref()),
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
        Command::Build { out } => build(site, &cli.global, out.as_deref()),
        Command::Serve { port, out } => serve(site, &cli.global, *port, out.as_deref()),
    }
}

fn load(global: &Global) -> Result<Site> {
    let root = match &global.root {
        Some(root) => root.clone(),
        None => {
            let cwd = std::env::current_dir().context("cannot read the current folder")?;
            tolk::find_root(&cwd)?
        }
    };
    Ok(tolk::load_site(&root, global.config.as_deref())?)
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

fn status(site: &Site, format: StatusFormat) -> Result<ExitCode> {
    // The dashboard shows diffs and findings; the table and JSON only states and counts.
    let analysis = match format {
        StatusFormat::Html => analyse::analyse(site),
        StatusFormat::Json | StatusFormat::Text => analyse::coverage(site),
    };
    match format {
        StatusFormat::Json => out(&report::json::status(&analysis))?,
        StatusFormat::Html => {
            let pages = site.source_pages().count();
            let name = site
                .root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "site".into());
            out(&report::dashboard::render(
                &analysis,
                &site.config,
                &name,
                pages,
            ))?;
        }
        StatusFormat::Text => {
            let bars = std::io::stdout().is_terminal();
            let pages = site.source_pages().count();
            out(&report::status::table(&analysis, pages, bars))?;
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
        Some(rev) => Some(analyse::changed::changed_paths(&site.root, rev)?),
        None => None,
    };
    let analysis = analyse::analyse(site);
    let findings = match &changed {
        Some(changed) => analyse::changed::limit(site, &analysis.findings, changed),
        None => analysis.findings.clone(),
    };
    match format {
        CheckFormat::Json => out(&report::json::check(&analysis, &findings))?,
        CheckFormat::Markdown => out(&report::markdown::check(&analysis, &findings))?,
        CheckFormat::Github => out(&report::github::check(&findings))?,
        CheckFormat::Junit => out(&report::junit::check(&analysis, &findings))?,
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
        out(&analyse::codes::list())?;
        return Ok(ExitCode::SUCCESS);
    };
    match analyse::codes::lookup(code.trim()) {
        Some(entry) => {
            out(&analyse::codes::explain(entry))?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let near = analyse::codes::suggestions(code);
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

fn diff(site: &Site, target: &str, locale: Option<&str>) -> Result<ExitCode> {
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
    let mut text = String::new();
    for pair in pairs {
        let head = style::paint(style::STRONG, &format!("{} ({})", pair.path, pair.locale));
        let line = match pair.state {
            State::Stale => match (&pair.diff, &pair.diff_unavailable) {
                (Some(diff), _) => {
                    let (size, blocks) = match &pair.blocks {
                        Some(r) => (
                            format!(" ({:?} change)", r.change).to_lowercase(),
                            report::text::block_lines(&r.blocks)
                                .iter()
                                .map(|l| format!("  {l}\n"))
                                .collect::<String>(),
                        ),
                        None => (String::new(), String::new()),
                    };
                    format!(
                        "{head}: stale{size}; the source changed since baseline {}:\n{blocks}{}",
                        short(pair.baseline.as_deref()),
                        style::diff(diff)
                    )
                }
                (None, reason) => format!(
                    "{head}: stale; diff unavailable: {}\n",
                    reason.as_deref().unwrap_or("unknown reason")
                ),
            },
            State::UpToDate if pair.cosmetic => {
                format!(
                    "{head}: up to date; the source changed only cosmetically since its baseline\n"
                )
            }
            State::UpToDate => format!("{head}: up to date; nothing changed in the source\n"),
            State::Unverified => format!(
                "{head}: unverified; it records no baseline, so there is nothing to diff against \
                 (run `tolk mark {}` once it matches the source)\n",
                pair.path
            ),
            State::Missing => format!(
                "{head}: missing; start it with `tolk new {} --locale {}`\n",
                pair.source_path.as_deref().unwrap_or(&pair.key),
                pair.locale
            ),
            State::Orphaned => format!(
                "{head}: orphaned; there is no source page for `{}`\n",
                pair.key
            ),
            State::Draft => format!("{head}: draft; still being translated\n"),
            State::Untranslated => format!(
                "{head}: untranslated; its text is still the source's ({}): translate it, then run `tolk mark {}`\n",
                pair.source_path.as_deref().unwrap_or(&pair.key),
                pair.path
            ),
        };
        text.push_str(&line);
    }
    out(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn short(hash: Option<&str>) -> &str {
    hash.map(|h| &h[..h.len().min(10)]).unwrap_or("?")
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
    let root = match &global.root {
        Some(root) => root.clone(),
        None => std::env::current_dir().context("cannot read the current folder")?,
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
                "{}: refusing to build: fix the {} error(s) above; the previous output was left as it was",
                style::paint(style::ERROR, "error"),
                findings.len()
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
            "built {} pages ({}) into {}\n",
            report.total_pages(),
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
                let _ = out(&format!("built {pages} pages in {millis} ms\n"));
            }
        }
        Event::Rebuilt(update) => {
            if !quiet {
                let pages = match update.pages {
                    1 => "1 page".to_string(),
                    n => format!("{n} pages"),
                };
                let _ = out(&format!(
                    "rebuilt {pages} in {} ms ({} changed; {} files written, {} removed{}; \
                     {} ms of it looking for changes{})\n",
                    update.millis,
                    match update.changed.as_slice() {
                        [one] => one.clone(),
                        many => format!("{} files", many.len()),
                    },
                    update.written,
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
