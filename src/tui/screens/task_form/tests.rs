//! The form's logic without a screen: what typing does to the task and to the notes.

use chrono::{TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::api::TaskTypeInfo;

fn kolkata() -> Zone {
    Zone::parse("Asia/Kolkata").unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()
}

fn type_text(form: &mut TaskForm, text: &str) {
    for c in text.chars() {
        form.handle_key(
            &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            now(),
            kolkata(),
        );
    }
}

fn new_form(kind: Kind) -> TaskForm {
    TaskForm::new(&Task::new(kind), None, now(), kolkata())
}

#[test]
fn a_name_error_goes_away_once_typed() {
    let mut form = new_form(Kind::Todo);
    assert!(matches!(
        form.notes(Field::Name).next(),
        Some(Note::Error(_))
    ));
    type_text(&mut form, "Call back");
    assert_eq!(form.notes(Field::Name).next(), None);
    assert_eq!(form.task().name, "Call back");
}

#[test]
fn a_date_shows_its_utc_value_and_an_unreadable_one_blocks_staging() {
    let mut form = new_form(Kind::Todo);
    form.focus_on(Field::Due);
    type_text(&mut form, "tomorrow 10:00");
    let note = form.notes(Field::Due).next().cloned();
    assert_eq!(note, Some(Note::Info("= 2026-12-04 04:30:00 UTC".into())));
    type_text(&mut form, "x");
    assert!(matches!(
        form.notes(Field::Due).next(),
        Some(Note::Error(_))
    ));
    assert_eq!(form.staged().map_err(|(field, _)| field), Err(Field::Due));
}

#[test]
fn pickers_cycle_and_the_related_id_rule_follows() {
    let mut form = new_form(Kind::Todo);
    form.focus_on(Field::Related);
    let right = KeyEvent::new(KeyCode::Right, KeyModifiers::NONE);
    form.handle_key(&right, now(), kolkata());
    assert_eq!(form.task().related_entity, RelatedEntity::Lead);
    assert!(matches!(
        form.notes(Field::RelatedId).next(),
        Some(Note::Error(_))
    ));
    form.handle_key(
        &KeyEvent::new(KeyCode::Left, KeyModifiers::NONE),
        now(),
        kolkata(),
    );
    assert_eq!(form.task().related_entity, RelatedEntity::None);
    assert_eq!(form.notes(Field::RelatedId).next(), None);
}

#[test]
fn custom_fields_are_added_named_and_removed() {
    let mut form = new_form(Kind::Appointment);
    form.add_custom();
    type_text(&mut form, "Colour");
    form.move_focus(true);
    type_text(&mut form, "blue");
    assert_eq!(
        form.task()
            .custom_fields
            .get("mx_Colour")
            .map(String::as_str),
        Some("blue")
    );
    form.focus_on(Field::CustomName(0));
    assert!(form.remove_custom());
    form.refresh(now(), kolkata());
    assert!(form.task().custom_fields.is_empty());
    assert!(!form.is_changed());
}

#[test]
fn editing_shows_dates_in_the_users_zone_and_is_unchanged_until_typed() {
    let mut task = Task::new(Kind::Appointment);
    task.due_date = Some(Utc.with_ymd_and_hms(2027, 1, 14, 4, 30, 0).unwrap());
    let mut form = TaskForm::new(&task, Some(2), now(), kolkata());
    assert_eq!(
        form.input(Field::Due).map(Input::value),
        Some("2027-01-14 10:00")
    );
    assert!(!form.is_changed());
    type_text(&mut form, "x");
    assert!(form.is_changed());
}

#[test]
fn suggestions_filter_by_what_was_typed() {
    let mut form = new_form(Kind::Todo);
    form.task_type_options = vec!["Meeting".into(), "Follow Up".into(), "Call".into()];
    form.focus_on(Field::TaskType);
    assert_eq!(form.suggestions().len(), 3);
    type_text(&mut form, "fol");
    assert_eq!(form.suggestions(), ["Follow Up"]);
    assert!(form.take_suggestion(now(), kolkata()));
    assert_eq!(form.task().task_type, "Follow Up");
}

fn field(schema: &str, mandatory: bool) -> crate::api::CustomFieldInfo {
    crate::api::CustomFieldInfo {
        schema_name: schema.into(),
        display_name: schema.into(),
        mandatory,
        data_type: "String".into(),
    }
}

fn account_type(
    name: &str,
    category: i64,
    fields: Vec<crate::api::CustomFieldInfo>,
) -> TaskTypeInfo {
    TaskTypeInfo {
        id: String::new(),
        name: name.into(),
        category,
        fields,
    }
}

#[test]
fn offered_types_follow_the_kind_and_offered_fields_are_not_sent_while_empty() {
    let mut task = Task::new(Kind::Appointment);
    task.task_type = "Visit".into();
    task.custom_fields.insert("mx_Code".into(), "P-1".into());
    let mut form = TaskForm::new(&task, Some(0), now(), kolkata());
    form.set_account_types(vec![
        account_type(
            "Visit",
            0,
            vec![field("mx_Code", true), field("mx_Note", false)],
        ),
        account_type("Call", 1, vec![]),
    ]);
    form.refresh(now(), kolkata());
    assert_eq!(form.offered_task_types(), ["Visit"]);
    assert_eq!(
        form.fields()
            .iter()
            .filter(|f| matches!(f, Field::CustomName(_)))
            .count(),
        2
    );
    assert_eq!(
        form.task().custom_fields.len(),
        1,
        "the empty offered mx_Note is not sent"
    );
    assert!(!form.is_changed(), "offering a field is not an edit");
    form.focus_on(Field::Kind);
    form.handle_key(
        &KeyEvent::new(KeyCode::Right, KeyModifiers::NONE),
        now(),
        kolkata(),
    );
    assert_eq!(form.offered_task_types(), ["Call"]);
    assert!(matches!(
        form.notes(Field::TaskType).next(),
        Some(Note::Warning(_))
    ));
}

#[test]
fn a_lead_answer_for_an_old_email_changes_nothing() {
    let mut form = new_form(Kind::Todo);
    form.focus_on(Field::RelatedId);
    type_text(&mut form, "a@example.com");
    form.lead_search_started("a@example.com".into(), now(), kolkata());
    type_text(&mut form, "x");
    let lead = crate::api::Lead {
        prospect_id: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9".into(),
        name: "A".into(),
        email: "a@example.com".into(),
        company: String::new(),
    };
    assert!(!form.leads_found("a@example.com", Ok(vec![lead]), now(), kolkata()));
    assert_eq!(form.task().related_entity_id, "a@example.comx");
    assert_eq!(form.task().related_entity, RelatedEntity::None);
}
