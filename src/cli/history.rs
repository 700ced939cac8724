//! `lsq-tasks history`: past submissions, one line each.

use clap::Args;

use super::Context;
use crate::exit::Exit;
use crate::store::history::History;

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// How many of the latest submissions to list.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
}

pub fn run(context: &Context, args: &HistoryArgs) -> Exit {
    let history = History::new(context.paths.history_file());
    let (entries, broken) = match history.read() {
        Ok(read) => read,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", history.path().display());
            return Exit::Usage;
        }
    };
    for warning in broken {
        eprintln!("warning: {warning}");
    }
    if entries.is_empty() {
        println!("no submissions yet ({} is empty)", history.path().display());
        return Exit::Success;
    }
    let skip = entries.len().saturating_sub(args.limit);
    for (line, entry) in entries.iter().skip(skip) {
        let status = entry.status.map(|s| s.to_string()).unwrap_or_default();
        println!(
            "#{line:<4} {}  {:<16} {:>2} tasks  {:<9} {:>3}  {:>4}.{:03} s  {}{}",
            entry.time.format("%Y-%m-%d %H:%M UTC"),
            entry.profile,
            entry.tasks,
            entry.outcome,
            status,
            entry.elapsed_ms / 1000,
            entry.elapsed_ms % 1000,
            entry.host,
            if entry.sandbox { "  [sandbox]" } else { "" },
        );
    }
    Exit::Success
}
