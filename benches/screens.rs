//! Every screen with the 50 example tasks staged, drawn at 120x40 into ratatui's `TestBackend`,
//! and the highlighting of the whole review body. Budget: any screen under 1 ms, so a key is
//! answered well within a frame of the terminal.

#![allow(
    clippy::unwrap_used,
    reason = "a benchmark that cannot set up should fail loudly"
)]

use std::hint::black_box;

use chrono::{DateTime, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lsq_tasks::store::Drafts;
use lsq_tasks::task::{Zone, read_body, to_json};
use lsq_tasks::tui::{self, App, Screen, TuiOptions};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const FIFTY: &str = include_str!("../assets/examples/fifty.json");

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
}

/// An app restored from a drafts file holding the 50 tasks, as at start-up.
fn staged(dir: &std::path::Path) -> App {
    let path = dir.join("staging.json");
    Drafts::new(&path)
        .save(&read_body(FIFTY).unwrap().batch)
        .unwrap();
    let app = App::new(TuiOptions::new(
        path,
        Zone::parse("Asia/Kolkata").unwrap(),
        now,
    ));
    assert_eq!(app.batch().len(), 50);
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

criterion_group!(benches, screens, highlight);
criterion_main!(benches);
