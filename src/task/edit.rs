//! One change applied to many tasks at once (the bulk edit): a member set, or due times moved.

use chrono::{DateTime, Duration, Utc};

use super::model::{NotifyBy, Task};

/// A change to one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// `OwnerEmailAddress`; `None` unsets it.
    Owner(Option<String>),
    /// `TaskType.Name`.
    TaskType(String),
    /// `DueDate` (and `EndDate` with it, so durations stay) moved by this much; tasks with no
    /// due time are left alone.
    ShiftDue(Duration),
    /// `DueDate` set to this instant; `EndDate` moves with it, keeping the duration.
    SetDue(DateTime<Utc>),
    /// `Reminder` in minutes; `None` unsets it.
    Reminder(Option<u32>),
    /// `NotifyBy`; `None` unsets it.
    NotifyBy(Option<NotifyBy>),
    /// A custom field set to a value; an empty value removes it.
    CustomField(String, String),
}

impl Edit {
    /// Applies the change to `task`.
    pub fn apply(&self, task: &mut Task) {
        match self {
            Edit::Owner(owner) => task.owner_email.clone_from(owner),
            Edit::TaskType(name) => task.task_type.clone_from(name),
            Edit::ShiftDue(by) => {
                if let Some(due) = task.due_date {
                    task.due_date = Some(due + *by);
                    task.end_date = task.end_date.map(|end| end + *by);
                }
            }
            Edit::SetDue(at) => {
                let length = match (task.due_date, task.end_date) {
                    (Some(due), Some(end)) => Some(end - due),
                    _ => None,
                };
                task.due_date = Some(*at);
                if let Some(length) = length {
                    task.end_date = Some(*at + length);
                }
            }
            Edit::Reminder(minutes) => task.reminder = *minutes,
            Edit::NotifyBy(notify) => task.notify_by = *notify,
            Edit::CustomField(name, value) => {
                if value.is_empty() {
                    task.custom_fields.shift_remove(name);
                } else {
                    task.custom_fields.insert(name.clone(), value.clone());
                }
            }
        }
    }
}

/// Reads a signed shift such as `+1d`, `-2h` or `+30m`.
pub fn parse_shift(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let refuse = || format!("'{text}' is not a shift: write +1d, -2h or +30m");
    let (sign, rest) = match text.chars().next() {
        Some('+') => (1, &text[1..]),
        Some('-') => (-1, &text[1..]),
        _ => return Err(refuse()),
    };
    let unit = rest.chars().last().ok_or_else(refuse)?;
    let amount: i64 = rest[..rest.len() - unit.len_utf8()]
        .parse()
        .map_err(|_| refuse())?;
    let amount = sign * amount;
    match unit.to_ascii_lowercase() {
        'd' => Duration::try_days(amount),
        'h' => Duration::try_hours(amount),
        'm' => Duration::try_minutes(amount),
        _ => None,
    }
    .ok_or_else(refuse)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 1, 14, hour, 0, 0).unwrap()
    }

    #[test]
    fn shifting_moves_due_and_end_together_and_skips_undated_tasks() {
        let mut dated = Task {
            due_date: Some(at(4)),
            end_date: Some(at(5)),
            ..Task::default()
        };
        let mut undated = Task::default();
        let edit = Edit::ShiftDue(parse_shift("+1d").unwrap());
        edit.apply(&mut dated);
        edit.apply(&mut undated);
        assert_eq!(dated.due_date, Some(at(4) + Duration::days(1)));
        assert_eq!(dated.end_date, Some(at(5) + Duration::days(1)));
        assert_eq!(undated.due_date, None);
    }

    #[test]
    fn setting_the_due_time_keeps_the_duration() {
        let mut task = Task {
            due_date: Some(at(4)),
            end_date: Some(at(6)),
            ..Task::default()
        };
        Edit::SetDue(at(10)).apply(&mut task);
        assert_eq!((task.due_date, task.end_date), (Some(at(10)), Some(at(12))));
    }

    #[test]
    fn shifts_read_sign_amount_and_unit() {
        assert_eq!(parse_shift("-2h"), Ok(Duration::hours(-2)));
        assert_eq!(parse_shift("+30m"), Ok(Duration::minutes(30)));
        assert!(parse_shift("2h").is_err());
        assert!(parse_shift("+2w").is_err());
        assert!(parse_shift("+").is_err());
    }

    #[test]
    fn a_custom_field_is_set_or_removed() {
        let mut task = Task::default();
        Edit::CustomField("mx_Colour".into(), "red".into()).apply(&mut task);
        assert_eq!(task.custom_fields["mx_Colour"], "red");
        Edit::CustomField("mx_Colour".into(), String::new()).apply(&mut task);
        assert!(task.custom_fields.is_empty());
    }
}
