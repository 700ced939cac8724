//! No key in any output: distinctive keys are saved, then every command and a scripted UI
//! session (ending in a panic) run with `LSQ_LOG=trace` and query-parameter auth, the harshest
//! case since the keys ride in the URL. Every byte written to a terminal and every file left
//! behind (log, history, drafts, exported body) is searched for them.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

mod support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use support::pty::{CTRL_S, ESC, F12, TAB, Terminal};
use support::{Recorder, Reply, isolate};

const ACCESS: &str = "u$SEEDaccess-7Hq2Zk";
const SECRET: &str = "SEEDsecret-Pw93Lx";
/// The access key as a URL writes it.
const ACCESS_ENCODED: &str = "u%24SEEDaccess-7Hq2Zk";

const ACCOUNT: &str = r#"{"Id":"u1","Name":"Asha Rao","Role":"Admin","TimeZone":"Asia/Kolkata",
    "OrgDisplayName":"Acme","OrgId":"42","PassPhrase":"asha@example.com",
    "LSQCommonServiceURLs":{"api":"127.0.0.1","app":"app.leadsquared.com"}}"#;

fn hits(text: &str, what: &str) -> Vec<&'static str> {
    [ACCESS, SECRET, ACCESS_ENCODED]
        .into_iter()
        .filter(|key| text.contains(key))
        .inspect(|key| eprintln!("{key} found in {what}"))
        .collect()
}

/// Runs `lsq-tasks ARGS` with `stdin`; returns what it printed, both streams.
fn lsq(root: &Path, args: &[&str], stdin: &str) -> String {
    let mut command = Command::cargo_bin("lsq-tasks").unwrap();
    isolate(&mut command, root);
    let output = command
        .env("LSQ_LOG", "trace")
        .current_dir(root)
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(!text.contains("panicked"), "{args:?}: {text}");
    text
}

fn files_under(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, found);
        } else {
            found.push(path);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_command_no_screen_no_log_and_no_file_ever_holds_a_key() {
    let server = Recorder::start(vec![Reply::json(200, ACCOUNT)]).await;
    let root = tempfile::tempdir().unwrap();
    let (path, url) = (root.path().to_owned(), server.url.clone());
    let (printed, screen) = tokio::task::spawn_blocking(move || session(&path, &url))
        .await
        .unwrap();

    let mut found = Vec::new();
    for (what, text) in &printed {
        found.extend(hits(text, what));
    }
    // The credentials screen shows the access key being edited, as a form must; the secret
    // is masked there too.
    if screen.contains(SECRET) {
        found.push(SECRET);
    }
    let mut files = Vec::new();
    files_under(root.path(), &mut files);
    let mut log_lines = 0;
    for file in &files {
        if file.ends_with("credentials.toml") {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(file).unwrap()).into_owned();
        if file.ends_with("lsq-tasks.log") {
            log_lines += text.lines().count();
        }
        found.extend(hits(&text, &file.display().to_string()));
    }
    assert!(found.is_empty(), "keys leaked: {found:?}");

    // The search looked where it should: the keys were really sent, the log was really
    // written at trace level, and the body really exported.
    let requests = server.requests();
    assert!(requests.len() >= 3, "{requests:?}");
    assert!(
        requests
            .iter()
            .all(|r| r.request_line.contains(ACCESS_ENCODED))
    );
    assert!(log_lines > 20, "the trace log has only {log_lines} lines");
    let names: Vec<_> = files.iter().filter_map(|f| f.file_name()).collect();
    for expected in [
        "lsq-tasks.log",
        "history.jsonl",
        "staging.json",
        "lsq-body.json",
    ] {
        assert!(
            names.iter().any(|n| *n == expected),
            "no {expected}: {files:?}"
        );
    }
}

/// Every command, then the UI in a pseudo-terminal; returns what each printed and everything
/// the UI wrote to its terminal.
fn session(root: &Path, url: &str) -> (Vec<(String, String)>, String) {
    let mixed = std::fs::canonicalize("assets/examples/mixed.json").unwrap();
    let mixed = mixed.to_str().unwrap();
    let set = [
        "creds",
        "set",
        "--host",
        url,
        "--access-key",
        ACCESS,
        "--secret-stdin",
    ];
    let mut printed = vec![(
        "creds set".to_owned(),
        lsq(root, &[&set[..], &["--auth", "query"]].concat(), SECRET),
    )];
    let commands: [&[&str]; 8] = [
        &["creds", "show"],
        &["creds", "test"],
        &["creds", "path"],
        &["validate", mixed],
        &["payload", mixed],
        &["submit", mixed, "--yes"],
        &["submit", mixed],
        &["history"],
    ];
    for args in commands {
        printed.push((args.join(" "), lsq(root, args, "")));
    }

    let env = [("LSQ_LOG", "trace"), ("LSQ_TEST_PANIC_ON_KEY", "F12")];
    let mut term = Terminal::start_with(root, &env);
    term.wait_for("0/50 tasks");
    term.keys("t");
    term.wait_for("(Name)");
    term.type_text("Call back");
    term.keys(TAB);
    term.type_text("Follow Up");
    term.keys(CTRL_S);
    term.wait_for("1/50 tasks");
    term.keys("r");
    term.keys("w");
    term.keys("\r");
    term.wait_for("lsq-body.json");
    term.keys(ESC);
    term.keys("s");
    term.wait_for("Send this batch?");
    term.keys("y");
    term.wait_for("200 OK");
    term.keys(ESC);
    let before_form = term.raw().len();
    term.keys("c");
    term.wait_for("Secret key");
    term.keys(F12);
    term.wait_exit();
    let raw = term.raw();
    let screen = String::from_utf8_lossy(&raw).into_owned();
    let until_form = String::from_utf8_lossy(&raw[..before_form]).into_owned();
    printed.push(("the UI until its credentials form".into(), until_form));
    let panic_report = String::from_utf8_lossy(&raw[before_form..]);
    assert!(
        panic_report.contains("a deliberate panic"),
        "{panic_report}"
    );

    printed.push(("creds remove".into(), lsq(root, &["creds", "remove"], "")));
    (printed, screen)
}
