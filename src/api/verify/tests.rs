//! Deciding what may be sent again, on hand-made reports; the look-ups themselves are tested
//! against the sandbox in `tests/verify.rs`.

use serde_json::json;

use super::*;
use crate::task::ApiTime;

fn entry(outcome: &str) -> Entry {
    Entry {
        time: ApiTime::parse("2030-01-01 09:00:00").unwrap(),
        profile: "default".into(),
        host: "http://127.0.0.1:1".into(),
        sandbox: false,
        tasks: 3,
        appointments: 0,
        outcome: outcome.into(),
        status: None,
        reason: None,
        response: None,
        elapsed_ms: 1,
        body: json!({"TaskList": [{"Name": "A"}, {"Name": "B"}, {"Name": "C"}],
                     "StatusWebhookURL": "https://hooks.example.com/x"}),
        kinds: vec![],
    }
}

fn report(states: Vec<TaskState>) -> Report {
    let checks = states
        .into_iter()
        .enumerate()
        .map(|(index, state)| TaskCheck {
            task: SentTask {
                number: index + 1,
                name: String::new(),
                task_type: String::new(),
                kind: None,
                due: None,
                owner: None,
            },
            state,
        })
        .collect();
    Report { checks, attempt: 1 }
}

fn found(id: &str) -> TaskState {
    TaskState::Found(Retrieved {
        id: id.into(),
        name: String::new(),
        task_type: None,
        category: None,
        due: None,
        due_text: String::new(),
        owner: String::new(),
        created_on: String::new(),
    })
}

fn minutes_after_sending(minutes: i64) -> DateTime<Utc> {
    entry("accepted").time + chrono::Duration::minutes(minutes)
}

#[test]
fn only_the_missing_tasks_are_staged_with_the_webhook() {
    let report = report(vec![found("a"), TaskState::NotYet, found("c")]);
    let Resend::Ready { body, numbers } = resend(
        &entry("unknown"),
        &report,
        minutes_after_sending(11),
        SETTLE,
    ) else {
        panic!("expected a body");
    };
    assert_eq!(numbers, [2]);
    assert_eq!(body["TaskList"], json!([{"Name": "B"}]));
    assert_eq!(body["StatusWebhookURL"], "https://hooks.example.com/x");
    assert_eq!(report.found_tasks().len(), 2);
}

#[test]
fn a_batch_that_may_still_be_created_is_not_staged_yet() {
    let report = report(vec![TaskState::NotYet, found("b"), found("c")]);
    let early = resend(
        &entry("accepted"),
        &report,
        minutes_after_sending(3),
        SETTLE,
    );
    assert_eq!(
        early,
        Resend::TooEarly {
            ready_at: minutes_after_sending(10)
        }
    );
    // A refused or unsent call created nothing: nothing to wait for.
    let refused = resend(
        &entry("rejected"),
        &report,
        minutes_after_sending(0),
        SETTLE,
    );
    assert!(matches!(refused, Resend::Ready { numbers, .. } if numbers == [1]));
}

#[test]
fn ambiguous_and_found_tasks_are_never_staged() {
    let report = report(vec![found("a"), TaskState::Ambiguous(vec![]), found("c")]);
    assert!(!report.all_found());
    assert_eq!(report.ambiguous(), 1);
    let decision = resend(
        &entry("accepted"),
        &report,
        minutes_after_sending(60),
        SETTLE,
    );
    assert_eq!(decision, Resend::NothingMissing);
}
