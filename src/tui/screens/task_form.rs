//! `TaskForm`: one appointment or to-do being composed, field by field, with what the
//! validator says about each field shown as it is typed.

mod view;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::task::{self, ApiTime, Batch, Kind, NotifyBy, Problem, RelatedEntity, Severity, Task};

/// A place the cursor can be in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Appointment or to-do; not sent, it decides which fields come first.
    Kind,
    Name,
    TaskType,
    Description,
    Related,
    RelatedId,
    Due,
    End,
    Reminder,
    Notify,
    Owner,
    Location,
    /// The schema name of the n-th custom field.
    CustomName(usize),
    /// The value of the n-th custom field.
    CustomValue(usize),
    /// The row that adds a custom field.
    AddCustom,
}

impl Field {
    /// Plain words for the label.
    pub fn label(self) -> &'static str {
        match self {
            Field::Kind => "Kind",
            Field::Name => "Subject",
            Field::TaskType => "Task type",
            Field::Description => "Notes",
            Field::Related => "Related to",
            Field::RelatedId => "Lead/opp. id",
            Field::Due => "Due",
            Field::End => "Ends",
            Field::Reminder => "Remind, min before",
            Field::Notify => "Notify the owner",
            Field::Owner => "Owner e-mail",
            Field::Location => "Place",
            Field::CustomName(_) => "Custom field",
            Field::CustomValue(_) => "  its value",
            Field::AddCustom => "+ add a custom field",
        }
    }

    /// The API's name for what the field fills, as `task::docs::explain` knows it.
    pub fn api_name(self) -> &'static str {
        match self {
            Field::Kind => "not sent",
            Field::Name => "Name",
            Field::TaskType => "TaskType.Name",
            Field::Description => "Description",
            Field::Related => "RelatedEntity",
            Field::RelatedId => "RelatedEntityId",
            Field::Due => "DueDate",
            Field::End => "EndDate",
            Field::Reminder => "Reminder",
            Field::Notify => "NotifyBy",
            Field::Owner => "OwnerEmailAddress",
            Field::Location => "Location",
            Field::CustomName(_) | Field::CustomValue(_) | Field::AddCustom => "CustomFields",
        }
    }
}

/// What the form says beside a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// The task would be wrong: the validator's errors, or text that cannot be read at all.
    Error(String),
    /// Legal but probably unintended.
    Warning(String),
    /// What was understood, e.g. a date's UTC value.
    Info(String),
}

impl Note {
    pub fn text(&self) -> &str {
        match self {
            Note::Error(text) | Note::Warning(text) | Note::Info(text) => text,
        }
    }
}

/// A custom field being typed: schema name and value.
#[derive(Debug, Clone, Default)]
pub struct CustomRow {
    pub name: Input,
    pub value: Input,
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
}

impl TaskForm {
    /// A form holding `task`; `editing` is its place in the staging list when it is already
    /// there. Dates are shown as wall-clock times in `zone`.
    pub fn new(task: &Task, editing: Option<usize>, now: DateTime<Utc>, zone: Tz) -> TaskForm {
        let date = |instant: Option<DateTime<Utc>>| {
            Input::new(instant.map(|i| date_text(i, now, zone)).unwrap_or_default())
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
                })
                .collect(),
            focus: Field::Name,
            initial: Vec::new(),
            notes: Vec::new(),
            task: task.clone(),
            blocking: None,
            task_type_options: Vec::new(),
            owner_options: Vec::new(),
        };
        form.initial = form.fingerprint();
        form.refresh(now, zone);
        form
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn editing(&self) -> Option<usize> {
        self.editing
    }

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
    pub fn handle_key(&mut self, key: &KeyEvent, now: DateTime<Utc>, zone: Tz) -> bool {
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

    /// The suggestions matching what the focused field holds (task type or owner only).
    pub fn suggestions(&self) -> Vec<&str> {
        let (options, typed) = match self.focus {
            Field::TaskType => (&self.task_type_options, self.task_type.value()),
            Field::Owner => (&self.owner_options, self.owner.value()),
            _ => return Vec::new(),
        };
        let typed = typed.trim().to_lowercase();
        let matches = |o: &&String| typed.is_empty() || o.to_lowercase().contains(&typed);
        options.iter().filter(matches).map(String::as_str).collect()
    }

    /// Replaces the task type or owner with the next suggestion after the current value.
    pub fn take_suggestion(&mut self, now: DateTime<Utc>, zone: Tz) -> bool {
        let (options, field) = match self.focus {
            Field::TaskType => (&self.task_type_options, Field::TaskType),
            Field::Owner => (&self.owner_options, Field::Owner),
            _ => return false,
        };
        let current = self.input(field).map(Input::value).unwrap_or_default();
        let next = match options.iter().position(|o| o == current) {
            // Already on a suggestion: step through all of them.
            Some(at) => options.get((at + 1) % options.len()).cloned(),
            None => self.suggestions().first().map(|s| (*s).to_owned()),
        };
        let Some(next) = next else { return false };
        if let Some(input) = self.input_mut(field) {
            *input = Input::new(next);
        }
        self.refresh(now, zone);
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

    /// Rebuilds the task from the fields and asks the validator about it.
    pub fn refresh(&mut self, now: DateTime<Utc>, zone: Tz) {
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
        notes.sort_by_key(|(_, note)| match note {
            Note::Error(_) => 0,
            Note::Warning(_) => 1,
            Note::Info(_) => 2,
        });
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
        for row in &self.custom {
            values.extend([row.name.value().to_owned(), row.value.value().to_owned()]);
        }
        values
    }
}

fn non_blank(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
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

/// A date as the user would type it: wall-clock minutes in their zone when that reads back to
/// the same instant, else the API's exact UTC form.
fn date_text(instant: DateTime<Utc>, now: DateTime<Utc>, zone: Tz) -> String {
    let local = instant
        .with_timezone(&zone)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    match task::when::parse(&local, now, zone) {
        Ok(resolved) if resolved.instant == instant => local,
        _ => ApiTime::format(instant),
    }
}

#[cfg(test)]
mod tests;
