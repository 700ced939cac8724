//! lsq-tasks: compose, check and send LeadSquared "Create Tasks in Bulk" calls.
//!
//! The crate is a library with a thin binary so that tests and benchmarks reach every part.
//! `task` is the domain and knows nothing of files, networks or screens; `cli` drives it from
//! the command line.

pub mod cli;
pub mod exit;
pub mod store;
pub mod task;
pub mod tui;
