//! An editable one-line field: the visible part of a `tui_input::Input` and where the cursor
//! goes. tui-input does the editing; this only decides what fits.

use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use tui_input::Input;

/// The part of `input` that fits in `width` columns, scrolled so the cursor stays in view.
pub fn visible(input: &Input, width: u16, style: Style) -> Span<'static> {
    let width = usize::from(width.max(1));
    let scroll = input.visual_scroll(width.saturating_sub(1));
    let text: String = input.value().chars().skip(scroll).take(width).collect();
    Span::styled(text, style)
}

/// Where the terminal cursor goes when `input`, drawn at `area` by [`visible`], has focus.
pub fn cursor(input: &Input, area: Rect) -> Position {
    let width = usize::from(area.width.max(1));
    let scroll = input.visual_scroll(width.saturating_sub(1));
    let column = input.visual_cursor().saturating_sub(scroll);
    let column = u16::try_from(column)
        .unwrap_or(u16::MAX)
        .min(area.width.saturating_sub(1));
    Position::new(area.x.saturating_add(column), area.y)
}
