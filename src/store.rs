//! What the tool keeps between runs. Files only: nothing here knows of screens or networks.

pub mod drafts;

pub use drafts::{Drafts, DraftsError, Loaded};
