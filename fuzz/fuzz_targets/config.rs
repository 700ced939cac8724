//! The config.toml and credentials.toml readers on arbitrary text: a message naming the file
//! and line, or a parse; never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use lsq_tasks::config::{ConfigFile, CredentialsFile};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = ConfigFile::parse(Path::new("config.toml"), text);
    let _ = CredentialsFile::parse(Path::new("credentials.toml"), text);
});
