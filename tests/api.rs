//! The HTTP client against real loopback servers: what arrives on the wire for each auth mode,
//! and the outcome class of every kind of answer (or lack of one).

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

mod support;

use std::time::Duration;

use lsq_tasks::api::{Client, Outcome};
use lsq_tasks::config::{AuthMode, Host, Keys, Profile, Secret};
use support::{Recorder, Reply, closed_port};

const ACCESS: &str = "u$test-access-9f3k";
const SECRET: &str = "test-secret-7Qx2";

fn client(url: &str, auth: AuthMode) -> Client {
    let mut profile = Profile::named("test");
    profile.host = Host::parse(url).unwrap();
    profile.auth = auth;
    profile.timeout = Duration::from_secs(1);
    profile.connect_timeout = Duration::from_secs(1);
    profile.calls_per_5s = 25;
    let keys = Keys {
        access_key: Secret::new(ACCESS),
        secret_key: Secret::new(SECRET),
    };
    Client::new(&profile, keys).unwrap()
}

fn assert_no_key(text: &str) {
    assert!(
        !text.contains(ACCESS) && !text.contains(SECRET),
        "a key leaked: {text}"
    );
}

#[tokio::test]
async fn header_auth_sends_keys_in_headers_and_never_in_the_url() {
    let server = Recorder::start(vec![Reply::json(200, "{\"Status\":\"Success\"}")]).await;
    let call = client(&server.url, AuthMode::Header)
        .bulk_create("{\"TaskList\":[]}")
        .await;
    assert!(
        matches!(call.outcome, Outcome::Accepted { status: 200, .. }),
        "{call:?}"
    );
    let request = &server.requests()[0];
    assert_eq!(request.request_line, "POST /v2/Task.svc/Bulk/Create");
    assert_eq!(request.header("x-LSQ-AccessKey"), Some(ACCESS));
    assert_eq!(request.header("x-LSQ-SecretKey"), Some(SECRET));
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert!(
        request
            .header("user-agent")
            .unwrap()
            .starts_with("lsq-tasks/")
    );
    assert_eq!(request.body, "{\"TaskList\":[]}");
}

#[tokio::test]
async fn query_auth_sends_keys_as_parameters_and_not_as_headers() {
    let server = Recorder::start(vec![Reply::json(200, "{}")]).await;
    client(&server.url, AuthMode::Query).bulk_create("{}").await;
    let request = &server.requests()[0];
    assert_eq!(
        request.request_line,
        "POST /v2/Task.svc/Bulk/Create?accessKey=u%24test-access-9f3k&secretKey=test-secret-7Qx2"
    );
    assert_eq!(request.header("x-LSQ-AccessKey"), None);
    assert_eq!(request.header("x-LSQ-SecretKey"), None);
}

#[tokio::test]
async fn an_error_status_is_rejected_with_the_service_error_fields() {
    let body = concat!(
        r#"{"Status":"Error","ExceptionType":"MXInvalidInputException","#,
        r#""ExceptionMessage":"Invalid TaskType"}"#
    );
    let server = Recorder::start(vec![Reply::json(400, body)]).await;
    let call = client(&server.url, AuthMode::Header)
        .bulk_create("{}")
        .await;
    let Outcome::Rejected { status, body } = &call.outcome else {
        panic!("{call:?}");
    };
    assert_eq!(*status, 400);
    let error = body.service_error().unwrap();
    assert_eq!(error.exception_message.as_deref(), Some("Invalid TaskType"));
    assert!(call.outcome.headline().starts_with("400 Bad Request"));
}

#[tokio::test]
async fn a_429_is_waited_out_as_asked_and_retried_once() {
    let server = Recorder::start(vec![
        Reply::Answer(429, vec![("Retry-After", "1".into())], "{}".into()),
        Reply::json(200, "{}"),
    ])
    .await;
    let call = client(&server.url, AuthMode::Header)
        .bulk_create("{}")
        .await;
    assert!(matches!(call.outcome, Outcome::Accepted { .. }), "{call:?}");
    assert_eq!(server.requests().len(), 2);
    assert_eq!(
        call.notes,
        ["429 Too Many Requests: waited 1 s as asked, then tried once more"]
    );
}

#[tokio::test]
async fn a_429_storm_gives_up_after_the_single_retry() {
    let server = Recorder::start(vec![Reply::Answer(
        429,
        vec![("Retry-After", "0".into())],
        "{}".into(),
    )])
    .await;
    let call = client(&server.url, AuthMode::Header)
        .bulk_create("{}")
        .await;
    assert_eq!(call.outcome.status(), Some(429));
    assert_eq!(call.outcome.class(), "rejected");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_refused_connection_is_not_sent() {
    let url = format!("http://127.0.0.1:{}", closed_port());
    let call = client(&url, AuthMode::Query).bulk_create("{}").await;
    let Outcome::NotSent { reason } = &call.outcome else {
        panic!("{call:?}");
    };
    assert!(reason.contains("cannot connect to 127.0.0.1"), "{reason}");
    assert_no_key(reason);
    assert!(call.outcome.headline().contains("Nothing was created"));
}

#[tokio::test]
async fn a_connection_closed_after_the_request_is_unknown() {
    let server = Recorder::start(vec![Reply::Close]).await;
    let call = client(&server.url, AuthMode::Query).bulk_create("{}").await;
    assert_eq!(call.outcome.class(), "unknown", "{call:?}");
    assert_eq!(
        server.requests().len(),
        1,
        "never retried after an unknown outcome"
    );
    assert!(call.outcome.headline().contains("may already exist"));
    assert_no_key(&call.outcome.headline());
}

#[tokio::test]
async fn no_answer_within_the_timeout_is_unknown() {
    let server = Recorder::start(vec![Reply::Hang]).await;
    let call = client(&server.url, AuthMode::Header)
        .bulk_create("{}")
        .await;
    let Outcome::Unknown { reason } = &call.outcome else {
        panic!("{call:?}");
    };
    assert_eq!(reason, "no answer within 1 s");
}

#[tokio::test]
async fn half_a_body_then_close_is_unknown() {
    let server = Recorder::start(vec![Reply::Partial {
        declared: 100,
        sent: "{\"Status\":".into(),
    }])
    .await;
    let call = client(&server.url, AuthMode::Header)
        .bulk_create("{}")
        .await;
    let Outcome::Unknown { reason } = &call.outcome else {
        panic!("{call:?}");
    };
    assert!(reason.starts_with("the answer (200) broke off"), "{reason}");
}

#[tokio::test]
async fn redirects_are_not_followed_so_keys_stay_with_the_chosen_host() {
    let elsewhere = Recorder::start(vec![Reply::json(200, "{}")]).await;
    let server = Recorder::start(vec![Reply::Answer(
        307,
        vec![(
            "Location",
            format!("{}/v2/Task.svc/Bulk/Create", elsewhere.url),
        )],
        String::new(),
    )])
    .await;
    let call = client(&server.url, AuthMode::Header)
        .bulk_create("{}")
        .await;
    assert_eq!(call.outcome.status(), Some(307));
    assert!(elsewhere.requests().is_empty());
}

#[tokio::test]
async fn the_key_check_reads_whose_keys_and_which_host() {
    let body = r#"{"Id":"u1","Name":"Asha Rao","Role":"Sales_Manager","TimeZone":"Asia/Kolkata",
        "OrgDisplayName":"Acme","OrgId":"42","PassPhrase":"asha@example.com",
        "LSQCommonServiceURLs":{"api":"api-in21.leadsquared.com","app":"app.leadsquared.com"}}"#;
    let server = Recorder::start(vec![Reply::json(200, body)]).await;
    let user = client(&server.url, AuthMode::Header)
        .account()
        .await
        .unwrap();
    assert_eq!(user.name, "Asha Rao");
    assert_eq!(user.api_host, "api-in21.leadsquared.com");
    assert_eq!(user.time_zone, "Asia/Kolkata");
    assert_eq!(
        server.requests()[0].request_line,
        "GET /v2/Authentication.svc/UserByAccessKey.Get"
    );
}

#[test]
fn plain_http_to_a_network_host_is_refused_before_any_byte_is_sent() {
    let error = Host::parse("http://192.0.2.10:8080").unwrap_err();
    assert!(error.contains("plain http"), "{error}");
}
