//! The settings one run uses: the chosen profile, its keys and the environment's overrides.

use super::credentials::{CredentialsFile, Keys, permission_warning};
use super::error::ConfigError;
use super::host::Host;
use super::paths::Paths;
use super::profiles::{ConfigFile, Profile};
use super::secret::Secret;

/// The profile name used when nothing names one.
pub const DEFAULT_PROFILE: &str = "default";

/// What a command works with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub profile: Profile,
    /// `None` when the profile has no keys yet.
    pub keys: Option<Keys>,
    /// Calls go to the embedded sandbox with its demo keys; the user's keys were never read.
    pub sandbox: bool,
    /// Things the user should know (file permissions), printed by the caller.
    pub warnings: Vec<String>,
}

/// Reads config and credentials for the profile named by `profile_flag`, else `LSQ_PROFILE`,
/// else the config's default, else `default`. `LSQ_HOST`, `LSQ_ACCESS_KEY` and
/// `LSQ_SECRET_KEY` override what the files say.
pub fn resolve(paths: &Paths, profile_flag: Option<&str>) -> Result<Settings, ConfigError> {
    let profile = profile_only(paths, profile_flag)?;
    let mut warnings = Vec::new();
    let keys = match (env("LSQ_ACCESS_KEY"), env("LSQ_SECRET_KEY")) {
        (Some(access), Some(secret)) => Some(Keys {
            access_key: Secret::new(access),
            secret_key: Secret::new(secret),
        }),
        (Some(_), None) | (None, Some(_)) => {
            return Err(ConfigError::Invalid(
                "LSQ_ACCESS_KEY and LSQ_SECRET_KEY must be set together".into(),
            ));
        }
        (None, None) => {
            let path = paths.credentials_file();
            let mut file = CredentialsFile::load(&path)?;
            if file.profiles.contains_key(&profile.name) {
                warnings.extend(permission_warning(&path));
            }
            file.profiles.shift_remove(&profile.name)
        }
    };
    Ok(Settings {
        profile,
        keys,
        sandbox: false,
        warnings,
    })
}

/// Settings for the embedded sandbox: the chosen profile's preferences (zone, owner, webhook)
/// with the sandbox's host and demo keys. `credentials.toml` is not opened.
pub fn sandbox_settings(
    paths: &Paths,
    profile_flag: Option<&str>,
    host: Host,
    keys: Keys,
) -> Result<Settings, ConfigError> {
    let config = ConfigFile::load(&paths.config_file())?;
    let mut profile = chosen_profile(&config, profile_flag);
    profile.host = host;
    // The sandbox's own limit is what matters here; keep the client's out of the way.
    profile.calls_per_5s = profile.calls_per_5s.max(25);
    profile.name = format!("{} (sandbox)", profile.name);
    Ok(Settings {
        profile,
        keys: Some(keys),
        sandbox: true,
        warnings: Vec::new(),
    })
}

/// The chosen profile from `config.toml` and `LSQ_HOST`, without opening `credentials.toml`.
pub fn profile_only(paths: &Paths, profile_flag: Option<&str>) -> Result<Profile, ConfigError> {
    let config = ConfigFile::load(&paths.config_file())?;
    let mut profile = chosen_profile(&config, profile_flag);
    if let Some(host) = env("LSQ_HOST") {
        profile.host =
            Host::parse(&host).map_err(|e| ConfigError::Invalid(format!("LSQ_HOST: {e}")))?;
    }
    Ok(profile)
}

fn chosen_profile(config: &ConfigFile, flag: Option<&str>) -> Profile {
    let name = flag
        .map(str::to_owned)
        .or_else(|| env("LSQ_PROFILE"))
        .or_else(|| config.default_profile.clone())
        .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
    config
        .profiles
        .get(&name)
        .cloned()
        .unwrap_or_else(|| Profile::named(&name))
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}
