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
//! the page when it changes. A failed rebuild keeps the previous output and is reported.

use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::analyse::urls::percent_decode;
use crate::build::incremental::{Outcome, Session, Update};
use crate::error::{Error, Result};

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

/// Builds, serves and rebuilds until the process is stopped. Returns only on an error that
/// stops serving altogether (the port is taken, say).
pub fn serve(options: &ServeOptions, log: &mut dyn FnMut(Event)) -> Result<()> {
    let version = Arc::new(AtomicU64::new(0));
    configure_host(options);
    let mut session = Session::new(&options.root, options.config_file.as_deref(), &options.out);
    session.watch();
    let start = Instant::now();
    let first = session.full().map(Outcome::Full);
    report(first, start, &version, log);
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, options.port));
    let listener = TcpListener::bind(address).map_err(|e| {
        Error::Usage(format!(
            "cannot listen on {address}: {e}; pass another --port (0 picks a free one)"
        ))
    })?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::io("cannot serve on", options.out.clone(), e))?;
    log(Event::Listening(local));
    let out = options.out.clone();
    let served_version = Arc::clone(&version);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let out = out.clone();
            let version = Arc::clone(&served_version);
            std::thread::spawn(move || {
                let _ = handle(stream, &out, &version);
            });
        }
    });
    loop {
        // Returns as soon as a change is saved (file notifications), else after `poll`.
        let _ = session.wait(options.poll);
        let start = Instant::now();
        if let Some(result) = session.update() {
            report(result, start, &version, log);
        }
    }
}

/// Tells about a build and, where it wrote something, bumps the version browsers poll.
fn report(
    result: Result<Outcome>,
    start: Instant,
    version: &AtomicU64,
    log: &mut dyn FnMut(Event),
) {
    match result {
        Ok(Outcome::Full(report)) => {
            version.fetch_add(1, Ordering::SeqCst);
            log(Event::Built {
                pages: report.total_pages(),
                millis: start.elapsed().as_millis(),
                warnings: report.warnings,
            });
        }
        Ok(Outcome::Partial(update)) => {
            if update.written + update.removed > 0 {
                version.fetch_add(1, Ordering::SeqCst);
            }
            log(Event::Rebuilt(update));
        }
        Err(e) => log(Event::Failed(e.to_string())),
    }
}

/// Serves one request on `stream`.
fn handle(mut stream: TcpStream, out: &Path, version: &AtomicU64) -> std::io::Result<()> {
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
    let current = version.load(Ordering::SeqCst);
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
                inject_reload(bytes, current)
            } else {
                bytes
            };
            respond(&mut stream, 200, kind, &body, head)
        }
        Err(_) => {
            let page = not_found_page(out, &decoded);
            let body = match std::fs::read(page) {
                Ok(bytes) => inject_reload(bytes, current),
                Err(_) => b"<!DOCTYPE html><title>404</title><p>Not found. The build may have failed: see the terminal.</p>".to_vec(),
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

fn inject_reload(mut html: Vec<u8>, version: u64) -> Vec<u8> {
    let script = format!(
        "<script>/* tolk serve: reload on rebuild */(function(){{var v=\"{version}\";\
         setInterval(function(){{fetch(\"{VERSION_PATH}\",{{cache:\"no-store\"}})\
         .then(function(r){{return r.text()}}).then(function(t){{if(t!==v)location.reload()}})\
         .catch(function(){{}})}},1000)}})();</script>\n"
    );
    let at = find_last(&html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, script.into_bytes());
    html
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
        let html = inject_reload(b"<html><body><p>x</p></body></html>".to_vec(), 3);
        let text = String::from_utf8(html).unwrap();
        assert!(text.contains("var v=\"3\""));
        assert!(text.find("<script>").unwrap() < text.find("</body>").unwrap());
    }
}
