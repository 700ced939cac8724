//! Terminal input, waited for on the event loop's own thread.
//!
//! crossterm's `EventStream` waits on a thread of its own and wakes the loop from there: every
//! key then crossed two threads before it was handled. Here the loop's reactor watches the
//! terminal itself (a second descriptor of the same terminal, so crossterm keeps reading from
//! its own) and a window-size signal, and crossterm is only asked, without waiting, for what has
//! arrived. Measured with `scripts/bench-tui`: see the README's "Performance".

use std::fs::File;
use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::time::Duration;

use crossterm::event::Event;
use tokio::io::unix::AsyncFd;
use tokio::signal::unix::{Signal, SignalKind, signal};

/// The terminal's events as the event loop waits for them.
pub struct Input {
    terminal: AsyncFd<OwnedFd>,
    resized: Signal,
}

impl Input {
    /// Watches the controlling terminal (or standard input, when it is the terminal and there
    /// is no controlling one). Must be called on a tokio runtime with I/O and signals enabled.
    pub fn new() -> io::Result<Input> {
        let descriptor = match File::open("/dev/tty") {
            Ok(file) => OwnedFd::from(file),
            Err(_) => io::stdin().as_fd().try_clone_to_owned()?,
        };
        // `new` is deprecated because an arbitrary `AsRawFd` may hand out a descriptor it does
        // not own; an `OwnedFd` owns its one descriptor until dropped, which is exactly what
        // the unsafe `register` asks of its caller, and this crate forbids unsafe code.
        #[allow(deprecated)]
        let terminal = AsyncFd::new(descriptor)?;
        Ok(Input {
            terminal,
            resized: signal(SignalKind::window_change())?,
        })
    }

    /// The next event; `None` once the terminal has hung up. Cancel-safe: nothing is taken from
    /// the terminal until it is returned.
    pub async fn next(&mut self) -> Option<io::Result<Event>> {
        loop {
            match self.ready() {
                Ok(Some(event)) => return Some(Ok(event)),
                Ok(None) => {}
                Err(error) => return Some(Err(error)),
            }
            tokio::select! {
                guard = self.terminal.readable() => {
                    let mut guard = match guard {
                        Ok(guard) => guard,
                        Err(error) => return Some(Err(error)),
                    };
                    if guard.ready().is_read_closed() {
                        return None;
                    }
                    // Cleared before crossterm reads: bytes that come after the read wake the
                    // next wait again.
                    guard.clear_ready();
                }
                // crossterm reports the new size from its own handler of the same signal.
                _ = self.resized.recv() => {}
            }
        }
    }

    /// An event that has already arrived, without waiting.
    #[expect(
        clippy::unused_self,
        reason = "crossterm reads from one global reader; `&mut Input` keeps it on the loop"
    )]
    pub fn ready(&mut self) -> io::Result<Option<Event>> {
        if crossterm::event::poll(Duration::ZERO)? {
            crossterm::event::read().map(Some)
        } else {
            Ok(None)
        }
    }
}
