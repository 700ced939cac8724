//! Every network fault through the real client against a real loopback server, seen from both
//! faces: the CLI's message and exit code, and the UI's submit view with the staging list kept
//! unless the call was accepted. One table, run in parallel, so the suite pays once for the
//! slowest case (a five-second stall).

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

mod support;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use assert_cmd::Command;
use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lsq_tasks::config::{Host, Keys, Paths, Profile, Secret, Settings};
use lsq_tasks::store::Drafts;
use lsq_tasks::task::{Zone, read_body};
use lsq_tasks::tui::{App, TuiOptions, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::{Recorder, Reply, closed_port, isolate};
use tokio::net::TcpListener;

const MIXED: &str = "assets/examples/mixed.json";
const ACCESS: &str = "u$faults-access-3Kd9";
const SECRET: &str = "faults-secret-Wm27";

/// One fault: where to send, with which timeout, and what each face must say.
struct Case {
    name: &'static str,
    url: String,
    timeout_secs: u64,
    /// The class `Outcome::class` gives, which decides the exit code.
    class: &'static str,
    exit: i32,
    /// In the CLI's standard output and in the UI's submit view alike.
    says: String,
    /// Also shown (the HTML of a 500, the text of a non-JSON 200).
    shows: Option<&'static str>,
    /// Requests the server must have seen when it counts them.
    server: Option<Recorder>,
    requests: usize,
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
}

/// An https server on loopback whose certificate no one signed: the handshake must fail.
async fn self_signed_server() -> String {
    use tokio_rustls::rustls;
    let _ = rustls::crypto::ring::default_provider().install_default();
    let key = rcgen::generate_simple_self_signed(vec!["127.0.0.1".into()]).unwrap();
    let cert = rustls::pki_types::CertificateDer::from(key.cert.der().to_vec());
    let private = rustls::pki_types::PrivateKeyDer::Pkcs8(key.signing_key.serialize_der().into());
    let config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(vec![cert], private)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            // The client gives up during the handshake; nothing more to serve.
            tokio::spawn(async move { acceptor.accept(stream).await });
        }
    });
    url
}

#[expect(
    clippy::too_many_lines,
    reason = "one table: a row per fault reads best in one place"
)]
async fn cases() -> Vec<Case> {
    let recorded = |replies| async { Recorder::start(replies).await };
    let hang = recorded(vec![Reply::Hang]).await;
    let partial = recorded(vec![Reply::Partial {
        declared: 100,
        sent: "{\"Status\":".into(),
    }])
    .await;
    let stall = recorded(vec![Reply::Slow(
        Duration::from_secs(5),
        "{\"Status\":\"Success\"}".into(),
    )])
    .await;
    let html = recorded(vec![Reply::Answer(
        500,
        vec![("Content-Type", "text/html".into())],
        "<html><h1>Server Error</h1></html>".into(),
    )])
    .await;
    let not_json = recorded(vec![Reply::Answer(
        200,
        vec![("Content-Type", "text/plain".into())],
        "Request queued".into(),
    )])
    .await;
    let storm = recorded(vec![Reply::Answer(
        429,
        vec![("Retry-After", "0".into())],
        "{}".into(),
    )])
    .await;
    let tls = self_signed_server().await;
    let tls_authority = tls.trim_start_matches("https://").to_owned();
    let case = |name, url: String, timeout_secs, class, exit, says: &str| Case {
        name,
        url,
        timeout_secs,
        class,
        exit,
        says: says.to_owned(),
        shows: None,
        server: None,
        requests: 0,
    };
    let with = |mut case: Case, server: Recorder, requests, shows| {
        case.url.clone_from(&server.url);
        case.server = Some(server);
        case.requests = requests;
        case.shows = shows;
        case
    };
    let none = String::new();
    vec![
        case(
            "refused",
            format!("http://127.0.0.1:{}", closed_port()),
            2,
            "not sent",
            4,
            "not sent: cannot connect to 127.0.0.1",
        ),
        case(
            "dns",
            "https://lsq-tasks-fault.invalid".into(),
            2,
            "not sent",
            4,
            "not sent: cannot find lsq-tasks-fault.invalid",
        ),
        case(
            "tls",
            tls,
            2,
            "not sent",
            4,
            &format!("not sent: the secure connection to {tls_authority} failed"),
        ),
        with(
            case(
                "hang",
                none.clone(),
                1,
                "unknown",
                5,
                "outcome unknown: no answer within 1 s",
            ),
            hang,
            1,
            None,
        ),
        with(
            case(
                "partial",
                none.clone(),
                2,
                "unknown",
                5,
                "the answer (200) broke off",
            ),
            partial,
            1,
            None,
        ),
        with(
            case("stall", none.clone(), 8, "accepted", 0, "200 OK: accepted"),
            stall,
            1,
            Some("Success"),
        ),
        with(
            case(
                "html 500",
                none.clone(),
                2,
                "rejected",
                3,
                "500 Internal Server Error",
            ),
            html,
            1,
            Some("<html><h1>Server Error</h1></html>"),
        ),
        with(
            case(
                "not json",
                none.clone(),
                2,
                "accepted",
                0,
                "200 OK: accepted",
            ),
            not_json,
            1,
            Some("Request queued"),
        ),
        with(
            case("429 storm", none, 2, "rejected", 3, "429 Too Many Requests"),
            storm,
            2,
            None,
        ),
    ]
}

struct Seen {
    code: i32,
    stdout: String,
    history: String,
}

/// `lsq-tasks submit mixed.json --yes` against the case's URL.
fn cli(root: &Path, url: &str, timeout_secs: u64) -> Seen {
    let config = root.join("config/lsq-tasks");
    std::fs::create_dir_all(&config).unwrap();
    let profile = format!(
        "[profiles.default]\ntimeout_secs = {timeout_secs}\nconnect_timeout_secs = 2\n\
         calls_per_5s = 25\n"
    );
    std::fs::write(config.join("config.toml"), profile).unwrap();
    let mut command = Command::cargo_bin("lsq-tasks").unwrap();
    isolate(&mut command, root);
    let output = command
        .env("LSQ_HOST", url)
        .env("LSQ_ACCESS_KEY", ACCESS)
        .env("LSQ_SECRET_KEY", SECRET)
        .args(["submit", MIXED, "--yes"])
        .output()
        .unwrap();
    let history = root.join("data/lsq-tasks/history.jsonl");
    Seen {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap()
            + &String::from_utf8(output.stderr).unwrap(),
        history: std::fs::read_to_string(history).unwrap_or_default(),
    }
}

/// The UI with mixed.json staged, sent with `s` `y`: the submit view and the list after.
async fn ui(root: &Path, url: &str, timeout_secs: u64) -> (String, usize) {
    let mut profile = Profile::named("default");
    profile.host = Host::parse(url).unwrap();
    profile.timeout = Duration::from_secs(timeout_secs);
    profile.connect_timeout = Duration::from_secs(2);
    profile.calls_per_5s = 25;
    let settings = Settings {
        profile,
        keys: Some(Keys {
            access_key: Secret::new(ACCESS),
            secret_key: Secret::new(SECRET),
        }),
        sandbox: false,
        warnings: Vec::new(),
    };
    let drafts = root.join("ui/staging.json");
    let body = read_body(&std::fs::read_to_string(MIXED).unwrap()).unwrap();
    Drafts::new(&drafts).save(&body.batch).unwrap();
    let mut options = TuiOptions::new(drafts, Zone::parse("Asia/Kolkata").unwrap(), now);
    options.paths = Some(Paths::under(&root.join("ui")));
    options.settings = Some(settings);
    let mut app = App::new(options);
    let (sender, mut messages) = tokio::sync::mpsc::unbounded_channel();
    app.set_sender(sender);
    assert_eq!(app.batch().len(), 2);
    for c in ['s', 'y'] {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    let message = tokio::time::timeout(Duration::from_secs(20), messages.recv())
        .await
        .unwrap()
        .unwrap();
    app.handle_message(message);
    let mut terminal = Terminal::new(TestBackend::new(160, 40)).unwrap();
    terminal.draw(|frame| draw(&app, frame)).unwrap();
    // Lines joined: a long message wraps in the view.
    let shown = terminal.backend().to_string();
    (shown, app.batch().len())
}

async fn run_case(case: Case) {
    let root = tempfile::tempdir().unwrap();
    let (path, url, timeout) = (root.path().to_owned(), case.url.clone(), case.timeout_secs);
    let seen = tokio::task::spawn_blocking(move || cli(&path, &url, timeout));
    let (shown, left) = ui(root.path(), &case.url, case.timeout_secs).await;
    let seen = seen.await.unwrap();
    let name = case.name;
    assert_eq!(seen.code, case.exit, "{name}: {}", seen.stdout);
    assert!(seen.stdout.contains(&case.says), "{name}: {}", seen.stdout);
    let outcome = format!("\"outcome\":\"{}\"", case.class.replace(' ', "_"));
    if case.class != "not sent" {
        assert!(seen.history.contains(&outcome), "{name}: {}", seen.history);
    }
    let flat: String = shown
        .split('\n')
        .map(|l| l.trim_matches(['"', ' ']))
        .collect();
    let says: String = case.says.split_whitespace().collect();
    assert!(
        flat.split_whitespace().collect::<String>().contains(&says),
        "{name}: the submit view does not say {:?}:\n{shown}",
        case.says
    );
    if let Some(text) = case.shows {
        assert!(seen.stdout.contains(text), "{name}: {}", seen.stdout);
        assert!(shown.contains(text), "{name}:\n{shown}");
    }
    let kept = if case.class == "accepted" { 0 } else { 2 };
    assert_eq!(
        left, kept,
        "{name}: the staging list after a {}",
        case.class
    );
    if let Some(server) = &case.server {
        // The CLI and the UI each sent (and, for a 429, retried) once.
        assert_eq!(server.requests().len(), 2 * case.requests, "{name}");
    }
    for text in [&seen.stdout, &seen.history, &shown] {
        assert!(
            !text.contains(ACCESS) && !text.contains(SECRET),
            "{name}: a key leaked"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_fault_has_its_class_message_exit_code_and_keeps_the_list_unless_accepted() {
    let runs: Vec<_> = cases()
        .await
        .into_iter()
        .map(run_case)
        .map(tokio::spawn)
        .collect();
    let mut failed = Vec::new();
    for run in runs {
        if let Err(error) = run.await {
            failed.push(error.to_string());
        }
    }
    assert!(failed.is_empty(), "{failed:#?}");
}
