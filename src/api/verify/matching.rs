//! The pure half of verification: what a history entry sent, which owners and due-date window
//! to look in, and how the tasks that came back are matched to the tasks sent.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use super::{Retrieved, SentTask, TaskState};
use crate::store::history::Entry;
use crate::task::{ApiTime, Kind};

/// How far around the sending time a task sent without a `DueDate` may be due: the service
/// makes it due "today", and its day may be in the account's zone, not in UTC.
const UNDATED_SLACK: Duration = Duration::hours(24);
/// Widens each window so that a service that treats `FromDate`/`ToDate` as exclusive, or
/// rounds, still lists a task due on the edge.
const EDGE: Duration = Duration::minutes(1);

/// The tasks of an entry's body, numbered from 1 as `validate` numbers them.
pub(super) fn sent_tasks(entry: &Entry) -> Vec<SentTask> {
    let list = entry.body.get("TaskList").and_then(Value::as_array);
    list.into_iter()
        .flatten()
        .enumerate()
        .map(|(index, task)| {
            let text = |value: Option<&Value>| {
                value
                    .and_then(Value::as_str)
                    .map_or_else(String::new, |s| s.trim().to_owned())
            };
            let owner = text(task.get("OwnerEmailAddress"));
            SentTask {
                number: index + 1,
                name: text(task.get("Name")),
                task_type: text(task.get("TaskType").and_then(|t| t.get("Name"))),
                kind: entry.kinds.get(index).and_then(|kind| Kind::parse(kind)),
                due: task
                    .get("DueDate")
                    .and_then(Value::as_str)
                    .and_then(|due| ApiTime::parse(due).ok()),
                owner: (!owner.is_empty()).then(|| owner.to_ascii_lowercase()),
            }
        })
        .collect()
}

/// The due-date window (inclusive) in which `tasks`, sent at `sent_at`, are due.
pub(super) fn window(
    tasks: &[&SentTask],
    sent_at: DateTime<Utc>,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let earliest = |task: &&SentTask| task.due.unwrap_or(sent_at - UNDATED_SLACK);
    let latest = |task: &&SentTask| task.due.unwrap_or(sent_at + UNDATED_SLACK);
    let from = tasks.iter().map(earliest).min().unwrap_or(sent_at);
    let to = tasks.iter().map(latest).max().unwrap_or(sent_at);
    (from - EDGE, to + EDGE)
}

/// Whether a task that came back is the one sent: same name, same task type (by name when the
/// answer names it, else by category against the kind) and same due instant; for a task sent
/// without a due date, one due within a day of sending.
fn same(sent: &SentTask, got: &Retrieved, sent_at: DateTime<Utc>) -> bool {
    if got.name.trim() != sent.name {
        return false;
    }
    let type_agrees = match (&got.task_type, got.category, sent.kind) {
        (Some(name), _, _) => name.trim().eq_ignore_ascii_case(&sent.task_type),
        (None, Some(category), Some(kind)) => category == category_of(kind),
        _ => true,
    };
    let due_agrees = match (sent.due, got.due) {
        (Some(sent_due), Some(got_due)) => sent_due == got_due,
        (Some(_), None) => false,
        (None, Some(got_due)) => (got_due - sent_at).abs() <= UNDATED_SLACK,
        (None, None) => true,
    };
    type_agrees && due_agrees
}

/// The `Category` the API gives each kind of task type.
fn category_of(kind: Kind) -> i64 {
    match kind {
        Kind::Appointment => 0,
        Kind::Todo => 1,
    }
}

/// Owner, name, task type (lower case) and due instant: what makes sent tasks alike.
type GroupKey = (String, String, String, Option<DateTime<Utc>>);

// TODO(verify-overlap): one listed task can match two groups when a task sent without a due
// date has the name and type of a dated one due the same day; both are then reported found with
// the same id. Rare in real batches, and resolving it needs an assignment across groups.
/// Matches every sent task against the tasks its owner's look-up returned (`found[owner]`).
///
/// Identical sent tasks (same owner, name, type and due time) are matched as a group, since
/// nothing can tell them apart: as many candidates as tasks means each is found; fewer means
/// the first ones are found and the rest are not there yet; more means all are ambiguous.
pub(super) fn match_all(
    sent: &[SentTask],
    owner_of: impl Fn(&SentTask) -> String,
    found: &BTreeMap<String, Vec<Retrieved>>,
    sent_at: DateTime<Utc>,
) -> Vec<TaskState> {
    let mut states = vec![TaskState::NotYet; sent.len()];
    let mut groups: BTreeMap<GroupKey, Vec<usize>> = BTreeMap::new();
    for (index, task) in sent.iter().enumerate() {
        let key = (
            owner_of(task),
            task.name.clone(),
            task.task_type.to_ascii_lowercase(),
            task.due,
        );
        groups.entry(key).or_default().push(index);
    }
    for ((owner, ..), members) in groups {
        let first = &sent[members[0]];
        let candidates: Vec<&Retrieved> = found
            .get(&owner)
            .into_iter()
            .flatten()
            .filter(|got| same(first, got, sent_at))
            .collect();
        if candidates.len() > members.len() {
            let listed: Vec<Retrieved> = candidates.into_iter().cloned().collect();
            for index in members {
                states[index] = TaskState::Ambiguous(listed.clone());
            }
        } else {
            for (index, got) in members.into_iter().zip(candidates) {
                states[index] = TaskState::Found(got.clone());
            }
        }
    }
    states
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        ApiTime::parse(text).unwrap()
    }

    fn entry(body: Value, kinds: &[&str]) -> Entry {
        Entry {
            time: at("2030-01-01 09:00:00"),
            profile: "default".into(),
            host: "http://127.0.0.1:1".into(),
            sandbox: false,
            tasks: 0,
            appointments: 0,
            outcome: "accepted".into(),
            status: Some(200),
            reason: None,
            response: None,
            elapsed_ms: 1,
            body,
            kinds: kinds.iter().map(|&k| k.to_owned()).collect(),
        }
    }

    fn got(id: &str, name: &str, due: Option<&str>, task_type: Option<&str>) -> Retrieved {
        Retrieved {
            id: id.into(),
            name: name.into(),
            task_type: task_type.map(str::to_owned),
            category: Some(1),
            due: due.map(at),
            due_text: due.unwrap_or_default().into(),
            owner: "Asha Rao".into(),
            created_on: String::new(),
        }
    }

    fn states(body: Value, kinds: &[&str], list: Vec<Retrieved>) -> Vec<TaskState> {
        let entry = entry(body, kinds);
        let sent = sent_tasks(&entry);
        let found = BTreeMap::from([("me".to_owned(), list)]);
        match_all(&sent, |_| "me".to_owned(), &found, entry.time)
    }

    #[test]
    fn each_task_is_found_not_yet_or_ambiguous() {
        let body = json!({"TaskList": [
            {"Name": "Call", "TaskType": {"Name": "Follow Up"}, "DueDate": "2030-01-02 10:00:00"},
            {"Name": "Visit", "TaskType": {"Name": "Follow Up"}, "DueDate": "2030-01-02 11:00:00"},
            {"Name": "Scan", "TaskType": {"Name": "Follow Up"}}
        ]});
        let list = vec![
            got("a", "Call", Some("2030-01-02 10:00:00"), Some("follow up")),
            got("b", "Scan", Some("2030-01-01 09:00:05"), None),
            got("c", "Scan", Some("2030-01-01 09:00:06"), None),
            // Same name, another due time or another type: not the task sent.
            got("d", "Visit", Some("2030-01-02 11:30:00"), Some("Follow Up")),
            got("e", "Visit", Some("2030-01-02 11:00:00"), Some("Meeting")),
        ];
        let result = states(body, &["todo", "todo", "todo"], list);
        assert!(matches!(&result[0], TaskState::Found(task) if task.id == "a"));
        assert_eq!(result[1], TaskState::NotYet);
        assert!(matches!(&result[2], TaskState::Ambiguous(list) if list.len() == 2));
    }

    #[test]
    fn identical_tasks_sent_twice_share_their_candidates() {
        let task = json!({"Name": "Call", "TaskType": {"Name": "Follow Up"},
                          "DueDate": "2030-01-02 10:00:00"});
        let body = json!({"TaskList": [task, task]});
        let one = vec![got("a", "Call", Some("2030-01-02 10:00:00"), None)];
        let result = states(body.clone(), &["todo", "todo"], one);
        assert!(matches!(&result[0], TaskState::Found(_)));
        assert_eq!(result[1], TaskState::NotYet);
        let mut two = vec![got("a", "Call", Some("2030-01-02 10:00:00"), None)];
        two.push(got("b", "Call", Some("2030-01-02 10:00:00"), None));
        let result = states(body, &["todo", "todo"], two);
        assert!(matches!((&result[0], &result[1]),
            (TaskState::Found(x), TaskState::Found(y)) if x.id != y.id));
    }

    #[test]
    fn a_category_that_disagrees_with_the_kind_is_another_task() {
        let body = json!({"TaskList": [
            {"Name": "Call", "TaskType": {"Name": "Meeting"}, "DueDate": "2030-01-02 10:00:00"}
        ]});
        let todo = got("a", "Call", Some("2030-01-02 10:00:00"), None);
        assert_eq!(
            states(body, &["appointment"], vec![todo])[0],
            TaskState::NotYet
        );
    }

    #[test]
    fn the_window_spans_the_due_dates_and_a_day_around_undated_tasks() {
        let body = json!({"TaskList": [
            {"Name": "A", "TaskType": {"Name": "T"}, "DueDate": "2030-03-01 10:00:00"},
            {"Name": "B", "TaskType": {"Name": "T"}, "DueDate": "2030-02-01 10:00:00"}
        ]});
        let entry = entry(body, &[]);
        let sent = sent_tasks(&entry);
        let refs: Vec<&SentTask> = sent.iter().collect();
        let (from, to) = window(&refs, entry.time);
        assert_eq!(ApiTime::format(from), "2030-02-01 09:59:00");
        assert_eq!(ApiTime::format(to), "2030-03-01 10:01:00");
        let undated = SentTask {
            due: None,
            ..sent[0].clone()
        };
        let (from, to) = window(&[&undated], entry.time);
        assert_eq!(ApiTime::format(from), "2029-12-31 08:59:00");
        assert_eq!(ApiTime::format(to), "2030-01-02 09:01:00");
    }
}
