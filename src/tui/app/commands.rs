//! What each [`Action`] does to the state, screen by screen.

use std::fmt::Write as _;
use std::path::PathBuf;

use base64::Engine;

use super::{App, Screen, Tone, Undo};
use crate::task::{self, BatchFull, Kind, MAX_TASKS, Task, to_json};
use crate::tui::action::Action;
use crate::tui::screens::payload_review::PayloadReview;
use crate::tui::screens::submit_view::SubmitView;
use crate::tui::screens::task_form::{Field, TaskForm};
use crate::tui::widgets::confirm_modal::{ConfirmModal, Confirmed};
use crate::tui::widgets::prompt::{Prompt, PromptPurpose};

/// Where `w` writes the body unless told otherwise: the current folder.
const DEFAULT_BODY_FILE: &str = "lsq-body.json";

impl App {
    /// Carries out one action in the current context.
    pub fn handle_action(&mut self, action: Action) {
        use Action as A;
        match action {
            A::Help => {
                self.help_return = self.screen;
                self.screen = Screen::Help;
            }
            A::Quit => self.quit = true,
            A::Back => self.back(),
            A::Submit => self.open_submit(),
            A::Send => self.send(),
            A::BringBack => self.bring_back(),
            A::Credentials => self.open_credentials(),
            A::History => self.open_history(),
            A::TestKeys => self.test_keys(),
            A::SaveKeys => self.save_keys(),
            A::UseAccountHost => self.use_account_host(),
            A::Open => {
                if let Some(history) = &mut self.history {
                    history.open = !history.entries.is_empty();
                    history.scroll = 0;
                }
            }
            A::Restage => self.restage(),
            A::Confirm | A::Cancel => self.answer(action == A::Confirm),
            A::SelectNext | A::SelectPrev | A::PageDown | A::PageUp
                if self.screen == Screen::History =>
            {
                if let Some(history) = &mut self.history {
                    history.navigate(action);
                }
            }
            A::SelectNext | A::SelectPrev | A::MoveUp | A::MoveDown => self.arrange(action),
            A::NewAppointment => self.open_new(&Task::new(Kind::Appointment)),
            A::NewTodo => self.open_new(&Task::new(Kind::Todo)),
            A::NewFromSelected => match self.batch.tasks().get(self.list.selected) {
                Some(task) => self.open_new(&task.clone()),
                None => self.say(Tone::Warning, "no task selected to copy"),
            },
            A::Edit => self.edit_selected(),
            A::Duplicate => self.duplicate(),
            A::Delete => self.delete(),
            A::Undo => self.undo(),
            A::SetWebhook => {
                let current = self.batch.webhook.clone().unwrap_or_default();
                let question = "Status webhook URL (StatusWebhookURL), empty for none";
                self.prompt = Some(Prompt::new(PromptPurpose::Webhook, question, &current));
            }
            A::Review => {
                self.review = Some(PayloadReview::new(&self.batch, self.now()));
                self.screen = Screen::PayloadReview;
            }
            A::NextField | A::PrevField if self.screen == Screen::Credentials => {
                if let Some(form) = &mut self.credentials {
                    form.move_focus(action == A::NextField);
                }
            }
            A::NextField | A::PrevField | A::AddCustomField | A::RemoveCustomField => {
                let leaving_id = matches!(action, A::NextField | A::PrevField)
                    && self
                        .form
                        .as_ref()
                        .is_some_and(|f| f.focus() == Field::RelatedId);
                self.edit_form(action);
                // Leaving the related id is when an e-mail typed there is looked up.
                if leaving_id {
                    self.find_lead(false);
                }
            }
            A::FindLead => self.find_lead(true),
            A::TakeSuggestion => {
                let (now, zone) = (self.now(), self.options.zone);
                if let Some(form) = &mut self.form
                    && !form.take_suggestion(now, zone)
                {
                    self.say(Tone::Info, "no suggestion for this field");
                }
            }
            A::Stage => self.stage(false),
            A::StageAndCopy => self.stage(true),
            A::CursorDown | A::CursorUp | A::PageDown | A::PageUp
                if self.screen == Screen::Submit =>
            {
                if let Some(view) = &mut self.submit {
                    view.scroll(action);
                }
            }
            A::CursorDown | A::CursorUp | A::PageDown | A::PageUp | A::Top | A::Bottom => {
                if let Some(review) = &mut self.review {
                    review.move_cursor(action);
                }
            }
            A::WriteBody | A::CopyBody | A::CopyCurl | A::Load | A::ExportCsv | A::Complete => {
                self.file_action(action);
            }
            A::Mark | A::MarkAll | A::BulkEdit => self.mark_action(action),
            A::SaveTemplate | A::UseTemplate => self.template_action(action),
            A::Verify => self.verify_action(),
            A::StageMissing => self.stage_missing(),
        }
    }

    /// Writing, copying, loading and saving: the actions that open a prompt or reach outside.
    fn file_action(&mut self, action: Action) {
        let (purpose, question, answer) = match action {
            Action::WriteBody => (
                PromptPurpose::WriteBody,
                "Write the body to (a path; the folder must exist)",
                DEFAULT_BODY_FILE,
            ),
            Action::Load => (
                PromptPurpose::Load,
                "Load tasks from (a .json body or .csv table; Tab completes)",
                "",
            ),
            Action::ExportCsv => (
                PromptPurpose::ExportCsv,
                "Save the list as CSV to (a path; the folder must exist)",
                "lsq-tasks.csv",
            ),
            Action::CopyBody => return self.copy_body(),
            Action::CopyCurl => return self.copy_curl(),
            Action::Complete => return self.complete_prompt(),
            _ => return,
        };
        self.prompt = Some(Prompt::new(purpose, question, answer));
    }

    fn back(&mut self) {
        match self.screen {
            Screen::Help => self.screen = self.help_return,
            Screen::TaskForm if self.form.as_ref().is_some_and(TaskForm::is_changed) => {
                self.modal = Some(ConfirmModal {
                    question: "Leave this form and lose what you typed?".to_owned(),
                    on_yes: Confirmed::DiscardForm,
                });
            }
            Screen::History if self.history.as_ref().is_some_and(|h| h.open) => {
                if let Some(history) = &mut self.history {
                    history.open = false;
                }
            }
            // Leaving while the call is in flight is fine: its outcome comes back to the
            // submit view, which the status line then points at.
            Screen::Submit if self.submit.as_ref().is_some_and(SubmitView::is_sending) => {
                self.screen = Screen::StagingList;
                self.say(
                    Tone::Info,
                    "still sending: the outcome will show when it comes",
                );
            }
            Screen::Verify => {
                self.stop_verify();
                self.verify = None;
                self.screen = if self.history.is_some() {
                    Screen::History
                } else if self.submit.is_some() {
                    Screen::Submit
                } else {
                    Screen::StagingList
                };
            }
            _ => {
                self.form = None;
                self.review = None;
                self.credentials = None;
                self.history = None;
                if !self.submit.as_ref().is_some_and(SubmitView::is_sending) {
                    self.submit = None;
                }
                self.screen = Screen::StagingList;
            }
        }
    }

    fn answer(&mut self, yes: bool) {
        if let Some(modal) = self.modal.take() {
            if yes {
                match modal.on_yes {
                    Confirmed::DiscardForm => {
                        self.form = None;
                        self.screen = Screen::StagingList;
                        self.say(Tone::Info, "left the form; nothing was staged");
                    }
                }
            }
            return;
        }
        let Some(mut prompt) = self.prompt.take() else {
            return;
        };
        if !yes {
            return;
        }
        let answer = prompt.input.value().trim().to_owned();
        let refused = match prompt.purpose {
            PromptPurpose::Webhook => self.set_webhook(answer),
            PromptPurpose::WriteBody => self.write_body(&answer),
            PromptPurpose::ExportCsv => self.export_csv(&answer),
            PromptPurpose::Load if answer.is_empty() => Err("type a file's path".to_owned()),
            PromptPurpose::Load => self.offer_file(std::path::Path::new(&answer)),
            PromptPurpose::TemplateName => self.save_template(&answer),
        };
        if let Err(why) = refused {
            prompt.error = Some(why);
            self.prompt = Some(prompt);
        }
    }

    fn set_webhook(&mut self, url: String) -> Result<(), String> {
        if url.is_empty() {
            self.batch.webhook = None;
            self.save();
            self.say(Tone::Info, "status webhook cleared");
            return Ok(());
        }
        let mut trial = self.batch.clone();
        trial.webhook = Some(url.clone());
        let now = self.now();
        if let Some(problem) = task::validate(&trial, now)
            .into_iter()
            .find(|p| p.member == "StatusWebhookURL")
        {
            return Err(problem.message);
        }
        self.batch.webhook = Some(url);
        self.save();
        self.say(Tone::Info, "status webhook set");
        Ok(())
    }

    fn write_body(&mut self, answer: &str) -> Result<(), String> {
        let path = PathBuf::from(if answer.is_empty() {
            DEFAULT_BODY_FILE
        } else {
            answer
        });
        let shown = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
        let mut body = to_json(&self.batch, true);
        body.push('\n');
        std::fs::write(&path, &body)
            .map_err(|e| format!("could not write {}: {e}", shown.display()))?;
        let text = format!(
            "wrote the body ({} bytes) to {}",
            body.len(),
            shown.display()
        );
        self.say(Tone::Info, text);
        Ok(())
    }

    /// Tab in a path prompt: completes the file name and lists the candidates.
    fn complete_prompt(&mut self) {
        let Some(prompt) = &mut self.prompt else {
            return;
        };
        if !matches!(
            prompt.purpose,
            PromptPurpose::Load | PromptPurpose::ExportCsv | PromptPurpose::WriteBody
        ) {
            return;
        }
        let (value, candidates) = super::files::complete_path(prompt.input.value());
        prompt.input = tui_input::Input::new(value);
        prompt.error = (!candidates.is_empty()).then(|| candidates.join("  "));
    }

    /// OSC 52 asks the terminal itself to set the clipboard, which also works over SSH.
    fn copy_to_clipboard(&mut self, text: &str) {
        let encoded = base64::engine::general_purpose::STANDARD.encode(text);
        self.outbox.push(format!("\x1b]52;c;{encoded}\x07"));
    }

    /// The call as a curl command, keys as `$LSQ_ACCESS_KEY`/`$LSQ_SECRET_KEY`: safe in a ticket.
    fn copy_curl(&mut self) {
        let (host, auth) = self.connection.settings().map_or_else(
            || {
                (
                    crate::config::Host::default(),
                    crate::config::AuthMode::Header,
                )
            },
            |s| (s.profile.host.clone(), s.profile.auth),
        );
        let command = crate::api::curl_command(&host, auth, &to_json(&self.batch, false));
        self.copy_to_clipboard(&command);
        self.last_curl = Some(command);
        self.say(
            Tone::Info,
            "copied a curl command for this call; it names the keys as $LSQ_ACCESS_KEY and \
             $LSQ_SECRET_KEY, so set those before running it",
        );
    }

    fn copy_body(&mut self) {
        let body = to_json(&self.batch, true);
        self.copy_to_clipboard(&body);
        let text = format!(
            "copied the body ({} bytes) to the clipboard (if your terminal allows OSC 52)",
            body.len()
        );
        self.say(Tone::Info, text);
    }

    fn arrange(&mut self, action: Action) {
        let len = self.batch.len();
        let at = self.list.selected;
        match action {
            Action::SelectNext => self.list.selected = (at + 1).min(len.saturating_sub(1)),
            Action::SelectPrev => self.list.selected = at.saturating_sub(1),
            Action::MoveUp => {
                if let Some(new) = self.batch.move_up(at) {
                    self.list.selected = new;
                    self.save();
                }
            }
            Action::MoveDown => {
                if let Some(new) = self.batch.move_down(at) {
                    self.list.selected = new;
                    self.save();
                }
            }
            _ => {}
        }
    }

    fn refuse_full(&mut self) {
        self.say(
            Tone::Error,
            format!(
                "not added: {MAX_TASKS} tasks is the most one call takes; submit or remove \
                 some first"
            ),
        );
    }

    pub(super) fn open_form(&mut self, task: &Task, editing: Option<usize>) {
        let mut form = TaskForm::new(task, editing, self.now(), self.options.zone);
        self.fill_from_account(&mut form);
        self.form = Some(form);
        self.screen = Screen::TaskForm;
    }

    /// A form for a new task, unless the list is full: refusing now saves typing a task that
    /// could not be staged.
    pub(super) fn open_new(&mut self, task: &Task) {
        if self.batch.free_slots() == 0 {
            self.refuse_full();
            return;
        }
        self.open_form(task, None);
    }

    fn edit_selected(&mut self) {
        let at = self.list.selected;
        match self.batch.tasks().get(at).cloned() {
            Some(task) => self.open_form(&task, Some(at)),
            None => self.say(
                Tone::Info,
                "the list is empty: a adds an appointment, t a to-do",
            ),
        }
    }

    fn duplicate(&mut self) {
        let at = self.list.selected;
        match self.batch.duplicate(at) {
            Ok(Some(new)) => {
                self.list.selected = new;
                self.save();
                self.say(
                    Tone::Info,
                    format!("task {} is a copy of task {}", new + 1, at + 1),
                );
            }
            Ok(None) => self.say(Tone::Info, "no task selected to duplicate"),
            Err(BatchFull) => self.refuse_full(),
        }
    }

    fn delete(&mut self) {
        let at = self.list.selected;
        let Some(task) = self.batch.remove(at) else {
            return;
        };
        let text = format!("deleted task {} '{}': u puts it back", at + 1, task.name);
        self.undo = Some(Undo::Delete(at, task));
        self.list.selected = at.min(self.batch.len().saturating_sub(1));
        self.save();
        self.say(Tone::Info, text);
    }

    fn undo(&mut self) {
        match self.undo.take() {
            None => self.say(Tone::Info, "nothing to undo"),
            Some(Undo::Delete(at, task)) => {
                if let Ok(index) = self.batch.insert(at, task.clone()) {
                    self.list.selected = index;
                    self.save();
                    self.say(Tone::Info, format!("task {} is back", index + 1));
                } else {
                    self.undo = Some(Undo::Delete(at, task));
                    self.refuse_full();
                }
            }
            Some(Undo::Restore(before, what)) => {
                self.batch = before;
                self.list.selected = self.list.selected.min(self.batch.len().saturating_sub(1));
                self.save();
                self.say(Tone::Info, format!("undid {what}"));
            }
        }
    }

    fn edit_form(&mut self, action: Action) {
        let (now, zone) = (self.now(), self.options.zone);
        let Some(form) = &mut self.form else {
            return;
        };
        match action {
            Action::NextField => form.move_focus(true),
            Action::PrevField => form.move_focus(false),
            Action::AddCustomField => form.add_custom(),
            Action::RemoveCustomField if !form.remove_custom() => {
                self.say(
                    Tone::Info,
                    "Ctrl-D removes a custom field: move to one first",
                );
            }
            _ => {}
        }
        if let Some(form) = &mut self.form {
            form.refresh(now, zone);
        }
    }

    /// Adds the form's task (or replaces the one being edited). With `copy`, a new form holding
    /// a copy of it opens, so a run of similar tasks is one key each.
    fn stage(&mut self, copy: bool) {
        let Some(form) = &mut self.form else {
            return;
        };
        let task = match form.staged() {
            Ok(task) => task,
            Err((field, why)) => {
                form.focus_on(field);
                let text = format!(
                    "not staged yet: {} ({}) {why}",
                    field.label(),
                    field.api_name()
                );
                self.say(Tone::Error, text);
                return;
            }
        };
        let editing = form.editing().filter(|at| *at < self.batch.len());
        let index = match editing {
            Some(at) => {
                self.batch.replace(at, task.clone());
                at
            }
            None => match self.batch.add(task.clone()) {
                Ok(at) => at,
                Err(BatchFull) => return self.refuse_full(),
            },
        };
        self.list.selected = index;
        self.save();
        let number = index + 1;
        let errors = task::validate(self.batch(), self.now())
            .iter()
            .filter(|p| p.is_error() && p.task == Some(number))
            .count();
        let mut text = format!("staged task {number}");
        if errors > 0 {
            let _ = write!(text, " with {errors} error(s), marked ✗ in the list");
        }
        if copy && self.batch.free_slots() > 0 {
            self.open_form(&task, None);
            text.push_str("; this new task is a copy of it: change what differs");
        } else {
            if copy {
                let _ = write!(text, "; no copy: {BatchFull}");
            }
            self.form = None;
            self.screen = Screen::StagingList;
        }
        self.say(
            if errors > 0 {
                Tone::Warning
            } else {
                Tone::Info
            },
            text,
        );
    }
}
