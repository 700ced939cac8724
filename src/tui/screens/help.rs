//! The help screen: every key of the screen it was opened from, read from the keymap so it
//! can never disagree with what the keys do.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, Screen};
use crate::tui::keymap::Context;

/// Draws the keys of [`App::help_for`]'s screen, in two columns when one is too short.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let context = match app.help_for() {
        Screen::TaskForm => Context::TaskForm,
        Screen::PayloadReview => Context::PayloadReview,
        Screen::Submit => Context::Submit,
        Screen::Credentials => Context::Credentials,
        Screen::History => Context::History,
        Screen::Verify => Context::Verify,
        _ => Context::StagingList,
    };
    let rows = app.keymap().help(context);
    let key_width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = rows
        .iter()
        .map(|(keys, action)| {
            Line::from(vec![
                Span::styled(format!("{keys:>key_width$}"), theme.key),
                Span::raw(format!("  {}", action.describe())),
            ])
        })
        .collect();
    let mut intro = vec![Line::from(Span::styled(
        "Keys of this screen (Esc, q or ? to go back)",
        theme.focus,
    ))];
    if context == Context::TaskForm {
        let hints = [
            "In a text field letters type; ←/→, Home/End, Ctrl-U, Ctrl-W edit.",
            "In a choice (‹ ›), ←/→ or Space change it.",
        ];
        intro.extend(hints.map(|hint| Line::from(Span::styled(hint, theme.dim))));
    }
    let intro_height = u16::try_from(intro.len()).unwrap_or(1);
    let [head, body] =
        Layout::vertical([Constraint::Length(intro_height + 1), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(intro), head);
    // Two columns when one would not fit, so every key stays in view at 80x24.
    if lines.len() > usize::from(body.height) {
        let half = lines.len().div_ceil(2);
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(body);
        let (first, second) = lines.split_at(half);
        frame.render_widget(Paragraph::new(first.to_vec()), left);
        frame.render_widget(Paragraph::new(second.to_vec()), right);
    } else {
        frame.render_widget(Paragraph::new(lines), body);
    }
}
