//! The form's account-backed pickers against a real sandbox on 127.0.0.1: task types of the
//! form's category, active owners, the chosen type's custom fields, and leads found by e-mail.
//! Keys drive the `App`; background answers are received and handed back as the event loop
//! would, so each test also fixes the order in which things happen.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lsq_tasks::config::{Host, Keys, Paths, Profile, Secret, Settings};
use lsq_tasks::sandbox::{DEMO_ACCESS_KEY, DEMO_SECRET_KEY, Options, SHARED_LEAD_EMAIL, Sandbox};
use lsq_tasks::task::{RelatedEntity, Zone};
use lsq_tasks::tui::{App, Field, LeadSearch, Message, Note, Tone, TuiOptions, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;
use tokio::sync::mpsc::{self, UnboundedReceiver};

const PRIYA_ID: &str = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
const KIRAN_ID: &str = "4c5d6e7f-8a9b-4c0d-8e1f-2a3b4c5d6e7f";
const SUNIL_ID: &str = "6e7f8a9b-0c1d-4e2f-9a3b-4c5d6e7f8a9b";

/// Thursday 2026-12-03 09:00 UTC, 14:30 in Kolkata.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
}

/// An app pointed at its own sandbox, with the channel its background work answers on.
struct Live {
    app: App,
    messages: UnboundedReceiver<Message>,
    sandbox: Sandbox,
    dir: TempDir,
}

impl Live {
    /// A sandbox taking the demo keys, and an app that sends `access_key` with the secret.
    async fn start(access_key: &str) -> Live {
        let sandbox = Sandbox::start(Options::default()).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_for(&sandbox.base_url(), access_key, &dir, true);
        let (sender, messages) = mpsc::unbounded_channel();
        app.set_sender(sender);
        app.start_lookups();
        let mut live = Live {
            app,
            messages,
            sandbox,
            dir,
        };
        // The client built off the loop, then task types and users.
        for _ in 0..3 {
            live.next().await;
        }
        live
    }

    /// The app after the start-up lookups have answered.
    async fn ready() -> Live {
        Live::start(DEMO_ACCESS_KEY).await
    }

    /// Waits for one background answer and hands it to the app.
    async fn next(&mut self) {
        let message = tokio::time::timeout(Duration::from_secs(10), self.messages.recv())
            .await
            .expect("no answer from the background within 10 s")
            .unwrap();
        self.app.handle_message(message);
    }

    /// True when no background answer arrives within a moment.
    async fn quiet(&mut self) -> bool {
        tokio::time::timeout(Duration::from_millis(300), self.messages.recv())
            .await
            .is_err()
    }

    fn press(&mut self, code: KeyCode) {
        self.app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn ctrl(&mut self, c: char) {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        self.app.handle_key(key);
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    /// Moves the form's focus to `field` with Tab, as a user would.
    fn tab_to(&mut self, field: Field) {
        for _ in 0..40 {
            if self.app.form().unwrap().focus() == field {
                return;
            }
            self.press(KeyCode::Tab);
        }
        panic!("{field:?} is not reachable with Tab");
    }

    fn screen(&self, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| draw(&self.app, frame)).unwrap();
        terminal.backend().to_string()
    }

    fn both(&self, name: &str) {
        insta::assert_snapshot!(format!("{name}_80x24"), self.screen(80, 24));
        insta::assert_snapshot!(format!("{name}_120x40"), self.screen(120, 40));
    }

    fn related_id(&self) -> String {
        self.app.form().unwrap().task().related_entity_id.clone()
    }

    fn related(&self) -> RelatedEntity {
        self.app.form().unwrap().task().related_entity
    }

    fn first_note(&self, field: Field) -> Option<Note> {
        self.app.form().unwrap().notes(field).next().cloned()
    }

    /// Opens a to-do and types `email` into the related id.
    fn todo_with_lead_email(&mut self, email: &str) {
        self.press(KeyCode::Char('t'));
        self.type_text("Call back");
        self.tab_to(Field::RelatedId);
        self.type_text(email);
    }
}

/// An app whose profile points at `host`, a sandbox's or an account's, with its folders (the
/// cache among them) under `dir`.
fn app_for(host: &str, access_key: &str, dir: &TempDir, sandbox: bool) -> App {
    let mut options = TuiOptions::new(
        dir.path().join("staging.json"),
        Zone::parse("Asia/Kolkata").unwrap(),
        now,
    );
    let mut profile = Profile::named(if sandbox { "sandbox" } else { "work" });
    profile.host = Host::parse(host).unwrap();
    // The default of 5 calls per 5 s would make a long test wait for the limiter.
    profile.calls_per_5s = 25;
    options.sandbox = sandbox;
    options.paths = Some(Paths::under(dir.path()));
    options.settings = Some(Settings {
        profile,
        keys: Some(Keys {
            access_key: Secret::new(access_key),
            secret_key: Secret::new(DEMO_SECRET_KEY),
        }),
        sandbox,
        warnings: Vec::new(),
    });
    App::new(options)
}

/// The line of task type choices under the field, as drawn.
fn choices(screen: &str) -> &str {
    let line = screen
        .lines()
        .find(|l| l.contains("choices"))
        .unwrap_or_default();
    line.trim_matches(|c: char| c == '"' || c.is_whitespace())
}

#[tokio::test]
async fn each_form_offers_only_the_task_types_of_its_category() {
    let mut live = Live::ready().await;
    live.press(KeyCode::Char('a'));
    live.tab_to(Field::TaskType);
    let shown = live.screen(80, 24);
    assert_eq!(choices(&shown), "choices (Ctrl-T): Meeting, Site Visit");
    let mut taken = Vec::new();
    for _ in 0..3 {
        live.ctrl('t');
        taken.push(live.app.form().unwrap().task().task_type.clone());
    }
    assert_eq!(taken, ["Meeting", "Site Visit", "Meeting"]);
    live.press(KeyCode::Esc);
    live.press(KeyCode::Char('y'));
    live.press(KeyCode::Char('t'));
    live.tab_to(Field::TaskType);
    let shown = live.screen(120, 40);
    assert_eq!(
        choices(&shown),
        "choices (Ctrl-T): Follow Up, Document Collection, Call Back"
    );
}

#[tokio::test]
async fn inactive_users_are_not_offered_and_the_owner_is_named() {
    let mut live = Live::ready().await;
    live.press(KeyCode::Char('t'));
    live.tab_to(Field::Owner);
    let shown = live.screen(120, 40);
    assert!(
        shown.contains("asha@example.com, ravi@example.com, meera@example.com"),
        "{shown}"
    );
    assert!(!shown.contains("vikram"), "{shown}");
    let mut taken = Vec::new();
    for _ in 0..4 {
        live.ctrl('t');
        let task = live.app.form().unwrap().task();
        taken.push(task.owner_email.clone().unwrap());
    }
    assert_eq!(taken[0], "asha@example.com");
    assert!(!taken.iter().any(|e| e.starts_with("vikram")), "{taken:?}");
    assert!(live.screen(80, 24).contains("asha@example.com"));
    assert_eq!(
        live.first_note(Field::Owner),
        Some(Note::Info("Asha Rao".into()))
    );
    assert!(live.screen(120, 40).contains("Asha Rao"));
    live.ctrl('u');
    live.type_text("vikram@example.com");
    let shown = live.screen(120, 40);
    assert!(
        shown.contains("! Vikram Shah is inactive in the account"),
        "{shown}"
    );
}

#[tokio::test]
async fn a_mandatory_custom_field_is_marked_and_warned_while_empty() {
    let mut live = Live::ready().await;
    live.press(KeyCode::Char('a'));
    live.type_text("Show the flat");
    live.tab_to(Field::TaskType);
    live.type_text("Site Visit");
    live.tab_to(Field::CustomValue(0));
    let shown = live.screen(120, 40);
    assert!(shown.contains("Custom field * (CustomFields)"), "{shown}");
    assert!(shown.contains("mx_Custom_1"), "{shown}");
    assert!(shown.contains("Property Code, mandatory"), "{shown}");
    assert!(shown.contains("! mandatory, still empty"), "{shown}");
    assert!(
        matches!(
            live.first_note(Field::CustomValue(0)),
            Some(Note::Warning(_))
        ),
        "a warning, not an error of the core validator"
    );
    live.both("lookups_form_choices_and_mandatory_field");
    // Offered fields left empty are not sent.
    let task = live.app.form().unwrap().task().clone();
    assert!(task.custom_fields.is_empty(), "{task:?}");
    live.type_text("P-12");
    assert!(!live.screen(120, 40).contains("mandatory, still empty"));
    live.tab_to(Field::CustomValue(1));
    live.type_text("3");
    // Another type: what was typed stays, and Meeting's own field is offered by its name.
    live.tab_to(Field::TaskType);
    live.ctrl('u');
    live.type_text("Meeting");
    let task = live.app.form().unwrap().task().clone();
    let fields: Vec<(&str, &str)> = task
        .custom_fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(fields, [("mx_Custom_1", "P-12"), ("mx_Custom_2", "3")]);
    let shown = live.screen(120, 40);
    assert!(shown.contains("Agenda"), "{shown}");
    assert!(shown.contains("! not a field of Meeting"), "{shown}");
}

#[tokio::test]
async fn a_lead_email_with_one_match_fills_the_guid_and_names_the_lead() {
    let mut live = Live::ready().await;
    live.todo_with_lead_email("priya.sharma@example.com");
    live.press(KeyCode::Tab);
    assert_eq!(
        live.app.form().unwrap().lead_search(),
        &LeadSearch::Running("priya.sharma@example.com".into())
    );
    assert!(live.screen(80, 24).contains("looking up…"));
    // Typing elsewhere goes on while the look-up runs.
    live.type_text("ravi@example.com");
    live.next().await;
    assert_eq!(live.related_id(), PRIYA_ID);
    assert_eq!(live.related(), RelatedEntity::Lead);
    let form = live.app.form().unwrap();
    assert_eq!(form.task().owner_email.as_deref(), Some("ravi@example.com"));
    assert_eq!(
        form.notes(Field::RelatedId).next(),
        Some(&Note::Info("found by e-mail".into()))
    );
    let shown = live.screen(80, 24);
    assert!(
        shown.contains("▸ Priya Sharma · Sharma Interiors"),
        "{shown}"
    );
    assert!(shown.contains("‹ 1 · a lead ›"), "{shown}");
    live.both("lookups_lead_found_by_email");
}

#[tokio::test]
async fn an_email_no_lead_has_is_said_plainly() {
    let mut live = Live::ready().await;
    live.todo_with_lead_email("nobody@example.com");
    live.ctrl('l');
    live.next().await;
    assert_eq!(live.related_id(), "nobody@example.com");
    assert_eq!(live.related(), RelatedEntity::None);
    assert_eq!(
        live.first_note(Field::RelatedId),
        Some(Note::Warning("no lead has this e-mail".into()))
    );
    assert!(live.screen(80, 24).contains("! no lead has this e-mail"));
}

#[tokio::test]
async fn a_shared_email_lists_both_leads_and_ctrl_t_picks_one() {
    let mut live = Live::ready().await;
    live.todo_with_lead_email(SHARED_LEAD_EMAIL);
    live.press(KeyCode::Tab);
    live.next().await;
    // Never picked silently: the e-mail stays until the user chooses.
    assert_eq!(live.related_id(), SHARED_LEAD_EMAIL);
    let shown = live.screen(80, 24);
    assert!(shown.contains("! 2 leads: Ctrl-T picks"), "{shown}");
    assert!(shown.contains("  Kiran Desai · Desai Textiles"), "{shown}");
    assert!(shown.contains("  Sunil Desai · Desai Exports"), "{shown}");
    live.press(KeyCode::BackTab);
    live.ctrl('t');
    assert_eq!(live.related_id(), KIRAN_ID);
    live.ctrl('t');
    assert_eq!(live.related_id(), SUNIL_ID);
    assert_eq!(live.related(), RelatedEntity::Lead);
    let shown = live.screen(80, 24);
    assert!(shown.contains("▸ Sunil Desai · Desai Exports"), "{shown}");
    assert!(shown.contains("lead 2 of 2 (Ctrl-T: next)"), "{shown}");
    live.press(KeyCode::Tab);
    assert!(
        live.quiet().await,
        "a GUID picked from the list is not looked up"
    );
    assert_eq!(live.related_id(), SUNIL_ID);
}

#[tokio::test]
async fn a_typed_guid_is_taken_as_it_is_without_a_lookup() {
    let mut live = Live::ready().await;
    live.press(KeyCode::Char('t'));
    live.tab_to(Field::Related);
    live.press(KeyCode::Right);
    live.tab_to(Field::RelatedId);
    live.type_text(PRIYA_ID);
    live.press(KeyCode::Tab);
    assert!(live.quiet().await);
    assert_eq!(live.app.form().unwrap().lead_search(), &LeadSearch::Idle);
    assert_eq!(live.related_id(), PRIYA_ID);
    assert!(!live.screen(120, 40).contains("Priya Sharma"));
    let asked = live.sandbox.received();
    assert!(
        !asked.iter().any(|r| r.target.contains("Leads.GetByEmail")),
        "{asked:?}"
    );
}

#[tokio::test]
async fn an_answer_for_an_email_no_longer_in_the_field_is_ignored() {
    let mut live = Live::ready().await;
    live.todo_with_lead_email("priya.sharma@example.com");
    live.press(KeyCode::Tab);
    live.press(KeyCode::BackTab);
    live.press(KeyCode::Backspace);
    live.next().await;
    assert_eq!(live.related_id(), "priya.sharma@example.co");
    assert_eq!(live.related(), RelatedEntity::None);
    assert!(!live.screen(120, 40).contains("Priya Sharma"));
}

#[tokio::test]
async fn a_failed_lookup_is_shown_and_the_form_stays_free_text() {
    let mut live = Live::start("u$not-the-demo-key").await;
    let status = live.app.status().unwrap().clone();
    assert_eq!(status.tone, Tone::Warning);
    assert!(status.text.contains("(typing still works)"), "{status:?}");
    live.press(KeyCode::Char('t'));
    live.tab_to(Field::TaskType);
    live.type_text("Anything");
    let form = live.app.form().unwrap();
    assert!(form.offered_task_types().is_empty());
    assert_eq!(form.task().task_type, "Anything");
    assert!(!live.screen(80, 24).contains("choices"));
}

/// Waits for `count` background answers and hands them to `app`.
async fn answers(app: &mut App, messages: &mut UnboundedReceiver<Message>, count: usize) {
    for _ in 0..count {
        let message = tokio::time::timeout(Duration::from_secs(10), messages.recv())
            .await
            .expect("no answer from the background within 10 s")
            .unwrap();
        app.handle_message(message);
    }
}

#[tokio::test]
async fn the_lists_of_the_last_start_fill_the_pickers_when_the_account_is_unreachable() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = Sandbox::start(Options::default()).await.unwrap();
    let host = sandbox.base_url();
    let (sender, mut messages) = mpsc::unbounded_channel();
    let mut first = app_for(&host, DEMO_ACCESS_KEY, &dir, false);
    first.set_sender(sender.clone());
    first.start_lookups();
    answers(&mut first, &mut messages, 3).await;
    assert_eq!(first.status(), None, "both look-ups answered");
    // The lists are written on a blocking thread after the answer; wait for both files.
    let cache = dir.path().join("cache");
    for _ in 0..100 {
        if ["work.task-types.json", "work.users.json"]
            .iter()
            .all(|name| cache.join(name).exists())
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(first);
    sandbox.shutdown().await;

    // The next start: the host refuses connections now.
    let mut second = app_for(&host, DEMO_ACCESS_KEY, &dir, false);
    second.set_sender(sender);
    second.start_lookups();
    let text = |app: &App| {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal.draw(|frame| draw(app, frame)).unwrap();
        terminal.backend().to_string()
    };
    second.handle_key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::NONE));
    let form = second.form().unwrap();
    assert!(
        form.offered_task_types().contains(&"Follow Up"),
        "before any answer, the cached task types are offered: {:?}",
        form.offered_task_types()
    );
    assert!(
        form.owner_options.iter().any(|o| o == "asha@example.com"),
        "and the cached owners: {:?}",
        form.owner_options
    );
    // The client, then both look-ups failing.
    answers(&mut second, &mut messages, 3).await;
    let status = second.status().unwrap().clone();
    assert_eq!(status.tone, Tone::Warning);
    assert!(
        status.text.contains("pickers show the lists of 0 min ago"),
        "{status:?}"
    );
    assert!(
        text(&second).contains("pickers show the lists"),
        "{}",
        text(&second)
    );
    let files: Vec<String> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(files.contains(&"work.users.json".to_owned()), "{files:?}");
    let users = std::fs::read_to_string(cache.join("work.users.json")).unwrap();
    assert!(!users.contains(DEMO_SECRET_KEY) && !users.contains(DEMO_ACCESS_KEY));
}

#[tokio::test]
async fn the_sandbox_lists_are_not_cached() {
    let mut live = Live::ready().await;
    live.press(KeyCode::Char('t'));
    assert!(
        !live.app.form().unwrap().owner_options.is_empty(),
        "the look-ups answered"
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        !live.dir.path().join("cache").exists(),
        "its port changes every start"
    );
}

#[tokio::test]
async fn a_lookup_failing_at_start_waits_for_a_key_instead_of_hiding_the_start_notice() {
    let sandbox = Sandbox::start(Options::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let staged = lsq_tasks::task::read_body(include_str!("../assets/examples/fifty.json"));
    lsq_tasks::store::Drafts::new(dir.path().join("staging.json"))
        .save(&staged.unwrap().batch)
        .unwrap();
    let mut app = app_for(&sandbox.base_url(), "u$not-the-demo-key", &dir, true);
    let (sender, mut messages) = mpsc::unbounded_channel();
    app.set_sender(sender);
    app.start_lookups();
    // The client, then both refused look-ups.
    answers(&mut app, &mut messages, 3).await;
    let notice = app.status().unwrap().clone();
    assert_eq!(notice.text, "restored 50 task(s) from last time");
    app.handle_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    let status = app.status().unwrap().clone();
    assert_eq!(status.tone, Tone::Warning);
    assert!(status.text.contains("(typing still works)"), "{status:?}");
}
