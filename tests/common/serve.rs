//! A running `tolk serve` for the tests: started on a free port of 127.0.0.1, every line it
//! prints collected, and plain HTTP requests to it. Every wait is bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::Site;

/// A running `tolk serve --port 0` and the lines it prints.
pub struct Server {
    /// The `tolk serve` process.
    pub child: std::process::Child,
    lines: mpsc::Receiver<String>,
    /// The port it listens on.
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `tolk serve --port 0` in `site` and waits until it says where it serves.
    pub fn start(site: &Site) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("tolk"))
            .current_dir(site.root())
            .args(["serve", "--port", "0"])
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("tolk serve starts");
        let (send, lines) = mpsc::channel();
        let streams: [Option<Box<dyn Read + Send>>; 2] = [
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn Read + Send>),
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn Read + Send>),
        ];
        for stream in streams.into_iter().flatten() {
            let send = send.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if send.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let mut server = Server {
            child,
            lines,
            port: 0,
        };
        let line = server.wait_for("serving http://127.0.0.1:");
        server.port = line
            .trim_start_matches("serving http://127.0.0.1:")
            .split('/')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        server
    }

    /// The next line that contains `text`.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, |line| line.contains(text))
    }

    /// The next line that starts with `prefix`.
    pub fn wait_for_start(&self, prefix: &str) -> String {
        self.wait_until(prefix, |line| line.starts_with(prefix))
    }

    /// The next line that `matches`, within 30 s; `what` names it if none comes.
    fn wait_until(&self, what: &str, matches: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if matches(&line) => return line,
                Ok(_) => {}
                Err(_) => panic!("tolk serve never printed {what:?}"),
            }
        }
    }

    /// GET `path`: the status code and the body.
    pub fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .expect("request");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("response");
        let status = response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, body)| body.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// Waits until the build number that browsers poll is no longer `old`; returns the new one.
    pub fn next_version(&self, old: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            let (_, version) = self.get("/__tolk/version");
            if version != old {
                return version;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the build number stayed {old} for 30 s");
    }
}
