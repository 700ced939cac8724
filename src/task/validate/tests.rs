//! One rejected and one accepted input for every rule, through the same path `validate` takes.

use chrono::{DateTime, TimeZone, Utc};
use rstest::rstest;
use serde_json::{Value, json};

use crate::task::{Severity, check, read_body};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
}

/// A to-do that passes every rule.
fn base() -> Value {
    json!({
        "Name": "Call back",
        "Description": "About the quote",
        "RelatedEntity": 1,
        "RelatedEntityId": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
        "DueDate": "2027-01-14 04:30:00",
        "Reminder": 15,
        "NotifyBy": "1100",
        "OwnerEmailAddress": "asha@example.com",
        "TaskType": {"Name": "Follow Up"}
    })
}

/// The base task with members replaced (`null` removes one), in a one-task body.
fn body_with(patch: &Value) -> Value {
    let mut task = base();
    for (key, value) in patch.as_object().unwrap() {
        if value.is_null() {
            task.as_object_mut().unwrap().remove(key);
        } else {
            task[key] = value.clone();
        }
    }
    json!({ "TaskList": [task] })
}

/// `(member, severity)` of every problem found in `body`.
fn findings(body: &Value) -> Vec<(String, Severity)> {
    let parsed = read_body(&body.to_string()).unwrap();
    check(&parsed, now())
        .into_iter()
        .map(|p| (p.member, p.severity))
        .collect()
}

fn has(body: &Value, member: &str, severity: Severity) -> bool {
    findings(body)
        .iter()
        .any(|(m, s)| m == member && *s == severity)
}

#[test]
fn the_base_task_is_clean() {
    assert_eq!(findings(&body_with(&json!({}))), []);
}

#[rstest]
#[case::empty_name("Name", json!({"Name": " "}), json!({"Name": "x"}))]
#[case::empty_task_type("TaskType.Name", json!({"TaskType": {"Name": ""}}),
    json!({"TaskType": {"Name": "Meeting"}}))]
#[case::related_entity_not_0_1_5("RelatedEntity", json!({"RelatedEntity": 3}),
    json!({"RelatedEntity": 5}))]
#[case::related_entity_as_string("RelatedEntity", json!({"RelatedEntity": "1"}),
    json!({"RelatedEntity": 1}))]
#[case::related_id_missing_for_lead("RelatedEntityId", json!({"RelatedEntityId": null}),
    json!({"RelatedEntityId": "0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9"}))]
#[case::related_id_not_guid("RelatedEntityId", json!({"RelatedEntityId": "lead-42"}),
    json!({"RelatedEntity": 5, "RelatedEntityId": "00000000-0000-0000-0000-000000000001"}))]
#[case::related_id_with_entity_0("RelatedEntityId",
    json!({"RelatedEntity": 0}),
    json!({"RelatedEntity": 0, "RelatedEntityId": ""}))]
#[case::date_format("DueDate", json!({"DueDate": "2027-01-14T04:30:00Z"}),
    json!({"DueDate": "2027-01-14 04:30:00"}))]
#[case::date_not_real("DueDate", json!({"DueDate": "2027-02-29 04:30:00"}),
    json!({"DueDate": "2028-02-29 04:30:00"}))]
#[case::end_date_format("EndDate", json!({"EndDate": "14/01/2027 05:00"}),
    json!({"EndDate": "2027-01-14 05:00:00"}))]
#[case::end_before_due("EndDate", json!({"EndDate": "2027-01-14 04:29:59"}),
    json!({"EndDate": "2027-01-14 04:30:00"}))]
#[case::reminder_negative("Reminder", json!({"Reminder": -5}), json!({"Reminder": 0}))]
#[case::reminder_not_whole("Reminder", json!({"Reminder": 2.5}), json!({"Reminder": 30}))]
#[case::notify_by_other("NotifyBy", json!({"NotifyBy": "1"}),
    json!({"NotifyBy": "1000", "Reminder": null}))]
#[case::notify_by_number("NotifyBy", json!({"NotifyBy": 1100}), json!({"NotifyBy": "1100"}))]
#[case::owner_email("OwnerEmailAddress", json!({"OwnerEmailAddress": "asha@example"}),
    json!({"OwnerEmailAddress": "asha.r+tasks@mail.example.co.in"}))]
#[case::custom_field_name("CustomFields.Colour", json!({"CustomFields": {"Colour": "red"}}),
    json!({"CustomFields": {"mx_Colour_2": "red"}}))]
#[case::custom_field_value("CustomFields.mx_Count", json!({"CustomFields": {"mx_Count": 3}}),
    json!({"CustomFields": {"mx_Count": "3"}}))]
#[case::unknown_member("Duedate", json!({"Duedate": "2027-01-14 04:30:00"}),
    json!({"DueDate": "2027-01-14 04:30:00"}))]
#[case::wrong_type("Name", json!({"Name": 42}), json!({"Name": "42"}))]
fn errors(#[case] member: &str, #[case] rejected: Value, #[case] accepted: Value) {
    assert!(
        has(&body_with(&rejected), member, Severity::Error),
        "{rejected} should be an error on {member}: {:?}",
        findings(&body_with(&rejected))
    );
    let clean = findings(&body_with(&accepted));
    assert!(
        !clean.iter().any(|(_, s)| *s == Severity::Error),
        "{accepted}: {clean:?}"
    );
}

#[rstest]
#[case::past_due("DueDate", json!({"DueDate": "2026-12-02 09:00:00"}),
    json!({"DueDate": "2026-12-03 09:00:00"}))]
#[case::appointment_without_end("EndDate", json!({"Location": "Indiranagar"}),
    json!({"Location": "Indiranagar", "EndDate": "2027-01-14 05:00:00"}))]
#[case::reminder_without_notification("Reminder", json!({"NotifyBy": "1000"}),
    json!({"NotifyBy": "1000", "Reminder": null}))]
fn warnings(#[case] member: &str, #[case] warned: Value, #[case] accepted: Value) {
    let warned_findings = findings(&body_with(&warned));
    assert!(
        has(&body_with(&warned), member, Severity::Warning),
        "{warned_findings:?}"
    );
    assert!(
        !warned_findings.iter().any(|(_, s)| *s == Severity::Error),
        "{warned_findings:?}"
    );
    assert_eq!(findings(&body_with(&accepted)), []);
}

#[test]
fn two_identical_tasks_are_a_warning_on_the_second() {
    let twice = json!({ "TaskList": [base(), base()] });
    let problems = check(&read_body(&twice.to_string()).unwrap(), now());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].task, Some(2));
    assert_eq!(problems[0].severity, Severity::Warning);
    assert!(problems[0].message.contains("task 1"));
    let mut other = base();
    other["Name"] = json!("Call back again");
    let distinct = json!({ "TaskList": [base(), other] });
    assert_eq!(findings(&distinct), []);
}

#[rstest]
#[case::no_tasks(0, true)]
#[case::one_task(1, false)]
#[case::fifty_tasks(50, false)]
#[case::fifty_one_tasks(51, true)]
fn task_count(#[case] count: usize, #[case] rejected: bool) {
    let tasks: Vec<Value> = (0..count)
        .map(|i| {
            let mut task = base();
            task["Name"] = json!(format!("Call {i}"));
            task
        })
        .collect();
    let body = json!({ "TaskList": tasks });
    assert_eq!(
        has(&body, "TaskList", Severity::Error),
        rejected,
        "{count} tasks"
    );
}

#[rstest]
#[case::relative("hooks/lsq", true)]
#[case::ftp("ftp://hooks.example.com/lsq", true)]
#[case::not_a_string("42", true)]
#[case::https("https://hooks.example.com/lsq", false)]
#[case::http_loopback("http://127.0.0.1:9000/hook", false)]
fn status_webhook_url(#[case] url: &str, #[case] rejected: bool) {
    let webhook = if url == "42" { json!(42) } else { json!(url) };
    let body = json!({ "TaskList": [base()], "StatusWebhookURL": webhook });
    assert_eq!(
        has(&body, "StatusWebhookURL", Severity::Error),
        rejected,
        "{url}"
    );
}

#[test]
fn an_unknown_body_member_is_an_error_with_a_suggestion() {
    let body = json!({ "TaskList": [base()], "StatusWebHookUrl": "https://x.example.com" });
    let problems = check(&read_body(&body.to_string()).unwrap(), now());
    assert!(
        problems[0]
            .message
            .contains("did you mean StatusWebhookURL?"),
        "{problems:?}"
    );
}

#[test]
fn problems_name_the_task_by_its_1_based_number() {
    let mut bad = base();
    bad["Name"] = json!("");
    let body = json!({ "TaskList": [base(), bad] });
    let problems = check(&read_body(&body.to_string()).unwrap(), now());
    assert_eq!(
        problems[0].to_string(),
        "task 2 · Name: is empty: every task needs a subject"
    );
}
