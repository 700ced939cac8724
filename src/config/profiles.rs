//! `config.toml`: named profiles (host, auth mode, rate limit, timeouts, time zone, default
//! owner, default webhook) and which one is the default.
//!
//! ```toml
//! default_profile = "acme"
//!
//! [profiles.acme]
//! host = "api-in21.leadsquared.com"   # a region host or a full https:// URL
//! auth = "header"                     # or "query"
//! calls_per_5s = 5                    # your plan's limit
//! timeout_secs = 30
//! connect_timeout_secs = 10
//! zone = "Asia/Kolkata"               # dates are typed in this zone
//! owner_email = "asha@example.com"
//! webhook = "https://hooks.example.com/lsq"
//! ```

use std::path::Path;
use std::time::Duration;

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use super::error::ConfigError;
use super::host::Host;
use super::paths::write_private;
use crate::task::Zone;
use crate::task::when::parse_zone;

/// How keys travel: headers (LeadSquared's advice: URLs end up in logs) or query parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthMode {
    #[default]
    Header,
    Query,
}

impl AuthMode {
    pub fn as_str(self) -> &'static str {
        match self {
            AuthMode::Header => "header",
            AuthMode::Query => "query",
        }
    }
}

/// One profile with every default filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub name: String,
    pub host: Host,
    pub auth: AuthMode,
    /// Calls allowed in any 5 seconds; LeadSquared plans allow 2 to 25.
    pub calls_per_5s: u32,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// The zone dates are typed in; `None` means the system's.
    pub zone: Option<Zone>,
    pub owner_email: Option<String>,
    pub webhook: Option<String>,
}

impl Profile {
    /// A profile with the defaults: Singapore host, header auth, 5 calls per 5 s.
    pub fn named(name: &str) -> Profile {
        Profile {
            name: name.to_owned(),
            host: Host::default(),
            auth: AuthMode::Header,
            calls_per_5s: 5,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            zone: None,
            owner_email: None,
            webhook: None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    default_profile: Option<String>,
    #[serde(default)]
    profiles: IndexMap<String, RawProfile>,
    /// `[keys.<screen>]` tables: `action = "key"` or `action = ["key", "key"]`.
    #[serde(default)]
    keys: IndexMap<String, IndexMap<String, Spanned<KeyList>>>,
    /// `[colors]`: `part = "colour"` or `"colour on colour"`.
    #[serde(default)]
    colors: IndexMap<String, Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum KeyList {
    One(String),
    Many(Vec<String>),
}

/// A key binding asked for in `[keys.<screen>]`; the names are judged by the terminal UI,
/// which knows its screens and actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    pub screen: String,
    pub action: String,
    pub keys: Vec<String>,
    /// The line in config.toml, for messages.
    pub line: usize,
}

/// A colour asked for in `[colors]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColorOverride {
    pub part: String,
    pub value: String,
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    host: Option<Spanned<String>>,
    auth: Option<AuthMode>,
    calls_per_5s: Option<Spanned<u32>>,
    timeout_secs: Option<u64>,
    connect_timeout_secs: Option<u64>,
    zone: Option<Spanned<String>>,
    owner_email: Option<String>,
    webhook: Option<String>,
}

/// The whole of `config.toml`; a missing file is an empty one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConfigFile {
    pub default_profile: Option<String>,
    pub profiles: IndexMap<String, Profile>,
    pub keys: Vec<KeyOverride>,
    pub colors: Vec<ColorOverride>,
}

impl ConfigFile {
    pub fn load(path: &Path) -> Result<ConfigFile, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ConfigFile::default()),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        ConfigFile::parse(path, &text)
    }

    /// Parses the text of `path`; errors name the file and line.
    pub fn parse(path: &Path, text: &str) -> Result<ConfigFile, ConfigError> {
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| ConfigError::parse(path, text, &e))?;
        let at = |span: std::ops::Range<usize>, message: String| ConfigError::Parse {
            path: path.to_owned(),
            line: text[..span.start.min(text.len())].matches('\n').count() + 1,
            message,
        };
        let mut profiles = IndexMap::new();
        for (name, raw) in raw.profiles {
            let mut profile = Profile::named(&name);
            if let Some(host) = raw.host {
                profile.host = Host::parse(host.get_ref()).map_err(|e| at(host.span(), e))?;
            }
            profile.auth = raw.auth.unwrap_or_default();
            if let Some(calls) = raw.calls_per_5s {
                if *calls.get_ref() == 0 {
                    return Err(at(calls.span(), "calls_per_5s must be at least 1".into()));
                }
                profile.calls_per_5s = *calls.get_ref();
            }
            if let Some(secs) = raw.timeout_secs {
                profile.timeout = Duration::from_secs(secs.max(1));
            }
            if let Some(secs) = raw.connect_timeout_secs {
                profile.connect_timeout = Duration::from_secs(secs.max(1));
            }
            if let Some(zone) = raw.zone {
                profile.zone = Some(parse_zone(zone.get_ref()).map_err(|e| at(zone.span(), e))?);
            }
            profile.owner_email = raw.owner_email.filter(|s| !s.trim().is_empty());
            profile.webhook = raw.webhook.filter(|s| !s.trim().is_empty());
            profiles.insert(name, profile);
        }
        let line = |span: std::ops::Range<usize>| {
            text[..span.start.min(text.len())].matches('\n').count() + 1
        };
        let mut keys = Vec::new();
        for (screen, actions) in raw.keys {
            for (action, list) in actions {
                let at = line(list.span());
                keys.push(KeyOverride {
                    screen: screen.clone(),
                    action,
                    keys: match list.into_inner() {
                        KeyList::One(key) => vec![key],
                        KeyList::Many(keys) => keys,
                    },
                    line: at,
                });
            }
        }
        let colors = raw
            .colors
            .into_iter()
            .map(|(part, value)| ColorOverride {
                part,
                line: line(value.span()),
                value: value.into_inner(),
            })
            .collect();
        Ok(ConfigFile {
            default_profile: raw.default_profile,
            profiles,
            keys,
            colors,
        })
    }
}

/// Sets `key = value` pairs in `[profiles.NAME]` of `path`, keeping the rest of the file (its
/// comments too) as the user wrote it. Creates the file and the profile when missing.
pub fn set_profile_values(
    path: &Path,
    profile: &str,
    values: &[(&str, &str)],
) -> Result<(), ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    let mut document: toml_edit::DocumentMut =
        text.parse()
            .map_err(|e: toml_edit::TomlError| ConfigError::Parse {
                path: path.to_owned(),
                line: e
                    .span()
                    .map_or(1, |s| text[..s.start].matches('\n').count() + 1),
                message: e.message().to_owned(),
            })?;
    let profiles = document
        .entry("profiles")
        .or_insert_with(|| {
            let mut table = toml_edit::Table::new();
            table.set_implicit(true);
            toml_edit::Item::Table(table)
        })
        .as_table_mut()
        .ok_or_else(|| {
            ConfigError::Invalid(format!("{}: profiles is not a table", path.display()))
        })?;
    let entry = profiles
        .entry(profile)
        .or_insert_with(toml_edit::table)
        .as_table_mut()
        .ok_or_else(|| {
            ConfigError::Invalid(format!(
                "{}: profiles.{profile} is not a table",
                path.display()
            ))
        })?;
    for (key, value) in values {
        entry[*key] = toml_edit::value(*value);
    }
    write_private(path, document.to_string().as_bytes()).map_err(|source| ConfigError::Write {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ConfigFile, ConfigError> {
        ConfigFile::parse(Path::new("config.toml"), text)
    }

    #[test]
    fn missing_keys_take_defaults() {
        let config = parse("[profiles.acme]\nhost = \"api-us11.leadsquared.com\"\n").unwrap();
        let acme = &config.profiles["acme"];
        assert_eq!(acme.host.to_string(), "https://api-us11.leadsquared.com");
        assert_eq!(acme.auth, AuthMode::Header);
        assert_eq!(acme.calls_per_5s, 5);
        assert_eq!(acme.timeout, Duration::from_secs(30));
        assert_eq!(config.default_profile, None);
    }

    #[test]
    fn every_key_is_read() {
        let text = "default_profile = \"acme\"\n[profiles.acme]\nhost = \"http://127.0.0.1:9\"\n\
                    auth = \"query\"\ncalls_per_5s = 2\ntimeout_secs = 7\n\
                    connect_timeout_secs = 3\n\
                    zone = \"Asia/Kolkata\"\nowner_email = \"asha@example.com\"\n\
                    webhook = \"https://hooks.example.com/x\"\n";
        let config = parse(text).unwrap();
        let acme = &config.profiles["acme"];
        assert_eq!(config.default_profile.as_deref(), Some("acme"));
        assert_eq!(acme.auth, AuthMode::Query);
        assert_eq!(acme.calls_per_5s, 2);
        assert_eq!(acme.connect_timeout, Duration::from_secs(3));
        assert_eq!(acme.zone, Some(Zone::parse("Asia/Kolkata").unwrap()));
        assert_eq!(acme.owner_email.as_deref(), Some("asha@example.com"));
    }

    #[test]
    fn an_unknown_key_names_the_file_and_line() {
        let error =
            parse("[profiles.acme]\nhost = \"api.leadsquared.com\"\ntimeout = 5\n").unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with("config.toml:3:"), "{message}");
        assert!(message.contains("timeout"), "{message}");
    }

    #[test]
    fn a_bad_host_or_zone_names_its_line() {
        let error = parse("[profiles.a]\n\nhost = \"http://api.leadsquared.com\"\n").unwrap_err();
        assert!(error.to_string().starts_with("config.toml:3: "), "{error}");
        let error = parse("[profiles.a]\nzone = \"India\"\n").unwrap_err();
        assert!(error.to_string().starts_with("config.toml:2: "), "{error}");
    }

    #[test]
    fn setting_values_keeps_comments_and_other_profiles() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "# mine\n[profiles.other]\nhost = \"api.leadsquared.com\" # sg\n",
        )
        .unwrap();
        set_profile_values(&path, "acme", &[("zone", "Asia/Kolkata")]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("# mine") && text.contains("# sg"), "{text}");
        let config = ConfigFile::load(&path).unwrap();
        assert_eq!(
            config.profiles["acme"].zone,
            Some(Zone::parse("Asia/Kolkata").unwrap())
        );
        assert!(config.profiles.contains_key("other"));
    }
}
