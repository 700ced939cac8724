//! The history of submissions: one JSON line each, appended, never holding a key.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::{Call, Outcome};
use crate::config::Settings;
use crate::task::{Batch, Kind, to_value};

/// One submission as it is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub time: DateTime<Utc>,
    pub profile: String,
    /// The base URL the call went to.
    pub host: String,
    /// Sent to the embedded sandbox, not to LeadSquared.
    #[serde(default)]
    pub sandbox: bool,
    pub tasks: usize,
    #[serde(default)]
    pub appointments: usize,
    /// `accepted`, `rejected`, `not sent` or `unknown`.
    pub outcome: String,
    pub status: Option<u16>,
    /// Why a call was not sent or has no known outcome.
    #[serde(default)]
    pub reason: Option<String>,
    /// The answer's body as received.
    #[serde(default)]
    pub response: Option<String>,
    pub elapsed_ms: u64,
    /// The body that was sent.
    pub body: Value,
    /// Each task's kind (`appointment`/`todo`), which the body does not carry.
    #[serde(default)]
    pub kinds: Vec<String>,
}

impl Entry {
    /// The entry for `batch` sent with `settings`, ending as `call` did.
    pub fn record(settings: &Settings, batch: &Batch, call: &Call, now: DateTime<Utc>) -> Entry {
        let reason = match &call.outcome {
            Outcome::NotSent { reason } | Outcome::Unknown { reason } => Some(reason.clone()),
            _ => None,
        };
        Entry {
            time: now,
            profile: settings.profile.name.clone(),
            host: settings.profile.host.to_string(),
            sandbox: settings.sandbox,
            tasks: batch.len(),
            appointments: batch
                .tasks()
                .iter()
                .filter(|t| t.kind == Kind::Appointment)
                .count(),
            outcome: call.outcome.class().to_owned(),
            status: call.outcome.status(),
            reason,
            response: call.outcome.body().map(|b| b.text.clone()),
            elapsed_ms: u64::try_from(call.elapsed.as_millis()).unwrap_or(u64::MAX),
            body: to_value(batch),
            kinds: batch
                .tasks()
                .iter()
                .map(|t| t.kind.as_str().to_owned())
                .collect(),
        }
    }
}

/// The readable entries, oldest first, each with its 1-based line number; and one message per
/// damaged line that was skipped.
pub type ReadBack = (Vec<(usize, Entry)>, Vec<String>);

/// The history file.
#[derive(Debug, Clone)]
pub struct History {
    path: PathBuf,
}

impl History {
    pub fn new(path: impl Into<PathBuf>) -> History {
        History { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one entry as a single write, file mode 0600.
    pub fn append(&self, entry: &Entry) -> std::io::Result<()> {
        use std::os::unix::fs::OpenOptionsExt;
        if let Some(dir) = self.path.parent() {
            crate::config::private_dir(dir)?;
        }
        let mut line = serde_json::to_vec(entry).map_err(std::io::Error::other)?;
        line.push(b'\n');
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(&self.path)?;
        file.write_all(&line)
    }

    /// Every readable entry; a damaged line is skipped and named, never fatal.
    pub fn read(&self) -> std::io::Result<ReadBack> {
        // Bytes, not text: one line of bad bytes (a crash mid-write, a disk error) must cost
        // that line only, not the whole history.
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((vec![], vec![])),
            Err(e) => return Err(e),
        };
        let mut entries = Vec::new();
        let mut broken = Vec::new();
        for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if line.trim_ascii().is_empty() {
                continue;
            }
            match serde_json::from_slice(line) {
                Ok(entry) => entries.push((index + 1, entry)),
                Err(e) => broken.push(format!(
                    "{}:{}: skipped a damaged entry ({e})",
                    self.path.display(),
                    index + 1
                )),
            }
        }
        Ok((entries, broken))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn entry(outcome: &str) -> Entry {
        Entry {
            time: DateTime::parse_from_rfc3339("2026-12-03T09:00:00Z")
                .unwrap()
                .to_utc(),
            profile: "acme".into(),
            host: "https://api.leadsquared.com".into(),
            sandbox: false,
            tasks: 2,
            appointments: 1,
            outcome: outcome.into(),
            status: Some(200),
            reason: None,
            response: Some("{}".into()),
            elapsed_ms: 120,
            body: serde_json::json!({"TaskList": []}),
            kinds: vec!["appointment".into(), "todo".into()],
        }
    }

    #[test]
    fn entries_append_and_read_back_past_a_broken_line() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::new(dir.path().join("data/history.jsonl"));
        history.append(&entry("accepted")).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(history.path())
            .unwrap()
            .write_all(b"{\"time\": \"cut in ha\xff\xfe\n")
            .unwrap();
        history.append(&entry("rejected")).unwrap();
        let (entries, broken) = history.read().unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].0, 3);
        assert_eq!(entries[1].1.outcome, "rejected");
        assert_eq!(broken.len(), 1);
        assert!(broken[0].contains("history.jsonl:2:"), "{broken:?}");
        let mode = std::fs::metadata(history.path())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
