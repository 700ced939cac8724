//! The floor of `scripts/bench-tui`: the least a ratatui program can do, one bordered paragraph
//! drawn at start and after each key, quitting on `q`. Every timing of lsq-tasks is reported
//! as a ratio to this program, measured in the same run, so the machine's drift cancels out.

use crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::widgets::{Block, Paragraph};

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let mut keys = 0_u32;
    let result = loop {
        let drawn = terminal.draw(|frame| {
            let text = format!("floor: a minimal ratatui program. Keys so far: {keys}. q quits.");
            let block = Block::bordered().title(" floor ");
            frame.render_widget(Paragraph::new(text).block(block), frame.area());
        });
        if let Err(error) = drawn {
            break Err(error);
        }
        // Blocking read: the floor wakes only for input, like the program it is compared with.
        match event::read() {
            Ok(Event::Key(key)) if key.kind == KeyEventKind::Press => {
                if key.code == KeyCode::Char('q') {
                    break Ok(());
                }
                keys += 1;
            }
            Ok(_) => {}
            Err(error) => break Err(error),
        }
    };
    ratatui::restore();
    result
}
