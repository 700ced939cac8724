//! Which key means which [`Action`] on which screen. One table, so that the help screen and the
//! footer are generated from the same bindings the app obeys, and a config file can later
//! replace entries with [`Keymap::bind`].

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a key is pressed; the same key may mean different things in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    StagingList,
    TaskForm,
    PayloadReview,
    /// The submit view: its confirmation, progress and outcome.
    Submit,
    Credentials,
    History,
    /// The verification of a batch.
    Verify,
    Help,
    /// A yes/no question over any screen.
    Confirm,
    /// A one-line prompt over any screen.
    Prompt,
}

/// A key and its modifiers, normalised so `K` and `Shift-K` are the same binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyBinding {
    /// The key itself.
    pub code: KeyCode,
    /// Ctrl, Alt; Shift only for keys that do not carry it.
    pub modifiers: KeyModifiers,
}

impl KeyBinding {
    /// A key pressed without Ctrl or Alt.
    pub const fn plain(code: KeyCode) -> KeyBinding {
        KeyBinding {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    /// A letter pressed with Ctrl.
    pub const fn ctrl(c: char) -> KeyBinding {
        KeyBinding {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    const fn char(c: char) -> KeyBinding {
        KeyBinding::plain(KeyCode::Char(c))
    }

    /// The binding a key event stands for. Shift is dropped where it is already in the key
    /// itself (an upper-case letter, Shift-Tab) because terminals disagree on reporting it.
    pub fn of(event: &KeyEvent) -> KeyBinding {
        let mut modifiers = event.modifiers;
        if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        KeyBinding {
            code: event.code,
            modifiers,
        }
    }

    /// How the key is written on screen: `Ctrl-S`, `Shift-Tab`, `↑`, `PgDn`.
    pub fn label(&self) -> String {
        let key = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", key.to_uppercase())
        } else {
            key
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Where the binding applies.
    pub context: Context,
    /// The key pressed.
    pub key: KeyBinding,
    /// What it means there.
    pub action: Action,
    /// Shown in the footer of its screen (the first binding of an action only).
    pub footer: bool,
}

/// The key table.
#[derive(Debug, Clone)]
pub struct Keymap {
    entries: Vec<Entry>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            entries: default_entries(),
        }
    }
}

impl Keymap {
    /// The action `event` means in `context`, if any.
    pub fn action(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let key = KeyBinding::of(event);
        self.entries
            .iter()
            .find(|e| e.context == context && e.key == key)
            .map(|e| e.action)
    }

    /// Binds `key` to `action` in `context`, replacing what the key meant there before.
    pub fn bind(&mut self, context: Context, key: KeyBinding, action: Action) {
        self.entries
            .retain(|e| !(e.context == context && e.key == key));
        self.entries.push(Entry {
            context,
            key,
            action,
            footer: false,
        });
    }

    /// Makes `keys` the only keys of `action` in `context`: its old keys stop working, and
    /// whatever the new keys meant there before is unbound. The footer keeps showing it.
    pub fn rebind(&mut self, context: Context, action: Action, keys: &[KeyBinding]) {
        let footer = self
            .entries
            .iter()
            .any(|e| e.context == context && e.action == action && e.footer);
        self.entries
            .retain(|e| !(e.context == context && (e.action == action || keys.contains(&e.key))));
        for (index, key) in keys.iter().enumerate() {
            self.entries.push(Entry {
                context,
                key: *key,
                action,
                footer: footer && index == 0,
            });
        }
    }

    /// Every action of a context with all its keys, in table order, for the help screen.
    pub fn help(&self, context: Context) -> Vec<(String, Action)> {
        let mut rows: Vec<(Vec<String>, Action)> = Vec::new();
        for entry in self.entries.iter().filter(|e| e.context == context) {
            match rows.iter_mut().find(|(_, action)| *action == entry.action) {
                Some((keys, _)) => keys.push(entry.key.label()),
                None => rows.push((vec![entry.key.label()], entry.action)),
            }
        }
        rows.into_iter()
            .map(|(keys, action)| (keys.join(", "), action))
            .collect()
    }

    /// The footer's key hints of a context: `(key, word)` pairs.
    pub fn footer(&self, context: Context) -> Vec<(String, &'static str)> {
        self.entries
            .iter()
            .filter(|e| e.context == context && e.footer)
            .map(|e| (e.key.label(), e.action.short()))
            .collect()
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "one row per binding: the table reads best whole"
)]
fn default_entries() -> Vec<Entry> {
    use Action as A;
    use Context as C;
    use KeyCode as K;
    let kb = KeyBinding::plain;
    let ch = KeyBinding::char;
    let ctrl = KeyBinding::ctrl;
    #[rustfmt::skip]
    let table: &[(Context, KeyBinding, Action, bool)] = &[
        (C::StagingList, ch('a'), A::NewAppointment, true),
        (C::StagingList, ch('t'), A::NewTodo, true),
        (C::StagingList, kb(K::Enter), A::Edit, true),
        (C::StagingList, ch('e'), A::Edit, false),
        (C::StagingList, ch('N'), A::NewFromSelected, true),
        (C::StagingList, ch('D'), A::Duplicate, false),
        (C::StagingList, ch('d'), A::Delete, true),
        (C::StagingList, ch('u'), A::Undo, false),
        (C::StagingList, ch('K'), A::MoveUp, false),
        (C::StagingList, ch('J'), A::MoveDown, false),
        (C::StagingList, kb(K::Down), A::SelectNext, false),
        (C::StagingList, ch('j'), A::SelectNext, false),
        (C::StagingList, kb(K::Up), A::SelectPrev, false),
        (C::StagingList, ch('k'), A::SelectPrev, false),
        (C::StagingList, ch('W'), A::SetWebhook, false),
        (C::StagingList, ch('i'), A::Load, false),
        (C::StagingList, ch(' '), A::Mark, false),
        (C::StagingList, ch('*'), A::MarkAll, false),
        (C::StagingList, ch('E'), A::BulkEdit, false),
        (C::StagingList, ch('T'), A::UseTemplate, false),
        (C::StagingList, ch('x'), A::ExportCsv, false),
        (C::StagingList, ch('r'), A::Review, true),
        (C::StagingList, ch('s'), A::Submit, true),
        (C::StagingList, ch('c'), A::Credentials, false),
        (C::StagingList, ch('h'), A::History, false),
        (C::StagingList, ch('?'), A::Help, true),
        (C::StagingList, ch('q'), A::Quit, true),
        (C::TaskForm, kb(K::Tab), A::NextField, true),
        (C::TaskForm, kb(K::Down), A::NextField, false),
        (C::TaskForm, kb(K::Enter), A::NextField, false),
        (C::TaskForm, kb(K::BackTab), A::PrevField, false),
        (C::TaskForm, kb(K::Up), A::PrevField, false),
        (C::TaskForm, ctrl('s'), A::Stage, true),
        (C::TaskForm, ctrl('n'), A::StageAndCopy, true),
        (C::TaskForm, ctrl('o'), A::AddCustomField, false),
        (C::TaskForm, ctrl('d'), A::RemoveCustomField, false),
        (C::TaskForm, ctrl('t'), A::TakeSuggestion, false),
        (C::TaskForm, ctrl('l'), A::FindLead, false),
        (C::TaskForm, kb(K::F(2)), A::SaveTemplate, false),
        (C::TaskForm, kb(K::F(1)), A::Help, true),
        (C::TaskForm, kb(K::Esc), A::Back, true),
        (C::PayloadReview, kb(K::Down), A::CursorDown, false),
        (C::PayloadReview, ch('j'), A::CursorDown, false),
        (C::PayloadReview, kb(K::Up), A::CursorUp, false),
        (C::PayloadReview, ch('k'), A::CursorUp, false),
        (C::PayloadReview, kb(K::PageDown), A::PageDown, false),
        (C::PayloadReview, kb(K::PageUp), A::PageUp, false),
        (C::PayloadReview, ch('g'), A::Top, false),
        (C::PayloadReview, ch('G'), A::Bottom, false),
        (C::PayloadReview, ch('w'), A::WriteBody, true),
        (C::PayloadReview, ch('y'), A::CopyBody, true),
        (C::PayloadReview, ch('C'), A::CopyCurl, true),
        (C::PayloadReview, ch('s'), A::Submit, true),
        (C::PayloadReview, ch('?'), A::Help, true),
        (C::PayloadReview, kb(K::Esc), A::Back, true),
        (C::PayloadReview, ch('q'), A::Back, false),
        (C::Submit, ch('y'), A::Send, false),
        (C::Submit, ch('n'), A::Back, false),
        (C::Submit, kb(K::Esc), A::Back, true),
        (C::Submit, ch('b'), A::BringBack, false),
        (C::Submit, kb(K::Down), A::CursorDown, false),
        (C::Submit, ch('j'), A::CursorDown, false),
        (C::Submit, kb(K::Up), A::CursorUp, false),
        (C::Submit, ch('k'), A::CursorUp, false),
        (C::Submit, kb(K::PageDown), A::PageDown, false),
        (C::Submit, kb(K::PageUp), A::PageUp, false),
        (C::Submit, ch('v'), A::Verify, false),
        (C::Submit, ch('?'), A::Help, true),
        (C::Verify, ch('m'), A::StageMissing, true),
        (C::Verify, ch('?'), A::Help, true),
        (C::Verify, kb(K::Esc), A::Back, true),
        (C::Verify, ch('q'), A::Back, false),
        (C::Credentials, kb(K::Tab), A::NextField, true),
        (C::Credentials, kb(K::Down), A::NextField, false),
        (C::Credentials, kb(K::Enter), A::NextField, false),
        (C::Credentials, kb(K::BackTab), A::PrevField, false),
        (C::Credentials, kb(K::Up), A::PrevField, false),
        (C::Credentials, ctrl('t'), A::TestKeys, true),
        (C::Credentials, ctrl('s'), A::SaveKeys, true),
        (C::Credentials, ctrl('u'), A::UseAccountHost, false),
        (C::Credentials, kb(K::F(1)), A::Help, true),
        (C::Credentials, kb(K::Esc), A::Back, true),
        (C::History, kb(K::Down), A::SelectNext, false),
        (C::History, ch('j'), A::SelectNext, false),
        (C::History, kb(K::Up), A::SelectPrev, false),
        (C::History, ch('k'), A::SelectPrev, false),
        (C::History, kb(K::Enter), A::Open, true),
        (C::History, ctrl('r'), A::Restage, true),
        (C::History, ch('v'), A::Verify, true),
        (C::History, kb(K::PageDown), A::PageDown, false),
        (C::History, kb(K::PageUp), A::PageUp, false),
        (C::History, ch('?'), A::Help, true),
        (C::History, kb(K::Esc), A::Back, true),
        (C::History, ch('q'), A::Back, false),
        (C::Help, kb(K::Esc), A::Back, true),
        (C::Help, ch('q'), A::Back, false),
        (C::Help, ch('?'), A::Back, false),
        (C::Help, kb(K::F(1)), A::Back, false),
        (C::Confirm, ch('y'), A::Confirm, true),
        (C::Confirm, ch('n'), A::Cancel, true),
        (C::Confirm, kb(K::Esc), A::Cancel, false),
        (C::Prompt, kb(K::Enter), A::Confirm, true),
        (C::Prompt, kb(K::Tab), A::Complete, false),
        (C::Prompt, kb(K::Esc), A::Cancel, true),
    ];
    table
        .iter()
        .map(|&(context, key, action, footer)| Entry {
            context,
            key,
            action,
            footer,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn shifted_letters_match_with_or_without_the_shift_flag() {
        let keymap = Keymap::default();
        for modifiers in [KeyModifiers::NONE, KeyModifiers::SHIFT] {
            let key = press(KeyCode::Char('K'), modifiers);
            assert_eq!(
                keymap.action(Context::StagingList, &key),
                Some(Action::MoveUp)
            );
        }
    }

    #[test]
    fn a_binding_can_be_replaced() {
        let mut keymap = Keymap::default();
        keymap.bind(Context::StagingList, KeyBinding::char('x'), Action::Delete);
        keymap.bind(
            Context::StagingList,
            KeyBinding::char('d'),
            Action::Duplicate,
        );
        let key = |c| press(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(
            keymap.action(Context::StagingList, &key('x')),
            Some(Action::Delete)
        );
        assert_eq!(
            keymap.action(Context::StagingList, &key('d')),
            Some(Action::Duplicate)
        );
        let help = keymap.help(Context::StagingList);
        assert!(
            help.contains(&("D, d".to_owned(), Action::Duplicate)),
            "{help:?}"
        );
    }

    #[test]
    fn help_groups_the_keys_of_an_action() {
        let help = Keymap::default().help(Context::TaskForm);
        assert!(help.contains(&("Tab, ↓, Enter".to_owned(), Action::NextField)));
        assert!(help.contains(&("Ctrl-S".to_owned(), Action::Stage)));
    }
}
