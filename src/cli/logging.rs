//! Logs go to a file in the state folder, never to the terminal. `LSQ_LOG` sets the level
//! (`error`, `warn`, `info`, `debug`, `trace`; default `info`).

use std::sync::Mutex;

use tracing_subscriber::filter::LevelFilter;

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
    // A level, not per-module directives: the directive parser would bring a regular
    // expression engine into the binary (about a megabyte) for a switch users set rarely.
    let level = std::env::var("LSQ_LOG")
        .ok()
        .and_then(|value| value.trim().parse::<LevelFilter>().ok())
        .unwrap_or(LevelFilter::INFO);
    tracing_subscriber::fmt()
        .with_max_level(level)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init()
        .ok()
}
