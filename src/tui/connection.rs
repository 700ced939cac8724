//! The application's way to LeadSquared (or the sandbox): the settings in force, a client built
//! on first use (loading TLS roots costs milliseconds that start-up should not pay), and
//! background calls that answer through the message channel.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use super::message::Message;
use crate::api::Client;
use crate::config::{Paths, Settings};

/// Settings and the client made from them.
#[derive(Debug, Default)]
pub struct Connection {
    settings: Option<Settings>,
    client: Option<Arc<Client>>,
    /// Where config, credentials and history live; `None` in tests that keep no files.
    paths: Option<Paths>,
}

impl Connection {
    pub fn new(settings: Option<Settings>, paths: Option<Paths>) -> Self {
        Connection {
            settings,
            client: None,
            paths,
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
    }

    /// The client, built now if this is the first call.
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
