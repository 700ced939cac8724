//! Templates from the terminal: saving the form's task under a name (`F2`) and starting a new
//! task from one (`T`), its times resolved on the day it is used.

use super::{App, Screen, Tone};
use crate::store::templates::{Template, Templates};
use crate::tui::action::Action;
use crate::tui::widgets::choice_modal::{Choice, ChoiceModal};
use crate::tui::widgets::prompt::{Prompt, PromptPurpose};

/// The keys that pick a template in the list: digits, then letters.
const PICKS: &str = "123456789abcdefghijklmnopqrstuvwxyz";

impl App {
    /// The templates file, beside the staging list.
    fn templates(&self) -> Templates {
        Templates::new(self.options.drafts_path.with_file_name("templates.json"))
    }

    pub(super) fn template_action(&mut self, action: Action) {
        match action {
            Action::SaveTemplate if self.form.is_some() => {
                let question = "Save this task as a template named";
                let name = self
                    .form
                    .as_ref()
                    .map(|f| f.task().name.clone())
                    .unwrap_or_default();
                self.prompt = Some(Prompt::new(PromptPurpose::TemplateName, question, &name));
            }
            Action::UseTemplate => self.offer_templates(),
            _ => {}
        }
    }

    pub(super) fn save_template(&mut self, name: &str) -> Result<(), String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("give the template a name".into());
        }
        let Some(form) = &self.form else {
            return Ok(());
        };
        let (due, end) = form.date_texts();
        let template = Template {
            name: name.to_owned(),
            task: form.task().clone(),
            due,
            end,
        };
        self.templates().save(template)?;
        self.say(
            Tone::Info,
            format!("saved the template '{name}': T on the list starts from it"),
        );
        Ok(())
    }

    fn offer_templates(&mut self) {
        let templates = match self.templates().load() {
            Ok(templates) => templates,
            Err(why) => return self.say(Tone::Error, why),
        };
        if templates.is_empty() {
            self.say(Tone::Info, "no templates yet: F2 in a form saves one");
            return;
        }
        let answers = templates
            .iter()
            .zip(PICKS.chars())
            .enumerate()
            .map(|(index, (t, key))| {
                let when = if t.due.is_empty() {
                    String::new()
                } else {
                    format!(", due {}", t.due)
                };
                (
                    key,
                    format!("{} ({}{when})", t.name, t.task.kind.as_str()),
                    Choice::Template(index),
                )
            })
            .collect();
        self.choice = Some(ChoiceModal {
            title: "New task from a template".into(),
            lines: vec!["Times written as words are worked out now.".into()],
            answers,
        });
    }

    pub(super) fn use_template(&mut self, index: usize) {
        let template = match self.templates().load() {
            Ok(templates) => templates.into_iter().nth(index),
            Err(why) => return self.say(Tone::Error, why),
        };
        let Some(template) = template else {
            return;
        };
        if self.batch.free_slots() == 0 {
            return self.say(Tone::Error, crate::task::BatchFull.to_string());
        }
        self.open_new(&template.task);
        let (now, zone) = (self.now(), self.options.zone);
        if let Some(form) = &mut self.form {
            form.set_date_texts(&template.due, &template.end, now, zone);
        }
        self.screen = Screen::TaskForm;
        self.say(
            Tone::Info,
            format!("from the template '{}': Ctrl-S stages it", template.name),
        );
    }
}
