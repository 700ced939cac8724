//! `lsq-tasks cleanup #N`: deletes the tasks a past submission created, after a demonstration.
//! Never automatic: it lists what verification found for that batch and deletes only after
//! the user types how many tasks that is.

use std::io::{BufRead, IsTerminal, Write};

use clap::Args;

use super::Context;
use super::context::runtime;
use super::submit;
use super::verify::{connect, describe, entry_number, failed, headline, pick};
use crate::api::verify::{self, Polling};
use crate::exit::Exit;

#[derive(Debug, Args)]
pub struct CleanupArgs {
    /// The submission whose tasks to delete: its number in `lsq-tasks history` (`#N` or `N`).
    #[arg(value_name = "HISTORY_ENTRY", value_parser = entry_number)]
    pub entry: usize,
    /// Delete without asking, only if exactly N tasks are found (needed with no terminal).
    #[arg(long, value_name = "N")]
    pub yes_delete: Option<usize>,
}

pub fn run(context: &Context, args: &CleanupArgs) -> Exit {
    let (number, entry) = match pick(context, Some(args.entry)) {
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
        let report = match verify::verify(&client, &entry, Polling::once(), |_| {}).await {
            Ok(report) => report,
            Err(error) => return failed(&error),
        };
        print!("{}", describe(&report));
        let ids: Vec<String> = report
            .found_tasks()
            .into_iter()
            .map(|(_, got)| got.id.clone())
            .filter(|id| !id.is_empty())
            .collect();
        if report.ambiguous() > 0 {
            println!(
                "Ambiguous tasks are left alone: their candidates may belong to another batch."
            );
        }
        if ids.is_empty() {
            println!("No task of #{number} was found: nothing to delete.");
            return Exit::Success;
        }
        if !confirmed(ids.len(), args.yes_delete) {
            return Exit::Usage;
        }
        let call = client.delete_tasks(&ids).await;
        print!("{}", submit::report(&call));
        if call
            .outcome
            .status()
            .is_some_and(|s| (200..300).contains(&s))
        {
            println!(
                "Asked LeadSquared to delete {} task{}; it deletes them shortly.",
                ids.len(),
                if ids.len() == 1 { "" } else { "s" }
            );
        }
        call.outcome.exit()
    })
}

/// `--yes-delete N` with the right count, or the count typed on the terminal.
fn confirmed(count: usize, given: Option<usize>) -> bool {
    if let Some(given) = given {
        if given != count {
            eprintln!(
                "error: --yes-delete {given} does not match the {count} task{} found: nothing \
                 deleted",
                if count == 1 { "" } else { "s" }
            );
        }
        return given == count;
    }
    if !std::io::stdin().is_terminal() {
        eprintln!(
            "error: no terminal to confirm on: add --yes-delete {count} to delete these {count} \
             tasks without asking"
        );
        return false;
    }
    print!("Delete these {count} tasks? Type {count} to confirm: ");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    let yes = answer.trim() == count.to_string();
    if !yes {
        eprintln!("nothing deleted");
    }
    yes
}
