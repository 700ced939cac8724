//! `lsq-tasks verify [#N]`: checks what a past submission really created, task by task, can
//! wait for the service to finish, and writes a body of only the missing tasks to send again.
//! Also the pieces `cleanup` shares: picking a history entry and connecting to where it went.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::Context;
use super::context::runtime;
use crate::api::Client;
use crate::api::verify::{self, Polling, Progress, Report, Resend, TaskState, VerifyError};
use crate::exit::Exit;
use crate::store::history::{Entry, History};

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The submission to check: its number in `lsq-tasks history`, as `#N` or `N`
    /// [default: the newest].
    #[arg(value_name = "HISTORY_ENTRY", value_parser = entry_number)]
    pub entry: Option<usize>,
    /// Keep checking for up to this many seconds, with growing pauses, until every task is
    /// there (0: check once). Ctrl-C stops early.
    #[arg(long, value_name = "SECONDS", default_value_t = 0)]
    pub wait: u64,
    /// Write a body holding only the tasks not there to FILE, to send with `lsq-tasks submit
    /// FILE`. Found and ambiguous tasks are never in it.
    #[arg(long, value_name = "FILE")]
    pub write_missing: Option<PathBuf>,
    /// Seconds after an accepted or unknown submission before its missing tasks are taken as
    /// lost rather than still being created, and may be written.
    #[arg(long, value_name = "SECONDS", default_value_t = verify::SETTLE.as_secs())]
    pub settle: u64,
}

/// Reads `#7` or `7`.
pub(super) fn entry_number(text: &str) -> Result<usize, String> {
    let digits = text.trim().trim_start_matches('#');
    match digits.parse::<usize>() {
        Ok(number) if number > 0 => Ok(number),
        _ => Err(format!(
            "'{text}' is not a history entry: give the #N that `lsq-tasks history` prints"
        )),
    }
}

pub fn run(context: &Context, args: &VerifyArgs, now: chrono::DateTime<chrono::Utc>) -> Exit {
    let (number, entry) = match pick(context, args.entry) {
        Ok(picked) => picked,
        Err(exit) => return exit,
    };
    let runtime = match runtime() {
        Ok(runtime) => runtime,
        Err(exit) => return exit,
    };
    runtime.block_on(async {
        let client = match connect(context, number, &entry).await {
            Ok(client) => client,
            Err(exit) => return exit,
        };
        println!("{}", headline(number, &entry));
        let polling = Polling::up_to(Duration::from_secs(args.wait));
        let mut last = None;
        let result = tokio::select! {
            result = verify::verify(&client, &entry, polling, |p| show(p, &mut last)) => result,
            _ = tokio::signal::ctrl_c() => {
                eprintln!("stopped (Ctrl-C); showing the last check");
                match last.take() {
                    Some(report) => Ok(report),
                    None => return Exit::Usage,
                }
            }
        };
        let report = match result {
            Ok(report) => report,
            Err(error) => return failed(&error),
        };
        print!("{}", describe(&report));
        let settle = Duration::from_secs(args.settle);
        let decision = verify::resend(&entry, &report, now, settle);
        if let Err(exit) = advise(number, &decision, args.write_missing.as_ref()) {
            return exit;
        }
        if report.not_yet() > 0 {
            Exit::Missing
        } else if report.ambiguous() > 0 {
            Exit::Ambiguous
        } else {
            Exit::Success
        }
    })
}

/// The entry numbered `number` (the newest when `None`), with its number.
pub(super) fn pick(context: &Context, number: Option<usize>) -> Result<(usize, Entry), Exit> {
    let history = History::new(context.paths.history_file());
    let (entries, broken) = history.read().map_err(|e| {
        eprintln!("error: cannot read {}: {e}", history.path().display());
        Exit::Usage
    })?;
    for warning in broken {
        eprintln!("warning: {warning}");
    }
    let picked = match number {
        None => entries.into_iter().next_back(),
        Some(wanted) => entries.into_iter().find(|(line, _)| *line == wanted),
    };
    picked.ok_or_else(|| {
        match number {
            None => eprintln!("error: no submissions yet, so nothing to verify"),
            Some(wanted) => eprintln!(
                "error: there is no history entry #{wanted}: `lsq-tasks history` lists them"
            ),
        }
        Exit::Usage
    })
}

/// A client for where the entry went: the entry's own profile unless `--profile` names one,
/// refused when that profile now points elsewhere or when the entry went to a sandbox that
/// stopped with its run.
pub(super) async fn connect(
    context: &Context,
    number: usize,
    entry: &Entry,
) -> Result<Client, Exit> {
    if entry.sandbox {
        eprintln!(
            "error: #{number} went to the embedded sandbox of an earlier run, which stopped when \
             that run ended, and its tasks went with it: there is nothing left to check. To \
             try verification, run `lsq-tasks sandbox` in another terminal and send to it with \
             LSQ_HOST, LSQ_ACCESS_KEY and LSQ_SECRET_KEY set as it prints."
        );
        return Err(Exit::Usage);
    }
    if context.sandbox {
        eprintln!(
            "error: #{number} went to {}, not to a sandbox: run this without --sandbox",
            entry.host
        );
        return Err(Exit::Usage);
    }
    let mut chosen = context.clone();
    chosen.profile = context
        .profile
        .clone()
        .or_else(|| Some(entry.profile.clone()));
    let target = chosen.target().await?;
    let profile = &target.settings.profile;
    if profile.host.to_string() != entry.host {
        eprintln!(
            "error: #{number} went to {}, but profile '{}' now sends to {}: its tasks are \
             not there. Use the profile (or LSQ_HOST) that points at {}",
            entry.host, profile.name, profile.host, entry.host
        );
        return Err(Exit::Usage);
    }
    let Some(keys) = target.settings.keys.clone() else {
        return Err(Exit::Usage);
    };
    Client::new(profile, keys).map_err(|e| {
        eprintln!("error: {e}");
        Exit::Usage
    })
}

/// `Checking #4: 2 tasks sent 2026-12-03 09:00 UTC to ... as profile acme (accepted, 200)`.
pub(super) fn headline(number: usize, entry: &Entry) -> String {
    let status = entry.status.map(|s| format!(", {s}")).unwrap_or_default();
    format!(
        "Checking #{number}: {} task{} sent {} to {} as profile {} ({}{status})",
        entry.tasks,
        if entry.tasks == 1 { "" } else { "s" },
        entry.time.format("%Y-%m-%d %H:%M UTC"),
        entry.host,
        entry.profile,
        entry.outcome,
    )
}

/// Progress on standard error, so standard output holds only the result.
fn show(progress: Progress, last: &mut Option<Report>) {
    match progress {
        Progress::Checking { .. } => {}
        Progress::Checked(report) => {
            eprintln!(
                "check {}: {} of {} found, {} not yet, {} ambiguous",
                report.attempt,
                report.found(),
                report.checks.len(),
                report.not_yet(),
                report.ambiguous()
            );
            *last = Some(report);
        }
        Progress::Pausing { pause, left } => eprintln!(
            "  next check in {} s ({} s of the wait left; Ctrl-C stops)",
            pause.as_secs_f64().ceil(),
            left.as_secs_f64().ceil()
        ),
    }
}

/// Each task with its state, then the counts.
pub(super) fn describe(report: &Report) -> String {
    let mut text = String::new();
    for check in &report.checks {
        let task = &check.task;
        let due = task.due.map_or_else(
            || "due on the day of sending".to_owned(),
            |due| format!("due {}", due.format("%Y-%m-%d %H:%M UTC")),
        );
        let owner = task.owner.as_deref().unwrap_or("the keys' user");
        let what = format!("{} · {} · {due} · {owner}", task.name, task.task_type);
        let _ = match &check.state {
            TaskState::Found(got) => {
                writeln!(
                    text,
                    "  task {:<2} found      {what} · id {}",
                    task.number, got.id
                )
            }
            TaskState::NotYet => writeln!(text, "  task {:<2} NOT YET    {what}", task.number),
            TaskState::Ambiguous(candidates) => {
                let _ = writeln!(
                    text,
                    "  task {:<2} AMBIGUOUS  {what} · {} candidates:",
                    task.number,
                    candidates.len()
                );
                candidates.iter().try_for_each(|got| {
                    writeln!(
                        text,
                        "             id {} · due {} · {} · created {}",
                        got.id, got.due_text, got.owner, got.created_on
                    )
                })
            }
        };
    }
    let _ = writeln!(
        text,
        "{} of {} found, {} not yet, {} ambiguous.",
        report.found(),
        report.checks.len(),
        report.not_yet(),
        report.ambiguous()
    );
    text
}

/// What to do next, and the missing tasks written when asked and safe; `Err` when the file
/// could not be written, so a script does not send a stale one.
fn advise(number: usize, decision: &Resend, file: Option<&PathBuf>) -> Result<(), Exit> {
    match decision {
        Resend::NothingMissing => {
            if let Some(file) = file {
                println!("Nothing is missing: {} was not written.", file.display());
            }
        }
        Resend::TooEarly { ready_at } => println!(
            "The service may still be creating these tasks: sending them now could create them \
             twice. Check again with --wait SECONDS, or after {} to write the missing ones with \
             --write-missing FILE{}.",
            ready_at.format("%Y-%m-%d %H:%M:%S UTC"),
            if file.is_some() {
                " (nothing written)"
            } else {
                ""
            }
        ),
        Resend::Ready { body, numbers } => {
            let list = numbers.iter().map(ToString::to_string).collect::<Vec<_>>();
            let Some(file) = file else {
                println!(
                    "To send only the missing tasks ({}): lsq-tasks verify #{number} \
                     --write-missing FILE, then lsq-tasks submit FILE",
                    list.join(", ")
                );
                return Ok(());
            };
            let text = serde_json::to_string_pretty(body).unwrap_or_default() + "\n";
            match std::fs::write(file, text) {
                Ok(()) => println!(
                    "Wrote the {} missing task{} ({}) to {}; send them with: lsq-tasks submit {}",
                    numbers.len(),
                    if numbers.len() == 1 { "" } else { "s" },
                    list.join(", "),
                    file.display(),
                    file.display()
                ),
                Err(e) => {
                    eprintln!("error: cannot write {}: {e}", file.display());
                    return Err(Exit::Usage);
                }
            }
        }
    }
    Ok(())
}

/// Says why the check could not be made; the exit code follows the failed call's outcome.
pub(super) fn failed(error: &VerifyError) -> Exit {
    eprintln!("error: cannot check the tasks: {error}");
    if let VerifyError::Unreadable { raw, .. } = error {
        eprintln!("the answer was:\n{raw}");
    }
    match error.call() {
        Some(call) => {
            if let Some(body) = call.outcome.body() {
                eprintln!("{}", body.pretty());
            }
            match call.outcome.exit() {
                // An answered 2xx that was not JSON is still the API's answer not serving.
                Exit::Success => Exit::Rejected,
                exit => exit,
            }
        }
        None if matches!(error, VerifyError::Unreadable { .. }) => Exit::Rejected,
        None => Exit::Usage,
    }
}
