//! The staging list on disk: saved after every change, atomically, restored at start.
//!
//! The file holds the exact body (so a person can read it and `lsq-tasks payload` could send it)
//! beside each task's kind, which the body does not carry:
//! `{"format": "lsq-tasks drafts", "version": 1, "kinds": ["appointment"], "body": {...}}`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::task::{Batch, Kind, read_body_value, to_value};

const FORMAT: &str = "lsq-tasks drafts";
const VERSION: u64 = 1;

/// The drafts file of one user.
#[derive(Debug, Clone)]
pub struct Drafts {
    path: PathBuf,
}

/// What was found at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    /// No drafts file yet: an empty list.
    Fresh,
    /// The list saved last time.
    Restored(Batch),
    /// The file could not be read as drafts; it was renamed to `moved_to` (never overwritten)
    /// and the list starts empty.
    Damaged { moved_to: PathBuf, reason: String },
}

/// A drafts file that could not be read or written, with the path and the cause.
#[derive(Debug, thiserror::Error)]
pub enum DraftsError {
    #[error("could not read the drafts file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not save the drafts to {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the drafts file {path} is damaged ({reason}) and could not be moved aside: {source}")]
    MoveAside {
        path: PathBuf,
        reason: String,
        source: std::io::Error,
    },
}

impl Drafts {
    /// Drafts kept in `path`; nothing is touched until [`Drafts::load`] or [`Drafts::save`].
    pub fn new(path: impl Into<PathBuf>) -> Drafts {
        Drafts { path: path.into() }
    }

    /// The drafts file, for messages that name it.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the saved list. A file that is not drafts is renamed to
    /// `<name>.damaged-<UTC timestamp>` so the next save cannot overwrite what it held.
    pub fn load(&self, now: DateTime<Utc>) -> Result<Loaded, DraftsError> {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Loaded::Fresh),
            Err(source) => {
                return Err(DraftsError::Read {
                    path: self.path.clone(),
                    source,
                });
            }
        };
        match decode(&text) {
            Ok(batch) => Ok(Loaded::Restored(batch)),
            Err(reason) => {
                let mut name = self.path.as_os_str().to_owned();
                name.push(format!(".damaged-{}", now.format("%Y%m%dT%H%M%SZ")));
                let moved_to = PathBuf::from(name);
                match fs::rename(&self.path, &moved_to) {
                    Ok(()) => Ok(Loaded::Damaged { moved_to, reason }),
                    Err(source) => Err(DraftsError::MoveAside {
                        path: self.path.clone(),
                        reason,
                        source,
                    }),
                }
            }
        }
    }

    /// Writes the list: a temporary file (mode 0600) in the same folder, then a rename, so a
    /// crash leaves either the old file or the new one, never half of one. The folder is
    /// created (mode 0700) when missing.
    pub fn save(&self, batch: &Batch) -> Result<(), DraftsError> {
        let failed = |source| DraftsError::Write {
            path: self.path.clone(),
            source,
        };
        let folder = match self.path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        create_private_dir(&folder).map_err(failed)?;
        // tempfile creates the file with mode 0600 on Unix.
        let mut file = tempfile::NamedTempFile::new_in(&folder).map_err(failed)?;
        let text = encode(batch);
        file.write_all(text.as_bytes()).map_err(failed)?;
        file.as_file().sync_all().map_err(failed)?;
        file.persist(&self.path).map_err(|e| failed(e.error))?;
        Ok(())
    }
}

/// Held while one copy of the UI edits a drafts file; dropping it (or the process dying, even
/// by SIGKILL) lets the next copy in. Advisory: only lsq-tasks looks at it.
#[derive(Debug)]
pub struct DraftsLock {
    // The kernel holds the lock for as long as this descriptor is open.
    _file: fs::File,
}

/// Another copy of the program has the drafts file, or the lock file could not be made.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "another lsq-tasks{} is already editing the staging list {path}: quit that one first \
         (two copies would overwrite each other's list)",
        holder.map(|pid| format!(" (process {pid})")).unwrap_or_default()
    )]
    Busy { path: PathBuf, holder: Option<u32> },
    #[error("could not lock the staging list with {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Drafts {
    /// Takes the lock beside the drafts file (`<name>.lock`, holding the owner's process id for
    /// the message the next copy shows). A second copy is refused rather than opened read-only:
    /// a UI that lets you edit but silently drops the edits on quit would lose work.
    pub fn lock(&self) -> Result<DraftsLock, LockError> {
        let mut name = self.path.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        let failed = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_private_dir(parent).map_err(failed)?;
        }
        // Not truncated on open: the pid inside belongs to the holder until we hold the lock.
        let mut file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(failed)?;
        match try_lock(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                let holder = fs::read_to_string(&path)
                    .ok()
                    .and_then(|t| t.trim().parse().ok());
                return Err(LockError::Busy {
                    path: self.path.clone(),
                    holder,
                });
            }
            Err(source) => return Err(failed(source)),
        }
        // The pid padded to a fixed width, written over what was there: truncating first cost
        // a fifth of a millisecond at every start. Only a longer leftover is cut off.
        let pid = format!("{:<PID_WIDTH$}\n", std::process::id());
        file.write_all(pid.as_bytes()).map_err(failed)?;
        if file.metadata().map_err(failed)?.len() > pid.len() as u64 {
            file.set_len(pid.len() as u64).map_err(failed)?;
        }
        Ok(DraftsLock { _file: file })
    }
}

/// Room for any pid (a `u32` has at most ten digits).
const PID_WIDTH: usize = 10;

#[cfg(unix)]
fn try_lock(file: &fs::File) -> std::io::Result<()> {
    use rustix::fs::{FlockOperation, flock};
    flock(file, FlockOperation::NonBlockingLockExclusive).map_err(std::io::Error::from)
}

// TODO(drafts-lock): no lock off Unix yet; two copies there each save their own list and the
// last one wins. std's File::try_lock would do once the minimum Rust version reaches 1.89.
#[cfg(not(unix))]
fn try_lock(_file: &fs::File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn create_private_dir(folder: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)
}

#[cfg(not(unix))]
fn create_private_dir(folder: &Path) -> std::io::Result<()> {
    fs::create_dir_all(folder)
}

fn encode(batch: &Batch) -> String {
    let kinds: Vec<&str> = batch.tasks().iter().map(|t| t.kind.as_str()).collect();
    let file = json!({
        "format": FORMAT,
        "version": VERSION,
        "kinds": kinds,
        "body": to_value(batch),
    });
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

fn decode(text: &str) -> Result<Batch, String> {
    let file: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    if file.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err("not an lsq-tasks drafts file".into());
    }
    if file.get("version").and_then(Value::as_u64) != Some(VERSION) {
        return Err(format!("not version {VERSION} of the drafts format"));
    }
    let kinds: Vec<Kind> = file
        .get("kinds")
        .and_then(Value::as_array)
        .ok_or("no list of kinds")?
        .iter()
        .map(|k| k.as_str().and_then(Kind::parse).ok_or("an unknown kind"))
        .collect::<Result<_, _>>()?;
    let body = file.get("body").ok_or("no body")?;
    let parsed = read_body_value(body);
    // The reader reports an empty TaskList as a problem; an empty staging list is fine here.
    if let Some(problem) = parsed.problems.iter().find(|p| p.member != "TaskList") {
        return Err(problem.to_string());
    }
    let mut batch = parsed.batch;
    let webhook = batch.webhook.take();
    let mut tasks = batch.take_all();
    if tasks.len() != kinds.len() {
        return Err("the kinds do not match the tasks".into());
    }
    for (task, kind) in tasks.iter_mut().zip(kinds) {
        task.kind = kind;
    }
    Batch::from_tasks(tasks, webhook).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::{NotifyBy, RelatedEntity, Task};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
    }

    fn sample() -> Batch {
        let mut visit = Task::new(Kind::Appointment);
        visit.name = "Site visit".into();
        visit.task_type = "Meeting".into();
        visit.related_entity = RelatedEntity::Lead;
        visit.related_entity_id = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9".into();
        visit.due_date = Some(Utc.with_ymd_and_hms(2027, 1, 14, 4, 30, 0).unwrap());
        visit.notify_by = Some(NotifyBy::Email);
        visit
            .custom_fields
            .insert("mx_Custom_1".into(), "Bring brochures".into());
        // A to-do without a name: drafts keep unfinished tasks too.
        let todo = Task::new(Kind::Todo);
        Batch::from_tasks(
            vec![visit, todo],
            Some("https://hooks.example.com/x".into()),
        )
        .unwrap()
    }

    #[test]
    fn a_saved_list_is_restored_with_kinds_and_webhook() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::new(dir.path().join("deep/er/staging.json"));
        drafts.save(&sample()).unwrap();
        assert_eq!(drafts.load(now()).unwrap(), Loaded::Restored(sample()));
    }

    #[test]
    fn no_file_is_a_fresh_start() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::new(dir.path().join("staging.json"));
        assert_eq!(drafts.load(now()).unwrap(), Loaded::Fresh);
        drafts.save(&Batch::default()).unwrap();
        assert_eq!(
            drafts.load(now()).unwrap(),
            Loaded::Restored(Batch::default())
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_private_to_its_owner() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("lsq-tasks");
        let drafts = Drafts::new(folder.join("staging.json"));
        drafts.save(&sample()).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder.join("staging.json")), 0o600);
        assert_eq!(mode(&folder), 0o700);
        // Only the drafts file is left: the temporary file was renamed over it.
        assert_eq!(fs::read_dir(&folder).unwrap().count(), 1);
    }

    #[test]
    fn a_damaged_file_is_moved_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("staging.json");
        fs::write(&path, "{ half a file").unwrap();
        let drafts = Drafts::new(&path);
        let Loaded::Damaged { moved_to, reason } = drafts.load(now()).unwrap() else {
            panic!("a damaged file must be reported");
        };
        assert!(reason.contains("not JSON"), "{reason}");
        assert!(
            moved_to
                .to_string_lossy()
                .ends_with("staging.json.damaged-20261203T090000Z")
        );
        assert_eq!(fs::read_to_string(&moved_to).unwrap(), "{ half a file");
        assert!(!path.exists());
    }

    #[test]
    fn a_foreign_json_file_is_damaged_too() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("staging.json");
        fs::write(&path, r#"{"TaskList": []}"#).unwrap();
        let loaded = Drafts::new(&path).load(now()).unwrap();
        assert!(matches!(loaded, Loaded::Damaged { .. }), "{loaded:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_second_lock_is_refused_with_the_holder_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::new(dir.path().join("data/staging.json"));
        let first = drafts.lock().unwrap();
        let error = drafts.lock().unwrap_err();
        let text = error.to_string();
        assert!(
            text.contains(&format!("(process {})", std::process::id())),
            "{text}"
        );
        assert!(text.contains("staging.json"), "{text}");
        drop(first);
        assert!(drafts.lock().is_ok(), "a released lock is free again");
    }

    #[test]
    fn an_unwritable_place_gives_an_error_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the folder should be fails even for root, unlike a read-only folder.
        let blocker = dir.path().join("not-a-folder");
        fs::write(&blocker, "").unwrap();
        let drafts = Drafts::new(blocker.join("staging.json"));
        let error = drafts.save(&sample()).unwrap_err();
        assert!(error.to_string().contains("staging.json"), "{error}");
    }
}
