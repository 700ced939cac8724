//! `BulkEdit`: one member changed on every marked task at once, with the number of tasks that
//! will change shown before anything is applied.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use tui_input::Input;

use super::confirm_modal::centred;
use super::field;
use crate::task::{Batch, Edit, NotifyBy, Zone, is_schema_name, parse_shift, when};
use crate::tui::theme::Theme;

/// The members a bulk edit can change, in the order Up/Down visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkMember {
    Owner,
    TaskType,
    ShiftDue,
    SetDue,
    Reminder,
    NotifyBy,
    CustomField,
}

const MEMBERS: [BulkMember; 7] = [
    BulkMember::Owner,
    BulkMember::TaskType,
    BulkMember::ShiftDue,
    BulkMember::SetDue,
    BulkMember::Reminder,
    BulkMember::NotifyBy,
    BulkMember::CustomField,
];

impl BulkMember {
    fn label(self) -> &'static str {
        match self {
            BulkMember::Owner => "owner (OwnerEmailAddress); empty unsets it",
            BulkMember::TaskType => "task type (TaskType.Name)",
            BulkMember::ShiftDue => "move due times (DueDate, EndDate) by +1d, -2h, +30m",
            BulkMember::SetDue => "set the due time (DueDate), e.g. tomorrow 10:00",
            BulkMember::Reminder => "reminder in minutes (Reminder); empty unsets it",
            BulkMember::NotifyBy => "notification (NotifyBy): 1100 e-mail, 1000 none, empty unsets",
            BulkMember::CustomField => "a custom field: mx_Name=value (empty value removes it)",
        }
    }
}

/// The overlay's state: which tasks, which member, the value being typed.
#[derive(Debug, Clone)]
pub struct BulkEdit {
    pub member: BulkMember,
    pub value: Input,
    /// Indices of the tasks the edit applies to.
    pub targets: Vec<usize>,
}

impl BulkEdit {
    pub fn new(targets: Vec<usize>) -> BulkEdit {
        BulkEdit {
            member: BulkMember::Owner,
            value: Input::default(),
            targets,
        }
    }

    /// Up/Down: the previous or next member.
    pub fn cycle(&mut self, forward: bool) {
        let at = MEMBERS.iter().position(|m| *m == self.member).unwrap_or(0);
        let count = MEMBERS.len();
        self.member = MEMBERS[if forward {
            (at + 1) % count
        } else {
            (at + count - 1) % count
        }];
    }

    /// The edit the typed value stands for, or why it does not stand for one.
    pub fn edit(&self, now: DateTime<Utc>, zone: Zone) -> Result<Edit, String> {
        let text = self.value.value().trim();
        let optional = || (!text.is_empty()).then(|| text.to_owned());
        match self.member {
            BulkMember::Owner => Ok(Edit::Owner(optional())),
            BulkMember::TaskType if text.is_empty() => Err("type the task type's name".into()),
            BulkMember::TaskType => Ok(Edit::TaskType(text.to_owned())),
            BulkMember::ShiftDue => parse_shift(text).map(Edit::ShiftDue),
            BulkMember::SetDue => when::parse(text, now, zone)
                .map(|resolved| Edit::SetDue(resolved.instant))
                .map_err(|e| e.0),
            BulkMember::Reminder if text.is_empty() => Ok(Edit::Reminder(None)),
            BulkMember::Reminder => text
                .parse()
                .map(|minutes| Edit::Reminder(Some(minutes)))
                .map_err(|_| format!("'{text}' is not a whole number of minutes")),
            BulkMember::NotifyBy if text.is_empty() => Ok(Edit::NotifyBy(None)),
            BulkMember::NotifyBy => NotifyBy::from_code(text)
                .map(|n| Edit::NotifyBy(Some(n)))
                .ok_or_else(|| format!("'{text}' is not 1100 (e-mail) or 1000 (none)")),
            BulkMember::CustomField => {
                let (name, value) = text.split_once('=').ok_or("write mx_Name=value")?;
                let name = name.trim();
                if !is_schema_name(name) {
                    return Err(format!("'{name}' is not a schema name like mx_Custom_1"));
                }
                Ok(Edit::CustomField(name.to_owned(), value.trim().to_owned()))
            }
        }
    }

    /// The batch after the edit and how many tasks it changes; nothing is applied yet.
    pub fn preview(
        &self,
        batch: &Batch,
        now: DateTime<Utc>,
        zone: Zone,
    ) -> Result<(Batch, usize), String> {
        let edit = self.edit(now, zone)?;
        let mut changed = 0;
        let mut tasks = batch.tasks().to_vec();
        for index in &self.targets {
            if let Some(task) = tasks.get_mut(*index) {
                let before = task.clone();
                edit.apply(task);
                changed += usize::from(*task != before);
            }
        }
        let edited = Batch::from_tasks(tasks, batch.webhook.clone()).map_err(|e| e.to_string())?;
        Ok((edited, changed))
    }

    /// Draws the overlay; `preview` is what [`BulkEdit::preview`] says of the current value.
    pub fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        theme: &Theme,
        preview: &Result<usize, String>,
    ) {
        let box_area = centred(area, 76, 9);
        frame.render_widget(Clear, box_area);
        let title = format!(" Edit {} task(s) at once ", self.targets.len());
        let block = Block::default().borders(Borders::ALL).title(title);
        let inner = block.inner(box_area);
        frame.render_widget(block, box_area);
        if inner.height < 4 {
            return;
        }
        let member = Line::from(vec![
            Span::styled("change  ", theme.dim),
            Span::styled(format!("‹ {} ›", self.member.label()), theme.focus),
        ]);
        frame.render_widget(Paragraph::new(member), Rect { height: 1, ..inner });
        let value_area = Rect {
            y: inner.y + 1,
            height: 1,
            x: inner.x + 8,
            width: inner.width.saturating_sub(8),
        };
        frame.render_widget(
            Paragraph::new(Span::styled("to      ", theme.dim)),
            Rect {
                y: inner.y + 1,
                height: 1,
                width: 8,
                ..inner
            },
        );
        frame.render_widget(
            Paragraph::new(Line::from(field::visible(
                &self.value,
                value_area.width,
                theme.label,
            ))),
            value_area,
        );
        frame.set_cursor_position(field::cursor(&self.value, value_area));
        let outcome = match preview {
            Ok(0) => Line::from(Span::styled("no task would change", theme.dim)),
            Ok(n) => Line::from(Span::styled(format!("{n} task(s) will change"), theme.info)),
            Err(why) => Line::from(Span::styled(format!("✗ {why}"), theme.error)),
        };
        let keys = Line::from(vec![
            Span::styled("↑↓", theme.key),
            Span::raw(" member  "),
            Span::styled("Enter", theme.key),
            Span::raw(" apply (u undoes it)  "),
            Span::styled("Esc", theme.key),
            Span::raw(" cancel"),
        ]);
        let rest = Rect {
            y: inner.y + 3,
            height: inner.height - 3,
            ..inner
        };
        frame.render_widget(
            Paragraph::new(vec![outcome, Line::default(), keys]).wrap(Wrap { trim: true }),
            rest,
        );
    }
}
