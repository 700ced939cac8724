//! Verification from the terminal: `v` on the outcome of a submission or on a history entry
//! checks which tasks exist, polling in the background; `m` stages only the missing ones.

use std::time::Duration;

use super::{App, Screen, Tone};
use crate::api::verify::{self, Polling, Resend};
use crate::store::history::Entry;
use crate::task::{Kind, read_body_value};
use crate::tui::message::Message;
use crate::tui::screens::verify_view::VerifyView;

/// How long the screen keeps checking while tasks are still missing.
const WAIT: Duration = Duration::from_secs(90);

impl App {
    /// `v`: checks `entry` (the one just sent, or the history's selection).
    pub(super) fn open_verify(&mut self, entry: Entry, number: Option<usize>) {
        let here = self
            .connection
            .settings()
            .map(|s| s.profile.host.to_string());
        if here.as_deref() != Some(entry.host.as_str()) {
            let why = if entry.sandbox {
                "that batch went to the sandbox of an earlier run, which stopped with it: its \
                 tasks are gone"
                    .to_owned()
            } else {
                format!(
                    "that batch went to {}, but this profile sends to {}: start with that \
                     batch's profile to check it",
                    entry.host,
                    here.unwrap_or_else(|| "nowhere".into())
                )
            };
            self.say(Tone::Error, why);
            return;
        }
        let client = match self.connection.client() {
            Ok(client) => client,
            Err(why) => return self.say(Tone::Error, why),
        };
        let Some(sender) = self.sender.clone() else {
            return self.say(Tone::Error, "the event loop is not running");
        };
        let Ok(handle) = tokio::runtime::Handle::try_current() else {
            return self.say(Tone::Error, "no async runtime to run the checks on");
        };
        let checked = entry.clone();
        let task = handle.spawn(async move {
            let progress = sender.clone();
            let result = verify::verify(&client, &checked, Polling::up_to(WAIT), move |p| {
                let _ = progress.send(Message::VerifyProgress(p));
            })
            .await;
            let _ = sender.send(Message::VerifyFinished(result.map_err(|e| e.to_string())));
        });
        self.stop_verify();
        self.verify_task = Some(task.abort_handle());
        self.verify = Some(VerifyView::new(entry, number));
        self.screen = Screen::Verify;
    }

    /// Stops checks still running (leaving the screen, or starting others).
    pub(super) fn stop_verify(&mut self) {
        if let Some(task) = self.verify_task.take() {
            task.abort();
        }
    }

    /// `m`: the missing tasks join the staging list, when it is safe to send them again.
    pub(super) fn stage_missing(&mut self) {
        let Some(view) = &self.verify else {
            return;
        };
        let Some(report) = &view.report else {
            return self.say(Tone::Info, "no check has finished yet");
        };
        match verify::resend(&view.entry, report, self.now(), verify::SETTLE) {
            Resend::NothingMissing => self.say(Tone::Info, "nothing is missing"),
            Resend::TooEarly { ready_at } => self.say(
                Tone::Warning,
                format!(
                    "not yet: the service may still be creating them; sending now could create \
                     them twice. Check again after {}",
                    ready_at.with_timezone(&self.options.zone).format("%H:%M")
                ),
            ),
            Resend::Ready { body, numbers } => {
                let parsed = read_body_value(&body);
                let mut tasks = parsed.batch.tasks().to_vec();
                for (task, number) in tasks.iter_mut().zip(&numbers) {
                    if let Some(kind) = view
                        .entry
                        .kinds
                        .get(number - 1)
                        .and_then(|k| Kind::parse(k))
                    {
                        task.kind = kind;
                    }
                }
                if tasks.len() > self.batch.free_slots() {
                    return self.say(
                        Tone::Error,
                        format!(
                            "{} missing task(s) but room for {}: clear the list first",
                            tasks.len(),
                            self.batch.free_slots()
                        ),
                    );
                }
                let count = tasks.len();
                for task in tasks {
                    let _ = self.batch.add(task);
                }
                self.save();
                self.stop_verify();
                self.verify = None;
                self.screen = Screen::StagingList;
                let list: Vec<String> = numbers.iter().map(ToString::to_string).collect();
                self.say(
                    Tone::Info,
                    format!(
                        "staged the {count} missing task(s) ({}); s sends them",
                        list.join(", ")
                    ),
                );
            }
        }
    }
}

impl App {
    /// `v` on the submit view's outcome or on the history's selected entry.
    pub(super) fn verify_action(&mut self) {
        match self.screen {
            Screen::History => {
                let selected = self
                    .history
                    .as_ref()
                    .and_then(|h| h.entries.get(h.selected).cloned());
                match selected {
                    Some((number, entry)) => self.open_verify(entry, Some(number)),
                    None => self.say(Tone::Info, "no submission to check"),
                }
            }
            Screen::Submit => match self.last_entry.clone() {
                Some(entry) if self.submit.as_ref().is_some_and(|s| !s.is_sending()) => {
                    self.open_verify(entry, None);
                }
                _ => self.say(Tone::Info, "nothing sent yet to check"),
            },
            _ => {}
        }
    }
}
