//! Files in and out of the staging list: loading a body or CSV (append, replace, or the first
//! tasks that fit; never a silent cut), saving the list as CSV, and completing paths.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{App, Tone, Undo};
use crate::store::import;
use crate::task::{Batch, MAX_TASKS, Summary, Task, write_csv};
use crate::tui::widgets::choice_modal::{Choice, ChoiceModal};

/// Tasks read from a file, waiting for the user to say where they go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub path: PathBuf,
    pub tasks: Vec<Task>,
    pub webhook: Option<String>,
}

impl App {
    /// Reads `path`; when it holds tasks, asks how to stage them. A file the reader could not
    /// fully understand is refused whole, naming the first problems: loading it would lose the
    /// members it could not read.
    pub(super) fn offer_file(&mut self, path: &Path) -> Result<(), String> {
        let parsed =
            import::read_file(path, self.now(), self.options.zone).map_err(|e| e.to_string())?;
        let unreadable: Vec<String> = parsed
            .problems
            .iter()
            .filter(|p| p.is_error())
            .map(ToString::to_string)
            .collect();
        if !unreadable.is_empty() {
            let shown: Vec<&str> = unreadable.iter().take(2).map(String::as_str).collect();
            return Err(format!(
                "{} has {} problem(s) that would lose data, e.g. {}; lsq-tasks validate {} lists \
                 them all",
                path.display(),
                unreadable.len(),
                shown.join("; "),
                path.display()
            ));
        }
        if parsed.batch.is_empty() {
            return Err(format!("{} holds no task", path.display()));
        }
        let pending = Pending {
            path: path.to_owned(),
            tasks: parsed.batch.tasks().to_vec(),
            webhook: parsed.batch.webhook.clone(),
        };
        self.choice = Some(self.load_question(&pending));
        self.pending = Some(pending);
        Ok(())
    }

    fn load_question(&self, pending: &Pending) -> ChoiceModal {
        let count = pending.tasks.len();
        let staged = self.batch.len();
        let free = self.batch.free_slots();
        let name = pending.path.display();
        let mut lines = vec![format!(
            "{name} holds {count} task(s); {staged} are staged now."
        )];
        let mut answers = Vec::new();
        if count <= free {
            answers.push((
                'a',
                format!("append them after the {staged} staged"),
                Choice::Append,
            ));
        }
        if count <= MAX_TASKS {
            answers.push((
                'r',
                "replace the staged tasks with them (u undoes)".into(),
                Choice::Replace,
            ));
        }
        if count > free {
            lines.push(format!(
                "Only {free} more fit: one call takes at most {MAX_TASKS}. Nothing is staged \
                 unless you say so."
            ));
            if free > 0 {
                answers.push((
                    'f',
                    format!(
                        "stage the first {free} of them and leave the other {}",
                        count - free
                    ),
                    Choice::TakeFirst(free),
                ));
            }
        }
        ChoiceModal {
            title: "Load tasks".into(),
            lines,
            answers,
        }
    }

    /// Carries out the user's answer to the load question (or the template question).
    pub(super) fn take_choice(&mut self, choice: Choice) {
        self.choice = None;
        if let Choice::Template(index) = choice {
            return self.use_template(index);
        }
        let Some(pending) = self.pending.take() else {
            return;
        };
        let before = self.batch.clone();
        let mut tasks = match choice {
            Choice::Replace => Vec::new(),
            Choice::Append | Choice::TakeFirst(_) | Choice::Template(_) => {
                self.batch.tasks().to_vec()
            }
        };
        let take = match choice {
            Choice::TakeFirst(n) => n,
            _ => pending.tasks.len(),
        };
        tasks.extend(pending.tasks.into_iter().take(take));
        let webhook = self.batch.webhook.clone().or(pending.webhook);
        match Batch::from_tasks(tasks, webhook) {
            Ok(batch) => {
                self.batch = batch;
                self.undo = Some(Undo::Restore(before, "the load".into()));
                self.list.selected = 0;
                self.save();
                let errors = Summary::of(&crate::task::validate(&self.batch, self.now())).errors;
                let mut text = format!("staged {take} task(s) from {}", pending.path.display());
                if errors > 0 {
                    let _ = write!(text, "; {errors} error(s) marked ✗ to fix before sending");
                }
                self.say(Tone::Info, text);
            }
            Err(full) => self.say(Tone::Error, full.to_string()),
        }
    }

    /// Writes the staging list as CSV in the columns the import reads.
    pub(super) fn export_csv(&mut self, answer: &str) -> Result<(), String> {
        let path = PathBuf::from(if answer.is_empty() {
            "lsq-tasks.csv"
        } else {
            answer
        });
        let shown = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
        let text = write_csv(&self.batch);
        std::fs::write(&path, &text)
            .map_err(|e| format!("could not write {}: {e}", shown.display()))?;
        self.say(
            Tone::Info,
            format!(
                "wrote {} task(s) as CSV to {}",
                self.batch.len(),
                shown.display()
            ),
        );
        Ok(())
    }
}

/// Completes the last part of a path typed in a prompt: the whole name when only one entry
/// starts that way, else the common beginning; also returns the candidates to show.
pub fn complete_path(typed: &str) -> (String, Vec<String>) {
    let (dir, prefix) = match typed.rfind('/') {
        Some(at) => (&typed[..=at], &typed[at + 1..]),
        None => ("", typed),
    };
    let expanded = if dir.is_empty() {
        Path::new(".")
    } else {
        Path::new(dir)
    };
    let Ok(entries) = std::fs::read_dir(expanded) else {
        return (typed.to_owned(), Vec::new());
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let mut name = entry.file_name().into_string().ok()?;
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            if entry.file_type().ok()?.is_dir() {
                name.push('/');
            }
            Some(name)
        })
        .collect();
    names.sort();
    let Some(first) = names.first() else {
        return (typed.to_owned(), names);
    };
    let common = names.iter().fold(first.clone(), |common, name| {
        common
            .chars()
            .zip(name.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a)
            .collect()
    });
    (
        format!("{dir}{common}"),
        if names.len() > 1 { names } else { Vec::new() },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_finishes_a_unique_name_and_lists_several() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("monday.csv"), "").unwrap();
        std::fs::write(dir.path().join("month.json"), "").unwrap();
        std::fs::create_dir(dir.path().join("old")).unwrap();
        let base = format!("{}/", dir.path().display());
        let (value, shown) = complete_path(&format!("{base}mon"));
        assert_eq!(value, format!("{base}mon"));
        assert_eq!(shown, ["monday.csv", "month.json"]);
        let (value, shown) = complete_path(&format!("{base}mond"));
        assert_eq!(value, format!("{base}monday.csv"));
        assert!(shown.is_empty());
        assert_eq!(complete_path(&format!("{base}ol")).0, format!("{base}old/"));
    }
}
