//! What goes wrong on purpose: the call limit, latency, the three Bulk/Create faults, and the
//! webhook a client's listener receives.

use std::time::{Duration, Instant};

use lsq_tasks::sandbox::{Fault, Options};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use super::{
    Answer, BULK_CREATE, USER_BY_ACCESS_KEY, batch, client, create, create_request, get, start,
    task,
};

fn with_fault(fault: Fault) -> Options {
    Options {
        fault: Some(fault),
        ..Options::default()
    }
}

#[tokio::test]
async fn past_the_limit_calls_get_429_with_retry_after() {
    let sandbox = start(Options {
        limit: 3,
        ..Options::default()
    })
    .await;
    for _ in 0..3 {
        assert_eq!(get(&sandbox, USER_BY_ACCESS_KEY).await.status, 200);
    }
    let refused = get(&sandbox, "/v2/Task.svc/RetrieveTaskType").await;
    assert_eq!(refused.status, 429, "{}", refused.text);
    assert_eq!(refused.body["Status"], "Error");
    assert!(
        refused.message().contains("More than 3 calls"),
        "{}",
        refused.text
    );
    let seconds: u64 = refused.retry_after.as_deref().unwrap().parse().unwrap();
    assert!((1..=5).contains(&seconds), "Retry-After: {seconds}");

    // The sandbox's own listing is not an API call and stays reachable.
    let url = format!("{}/sandbox/requests", sandbox.base_url());
    assert_eq!(client().get(url).send().await.unwrap().status(), 200);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn latency_delays_every_answer() {
    let latency = Duration::from_millis(150);
    let sandbox = start(Options {
        latency,
        ..Options::default()
    })
    .await;
    let started = Instant::now();
    assert_eq!(get(&sandbox, "/no/such/path").await.status, 404);
    assert!(started.elapsed() >= latency);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_500_fault_answers_with_an_error_body_and_stores_nothing() {
    let sandbox = start(with_fault(Fault::ServerError)).await;
    let failed = create(&sandbox, &batch(1)).await;
    assert_eq!(failed.status, 500, "{}", failed.text);
    assert_eq!(failed.body["Status"], "Error");
    assert_eq!(
        failed.body["ExceptionType"],
        "MXInternalServerErrorException"
    );
    assert!(!failed.message().is_empty());
    assert!(sandbox.accepted().is_empty());
    // Only Bulk/Create fails; the key check still works.
    assert_eq!(get(&sandbox, USER_BY_ACCESS_KEY).await.status, 200);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_fault_comes_after_the_key_check() {
    let sandbox = start(with_fault(Fault::Drop)).await;
    let url = format!("{}{BULK_CREATE}", sandbox.base_url());
    let request = client()
        .post(url)
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&batch(1)).unwrap());
    assert_eq!(Answer::of(request.send().await.unwrap()).await.status, 401);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_drop_fault_closes_the_connection_with_no_status() {
    let sandbox = start(with_fault(Fault::Drop)).await;
    let bytes = serde_json::to_vec(&batch(2)).unwrap();
    let error = create_request(&sandbox, "application/json", bytes)
        .send()
        .await
        .unwrap_err();
    assert!(error.status().is_none(), "{error:?}");
    assert!(!error.is_timeout(), "{error:?}");
    assert!(!error.is_connect(), "the request was sent: {error:?}");
    let posts = sandbox
        .received()
        .into_iter()
        .filter(|request| request.method == "POST")
        .count();
    assert_eq!(posts, 1, "the request arrived once and was not resent");
    assert!(sandbox.accepted().is_empty());
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_timeout_fault_leaves_the_client_to_its_own_timeout() {
    let sandbox = start(with_fault(Fault::Timeout)).await;
    let bytes = serde_json::to_vec(&batch(1)).unwrap();
    let request =
        create_request(&sandbox, "application/json", bytes).timeout(Duration::from_millis(300));
    let error = request.send().await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(sandbox.received().len(), 1);
    // The held connection must not keep the sandbox from stopping.
    let stopped = tokio::time::timeout(Duration::from_secs(2), sandbox.shutdown()).await;
    assert!(stopped.is_ok(), "shutdown waited on the held connection");
}

/// Reads one HTTP/1.1 request from the listener and answers 204; returns the request line and
/// the JSON body.
async fn receive_one(listener: &TcpListener) -> (String, Value) {
    let (stream, _) = listener.accept().await.unwrap();
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).await.unwrap();
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).await.unwrap();
        if line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await.unwrap();
    let mut stream = reader.into_inner();
    stream
        .write_all(b"HTTP/1.1 204 No Content\r\n\r\n")
        .await
        .unwrap();
    (
        request_line.trim_end().to_owned(),
        serde_json::from_slice(&body).unwrap(),
    )
}

#[tokio::test]
async fn the_result_is_posted_to_a_loopback_webhook() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook = format!("http://{}/lsq/hook?run=1", listener.local_addr().unwrap());
    let sandbox = start(Options::default()).await;
    let mut lunch = task("Team lunch");
    lunch["TaskType"] = json!({ "Name": "Lunch" });
    let body = json!({ "TaskList": [task("Visit 1"), lunch], "StatusWebhookURL": hook });
    let answer = create(&sandbox, &body).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let note = answer.body["StatusWebhook"].as_str().unwrap();
    assert!(note.contains("will POST"), "{note}");

    let received = tokio::time::timeout(Duration::from_secs(3), receive_one(&listener)).await;
    let (request_line, result) = received.expect("no webhook within 3 s");
    assert_eq!(request_line, "POST /lsq/hook?run=1 HTTP/1.1");
    assert_eq!(result["RequestId"], answer.body["RequestId"]);
    assert_eq!(result["TasksCount"], 2);
    assert_eq!(result["Tasks"][0]["Status"], "Created");
    assert_eq!(result["Tasks"][1]["Status"], "Failed");
    let why = result["Tasks"][1]["Message"].as_str().unwrap();
    assert!(why.contains("'Lunch'"), "{why}");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_webhook_on_another_host_is_accepted_but_never_posted() {
    let sandbox = start(Options::default()).await;
    let mut body = batch(1);
    body["StatusWebhookURL"] = json!("https://hooks.example.com/lsq/tasks");
    let answer = create(&sandbox, &body).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let note = answer.body["StatusWebhook"].as_str().unwrap();
    assert!(note.starts_with("Not posted"), "{note}");
    sandbox.shutdown().await;
}
