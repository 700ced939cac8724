//! What the account says about the form: the task types of the form's category, the active
//! users as owners, the custom fields of the chosen task type, and notes drawn from them.
//!
//! Note: these are hints and warnings only. The core validator knows nothing of the account, so
//! nothing here can stop a task from being staged; the service has the last word.

use chrono::{DateTime, Utc};
use tui_input::Input;

use super::{CustomRow, Field, Note, TaskForm, is_unused_offer};
use crate::api::{CustomFieldInfo, TaskTypeInfo, UserInfo};
use crate::task::{Kind, Zone};

/// The category "Get List of Task Types" gives a kind: 0 appointment, 1 to-do.
fn category(kind: Kind) -> i64 {
    match kind {
        Kind::Appointment => 0,
        Kind::Todo => 1,
    }
}

fn category_words(category: i64) -> &'static str {
    if category == 0 {
        "an appointment"
    } else {
        "a to-do"
    }
}

impl TaskForm {
    /// Takes the account's task types from the lookups. Call [`TaskForm::refresh`] after it:
    /// that offers the chosen type's custom fields.
    pub fn set_account_types(&mut self, types: Vec<TaskTypeInfo>) {
        self.account_types = types;
    }

    /// Takes the account's users, inactive ones included so that choosing one can be warned
    /// about. Call [`TaskForm::refresh`] after it.
    pub fn set_users(&mut self, users: Vec<UserInfo>) {
        self.users = users;
    }

    /// The task type names offered: the account's types of this form's category when the
    /// account is known, else the plain `task_type_options`. Empty means free text.
    pub fn offered_task_types(&self) -> Vec<&str> {
        if self.account_types.is_empty() {
            return self.task_type_options.iter().map(String::as_str).collect();
        }
        let wanted = category(self.kind);
        self.account_types
            .iter()
            .filter(|t| t.category == wanted)
            .map(|t| t.name.as_str())
            .collect()
    }

    /// The owner e-mails offered: the account's active users when known, else the plain
    /// `owner_options`.
    pub fn offered_owners(&self) -> Vec<&str> {
        if self.users.is_empty() {
            return self.owner_options.iter().map(String::as_str).collect();
        }
        self.users
            .iter()
            .filter(|u| u.active)
            .map(|u| u.email.as_str())
            .collect()
    }

    /// The suggestions matching what the focused field holds (task type or owner only).
    pub fn suggestions(&self) -> Vec<&str> {
        let (options, typed) = match self.focus {
            Field::TaskType => (self.offered_task_types(), self.task_type.value()),
            Field::Owner => (self.offered_owners(), self.owner.value()),
            _ => return Vec::new(),
        };
        let typed = typed.trim().to_lowercase();
        let matches = |o: &&str| typed.is_empty() || o.to_lowercase().contains(&typed);
        options.into_iter().filter(matches).collect()
    }

    /// Replaces the task type or owner with the next suggestion after the current value; on
    /// the related id, picks the next of the leads found by e-mail.
    pub fn take_suggestion(&mut self, now: DateTime<Utc>, zone: Zone) -> bool {
        let options: Vec<String> = match self.focus {
            Field::TaskType => self
                .offered_task_types()
                .into_iter()
                .map(Into::into)
                .collect(),
            Field::Owner => self.offered_owners().into_iter().map(Into::into).collect(),
            Field::RelatedId => return self.pick_next_lead(now, zone),
            _ => return false,
        };
        let field = self.focus;
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

    /// The account's task type spelled exactly as the form's (the service wants it exact).
    pub fn account_task_type(&self) -> Option<&TaskTypeInfo> {
        let typed = self.task_type.value().trim();
        self.account_types.iter().find(|t| t.name == typed)
    }

    /// What the chosen task type says of the `index`-th custom field, if it has that field.
    pub fn custom_field_info(&self, index: usize) -> Option<&CustomFieldInfo> {
        let name = self.custom.get(index)?.name.value().trim();
        self.account_task_type()?
            .fields
            .iter()
            .find(|f| f.schema_name == name)
    }

    /// True when the `index`-th custom field was offered by the account and is still empty:
    /// it is not sent as it stands.
    pub fn is_unused_offer(&self, index: usize) -> bool {
        self.custom.get(index).is_some_and(is_unused_offer)
    }

    /// Offers the chosen task type's custom fields as empty rows when the type changes.
    /// Rows offered for the previous type go if still empty; anything typed stays.
    pub(super) fn sync_offered_fields(&mut self) {
        let chosen = self.account_task_type();
        let key = chosen.map(|t| t.name.clone());
        if key == self.offered_for {
            return;
        }
        let wanted: Vec<String> = chosen
            .map(|t| t.fields.iter().map(|f| f.schema_name.clone()).collect())
            .unwrap_or_default();
        self.offered_for = key;
        let wanted_name = |row: &CustomRow| wanted.iter().any(|w| w == row.name.value().trim());
        self.custom
            .retain(|row| !is_unused_offer(row) || wanted_name(row));
        for name in &wanted {
            if !self.custom.iter().any(|r| r.name.value().trim() == name) {
                self.custom.push(CustomRow {
                    name: Input::new(name.clone()),
                    value: Input::default(),
                    offered: true,
                });
            }
        }
        if !self.fields().contains(&self.focus) {
            self.focus = Field::AddCustom;
        }
    }

    /// Notes from the account: the owner's name, types that do not fit, and custom fields
    /// missing, unknown or mandatory and empty.
    // TODO(lookups): values are not checked against the field's DataType (Number, Phone,
    // Dropdown): the lookup gives the type's name but not its rules or a dropdown's options.
    pub(super) fn account_notes(&self, notes: &mut Vec<(Field, Note)>) {
        self.owner_notes(notes);
        if self.account_types.is_empty() {
            return;
        }
        let typed = self.task_type.value().trim();
        let Some(chosen) = self.account_task_type() else {
            if typed.is_empty() {
                return;
            }
            let near = self
                .account_types
                .iter()
                .find(|t| t.name.eq_ignore_ascii_case(typed));
            let text = match near {
                Some(near) => format!("the account spells it '{}' (Ctrl-T)", near.name),
                None => format!("no task type '{typed}' in this account"),
            };
            notes.push((Field::TaskType, Note::Warning(text)));
            return;
        };
        if chosen.category != category(self.kind) {
            let text = format!(
                "'{}' is {} type: change Kind or the type",
                chosen.name,
                category_words(chosen.category)
            );
            notes.push((Field::TaskType, Note::Warning(text)));
        }
        for (index, row) in self.custom.iter().enumerate() {
            let name = row.name.value().trim();
            match self.custom_field_info(index) {
                Some(info) => {
                    let mandatory = if info.mandatory { ", mandatory" } else { "" };
                    let text = format!("{}{mandatory}", info.display_name);
                    notes.push((Field::CustomName(index), Note::Info(text)));
                    if info.mandatory && row.value.value().trim().is_empty() {
                        let text = "mandatory, still empty".to_owned();
                        notes.push((Field::CustomValue(index), Note::Warning(text)));
                    }
                }
                None if !name.is_empty() && name != "mx_" => {
                    let text = format!("not a field of {}", chosen.name);
                    notes.push((Field::CustomName(index), Note::Warning(text)));
                }
                None => {}
            }
        }
        // A mandatory field whose row was removed (Ctrl-D) is only noticed here.
        for field in chosen.fields.iter().filter(|f| f.mandatory) {
            if !self
                .custom
                .iter()
                .any(|r| r.name.value().trim() == field.schema_name)
            {
                let text = format!(
                    "needs {} ({}): Ctrl-O adds it",
                    field.schema_name, field.display_name
                );
                notes.push((Field::TaskType, Note::Warning(text)));
            }
        }
    }

    fn owner_notes(&self, notes: &mut Vec<(Field, Note)>) {
        let typed = self.owner.value().trim();
        if self.users.is_empty() || typed.is_empty() {
            return;
        }
        let note = match self
            .users
            .iter()
            .find(|u| u.email.eq_ignore_ascii_case(typed))
        {
            Some(user) if user.active && user.name.is_empty() => return,
            Some(user) if user.active => Note::Info(user.name.clone()),
            Some(user) => Note::Warning(format!("{} is inactive in the account", user.name)),
            None => Note::Warning("no user of the account has this e-mail".to_owned()),
        };
        notes.push((Field::Owner, note));
    }

    /// A sentence about the focused custom field from the account, for the detail panel.
    pub fn custom_field_about(&self) -> Option<String> {
        let (Field::CustomName(index) | Field::CustomValue(index)) = self.focus else {
            return None;
        };
        let info = self.custom_field_info(index)?;
        let chosen = self.account_task_type()?;
        let need = if info.mandatory {
            "mandatory"
        } else {
            "optional"
        };
        let unsent = if self.is_unused_offer(index) {
            "; not sent while empty"
        } else {
            ""
        };
        Some(format!(
            "{} ({}, {}): {need} for {}{unsent}.",
            info.display_name, info.schema_name, info.data_type, chosen.name
        ))
    }
}
