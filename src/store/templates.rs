//! Named templates for new tasks, kept in the data folder. A template keeps its due and end
//! times as typed (`tomorrow 10:00`), so they are resolved on the day it is used.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::config::write_private;
use crate::task::{Batch, Kind, Task, read_body_value, to_value};

/// A task to start from, with its times as words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub name: String,
    /// The task without its due and end times.
    pub task: Task,
    /// The due time as typed, e.g. `tomorrow 10:00`; empty for none.
    pub due: String,
    /// The end time as typed; empty for none.
    pub end: String,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    name: String,
    kind: String,
    /// The task as a body's task object.
    task: Value,
    #[serde(default)]
    due: String,
    #[serde(default)]
    end: String,
}

/// The templates file.
#[derive(Debug, Clone)]
pub struct Templates {
    path: PathBuf,
}

impl Templates {
    pub fn new(path: impl Into<PathBuf>) -> Templates {
        Templates { path: path.into() }
    }

    /// Every template, in the order saved; a missing file holds none.
    pub fn load(&self) -> Result<Vec<Template>, String> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(format!("cannot read {}: {e}", self.path.display())),
        };
        let stored: Vec<Stored> = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}:{}: not a templates file: {e}",
                self.path.display(),
                e.line()
            )
        })?;
        Ok(stored
            .into_iter()
            .map(|s| {
                let parsed = read_body_value(&json!({ "TaskList": [s.task] }));
                let mut task = parsed.batch.tasks().first().cloned().unwrap_or_default();
                task.kind = Kind::parse(&s.kind).unwrap_or(task.kind);
                Template {
                    name: s.name,
                    task,
                    due: s.due,
                    end: s.end,
                }
            })
            .collect())
    }

    /// Adds `template`, replacing one of the same name; written atomically, owner-only.
    pub fn save(&self, template: Template) -> Result<(), String> {
        let mut all = self.load()?;
        all.retain(|t| t.name != template.name);
        all.push(template);
        let stored: Vec<Stored> = all
            .into_iter()
            .map(|t| {
                let mut task = t.task;
                task.due_date = None;
                task.end_date = None;
                let kind = task.kind.as_str().to_owned();
                let body = to_value(&Batch::from_tasks(vec![task], None).unwrap_or_default());
                Stored {
                    name: t.name,
                    kind,
                    task: body["TaskList"][0].clone(),
                    due: t.due,
                    end: t.end,
                }
            })
            .collect();
        let text = serde_json::to_string_pretty(&stored).map_err(|e| e.to_string())?;
        write_private(&self.path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", self.path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_keep_words_for_times_and_replace_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let templates = Templates::new(dir.path().join("templates.json"));
        assert_eq!(templates.load().unwrap(), []);
        let task = Task {
            name: "Weekly call".into(),
            task_type: "Follow Up".into(),
            ..Task::new(Kind::Todo)
        };
        let first = Template {
            name: "call".into(),
            task: task.clone(),
            due: "tomorrow 10:00".into(),
            end: String::new(),
        };
        templates.save(first.clone()).unwrap();
        templates
            .save(Template {
                due: "mon 9:00".into(),
                ..first
            })
            .unwrap();
        let all = templates.load().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].due, "mon 9:00");
        assert_eq!(all[0].task, task);
    }
}
