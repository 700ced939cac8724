//! Driving the terminal UI without a terminal: keys into an `App`, frames out of ratatui's
//! `TestBackend`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lsq_tasks::tui::{App, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// One key pressed without modifiers.
pub fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// A letter pressed with Ctrl.
pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// Text typed a character at a time.
pub fn text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// The whole window as text, drawn at `width` x `height`.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| draw(app, frame)).unwrap();
    terminal.backend().to_string()
}
