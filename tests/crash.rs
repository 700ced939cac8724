//! Crash and kill safety of the real binary in a pseudo-terminal: a SIGKILL while a form is
//! open, a panic, and two copies on one data folder; plus an autosave that cannot write.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

mod support;

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lsq_tasks::sandbox::{DEMO_ACCESS_KEY, DEMO_SECRET_KEY};
use lsq_tasks::store::{Drafts, Loaded};
use lsq_tasks::task::Zone;
use lsq_tasks::tui::{App, TuiOptions};
use support::pty::{F12, Terminal, stage};

/// Nothing is sent in these tests; a closed port keeps the look-ups quiet.
const HOST: &str = "http://127.0.0.1:9";

fn drafts_of(root: &std::path::Path) -> Drafts {
    Drafts::new(root.join("data/lsq-tasks/staging.json"))
}

fn names(root: &std::path::Path) -> Vec<String> {
    let Loaded::Restored(batch) = drafts_of(root).load(Utc::now()).unwrap() else {
        panic!("the drafts file must be whole and readable");
    };
    batch.tasks().iter().map(|t| t.name.clone()).collect()
}

#[test]
fn a_sigkill_with_a_form_half_typed_keeps_every_staged_task_and_a_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Terminal::start(dir.path(), HOST);
    term.wait_for("The staging list is empty");
    stage(&mut term, "t", &["Staged one", "Follow Up"]);
    term.wait_for("1/50 tasks");
    // Editing the staged task, mid-word: only this unstaged edit may be lost.
    term.keys("e");
    term.wait_for("(Name)");
    term.type_text(" and a half");
    term.wait_for("and a half");
    term.kill_9();
    assert_eq!(names(dir.path()), ["Staged one"]);

    // A new task, half typed in its form.
    let mut again = Terminal::start(dir.path(), HOST);
    again.wait_for("1/50 tasks");
    again.keys("t");
    again.wait_for("(Name)");
    again.type_text("Not yet stag");
    again.wait_for("Not yet stag");
    again.kill_9();
    assert_eq!(names(dir.path()), ["Staged one"]);
}

#[test]
fn a_sigkill_in_a_form_loses_only_the_field_being_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Terminal::start(dir.path(), HOST);
    term.wait_for("The staging list is empty");
    term.keys("t");
    term.wait_for("(Name)");
    term.type_text("Kept subject");
    term.keys("\t");
    term.type_text("Follow");
    term.wait_for("Follow");
    term.kill_9();

    let mut again = Terminal::start(dir.path(), HOST);
    again.wait_for("brought back the task you were typing");
    let shown = again.contents();
    assert!(
        shown.contains("Kept subject"),
        "the finished field came back:\n{shown}"
    );
    assert!(
        !shown.contains("Follow"),
        "only the field being typed is lost:\n{shown}"
    );
    again.keys("\x1b");
    again.wait_for("The staging list is empty");
    again.keys("q");
    again.wait_exit();
    let mut third = Terminal::start(dir.path(), HOST);
    third.wait_for("The staging list is empty");
    assert!(
        !third.contents().contains("brought back"),
        "Esc dropped it for good"
    );
    third.keys("q");
    third.wait_exit();
}

#[test]
fn a_panic_restores_the_terminal_reports_and_keeps_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let env = [
        ("LSQ_HOST", HOST),
        ("LSQ_ACCESS_KEY", DEMO_ACCESS_KEY),
        ("LSQ_SECRET_KEY", DEMO_SECRET_KEY),
        ("LSQ_TEST_PANIC_ON_KEY", "F12"),
    ];
    let mut term = Terminal::start_with(dir.path(), &env);
    term.wait_for("The staging list is empty");
    assert!(term.with_screen(vt100::Screen::alternate_screen));
    stage(&mut term, "t", &["Before the panic", "Follow Up"]);
    term.wait_for("1/50 tasks");
    term.keys(F12);
    assert_eq!(term.wait_exit(), 101, "a panic exits with Rust's code");
    let (alternate, mouse) = term.with_screen(|s| (s.alternate_screen(), s.mouse_protocol_mode()));
    assert!(!alternate, "the alternate screen was left");
    assert_eq!(
        mouse,
        vt100::MouseProtocolMode::None,
        "mouse reports are off"
    );
    assert!(
        !term.with_screen(vt100::Screen::hide_cursor),
        "the cursor is back"
    );
    // The report comes after the terminal is restored, so it stays readable on the screen.
    let raw = String::from_utf8_lossy(&term.raw()).into_owned();
    let restored = raw
        .rfind("\x1b[?1049l")
        .expect("the alternate screen was left");
    let report = raw
        .find("a deliberate panic")
        .expect("the panic is reported");
    assert!(report > restored, "reported after the restore: {raw:?}");
    assert_eq!(names(dir.path()), ["Before the panic"]);

    let mut again = Terminal::start(dir.path(), HOST);
    again.wait_for("Before the panic");
    again.keys("q");
    again.wait_exit();
}

#[test]
fn a_second_copy_on_the_same_folder_is_refused_and_the_first_keeps_its_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Terminal::start(dir.path(), HOST);
    first.wait_for("The staging list is empty");
    stage(&mut first, "t", &["From the first", "Follow Up"]);
    first.wait_for("1/50 tasks");

    let mut second = Terminal::start(dir.path(), HOST);
    assert_eq!(second.wait_exit(), 2);
    let refused = second.contents();
    assert!(refused.contains("another lsq-tasks"), "{refused}");
    let pid = first.child.process_id().unwrap();
    assert!(refused.contains(&format!("(process {pid})")), "{refused}");

    stage(&mut first, "t", &["Still the first", "Follow Up"]);
    first.wait_for("2/50 tasks");
    first.keys("q");
    assert_eq!(first.wait_exit(), 0);
    assert_eq!(names(dir.path()), ["From the first", "Still the first"]);

    // Once the first has quit, the folder is free again.
    let mut third = Terminal::start(dir.path(), HOST);
    third.wait_for("2/50 tasks");
    third.keys("q");
    assert_eq!(third.wait_exit(), 0);
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
}

fn stage_todo(app: &mut App, name: &str) {
    let press = |app: &mut App, code| app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    press(app, KeyCode::Char('t'));
    for c in name.chars() {
        press(app, KeyCode::Char(c));
    }
    press(app, KeyCode::Tab);
    for c in "Follow Up".chars() {
        press(app, KeyCode::Char(c));
    }
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
}

#[test]
fn an_autosave_that_cannot_write_warns_keeps_the_list_and_catches_up_later() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("data");
    let mut app = App::new(TuiOptions::new(
        folder.join("staging.json"),
        Zone::parse("Asia/Kolkata").unwrap(),
        now,
    ));
    stage_todo(&mut app, "Saved");
    assert!(app.save_problem().is_none());
    // The data folder goes away under the running app and a file takes its place: every
    // write fails, for root too (a read-only folder would not stop root).
    std::fs::remove_dir_all(&folder).unwrap();
    std::fs::write(&folder, "").unwrap();
    stage_todo(&mut app, "Only in memory");
    assert_eq!(app.batch().len(), 2);
    let problem = app.save_problem().unwrap().to_owned();
    assert!(problem.contains("kept in memory only"), "{problem}");
    assert!(
        problem.contains("staging.json"),
        "names the file: {problem}"
    );

    std::fs::remove_file(&folder).unwrap();
    stage_todo(&mut app, "Third");
    assert!(
        app.save_problem().is_none(),
        "the warning goes once saving works"
    );
    let Loaded::Restored(batch) = Drafts::new(folder.join("staging.json"))
        .load(now())
        .unwrap()
    else {
        panic!("saved again");
    };
    assert_eq!(batch.len(), 3, "nothing kept only in memory was lost");
}
