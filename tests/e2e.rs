//! The real binary in a real pseudo-terminal, read back through a terminal emulator (vt100):
//! tasks typed by keystrokes reach the sandbox exactly, and a SIGKILL loses no staged task.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use lsq_tasks::sandbox::{DEMO_ACCESS_KEY, DEMO_SECRET_KEY, Options, Sandbox};
use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

/// The program running in a pseudo-terminal, with what it has drawn so far.
struct Terminal {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Terminal {
    fn start(data: &Path, host: &str) -> Terminal {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_lsq-tasks"));
        for name in ["LSQ_PROFILE", "LSQ_LOG", "NO_COLOR"] {
            command.env_remove(name);
        }
        command.env("XDG_CONFIG_HOME", data.join("config"));
        command.env("XDG_DATA_HOME", data.join("data"));
        command.env("XDG_STATE_HOME", data.join("state"));
        command.env("HOME", data);
        command.env("TERM", "xterm-256color");
        command.env("TZ", "Asia/Kolkata");
        command.env("LSQ_NOW", "2026-12-03T09:00:00Z");
        command.env("LSQ_HOST", host);
        command.env("LSQ_ACCESS_KEY", DEMO_ACCESS_KEY);
        command.env("LSQ_SECRET_KEY", DEMO_SECRET_KEY);
        let child = pair.slave.spawn_command(command).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let size = |n| std::num::NonZeroU16::new(n).unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(size(40), size(120), 0)));
        let shared = Arc::clone(&screen);
        std::thread::spawn(move || {
            // Keeps the master open as long as the reader runs.
            let _master = pair.master;
            let mut buffer = [0_u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                shared.lock().unwrap().process(&buffer[..n]);
            }
        });
        Terminal {
            child,
            writer,
            screen,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until `text` is on screen; fails with the screen when it does not come.
    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "{text:?} never appeared; the screen shows:\n{}",
            self.contents()
        );
    }

    fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // One key at a time reaches the app as separate presses, as typing does.
        std::thread::sleep(Duration::from_millis(5));
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.keys(&c.to_string());
        }
    }

    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "the program did not exit; the screen shows:\n{}",
            self.contents()
        );
    }
}

const TAB: &str = "\t";
const CTRL_S: &str = "\x13";
const ESC: &str = "\x1b";

fn stage(term: &mut Terminal, kind: &str, fields: &[&str]) {
    term.keys(kind);
    term.wait_for("(Name)");
    for (index, value) in fields.iter().enumerate() {
        if index > 0 {
            term.keys(TAB);
        }
        term.type_text(value);
    }
    term.keys(CTRL_S);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tasks_typed_in_the_terminal_reach_the_sandbox_exactly() {
    let sandbox = Sandbox::start(Options::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (path, url) = (dir.path().to_owned(), sandbox.base_url());
    tokio::task::spawn_blocking(move || {
        let mut term = Terminal::start(&path, &url);
        term.wait_for("The staging list is empty");
        stage(
            &mut term,
            "a",
            &["Site visit", "Meeting", "tomorrow 10:00", "tomorrow 10:45"],
        );
        term.wait_for("1/50 tasks");
        stage(
            &mut term,
            "t",
            &["Call back Asha", "Follow Up", "tomorrow 15:00"],
        );
        term.wait_for("2/50 tasks");
        term.keys("s");
        term.wait_for("Send this batch?");
        term.keys("y");
        term.wait_for("200 OK: accepted");
        term.keys(ESC);
        // The list's title, not the count (already 0 on the outcome screen): q must not follow
        // Esc so closely that the terminal reads the two as Alt-q.
        term.wait_for("· Staging list");
        term.keys("q");
        assert_eq!(term.wait_exit(), 0);
    })
    .await
    .unwrap();
    let accepted = sandbox.accepted();
    assert_eq!(accepted.len(), 1, "one call");
    let tasks = accepted[0]["TaskList"].as_array().unwrap();
    assert_eq!(tasks.len(), 2, "{tasks:?}");
    assert_eq!(tasks[0]["Name"], "Site visit");
    assert_eq!(tasks[0]["TaskType"]["Name"], "Meeting");
    // 10:00 in Kolkata on 2026-12-04 is 04:30 UTC.
    assert_eq!(tasks[0]["DueDate"], "2026-12-04 04:30:00");
    assert_eq!(tasks[0]["EndDate"], "2026-12-04 05:15:00");
    assert_eq!(tasks[1]["Name"], "Call back Asha");
    assert_eq!(tasks[1]["TaskType"]["Name"], "Follow Up");
    assert_eq!(tasks[1]["DueDate"], "2026-12-04 09:30:00");
}

#[test]
fn a_sigkill_after_staging_three_tasks_loses_none_of_them() {
    let dir = tempfile::tempdir().unwrap();
    // No server needed: nothing is sent. A closed port keeps the look-ups quiet.
    let host = "http://127.0.0.1:9";
    let mut term = Terminal::start(dir.path(), host);
    term.wait_for("The staging list is empty");
    for (index, name) in ["First call", "Second call", "Third call"]
        .iter()
        .enumerate()
    {
        stage(&mut term, "t", &[name, "Follow Up"]);
        term.wait_for(&format!("{}/50 tasks", index + 1));
    }
    let pid = term.child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status();
    assert!(killed.unwrap().success());
    term.wait_exit();

    let mut again = Terminal::start(dir.path(), host);
    again.wait_for("3/50 tasks");
    let shown = again.contents();
    for name in ["First call", "Second call", "Third call"] {
        assert!(
            shown.contains(name),
            "{name} is missing after the kill:\n{shown}"
        );
    }
    again.keys("q");
    again.wait_exit();
}
