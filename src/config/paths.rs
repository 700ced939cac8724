//! The folders the tool uses, from the platform's conventions (XDG on Linux).

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use super::ConfigError;

/// Config, data, state and cache folders. On Linux these follow `XDG_CONFIG_HOME`,
/// `XDG_DATA_HOME`, `XDG_STATE_HOME` and `XDG_CACHE_HOME`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
    pub state_dir: PathBuf,
    pub cache_dir: PathBuf,
}

impl Paths {
    pub fn discover() -> Result<Paths, ConfigError> {
        let dirs = ProjectDirs::from("", "", "lsq-tasks").ok_or(ConfigError::NoHome)?;
        Ok(Paths {
            config_dir: dirs.config_dir().to_owned(),
            data_dir: dirs.data_dir().to_owned(),
            state_dir: dirs.state_dir().unwrap_or(dirs.data_dir()).to_owned(),
            cache_dir: dirs.cache_dir().to_owned(),
        })
    }

    /// Every folder under one root, for tests and portable set-ups.
    pub fn under(root: &Path) -> Paths {
        Paths {
            config_dir: root.join("config"),
            data_dir: root.join("data"),
            state_dir: root.join("state"),
            cache_dir: root.join("cache"),
        }
    }

    /// Profiles and preferences.
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    /// Keys per profile, mode 0600.
    pub fn credentials_file(&self) -> PathBuf {
        self.config_dir.join("credentials.toml")
    }

    /// One JSON line per submission.
    pub fn history_file(&self) -> PathBuf {
        self.data_dir.join("history.jsonl")
    }

    /// The staging list, saved after every change.
    pub fn drafts_file(&self) -> PathBuf {
        self.data_dir.join("staging.json")
    }

    /// The log; the terminal is never written to by logging.
    pub fn log_file(&self) -> PathBuf {
        self.state_dir.join("lsq-tasks.log")
    }
}

/// Creates `dir` (and parents) readable by the owner only.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

/// Writes `contents` to `path` atomically: a 0600 temporary file in the same folder, synced,
/// then renamed over the old one. A crash leaves either the old file or the new one.
pub fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    private_dir(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(contents)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
