//! The credentials screen's work: checking keys in the background and saving them.

use super::{App, Screen, Tone};
use crate::api::{Client, Outcome};
use crate::config::{self, CredentialsFile, Profile, Settings, set_profile_values};
use crate::tui::connection::spawn;
use crate::tui::message::Message;
use crate::tui::screens::credentials_form::{CredentialsForm, KeyCheck};

impl App {
    /// `c`: the form for the profile in use.
    pub(super) fn open_credentials(&mut self) {
        let sandbox = self.connection.is_sandbox();
        self.credentials = Some(CredentialsForm::new(self.connection.settings(), sandbox));
        self.screen = Screen::Credentials;
    }

    /// The settings the form describes, not saved yet: its host and auth on the profile's
    /// other preferences.
    fn trial_settings(&self, form: &CredentialsForm) -> Result<Settings, String> {
        if form.sandbox {
            return self
                .connection
                .settings()
                .cloned()
                .ok_or_else(|| "no sandbox".to_owned());
        }
        let name = form.profile_name()?;
        let mut profile = match self.connection.settings() {
            Some(s) if s.profile.name == name => s.profile.clone(),
            _ => Profile::named(&name),
        };
        profile.host = form.host()?;
        profile.auth = form.auth;
        Ok(Settings {
            profile,
            keys: Some(form.keys()?),
            sandbox: false,
            warnings: Vec::new(),
        })
    }

    /// Ctrl-T: asks the service whose keys these are.
    pub(super) fn test_keys(&mut self) {
        let Some(form) = &self.credentials else {
            return;
        };
        let trial = self.trial_settings(form).and_then(|settings| {
            let keys = settings.keys.clone().ok_or("enter the keys first")?;
            Client::new(&settings.profile, keys).map_err(|e| e.to_string())
        });
        let client = match trial {
            Ok(client) => client,
            Err(why) => {
                self.say(Tone::Error, format!("cannot check yet: {why}"));
                return;
            }
        };
        let started = spawn(self.sender.as_ref(), async move {
            let result = client.account().await.map_err(|error| {
                let status = error.call.outcome.status();
                let text = match (&error.call.outcome, status) {
                    (_, Some(401)) => "the keys were refused (401): they are wrong, or their user \
                                       is inactive. An administrator finds each user's keys in \
                                       the web app under Settings > API and Webhooks > API \
                                       Access Keys."
                        .to_owned(),
                    (Outcome::NotSent { reason }, _) => {
                        format!("could not reach the host: {reason}")
                    }
                    (Outcome::Unknown { reason }, _) => format!("no complete answer: {reason}"),
                    (Outcome::Rejected { .. }, _) => error.call.outcome.headline(),
                    (Outcome::Accepted { .. }, _) => error.message.clone(),
                };
                (status, text)
            });
            Message::KeysChecked(result)
        });
        if let Some(form) = &mut self.credentials {
            form.check = match started {
                Ok(()) => KeyCheck::Running,
                Err(why) => KeyCheck::Failed(why),
            };
        }
    }

    /// Ctrl-U: take the region host the key check reported.
    pub(super) fn use_account_host(&mut self) {
        let Some(form) = &mut self.credentials else {
            return;
        };
        match form.other_account_host().map(str::to_owned) {
            Some(host) => {
                form.use_host(&host);
                self.say(Tone::Info, format!("host set to {host}: Ctrl-S saves it"));
            }
            None => self.say(Tone::Info, "the key check reported no other host"),
        }
    }

    /// Ctrl-S: keys into credentials.toml (0600), host and auth into config.toml, then the
    /// app uses them.
    pub(super) fn save_keys(&mut self) {
        let Some(form) = &self.credentials else {
            return;
        };
        if form.sandbox {
            self.say(
                Tone::Warning,
                "the sandbox uses its demo keys and saves nothing: start without --sandbox to \
                 save real keys",
            );
            return;
        }
        match self.write_keys(form) {
            Ok(settings) => {
                let name = settings.profile.name.clone();
                self.connection.replace(settings);
                self.options.endpoint = self.endpoint();
                self.credentials = None;
                self.screen = Screen::StagingList;
                self.say(
                    Tone::Info,
                    format!("saved the keys of profile '{name}' (mode 0600)"),
                );
                self.start_lookups();
            }
            Err(why) => self.say(Tone::Error, format!("not saved: {why}")),
        }
    }

    fn write_keys(&self, form: &CredentialsForm) -> Result<Settings, String> {
        let settings = self.trial_settings(form)?;
        let paths = self.connection.paths().ok_or("no configuration folder")?;
        let keys = settings.keys.clone().ok_or("enter both keys")?;
        let path = paths.credentials_file();
        let mut file = CredentialsFile::load(&path).map_err(|e| e.to_string())?;
        file.profiles.insert(settings.profile.name.clone(), keys);
        file.save(&path).map_err(|e| e.to_string())?;
        let host = settings.profile.host.to_string();
        set_profile_values(
            &paths.config_file(),
            &settings.profile.name,
            &[
                ("host", host.as_str()),
                ("auth", settings.profile.auth.as_str()),
            ],
        )
        .map_err(|e| e.to_string())?;
        config::resolve(paths, Some(&settings.profile.name)).map_err(|e| e.to_string())
    }
}
