//! `TaskForm`: one appointment or to-do being composed, field by field, with what the
//! validator says about each field shown as it is typed.

mod account;
mod evaluate;
mod fields;
mod lead;
mod view;

pub use fields::{Field, Note};
pub use lead::LeadSearch;

use chrono::{DateTime, Utc};
use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::api::{TaskTypeInfo, UserInfo};
use crate::task::{Kind, NotifyBy, RelatedEntity, Task, Zone};

/// A custom field being typed: schema name and value.
#[derive(Debug, Clone, Default)]
pub struct CustomRow {
    /// The schema name, `mx_...`.
    pub name: Input,
    /// The value, sent as a string.
    pub value: Input,
    /// Added because the account's task type has this field: left empty, it is not sent.
    pub offered: bool,
}

/// The form's state. Text fields are `tui_input::Input`s; pickers are plain values.
#[derive(Debug, Clone)]
pub struct TaskForm {
    kind: Kind,
    /// The index in the staging list of the task being edited; `None` for a new task.
    editing: Option<usize>,
    name: Input,
    task_type: Input,
    description: Input,
    related: RelatedEntity,
    related_id: Input,
    due: Input,
    end: Input,
    reminder: Input,
    notify: Option<NotifyBy>,
    owner: Input,
    location: Input,
    custom: Vec<CustomRow>,
    focus: Field,
    initial: Vec<String>,
    notes: Vec<(Field, Note)>,
    task: Task,
    /// Text that cannot become a task member (a date or number that does not read).
    blocking: Option<(Field, String)>,
    /// Task type names offered while typing; empty means plain free text. Filled from the
    /// account's task types by the lookups.
    pub task_type_options: Vec<String>,
    /// Owner e-mails offered while typing; empty means plain free text.
    pub owner_options: Vec<String>,
    /// The account's task types; when known they replace `task_type_options`.
    account_types: Vec<TaskTypeInfo>,
    /// The account's users, inactive ones too (to warn about them).
    users: Vec<UserInfo>,
    /// The task type whose custom fields were last offered.
    offered_for: Option<String>,
    /// True when a lead can be looked up by e-mail (the app has keys).
    pub can_find_leads: bool,
    lead_search: LeadSearch,
}

impl TaskForm {
    /// A form holding `task`; `editing` is its place in the staging list when it is already
    /// there. Dates are shown as wall-clock times in `zone`.
    pub fn new(task: &Task, editing: Option<usize>, now: DateTime<Utc>, zone: Zone) -> TaskForm {
        let date = |instant: Option<DateTime<Utc>>| {
            Input::new(
                instant
                    .map(|i| evaluate::date_text(i, now, zone))
                    .unwrap_or_default(),
            )
        };
        let mut form = TaskForm {
            kind: task.kind,
            editing,
            name: Input::new(task.name.clone()),
            task_type: Input::new(task.task_type.clone()),
            description: Input::new(task.description.clone()),
            related: task.related_entity,
            related_id: Input::new(task.related_entity_id.clone()),
            due: date(task.due_date),
            end: date(task.end_date),
            reminder: Input::new(task.reminder.map(|r| r.to_string()).unwrap_or_default()),
            notify: task.notify_by,
            owner: Input::new(task.owner_email.clone().unwrap_or_default()),
            location: Input::new(task.location.clone().unwrap_or_default()),
            custom: task
                .custom_fields
                .iter()
                .map(|(name, value)| CustomRow {
                    name: Input::new(name.clone()),
                    value: Input::new(value.clone()),
                    offered: false,
                })
                .collect(),
            focus: Field::Name,
            initial: Vec::new(),
            notes: Vec::new(),
            task: task.clone(),
            blocking: None,
            task_type_options: Vec::new(),
            owner_options: Vec::new(),
            account_types: Vec::new(),
            users: Vec::new(),
            offered_for: None,
            can_find_leads: false,
            lead_search: LeadSearch::Idle,
        };
        form.initial = form.fingerprint();
        form.refresh(now, zone);
        form
    }

    /// The due and end times as typed (`tomorrow 10:00`), for a template.
    pub fn date_texts(&self) -> (String, String) {
        (self.due.value().to_owned(), self.end.value().to_owned())
    }

    /// Puts times as words into the due and end fields, resolved now as if typed.
    pub fn set_date_texts(&mut self, due: &str, end: &str, now: DateTime<Utc>, zone: Zone) {
        self.due = Input::new(due.to_owned());
        self.end = Input::new(end.to_owned());
        self.refresh(now, zone);
    }

    /// Appointment or to-do, as chosen in the form (it may change while editing).
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The index of the task being edited; `None` for a new task.
    pub fn editing(&self) -> Option<usize> {
        self.editing
    }

    /// The field that receives typed keys.
    pub fn focus(&self) -> Field {
        self.focus
    }

    /// The task as the form stands, with unreadable members left unset.
    pub fn task(&self) -> &Task {
        &self.task
    }

    /// The notes beside `field`, most severe first.
    pub fn notes(&self, field: Field) -> impl Iterator<Item = &Note> {
        self.notes
            .iter()
            .filter(move |(f, _)| *f == field)
            .map(|(_, n)| n)
    }

    /// Whether anything differs from what the form was opened with.
    pub fn is_changed(&self) -> bool {
        self.fingerprint() != self.initial
    }

    /// The fields in screen order. A to-do's end time and place come last: they are legal
    /// but rarely used there.
    pub fn fields(&self) -> Vec<Field> {
        let mut fields = vec![Field::Kind, Field::Name, Field::TaskType, Field::Due];
        if self.kind == Kind::Appointment {
            fields.extend([Field::End, Field::Location]);
        }
        fields.extend([
            Field::Related,
            Field::RelatedId,
            Field::Owner,
            Field::Notify,
            Field::Reminder,
            Field::Description,
        ]);
        for index in 0..self.custom.len() {
            fields.extend([Field::CustomName(index), Field::CustomValue(index)]);
        }
        fields.push(Field::AddCustom);
        if self.kind == Kind::Todo {
            fields.extend([Field::End, Field::Location]);
        }
        fields
    }

    /// The editable text of a field, `None` for pickers and the add row.
    pub fn input(&self, field: Field) -> Option<&Input> {
        Some(match field {
            Field::Name => &self.name,
            Field::TaskType => &self.task_type,
            Field::Description => &self.description,
            Field::RelatedId => &self.related_id,
            Field::Due => &self.due,
            Field::End => &self.end,
            Field::Reminder => &self.reminder,
            Field::Owner => &self.owner,
            Field::Location => &self.location,
            Field::CustomName(i) => &self.custom.get(i)?.name,
            Field::CustomValue(i) => &self.custom.get(i)?.value,
            Field::Kind | Field::Related | Field::Notify | Field::AddCustom => return None,
        })
    }

    fn input_mut(&mut self, field: Field) -> Option<&mut Input> {
        Some(match field {
            Field::Name => &mut self.name,
            Field::TaskType => &mut self.task_type,
            Field::Description => &mut self.description,
            Field::RelatedId => &mut self.related_id,
            Field::Due => &mut self.due,
            Field::End => &mut self.end,
            Field::Reminder => &mut self.reminder,
            Field::Owner => &mut self.owner,
            Field::Location => &mut self.location,
            Field::CustomName(i) => &mut self.custom.get_mut(i)?.name,
            Field::CustomValue(i) => &mut self.custom.get_mut(i)?.value,
            Field::Kind | Field::Related | Field::Notify | Field::AddCustom => return None,
        })
    }

    /// A picker's current choice in words, `None` for other fields.
    pub fn choice(&self, field: Field) -> Option<String> {
        match field {
            Field::Kind => Some(format!("‹ {} ›", kind_label(self.kind))),
            Field::Related => Some(format!(
                "‹ {} · {} ›",
                self.related.code(),
                self.related.label()
            )),
            Field::Notify => Some(match self.notify {
                Some(notify) => format!("‹ \"{}\" · {} ›", notify.code(), notify.label()),
                None => "‹ not sent ›".to_owned(),
            }),
            _ => None,
        }
    }

    /// Moves the focus by `step` fields, wrapping around.
    pub fn move_focus(&mut self, forward: bool) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % fields.len()
        } else {
            (at + fields.len() - 1) % fields.len()
        };
        self.focus = fields[next];
    }

    /// Puts the focus on `field` if the form shows it.
    pub fn focus_on(&mut self, field: Field) {
        if self.fields().contains(&field) {
            self.focus = field;
        }
    }

    /// Gives a key to the focused field: a picker cycles, a text field edits. Returns whether
    /// the key was used.
    pub fn handle_key(&mut self, key: &KeyEvent, now: DateTime<Utc>, zone: Zone) -> bool {
        let step = match key.code {
            KeyCode::Right | KeyCode::Char(' ') => Some(true),
            KeyCode::Left => Some(false),
            _ => None,
        };
        let used = match (self.focus, step) {
            (Field::Kind, Some(_)) => {
                self.kind = match self.kind {
                    Kind::Appointment => Kind::Todo,
                    Kind::Todo => Kind::Appointment,
                };
                true
            }
            (Field::Related, Some(forward)) => {
                self.related = cycle(
                    &[
                        RelatedEntity::None,
                        RelatedEntity::Lead,
                        RelatedEntity::Opportunity,
                    ],
                    self.related,
                    forward,
                );
                true
            }
            (Field::Notify, Some(forward)) => {
                self.notify = cycle(
                    &[None, Some(NotifyBy::Email), Some(NotifyBy::Nobody)],
                    self.notify,
                    forward,
                );
                true
            }
            (Field::AddCustom, Some(_)) => {
                self.add_custom();
                true
            }
            (field, _) => self
                .input_mut(field)
                .and_then(|input| input.handle_event(&Event::Key(*key)))
                .is_some(),
        };
        self.refresh(now, zone);
        used
    }

    /// Adds an empty custom field and puts the cursor on its name, with `mx_` typed already.
    /// Call [`TaskForm::refresh`] after it.
    pub fn add_custom(&mut self) {
        self.custom.push(CustomRow {
            name: Input::new("mx_".to_owned()),
            value: Input::default(),
            offered: false,
        });
        self.focus = Field::CustomName(self.custom.len() - 1);
    }

    /// Removes the custom field under the cursor; returns whether there was one. Call
    /// [`TaskForm::refresh`] after it.
    pub fn remove_custom(&mut self) -> bool {
        let (Field::CustomName(index) | Field::CustomValue(index)) = self.focus else {
            return false;
        };
        if index >= self.custom.len() {
            return false;
        }
        self.custom.remove(index);
        self.focus = match index.checked_sub(1) {
            Some(previous) => Field::CustomValue(previous),
            None if self.custom.is_empty() => Field::AddCustom,
            None => Field::CustomName(0),
        };
        true
    }

    /// The task to stage, or why it cannot be staged yet (text that does not read as a date
    /// or number would otherwise be lost). Validation errors do not stop staging: the list
    /// marks them.
    pub fn staged(&self) -> Result<Task, (Field, String)> {
        match &self.blocking {
            Some(blocking) => Err(blocking.clone()),
            None => Ok(self.task.clone()),
        }
    }

    fn fingerprint(&self) -> Vec<String> {
        let mut values = vec![
            kind_label(self.kind).to_owned(),
            self.related.code().to_string(),
            self.notify.map_or("", NotifyBy::code).to_owned(),
        ];
        let inputs = [
            &self.name,
            &self.task_type,
            &self.description,
            &self.related_id,
            &self.due,
            &self.end,
            &self.reminder,
            &self.owner,
            &self.location,
        ];
        values.extend(inputs.iter().map(|i| i.value().to_owned()));
        // An offered field left empty is not sent, so it is no change either.
        for row in self.custom.iter().filter(|r| !is_unused_offer(r)) {
            values.extend([row.name.value().to_owned(), row.value.value().to_owned()]);
        }
        values
    }
}

/// An offered custom field the user has not filled: neither sent nor a change.
fn is_unused_offer(row: &CustomRow) -> bool {
    row.offered && row.value.value().trim().is_empty()
}

/// The next (or previous) of `options` after `current`.
fn cycle<T: Copy + PartialEq>(options: &[T], current: T, forward: bool) -> T {
    let at = options.iter().position(|o| *o == current).unwrap_or(0);
    let len = options.len();
    let next = if forward {
        (at + 1) % len
    } else {
        (at + len - 1) % len
    };
    options.get(next).copied().unwrap_or(current)
}

fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Appointment => "appointment",
        Kind::Todo => "to-do",
    }
}

#[cfg(test)]
mod tests;
