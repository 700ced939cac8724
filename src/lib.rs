//! lsq-tasks: compose, check and send LeadSquared "Create Tasks in Bulk" calls.
//!
//! The crate is a library with a thin binary so that tests and benchmarks reach every part.
//! `task` is the domain and knows nothing of files, networks or screens; `config` says where
//! things live and what the user chose; `api` talks to LeadSquared; `store` keeps the staging
//! list and the history; `sandbox` is a stand-in server that shares nothing with the client;
//! `cli` and `tui` are the two faces, each a client of the rest.

pub mod api;
pub mod cli;
pub mod config;
pub mod exit;
pub mod sandbox;
pub mod store;
pub mod task;
pub mod tui;
