//! The sandbox's own reading of a `Task.svc/Retrieve` body: which owner, which due-date
//! window, which status and which page, each member checked as API.md describes it.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::Value;

use super::{API_TIME, Stored};

/// Rows one page may ask for. The documentation shows 200 and states no maximum; this bound is
/// the sandbox's own, so a careless client sees a clear refusal rather than a huge answer.
pub(super) const MAX_ROWS: u64 = 1000;
/// Rows a page holds when `Paging` is left out (the documentation's example value).
const DEFAULT_ROWS: u64 = 200;

/// Whose tasks to list.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Owner {
    Email(String),
    Id(String),
}

/// A well-formed Retrieve request.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Query {
    pub owner: Owner,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub status: Option<u8>,
    pub offset: usize,
    pub rows: usize,
    /// `Sorting.Direction` 1: newest due date first.
    pub descending: bool,
}

impl Query {
    /// Whether a stored task is in this query's owner, window and status.
    pub fn admits(&self, task: &Stored) -> bool {
        let owner = match &self.owner {
            Owner::Email(email) => task.owner_email.eq_ignore_ascii_case(email),
            Owner::Id(id) => task.owner_id.eq_ignore_ascii_case(id),
        };
        owner
            && self.from.is_none_or(|from| task.due >= from)
            && self.to.is_none_or(|to| task.due <= to)
            && self.status.is_none_or(|status| task.status_code == status)
    }
}

/// Reads a Retrieve body; `Err` is the message of the 400 answer.
pub(super) fn parse(bytes: &[u8]) -> Result<Query, String> {
    let body: Value = serde_json::from_slice(bytes)
        .map_err(|error| format!("The body is not valid JSON: {error}"))?;
    let parameter = body.get("Parameter").and_then(Value::as_object).ok_or(
        "Parameter is missing: send {\"Parameter\": {\"LookupName\": \"OwnerEmailAddress\", \
         \"LookupValue\": \"<e-mail>\"}}",
    )?;
    let value = parameter
        .get("LookupValue")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .ok_or("Parameter.LookupValue is missing or empty: give the owner's e-mail or id")?
        .to_owned();
    let owner = match parameter.get("LookupName").and_then(Value::as_str) {
        Some("OwnerEmailAddress") => Owner::Email(value),
        Some("OwnerId") => Owner::Id(value),
        Some(other) => {
            return Err(format!(
                "Parameter.LookupName '{other}' is not supported: use OwnerEmailAddress or OwnerId"
            ));
        }
        None => {
            return Err("Parameter.LookupName is missing: use OwnerEmailAddress or OwnerId".into());
        }
    };
    let from = date(parameter.get("FromDate"), "FromDate")?;
    let to = date(parameter.get("ToDate"), "ToDate")?;
    let status = match parameter.get("StatusCode") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) if n.as_u64() == Some(0) => Some(0),
        Some(Value::Number(n)) if n.as_u64() == Some(1) => Some(1),
        Some(other) => {
            return Err(format!(
                "Parameter.StatusCode must be 0 (incomplete) or 1 (complete); got {other}"
            ));
        }
    };
    let paging = body.get("Paging");
    let offset = whole(paging.and_then(|p| p.get("Offset")), "Paging.Offset", 0)?;
    let rows = whole(
        paging.and_then(|p| p.get("RowCount")),
        "Paging.RowCount",
        DEFAULT_ROWS,
    )?;
    if rows == 0 || rows > MAX_ROWS {
        return Err(format!(
            "Paging.RowCount must be 1 to {MAX_ROWS}; got {rows}"
        ));
    }
    let descending = body
        .get("Sorting")
        .and_then(|sorting| sorting.get("Direction"))
        .and_then(Value::as_u64)
        == Some(1);
    Ok(Query {
        owner,
        from,
        to,
        status,
        offset: usize::try_from(offset).unwrap_or(usize::MAX),
        rows: usize::try_from(rows).unwrap_or(usize::MAX),
        descending,
    })
}

fn date(value: Option<&Value>, name: &str) -> Result<Option<DateTime<Utc>>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => NaiveDateTime::parse_from_str(text, API_TIME)
            .map(|naive| Some(naive.and_utc()))
            .map_err(|_| format!("Parameter.{name} '{text}' is not YYYY-MM-DD HH:MM:SS (UTC)")),
        Some(other) => Err(format!("Parameter.{name} must be a string; got {other}")),
    }
}

fn whole(value: Option<&Value>, name: &str, default: u64) -> Result<u64, String> {
    match value {
        None | Some(Value::Null) => Ok(default),
        Some(value) => value
            .as_u64()
            .ok_or_else(|| format!("{name} must be a whole number of at least 0; got {value}")),
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[test]
    fn a_full_request_reads_back() {
        let query = parse(
            br#"{"Parameter": {"LookupName": "OwnerId", "LookupValue": "abc",
                 "FromDate": "2030-01-01 00:00:00", "ToDate": "2030-01-02 00:00:00",
                 "StatusCode": 0}, "Paging": {"Offset": 5, "RowCount": 10},
                 "Sorting": {"ColumnName": "DueDate", "Direction": 1}}"#,
        )
        .unwrap();
        assert_eq!(query.owner, Owner::Id("abc".into()));
        assert_eq!((query.offset, query.rows, query.status), (5, 10, Some(0)));
        assert!(query.descending && query.from.is_some() && query.to.is_some());
    }

    #[rstest]
    #[case::no_parameter("{}", "Parameter is missing")]
    #[case::other_lookup(
        r#"{"Parameter": {"LookupName": "Name", "LookupValue": "x"}}"#,
        "'Name' is not supported"
    )]
    #[case::empty_value(
        r#"{"Parameter": {"LookupName": "OwnerId", "LookupValue": " "}}"#,
        "LookupValue is missing"
    )]
    #[case::bad_date(
        r#"{"Parameter": {"LookupName": "OwnerId", "LookupValue": "x", "ToDate": "tomorrow"}}"#,
        "'tomorrow' is not"
    )]
    #[case::bad_status(
        r#"{"Parameter": {"LookupName": "OwnerId", "LookupValue": "x", "StatusCode": 2}}"#,
        "StatusCode must be 0"
    )]
    #[case::too_many_rows(
        r#"{"Parameter": {"LookupName": "OwnerId", "LookupValue": "x"},
            "Paging": {"RowCount": 5000}}"#,
        "RowCount must be 1 to 1000"
    )]
    fn a_bad_request_says_what_to_send(#[case] body: &str, #[case] expected: &str) {
        let message = parse(body.as_bytes()).unwrap_err();
        assert!(message.contains(expected), "{message}");
    }
}
