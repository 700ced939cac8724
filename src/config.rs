//! Where things live and what the user chose: folders, profiles in `config.toml`, keys in
//! `credentials.toml`, environment overrides, and the region host of each profile.

mod credentials;
mod error;
mod host;
mod paths;
pub(crate) use paths::{private_dir, write_private};
mod profiles;
mod resolve;
mod secret;

pub use credentials::{CredentialsFile, Keys, permission_warning};
pub use error::ConfigError;
pub use host::{Host, REGIONS};
pub use paths::Paths;
pub use profiles::{AuthMode, ColorOverride, ConfigFile, KeyOverride, Profile, set_profile_values};
pub use resolve::{DEFAULT_PROFILE, Settings, profile_only, resolve, sandbox_settings};
pub use secret::Secret;
