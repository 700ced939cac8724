//! What the tool keeps between runs: in the data folder the staging list, the history of
//! submissions and templates; in the cache folder the account's task types and users. Files
//! only: nothing here knows of screens or makes a call.

pub mod account_cache;
pub mod drafts;
pub mod form_draft;
pub mod history;
pub mod import;
pub mod templates;

pub use drafts::{Drafts, DraftsError, DraftsLock, Loaded, LockError};
