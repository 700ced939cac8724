//! The history screen's work: reading the file and copying a past batch back.

use super::{App, Screen, Tone};
use crate::store::history::History;
use crate::task::{Kind, read_body_value};
use crate::tui::screens::history_list::HistoryList;

impl App {
    /// `h`: the submissions, newest first.
    pub(super) fn open_history(&mut self) {
        let Some(paths) = self.connection.paths() else {
            self.say(Tone::Info, "no history is kept in this session");
            return;
        };
        let history = History::new(paths.history_file());
        match history.read() {
            Ok((entries, skipped)) => {
                self.history = Some(HistoryList::new(entries, skipped));
                self.screen = Screen::History;
            }
            Err(error) => self.say(
                Tone::Error,
                format!("cannot read {}: {error}", history.path().display()),
            ),
        }
    }

    /// Ctrl-R: the selected batch's tasks join the staging list, when they all fit.
    pub(super) fn restage(&mut self) {
        let Some(entry) = self.history.as_ref().and_then(HistoryList::selected_entry) else {
            return;
        };
        let parsed = read_body_value(&entry.body);
        let mut tasks = parsed.batch.tasks().to_vec();
        for (task, kind) in tasks.iter_mut().zip(&entry.kinds) {
            task.kind = Kind::parse(kind).unwrap_or(task.kind);
        }
        let free = self.batch.free_slots();
        if tasks.len() > free {
            self.say(
                Tone::Error,
                format!(
                    "not copied: that batch has {} tasks and the list has room for {free}; \
                     delete some first",
                    tasks.len()
                ),
            );
            return;
        }
        let count = tasks.len();
        for task in tasks {
            // Cannot fail: the room was checked above.
            let _ = self.batch.add(task);
        }
        if self.batch.webhook.is_none() {
            self.batch.webhook.clone_from(&parsed.batch.webhook);
        }
        self.save();
        self.history = None;
        self.screen = Screen::StagingList;
        self.say(
            Tone::Info,
            format!("copied {count} task(s) from history into the list"),
        );
    }
}
