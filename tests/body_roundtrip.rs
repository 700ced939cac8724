//! Property: whatever valid batch the model holds, its body reads back to the same batch.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot set up should fail loudly"
)]

use chrono::{DateTime, TimeZone, Utc};
use indexmap::IndexMap;
use lsq_tasks::task::{Batch, Kind, NotifyBy, RelatedEntity, Task, read_body, to_json, to_value};
use proptest::prelude::*;

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    // 2000-01-01 to 2099-12-31, whole seconds like the API's format.
    (946_684_800_i64..4_102_444_799).prop_map(|s| Utc.timestamp_opt(s, 0).unwrap())
}

fn guid() -> impl Strategy<Value = String> {
    "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
}

fn text() -> impl Strategy<Value = String> {
    // Any Unicode, quotes, backslashes and control characters included.
    any::<String>()
}

fn non_blank() -> impl Strategy<Value = String> {
    any::<String>().prop_filter("not blank", |s| !s.trim().is_empty())
}

prop_compose! {
    fn task()(
        name in non_blank(),
        description in text(),
        related in prop_oneof![
            Just((RelatedEntity::None, None)),
            guid().prop_map(|g| (RelatedEntity::Lead, Some(g))),
            guid().prop_map(|g| (RelatedEntity::Opportunity, Some(g))),
        ],
        due in proptest::option::of(instant()),
        end in proptest::option::of(instant()),
        reminder in proptest::option::of(any::<u32>()),
        notify in proptest::option::of(prop_oneof![Just(NotifyBy::Email), Just(NotifyBy::Nobody)]),
        owner in proptest::option::of("[a-z0-9._+]{1,12}@[a-z0-9]{1,10}\\.[a-z]{2,4}"),
        location in proptest::option::of(non_blank()),
        task_type in non_blank(),
        custom in proptest::collection::vec(("mx_[A-Za-z0-9_]{1,10}", text()), 0..4),
    ) -> Task {
        let mut task = Task {
            name,
            description,
            related_entity: related.0,
            related_entity_id: related.1.unwrap_or_default(),
            due_date: due,
            end_date: end,
            reminder,
            notify_by: notify,
            owner_email: owner,
            location,
            task_type,
            custom_fields: custom.into_iter().collect::<IndexMap<_, _>>(),
            kind: Kind::Todo,
        };
        // The kind is not sent; the reader infers it from the members an appointment has.
        if task.end_date.is_some() || task.location.is_some() {
            task.kind = Kind::Appointment;
        }
        task
    }
}

proptest! {
    #[test]
    fn a_batch_reads_back_from_its_body(
        tasks in proptest::collection::vec(task(), 1..=50),
        webhook in proptest::option::of("https://[a-z]{1,10}\\.example\\.com/[a-z]{0,8}"),
        pretty in any::<bool>(),
    ) {
        let batch = Batch::from_tasks(tasks, webhook).unwrap();
        let text = to_json(&batch, pretty);
        let parsed = read_body(&text).unwrap();
        prop_assert_eq!(&parsed.problems, &vec![]);
        prop_assert_eq!(&parsed.batch, &batch);
        let written: serde_json::Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(to_value(&parsed.batch), written);
    }
}
