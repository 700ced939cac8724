//! CSV in and out: one task a row, a header naming members, so a spreadsheet can hold a batch.
//!
//! Columns are the task members (`TaskType` holds the type's name), an optional `Kind`
//! (`appointment` or `todo`), an optional `StatusWebhookURL` (the same on every row), and any
//! `mx_...` column as a custom field. Dates take every form of [`super::when`]; written files use
//! the API's UTC format so that a round trip changes nothing.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::batch::Batch;
use super::body::{ApiTime, Parsed, TASK_MEMBERS, read_task};
use super::model::{Kind, Task};
use super::problem::{Problem, printable};
use super::validate::is_schema_name;
use super::{Zone, when};

/// A CSV file that cannot be read as a table of tasks at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    #[error("line 1: the header has no '{0}' column; every task needs Name and TaskType")]
    MissingColumn(&'static str),
    #[error("line 1, column {column}: '{name}' is not a column this tool knows{hint}")]
    UnknownColumn {
        column: usize,
        name: String,
        hint: String,
    },
    #[error("line 1, column {column}: '{name}' appears twice")]
    DuplicateColumn { column: usize, name: String },
    #[error("line {line}: {reason}")]
    Unreadable { line: u64, reason: String },
}

const KIND: &str = "Kind";
const WEBHOOK: &str = "StatusWebhookURL";
const DATE_COLUMNS: [&str; 2] = ["DueDate", "EndDate"];
const NUMBER_COLUMNS: [&str; 2] = ["RelatedEntity", "Reminder"];

enum Column {
    Kind,
    Webhook,
    Member(&'static str),
    Custom(String),
}

fn column_for(index: usize, raw: &str) -> Result<Column, CsvError> {
    let name = raw.trim().trim_start_matches('\u{feff}');
    if name.eq_ignore_ascii_case(KIND) {
        return Ok(Column::Kind);
    }
    if name.eq_ignore_ascii_case(WEBHOOK) {
        return Ok(Column::Webhook);
    }
    if let Some(member) = TASK_MEMBERS
        .iter()
        .find(|m| m.eq_ignore_ascii_case(name) && **m != "CustomFields")
    {
        return Ok(Column::Member(member));
    }
    if is_schema_name(name) {
        return Ok(Column::Custom(name.to_owned()));
    }
    let hint = if name.to_ascii_lowercase().starts_with("mx_") {
        ": custom field names are mx_ followed by letters, digits or underscores".to_owned()
    } else {
        format!(
            ": columns are Kind, {}, StatusWebhookURL and mx_... custom fields",
            TASK_MEMBERS[..11].join(", ")
        )
    };
    Err(CsvError::UnknownColumn {
        column: index + 1,
        name: printable(name).into_owned(),
        hint,
    })
}

/// Reads CSV text. Dates without a zone are read in `zone`; relative ones against `now`.
/// Problems carry the task number and the line; run [`super::check`] for the full list.
pub fn read_csv(text: &str, now: DateTime<Utc>, zone: Zone) -> Result<Parsed, CsvError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| unreadable(&e))?.clone();
    let columns = read_header(&header)?;

    let mut tasks = Vec::new();
    let mut problems = Vec::new();
    let mut lines = Vec::new();
    let mut webhook: Option<String> = None;
    for record in reader.records() {
        let record = record.map_err(|e| unreadable(&e))?;
        let line = record.position().map_or(0, csv::Position::line);
        let number = tasks.len() + 1;
        lines.push(line);
        if record.len() != columns.len() {
            problems.push(Problem::error(
                Some(number),
                "task",
                format!(
                    "the row has {} cells but the header has {} columns",
                    record.len(),
                    columns.len()
                ),
            ));
            tasks.push(Task::default());
            continue;
        }
        let mut object = Map::new();
        let mut custom = Map::new();
        let mut kind = None;
        for (column, cell) in columns.iter().zip(record.iter()) {
            match column {
                Column::Kind | Column::Webhook if cell.trim().is_empty() => {}
                Column::Kind => match Kind::parse(cell) {
                    Some(found) => kind = Some(found),
                    None => problems.push(Problem::error(
                        Some(number),
                        KIND,
                        format!("'{cell}' is not a kind: write appointment or todo"),
                    )),
                },
                Column::Webhook => match &webhook {
                    Some(first) if first != cell => problems.push(Problem::error(
                        Some(number),
                        WEBHOOK,
                        format!("'{cell}' differs from '{first}': one call has one webhook"),
                    )),
                    _ => webhook = Some(cell.to_owned()),
                },
                Column::Custom(_) if cell.is_empty() => {}
                Column::Custom(name) => {
                    custom.insert(name.clone(), Value::String(cell.to_owned()));
                }
                Column::Member(member) => {
                    if let Some(value) = cell_value(member, cell, number, now, zone, &mut problems)
                    {
                        object.insert((*member).to_owned(), value);
                    }
                }
            }
        }
        object
            .entry("Description")
            .or_insert_with(|| Value::String(String::new()));
        object
            .entry("RelatedEntity")
            .or_insert_with(|| Value::from(0));
        if !custom.is_empty() {
            object.insert("CustomFields".into(), Value::Object(custom));
        }
        let mut task = read_task(&Value::Object(object), number, &mut problems);
        if let Some(kind) = kind {
            task.kind = kind;
        }
        tasks.push(task);
    }
    Ok(Parsed {
        batch: Batch::unchecked(tasks, webhook),
        problems,
        lines,
    })
}

/// The columns named by the header row, refusing unknown, repeated and missing ones.
fn read_header(header: &csv::StringRecord) -> Result<Vec<Column>, CsvError> {
    let mut columns = Vec::new();
    for (index, raw) in header.iter().enumerate() {
        let column = column_for(index, raw)?;
        let key = column_key(&column);
        if columns.iter().any(|c| column_key(c) == key) {
            return Err(CsvError::DuplicateColumn {
                column: index + 1,
                name: raw.trim().to_owned(),
            });
        }
        columns.push(column);
    }
    for required in ["Name", "TaskType"] {
        if !columns
            .iter()
            .any(|c| matches!(c, Column::Member(m) if *m == required))
        {
            return Err(CsvError::MissingColumn(required));
        }
    }
    Ok(columns)
}

fn column_key(column: &Column) -> String {
    match column {
        Column::Kind => KIND.into(),
        Column::Webhook => WEBHOOK.into(),
        Column::Member(member) => (*member).into(),
        Column::Custom(name) => name.clone(),
    }
}

fn unreadable(error: &csv::Error) -> CsvError {
    let line = error.position().map_or(1, csv::Position::line);
    let reason = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "the file is not UTF-8 text: save it from the spreadsheet as \"CSV UTF-8\"".to_owned()
        }
        _ => error.to_string(),
    };
    CsvError::Unreadable { line, reason }
}

/// The JSON value a cell stands for; empty cells of optional members are unset.
fn cell_value(
    member: &str,
    cell: &str,
    number: usize,
    now: DateTime<Utc>,
    zone: Zone,
    problems: &mut Vec<Problem>,
) -> Option<Value> {
    let trimmed = cell.trim();
    if member == "TaskType" {
        return Some(serde_json::json!({ "Name": cell }));
    }
    if matches!(member, "Name" | "Description" | "RelatedEntityId") {
        return Some(Value::String(cell.to_owned()));
    }
    if trimmed.is_empty() {
        return None;
    }
    if DATE_COLUMNS.contains(&member) {
        return match when::parse(trimmed, now, zone) {
            Ok(resolved) => Some(Value::String(ApiTime::format(resolved.instant))),
            Err(error) => {
                problems.push(Problem::error(Some(number), member, error.0));
                None
            }
        };
    }
    if NUMBER_COLUMNS.contains(&member) {
        // Let the body reader judge the number, so CSV and JSON give the same messages.
        return Some(
            trimmed
                .parse::<i64>()
                .map(Value::from)
                .or_else(|_| trimmed.parse::<f64>().map(Value::from))
                .unwrap_or_else(|_| Value::String(cell.to_owned())),
        );
    }
    Some(Value::String(cell.to_owned()))
}

/// Writes a batch as CSV in the columns [`read_csv`] reads, dates in UTC API format.
pub fn write_csv(batch: &Batch) -> String {
    let mut custom: Vec<&str> = Vec::new();
    for task in batch.tasks() {
        for name in task.custom_fields.keys() {
            if !custom.contains(&name.as_str()) {
                custom.push(name);
            }
        }
    }
    let mut header: Vec<&str> = vec![KIND];
    header.extend(TASK_MEMBERS.iter().filter(|m| **m != "CustomFields"));
    if batch.webhook.is_some() {
        header.push(WEBHOOK);
    }
    header.extend(&custom);

    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut rows = vec![header.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>()];
    for task in batch.tasks() {
        let mut row = vec![
            task.kind.as_str().to_owned(),
            task.name.clone(),
            task.description.clone(),
            task.related_entity.code().to_string(),
            task.related_entity_id.clone(),
            task.due_date.map(ApiTime::format).unwrap_or_default(),
            task.end_date.map(ApiTime::format).unwrap_or_default(),
            task.reminder.map(|m| m.to_string()).unwrap_or_default(),
            task.notify_by
                .map(|n| n.code().to_owned())
                .unwrap_or_default(),
            task.owner_email.clone().unwrap_or_default(),
            task.location.clone().unwrap_or_default(),
            task.task_type.clone(),
        ];
        if let Some(url) = &batch.webhook {
            row.push(url.clone());
        }
        row.extend(
            custom
                .iter()
                .map(|name| task.custom_fields.get(*name).cloned().unwrap_or_default()),
        );
        rows.push(row);
    }
    for row in rows {
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::{check, read_body, to_value};
    use chrono::TimeZone;

    fn kolkata() -> Zone {
        Zone::parse("Asia/Kolkata").unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
    }

    #[test]
    fn the_example_csv_holds_the_same_tasks_as_the_example_body() {
        let csv = include_str!("../../assets/examples/mixed.csv");
        let json = include_str!("../../assets/examples/mixed.json");
        let from_csv = read_csv(csv, now(), kolkata()).unwrap();
        assert_eq!(from_csv.problems, []);
        let from_json = read_body(json).unwrap();
        assert_eq!(to_value(&from_csv.batch), to_value(&from_json.batch));
    }

    #[test]
    fn write_then_read_gives_the_same_batch() {
        let json = include_str!("../../assets/examples/fifty.json");
        let batch = read_body(json).unwrap().batch;
        let again = read_csv(&write_csv(&batch), now(), kolkata()).unwrap();
        assert_eq!(again.problems, []);
        assert_eq!(again.batch, batch);
    }

    #[test]
    fn a_bad_cell_is_reported_by_line_and_column() {
        let csv = "Name,TaskType,DueDate,Reminder\nCall,Follow Up,tomorrow 10:00,15\n\
                   Visit,Meeting,2027-02-30 10:00,-5\n";
        let parsed = read_csv(csv, now(), kolkata()).unwrap();
        let problems: Vec<String> = check(&parsed, now())
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("task 2 (line 3) · DueDate:")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("task 2 (line 3) · Reminder:")),
            "{problems:?}"
        );
        assert!(
            !problems.iter().any(|p| p.starts_with("task 1")),
            "{problems:?}"
        );
    }

    #[test]
    fn unknown_and_missing_columns_are_refused_whole() {
        let error = read_csv("Name,TaskType,Dudate\n", now(), kolkata()).unwrap_err();
        assert!(error.to_string().contains("column 3: 'Dudate'"), "{error}");
        let error = read_csv("Name,Description\n", now(), kolkata()).unwrap_err();
        assert_eq!(error, CsvError::MissingColumn("TaskType"));
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let parsed = read_csv("\u{feff}Name,TaskType\nCall,Follow Up\n", now(), kolkata()).unwrap();
        assert_eq!(parsed.batch.tasks()[0].name, "Call");
    }

    #[test]
    fn a_short_row_is_a_problem_of_that_row_only() {
        let parsed = read_csv("Name,TaskType\nCall,Follow Up\nVisit\n", now(), kolkata()).unwrap();
        let problems = check(&parsed, now());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].to_string().split(':').next(),
            Some("task 2 (line 3) · task")
        );
    }
}
