//! Reading the tasks a command works on from a file or standard input.

use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::{Context, FileArgs};
use crate::exit::Exit;
use crate::task::{self, Parsed};

/// Reads and parses the file named in `args`. On failure the message is printed and the exit
/// code returned: 2 when the file cannot be read, 1 when its content is not a body or a table.
pub fn load(context: &Context, args: &FileArgs, now: DateTime<Utc>) -> Result<Parsed, Exit> {
    let path = args.file.as_path();
    let shown = path.display();
    let bytes = read_bytes(path).map_err(|e| {
        eprintln!("error: cannot read {shown}: {e}");
        Exit::Usage
    })?;
    let text = decode(&bytes).map_err(|reason| {
        eprintln!("error: {shown}: {reason}");
        Exit::Invalid
    })?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        _ if path == Path::new("-") => read_json(&text, &shown.to_string()),
        Some("json") => read_json(&text, &shown.to_string()),
        Some("csv") => {
            let zone = context.zone(args.zone.as_deref())?;
            task::read_csv(&text, now, zone).map_err(|e| {
                eprintln!("error: {shown}: {e}");
                Exit::Invalid
            })
        }
        _ => {
            eprintln!(
                "error: {shown}: expected a .json body or a .csv table (or - for JSON on \
                 standard input)"
            );
            Err(Exit::Usage)
        }
    }
}

fn read_json(text: &str, shown: &str) -> Result<Parsed, Exit> {
    task::read_body(text).map_err(|e| {
        eprintln!("error: {shown}: {e}");
        Exit::Invalid
    })
}

fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(path)
    }
}

/// UTF-8 text without a byte-order mark; anything else is named with its position.
fn decode(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let line = valid.split(|b| *b == b'\n').count();
            Err(format!(
                "line {line}: the file is not UTF-8 text (byte {} is not valid); save it as \
                 UTF-8 (\"CSV UTF-8\" in spreadsheets)",
                error.valid_up_to() + 1
            ))
        }
    }
}
