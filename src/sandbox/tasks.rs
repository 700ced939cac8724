//! The tasks the sandbox "creates" from accepted Bulk/Create calls: planned when a call is
//! accepted, stored after a delay (the real service creates them later too), and served by
//! `Task.svc/Retrieve` and removed by `Task.svc/DeleteTasks`, so that a client can check what a
//! batch really created.
//!
//! Note: like the rest of the sandbox this knows nothing of the client's code; a task is kept as
//! the few members the lookups need, read from the accepted body by this module alone.

mod handlers;
mod query;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::shared::Shared;
use super::{Fault, demo};

pub(super) use handlers::{delete_tasks, retrieve};

/// The API's date format, written by the sandbox in its answers.
const API_TIME: &str = "%Y-%m-%d %H:%M:%S";

/// One created task, as the lookups see it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Stored {
    /// `UserTaskId`: a fresh GUID per created task, also for a duplicate.
    pub id: String,
    pub name: String,
    pub description: String,
    pub task_type: String,
    /// 0 appointment, 1 to-do, from the demo account's task types.
    pub category: u8,
    pub due: DateTime<Utc>,
    pub end: Option<String>,
    pub owner_id: String,
    pub owner_name: String,
    pub owner_email: String,
    pub related_entity_id: String,
    pub created_on: DateTime<Utc>,
    /// 0 incomplete; the sandbox never completes a task.
    pub status_code: u8,
}

impl Stored {
    /// The task as `Retrieve` lists it: the members its sibling to-do calls are said to carry,
    /// plus the type's name and the owner's e-mail so a person can read the list.
    pub fn to_json(&self) -> Value {
        json!({
            "UserTaskId": self.id,
            "Name": self.name,
            "Description": self.description,
            "Category": self.category,
            "TaskType": { "Name": self.task_type },
            "DueDate": self.due.format(API_TIME).to_string(),
            "EndDate": self.end,
            "OwnerId": self.owner_id,
            "OwnerName": self.owner_name,
            "OwnerEmailAddress": self.owner_email,
            "RelatedEntityId": self.related_entity_id,
            "StatusCode": self.status_code,
            "CreatedOn": self.created_on.format(API_TIME).to_string()
        })
    }
}

/// What becomes of each task of an accepted call, in body order: its id once created, or why
/// the demo account refuses it (reported by the webhook, never created).
pub(super) type Plan = Vec<Result<String, String>>;

/// Every created task, behind one lock.
#[derive(Default)]
pub(super) struct Store {
    tasks: Mutex<Vec<Stored>>,
}

/// A poisoned lock only means another request panicked mid-update; the list stays usable.
fn lock(store: &Store) -> MutexGuard<'_, Vec<Stored>> {
    store.tasks.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Store {
    pub fn all(&self) -> Vec<Stored> {
        lock(self).clone()
    }

    fn add(&self, tasks: Vec<Stored>) {
        lock(self).extend(tasks);
    }

    /// Removes the tasks with these ids and returns how many there were.
    pub fn remove(&self, ids: &[String]) -> usize {
        let mut tasks = lock(self);
        let before = tasks.len();
        tasks.retain(|task| !ids.iter().any(|id| id.eq_ignore_ascii_case(&task.id)));
        before - tasks.len()
    }
}

/// Plans the tasks of an accepted body and creates them after `Options::create_delay` on a
/// spawned task, applying the `LoseOne` and `DuplicateOne` faults. Returns the plan so the
/// webhook reports the very ids `Retrieve` will list.
pub(super) fn schedule(shared: &Arc<Shared>, body: &Value) -> Plan {
    let now = Utc::now();
    let mut plan = Vec::new();
    let mut created = Vec::new();
    for task in body["TaskList"].as_array().into_iter().flatten() {
        if let Some(problem) = demo::creation_problem(task) {
            plan.push(Err(problem));
        } else {
            let stored = stored(task, shared.new_id(), now);
            plan.push(Ok(stored.id.clone()));
            created.push(stored);
        }
    }
    match shared.options.fault {
        // The last one, so a person finds the gap at the batch's end; never a batch's only
        // task, so that resending the lost one alone gets through, as after a passing fault.
        Some(Fault::LoseOne) if created.len() > 1 => {
            created.pop();
        }
        Some(Fault::DuplicateOne) => {
            if let Some(first) = created.first().cloned() {
                created.insert(
                    1,
                    Stored {
                        id: shared.new_id(),
                        ..first
                    },
                );
            }
        }
        _ => {}
    }
    let delay = shared.options.create_delay;
    if delay.is_zero() {
        add_created(shared, created);
    } else {
        let shared = Arc::clone(shared);
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            add_created(&shared, created);
        });
    }
    plan
}

/// Stores the tasks stamped with the moment they appear, which is what `CreatedOn` means.
fn add_created(shared: &Shared, mut created: Vec<Stored>) {
    let now = Utc::now();
    for task in &mut created {
        task.created_on = now;
    }
    tracing::info!(tasks = created.len(), "sandbox created tasks");
    shared.tasks.add(created);
}

/// A task of an accepted (so well-formed) body as it will be stored. A task without a due
/// date is due now, as the documentation's "today" says; without an owner it belongs to the
/// signed-in demo user.
fn stored(task: &Value, id: String, now: DateTime<Utc>) -> Stored {
    let text = |name: &str| task[name].as_str().unwrap_or_default().to_owned();
    let due = task["DueDate"]
        .as_str()
        .and_then(|due| chrono::NaiveDateTime::parse_from_str(due, API_TIME).ok())
        .map_or(now, |due| due.and_utc());
    let task_type = task["TaskType"]["Name"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let owner = demo::owner(task["OwnerEmailAddress"].as_str());
    Stored {
        id,
        name: text("Name"),
        description: text("Description"),
        category: demo::category_of(&task_type).unwrap_or(1),
        task_type,
        due,
        end: task["EndDate"].as_str().map(str::to_owned),
        owner_id: owner.id,
        owner_name: owner.name,
        owner_email: owner.email,
        related_entity_id: text("RelatedEntityId"),
        created_on: now,
        status_code: 0,
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::sandbox::Options;

    fn shared(fault: Option<Fault>) -> Arc<Shared> {
        let options = Options {
            fault,
            create_delay: Duration::ZERO,
            ..Options::default()
        };
        Arc::new(Shared::new(options, "127.0.0.1:1".to_owned()))
    }

    fn body() -> Value {
        json!({"TaskList": [
            {"Name": "A", "TaskType": {"Name": "Meeting"}, "DueDate": "2030-01-02 03:04:05"},
            {"Name": "B", "TaskType": {"Name": "Follow Up"},
             "OwnerEmailAddress": "ravi@example.com"},
            {"Name": "C", "TaskType": {"Name": "Call Back"}}
        ]})
    }

    #[test]
    fn each_creatable_task_gets_an_id_and_an_owner() {
        let shared = shared(None);
        let plan = schedule(&shared, &body());
        assert!(plan[0].is_ok() && plan[1].is_ok());
        assert!(plan[2].as_ref().unwrap_err().contains("mx_Custom_1"));
        let tasks = shared.tasks.all();
        assert_eq!(tasks.len(), 2);
        assert_eq!(Ok(&tasks[0].id), plan[0].as_ref());
        assert_eq!(tasks[0].owner_email, "asha@example.com");
        assert_eq!(tasks[0].category, 0);
        assert_eq!(tasks[0].to_json()["DueDate"], "2030-01-02 03:04:05");
        assert_eq!(tasks[1].owner_name, "Ravi Kumar");
    }

    #[test]
    fn lose_one_drops_the_last_and_duplicate_one_repeats_the_first() {
        let losing = shared(Some(Fault::LoseOne));
        schedule(&losing, &body());
        let names: Vec<String> = losing.tasks.all().into_iter().map(|t| t.name).collect();
        assert_eq!(names, ["A"]);
        let doubling = shared(Some(Fault::DuplicateOne));
        schedule(&doubling, &body());
        let tasks = doubling.tasks.all();
        let names: Vec<&str> = tasks.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["A", "A", "B"]);
        assert_ne!(tasks[0].id, tasks[1].id);
        assert_eq!(doubling.tasks.remove(&[tasks[1].id.to_uppercase()]), 1);
        assert_eq!(doubling.tasks.all().len(), 2);
    }
}
