//! What finished in the background and comes back to the event loop. Each network call runs
//! as a task and answers with one of these; the app changes its state, and the screen is drawn
//! from that.

use crate::api::verify::{Progress, Report};
use crate::api::{AccountUser, Call, Lead, TaskTypeInfo, UserInfo};

/// One finished piece of background work.
#[derive(Debug, Clone)]
pub enum Message {
    /// The HTTP client, built off the event loop for the settings of `generation`.
    ClientReady {
        generation: u64,
        client: Result<std::sync::Arc<crate::api::Client>, String>,
    },
    /// The bulk create ended (any outcome).
    Submitted(Box<Call>),
    /// The key check on the credentials screen ended: the user, or what went wrong (with the
    /// status, when the service answered).
    KeysChecked(Result<AccountUser, (Option<u16>, String)>),
    /// The account's task types, for the form's task type suggestions and custom fields.
    TaskTypesFound(Vec<TaskTypeInfo>),
    /// The account's users, for the owner suggestions.
    OwnersFound(Vec<UserInfo>),
    /// The leads with an e-mail typed as the related record.
    LeadsFound {
        email: String,
        result: Result<Vec<Lead>, String>,
    },
    /// A look-up that failed: shown in the status line, never blocking the screen.
    LookupFailed(String),
    /// Verification is under way: a check started, finished, or a pause began.
    VerifyProgress(Progress),
    /// Verification ended: the last check, or why it could not go on.
    VerifyFinished(Result<Report, String>),
}
