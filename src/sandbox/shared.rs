//! What a running sandbox remembers between requests: its settings, every request received,
//! the accepted batches and the calls inside the rate-limit window.

use std::collections::VecDeque;
use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use super::Options;
use super::tasks::Store;

/// The span the call limit counts over, as LeadSquared states its limits.
pub(super) const WINDOW: Duration = Duration::from_secs(5);

/// One request as it arrived, before any check. Kept in memory only: its `Debug` shows no
/// header value and no query, since those carry the keys.
#[derive(Clone)]
pub struct Received {
    /// `GET`, `POST`, ...
    pub method: String,
    /// Path and query exactly as sent, e.g. `/v2/Task.svc/RetrieveTaskType?accessKey=...`.
    pub target: String,
    /// Every header in arrival order, names in lower case as HTTP/1 makes no case distinction.
    pub headers: Vec<(String, String)>,
}

impl Received {
    /// The first value of a header, whatever the case of `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The target without its query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }
}

impl fmt::Debug for Received {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("Received")
            .field("method", &self.method)
            .field("path", &self.path())
            .field("header_names", &names)
            .finish_non_exhaustive()
    }
}

/// An accepted Bulk/Create call, as `/sandbox/requests` lists it.
pub(super) struct Batch {
    pub received_at: DateTime<Utc>,
    pub request_id: String,
    pub body: Value,
}

/// The state every connection shares, behind one `Arc`.
pub(super) struct Shared {
    pub options: Options,
    /// The sandbox's own `127.0.0.1:PORT`, for answers that name a host.
    pub own_host: String,
    received: Mutex<Vec<Received>>,
    accepted: Mutex<Vec<Batch>>,
    window: Mutex<VecDeque<Instant>>,
    ids: IdSource,
    /// The tasks created from accepted calls.
    pub tasks: Store,
}

/// A poisoned lock only means another request panicked mid-update; the lists stay usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    pub fn new(options: Options, own_host: String) -> Shared {
        Shared {
            options,
            own_host,
            received: Mutex::default(),
            accepted: Mutex::default(),
            window: Mutex::default(),
            ids: IdSource::new(),
            tasks: Store::default(),
        }
    }

    pub fn record(&self, request: Received) {
        lock(&self.received).push(request);
    }

    pub fn received(&self) -> Vec<Received> {
        lock(&self.received).clone()
    }

    /// A fresh id shaped like a UUID, for requests and the tasks the webhook reports.
    pub fn new_id(&self) -> String {
        self.ids.next()
    }

    /// Stores an accepted body and gives it a request id.
    pub fn accept(&self, body: Value) -> String {
        let request_id = self.new_id();
        lock(&self.accepted).push(Batch {
            received_at: Utc::now(),
            request_id: request_id.clone(),
            body,
        });
        request_id
    }

    pub fn accepted_bodies(&self) -> Vec<Value> {
        lock(&self.accepted)
            .iter()
            .map(|batch| batch.body.clone())
            .collect()
    }

    /// The `/sandbox/requests` listing, oldest first.
    pub fn accepted_listing(&self) -> Value {
        let batches = lock(&self.accepted);
        Value::Array(
            batches
                .iter()
                .map(|batch| {
                    let at = batch
                        .received_at
                        .to_rfc3339_opts(SecondsFormat::Millis, true);
                    json!({
                        "ReceivedAt": at,
                        "RequestId": batch.request_id,
                        "Body": batch.body
                    })
                })
                .collect(),
        )
    }

    /// Counts a call at `now` if the window has room; otherwise how long until it has. Refused
    /// calls are not counted, so a client that backs off gets through again.
    pub fn admit(&self, now: Instant) -> Result<(), Duration> {
        let limit = usize::try_from(self.options.limit).unwrap_or(usize::MAX);
        let mut window = lock(&self.window);
        while window
            .front()
            .is_some_and(|first| now.saturating_duration_since(*first) >= WINDOW)
        {
            window.pop_front();
        }
        if window.len() < limit {
            window.push_back(now);
            return Ok(());
        }
        // With a limit of 0 nothing is ever counted; the whole window is the honest answer.
        let wait = window.front().map_or(WINDOW, |first| {
            WINDOW.saturating_sub(now.saturating_duration_since(*first))
        });
        Err(wait)
    }
}

/// Request ids shaped like version-4 UUIDs; unique within a run, unpredictable across runs.
struct IdSource {
    seed: RandomState,
    counter: AtomicU64,
}

impl IdSource {
    fn new() -> IdSource {
        IdSource {
            seed: RandomState::new(),
            counter: AtomicU64::new(0),
        }
    }

    fn next(&self) -> String {
        let count = self.counter.fetch_add(1, Ordering::Relaxed);
        let half = |salt: u64| {
            let mut hasher = self.seed.build_hasher();
            hasher.write_u64(count);
            hasher.write_u64(salt);
            hasher.finish()
        };
        let bits = (u128::from(half(1)) << 64) | u128::from(half(2));
        // Set the version (4) and variant (10xx) bits so tools that parse UUIDs accept it.
        let bits = (bits & !(0xF_u128 << 76) & !(0x3_u128 << 62)) | (0x4 << 76) | (0x2 << 62);
        let hex = format!("{bits:032x}");
        format!(
            "{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(limit: u32) -> Shared {
        let options = Options {
            limit,
            ..Options::default()
        };
        Shared::new(options, "127.0.0.1:1".to_owned())
    }

    #[test]
    fn the_call_past_the_limit_waits_for_the_oldest_to_leave_the_window() {
        let shared = shared(2);
        let start = Instant::now();
        assert_eq!(shared.admit(start), Ok(()));
        assert_eq!(shared.admit(start + Duration::from_secs(1)), Ok(()));
        let refused = shared.admit(start + Duration::from_secs(2));
        assert_eq!(refused, Err(Duration::from_secs(3)));
        assert_eq!(shared.admit(start + WINDOW), Ok(()));
    }

    #[test]
    fn a_limit_of_zero_refuses_everything_for_a_whole_window() {
        assert_eq!(shared(0).admit(Instant::now()), Err(WINDOW));
    }

    #[test]
    fn request_ids_look_like_uuids_and_differ() {
        let ids = IdSource::new();
        let (first, second) = (ids.next(), ids.next());
        assert_ne!(first, second);
        assert_eq!(first.len(), 36);
        assert_eq!(&first[14..15], "4");
        assert!(matches!(&first[19..20], "8" | "9" | "a" | "b"), "{first}");
    }

    #[test]
    fn debug_shows_no_header_value_or_query() {
        let received = Received {
            method: "GET".to_owned(),
            target: "/x?secretKey=hidden-1".to_owned(),
            headers: vec![("x-lsq-secretkey".to_owned(), "hidden-2".to_owned())],
        };
        let shown = format!("{received:?}");
        assert!(!shown.contains("hidden"), "{shown}");
        assert!(shown.contains("x-lsq-secretkey"), "{shown}");
        assert_eq!(received.header("X-LSQ-SecretKey"), Some("hidden-2"));
    }
}
