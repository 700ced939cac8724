//! `SubmitView`: the confirmation before a batch is sent, the progress while it is, and the
//! outcome after: status and meaning, the service's error fields, the body, the time taken.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::api::{Call, Outcome};
use crate::task::TASK_MEMBERS;
use crate::tui::action::Action;
use crate::tui::theme::Theme;

/// What is about to be sent, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub profile: String,
    /// The base URL, e.g. `https://api-in21.leadsquared.com`.
    pub host: String,
    /// The region's name when the host is a known region host.
    pub region: Option<&'static str>,
    pub sandbox: bool,
    pub appointments: usize,
    pub todos: usize,
    pub warnings: usize,
    pub webhook: Option<String>,
}

/// The three stages of a submission.
#[derive(Debug, Clone)]
pub enum SubmitView {
    /// Waiting for y (send) or n (back).
    Confirm(Plan),
    /// The call is in flight; `tick` turns the spinner.
    Sending { plan: Plan, tick: usize },
    /// The call ended.
    Done {
        plan: Plan,
        call: Box<Call>,
        /// The staging list was emptied because the batch was accepted.
        cleared: bool,
        /// Tasks and members the answer's error message names, e.g. `task 2 · DueDate`.
        at_fault: Vec<String>,
        /// First line of the answer's body shown.
        scroll: usize,
    },
}

const SPINNER: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];

impl SubmitView {
    /// True while the call is in flight: the only time the screen redraws on a timer.
    pub fn is_sending(&self) -> bool {
        matches!(self, SubmitView::Sending { .. })
    }

    /// Scrolls the answer's body.
    pub fn scroll(&mut self, action: Action) {
        if let SubmitView::Done { scroll, .. } = self {
            *scroll = match action {
                Action::CursorDown => *scroll + 1,
                Action::PageDown => *scroll + 10,
                Action::CursorUp => scroll.saturating_sub(1),
                Action::PageUp => scroll.saturating_sub(10),
                _ => *scroll,
            };
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let lines = match self {
            SubmitView::Confirm(plan) => confirm_lines(plan, theme),
            SubmitView::Sending { plan, tick } => {
                let mut lines = plan_lines(plan, theme);
                lines.push(Line::default());
                lines.push(Line::from(Span::styled(
                    format!(
                        "{} sending {} tasks…",
                        SPINNER[tick % SPINNER.len()],
                        plan.total()
                    ),
                    theme.focus,
                )));
                lines
            }
            SubmitView::Done {
                plan,
                call,
                cleared,
                at_fault,
                scroll,
            } => outcome_lines(plan, call, *cleared, at_fault, *scroll, theme),
        };
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }
}

impl Plan {
    fn total(&self) -> usize {
        self.appointments + self.todos
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn row<'a>(label: &'a str, value: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("  {label:<17} "), theme.dim),
        Span::raw(value),
    ])
}

fn plan_lines<'a>(plan: &Plan, theme: &Theme) -> Vec<Line<'a>> {
    let region = plan.region.map(|r| format!("  ({r})")).unwrap_or_default();
    let mut lines = vec![
        row("profile", plan.profile.clone(), theme),
        row("host", format!("{}{region}", plan.host), theme),
        row(
            "tasks",
            format!(
                "{} and {} ({} of 50)",
                plural(plan.appointments, "appointment"),
                plural(plan.todos, "to-do"),
                plan.total()
            ),
            theme,
        ),
        row(
            "webhook",
            plan.webhook.clone().unwrap_or_else(|| "none".into()),
            theme,
        ),
    ];
    if plan.warnings > 0 {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<17} ", "warnings"), theme.dim),
            Span::styled(
                format!(
                    "{} (marked ! in the list): legal, but check them",
                    plan.warnings
                ),
                theme.warning,
            ),
        ]));
    }
    if plan.sandbox {
        lines.push(Line::from(Span::styled(
            "  This goes to the embedded sandbox: nothing reaches LeadSquared.",
            theme.warning,
        )));
    }
    lines
}

fn confirm_lines<'a>(plan: &Plan, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![Line::from(Span::styled("Send this batch?", theme.focus))];
    lines.extend(plan_lines(plan, theme));
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("y", theme.key),
        Span::raw(" send   "),
        Span::styled("n", theme.key),
        Span::raw(" or "),
        Span::styled("Esc", theme.key),
        Span::raw(" go back (nothing is sent)"),
    ]));
    lines.push(Line::from(Span::styled(
        "Creating tasks is not undone by sending again: every send creates them anew.",
        theme.dim,
    )));
    lines
}

fn outcome_lines<'a>(
    plan: &Plan,
    call: &Call,
    cleared: bool,
    at_fault: &[String],
    scroll: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let (style, mark): (Style, &str) = match call.outcome {
        Outcome::Accepted { .. } => (theme.info, "✓"),
        Outcome::Rejected { .. } | Outcome::NotSent { .. } => (theme.error, "✗"),
        Outcome::Unknown { .. } => (theme.warning, "!"),
    };
    let mut lines = vec![Line::from(Span::styled(
        format!("{mark} {}", call.outcome.headline()),
        style,
    ))];
    lines.push(Line::from(Span::styled(
        format!(
            "  {} to {} as {} in {:.2} s",
            plural(plan.total(), "task"),
            plan.host,
            plan.profile,
            call.elapsed.as_secs_f64()
        ),
        theme.dim,
    )));
    for note in &call.notes {
        lines.push(Line::from(Span::styled(
            format!("  note: {note}"),
            theme.dim,
        )));
    }
    if let Some(error) = call
        .outcome
        .body()
        .and_then(crate::api::ResponseBody::service_error)
    {
        for (name, value) in [
            ("Status", &error.status),
            ("ExceptionType", &error.exception_type),
            ("ExceptionMessage", &error.exception_message),
        ] {
            if let Some(value) = value {
                lines.push(row(name, value.clone(), theme));
            }
        }
    }
    if !at_fault.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("  the answer names: {}", at_fault.join(", ")),
            theme.warning,
        )));
    }
    match &call.outcome {
        Outcome::Accepted { .. } if cleared => {
            lines.push(Line::from(vec![
                Span::raw("  The staging list was emptied and the batch kept in history: "),
                Span::styled("b", theme.key),
                Span::raw(" brings it back."),
            ]));
            lines.push(verify_hint(theme));
        }
        Outcome::Rejected { .. } | Outcome::NotSent { .. } => lines.push(Line::from(
            "  The staging list is as it was: fix what the answer says and send again.",
        )),
        Outcome::Unknown { .. } => {
            lines.push(Line::from(Span::styled(
                "  The staging list is kept, but do not simply send again: the tasks may be \
                 created twice. Look in Request History in the LeadSquared web app first, or:",
                theme.warning,
            )));
            lines.push(verify_hint(theme));
        }
        Outcome::Accepted { .. } => {}
    }
    if let Some(body) = call.outcome.body() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            "Answer body (j/k scroll):",
            theme.dim,
        )));
        let pretty = body.pretty();
        let text = if pretty.trim().is_empty() {
            "(empty)".to_owned()
        } else {
            pretty
        };
        lines.extend(text.lines().skip(scroll).map(|l| Line::from(l.to_owned())));
    }
    lines
}

fn verify_hint(theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::raw("  "),
        Span::styled("v", theme.key),
        Span::raw(" checks which of its tasks the service has created."),
    ])
}

/// The tasks and members an error message names (`Task 2: DueDate ...` gives `task 2 ·
/// DueDate`), so the user knows where to look. Only what the text says; nothing is guessed.
pub fn named_in(message: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = message.to_ascii_lowercase();
    for (at, _) in lower.match_indices("task ") {
        let digits: String = lower[at + 5..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if digits.is_empty() {
            continue;
        }
        let rest = &message[at + 5 + digits.len()..];
        let sentence = rest.split(['\n', ';']).next().unwrap_or("");
        // The member written first is the one the sentence is about.
        let member = TASK_MEMBERS
            .iter()
            .filter_map(|m| {
                sentence
                    .find(m)
                    .map(|at| (at, std::cmp::Reverse(m.len()), m))
            })
            .min()
            .map(|(_, _, m)| m);
        let item = match member {
            Some(member) => format!("task {digits} · {member}"),
            None => format!("task {digits}"),
        };
        if !found.contains(&item) {
            found.push(item);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_numbers_and_members_are_read_from_the_message() {
        let message = "Task 2: DueDate '2027-13-01 10:00:00' is not in the format; Task 5: bad";
        assert_eq!(named_in(message), ["task 2 · DueDate", "task 5"]);
        assert!(named_in("Invalid keys").is_empty());
    }
}
