//! A task as the tool holds it: every member of the API's task object plus its kind.

use chrono::{DateTime, Utc};
use indexmap::IndexMap;

/// Appointment or to-do. It is the category of the task type in the account, so it is not
/// sent; the screens use it to offer the members that apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Kind {
    /// Has a place and an end time.
    Appointment,
    /// Something to do by a due time.
    #[default]
    Todo,
}

impl Kind {
    /// The word used in CSV files and on screens.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Appointment => "appointment",
            Kind::Todo => "todo",
        }
    }

    /// Reads the CSV word; accepts a few spellings people type.
    pub fn parse(text: &str) -> Option<Kind> {
        match text.trim().to_ascii_lowercase().as_str() {
            "appointment" | "appt" => Some(Kind::Appointment),
            "todo" | "to-do" | "to do" => Some(Kind::Todo),
            _ => None,
        }
    }
}

/// What `RelatedEntityId` points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RelatedEntity {
    /// `0`: no related record; `RelatedEntityId` is empty.
    #[default]
    None,
    /// `1`: a lead id.
    Lead,
    /// `5`: an opportunity id.
    Opportunity,
}

impl RelatedEntity {
    /// The number sent in the body.
    pub fn code(self) -> u8 {
        match self {
            RelatedEntity::None => 0,
            RelatedEntity::Lead => 1,
            RelatedEntity::Opportunity => 5,
        }
    }

    /// The variant for a number of the body, if the API defines one.
    pub fn from_code(code: i64) -> Option<RelatedEntity> {
        match code {
            0 => Some(RelatedEntity::None),
            1 => Some(RelatedEntity::Lead),
            5 => Some(RelatedEntity::Opportunity),
            _ => None,
        }
    }

    /// Plain words for screens.
    pub fn label(self) -> &'static str {
        match self {
            RelatedEntity::None => "no related record",
            RelatedEntity::Lead => "a lead",
            RelatedEntity::Opportunity => "an opportunity",
        }
    }
}

/// Whether the owner is e-mailed about the task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotifyBy {
    /// `"1100"`.
    Email,
    /// `"1000"`.
    Nobody,
}

impl NotifyBy {
    /// The string sent in the body.
    pub fn code(self) -> &'static str {
        match self {
            NotifyBy::Email => "1100",
            NotifyBy::Nobody => "1000",
        }
    }

    /// The variant for a string of the body, if the API defines one.
    pub fn from_code(code: &str) -> Option<NotifyBy> {
        match code {
            "1100" => Some(NotifyBy::Email),
            "1000" => Some(NotifyBy::Nobody),
            _ => None,
        }
    }

    /// Plain words for screens.
    pub fn label(self) -> &'static str {
        match self {
            NotifyBy::Email => "e-mail the owner",
            NotifyBy::Nobody => "no notification",
        }
    }
}

/// One task of the body. Optional members are `None` when unset and are then left out of the
/// body; an optional text member is never `Some("")` (see [`Task::normalise`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Task {
    pub kind: Kind,
    /// `Name`: the task's subject.
    pub name: String,
    /// `Description`: free text, always sent (possibly empty).
    pub description: String,
    /// `RelatedEntity`.
    pub related_entity: RelatedEntity,
    /// `RelatedEntityId`: a lead or opportunity GUID, or empty.
    pub related_entity_id: String,
    /// `DueDate`, an instant sent in UTC.
    pub due_date: Option<DateTime<Utc>>,
    /// `EndDate`, an instant sent in UTC.
    pub end_date: Option<DateTime<Utc>>,
    /// `Reminder`: minutes before the due time.
    pub reminder: Option<u32>,
    /// `NotifyBy`.
    pub notify_by: Option<NotifyBy>,
    /// `OwnerEmailAddress`.
    pub owner_email: Option<String>,
    /// `Location`.
    pub location: Option<String>,
    /// `TaskType.Name`.
    pub task_type: String,
    /// `CustomFields`: schema name to value, in the order given.
    pub custom_fields: IndexMap<String, String>,
}

impl Task {
    /// A new empty task of a kind, with the defaults a person would expect.
    pub fn new(kind: Kind) -> Task {
        Task {
            kind,
            ..Task::default()
        }
    }

    /// Turns empty optional text into "unset", so that nothing is ever sent empty.
    #[must_use]
    pub fn normalise(mut self) -> Task {
        fn blank_to_none(value: &mut Option<String>) {
            if value.as_deref().is_some_and(|text| text.trim().is_empty()) {
                *value = None;
            }
        }
        blank_to_none(&mut self.owner_email);
        blank_to_none(&mut self.location);
        self
    }
}
