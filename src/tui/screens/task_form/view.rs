//! Drawing the task form: one row per field (label and API name, value, the most important
//! note), and below them everything known about the focused field.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Field, Note, TaskForm};
use crate::task::{Kind, Zone, docs, when};
use crate::tui::theme::Theme;
use crate::tui::widgets::field;

/// Width of the label column: the longest label and API name, plus the focus mark.
const LABEL_WIDTH: u16 = 34;

enum Row {
    Heading(&'static str),
    Field(Field),
    /// A line under a field, in its value column: the choices the account offers, or the
    /// leads found by e-mail. `strong` for the one chosen.
    Hint {
        text: String,
        strong: bool,
    },
}

impl TaskForm {
    /// Draws the header, the field rows scrolled to the focus, and the focused field's details.
    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme, zone: Zone) {
        let [header, rows, detail] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(5),
        ])
        .areas(area);
        self.draw_header(frame, header, theme, zone);
        self.draw_rows(frame, rows, theme);
        self.draw_detail(frame, detail, theme);
    }

    fn draw_header(&self, frame: &mut Frame, area: Rect, theme: &Theme, zone: Zone) {
        let what = match (self.editing, self.kind) {
            (Some(index), _) => format!("Editing task {}", index + 1),
            (None, Kind::Appointment) => "New appointment".to_owned(),
            (None, Kind::Todo) => "New to-do".to_owned(),
        };
        let errors = self
            .notes
            .iter()
            .filter(|(_, n)| matches!(n, Note::Error(_)))
            .count();
        let mut spans = vec![
            Span::styled(what, theme.focus),
            Span::styled(format!("  · times in {zone}"), theme.dim),
        ];
        if errors > 0 {
            let plural = if errors == 1 { "" } else { "s" };
            spans.push(Span::styled(
                format!("  · {errors} error{plural}"),
                theme.error,
            ));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }

    fn rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        for field in self.fields() {
            if self.kind == Kind::Todo && field == Field::End {
                rows.push(Row::Heading("Rarely used for a to-do"));
            }
            rows.push(Row::Field(field));
            for (strong, text) in self.hints(field) {
                rows.push(Row::Hint { text, strong });
            }
        }
        rows
    }

    /// The lines shown under `field`: the task types offered, the leads found.
    fn hints(&self, field: Field) -> Vec<(bool, String)> {
        match field {
            Field::TaskType => {
                let offered = self.offered_task_types();
                if offered.is_empty() {
                    return Vec::new();
                }
                vec![(false, format!("choices (Ctrl-T): {}", offered.join(", ")))]
            }
            Field::RelatedId => self.lead_lines(),
            _ => Vec::new(),
        }
    }

    fn draw_rows(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let rows = self.rows();
        let height = usize::from(area.height);
        let focus_row = rows
            .iter()
            .position(|r| matches!(r, Row::Field(f) if *f == self.focus))
            .unwrap_or(0);
        // Scroll just enough to keep the focused row in view; when rows are hidden below, the
        // last line says so instead of showing a field.
        let more_below = |offset: usize| offset + height < rows.len();
        let mut offset = (focus_row + 1).saturating_sub(height);
        if more_below(offset) && focus_row + 2 > offset + height {
            offset += 1;
        }
        let shown = if more_below(offset) {
            height.saturating_sub(1)
        } else {
            height
        };
        let rest = area.width.saturating_sub(LABEL_WIDTH);
        let value_width = rest.saturating_sub(28).clamp(12, 40).min(rest);
        if shown < height {
            let y = area.y.saturating_add(u16::try_from(shown).unwrap_or(0));
            let text = Span::styled("  ↓ more fields below (Tab)", theme.dim);
            frame.buffer_mut().set_span(area.x, y, &text, area.width);
        }
        for (index, row) in rows.iter().skip(offset).take(shown).enumerate() {
            let y = area.y.saturating_add(u16::try_from(index).unwrap_or(0));
            let line = Rect::new(area.x, y, area.width, 1);
            match row {
                Row::Heading(text) => {
                    let text = Span::styled(format!("── {text} ──"), theme.dim);
                    frame
                        .buffer_mut()
                        .set_span(line.x, line.y, &text, line.width);
                }
                Row::Field(f) => self.draw_row(frame, line, *f, value_width, theme),
                Row::Hint { text, strong } => {
                    let x = line.x.saturating_add(LABEL_WIDTH.saturating_add(1));
                    let area = Rect::new(x, line.y, line.right().saturating_sub(x), 1);
                    let style = if *strong { theme.info } else { theme.dim };
                    let text = Span::styled(text.as_str(), style);
                    frame
                        .buffer_mut()
                        .set_span(area.x, area.y, &text, area.width);
                }
            }
        }
    }

    fn draw_row(&self, frame: &mut Frame, line: Rect, f: Field, value_width: u16, theme: &Theme) {
        let focused = f == self.focus;
        let [label, value, note] = row_columns(line, value_width);
        let mark = if focused { "▸ " } else { "  " };
        let mandatory = match f {
            Field::CustomName(index) => self.custom_field_info(index).is_some_and(|i| i.mandatory),
            _ => false,
        };
        let star = if mandatory { " *" } else { "" };
        let mut spans = vec![Span::styled(
            format!("{mark}{}{star}", f.label()),
            if focused { theme.focus } else { theme.label },
        )];
        if !matches!(f, Field::AddCustom | Field::CustomValue(_)) {
            spans.push(Span::styled(format!(" ({})", f.api_name()), theme.api_name));
        }
        frame
            .buffer_mut()
            .set_line(label.x, label.y, &Line::from(spans), label.width);
        let value_style = if focused { theme.focus } else { theme.label };
        if let Some(input) = self.input(f) {
            let shown = if focused {
                field::visible(input, value.width, value_style)
            } else if input.value().is_empty() {
                Span::styled(self.placeholder(f), theme.dim)
            } else {
                // Away from the cursor a value reads from its start: an e-mail or GUID
                // filled in by a look-up would otherwise show only its tail.
                let start: String = input.value().chars().take(value.width.into()).collect();
                Span::styled(start, value_style)
            };
            frame
                .buffer_mut()
                .set_line(value.x, value.y, &Line::from(shown), value.width);
            if focused && value.width > 0 {
                frame.set_cursor_position(field::cursor(input, value));
            }
        } else if let Some(choice) = self.choice(f) {
            // A choice is never wrong by itself (its problems show at the related id), so it
            // may use the note's room too.
            let wide = Rect {
                width: line.right().saturating_sub(value.x),
                ..value
            };
            let choice = Span::styled(choice, value_style);
            frame
                .buffer_mut()
                .set_span(wide.x, wide.y, &choice, wide.width);
        } else if f == Field::AddCustom {
            let hint = Span::styled("Space or Ctrl-O", theme.dim);
            frame
                .buffer_mut()
                .set_span(value.x, value.y, &hint, value.width);
        }
        if let Some(first) = self.notes(f).next() {
            let (mark, style) = note_style(first, theme);
            let text = Span::styled(format!("{mark}{}", first.text()), style);
            frame
                .buffer_mut()
                .set_span(note.x, note.y, &text, note.width);
        }
    }

    fn draw_detail(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let block = Block::default().borders(Borders::TOP).title(Span::styled(
            format!(
                " {} ({}) ",
                self.focus.label().trim(),
                self.focus.api_name()
            ),
            theme.label,
        ));
        let mut lines: Vec<Line> = self
            .notes(self.focus)
            .map(|note| {
                let (mark, style) = note_style(note, theme);
                Line::from(Span::styled(format!("{mark}{}", note.text()), style))
            })
            .collect();
        let suggestions = self.suggestions();
        if !suggestions.is_empty() {
            lines.push(Line::from(vec![
                Span::styled("Ctrl-T", theme.key),
                Span::raw(format!(" takes a suggestion: {}", suggestions.join(", "))),
            ]));
        }
        let about = match self.focus {
            Field::Kind => Some(
                "Appointment or to-do (←/→ to change). Not sent: the task type's category \
                 decides it in the account.",
            ),
            Field::Due | Field::End => Some(when::FORMS),
            Field::Related | Field::Notify => Some("←/→ or Space to choose."),
            Field::AddCustom => Some("Custom fields of the task type, by schema name."),
            _ => None,
        };
        lines.extend(about.map(|text| Line::from(Span::styled(text, theme.dim))));
        let account = self
            .custom_field_about()
            .or(self.lead_about().map(Into::into));
        lines.extend(account.map(|text| Line::from(Span::styled(text, theme.dim))));
        if let Some(text) = docs::explain(self.focus.api_name()) {
            lines.push(Line::from(Span::styled(text, theme.dim)));
        }
        frame.render_widget(
            Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
            area,
        );
    }
}

/// The label, value and note columns of a field row, one space apart: where
/// `Layout::horizontal([Length(label), Length(value_width), Min(0)]).spacing(1)` puts them
/// (a test checks), worked out directly since every row of every frame needs them. Rows are
/// written straight into the buffer for the same reason: a paragraph widget per label, value
/// and note made typing in the form cost more than the rest of the frame.
fn row_columns(line: Rect, value_width: u16) -> [Rect; 3] {
    let label_width = LABEL_WIDTH.min(line.width);
    let fits = u32::from(label_width) + u32::from(value_width) + 2 <= u32::from(line.width);
    if !fits {
        return Layout::horizontal([
            Constraint::Length(label_width),
            Constraint::Length(value_width),
            Constraint::Min(0),
        ])
        .spacing(1)
        .areas(line);
    }
    let value_x = line.x + label_width + 1;
    let note_x = value_x + value_width + 1;
    [
        Rect::new(line.x, line.y, label_width, 1),
        Rect::new(value_x, line.y, value_width, 1),
        Rect::new(note_x, line.y, line.right() - note_x, 1),
    ]
}

fn note_style(note: &Note, theme: &Theme) -> (&'static str, ratatui::style::Style) {
    match note {
        Note::Error(_) => ("✗ ", theme.error),
        Note::Warning(_) => ("! ", theme.warning),
        Note::Info(_) => ("", theme.info),
    }
}

impl TaskForm {
    /// What an empty field means, shown dimmed until the user types.
    fn placeholder(&self, field: Field) -> &'static str {
        match field {
            Field::Due => "blank: today",
            Field::End | Field::Reminder | Field::Owner | Field::Location => "blank: not sent",
            Field::CustomValue(index) if self.is_unused_offer(index) => "blank: not sent",
            Field::RelatedId if self.can_find_leads => "GUID or e-mail",
            Field::RelatedId => "GUID",
            Field::TaskType => "e.g. Meeting",
            _ => "",
        }
    }
}

#[cfg(test)]
mod layout_tests {
    use super::*;

    #[test]
    fn row_columns_fall_where_the_layout_puts_them() {
        for width in 1..=240 {
            let line = Rect::new(0, 7, width, 1);
            let rest = width.saturating_sub(LABEL_WIDTH);
            let value_width = rest.saturating_sub(28).clamp(12, 40).min(rest);
            let expected: [Rect; 3] = Layout::horizontal([
                Constraint::Length(LABEL_WIDTH.min(width)),
                Constraint::Length(value_width),
                Constraint::Min(0),
            ])
            .spacing(1)
            .areas(line);
            assert_eq!(row_columns(line, value_width), expected, "at width {width}");
        }
    }
}
