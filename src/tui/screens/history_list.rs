//! `HistoryList`: past submissions newest first, and one of them in full (the body sent and the
//! answer).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::store::history::Entry;
use crate::task::Zone;
use crate::tui::action::Action;
use crate::tui::theme::Theme;

/// The screen's state: the entries as read when it opened.
#[derive(Debug, Clone, Default)]
pub struct HistoryList {
    /// Entries with their line number in the history file, newest first.
    pub entries: Vec<(usize, Entry)>,
    pub selected: usize,
    /// Showing the selected entry in full.
    pub open: bool,
    /// The first line shown of an open entry.
    pub scroll: usize,
    /// Damaged lines skipped while reading.
    pub skipped: Vec<String>,
}

impl HistoryList {
    /// The list from the file's entries (oldest first, as read).
    pub fn new(mut entries: Vec<(usize, Entry)>, skipped: Vec<String>) -> HistoryList {
        entries.reverse();
        HistoryList {
            entries,
            skipped,
            ..HistoryList::default()
        }
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.entries.get(self.selected).map(|(_, e)| e)
    }

    /// Moves the selection, or scrolls an open entry.
    pub fn navigate(&mut self, action: Action) {
        if self.open {
            self.scroll = match action {
                Action::SelectNext | Action::CursorDown => self.scroll + 1,
                Action::PageDown => self.scroll + 10,
                Action::SelectPrev | Action::CursorUp => self.scroll.saturating_sub(1),
                Action::PageUp => self.scroll.saturating_sub(10),
                _ => self.scroll,
            };
            return;
        }
        let last = self.entries.len().saturating_sub(1);
        self.selected = match action {
            Action::SelectNext => (self.selected + 1).min(last),
            Action::PageDown => (self.selected + 10).min(last),
            Action::SelectPrev => self.selected.saturating_sub(1),
            Action::PageUp => self.selected.saturating_sub(10),
            _ => self.selected,
        };
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme, zone: Zone) {
        let lines = if self.open {
            self.detail_lines(theme, zone)
        } else {
            self.list_lines(theme, zone, usize::from(area.height))
        };
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }

    fn list_lines(&self, theme: &Theme, zone: Zone, height: usize) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        for skipped in &self.skipped {
            lines.push(Line::from(Span::styled(
                format!("! {skipped}"),
                theme.warning,
            )));
        }
        if self.entries.is_empty() {
            lines.push(Line::from(
                "No submissions yet: s on the staging list sends one.",
            ));
            return lines;
        }
        let header = format!(
            "  {:<6}{:<18}{:<18}{:<11}outcome",
            "#", "when", "profile", "tasks"
        );
        lines.push(Line::from(Span::styled(header, theme.dim)));
        let room = height.saturating_sub(lines.len()).max(1);
        let first = self.selected.saturating_sub(room.saturating_sub(1));
        for (index, (line, entry)) in self.entries.iter().enumerate().skip(first).take(room) {
            let todos = entry.tasks.saturating_sub(entry.appointments);
            let status = entry.status.map(|s| format!(" {s}")).unwrap_or_default();
            let text = format!(
                "{} #{line:<4} {}  {:<16.16}  {:>2} ({}a {}t)  {}{}{}",
                if index == self.selected { "▸" } else { " " },
                entry.time.with_timezone(&zone).format("%a %d %b %H:%M"),
                entry.profile,
                entry.tasks,
                entry.appointments,
                todos,
                entry.outcome,
                status,
                if entry.sandbox { "  [sandbox]" } else { "" },
            );
            let style = if index == self.selected {
                theme.selected
            } else {
                outcome_style(entry, theme)
            };
            lines.push(Line::from(Span::styled(text, style)));
        }
        lines
    }

    fn detail_lines(&self, theme: &Theme, zone: Zone) -> Vec<Line<'static>> {
        let Some(entry) = self.selected_entry() else {
            return Vec::new();
        };
        let mut text = vec![
            format!(
                "{} · profile {} · {}{}",
                entry.time.with_timezone(&zone).format("%Y-%m-%d %H:%M %Z"),
                entry.profile,
                entry.host,
                if entry.sandbox { " · sandbox" } else { "" }
            ),
            format!(
                "{} tasks · {} {} · {}.{:03} s",
                entry.tasks,
                entry.outcome,
                entry.status.map(|s| s.to_string()).unwrap_or_default(),
                entry.elapsed_ms / 1000,
                entry.elapsed_ms % 1000
            ),
        ];
        if let Some(reason) = &entry.reason {
            text.push(format!("why: {reason}"));
        }
        text.push(String::new());
        text.push("Answer:".into());
        let answer = entry.response.clone().unwrap_or_else(|| "(none)".into());
        let answer = serde_json::from_str::<serde_json::Value>(&answer)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or(answer);
        text.extend(answer.lines().map(str::to_owned));
        text.push(String::new());
        text.push("Body sent:".into());
        let body = serde_json::to_string_pretty(&entry.body).unwrap_or_default();
        text.extend(body.lines().map(str::to_owned));
        let mut lines: Vec<Line<'static>> =
            text.into_iter().skip(self.scroll).map(Line::from).collect();
        if self.scroll == 0 && !lines.is_empty() {
            lines[0] = Line::from(Span::styled(lines[0].to_string(), theme.focus));
        }
        lines
    }
}

fn outcome_style(entry: &Entry, theme: &Theme) -> ratatui::style::Style {
    match entry.outcome.as_str() {
        "accepted" => theme.label,
        "unknown" => theme.warning,
        _ => theme.error,
    }
}
