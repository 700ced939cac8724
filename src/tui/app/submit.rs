//! Submitting from the terminal: the checks before the confirmation, the call in the
//! background, and what its outcome does to the staging list and the history.

use super::{App, Screen, Tone};
use crate::api::{Call, Outcome};
use crate::store::history::{Entry, History};
use crate::task::{self, Batch, Kind, Summary, to_json};
use crate::tui::connection::spawn;
use crate::tui::message::Message;
use crate::tui::screens::submit_view::{Plan, SubmitView, named_in};

impl App {
    /// `s`: refuses what cannot be sent, else asks for confirmation.
    pub(super) fn open_submit(&mut self) {
        if self.batch.is_empty() {
            self.say(
                Tone::Info,
                "nothing to submit: a adds an appointment, t a to-do",
            );
            return;
        }
        let summary = Summary::of(&task::validate(&self.batch, self.now()));
        if summary.errors > 0 {
            self.say(
                Tone::Error,
                format!(
                    "not sent: {} (marked ✗ in the list); fix them first, r shows the body",
                    plural(summary.errors, "error")
                ),
            );
            return;
        }
        if !self.connection.has_keys() {
            self.open_credentials();
            self.say(
                Tone::Warning,
                "no keys yet: enter them here first (or restart with --sandbox)",
            );
            return;
        }
        let Some(settings) = self.connection.settings() else {
            return;
        };
        let appointments = self
            .batch
            .tasks()
            .iter()
            .filter(|t| t.kind == Kind::Appointment)
            .count();
        let plan = Plan {
            profile: settings.profile.name.clone(),
            host: settings.profile.host.to_string(),
            region: settings.profile.host.region(),
            sandbox: settings.sandbox,
            appointments,
            todos: self.batch.len() - appointments,
            warnings: summary.warnings,
            webhook: self.batch.webhook.clone(),
        };
        self.submit = Some(SubmitView::Confirm(plan));
        self.screen = Screen::Submit;
    }

    /// `y` in the confirmation: the call starts in the background.
    pub(super) fn send(&mut self) {
        let Some(SubmitView::Confirm(plan)) = self.submit.take() else {
            return;
        };
        let client = match self.connection.client() {
            Ok(client) => client,
            Err(why) => {
                self.submit = Some(SubmitView::Confirm(plan));
                self.say(Tone::Error, format!("not sent: {why}"));
                return;
            }
        };
        let body = to_json(&self.batch, false);
        let started = spawn(self.sender.as_ref(), async move {
            Message::Submitted(Box::new(client.bulk_create(&body).await))
        });
        match started {
            Ok(()) => {
                self.in_flight = Some(self.batch.clone());
                self.submit = Some(SubmitView::Sending { plan, tick: 0 });
            }
            Err(why) => {
                self.submit = Some(SubmitView::Confirm(plan));
                self.say(Tone::Error, format!("not sent: {why}"));
            }
        }
    }

    /// The call ended: keep it in history; an accepted batch leaves the staging list.
    pub(super) fn submitted(&mut self, call: Call) {
        let sent = self.in_flight.take().unwrap_or_else(|| self.batch.clone());
        let Some(
            SubmitView::Sending { plan, .. }
            | SubmitView::Confirm(plan)
            | SubmitView::Done { plan, .. },
        ) = self.submit.take()
        else {
            return;
        };
        self.record(&sent, &call);
        let accepted = matches!(call.outcome, Outcome::Accepted { .. });
        if accepted {
            self.batch = Batch::from_tasks(Vec::new(), sent.webhook.clone()).unwrap_or_default();
            self.list.selected = 0;
            self.brought_back = Some(sent);
            self.save();
        }
        let at_fault = call
            .outcome
            .body()
            .and_then(crate::api::ResponseBody::service_error)
            .and_then(|e| e.exception_message)
            .map(|m| named_in(&m))
            .unwrap_or_default();
        self.submit = Some(SubmitView::Done {
            plan,
            call: Box::new(call),
            cleared: accepted,
            at_fault,
            scroll: 0,
        });
        self.screen = Screen::Submit;
    }

    /// `b` after an accepted call: the batch comes back, e.g. to send it to another profile.
    pub(super) fn bring_back(&mut self) {
        let Some(sent) = self.brought_back.take() else {
            self.say(Tone::Info, "nothing to bring back");
            return;
        };
        let mut tasks = sent.tasks().to_vec();
        tasks.extend(self.batch.take_all());
        match Batch::from_tasks(tasks, sent.webhook.clone()) {
            Ok(batch) => {
                self.batch = batch;
                self.save();
                self.submit = None;
                self.screen = Screen::StagingList;
                self.say(
                    Tone::Info,
                    format!("the {} tasks sent are back in the list", sent.len()),
                );
            }
            Err(full) => {
                self.brought_back = Some(sent);
                self.say(Tone::Error, full.to_string());
            }
        }
    }

    fn record(&mut self, sent: &Batch, call: &Call) {
        let (Some(paths), Some(settings)) = (self.connection.paths(), self.connection.settings())
        else {
            return;
        };
        let entry = Entry::record(settings, sent, call, self.now());
        self.last_entry = Some(entry.clone());
        let history = History::new(paths.history_file());
        if let Err(error) = history.append(&entry) {
            tracing::warn!(%error, "writing history failed");
            self.say(
                Tone::Warning,
                format!(
                    "the submission was not written to {}: {error}",
                    history.path().display()
                ),
            );
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
