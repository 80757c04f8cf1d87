//! The command line's arguments: the global options, every command with its flags and help
//! text, and the value lists (formats, `--fail-on`, `--color`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use tolk::Severity;

/// tolk keeps a multilingual Markdown site's source pages and their translations in step.
///
/// Translators see what to translate or update and exactly what changed in the source;
/// CI decides whether the site may be published.
#[derive(Debug, Parser)]
#[command(name = "tolk", version = env!("TOLK_VERSION"), about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub(crate) global: Global,
    #[command(subcommand)]
    pub(crate) command: Command,
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
pub(crate) struct Global {
    /// The site root [default: the current folder, or the nearest parent with tolk.yaml or content/]
    #[arg(long, global = true, value_name = "DIR")]
    pub(crate) root: Option<PathBuf>,
    /// Configuration file [default: ROOT/tolk.yaml, else built-in defaults]
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// When to colour output (NO_COLOR is honoured with `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    pub(crate) color: ColorWhen,
    /// Print only findings and errors
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,
    /// Print more detail (diffs in `check`)
    #[arg(short, long, global = true)]
    pub(crate) verbose: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
pub(crate) enum StatusFormat {
    Text,
    Json,
    /// A self-contained HTML dashboard
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum CheckFormat {
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
pub(crate) enum ExchangeFormat {
    /// XLIFF 1.2
    Xliff,
    /// gettext PO
    Po,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum FailOn {
    Error,
    Warning,
    Never,
}

impl FailOn {
    pub(crate) fn fails(self, worst: Option<Severity>) -> bool {
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
