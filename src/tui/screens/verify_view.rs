//! `VerifyView`: what a past batch really created, task by task (found, not yet, ambiguous),
//! while the checks run and after.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::api::verify::{Progress, Report, TaskState};
use crate::store::history::Entry;
use crate::task::Zone;
use crate::tui::theme::Theme;

/// The screen's state: the batch, its latest check and what is happening now.
#[derive(Debug, Clone)]
pub struct VerifyView {
    pub entry: Entry,
    /// The entry's number in the history file, for the title.
    pub number: Option<usize>,
    pub report: Option<Report>,
    /// What the checks are doing now; `None` once they ended.
    pub activity: Option<String>,
    /// Why the checks could not go on, when they could not.
    pub error: Option<String>,
}

impl VerifyView {
    pub fn new(entry: Entry, number: Option<usize>) -> VerifyView {
        VerifyView {
            entry,
            number,
            report: None,
            activity: Some("starting…".into()),
            error: None,
        }
    }

    /// Takes in what the checks report while they run.
    pub fn progress(&mut self, progress: Progress) {
        self.activity = Some(match progress {
            Progress::Checking { attempt } => format!("check {attempt}: asking the service…"),
            Progress::Checked(report) => {
                let text = format!("check {} done", report.attempt);
                self.report = Some(report);
                text
            }
            Progress::Pausing { pause, left } => format!(
                "tasks still missing: checking again in {} s ({} s left to wait; Esc stops)",
                pause.as_secs(),
                left.as_secs()
            ),
        });
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme, zone: Zone) {
        let title = match self.number {
            Some(number) => format!("Batch #{number}"),
            None => "The batch just sent".to_owned(),
        };
        let mut lines = vec![Line::from(Span::styled(
            format!(
                "{title} · sent {} · {} task(s) · {}",
                self.entry
                    .time
                    .with_timezone(&zone)
                    .format("%a %d %b %H:%M"),
                self.entry.tasks,
                self.entry.outcome
            ),
            theme.focus,
        ))];
        if let Some(activity) = &self.activity {
            lines.push(Line::from(Span::styled(activity.clone(), theme.dim)));
        }
        if let Some(error) = &self.error {
            lines.push(Line::from(Span::styled(format!("✗ {error}"), theme.error)));
        }
        if let Some(report) = &self.report {
            lines.push(Line::from(format!(
                "{} found · {} not yet · {} ambiguous",
                report.found(),
                report.not_yet(),
                report.ambiguous()
            )));
            lines.push(Line::default());
            for check in &report.checks {
                let task = &check.task;
                let head = format!("{:>3} {} ({})", task.number, task.name, task.task_type);
                let line = match &check.state {
                    TaskState::Found(got) => Line::from(vec![
                        Span::styled("✓ ", theme.info),
                        Span::raw(head),
                        Span::styled(format!("  found: id {}", got.id), theme.dim),
                    ]),
                    TaskState::NotYet => Line::from(vec![
                        Span::styled("… ", theme.warning),
                        Span::raw(head),
                        Span::styled("  not there yet", theme.warning),
                    ]),
                    TaskState::Ambiguous(candidates) => {
                        let ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
                        Line::from(vec![
                            Span::styled("? ", theme.error),
                            Span::raw(head),
                            Span::styled(
                                format!("  {} candidates: {}", candidates.len(), ids.join(", ")),
                                theme.error,
                            ),
                        ])
                    }
                };
                lines.push(line);
            }
            if report.not_yet() > 0 && self.activity.is_none() {
                lines.push(Line::default());
                lines.push(Line::from(vec![
                    Span::styled("m", theme.key),
                    Span::raw(
                        " stages only the missing tasks, once the service has had time to \
                         create them; found tasks are never sent again",
                    ),
                ]));
            }
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }
}
