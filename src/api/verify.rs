//! Checking what a bulk-create call really created. The call only says a batch was accepted
//! (or nothing at all, when the answer was lost); this looks the tasks up with
//! `Task.svc/Retrieve`, once per owner over the batch's due dates, and says for every task sent
//! whether it is there (with its id), not there yet, or ambiguous; it can poll until every task
//! is there, and stage only the missing ones for sending again.
//!
//! Nothing here prints or draws: the CLI and the terminal UI call [`verify`] and read the
//! [`Report`] and the [`Progress`] it passes on the way.

mod calls;
mod matching;

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;

use self::calls::Lookup;
use super::{Call, Client, LookupError};
use crate::store::history::Entry;
use crate::task::Kind;

/// How long after sending a batch the tasks still missing may be sent again by default: the
/// service creates tasks some time after accepting them, and a resend before it has finished
/// would create them twice. LeadSquared states no figure; ten minutes is this tool's caution.
pub const SETTLE: Duration = Duration::from_secs(600);
/// The first pause between checks; each next one doubles, up to [`MAX_PAUSE`].
const FIRST_PAUSE: Duration = Duration::from_secs(1);
/// The longest pause between two checks.
const MAX_PAUSE: Duration = Duration::from_secs(15);

/// One task as the entry's body sent it, with what identifies it among the owner's tasks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentTask {
    /// Its place in the batch, from 1.
    pub number: usize,
    pub name: String,
    /// `TaskType.Name`.
    pub task_type: String,
    /// From the history entry's `kinds`; `None` in entries written before kinds were kept.
    pub kind: Option<Kind>,
    /// `DueDate`; `None` when left out, which the service reads as "today".
    pub due: Option<DateTime<Utc>>,
    /// `OwnerEmailAddress` in lower case; `None`: the user behind the keys.
    pub owner: Option<String>,
}

/// A task as `Task.svc/Retrieve` listed it; members the answer lacked are empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retrieved {
    /// `UserTaskId`: what `DeleteTasks` takes.
    pub id: String,
    pub name: String,
    /// The task type's name, when the answer gives it.
    pub task_type: Option<String>,
    /// 0 appointment, 1 to-do, when the answer gives it.
    pub category: Option<i64>,
    pub due: Option<DateTime<Utc>>,
    /// `DueDate` as the answer wrote it, for showing.
    pub due_text: String,
    /// The owner's name, else e-mail, else id.
    pub owner: String,
    /// `CreatedOn` as the answer wrote it.
    pub created_on: String,
}

/// What became of one task sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskState {
    /// Exactly one task matches: this one.
    Found(Retrieved),
    /// No task matches (yet): the service may still be creating it, or it was never created.
    NotYet,
    /// More tasks match than were sent alike: each candidate, for a person to judge.
    Ambiguous(Vec<Retrieved>),
}

/// A task sent and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskCheck {
    pub task: SentTask,
    pub state: TaskState,
}

/// The result of one check of a batch, task by task in batch order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub checks: Vec<TaskCheck>,
    /// Which check this was, from 1.
    pub attempt: usize,
}

impl Report {
    fn count(&self, wanted: fn(&TaskState) -> bool) -> usize {
        self.checks
            .iter()
            .filter(|check| wanted(&check.state))
            .count()
    }

    pub fn found(&self) -> usize {
        self.count(|state| matches!(state, TaskState::Found(_)))
    }

    pub fn not_yet(&self) -> usize {
        self.count(|state| matches!(state, TaskState::NotYet))
    }

    pub fn ambiguous(&self) -> usize {
        self.count(|state| matches!(state, TaskState::Ambiguous(_)))
    }

    /// Every task sent is there exactly once.
    pub fn all_found(&self) -> bool {
        self.found() == self.checks.len()
    }

    /// The numbers (from 1) of the tasks not there yet: the only ones ever sent again.
    pub fn missing(&self) -> Vec<usize> {
        self.checks
            .iter()
            .filter(|check| check.state == TaskState::NotYet)
            .map(|check| check.task.number)
            .collect()
    }

    /// The tasks found, each with the one task it matched: what a clean-up may delete.
    /// Ambiguous candidates are left out, since they may belong to another batch.
    pub fn found_tasks(&self) -> Vec<(&SentTask, &Retrieved)> {
        self.checks
            .iter()
            .filter_map(|check| match &check.state {
                TaskState::Found(got) => Some((&check.task, got)),
                _ => None,
            })
            .collect()
    }
}

/// Why a batch could not be checked.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum VerifyError {
    #[error("the history entry holds no TaskList, so there is nothing to look for")]
    NoTasks,
    /// The key check or a task look-up did not answer 2xx; the call says how it ended.
    #[error("{0}")]
    Call(LookupError),
    /// A look-up answered 2xx in a shape this tool does not read; `raw` is the answer, to show.
    #[error("{what}: the answer is not a list of tasks this tool can read")]
    Unreadable { what: String, raw: String },
}

impl VerifyError {
    /// The failed call, when one failed.
    pub fn call(&self) -> Option<&Call> {
        match self {
            VerifyError::Call(error) => Some(&error.call),
            _ => None,
        }
    }
}

/// How long to keep checking: until every task is there or `wait` has passed, pausing 1 s,
/// then 2, 4, ... up to 15 s between checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Polling {
    pub wait: Duration,
    pub first_pause: Duration,
    pub max_pause: Duration,
}

impl Polling {
    /// A single check.
    pub fn once() -> Polling {
        Polling::up_to(Duration::ZERO)
    }

    /// Checks until every task is there or `wait` has passed.
    pub fn up_to(wait: Duration) -> Polling {
        Polling {
            wait,
            first_pause: FIRST_PAUSE,
            max_pause: MAX_PAUSE,
        }
    }
}

/// What [`verify`] reports while it works, for a spinner or a progress line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Check number `attempt` starts.
    Checking { attempt: usize },
    /// A check finished; the final one is also [`verify`]'s result.
    Checked(Report),
    /// Tasks are still missing: the next check comes after `pause`, with `left` of the wait
    /// remaining.
    Pausing { pause: Duration, left: Duration },
}

/// Checks `entry`'s tasks, again and again as `polling` allows, until none is "not yet".
///
/// Stops early once no task is missing (an ambiguous one does not change by waiting). Every
/// call goes through `client`, so its limiter keeps the profile's calls per 5 s. Cancel it by
/// dropping the future (e.g. aborting the task it runs on); the last [`Progress::Checked`]
/// holds the latest result.
pub async fn verify(
    client: &Client,
    entry: &Entry,
    polling: Polling,
    mut progress: impl FnMut(Progress) + Send,
) -> Result<Report, VerifyError> {
    let scope = Scope::of(client, entry).await?;
    let deadline = tokio::time::Instant::now() + polling.wait;
    let mut pause = polling.first_pause;
    let mut attempt = 1;
    loop {
        progress(Progress::Checking { attempt });
        let report = scope.check(client, attempt).await?;
        progress(Progress::Checked(report.clone()));
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        if report.not_yet() == 0 || left.is_zero() {
            return Ok(report);
        }
        let this_pause = pause.min(left);
        progress(Progress::Pausing {
            pause: this_pause,
            left,
        });
        tokio::time::sleep(this_pause).await;
        pause = (pause * 2).min(polling.max_pause);
        attempt += 1;
    }
}

/// What to look up for one entry: its tasks, the owner key of each, and how to look each
/// owner up. Built once per verification, so the key check is made at most once.
struct Scope {
    sent_at: DateTime<Utc>,
    tasks: Vec<SentTask>,
    owner_keys: Vec<String>,
    lookups: BTreeMap<String, Lookup>,
}

impl Scope {
    async fn of(client: &Client, entry: &Entry) -> Result<Scope, VerifyError> {
        let tasks = matching::sent_tasks(entry);
        if tasks.is_empty() {
            return Err(VerifyError::NoTasks);
        }
        // The user behind the keys owns every task sent without an owner.
        let mut own_key = None;
        if tasks.iter().any(|task| task.owner.is_none()) {
            let user = client.account().await.map_err(VerifyError::Call)?;
            own_key = Some(if user.email.trim().is_empty() {
                (format!("id:{}", user.id), Lookup::Id(user.id))
            } else {
                let email = user.email.trim().to_ascii_lowercase();
                (email.clone(), Lookup::Email(email))
            });
        }
        let mut lookups = BTreeMap::new();
        let owner_keys = tasks
            .iter()
            .map(|task| match (&task.owner, &own_key) {
                (Some(email), _) => {
                    lookups.insert(email.clone(), Lookup::Email(email.clone()));
                    email.clone()
                }
                (None, Some((key, lookup))) => {
                    lookups.insert(key.clone(), lookup.clone());
                    key.clone()
                }
                (None, None) => String::new(),
            })
            .collect();
        Ok(Scope {
            sent_at: entry.time,
            tasks,
            owner_keys,
            lookups,
        })
    }

    /// One check: each owner's incomplete and complete tasks in the window, then the matching.
    /// Complete ones count too: a task someone already closed must not be sent again.
    async fn check(&self, client: &Client, attempt: usize) -> Result<Report, VerifyError> {
        let mut found = BTreeMap::new();
        for (key, lookup) in &self.lookups {
            let theirs: Vec<&SentTask> = self
                .tasks
                .iter()
                .zip(&self.owner_keys)
                .filter(|(_, owner)| *owner == key)
                .map(|(task, _)| task)
                .collect();
            let (from, to) = matching::window(&theirs, self.sent_at);
            let mut listed = calls::retrieve(client, lookup, from, to, 0).await?;
            listed.extend(calls::retrieve(client, lookup, from, to, 1).await?);
            found.insert(key.clone(), listed);
        }
        let owner_of = |task: &SentTask| self.owner_keys[task.number - 1].clone();
        let states = matching::match_all(&self.tasks, owner_of, &found, self.sent_at);
        let checks = self
            .tasks
            .iter()
            .cloned()
            .zip(states)
            .map(|(task, state)| TaskCheck { task, state })
            .collect();
        Ok(Report { checks, attempt })
    }
}

/// Whether the missing tasks of a checked batch may be sent again now.
#[derive(Debug, Clone, PartialEq)]
pub enum Resend {
    /// Every task is there (or ambiguous): nothing to send.
    NothingMissing,
    /// The batch may still be being created; sending now could create tasks twice.
    TooEarly { ready_at: DateTime<Utc> },
    /// A body holding only the missing tasks, in batch order, with the batch's webhook.
    Ready { body: Value, numbers: Vec<usize> },
}

/// Decides whether `report`'s missing tasks may be staged at `now`. A rejected or unsent batch
/// created nothing, so its missing tasks are ready at once; an accepted or unknown one only
/// `settle` after it was sent, since the service creates tasks after answering.
pub fn resend(entry: &Entry, report: &Report, now: DateTime<Utc>, settle: Duration) -> Resend {
    let numbers = report.missing();
    if numbers.is_empty() {
        return Resend::NothingMissing;
    }
    let created_nothing = matches!(entry.outcome.as_str(), "rejected" | "not sent");
    let settle = chrono::Duration::from_std(settle).unwrap_or(chrono::Duration::MAX);
    let ready_at = entry.time.checked_add_signed(settle).unwrap_or(entry.time);
    if !created_nothing && now < ready_at {
        return Resend::TooEarly { ready_at };
    }
    let mut body = entry.body.clone();
    if let Some(Value::Array(list)) = body.get_mut("TaskList") {
        let kept = list
            .iter()
            .enumerate()
            .filter(|(index, _)| numbers.contains(&(index + 1)))
            .map(|(_, task)| task.clone())
            .collect();
        *list = kept;
    }
    Resend::Ready { body, numbers }
}

#[cfg(test)]
mod tests;
