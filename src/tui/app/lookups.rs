//! The account lookups as the app uses them: task types and users handed to every form, and
//! the lead behind an e-mail typed as the related record, asked in the background. None of
//! them blocks typing; with no keys everything stays free text.
//!
//! The lists of the last start are kept in the cache folder and shown at once; the background
//! look-ups then replace them. The sandbox's lists are not kept: its port changes every start.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::{App, Suggestions, Tone};
use crate::api::{Client, Lead, TaskTypeInfo, UserInfo};
use crate::store::account_cache::AccountCache;
use crate::tui::connection::spawn;
use crate::tui::message::Message;
use crate::tui::screens::task_form::TaskForm;

impl App {
    /// Shows the cached lists of the profile in force, then builds the HTTP client off the
    /// event loop; the look-ups start when it is ready. Called after the first frame: start-up
    /// never waits for the network nor for TLS set-up.
    pub fn start_lookups(&mut self) {
        self.suggestions = Suggestions::default();
        if let Some(cache) = self.account_cache() {
            let now = self.now();
            let types = cache.task_types(now);
            let users = cache.users(now);
            let saved = types
                .iter()
                .map(|c| c.saved)
                .chain(users.iter().map(|c| c.saved));
            self.suggestions.cached_at = saved.min();
            if let Some(types) = types {
                self.task_types_found(types.items);
            }
            if let Some(users) = users {
                self.owners_found(users.items);
            }
        }
        let Some(builder) = self.connection.builder() else {
            if self.connection.has_keys() {
                self.fetch_lookups();
            }
            return;
        };
        let _ = spawn(self.sender.as_ref(), builder.build());
    }

    /// The client built in the background: kept, and the look-ups it was built for start.
    pub(super) fn client_ready(&mut self, generation: u64, client: Result<Arc<Client>, String>) {
        match client {
            Ok(client) => {
                if self.connection.adopt(generation, client) {
                    self.fetch_lookups();
                }
            }
            Err(why) => self.lookup_failed(&why),
        }
    }

    /// Asks for the account's task types and users; each answer is also written to the cache.
    fn fetch_lookups(&mut self) {
        let Ok(client) = self.connection.client() else {
            return;
        };
        let (cache, now) = (self.account_cache(), self.now());
        let types = Arc::clone(&client);
        let types_cache = cache.clone();
        let _ = spawn(self.sender.as_ref(), async move {
            match types.task_types().await {
                Ok(found) => {
                    keep(types_cache, found.clone(), move |cache, items| {
                        cache.save_task_types(&items, now)
                    });
                    Message::TaskTypesFound(found)
                }
                Err(error) => Message::LookupFailed(error.message),
            }
        });
        let _ = spawn(self.sender.as_ref(), async move {
            match client.users().await {
                Ok(found) => {
                    keep(cache, found.clone(), move |cache, items| {
                        cache.save_users(&items, now)
                    });
                    Message::OwnersFound(found)
                }
                Err(error) => Message::LookupFailed(error.message),
            }
        });
    }

    /// The cache of the profile in force; none for the sandbox or without a config folder.
    fn account_cache(&self) -> Option<AccountCache> {
        let paths = self.connection.paths()?;
        let settings = self.connection.settings().filter(|s| !s.sandbox)?;
        let host = settings.profile.host.to_string();
        Some(AccountCache::new(
            &paths.cache_dir,
            &settings.profile.name,
            &host,
        ))
    }

    /// A look-up that failed, in the status line; the screen and typing go on.
    pub(super) fn lookup_failed(&mut self, why: &str) {
        tracing::info!(%why, "a look-up failed");
        let shown = match self.suggestions.cached_at {
            // The cache's part first: a long reason is cut at the screen's edge.
            Some(saved) => format!(
                "pickers show the lists of {}; {why}",
                ago(self.now(), saved)
            ),
            None => format!("{why} (typing still works)"),
        };
        if self.start_notice.is_some() && self.status.is_some() {
            self.held = Some(super::Status {
                text: shown,
                tone: Tone::Warning,
            });
        } else {
            self.say(Tone::Warning, shown);
        }
    }

    /// Keeps the account's task types for forms opened from now on and gives them to the
    /// open form, which then offers the chosen type's custom fields.
    pub(super) fn task_types_found(&mut self, types: Vec<TaskTypeInfo>) {
        let names: Vec<String> = types.iter().map(|t| t.name.clone()).collect();
        let (now, zone) = (self.now(), self.options.zone);
        if let Some(form) = &mut self.form {
            form.task_type_options.clone_from(&names);
            form.set_account_types(types.clone());
            form.refresh(now, zone);
        }
        self.suggestions.task_types = names;
        self.suggestions.account_types = types;
    }

    /// Keeps the account's users; only the active ones are offered as owners.
    pub(super) fn owners_found(&mut self, users: Vec<UserInfo>) {
        let emails: Vec<String> = users
            .iter()
            .filter(|u| u.active)
            .map(|u| u.email.clone())
            .collect();
        let (now, zone) = (self.now(), self.options.zone);
        if let Some(form) = &mut self.form {
            form.owner_options.clone_from(&emails);
            form.set_users(users.clone());
            form.refresh(now, zone);
        }
        self.suggestions.owners = emails;
        self.suggestions.users = users;
    }

    /// Gives a form being opened what the lookups have found so far.
    pub(super) fn fill_from_account(&self, form: &mut TaskForm) {
        form.task_type_options
            .clone_from(&self.suggestions.task_types);
        form.owner_options.clone_from(&self.suggestions.owners);
        form.set_account_types(self.suggestions.account_types.clone());
        form.set_users(self.suggestions.users.clone());
        form.can_find_leads = self.connection.has_keys();
        form.refresh(self.now(), self.options.zone);
    }

    /// The answer about the leads with `email`. Dropped when the form is gone or its field no
    /// longer holds that e-mail: an old answer must not overwrite newer typing.
    pub(super) fn leads_found(&mut self, email: &str, result: Result<Vec<Lead>, String>) {
        let (now, zone) = (self.now(), self.options.zone);
        let Some(form) = &mut self.form else {
            return;
        };
        let failure = result.as_ref().err().cloned();
        if form.leads_found(email, result, now, zone)
            && let Some(why) = failure
        {
            tracing::info!(%why, "the lead look-up failed");
            self.say(Tone::Warning, format!("{why} (typing still works)"));
        }
    }

    /// Looks up the lead whose e-mail is in the form's related id field, in the background.
    /// `asked` is Ctrl-L: it asks again and says why when nothing can be asked; leaving the
    /// field asks only once per e-mail and silently does nothing without one.
    pub(super) fn find_lead(&mut self, asked: bool) {
        let (now, zone) = (self.now(), self.options.zone);
        let Some(form) = &mut self.form else {
            return;
        };
        let Some(email) = form.lead_email() else {
            if asked {
                self.say(
                    Tone::Info,
                    "type a lead's e-mail in Lead/opp. id (RelatedEntityId) first",
                );
            }
            return;
        };
        if !self.connection.has_keys() {
            if asked {
                self.say(
                    Tone::Info,
                    "finding a lead needs keys: c opens the credentials",
                );
            }
            return;
        }
        if !asked && form.lead_search_covers(&email) {
            return;
        }
        let client = match self.connection.client() {
            Ok(client) => client,
            Err(why) => return self.say(Tone::Warning, why),
        };
        let wanted = email.clone();
        let sent = spawn(self.sender.as_ref(), async move {
            let result = client.leads_by_email(&wanted).await.map_err(|e| e.message);
            Message::LeadsFound {
                email: wanted,
                result,
            }
        });
        match sent {
            Ok(()) => form.lead_search_started(email, now, zone),
            Err(why) => self.say(Tone::Warning, format!("the lead was not looked up: {why}")),
        }
    }
}

/// Writes a fetched list to the cache on a blocking thread; a failure is only logged, since the
/// list on screen is complete and the next start fetches it again.
fn keep<T: Send + 'static>(
    cache: Option<AccountCache>,
    items: Vec<T>,
    save: impl FnOnce(&AccountCache, Vec<T>) -> Result<(), String> + Send + 'static,
) {
    if let Some(cache) = cache {
        tokio::task::spawn_blocking(move || {
            if let Err(why) = save(&cache, items) {
                tracing::warn!(%why, "a fetched list was not cached");
            }
        });
    }
}

/// How long ago `then` was, in words: "12 min ago", "3 h ago".
fn ago(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let minutes = now.signed_duration_since(then).num_minutes().max(0);
    if minutes < 60 {
        format!("{minutes} min ago")
    } else {
        format!("{} h ago", minutes / 60)
    }
}
