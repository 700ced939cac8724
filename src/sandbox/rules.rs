//! The sandbox's own judgement of a Bulk/Create call: content type, JSON, body shape and every
//! task member, each checked against the documentation and written apart from the client's
//! validator, so that a mistake in one cannot hide in both.

use chrono::{NaiveDateTime, Timelike};
use serde_json::{Map, Value};

/// Most tasks one call may carry.
const MAX_TASKS: usize = 50;
/// Problems quoted in one error message; the rest are counted so a bad 50-task call stays
/// readable.
const QUOTED: usize = 10;
/// The body's members.
const BODY_MEMBERS: [&str; 2] = ["TaskList", "StatusWebhookURL"];
/// A task's members, in the documentation's order.
const TASK_MEMBERS: [&str; 12] = [
    "Name",
    "Description",
    "RelatedEntity",
    "RelatedEntityId",
    "DueDate",
    "EndDate",
    "Reminder",
    "NotifyBy",
    "OwnerEmailAddress",
    "Location",
    "TaskType",
    "CustomFields",
];
/// The task members every task must carry. `NotifyBy` is not among them: the documentation
/// gives no rule for leaving it out, and the sandbox must not refuse what the service may
/// accept.
const REQUIRED: [&str; 5] = [
    "Name",
    "Description",
    "RelatedEntity",
    "RelatedEntityId",
    "TaskType",
];

/// A call the sandbox accepts, with what the acknowledgement and the webhook need.
#[derive(Debug)]
pub(super) struct Accepted {
    pub body: Value,
    pub tasks: usize,
    pub webhook: Option<String>,
}

/// Why the `Content-Type` headers are not one `application/json` (parameters such as
/// `charset` are fine), or `None` when they are.
pub(super) fn content_type_problem(values: &[&str]) -> Option<String> {
    let [text] = values else {
        return Some(if values.is_empty() {
            "Content-Type is missing: send the body as application/json".to_owned()
        } else {
            format!(
                "Content-Type is given {} times; send it once, as application/json",
                values.len()
            )
        });
    };
    let media = text.split(';').next().unwrap_or_default().trim();
    if media.eq_ignore_ascii_case("application/json") {
        None
    } else {
        Some(format!(
            "Content-Type must be application/json; got '{}'",
            shorten(text)
        ))
    }
}

/// Judges a body: `Err` carries the message for the 400 answer, naming each task (1-based) and
/// member at fault.
pub(super) fn check(bytes: &[u8]) -> Result<Accepted, String> {
    let body: Value = serde_json::from_slice(bytes)
        .map_err(|error| format!("The body is not valid JSON: {error}"))?;
    let problems = problems_of(&body);
    if !problems.is_empty() {
        return Err(summarise(&problems));
    }
    let tasks = body
        .get("TaskList")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let webhook = body
        .get("StatusWebhookURL")
        .and_then(Value::as_str)
        .map(str::to_owned);
    Ok(Accepted {
        body,
        tasks,
        webhook,
    })
}

fn problems_of(body: &Value) -> Vec<String> {
    let Some(members) = body.as_object() else {
        return vec![format!(
            "The body must be a JSON object with a TaskList member; got {}",
            kind(body)
        )];
    };
    let mut problems = Vec::new();
    for name in members.keys() {
        if !BODY_MEMBERS.contains(&name.as_str()) {
            problems.push(format!(
                "Unknown member '{}' in the body{}: only TaskList and StatusWebhookURL are allowed",
                shorten(name),
                hint(name, &BODY_MEMBERS)
            ));
        }
    }
    if let Some(url) = members.get("StatusWebhookURL")
        && !url.is_string()
    {
        problems.push(format!(
            "StatusWebhookURL must be a string; got {}",
            kind(url)
        ));
    }
    match members.get("TaskList") {
        None => problems.push(
            "TaskList is missing: the body needs TaskList, an array of 1 to 50 tasks".to_owned(),
        ),
        Some(Value::Array(tasks)) if tasks.is_empty() => {
            problems.push("TaskList is empty: send 1 to 50 tasks".to_owned());
        }
        Some(Value::Array(tasks)) if tasks.len() > MAX_TASKS => problems.push(format!(
            "TaskList has {} tasks: at most {MAX_TASKS} per call",
            tasks.len()
        )),
        Some(Value::Array(tasks)) => {
            for (index, task) in tasks.iter().enumerate() {
                check_task(index + 1, task, &mut problems);
            }
        }
        Some(other) => problems.push(format!(
            "TaskList must be an array of tasks; got {}",
            kind(other)
        )),
    }
    problems
}

fn check_task(number: usize, task: &Value, problems: &mut Vec<String>) {
    let mut say = |message: String| problems.push(format!("Task {number}: {message}"));
    let Some(members) = task.as_object() else {
        say(format!("expected an object; got {}", kind(task)));
        return;
    };
    for (name, value) in members {
        if let Some(message) = member_problem(name, value, members) {
            say(message);
        }
    }
    for name in REQUIRED {
        if !members.contains_key(name) {
            say(format!("{name} is missing"));
        }
    }
}

fn member_problem(name: &str, value: &Value, task: &Map<String, Value>) -> Option<String> {
    match name {
        "Name" => not_string(name, value).or_else(|| {
            value
                .as_str()
                .is_some_and(|text| text.trim().is_empty())
                .then(|| "Name is empty: the task types make it mandatory".to_owned())
        }),
        "Description" | "OwnerEmailAddress" | "Location" => not_string(name, value),
        "RelatedEntity" => match value.as_u64() {
            Some(0 | 1 | 5) => None,
            _ => Some(format!(
                "RelatedEntity must be the number 0 (no related record), 1 (lead) or \
                 5 (opportunity); got {}",
                quote(value)
            )),
        },
        "RelatedEntityId" => related_entity_id(value, task.get("RelatedEntity")),
        "DueDate" | "EndDate" => not_string(name, value).or_else(|| {
            let text = value.as_str().unwrap_or_default();
            (!is_api_date(text)).then(|| {
                format!(
                    "{name} '{}' is not in the format yyyy-MM-dd HH:mm:ss",
                    shorten(text)
                )
            })
        }),
        "Reminder" => value.as_u64().is_none().then(|| {
            format!(
                "Reminder must be a whole number of minutes, 0 or more; got {}",
                quote(value)
            )
        }),
        "NotifyBy" => match value.as_str() {
            Some("1100" | "1000") => None,
            _ => Some(format!(
                "NotifyBy must be the string \"1100\" (e-mail the owner) or \"1000\" \
                 (no notification); got {}",
                quote(value)
            )),
        },
        "TaskType" => task_type_problem(value),
        "CustomFields" => custom_fields_problem(value),
        _ => Some(format!(
            "unknown member '{}'{}",
            shorten(name),
            hint(name, &TASK_MEMBERS)
        )),
    }
}

fn related_entity_id(value: &Value, entity: Option<&Value>) -> Option<String> {
    let Some(id) = value.as_str() else {
        return not_string("RelatedEntityId", value);
    };
    match entity.and_then(Value::as_u64) {
        Some(0) if !id.is_empty() => Some(format!(
            "RelatedEntityId must be empty when RelatedEntity is 0; got '{}'",
            shorten(id)
        )),
        Some(code @ (1 | 5)) if !is_guid(id) => {
            let record = if code == 1 { "lead" } else { "opportunity" };
            Some(format!(
                "RelatedEntityId must be the {record}'s id (a GUID) when RelatedEntity is \
                 {code}; got '{}'",
                shorten(id)
            ))
        }
        // A missing or wrong RelatedEntity is reported on its own; no second guess here.
        _ => None,
    }
}

fn task_type_problem(value: &Value) -> Option<String> {
    let Some(members) = value.as_object() else {
        return Some(format!(
            "TaskType must be an object like {{\"Name\": \"Meeting\"}}; got {}",
            kind(value)
        ));
    };
    if let Some(extra) = members.keys().find(|name| *name != "Name") {
        return Some(format!(
            "unknown member 'TaskType.{}': TaskType holds only Name",
            shorten(extra)
        ));
    }
    match members.get("Name") {
        None => Some("TaskType.Name is missing".to_owned()),
        Some(Value::String(name)) if name.trim().is_empty() => {
            Some("TaskType.Name is empty: name one of the account's task types".to_owned())
        }
        Some(Value::String(_)) => None,
        Some(other) => not_string("TaskType.Name", other),
    }
}

fn custom_fields_problem(value: &Value) -> Option<String> {
    let Some(fields) = value.as_object() else {
        return Some(format!(
            "CustomFields must be an object of strings by schema name; got {}",
            kind(value)
        ));
    };
    fields
        .iter()
        .find(|(_, field)| !field.is_string())
        .map(|(name, field)| {
            format!(
                "CustomFields.{} must be a string; got {}",
                shorten(name),
                kind(field)
            )
        })
}

fn not_string(name: &str, value: &Value) -> Option<String> {
    (!value.is_string()).then(|| format!("{name} must be a string; got {}", kind(value)))
}

/// Exactly `YYYY-MM-DD HH:MM:SS` and a real date and time: chrono alone would accept one-digit
/// fields and leap seconds.
fn is_api_date(text: &str) -> bool {
    let shape_ok = text.len() == 19
        && text.bytes().enumerate().all(|(at, byte)| match at {
            4 | 7 => byte == b'-',
            10 => byte == b' ',
            13 | 16 => byte == b':',
            _ => byte.is_ascii_digit(),
        });
    shape_ok
        && NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
            .is_ok_and(|instant| instant.nanosecond() == 0)
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in hexadecimal digits, the form lead ids take.
fn is_guid(text: &str) -> bool {
    text.len() == 36
        && text.bytes().enumerate().all(|(at, byte)| match at {
            8 | 13 | 18 | 23 => byte == b'-',
            _ => byte.is_ascii_hexdigit(),
        })
}

/// Suggests the member that differs only in case, the usual slip (`Duedate`).
fn hint(name: &str, members: &[&str]) -> String {
    members
        .iter()
        .find(|member| member.eq_ignore_ascii_case(name))
        .map(|member| format!(" (did you mean '{member}'?)"))
        .unwrap_or_default()
}

fn kind(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => format!("the boolean {flag}"),
        Value::Number(number) => format!("the number {number}"),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// The value as JSON text, cut short so one huge value cannot flood the message.
fn quote(value: &Value) -> String {
    shorten(&value.to_string())
}

fn shorten(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    if text.chars().count() <= MAX_CHARS {
        text.to_owned()
    } else {
        let head: String = text.chars().take(MAX_CHARS).collect();
        format!("{head}...")
    }
}

fn summarise(problems: &[String]) -> String {
    let quoted = problems[..problems.len().min(QUOTED)].join("; ");
    match problems.len().saturating_sub(QUOTED) {
        0 => quoted,
        rest => format!("{quoted}; and {rest} more problems"),
    }
}

#[cfg(test)]
mod tests;
