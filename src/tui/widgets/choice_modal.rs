//! A question with a few lettered answers (`a` append, `r` replace, ...), drawn over the
//! current screen; `Esc` always cancels.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::confirm_modal::centred;
use crate::tui::theme::Theme;

/// What an answer goes on to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Add the loaded tasks after the staged ones.
    Append,
    /// Put the loaded tasks in place of the staged ones.
    Replace,
    /// Add only the first `n` loaded tasks: as many as there is room for.
    TakeFirst(usize),
    /// Start a new task from the template at this index.
    Template(usize),
}

/// The question, the facts it rests on, and the answers on offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceModal {
    pub title: String,
    /// Sentences above the answers: what was found, what fits.
    pub lines: Vec<String>,
    /// `(key, what it does, choice)`, in the order shown.
    pub answers: Vec<(char, String, Choice)>,
}

impl ChoiceModal {
    /// The choice a typed key stands for, if it is one of the answers.
    pub fn answer(&self, key: char) -> Option<Choice> {
        self.answers
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, c)| *c)
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let height = u16::try_from(self.lines.len() * 2 + self.answers.len() + 4).unwrap_or(12);
        let box_area = centred(area, 72, height);
        let mut text: Vec<Line> = self.lines.iter().map(|l| Line::from(l.clone())).collect();
        text.push(Line::default());
        for (key, what, _) in &self.answers {
            text.push(Line::from(vec![
                Span::styled(key.to_string(), theme.key),
                Span::raw(format!("  {what}")),
            ]));
        }
        text.push(Line::from(vec![
            Span::styled("Esc", theme.key),
            Span::raw("  cancel"),
        ]));
        frame.render_widget(Clear, box_area);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" {} ", self.title));
        frame.render_widget(
            Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
            box_area,
        );
    }
}
