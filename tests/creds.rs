//! `lsq-tasks creds` with real files in a temporary config folder: modes, masking, the key
//! check's report, and the promise that the secret shows up in no output, history or log.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use assert_cmd::Command;
use support::{Recorder, Reply, isolate};

const ACCESS: &str = "u$creds-access-K4x9w";
const SECRET: &str = "creds-secret-P0o9i8u7";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn lsq(root: &Path, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Run {
    let mut command = Command::cargo_bin("lsq-tasks").unwrap();
    isolate(&mut command, root);
    command.env("LSQ_LOG", "trace");
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.args(args).write_stdin(stdin).output().unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn set_keys(root: &Path, host: &str) -> Run {
    lsq(
        root,
        &[
            "creds",
            "set",
            "--profile",
            "acme",
            "--host",
            host,
            "--access-key",
            ACCESS,
            "--secret-stdin",
        ],
        &format!("{SECRET}\n"),
        &[],
    )
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

const ACCOUNT: &str = r#"{"Id":"u1","Name":"Asha Rao","Role":"Sales_Manager",
    "TimeZone":"Asia/Kolkata","OrgDisplayName":"Acme Realty","OrgId":"4242",
    "PassPhrase":"asha@example.com",
    "LSQCommonServiceURLs":{"api":"api-in21.leadsquared.com","app":"app.leadsquared.com"}}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_are_kept_0600_masked_and_never_shown_anywhere() {
    let server = Recorder::start(vec![Reply::json(200, ACCOUNT), Reply::json(200, "{}")]).await;
    let url = server.url.clone();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_owned();
    let runs = tokio::task::spawn_blocking(move || {
        let host = [("LSQ_HOST", url.as_str())];
        vec![
            set_keys(&root, "api-in21.leadsquared.com"),
            lsq(&root, &["creds", "show", "--profile", "acme"], "", &[]),
            lsq(&root, &["creds", "test", "--profile", "acme"], "", &host),
            lsq(
                &root,
                &[
                    "--profile",
                    "acme",
                    "submit",
                    "assets/examples/mixed.json",
                    "--yes",
                ],
                "",
                &host,
            ),
            lsq(&root, &["history"], "", &[]),
            lsq(&root, &["creds", "path"], "", &[]),
            lsq(
                &root,
                &["--profile", "acme", "payload", "assets/examples/mixed.json"],
                "",
                &[],
            ),
        ]
    })
    .await
    .unwrap();
    let root = dir.path();
    let credentials = root.join("config/lsq-tasks/credentials.toml");
    assert_eq!(mode(&credentials), 0o600);
    assert_eq!(mode(credentials.parent().unwrap()), 0o700);
    assert!(
        std::fs::read_to_string(&credentials)
            .unwrap()
            .contains(SECRET)
    );

    assert!(
        runs[0].stdout.contains("(access key u$cr…)"),
        "{}",
        runs[0].stdout
    );
    assert!(
        runs[1].stdout.contains("access key  u$cr…"),
        "{}",
        runs[1].stdout
    );
    assert!(
        runs[1].stdout.contains("secret key  cred…"),
        "{}",
        runs[1].stdout
    );
    assert!(
        runs[1]
            .stdout
            .contains("host        https://api-in21.leadsquared.com (India (Mumbai))")
    );
    for run in &runs {
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    }
    let history = std::fs::read_to_string(root.join("data/lsq-tasks/history.jsonl")).unwrap();
    let log = std::fs::read_to_string(root.join("state/lsq-tasks/lsq-tasks.log")).unwrap();
    assert!(
        log.contains("call finished"),
        "the log should hold the calls: {log}"
    );
    let mut everything = vec![history, log];
    everything.extend(
        runs.iter()
            .flat_map(|r| [r.stdout.clone(), r.stderr.clone()]),
    );
    for text in everything {
        assert!(!text.contains(SECRET), "the secret leaked: {text}");
        assert!(!text.contains(ACCESS), "the access key leaked: {text}");
    }
    // The header carried the keys; nothing else did.
    assert_eq!(server.requests()[1].header("x-LSQ-SecretKey"), Some(SECRET));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_key_check_says_whose_keys_names_the_right_host_and_adopts_the_zone() {
    let server = Recorder::start(vec![Reply::json(200, ACCOUNT)]).await;
    let url = server.url.clone();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_owned();
    let run = tokio::task::spawn_blocking(move || {
        set_keys(&root, "api.leadsquared.com");
        lsq(
            &root,
            &["creds", "test", "--profile", "acme"],
            "",
            &[("LSQ_HOST", &url)],
        )
    })
    .await
    .unwrap();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "user          Asha Rao (asha@example.com)",
        "role          Sales_Manager",
        "organisation  Acme Realty (id 4242)",
        "time zone     Asia/Kolkata",
        "region host   api-in21.leadsquared.com",
        "warning: the account lives on api-in21.leadsquared.com, but this profile sends to \
         127.0.0.1:",
        "--host api-in21.leadsquared.com",
        "will now be typed in Asia/Kolkata",
    ] {
        assert!(
            run.stdout.contains(expected),
            "missing {expected:?} in:\n{}",
            run.stdout
        );
    }
    let config = std::fs::read_to_string(dir.path().join("config/lsq-tasks/config.toml")).unwrap();
    assert!(config.contains("zone = \"Asia/Kolkata\""), "{config}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_keys_say_they_are_wrong_or_inactive_and_where_to_get_new_ones() {
    let body = concat!(
        r#"{"Status":"Error","ExceptionType":"MXUnAuthorizedAccessException","#,
        r#""ExceptionMessage":"Invalid keys"}"#
    );
    let server = Recorder::start(vec![Reply::json(401, body)]).await;
    let url = server.url.clone();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_owned();
    let run = tokio::task::spawn_blocking(move || {
        set_keys(&root, "api.leadsquared.com");
        lsq(
            &root,
            &["creds", "test", "--profile", "acme"],
            "",
            &[("LSQ_HOST", &url)],
        )
    })
    .await
    .unwrap();
    assert_eq!(run.code, 3);
    assert!(
        run.stderr
            .contains("wrong, or the user they belong to is inactive"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("API Access Keys"), "{}", run.stderr);
}

#[test]
fn remove_forgets_the_keys() {
    let dir = tempfile::tempdir().unwrap();
    set_keys(dir.path(), "api.leadsquared.com");
    let run = lsq(
        dir.path(),
        &["creds", "remove", "--profile", "acme"],
        "",
        &[],
    );
    assert_eq!(run.code, 0);
    let run = lsq(dir.path(), &["creds", "show", "--profile", "acme"], "", &[]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.contains("no keys"), "{}", run.stdout);
}

#[test]
fn a_group_readable_credentials_file_gets_a_chmod_hint() {
    let dir = tempfile::tempdir().unwrap();
    set_keys(dir.path(), "api.leadsquared.com");
    let credentials = dir.path().join("config/lsq-tasks/credentials.toml");
    std::fs::set_permissions(&credentials, std::fs::Permissions::from_mode(0o644)).unwrap();
    let run = lsq(dir.path(), &["creds", "show", "--profile", "acme"], "", &[]);
    assert!(run.stderr.contains("run: chmod 600"), "{}", run.stderr);
}

#[test]
fn an_unknown_config_key_names_file_and_line_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config/lsq-tasks");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[profiles.acme]\nhots = \"x\"\n",
    )
    .unwrap();
    let run = lsq(dir.path(), &["creds", "show", "--profile", "acme"], "", &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("config.toml:2: unknown field `hots`"),
        "{}",
        run.stderr
    );
}

#[test]
fn set_refuses_a_plain_http_network_host() {
    let dir = tempfile::tempdir().unwrap();
    let run = set_keys(dir.path(), "http://api.leadsquared.com");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("plain http"), "{}", run.stderr);
    assert!(
        !dir.path()
            .join("config/lsq-tasks/credentials.toml")
            .exists()
    );
}
