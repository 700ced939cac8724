//! What every command shares: the folders, the profile asked for, and whether to use the
//! sandbox; and the one place that turns them into settings (starting the sandbox if asked).

use crate::config::{self, Keys, Paths, Secret, Settings};
use crate::exit::Exit;
use crate::sandbox::{DEMO_ACCESS_KEY, DEMO_SECRET_KEY, Options, Sandbox};

/// The global options and the folders they resolve against.
#[derive(Debug, Clone)]
pub struct Context {
    pub paths: Paths,
    pub profile: Option<String>,
    pub sandbox: bool,
}

/// Settings to call with, and the sandbox serving them when `--sandbox` was given (kept alive
/// as long as this value).
pub struct Target {
    pub settings: Settings,
    pub sandbox: Option<Sandbox>,
}

impl Context {
    pub fn new(sandbox: bool, profile: Option<String>) -> Result<Context, Exit> {
        let paths = Paths::discover().map_err(|e| {
            eprintln!("error: {e}");
            Exit::Usage
        })?;
        Ok(Context {
            paths,
            profile,
            sandbox,
        })
    }

    /// The zone dates are typed in: `--zone`, else the profile's, else the system's.
    pub fn zone(&self, flag: Option<&str>) -> Result<crate::task::Zone, Exit> {
        if let Some(name) = flag {
            return crate::task::when::parse_zone(name).map_err(|e| {
                eprintln!("error: --zone: {e}");
                Exit::Usage
            });
        }
        let profile = config::profile_only(&self.paths, self.profile.as_deref()).map_err(|e| {
            eprintln!("error: {e}");
            Exit::Usage
        })?;
        Ok(profile.zone.unwrap_or_else(|| {
            let (zone, unreadable) = crate::task::when::system_zone();
            if let Some(error) = unreadable {
                eprintln!("warning: {error}; dates are typed in {zone} until then");
            }
            zone
        }))
    }

    /// The profile's settings without contacting anything (no sandbox started).
    pub fn settings(&self) -> Result<Settings, Exit> {
        let settings = config::resolve(&self.paths, self.profile.as_deref()).map_err(|e| {
            eprintln!("error: {e}");
            Exit::Usage
        })?;
        for warning in &settings.warnings {
            eprintln!("{warning}");
        }
        Ok(settings)
    }

    /// Settings for a call: the sandbox's (started now, on the current runtime) or the
    /// profile's, which must then have keys.
    pub async fn target(&self) -> Result<Target, Exit> {
        if !self.sandbox {
            let settings = self.settings()?;
            if settings.keys.is_none() {
                eprintln!(
                    "error: profile '{}' has no keys. Set them with\n  lsq-tasks creds set \
                     --profile {} --host <region host> --access-key <key>\nor try everything \
                     with no account: add --sandbox",
                    settings.profile.name, settings.profile.name
                );
                return Err(Exit::Usage);
            }
            return Ok(Target {
                settings,
                sandbox: None,
            });
        }
        let sandbox = Sandbox::start(Options::default()).await.map_err(|e| {
            eprintln!("error: cannot start the sandbox on 127.0.0.1: {e}");
            Exit::Usage
        })?;
        let host = config::Host::parse(&sandbox.base_url()).map_err(|e| {
            eprintln!("error: sandbox address: {e}");
            Exit::Usage
        })?;
        let keys = Keys {
            access_key: Secret::new(DEMO_ACCESS_KEY),
            secret_key: Secret::new(DEMO_SECRET_KEY),
        };
        let settings = config::sandbox_settings(&self.paths, self.profile.as_deref(), host, keys)
            .map_err(|e| {
            eprintln!("error: {e}");
            Exit::Usage
        })?;
        Ok(Target {
            settings,
            sandbox: Some(sandbox),
        })
    }
}

/// A small runtime for one command's calls.
pub fn runtime() -> Result<tokio::runtime::Runtime, Exit> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            eprintln!("error: cannot start the async runtime: {e}");
            Exit::Usage
        })
}
