//! `lsq-tasks verify` and `lsq-tasks cleanup` as a user runs them, against an in-test sandbox
//! over real HTTP on 127.0.0.1: tasks found after waiting, a lost task resent alone, a
//! duplicate reported as ambiguous, a lost answer followed by a safe check, and a clean-up
//! that deletes only its own batch's tasks after the count is confirmed.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

mod support;

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use lsq_tasks::sandbox::{DEMO_ACCESS_KEY, DEMO_SECRET_KEY, Fault, Options, Sandbox};
use serde_json::Value;
use support::isolate;

/// Three tasks: an appointment owned by Ravi, a to-do for the keys' user, and a to-do with no
/// due date (due "today") and no owner.
const BODY: &str = r#"{"TaskList": [
  {"Name": "Show flat 4B", "Description": "", "RelatedEntity": 0, "RelatedEntityId": "",
   "DueDate": "2031-01-10 04:30:00", "EndDate": "2031-01-10 05:00:00",
   "OwnerEmailAddress": "ravi@example.com", "TaskType": {"Name": "Meeting"}},
  {"Name": "Call the bank", "Description": "", "RelatedEntity": 0, "RelatedEntityId": "",
   "DueDate": "2031-01-11 05:00:00", "TaskType": {"Name": "Follow Up"}},
  {"Name": "Send brochure", "Description": "", "RelatedEntity": 0, "RelatedEntityId": "",
   "TaskType": {"Name": "Follow Up"}}
]}"#;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary in `root` against `url` with the demo keys, on a blocking thread so the
/// sandbox keeps serving. The clock is the real one: the sandbox dates undated tasks by it.
async fn lsq(root: &Path, url: &str, args: &[&str]) -> Run {
    let (root, url) = (root.to_owned(), url.to_owned());
    let args: Vec<String> = args.iter().map(|&a| a.to_owned()).collect();
    tokio::task::spawn_blocking(move || {
        let mut command = Command::cargo_bin("lsq-tasks").unwrap();
        isolate(&mut command, &root);
        let output = command
            .env_remove("LSQ_NOW")
            .env("LSQ_HOST", url)
            .env("LSQ_ACCESS_KEY", DEMO_ACCESS_KEY)
            .env("LSQ_SECRET_KEY", DEMO_SECRET_KEY)
            .current_dir(&root)
            .args(&args)
            .output()
            .unwrap();
        Run {
            code: output.status.code().unwrap(),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    })
    .await
    .unwrap()
}

/// A sandbox with this fault and creation delay, a folder holding `body.json`, and the
/// submission of that body already made (its exit code checked against `code`).
async fn submitted(fault: Option<Fault>, delay_ms: u64, code: i32) -> (Sandbox, tempfile::TempDir) {
    let sandbox = Sandbox::start(Options {
        fault,
        create_delay: Duration::from_millis(delay_ms),
        ..Options::default()
    })
    .await
    .unwrap();
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("body.json"), BODY).unwrap();
    let run = lsq(
        root.path(),
        &sandbox.base_url(),
        &["submit", "body.json", "--yes"],
    )
    .await;
    assert_eq!(run.code, code, "{}{}", run.stdout, run.stderr);
    (sandbox, root)
}

/// How many tasks of each name the sandbox holds.
fn names(sandbox: &Sandbox) -> Vec<String> {
    let mut names: Vec<String> = sandbox
        .tasks()
        .iter()
        .map(|task| task["Name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

const ALL_ONCE: [&str; 3] = ["Call the bank", "Send brochure", "Show flat 4B"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_is_not_there_at_once_and_found_after_waiting() {
    let (sandbox, root) = submitted(None, 1200, 0).await;
    let url = sandbox.base_url();
    let early = lsq(root.path(), &url, &["verify"]).await;
    assert_eq!(early.code, 6, "{}{}", early.stdout, early.stderr);
    assert!(
        early.stdout.contains("Checking #1: 3 tasks sent"),
        "{}",
        early.stdout
    );
    assert!(
        early.stdout.contains("task 3  NOT YET    Send brochure"),
        "{}",
        early.stdout
    );
    assert!(
        early.stdout.contains("could create them twice"),
        "{}",
        early.stdout
    );
    let waited = lsq(root.path(), &url, &["verify", "#1", "--wait", "10"]).await;
    assert_eq!(waited.code, 0, "{}{}", waited.stdout, waited.stderr);
    assert!(
        waited.stdout.contains("3 of 3 found, 0 not yet"),
        "{}",
        waited.stdout
    );
    assert!(
        waited.stderr.contains("next check in 1 s"),
        "{}",
        waited.stderr
    );
    for task in sandbox.tasks() {
        let id = task["UserTaskId"].as_str().unwrap();
        assert!(
            waited.stdout.contains(&format!("id {id}")),
            "{}",
            waited.stdout
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_task_is_resent_alone_once_the_batch_has_settled() {
    let (sandbox, root) = submitted(Some(Fault::LoseOne), 0, 0).await;
    let url = sandbox.base_url();
    let missing = ["verify", "--write-missing", "missing.json"];
    let early = lsq(root.path(), &url, &missing).await;
    assert_eq!(early.code, 6, "{}{}", early.stdout, early.stderr);
    assert!(
        early.stdout.contains("(nothing written)"),
        "{}",
        early.stdout
    );
    assert!(!root.path().join("missing.json").exists());
    let settled = lsq(
        root.path(),
        &url,
        &[&missing[..], &["--settle", "0"]].concat(),
    )
    .await;
    assert_eq!(settled.code, 6, "{}{}", settled.stdout, settled.stderr);
    assert!(
        settled.stdout.contains("Wrote the 1 missing task (3)"),
        "{}",
        settled.stdout
    );
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(root.path().join("missing.json")).unwrap())
            .unwrap();
    assert_eq!(written["TaskList"].as_array().unwrap().len(), 1);
    assert_eq!(written["TaskList"][0]["Name"], "Send brochure");
    let resent = lsq(root.path(), &url, &["submit", "missing.json", "--yes"]).await;
    assert_eq!(resent.code, 0, "{}{}", resent.stdout, resent.stderr);
    assert_eq!(names(&sandbox), ALL_ONCE);
    let whole = lsq(root.path(), &url, &["verify", "1"]).await;
    assert_eq!(whole.code, 0, "{}{}", whole.stdout, whole.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_created_twice_is_ambiguous_and_never_resent() {
    let (sandbox, root) = submitted(Some(Fault::DuplicateOne), 0, 0).await;
    let args = ["verify", "--settle", "0", "--write-missing", "missing.json"];
    let run = lsq(root.path(), &sandbox.base_url(), &args).await;
    assert_eq!(run.code, 7, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("task 1  AMBIGUOUS  Show flat 4B")
            && run.stdout.contains("2 candidates"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Nothing is missing"), "{}", run.stdout);
    assert!(!root.path().join("missing.json").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_lost_answer_verification_waits_instead_of_resending() {
    let (sandbox, root) = submitted(Some(Fault::DropAfterAccept), 800, 5).await;
    let url = sandbox.base_url();
    let missing = ["verify", "--write-missing", "missing.json"];
    let early = lsq(root.path(), &url, &missing).await;
    assert_eq!(early.code, 6, "{}{}", early.stdout, early.stderr);
    assert!(
        !root.path().join("missing.json").exists(),
        "{}",
        early.stdout
    );
    let waited = lsq(
        root.path(),
        &url,
        &[&missing[..], &["--wait", "10"]].concat(),
    )
    .await;
    assert_eq!(waited.code, 0, "{}{}", waited.stdout, waited.stderr);
    assert!(waited.stdout.contains("(unknown)"), "{}", waited.stdout);
    assert!(
        waited.stdout.contains("Nothing is missing"),
        "{}",
        waited.stdout
    );
    assert_eq!(names(&sandbox), ALL_ONCE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cleanup_deletes_only_its_batch_and_only_when_the_count_is_given() {
    let (sandbox, root) = submitted(None, 0, 0).await;
    let url = sandbox.base_url();
    let other = r#"{"TaskList": [{"Name": "Not mine", "Description": "", "RelatedEntity": 0,
        "RelatedEntityId": "", "DueDate": "2031-01-11 05:00:00",
        "TaskType": {"Name": "Follow Up"}}]}"#;
    std::fs::write(root.path().join("other.json"), other).unwrap();
    assert_eq!(
        lsq(root.path(), &url, &["submit", "other.json", "--yes"])
            .await
            .code,
        0
    );
    let unasked = lsq(root.path(), &url, &["cleanup", "#1"]).await;
    assert_eq!(unasked.code, 2, "{}{}", unasked.stdout, unasked.stderr);
    assert!(
        unasked.stderr.contains("add --yes-delete 3"),
        "{}",
        unasked.stderr
    );
    let wrong = lsq(root.path(), &url, &["cleanup", "#1", "--yes-delete", "4"]).await;
    assert_eq!(wrong.code, 2, "{}{}", wrong.stdout, wrong.stderr);
    assert_eq!(sandbox.tasks().len(), 4);
    let run = lsq(root.path(), &url, &["cleanup", "#1", "--yes-delete", "3"]).await;
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("\"DeletedCount\": 3"), "{}", run.stdout);
    assert_eq!(names(&sandbox), ["Not mine"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submission_to_a_stopped_sandbox_is_not_pretended_to_be_checked() {
    let root = tempfile::tempdir().unwrap();
    let body = root.path().join("body.json");
    std::fs::write(&body, BODY).unwrap();
    let sent = lsq(
        root.path(),
        "",
        &["--sandbox", "submit", "body.json", "--yes"],
    )
    .await;
    assert_eq!(sent.code, 0, "{}{}", sent.stdout, sent.stderr);
    let run = lsq(root.path(), "", &["--sandbox", "verify"]).await;
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("stopped when that run ended"),
        "{}",
        run.stderr
    );
}
