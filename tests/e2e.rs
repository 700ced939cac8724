//! The real binary in a real pseudo-terminal, read back through a terminal emulator (vt100):
//! tasks typed by keystrokes reach the sandbox exactly, and a SIGKILL loses no staged task.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

mod support;

use lsq_tasks::sandbox::{Options, Sandbox};
use support::pty::{ESC, Terminal, stage};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tasks_typed_in_the_terminal_reach_the_sandbox_exactly() {
    let sandbox = Sandbox::start(Options::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (path, url) = (dir.path().to_owned(), sandbox.base_url());
    tokio::task::spawn_blocking(move || {
        let mut term = Terminal::start(&path, &url);
        term.wait_for("The staging list is empty");
        stage(
            &mut term,
            "a",
            &["Site visit", "Meeting", "tomorrow 10:00", "tomorrow 10:45"],
        );
        term.wait_for("1/50 tasks");
        stage(
            &mut term,
            "t",
            &["Call back Asha", "Follow Up", "tomorrow 15:00"],
        );
        term.wait_for("2/50 tasks");
        term.keys("s");
        term.wait_for("Send this batch?");
        term.keys("y");
        term.wait_for("200 OK: accepted");
        term.keys(ESC);
        // The list's title, not the count (already 0 on the outcome screen): q must not follow
        // Esc so closely that the terminal reads the two as Alt-q.
        term.wait_for("· Staging list");
        term.keys("q");
        assert_eq!(term.wait_exit(), 0);
    })
    .await
    .unwrap();
    let accepted = sandbox.accepted();
    assert_eq!(accepted.len(), 1, "one call");
    let tasks = accepted[0]["TaskList"].as_array().unwrap();
    assert_eq!(tasks.len(), 2, "{tasks:?}");
    assert_eq!(tasks[0]["Name"], "Site visit");
    assert_eq!(tasks[0]["TaskType"]["Name"], "Meeting");
    // 10:00 in Kolkata on 2026-12-04 is 04:30 UTC.
    assert_eq!(tasks[0]["DueDate"], "2026-12-04 04:30:00");
    assert_eq!(tasks[0]["EndDate"], "2026-12-04 05:15:00");
    assert_eq!(tasks[1]["Name"], "Call back Asha");
    assert_eq!(tasks[1]["TaskType"]["Name"], "Follow Up");
    assert_eq!(tasks[1]["DueDate"], "2026-12-04 09:30:00");
}

#[test]
fn a_sigkill_after_staging_three_tasks_loses_none_of_them() {
    let dir = tempfile::tempdir().unwrap();
    // No server needed: nothing is sent. A closed port keeps the look-ups quiet.
    let host = "http://127.0.0.1:9";
    let mut term = Terminal::start(dir.path(), host);
    term.wait_for("The staging list is empty");
    for (index, name) in ["First call", "Second call", "Third call"]
        .iter()
        .enumerate()
    {
        stage(&mut term, "t", &[name, "Follow Up"]);
        term.wait_for(&format!("{}/50 tasks", index + 1));
    }
    term.kill_9();

    let mut again = Terminal::start(dir.path(), host);
    again.wait_for("3/50 tasks");
    let shown = again.contents();
    for name in ["First call", "Second call", "Third call"] {
        assert!(
            shown.contains(name),
            "{name} is missing after the kill:\n{shown}"
        );
    }
    again.keys("q");
    again.wait_exit();
}
