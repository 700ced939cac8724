//! A one-line question with an editable answer, drawn over the current screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use tui_input::Input;

use super::confirm_modal::centred;
use super::field;
use crate::tui::theme::Theme;

/// What the answer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptPurpose {
    /// The batch's `StatusWebhookURL`; empty clears it.
    Webhook,
    /// Where to write the body.
    WriteBody,
    /// A body or CSV file to load into the staging list.
    Load,
    /// Where to save the staging list as CSV.
    ExportCsv,
    /// The name to save the form's task under as a template.
    TemplateName,
}

/// The prompt's state: its question, the answer being typed and why the last one was refused.
#[derive(Debug, Clone)]
pub struct Prompt {
    /// What Enter does with the answer.
    pub purpose: PromptPurpose,
    /// The box's title.
    pub question: String,
    /// The answer, edited by tui-input.
    pub input: Input,
    /// Why Enter refused the last answer; cleared by the next edit.
    pub error: Option<String>,
}

impl Prompt {
    /// A prompt whose answer starts as `answer`, cursor at its end.
    pub fn new(purpose: PromptPurpose, question: &str, answer: &str) -> Prompt {
        Prompt {
            purpose,
            question: question.to_owned(),
            input: Input::new(answer.to_owned()),
            error: None,
        }
    }

    /// Draws the prompt in a box over `area`, with the terminal cursor in the answer.
    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let box_area = centred(area, 72, if self.error.is_some() { 6 } else { 4 });
        frame.render_widget(Clear, box_area);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" {} ", self.question));
        let inner = block.inner(box_area);
        frame.render_widget(block, box_area);
        if inner.height == 0 {
            return;
        }
        let input_area = Rect { height: 1, ..inner };
        let shown = field::visible(&self.input, input_area.width, theme.focus);
        frame.render_widget(Paragraph::new(Line::from(shown)), input_area);
        frame.set_cursor_position(field::cursor(&self.input, input_area));
        let mut lines = Vec::new();
        if let Some(error) = &self.error {
            lines.push(Line::from(Span::styled(format!("✗ {error}"), theme.error)));
        }
        lines.push(Line::from(vec![
            Span::styled("Enter", theme.key),
            Span::raw(" accept   "),
            Span::styled("Esc", theme.key),
            Span::raw(" cancel"),
        ]));
        let rest = Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        };
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), rest);
    }
}
