//! Logs go to a file in the state folder, never to the terminal. `LSQ_LOG` sets the level
//! (`error`, `warn`, `info`, `debug`, `trace`; default `info`).

use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

use crate::config::{Paths, private_dir};

/// Starts logging to `lsq-tasks.log`; when the file cannot be opened, logs are dropped
/// rather than sent to the screen.
pub fn init(paths: &Paths) -> Option<()> {
    let path = paths.log_file();
    private_dir(path.parent()?).ok()?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    let filter = EnvFilter::try_from_env("LSQ_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init()
        .ok()
}
