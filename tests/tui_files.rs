//! Working at a coordinator's pace in the terminal UI: loading files (append, replace, never a
//! silent cut), saving CSV, bulk edits with one undo, templates with relative times, and keys
//! remapped from config.toml.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

mod support;

use std::path::Path;
use support::ui::{key, screen, text};

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lsq_tasks::config::KeyOverride;
use lsq_tasks::task::{Zone, to_value};
use lsq_tasks::tui::{App, Screen, TuiOptions, keymap_with};

const FIFTY: &str = "assets/examples/fifty.json";
const MIXED: &str = "assets/examples/mixed.json";

/// Thursday 2026-12-03 09:00 UTC.
fn thursday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
}

/// The Monday after.
fn monday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap()
}

fn app_at(dir: &Path, clock: fn() -> DateTime<Utc>) -> App {
    App::new(TuiOptions::new(
        dir.join("staging.json"),
        Zone::parse("Asia/Kolkata").unwrap(),
        clock,
    ))
}

fn status(app: &App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

/// `i`, the path, Enter: the load question opens (or the prompt says why not).
fn load(app: &mut App, path: &str) {
    key(app, KeyCode::Char('i'));
    text(app, path);
    key(app, KeyCode::Enter);
}

fn stage_todos(app: &mut App, count: usize) {
    for i in 0..count {
        key(app, KeyCode::Char('t'));
        text(app, &format!("Call {i}"));
        key(app, KeyCode::Tab);
        text(app, "Follow Up");
        app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    }
}

#[test]
fn a_file_with_more_tasks_than_fit_stages_nothing_until_asked_and_says_the_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at(dir.path(), thursday);
    stage_todos(&mut app, 3);
    load(&mut app, FIFTY);
    let question = app.choice().unwrap().clone();
    assert_eq!(app.batch().len(), 3, "nothing is staged before the answer");
    assert!(
        question.lines[0].contains("holds 50 task(s); 3 are staged now"),
        "{question:?}"
    );
    assert!(
        question.lines[1].contains("Only 47 more fit"),
        "{question:?}"
    );
    assert!(
        question.answer('a').is_none(),
        "appending all would cut silently"
    );
    let shown = screen(&app, 100, 30);
    assert!(
        shown.contains("stage the first 47 of them and leave the other 3"),
        "{shown}"
    );

    key(&mut app, KeyCode::Esc);
    assert_eq!(app.batch().len(), 3);
    assert_eq!(status(&app), "nothing was loaded");

    load(&mut app, FIFTY);
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(app.batch().len(), 50);
    assert_eq!(app.batch().tasks()[3].name, "Meet Asha (1)");
    assert_eq!(app.batch().tasks()[49].name, "Meet Neha (47)");
}

#[test]
fn append_adds_after_the_staged_and_replace_takes_their_place_with_one_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at(dir.path(), thursday);
    stage_todos(&mut app, 1);
    load(&mut app, MIXED);
    key(&mut app, KeyCode::Char('a'));
    let names: Vec<&str> = app
        .batch()
        .tasks()
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(names, ["Call 0", "Site visit", "Verify PAN card"]);

    load(&mut app, MIXED);
    key(&mut app, KeyCode::Char('r'));
    assert_eq!(app.batch().len(), 2);
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(
        app.batch().len(),
        3,
        "u brings back the list the load replaced"
    );
}

#[test]
fn a_file_with_unreadable_members_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(
        &path,
        r#"{"TaskList":[{"Name":"x","Description":"","RelatedEntity":0,
        "RelatedEntityId":"","Duedate":"2027-01-01 10:00:00","TaskType":{"Name":"F"}}]}"#,
    )
    .unwrap();
    let mut app = app_at(dir.path(), thursday);
    load(&mut app, path.to_str().unwrap());
    assert!(app.choice().is_none());
    let error = app.prompt().unwrap().error.clone().unwrap();
    assert!(error.contains("task 1 · Duedate"), "{error}");
    assert!(app.batch().is_empty());
}

#[test]
fn csv_saved_then_loaded_gives_the_same_batch() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at(dir.path(), thursday);
    load(&mut app, FIFTY);
    key(&mut app, KeyCode::Char('r'));
    let csv = dir.path().join("week.csv");
    key(&mut app, KeyCode::Char('x'));
    // Replace the suggested name with ours.
    for _ in 0.."lsq-tasks.csv".len() {
        key(&mut app, KeyCode::Backspace);
    }
    text(&mut app, csv.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    assert!(
        status(&app).contains("wrote 50 task(s) as CSV"),
        "{}",
        status(&app)
    );

    let other = tempfile::tempdir().unwrap();
    let mut again = app_at(other.path(), thursday);
    load(&mut again, csv.to_str().unwrap());
    key(&mut again, KeyCode::Char('r'));
    assert_eq!(to_value(again.batch()), to_value(app.batch()));
    assert_eq!(again.batch(), app.batch(), "kinds too");
}

#[test]
fn a_bulk_edit_of_ten_marked_tasks_shows_the_count_and_one_undo_reverts_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at(dir.path(), thursday);
    load(&mut app, FIFTY);
    key(&mut app, KeyCode::Char('r'));
    let before = to_value(app.batch());
    for _ in 0..10 {
        key(&mut app, KeyCode::Char(' '));
    }
    assert_eq!(app.marked().len(), 10);
    key(&mut app, KeyCode::Char('E'));
    // The first member offered is the owner.
    text(&mut app, "neha@example.com");
    let (_, preview) = app.bulk().unwrap();
    assert_eq!(preview, Ok(10));
    assert!(screen(&app, 100, 30).contains("10 task(s) will change"));
    key(&mut app, KeyCode::Enter);
    let owners: Vec<_> = app
        .batch()
        .tasks()
        .iter()
        .map(|t| t.owner_email.clone())
        .collect();
    assert!(
        owners[..10]
            .iter()
            .all(|o| o.as_deref() == Some("neha@example.com"))
    );
    assert!(
        owners[10..]
            .iter()
            .all(|o| o.as_deref() != Some("neha@example.com"))
    );

    // Another member, on the same marked tasks: due times a day later.
    key(&mut app, KeyCode::Char('E'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    text(&mut app, "+1d");
    key(&mut app, KeyCode::Enter);
    assert!(
        status(&app).contains("changed 10 task(s)"),
        "{}",
        status(&app)
    );
    key(&mut app, KeyCode::Char('u'));
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(status(&app), "nothing to undo");
    // One undo per bulk edit: the first undid the shift; the owners stay until undone too.
    assert_ne!(to_value(app.batch()), before);
}

#[test]
fn one_undo_reverts_a_whole_bulk_edit() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at(dir.path(), thursday);
    load(&mut app, FIFTY);
    key(&mut app, KeyCode::Char('r'));
    let before = to_value(app.batch());
    key(&mut app, KeyCode::Char('*'));
    key(&mut app, KeyCode::Char('E'));
    key(&mut app, KeyCode::Down);
    text(&mut app, "Site Visit");
    key(&mut app, KeyCode::Enter);
    assert!(
        app.batch()
            .tasks()
            .iter()
            .all(|t| t.task_type == "Site Visit")
    );
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(to_value(app.batch()), before);
}

#[test]
fn a_template_with_a_relative_time_is_resolved_on_the_day_it_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = app_at(dir.path(), thursday);
    key(&mut first, KeyCode::Char('t'));
    text(&mut first, "Weekly call");
    key(&mut first, KeyCode::Tab);
    text(&mut first, "Follow Up");
    key(&mut first, KeyCode::Tab);
    text(&mut first, "tomorrow 10:00");
    key(&mut first, KeyCode::F(2));
    key(&mut first, KeyCode::Enter);
    assert!(
        status(&first).contains("saved the template 'Weekly call'"),
        "{}",
        status(&first)
    );
    // Leave the form without staging (Esc asks first).
    key(&mut first, KeyCode::Esc);
    key(&mut first, KeyCode::Char('y'));

    for (clock, due) in [
        (thursday as fn() -> DateTime<Utc>, "2026-12-04 04:30:00"),
        (monday, "2026-12-08 04:30:00"),
    ] {
        let mut app = app_at(dir.path(), clock);
        key(&mut app, KeyCode::Char('T'));
        key(&mut app, KeyCode::Char('1'));
        assert_eq!(app.screen(), Screen::TaskForm);
        app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        let task = app.batch().tasks().last().unwrap();
        assert_eq!(task.name, "Weekly call");
        assert_eq!(
            task.due_date
                .unwrap()
                .format("%Y-%m-%d %H:%M:%S")
                .to_string(),
            due
        );
    }
}

#[test]
fn a_remapped_key_changes_what_it_does_and_the_help_screen() {
    let dir = tempfile::tempdir().unwrap();
    let remap = KeyOverride {
        screen: "staging_list".into(),
        action: "delete".into(),
        keys: vec!["x".into()],
        line: 2,
    };
    let mut options = TuiOptions::new(
        dir.path().join("staging.json"),
        Zone::parse("Asia/Kolkata").unwrap(),
        thursday,
    );
    options.keymap = Some(keymap_with(&[remap], Path::new("config.toml")).unwrap());
    let mut app = App::new(options);
    stage_todos(&mut app, 2);
    key(&mut app, KeyCode::Char('d'));
    assert_eq!(app.batch().len(), 2, "d no longer deletes");
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(app.batch().len(), 1, "x does");
    key(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!("help_with_x_for_delete_80x24", screen(&app, 80, 30));
}

#[test]
fn load_at_start_offers_the_file_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut options = TuiOptions::new(
        dir.path().join("staging.json"),
        Zone::parse("Asia/Kolkata").unwrap(),
        thursday,
    );
    options.load = Some(MIXED.into());
    let mut app = App::new(options);
    assert!(app.choice().is_some());
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(app.batch().len(), 2);
}
