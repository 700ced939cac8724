//! The open form kept on disk each time the cursor leaves a field, and brought back after a
//! crash or a kill: at most the field being typed is lost.

use super::{App, Screen, Tone};
use crate::store::form_draft::{FormDraft, FormDrafts};

impl App {
    fn form_drafts(&self) -> FormDrafts {
        FormDrafts::new(self.options.drafts_path.with_file_name("staging.form.json"))
    }

    /// After each key: saves the form when its cursor has moved to another field, and removes
    /// the saved form once the form is closed (staged or left on purpose).
    pub(super) fn keep_form(&mut self) {
        let focus = self
            .form
            .as_ref()
            .map(super::super::screens::task_form::TaskForm::focus);
        if focus == self.kept_at {
            return;
        }
        let Some(form) = &self.form else {
            self.form_drafts().clear();
            self.kept_at = None;
            return;
        };
        let (due, end) = form.date_texts();
        let draft = FormDraft {
            task: form.task().clone(),
            due,
            end,
            editing: form.editing(),
        };
        if let Err(error) = self.form_drafts().save(&draft) {
            // Only the unstaged form is at stake; the staging list has its own warning.
            tracing::warn!(%error, "keeping the open form failed");
        }
        self.kept_at = focus;
    }

    /// At start: the form that was open when the last run ended, if one was.
    pub(super) fn restore_form(&mut self) {
        let Some(draft) = self.form_drafts().take() else {
            return;
        };
        let editing = draft.editing.filter(|at| *at < self.batch.len());
        self.open_form(&draft.task, editing);
        let (now, zone) = (self.now(), self.options.zone);
        if let Some(form) = &mut self.form {
            form.set_date_texts(&draft.due, &draft.end, now, zone);
        }
        self.screen = Screen::TaskForm;
        self.say(
            Tone::Warning,
            "brought back the task you were typing when lsq-tasks last stopped: Ctrl-S stages it, \
             Esc drops it",
        );
        self.keep_form();
    }
}
