//! The real terminal: set-up, the event loop and restore.
//!
//! One `select!` waits on finished background work and on terminal input at once. The screen
//! is redrawn only after input, a message or a resize: an idle screen costs no CPU.

use std::io::{BufWriter, Stdout, Write, stdout};

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::Terminal;
use tokio::sync::mpsc;

use std::time::Duration;

use super::app::App;
use super::input::Input;
use super::message::Message;
use super::output::Compact;
use super::{TuiOptions, draw};
use crate::config::{self, Host, Keys, Secret};
use crate::exit::Exit;
use crate::sandbox::{DEMO_ACCESS_KEY, DEMO_SECRET_KEY, Options, Sandbox};
use crate::store::Drafts;

/// How often the spinner turns while a call is in flight (and only then).
const SPINNER_TICK: Duration = Duration::from_millis(120);

/// At most this many waiting events are handled before a redraw, so the screen still moves
/// during a long paste.
const MAX_EVENTS_PER_FRAME: usize = 1_000;

/// Runs the application until the user quits. The terminal is restored on every way out,
/// including a panic (`take_terminal` installs a hook for that).
pub fn run(mut options: TuiOptions) -> Exit {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("lsq-tasks: could not start the event loop: {error}");
            return Exit::Usage;
        }
    };
    // The sandbox lives on this runtime for as long as the application runs.
    let _sandbox = if options.sandbox && options.settings.is_none() {
        match runtime.block_on(start_sandbox(&mut options)) {
            Ok(sandbox) => Some(sandbox),
            Err(why) => {
                eprintln!("lsq-tasks: {why}");
                return Exit::Usage;
            }
        }
    } else {
        None
    };
    // Before the terminal is taken: a refusal is a plain message on a plain terminal.
    let _lock = match Drafts::new(options.drafts_path.clone()).lock() {
        Ok(lock) => lock,
        Err(error) => {
            eprintln!("lsq-tasks: {error}");
            return Exit::Usage;
        }
    };
    let mut app = App::new(options);
    let mut terminal = match take_terminal() {
        Ok(terminal) => terminal,
        Err(error) => {
            give_back_terminal();
            eprintln!("lsq-tasks: could not take over the terminal: {error}");
            return Exit::Usage;
        }
    };
    let result = runtime.block_on(event_loop(&mut terminal, &mut app));
    give_back_terminal();
    match result {
        Ok(()) => Exit::Success,
        Err(error) => {
            eprintln!("lsq-tasks: the terminal failed: {error}");
            Exit::Usage
        }
    }
}

/// The terminal as the application draws on it. Output is gathered in one buffer and written
/// once per frame: through the standard output's own 1 KiB line buffer a full frame took six
/// writes, each waking the terminal.
/// The escape sequences are `Compact`'s, shorter than crossterm's.
type Screen = Terminal<Compact<BufWriter<Stdout>>>;

/// Room for the largest frame (a full 120x40 repaint with colours is about 6 KB) and then some.
const FRAME_BUFFER: usize = 64 * 1024;

/// Raw mode, the alternate screen and mouse reports. A panic hook gives the terminal back
/// (mouse reports off, cursor shown, raw mode off, main screen) before the panic is reported,
/// so a crash never leaves the terminal unusable.
fn take_terminal() -> std::io::Result<Screen> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        give_back_terminal();
        previous(info);
    }));
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    let writer = BufWriter::with_capacity(FRAME_BUFFER, stdout());
    Terminal::new(Compact::new(writer))
}

/// Undoes [`take_terminal`]; safe to call more than once.
fn give_back_terminal() {
    let _ = crossterm::execute!(stdout(), DisableMouseCapture, Show, LeaveAlternateScreen);
    let _ = crossterm::terminal::disable_raw_mode();
}

/// Starts the embedded sandbox on a free port and points the options at it with its demo keys.
async fn start_sandbox(options: &mut TuiOptions) -> Result<Sandbox, String> {
    let sandbox = Sandbox::start(Options::default())
        .await
        .map_err(|e| format!("cannot start the sandbox on 127.0.0.1: {e}"))?;
    let host = Host::parse(&sandbox.base_url())?;
    let keys = Keys {
        access_key: Secret::new(DEMO_ACCESS_KEY),
        secret_key: Secret::new(DEMO_SECRET_KEY),
    };
    let settings = match &options.paths {
        Some(paths) => config::sandbox_settings(paths, options.profile.as_deref(), host, keys)
            .map_err(|e| e.to_string())?,
        None => config::Settings {
            profile: {
                let mut profile = config::Profile::named("sandbox");
                profile.host = host;
                profile
            },
            keys: Some(keys),
            sandbox: true,
            warnings: Vec::new(),
        },
    };
    options.settings = Some(settings);
    Ok(sandbox)
}

async fn event_loop(terminal: &mut Screen, app: &mut App) -> std::io::Result<()> {
    let (sender, mut messages) = mpsc::unbounded_channel::<Message>();
    app.set_sender(sender);
    let panic_key = test_panic_key();
    terminal.draw(|frame| draw(app, frame))?;
    // After the first frame: start-up never waits for the network (keys typed meanwhile wait
    // in the terminal).
    let mut input = Input::new()?;
    app.start_lookups();
    let mut spinner = tokio::time::interval(SPINNER_TICK);
    while !app.should_quit() {
        let busy = app.is_busy();
        tokio::select! {
            biased;
            Some(message) = messages.recv() => app.handle_message(message),
            _ = spinner.tick(), if busy => app.tick(),
            event = input.next() => {
                match on_event(app, event, panic_key)? {
                    Next::Draw => {}
                    Next::Skip => continue,
                    Next::End => return Ok(()),
                }
                // Keys that arrived together (a paste without bracketed paste, typing over a
                // slow link) are all handled before one redraw, not one redraw per key.
                for _ in 0..MAX_EVENTS_PER_FRAME {
                    if app.should_quit() {
                        break;
                    }
                    let Some(event) = input.ready()? else {
                        break;
                    };
                    if on_event(app, Some(Ok(event)), panic_key)? == Next::End {
                        return Ok(());
                    }
                }
            }
        }
        let outbox = app.take_outbox();
        if !outbox.is_empty() {
            let mut stdout = stdout();
            for sequence in outbox {
                stdout.write_all(sequence.as_bytes())?;
            }
            stdout.flush()?;
        }
        terminal.draw(|frame| draw(app, frame))?;
    }
    Ok(())
}

/// What the loop does after an event.
#[derive(Debug, PartialEq, Eq)]
enum Next {
    Draw,
    /// Nothing on screen changed.
    Skip,
    /// The terminal's input ended.
    End,
}

/// Hands one terminal event to the app.
fn on_event(
    app: &mut App,
    event: Option<std::io::Result<Event>>,
    panic_key: Option<KeyCode>,
) -> std::io::Result<Next> {
    Ok(match event {
        Some(Ok(Event::Key(key))) if key.kind == KeyEventKind::Press => {
            assert!(
                panic_key != Some(key.code),
                "LSQ_TEST_PANIC_ON_KEY: a deliberate panic for the tests"
            );
            app.handle_key(key);
            Next::Draw
        }
        Some(Ok(Event::Mouse(mouse))) if app.handle_mouse(mouse) => Next::Draw,
        Some(Ok(Event::Resize(..))) => Next::Draw,
        // Pointer motion, releases, focus changes and the like change nothing on screen.
        Some(Ok(_)) => Next::Skip,
        Some(Err(error)) => return Err(error),
        None => Next::End,
    })
}

/// The key that makes the event loop panic, from `LSQ_TEST_PANIC_ON_KEY` (only `F12` is
/// understood). A test hook, documented in RELIABILITY.md: the end-to-end tests use it to show
/// that a panic restores the terminal and keeps the list. Unset, as for every user, it is `None`.
fn test_panic_key() -> Option<KeyCode> {
    let wanted = std::env::var("LSQ_TEST_PANIC_ON_KEY").ok()?;
    (wanted == "F12").then_some(KeyCode::F(12))
}
