//! A yes/no question drawn over the current screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::tui::theme::Theme;

/// What a "yes" goes on to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed {
    /// Close the form and lose its changes.
    DiscardForm,
}

/// A question that must be answered before anything else happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmModal {
    /// The question, phrased so that y is the destructive answer.
    pub question: String,
    /// What y does; n and Esc only close the question.
    pub on_yes: Confirmed,
}

impl ConfirmModal {
    /// Draws the question in a box in the middle of `area`, over what is there.
    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let box_area = centred(area, 56, 5);
        let text = vec![
            Line::from(self.question.as_str()),
            Line::from(vec![
                Span::styled("y", theme.key),
                Span::raw(" yes   "),
                Span::styled("n", theme.key),
                Span::raw("/"),
                Span::styled("Esc", theme.key),
                Span::raw(" no"),
            ]),
        ];
        frame.render_widget(Clear, box_area);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(" Are you sure? ");
        frame.render_widget(
            Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
            box_area,
        );
    }
}

/// A box of at most `width` x `height` in the middle of `area`.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}
