//! Copy as curl: the command names the keys only as variables, and run as it is against the
//! sandbox with those variables set, it creates the batch.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

mod support;

use assert_cmd::Command;
use lsq_tasks::sandbox::{DEMO_ACCESS_KEY, DEMO_SECRET_KEY, Options, Sandbox};
use support::isolate;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_curl_line_holds_no_key_and_runs_against_the_sandbox() {
    let sandbox = Sandbox::start(Options::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (root, url) = (dir.path().to_owned(), sandbox.base_url());
    let (line, ran) = tokio::task::spawn_blocking(move || {
        let mut command = Command::cargo_bin("lsq-tasks").unwrap();
        isolate(&mut command, &root);
        // Even with the keys in the environment, the line must not contain them.
        let output = command
            .env("LSQ_HOST", &url)
            .env("LSQ_ACCESS_KEY", DEMO_ACCESS_KEY)
            .env("LSQ_SECRET_KEY", DEMO_SECRET_KEY)
            .args(["payload", "assets/examples/mixed.json", "--curl"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        let line = String::from_utf8(output.stdout).unwrap();
        let ran = std::process::Command::new("bash")
            .args(["-c", &line])
            .env("LSQ_ACCESS_KEY", DEMO_ACCESS_KEY)
            .env("LSQ_SECRET_KEY", DEMO_SECRET_KEY)
            .output()
            .unwrap();
        (line, ran)
    })
    .await
    .unwrap();
    assert!(
        !line.contains(DEMO_ACCESS_KEY) && !line.contains(DEMO_SECRET_KEY),
        "{line}"
    );
    assert!(line.contains("$LSQ_SECRET_KEY"), "{line}");
    let answer = String::from_utf8_lossy(&ran.stdout);
    assert!(
        ran.status.success(),
        "{answer} {}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert!(answer.contains("\"Status\":\"Success\""), "{answer}");
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("assets/examples/mixed.json").unwrap())
            .unwrap();
    assert_eq!(sandbox.accepted(), vec![file]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_variables_the_sandbox_refuses_the_curl_line() {
    let sandbox = Sandbox::start(Options::default()).await.unwrap();
    let host = lsq_tasks::config::Host::parse(&sandbox.base_url()).unwrap();
    let line = lsq_tasks::api::curl_command(
        &host,
        lsq_tasks::config::AuthMode::Query,
        "{\"TaskList\":[]}",
    );
    let ran = tokio::task::spawn_blocking(move || {
        std::process::Command::new("bash")
            .args(["-c", &line])
            .env_remove("LSQ_ACCESS_KEY")
            .env_remove("LSQ_SECRET_KEY")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let answer = String::from_utf8_lossy(&ran.stdout);
    assert!(answer.contains("MXUnAuthorizedAccessException"), "{answer}");
    assert!(sandbox.accepted().is_empty());
}
