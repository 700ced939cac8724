//! The JSON body of a "Create Tasks in Bulk" call: written exactly as the API documents it, and
//! read back member by member so that every problem is reported, not just the first.

use chrono::{DateTime, NaiveDateTime, Utc};
use indexmap::IndexMap;
use serde::Serialize;
use serde_json::{Map, Value};

use super::batch::Batch;
use super::model::{Kind, NotifyBy, RelatedEntity, Task};
use super::problem::Problem;

/// The API's date format: UTC, seconds, no zone.
pub struct ApiTime;

impl ApiTime {
    pub const FORMAT: &'static str = "%Y-%m-%d %H:%M:%S";

    /// `2027-01-14 04:30:00`. Written from the parts rather than with `format(FORMAT)`, which
    /// parses the pattern on every call: a 50-task body formats up to 100 dates.
    pub fn format(instant: DateTime<Utc>) -> String {
        use chrono::{Datelike, Timelike};
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            instant.year(),
            instant.month(),
            instant.day(),
            instant.hour(),
            instant.minute(),
            instant.second()
        )
    }

    /// Reads exactly `YYYY-MM-DD HH:MM:SS` as UTC; anything else is an error message.
    pub fn parse(text: &str) -> Result<DateTime<Utc>, String> {
        let shaped = text.len() == 19
            && text.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                10 => b == b' ',
                13 | 16 => b == b':',
                _ => b.is_ascii_digit(),
            });
        if !shaped {
            return Err(format!(
                "'{text}' is not in the API's format YYYY-MM-DD HH:MM:SS (UTC)"
            ));
        }
        NaiveDateTime::parse_from_str(text, Self::FORMAT)
            .map(|naive| naive.and_utc())
            .map_err(|_| format!("'{text}' is not a real date and time"))
    }
}

/// The members of a task object, in the order the documentation lists them.
pub const TASK_MEMBERS: [&str; 12] = [
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

const BODY_MEMBERS: [&str; 2] = ["TaskList", "StatusWebhookURL"];

#[derive(Serialize)]
struct WireBody<'a> {
    #[serde(rename = "TaskList")]
    task_list: Vec<WireTask<'a>>,
    #[serde(rename = "StatusWebhookURL", skip_serializing_if = "Option::is_none")]
    status_webhook_url: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct WireTask<'a> {
    name: &'a str,
    description: &'a str,
    related_entity: u8,
    related_entity_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    due_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reminder: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notify_by: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner_email_address: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    task_type: WireTaskType<'a>,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    custom_fields: &'a IndexMap<String, String>,
}

#[derive(Serialize)]
struct WireTaskType<'a> {
    #[serde(rename = "Name")]
    name: &'a str,
}

fn non_blank(text: Option<&String>) -> Option<&str> {
    text.map(String::as_str).filter(|t| !t.trim().is_empty())
}

impl<'a> WireTask<'a> {
    fn from(task: &'a Task) -> Self {
        WireTask {
            name: &task.name,
            description: &task.description,
            related_entity: task.related_entity.code(),
            related_entity_id: &task.related_entity_id,
            due_date: task.due_date.map(ApiTime::format),
            end_date: task.end_date.map(ApiTime::format),
            reminder: task.reminder,
            notify_by: task.notify_by.map(NotifyBy::code),
            owner_email_address: non_blank(task.owner_email.as_ref()),
            location: non_blank(task.location.as_ref()),
            task_type: WireTaskType {
                name: &task.task_type,
            },
            custom_fields: &task.custom_fields,
        }
    }
}

fn wire(batch: &Batch) -> WireBody<'_> {
    WireBody {
        task_list: batch.tasks().iter().map(WireTask::from).collect(),
        status_webhook_url: non_blank(batch.webhook.as_ref()),
    }
}

/// The body as a JSON value, members in the documented order.
pub fn to_value(batch: &Batch) -> Value {
    // Serialising plain strings and numbers into a Value cannot fail.
    serde_json::to_value(wire(batch)).unwrap_or(Value::Null)
}

/// The body as text: pretty (two-space indent) or compact, exactly what is sent.
pub fn to_json(batch: &Batch, pretty: bool) -> String {
    let body = wire(batch);
    let text = if pretty {
        serde_json::to_string_pretty(&body)
    } else {
        serde_json::to_string(&body)
    };
    text.unwrap_or_default()
}

/// A body file that is not JSON at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not valid JSON at line {line}, column {column}: {reason}")]
pub struct ReadError {
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

/// What reading a body found: the batch as far as it could be understood, and the problems
/// met on the way. Members with a problem are left unset in `batch`; the validator does not
/// judge them twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub batch: Batch,
    pub problems: Vec<Problem>,
    /// For a CSV file, the line each task came from; empty for a JSON body.
    pub lines: Vec<u64>,
}

/// Reads a body: JSON syntax errors are fatal, everything else becomes a [`Problem`].
pub fn read_body(text: &str) -> Result<Parsed, ReadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ReadError {
        line: e.line(),
        column: e.column(),
        reason: plain_serde_reason(&e),
    })?;
    Ok(read_body_value(&value))
}

fn plain_serde_reason(error: &serde_json::Error) -> String {
    let text = error.to_string();
    // serde_json appends " at line L column C"; the caller reports the position itself.
    match text.find(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

/// Reads a body already parsed as JSON.
pub fn read_body_value(value: &Value) -> Parsed {
    let mut problems = Vec::new();
    let Value::Object(body) = value else {
        problems.push(Problem::error(
            None,
            "body",
            format!(
                "the body must be a JSON object with TaskList, not {}",
                describe(value)
            ),
        ));
        return Parsed {
            batch: Batch::default(),
            problems,
            lines: Vec::new(),
        };
    };
    for key in body.keys() {
        if !BODY_MEMBERS.contains(&key.as_str()) {
            problems.push(unknown_member(None, key, &BODY_MEMBERS));
        }
    }
    let webhook = match body.get("StatusWebhookURL") {
        None => None,
        Some(Value::String(url)) => Some(url.clone()),
        Some(other) => {
            problems.push(Problem::error(
                None,
                "StatusWebhookURL",
                format!("must be a string URL, not {}", describe(other)),
            ));
            None
        }
    };
    let mut tasks = Vec::new();
    match body.get("TaskList") {
        None => problems.push(Problem::error(
            None,
            "TaskList",
            "is missing: the body needs a TaskList array of 1 to 50 tasks",
        )),
        Some(Value::Array(list)) => {
            for (index, item) in list.iter().enumerate() {
                tasks.push(read_task(item, index + 1, &mut problems));
            }
        }
        Some(other) => problems.push(Problem::error(
            None,
            "TaskList",
            format!("must be an array of tasks, not {}", describe(other)),
        )),
    }
    Parsed {
        batch: Batch::unchecked(tasks, webhook),
        problems,
        lines: Vec::new(),
    }
}

/// Reads one task object (number is 1-based), adding what is wrong to `problems`. The kind is
/// guessed from the members: an end time or a place makes an appointment.
pub(crate) fn read_task(value: &Value, number: usize, problems: &mut Vec<Problem>) -> Task {
    let task_no = Some(number);
    let Value::Object(object) = value else {
        problems.push(Problem::error(
            task_no,
            "task",
            format!("each task must be a JSON object, not {}", describe(value)),
        ));
        return Task::default();
    };
    for key in object.keys() {
        if !TASK_MEMBERS.contains(&key.as_str()) {
            problems.push(unknown_member(task_no, key, &TASK_MEMBERS));
        }
    }
    let mut reader = MemberReader {
        object,
        number,
        problems,
    };
    let mut task = Task {
        name: reader.required_string("Name"),
        description: reader.required_string("Description"),
        related_entity: reader.related_entity(),
        related_entity_id: reader.required_string("RelatedEntityId"),
        due_date: reader.date("DueDate"),
        end_date: reader.date("EndDate"),
        reminder: reader.reminder(),
        notify_by: reader.notify_by(),
        owner_email: reader.optional_string("OwnerEmailAddress"),
        location: reader.optional_string("Location"),
        task_type: reader.task_type(),
        custom_fields: reader.custom_fields(),
        kind: Kind::Todo,
    };
    if task.end_date.is_some() || task.location.is_some() {
        task.kind = Kind::Appointment;
    }
    task
}

struct MemberReader<'a> {
    object: &'a Map<String, Value>,
    number: usize,
    problems: &'a mut Vec<Problem>,
}

impl MemberReader<'_> {
    fn error(&mut self, member: &str, message: String) {
        self.problems
            .push(Problem::error(Some(self.number), member, message));
    }

    fn required_string(&mut self, member: &str) -> String {
        match self.object.get(member) {
            Some(Value::String(text)) => text.clone(),
            None if member == "RelatedEntityId" => {
                // Judged by the validator together with RelatedEntity.
                String::new()
            }
            None => {
                self.error(
                    member,
                    "is missing: the API expects it on every task".into(),
                );
                String::new()
            }
            Some(other) => {
                self.error(member, format!("must be a string, not {}", describe(other)));
                String::new()
            }
        }
    }

    fn optional_string(&mut self, member: &str) -> Option<String> {
        match self.object.get(member) {
            None => None,
            Some(Value::String(text)) if text.trim().is_empty() => {
                self.problems.push(Problem::warning(
                    Some(self.number),
                    member,
                    "is empty and will be left out of the body".to_owned(),
                ));
                None
            }
            Some(Value::String(text)) => Some(text.clone()),
            Some(other) => {
                self.error(member, format!("must be a string, not {}", describe(other)));
                None
            }
        }
    }

    fn related_entity(&mut self) -> RelatedEntity {
        const RULE: &str = "must be 0 (no related record), 1 (lead) or 5 (opportunity)";
        match self.object.get("RelatedEntity") {
            None => {
                self.error("RelatedEntity", format!("is missing: it {RULE}"));
                RelatedEntity::None
            }
            Some(Value::Number(n)) => {
                if let Some(entity) = n.as_i64().and_then(RelatedEntity::from_code) {
                    entity
                } else {
                    self.error("RelatedEntity", format!("{n} is not allowed: it {RULE}"));
                    RelatedEntity::None
                }
            }
            Some(other) => {
                self.error(
                    "RelatedEntity",
                    format!("must be a number, not {}: it {RULE}", describe(other)),
                );
                RelatedEntity::None
            }
        }
    }

    fn date(&mut self, member: &str) -> Option<DateTime<Utc>> {
        match self.object.get(member)? {
            Value::String(text) => match ApiTime::parse(text) {
                Ok(instant) => Some(instant),
                Err(message) => {
                    self.error(member, message);
                    None
                }
            },
            other => {
                self.error(
                    member,
                    format!(
                        "must be a string YYYY-MM-DD HH:MM:SS (UTC), not {}",
                        describe(other)
                    ),
                );
                None
            }
        }
    }

    fn reminder(&mut self) -> Option<u32> {
        let value = self.object.get("Reminder")?;
        let whole = match value {
            Value::Number(n) => n.as_u64().and_then(|m| u32::try_from(m).ok()),
            _ => None,
        };
        if whole.is_none() {
            self.error(
                "Reminder",
                format!("{value} is not allowed: it must be a whole number of minutes, 0 or more"),
            );
        }
        whole
    }

    fn notify_by(&mut self) -> Option<NotifyBy> {
        let value = self.object.get("NotifyBy")?;
        let parsed = value.as_str().and_then(NotifyBy::from_code);
        if parsed.is_none() {
            self.error(
                "NotifyBy",
                format!(
                    "{value} is not allowed: it must be the string \"1100\" (e-mail the owner) \
                     or \"1000\" (no notification)"
                ),
            );
        }
        parsed
    }

    fn task_type(&mut self) -> String {
        const SHAPE: &str = "must be an object {\"Name\": \"<task type name>\"}";
        match self.object.get("TaskType") {
            None => {
                self.error("TaskType", format!("is missing: it {SHAPE}"));
                String::new()
            }
            Some(Value::Object(inner)) => {
                for key in inner.keys().filter(|k| *k != "Name") {
                    self.problems.push(unknown_member(
                        Some(self.number),
                        &format!("TaskType.{key}"),
                        &["TaskType.Name"],
                    ));
                }
                match inner.get("Name") {
                    Some(Value::String(name)) => name.clone(),
                    Some(other) => {
                        self.error(
                            "TaskType.Name",
                            format!("must be a string, not {}", describe(other)),
                        );
                        String::new()
                    }
                    // An absent name is judged by the validator like an empty one.
                    None => String::new(),
                }
            }
            Some(other) => {
                self.error("TaskType", format!("{SHAPE}, not {}", describe(other)));
                String::new()
            }
        }
    }

    fn custom_fields(&mut self) -> IndexMap<String, String> {
        let mut fields = IndexMap::new();
        match self.object.get("CustomFields") {
            None => {}
            Some(Value::Object(inner)) => {
                for (name, value) in inner {
                    match value {
                        Value::String(text) => {
                            fields.insert(name.clone(), text.clone());
                        }
                        other => self.error(
                            &format!("CustomFields.{name}"),
                            format!(
                                "custom field values must be strings, not {}: write \"{}\"",
                                describe(other),
                                other.to_string().trim_matches('"')
                            ),
                        ),
                    }
                }
            }
            Some(other) => self.error(
                "CustomFields",
                format!(
                    "must be an object of schema names to strings, not {}",
                    describe(other)
                ),
            ),
        }
        fields
    }
}

fn unknown_member(task: Option<usize>, key: &str, known: &[&str]) -> Problem {
    let hint = known
        .iter()
        .find(|k| k.eq_ignore_ascii_case(key))
        .map_or_else(
            || format!(": known members are {}", known.join(", ")),
            |k| format!(": did you mean {k}?"),
        );
    Problem::error(task, key, format!("is not a member the API knows{hint}"))
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string \"{s}\""),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const EXAMPLE: &str = include_str!("../../assets/examples/mixed.json");

    #[test]
    fn the_api_md_example_reads_without_problems_and_writes_back_equal() {
        let parsed = read_body(EXAMPLE).unwrap();
        assert_eq!(parsed.problems, []);
        let original: Value = serde_json::from_str(EXAMPLE).unwrap();
        assert_eq!(to_value(&parsed.batch), original);
    }

    #[test]
    fn members_come_out_in_the_documented_order() {
        let parsed = read_body(EXAMPLE).unwrap();
        let text = to_json(&parsed.batch, true);
        let positions: Vec<usize> = TASK_MEMBERS
            .iter()
            .map(|m| text.find(&format!("\"{m}\"")).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    }

    #[test]
    fn unset_members_are_left_out_and_required_ones_always_present() {
        let task = Task {
            name: "Call".into(),
            task_type: "Follow Up".into(),
            owner_email: Some(String::new()),
            ..Task::default()
        };
        let batch = Batch::from_tasks(vec![task], None).unwrap();
        assert_eq!(
            to_value(&batch),
            json!({"TaskList": [{
                "Name": "Call", "Description": "", "RelatedEntity": 0,
                "RelatedEntityId": "", "TaskType": {"Name": "Follow Up"}
            }]})
        );
    }

    #[test]
    fn api_time_accepts_only_the_exact_format_and_real_instants() {
        assert!(ApiTime::parse("2027-01-14 04:30:00").is_ok());
        assert!(ApiTime::parse("2027-01-14 04:30").is_err());
        assert!(ApiTime::parse("2027-01-14T04:30:00").is_err());
        assert!(
            ApiTime::parse("2027-02-30 04:30:00")
                .unwrap_err()
                .contains("not a real")
        );
        assert!(ApiTime::parse("2027-01-14 24:00:00").is_err());
    }

    #[test]
    fn a_syntax_error_names_line_and_column() {
        let error = read_body("{\n  \"TaskList\": [,]\n}").unwrap_err();
        assert_eq!((error.line, error.column), (2, 16));
    }
}
