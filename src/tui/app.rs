//! The application state and how keys and messages change it. Nothing here draws: `screens`
//! reads this state to paint a frame.

mod bulk;
mod checked;
mod commands;
mod credentials;
mod files;
mod form_keep;
mod history;
mod lookups;
mod submit;
mod templates;
mod verify;

use chrono::{DateTime, Utc};
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use tokio::sync::mpsc::UnboundedSender;
use tui_input::backend::crossterm::EventHandler;

use super::TuiOptions;
use super::action::Action;
use super::connection::Connection;
use super::keymap::{Context, Keymap};
use super::message::Message;
use super::screens::credentials_form::{CredentialsForm, KeyCheck};
use super::screens::history_list::HistoryList;
use super::screens::payload_review::PayloadReview;
use super::screens::staging_list::StagingList;
use super::screens::submit_view::SubmitView;
use super::screens::task_form::TaskForm;
use super::screens::verify_view::VerifyView;
use super::theme::Theme;
use super::widgets::bulk_edit::BulkEdit;
use super::widgets::choice_modal::ChoiceModal;
use super::widgets::confirm_modal::ConfirmModal;
use super::widgets::prompt::Prompt;
use crate::api::{BULK_CREATE_PATH, TaskTypeInfo, UserInfo};
use crate::store::{Drafts, Loaded};
use crate::task::{Batch, Task};
use checked::Checked;
pub use checked::Problems;

/// Which screen fills the window. Overlays (a question, a prompt) are drawn over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    StagingList,
    TaskForm,
    PayloadReview,
    /// The keys of the screen it was opened from.
    Help,
    /// The confirmation, progress and outcome of a submission.
    Submit,
    /// The profile's host and keys.
    Credentials,
    /// Past submissions.
    History,
    /// What a past batch really created.
    Verify,
}

/// One step that `u` can take back.
#[derive(Debug, Clone)]
pub(crate) enum Undo {
    /// A task deleted from this place.
    Delete(usize, Task),
    /// The whole list as it was before a change of many tasks; the words name the change.
    Restore(Batch, String),
}

/// How a status line reads: news, something to look at, or something that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Warning,
    Error,
}

/// The one line under every screen that says what just happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// One sentence; what happened and, for a refusal, why.
    pub text: String,
    /// Decides the mark and colour.
    pub tone: Tone,
}

/// Values offered while typing, filled from the account by the lookups; empty lists leave the
/// fields as plain free text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suggestions {
    /// Task type names for `TaskType.Name`.
    pub task_types: Vec<String>,
    /// User e-mails for `OwnerEmailAddress`.
    pub owners: Vec<String>,
    /// The account's task types in full: they replace `task_types` in forms, filtered to the
    /// form's category, and offer their custom fields.
    pub account_types: Vec<TaskTypeInfo>,
    /// The account's users in full (inactive ones too): forms offer the active ones and name
    /// the owner typed.
    pub users: Vec<UserInfo>,
    /// When the lists shown were fetched, while they come from the cache folder.
    pub cached_at: Option<DateTime<Utc>>,
}

/// The whole state of the terminal application.
#[derive(Debug)]
pub struct App {
    options: TuiOptions,
    keymap: Keymap,
    theme: Theme,
    batch: Batch,
    list: StagingList,
    screen: Screen,
    help_return: Screen,
    form: Option<TaskForm>,
    review: Option<PayloadReview>,
    modal: Option<ConfirmModal>,
    prompt: Option<Prompt>,
    status: Option<Status>,
    /// Why the list is not being saved; shown until a save works again.
    save_problem: Option<String>,
    /// False when the drafts file exists but could not be read: saving would destroy it.
    may_save: bool,
    /// What `u` puts back: the last deleted task, or the list before a load or a bulk edit.
    undo: Option<Undo>,
    /// A question with lettered answers (how to stage a loaded file), over any screen.
    choice: Option<ChoiceModal>,
    /// The tasks of a file waiting for the answer to `choice`.
    pending: Option<files::Pending>,
    /// Tasks marked with Space for a bulk edit, by index; cleared when the list changes.
    marked: std::collections::BTreeSet<usize>,
    /// The bulk edit being composed, over the staging list.
    bulk: Option<BulkEdit>,
    /// The verification screen's state.
    verify: Option<VerifyView>,
    /// The checks running in the background, stopped when the screen is left.
    verify_task: Option<tokio::task::AbortHandle>,
    /// The history entry of the last submission, which `v` on its outcome checks.
    last_entry: Option<crate::store::history::Entry>,
    /// The field the open form was last kept at (see `form_keep`); `None` with no form kept.
    kept_at: Option<super::screens::task_form::Field>,
    drafts: Drafts,
    /// Escape sequences for the terminal itself (the OSC 52 copy), written by the event loop.
    outbox: Vec<String>,
    quit: bool,
    suggestions: Suggestions,
    sender: Option<UnboundedSender<Message>>,
    connection: Connection,
    submit: Option<SubmitView>,
    credentials: Option<CredentialsForm>,
    history: Option<HistoryList>,
    /// The batch of the call in flight, kept for the history entry.
    in_flight: Option<Batch>,
    /// The batch last accepted, which `b` puts back into the list.
    brought_back: Option<Batch>,
    /// The curl command `C` copied last, for tests and for a terminal without OSC 52.
    last_curl: Option<String>,
    /// The list's problems as last worked out.
    checked: Checked,
    /// What the status line said at start (a list restored, a form brought back), until the
    /// first key: a look-up failing meanwhile must not wipe it before it can be read.
    start_notice: Option<String>,
    /// A look-up failure held back while the start notice shows; it takes the status line at
    /// the first key if nothing newer has.
    held: Option<Status>,
}

impl App {
    /// The application with the staging list restored from the drafts file. A damaged file is
    /// moved aside and the status line says where.
    pub fn new(options: TuiOptions) -> App {
        let drafts = Drafts::new(options.drafts_path.clone());
        let now = (options.clock)();
        let connection = Connection::new(options.settings.clone(), options.paths.clone());
        let keymap = options.keymap.clone().unwrap_or_default();
        let mut app = App {
            theme: options.theme.unwrap_or_else(|| Theme::new(options.color)),
            options,
            keymap,
            batch: Batch::default(),
            list: StagingList::default(),
            screen: Screen::StagingList,
            help_return: Screen::StagingList,
            form: None,
            review: None,
            modal: None,
            prompt: None,
            status: None,
            save_problem: None,
            may_save: true,
            undo: None,
            choice: None,
            pending: None,
            marked: std::collections::BTreeSet::new(),
            bulk: None,
            verify: None,
            verify_task: None,
            last_entry: None,
            kept_at: None,
            drafts,
            outbox: Vec::new(),
            quit: false,
            suggestions: Suggestions::default(),
            sender: None,
            connection,
            submit: None,
            credentials: None,
            history: None,
            in_flight: None,
            brought_back: None,
            checked: Checked::default(),
            last_curl: None,
            start_notice: None,
            held: None,
        };
        if app.connection.settings().is_some() {
            app.options.endpoint = app.endpoint();
        }
        match app.drafts.load(now) {
            Ok(Loaded::Fresh) => {}
            Ok(Loaded::Restored(batch)) => {
                if !batch.is_empty() {
                    let text = format!("restored {} task(s) from last time", batch.len());
                    app.say(Tone::Info, text);
                }
                app.batch = batch;
            }
            Ok(Loaded::Damaged { moved_to, reason }) => {
                let text = format!(
                    "the saved list could not be read ({reason}); it was kept as {} and the \
                     list starts empty",
                    moved_to.display()
                );
                app.say(Tone::Warning, text);
            }
            Err(error) => {
                app.may_save = false;
                app.save_problem = Some(format!(
                    "not saved, kept in memory only (so that file is not overwritten): {error}"
                ));
            }
        }
        if let Some(path) = app.options.load.clone()
            && let Err(why) = app.offer_file(&path)
        {
            app.say(Tone::Error, format!("not loaded: {why}"));
        }
        if app.options.settings.is_some() && !app.connection.has_keys() {
            app.open_credentials();
            if let Some(form) = &mut app.credentials {
                form.intro = Some(
                    "No keys yet: enter this profile's keys below and press Ctrl-S. To try \
                     everything with no account, quit (Esc, then q) and run lsq-tasks --sandbox."
                        .to_owned(),
                );
            }
        }
        if app.screen == Screen::StagingList {
            app.restore_form();
        }
        app.start_notice = app.status.as_ref().map(|s| s.text.clone());
        app
    }

    /// The request line shown above the body: method and URL, never a key.
    fn endpoint(&self) -> String {
        match self.connection.settings() {
            Some(settings) => format!("POST {}", settings.profile.host.endpoint(BULK_CREATE_PATH)),
            None => self.options.endpoint.clone(),
        }
    }

    /// True while a call is in flight: the only time the screen may redraw on a timer.
    pub fn is_busy(&self) -> bool {
        self.submit.as_ref().is_some_and(SubmitView::is_sending)
            || self.verify.as_ref().is_some_and(|v| v.activity.is_some())
            || self
                .credentials
                .as_ref()
                .is_some_and(|f| f.check == KeyCheck::Running)
    }

    /// Turns the spinner of the call in flight.
    pub fn tick(&mut self) {
        if let Some(SubmitView::Sending { tick, .. }) = &mut self.submit {
            *tick += 1;
        }
    }

    /// The curl command last copied with `C`.
    pub fn last_curl(&self) -> Option<&str> {
        self.last_curl.as_deref()
    }

    /// The verification screen, while it is open.
    pub fn verify_view(&self) -> Option<&VerifyView> {
        self.verify.as_ref()
    }

    /// The submit view, while it is open.
    pub fn submit_view(&self) -> Option<&SubmitView> {
        self.submit.as_ref()
    }

    /// The credentials screen's state, while it is open.
    pub fn credentials(&self) -> Option<&CredentialsForm> {
        self.credentials.as_ref()
    }

    /// The history screen's state, while it is open.
    pub fn history(&self) -> Option<&HistoryList> {
        self.history.as_ref()
    }

    /// Replaces the key table, e.g. with bindings from a config file.
    pub fn set_keymap(&mut self, keymap: Keymap) {
        self.keymap = keymap;
    }

    /// The key table in force; help and footers are drawn from it.
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// The styles, plain when `NO_COLOR` asked for them.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// What the application was started with (zone, sandbox, endpoint).
    pub fn options(&self) -> &TuiOptions {
        &self.options
    }

    /// "Now" by the configured clock.
    pub fn now(&self) -> DateTime<Utc> {
        (self.options.clock)()
    }

    /// The staging list as it will be sent.
    pub fn batch(&self) -> &Batch {
        &self.batch
    }

    /// The staging list's problems now (kept between frames while nothing changes).
    pub fn problems(&self) -> Problems {
        self.checked.of(&self.batch, self.now())
    }

    /// The screen under any overlay.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The screen the help screen returns to, whose keys it lists.
    pub fn help_for(&self) -> Screen {
        self.help_return
    }

    /// The staging list's on-screen state.
    pub(crate) fn list(&self) -> &StagingList {
        &self.list
    }

    /// A mouse event: the wheel scrolls lists and panes, a click selects a task. Returns
    /// whether anything changed (so pointer motion costs no redraw).
    pub fn handle_mouse(&mut self, event: MouseEvent) -> bool {
        if self.modal.is_some()
            || self.prompt.is_some()
            || self.choice.is_some()
            || self.bulk.is_some()
        {
            return false;
        }
        let down = match event.kind {
            MouseEventKind::ScrollDown => true,
            MouseEventKind::ScrollUp => false,
            MouseEventKind::Down(MouseButton::Left) if self.screen == Screen::StagingList => {
                let Some(index) = self.list.row_at(event.row) else {
                    return false;
                };
                if index < self.batch.len() {
                    self.list.selected = index;
                    return true;
                }
                return false;
            }
            _ => return false,
        };
        let action = match self.screen {
            Screen::StagingList | Screen::History if down => Action::SelectNext,
            Screen::StagingList | Screen::History => Action::SelectPrev,
            Screen::PayloadReview | Screen::Submit if down => Action::CursorDown,
            Screen::PayloadReview | Screen::Submit => Action::CursorUp,
            Screen::TaskForm | Screen::Credentials if down => Action::NextField,
            Screen::TaskForm | Screen::Credentials => Action::PrevField,
            Screen::Help | Screen::Verify => return false,
        };
        self.handle_action(action);
        self.keep_form();
        true
    }

    /// The index of the selected task in the staging list.
    pub fn selected(&self) -> usize {
        self.list.selected
    }

    /// The form being filled in, while the task form screen is open.
    pub fn form(&self) -> Option<&TaskForm> {
        self.form.as_ref()
    }

    /// The review pane's state, while it is open.
    pub fn review(&self) -> Option<&PayloadReview> {
        self.review.as_ref()
    }

    /// The question waiting for y or n, if any; it takes every key until answered.
    pub fn modal(&self) -> Option<&ConfirmModal> {
        self.modal.as_ref()
    }

    /// The tasks marked for a bulk edit, by index.
    pub fn marked(&self) -> &std::collections::BTreeSet<usize> {
        &self.marked
    }

    /// The bulk edit being composed and what it would do now: the number of tasks it changes,
    /// or why the value is not usable.
    pub fn bulk(&self) -> Option<(&BulkEdit, Result<usize, String>)> {
        let bulk = self.bulk.as_ref()?;
        let preview = bulk
            .preview(&self.batch, self.now(), self.options.zone)
            .map(|(_, n)| n);
        Some((bulk, preview))
    }

    /// The lettered question being answered, if any.
    pub fn choice(&self) -> Option<&ChoiceModal> {
        self.choice.as_ref()
    }

    /// The one-line prompt being answered, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    /// What the last key did, until the next key on a screen without typing.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// Why the list is not being saved to disk, while that lasts.
    pub fn save_problem(&self) -> Option<&str> {
        self.save_problem.as_deref()
    }

    /// True once the user asked to leave; the event loop then ends.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Values the lookups found; forms opened from now on offer them.
    pub fn suggestions_mut(&mut self) -> &mut Suggestions {
        &mut self.suggestions
    }

    /// Where background work sends its [`Message`]s; set by the event loop.
    pub fn sender(&self) -> Option<&UnboundedSender<Message>> {
        self.sender.as_ref()
    }

    /// Hands the app the channel background work answers on.
    pub fn set_sender(&mut self, sender: UnboundedSender<Message>) {
        self.sender = Some(sender);
    }

    /// Takes the escape sequences waiting to be written to the terminal.
    pub fn take_outbox(&mut self) -> Vec<String> {
        std::mem::take(&mut self.outbox)
    }

    /// Where keys go now: an overlay first, then the screen.
    pub fn context(&self) -> Context {
        if self.modal.is_some() {
            return Context::Confirm;
        }
        if self.prompt.is_some() {
            return Context::Prompt;
        }
        match self.screen {
            Screen::StagingList => Context::StagingList,
            Screen::TaskForm => Context::TaskForm,
            Screen::PayloadReview => Context::PayloadReview,
            Screen::Submit => Context::Submit,
            Screen::Credentials => Context::Credentials,
            Screen::History => Context::History,
            Screen::Verify => Context::Verify,
            Screen::Help => Context::Help,
        }
    }

    /// One key press: the keymap's action if the key has one here, else the focused field's.
    /// Releases and repeats reported by some terminals are ignored.
    pub fn handle_key(&mut self, key: KeyEvent) {
        self.handle_key_here(key);
        self.keep_form();
        if let Some(notice) = self.start_notice.take()
            && let Some(held) = self.held.take()
            && self.status.as_ref().is_none_or(|s| s.text == notice)
        {
            self.status = Some(held);
        }
    }

    fn handle_key_here(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        if self.bulk.is_some() {
            self.bulk_key(key);
            return;
        }
        if let Some(choice) = &self.choice {
            match key.code {
                KeyCode::Esc => {
                    self.choice = None;
                    let what = if self.pending.take().is_some() {
                        "nothing was loaded"
                    } else {
                        "cancelled"
                    };
                    self.say(Tone::Info, what);
                }
                KeyCode::Char(c) => {
                    if let Some(answer) = choice.answer(c) {
                        self.take_choice(answer);
                    }
                }
                _ => {}
            }
            return;
        }
        let context = self.context();
        if !matches!(
            context,
            Context::TaskForm | Context::Prompt | Context::Credentials
        ) {
            // A message stays until the next key on a screen where typing does not happen.
            self.status = None;
        }
        if let Some(action) = self.keymap.action(context, &key) {
            self.handle_action(action);
            return;
        }
        let (now, zone) = (self.now(), self.options.zone);
        match context {
            Context::Prompt => {
                if let Some(prompt) = &mut self.prompt
                    && prompt.input.handle_event(&Event::Key(key)).is_some()
                {
                    prompt.error = None;
                }
            }
            Context::TaskForm => {
                if let Some(form) = &mut self.form
                    && !form.is_full_for(&key)
                {
                    form.handle_key(&key, now, zone);
                }
            }
            Context::Credentials => {
                if let Some(form) = &mut self.credentials {
                    form.handle_key(&key);
                }
            }
            _ => {}
        }
    }

    /// What finished in the background.
    pub fn handle_message(&mut self, message: Message) {
        match message {
            Message::Submitted(call) => self.submitted(*call),
            Message::KeysChecked(result) => {
                if let Some(form) = &mut self.credentials {
                    form.check = match result {
                        Ok(user) => KeyCheck::Passed(user),
                        Err((_, why)) => KeyCheck::Failed(why),
                    };
                }
            }
            Message::ClientReady { generation, client } => self.client_ready(generation, client),
            Message::TaskTypesFound(types) => self.task_types_found(types),
            Message::OwnersFound(users) => self.owners_found(users),
            Message::LeadsFound { email, result } => self.leads_found(&email, result),
            Message::VerifyProgress(progress) => {
                if let Some(view) = &mut self.verify {
                    view.progress(progress);
                }
            }
            Message::VerifyFinished(result) => {
                self.verify_task = None;
                if let Some(view) = &mut self.verify {
                    view.activity = None;
                    match result {
                        Ok(report) => view.report = Some(report),
                        Err(why) => view.error = Some(why),
                    }
                }
            }
            Message::LookupFailed(why) => self.lookup_failed(&why),
        }
    }

    fn say(&mut self, tone: Tone, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            tone,
        });
    }

    /// Saves the list after a change; a failure is shown and the list stays in memory. Marks
    /// are cleared: they name tasks by position, which the change may have moved.
    fn save(&mut self) {
        self.marked.clear();
        if !self.may_save {
            return;
        }
        match self.drafts.save(&self.batch) {
            Ok(()) => self.save_problem = None,
            Err(error) => {
                tracing::warn!(%error, "saving the drafts failed");
                self.save_problem = Some(format!("not saved, kept in memory only: {error}"));
            }
        }
    }
}
