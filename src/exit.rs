//! The process exit codes every command shares, so scripts can tell outcomes apart.

use std::process::ExitCode;

/// How a command ended. The numbers are part of the public interface: scripts match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything asked for was done.
    Success = 0,
    /// The input has errors; nothing was sent.
    Invalid = 1,
    /// Usage, file or configuration error; nothing was sent.
    Usage = 2,
    /// The API answered with an error status.
    Rejected = 3,
    /// The network failed before the request was sent; nothing was created.
    NotSent = 4,
    /// The request was sent but no complete answer came: tasks may have been created.
    Unknown = 5,
    /// Verification: some tasks sent are not there (yet).
    Missing = 6,
    /// Verification: none is missing, but some match more than one task (a duplicate?).
    Ambiguous = 7,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}

/// The table printed in `--help` and kept in the README.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  invalid input: the tasks have errors, or the file is not UTF-8, JSON or a task
     table; nothing was sent
  2  usage, file or configuration error, nothing was sent
  3  the API answered with an error status
  4  network failure before the request was sent: nothing was created
  5  outcome unknown: the request was sent but no complete answer came,
     tasks may have been created (check Request History before resending)
  6  verify: some tasks are not there (yet)
  7  verify: no task missing, but some match more than one task";
