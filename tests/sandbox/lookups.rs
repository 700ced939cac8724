//! The demo account through the lookup endpoints a composer uses: the key check, task types,
//! users and leads by e-mail.

use std::collections::BTreeSet;

use lsq_tasks::sandbox::{Options, SHARED_LEAD_EMAIL};
use serde_json::Value;

use super::{USER_BY_ACCESS_KEY, get, start};

fn array(value: &Value) -> &Vec<Value> {
    value.as_array().unwrap()
}

#[tokio::test]
async fn the_key_check_names_the_demo_user_and_the_sandbox_as_its_host() {
    let sandbox = start(Options::default()).await;
    let user = get(&sandbox, USER_BY_ACCESS_KEY).await;
    assert_eq!(user.status, 200, "{}", user.text);
    for member in ["Id", "Name", "Role", "OrgDisplayName", "OrgId"] {
        assert!(user.body[member].is_string(), "{member}: {}", user.text);
    }
    assert_eq!(user.body["TimeZone"], "Asia/Kolkata");
    assert_eq!(user.body["PassPhrase"], "asha@example.com");
    let own = sandbox.addr().to_string();
    assert_eq!(user.body["LSQCommonServiceURLs"]["api"], own.as_str());
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_key_check_reports_the_account_host_it_was_given() {
    let options = Options {
        account_host: Some("api-in21.leadsquared.com".to_owned()),
        ..Options::default()
    };
    let sandbox = start(options).await;
    let user = get(&sandbox, USER_BY_ACCESS_KEY).await;
    assert_eq!(
        user.body["LSQCommonServiceURLs"]["api"],
        "api-in21.leadsquared.com"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn task_types_come_in_both_categories_some_with_mandatory_custom_fields() {
    let sandbox = start(Options::default()).await;
    let types = get(&sandbox, "/v2/Task.svc/RetrieveTaskType").await;
    assert_eq!(types.status, 200, "{}", types.text);
    let category_of = |name: &str| {
        array(&types.body)
            .iter()
            .find(|known| known["Name"] == name)
            .map(|known| known["Category"].as_u64().unwrap())
    };
    assert_eq!(category_of("Meeting"), Some(0));
    assert_eq!(category_of("Site Visit"), Some(0));
    assert_eq!(category_of("Follow Up"), Some(1));
    assert_eq!(category_of("Document Collection"), Some(1));
    assert_eq!(category_of("Call Back"), Some(1));
    let mandatory_custom = array(&types.body)
        .iter()
        .flat_map(|known| array(&known["ColumnConfiguration"]))
        .filter(|column| column["SchemaName"].as_str().unwrap().starts_with("mx_"))
        .filter(|column| column["Mandatory"] == true)
        .count();
    assert!(mandatory_custom >= 1, "{}", types.text);
    for known in array(&types.body) {
        assert!(
            known["Id"].is_string() && known["Color"].is_string(),
            "{known}"
        );
        for column in array(&known["ColumnConfiguration"]) {
            assert!(column["DisplayName"].is_string() && column["DataType"].is_string());
        }
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn users_include_active_and_inactive_ones() {
    let sandbox = start(Options::default()).await;
    let users = get(&sandbox, "/v2/UserManagement.svc/Users.Get").await;
    assert_eq!(users.status, 200, "{}", users.text);
    let status_of = |email: &str| {
        array(&users.body)
            .iter()
            .find(|user| user["EmailAddress"] == email)
            .map(|user| user["StatusCode"].as_u64().unwrap())
    };
    for email in ["asha@example.com", "ravi@example.com", "meera@example.com"] {
        assert_eq!(status_of(email), Some(0), "{email}");
    }
    let codes: BTreeSet<u64> = array(&users.body)
        .iter()
        .map(|user| user["StatusCode"].as_u64().unwrap())
        .collect();
    assert_eq!(codes, BTreeSet::from([0, 1]));
    for user in array(&users.body) {
        for member in ["ID", "FirstName", "LastName", "Role"] {
            assert!(user[member].is_string(), "{member}: {user}");
        }
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn leads_are_found_by_email_one_none_or_several() {
    let sandbox = start(Options::default()).await;
    let path = "/v2/LeadManagement.svc/Leads.GetByEmailaddress?emailaddress=";
    let one = get(&sandbox, &format!("{path}priya.sharma%40example.com")).await;
    assert_eq!(one.status, 200, "{}", one.text);
    assert_eq!(array(&one.body).len(), 1);
    let lead = &one.body[0];
    assert_eq!(lead["ProspectID"], "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9");
    assert_eq!(lead["FirstName"], "Priya");
    for member in ["LastName", "EmailAddress", "Company", "OwnerId"] {
        assert!(lead[member].is_string(), "{member}: {lead}");
    }

    let none = get(&sandbox, &format!("{path}nobody@example.com")).await;
    assert_eq!((none.status, none.text.as_str()), (200, "[]"));

    let several = get(&sandbox, &format!("{path}{SHARED_LEAD_EMAIL}")).await;
    let ids: BTreeSet<&str> = array(&several.body)
        .iter()
        .map(|lead| lead["ProspectID"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{}", several.text);

    let unasked = get(&sandbox, "/v2/LeadManagement.svc/Leads.GetByEmailaddress").await;
    assert_eq!(unasked.status, 400);
    assert!(
        unasked.message().contains("emailaddress"),
        "{}",
        unasked.text
    );
    sandbox.shutdown().await;
}
