//! The terminal UI's submit view, credentials screen and history screen, driven by keys against
//! a real sandbox on 127.0.0.1: what the user sees, what the server received, what was kept.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;
use support::ui::{ctrl, key, screen, text};

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::KeyCode;
use lsq_tasks::config::{Host, Keys, Paths, Profile, Secret, Settings};
use lsq_tasks::sandbox::{DEMO_ACCESS_KEY, DEMO_SECRET_KEY, Fault, Options, Sandbox};
use lsq_tasks::task::{Zone, to_value};
use lsq_tasks::tui::{App, KeyCheck, Message, Screen, TuiOptions};
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
}

fn settings(url: &str, keys: Option<(&str, &str)>, sandbox: bool) -> Settings {
    let mut profile = Profile::named("demo");
    profile.host = Host::parse(url).unwrap();
    profile.calls_per_5s = 25;
    profile.timeout = Duration::from_secs(2);
    Settings {
        profile,
        keys: keys.map(|(access, secret)| Keys {
            access_key: Secret::new(access),
            secret_key: Secret::new(secret),
        }),
        sandbox,
        warnings: Vec::new(),
    }
}

/// An app whose calls go to `settings`, keeping its files under `dir`.
fn app_with(dir: &Path, settings: Settings) -> (App, UnboundedReceiver<Message>) {
    let mut options = TuiOptions::new(
        dir.join("data/staging.json"),
        Zone::parse("Asia/Kolkata").unwrap(),
        now,
    );
    options.sandbox = settings.sandbox;
    options.paths = Some(Paths::under(dir));
    options.settings = Some(settings);
    let mut app = App::new(options);
    let (sender, receiver) = unbounded_channel();
    app.set_sender(sender);
    (app, receiver)
}

const DEMO_KEYS: Option<(&str, &str)> = Some((DEMO_ACCESS_KEY, DEMO_SECRET_KEY));

async fn sandbox(options: Options) -> Sandbox {
    Sandbox::start(options).await.unwrap()
}

/// Waits for the next message of background work and hands it to the app.
async fn settle(app: &mut App, messages: &mut UnboundedReceiver<Message>) {
    let message = tokio::time::timeout(Duration::from_secs(10), messages.recv())
        .await
        .expect("background work answered in time")
        .unwrap();
    app.handle_message(message);
}

/// Stages a to-do and an appointment through the forms, as a user would.
fn stage_two(app: &mut App) {
    key(app, KeyCode::Char('t'));
    text(app, "Call back Asha");
    key(app, KeyCode::Tab);
    text(app, "Follow Up");
    key(app, KeyCode::Tab);
    text(app, "tomorrow 10:00");
    ctrl(app, 's');
    key(app, KeyCode::Char('a'));
    text(app, "Site visit");
    key(app, KeyCode::Tab);
    text(app, "Meeting");
    key(app, KeyCode::Tab);
    text(app, "tomorrow 15:00");
    key(app, KeyCode::Tab);
    text(app, "tomorrow 16:00");
    ctrl(app, 's');
    assert_eq!(app.batch().len(), 2);
}

/// Stages two tasks, submits them with `s` then `y`, and takes in the outcome.
async fn send_two(app: &mut App, messages: &mut UnboundedReceiver<Message>) {
    stage_two(app);
    key(app, KeyCode::Char('s'));
    key(app, KeyCode::Char('y'));
    settle(app, messages).await;
}

/// The screen with what changes from run to run blanked, for snapshots: the sandbox's port
/// (five digits on Linux) and the time a call took (`in 0.01 s`).
fn stable(screen: &str, sandbox: &Sandbox) -> String {
    let port = sandbox.addr().port().to_string();
    let mut text = screen.replace(&port, &"#".repeat(port.len()));
    while let Some(at) = text.find(" in 0.").or_else(|| text.find(" in 1.")) {
        let end = at + " in 0.00".len();
        text.replace_range(at..end.min(text.len()), " in #.##");
    }
    // `· 0.004 s` in a history entry.
    while let Some(at) = text.find("· 0.0") {
        let end = at + "· 0.000".len();
        text.replace_range(at..end.min(text.len()), "· #.###");
    }
    text
}

fn status(app: &App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

#[tokio::test]
async fn submit_asks_first_then_sends_exactly_the_staged_tasks_and_empties_the_list() {
    let server = sandbox(Options::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut messages) =
        app_with(dir.path(), settings(&server.base_url(), DEMO_KEYS, true));
    stage_two(&mut app);
    let staged = to_value(app.batch());
    key(&mut app, KeyCode::Char('s'));
    assert_eq!(app.screen(), Screen::Submit);
    insta::assert_snapshot!(
        "submit_confirm_80x24",
        stable(&screen(&app, 80, 24), &server)
    );
    insta::assert_snapshot!(
        "submit_confirm_120x40",
        stable(&screen(&app, 120, 40), &server)
    );
    assert!(server.accepted().is_empty(), "nothing is sent before y");

    key(&mut app, KeyCode::Char('y'));
    assert!(app.is_busy());
    assert!(screen(&app, 80, 24).contains("sending 2 tasks"));
    settle(&mut app, &mut messages).await;
    assert!(!app.is_busy());
    assert_eq!(server.accepted(), vec![staged]);
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("✓ 200 OK: accepted"), "{shown}");
    assert!(shown.contains("b brings it back"), "{shown}");
    assert!(app.batch().is_empty());

    let history = std::fs::read_to_string(dir.path().join("data/history.jsonl")).unwrap();
    assert!(history.contains("\"outcome\":\"accepted\""), "{history}");
    assert!(!history.contains(DEMO_SECRET_KEY));

    key(&mut app, KeyCode::Char('b'));
    assert_eq!(app.batch().len(), 2);
    assert_eq!(app.screen(), Screen::StagingList);
}

#[tokio::test]
async fn a_rejected_call_shows_status_meaning_and_error_fields_and_keeps_the_list() {
    let server = sandbox(Options::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let wrong = Some(("u$wrong-access", "wrong-secret"));
    let (mut app, mut messages) = app_with(dir.path(), settings(&server.base_url(), wrong, false));
    send_two(&mut app, &mut messages).await;
    insta::assert_snapshot!(
        "submit_rejected_80x24",
        stable(&screen(&app, 80, 24), &server)
    );
    let shown = stable(&screen(&app, 120, 40), &server);
    insta::assert_snapshot!("submit_rejected_120x40", shown);
    assert!(
        shown.contains("✗ 401 Unauthorized: the access key or secret key is wrong"),
        "{shown}"
    );
    assert!(
        shown.contains("ExceptionType     MXUnAuthorizedAccessException"),
        "{shown}"
    );
    assert!(shown.contains("The staging list is as it was"), "{shown}");
    assert_eq!(app.batch().len(), 2);

    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('h'));
    insta::assert_snapshot!("history_80x24", stable(&screen(&app, 80, 24), &server));
    insta::assert_snapshot!("history_120x40", stable(&screen(&app, 120, 40), &server));
    key(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(
        "history_entry_80x24",
        stable(&screen(&app, 80, 24), &server)
    );
}

#[tokio::test]
async fn a_dropped_call_warns_the_tasks_may_exist_and_keeps_the_list() {
    let server = sandbox(Options {
        fault: Some(Fault::Drop),
        ..Options::default()
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut messages) =
        app_with(dir.path(), settings(&server.base_url(), DEMO_KEYS, true));
    send_two(&mut app, &mut messages).await;
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("! outcome unknown"), "{shown}");
    assert!(shown.contains("Request History"), "{shown}");
    assert_eq!(app.batch().len(), 2);
}

#[tokio::test]
async fn a_refused_connection_says_nothing_was_created() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let (mut app, mut messages) = app_with(dir.path(), settings(&url, DEMO_KEYS, false));
    send_two(&mut app, &mut messages).await;
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("✗ not sent: cannot connect to 127.0.0.1"),
        "{shown}"
    );
    assert!(shown.contains("Nothing was created"), "{shown}");
    assert_eq!(app.batch().len(), 2);
}

#[tokio::test]
async fn a_batch_with_errors_is_not_offered_for_sending() {
    let server = sandbox(Options::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _messages) = app_with(dir.path(), settings(&server.base_url(), DEMO_KEYS, true));
    key(&mut app, KeyCode::Char('t'));
    text(&mut app, "No type");
    ctrl(&mut app, 's');
    key(&mut app, KeyCode::Char('s'));
    assert_eq!(app.screen(), Screen::StagingList);
    assert!(
        status(&app).starts_with("not sent: 1 error (marked ✗ in the list)"),
        "{}",
        status(&app)
    );
}

#[tokio::test]
async fn without_keys_the_app_opens_on_credentials_and_says_how_to_try_the_sandbox() {
    let server = sandbox(Options {
        account_host: Some("api-in21.leadsquared.com".into()),
        ..Options::default()
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut messages) = app_with(dir.path(), settings(&server.base_url(), None, false));
    assert_eq!(app.screen(), Screen::Credentials);
    let first = screen(&app, 80, 24);
    assert!(first.contains("lsq-tasks --sandbox"), "{first}");
    insta::assert_snapshot!("credentials_no_keys_80x24", stable(&first, &server));
    let wide = screen(&app, 120, 40);
    insta::assert_snapshot!("credentials_no_keys_120x40", stable(&wide, &server));

    // Type the keys; the sandbox's URL is already chosen as this profile's host.
    for _ in 0..3 {
        key(&mut app, KeyCode::Tab);
    }
    text(&mut app, DEMO_ACCESS_KEY);
    key(&mut app, KeyCode::Tab);
    text(&mut app, DEMO_SECRET_KEY);
    assert!(
        !screen(&app, 80, 24).contains(DEMO_SECRET_KEY),
        "the secret is masked"
    );
    ctrl(&mut app, 't');
    settle(&mut app, &mut messages).await;
    let KeyCheck::Passed(user) = &app.credentials().unwrap().check else {
        panic!("{:?}", app.credentials().unwrap().check);
    };
    assert_eq!(user.api_host, "api-in21.leadsquared.com");
    let checked = screen(&app, 120, 40);
    assert!(
        checked.contains("the account lives on api-in21.leadsquared.com"),
        "{checked}"
    );
    ctrl(&mut app, 'u');
    assert!(screen(&app, 120, 40).contains("‹ api-in21.leadsquared.com  India (Mumbai) ›"));

    ctrl(&mut app, 's');
    assert_eq!(app.screen(), Screen::StagingList, "{}", status(&app));
    let credentials = dir.path().join("config/credentials.toml");
    let mode = std::fs::metadata(&credentials)
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    let config = std::fs::read_to_string(dir.path().join("config/config.toml")).unwrap();
    assert!(
        config.contains("host = \"https://api-in21.leadsquared.com\""),
        "{config}"
    );
}

#[tokio::test]
async fn wrong_keys_in_the_credentials_screen_say_what_401_means() {
    let server = sandbox(Options::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let wrong = Some(("u$wrong-access", "wrong-secret"));
    let (mut app, mut messages) = app_with(dir.path(), settings(&server.base_url(), wrong, false));
    key(&mut app, KeyCode::Char('c'));
    ctrl(&mut app, 't');
    settle(&mut app, &mut messages).await;
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("they are wrong, or their user is inactive"),
        "{shown}"
    );
    assert!(shown.contains("API Access Keys"), "{shown}");
}

#[tokio::test]
async fn history_lists_past_submissions_opens_one_and_copies_it_back() {
    let server = sandbox(Options::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut messages) =
        app_with(dir.path(), settings(&server.base_url(), DEMO_KEYS, true));
    send_two(&mut app, &mut messages).await;
    key(&mut app, KeyCode::Esc);
    assert!(app.batch().is_empty());

    key(&mut app, KeyCode::Char('h'));
    assert_eq!(app.screen(), Screen::History);
    let list = screen(&app, 100, 30);
    assert!(
        list.contains("2 (1a 1t)  accepted 200  [sandbox]"),
        "{list}"
    );
    key(&mut app, KeyCode::Enter);
    let detail = screen(&app, 100, 60);
    assert!(detail.contains("\"Name\": \"Call back Asha\""), "{detail}");
    assert!(detail.contains("Sandbox accepted 2 tasks"), "{detail}");
    ctrl(&mut app, 'r');
    assert_eq!(app.screen(), Screen::StagingList);
    assert_eq!(app.batch().len(), 2);
    assert_eq!(app.batch().tasks()[1].name, "Site visit");
    assert!(status(&app).contains("copied 2 task(s) from history"));
}

/// An hour after [`now`]: long enough for the service to have created what it accepted.
fn an_hour_later() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap()
}

/// Hands background messages to the app until the first check of a verification has ended.
/// (A lost task keeps the checks polling for a while; the screen shows the latest check.)
async fn until_checked(app: &mut App, messages: &mut UnboundedReceiver<Message>) {
    use lsq_tasks::api::verify::Progress;
    for _ in 0..50 {
        let message = tokio::time::timeout(Duration::from_secs(20), messages.recv())
            .await
            .expect("verification answered in time")
            .unwrap();
        let checked = matches!(
            message,
            Message::VerifyFinished(_) | Message::VerifyProgress(Progress::Checked(_))
        );
        app.handle_message(message);
        if checked {
            return;
        }
    }
    panic!("no check ever finished");
}

#[tokio::test]
async fn verify_reports_a_lost_task_and_stages_only_it_when_it_is_safe() {
    let server = sandbox(Options {
        fault: Some(Fault::LoseOne),
        create_delay: Duration::from_millis(50),
        ..Options::default()
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut messages) =
        app_with(dir.path(), settings(&server.base_url(), DEMO_KEYS, true));
    send_two(&mut app, &mut messages).await;
    assert!(screen(&app, 100, 30).contains("v checks which of its tasks"));
    // Let the sandbox create what it will.
    tokio::time::sleep(Duration::from_millis(200)).await;

    key(&mut app, KeyCode::Char('v'));
    assert_eq!(app.screen(), Screen::Verify);
    until_checked(&mut app, &mut messages).await;
    let report = app.verify_view().unwrap().report.clone().unwrap();
    assert_eq!((report.found(), report.not_yet()), (1, 1), "{report:?}");
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("1 found · 1 not yet · 0 ambiguous"),
        "{shown}"
    );
    key(&mut app, KeyCode::Char('m'));
    assert!(status(&app).starts_with("not yet: the service may still be creating them"));
    assert!(app.batch().is_empty(), "nothing staged too early");

    // An hour later, from the history, the missing task alone is staged.
    let mut options = TuiOptions::new(
        dir.path().join("data/staging.json"),
        Zone::parse("Asia/Kolkata").unwrap(),
        an_hour_later,
    );
    options.paths = Some(Paths::under(dir.path()));
    options.settings = Some(settings(&server.base_url(), DEMO_KEYS, true));
    options.sandbox = true;
    let mut later = App::new(options);
    let (sender, mut later_messages) = unbounded_channel();
    later.set_sender(sender);
    key(&mut later, KeyCode::Char('h'));
    key(&mut later, KeyCode::Char('v'));
    until_checked(&mut later, &mut later_messages).await;
    key(&mut later, KeyCode::Char('m'));
    assert_eq!(later.screen(), Screen::StagingList, "{}", status(&later));
    assert_eq!(later.batch().len(), 1);
    let missing = &later.batch().tasks()[0].name;
    let lost = report
        .checks
        .iter()
        .find(|c| c.state == lsq_tasks::api::verify::TaskState::NotYet);
    assert_eq!(missing, &lost.unwrap().task.name);
}
