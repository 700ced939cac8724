//! The command line: argument definitions and the dispatch to one module per subcommand.

mod cleanup;
mod context;
mod creds;
mod history;
mod input;
mod interactive;
mod logging;
mod payload;
mod sandbox;
mod submit;
mod validate;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::exit::{EXIT_CODES_HELP, Exit};
pub use context::Context;

/// Compose, check and send LeadSquared "Create Tasks in Bulk" calls.
///
/// With no command, opens the terminal UI (use --sandbox to try it with no account).
#[derive(Debug, Parser)]
#[command(name = "lsq-tasks", version, after_help = EXIT_CODES_HELP)]
pub struct Cli {
    /// Use an embedded sandbox on 127.0.0.1 instead of LeadSquared: no account needed, your
    /// own keys are never read or sent.
    #[arg(long, global = true)]
    pub sandbox: bool,
    /// The profile to use (from config.toml) [default: LSQ_PROFILE, then the config's
    /// default_profile, then "default"].
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// Open the terminal UI offering to stage the tasks of this .json body or .csv file.
    #[arg(long, value_name = "FILE")]
    pub load: Option<PathBuf>,
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
    /// Send a body or CSV file to LeadSquared after checking it and asking you to confirm.
    #[command(after_help = EXIT_CODES_HELP)]
    Submit(submit::SubmitArgs),
    /// Set, show, test or remove the keys of a profile.
    #[command(subcommand, after_help = EXIT_CODES_HELP)]
    Creds(creds::CredsCommand),
    /// List past submissions, newest last.
    History(history::HistoryArgs),
    /// Run the sandbox server in the foreground, for demos and for pointing other tools at.
    Sandbox(sandbox::SandboxArgs),
    /// Print shell completions, e.g. `lsq-tasks completions bash >
    /// ~/.local/share/bash-completion/completions/lsq-tasks`.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `lsq-tasks manpage | man -l -`.
    Manpage,
    /// Check which tasks of a past submission really exist; write the missing ones to resend.
    #[command(after_help = EXIT_CODES_HELP)]
    Verify(verify::VerifyArgs),
    /// Delete the tasks a past submission created (after a demonstration), once confirmed.
    #[command(after_help = EXIT_CODES_HELP)]
    Cleanup(cleanup::CleanupArgs),
}

/// Where the tasks come from and how to read their times.
#[derive(Debug, Args)]
pub struct FileArgs {
    /// A body (.json) or CSV (.csv) file; `-` reads a JSON body from standard input.
    pub file: PathBuf,
    /// Time zone for CSV dates typed without one, e.g. Asia/Kolkata [default: the profile's
    /// zone, else the system's].
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
    /// Print a curl command that sends the body to the profile's host instead, with the keys
    /// written as $LSQ_ACCESS_KEY and $LSQ_SECRET_KEY (safe to paste into a ticket).
    #[arg(long)]
    pub curl: bool,
}

/// Runs the program and turns the outcome into the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let context = match Context::new(cli.sandbox, cli.profile.clone()) {
        Ok(context) => context,
        Err(exit) => return exit.into(),
    };
    let _log = logging::init(&context.paths);
    let exit = match &cli.command {
        Some(Command::Validate(args)) => validate::run(&context, args, now()),
        Some(Command::Payload(args)) => payload::run(&context, args, now()),
        Some(Command::Submit(args)) => submit::run(&context, args, now()),
        Some(Command::Creds(command)) => creds::run(&context, command),
        Some(Command::History(args)) => history::run(&context, args),
        Some(Command::Sandbox(args)) => sandbox::run(args),
        Some(Command::Completions { shell }) => {
            let mut text = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "lsq-tasks", &mut text);
            print_bytes(&text)
        }
        Some(Command::Manpage) => {
            let mut text = Vec::new();
            // Rendering into memory cannot fail; a closed pipe is handled when printing.
            let _ = clap_mangen::Man::new(Cli::command()).render(&mut text);
            print_bytes(&text)
        }
        Some(Command::Verify(args)) => verify::run(&context, args, now()),
        Some(Command::Cleanup(args)) => cleanup::run(&context, args),
        None => interactive::run(&context, cli.load.clone()),
    };
    exit.into()
}

/// Writes generated text to standard output; a reader that stops early (`| head`) is fine.
fn print_bytes(text: &[u8]) -> Exit {
    use std::io::Write;
    match std::io::stdout().write_all(text) {
        Ok(()) => Exit::Success,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Success,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            Exit::Usage
        }
    }
}

/// The clock. `LSQ_NOW` (an RFC 3339 instant) fixes it, so that tests and demonstrations of
/// relative dates and "in the past" warnings give the same answer every day.
pub fn now() -> DateTime<Utc> {
    std::env::var("LSQ_NOW")
        .ok()
        .and_then(|text| DateTime::parse_from_rfc3339(&text).ok())
        .map_or_else(Utc::now, |instant| instant.with_timezone(&Utc))
}
