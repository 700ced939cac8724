//! The command line: argument definitions and the dispatch to one module per subcommand.

mod input;
mod payload;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};

use crate::exit::{EXIT_CODES_HELP, Exit};

/// Compose, check and send LeadSquared "Create Tasks in Bulk" calls.
#[derive(Debug, Parser)]
#[command(name = "lsq-tasks", version, after_help = EXIT_CODES_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a body (.json) or CSV file and list every problem by task and member.
    #[command(after_help = EXIT_CODES_HELP)]
    Validate(FileArgs),
    /// Print the exact JSON body that would be sent, if the file has no errors.
    #[command(after_help = EXIT_CODES_HELP)]
    Payload(PayloadArgs),
}

/// Where the tasks come from and how to read their times.
#[derive(Debug, Args)]
pub struct FileArgs {
    /// A body (.json) or CSV (.csv) file; `-` reads a JSON body from standard input.
    pub file: PathBuf,
    /// Time zone for CSV dates typed without one, e.g. Asia/Kolkata [default: the system's].
    #[arg(long, value_name = "ZONE")]
    pub zone: Option<String>,
}

#[derive(Debug, Args)]
pub struct PayloadArgs {
    #[command(flatten)]
    pub input: FileArgs,
    /// One line, no indentation: byte for byte what goes over the wire.
    #[arg(long)]
    pub compact: bool,
    /// Leave out the tasks with errors instead of refusing the whole file.
    #[arg(long)]
    pub skip_invalid: bool,
}

/// Runs the program and turns the outcome into the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let exit = match cli.command {
        Some(Command::Validate(args)) => validate::run(&args, now()),
        Some(Command::Payload(args)) => payload::run(&args, now()),
        None => interactive(),
    };
    exit.into()
}

/// No command: the terminal UI when a person is at a terminal, else the usage hint (a script
/// that forgot the command should not hang waiting for keys).
// TODO(config): the config layer replaces this with the user's paths, zone and sandbox choice.
fn interactive() -> Exit {
    use std::io::IsTerminal;
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        eprintln!(
            "lsq-tasks: name a command, e.g. `lsq-tasks payload assets/examples/mixed.json`; \
             see `lsq-tasks --help`"
        );
        return Exit::Usage;
    }
    let Some(dirs) = directories::ProjectDirs::from("", "", "lsq-tasks") else {
        eprintln!("lsq-tasks: no home folder found for the drafts file; set HOME");
        return Exit::Usage;
    };
    let mut options = crate::tui::TuiOptions::new(
        dirs.data_dir().join("staging.json"),
        crate::task::when::system_zone(),
        now,
    );
    options.color = crate::tui::color_wanted();
    crate::tui::run(options)
}

/// The clock. `LSQ_NOW` (an RFC 3339 instant) fixes it, so that tests and demonstrations of
/// relative dates and "in the past" warnings give the same answer every day.
pub fn now() -> DateTime<Utc> {
    std::env::var("LSQ_NOW")
        .ok()
        .and_then(|text| DateTime::parse_from_rfc3339(&text).ok())
        .map_or_else(Utc::now, |instant| instant.with_timezone(&Utc))
}
