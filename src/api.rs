//! Talking to LeadSquared: the HTTP client, the four outcomes of a call, the rate limiter and
//! the lookups (key check, task types, users, leads), and checking what a batch created.

mod client;
mod curl;
mod limiter;
mod lookups;
mod outcome;
pub mod verify;

pub use client::{BULK_CREATE_PATH, Client, ClientError};
pub use curl::curl_command;
pub use limiter::Limiter;
pub use lookups::{AccountUser, CustomFieldInfo, Lead, LookupError, TaskTypeInfo, UserInfo};
pub use outcome::{Call, Outcome, ResponseBody, ServiceError, status_meaning};
