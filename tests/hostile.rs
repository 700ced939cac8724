//! Hostile and broken files, through the real binary where a user would meet them: each gets a
//! message naming the file and the place, in bounded time, and never a panic or a raw escape
//! sequence on the terminal.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

mod support;

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use chrono::{DateTime, TimeZone, Utc};
use lsq_tasks::store::Drafts;
use lsq_tasks::task::{Zone, read_body};
use lsq_tasks::tui::{App, TuiOptions};
use support::isolate;

struct Run {
    code: i32,
    out: String,
}

/// Runs `lsq-tasks ARGS` in `root`'s folders; standard output and error together.
fn run(root: &Path, args: &[&str]) -> Run {
    let mut command = Command::cargo_bin("lsq-tasks").unwrap();
    isolate(&mut command, root);
    let output = command.current_dir(root).args(args).output().unwrap();
    let out = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    let code = output.status.code().unwrap();
    assert!(!out.contains("panicked"), "{args:?} panicked: {out}");
    assert_ne!(code, 101, "{args:?}: {out}");
    assert!(
        !out.contains('\x1b'),
        "{args:?} printed a raw escape: {out:?}"
    );
    Run { code, out }
}

fn write(root: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn broken_config_and_credentials_files_are_named_with_their_line() {
    let cases: [(&str, &str, i32, &str); 7] = [
        (
            "config.toml",
            "[profiles.acme\nhost = 1\n",
            2,
            "config.toml:1: ",
        ),
        (
            "config.toml",
            "[profiles.acme]\ntimeout_secs = \"thirty\"\n",
            2,
            "config.toml:2: ",
        ),
        (
            "config.toml",
            "default_profile = [1, 2]\n",
            2,
            "config.toml:1: ",
        ),
        ("config.toml", "", 2, "has no keys"),
        (
            "credentials.toml",
            "[default\naccess_key = 'x'",
            2,
            "credentials.toml:1: ",
        ),
        (
            "credentials.toml",
            "[default]\naccess_key = 'u$a'\nsecret_key = ['hostile-secret-value']\n",
            2,
            "credentials.toml:",
        ),
        ("credentials.toml", "", 2, "has no keys"),
    ];
    for (file, text, code, says) in cases {
        let root = tempfile::tempdir().unwrap();
        write(root.path(), &format!("config/lsq-tasks/{file}"), text);
        let mixed = std::fs::canonicalize("assets/examples/mixed.json").unwrap();
        let seen = run(root.path(), &["submit", mixed.to_str().unwrap(), "--yes"]);
        assert_eq!(seen.code, code, "{file} {text:?}: {}", seen.out);
        assert!(seen.out.contains(says), "{file} {text:?}: {}", seen.out);
        assert!(!seen.out.contains("hostile-secret-value"), "{}", seen.out);
    }
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
}

#[test]
fn a_drafts_file_cut_in_half_is_set_aside_byte_for_byte_and_never_overwritten() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("staging.json");
    let body = read_body(&std::fs::read_to_string("assets/examples/fifty.json").unwrap());
    Drafts::new(&path).save(&body.unwrap().batch).unwrap();
    let whole = std::fs::read(&path).unwrap();
    let half = &whole[..whole.len() / 2];
    std::fs::write(&path, half).unwrap();

    let mut app = App::new(TuiOptions::new(
        &path,
        Zone::parse("Asia/Kolkata").unwrap(),
        now,
    ));
    let aside = root.path().join("staging.json.damaged-20261203T090000Z");
    let said = app.status().unwrap().text.clone();
    assert!(said.contains(&aside.display().to_string()), "{said}");
    assert!(said.contains("not JSON"), "{said}");
    assert!(app.batch().is_empty());
    // A change saves a new list beside the damaged one, which stays as it was.
    for key in ['t', 'x'] {
        let code = crossterm::event::KeyCode::Char(key);
        app.handle_key(crossterm::event::KeyEvent::from(code));
    }
    app.handle_key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('s'),
        crossterm::event::KeyModifiers::CONTROL,
    ));
    assert_eq!(app.batch().len(), 1);
    assert_eq!(std::fs::read(&aside).unwrap(), half);
    assert!(path.exists());
}

#[test]
fn a_history_with_a_broken_line_and_bad_bytes_shows_the_rest_and_names_the_line() {
    let root = tempfile::tempdir().unwrap();
    let mixed = std::fs::canonicalize("assets/examples/mixed.json").unwrap();
    let mixed = mixed.to_str().unwrap();
    for _ in 0..2 {
        assert_eq!(
            run(root.path(), &["--sandbox", "submit", mixed, "--yes"]).code,
            0
        );
    }
    let path = root.path().join("data/lsq-tasks/history.jsonl");
    let text = std::fs::read(&path).unwrap();
    let first_end = text.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut damaged = text[..first_end].to_vec();
    damaged.extend_from_slice(b"{\"time\": \"2026-12-03T09:\xff\xfe cut\n");
    damaged.extend_from_slice(&text[first_end..]);
    std::fs::write(&path, damaged).unwrap();
    let seen = run(root.path(), &["history"]);
    assert_eq!(seen.code, 0, "{}", seen.out);
    assert!(
        seen.out
            .contains("history.jsonl:2: skipped a damaged entry"),
        "{}",
        seen.out
    );
    assert_eq!(
        seen.out.lines().filter(|l| l.contains("accepted")).count(),
        2,
        "{}",
        seen.out
    );
}

/// `validate FILE` on what `bytes` holds: its exit code and output, in under `limit`. A file
/// that cannot be read as tasks exits 1 like one with errors (`validate` answers "is this
/// input valid?"); only `submit` and the rest use 2 for it.
fn validate(name: &str, bytes: impl AsRef<[u8]>, limit: Duration) -> Run {
    let root = tempfile::tempdir().unwrap();
    write(root.path(), name, bytes);
    let started = Instant::now();
    let seen = run(root.path(), &["validate", name]);
    assert!(
        started.elapsed() < limit,
        "{name} took {:?}",
        started.elapsed()
    );
    seen
}

const SECOND: Duration = Duration::from_secs(1);

#[test]
fn wrong_encodings_are_refused_with_the_line_and_byte_and_boms_are_read() {
    let utf16: Vec<u8> = "Name,TaskType\nCall,Follow Up\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let utf16 = [&[0xff, 0xfe][..], &utf16].concat();
    let seen = validate("utf16.csv", utf16, 5 * SECOND);
    assert_eq!(seen.code, 1, "{}", seen.out);
    assert!(
        seen.out
            .contains("utf16.csv: line 1: the file is not UTF-8"),
        "{}",
        seen.out
    );
    let seen = validate(
        "latin1.csv",
        b"Name,TaskType\nCaf\xe9,Follow Up\n",
        5 * SECOND,
    );
    assert_eq!(seen.code, 1, "{}", seen.out);
    assert!(
        seen.out
            .contains("latin1.csv: line 2: the file is not UTF-8"),
        "{}",
        seen.out
    );
    let seen = validate(
        "latin1.json",
        b"{\"TaskList\":[{\"Name\":\"Caf\xe9\"}]}",
        5 * SECOND,
    );
    assert_eq!(seen.code, 1, "{}", seen.out);
    assert!(seen.out.contains("latin1.json"), "{}", seen.out);

    let seen = validate(
        "bom.csv",
        "\u{feff}Name,TaskType\nCall,Follow Up\n",
        5 * SECOND,
    );
    assert_eq!(seen.code, 0, "{}", seen.out);
    let body = "\u{feff}{\"TaskList\":[{\"Name\":\"a\",\"Description\":\"\",\"RelatedEntity\":0,\
                \"RelatedEntityId\":\"\",\"TaskType\":{\"Name\":\"Follow Up\"}}]}";
    let seen = validate("bom.json", body, 5 * SECOND);
    assert_eq!(seen.code, 0, "{}", seen.out);
}

#[test]
fn huge_fields_deep_nesting_and_a_hundred_thousand_rows_end_quickly_with_a_message() {
    let field = "x".repeat(10 * 1024 * 1024);
    let seen = validate(
        "big-field.csv",
        format!("Name,TaskType\n{field},Follow Up\n"),
        10 * SECOND,
    );
    assert_eq!(seen.code, 0, "{}", &seen.out[..200.min(seen.out.len())]);
    let body =
        format!("{{\"TaskList\":[{{\"Name\":\"{field}\",\"TaskType\":{{\"Name\":\"F\"}}}}]}}");
    let seen = validate("big-field.json", body, 10 * SECOND);
    assert_eq!(
        seen.code,
        1,
        "errors, not a crash: {}",
        &seen.out[..200.min(seen.out.len())]
    );

    let deep = format!(
        "{{\"TaskList\":{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let seen = validate("deep.json", deep, 5 * SECOND);
    assert_eq!(seen.code, 1, "{}", seen.out);
    assert!(
        seen.out
            .contains("deep.json: not valid JSON at line 1, column"),
        "{}",
        seen.out
    );
    let deep = format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    assert_eq!(validate("deep-objects.json", deep, 5 * SECOND).code, 1);

    let mut rows = String::new();
    for i in 0..100_000 {
        writeln!(rows, "Call {i},Follow Up").unwrap();
    }
    let seen = validate("rows.csv", format!("Name,TaskType\n{rows}"), 30 * SECOND);
    assert_eq!(seen.code, 1, "{}", seen.out);
    assert!(
        seen.out
            .contains("holds 100000 tasks: one call takes at most 50"),
        "{}",
        seen.out
    );
}

#[test]
fn control_and_escape_characters_in_every_field_are_reported_not_replayed() {
    let nasty = [
        "\x1b[2J",
        "\x1b]2;pwned\x07",
        "\x00",
        "\x08\x7f",
        "\r",
        "\u{9b}31m",
    ];
    let header = "Kind,Name,Description,RelatedEntity,RelatedEntityId,DueDate,EndDate,Reminder,\
                  NotifyBy,OwnerEmailAddress,Location,TaskType,mx_Custom_1";
    for bad in nasty {
        let cell = format!("\"a{bad}b\"");
        let row = vec![cell.as_str(); 13].join(",");
        let seen = validate("nasty.csv", format!("{header}\n{row}\n"), 5 * SECOND);
        assert_eq!(seen.code, 1, "{bad:?}: {}", seen.out);
        assert!(
            seen.out.contains("task 1 (line 2) · Kind:"),
            "{bad:?}: {}",
            seen.out
        );
        let seen = validate(
            "nasty-header.csv",
            format!("Name,TaskType,{bad}\na,b,c\n"),
            SECOND,
        );
        assert_eq!(seen.code, 1, "{bad:?}: {}", seen.out);
        assert!(
            seen.out.contains("nasty-header.csv: line 1, column 3"),
            "{}",
            seen.out
        );

        let value = format!("a{bad}b");
        let mut task = serde_json::Map::new();
        for member in lsq_tasks::task::TASK_MEMBERS {
            task.insert((*member).to_owned(), value.clone().into());
        }
        task.insert(format!("mx_{bad}"), value.clone().into());
        task.insert(value.clone(), value.clone().into());
        let body = serde_json::json!({"TaskList": [task], "StatusWebhookURL": value});
        let seen = validate("nasty.json", body.to_string(), 5 * SECOND);
        assert_eq!(seen.code, 1, "{bad:?}: {}", seen.out);
        assert!(seen.out.contains("task 1 · "), "{bad:?}: {}", seen.out);
        let controls = seen
            .out
            .chars()
            .filter(|c| c.is_control() && *c != '\n')
            .count();
        assert_eq!(controls, 0, "{bad:?}: {:?}", seen.out);
    }
}
