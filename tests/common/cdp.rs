//! A small Chrome DevTools Protocol client for the browser tests: headless Chromium with
//! `--remote-debugging-pipe`, spoken to over two named pipes (the protocol's file descriptors 3
//! and 4, set up by `sh`), so that a test can set the viewport to a phone's width, load pages
//! and evaluate scripts in them without any crate beyond serde_json.
//!
//! It also runs axe-core in pages ([`axe_problems`]): the accessibility rules every page the
//! tests check must pass.
//!
//! Every wait is bounded: a browser that stops answering fails the test instead of hanging it.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Where the tests expect Chromium (Debian's package).
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// How long one protocol command may take.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

/// Whether Chromium is installed. Where it is not, outside CI, prints how to install it and
/// returns `false` (the caller then returns); in CI (`CI` set) its absence fails the test.
pub fn chromium_available() -> bool {
    if Path::new(CHROMIUM).exists() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{CHROMIUM} is not installed; .ci/run installs it with `apt-get install -y chromium`"
    );
    eprintln!("not run: {CHROMIUM} is not installed (`apt-get install chromium`)");
    false
}

/// A headless Chromium and one page (tab) in it.
pub struct Browser {
    child: Child,
    input: std::fs::File,
    messages: Receiver<Value>,
    /// Events received while waiting for something else.
    pending: VecDeque<Value>,
    next_id: u64,
    session: String,
    _dir: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium with a fresh profile and opens a blank page with a `width`×`height`
    /// viewport (any width, also below the 500 px that a headless window is at least).
    pub fn start(width: u32, height: u32) -> Browser {
        let dir = tempfile::tempdir().expect("browser dir");
        let to_browser = dir.path().join("in");
        let from_browser = dir.path().join("out");
        for fifo in [&to_browser, &from_browser] {
            let ok = Command::new("mkfifo")
                .arg(fifo)
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "mkfifo {}", fifo.display());
        }
        let profile = dir.path().join("profile");
        let script = format!(
            "exec {CHROMIUM} --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
             --disable-background-networking --disable-component-update --disable-sync \
             --no-first-run --no-default-browser-check --hide-scrollbars \
             --remote-debugging-pipe --user-data-dir={} about:blank 3<{} 4>{}",
            quote(&profile),
            quote(&to_browser),
            quote(&from_browser),
        );
        let child = Command::new("sh")
            .arg("-c")
            .arg(script)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium starts");
        // The shell opens fd 3 (our writing end) first, then fd 4: open in the same order.
        let input = open_with_deadline(&to_browser, true);
        let output = open_with_deadline(&from_browser, false);
        let (send, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(output);
            let mut buffer = Vec::new();
            loop {
                buffer.clear();
                match reader.read_until(0, &mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        if buffer.last() == Some(&0) {
                            buffer.pop();
                        }
                        if let Ok(value) = serde_json::from_slice::<Value>(&buffer)
                            && send.send(value).is_err()
                        {
                            break;
                        }
                    }
                }
            }
        });
        let mut browser = Browser {
            child,
            input,
            messages,
            pending: VecDeque::new(),
            next_id: 0,
            session: String::new(),
            _dir: dir,
        };
        let target = browser.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().expect("target id").to_string();
        let attached = browser.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        browser.session = attached["sessionId"]
            .as_str()
            .expect("session id")
            .to_string();
        browser.command("Page.enable", json!({}));
        browser.command(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        );
        browser
    }

    /// Runs `source` in every document the page loads from now on, before its own scripts.
    pub fn add_script(&mut self, source: &str) {
        self.command(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": source}),
        );
    }

    /// Loads `url` and waits for its load event.
    pub fn open(&mut self, url: &str) {
        self.pending.clear();
        let navigated = self.command("Page.navigate", json!({"url": url}));
        if let Some(error) = navigated.get("errorText").and_then(Value::as_str) {
            panic!("cannot open {url}: {error}");
        }
        self.wait_event("Page.loadEventFired", Duration::from_secs(30))
            .unwrap_or_else(|| panic!("{url} did not finish loading within 30 s"));
    }

    /// Clicks the first element `selector` matches, like a reader would, and waits for the page
    /// it leads to.
    pub fn follow(&mut self, selector: &str) {
        self.pending.clear();
        let found = self.eval(&format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return false; e.click(); return true; }})()",
            serde_json::to_string(selector).expect("json")
        ));
        assert_eq!(found, true, "nothing to click: {selector}");
        self.wait_event("Page.loadEventFired", Duration::from_secs(30))
            .unwrap_or_else(|| panic!("clicking {selector} loaded no page within 30 s"));
    }

    /// Saves a PNG of the viewport as `path`.
    pub fn screenshot(&mut self, path: &Path) {
        let shot = self.command("Page.captureScreenshot", json!({"format": "png"}));
        let data = shot["data"].as_str().expect("screenshot data");
        std::fs::write(path, decode_base64(data)).expect("write screenshot");
    }

    /// Evaluates `expression` in the page (awaiting a promise) and returns its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.command(
            "Runtime.evaluate",
            json!({"expression": expression, "awaitPromise": true, "returnByValue": true}),
        );
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("script failed: {exception}\n{expression}");
        }
        result["result"]["value"].clone()
    }

    /// Waits up to `timeout` for the page's event `method`; returns its parameters.
    pub fn wait_event(&mut self, method: &str, timeout: Duration) -> Option<Value> {
        let deadline = Instant::now() + timeout;
        if let Some(at) = self
            .pending
            .iter()
            .position(|m| m["method"] == method && m["sessionId"] == self.session.as_str())
        {
            return self.pending.remove(at).map(|m| m["params"].clone());
        }
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            match self.messages.recv_timeout(left) {
                Ok(m) if m["method"] == method && m["sessionId"] == self.session.as_str() => {
                    return Some(m["params"].clone());
                }
                Ok(m) => self.pending.push_back(m),
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => panic!("chromium closed the connection"),
            }
        }
    }

    /// A command to the page.
    pub fn command(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.call(Some(&session), method, params)
    }

    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).expect("json");
        bytes.push(0);
        self.input
            .write_all(&bytes)
            .and_then(|()| self.input.flush())
            .unwrap_or_else(|e| panic!("cannot talk to chromium ({method}): {e}"));
        let deadline = Instant::now() + COMMAND_TIMEOUT;
        loop {
            let left = deadline
                .checked_duration_since(Instant::now())
                .unwrap_or_else(|| panic!("chromium did not answer {method} within 60 s"));
            match self.messages.recv_timeout(left) {
                Ok(m) if m["id"] == id => {
                    if let Some(error) = m.get("error") {
                        panic!("{method} failed: {error}");
                    }
                    return m["result"].clone();
                }
                Ok(m) => {
                    if m.get("method").is_some() {
                        self.pending.push_back(m);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("chromium did not answer {method} within 60 s")
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("chromium closed the connection during {method}")
                }
            }
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ask politely (Chromium then ends its helper processes), then make sure.
        let _ = self
            .input
            .write_all(b"{\"id\":999999999,\"method\":\"Browser.close\",\"params\":{}}\0");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Opens a named pipe, failing after 30 s (when Chromium never opens its end).
fn open_with_deadline(path: &Path, write: bool) -> std::fs::File {
    let (send, receive) = channel();
    let owned: PathBuf = path.to_path_buf();
    std::thread::spawn(move || {
        let file = if write {
            std::fs::OpenOptions::new().write(true).open(&owned)
        } else {
            std::fs::File::open(&owned)
        };
        let _ = send.send(file);
    });
    match receive.recv_timeout(Duration::from_secs(30)) {
        Ok(Ok(file)) => file,
        Ok(Err(e)) => panic!("cannot open {}: {e}", path.display()),
        Err(_) => panic!("chromium did not open its debugging pipe within 30 s"),
    }
}

fn quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut bits = 0u32;
    let mut count = 0;
    for v in text.bytes().filter_map(value) {
        bits = (bits << 6) | u32::from(v);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
}

/// The axe-core rule sets the site must pass: WCAG 2.0 and 2.1, levels A and AA, and axe's
/// best practices.
pub const AXE_TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/// The widths every page is checked at: a desktop and a phone.
pub const WIDTHS: [(u32, u32); 2] = [(1280, 900), (390, 844)];

/// Opens every `<details>`, runs axe-core, and measures how far the page scrolls sideways.
pub const AXE_RUN: &str = r#"(async () => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  const result = await axe.run(document, {
    runOnly: { type: "tag", values: TAGS },
    resultTypes: ["violations"],
  });
  const width = window.innerWidth;
  const wide = [];
  const clipped = el => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") return true;
    }
    return false;
  };
  document.querySelectorAll("body *").forEach(el => {
    const r = el.getBoundingClientRect();
    if (r.right > width + 0.5 && wide.length < 5 && !clipped(el)) {
      wide.push(el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "") + " right=" + Math.round(r.right));
    }
  });
  return {
    width,
    overflow: document.documentElement.scrollWidth - width,
    wide,
    violations: result.violations.map(v => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map(n => ({ target: n.target.join(" "), summary: n.failureSummary })),
    })),
  };
})()"#;

/// axe-core's browser bundle: `TOLK_AXE_CORE`, else `target/axe/node_modules/axe-core/axe.min.js`.
/// `None` (with instructions printed) where it is missing outside CI; a failure in CI.
pub fn axe_core() -> Option<String> {
    let path = match std::env::var_os("TOLK_AXE_CORE") {
        Some(path) => PathBuf::from(path),
        None => {
            let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
            tmp.parent()
                .unwrap_or(tmp)
                .join("axe/node_modules/axe-core/axe.min.js")
        }
    };
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(e) => {
            let how = "install it with `npm install --prefix target/axe axe-core@4.14.1` \
                       (as .ci/run does), or name axe.min.js in TOLK_AXE_CORE";
            assert!(
                std::env::var_os("CI").is_none(),
                "axe-core is missing at {} ({e}); {how}",
                path.display()
            );
            eprintln!("not run: axe-core is missing at {}; {how}", path.display());
            None
        }
    }
}

/// Runs axe-core and the sideways-scroll check on each of `urls` (below `base`) at both widths;
/// returns one line per problem: rule, impact, target and page.
pub fn axe_problems(axe: &str, base: &str, urls: &[String]) -> Vec<String> {
    let run = AXE_RUN.replace("TAGS", &serde_json::to_string(&AXE_TAGS).expect("tags"));
    let mut problems = Vec::new();
    for (width, height) in WIDTHS {
        let mut browser = Browser::start(width, height);
        browser.add_script(axe);
        for url in urls {
            browser.open(&format!("{base}{url}"));
            let result = browser.eval(&run);
            assert_eq!(result["width"], width, "viewport of {url}");
            let overflow = result["overflow"].as_i64().unwrap_or(0);
            if overflow > 0 {
                problems.push(format!(
                    "{url} at {width} px: scrolls sideways by {overflow} px (widest: {})",
                    result["wide"]
                ));
            }
            for violation in result["violations"].as_array().into_iter().flatten() {
                for node in violation["nodes"].as_array().into_iter().flatten() {
                    problems.push(format!(
                        "{url} at {width} px: {} ({}) {}: {} — {}",
                        violation["id"].as_str().unwrap_or_default(),
                        violation["impact"].as_str().unwrap_or("?"),
                        node["target"].as_str().unwrap_or_default(),
                        violation["help"].as_str().unwrap_or_default(),
                        node["summary"]
                            .as_str()
                            .unwrap_or_default()
                            .replace('\n', " "),
                    ));
                }
            }
        }
    }
    problems
}

/// Runs headless Chromium with a fresh profile; returns its stdout. Killed after 90 s.
pub fn chromium(work: &Path, args: &[&str]) -> String {
    let profile = tempfile::tempdir_in(work).expect("profile dir");
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut text);
        text
    });
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 90 s: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().expect("reader")
}
