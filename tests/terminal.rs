//! Terminal abuse: tiny windows, a megabyte pasted into a field, wide and combining text, and
//! escape sequences hidden in task names, which must be drawn as text and never replayed.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lsq_tasks::store::Drafts;
use lsq_tasks::task::{Batch, Kind, Task, Zone};
use lsq_tasks::tui::{App, Screen, TuiOptions, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::pty;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| draw(app, frame)).unwrap();
    terminal
}

/// An app whose saved list holds tasks named `names`, as if a file had put them there.
fn app_with_names(dir: &Path, names: &[&str]) -> App {
    let path = dir.join("staging.json");
    let tasks = names
        .iter()
        .map(|name| {
            let mut task = Task::new(Kind::Todo);
            (*name).clone_into(&mut task.name);
            "Follow Up".clone_into(&mut task.task_type);
            task
        })
        .collect();
    Drafts::new(&path)
        .save(&Batch::from_tasks(tasks, None).unwrap())
        .unwrap();
    App::new(TuiOptions::new(
        path,
        Zone::parse("Asia/Kolkata").unwrap(),
        now,
    ))
}

#[test]
fn typing_a_megabyte_into_a_field_ends_quickly_and_the_form_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(TuiOptions::new(
        dir.path().join("s.json"),
        Zone::parse("Asia/Kolkata").unwrap(),
        now,
    ));
    press(&mut app, KeyCode::Char('t'));
    let started = Instant::now();
    for _ in 0..1024 * 1024 {
        press(&mut app, KeyCode::Char('x'));
    }
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "1 MB of keys took {:?}",
        started.elapsed()
    );
    render(&app, 80, 24);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Char('y'));
    press(&mut app, KeyCode::Tab);
    for c in "Follow Up".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(app.screen(), Screen::StagingList);
    let name = &app.batch().tasks()[0].name;
    assert_eq!(name.len(), 4_000);
    assert!(name.ends_with("xy"), "editing keys work on a full field");
}

/// Opens each screen in turn and draws it at `sizes`; none may panic.
#[test]
fn every_screen_survives_a_one_by_one_window_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_names(dir.path(), &["Call back", "日本語の打ち合わせ"]);
    let sizes = [
        (1, 1),
        (2, 1),
        (1, 2),
        (10, 3),
        (59, 15),
        (80, 24),
        (1, 1),
        (120, 40),
    ];
    let mut drawn = 0;
    for keys in [
        &[][..],
        &[KeyCode::Char('e')],
        &[KeyCode::Esc, KeyCode::Char('r')],
        &[KeyCode::Esc, KeyCode::Char('?')],
        &[KeyCode::Esc, KeyCode::Char('W')],
        &[KeyCode::Esc, KeyCode::Char('d')],
        &[KeyCode::Char('s')],
        &[KeyCode::Esc, KeyCode::Char('c')],
        &[KeyCode::Esc, KeyCode::Char('h')],
    ] {
        for key in keys {
            press(&mut app, *key);
        }
        for (width, height) in sizes {
            render(&app, width, height);
            drawn += 1;
        }
        let back = render(&app, 120, 40).backend().to_string();
        assert!(back.contains("lsq-tasks"), "{back}");
    }
    assert_eq!(drawn, 72);
}

/// The column where `text` starts on row `y`, counting the cells a wide character covers.
fn column_of(terminal: &Terminal<TestBackend>, y: u16, text: &str) -> Option<u16> {
    let buffer = terminal.backend().buffer();
    let mut line = String::new();
    let mut starts = Vec::new();
    for x in 0..buffer.area.width {
        let symbol = buffer[(x, y)].symbol();
        starts.push((line.len(), x));
        line.push_str(symbol);
    }
    let at = line.find(text)?;
    starts.iter().find(|(byte, _)| *byte == at).map(|(_, x)| *x)
}

#[test]
fn wide_combining_and_emoji_names_keep_the_columns_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let long_wide = "長".repeat(40);
    let names = [
        "Plain name",
        "日本語の打ち合わせ",
        "Cafe\u{301} visit",
        "👩‍👩‍👧 family call",
        "🇮🇳 flag",
        long_wide.as_str(),
    ];
    let app = app_with_names(dir.path(), &names);
    for width in [80, 120] {
        let terminal = render(&app, width, 24);
        let shown = terminal.backend().to_string();
        let rows: Vec<u16> = (0..24)
            .filter(|&y| column_of(&terminal, y, "Follow Up").is_some())
            .collect();
        assert_eq!(rows.len(), names.len(), "{shown}");
        let type_at: Vec<_> = rows
            .iter()
            .map(|&y| column_of(&terminal, y, "Follow Up"))
            .collect();
        let due_at: Vec<_> = rows
            .iter()
            .map(|&y| column_of(&terminal, y, "today"))
            .collect();
        assert!(
            type_at.windows(2).all(|w| w[0] == w[1]),
            "{type_at:?}\n{shown}"
        );
        assert!(due_at.iter().all(Option::is_some), "{due_at:?}\n{shown}");
        assert!(
            due_at.windows(2).all(|w| w[0] == w[1]),
            "{due_at:?}\n{shown}"
        );
    }
}

const HOSTILE: [&str; 4] = [
    "evil\x1b[2Jname",
    "title\x1b]2;pwned\x07tail",
    "ring\x07bell",
    "csi\u{9b}31mred",
];

#[test]
fn escape_sequences_in_names_are_drawn_as_text_not_control_codes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_names(dir.path(), &HOSTILE);
    for keys in [
        &[][..],
        &[KeyCode::Char('e')],
        &[KeyCode::Esc, KeyCode::Char('r')],
    ] {
        for key in keys {
            press(&mut app, *key);
        }
        let terminal = render(&app, 120, 40);
        let buffer = terminal.backend().buffer();
        for cell in &buffer.content {
            assert!(
                !cell.symbol().chars().any(char::is_control),
                "a control character reached a cell: {:?}\n{}",
                cell.symbol(),
                terminal.backend()
            );
        }
    }
}

#[test]
fn in_a_real_terminal_hostile_names_never_reach_it_raw_and_a_one_by_one_resize_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("data/lsq-tasks");
    app_with_names(&drafts, &HOSTILE);
    let mut term = pty::Terminal::start(dir.path(), "http://127.0.0.1:9");
    term.wait_for("4/50 tasks");
    term.wait_for("evil");
    term.keys("e");
    term.wait_for("(Name)");
    term.keys(pty::ESC);
    term.wait_for("4/50 tasks");
    term.resize(1, 1);
    std::thread::sleep(Duration::from_millis(200));
    term.resize(40, 120);
    std::thread::sleep(Duration::from_millis(500));
    term.wait_for("4/50 tasks");
    term.keys("q");
    assert_eq!(term.wait_exit(), 0);
    let raw = term.raw();
    let has = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    for needle in [
        &b"\x1b[2Jname"[..],
        b"\x1b]2;pwned",
        b"\x07",
        "\u{9b}".as_bytes(),
    ] {
        assert!(!has(needle), "{needle:?} reached the terminal");
    }
}
