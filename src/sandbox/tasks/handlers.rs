//! The two task endpoints on the router: `Task.svc/Retrieve` lists one owner's created tasks
//! in a due-date window, a page at a time; `Task.svc/DeleteTasks` removes tasks by id.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::query;
use crate::sandbox::routes::{INVALID, error};
use crate::sandbox::rules;
use crate::sandbox::shared::Shared;

/// Ids one DeleteTasks call may carry, as the documentation states.
const MAX_DELETE: usize = 5000;

/// The `Content-Type` problem of a JSON call, checked as Bulk/Create checks it.
fn content_type(headers: &HeaderMap) -> Option<String> {
    let values: Vec<&str> = headers
        .get_all(header::CONTENT_TYPE)
        .iter()
        .map(|value| value.to_str().unwrap_or("(not text)"))
        .collect();
    rules::content_type_problem(&values)
}

/// `POST /v2/Task.svc/Retrieve`: `{"RecordCount": n, "List": [...]}`, the shape API.md gives for
/// the sibling to-do calls; `RecordCount` counts every match, not just this page.
pub(in crate::sandbox) async fn retrieve(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(message) = content_type(&headers) {
        return error(StatusCode::BAD_REQUEST, INVALID, message);
    }
    let query = match query::parse(&body) {
        Ok(query) => query,
        Err(message) => return error(StatusCode::BAD_REQUEST, INVALID, message),
    };
    let mut matches: Vec<_> = shared
        .tasks
        .all()
        .into_iter()
        .filter(|task| query.admits(task))
        .collect();
    // Ties keep creation order, so a duplicate is listed beside its original.
    matches.sort_by_key(|task| task.due);
    if query.descending {
        matches.reverse();
    }
    let page: Vec<Value> = matches
        .iter()
        .skip(query.offset)
        .take(query.rows)
        .map(super::Stored::to_json)
        .collect();
    Json(json!({ "RecordCount": matches.len(), "List": page })).into_response()
}

/// `POST /v2/Task.svc/DeleteTasks`: removes at once (the real service does it later) and says
/// how many of the ids it knew; an unknown id is counted, not an error, so a repeated clean-up
/// is harmless.
pub(in crate::sandbox) async fn delete_tasks(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(message) = content_type(&headers) {
        return error(StatusCode::BAD_REQUEST, INVALID, message);
    }
    let ids = match task_ids(&body) {
        Ok(ids) => ids,
        Err(message) => return error(StatusCode::BAD_REQUEST, INVALID, message),
    };
    let deleted = shared.tasks.remove(&ids);
    tracing::info!(asked = ids.len(), deleted, "sandbox deleted tasks");
    Json(json!({
        "Status": "Success",
        "TasksCount": ids.len(),
        "DeletedCount": deleted,
        "NotFoundCount": ids.len() - deleted
    }))
    .into_response()
}

/// The `TaskIds` of a DeleteTasks body: 1 to 5,000 strings.
fn task_ids(bytes: &[u8]) -> Result<Vec<String>, String> {
    let body: Value = serde_json::from_slice(bytes)
        .map_err(|error| format!("The body is not valid JSON: {error}"))?;
    let Some(list) = body.get("TaskIds").and_then(Value::as_array) else {
        return Err("TaskIds is missing: send {\"TaskIds\": [\"<task id>\", ...]}".to_owned());
    };
    if list.is_empty() || list.len() > MAX_DELETE {
        return Err(format!(
            "TaskIds has {} ids: send 1 to {MAX_DELETE}",
            list.len()
        ));
    }
    list.iter()
        .enumerate()
        .map(|(index, id)| {
            id.as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("TaskIds[{index}] must be a string; got {id}"))
        })
        .collect()
}
