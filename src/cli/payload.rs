//! `lsq-tasks payload FILE`: the exact body, printed only when it has no errors.

use chrono::{DateTime, Utc};

use super::input::load;
use super::{Context, PayloadArgs};
use crate::api::curl_command;
use crate::exit::Exit;
use crate::task::{Batch, Parsed, Problem, Summary, check, to_json};

pub fn run(context: &Context, args: &PayloadArgs, now: DateTime<Utc>) -> Exit {
    let parsed = match load(context, &args.input, now) {
        Ok(parsed) => parsed,
        Err(exit) => return exit,
    };
    let batch = match checked_batch(&parsed, now, args.skip_invalid) {
        Ok(batch) => batch,
        Err(exit) => return exit,
    };
    if args.curl {
        let profile = match crate::config::profile_only(&context.paths, context.profile.as_deref())
        {
            Ok(profile) => profile,
            Err(e) => {
                eprintln!("error: {e}");
                return Exit::Usage;
            }
        };
        print!(
            "{}",
            curl_command(&profile.host, profile.auth, &to_json(&batch, false))
        );
        return Exit::Success;
    }
    println!("{}", to_json(&batch, !args.compact));
    Exit::Success
}

/// The batch to send: warnings and skipped tasks are told on standard error; errors refuse the
/// whole file unless `skip_invalid` asks for the good tasks only.
pub fn checked_batch(
    parsed: &Parsed,
    now: DateTime<Utc>,
    skip_invalid: bool,
) -> Result<Batch, Exit> {
    let problems = check(parsed, now);
    for problem in &problems {
        eprintln!("{problem}");
    }
    let summary = Summary::of(&problems);
    if summary.errors == 0 {
        return Ok(parsed.batch.clone());
    }
    let body_level = problems.iter().any(|p| p.is_error() && p.task.is_none());
    if !skip_invalid || body_level {
        eprintln!("{summary}: nothing to send; fix the errors above (or use --skip-invalid)");
        return Err(Exit::Invalid);
    }
    let bad = |number: usize| {
        problems
            .iter()
            .any(|p: &Problem| p.is_error() && p.task == Some(number))
    };
    let kept: Vec<_> = parsed
        .batch
        .tasks()
        .iter()
        .enumerate()
        .filter(|(index, _)| !bad(index + 1))
        .map(|(_, task)| task.clone())
        .collect();
    let skipped = parsed.batch.len() - kept.len();
    if kept.is_empty() {
        eprintln!("every task has errors: nothing to send");
        return Err(Exit::Invalid);
    }
    eprintln!("skipped {skipped} task(s) with errors; kept {}", kept.len());
    Batch::from_tasks(kept, parsed.batch.webhook.clone()).map_err(|e| {
        eprintln!("error: {e}");
        Exit::Invalid
    })
}
