//! The terminal UI driven by keys, without a terminal: state after key presses, and whole
//! screens rendered into ratatui's `TestBackend` and compared with reviewed snapshots.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

mod support;

use std::path::Path;
use support::ui::{ctrl, key as press, screen, text as type_text};

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyModifiers};
use lsq_tasks::task::{Kind, MAX_TASKS, Zone};
use lsq_tasks::tui::{App, Field, Note, Screen, Tone, TuiOptions, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

/// Thursday 2026-12-03 09:00 UTC, 14:30 in Kolkata.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
}

fn options(dir: &Path) -> TuiOptions {
    TuiOptions::new(
        dir.join("staging.json"),
        Zone::parse("Asia/Kolkata").unwrap(),
        now,
    )
}

fn fresh() -> (App, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    (App::new(options(dir.path())), dir)
}

/// Moves the form's focus to `field` with Tab, as a user would.
fn tab_to(app: &mut App, field: Field) {
    for _ in 0..40 {
        if app.form().unwrap().focus() == field {
            return;
        }
        press(app, KeyCode::Tab);
    }
    panic!("{field:?} is not reachable with Tab");
}

/// Stages a to-do named `name` through the form.
fn stage_todo(app: &mut App, name: &str, task_type: &str) {
    press(app, KeyCode::Char('t'));
    type_text(app, name);
    tab_to(app, Field::TaskType);
    type_text(app, task_type);
    ctrl(app, 's');
}

fn status(app: &App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

/// A list with a good appointment, a to-do with an error and one with a warning.
fn marked_list() -> (App, TempDir) {
    let (mut app, dir) = fresh();
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "Site visit");
    tab_to(&mut app, Field::TaskType);
    type_text(&mut app, "Meeting");
    tab_to(&mut app, Field::Due);
    type_text(&mut app, "2027-01-14 10:00");
    tab_to(&mut app, Field::End);
    type_text(&mut app, "2027-01-14 10:45");
    tab_to(&mut app, Field::Location);
    type_text(&mut app, "Indiranagar");
    tab_to(&mut app, Field::Owner);
    type_text(&mut app, "asha@example.com");
    ctrl(&mut app, 's');
    stage_todo(&mut app, "", "Follow Up");
    press(&mut app, KeyCode::Char('t'));
    type_text(&mut app, "Verify PAN card");
    tab_to(&mut app, Field::TaskType);
    type_text(&mut app, "Document Collection");
    tab_to(&mut app, Field::Due);
    type_text(&mut app, "2026-12-01 10:00");
    ctrl(&mut app, 's');
    (app, dir)
}

#[test]
fn ctrl_s_stages_the_task_and_the_list_shows_it() {
    let (mut app, _dir) = fresh();
    stage_todo(&mut app, "Call back", "Follow Up");
    assert_eq!(app.screen(), Screen::StagingList);
    assert_eq!(app.batch().len(), 1);
    assert_eq!(app.batch().tasks()[0].name, "Call back");
    assert_eq!(status(&app), "staged task 1");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Call back"), "{shown}");
    assert!(shown.contains("1/50 tasks"), "{shown}");
}

#[test]
fn the_51st_task_is_refused_with_the_reason() {
    let (mut app, _dir) = fresh();
    stage_todo(&mut app, "Call", "Follow Up");
    for _ in 1..MAX_TASKS {
        press(&mut app, KeyCode::Char('D'));
    }
    assert_eq!(app.batch().len(), MAX_TASKS);
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(
        app.screen(),
        Screen::StagingList,
        "no form opens for a 51st task"
    );
    assert_eq!(app.status().unwrap().tone, Tone::Error);
    assert!(status(&app).contains("50 tasks is the most one call takes"));
    press(&mut app, KeyCode::Char('D'));
    assert_eq!(app.batch().len(), MAX_TASKS);
    assert!(status(&app).contains("not added"));
    insta::assert_snapshot!("list_51st_refused_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("list_51st_refused_120x40", screen(&app, 120, 40));
}

#[test]
fn delete_then_u_puts_the_task_back_in_its_place() {
    let (mut app, _dir) = fresh();
    for name in ["first", "second", "third"] {
        stage_todo(&mut app, name, "Follow Up");
    }
    press(&mut app, KeyCode::Up);
    assert_eq!(app.selected(), 1);
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.batch().len(), 2);
    assert!(status(&app).contains("u puts it back"));
    press(&mut app, KeyCode::Char('u'));
    let names: Vec<&str> = app
        .batch()
        .tasks()
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(names, ["first", "second", "third"]);
    assert_eq!(app.selected(), 1);
}

#[test]
fn moving_a_task_changes_its_place() {
    let (mut app, _dir) = fresh();
    for name in ["first", "second"] {
        stage_todo(&mut app, name, "Follow Up");
    }
    press(&mut app, KeyCode::Char('K'));
    assert_eq!(app.batch().tasks()[0].name, "second");
    assert_eq!(app.selected(), 0);
}

#[test]
fn esc_in_a_changed_form_asks_first_and_n_keeps_editing() {
    let (mut app, _dir) = fresh();
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "Site visit");
    press(&mut app, KeyCode::Esc);
    assert!(
        app.modal().is_some(),
        "a changed form asks before it is left"
    );
    insta::assert_snapshot!("form_discard_question_80x24", screen(&app, 80, 24));
    press(&mut app, KeyCode::Char('n'));
    assert!(app.modal().is_none());
    assert_eq!(app.screen(), Screen::TaskForm);
    assert_eq!(app.form().unwrap().task().name, "Site visit");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.screen(), Screen::StagingList);
    assert!(app.batch().is_empty());
}

#[test]
fn esc_in_an_untouched_form_leaves_at_once() {
    let (mut app, _dir) = fresh();
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Esc);
    assert!(app.modal().is_none());
    assert_eq!(app.screen(), Screen::StagingList);
}

#[test]
fn a_form_error_appears_and_disappears_as_fields_change() {
    let (mut app, _dir) = fresh();
    press(&mut app, KeyCode::Char('t'));
    tab_to(&mut app, Field::Owner);
    type_text(&mut app, "asha");
    let owner_note = |app: &App| app.form().unwrap().notes(Field::Owner).next().cloned();
    assert!(matches!(owner_note(&app), Some(Note::Error(m)) if m.contains("'asha'")));
    assert!(screen(&app, 80, 24).contains("✗ 'asha' is not an e-mail"));
    type_text(&mut app, "@example.com");
    assert_eq!(owner_note(&app), None);
    assert!(!screen(&app, 80, 24).contains("is not an e-mail"));
}

#[test]
fn a_date_typed_as_tomorrow_shows_its_utc_value() {
    let (mut app, _dir) = fresh();
    press(&mut app, KeyCode::Char('t'));
    tab_to(&mut app, Field::Due);
    type_text(&mut app, "tomorrow 10:00");
    // 10:00 in Kolkata (UTC+05:30) on Friday 4 December.
    assert!(screen(&app, 80, 24).contains("= 2026-12-04 04:30:00 UTC"));
}

#[test]
fn an_unreadable_date_is_not_staged_and_the_cursor_goes_to_it() {
    let (mut app, _dir) = fresh();
    press(&mut app, KeyCode::Char('t'));
    type_text(&mut app, "Call");
    tab_to(&mut app, Field::Due);
    type_text(&mut app, "soon");
    press(&mut app, KeyCode::Tab);
    ctrl(&mut app, 's');
    assert_eq!(app.screen(), Screen::TaskForm);
    assert_eq!(app.form().unwrap().focus(), Field::Due);
    assert!(status(&app).starts_with("not staged yet: Due (DueDate)"));
}

#[test]
fn ctrl_n_stages_and_opens_a_copy() {
    let (mut app, _dir) = fresh();
    press(&mut app, KeyCode::Char('t'));
    type_text(&mut app, "Call");
    tab_to(&mut app, Field::TaskType);
    type_text(&mut app, "Follow Up");
    ctrl(&mut app, 'n');
    assert_eq!(app.batch().len(), 1);
    assert_eq!(app.screen(), Screen::TaskForm);
    let form = app.form().unwrap();
    assert_eq!(form.editing(), None);
    assert_eq!(form.task().task_type, "Follow Up");
    ctrl(&mut app, 's');
    assert_eq!(app.batch().len(), 2);
}

#[test]
fn editing_replaces_the_task_in_place() {
    let (mut app, _dir) = fresh();
    stage_todo(&mut app, "Call", "Follow Up");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, " back");
    ctrl(&mut app, 's');
    assert_eq!(app.batch().len(), 1);
    assert_eq!(app.batch().tasks()[0].name, "Call back");
}

#[test]
fn the_drafts_file_is_written_after_a_change_and_restored_by_a_new_app() {
    let (mut app, dir) = fresh();
    stage_todo(&mut app, "Call back", "Follow Up");
    press(&mut app, KeyCode::Char('W'));
    type_text(&mut app, "https://hooks.example.com/lsq");
    press(&mut app, KeyCode::Enter);
    let saved = std::fs::read_to_string(dir.path().join("staging.json")).unwrap();
    assert!(saved.contains("Call back") && saved.contains("hooks.example.com"));
    let again = App::new(options(dir.path()));
    assert_eq!(again.batch(), app.batch());
    assert_eq!(again.batch().tasks()[0].kind, Kind::Todo);
    assert!(status(&again).contains("restored 1 task"));
}

#[test]
fn a_damaged_drafts_file_is_kept_aside_and_the_ui_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("staging.json"), "not json").unwrap();
    let app = App::new(options(dir.path()));
    assert!(app.batch().is_empty());
    assert!(status(&app).contains("staging.json.damaged-20261203T090000Z"));
    assert!(
        dir.path()
            .join("staging.json.damaged-20261203T090000Z")
            .exists()
    );
}

#[test]
fn a_failed_save_warns_and_keeps_the_list_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the folder should be: saving fails even for root.
    std::fs::write(dir.path().join("blocker"), "").unwrap();
    let mut app = App::new(options(&dir.path().join("blocker")));
    stage_todo(&mut app, "Call", "Follow Up");
    assert_eq!(app.batch().len(), 1);
    assert!(app.save_problem().unwrap().contains("kept in memory only"));
    assert!(screen(&app, 80, 24).contains("! not saved, kept in memory only"));
    assert!(status(&app).contains("staged task 1"));
}

#[test]
fn the_webhook_prompt_refuses_a_relative_url() {
    let (mut app, _dir) = fresh();
    press(&mut app, KeyCode::Char('W'));
    type_text(&mut app, "hooks/lsq");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.prompt()
            .unwrap()
            .error
            .as_ref()
            .unwrap()
            .contains("not an absolute URL")
    );
    assert_eq!(app.batch().webhook, None);
    insta::assert_snapshot!("webhook_prompt_error_80x24", screen(&app, 80, 24));
}

#[test]
fn the_review_writes_and_copies_the_exact_body() {
    let (mut app, dir) = marked_list();
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.screen(), Screen::PayloadReview);
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Home);
    ctrl(&mut app, 'k');
    let target = dir.path().join("body.json");
    type_text(&mut app, target.to_str().unwrap());
    press(&mut app, KeyCode::Enter);
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(written, lsq_tasks::task::to_json(app.batch(), true) + "\n");
    assert!(status(&app).contains("body.json"));
    press(&mut app, KeyCode::Char('y'));
    let outbox = app.take_outbox();
    assert!(outbox[0].starts_with("\x1b]52;c;") && outbox[0].ends_with('\x07'));
    assert!(status(&app).starts_with("copied"));
}

#[test]
fn the_review_explains_the_member_under_the_cursor() {
    let (mut app, _dir) = marked_list();
    press(&mut app, KeyCode::Char('r'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('j'));
    }
    let member = app.review().unwrap().member().unwrap().clone();
    assert_eq!((member.member.as_str(), member.task), ("Name", Some(1)));
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.review().unwrap().cursor(), 0);
}

#[test]
fn q_quits_from_the_list_but_types_in_a_form() {
    let (mut app, _dir) = fresh();
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.should_quit());
    assert_eq!(app.form().unwrap().task().name, "q");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit());
}

#[test]
fn tiny_terminals_get_a_message_and_never_a_panic() {
    let (app, _dir) = marked_list();
    for (width, height) in [(1, 1), (20, 5), (59, 30), (200, 3)] {
        let shown = screen(&app, width, height);
        if width >= 20 && height >= 5 {
            assert!(shown.contains("enlarge"), "{width}x{height}: {shown}");
        }
    }
    insta::assert_snapshot!("too_small_20x5", screen(&app, 20, 5));
    assert_eq!(
        screen(&app, 1, 1)
            .trim_matches(|c| c == '"' || c == '\n')
            .chars()
            .count(),
        1
    );
}

#[test]
fn every_screen_renders_at_the_minimum_size_with_a_full_list() {
    let (mut app, _dir) = marked_list();
    for _ in 3..MAX_TASKS {
        press(&mut app, KeyCode::Char('D'));
    }
    for keys in ["", "r", "?", "e"] {
        let (mut app, _dir) = marked_list();
        type_text(&mut app, keys);
        let _ = screen(&app, 60, 16);
    }
    let _ = screen(&app, 60, 16);
}

mod snapshots {
    //! Whole screens at 80x24 and 120x40, reviewed by eye when they change.

    use super::*;

    fn both(name: &str, app: &App) {
        insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
        insta::assert_snapshot!(format!("{name}_120x40"), screen(app, 120, 40));
    }

    #[test]
    fn empty_list() {
        let (app, _dir) = fresh();
        both("list_empty", &app);
    }

    #[test]
    fn list_with_error_and_warning_marks() {
        let (mut app, _dir) = marked_list();
        press(&mut app, KeyCode::Up);
        both("list_marks", &app);
    }

    #[test]
    fn list_in_sandbox_mode_has_the_banner() {
        let dir = tempfile::tempdir().unwrap();
        let mut options = options(dir.path());
        options.sandbox = true;
        let mut app = App::new(options);
        assert!(screen(&app, 80, 24).contains("SANDBOX — nothing is sent to LeadSquared"));
        press(&mut app, KeyCode::Char('a'));
        assert!(screen(&app, 80, 24).contains("SANDBOX — nothing is sent to LeadSquared"));
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('r'));
        assert!(screen(&app, 80, 24).contains("SANDBOX — nothing is sent to LeadSquared"));
        press(&mut app, KeyCode::Char('?'));
        both("help_review_sandbox", &app);
    }

    #[test]
    fn appointment_form_with_errors_and_a_date() {
        let (mut app, _dir) = fresh();
        press(&mut app, KeyCode::Char('a'));
        tab_to(&mut app, Field::Due);
        type_text(&mut app, "tomorrow 10:00");
        tab_to(&mut app, Field::End);
        type_text(&mut app, "tomorrow 9:00");
        tab_to(&mut app, Field::Related);
        press(&mut app, KeyCode::Right);
        both("form_appointment_errors", &app);
    }

    #[test]
    fn todo_form_with_a_custom_field() {
        let (mut app, _dir) = fresh();
        app.suggestions_mut().task_types = vec!["Follow Up".into(), "Document Collection".into()];
        press(&mut app, KeyCode::Char('t'));
        type_text(&mut app, "Verify PAN card");
        ctrl(&mut app, 'o');
        type_text(&mut app, "Colour");
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "blue");
        tab_to(&mut app, Field::TaskType);
        type_text(&mut app, "doc");
        both("form_todo_custom", &app);
    }

    #[test]
    fn review_of_the_body() {
        let (mut app, _dir) = marked_list();
        press(&mut app, KeyCode::Char('r'));
        for _ in 0..5 {
            press(&mut app, KeyCode::Down);
        }
        both("review", &app);
    }

    #[test]
    fn help_of_the_list_and_the_form() {
        let (mut app, _dir) = fresh();
        press(&mut app, KeyCode::Char('?'));
        both("help_list", &app);
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('t'));
        press(&mut app, KeyCode::F(1));
        both("help_form", &app);
    }
}

#[test]
fn no_color_draws_without_colour_but_keeps_the_marks() {
    use ratatui::style::Color;
    let dir = tempfile::tempdir().unwrap();
    let mut options = options(dir.path());
    options.color = false;
    let mut app = App::new(options);
    stage_todo(&mut app, "", "Follow Up");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| draw(&app, frame)).unwrap();
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|cell| cell.fg == Color::Reset && cell.bg == Color::Reset)
    );
    let shown = terminal.backend().to_string();
    assert!(shown.contains("▸  1 ✗"), "{shown}");
}

#[test]
fn the_form_scrolls_to_fields_below_the_fold() {
    let (mut app, _dir) = fresh();
    press(&mut app, KeyCode::Char('t'));
    ctrl(&mut app, 'o');
    ctrl(&mut app, 'o');
    let shown = screen(&app, 80, 24);
    assert!(!shown.contains("Place (Location)"), "{shown}");
    assert!(shown.contains("↓ more fields below"), "{shown}");
    tab_to(&mut app, Field::Location);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("▸ Place (Location)"), "{shown}");
}

#[test]
fn the_mouse_wheel_moves_the_selection_and_a_click_selects_a_task() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let (mut app, _dir) = fresh();
    for name in ["One", "Two", "Three"] {
        stage_todo(&mut app, name, "Follow Up");
    }
    let mouse = |kind, row| MouseEvent {
        kind,
        column: 10,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // Draw once so the list knows where its rows are.
    let shown = screen(&app, 80, 24);
    let row_of_one = shown.lines().position(|l| l.contains("One")).unwrap();
    assert!(app.handle_mouse(mouse(
        MouseEventKind::Down(MouseButton::Left),
        u16::try_from(row_of_one).unwrap()
    )));
    assert_eq!(app.selected(), 0);
    assert!(app.handle_mouse(mouse(MouseEventKind::ScrollDown, 0)));
    assert_eq!(app.selected(), 1);
    assert!(app.handle_mouse(mouse(MouseEventKind::ScrollUp, 0)));
    assert_eq!(app.selected(), 0);
    assert!(
        !app.handle_mouse(mouse(MouseEventKind::Moved, 3)),
        "motion changes nothing"
    );
}
