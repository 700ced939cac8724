//! The real binary on real files: output, standard error and exit codes of the headless
//! commands that work without the network.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const MIXED_JSON: &str = "assets/examples/mixed.json";
const MIXED_CSV: &str = "assets/examples/mixed.csv";
const FIFTY: &str = "assets/examples/fifty.json";

fn lsq() -> Command {
    let mut command = Command::cargo_bin("lsq-tasks").unwrap();
    command
        .env("LSQ_NOW", "2026-12-03T09:00:00Z")
        .env("TZ", "Asia/Kolkata");
    command
}

fn json_of(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

fn file_json(path: &str) -> Value {
    json_of(&fs::read(path).unwrap())
}

#[test]
fn payload_of_each_example_equals_the_input() {
    for path in [MIXED_JSON, FIFTY] {
        let out = lsq()
            .args(["payload", path])
            .assert()
            .success()
            .get_output()
            .clone();
        assert_eq!(json_of(&out.stdout), file_json(path), "{path}");
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn the_csv_example_gives_the_same_body_as_the_json_example() {
    let out = lsq()
        .args(["payload", MIXED_CSV])
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(json_of(&out.stdout), file_json(MIXED_JSON));
}

#[test]
fn compact_payload_is_one_line_and_passes_validate() {
    let out = lsq()
        .args(["payload", FIFTY, "--compact"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8_lossy(&out).lines().count(), 1);
    lsq()
        .args(["validate", "-"])
        .write_stdin(out)
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with(
            "-: 50 tasks, 0 errors, 0 warnings\n",
        ));
}

#[test]
fn validate_lists_each_problem_by_task_and_member_then_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    let mut body = file_json(MIXED_JSON);
    body["TaskList"][1]["Duedate"] = "2027-01-14 04:30:00".into();
    body["TaskList"][0]["EndDate"] = "2027-01-14 04:00:00".into();
    fs::write(&path, body.to_string()).unwrap();
    lsq()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "task 2 · Duedate: is not a member the API knows",
        ))
        .stdout(predicate::str::contains("did you mean DueDate?"))
        .stdout(predicate::str::contains(
            "task 1 · EndDate: 2027-01-14 04:00:00 is before",
        ))
        .stdout(predicate::str::contains("2 tasks, 2 errors, 0 warnings"));
}

#[test]
fn payload_refuses_a_file_with_errors_and_prints_no_body() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    fs::write(
        &path,
        "Name,TaskType,DueDate\nCall,Follow Up,tomorrow 10:00\n,Meeting,\n",
    )
    .unwrap();
    lsq()
        .arg("payload")
        .arg(&path)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("task 2 (line 3) · Name: is empty"));
}

#[test]
fn skip_invalid_sends_only_the_good_rows_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("some-bad.csv");
    fs::write(
        &path,
        "Name,TaskType,DueDate\nCall,Follow Up,tomorrow 10:00\n,Meeting,\n",
    )
    .unwrap();
    let out = lsq()
        .arg("payload")
        .arg(&path)
        .arg("--skip-invalid")
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "skipped 1 task(s) with errors; kept 1",
        ))
        .get_output()
        .stdout
        .clone();
    let body = json_of(&out);
    assert_eq!(body["TaskList"].as_array().unwrap().len(), 1);
    // "tomorrow 10:00" in Asia/Kolkata on 2026-12-03 is 04:30 UTC on the 4th.
    assert_eq!(body["TaskList"][0]["DueDate"], "2026-12-04 04:30:00");
}

#[test]
fn warnings_go_to_stderr_and_do_not_stop_the_payload() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("past.json");
    let mut body = file_json(MIXED_JSON);
    body["TaskList"][1]["DueDate"] = "2026-01-01 00:00:00".into();
    fs::write(&path, body.to_string()).unwrap();
    lsq()
        .arg("payload")
        .arg(&path)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "task 2 · DueDate: warning: 2026-01-01 00:00 UTC is in the past",
        ))
        .stdout(predicate::str::contains("\"TaskList\""));
}

#[test]
fn unreadable_input_is_exit_2_and_bad_content_exit_1() {
    lsq()
        .args(["validate", "no/such/file.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read no/such/file.json"));
    lsq()
        .args(["validate", "Cargo.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expected a .json body or a .csv table",
        ));
    lsq().args(["validate"]).assert().code(2);
    lsq().args(["frobnicate"]).assert().code(2);
    lsq()
        .args(["validate", "-"])
        .write_stdin("{\"TaskList\": [")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not valid JSON at line 1"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.csv");
    fs::write(&path, b"Name,TaskType\nCaf\xe9,Follow Up\n").unwrap();
    lsq()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 2: the file is not UTF-8"));
}

#[test]
fn help_documents_the_exit_codes() {
    lsq()
        .args(["payload", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("5  outcome unknown"));
}

#[test]
fn completions_and_the_man_page_come_from_the_command_definitions() {
    for shell in ["bash", "zsh", "fish"] {
        let out = lsq()
            .args(["completions", shell])
            .assert()
            .success()
            .get_output()
            .clone();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("validate") && text.contains("skip-invalid"),
            "{shell}"
        );
    }
    lsq()
        .arg("manpage")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH lsq-tasks 1"))
        .stdout(predicate::str::contains("submit"));
}

/// Zones are read from the system's database (`TZDIR` here, as glibc reads it). Without one, a
/// zone named on the command line is refused with what to install, and the system's zone
/// (`TZ`) falls back to UTC with a warning instead of silently.
#[test]
fn without_a_time_zone_database_the_zone_is_refused_or_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("tomorrow.csv");
    fs::write(
        &csv,
        "Name,TaskType,DueDate\nCall,Follow Up,tomorrow 10:00\n",
    )
    .unwrap();
    let without = |command: &mut Command| {
        command
            .env("TZDIR", dir.path().join("no-zoneinfo"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .arg("payload")
            .arg(&csv);
    };

    let mut named = lsq();
    without(&mut named);
    named
        .args(["--zone", "Asia/Kolkata"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "time zone 'Asia/Kolkata' cannot be read",
        ))
        .stderr(predicate::str::contains(
            "install the system's tzdata package",
        ));

    let mut system = lsq();
    without(&mut system);
    let out = system
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "warning: time zone 'Asia/Kolkata' cannot be read",
        ))
        .stderr(predicate::str::contains("dates are typed in UTC"))
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        json_of(&out)["TaskList"][0]["DueDate"],
        "2026-12-04 10:00:00"
    );

    // With the database, the same file is read in the system's zone.
    let out = lsq()
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .arg("payload")
        .arg(&csv)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        json_of(&out)["TaskList"][0]["DueDate"],
        "2026-12-04 04:30:00"
    );
}
