//! The application's way to LeadSquared (or the sandbox): the settings in force, a client built
//! off the event loop after the first frame (loading TLS roots costs milliseconds that neither
//! start-up nor the first keys should pay), and background calls that answer through the
//! message channel.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use super::message::Message;
use crate::api::Client;
use crate::config::{Keys, Paths, Profile, Settings};

/// Settings and the client made from them.
#[derive(Debug, Default)]
pub struct Connection {
    settings: Option<Settings>,
    client: Option<Arc<Client>>,
    /// Where config, credentials and history live; `None` in tests that keep no files.
    paths: Option<Paths>,
    /// Counts settings changes, so a client built for older settings is not adopted.
    generation: u64,
}

impl Connection {
    pub fn new(settings: Option<Settings>, paths: Option<Paths>) -> Self {
        Connection {
            settings,
            client: None,
            paths,
            generation: 0,
        }
    }

    pub fn settings(&self) -> Option<&Settings> {
        self.settings.as_ref()
    }

    pub fn paths(&self) -> Option<&Paths> {
        self.paths.as_ref()
    }

    /// True when calls can be made: settings with keys.
    pub fn has_keys(&self) -> bool {
        self.settings.as_ref().is_some_and(|s| s.keys.is_some())
    }

    /// True when calls go to the embedded sandbox.
    pub fn is_sandbox(&self) -> bool {
        self.settings.as_ref().is_some_and(|s| s.sandbox)
    }

    /// Takes new settings (keys saved, profile changed); the next call builds a new client.
    pub fn replace(&mut self, settings: Settings) {
        self.settings = Some(settings);
        self.client = None;
        self.generation += 1;
    }

    /// The work of building the client for the settings in force, to run on a blocking thread
    /// (see [`Connection::adopt`]); `None` when there is nothing to build: no keys, or a client
    /// already made.
    pub fn builder(&self) -> Option<Builder> {
        if self.client.is_some() {
            return None;
        }
        let settings = self.settings.as_ref()?;
        Some(Builder {
            profile: settings.profile.clone(),
            keys: settings.keys.clone()?,
            generation: self.generation,
        })
    }

    /// Takes a client built by a [`Builder`]. Refused (false) when the settings changed since
    /// or a client was made meanwhile by a call that could not wait.
    pub fn adopt(&mut self, generation: u64, client: Arc<Client>) -> bool {
        if generation != self.generation || self.client.is_some() {
            return false;
        }
        self.client = Some(client);
        true
    }

    /// The client, built now if this is the first call and the background build has not
    /// finished.
    pub fn client(&mut self) -> Result<Arc<Client>, String> {
        if let Some(client) = &self.client {
            return Ok(Arc::clone(client));
        }
        let settings = self.settings.as_ref().ok_or("no profile is configured")?;
        let keys = settings.keys.clone().ok_or_else(|| {
            format!(
                "profile '{}' has no keys: c opens the credentials",
                settings.profile.name
            )
        })?;
        let client = Arc::new(Client::new(&settings.profile, keys).map_err(|e| e.to_string())?);
        self.client = Some(Arc::clone(&client));
        Ok(client)
    }
}

/// What building a client needs, to be moved onto a blocking thread.
#[derive(Debug)]
pub struct Builder {
    profile: Profile,
    keys: Keys,
    generation: u64,
}

impl Builder {
    /// Builds the client and answers with [`Message::ClientReady`]: on tokio's blocking
    /// threads for an https host (loading the system's trust roots takes milliseconds), here
    /// for a plain-http one, which loads none (no thread started, no memory arena of its own).
    pub async fn build(self) -> Message {
        let Builder {
            profile,
            keys,
            generation,
        } = self;
        let built = if profile.host.uses_tls() {
            match tokio::task::spawn_blocking(move || Client::new(&profile, keys)).await {
                Ok(built) => built.map_err(|error| error.to_string()),
                Err(join) => Err(format!("building the HTTP client failed: {join}")),
            }
        } else {
            Client::new(&profile, keys).map_err(|error| error.to_string())
        };
        Message::ClientReady {
            generation,
            client: built.map(Arc::new),
        }
    }
}

/// Runs `work` on the current runtime and sends its message back. Outside a runtime (a test
/// that drives the app without one) nothing runs and the caller is told.
pub fn spawn<F>(sender: Option<&UnboundedSender<Message>>, work: F) -> Result<(), String>
where
    F: Future<Output = Message> + Send + 'static,
{
    let sender = sender.ok_or("the event loop is not running")?.clone();
    let handle = tokio::runtime::Handle::try_current()
        .map_err(|_| "no async runtime to run the call on".to_owned())?;
    handle.spawn(async move {
        // The receiver is gone only when the app is quitting; nothing is left to tell.
        let _ = sender.send(work.await);
    });
    Ok(())
}
