//! `credentials.toml`: the access and secret key of each profile, kept with mode 0600.
//!
//! ```toml
//! [acme]
//! access_key = "u$r1234..."
//! secret_key = "..."
//! ```

use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;

use super::error::ConfigError;
use super::paths::write_private;
use super::secret::Secret;

/// The two keys of one profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    pub access_key: Secret,
    pub secret_key: Secret,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeys {
    access_key: String,
    secret_key: String,
}

/// Every profile's keys; a missing file holds none.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CredentialsFile {
    pub profiles: IndexMap<String, Keys>,
}

impl CredentialsFile {
    /// Reads `path`; a missing file holds no keys.
    pub fn load(path: &Path) -> Result<CredentialsFile, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(CredentialsFile::default());
            }
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        CredentialsFile::parse(path, &text)
    }

    /// Parses the text of `path`; errors name the file and line but never quote a value.
    pub fn parse(path: &Path, text: &str) -> Result<CredentialsFile, ConfigError> {
        // Parse errors quote positions and key names, never values: toml's messages for a bad
        // table show the offending line, so the message is rebuilt without it.
        let raw: IndexMap<String, RawKeys> = toml::from_str(text).map_err(|e| {
            let ConfigError::Parse { path, line, .. } = ConfigError::parse(path, text, &e) else {
                return ConfigError::Invalid(format!("{} cannot be read", path.display()));
            };
            ConfigError::Parse {
                path,
                line,
                message: "expected [profile] tables holding access_key and secret_key strings"
                    .into(),
            }
        })?;
        let profiles = raw
            .into_iter()
            .map(|(name, keys)| {
                let keys = Keys {
                    access_key: Secret::new(keys.access_key),
                    secret_key: Secret::new(keys.secret_key),
                };
                (name, keys)
            })
            .collect();
        Ok(CredentialsFile { profiles })
    }

    /// Writes the file atomically with mode 0600 in a 0700 folder.
    pub fn save(&self, path: &Path) -> Result<(), ConfigError> {
        let mut document = toml_edit::DocumentMut::new();
        for (name, keys) in &self.profiles {
            let mut table = toml_edit::Table::new();
            table["access_key"] = toml_edit::value(keys.access_key.expose());
            table["secret_key"] = toml_edit::value(keys.secret_key.expose());
            document[name.as_str()] = toml_edit::Item::Table(table);
        }
        let text = format!(
            "# lsq-tasks keys, one table per profile. Keep this file private (mode 0600).\n\
             {document}"
        );
        write_private(path, text.as_bytes()).map_err(|source| ConfigError::Write {
            path: path.to_owned(),
            source,
        })
    }
}

/// A warning when the file can be read by group or others, with the command that fixes it.
pub fn permission_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "warning: {} can be read by other users (mode {:o}); run: chmod 600 {}",
            path.display(),
            mode & 0o777,
            path.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn saved_keys_load_back_with_mode_0600_in_a_0700_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config").join("credentials.toml");
        let mut file = CredentialsFile::default();
        file.profiles.insert(
            "acme".into(),
            Keys {
                access_key: Secret::new("u$access"),
                secret_key: Secret::new("very-secret"),
            },
        );
        file.save(&path).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        assert_eq!(CredentialsFile::load(&path).unwrap(), file);
        assert_eq!(permission_warning(&path), None);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let warning = permission_warning(&path).unwrap();
        assert!(warning.contains("chmod 600"), "{warning}");
    }

    #[test]
    fn a_broken_file_is_named_without_quoting_its_values() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("credentials.toml");
        std::fs::write(&path, "[acme]\naccess_key = \"u$a\"\nsecret_key = 42\n").unwrap();
        let message = CredentialsFile::load(&path).unwrap_err().to_string();
        assert!(message.contains("credentials.toml:"), "{message}");
        assert!(!message.contains("u$a"), "{message}");
    }
}
