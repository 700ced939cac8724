//! Read-only calls that help compose: whose keys these are, the account's task types and users,
//! and a lead found by e-mail. Answers are read leniently: a missing member is empty, not an
//! error, since the documentation lists "among many fields".

use serde_json::Value;

use super::client::Client;
use super::outcome::{Call, Outcome};

const USER_BY_KEY: &str = "/v2/Authentication.svc/UserByAccessKey.Get";
const TASK_TYPES: &str = "/v2/Task.svc/RetrieveTaskType";
const USERS: &str = "/v2/UserManagement.svc/Users.Get";
const LEADS_BY_EMAIL: &str = "/v2/LeadManagement.svc/Leads.GetByEmailaddress";

/// A lookup that did not give the expected answer; the call says how it ended.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct LookupError {
    pub message: String,
    /// Boxed: a whole call with its body is large, and errors travel by value.
    pub call: Box<Call>,
}

/// The user behind a pair of keys.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccountUser {
    pub id: String,
    pub name: String,
    pub role: String,
    pub time_zone: String,
    pub organisation: String,
    pub org_id: String,
    /// The user's login e-mail (`PassPhrase`).
    pub email: String,
    /// The account's region API host (`LSQCommonServiceURLs.api`), a bare host name.
    pub api_host: String,
}

/// A custom field of a task type.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CustomFieldInfo {
    pub schema_name: String,
    pub display_name: String,
    pub mandatory: bool,
    pub data_type: String,
}

/// A task type configured in the account.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TaskTypeInfo {
    pub id: String,
    pub name: String,
    /// 0 appointment, 1 to-do.
    pub category: i64,
    pub fields: Vec<CustomFieldInfo>,
}

/// A user of the account: a candidate owner.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UserInfo {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub active: bool,
}

/// A lead found by e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lead {
    /// The id to send as `RelatedEntityId` with `RelatedEntity` 1.
    pub prospect_id: String,
    pub name: String,
    pub email: String,
    pub company: String,
}

fn text(value: &Value, name: &str) -> String {
    match value.get(name) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn number(value: &Value, name: &str) -> Option<i64> {
    match value.get(name)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn joined(first: &str, last: &str) -> String {
    format!("{first} {last}").trim().to_owned()
}

/// The JSON of an accepted call, or a LookupError saying what came instead.
fn accepted_json(call: Call, what: &str) -> Result<Value, LookupError> {
    match &call.outcome {
        Outcome::Accepted { body, .. } => match &body.json {
            Some(json) => Ok(json.clone()),
            None => Err(LookupError {
                message: format!("{what}: the answer is not JSON"),
                call: Box::new(call),
            }),
        },
        outcome => Err(LookupError {
            message: format!("{what}: {}", outcome.headline()),
            call: Box::new(call.clone()),
        }),
    }
}

fn list(json: &Value) -> Vec<Value> {
    match json {
        Value::Array(items) => items.clone(),
        // Some LeadSquared list calls wrap the items: {"List": [...]} or {"Data": [...]}.
        Value::Object(object) => ["List", "Data", "Users", "TaskTypes"]
            .iter()
            .find_map(|k| object.get(*k).and_then(Value::as_array).cloned())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

impl Client {
    /// `UserByAccessKey.Get`: whose keys these are and where the account lives.
    pub async fn account(&self) -> Result<AccountUser, LookupError> {
        let call = self.get(USER_BY_KEY, &[]).await;
        let json = accepted_json(call, "key check")?;
        let urls = json
            .get("LSQCommonServiceURLs")
            .cloned()
            .unwrap_or(Value::Null);
        Ok(AccountUser {
            id: text(&json, "Id"),
            name: text(&json, "Name"),
            role: text(&json, "Role"),
            time_zone: text(&json, "TimeZone"),
            organisation: text(&json, "OrgDisplayName"),
            org_id: text(&json, "OrgId"),
            email: text(&json, "PassPhrase"),
            api_host: text(&urls, "api"),
        })
    }

    /// `RetrieveTaskType`: the account's task types with their custom fields.
    pub async fn task_types(&self) -> Result<Vec<TaskTypeInfo>, LookupError> {
        let json = accepted_json(self.get(TASK_TYPES, &[]).await, "task types")?;
        Ok(list(&json)
            .iter()
            .map(|item| TaskTypeInfo {
                id: text(item, "Id"),
                name: text(item, "Name"),
                category: number(item, "Category").unwrap_or(1),
                fields: columns(item),
            })
            .filter(|t| !t.name.is_empty())
            .collect())
    }

    /// `Users.Get`: the account's users.
    pub async fn users(&self) -> Result<Vec<UserInfo>, LookupError> {
        let json = accepted_json(self.get(USERS, &[]).await, "users")?;
        Ok(list(&json)
            .iter()
            .map(|item| UserInfo {
                id: text(item, "ID"),
                name: joined(&text(item, "FirstName"), &text(item, "LastName")),
                email: text(item, "EmailAddress"),
                role: text(item, "Role"),
                active: number(item, "StatusCode").unwrap_or(0) == 0,
            })
            .filter(|u| !u.email.is_empty())
            .collect())
    }

    /// `Leads.GetByEmailaddress`: the leads with this e-mail (none, one or several).
    pub async fn leads_by_email(&self, email: &str) -> Result<Vec<Lead>, LookupError> {
        let call = self.get(LEADS_BY_EMAIL, &[("emailaddress", email)]).await;
        let json = accepted_json(call, "lead look-up")?;
        Ok(list(&json)
            .iter()
            .map(|item| Lead {
                prospect_id: text(item, "ProspectID"),
                name: joined(&text(item, "FirstName"), &text(item, "LastName")),
                email: text(item, "EmailAddress"),
                company: text(item, "Company"),
            })
            .filter(|l| !l.prospect_id.is_empty())
            .collect())
    }
}

/// The custom fields of a task type's `ColumnConfiguration`, which may come as an array or
/// as a JSON string holding one.
fn columns(task_type: &Value) -> Vec<CustomFieldInfo> {
    let config = match task_type.get("ColumnConfiguration") {
        Some(Value::String(text)) => serde_json::from_str(text).unwrap_or(Value::Null),
        Some(other) => other.clone(),
        None => Value::Null,
    };
    list(&config)
        .iter()
        .map(|field| CustomFieldInfo {
            schema_name: text(field, "SchemaName"),
            display_name: text(field, "DisplayName"),
            mandatory: matches!(field.get("Mandatory"), Some(Value::Bool(true)))
                || number(field, "Mandatory") == Some(1)
                || text(field, "Mandatory").eq_ignore_ascii_case("true"),
            data_type: text(field, "DataType"),
        })
        .filter(|f| f.schema_name.starts_with("mx_"))
        .collect()
}
