//! The sandbox's invented account: one signed-in user, task types of both categories, users
//! (one inactive) and leads (two sharing an e-mail), shaped like the documented lookups.

use serde_json::{Value, json};

/// The e-mail two demo leads share, so a composer can show "several matches".
pub const SHARED_LEAD_EMAIL: &str = "accounts@example.com";

const ASHA_ID: &str = "5f0c5a2e-8d3b-4c1e-9a7f-2b6d4e8c1a30";
const RAVI_ID: &str = "7a1d3c5e-2f4b-4d6a-8c9e-0b1a2c3d4e5f";
const MEERA_ID: &str = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const VIKRAM_ID: &str = "3e2d1c0b-9a8f-4e7d-9c6b-5a4f3e2d1c0b";

/// The user behind the sandbox's keys, as `UserByAccessKey.Get` answers. `api_host` and
/// `web_host` are bare `host:port` names, as the real service gives bare host names.
pub(super) fn signed_in_user(api_host: &str, web_host: &str) -> Value {
    json!({
        "Id": ASHA_ID,
        "Name": "Asha Rao",
        "FirstName": "Asha",
        "LastName": "Rao",
        "EmailAddress": "asha@example.com",
        "Role": "Administrator",
        "TimeZone": "Asia/Kolkata",
        "OrgDisplayName": "Sandbox Demo Realty (not a real account)",
        "OrgId": "10001",
        "PassPhrase": "asha@example.com",
        "LSQCommonServiceURLs": { "api": api_host, "app": web_host }
    })
}

/// One field of a task type's `ColumnConfiguration`.
fn column(schema: &str, display: &str, mandatory: bool, data_type: &str) -> Value {
    json!({
        "SchemaName": schema,
        "DisplayName": display,
        "Mandatory": mandatory,
        "DataType": data_type
    })
}

/// The fields every task type has, before its own custom ones.
fn common_columns(location: bool) -> Vec<Value> {
    let mut columns = vec![
        column("Name", "Subject", true, "String"),
        column("DueDate", "Due Date", true, "DateTime"),
        column("OwnerId", "Owner", true, "User"),
        column("Description", "Notes", false, "LargeText"),
    ];
    if location {
        columns.push(column("Location", "Location", false, "String"));
    }
    columns
}

fn task_type(id: &str, name: &str, category: u8, color: &str, own: Vec<Value>) -> Value {
    let mut columns = common_columns(category == 0);
    columns.extend(own);
    json!({
        "Id": id,
        "Name": name,
        "Category": category,
        "Color": color,
        "ColumnConfiguration": columns
    })
}

/// `RetrieveTaskType`: appointments (category 0) and to-dos (1), some with mandatory custom
/// fields, so a composer has something to enforce.
pub(super) fn task_types() -> Value {
    Value::Array(vec![
        task_type(
            "1b2c3d4e-0001-4a00-8000-00000000a001",
            "Meeting",
            0,
            "#1F77B4",
            vec![column("mx_Custom_1", "Agenda", false, "String")],
        ),
        task_type(
            "1b2c3d4e-0002-4a00-8000-00000000a002",
            "Site Visit",
            0,
            "#2CA02C",
            vec![
                column("mx_Custom_1", "Property Code", true, "String"),
                column("mx_Custom_2", "Visitors", false, "Number"),
            ],
        ),
        task_type(
            "1b2c3d4e-0003-4a00-8000-00000000b001",
            "Follow Up",
            1,
            "#FF7F0E",
            vec![],
        ),
        task_type(
            "1b2c3d4e-0004-4a00-8000-00000000b002",
            "Document Collection",
            1,
            "#9467BD",
            vec![
                column("mx_Custom_1", "Document", false, "Dropdown"),
                column("mx_Custom_2", "Collected By", false, "String"),
            ],
        ),
        task_type(
            "1b2c3d4e-0005-4a00-8000-00000000b003",
            "Call Back",
            1,
            "#D62728",
            vec![column("mx_Custom_1", "Phone Number", true, "Phone")],
        ),
    ])
}

fn user(id: &str, first: &str, last: &str, role: &str, status: u8) -> Value {
    json!({
        "ID": id,
        "FirstName": first,
        "LastName": last,
        "EmailAddress": format!("{}@example.com", first.to_ascii_lowercase()),
        "Role": role,
        "StatusCode": status
    })
}

/// `Users.Get`: three active users and one inactive (`StatusCode` 1) who must not be offered as
/// an owner.
pub(super) fn users() -> Value {
    Value::Array(vec![
        user(ASHA_ID, "Asha", "Rao", "Administrator", 0),
        user(RAVI_ID, "Ravi", "Kumar", "Sales User", 0),
        user(MEERA_ID, "Meera", "Iyer", "Sales Manager", 0),
        user(VIKRAM_ID, "Vikram", "Shah", "Sales User", 1),
    ])
}

fn lead(id: &str, first: &str, last: &str, email: &str, company: &str, owner: &str) -> Value {
    json!({
        "ProspectID": id,
        "FirstName": first,
        "LastName": last,
        "EmailAddress": email,
        "Company": company,
        "OwnerId": owner
    })
}

fn leads() -> [Value; 4] {
    [
        lead(
            "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
            "Priya",
            "Sharma",
            "priya.sharma@example.com",
            "Sharma Interiors",
            RAVI_ID,
        ),
        lead(
            "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
            "Arjun",
            "Mehta",
            "arjun.mehta@example.com",
            "Mehta Logistics",
            MEERA_ID,
        ),
        lead(
            "4c5d6e7f-8a9b-4c0d-8e1f-2a3b4c5d6e7f",
            "Kiran",
            "Desai",
            SHARED_LEAD_EMAIL,
            "Desai Textiles",
            RAVI_ID,
        ),
        lead(
            "6e7f8a9b-0c1d-4e2f-9a3b-4c5d6e7f8a9b",
            "Sunil",
            "Desai",
            SHARED_LEAD_EMAIL,
            "Desai Exports",
            MEERA_ID,
        ),
    ]
}

/// `Leads.GetByEmailaddress`: every lead with that e-mail, ignoring case and surrounding
/// spaces as e-mail lookups do; an empty array when none.
pub(super) fn leads_by_email(email: &str) -> Value {
    let wanted = email.trim();
    Value::Array(
        leads()
            .into_iter()
            .filter(|lead| {
                lead["EmailAddress"]
                    .as_str()
                    .is_some_and(|address| address.eq_ignore_ascii_case(wanted))
            })
            .collect(),
    )
}

/// The owner a created task gets: the active user with that e-mail, or the signed-in user when
/// the task names none (as the service gives an owner-less task to the keys' user).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Owner {
    pub id: String,
    pub name: String,
    pub email: String,
}

/// The owner of a task with this `OwnerEmailAddress` (see [`Owner`]); an unknown e-mail never
/// gets here, since `creation_problem` refuses it first.
pub(super) fn owner(email: Option<&str>) -> Owner {
    let wanted = email.unwrap_or("asha@example.com").trim();
    let users = users();
    let user = users
        .as_array()
        .into_iter()
        .flatten()
        .find(|user| {
            user["EmailAddress"]
                .as_str()
                .is_some_and(|address| address.eq_ignore_ascii_case(wanted))
        })
        .unwrap_or(&users[0]);
    let text = |name: &str| user[name].as_str().unwrap_or_default().to_owned();
    Owner {
        id: text("ID"),
        name: format!("{} {}", text("FirstName"), text("LastName")),
        email: text("EmailAddress"),
    }
}

/// The category (0 appointment, 1 to-do) of the demo task type with this name.
pub(super) fn category_of(task_type: &str) -> Option<u8> {
    task_types()
        .as_array()?
        .iter()
        .find(|known| known["Name"].as_str() == Some(task_type))
        .and_then(|known| known["Category"].as_u64())
        .and_then(|category| u8::try_from(category).ok())
}

/// Why the demo account could not create this (already well-formed) task, or `None`: what the
/// real service reports only later, in the creation result.
pub(super) fn creation_problem(task: &Value) -> Option<String> {
    let types = task_types();
    let type_name = task["TaskType"]["Name"].as_str().unwrap_or_default();
    let Some(task_type) = types
        .as_array()
        .into_iter()
        .flatten()
        .find(|known| known["Name"].as_str() == Some(type_name))
    else {
        return Some(format!("No task type named '{type_name}' in this account"));
    };
    if let Some(owner) = task["OwnerEmailAddress"].as_str() {
        let users = users();
        let active = users.as_array().into_iter().flatten().any(|user| {
            user["StatusCode"] == 0
                && user["EmailAddress"]
                    .as_str()
                    .is_some_and(|address| address.eq_ignore_ascii_case(owner))
        });
        if !active {
            return Some(format!("No active user with the e-mail '{owner}'"));
        }
    }
    let columns = task_type["ColumnConfiguration"]
        .as_array()
        .into_iter()
        .flatten();
    columns
        .filter(|column| column["Mandatory"] == true)
        .filter_map(|column| column["SchemaName"].as_str())
        .filter(|schema| schema.starts_with("mx_"))
        .find(|schema| {
            task["CustomFields"][*schema]
                .as_str()
                .is_none_or(|value| value.trim().is_empty())
        })
        .map(|schema| format!("The task type '{type_name}' needs the custom field {schema}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_email_finds_two_leads_in_any_case() {
        let found = leads_by_email(" Accounts@Example.com ");
        assert_eq!(found.as_array().unwrap().len(), 2);
        assert_eq!(leads_by_email("nobody@example.com"), json!([]));
    }

    #[test]
    fn creation_needs_a_known_type_an_active_owner_and_mandatory_fields() {
        let fine =
            json!({"TaskType": {"Name": "Meeting"}, "OwnerEmailAddress": "ravi@example.com"});
        assert_eq!(creation_problem(&fine), None);
        let unknown = json!({"TaskType": {"Name": "Lunch"}});
        assert!(creation_problem(&unknown).unwrap().contains("'Lunch'"));
        let inactive =
            json!({"TaskType": {"Name": "Follow Up"}, "OwnerEmailAddress": "vikram@example.com"});
        assert!(
            creation_problem(&inactive)
                .unwrap()
                .contains("No active user")
        );
        let bare = json!({"TaskType": {"Name": "Call Back"}});
        assert!(creation_problem(&bare).unwrap().contains("mx_Custom_1"));
        let filled =
            json!({"TaskType": {"Name": "Call Back"}, "CustomFields": {"mx_Custom_1": "+91 98"}});
        assert_eq!(creation_problem(&filled), None);
    }
}
