//! `lsq-tasks submit` as a user runs it: the message shown and the exit code for every outcome,
//! against real loopback servers, with the history it leaves behind.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

mod support;

use std::path::Path;

use assert_cmd::Command;
use support::{Recorder, Reply, closed_port, isolate};

const MIXED: &str = "assets/examples/mixed.json";
const ACCESS: &str = "u$submit-access-5Rt8";
const SECRET: &str = "submit-secret-Zq81";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `lsq-tasks submit FILE --yes` against `url`, keys from the environment.
fn submit(root: &Path, url: &str, file: &str, extra: &[&str]) -> Run {
    let mut command = Command::cargo_bin("lsq-tasks").unwrap();
    isolate(&mut command, root);
    let output = command
        .env("LSQ_HOST", url)
        .env("LSQ_ACCESS_KEY", ACCESS)
        .env("LSQ_SECRET_KEY", SECRET)
        .args(["submit", file])
        .args(extra)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn history(root: &Path) -> String {
    std::fs::read_to_string(root.join("data/lsq-tasks/history.jsonl")).unwrap_or_default()
}

async fn run_against(
    replies: Vec<Reply>,
    extra: &'static [&'static str],
) -> (Run, Recorder, String) {
    let server = Recorder::start(replies).await;
    let root = tempfile::tempdir().unwrap();
    let url = server.url.clone();
    let path = root.path().to_owned();
    let run = tokio::task::spawn_blocking(move || submit(&path, &url, MIXED, extra))
        .await
        .unwrap();
    let kept = history(root.path());
    for text in [&run.stdout, &run.stderr, &kept] {
        assert!(
            !text.contains(ACCESS) && !text.contains(SECRET),
            "a key leaked: {text}"
        );
    }
    (run, server, kept)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepted_prints_the_status_its_meaning_and_the_body_and_keeps_history() {
    let (run, server, kept) = run_against(
        vec![Reply::json(200, "{\"Status\":\"Success\",\"Count\":2}")],
        &["--yes"],
    )
    .await;
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("Sending 2 tasks (1 appointment, 1 to-do) to http://127.0.0.1:")
    );
    assert!(run.stdout.contains("200 OK: accepted"), "{}", run.stdout);
    assert!(run.stdout.contains("\"Count\": 2"), "{}", run.stdout);
    let sent: serde_json::Value = serde_json::from_str(&server.requests()[0].body).unwrap();
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(MIXED).unwrap()).unwrap();
    assert_eq!(sent, file);
    let entry: serde_json::Value = serde_json::from_str(kept.lines().next().unwrap()).unwrap();
    assert_eq!(entry["outcome"], "accepted");
    assert_eq!(entry["status"], 200);
    assert_eq!(entry["body"], file);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_error_status_exits_3_with_its_meaning_and_the_error_fields() {
    let error = concat!(
        r#"{"Status":"Error","ExceptionType":"MXDuplicateEntryException","#,
        r#""ExceptionMessage":"Task type not found"}"#
    );
    for (status, meaning) in [
        (400, "400 Bad Request: the body is not as the API expects"),
        (
            401,
            "401 Unauthorized: the access key or secret key is wrong",
        ),
        (
            404,
            "404 Not Found: wrong path, or the account lives on another region host",
        ),
        (500, "500 Internal Server Error"),
    ] {
        let (run, _, kept) = run_against(vec![Reply::json(status, error)], &["--yes"]).await;
        assert_eq!(run.code, 3, "{status}: {}", run.stdout);
        assert!(run.stdout.contains(meaning), "{status}: {}", run.stdout);
        assert!(
            run.stdout
                .contains("  ExceptionMessage: Task type not found"),
            "{}",
            run.stdout
        );
        assert!(kept.contains("\"outcome\":\"rejected\""), "{kept}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_500_with_an_html_body_shows_the_text() {
    let reply = Reply::Answer(500, vec![], "<html><h1>Server Error</h1></html>".into());
    let (run, _, _) = run_against(vec![reply], &["--yes"]).await;
    assert_eq!(run.code, 3);
    assert!(
        run.stdout.contains("<html><h1>Server Error</h1></html>"),
        "{}",
        run.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_is_retried_once_and_the_user_is_told() {
    let replies = vec![
        Reply::Answer(429, vec![("Retry-After", "1".into())], "{}".into()),
        Reply::json(200, "{}"),
    ];
    let (run, server, _) = run_against(replies, &["--yes"]).await;
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("note: 429 Too Many Requests: waited 1 s as asked")
    );
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_exits_5_and_warns_the_tasks_may_exist() {
    let (run, server, kept) = run_against(vec![Reply::Close], &["--yes"]).await;
    assert_eq!(run.code, 5);
    assert!(run.stdout.contains("outcome unknown"), "{}", run.stdout);
    assert!(
        run.stdout.contains("check Request History"),
        "{}",
        run.stdout
    );
    assert_eq!(server.requests().len(), 1);
    assert!(kept.contains("\"outcome\":\"unknown\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_answer_within_the_profile_timeout_exits_5() {
    let server = Recorder::start(vec![Reply::Hang]).await;
    let root = tempfile::tempdir().unwrap();
    let config = root.path().join("config/lsq-tasks");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[profiles.default]\ntimeout_secs = 1\n",
    )
    .unwrap();
    let (url, path) = (server.url.clone(), root.path().to_owned());
    let run = tokio::task::spawn_blocking(move || submit(&path, &url, MIXED, &["--yes"]))
        .await
        .unwrap();
    assert_eq!(run.code, 5, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("outcome unknown: no answer within 1 s"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_refused_connection_exits_4_and_says_nothing_was_created() {
    let root = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{}", closed_port());
    let run = submit(root.path(), &url, MIXED, &["--yes"]);
    assert_eq!(run.code, 4, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("not sent: cannot connect to 127.0.0.1"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Nothing was created"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_tasks_exit_1_and_nothing_is_sent() {
    let server = Recorder::start(vec![Reply::json(200, "{}")]).await;
    let root = tempfile::tempdir().unwrap();
    let bad = root.path().join("bad.csv");
    std::fs::write(&bad, "Name,TaskType\n,Follow Up\n").unwrap();
    let (url, path) = (server.url.clone(), root.path().to_owned());
    let run =
        tokio::task::spawn_blocking(move || submit(&path, &url, bad.to_str().unwrap(), &["--yes"]))
            .await
            .unwrap();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("task 1 (line 2) · Name: is empty"),
        "{}",
        run.stderr
    );
    assert!(server.requests().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_terminal_or_yes_it_refuses_and_sends_nothing() {
    let (run, server, _) = run_against(vec![Reply::json(200, "{}")], &[]).await;
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("add --yes"), "{}", run.stderr);
    assert!(server.requests().is_empty());
}

#[test]
fn without_keys_it_says_how_to_set_them_or_try_the_sandbox() {
    let root = tempfile::tempdir().unwrap();
    let mut command = Command::cargo_bin("lsq-tasks").unwrap();
    isolate(&mut command, root.path());
    let output = command.args(["submit", MIXED, "--yes"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("profile 'default' has no keys"), "{stderr}");
    assert!(stderr.contains("lsq-tasks creds set"), "{stderr}");
    assert!(stderr.contains("--sandbox"), "{stderr}");
}

#[test]
fn a_non_loopback_http_host_is_refused_before_sending() {
    let root = tempfile::tempdir().unwrap();
    let run = submit(root.path(), "http://192.0.2.10", MIXED, &["--yes"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("LSQ_HOST: 'http://192.0.2.10' uses plain http"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_global_sandbox_flag_needs_no_account_and_marks_history() {
    let root = tempfile::tempdir().unwrap();
    for args in [
        vec!["--sandbox", "submit", MIXED, "--yes"],
        vec!["submit", "assets/examples/fifty.json", "--yes", "--sandbox"],
    ] {
        let mut command = Command::cargo_bin("lsq-tasks").unwrap();
        isolate(&mut command, root.path());
        let output = command.args(&args).output().unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stdout}");
        assert!(
            stdout.contains("SANDBOX: this goes to the embedded sandbox"),
            "{stdout}"
        );
        assert!(stdout.contains("200 OK"), "{stdout}");
    }
    let kept = history(root.path());
    assert_eq!(kept.lines().count(), 2);
    assert!(
        kept.lines().all(|l| l.contains("\"sandbox\":true")),
        "{kept}"
    );
    assert!(
        !root
            .path()
            .join("config/lsq-tasks/credentials.toml")
            .exists()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_the_sandbox_a_dropped_request_is_unknown_and_wrong_keys_are_401() {
    use lsq_tasks::sandbox::{Fault, Options, Sandbox};
    let dropping = Sandbox::start(Options {
        port: 0,
        fault: Some(Fault::Drop),
        ..Options::default()
    })
    .await
    .unwrap();
    let root = tempfile::tempdir().unwrap();
    let (url, path) = (dropping.base_url(), root.path().to_owned());
    let run = tokio::task::spawn_blocking(move || {
        let mut command = Command::cargo_bin("lsq-tasks").unwrap();
        isolate(&mut command, &path);
        command
            .env("LSQ_HOST", url)
            .env("LSQ_ACCESS_KEY", lsq_tasks::sandbox::DEMO_ACCESS_KEY)
            .env("LSQ_SECRET_KEY", lsq_tasks::sandbox::DEMO_SECRET_KEY)
            .args(["submit", MIXED, "--yes"])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert_eq!(run.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&run.stdout).contains("outcome unknown"));
    assert!(dropping.accepted().is_empty());

    let strict = Sandbox::start(Options {
        port: 0,
        ..Options::default()
    })
    .await
    .unwrap();
    let (url, path) = (strict.base_url(), root.path().to_owned());
    let run = tokio::task::spawn_blocking(move || submit(&path, &url, MIXED, &["--yes"]))
        .await
        .unwrap();
    assert_eq!(run.code, 3);
    assert!(run.stdout.contains("401 Unauthorized"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("ExceptionType: MXUnAuthorizedAccessException"),
        "{}",
        run.stdout
    );
}
