//! The two task calls verification makes: `Task.svc/Retrieve`, page by page, read leniently
//! since the documentation does not show its answer; and `Task.svc/DeleteTasks` for a clean-up.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::{Value, json};

use super::{Retrieved, VerifyError};
use crate::api::{Call, Client, LookupError, Outcome};
use crate::task::ApiTime;

const RETRIEVE: &str = "/v2/Task.svc/Retrieve";
const DELETE_TASKS: &str = "/v2/Task.svc/DeleteTasks";
/// The page size the documentation's example asks for.
const ROWS: usize = 200;
/// Pages read per look-up at most (10,000 tasks): a window holding more than that is not one
/// batch's, and an answer that never ends must not hold the check forever.
const MAX_PAGES: usize = 50;

/// Whose tasks a look-up lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Lookup {
    Email(String),
    Id(String),
}

/// Every task of one owner due in `[from, to]` with this status code (0 incomplete,
/// 1 complete), reading page after page.
pub(super) async fn retrieve(
    client: &Client,
    lookup: &Lookup,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    status: u8,
) -> Result<Vec<Retrieved>, VerifyError> {
    let (name, value) = match lookup {
        Lookup::Email(email) => ("OwnerEmailAddress", email),
        Lookup::Id(id) => ("OwnerId", id),
    };
    let mut tasks = Vec::new();
    for page in 0..MAX_PAGES {
        let body = json!({
            "Parameter": {
                "LookupName": name,
                "LookupValue": value,
                "FromDate": ApiTime::format(from),
                "ToDate": ApiTime::format(to),
                "StatusCode": status
            },
            "Paging": { "Offset": page * ROWS, "RowCount": ROWS }
        });
        let call = client.post_json(RETRIEVE, &body.to_string()).await;
        let (items, total) = read_page(call, value)?;
        let short = items.len() < ROWS;
        tasks.extend(items.iter().map(retrieved));
        if short || total.is_some_and(|total| tasks.len() >= total) {
            break;
        }
    }
    Ok(tasks)
}

/// One page's items and `RecordCount`, or why the answer cannot be used (with the answer).
fn read_page(call: Call, owner: &str) -> Result<(Vec<Value>, Option<usize>), VerifyError> {
    let what = format!("task look-up for {owner}");
    let Outcome::Accepted { body, .. } = &call.outcome else {
        let message = format!("{what}: {}", call.outcome.headline());
        return Err(VerifyError::Call(LookupError {
            message,
            call: Box::new(call),
        }));
    };
    let unreadable = || VerifyError::Unreadable {
        what: what.clone(),
        raw: body.pretty(),
    };
    let json = body.json.as_ref().ok_or_else(unreadable)?;
    let total = json
        .get("RecordCount")
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok());
    let items = match json {
        Value::Array(items) => items.clone(),
        Value::Object(object) => ["List", "Tasks", "Data"]
            .iter()
            .find_map(|name| object.get(*name).and_then(Value::as_array).cloned())
            // An owner with no task may get `"List": null`, or no list at all.
            .or_else(|| (total == Some(0)).then(Vec::new))
            .ok_or_else(unreadable)?,
        _ => return Err(unreadable()),
    };
    Ok((items, total))
}

fn text(value: &Value, names: &[&str]) -> String {
    names
        .iter()
        .find_map(|name| match value.get(*name) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        })
        .unwrap_or_default()
}

/// A listed task, whatever members it carries; what is missing stays empty.
fn retrieved(item: &Value) -> Retrieved {
    let task_type = match item.get("TaskType") {
        Some(Value::Object(object)) => object.get("Name").and_then(Value::as_str),
        Some(Value::String(name)) => Some(name.as_str()),
        _ => item.get("TaskTypeName").and_then(Value::as_str),
    };
    let category = match item.get("Category") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    let due_text = text(item, &["DueDate"]);
    Retrieved {
        id: text(item, &["UserTaskId", "TaskId", "Id"]),
        name: text(item, &["Name"]),
        task_type: task_type.map(str::to_owned),
        category,
        due: instant(&due_text),
        due_text,
        owner: text(item, &["OwnerName", "OwnerEmailAddress", "OwnerId"]),
        created_on: text(item, &["CreatedOn"]),
    }
}

/// A date as the service may write it: the API's own format, with a `T`, with fractions of a
/// second, or RFC 3339 with an offset. A naive date is taken as UTC, as the API's dates are.
fn instant(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.to_utc());
    }
    ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .map(|naive| naive.and_utc())
}

impl Client {
    /// `Task.svc/DeleteTasks` for these ids. The service deletes later; the answer only says
    /// the request was taken.
    pub async fn delete_tasks(&self, ids: &[String]) -> Call {
        let body = json!({ "TaskIds": ids });
        self.post_json(DELETE_TASKS, &body.to_string()).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_is_read_from_whichever_members_it_has() {
        let item = json!({"UserTaskId": "a1", "Name": "Call", "Category": "1",
                          "TaskTypeName": "Follow Up", "DueDate": "2030-01-02T10:00:00.000",
                          "OwnerName": "Asha Rao", "CreatedOn": "2030-01-01 09:00:01"});
        let task = retrieved(&item);
        assert_eq!(task.id, "a1");
        assert_eq!(task.task_type.as_deref(), Some("Follow Up"));
        assert_eq!(task.category, Some(1));
        assert_eq!(task.due, ApiTime::parse("2030-01-02 10:00:00").ok());
        let bare = retrieved(&json!({"TaskId": 7, "DueDate": "soon"}));
        assert_eq!((bare.id.as_str(), bare.due), ("7", None));
        assert_eq!(
            instant("2030-01-02T15:30:00+05:30"),
            ApiTime::parse("2030-01-02 10:00:00").ok()
        );
    }
}
