//! What a key means. The keymap maps keys to these, so bindings can change without touching the
//! code that acts on them.

/// One thing the user asked for. Each variant's `describe` text is what the help screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Show every key of the current screen.
    Help,
    /// Leave the current screen or overlay.
    Back,
    /// Leave the program (the staging list is already saved).
    Quit,
    SelectNext,
    SelectPrev,
    NewAppointment,
    NewTodo,
    /// Open a new task prefilled from the selected one.
    NewFromSelected,
    Edit,
    Duplicate,
    Delete,
    /// Put back the task deleted last, where it was.
    Undo,
    MoveUp,
    MoveDown,
    SetWebhook,
    Review,
    /// Open the submit view: a confirmation first.
    Submit,
    /// Send the batch, from the submit view's confirmation.
    Send,
    /// Put the batch just accepted back into the staging list.
    BringBack,
    Credentials,
    History,
    /// Check the keys on the credentials screen against the service.
    TestKeys,
    /// Save the credentials screen's profile (mode 0600).
    SaveKeys,
    /// Switch the profile to the region host the key check reported.
    UseAccountHost,
    /// Show the selected history entry in full.
    Open,
    /// Copy the selected past batch back into the staging list.
    Restage,
    NextField,
    PrevField,
    /// Add the form's task to the list (or replace the one being edited) and return.
    Stage,
    /// Stage, then open a new form holding a copy of what was staged.
    StageAndCopy,
    AddCustomField,
    RemoveCustomField,
    /// Replace a task type or owner with the next suggestion matching what was typed; pick the
    /// next lead found by e-mail.
    TakeSuggestion,
    /// Look up the lead whose e-mail is typed as the related id.
    FindLead,
    CursorDown,
    CursorUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    WriteBody,
    CopyBody,
    /// Load tasks from a body or CSV file.
    Load,
    /// Save the staging list as CSV.
    ExportCsv,
    /// Complete the path typed in a prompt.
    Complete,
    /// Save the form's task as a named template.
    SaveTemplate,
    /// Start a new task from a saved template.
    UseTemplate,
    /// Check which tasks of a batch really exist.
    Verify,
    /// Stage only the tasks verification found missing.
    StageMissing,
    /// Mark or unmark the selected task for a bulk edit.
    Mark,
    /// Mark every task, or unmark all when all are marked.
    MarkAll,
    /// Change one member of every marked task at once.
    BulkEdit,
    /// Copy a curl command reproducing the call, keys written as variable references.
    CopyCurl,
    /// Yes in a question; accept in a prompt.
    Confirm,
    /// No in a question; cancel in a prompt.
    Cancel,
}

impl Action {
    /// Every action, for reading names from config.toml.
    pub const ALL: [Action; 53] = [
        Action::Help,
        Action::Back,
        Action::Quit,
        Action::SelectNext,
        Action::SelectPrev,
        Action::NewAppointment,
        Action::NewTodo,
        Action::NewFromSelected,
        Action::Edit,
        Action::Duplicate,
        Action::Delete,
        Action::Undo,
        Action::MoveUp,
        Action::MoveDown,
        Action::SetWebhook,
        Action::Review,
        Action::Submit,
        Action::Send,
        Action::BringBack,
        Action::Credentials,
        Action::History,
        Action::TestKeys,
        Action::SaveKeys,
        Action::UseAccountHost,
        Action::Open,
        Action::Restage,
        Action::NextField,
        Action::PrevField,
        Action::Stage,
        Action::StageAndCopy,
        Action::AddCustomField,
        Action::RemoveCustomField,
        Action::TakeSuggestion,
        Action::FindLead,
        Action::CursorDown,
        Action::CursorUp,
        Action::PageDown,
        Action::PageUp,
        Action::Top,
        Action::Bottom,
        Action::WriteBody,
        Action::CopyBody,
        Action::Load,
        Action::ExportCsv,
        Action::Complete,
        Action::SaveTemplate,
        Action::UseTemplate,
        Action::Mark,
        Action::MarkAll,
        Action::BulkEdit,
        Action::CopyCurl,
        Action::Confirm,
        Action::Cancel,
    ];

    /// The action's name in config.toml: `new_appointment` for `NewAppointment`.
    pub fn name(self) -> String {
        let mut name = String::new();
        for (i, c) in format!("{self:?}").chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                name.push('_');
            }
            name.push(c.to_ascii_lowercase());
        }
        name
    }
}

impl Action {
    /// Plain words for the help screen.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Help => "show the keys of this screen",
            Action::Back => "go back",
            Action::Quit => "quit (the list is kept for next time)",
            Action::SelectNext => "select the next task",
            Action::SelectPrev => "select the previous task",
            Action::NewAppointment => "new appointment",
            Action::NewTodo => "new to-do",
            Action::NewFromSelected => "new task copied from the selected one",
            Action::Edit => "edit the selected task",
            Action::Duplicate => "duplicate the selected task",
            Action::Delete => "delete the selected task",
            Action::Undo => "undo the last delete, load or bulk edit",
            Action::MoveUp => "move the selected task up",
            Action::MoveDown => "move the selected task down",
            Action::SetWebhook => "set the status webhook (StatusWebhookURL)",
            Action::Review => "review the exact JSON body",
            Action::Submit => "submit the list (asks first)",
            Action::Send => "send now",
            Action::BringBack => "bring the batch just sent back into the list",
            Action::TestKeys => "check the keys: whose they are, which region host",
            Action::SaveKeys => "save this profile's host and keys (file mode 0600)",
            Action::UseAccountHost => "use the region host the key check reported",
            Action::Open => "show the whole submission: body sent and answer",
            Action::Restage => "copy this batch back into the staging list",
            Action::Credentials => "access key and secret key",
            Action::History => "past submissions",
            Action::NextField => "next field",
            Action::PrevField => "previous field",
            Action::Stage => "stage the task and return to the list",
            Action::StageAndCopy => "stage, then start the next task as a copy",
            Action::AddCustomField => "add a custom field (mx_...)",
            Action::RemoveCustomField => "remove the custom field under the cursor",
            Action::TakeSuggestion => "take the next suggestion for this field",
            Action::FindLead => "find the lead whose e-mail is in the lead id field",
            Action::CursorDown => "next line",
            Action::CursorUp => "previous line",
            Action::PageDown => "next page",
            Action::PageUp => "previous page",
            Action::Top => "first line",
            Action::Bottom => "last line",
            Action::WriteBody => "write the body to a file",
            Action::CopyBody => "copy the body to the clipboard (OSC 52)",
            Action::Load => "load tasks from a .json body or .csv file",
            Action::ExportCsv => "save the list as CSV (the import's own columns)",
            Action::Complete => "complete the file name",
            Action::SaveTemplate => "save this task as a named template (times kept as typed)",
            Action::UseTemplate => "new task from a template",
            Action::Verify => "check which of the batch's tasks really exist",
            Action::StageMissing => "stage only the missing tasks (never the found ones)",
            Action::Mark => "mark or unmark the selected task (for E)",
            Action::MarkAll => "mark all tasks, or unmark all",
            Action::BulkEdit => "edit one member of the marked tasks at once",
            Action::CopyCurl => "copy a curl command for this call (keys as $LSQ_ACCESS_KEY, …)",
            Action::Confirm => "yes / accept",
            Action::Cancel => "no / cancel",
        }
    }

    /// A short word for the footer.
    pub fn short(self) -> &'static str {
        match self {
            Action::NewAppointment => "appointment",
            Action::NewTodo => "to-do",
            Action::NewFromSelected => "copy",
            Action::Edit => "edit",
            Action::Delete => "delete",
            Action::Undo => "undo",
            Action::Review => "review",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Back => "back",
            Action::NextField => "next field",
            Action::Stage => "stage",
            Action::StageAndCopy => "stage + copy",
            Action::WriteBody => "write",
            Action::CopyBody => "copy body",
            Action::Load => "load",
            Action::BulkEdit => "bulk edit",
            Action::SaveTemplate => "save template",
            Action::UseTemplate => "template",
            Action::Verify => "verify",
            Action::StageMissing => "stage missing",
            Action::CopyCurl => "copy as curl",
            Action::Confirm => "ok",
            Action::Cancel => "cancel",
            Action::SetWebhook => "webhook",
            Action::Submit => "submit",
            Action::Send => "send",
            Action::BringBack => "bring back",
            Action::Credentials => "keys",
            Action::History => "history",
            Action::TestKeys => "test keys",
            Action::SaveKeys => "save",
            Action::UseAccountHost => "use account's host",
            Action::Open => "open",
            Action::Restage => "restage",
            _ => self.describe(),
        }
    }
}
