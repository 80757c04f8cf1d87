//! `tolk serve`: build, serve on 127.0.0.1 and rebuild on every change, printing what happened.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use tolk::Severity;
use tolk::Site;
use tolk::report::{self, style};

use crate::args::Global;
use crate::output::out;

/// Serves `site` on `port`, built into `out_dir` (ROOT/public without one), until stopped.
pub(crate) fn serve(
    site: &Site,
    global: &Global,
    port: u16,
    out_dir: Option<&Path>,
) -> Result<ExitCode> {
    use tolk::serve::{Event, ServeOptions};
    let options = ServeOptions {
        root: site.root.clone(),
        config_file: global.config.clone(),
        out: out_dir.map_or_else(|| site.root.join("public"), Path::to_path_buf),
        port,
        poll: std::time::Duration::from_millis(400),
    };
    let quiet = global.quiet;
    let watcher = Box::new(tolk_cli::watch::Notify::default());
    tolk::serve::serve(&options, Some(watcher), &mut |event| match event {
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
