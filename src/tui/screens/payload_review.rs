//! `PayloadReview`: the exact body, coloured, with a cursor line and, beside it, what the
//! member under the cursor means.

use std::cell::Cell;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::task::{self, Batch, Problem, Summary, docs, to_json};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::json_view::{self, LineMember};

/// At this width and above the explanation sits beside the body, else below it.
const SIDE_BY_SIDE: u16 = 110;

/// The body as it stood when the pane opened.
#[derive(Debug, Clone)]
pub struct PayloadReview {
    lines: Vec<String>,
    members: Vec<LineMember>,
    problems: Vec<Problem>,
    cursor: usize,
    /// The first line shown; kept by drawing, which is the only one to know the height.
    offset: Cell<usize>,
    /// The number of body lines the last frame showed, for PgUp and PgDn.
    page: Cell<usize>,
}

impl PayloadReview {
    /// The pane for `batch`, its problems judged at `now`, the cursor on the first line.
    pub fn new(batch: &Batch, now: DateTime<Utc>) -> PayloadReview {
        let body = to_json(batch, true);
        let lines: Vec<String> = body.lines().map(str::to_owned).collect();
        let borrowed: Vec<&str> = lines.iter().map(String::as_str).collect();
        PayloadReview {
            members: json_view::members(&borrowed),
            problems: task::validate(batch, now),
            cursor: 0,
            offset: Cell::new(0),
            page: Cell::new(10),
            lines,
        }
    }

    /// The 0-based index of the cursor line.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The member the cursor is on and its task number.
    pub fn member(&self) -> Option<&LineMember> {
        self.members.get(self.cursor)
    }

    /// Moves the cursor line for one of the cursor actions.
    pub fn move_cursor(&mut self, action: Action) {
        let last = self.lines.len().saturating_sub(1);
        let page = self.page.get().max(1);
        self.cursor = match action {
            Action::CursorDown => self.cursor + 1,
            Action::CursorUp => self.cursor.saturating_sub(1),
            Action::PageDown => self.cursor + page,
            Action::PageUp => self.cursor.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => last,
            _ => self.cursor,
        }
        .min(last);
    }

    /// Draws the request line, the body and the explanation (beside from 110 columns).
    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme, endpoint: &str) {
        let [request, rest] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
        let summary = Summary::of(&self.problems);
        let request_lines = vec![
            Line::from(Span::styled(endpoint.to_owned(), theme.focus)),
            Line::from(vec![
                Span::styled("JSON body · keys go in headers, never shown · ", theme.dim),
                Span::styled(
                    summary.to_string(),
                    if summary.errors > 0 {
                        theme.error
                    } else {
                        theme.info
                    },
                ),
            ]),
        ];
        frame.render_widget(Paragraph::new(request_lines), request);
        let (body, about) = if rest.width >= SIDE_BY_SIDE {
            let [body, about] =
                Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                    .areas(rest);
            (body, about)
        } else {
            let [body, about] =
                Layout::vertical([Constraint::Min(3), Constraint::Length(5)]).areas(rest);
            (body, about)
        };
        self.draw_body(frame, body, theme);
        self.draw_about(frame, about, theme);
    }

    fn draw_body(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let height = usize::from(area.height).max(1);
        self.page.set(height);
        // Scroll only as far as keeping the cursor in view needs.
        let mut offset = self.offset.get();
        if self.cursor < offset {
            offset = self.cursor;
        } else if self.cursor >= offset + height {
            offset = self.cursor + 1 - height;
        }
        self.offset.set(offset);
        let number_width = self.lines.len().to_string().len();
        let gutter_width = u16::try_from(number_width + 1).unwrap_or(u16::MAX);
        let buffer = frame.buffer_mut();
        let shown = self.lines.iter().enumerate().skip(offset).take(height);
        for ((index, text), y) in shown.zip(area.top()..area.bottom()) {
            let row = Rect::new(area.x, y, area.width, 1);
            let rest = Rect {
                x: row.x.saturating_add(gutter_width),
                width: area.width.saturating_sub(gutter_width),
                ..row
            };
            // The cursor line's colours first, the text's own over them, as a styled line is
            // drawn; the mark keeps the cursor visible without colour (NO_COLOR).
            let mark = if index == self.cursor {
                buffer.set_style(row, theme.selected);
                '▸'
            } else {
                ' '
            };
            let gutter = format!("{:>number_width$}{mark}", index + 1);
            buffer.set_stringn(row.x, y, gutter, usize::from(row.width), theme.dim);
            json_view::draw(text, theme, rest, buffer);
        }
    }

    fn draw_about(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let Some(at) = self.member() else {
            return;
        };
        let title = match at.task {
            Some(number) => format!(" {} · task {number} ", at.member),
            None => format!(" {} ", at.member),
        };
        let block = Block::default().borders(Borders::ALL).title(title);
        let mut lines = vec![Line::from(
            docs::explain(&at.member).unwrap_or("A member of the body."),
        )];
        let about = |p: &&Problem| match at.task {
            Some(number) => p.concerns(number, &at.member),
            None => p.task.is_none() && p.member == at.member,
        };
        for problem in self.problems.iter().filter(about) {
            let (mark, style) = if problem.is_error() {
                ("✗", theme.error)
            } else {
                ("!", theme.warning)
            };
            lines.push(Line::from(Span::styled(
                format!("{mark} {}", problem.message),
                style,
            )));
        }
        frame.render_widget(
            Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
            area,
        );
    }
}
