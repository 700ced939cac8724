//! Cases for the sandbox's body rules: each documented member, the body's shape, the limits.

use rstest::rstest;
use serde_json::json;

use super::*;

fn task() -> Value {
    json!({
        "Name": "Site visit",
        "Description": "Walk the client through the new branch",
        "RelatedEntity": 1,
        "RelatedEntityId": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
        "DueDate": "2027-01-14 04:30:00",
        "EndDate": "2027-01-14 05:15:00",
        "Reminder": 15,
        "NotifyBy": "1100",
        "OwnerEmailAddress": "asha@example.com",
        "Location": "Indiranagar",
        "TaskType": { "Name": "Meeting" },
        "CustomFields": { "mx_Custom_1": "Bring brochures" }
    })
}

fn with(member: &str, value: Value) -> Vec<u8> {
    let mut changed = task();
    changed[member] = value;
    serde_json::to_vec(&json!({ "TaskList": [task(), changed] })).unwrap()
}

fn without(member: &str) -> Vec<u8> {
    let mut changed = task();
    changed.as_object_mut().unwrap().remove(member);
    serde_json::to_vec(&json!({ "TaskList": [changed] })).unwrap()
}

#[test]
fn every_documented_member_is_accepted() {
    let body = json!({ "TaskList": [task()], "StatusWebhookURL": "http://127.0.0.1:9/x" });
    let accepted = check(&serde_json::to_vec(&body).unwrap()).unwrap();
    assert_eq!(accepted.tasks, 1);
    assert_eq!(accepted.webhook.as_deref(), Some("http://127.0.0.1:9/x"));
    assert_eq!(accepted.body, body);
}

#[rstest]
#[case::month_13("DueDate", json!("2027-13-01 10:00:00"),
    "Task 2: DueDate '2027-13-01 10:00:00' is not in the format yyyy-MM-dd HH:mm:ss")]
#[case::one_digit_day("EndDate", json!("2027-01-4 10:00:00"), "Task 2: EndDate '2027-01-4")]
#[case::iso_t("DueDate", json!("2027-01-14T10:00:00"), "Task 2: DueDate")]
#[case::leap_second("DueDate", json!("2027-01-14 10:00:60"), "Task 2: DueDate")]
#[case::number_date("DueDate", json!(20_270_114), "Task 2: DueDate must be a string")]
#[case::entity_3("RelatedEntity", json!(3), "Task 2: RelatedEntity must be the number 0")]
#[case::entity_text("RelatedEntity", json!("1"), "got \"1\"")]
#[case::lead_not_guid("RelatedEntityId", json!("42"), "Task 2: RelatedEntityId must be")]
#[case::reminder_negative("Reminder", json!(-5), "Task 2: Reminder must be a whole number")]
#[case::reminder_fraction("Reminder", json!(1.5), "got 1.5")]
#[case::notify_number("NotifyBy", json!(1100), "Task 2: NotifyBy must be the string")]
#[case::notify_other("NotifyBy", json!("1"), "got \"1\"")]
#[case::type_text("TaskType", json!("Meeting"), "Task 2: TaskType must be an object")]
#[case::type_extra("TaskType", json!({"Name": "Meeting", "Category": 0}), "TaskType.Category")]
#[case::type_empty("TaskType", json!({"Name": " "}), "Task 2: TaskType.Name is empty")]
#[case::field_number("CustomFields", json!({"mx_Custom_1": 3}), "CustomFields.mx_Custom_1")]
#[case::name_empty("Name", json!(""), "Task 2: Name is empty")]
#[case::owner_number("OwnerEmailAddress", json!(7), "Task 2: OwnerEmailAddress must be")]
#[case::unknown("Duedate", json!("2027-01-14 04:30:00"),
    "Task 2: unknown member 'Duedate' (did you mean 'DueDate'?)")]
fn a_bad_member_is_named_with_its_task(
    #[case] member: &str,
    #[case] value: Value,
    #[case] expected: &str,
) {
    let message = check(&with(member, value)).unwrap_err();
    assert!(message.contains(expected), "{message}");
    assert!(!message.contains("Task 1"), "{message}");
}

#[rstest]
#[case::task_type("TaskType")]
#[case::related_entity_id("RelatedEntityId")]
fn a_required_member_left_out_is_named(#[case] member: &str) {
    let message = check(&without(member)).unwrap_err();
    assert_eq!(message, format!("Task 1: {member} is missing"));
}

#[rstest]
#[case::optional_date("DueDate")]
#[case::optional_notify_by("NotifyBy")]
#[case::optional_fields("CustomFields")]
fn an_optional_member_may_be_left_out(#[case] member: &str) {
    assert!(check(&without(member)).is_ok());
}

#[test]
fn an_id_with_no_related_record_is_refused_and_none_is_fine() {
    let mut none = task();
    none["RelatedEntity"] = json!(0);
    none["RelatedEntityId"] = json!("");
    let mut stray = none.clone();
    stray["RelatedEntityId"] = json!("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9");
    let body = json!({ "TaskList": [none, stray] });
    let message = check(&serde_json::to_vec(&body).unwrap()).unwrap_err();
    assert!(
        message.starts_with("Task 2: RelatedEntityId must be empty"),
        "{message}"
    );
}

#[rstest]
#[case::not_json(b"{\"TaskList\": [".to_vec(), "The body is not valid JSON: EOF")]
#[case::array(b"[]".to_vec(), "The body must be a JSON object")]
#[case::no_list(b"{}".to_vec(), "TaskList is missing")]
#[case::empty(b"{\"TaskList\": []}".to_vec(), "TaskList is empty")]
#[case::list_object(b"{\"TaskList\": {}}".to_vec(), "TaskList must be an array")]
#[case::task_text(b"{\"TaskList\": [\"x\"]}".to_vec(), "Task 1: expected an object")]
#[case::webhook_number(b"{\"TaskList\": [], \"StatusWebhookURL\": 1}".to_vec(),
    "StatusWebhookURL must be a string")]
#[case::extra(b"{\"tasklist\": []}".to_vec(),
    "Unknown member 'tasklist' in the body (did you mean 'TaskList'?)")]
fn a_bad_body_is_named(#[case] bytes: Vec<u8>, #[case] expected: &str) {
    let message = check(&bytes).unwrap_err();
    assert!(message.contains(expected), "{message}");
}

#[test]
fn fifty_tasks_pass_and_fifty_one_do_not() {
    let fifty = json!({ "TaskList": vec![task(); 50] });
    assert_eq!(
        check(&serde_json::to_vec(&fifty).unwrap()).unwrap().tasks,
        50
    );
    let too_many = json!({ "TaskList": vec![task(); 51] });
    let message = check(&serde_json::to_vec(&too_many).unwrap()).unwrap_err();
    assert_eq!(message, "TaskList has 51 tasks: at most 50 per call");
}

#[test]
fn many_problems_are_counted_past_the_first_ten() {
    let mut bad = task();
    bad["NotifyBy"] = json!(1);
    let body = json!({ "TaskList": vec![bad; 12] });
    let message = check(&serde_json::to_vec(&body).unwrap()).unwrap_err();
    assert!(message.starts_with("Task 1: NotifyBy"), "{message}");
    assert!(message.contains("Task 10: "), "{message}");
    assert!(!message.contains("Task 11: "), "{message}");
    assert!(message.ends_with("; and 2 more problems"), "{message}");
}

#[rstest]
#[case::plain(&["application/json"], true)]
#[case::charset(&["Application/JSON; charset=utf-8"], true)]
#[case::text(&["text/plain"], false)]
#[case::missing(&[], false)]
#[case::twice(&["application/json", "text/plain"], false)]
fn only_one_json_content_type_is_taken(#[case] values: &[&str], #[case] fine: bool) {
    assert_eq!(content_type_problem(values).is_none(), fine);
}
