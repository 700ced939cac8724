//! The bulk edit's work: which tasks it applies to, its keys, and applying it as one step that
//! one `u` takes back.

use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

use super::{App, Tone, Undo};
use crate::tui::action::Action;
use crate::tui::widgets::bulk_edit::BulkEdit;

impl App {
    /// Space marks or unmarks the selected task (and moves on), `*` marks all or none, `E`
    /// opens the bulk edit.
    pub(super) fn mark_action(&mut self, action: Action) {
        match action {
            Action::Mark => {
                let at = self.list.selected;
                if at < self.batch.len() && !self.marked.remove(&at) {
                    self.marked.insert(at);
                }
                self.list.selected = (at + 1).min(self.batch.len().saturating_sub(1));
            }
            Action::MarkAll if self.marked.len() == self.batch.len() => self.marked.clear(),
            Action::MarkAll => self.marked = (0..self.batch.len()).collect(),
            Action::BulkEdit => self.open_bulk_edit(),
            _ => {}
        }
    }

    /// `E`: the marked tasks, or the selected one when none is marked.
    fn open_bulk_edit(&mut self) {
        if self.batch.is_empty() {
            self.say(Tone::Info, "the list is empty: nothing to edit");
            return;
        }
        let targets: Vec<usize> = if self.marked.is_empty() {
            vec![self.list.selected]
        } else {
            self.marked.iter().copied().collect()
        };
        self.bulk = Some(BulkEdit::new(targets));
    }

    /// Keys while the bulk edit is open: ↑↓ choose the member, Enter applies, Esc cancels,
    /// everything else edits the value.
    pub(super) fn bulk_key(&mut self, key: KeyEvent) {
        let Some(bulk) = &mut self.bulk else {
            return;
        };
        match key.code {
            KeyCode::Esc => {
                self.bulk = None;
                self.say(Tone::Info, "bulk edit cancelled: nothing changed");
            }
            KeyCode::Up => bulk.cycle(false),
            KeyCode::Down => bulk.cycle(true),
            KeyCode::Enter => self.apply_bulk_edit(),
            _ => {
                bulk.value.handle_event(&Event::Key(key));
            }
        }
    }

    fn apply_bulk_edit(&mut self) {
        let Some(bulk) = &self.bulk else {
            return;
        };
        match bulk.preview(&self.batch, self.now(), self.options.zone) {
            Err(why) => self.say(Tone::Error, format!("not applied: {why}")),
            Ok((_, 0)) => self.say(Tone::Info, "no task would change: nothing applied"),
            Ok((edited, changed)) => {
                let marked = self.marked.clone();
                let before = std::mem::replace(&mut self.batch, edited);
                self.undo = Some(Undo::Restore(
                    before,
                    format!("the bulk edit of {changed} task(s)"),
                ));
                self.bulk = None;
                self.save();
                self.marked = marked;
                self.say(
                    Tone::Info,
                    format!("changed {changed} task(s); u undoes the whole edit"),
                );
            }
        }
    }
}
