//! `lsq-tasks validate FILE`: every problem, then a summary line.

use chrono::{DateTime, Utc};

use super::input::load;
use super::{Context, FileArgs};
use crate::exit::Exit;
use crate::task::{Summary, check};

pub fn run(context: &Context, args: &FileArgs, now: DateTime<Utc>) -> Exit {
    let parsed = match load(context, args, now) {
        Ok(parsed) => parsed,
        Err(exit) => return exit,
    };
    let problems = check(&parsed, now);
    for problem in &problems {
        println!("{problem}");
    }
    let summary = Summary::of(&problems);
    let tasks = parsed.batch.len();
    let noun = if tasks == 1 { "task" } else { "tasks" };
    println!("{}: {tasks} {noun}, {summary}", args.file.display());
    if summary.errors > 0 {
        Exit::Invalid
    } else {
        Exit::Success
    }
}
