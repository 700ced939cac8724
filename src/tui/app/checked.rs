//! The staging list's problems, kept between frames. Every frame of the list shows them (the
//! marks, the selected task's details), but they change only when the list does, or when the
//! clock moves on: some rules compare dates with now. Working them out again for each key
//! cost more than drawing the rest of the screen.

use std::cell::RefCell;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::task::{self, Batch, Problem};

/// The problems of one version of the list at one minute.
#[derive(Debug, Default)]
pub struct Checked {
    last: RefCell<Option<Entry>>,
}

#[derive(Debug)]
struct Entry {
    batch: Batch,
    minute: i64,
    problems: Arc<[Problem]>,
    version: u64,
}

/// The problems, and a number that changes whenever they are worked out again: a drawing
/// cache keyed on it knows the list (or the minute) changed.
#[derive(Debug, Clone)]
pub struct Problems {
    pub list: Arc<[Problem]>,
    pub version: u64,
}

impl Checked {
    /// The problems of `batch` at `now`, worked out again only when the batch differs from the
    /// last one asked about or the minute has turned.
    pub fn of(&self, batch: &Batch, now: DateTime<Utc>) -> Problems {
        let minute = now.timestamp().div_euclid(60);
        let mut last = self.last.borrow_mut();
        if let Some(entry) = last.as_ref()
            && entry.minute == minute
            && entry.batch == *batch
        {
            return Problems {
                list: Arc::clone(&entry.problems),
                version: entry.version,
            };
        }
        let version = last.as_ref().map_or(0, |entry| entry.version + 1);
        let problems: Arc<[Problem]> = task::validate(batch, now).into();
        *last = Some(Entry {
            batch: batch.clone(),
            minute,
            problems: Arc::clone(&problems),
            version,
        });
        Problems {
            list: problems,
            version,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::task::{Kind, Task};

    #[test]
    fn a_change_to_the_list_or_the_minute_is_checked_afresh() {
        let at = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 10).unwrap();
        let checked = Checked::default();
        let mut batch = Batch::default();
        batch.add(Task::new(Kind::Todo)).unwrap();
        let first = checked.of(&batch, at);
        assert!(
            first.list.iter().any(|p| p.member == "Name"),
            "{:?}",
            first.list
        );
        let same = checked.of(&batch, at + chrono::TimeDelta::seconds(30));
        assert_eq!(same.version, first.version, "same list, same minute");

        let mut named = batch.tasks()[0].clone();
        named.name = "Call back".into();
        batch.replace(0, named);
        let renamed = checked.of(&batch, at);
        assert_ne!(renamed.version, first.version);
        assert!(
            !renamed.list.iter().any(|p| p.member == "Name"),
            "{:?}",
            renamed.list
        );

        let later = checked.of(&batch, at + chrono::TimeDelta::minutes(1));
        assert_ne!(later.version, renamed.version, "the minute turned");
    }
}
