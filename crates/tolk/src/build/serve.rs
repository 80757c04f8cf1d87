//! `tolk serve`: build, serve the output on 127.0.0.1, rebuild when the site changes, and tell
//! the browser to reload.
//!
//! The server is deliberately small (std only): GET and HEAD of files below the output folder,
//! one request per connection, the locale's `404.html` for anything missing. Changes are seen
//! through file notifications where the platform has them, else by polling the modification
//! times of the content, locales and templates folders and tolk.yaml, and rebuilt
//! incrementally ([`super::incremental`]): a page edit re-renders that
//! page (and what shows its title or menu entry), a template or UI-string edit the whole site.
//! Each rebuild that writes something bumps a version number; HTML responses get a few lines of
//! script (added only here, never to the built files) that poll `/__tolk/version` and reload
//! the page when it changes. A failed build keeps the previous output, is reported in the
//! terminal, and bumps the version too: until a build succeeds again, every HTML page served
//! carries an overlay that says what failed, with each finding's file and line, so that the
//! browser never silently shows the old page as if the change had been published.
//!
//! The port is taken before anything is built: a port in use fails at once, naming the port and
//! how to pick another.

use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::build::incremental::{Outcome, Session, Update, Watcher};
use crate::error::{Error, Result};
use crate::model::output_path::percent_decode;

/// Where the live-reload script asks for the current build number.
pub const VERSION_PATH: &str = "/__tolk/version";

/// What `tolk serve` serves and watches.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// An explicit configuration file, if any.
    pub config_file: Option<PathBuf>,
    /// The output folder.
    pub out: PathBuf,
    /// The port on 127.0.0.1 (0: any free port).
    pub port: u16,
    /// How often to look for changes.
    pub poll: Duration,
}

/// Something `serve` has to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The server listens at this address.
    Listening(SocketAddr),
    /// A build succeeded: pages published and the time it took.
    Built {
        /// Pages published.
        pages: usize,
        /// Milliseconds taken.
        millis: u128,
        /// Warnings of the build.
        warnings: Vec<String>,
    },
    /// An incremental rebuild after a change: what changed, what was rendered and written,
    /// and the time it took.
    Rebuilt(Update),
    /// A build failed; the previous output is still served.
    Failed(String),
}

/// What the server tells browsers: the build number they poll, and why the last build failed
/// while it has not been fixed.
#[derive(Debug, Default)]
struct Live {
    version: AtomicU64,
    failure: Mutex<Option<BuildFailure>>,
}

/// A failed build, as the overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct BuildFailure {
    /// The error in a sentence (the findings' list left out where there are findings).
    summary: String,
    /// The findings that stopped the build: `(file, line, code, message)`.
    findings: Vec<(String, Option<u32>, String, String)>,
}

impl BuildFailure {
    fn of(error: &Error) -> BuildFailure {
        match error {
            Error::Blocked { findings } => BuildFailure {
                summary: format!(
                    "The build was refused: {} error(s) must be fixed first.",
                    findings.len()
                ),
                findings: findings
                    .iter()
                    .map(|f| (f.path.clone(), f.line, f.code.clone(), f.message.clone()))
                    .collect(),
            },
            other => BuildFailure {
                summary: other.to_string(),
                findings: Vec::new(),
            },
        }
    }
}

impl Live {
    /// Records the outcome of a build: why it failed (`None`: it did not), and whether it wrote
    /// something. Bumps the version once where either changes what a browser should show.
    fn settle(&self, failure: Option<BuildFailure>, wrote: bool) {
        let changed = match self.failure.lock() {
            Ok(mut slot) if *slot != failure => {
                *slot = failure;
                true
            }
            _ => false,
        };
        if changed || wrote {
            self.version.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn failure(&self) -> Option<BuildFailure> {
        self.failure.lock().ok().and_then(|f| f.clone())
    }
}

/// Takes the port, then builds, serves and rebuilds until the process is stopped. Changes are
/// seen through `watcher`'s file notifications where it has them, else by polling. Returns only
/// on an error that stops serving altogether: the port is taken (before anything is built).
pub fn serve(
    options: &ServeOptions,
    watcher: Option<Box<dyn Watcher>>,
    log: &mut dyn FnMut(Event),
) -> Result<()> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, options.port));
    let listener = TcpListener::bind(address).map_err(|e| cannot_listen(options.port, &e))?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::io("cannot serve on", options.out.clone(), e))?;
    let live = Arc::new(Live::default());
    configure_host(options);
    let mut session = Session::new(&options.root, options.config_file.as_deref(), &options.out);
    if let Some(watcher) = watcher {
        session.watch(watcher);
    }
    let start = Instant::now();
    let first = session.full().map(Outcome::Full);
    report(first, start, &live, log);
    log(Event::Listening(local));
    let out = options.out.clone();
    let served = Arc::clone(&live);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let out = out.clone();
            let live = Arc::clone(&served);
            std::thread::spawn(move || {
                let _ = handle(stream, &out, &live);
            });
        }
    });
    loop {
        // Returns as soon as a change is saved (file notifications), else after `poll`.
        let _ = session.wait(options.poll);
        let start = Instant::now();
        if let Some(result) = session.update() {
            report(result, start, &live, log);
        } else if !session.is_failing() {
            // The files were changed back to what was last built: nothing is wrong any more.
            live.settle(None, false);
        }
    }
}

/// The error for a port that cannot be listened on: which port, and how to pick another.
fn cannot_listen(port: u16, error: &std::io::Error) -> Error {
    if error.kind() == std::io::ErrorKind::AddrInUse {
        let other = port.checked_add(1).unwrap_or(8000);
        return Error::Usage(format!(
            "port {port} on 127.0.0.1 is already in use (by another `tolk serve` or another \
             server); nothing was built. Pick another port with --port, e.g. `tolk serve --port \
             {other}`, or `--port 0` for any free one"
        ));
    }
    Error::Usage(format!(
        "cannot listen on port {port} of 127.0.0.1: {error}; pick another port with --port \
         (`--port 0` picks any free one)"
    ))
}

/// Tells about a build; where it wrote something, or failed, or stopped failing, bumps the
/// version browsers poll.
fn report(result: Result<Outcome>, start: Instant, live: &Live, log: &mut dyn FnMut(Event)) {
    match result {
        Ok(Outcome::Full(report)) => {
            live.settle(None, true);
            log(Event::Built {
                pages: report.total_pages(),
                millis: start.elapsed().as_millis(),
                warnings: report.warnings,
            });
        }
        Ok(Outcome::Partial(update)) => {
            live.settle(None, update.written + update.removed > 0);
            log(Event::Rebuilt(update));
        }
        Err(e) => {
            live.settle(Some(BuildFailure::of(&e)), false);
            log(Event::Failed(e.to_string()));
        }
    }
}

/// Serves one request on `stream`.
fn handle(mut stream: TcpStream, out: &Path, live: &Live) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let request_line = match read_head(&mut reader) {
        Ok(head) if !host_allowed(head.host.as_deref()) => {
            return respond(
                &mut stream,
                403,
                "text/plain; charset=utf-8",
                b"forbidden: tolk serve answers only requests for localhost, 127.0.0.1 or [::1]\n",
                false,
            );
        }
        Ok(head) => head.request_line,
        Err(status) => {
            return respond(
                &mut stream,
                status,
                "text/plain; charset=utf-8",
                b"request too large\n",
                false,
            );
        }
    };
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default();
    let target = parts.next().unwrap_or("/");
    let head = method == "HEAD";
    if method != "GET" && !head {
        return respond(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed\n",
            head,
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let current = live.version.load(Ordering::SeqCst);
    let failure = live.failure();
    if path == VERSION_PATH {
        return respond(
            &mut stream,
            200,
            "text/plain; charset=utf-8",
            current.to_string().as_bytes(),
            head,
        );
    }
    let Some(decoded) = percent_decode(path) else {
        return respond(
            &mut stream,
            400,
            "text/plain; charset=utf-8",
            b"bad request\n",
            head,
        );
    };
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments
        .iter()
        .any(|s| *s == ".." || *s == "." || s.contains(['\\', '\0', ':']))
    {
        return respond(
            &mut stream,
            400,
            "text/plain; charset=utf-8",
            b"bad request\n",
            head,
        );
    }
    let mut file = out.to_path_buf();
    file.extend(&segments);
    if file.is_dir() {
        if !path.ends_with('/') {
            return redirect(&mut stream, &directory_location(path));
        }
        file.push("index.html");
    }
    match std::fs::read(&file) {
        Ok(bytes) => {
            let kind = content_type(&file);
            let body = if kind.starts_with("text/html") {
                inject_reload(bytes, current, failure.as_ref())
            } else {
                bytes
            };
            respond(&mut stream, 200, kind, &body, head)
        }
        Err(_) => {
            let page = not_found_page(out, &decoded);
            let body = match std::fs::read(page) {
                Ok(bytes) => inject_reload(bytes, current, failure.as_ref()),
                Err(_) => inject_reload(
                    b"<!DOCTYPE html><html lang=\"en\"><title>404</title><main><p>Not found. The build may have failed: see the terminal.</p></main></html>".to_vec(),
                    current,
                    failure.as_ref(),
                ),
            };
            respond(&mut stream, 404, "text/html; charset=utf-8", &body, head)
        }
    }
}

/// The longest request line or header line `tolk serve` reads; a longer one is refused
/// while it is read, never buffered whole.
const MAX_LINE: usize = 8 * 1024;
/// The most header lines read before the request is refused.
const MAX_HEADERS: usize = 100;

/// The request line and `Host` of a request, read with every line capped.
struct RequestHead {
    request_line: String,
    host: Option<String>,
}

/// Reads the request line and the headers (only `Host` is kept). An over-long line gives
/// 414 (request line) or 431 (headers), too many headers 431.
fn read_head(reader: &mut impl BufRead) -> std::result::Result<RequestHead, u16> {
    let request_line = read_capped_line(reader).map_err(|_| 414u16)?;
    let mut host = None;
    for _ in 0..MAX_HEADERS {
        let line = read_capped_line(reader).map_err(|_| 431u16)?;
        if line.trim_end().is_empty() {
            return Ok(RequestHead { request_line, host });
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("host")
        {
            host = Some(value.trim().to_string());
        }
    }
    Err(431)
}

/// One line of at most [`MAX_LINE`] bytes (an end of stream ends it); longer is an error.
fn read_capped_line(reader: &mut impl BufRead) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    std::io::Read::take(&mut *reader, MAX_LINE as u64 + 1).read_until(b'\n', &mut bytes)?;
    if bytes.len() > MAX_LINE {
        return Err(std::io::Error::other("line too long"));
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Whether a request's `Host` names this machine's loopback, or the host of the site's
/// `base_url` (with any port). Any other name is refused: a page elsewhere could otherwise point its own host name at 127.0.0.1 (DNS
/// rebinding) and read the site being edited. A request without `Host` (not a browser's) is
/// let through.
/// The host name of the site's `base_url`, which `tolk serve` also answers to (a local name
/// pointed at this machine to preview the site under its own name).
static CONFIGURED_HOST: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();

/// Reads the host name of the site's `base_url` for [`host_allowed`].
fn configure_host(options: &ServeOptions) {
    let host = crate::config::Config::discover(&options.root, options.config_file.as_deref())
        .ok()
        .and_then(|config| config.base_url)
        .and_then(|url| {
            let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
            let name = if host.starts_with('[') {
                host.split_once(']').map(|(n, _)| format!("{n}]"))
            } else {
                host.split(':').next().map(str::to_string)
            };
            name.filter(|n| !n.is_empty()).map(|n| {
                n.trim_start_matches('[')
                    .trim_end_matches(']')
                    .to_ascii_lowercase()
            })
        });
    let _ = CONFIGURED_HOST.set(host);
}

fn host_allowed(host: Option<&str>) -> bool {
    let Some(host) = host else {
        return true;
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((name, port)) if port.is_empty() || valid_port(port) => name,
            _ => return false,
        }
    } else {
        match host.split_once(':') {
            Some((name, port)) if valid_port(port) => name,
            Some(_) => return false,
            None => host,
        }
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    matches!(name.as_str(), "localhost" | "127.0.0.1" | "::1")
        || CONFIGURED_HOST
            .get()
            .and_then(Option::as_ref)
            .is_some_and(|configured| *configured == name)
}

fn valid_port(port: &str) -> bool {
    port.strip_prefix(':')
        .unwrap_or(port)
        .parse::<u16>()
        .is_ok()
}

/// Where a request for a folder without its trailing slash is sent: the same path on the same
/// server, with one leading slash. `//host` would be protocol-relative (another server).
fn directory_location(path: &str) -> String {
    format!("/{}/", path.trim_start_matches('/'))
}

/// The 404 page of the locale whose folder is the longest prefix of `path`.
fn not_found_page(out: &Path, path: &str) -> PathBuf {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    for n in (0..segments.len()).rev() {
        let mut candidate = out.to_path_buf();
        candidate.extend(&segments[..n]);
        candidate.push("404.html");
        if candidate.is_file() {
            return candidate;
        }
    }
    out.join("404.html")
}

/// The id of the overlay that shows a failed build.
const OVERLAY_ID: &str = "tolk-build-error";

/// Adds the live-reload script, and the overlay of a failed build where there is one, before
/// `</body>`.
fn inject_reload(mut html: Vec<u8>, version: u64, failure: Option<&BuildFailure>) -> Vec<u8> {
    let mut added = failure.map(overlay).unwrap_or_default();
    added.push_str(&format!(
        "<script>/* tolk serve: reload on rebuild */(function(){{var v=\"{version}\";\
         setInterval(function(){{fetch(\"{VERSION_PATH}\",{{cache:\"no-store\"}})\
         .then(function(r){{return r.text()}}).then(function(t){{if(t!==v)location.reload()}})\
         .catch(function(){{}})}},1000)}})();</script>\n"
    ));
    let at = find_last(&html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, added.into_bytes());
    html
}

/// The overlay of a failed build: what failed, each finding with its file and line, and that
/// the page below is the last good build. Styled inline (the site's stylesheet is not assumed)
/// with AA contrast; a button hides it.
fn overlay(failure: &BuildFailure) -> String {
    let mut items = String::new();
    for (path, line, code, message) in &failure.findings {
        let place = match line {
            Some(line) => format!("{path}:{line}"),
            None => path.clone(),
        };
        items.push_str(&format!(
            "<li style=\"margin:0 0 .5rem\"><code style=\"font-weight:700\">{}</code> \
             <span style=\"background:#fff;color:#8a1c1c;padding:0 .3rem;border-radius:3px\">{}</span> \
             {}</li>",
            crate::escape::html(&place),
            crate::escape::html(code),
            crate::escape::html(message)
        ));
    }
    let list = if items.is_empty() {
        String::new()
    } else {
        format!("<ul style=\"margin:.75rem 0;padding-left:1.25rem\">{items}</ul>")
    };
    format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alert\" lang=\"en\" style=\"position:fixed;inset:auto 0 0 0;\
         z-index:2147483647;max-height:60vh;overflow:auto;background:#8a1c1c;color:#fff;\
         font:16px/1.5 system-ui,sans-serif;padding:1rem 1.25rem;box-shadow:0 -4px 16px rgba(0,0,0,.35)\">\
         <p style=\"margin:0;font-size:1.15rem;font-weight:700\">tolk serve: the last change did not \
         build</p><p style=\"margin:.25rem 0 0\">{}</p>{list}<p style=\"margin:0\">This page is the \
         last good build; it reloads when the site builds again. Details are in the terminal.</p>\
         <button type=\"button\" onclick=\"this.parentNode.hidden=true\" style=\"margin-top:.75rem;\
         font:inherit;padding:.3rem .9rem;background:#fff;color:#8a1c1c;border:0;border-radius:4px;\
         cursor:pointer\">Hide</button></div>\n",
        crate::escape::html(&failure.summary)
    )
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    kind: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        403 => "Forbidden",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        _ => "Error",
    };
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn redirect(stream: &mut TcpStream, location: &str) -> std::io::Result<()> {
    let header = format!(
        "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(header.as_bytes())?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_locations() {
        for ok in [
            "localhost",
            "localhost:8080",
            "127.0.0.1:1313",
            "[::1]:80",
            "[::1]",
            "LOCALHOST.",
        ] {
            assert!(host_allowed(Some(ok)), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:80",
            "127.0.0.1.evil.example",
            "localhost:x",
            "[::2]:80",
            "",
        ] {
            assert!(!host_allowed(Some(bad)), "{bad}");
        }
        assert_eq!(directory_location("//en"), "/en/");
        assert_eq!(directory_location("/en"), "/en/");
    }

    #[test]
    fn reload_script_goes_before_body_end() {
        let html = inject_reload(b"<html><body><p>x</p></body></html>".to_vec(), 3, None);
        let text = String::from_utf8(html).unwrap();
        assert!(text.contains("var v=\"3\""));
        assert!(text.find("<script>").unwrap() < text.find("</body>").unwrap());
        assert!(!text.contains(OVERLAY_ID));
    }

    #[test]
    fn a_failed_build_shows_an_overlay_with_file_line_and_finding() {
        let failure = BuildFailure {
            summary: "The build was refused: 1 error(s) must be fixed first.".into(),
            findings: vec![(
                "content/nb/om.md".into(),
                Some(2),
                "front-matter".into(),
                "invalid YAML: <unclosed> [".into(),
            )],
        };
        let html = inject_reload(
            b"<html><body><p>x</p></body></html>".to_vec(),
            4,
            Some(&failure),
        );
        let text = String::from_utf8(html).unwrap();
        let overlay = &text[text.find(OVERLAY_ID).unwrap()..text.find("</body>").unwrap()];
        assert!(overlay.contains("content/nb/om.md:2"), "{overlay}");
        assert!(overlay.contains("front-matter"), "{overlay}");
        assert!(
            overlay.contains("invalid YAML: &lt;unclosed&gt; ["),
            "{overlay}"
        );
        assert!(overlay.contains("role=\"alert\""), "{overlay}");
    }

    #[test]
    fn a_taken_port_names_the_port_and_the_option() {
        let taken = std::io::Error::from(std::io::ErrorKind::AddrInUse);
        let message = cannot_listen(8080, &taken).to_string();
        assert!(message.contains("port 8080"), "{message}");
        assert!(message.contains("--port 8081"), "{message}");
    }
}
