//! What finished in the background and comes back to the event loop.
//!
//! Nothing runs in the background yet: drafts are saved in place because a save is quick. The
//! submit, key check and lookups will each add a variant here and answer through
//! [`crate::tui::App::sender`].

/// One finished piece of background work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Task types found in the account, offered as suggestions in the form.
    TaskTypesFound(Vec<String>),
    /// User e-mails found in the account, offered as suggestions for the owner.
    OwnersFound(Vec<String>),
    /// A sentence for the status line from work that has nothing else to show.
    Notice(String),
}
