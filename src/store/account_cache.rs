//! The account's task types and users kept in the cache folder, so that a form's pickers are
//! full at once on the next start, before the background look-ups have answered.
//!
//! One file per profile and list. Each remembers the host it came from: a profile pointed at
//! another account never shows the old account's lists. A file that cannot be read is simply
//! not used; it is a cache, and the look-ups will write it again.

use std::path::PathBuf;

use chrono::{DateTime, TimeDelta, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::api::{TaskTypeInfo, UserInfo};
use crate::config::write_private;

/// Lists older than this are not shown: a day is long enough to start the tool many times
/// from one fetch, short enough that a departed user does not linger as an owner for long.
pub const MAX_AGE: TimeDelta = TimeDelta::hours(24);

/// A list as it was saved, with when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached<T> {
    pub items: Vec<T>,
    pub saved: DateTime<Utc>,
}

/// The file: `L` is the list, borrowed when saving and owned when loading.
#[derive(Serialize, Deserialize)]
struct Stored<L> {
    host: String,
    saved: DateTime<Utc>,
    items: L,
}

/// The cached lists of one profile on one host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountCache {
    dir: PathBuf,
    profile: String,
    host: String,
}

impl AccountCache {
    pub fn new(cache_dir: impl Into<PathBuf>, profile: &str, host: &str) -> AccountCache {
        AccountCache {
            dir: cache_dir.into(),
            profile: profile.to_owned(),
            host: host.to_owned(),
        }
    }

    /// The task types saved less than [`MAX_AGE`] before `now` for this host.
    pub fn task_types(&self, now: DateTime<Utc>) -> Option<Cached<TaskTypeInfo>> {
        self.load("task-types", now)
    }

    /// The users saved less than [`MAX_AGE`] before `now` for this host.
    pub fn users(&self, now: DateTime<Utc>) -> Option<Cached<UserInfo>> {
        self.load("users", now)
    }

    pub fn save_task_types(
        &self,
        items: &[TaskTypeInfo],
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        self.save("task-types", items, now)
    }

    pub fn save_users(&self, items: &[UserInfo], now: DateTime<Utc>) -> Result<(), String> {
        self.save("users", items, now)
    }

    /// `<cache>/<profile>.<list>.json`, the profile name kept to letters, digits, `-` and `_`
    /// so that no name can reach outside the folder.
    fn file(&self, list: &str) -> PathBuf {
        let profile: String = self
            .profile
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        self.dir.join(format!("{profile}.{list}.json"))
    }

    fn load<T: DeserializeOwned>(&self, list: &str, now: DateTime<Utc>) -> Option<Cached<T>> {
        let path = self.file(list);
        let bytes = std::fs::read(&path).ok()?;
        let stored: Stored<Vec<T>> = match serde_json::from_slice(&bytes) {
            Ok(stored) => stored,
            Err(why) => {
                tracing::info!(path = %path.display(), %why, "a cached list is not readable");
                return None;
            }
        };
        let age = now.signed_duration_since(stored.saved);
        (stored.host == self.host && age < MAX_AGE).then_some(Cached {
            items: stored.items,
            saved: stored.saved,
        })
    }

    fn save<T: Serialize>(
        &self,
        list: &str,
        items: &[T],
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        let stored = Stored {
            host: self.host.clone(),
            saved: now,
            items,
        };
        let path = self.file(list);
        let text = serde_json::to_vec(&stored).map_err(|e| e.to_string())?;
        write_private(&path, &text).map_err(|e| format!("cannot save {}: {e}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn user(email: &str) -> UserInfo {
        UserInfo {
            id: "1".into(),
            name: "Priya".into(),
            email: email.into(),
            role: "Sales_User".into(),
            active: true,
        }
    }

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 3, hour, 0, 0).unwrap()
    }

    #[test]
    fn a_saved_list_comes_back_until_it_is_a_day_old() {
        let dir = tempfile::tempdir().unwrap();
        let cache = AccountCache::new(dir.path(), "work", "api-in21.leadsquared.com");
        cache
            .save_users(&[user("priya@example.com")], at(1))
            .unwrap();
        let found = cache.users(at(9)).unwrap();
        assert_eq!(found.items, vec![user("priya@example.com")]);
        assert_eq!(found.saved, at(1));
        let next_day = at(1) + MAX_AGE;
        assert_eq!(cache.users(next_day), None);
    }

    #[test]
    fn another_host_or_profile_does_not_see_the_list() {
        let dir = tempfile::tempdir().unwrap();
        let cache = AccountCache::new(dir.path(), "work", "api-in21.leadsquared.com");
        cache
            .save_users(&[user("priya@example.com")], at(1))
            .unwrap();
        let moved = AccountCache::new(dir.path(), "work", "api-us11.leadsquared.com");
        assert_eq!(moved.users(at(2)), None);
        let other = AccountCache::new(dir.path(), "test", "api-in21.leadsquared.com");
        assert_eq!(other.users(at(2)), None);
        assert_eq!(cache.task_types(at(2)), None, "users are not task types");
    }

    #[test]
    fn a_damaged_file_is_not_used_and_a_name_cannot_leave_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let cache = AccountCache::new(dir.path(), "../../etc/x", "h");
        cache.save_users(&[user("a@example.com")], at(1)).unwrap();
        let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(files.len(), 1, "the file stays inside the cache folder");
        std::fs::write(cache.file("users"), b"{\"host\":").unwrap();
        assert_eq!(cache.users(at(2)), None);
    }
}
