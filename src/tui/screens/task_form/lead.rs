//! The related id typed as a lead's e-mail. Coordinators know leads by e-mail, not by GUID:
//! the app looks the e-mail up in the background and the form takes the answer here. A GUID
//! typed directly is taken as it is.

use chrono::{DateTime, Utc};
use tui_input::Input;

use super::{Field, Note, TaskForm};
use crate::api::Lead;
use crate::task::{RelatedEntity, Zone};

/// Most leads listed under the field; more are reached with Ctrl-T all the same.
const MAX_LISTED: usize = 5;

/// Where the look-up of the e-mail in the related id field stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum LeadSearch {
    /// Nothing asked, or the answer was a failure (shown in the status line).
    #[default]
    Idle,
    /// Asked for this e-mail; the answer is on its way.
    Running(String),
    /// The leads with this e-mail: none, one (already filled in) or several to pick from.
    Done { email: String, leads: Vec<Lead> },
}

impl TaskForm {
    /// The e-mail in the related id field, when it holds one: text with an `@`.
    pub fn lead_email(&self) -> Option<String> {
        let text = self.related_id.value().trim();
        text.contains('@').then(|| text.to_owned())
    }

    /// Where the lead look-up stands.
    pub fn lead_search(&self) -> &LeadSearch {
        &self.lead_search
    }

    /// Whether `email` was already asked about or answered, so leaving the field again does
    /// not ask twice.
    pub fn lead_search_covers(&self, email: &str) -> bool {
        match &self.lead_search {
            LeadSearch::Idle => false,
            LeadSearch::Running(asked) | LeadSearch::Done { email: asked, .. } => asked == email,
        }
    }

    /// Notes that a look-up of `email` was sent.
    pub fn lead_search_started(&mut self, email: String, now: DateTime<Utc>, zone: Zone) {
        self.lead_search = LeadSearch::Running(email);
        self.refresh(now, zone);
    }

    /// Takes the answer for `email`. Returns false, changing nothing, when the field no
    /// longer holds that e-mail: the user has moved on. One lead is filled in at once;
    /// several wait for the user to pick (Ctrl-T), never chosen silently.
    pub fn leads_found(
        &mut self,
        email: &str,
        result: Result<Vec<Lead>, String>,
        now: DateTime<Utc>,
        zone: Zone,
    ) -> bool {
        if self.related_id.value().trim() != email {
            return false;
        }
        self.lead_search = match result {
            Ok(leads) => {
                if let [only] = leads.as_slice() {
                    self.related_id = Input::new(only.prospect_id.clone());
                    self.related = RelatedEntity::Lead;
                }
                LeadSearch::Done {
                    email: email.to_owned(),
                    leads,
                }
            }
            Err(_) => LeadSearch::Idle,
        };
        self.refresh(now, zone);
        true
    }

    /// The leads of the last answer while the field still shows that answer (its e-mail or
    /// one of their GUIDs), with the index of the one in the field.
    pub fn lead_matches(&self) -> Option<(&[Lead], Option<usize>)> {
        let LeadSearch::Done { email, leads } = &self.lead_search else {
            return None;
        };
        let text = self.related_id.value().trim();
        let chosen = leads
            .iter()
            .position(|l| l.prospect_id.eq_ignore_ascii_case(text));
        (chosen.is_some() || text == email).then_some((leads.as_slice(), chosen))
    }

    /// Lines listed under the related id: each lead found, the chosen one marked.
    pub fn lead_lines(&self) -> Vec<(bool, String)> {
        let Some((leads, chosen)) = self.lead_matches() else {
            return Vec::new();
        };
        let mut lines: Vec<(bool, String)> = leads
            .iter()
            .take(MAX_LISTED)
            .enumerate()
            .map(|(at, lead)| {
                let picked = chosen == Some(at);
                let mark = if picked { "▸" } else { " " };
                (picked, format!("{mark} {}", describe(lead)))
            })
            .collect();
        if leads.len() > MAX_LISTED {
            let more = leads.len() - MAX_LISTED;
            lines.push((false, format!("  … and {more} more (Ctrl-T)")));
        }
        lines
    }

    /// Ctrl-T on the related id: the next of the leads found, as lead (`RelatedEntity` 1).
    pub(super) fn pick_next_lead(&mut self, now: DateTime<Utc>, zone: Zone) -> bool {
        let Some((leads, chosen)) = self.lead_matches() else {
            return false;
        };
        let next = chosen.map_or(0, |at| (at + 1) % leads.len());
        let Some(lead) = leads.get(next) else {
            return false;
        };
        self.related_id = Input::new(lead.prospect_id.clone());
        self.related = RelatedEntity::Lead;
        self.refresh(now, zone);
        true
    }

    /// What the look-up says beside the field, ahead of the validator's view of the text.
    pub(super) fn lead_note(&self) -> Option<Note> {
        let text = self.related_id.value().trim();
        if let LeadSearch::Running(email) = &self.lead_search
            && email == text
        {
            return Some(Note::Info("looking up…".to_owned()));
        }
        if let Some((leads, chosen)) = self.lead_matches() {
            return Some(match (leads.len(), chosen) {
                (0, _) => Note::Warning("no lead has this e-mail".to_owned()),
                (1, _) => Note::Info("found by e-mail".to_owned()),
                (n, Some(at)) => Note::Info(format!("lead {} of {n} (Ctrl-T: next)", at + 1)),
                (n, None) => Note::Warning(format!("{n} leads: Ctrl-T picks")),
            });
        }
        (self.can_find_leads && text.contains('@'))
            .then(|| Note::Info("an e-mail: Tab or Ctrl-L finds the lead".to_owned()))
    }

    /// The detail panel's words on the related id when leads can be found by e-mail.
    pub fn lead_about(&self) -> Option<&'static str> {
        (self.focus == Field::RelatedId && self.can_find_leads).then_some(
            "Type the lead's GUID, or its e-mail: leaving the field (Tab) or Ctrl-L finds the \
             lead; Ctrl-T picks among several.",
        )
    }
}

/// A lead in a few words: name and company.
fn describe(lead: &Lead) -> String {
    match (lead.name.is_empty(), lead.company.is_empty()) {
        (false, false) => format!("{} · {}", lead.name, lead.company),
        (false, true) => lead.name.clone(),
        (true, false) => lead.company.clone(),
        (true, true) => lead.email.clone(),
    }
}
