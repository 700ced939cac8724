//! The rules a batch must follow before it is sent (errors) and the ones it probably should
//! (warnings). Every problem names the task and the member.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use url::Url;

use super::batch::{Batch, MAX_TASKS};
use super::body::Parsed;
use super::model::{Kind, NotifyBy, RelatedEntity, Task};
use super::problem::Problem;

/// All problems of a batch read from a file: the reader's, then the validator's, without
/// judging twice a member the reader already refused.
pub fn check(parsed: &Parsed, now: DateTime<Utc>) -> Vec<Problem> {
    let mut problems = parsed.problems.clone();
    problems.extend(rules(&parsed.batch, now, &parsed.problems));
    for problem in &mut problems {
        if let Some(task) = problem.task {
            problem.line = parsed.lines.get(task - 1).copied();
        }
    }
    problems
}

/// The validator's problems for a batch built in memory (a form, the staging list).
pub fn validate(batch: &Batch, now: DateTime<Utc>) -> Vec<Problem> {
    rules(batch, now, &[])
}

fn rules(batch: &Batch, now: DateTime<Utc>, known: &[Problem]) -> Vec<Problem> {
    let mut found = Vec::new();
    let count = batch.len();
    if count == 0 {
        found.push(Problem::error(
            None,
            "TaskList",
            "holds no task: a call sends 1 to 50",
        ));
    } else if count > MAX_TASKS {
        found.push(Problem::error(
            None,
            "TaskList",
            format!("holds {count} tasks: one call takes at most {MAX_TASKS}; split the file"),
        ));
    }
    if let Some(url) = &batch.webhook
        && let Err(message) = check_webhook(url)
    {
        found.push(Problem::error(None, "StatusWebhookURL", message));
    }
    // Equal tasks have equal keys, so each task is compared with at most the few that share
    // its key, not with every task before it: a 100 000-row file would otherwise take minutes.
    let mut seen: HashMap<u64, Vec<usize>> = HashMap::new();
    for (index, task) in batch.tasks().iter().enumerate() {
        let number = index + 1;
        let skip = |member: &str| {
            // A task the reader could not read at all is not judged member by member.
            known
                .iter()
                .any(|p| p.concerns(number, member) || p.concerns(number, "task"))
        };
        found.extend(task_rules(task, number, now).into_iter().filter(|p| {
            !(skip(&p.member) || p.member == "RelatedEntityId" && skip("RelatedEntity"))
        }));
        let earlier = seen.entry(identity(task)).or_default();
        let first = earlier
            .iter()
            .copied()
            .find(|&other| batch.tasks()[other] == *task);
        earlier.push(index);
        if let Some(first) = first {
            found.push(Problem::warning(
                Some(number),
                "task",
                format!(
                    "is identical to task {}: it would be created twice",
                    first + 1
                ),
            ));
        }
    }
    found
}

/// A number equal for equal tasks (and rarely for others: candidates are then compared in
/// full). Custom fields count as a set, so their order changes nothing. A hash rather than a
/// text of every member: formatting the dates for it was a third of validating fifty tasks.
fn identity(task: &Task) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let state = std::hash::BuildHasherDefault::<std::hash::DefaultHasher>::default();
    let mut hasher = state.build_hasher();
    (
        task.kind,
        &task.name,
        &task.description,
        task.related_entity,
        &task.related_entity_id,
        task.due_date,
        task.end_date,
        task.reminder,
        task.notify_by,
        &task.owner_email,
        &task.location,
        &task.task_type,
    )
        .hash(&mut hasher);
    let fields = task
        .custom_fields
        .iter()
        .map(|field| state.hash_one(field))
        .fold(0u64, u64::wrapping_add);
    fields.hash(&mut hasher);
    hasher.finish()
}

/// The rules for one task alone; `number` is its 1-based place in the batch.
pub fn task_rules(task: &Task, number: usize, now: DateTime<Utc>) -> Vec<Problem> {
    let at = Some(number);
    let mut found = Vec::new();
    if task.name.trim().is_empty() {
        found.push(Problem::error(
            at,
            "Name",
            "is empty: every task needs a subject",
        ));
    }
    if task.task_type.trim().is_empty() {
        found.push(Problem::error(
            at,
            "TaskType.Name",
            "is empty: name a task type configured in the account, e.g. \"Follow Up\"",
        ));
    }
    found.extend(related_record(task, at));
    if let (Some(due), Some(end)) = (task.due_date, task.end_date)
        && end < due
    {
        found.push(Problem::error(
            at,
            "EndDate",
            format!(
                "{} is before DueDate {}: the task would end before it starts",
                end.format("%Y-%m-%d %H:%M:%S"),
                due.format("%Y-%m-%d %H:%M:%S")
            ),
        ));
    }
    if let Some(email) = &task.owner_email
        && !is_plausible_email(email)
    {
        found.push(Problem::error(
            at,
            "OwnerEmailAddress",
            format!("'{email}' is not an e-mail address like asha@example.com"),
        ));
    }
    for name in task.custom_fields.keys() {
        if !is_schema_name(name) {
            found.push(Problem::error(
                at,
                &format!("CustomFields.{name}"),
                format!(
                    "'{name}' is not a schema name: custom fields are named mx_ followed by \
                     letters, digits or underscores, e.g. mx_Custom_1"
                ),
            ));
        }
    }
    found.extend(warnings(task, at, now));
    found
}

/// `RelatedEntityId` must be a GUID for a lead or opportunity and empty otherwise.
fn related_record(task: &Task, at: Option<usize>) -> Option<Problem> {
    let id = task.related_entity_id.trim();
    match task.related_entity {
        RelatedEntity::None if !id.is_empty() => Some(Problem::error(
            at,
            "RelatedEntityId",
            format!(
                "is '{id}' but RelatedEntity is 0 (no related record): set RelatedEntity to 1 \
                 (lead) or 5 (opportunity), or clear the id"
            ),
        )),
        RelatedEntity::Lead | RelatedEntity::Opportunity if id.is_empty() => Some(Problem::error(
            at,
            "RelatedEntityId",
            format!(
                "is missing: RelatedEntity {} needs the id (a GUID) of {}",
                task.related_entity.code(),
                task.related_entity.label()
            ),
        )),
        RelatedEntity::Lead | RelatedEntity::Opportunity if !is_guid(id) => Some(Problem::error(
            at,
            "RelatedEntityId",
            format!(
                "'{id}' is not a GUID: expected 8-4-4-4-12 hexadecimal digits, \
                     e.g. 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
            ),
        )),
        _ => None,
    }
}

/// Legal but probably not what was meant.
fn warnings(task: &Task, at: Option<usize>, now: DateTime<Utc>) -> Vec<Problem> {
    let mut found = Vec::new();
    if let Some(due) = task.due_date
        && due < now
    {
        found.push(Problem::warning(
            at,
            "DueDate",
            format!("{} UTC is in the past", due.format("%Y-%m-%d %H:%M")),
        ));
    }
    if task.kind == Kind::Appointment && task.end_date.is_none() {
        found.push(Problem::warning(
            at,
            "EndDate",
            "is not set for an appointment: it will stay pending with no end time",
        ));
    }
    if task.reminder.is_some() && task.notify_by == Some(NotifyBy::Nobody) {
        found.push(Problem::warning(
            at,
            "Reminder",
            "is set but NotifyBy is \"1000\" (no notification): nobody will be reminded",
        ));
    }
    found
}

fn check_webhook(url: &str) -> Result<(), String> {
    let parsed = Url::parse(url).map_err(|e| format!("'{url}' is not an absolute URL ({e})"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(format!(
            "'{url}' must be an absolute http:// or https:// URL"
        ));
    }
    Ok(())
}

/// `8-4-4-4-12` hexadecimal digits, the form LeadSquared ids take.
pub fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Catches the typos that matter (no `@`, no domain, spaces), not every RFC 5322 corner: the
/// service itself decides whether the user exists.
pub fn is_plausible_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// `mx_` followed by letters, digits or underscores.
pub fn is_schema_name(name: &str) -> bool {
    name.strip_prefix("mx_").is_some_and(|rest| {
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

#[cfg(test)]
mod tests;
