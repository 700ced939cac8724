//! Painting a frame from the [`App`]: the frame around every screen (title, sandbox banner,
//! status line, footer of keys), the screen itself and any overlay.

pub mod credentials_form;
pub mod help;
pub mod history_list;
pub mod payload_review;
pub mod staging_list;
pub mod submit_view;
pub mod task_form;
pub mod verify_view;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Screen, Tone};
use crate::task::MAX_TASKS;

/// Below this size the layout cannot show a form row and its label; a message asks for more.
pub const MIN_WIDTH: u16 = 60;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 16;

/// Draws the whole window. Never panics, whatever the size of the frame.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        // Even here the sandbox says so: a user must never wonder whether a call was real.
        let sandbox = if app.options().sandbox {
            "SANDBOX: "
        } else {
            ""
        };
        let text = format!(
            "{sandbox}enlarge the terminal to at least {MIN_WIDTH}x{MIN_HEIGHT} (now {}x{})",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let sandbox = u16::from(app.options().sandbox);
    let [title, banner, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(sandbox),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_title(app, frame, title);
    if app.options().sandbox {
        let text = " SANDBOX — nothing is sent to LeadSquared ";
        let line = Line::from(Span::styled(text, app.theme().banner)).centered();
        frame.render_widget(Paragraph::new(line).style(app.theme().banner), banner);
    }
    match app.screen() {
        Screen::StagingList => staging_list::draw(app, frame, body),
        Screen::TaskForm => {
            if let Some(form) = app.form() {
                form.draw(frame, body, app.theme(), app.options().zone);
            }
        }
        Screen::PayloadReview => {
            if let Some(review) = app.review() {
                review.draw(frame, body, app.theme(), &app.options().endpoint);
            }
        }
        Screen::Help => help::draw(app, frame, body),
        Screen::Submit => {
            if let Some(view) = app.submit_view() {
                view.draw(frame, body, app.theme());
            }
        }
        Screen::Credentials => {
            if let Some(form) = app.credentials() {
                form.draw(frame, body, app.theme());
            }
        }
        Screen::Verify => {
            if let Some(view) = app.verify_view() {
                view.draw(frame, body, app.theme(), app.options().zone);
            }
        }
        Screen::History => {
            if let Some(history) = app.history() {
                history.draw(frame, body, app.theme(), app.options().zone);
            }
        }
    }
    draw_status(app, frame, status);
    draw_footer(app, frame, footer);
    if let Some(modal) = app.modal() {
        modal.draw(frame, body, app.theme());
    }
    if let Some(prompt) = app.prompt() {
        prompt.draw(frame, body, app.theme());
    }
    if let Some(choice) = app.choice() {
        choice.draw(frame, body, app.theme());
    }
    if let Some((bulk, preview)) = app.bulk() {
        bulk.draw(frame, body, app.theme(), &preview);
    }
}

fn screen_name(screen: Screen) -> &'static str {
    match screen {
        Screen::StagingList => "Staging list",
        Screen::TaskForm => "Task",
        Screen::PayloadReview => "Review the body",
        Screen::Help => "Keys",
        Screen::Submit => "Submit",
        Screen::Credentials => "Credentials",
        Screen::History => "History",
        Screen::Verify => "Verify a batch",
    }
}

fn draw_title(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let left = format!(" lsq-tasks · {}", screen_name(app.screen()));
    let marked = match app.marked().len() {
        0 => String::new(),
        n => format!("{n} marked · "),
    };
    let right = format!("{marked}{}/{MAX_TASKS} tasks ", app.batch().len());
    let [left_area, right_area] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(u16::try_from(right.chars().count()).unwrap_or(0)),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(left).style(theme.title), left_area);
    frame.render_widget(Paragraph::new(right).style(theme.title), right_area);
}

fn draw_status(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let line = if let Some(status) = app.status() {
        let (mark, style) = match status.tone {
            Tone::Info => ("", theme.info),
            Tone::Warning => ("! ", theme.warning),
            Tone::Error => ("✗ ", theme.error),
        };
        Line::from(Span::styled(format!("{mark}{}", status.text), style))
    } else if let Some(problem) = app.save_problem() {
        Line::from(Span::styled(format!("! {problem}"), theme.warning))
    } else {
        Line::default()
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_footer(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    // An overlay's keys are the ones that work while it is open, so they replace the screen's.
    let context = app.context();
    let mut spans = Vec::new();
    for (key, word) in app.keymap().footer(context) {
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {word}  "), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
