//! Tasks from a file: a JSON body (`.json`) or a CSV table (`.csv`), as bytes from disk or from
//! standard input, with every failure naming the file and the position.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::task::{self, CsvError, Parsed, ReadError, Zone};

/// What kind of file the name says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Json,
    Csv,
}

impl FileKind {
    /// `.json` or `.csv` (any case); `-` is JSON on standard input.
    pub fn of(path: &Path) -> Option<FileKind> {
        if path == Path::new("-") {
            return Some(FileKind::Json);
        }
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(FileKind::Json),
            "csv" => Some(FileKind::Csv),
            _ => None,
        }
    }
}

/// A file that gave no tasks.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: expected a .json body or a .csv table", path.display())]
    Kind { path: PathBuf },
    #[error(
        "{}: line {line}: the file is not UTF-8 text (byte {byte} is not valid); save it as \
         UTF-8 (\"CSV UTF-8\" in spreadsheets)",
        path.display()
    )]
    Encoding {
        path: PathBuf,
        line: usize,
        byte: usize,
    },
    #[error("{}: {source}", path.display())]
    Json { path: PathBuf, source: ReadError },
    #[error("{}: {source}", path.display())]
    Csv { path: PathBuf, source: CsvError },
}

impl ImportError {
    /// True when the file was read but its content is wrong (as opposed to missing or of an
    /// unknown kind): the difference between "invalid input" and "file error" exit codes.
    pub fn is_content(&self) -> bool {
        matches!(
            self,
            ImportError::Encoding { .. } | ImportError::Json { .. } | ImportError::Csv { .. }
        )
    }
}

/// Reads `path` from disk and parses it by its extension.
pub fn read_file(path: &Path, now: DateTime<Utc>, zone: Zone) -> Result<Parsed, ImportError> {
    let kind = FileKind::of(path).ok_or_else(|| ImportError::Kind {
        path: path.to_owned(),
    })?;
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse(path, &bytes, kind, now, zone)
}

/// Parses the bytes of a file named `path` (named only in messages).
pub fn parse(
    path: &Path,
    bytes: &[u8],
    kind: FileKind,
    now: DateTime<Utc>,
    zone: Zone,
) -> Result<Parsed, ImportError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let valid = &bytes[..error.valid_up_to()];
        ImportError::Encoding {
            path: path.to_owned(),
            line: valid.split(|b| *b == b'\n').count(),
            byte: error.valid_up_to() + 1,
        }
    })?;
    match kind {
        FileKind::Json => task::read_body(text).map_err(|source| ImportError::Json {
            path: path.to_owned(),
            source,
        }),
        FileKind::Csv => task::read_csv(text, now, zone).map_err(|source| ImportError::Csv {
            path: path.to_owned(),
            source,
        }),
    }
}
