//! What reaches the terminal. ratatui sends only the cells that changed since the last frame
//! and jumps the cursor over the rest; a jump costs six to eight bytes, so over a list where
//! words are one space apart the jumps were nearly half of a frame's bytes (365 jumps, 2.8 of
//! 6 KB in the first frame of fifty tasks). [`Compact`] remembers what the screen shows and
//! writes short runs of unchanged cells instead of jumping over them when that is shorter.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};

/// Runs of unchanged cells up to this long are written out rather than jumped over: a jump is
/// `ESC [ row ; col H`, at least six bytes.
const LONGEST_FILL: u16 = 5;

/// A backend that passes everything to `inner`, filling short gaps between changed cells.
#[derive(Debug)]
pub struct Compact<B> {
    inner: B,
    /// What the terminal shows, as far as this backend has drawn it.
    shown: Buffer,
}

impl<B: Backend> Compact<B> {
    /// `inner` drawing on a blank screen (the alternate screen just entered).
    pub fn new(inner: B) -> Compact<B> {
        let mut compact = Compact {
            inner,
            shown: Buffer::empty(Rect::ZERO),
        };
        compact.forget();
        compact
    }

    /// Forgets what the screen showed: after a clear it shows blanks.
    fn forget(&mut self) {
        let size = self.inner.size().unwrap_or_default();
        self.shown = Buffer::empty(Rect::new(0, 0, size.width, size.height));
    }
}

/// The cells to write: `changed`, plus the unchanged cells of short gaps between two changes on
/// one row, when they can be written in the colours already in force.
fn filled<'a>(shown: &'a Buffer, changed: &[(u16, u16, &'a Cell)]) -> Vec<(u16, u16, &'a Cell)> {
    let mut out = Vec::with_capacity(changed.len() * 2);
    let mut previous: Option<(u16, u16, &Cell)> = None;
    for &(x, y, cell) in changed {
        if let Some((last_x, last_y, last)) = previous
            && last_y == y
            && plain(last)
            && x > last_x + 1
            && x - last_x - 1 <= LONGEST_FILL
            && (last_x + 1..x).all(|gap| shown.cell((gap, y)).is_some_and(|c| same_look(c, last)))
        {
            out.extend((last_x + 1..x).map(|gap| (gap, y, &shown[(gap, y)])));
        }
        out.push((x, y, cell));
        previous = Some((x, y, cell));
    }
    out
}

/// True for a cell holding one single-width character: writing it moves the cursor by one.
fn plain(cell: &Cell) -> bool {
    let symbol = cell.symbol().as_bytes();
    symbol.len() == 1
        && (symbol[0].is_ascii_graphic() || symbol[0] == b' ')
        && cell.diff_option == CellDiffOption::None
}

/// True when `cell` is plain and in `like`'s colours: writing it needs no colour change.
fn same_look(cell: &Cell, like: &Cell) -> bool {
    plain(cell)
        && cell.fg == like.fg
        && cell.bg == like.bg
        && cell.underline_color == like.underline_color
        && cell.modifier == like.modifier
}

impl<B: Backend> Backend for Compact<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let changed: Vec<(u16, u16, &Cell)> = content.collect();
        self.inner.draw(filled(&self.shown, &changed).into_iter())?;
        for (x, y, cell) in changed {
            if let Some(shown) = self.shown.cell_mut((x, y)) {
                shown.clone_from(cell);
            }
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()?;
        self.forget();
        Ok(())
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)?;
        // Only a whole-screen clear is used (full-screen viewport); any other leaves the
        // screen partly unknown, so nothing is filled from memory until it is redrawn.
        self.forget();
        Ok(())
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::{Color, Style};
    use ratatui::text::{Line, Span};

    use super::*;

    /// Frames with words one space apart, colours, a wide character and an emoji, each moved
    /// a little from the one before.
    fn frame(number: u16, buffer: &mut Buffer) {
        for row in 0..6 {
            let y = row + (number % 2);
            let line = Line::from(vec![
                Span::raw(format!("task {number} row {row} due Thu 14 Jan")),
                Span::styled(" ✗ 表 late 🎉 x", Style::new().fg(Color::Red)),
                Span::raw(format!(" owner{} a b c", number + row)),
            ]);
            buffer.set_line(row % 3, y, &line, 60);
        }
    }

    /// What the terminal ends up showing is exactly the frame, frame after frame.
    #[test]
    fn the_screen_shows_each_frame_exactly() {
        let mut plain = Terminal::new(TestBackend::new(60, 10)).unwrap();
        let mut compact = Terminal::new(Compact::new(TestBackend::new(60, 10))).unwrap();
        for number in 0..8 {
            plain.draw(|f| frame(number, f.buffer_mut())).unwrap();
            compact.draw(|f| frame(number, f.buffer_mut())).unwrap();
            assert_eq!(
                compact.backend().inner.buffer(),
                plain.backend().buffer(),
                "{number}"
            );
        }
    }

    /// Counts the cursor jumps a backend would have to write: every cell not right after the
    /// one before.
    #[derive(Debug)]
    struct Jumps {
        count: usize,
        cells: usize,
    }

    impl Backend for Jumps {
        type Error = std::io::Error;
        fn draw<'a, I>(&mut self, content: I) -> std::io::Result<()>
        where
            I: Iterator<Item = (u16, u16, &'a Cell)>,
        {
            let mut at = None;
            for (x, y, _) in content {
                if at != Some((x, y)) {
                    self.count += 1;
                }
                self.cells += 1;
                at = Some((x + 1, y));
            }
            Ok(())
        }
        fn hide_cursor(&mut self) -> std::io::Result<()> {
            Ok(())
        }
        fn show_cursor(&mut self) -> std::io::Result<()> {
            Ok(())
        }
        fn get_cursor_position(&mut self) -> std::io::Result<Position> {
            Ok(Position::ORIGIN)
        }
        fn set_cursor_position<P: Into<Position>>(&mut self, _: P) -> std::io::Result<()> {
            Ok(())
        }
        fn clear(&mut self) -> std::io::Result<()> {
            Ok(())
        }
        fn clear_region(&mut self, _: ClearType) -> std::io::Result<()> {
            Ok(())
        }
        fn size(&self) -> std::io::Result<Size> {
            Ok(Size::new(60, 10))
        }
        fn window_size(&mut self) -> std::io::Result<WindowSize> {
            Ok(WindowSize {
                columns_rows: Size::new(60, 10),
                pixels: Size::new(0, 0),
            })
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn words_one_space_apart_are_written_without_jumps() {
        let new = || Jumps { count: 0, cells: 0 };
        let mut plain = Terminal::new(new()).unwrap();
        let mut compact = Terminal::new(Compact::new(new())).unwrap();
        plain.draw(|f| frame(1, f.buffer_mut())).unwrap();
        compact.draw(|f| frame(1, f.buffer_mut())).unwrap();
        let (before, after) = (plain.backend().count, compact.backend().inner.count);
        assert!(before >= 6 * 8, "ratatui jumps over every space: {before}");
        assert!(
            after <= 6 * 4,
            "a jump per row and after each character that is not plain ASCII: {after}"
        );
        assert!(after * 2 < before, "{after} jumps against {before}");
    }
}
