//! The account lookups as the app uses them: task types and users handed to every form, and
//! the lead behind an e-mail typed as the related record, asked in the background. None of
//! them blocks typing; with no keys everything stays free text.

use super::{App, Tone};
use crate::api::{Lead, TaskTypeInfo, UserInfo};
use crate::tui::connection::spawn;
use crate::tui::message::Message;
use crate::tui::screens::task_form::TaskForm;

impl App {
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
