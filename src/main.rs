//! The `lsq-tasks` binary: parse the arguments and hand over to the command they name.

use std::process::ExitCode;

fn main() -> ExitCode {
    lsq_tasks::cli::main()
}
