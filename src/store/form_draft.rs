//! The task in an open form, saved each time the cursor leaves a field, so a crash or a kill
//! loses at most the field being typed. It lives beside the staging list and is removed when
//! the form is staged or left.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::config::write_private;
use crate::task::{Batch, Kind, Task, read_body_value, to_value};

/// A form's content: the task, its times as typed, and which staged task it edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormDraft {
    pub task: Task,
    /// The due time as typed (`tomorrow 10:00`).
    pub due: String,
    /// The end time as typed.
    pub end: String,
    /// The staged task being edited; `None` for a new one.
    pub editing: Option<usize>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    kind: String,
    task: Value,
    due: String,
    end: String,
    editing: Option<usize>,
}

/// The form draft's file.
#[derive(Debug, Clone)]
pub struct FormDrafts {
    path: PathBuf,
}

impl FormDrafts {
    pub fn new(path: impl Into<PathBuf>) -> FormDrafts {
        FormDrafts { path: path.into() }
    }

    /// Writes the draft atomically, owner-only.
    pub fn save(&self, draft: &FormDraft) -> std::io::Result<()> {
        let mut task = draft.task.clone();
        task.due_date = None;
        task.end_date = None;
        let kind = task.kind.as_str().to_owned();
        let body = to_value(&Batch::from_tasks(vec![task], None).unwrap_or_default());
        let stored = Stored {
            kind,
            task: body["TaskList"][0].clone(),
            due: draft.due.clone(),
            end: draft.end.clone(),
            editing: draft.editing,
        };
        let text = serde_json::to_vec(&stored).map_err(std::io::Error::other)?;
        write_private(&self.path, &text)
    }

    /// The draft left by a run that ended with a form open, if any; an unreadable one is
    /// dropped (it only ever held one unstaged task).
    pub fn take(&self) -> Option<FormDraft> {
        let text = std::fs::read(&self.path).ok()?;
        self.clear();
        let stored: Stored = serde_json::from_slice(&text).ok()?;
        let parsed = read_body_value(&json!({ "TaskList": [stored.task] }));
        let mut task = parsed.batch.tasks().first().cloned()?;
        task.kind = Kind::parse(&stored.kind).unwrap_or(task.kind);
        Some(FormDraft {
            task,
            due: stored.due,
            end: stored.end,
            editing: stored.editing,
        })
    }

    /// Removes the draft: the form was staged or left on purpose.
    pub fn clear(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_comes_back_once() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = FormDrafts::new(dir.path().join("staging.form.json"));
        assert_eq!(drafts.take(), None);
        let draft = FormDraft {
            task: Task {
                name: "Half typed".into(),
                ..Task::new(Kind::Appointment)
            },
            due: "tomorrow 10:00".into(),
            end: String::new(),
            editing: Some(2),
        };
        drafts.save(&draft).unwrap();
        assert_eq!(drafts.take(), Some(draft));
        assert_eq!(drafts.take(), None, "taken once");
    }
}
