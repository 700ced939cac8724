//! What reaches the terminal, written in as few bytes as this crate knows how.
//!
//! Bytes are time: a terminal (or the program measuring one) reads a frame in chunks of about
//! 4 KB and parses every byte, and over SSH each one crosses the network. ratatui's crossterm
//! backend jumps the cursor to each run of changed cells with an absolute move, sets foreground
//! and background together as `ESC [ 38 ; 5 ; N ; 49 m` even when one of them changed, and
//! resets every attribute after each frame. [`Compact`] writes the same screen with:
//! - short runs of unchanged cells written out instead of jumped over (a jump is six bytes);
//! - relative moves where shorter: `LF` or `CR LF` to the next row, `ESC [ n C` or `D` along
//!   one, and runs of ten or more blanks erased with `ESC [ n X` instead of written;
//! - only the colours and attributes that changed, with the short codes (`ESC [ 90 m`) for
//!   the sixteen named colours, a space keeping the foreground in force (it shows none), and
//!   one reset at the end of a frame, only when needed.
//!
//! The terminal writes a program's output on in chunks of 2 KB, and a reader can wake (and
//! start parsing) between them. On the first frame of fifty tasks this took 4,216 bytes down
//! to 3,642, and a page of the review pane from 3,556 bytes to under 2,048: one chunk.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Cell, CellDiffOption};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// Runs of unchanged cells up to this long are written out rather than jumped over: a jump is
/// `ESC [ n C`, at least four bytes.
const LONGEST_FILL: u16 = 3;

/// The colours and attributes in force: what the next character is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    /// The terminal's own: nothing set.
    const PLAIN: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

/// A cell as far as filling a gap goes: its one printable ASCII byte and its pen, or `None`
/// for anything that is not written as one byte (wide, combining, skipped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Look(Option<(u8, Pen)>);

impl Look {
    fn of(cell: &Cell) -> Look {
        let symbol = cell.symbol().as_bytes();
        let plain = symbol.len() == 1
            && (symbol[0].is_ascii_graphic() || symbol[0] == b' ')
            && cell.diff_option == CellDiffOption::None;
        Look(plain.then(|| (symbol[0], Pen::of(cell))))
    }
}

/// A ratatui backend writing to `out` (the terminal, through a buffer flushed once a frame).
pub struct Compact<W: Write> {
    out: W,
    /// The terminal's size; a function so tests can give one without a terminal.
    size: fn() -> io::Result<Size>,
    /// What the terminal shows, as far as this backend has drawn it, row after row: only what
    /// a gap can be filled with (16 bytes a cell, a third of a ratatui cell).
    shown: Vec<Look>,
    width: u16,
    height: u16,
    /// Where the terminal's cursor is, when known for sure.
    cursor: Option<(u16, u16)>,
    pen: Pen,
    cursor_hidden: bool,
}

impl<W: Write> std::fmt::Debug for Compact<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compact")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("cursor", &self.cursor)
            .finish_non_exhaustive()
    }
}

impl<W: Write> Compact<W> {
    /// Draws on the real terminal through `out`, which shows a blank screen (the alternate
    /// screen just entered).
    pub fn new(out: W) -> Compact<W> {
        Compact::with_size(out, terminal_size)
    }

    /// The same, with the terminal's size from `size`.
    pub fn with_size(out: W, size: fn() -> io::Result<Size>) -> Compact<W> {
        let mut compact = Compact {
            out,
            size,
            shown: Vec::new(),
            width: 0,
            height: 0,
            cursor: None,
            pen: Pen::PLAIN,
            cursor_hidden: false,
        };
        compact.forget();
        compact
    }

    /// The bytes written so far, for tests.
    #[cfg(test)]
    fn output(&self) -> &W {
        &self.out
    }

    /// Forgets what the screen showed: after a clear it shows blanks, cursor unknown.
    fn forget(&mut self) {
        let size = (self.size)().unwrap_or_default();
        (self.width, self.height) = (size.width, size.height);
        self.shown.clear();
        self.shown.resize(
            usize::from(size.width) * usize::from(size.height),
            Look::of(&Cell::EMPTY),
        );
        self.cursor = None;
    }

    fn index(&self, x: u16, y: u16) -> Option<usize> {
        (x < self.width && y < self.height)
            .then(|| usize::from(y) * usize::from(self.width) + usize::from(x))
    }

    fn look(&self, x: u16, y: u16) -> Option<Look> {
        self.index(x, y).and_then(|at| self.shown.get(at).copied())
    }

    /// Moves the cursor to `(x, y)` with the shortest sequence that is sure to get there.
    fn move_to(&mut self, x: u16, y: u16) -> io::Result<()> {
        if self.cursor == Some((x, y)) {
            return Ok(());
        }
        // Weighed by length before anything is written: this runs for every jump of a frame.
        let absolute = 4 + digits(y + 1) + digits(x + 1);
        let mut best = (Move::Absolute, absolute);
        if let Some((cx, cy)) = self.cursor {
            let mut consider = |step: Move, length: usize| {
                if length < best.1 {
                    best = (step, length);
                }
            };
            if cy == y {
                consider(Move::Across(cx), across_len(cx, x));
            } else if y == cy + 1 {
                // Only ever from a row above the last: the line feed never scrolls. In raw
                // mode it keeps the column; after CR it starts at the left edge.
                consider(Move::Down(cx), 1 + across_len(cx, x));
                consider(Move::NextRow, 2 + across_len(0, x));
            }
        }
        match best.0 {
            Move::Absolute => write!(self.out, "\x1b[{};{}H", y + 1, x + 1)?,
            Move::Across(from) => across(&mut self.out, from, x)?,
            Move::Down(from) => {
                self.out.write_all(b"\n")?;
                across(&mut self.out, from, x)?;
            }
            Move::NextRow => {
                self.out.write_all(b"\r\n")?;
                across(&mut self.out, 0, x)?;
            }
        }
        self.cursor = Some((x, y));
        Ok(())
    }

    /// Sets what changed between the pen in force and `to`.
    fn set_pen(&mut self, to: Pen) -> io::Result<()> {
        if to == self.pen {
            return Ok(());
        }
        let mut codes = Codes::default();
        let from = self.pen;
        let removed = from.modifier - to.modifier;
        let mut added = to.modifier - from.modifier;
        // 22 ends both bold and dim, 25 both blinks: the one that stays is set again.
        for (modifiers, off) in [
            (Modifier::BOLD | Modifier::DIM, "22"),
            (Modifier::ITALIC, "23"),
            (Modifier::UNDERLINED, "24"),
            (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, "25"),
            (Modifier::REVERSED, "27"),
            (Modifier::HIDDEN, "28"),
            (Modifier::CROSSED_OUT, "29"),
        ] {
            if removed.intersects(modifiers) {
                codes.push(off);
                added |= to.modifier & modifiers;
            }
        }
        for (modifier, on) in [
            (Modifier::BOLD, "1"),
            (Modifier::DIM, "2"),
            (Modifier::ITALIC, "3"),
            (Modifier::UNDERLINED, "4"),
            (Modifier::SLOW_BLINK, "5"),
            (Modifier::RAPID_BLINK, "6"),
            (Modifier::REVERSED, "7"),
            (Modifier::HIDDEN, "8"),
            (Modifier::CROSSED_OUT, "9"),
        ] {
            if added.contains(modifier) {
                codes.push(on);
            }
        }
        if to.fg != from.fg {
            codes.colour(to.fg, Layer::Foreground);
        }
        if to.bg != from.bg {
            codes.colour(to.bg, Layer::Background);
        }
        if to.underline != from.underline {
            codes.colour(to.underline, Layer::Underline);
        }
        codes.write(&mut self.out)?;
        self.pen = to;
        Ok(())
    }

    /// Writes the unchanged cells from the cursor up to `x` instead of jumping over them, when
    /// there are few and each already looks right in the pen in force.
    fn fill_to(&mut self, x: u16, y: u16) -> io::Result<()> {
        let Some((from, row)) = self.cursor else {
            return Ok(());
        };
        if row != y || x <= from || x - from > LONGEST_FILL {
            return Ok(());
        }
        let bytes: Option<Vec<u8>> = (from..x)
            .map(|gap| match self.look(gap, y) {
                Some(Look(Some((byte, shown)))) if fits(byte, shown, self.pen) => Some(byte),
                _ => None,
            })
            .collect();
        if let Some(bytes) = bytes {
            self.out.write_all(&bytes)?;
            self.cursor = Some((x, y));
        }
        Ok(())
    }
}

/// A way to move the cursor: to a place, along its row from a column, down a row keeping the
/// column (LF), or to the start of the next row (CR LF), each then along that row.
#[derive(Clone, Copy)]
enum Move {
    Absolute,
    Across(u16),
    Down(u16),
    NextRow,
}

/// How many decimal digits `n` takes.
fn digits(n: u16) -> usize {
    n.checked_ilog10().map_or(1, |log| log as usize + 1)
}

/// The length of [`across`]'s move.
fn across_len(from: u16, to: u16) -> usize {
    if from == to {
        0
    } else {
        3 + digits(from.abs_diff(to))
    }
}

/// The relative move from column `from` to `to` on one row: nothing, `ESC [ n C` or `ESC [ n D`.
fn across(out: &mut impl Write, from: u16, to: u16) -> io::Result<()> {
    match to.cmp(&from) {
        std::cmp::Ordering::Equal => Ok(()),
        std::cmp::Ordering::Greater => write!(out, "\x1b[{}C", to - from),
        std::cmp::Ordering::Less => write!(out, "\x1b[{}D", from - to),
    }
}

/// How many of `cells` from the first on are blanks in one background colour, side by side on
/// one row: such a run is erased with `ESC [ n X` rather than written space by space.
fn blank_run(cells: &[(u16, u16, &Cell)]) -> u16 {
    let Some(&(x, y, first)) = cells.first() else {
        return 0;
    };
    let blank = |cell: &Cell| {
        cell.symbol() == " "
            && cell.modifier.is_empty()
            && cell.diff_option == CellDiffOption::None
            && cell.bg == first.bg
    };
    let mut run = 0;
    for &(cell_x, cell_y, cell) in cells {
        if cell_y != y || cell_x != x + run || !blank(cell) {
            break;
        }
        run += 1;
    }
    run
}

/// Blank runs at least this long are erased (`ESC [ n X`, then a forward move past them)
/// rather than written.
const SHORTEST_ERASE: u16 = 10;

/// Attributes that draw a space in its foreground colour.
const SHOWS_FOREGROUND: Modifier = Modifier::UNDERLINED
    .union(Modifier::REVERSED)
    .union(Modifier::CROSSED_OUT);

/// True when `byte`, shown in `shown`, looks the same written in `pen`: exactly, or for a space
/// whose foreground does not show, with the same background and attributes.
fn fits(byte: u8, shown: Pen, pen: Pen) -> bool {
    shown == pen
        || byte == b' '
            && shown.bg == pen.bg
            && shown.modifier == pen.modifier
            && !shown.modifier.intersects(SHOWS_FOREGROUND)
}

/// The pen `cell` needs when `current` is in force: a space whose foreground does not show
/// keeps the foreground in force, saving a colour change on each side of it.
fn needed(cell: &Cell, current: Pen) -> Pen {
    let mut pen = Pen::of(cell);
    if cell.symbol() == " " && !pen.modifier.intersects(SHOWS_FOREGROUND) {
        pen.fg = current.fg;
        pen.underline = current.underline;
    }
    pen
}

/// The terminal's size. ratatui asks before every frame; crossterm opens `/dev/tty` for each
/// answer (three system calls), here it is one question to the standard output when that is
/// the terminal.
fn terminal_size() -> io::Result<Size> {
    #[cfg(unix)]
    if let Ok(size) = rustix::termios::tcgetwinsize(std::io::stdout())
        && size.ws_col > 0
        && size.ws_row > 0
    {
        return Ok(Size::new(size.ws_col, size.ws_row));
    }
    crossterm::terminal::size().map(|(width, height)| Size::new(width, height))
}

/// The parameters of one SGR sequence, gathered before it is written.
#[derive(Default)]
struct Codes(String);

#[derive(Clone, Copy)]
enum Layer {
    Foreground,
    Background,
    Underline,
}

impl Codes {
    fn push(&mut self, code: &str) {
        if !self.0.is_empty() {
            self.0.push(';');
        }
        self.0.push_str(code);
    }

    fn colour(&mut self, colour: Color, layer: Layer) {
        let index = match colour {
            Color::Black => 0,
            Color::Red => 1,
            Color::Green => 2,
            Color::Yellow => 3,
            Color::Blue => 4,
            Color::Magenta => 5,
            Color::Cyan => 6,
            Color::Gray => 7,
            Color::DarkGray => 8,
            Color::LightRed => 9,
            Color::LightGreen => 10,
            Color::LightYellow => 11,
            Color::LightBlue => 12,
            Color::LightMagenta => 13,
            Color::LightCyan => 14,
            Color::White => 15,
            Color::Indexed(index) => index,
            Color::Reset => {
                self.push(match layer {
                    Layer::Foreground => "39",
                    Layer::Background => "49",
                    Layer::Underline => "59",
                });
                return;
            }
            Color::Rgb(r, g, b) => {
                let extended = layer.extended();
                self.push(&format!("{extended};2;{r};{g};{b}"));
                return;
            }
        };
        // The sixteen named colours have codes of their own (30-37 and 90-97, ten more for
        // the background); underline colours have none, so they go as an index.
        let code = match (layer, index) {
            (Layer::Foreground, 0..=7) => (30 + u16::from(index)).to_string(),
            (Layer::Foreground, 8..=15) => (82 + u16::from(index)).to_string(),
            (Layer::Background, 0..=7) => (40 + u16::from(index)).to_string(),
            (Layer::Background, 8..=15) => (92 + u16::from(index)).to_string(),
            _ => format!("{};5;{index}", layer.extended()),
        };
        self.push(&code);
    }

    fn write(&self, out: &mut impl Write) -> io::Result<()> {
        if self.0.is_empty() {
            return Ok(());
        }
        write!(out, "\x1b[{}m", self.0)
    }
}

impl Layer {
    fn extended(self) -> &'static str {
        match self {
            Layer::Foreground => "38",
            Layer::Background => "48",
            Layer::Underline => "58",
        }
    }
}

impl<W: Write> Backend for Compact<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let changed: Vec<(u16, u16, &Cell)> = content.collect();
        let mut next = 0;
        while let Some(&(x, y, cell)) = changed.get(next) {
            self.fill_to(x, y)?;
            self.move_to(x, y)?;
            let run = blank_run(&changed[next..]);
            if run >= SHORTEST_ERASE {
                // Erased cells take the background in force; nothing else of the pen shows.
                self.set_pen(Pen {
                    bg: cell.bg,
                    modifier: Modifier::empty(),
                    ..self.pen
                })?;
                write!(self.out, "\x1b[{run}X")?;
                next += usize::from(run);
                continue;
            }
            next += 1;
            self.set_pen(needed(cell, self.pen))?;
            self.out.write_all(cell.symbol().as_bytes())?;
            // The cursor moves one column for a narrow character, as ratatui's own layout
            // assumes. After a wide one (terminals disagree on some), or at the last column
            // (where the terminal waits to wrap), it is not certain.
            let narrow = cell.symbol().width() == 1;
            self.cursor = (narrow && x + 1 < self.width).then_some((x + 1, y));
        }
        for (x, y, cell) in changed {
            if let Some(at) = self.index(x, y) {
                self.shown[at] = Look::of(cell);
            }
        }
        if self.pen != Pen::PLAIN {
            self.out.write_all(b"\x1b[0m")?;
            self.pen = Pen::PLAIN;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if !self.cursor_hidden {
            self.out.write_all(b"\x1b[?25l")?;
            self.cursor_hidden = true;
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.out.write_all(b"\x1b[?25h")?;
        self.cursor_hidden = false;
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        match self.cursor {
            Some((x, y)) => Ok(Position::new(x, y)),
            None => crossterm::cursor::position().map(|(x, y)| Position::new(x, y)),
        }
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        write!(self.out, "\x1b[{};{}H", y + 1, x + 1)?;
        self.cursor = Some((x, y));
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        use crossterm::terminal::{Clear, ClearType as Kind};
        let kind = match clear_type {
            ClearType::All => Kind::All,
            ClearType::AfterCursor => Kind::FromCursorDown,
            ClearType::BeforeCursor => Kind::FromCursorUp,
            ClearType::CurrentLine => Kind::CurrentLine,
            ClearType::UntilNewLine => Kind::UntilNewLine,
        };
        // Cleared in the terminal's own colours.
        self.set_pen(Pen::PLAIN)?;
        crossterm::queue!(self.out, Clear(kind))?;
        // Only a whole-screen clear is used (full-screen viewport); any other leaves the
        // screen partly unknown, so nothing is filled from memory until it is redrawn.
        self.forget();
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        (self.size)()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: (self.size)()?,
            pixels: Size::new(0, 0),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::CrosstermBackend;
    use ratatui::buffer::Buffer;
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::{Line, Span};

    use super::*;

    const WIDTH: u16 = 60;
    const HEIGHT: u16 = 10;

    #[expect(
        clippy::unnecessary_wraps,
        reason = "the shape `Compact::with_size` takes"
    )]
    fn size() -> io::Result<Size> {
        Ok(Size::new(WIDTH, HEIGHT))
    }

    /// Frames with words one space apart, named, indexed and RGB colours, attributes coming
    /// and going, a wide character and an emoji, each moved a little from the one before.
    fn frame(number: u16, buffer: &mut Buffer) {
        for row in 0..HEIGHT - 1 {
            let y = row + (number % 2);
            let accent = match (number + row) % 4 {
                0 => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                1 => Style::new().fg(Color::DarkGray).bg(Color::Indexed(236)),
                2 => Style::new()
                    .fg(Color::Rgb(10, 200, 30))
                    .add_modifier(Modifier::DIM | Modifier::UNDERLINED),
                _ => Style::new()
                    .bg(Color::LightBlue)
                    .add_modifier(Modifier::REVERSED),
            };
            let line = Line::from(vec![
                Span::raw(format!("task {number} row {row} due Thu 14 Jan")),
                Span::styled(" ✗ 表 late 🎉 x", accent),
                Span::raw(format!(" owner{} a b c", number + row)),
            ]);
            buffer.set_line((row + number) % 3, y, &line, WIDTH);
        }
    }

    /// The colour a terminal shows for a ratatui colour.
    fn expected(colour: Color) -> vt100::Color {
        match colour {
            Color::Reset => vt100::Color::Default,
            Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
            Color::Indexed(index) => vt100::Color::Idx(index),
            named => {
                let order = [
                    Color::Black,
                    Color::Red,
                    Color::Green,
                    Color::Yellow,
                    Color::Blue,
                    Color::Magenta,
                    Color::Cyan,
                    Color::Gray,
                    Color::DarkGray,
                    Color::LightRed,
                    Color::LightGreen,
                    Color::LightYellow,
                    Color::LightBlue,
                    Color::LightMagenta,
                    Color::LightCyan,
                    Color::White,
                ];
                let index = order.iter().position(|c| *c == named).unwrap();
                vt100::Color::Idx(u8::try_from(index).unwrap())
            }
        }
    }

    /// Every cell of `screen` shows what `buffer` holds: text, colours and attributes.
    fn assert_shows(screen: &vt100::Screen, buffer: &Buffer, frame: u16) {
        for y in 0..HEIGHT {
            for x in 0..WIDTH {
                let want = &buffer[(x, y)];
                let Some(got) = screen.cell(y, x) else {
                    panic!("frame {frame}: no cell at {x},{y}");
                };
                if got.is_wide_continuation() {
                    continue;
                }
                let at = format!("frame {frame}, cell {x},{y}");
                let text = if got.contents().is_empty() {
                    " "
                } else {
                    got.contents()
                };
                assert_eq!(text, want.symbol(), "{at}");
                let shows_fg = want.symbol() != " "
                    || want
                        .modifier
                        .intersects(Modifier::UNDERLINED | Modifier::REVERSED);
                if shows_fg {
                    assert_eq!(got.fgcolor(), expected(want.fg), "{at}: foreground");
                }
                assert_eq!(got.bgcolor(), expected(want.bg), "{at}: background");
                assert_eq!(
                    got.bold(),
                    want.modifier.contains(Modifier::BOLD),
                    "{at}: bold"
                );
                assert_eq!(
                    got.dim(),
                    want.modifier.contains(Modifier::DIM),
                    "{at}: dim"
                );
                let underlined = want.modifier.contains(Modifier::UNDERLINED);
                assert_eq!(got.underline(), underlined, "{at}: underline");
                let reversed = want.modifier.contains(Modifier::REVERSED);
                assert_eq!(got.inverse(), reversed, "{at}: reversed");
            }
        }
    }

    /// A terminal fed what the backend wrote shows exactly each frame, frame after frame,
    /// including after a clear.
    #[test]
    fn the_terminal_shows_each_frame_exactly() {
        let mut terminal = Terminal::new(Compact::with_size(Vec::new(), size)).unwrap();
        let rows = std::num::NonZeroU16::new(HEIGHT).unwrap();
        let columns = std::num::NonZeroU16::new(WIDTH).unwrap();
        let mut parser = vt100::Parser::new(rows, columns, 0);
        let mut read = 0;
        for number in 0..12 {
            if number == 7 {
                terminal.clear().unwrap();
            }
            let drawn = terminal.draw(|f| frame(number, f.buffer_mut())).unwrap();
            let buffer = drawn.buffer.clone();
            let written = terminal.backend().output();
            parser.process(&written[read..]);
            read = written.len();
            assert_shows(parser.screen(), &buffer, number);
        }
    }

    /// Counts the bytes written through it.
    struct Count(std::rc::Rc<std::cell::Cell<usize>>);

    impl Write for Count {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.set(self.0.get() + bytes.len());
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// The same frames take far fewer bytes than through ratatui's crossterm backend.
    #[test]
    fn frames_take_fewer_bytes_than_through_crossterm() {
        let mut ours = Terminal::new(Compact::with_size(Vec::new(), size)).unwrap();
        let count = std::rc::Rc::new(std::cell::Cell::new(0));
        let mut theirs = Terminal::with_options(
            CrosstermBackend::new(Count(count.clone())),
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, WIDTH, HEIGHT)),
            },
        )
        .unwrap();
        for number in 0..8 {
            ours.draw(|f| frame(number, f.buffer_mut())).unwrap();
            theirs.draw(|f| frame(number, f.buffer_mut())).unwrap();
        }
        let (ours, theirs) = (ours.backend().output().len(), count.get());
        assert!(
            ours * 10 < theirs * 8,
            "{ours} bytes against crossterm's {theirs}"
        );
    }
}
