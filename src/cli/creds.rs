//! `lsq-tasks creds`: keep a profile's keys, show them masked, check whose they are.

use std::io::{BufRead, IsTerminal};

use clap::Subcommand;

use super::context::{Context, runtime};
use crate::api::{AccountUser, Client, Outcome};
use crate::config::{
    CredentialsFile, Host, Keys, Secret, Settings, profile_only, set_profile_values,
};
use crate::exit::Exit;
use crate::task::{Zone, ZoneError};

#[derive(Debug, Subcommand)]
pub enum CredsCommand {
    /// Save a profile's host and keys (the secret key is asked for without echo).
    Set {
        /// A region host such as api-in21.leadsquared.com, or a full https:// URL.
        #[arg(long)]
        host: Option<String>,
        /// The access key (starts with u$ in LeadSquared).
        #[arg(long)]
        access_key: String,
        /// Read the secret key from standard input instead of asking.
        #[arg(long)]
        secret_stdin: bool,
        /// Send keys as headers (recommended) or as query parameters.
        #[arg(long, value_parser = ["header", "query"])]
        auth: Option<String>,
    },
    /// Show the profile's host and keys, masked.
    Show,
    /// Check the keys: whose they are, and which region host the account lives on.
    Test,
    /// Print where configuration, keys, history and logs are kept.
    Path,
    /// Forget the profile's keys.
    Remove,
}

pub fn run(context: &Context, command: &CredsCommand) -> Exit {
    match command {
        CredsCommand::Set {
            host,
            access_key,
            secret_stdin,
            auth,
        } => set(
            context,
            host.as_deref(),
            access_key,
            *secret_stdin,
            auth.as_deref(),
        ),
        CredsCommand::Show => show(context),
        CredsCommand::Test => test(context),
        CredsCommand::Path => path(context),
        CredsCommand::Remove => remove(context),
    }
}

fn profile_name(context: &Context) -> Result<String, Exit> {
    profile_only(&context.paths, context.profile.as_deref())
        .map(|p| p.name)
        .map_err(|e| {
            eprintln!("error: {e}");
            Exit::Usage
        })
}

fn set(
    context: &Context,
    host: Option<&str>,
    access_key: &str,
    secret_stdin: bool,
    auth: Option<&str>,
) -> Exit {
    if context.sandbox {
        eprintln!("error: --sandbox uses fixed demo keys; creds set saves real ones, without it");
        return Exit::Usage;
    }
    let name = match profile_name(context) {
        Ok(name) => name,
        Err(exit) => return exit,
    };
    let host = match host.map(Host::parse).transpose() {
        Ok(host) => host,
        Err(e) => {
            eprintln!("error: --host: {e}");
            return Exit::Usage;
        }
    };
    let Some(secret) = read_secret(&name, secret_stdin) else {
        return Exit::Usage;
    };
    if access_key.trim().is_empty() || secret.is_empty() {
        eprintln!("error: both keys are needed and neither may be empty");
        return Exit::Usage;
    }
    let path = context.paths.credentials_file();
    let mut file = match CredentialsFile::load(&path) {
        Ok(file) => file,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Usage;
        }
    };
    let keys = Keys {
        access_key: Secret::new(access_key.trim()),
        secret_key: secret,
    };
    let masked = keys.access_key.masked();
    file.profiles.insert(name.clone(), keys);
    if let Err(e) = file.save(&path) {
        eprintln!("error: {e}");
        return Exit::Usage;
    }
    let mut values = Vec::new();
    let host_text = host.as_ref().map(ToString::to_string);
    if let Some(host) = &host_text {
        values.push(("host", host.as_str()));
    }
    if let Some(auth) = auth {
        values.push(("auth", auth));
    }
    if let Err(e) = set_profile_values(&context.paths.config_file(), &name, &values) {
        eprintln!("error: {e}");
        return Exit::Usage;
    }
    println!(
        "saved the keys of profile '{name}' (access key {masked}) in {}",
        path.display()
    );
    println!("check them with: lsq-tasks creds test --profile {name}");
    Exit::Success
}

fn read_secret(profile: &str, from_stdin: bool) -> Option<Secret> {
    if from_stdin {
        let mut line = String::new();
        if let Err(e) = std::io::stdin().lock().read_line(&mut line) {
            eprintln!("error: cannot read the secret key from standard input: {e}");
            return None;
        }
        return Some(Secret::new(line.trim()));
    }
    if !std::io::stdin().is_terminal() {
        eprintln!(
            "error: no terminal to ask for the secret key on: pipe it in with --secret-stdin"
        );
        return None;
    }
    match rpassword::prompt_password(format!("Secret key for profile '{profile}' (not shown): ")) {
        Ok(secret) => Some(Secret::new(secret.trim())),
        Err(e) => {
            eprintln!("error: cannot read the secret key: {e}");
            None
        }
    }
}

fn show(context: &Context) -> Exit {
    if context.sandbox {
        println!("--sandbox uses the sandbox's fixed demo keys; your own keys are not read");
        return Exit::Success;
    }
    let settings = match context.settings() {
        Ok(settings) => settings,
        Err(exit) => return exit,
    };
    print_profile(&settings);
    let Some(keys) = &settings.keys else {
        let name = &settings.profile.name;
        println!("no keys: set them with lsq-tasks creds set --profile {name}");
        return Exit::Usage;
    };
    println!("access key  {}", keys.access_key.masked());
    println!("secret key  {}", keys.secret_key.masked());
    Exit::Success
}

fn print_profile(settings: &Settings) {
    let profile = &settings.profile;
    println!("profile     {}", profile.name);
    let region = profile
        .host
        .region()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    println!("host        {}{region}", profile.host);
    println!("auth        {}", profile.auth.as_str());
    println!("limit       {} calls per 5 s", profile.calls_per_5s);
    match profile.zone {
        Some(zone) => println!("zone        {zone}"),
        None => println!("zone        (the system's: set by `creds test` from the account)"),
    }
}

fn test(context: &Context) -> Exit {
    let runtime = match runtime() {
        Ok(runtime) => runtime,
        Err(exit) => return exit,
    };
    runtime.block_on(async {
        let target = match context.target().await {
            Ok(target) => target,
            Err(exit) => return exit,
        };
        let settings = &target.settings;
        let Some(keys) = settings.keys.clone() else {
            return Exit::Usage;
        };
        let client = match Client::new(&settings.profile, keys) {
            Ok(client) => client,
            Err(e) => {
                eprintln!("error: {e}");
                return Exit::Usage;
            }
        };
        println!(
            "checking the keys of profile '{}' on {} ...",
            settings.profile.name, settings.profile.host
        );
        match client.account().await {
            Ok(user) => {
                print_account(&user);
                check_host(settings, &user);
                adopt_zone(context, settings, &user);
                Exit::Success
            }
            Err(error) => {
                if error.call.outcome.status() == Some(401) {
                    eprintln!(
                        "the keys were refused (401): they are wrong, or the user they belong to \
                         is inactive. An administrator finds each user's keys in the LeadSquared \
                         web app under Settings > API and Webhooks > API Access Keys; then run \
                         lsq-tasks creds set again."
                    );
                } else {
                    eprintln!("{}", super::submit::report(&error.call));
                }
                match error.call.outcome {
                    Outcome::Accepted { .. } => Exit::Rejected,
                    ref outcome => outcome.exit(),
                }
            }
        }
    })
}

fn print_account(user: &AccountUser) {
    println!("these keys belong to:");
    println!("  user          {} ({})", user.name, user.email);
    println!("  role          {}", user.role);
    println!("  organisation  {} (id {})", user.organisation, user.org_id);
    println!("  time zone     {}", user.time_zone);
    println!("  region host   {}", user.api_host);
}

/// Says so when the account lives on another region host than the profile sends to.
fn check_host(settings: &Settings, user: &AccountUser) {
    let configured = settings.profile.host.authority();
    if user.api_host.is_empty() || user.api_host.eq_ignore_ascii_case(&configured) {
        return;
    }
    println!(
        "warning: the account lives on {}, but this profile sends to {configured}: other calls \
         will fail there. Fix it with:\n  lsq-tasks creds set --profile {} --host {} \
         --access-key <key>\nor set host = \"{}\" under [profiles.{}] in config.toml",
        user.api_host, settings.profile.name, user.api_host, user.api_host, settings.profile.name
    );
}

/// A profile with no zone yet takes the account's, since dates typed in the wrong zone are
/// the classic source of tasks due an hour or a day off.
fn adopt_zone(context: &Context, settings: &Settings, user: &AccountUser) {
    if settings.profile.zone.is_some() || settings.sandbox {
        return;
    }
    let zone = match Zone::parse(user.time_zone.trim()) {
        Ok(zone) => zone,
        Err(ZoneError::Unknown(_)) => {
            println!(
                "note: the account's time zone '{}' is not an IANA name; set zone = \"Area/City\" \
                 in config.toml so dates are typed in it",
                user.time_zone
            );
            return;
        }
        // Known to the account but not to this system: saving it would break config.toml here.
        Err(error) => {
            println!("note: {error}; the profile keeps the system's zone");
            return;
        }
    };
    let name = zone.name();
    match set_profile_values(
        &context.paths.config_file(),
        &settings.profile.name,
        &[("zone", name)],
    ) {
        Ok(()) => println!(
            "dates for profile '{}' will now be typed in {name}, the account's zone (change it \
             with zone = \"...\" in config.toml)",
            settings.profile.name
        ),
        Err(e) => eprintln!("warning: could not save the account's zone: {e}"),
    }
}

fn path(context: &Context) -> Exit {
    let paths = &context.paths;
    println!("config       {}", paths.config_file().display());
    println!("credentials  {}", paths.credentials_file().display());
    println!("history      {}", paths.history_file().display());
    println!("staging list {}", paths.drafts_file().display());
    println!("log          {}", paths.log_file().display());
    println!("cache        {}", paths.cache_dir.display());
    Exit::Success
}

fn remove(context: &Context) -> Exit {
    let name = match profile_name(context) {
        Ok(name) => name,
        Err(exit) => return exit,
    };
    let path = context.paths.credentials_file();
    let mut file = match CredentialsFile::load(&path) {
        Ok(file) => file,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Usage;
        }
    };
    if file.profiles.shift_remove(&name).is_none() {
        println!("profile '{name}' has no keys in {}", path.display());
        return Exit::Success;
    }
    if let Err(e) = file.save(&path) {
        eprintln!("error: {e}");
        return Exit::Usage;
    }
    println!(
        "removed the keys of profile '{name}' from {}",
        path.display()
    );
    Exit::Success
}
