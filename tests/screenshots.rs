//! The README's pictures, drawn by the program's own rendering into SVG files under
//! `assets/screenshots/`. The test fails when a picture no longer matches what the code draws;
//! `LSQ_UPDATE_SCREENSHOTS=1 cargo test --test screenshots` draws them anew.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lsq_tasks::api::{Call, Outcome, ResponseBody};
use lsq_tasks::config::{Host, Keys, Profile, Secret, Settings};
use lsq_tasks::task::Zone;
use lsq_tasks::tui::{App, Message, TuiOptions, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const WIDTH: u16 = 110;
const HEIGHT: u16 = 30;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
}

fn app(dir: &Path) -> App {
    let mut options = TuiOptions::new(
        dir.join("staging.json"),
        Zone::parse("Asia/Kolkata").unwrap(),
        now,
    );
    let mut profile = Profile::named("acme");
    profile.host = Host::parse("api-in21.leadsquared.com").unwrap();
    options.settings = Some(Settings {
        profile,
        keys: Some(Keys {
            access_key: Secret::new("u$picture-access"),
            secret_key: Secret::new("picture-secret"),
        }),
        sandbox: false,
        warnings: Vec::new(),
    });
    App::new(options)
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn load_mixed_and_more(app: &mut App) {
    key(app, KeyCode::Char('i'));
    text(app, "assets/examples/fifty.json");
    key(app, KeyCode::Enter);
    key(app, KeyCode::Char('r'));
    for _ in 0..3 {
        key(app, KeyCode::Char('j'));
    }
}

fn render(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    terminal.draw(|frame| draw(app, frame)).unwrap();
    terminal.backend().buffer().clone()
}

fn hex(color: Color, default: &str) -> String {
    match color {
        Color::Black => "#1e1e1e".into(),
        Color::Red => "#e06c75".into(),
        Color::Green => "#98c379".into(),
        Color::Yellow => "#e5c07b".into(),
        Color::Blue => "#61afef".into(),
        Color::Magenta => "#c678dd".into(),
        Color::Cyan => "#56b6c2".into(),
        Color::Gray => "#abb2bf".into(),
        Color::DarkGray => "#7f848e".into(),
        Color::LightRed => "#ff7b86".into(),
        Color::LightGreen => "#b5e890".into(),
        Color::LightYellow => "#f0d197".into(),
        Color::LightBlue => "#8cc8ff".into(),
        Color::LightMagenta => "#dd9df0".into(),
        Color::LightCyan => "#7fd6e0".into(),
        Color::White => "#ffffff".into(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Reset | Color::Indexed(_) => default.to_owned(),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The buffer as an SVG of a dark terminal: one text run per stretch of equal style.
fn svg(buffer: &Buffer) -> String {
    const CELL_W: f64 = 8.4;
    const CELL_H: f64 = 18.0;
    let (fg_default, bg_default) = ("#d7dae0", "#282c34");
    let width = f64::from(WIDTH) * CELL_W;
    let height = f64::from(HEIGHT) * CELL_H;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"14\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{bg_default}\"/>\n"
    );
    for y in 0..HEIGHT {
        let mut x = 0;
        while x < WIDTH {
            let cell = &buffer[(x, y)];
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            let (mut fg, mut bg) = (hex(cell.fg, fg_default), hex(cell.bg, bg_default));
            if reversed {
                std::mem::swap(&mut fg, &mut bg);
            }
            let bold = cell.modifier.contains(Modifier::BOLD);
            let start = x;
            let mut run = String::new();
            while x < WIDTH {
                let next = &buffer[(x, y)];
                if next.fg != cell.fg || next.bg != cell.bg || next.modifier != cell.modifier {
                    break;
                }
                run.push_str(next.symbol());
                x += 1;
            }
            let left = f64::from(start) * CELL_W;
            let top = f64::from(y) * CELL_H;
            if bg != bg_default {
                let run_width = f64::from(x - start) * CELL_W;
                let _ = writeln!(
                    out,
                    "<rect x=\"{left:.1}\" y=\"{top:.1}\" width=\"{run_width:.1}\" \
                     height=\"{CELL_H}\" fill=\"{bg}\"/>"
                );
            }
            if !run.trim().is_empty() {
                let weight = if bold { " font-weight=\"bold\"" } else { "" };
                let _ = writeln!(
                    out,
                    "<text x=\"{left:.1}\" y=\"{:.1}\" fill=\"{fg}\"{weight} \
                     xml:space=\"preserve\">{}</text>",
                    top + 13.5,
                    escape(&run)
                );
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

fn check(name: &str, buffer: &Buffer) {
    let path = Path::new("assets/screenshots").join(format!("{name}.svg"));
    let drawn = svg(buffer);
    if std::env::var_os("LSQ_UPDATE_SCREENSHOTS").is_some() {
        std::fs::write(&path, drawn).unwrap();
        return;
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == drawn,
        "{} no longer shows what the program draws: run LSQ_UPDATE_SCREENSHOTS=1 cargo test \
         --test screenshots and commit the pictures",
        path.display()
    );
}

#[test]
fn the_staging_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    load_mixed_and_more(&mut app);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char(' '));
    check("staging-list", &render(&app));
}

#[test]
fn a_form_with_a_validation_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    key(&mut app, KeyCode::Char('a'));
    text(&mut app, "Site visit");
    key(&mut app, KeyCode::Tab);
    text(&mut app, "Meeting");
    key(&mut app, KeyCode::Tab);
    text(&mut app, "tomorrow 10:00");
    key(&mut app, KeyCode::Tab);
    text(&mut app, "tomorrow 9:00");
    check("form-error", &render(&app));
}

#[test]
fn the_review_pane_explaining_a_member() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    key(&mut app, KeyCode::Char('i'));
    text(&mut app, "assets/examples/mixed.json");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Char('r'));
    for _ in 0..8 {
        key(&mut app, KeyCode::Char('j'));
    }
    check("review", &render(&app));
}

#[test]
fn a_submit_result() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    key(&mut app, KeyCode::Char('i'));
    text(&mut app, "assets/examples/mixed.json");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Char('s'));
    // The answer a real call would bring, fixed so the picture does not change from run to run.
    let body = br#"{"Status":"Success","Message":"Accepted 2 tasks for creation","TasksCount":2}"#;
    app.handle_message(Message::Submitted(Box::new(Call {
        outcome: Outcome::Accepted {
            status: 200,
            body: ResponseBody::new(body),
        },
        elapsed: Duration::from_millis(420),
        notes: Vec::new(),
    })));
    check("submit-result", &render(&app));
}
