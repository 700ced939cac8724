//! What is wrong, or probably unintended, in a batch: the task, the member and why.

use std::borrow::Cow;
use std::fmt;

/// An error makes the call wrong; a warning is legal but probably not what was meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding of the reader or the validator.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem {
    /// The task's 1-based number in the batch; `None` for the body itself.
    pub task: Option<usize>,
    /// The member's API name, e.g. `DueDate`, or `CustomFields.mx_Colour`.
    pub member: String,
    pub severity: Severity,
    /// What is wrong and what would be right, quoting the bad value.
    pub message: String,
    /// The line of the source file the task came from, when it was a CSV row.
    pub line: Option<u64>,
}

impl Problem {
    pub fn error(task: Option<usize>, member: &str, message: impl Into<String>) -> Problem {
        Problem {
            task,
            member: member.to_owned(),
            severity: Severity::Error,
            message: message.into(),
            line: None,
        }
    }

    pub fn warning(task: Option<usize>, member: &str, message: impl Into<String>) -> Problem {
        Problem {
            task,
            member: member.to_owned(),
            severity: Severity::Warning,
            message: message.into(),
            line: None,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Whether this problem is about `member` of task `task` (1-based).
    pub fn concerns(&self, task: usize, member: &str) -> bool {
        self.task == Some(task)
            && (self.member == member
                || self
                    .member
                    .strip_prefix(member)
                    .is_some_and(|rest| rest.starts_with('.')))
    }
}

/// `task 3 · DueDate: ...`, `task 3 (line 4) · DueDate: ...` for a CSV row, or
/// `body · StatusWebhookURL: ...`; warnings say so.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.task {
            Some(task) => write!(f, "task {task}")?,
            None => f.write_str("body")?,
        }
        if let Some(line) = self.line {
            write!(f, " (line {line})")?;
        }
        write!(f, " · {}: ", printable(&self.member))?;
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        f.write_str(&printable(&self.message))
    }
}

/// `text` with every control character written as an escape (`\u{1b}`), for messages that
/// quote what a file held: an escape sequence in a hostile file must not reach the terminal
/// that prints the message, where it could clear the screen or retitle the window.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Counts of a list of problems, for the line after them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of(problems: &[Problem]) -> Summary {
        let errors = problems.iter().filter(|p| p.is_error()).count();
        Summary {
            errors,
            warnings: problems.len() - errors,
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("1 {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        write!(
            f,
            "{}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning")
        )
    }
}
