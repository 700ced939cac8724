//! `lsq-tasks submit FILE`: check, show where it goes, confirm, send, report, keep in history.

use std::io::{BufRead, IsTerminal, Write};

use chrono::{DateTime, Utc};
use clap::Args;

use super::FileArgs;
use super::context::{Context, runtime};
use super::input::load;
use super::payload::checked_batch;
use crate::api::{Call, Client};
use crate::config::Settings;
use crate::exit::Exit;
use crate::store::history::{Entry, History};
use crate::task::{Batch, Kind, to_json};

#[derive(Debug, Args)]
pub struct SubmitArgs {
    #[command(flatten)]
    pub input: FileArgs,
    /// Send without asking (needed when there is no terminal to ask on).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Leave out the tasks with errors instead of refusing the whole file.
    #[arg(long)]
    pub skip_invalid: bool,
}

pub fn run(context: &Context, args: &SubmitArgs, now: DateTime<Utc>) -> Exit {
    let parsed = match load(context, &args.input, now) {
        Ok(parsed) => parsed,
        Err(exit) => return exit,
    };
    let batch = match checked_batch(&parsed, now, args.skip_invalid) {
        Ok(batch) => batch,
        Err(exit) => return exit,
    };
    let runtime = match runtime() {
        Ok(runtime) => runtime,
        Err(exit) => return exit,
    };
    runtime.block_on(async {
        let target = match context.target().await {
            Ok(target) => target,
            Err(exit) => return exit,
        };
        let settings = &target.settings;
        println!("{}", plan(settings, &batch));
        if !args.yes && !confirmed() {
            return Exit::Usage;
        }
        let Some(keys) = settings.keys.clone() else {
            return Exit::Usage;
        };
        let client = match Client::new(&settings.profile, keys) {
            Ok(client) => client,
            Err(e) => {
                eprintln!("error: {e}");
                return Exit::Usage;
            }
        };
        let call = client.bulk_create(&to_json(&batch, false)).await;
        print!("{}", report(&call));
        let history = History::new(context.paths.history_file());
        if let Err(e) = history.append(&Entry::record(settings, &batch, &call, now)) {
            eprintln!(
                "warning: the submission was not written to {}: {e}",
                history.path().display()
            );
        }
        call.outcome.exit()
    })
}

/// `Sending 2 tasks (1 appointment, 1 to-do) to ... as profile acme`.
fn plan(settings: &Settings, batch: &Batch) -> String {
    let appointments = batch
        .tasks()
        .iter()
        .filter(|t| t.kind == Kind::Appointment)
        .count();
    let todos = batch.len() - appointments;
    let mut text = format!(
        "Sending {} task{} ({appointments} appointment{}, {todos} to-do{}) to {} as profile {}",
        batch.len(),
        plural(batch.len()),
        plural(appointments),
        plural(todos),
        settings.profile.host,
        settings.profile.name,
    );
    if settings.sandbox {
        text.push_str("\nSANDBOX: this goes to the embedded sandbox, not to LeadSquared.");
    }
    text
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Asks on the terminal; without one, refuses and says how to go on.
fn confirmed() -> bool {
    if !std::io::stdin().is_terminal() {
        eprintln!("error: no terminal to confirm on: add --yes to send without asking");
        return false;
    }
    print!("Send? [y/N] ");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    let yes = matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes");
    if !yes {
        eprintln!("not sent");
    }
    yes
}

/// The outcome as a person reads it: status and meaning, error fields, body, time taken.
pub fn report(call: &Call) -> String {
    use std::fmt::Write as _;
    let mut text = String::new();
    for note in &call.notes {
        let _ = writeln!(text, "note: {note}");
    }
    let _ = writeln!(text, "{}", call.outcome.headline());
    if let Some(body) = call.outcome.body() {
        if let Some(error) = body.service_error() {
            for (name, value) in [
                ("Status", &error.status),
                ("ExceptionType", &error.exception_type),
                ("ExceptionMessage", &error.exception_message),
            ] {
                if let Some(value) = value {
                    let _ = writeln!(text, "  {name}: {value}");
                }
            }
        }
        let pretty = body.pretty();
        if pretty.trim().is_empty() {
            let _ = writeln!(text, "(empty body)");
        } else {
            let _ = writeln!(text, "{pretty}");
        }
    }
    let _ = writeln!(text, "took {:.2} s", call.elapsed.as_secs_f64());
    text
}
