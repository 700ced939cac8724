//! The documented endpoints on an axum router: the key check every API path makes, the
//! Bulk/Create judgement with its faults, the demo lookups, and LeadSquared-style error bodies.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};
use url::form_urlencoded;

use super::shared::Shared;
use super::{Fault, Options, demo, rules, tasks, webhook};

/// The paths, exactly as the documentation spells them.
pub(super) const BULK_CREATE: &str = "/v2/Task.svc/Bulk/Create";
const USER_BY_ACCESS_KEY: &str = "/v2/Authentication.svc/UserByAccessKey.Get";
const TASK_TYPES: &str = "/v2/Task.svc/RetrieveTaskType";
const USERS: &str = "/v2/UserManagement.svc/Users.Get";
const LEADS_BY_EMAIL: &str = "/v2/LeadManagement.svc/Leads.GetByEmailaddress";
const RETRIEVE: &str = "/v2/Task.svc/Retrieve";
const DELETE_TASKS: &str = "/v2/Task.svc/DeleteTasks";
/// The sandbox's own paths: not part of the LeadSquared API, so no keys and no call limit.
pub(super) const OWN_PREFIX: &str = "/sandbox/";
/// The sandbox's own listing of accepted calls.
pub(super) const REQUESTS: &str = "/sandbox/requests";
/// The sandbox's own listing of the tasks it has created.
const TASKS: &str = "/sandbox/tasks";

// LeadSquared error bodies name an `MX...Exception`. The 401 and 500 names are the ones the
// service uses; the others are this sandbox's own, chosen in the same style.
const UNAUTHORIZED: &str = "MXUnAuthorizedAccessException";
const SERVER_ERROR: &str = "MXInternalServerErrorException";
pub(super) const INVALID: &str = "MXInvalidInputException";
const NOT_FOUND: &str = "MXNotFoundException";
const TOO_MANY_CALLS: &str = "MXAPIRateLimitExceededException";

/// Put on a response that must never be sent: the connection is closed instead (the `Drop`
/// fault). The connection layer looks for it.
#[derive(Clone, Copy, Debug)]
pub(super) struct DropConnection;

/// Every route, with the key check on the LeadSquared paths only.
pub(super) fn router(shared: Arc<Shared>) -> Router {
    let api = Router::new()
        .route(BULK_CREATE, post(bulk_create))
        .route(USER_BY_ACCESS_KEY, get(user_by_access_key))
        .route(TASK_TYPES, get(task_types))
        .route(USERS, get(users))
        .route(LEADS_BY_EMAIL, get(leads_by_email))
        .route(RETRIEVE, post(tasks::retrieve))
        .route(DELETE_TASKS, post(tasks::delete_tasks))
        .route_layer(middleware::from_fn_with_state(shared.clone(), authenticate));
    Router::new()
        .route(REQUESTS, get(requests))
        .route(TASKS, get(created_tasks))
        .merge(api)
        .fallback(not_found)
        .method_not_allowed_fallback(wrong_method)
        .with_state(shared)
}

/// A LeadSquared-style error answer.
pub(super) fn error(status: StatusCode, exception: &str, message: impl Into<String>) -> Response {
    let body = json!({
        "Status": "Error",
        "ExceptionType": exception,
        "ExceptionMessage": message.into()
    });
    (status, Json(body)).into_response()
}

/// 429 with `Retry-After` in whole seconds, rounded up so a client that waits that long gets in.
pub(super) fn too_many_calls(wait: Duration, limit: u32) -> Response {
    let seconds = (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1);
    let message = format!(
        "More than {limit} calls in 5 seconds: wait {seconds} s (Retry-After) and send again"
    );
    let mut response = error(StatusCode::TOO_MANY_REQUESTS, TOO_MANY_CALLS, message);
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, seconds.into());
    response
}

async fn authenticate(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    match key_problem(&shared.options, request.headers(), request.uri()) {
        Some(message) => error(StatusCode::UNAUTHORIZED, UNAUTHORIZED, message),
        None => next.run(request).await,
    }
}

/// Why the call's keys are refused, or `None`. Keys may come as headers or query parameters,
/// even one of each; the message never quotes them.
fn key_problem(options: &Options, headers: &HeaderMap, uri: &Uri) -> Option<&'static str> {
    let query = query_pairs(uri);
    let given = |header_name: &str, query_name: &str| -> Vec<String> {
        // A value that is not text cannot be a key; kept, so it counts as wrong, not missing.
        let from_headers = headers
            .get_all(header_name)
            .iter()
            .map(|value| value.to_str().unwrap_or_default().to_owned());
        let from_query = query
            .iter()
            .filter(|(name, _)| name == query_name)
            .map(|(_, value)| value.clone());
        from_headers.chain(from_query).collect()
    };
    let access = given("x-lsq-accesskey", "accessKey");
    let secret = given("x-lsq-secretkey", "secretKey");
    if access.is_empty() || secret.is_empty() {
        Some(
            "The access key or the secret key is missing: send both as the x-LSQ-AccessKey and \
             x-LSQ-SecretKey headers (or the accessKey and secretKey query parameters)",
        )
    } else if !access.contains(&options.access_key) || !secret.contains(&options.secret_key) {
        Some(
            "The access key or the secret key is wrong or inactive: use the keys the sandbox \
             printed when it started",
        )
    } else {
        None
    }
}

fn query_pairs(uri: &Uri) -> Vec<(String, String)> {
    uri.query()
        .map(|query| {
            form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default()
}

// TODO(sandbox-limits): a body over axum's default 2 MB gets axum's plain-text 413, not a
// LeadSquared-style body; the real service's size limit is undocumented, and 50 tasks stay far
// below it.
async fn bulk_create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    // The body has been read in full by now: a fault models an answer lost after sending.
    match shared.options.fault {
        Some(Fault::ServerError) => {
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                SERVER_ERROR,
                "The sandbox is set to fail every Bulk/Create call (fault 500)",
            );
        }
        Some(Fault::Drop) => {
            let mut response = StatusCode::OK.into_response();
            response.extensions_mut().insert(DropConnection);
            return response;
        }
        // Held until the connection task is aborted at shutdown.
        Some(Fault::Timeout) => return std::future::pending().await,
        Some(Fault::DropAfterAccept | Fault::LoseOne | Fault::DuplicateOne) | None => {}
    }
    let content_types: Vec<&str> = headers
        .get_all(header::CONTENT_TYPE)
        .iter()
        .map(|value| value.to_str().unwrap_or("(not text)"))
        .collect();
    if let Some(message) = rules::content_type_problem(&content_types) {
        return error(StatusCode::BAD_REQUEST, INVALID, message);
    }
    let accepted = match rules::check(&body) {
        Ok(accepted) => accepted,
        Err(message) => return error(StatusCode::BAD_REQUEST, INVALID, message),
    };
    let request_id = shared.accept(accepted.body.clone());
    let plan = tasks::schedule(&shared, &accepted.body);
    if shared.options.fault == Some(Fault::DropAfterAccept) {
        let mut response = StatusCode::OK.into_response();
        response.extensions_mut().insert(DropConnection);
        return response;
    }
    let noun = if accepted.tasks == 1 { "task" } else { "tasks" };
    let mut answer = json!({
        "Status": "Success",
        "Message": format!("Sandbox accepted {} {noun} for creation", accepted.tasks),
        "RequestId": request_id,
        "TasksCount": accepted.tasks
    });
    if let Some(url) = &accepted.webhook {
        let note = if let Some(target) = webhook::loopback_target(url) {
            webhook::spawn(target, webhook::result(&request_id, &accepted.body, &plan));
            "The sandbox will POST the creation result to this loopback URL shortly"
        } else {
            "Not posted: the sandbox posts results only to http URLs on 127.0.0.1, localhost \
             or [::1]"
        };
        answer["StatusWebhook"] = Value::from(note);
    }
    tracing::info!(tasks = accepted.tasks, %request_id, "Bulk/Create accepted");
    Json(answer).into_response()
}

async fn user_by_access_key(State(shared): State<Arc<Shared>>) -> Json<Value> {
    let api = shared
        .options
        .account_host
        .as_deref()
        .unwrap_or(&shared.own_host);
    Json(demo::signed_in_user(api, &shared.own_host))
}

async fn task_types() -> Json<Value> {
    Json(demo::task_types())
}

async fn users() -> Json<Value> {
    Json(demo::users())
}

async fn leads_by_email(uri: Uri) -> Response {
    let email = query_pairs(&uri)
        .into_iter()
        .find(|(name, _)| name == "emailaddress")
        .map(|(_, value)| value);
    match email {
        Some(email) if !email.trim().is_empty() => {
            Json(demo::leads_by_email(&email)).into_response()
        }
        _ => error(
            StatusCode::BAD_REQUEST,
            INVALID,
            "emailaddress is missing: add ?emailaddress=<the lead's e-mail> to the URL",
        ),
    }
}

async fn requests(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(shared.accepted_listing())
}

async fn created_tasks(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(
        shared
            .tasks
            .all()
            .iter()
            .map(tasks::Stored::to_json)
            .collect(),
    )
}

// Only the path is echoed: the query may carry the keys.
async fn not_found(uri: Uri) -> Response {
    error(
        StatusCode::NOT_FOUND,
        NOT_FOUND,
        format!("No endpoint at {}: check the path", shorten(uri.path())),
    )
}

async fn wrong_method(method: Method, uri: Uri) -> Response {
    error(
        StatusCode::METHOD_NOT_ALLOWED,
        NOT_FOUND,
        format!("{} does not answer {method}", shorten(uri.path())),
    )
}

fn shorten(path: &str) -> String {
    const MAX_CHARS: usize = 120;
    let mut short: String = path.chars().take(MAX_CHARS).collect();
    if short.len() < path.len() {
        short.push_str("...");
    }
    short
}
