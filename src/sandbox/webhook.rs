//! The creation result POSTed to a call's `StatusWebhookURL`: only to the loopback address, so a
//! demonstration never reaches another machine, and by a small hand-written HTTP/1.1 request
//! (the crate's HTTP client belongs to the client side, which the sandbox must not share).

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use url::{Host, Url};

use super::tasks::Plan;

/// The real service creates tasks after it has answered; waiting a little keeps that order
/// visible (the acknowledgement first, the result after) without tracking the response.
const AFTER_ANSWER: Duration = Duration::from_millis(100);
/// A listener that accepts and never answers must not hold a task forever.
const GIVE_UP: Duration = Duration::from_secs(5);
/// More than a status line needs; a listener cannot make the sandbox read without end.
const STATUS_LINE_MAX: u64 = 1024;

/// Where to deliver: the address to connect to and what goes in the request line and `Host`.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Target {
    addr: SocketAddr,
    host_header: String,
    path: String,
}

/// The delivery target when `url` is plain HTTP to 127.0.0.1, `localhost` or `[::1]` (any
/// loopback address); `None` for every other URL, which the sandbox never contacts.
pub(super) fn loopback_target(url: &str) -> Option<Target> {
    let url = Url::parse(url).ok()?;
    if url.scheme() != "http" {
        return None;
    }
    let ip: IpAddr = match url.host()? {
        Host::Ipv4(ip) if ip.is_loopback() => ip.into(),
        Host::Ipv6(ip) if ip.is_loopback() => ip.into(),
        // Resolved here rather than by DNS, so no resolver can send it elsewhere.
        Host::Domain(name) if name.eq_ignore_ascii_case("localhost") => Ipv4Addr::LOCALHOST.into(),
        _ => return None,
    };
    let host = url.host_str()?;
    let host_header = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    let mut path = url.path().to_owned();
    if let Some(query) = url.query() {
        path.push('?');
        path.push_str(query);
    }
    Some(Target {
        addr: SocketAddr::new(ip, url.port_or_known_default()?),
        host_header,
        path,
    })
}

/// What the sandbox reports for an accepted call: each task created (with the id `Retrieve`
/// lists) or failed, as planned. The real result's shape is undocumented; this one says it is
/// the sandbox's.
pub(super) fn result(request_id: &str, body: &Value, plan: &Plan) -> Value {
    let tasks: Vec<Value> = body["TaskList"]
        .as_array()
        .into_iter()
        .flatten()
        .zip(plan)
        .enumerate()
        .map(|(index, (task, planned))| match planned {
            Ok(id) => json!({
                "Task": index + 1,
                "Name": task["Name"],
                "Status": "Created",
                "TaskId": id
            }),
            Err(message) => json!({
                "Task": index + 1,
                "Name": task["Name"],
                "Status": "Failed",
                "Message": message
            }),
        })
        .collect();
    let created = tasks
        .iter()
        .filter(|task| task["Status"] == "Created")
        .count();
    json!({
        "Sandbox": true,
        "RequestId": request_id,
        "Status": "Completed",
        "TasksCount": tasks.len(),
        "CreatedCount": created,
        "FailedCount": tasks.len() - created,
        "Tasks": tasks
    })
}

/// Delivers `payload` in the background, best effort: a failure is logged, never retried.
pub(super) fn spawn(target: Target, payload: Value) {
    tokio::spawn(async move {
        tokio::time::sleep(AFTER_ANSWER).await;
        match tokio::time::timeout(GIVE_UP, post(&target, &payload)).await {
            Ok(Ok(status)) => tracing::info!(to = %target.addr, %status, "webhook delivered"),
            Ok(Err(error)) => tracing::warn!(to = %target.addr, %error, "webhook not delivered"),
            Err(_) => tracing::warn!(to = %target.addr, "webhook listener did not answer"),
        }
    });
}

/// Sends one request and returns the listener's status line.
async fn post(target: &Target, payload: &Value) -> io::Result<String> {
    let body = payload.to_string();
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nUser-Agent: lsq-tasks-sandbox\r\nConnection: close\r\n\r\n",
        target.path,
        target.host_header,
        body.len()
    );
    let mut stream = TcpStream::connect(target.addr).await?;
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    stream.flush().await?;
    let mut status = String::new();
    BufReader::new(stream.take(STATUS_LINE_MAX))
        .read_line(&mut status)
        .await?;
    Ok(status.trim_end().to_owned())
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case::ipv4("http://127.0.0.1:9000/hook?x=1", "127.0.0.1:9000", "/hook?x=1")]
    #[case::localhost("http://LOCALHOST/", "127.0.0.1:80", "/")]
    #[case::ipv6("http://[::1]:81/a%20b", "[::1]:81", "/a%20b")]
    fn a_loopback_url_is_a_target(#[case] url: &str, #[case] addr: &str, #[case] path: &str) {
        let target = loopback_target(url).unwrap();
        assert_eq!(target.addr, addr.parse().unwrap());
        assert_eq!(target.path, path);
    }

    #[rstest]
    #[case::other_host("http://hooks.example.com/lsq")]
    #[case::private_address("http://10.0.0.1/lsq")]
    #[case::https("https://127.0.0.1/lsq")]
    #[case::localhost_lookalike("http://localhost.example.com/")]
    #[case::not_a_url("hooks")]
    fn any_other_url_is_never_contacted(#[case] url: &str) {
        assert_eq!(loopback_target(url), None);
    }
}
