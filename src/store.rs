//! What the tool keeps between runs, in the data folder: the history of submissions.

pub mod history;
