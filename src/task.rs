//! The domain: a task, the staging list, the JSON body exactly as sent, validation, time entry
//! and CSV import. Nothing here touches the network or a screen, nor a file apart from the
//! system's time zone database (`zone`).

mod batch;
mod body;
mod csv_io;
pub mod docs;
mod edit;
mod model;
mod problem;
mod validate;
pub mod when;
mod zone;

pub use batch::{Batch, BatchFull, MAX_TASKS};
pub use body::{
    ApiTime, Parsed, ReadError, TASK_MEMBERS, read_body, read_body_value, to_json, to_value,
};
pub use csv_io::{CsvError, read_csv, write_csv};
pub use edit::{Edit, parse_shift};
pub use model::{Kind, NotifyBy, RelatedEntity, Task};
pub use problem::{Problem, Severity, Summary, printable};
pub use validate::{check, is_guid, is_plausible_email, is_schema_name, validate};
pub use zone::{Zone, ZoneError, ZoneOffset};
