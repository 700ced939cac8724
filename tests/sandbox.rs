//! The sandbox over real HTTP on 127.0.0.1: what a client sees for accepted, refused and
//! unauthorised calls. Lookups live in `sandbox/lookups.rs`; limits, faults and the webhook in
//! `sandbox/faults.rs`.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

// A test crate's root sits in tests/, so its modules are named by path.
#[path = "sandbox/faults.rs"]
mod faults;
#[path = "sandbox/lookups.rs"]
mod lookups;

use std::time::Duration;

use lsq_tasks::sandbox::{DEMO_ACCESS_KEY, DEMO_SECRET_KEY, Options, Sandbox};
use reqwest::RequestBuilder;
use rstest::rstest;
use serde_json::{Value, json};

const BULK_CREATE: &str = "/v2/Task.svc/Bulk/Create";
const USER_BY_ACCESS_KEY: &str = "/v2/Authentication.svc/UserByAccessKey.Get";

/// A client that never goes through a proxy and gives up quickly, so a hung test fails fast.
fn client() -> reqwest::Client {
    // The crate builds rustls without a default provider; installing twice is refused, fine.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

/// What came back, read once.
#[derive(Debug)]
struct Answer {
    status: u16,
    retry_after: Option<String>,
    text: String,
    body: Value,
}

impl Answer {
    async fn of(response: reqwest::Response) -> Answer {
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .map(|value| value.to_str().unwrap().to_owned());
        let text = response.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer {
            status,
            retry_after,
            text,
            body,
        }
    }

    fn message(&self) -> &str {
        self.body["ExceptionMessage"].as_str().unwrap_or_default()
    }
}

async fn start(options: Options) -> Sandbox {
    Sandbox::start(options).await.unwrap()
}

fn keyed(request: RequestBuilder) -> RequestBuilder {
    request
        .header("x-LSQ-AccessKey", DEMO_ACCESS_KEY)
        .header("x-LSQ-SecretKey", DEMO_SECRET_KEY)
}

async fn get(sandbox: &Sandbox, target: &str) -> Answer {
    let url = format!("{}{target}", sandbox.base_url());
    Answer::of(keyed(client().get(url)).send().await.unwrap()).await
}

fn create_request(sandbox: &Sandbox, content_type: &str, bytes: Vec<u8>) -> RequestBuilder {
    let url = format!("{}{BULK_CREATE}", sandbox.base_url());
    keyed(client().post(url))
        .header("content-type", content_type)
        .body(bytes)
}

async fn create(sandbox: &Sandbox, body: &Value) -> Answer {
    let bytes = serde_json::to_vec(body).unwrap();
    let request = create_request(sandbox, "application/json", bytes);
    Answer::of(request.send().await.unwrap()).await
}

fn task(name: &str) -> Value {
    json!({
        "Name": name,
        "Description": "",
        "RelatedEntity": 1,
        "RelatedEntityId": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
        "DueDate": "2027-01-14 04:30:00",
        "NotifyBy": "1100",
        "OwnerEmailAddress": "asha@example.com",
        "TaskType": { "Name": "Meeting" }
    })
}

fn batch(count: usize) -> Value {
    let tasks: Vec<Value> = (1..=count).map(|n| task(&format!("Visit {n}"))).collect();
    json!({ "TaskList": tasks })
}

#[tokio::test]
async fn accepted_batches_are_acknowledged_and_listed_in_order() {
    let sandbox = start(Options::default()).await;
    let (first, second) = (batch(2), batch(1));
    let one = create(&sandbox, &first).await;
    let two = create(&sandbox, &second).await;
    assert_eq!(one.status, 200, "{}", one.text);
    assert_eq!(one.body["Status"], "Success");
    assert_eq!(one.body["Message"], "Sandbox accepted 2 tasks for creation");
    assert_eq!(two.body["Message"], "Sandbox accepted 1 task for creation");
    assert_ne!(one.body["RequestId"], two.body["RequestId"]);
    assert_eq!(sandbox.accepted(), vec![first.clone(), second.clone()]);

    // The listing is the sandbox's own page: no keys needed.
    let url = format!("{}/sandbox/requests", sandbox.base_url());
    let listing = Answer::of(client().get(url).send().await.unwrap()).await;
    assert_eq!(listing.status, 200);
    let listed = listing.body.as_array().unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0]["Body"], first);
    assert_eq!(listed[0]["RequestId"], one.body["RequestId"]);
    assert_eq!(listed[1]["Body"], second);
    assert!(listed[0]["ReceivedAt"].as_str().unwrap().ends_with('Z'));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn keys_are_taken_from_headers_or_from_the_query() {
    let sandbox = start(Options::default()).await;
    let by_headers = get(&sandbox, USER_BY_ACCESS_KEY).await;
    assert_eq!(by_headers.status, 200, "{}", by_headers.text);

    // `$` percent-encoded, as a careful client writes it.
    let target = format!(
        "{USER_BY_ACCESS_KEY}?accessKey={}&secretKey={DEMO_SECRET_KEY}",
        DEMO_ACCESS_KEY.replace('$', "%24")
    );
    let url = format!("{}{target}", sandbox.base_url());
    let by_query = Answer::of(client().get(url).send().await.unwrap()).await;
    assert_eq!(by_query.status, 200, "{}", by_query.text);
    assert_eq!(by_query.body["Name"], "Asha Rao");

    let received = sandbox.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].header("X-LSQ-AccessKey"), Some(DEMO_ACCESS_KEY));
    assert_eq!(received[1].method, "GET");
    assert_eq!(received[1].target, target, "kept exactly as sent");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn wrong_or_missing_keys_get_401_that_never_quotes_a_key() {
    let options = Options {
        access_key: "u$trainer-access".to_owned(),
        secret_key: "trainer-secret-5150".to_owned(),
        ..Options::default()
    };
    let sandbox = start(options).await;
    // The demo keys are wrong for this sandbox.
    let wrong = create(&sandbox, &batch(1)).await;
    let url = format!("{}{BULK_CREATE}", sandbox.base_url());
    let missing = client()
        .post(url)
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&batch(1)).unwrap());
    let missing = Answer::of(missing.send().await.unwrap()).await;
    for (answer, says) in [(&wrong, "wrong"), (&missing, "missing")] {
        assert_eq!(answer.status, 401, "{}", answer.text);
        assert_eq!(answer.body["Status"], "Error");
        assert_eq!(
            answer.body["ExceptionType"],
            "MXUnAuthorizedAccessException"
        );
        assert!(answer.message().contains(says), "{}", answer.text);
        for key in [
            DEMO_ACCESS_KEY,
            DEMO_SECRET_KEY,
            "trainer-access",
            "trainer-secret",
        ] {
            assert!(!answer.text.contains(key), "{key} leaked: {}", answer.text);
        }
    }
    assert!(sandbox.accepted().is_empty());

    let mut right = client()
        .get(format!("{}{USER_BY_ACCESS_KEY}", sandbox.base_url()))
        .header("x-lsq-accesskey", "u$trainer-access")
        .header("X-LSQ-SECRETKEY", "trainer-secret-5150");
    right = right.header("accept", "application/json");
    assert_eq!(Answer::of(right.send().await.unwrap()).await.status, 200);
    sandbox.shutdown().await;
}

fn with_member(member: &str, value: Value) -> Vec<u8> {
    let mut body = batch(2);
    body["TaskList"][1][member] = value;
    serde_json::to_vec(&body).unwrap()
}

#[rstest]
#[case::text_content("text/plain", serde_json::to_vec(&batch(1)).unwrap(),
    "Content-Type must be application/json; got 'text/plain'")]
#[case::bad_json("application/json", b"{\"TaskList\": [}".to_vec(),
    "The body is not valid JSON: expected value at line 1 column 15")]
#[case::misspelt_member("application/json", with_member("Duedate", json!("2027-01-14 04:30:00")),
    "Task 2: unknown member 'Duedate' (did you mean 'DueDate'?)")]
#[case::month_13("application/json", with_member("DueDate", json!("2027-13-01 10:00:00")),
    "Task 2: DueDate '2027-13-01 10:00:00' is not in the format yyyy-MM-dd HH:mm:ss")]
#[case::no_tasks("application/json", serde_json::to_vec(&batch(0)).unwrap(),
    "TaskList is empty: send 1 to 50 tasks")]
#[case::fifty_one("application/json", serde_json::to_vec(&batch(51)).unwrap(),
    "TaskList has 51 tasks: at most 50 per call")]
#[tokio::test]
async fn a_bad_call_gets_400_naming_task_and_member(
    #[case] content_type: &str,
    #[case] bytes: Vec<u8>,
    #[case] expected: &str,
) {
    let sandbox = start(Options::default()).await;
    let request = create_request(&sandbox, content_type, bytes);
    let answer = Answer::of(request.send().await.unwrap()).await;
    assert_eq!(answer.status, 400, "{}", answer.text);
    assert_eq!(answer.body["Status"], "Error");
    assert_eq!(answer.message(), expected);
    assert!(
        sandbox.accepted().is_empty(),
        "a refused call is not stored"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn fifty_tasks_are_accepted() {
    let sandbox = start(Options::default()).await;
    let answer = create(&sandbox, &batch(50)).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(answer.body["TasksCount"], 50);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn an_unknown_path_is_404_and_a_wrong_method_is_405_with_error_bodies() {
    let sandbox = start(Options::default()).await;
    let unknown = get(&sandbox, "/v2/Task.svc/Bulk/Creat?secretKey=q-secret").await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.body["Status"], "Error");
    assert!(
        unknown.message().contains("/v2/Task.svc/Bulk/Creat"),
        "{}",
        unknown.text
    );
    assert!(!unknown.text.contains("q-secret"), "{}", unknown.text);

    let wrong_method = get(&sandbox, BULK_CREATE).await;
    assert_eq!(wrong_method.status, 405);
    assert_eq!(wrong_method.body["Status"], "Error");
    assert!(
        wrong_method.message().contains("GET"),
        "{}",
        wrong_method.text
    );
    sandbox.shutdown().await;
}
