//! The form's fields (where the cursor can be, with their labels and API names) and the notes
//! shown beside them.

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
    /// The sentence, whatever its severity.
    pub fn text(&self) -> &str {
        match self {
            Note::Error(text) | Note::Warning(text) | Note::Info(text) => text,
        }
    }
}
