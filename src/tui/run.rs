//! The real terminal: set-up, the event loop and restore.
//!
//! One `select!` waits on finished background work and on terminal input at once. The screen
//! is redrawn only after input, a message or a resize: an idle screen costs no CPU.

use std::io::Write;

use crossterm::event::{Event, EventStream, KeyEventKind};
use futures_util::StreamExt;
use ratatui::DefaultTerminal;
use tokio::sync::mpsc;

use super::app::App;
use super::message::Message;
use super::{TuiOptions, draw};
use crate::exit::Exit;

/// Runs the application until the user quits. The terminal is restored on every way out,
/// including a panic (ratatui's `init` installs a hook for that).
pub fn run(options: TuiOptions) -> Exit {
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
    let mut app = App::new(options);
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(error) => {
            ratatui::restore();
            eprintln!("lsq-tasks: could not take over the terminal: {error}");
            return Exit::Usage;
        }
    };
    let result = runtime.block_on(event_loop(&mut terminal, &mut app));
    ratatui::restore();
    match result {
        Ok(()) => Exit::Success,
        Err(error) => {
            eprintln!("lsq-tasks: the terminal failed: {error}");
            Exit::Usage
        }
    }
}

async fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    let (sender, mut messages) = mpsc::unbounded_channel::<Message>();
    app.set_sender(sender);
    let mut events = EventStream::new();
    terminal.draw(|frame| draw(app, frame))?;
    while !app.should_quit() {
        tokio::select! {
            biased;
            Some(message) = messages.recv() => app.handle_message(message),
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) if key.kind == KeyEventKind::Press => {
                    app.handle_key(key);
                }
                Some(Ok(Event::Resize(..))) => {}
                // Releases, focus changes and the like change nothing on screen.
                Some(Ok(_)) => continue,
                Some(Err(error)) => return Err(error),
                None => return Ok(()),
            },
        }
        let outbox = app.take_outbox();
        if !outbox.is_empty() {
            let mut stdout = std::io::stdout();
            for sequence in outbox {
                stdout.write_all(sequence.as_bytes())?;
            }
            stdout.flush()?;
        }
        terminal.draw(|frame| draw(app, frame))?;
    }
    Ok(())
}
