//! The real binary in a pseudo-terminal, read back through a terminal emulator (vt100), with
//! every byte it wrote kept for tests that look for what must never reach a terminal.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use lsq_tasks::sandbox::{DEMO_ACCESS_KEY, DEMO_SECRET_KEY};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const TAB: &str = "\t";
pub const CTRL_S: &str = "\x13";
pub const ESC: &str = "\x1b";
/// What xterm sends for F12.
pub const F12: &str = "\x1b[24~";

/// The program running in a pseudo-terminal, with what it has drawn so far.
pub struct Terminal {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Terminal {
    /// The UI on a 120x40 terminal, folders under `data`, calls to `host` with the demo keys.
    pub fn start(data: &Path, host: &str) -> Terminal {
        Terminal::start_with(
            data,
            &[
                ("LSQ_HOST", host),
                ("LSQ_ACCESS_KEY", DEMO_ACCESS_KEY),
                ("LSQ_SECRET_KEY", DEMO_SECRET_KEY),
            ],
        )
    }

    /// The UI with folders under `data` and `env` set on top of a clean environment.
    pub fn start_with(data: &Path, env: &[(&str, &str)]) -> Terminal {
        let pair = native_pty_system().openpty(size(40, 120)).unwrap();
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_lsq-tasks"));
        for name in [
            "LSQ_PROFILE",
            "LSQ_LOG",
            "NO_COLOR",
            "LSQ_HOST",
            "LSQ_ACCESS_KEY",
            "LSQ_SECRET_KEY",
            "LSQ_TEST_PANIC_ON_KEY",
        ] {
            command.env_remove(name);
        }
        command.env("XDG_CONFIG_HOME", data.join("config"));
        command.env("XDG_DATA_HOME", data.join("data"));
        command.env("XDG_STATE_HOME", data.join("state"));
        command.env("HOME", data);
        command.env("TERM", "xterm-256color");
        command.env("TZ", "Asia/Kolkata");
        command.env("LSQ_NOW", "2026-12-03T09:00:00Z");
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pair.slave.spawn_command(command).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let rows_cols = |n| std::num::NonZeroU16::new(n).unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            rows_cols(40),
            rows_cols(120),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (shared, kept) = (Arc::clone(&screen), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buffer = [0_u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                shared.lock().unwrap().process(&buffer[..n]);
                kept.lock().unwrap().extend_from_slice(&buffer[..n]);
            }
        });
        Terminal {
            child,
            writer,
            master: pair.master,
            screen,
            raw,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Every byte the program has written to the terminal so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// The emulator's screen, for its modes (alternate screen, mouse reporting).
    pub fn with_screen<T>(&self, look: impl FnOnce(&vt100::Screen) -> T) -> T {
        look(self.screen.lock().unwrap().screen())
    }

    /// Resizes the terminal as a window manager would (the program gets SIGWINCH).
    pub fn resize(&self, rows: u16, cols: u16) {
        let non_zero = |n| std::num::NonZeroU16::new(n).unwrap();
        let mut screen = self.screen.lock().unwrap();
        screen.screen_mut().set_size(non_zero(rows), non_zero(cols));
        self.master.resize(size(rows, cols)).unwrap();
    }

    /// Waits until `text` is on screen; fails with the screen when it does not come.
    pub fn wait_for(&self, text: &str) {
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

    pub fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // One key at a time reaches the app as separate presses, as typing does.
        std::thread::sleep(Duration::from_millis(5));
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.keys(&c.to_string());
        }
    }

    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Lets the reader drain what the program wrote last.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "the program did not exit; the screen shows:\n{}",
            self.contents()
        );
    }

    /// Kills the program with SIGKILL: no handler, no restore, no last save.
    pub fn kill_9(&mut self) {
        let pid = self.child.process_id().unwrap();
        let killed = std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status();
        assert!(killed.unwrap().success());
        self.wait_exit();
    }
}

/// Opens a form with `kind` (`a` or `t`), types `fields` one after another and stages it.
pub fn stage(term: &mut Terminal, kind: &str, fields: &[&str]) {
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
