//! Reading the tasks a command works on from a file or standard input.

use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::{Context, FileArgs};
use crate::exit::Exit;
use crate::store::import::{self, FileKind, ImportError};
use crate::task::Parsed;

/// Reads and parses the file named in `args`. On failure the message is printed and the exit
/// code returned: 2 when the file cannot be read, 1 when its content is not a body or a table.
pub fn load(context: &Context, args: &FileArgs, now: DateTime<Utc>) -> Result<Parsed, Exit> {
    let path = args.file.as_path();
    let fail = |error: ImportError| {
        eprintln!("error: {error}");
        if error.is_content() {
            Exit::Invalid
        } else {
            Exit::Usage
        }
    };
    let Some(kind) = FileKind::of(path) else {
        eprintln!(
            "error: {}: expected a .json body or a .csv table (or - for JSON on standard input)",
            path.display()
        );
        return Err(Exit::Usage);
    };
    let zone = match kind {
        FileKind::Csv => context.zone(args.zone.as_deref())?,
        FileKind::Json => crate::task::Zone::UTC,
    };
    if path != Path::new("-") {
        return import::read_file(path, now, zone).map_err(fail);
    }
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes).map_err(|source| {
        fail(ImportError::Read {
            path: path.to_owned(),
            source,
        })
    })?;
    import::parse(path, &bytes, kind, now, zone).map_err(fail)
}
