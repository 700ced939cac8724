//! Test helpers shared by the integration tests: a loopback HTTP server that records what
//! arrives and answers as told, and an environment for running the real binary against
//! temporary folders.

#![allow(
    dead_code,
    reason = "each test file uses a different part of this module"
)]

pub mod pty;
pub mod ui;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `POST /v2/Task.svc/Bulk/Create?x=y`
    pub request_line: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// How the recorder answers one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A complete answer: status, extra headers, body.
    Answer(u16, Vec<(&'static str, String)>, String),
    /// Read the request, then close without a byte.
    Close,
    /// Read the request and never answer.
    Hang,
    /// Announce a body of `declared` bytes, send `sent`, then close.
    Partial { declared: usize, sent: String },
    /// Wait, then answer 200 with this body.
    Slow(Duration, String),
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Answer(
            status,
            vec![("Content-Type", "application/json".into())],
            body.into(),
        )
    }
}

/// A loopback server answering request `i` with `replies[i]` (the last one repeats).
pub struct Recorder {
    pub url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl Recorder {
    pub async fn start(replies: Vec<Reply>) -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        tokio::spawn(async move {
            let mut count = 0;
            while let Ok((stream, _)) = listener.accept().await {
                let reply = replies[count.min(replies.len() - 1)].clone();
                count += 1;
                let seen = Arc::clone(&seen);
                tokio::spawn(async move { serve(stream, reply, seen).await });
            }
        });
        Recorder { url, requests }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

async fn serve(mut stream: TcpStream, reply: Reply, seen: Arc<Mutex<Vec<Recorded>>>) {
    let Some(recorded) = read_request(&mut stream).await else {
        return;
    };
    seen.lock().unwrap().push(recorded);
    let answer = |status: u16, headers: &[(&str, String)], body: &str, declared: usize| {
        let mut head = format!("HTTP/1.1 {status} X\r\nContent-Length: {declared}\r\n");
        for (name, value) in headers {
            head = head + name + ": " + value + "\r\n";
        }
        head.push_str("Connection: close\r\n\r\n");
        head.push_str(body);
        head
    };
    let text = match reply {
        Reply::Answer(status, headers, body) => answer(status, &headers, &body, body.len()),
        Reply::Close => return,
        Reply::Hang => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            return;
        }
        Reply::Partial { declared, sent } => answer(200, &[], &sent, declared),
        Reply::Slow(wait, body) => {
            tokio::time::sleep(wait).await;
            answer(200, &[], &body, body.len())
        }
    };
    let _ = stream.write_all(text.as_bytes()).await;
    let _ = stream.shutdown().await;
}

async fn read_request(stream: &mut TcpStream) -> Option<Recorded> {
    let mut data = Vec::new();
    let mut buffer = [0_u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut buffer).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buffer[..n]);
        if let Some(at) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let first = lines.next()?;
    let request_line = first.rsplit_once(' ').map_or(first, |(l, _)| l).to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    while data.len() < head_end + length {
        let n = stream.read(&mut buffer).await.ok()?;
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buffer[..n]);
    }
    let body = String::from_utf8_lossy(&data[head_end..]).into_owned();
    Some(Recorded {
        request_line,
        headers,
        body,
    })
}

/// A port on 127.0.0.1 with nothing listening (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Points the binary's folders at `root` and clears every override that could leak in from
/// the machine running the tests.
pub fn isolate(command: &mut assert_cmd::Command, root: &Path) {
    command
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_DATA_HOME", root.join("data"))
        .env("XDG_STATE_HOME", root.join("state"))
        .env("XDG_CACHE_HOME", root.join("cache"))
        .env("HOME", root)
        .env("LSQ_NOW", "2026-12-03T09:00:00Z")
        .env("TZ", "Asia/Kolkata")
        .env_remove("LSQ_PROFILE")
        .env_remove("LSQ_HOST")
        .env_remove("LSQ_ACCESS_KEY")
        .env_remove("LSQ_SECRET_KEY")
        .env_remove("LSQ_LOG");
}
