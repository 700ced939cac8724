//! What the tool keeps between runs, in the data folder: the staging list and the history of
//! submissions. Files only: nothing here knows of screens or networks.

pub mod drafts;
pub mod form_draft;
pub mod history;
pub mod import;
pub mod templates;

pub use drafts::{Drafts, DraftsError, DraftsLock, Loaded, LockError};
