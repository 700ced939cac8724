//! `PayloadReview`: the exact body, coloured, with a cursor line and, beside it, what the
//! member under the cursor means.

use std::cell::{Cell, RefCell};

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

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
    /// Lines already coloured and laid into cells, by index, for the width they were drawn
    /// at: paging through a long body shows the same lines again and again, and colouring
    /// and measuring every character of a page cost more than the rest of the frame.
    coloured: RefCell<Coloured>,
}

/// Body lines drawn into cells, for one width.
#[derive(Debug, Clone, Default)]
struct Coloured {
    width: u16,
    lines: Vec<Option<Vec<ratatui::buffer::Cell>>>,
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
            coloured: RefCell::new(Coloured::default()),
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
        let rest_width = area.width.saturating_sub(gutter_width);
        let mut coloured = self.coloured.borrow_mut();
        if coloured.width != rest_width || coloured.lines.len() != self.lines.len() {
            *coloured = Coloured {
                width: rest_width,
                lines: vec![None; self.lines.len()],
            };
        }
        let buffer = frame.buffer_mut();
        let shown = self.lines.iter().enumerate().skip(offset).take(height);
        for ((index, text), y) in shown.zip(area.top()..area.bottom()) {
            let row = Rect::new(area.x, y, area.width, 1);
            let rest = Rect {
                x: row.x.saturating_add(gutter_width),
                width: rest_width,
                ..row
            };
            if index == self.cursor {
                // The cursor line's colours first, the text's own over them, as a styled
                // line is drawn; the mark keeps the cursor visible without colour (NO_COLOR).
                buffer.set_style(row, theme.selected);
                let gutter = format!("{:>number_width$}▸", index + 1);
                buffer.set_stringn(row.x, y, gutter, usize::from(row.width), theme.dim);
                json_view::highlight(text, theme).render(rest, buffer);
                continue;
            }
            let gutter = format!("{:>number_width$} ", index + 1);
            buffer.set_stringn(row.x, y, gutter, usize::from(row.width), theme.dim);
            let cells = coloured.lines[index].get_or_insert_with(|| {
                let mut line = Buffer::empty(Rect::new(0, 0, rest_width, 1));
                json_view::highlight(text, theme).render(line.area, &mut line);
                line.content
            });
            if rest.width > 0 && rest.right() <= buffer.area.right() {
                let start = buffer.index_of(rest.x, y);
                buffer.content[start..start + cells.len()].clone_from_slice(cells);
            }
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

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::task::{Kind, Task};

    fn review() -> PayloadReview {
        let mut batch = Batch::default();
        for number in 0..20 {
            let mut task = Task::new(Kind::Todo);
            task.name = format!("Call back {number}");
            batch.add(task).unwrap();
        }
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
        PayloadReview::new(&batch, now)
    }

    fn drawn(review: &PayloadReview, theme: &Theme) -> Buffer {
        let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
        terminal
            .draw(|frame| review.draw(frame, frame.area(), theme, "POST https://host/x"))
            .unwrap();
        terminal.backend().buffer().clone()
    }

    /// Lines kept from earlier frames are drawn exactly as a pane drawing them afresh would,
    /// colours included, wherever paging has moved them and whichever line the cursor is on.
    #[test]
    fn paging_back_and_forth_draws_what_a_fresh_pane_draws() {
        let theme = Theme::new(true);
        let mut paged = review();
        let moves = [
            Action::PageDown,
            Action::PageDown,
            Action::CursorDown,
            Action::PageUp,
            Action::CursorUp,
            Action::Bottom,
            Action::PageUp,
        ];
        for action in moves {
            drawn(&paged, &theme);
            paged.move_cursor(action);
            let first = drawn(&paged, &theme);
            let mut fresh = review();
            fresh.cursor = paged.cursor;
            fresh.offset.set(paged.offset.get());
            fresh.page.set(paged.page.get());
            assert_eq!(first, drawn(&fresh, &theme), "after {action:?}");
        }
    }
}
