//! `StagingList`, the home screen: the tasks to send, their problems, the webhook.

use std::cell::RefCell;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::task::{Kind, Problem, Task, Zone};
use crate::tui::app::App;
use crate::tui::theme::Theme;

/// The list's own state: which task is selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StagingList {
    /// Index into the batch; 0 when the list is empty.
    pub selected: usize,
    /// Where the last frame drew the rows, so a click can be mapped to a task. Kept by
    /// drawing, the only code that knows the layout.
    rows: std::cell::Cell<Option<Rows>>,
    /// The table as last drawn, without the selection: moving the selection within one
    /// screenful copies it instead of laying out and formatting every row again.
    drawn: RefCell<Option<Drawn>>,
}

/// A drawn table and what it was drawn from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Drawn {
    key: TableKey,
    buffer: Buffer,
}

/// Everything the table's cells depend on, apart from the theme and zone (fixed for the
/// application's life).
#[derive(Debug, Clone, PartialEq, Eq)]
struct TableKey {
    area: Rect,
    offset: usize,
    /// Changes whenever the list or its problems change (see `App::problems`).
    version: u64,
    marked: Vec<usize>,
}

/// The table's rows on screen: the first row's line, how many are shown, the first index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rows {
    top: u16,
    shown: u16,
    offset: usize,
}

impl StagingList {
    /// The index of the task drawn on screen line `y`, if a task is drawn there.
    pub fn row_at(&self, y: u16) -> Option<usize> {
        let rows = self.rows.get()?;
        (y >= rows.top && y < rows.top + rows.shown)
            .then(|| rows.offset + usize::from(y - rows.top))
    }
}

/// Draws the webhook line, the table of tasks and the problems of the selected one.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let checked = app.problems();
    let problems = &checked.list[..];
    let warning = app.save_problem();
    let [saving, webhook, table, details] = Layout::vertical([
        Constraint::Length(u16::from(warning.is_some())),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(4),
    ])
    .areas(area);
    if let Some(warning) = warning {
        let line = Span::styled(format!("! {warning}"), theme.warning);
        frame.render_widget(Paragraph::new(line), saving);
    }
    draw_webhook(app, problems, frame, webhook);
    if app.batch().is_empty() {
        let text = vec![
            Line::default(),
            Line::from("The staging list is empty."),
            Line::from(vec![
                Span::raw("Press "),
                Span::styled("a", theme.key),
                Span::raw(" for a new appointment or "),
                Span::styled("t", theme.key),
                Span::raw(" for a new to-do; "),
                Span::styled("?", theme.key),
                Span::raw(" lists every key."),
            ]),
        ];
        let paragraph = Paragraph::new(text).wrap(Wrap { trim: true }).centered();
        frame.render_widget(paragraph, table);
        return;
    }
    draw_table(app, &checked, frame, table);
    draw_details(app, problems, frame, details);
}

fn draw_webhook(app: &App, problems: &[Problem], frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let mut spans = vec![Span::styled(
        "Status webhook (StatusWebhookURL): ",
        theme.label,
    )];
    match &app.batch().webhook {
        Some(url) => spans.push(Span::raw(url.clone())),
        None => spans.push(Span::styled("none", theme.dim)),
    }
    if let Some(problem) = problems.iter().find(|p| p.member == "StatusWebhookURL") {
        spans.push(Span::styled(
            format!("  ✗ {}", problem.message),
            theme.error,
        ));
    }
    spans.push(Span::styled("  (W sets it)", theme.dim));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn mark(problems: &[Problem], number: usize, theme: &Theme) -> Span<'static> {
    let mine = problems.iter().filter(|p| p.task == Some(number));
    let mut warned = false;
    for problem in mine {
        if problem.is_error() {
            return Span::styled("✗", theme.error);
        }
        warned = true;
    }
    if warned {
        Span::styled("!", theme.warning)
    } else {
        Span::raw(" ")
    }
}

/// `Wed 14 Jan 10:00` in the user's zone.
fn due_text(task: &Task, zone: Zone) -> String {
    task.due_date.map_or_else(
        || "today (default)".to_owned(),
        |due| {
            due.with_timezone(&zone)
                .format("%a %d %b %H:%M")
                .to_string()
        },
    )
}

/// Draws the visible rows and marks the selected one. The rows are drawn once per list
/// version, screenful and set of marks, then copied.
fn draw_table(app: &App, checked: &crate::tui::app::Problems, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    // Only the rows that fit are drawn (each formats its due time in the user's zone): the
    // offset is the one ratatui's table would pick for a fresh state, the selected row at the
    // bottom once it is past the first screenful.
    let fit = usize::from(area.height.saturating_sub(1));
    let offset = (app.selected() + 1).saturating_sub(fit);
    let key = TableKey {
        area,
        offset,
        version: checked.version,
        marked: app.marked().iter().copied().collect(),
    };
    let mut drawn = app.list().drawn.borrow_mut();
    if drawn.as_ref().is_none_or(|d| d.key != key) {
        let mut buffer = Buffer::empty(area);
        render_rows(app, &checked.list, offset, fit, &mut buffer);
        *drawn = Some(Drawn { key, buffer });
    }
    if let Some(drawn) = drawn.as_ref() {
        copy(&drawn.buffer, frame.buffer_mut());
    }
    // The selection as ratatui's table marks it: the symbol in the selection column, then the
    // highlight over the whole row.
    let selected = u16::try_from(app.selected() - offset).unwrap_or(u16::MAX);
    if selected < area.height.saturating_sub(1) {
        let row = Rect::new(area.x, area.y + 1 + selected, area.width, 1);
        let buffer = frame.buffer_mut();
        buffer.set_stringn(row.x, row.y, SELECTION_MARK, 1, Style::default());
        buffer.set_style(row, theme.selected);
    }
    let shown = area.height.saturating_sub(1);
    let len = app.batch().len().saturating_sub(offset);
    app.list().rows.set(Some(Rows {
        top: area.y + 1,
        shown: shown.min(u16::try_from(len).unwrap_or(u16::MAX)),
        offset,
    }));
}

/// The mark of the selected row; it shows the selection without colour too (NO_COLOR).
const SELECTION_MARK: &str = "▸";

/// Copies `from` into the same area of `to`, row by row.
fn copy(from: &Buffer, to: &mut Buffer) {
    let area = from.area.intersection(to.area);
    let width = usize::from(area.width);
    for y in area.top()..area.bottom() {
        let source = from.index_of(area.x, y);
        let target = to.index_of(area.x, y);
        to.content[target..target + width].clone_from_slice(&from.content[source..source + width]);
    }
}

/// The header and the rows `offset..offset + fit`, none selected, into `buffer`, laid out
/// as ratatui's table lays them out (a selection column, then the columns one space apart).
/// Drawn cell by cell: the table widget solved its column constraints with a general solver
/// and built a text per cell, which made the first frame of a full list slower than all the
/// rest of start-up's drawing.
fn render_rows(app: &App, problems: &[Problem], offset: usize, fit: usize, buffer: &mut Buffer) {
    let area = buffer.area;
    let theme = app.theme();
    let zone = app.options().zone;
    let columns = columns(area);
    let zone_name = app.now().with_timezone(&zone).format("%Z").to_string();
    let due_title = format!("Due ({zone_name})");
    let header = ["#", "", "Kind", "Task type", "Subject", &due_title, "Owner"];
    buffer.set_style(Rect { height: 1, ..area }, theme.api_name);
    for (text, column) in header.into_iter().zip(&columns) {
        put(buffer, *column, area.y, text, Style::default());
    }
    let tasks = app
        .batch()
        .tasks()
        .iter()
        .enumerate()
        .skip(offset)
        .take(fit);
    for ((index, task), y) in tasks.zip(area.y + 1..area.bottom()) {
        let marked = if app.marked().contains(&index) {
            "●"
        } else {
            " "
        };
        let kind = match task.kind {
            Kind::Appointment => "appt",
            Kind::Todo => "to-do",
        };
        let (name, name_style) = if task.name.trim().is_empty() {
            ("(no subject)", theme.dim)
        } else {
            (task.name.as_str(), Style::default())
        };
        let problem = mark(problems, index + 1, theme);
        let number = format!("{marked}{:>2}", index + 1);
        let due = due_text(task, zone);
        let cells = [
            (number.as_str(), Style::default()),
            (problem.content.as_ref(), problem.style),
            (kind, Style::default()),
            (task.task_type.as_str(), Style::default()),
            (name, name_style),
            (due.as_str(), Style::default()),
            (
                task.owner_email.as_deref().unwrap_or_default(),
                Style::default(),
            ),
        ];
        for ((text, style), column) in cells.into_iter().zip(&columns) {
            put(buffer, *column, y, text, style);
        }
    }
}

/// `text` in a column of row `y`, cut at the column's edge.
fn put(buffer: &mut Buffer, (x, width): (u16, u16), y: u16, text: &str, style: Style) {
    if width > 0 {
        buffer.set_stringn(x, y, text, usize::from(width), style);
    }
}

/// The left edge and width of each column. Every column has a fixed width but the subject's,
/// which takes what is left (at least 10); on a screen too narrow for that, ratatui's layout
/// decides, as it did for the table.
fn columns(area: Rect) -> [(u16, u16); 7] {
    let wide = area.width >= 110;
    let fixed = [
        3,
        1,
        5,
        if wide { 18 } else { 11 },
        0,
        16,
        if wide { 28 } else { 16 },
    ];
    // The selection column, and one space after each column but the last.
    let taken = 1 + fixed.iter().sum::<u16>() + 6;
    let mut columns = [(0, 0); 7];
    if let Some(subject) = area.width.checked_sub(taken).filter(|w| *w >= 10) {
        let mut x = area.x + 1;
        for (column, width) in columns.iter_mut().zip(fixed) {
            let width = if width == 0 { subject } else { width };
            *column = (x, width);
            x += width + 1;
        }
        return columns;
    }
    let constraints = fixed.map(|w| {
        if w == 0 {
            Constraint::Min(10)
        } else {
            Constraint::Length(w)
        }
    });
    let inner = Rect::new(area.x + 1, area.y, area.width.saturating_sub(1), 1);
    let rects = Layout::horizontal(constraints)
        .flex(ratatui::layout::Flex::Start)
        .spacing(1)
        .split(inner);
    for (column, rect) in columns.iter_mut().zip(rects.iter()) {
        *column = (rect.x, rect.width);
    }
    columns
}

fn draw_details(app: &App, problems: &[Problem], frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let number = app.selected() + 1;
    let mine: Vec<&Problem> = problems.iter().filter(|p| p.task == Some(number)).collect();
    let title = format!(" Task {number}: {} problem(s) ", mine.len());
    let block = Block::default().borders(Borders::TOP).title(title);
    let lines: Vec<Line> = if mine.is_empty() {
        vec![Line::from(Span::styled("ready to send", theme.info))]
    } else {
        mine.iter()
            .map(|p| {
                let (mark, style) = if p.is_error() {
                    ("✗", theme.error)
                } else {
                    ("!", theme.warning)
                };
                Line::from(Span::styled(
                    format!("{mark} {}: {}", p.member, p.message),
                    style,
                ))
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The columns as ratatui's table placed them, for every width from the smallest screen up:
    /// the hand-made layout must not move a column by one cell.
    #[test]
    fn columns_fall_where_the_table_widget_put_them() {
        for width in 60..=240 {
            let area = Rect::new(0, 3, width, 20);
            let wide = width >= 110;
            let constraints = [
                Constraint::Length(3),
                Constraint::Length(1),
                Constraint::Length(5),
                Constraint::Length(if wide { 18 } else { 11 }),
                Constraint::Min(10),
                Constraint::Length(16),
                Constraint::Length(if wide { 28 } else { 16 }),
            ];
            let inner = Rect::new(1, 3, width - 1, 1);
            let expected: Vec<(u16, u16)> = Layout::horizontal(constraints)
                .flex(ratatui::layout::Flex::Start)
                .spacing(1)
                .split(inner)
                .iter()
                .map(|r| (r.x, r.width))
                .collect();
            assert_eq!(columns(area).to_vec(), expected, "at width {width}");
        }
    }
}
