//! Every screen with the 50 example tasks staged, drawn at 120x40 into ratatui's `TestBackend`,
//! and the highlighting of the whole review body. Budget: any screen under 1 ms, so a key is
//! answered well within a frame of the terminal.

#![allow(
    clippy::unwrap_used,
    reason = "a benchmark that cannot set up should fail loudly"
)]

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lsq_tasks::api::verify::{Progress, Report, Retrieved, SentTask, TaskCheck, TaskState};
use lsq_tasks::api::{AccountUser, Call, Outcome, ResponseBody};
use lsq_tasks::config::{Host, Keys, Paths, Profile, Secret, Settings};
use lsq_tasks::store::Drafts;
use lsq_tasks::task::{Batch, Kind, Zone, read_body, to_json};
use lsq_tasks::tui::{self, App, KeyCheck, Message, Screen, SubmitView, TuiOptions};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const FIFTY: &str = include_str!("../assets/examples/fifty.json");

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
}

/// Options whose drafts file holds the 50 tasks, as at start-up.
fn fifty_options(dir: &std::path::Path) -> TuiOptions {
    let path = dir.join("staging.json");
    Drafts::new(&path)
        .save(&read_body(FIFTY).unwrap().batch)
        .unwrap();
    TuiOptions::new(path, Zone::parse("Asia/Kolkata").unwrap(), now)
}

/// An app restored from a drafts file holding the 50 tasks, as at start-up.
fn staged(dir: &std::path::Path) -> App {
    let app = App::new(fifty_options(dir));
    assert_eq!(app.batch().len(), 50);
    app
}

/// The host the connected app's profile names. No call is ever made to it: outcomes and checks
/// come as messages, and the only task spawned (verification) is never polled.
const HOST: &str = "api-in21.leadsquared.com";

/// `staged` with a profile, keys and config and data folders under `dir`, as a user with an
/// account starts it.
fn connected(dir: &std::path::Path) -> App {
    let mut options = fifty_options(dir);
    let mut profile = Profile::named("acme");
    profile.host = Host::parse(HOST).unwrap();
    options.settings = Some(Settings {
        profile,
        keys: Some(Keys {
            access_key: Secret::new("u$bench-access"),
            secret_key: Secret::new("bench-secret"),
        }),
        sandbox: false,
        warnings: Vec::new(),
    });
    options.paths = Some(Paths::under(&dir.join("home")));
    let app = App::new(options);
    assert_eq!(app.batch().len(), 50);
    assert_eq!(app.screen(), Screen::StagingList);
    app
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn draw_screen(c: &mut Criterion, name: &str, app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function(name, |b| {
        b.iter(|| {
            // A changed frame each time would measure the diff too; ratatui diffs against the
            // previous buffer, so clearing it makes every iteration a full first frame.
            terminal.clear().unwrap();
            terminal
                .draw(|frame| tui::draw(black_box(app), frame))
                .unwrap();
        });
    });
}

fn screens(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = staged(dir.path());
    draw_screen(c, "draw staging list, 50 tasks", &app);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::TaskForm);
    draw_screen(c, "draw task form", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.screen(), Screen::PayloadReview);
    draw_screen(c, "draw review pane, 50 tasks", &app);
    // Halfway down the body: the pane scrolled, the explanation of a task's member beside it.
    for _ in 0..12 {
        press(&mut app, KeyCode::PageDown);
    }
    draw_screen(c, "draw review pane, 50 tasks, scrolled", &app);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.screen(), Screen::Help);
    draw_screen(c, "draw help", &app);
}

/// What the background call would hand back after `elapsed_ms`.
fn answer(outcome: Outcome, elapsed_ms: u64) -> Message {
    Message::Submitted(Box::new(Call {
        outcome,
        elapsed: Duration::from_millis(elapsed_ms),
        notes: Vec::new(),
    }))
}

/// `s` on the staging list, then the call's outcome as a message; each lands in the history.
fn submit(app: &mut App, outcome: Outcome, elapsed_ms: u64) {
    press(app, KeyCode::Char('s'));
    assert!(matches!(app.submit_view(), Some(SubmitView::Confirm(_))));
    app.handle_message(answer(outcome, elapsed_ms));
    assert_eq!(app.screen(), Screen::Submit);
    assert!(matches!(app.submit_view(), Some(SubmitView::Done { .. })));
}

/// A check of `batch` as `Task.svc/Retrieve` might answer it: most tasks found, every tenth
/// not there yet, one matched twice.
fn report(batch: &Batch) -> Report {
    let checks = batch
        .tasks()
        .iter()
        .enumerate()
        .map(|(index, task)| {
            let number = index + 1;
            let got = |id: usize| Retrieved {
                id: format!("3f0c2a1e-7b5d-4e8a-9c61-{id:012x}"),
                name: task.name.clone(),
                task_type: Some(task.task_type.clone()),
                category: Some(i64::from(task.kind == Kind::Todo)),
                due: task.due_date,
                due_text: task
                    .due_date
                    .map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string())
                    .unwrap_or_default(),
                owner: task.owner_email.clone().unwrap_or_default(),
                created_on: "2026-12-03 09:00:05".to_owned(),
            };
            let state = match number {
                n if n % 10 == 0 => TaskState::NotYet,
                7 => TaskState::Ambiguous(vec![got(number), got(number + 100)]),
                _ => TaskState::Found(got(number)),
            };
            TaskCheck {
                task: SentTask {
                    number,
                    name: task.name.clone(),
                    task_type: task.task_type.clone(),
                    kind: Some(task.kind),
                    due: task.due_date,
                    owner: task.owner_email.as_deref().map(str::to_ascii_lowercase),
                },
                state,
            }
        })
        .collect();
    Report { checks, attempt: 3 }
}

/// The screens of an app with an account, reached as a user would with the background work's
/// answers handed in as messages: submit (confirmation and outcomes), credentials, history and
/// verification.
fn connected_screens(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = connected(dir.path());
    let sent = app.batch().clone();
    submit_screens(c, &mut app);
    credentials_screen(c, &mut app);
    history_screens(c, &mut app, &sent);
}

/// The confirmation, then an accepted and a refused outcome; two more endings for the history.
fn submit_screens(c: &mut Criterion, app: &mut App) {
    press(app, KeyCode::Char('s'));
    assert_eq!(app.screen(), Screen::Submit);
    assert!(matches!(app.submit_view(), Some(SubmitView::Confirm(_))));
    draw_screen(c, "draw submit confirmation, 50 tasks", app);

    // The answers a real call would bring, as the background call hands them to the app.
    let accepted = concat!(
        r#"{"Status":"Success","Message":"Accepted 50 tasks for creation","#,
        r#""RequestId":"7d2f4b9e-1c3a-4f6d-8e5b-0a9c2d4e6f81","TasksCount":50}"#
    );
    app.handle_message(answer(
        Outcome::Accepted {
            status: 200,
            body: ResponseBody::new(accepted.as_bytes()),
        },
        420,
    ));
    assert_eq!(app.screen(), Screen::Submit);
    assert!(matches!(
        app.submit_view(),
        Some(SubmitView::Done { cleared: true, .. })
    ));
    draw_screen(c, "draw submit outcome, 200 accepted", app);

    // `b` puts the batch back; sent again, it is refused with the service's error fields.
    press(app, KeyCode::Char('b'));
    assert_eq!(app.batch().len(), 50);
    let rejected = concat!(
        r#"{"Status":"Error","ExceptionType":"MXInvalidInputException","ExceptionMessage":"#,
        r#""Task 2: DueDate '2027-13-01 10:00:00' is not in the format yyyy-MM-dd HH:mm:ss; "#,
        r#"Task 5: TaskType.Name 'Site Vist' does not exist"}"#
    );
    submit(
        app,
        Outcome::Rejected {
            status: 400,
            body: ResponseBody::new(rejected.as_bytes()),
        },
        310,
    );
    draw_screen(c, "draw submit outcome, 400 rejected", app);

    // Two more endings, so the history holds a few submissions of every kind.
    let unsent = Outcome::NotSent {
        reason: "could not connect to api-in21.leadsquared.com: connection refused".to_owned(),
    };
    let unknown = Outcome::Unknown {
        reason: "the connection closed before the answer was complete".to_owned(),
    };
    for (outcome, elapsed_ms) in [(unsent, 12), (unknown, 30_000)] {
        press(app, KeyCode::Esc);
        submit(app, outcome, elapsed_ms);
    }
    press(app, KeyCode::Esc);
}

/// The profile's form after its keys were checked.
fn credentials_screen(c: &mut Criterion, app: &mut App) {
    press(app, KeyCode::Char('c'));
    assert_eq!(app.screen(), Screen::Credentials);
    app.handle_message(Message::KeysChecked(Ok(AccountUser {
        id: "a1b2c3d4-0000-4000-8000-000000000001".to_owned(),
        name: "Asha Rao".to_owned(),
        role: "Administrator".to_owned(),
        time_zone: "India Standard Time".to_owned(),
        organisation: "Acme Realty".to_owned(),
        org_id: "61234".to_owned(),
        email: "asha.rao@acme.example".to_owned(),
        api_host: HOST.to_owned(),
    })));
    let checked = app.credentials().map(|form| &form.check);
    assert!(matches!(checked, Some(KeyCheck::Passed(_))));
    draw_screen(c, "draw credentials, keys checked", app);
    press(app, KeyCode::Esc);
}

/// The history list and one entry in full, then the verification of a batch (`sent`) from it.
fn history_screens(c: &mut Criterion, app: &mut App, sent: &Batch) {
    // The four submissions of `submit_screens`, as read back from the history file.
    press(app, KeyCode::Char('h'));
    assert_eq!(app.screen(), Screen::History);
    assert_eq!(app.history().map(|h| h.entries.len()), Some(4));
    draw_screen(c, "draw history, 4 submissions", app);
    // The refused one in full: its answer, then the 50 tasks' body.
    press(app, KeyCode::Char('j'));
    press(app, KeyCode::Char('j'));
    press(app, KeyCode::Enter);
    let open = app
        .history()
        .map(|h| (h.open, h.selected_entry().map(|e| e.status)));
    assert_eq!(open, Some((true, Some(Some(400)))));
    assert_eq!(app.screen(), Screen::History);
    draw_screen(c, "draw history entry, 50 tasks", app);
    press(app, KeyCode::Esc);

    // `v` on the newest entry (the answer that never came) spawns the checks on the runtime
    // in force. This one is never driven and has neither I/O nor timers, so the checks never
    // run: their progress and result come as messages instead.
    press(app, KeyCode::Char('k'));
    press(app, KeyCode::Char('k'));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let (sender, _receiver) = tokio::sync::mpsc::unbounded_channel();
    app.set_sender(sender);
    {
        let _entered = runtime.enter();
        press(app, KeyCode::Char('v'));
    }
    assert_eq!(app.screen(), Screen::Verify);
    let report = report(sent);
    app.handle_message(Message::VerifyProgress(Progress::Checked(report.clone())));
    app.handle_message(Message::VerifyFinished(Ok(report)));
    let view = app.verify_view().unwrap();
    assert_eq!(view.number, Some(4));
    assert!(view.activity.is_none() && view.report.is_some());
    draw_screen(c, "draw verify, 50 tasks checked", app);
    // Leaving the screen aborts the checks before the runtime goes.
    press(app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::History);
    drop(runtime);
}

fn highlight(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let app = staged(dir.path());
    let body = to_json(app.batch(), true);
    let lines: Vec<&str> = body.lines().collect();
    c.bench_function("highlight the whole body, 50 tasks", |b| {
        b.iter(|| {
            let highlighted: Vec<_> = lines
                .iter()
                .map(|line| tui::highlight(black_box(line), app.theme()))
                .collect();
            highlighted
        });
    });
    c.bench_function("members of the whole body, 50 tasks", |b| {
        b.iter(|| tui::members(black_box(&lines)));
    });
}

criterion_group!(benches, screens, connected_screens, highlight);
criterion_main!(benches);
