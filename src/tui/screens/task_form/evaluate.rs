//! Turning what the form holds into a task, and what is wrong with it into notes beside the
//! fields: unreadable text first (it blocks staging), then the validator's findings.

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_input::Input;

use super::{Field, Note, TaskForm, is_unused_offer};
use crate::task::{self, ApiTime, Batch, Problem, Severity, Task, Zone};

/// The most a field takes from the keyboard, in bytes; files may carry longer values.
pub const MAX_TYPED_BYTES: usize = 4_000;

impl TaskForm {
    /// True when `key` would type into a field already holding [`MAX_TYPED_BYTES`]. Every key
    /// re-checks the whole form at a cost of the text's length, so a megabyte pasted into a
    /// terminal without bracketed paste would otherwise take hours; editing keys still work.
    // TODO(paste): take bracketed paste as one insertion, and say why typing stopped.
    pub fn is_full_for(&mut self, key: &KeyEvent) -> bool {
        matches!(key.code, KeyCode::Char(_))
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            && self
                .input_mut(self.focus)
                .is_some_and(|input| input.value().len() >= MAX_TYPED_BYTES)
    }

    /// Rebuilds the task from the fields and asks the validator about it.
    pub fn refresh(&mut self, now: DateTime<Utc>, zone: Zone) {
        self.sync_offered_fields();
        let mut notes = Vec::new();
        let mut blocking = None;
        let mut block = |field: Field, message: String, notes: &mut Vec<(Field, Note)>| {
            notes.push((field, Note::Error(message.clone())));
            blocking.get_or_insert((field, message));
        };
        let mut task = Task {
            kind: self.kind,
            name: self.name.value().trim().to_owned(),
            task_type: self.task_type.value().trim().to_owned(),
            description: self.description.value().to_owned(),
            related_entity: self.related,
            related_entity_id: self.related_id.value().trim().to_owned(),
            notify_by: self.notify,
            owner_email: non_blank(self.owner.value()),
            location: non_blank(self.location.value()),
            ..Task::default()
        };
        for (field, slot) in [
            (Field::Due, &mut task.due_date),
            (Field::End, &mut task.end_date),
        ] {
            let text = self.input(field).map(Input::value).unwrap_or_default();
            if text.trim().is_empty() {
                continue;
            }
            match task::when::parse(text, now, zone) {
                Ok(resolved) => {
                    *slot = Some(resolved.instant);
                    let mut info = format!("= {} UTC", ApiTime::format(resolved.instant));
                    if let Some(note) = resolved.note {
                        info = format!("{info}; {note}");
                    }
                    notes.push((field, Note::Info(info)));
                }
                Err(error) => block(field, error.0, &mut notes),
            }
        }
        let reminder = self.reminder.value().trim();
        if !reminder.is_empty() {
            match reminder.parse::<u32>() {
                Ok(minutes) => task.reminder = Some(minutes),
                Err(_) => block(
                    Field::Reminder,
                    format!("'{reminder}' is not a whole number of minutes, e.g. 15"),
                    &mut notes,
                ),
            }
        }
        for (index, row) in self.custom.iter().enumerate() {
            let name = row.name.value().trim();
            if is_unused_offer(row) {
                continue;
            }
            if name.is_empty() || name == "mx_" {
                if !row.value.value().trim().is_empty() {
                    let why = "has a value but no name: name it mx_... or remove it (Ctrl-D)";
                    block(Field::CustomName(index), why.to_owned(), &mut notes);
                }
            } else if task.custom_fields.contains_key(name) {
                let why = format!("'{name}' is given twice: keep one (Ctrl-D removes a field)");
                block(Field::CustomName(index), why, &mut notes);
            } else {
                task.custom_fields
                    .insert(name.to_owned(), row.value.value().to_owned());
            }
        }
        if let Ok(batch) = Batch::from_tasks(vec![task.clone()], None) {
            for problem in task::validate(&batch, now) {
                if let Some(field) = self.field_of(&problem) {
                    let note = match problem.severity {
                        Severity::Error => Note::Error(problem.message),
                        Severity::Warning => Note::Warning(problem.message),
                    };
                    notes.push((field, note));
                }
            }
        }
        self.account_notes(&mut notes);
        notes.sort_by_key(|(_, note)| match note {
            Note::Error(_) => 0,
            Note::Warning(_) => 1,
            Note::Info(_) => 2,
        });
        // Where the lead look-up stands explains the related id better than the validator,
        // which would only call an e-mail "not a GUID".
        if let Some(note) = self.lead_note() {
            notes.insert(0, (Field::RelatedId, note));
        }
        self.notes = notes;
        self.blocking = blocking;
        self.task = task;
    }

    /// The field a validator problem is about.
    fn field_of(&self, problem: &Problem) -> Option<Field> {
        let field = match problem.member.as_str() {
            "Name" => Field::Name,
            "TaskType.Name" | "TaskType" => Field::TaskType,
            "Description" => Field::Description,
            "RelatedEntity" => Field::Related,
            "RelatedEntityId" => Field::RelatedId,
            "DueDate" => Field::Due,
            "EndDate" => Field::End,
            "Reminder" => Field::Reminder,
            "NotifyBy" => Field::Notify,
            "OwnerEmailAddress" => Field::Owner,
            "Location" => Field::Location,
            member => {
                let name = member.strip_prefix("CustomFields.")?;
                let index = self
                    .custom
                    .iter()
                    .position(|r| r.name.value().trim() == name)?;
                Field::CustomName(index)
            }
        };
        Some(field)
    }
}

fn non_blank(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// A date as the user would type it: wall-clock minutes in their zone when that reads back to
/// the same instant, else the API's exact UTC form.
pub(super) fn date_text(instant: DateTime<Utc>, now: DateTime<Utc>, zone: Zone) -> String {
    let local = instant
        .with_timezone(&zone)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    match task::when::parse(&local, now, zone) {
        Ok(resolved) if resolved.instant == instant => local,
        _ => ApiTime::format(instant),
    }
}
