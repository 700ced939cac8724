//! Plain-words explanations of every member of the body and of a task object, for the review
//! pane and the form hints. Written from the project's API notes (API.md).

/// One or two sentences on what `member` means and which values it takes, or `None` for a name
/// the API does not define. Members inside objects are named by their path: `TaskType.Name`;
/// any `CustomFields.mx_...` member gets the custom-field text.
pub fn explain(member: &str) -> Option<&'static str> {
    if member.starts_with("CustomFields.") {
        return explain("CustomFields");
    }
    let text = match member {
        "body" => {
            "The request body: an object with TaskList (the tasks) and, optionally, \
             StatusWebhookURL."
        }
        "TaskList" => {
            "The tasks to create, 1 to 50 per call. Appointments and to-dos may be mixed; \
             they are created later, not during the call."
        }
        "StatusWebhookURL" => {
            "Optional absolute http(s) URL. When the server has created the tasks it POSTs \
             the result there; without it the result is only in Request History and e-mail."
        }
        "task" => {
            "One task object. Whether it is an appointment or a to-do is not sent: it is the \
             category of the task type named in TaskType."
        }
        "Name" => "The task's subject, any text. Task types make it mandatory.",
        "Description" => "Free text describing the task; always sent, may be empty.",
        "RelatedEntity" => {
            "What RelatedEntityId points at: 1 = a lead, 5 = an opportunity, 0 = no related \
             record."
        }
        "RelatedEntityId" => {
            "The GUID of the lead or opportunity (8-4-4-4-12 hex digits); an empty string \
             when RelatedEntity is 0."
        }
        "DueDate" => {
            "When the task is due, in UTC as YYYY-MM-DD HH:MM:SS. Left out: today, and an \
             appointment takes its task type's default duration."
        }
        "EndDate" => {
            "Optional end, UTC as YYYY-MM-DD HH:MM:SS. The task stays Pending until then and \
             becomes Overdue after it; must not be before DueDate."
        }
        "Reminder" => {
            "Optional whole number of minutes before the due time at which the owner is \
             e-mailed a reminder."
        }
        "NotifyBy" => {
            "\"1100\" e-mails the owner about the new task; \"1000\" sends no notification."
        }
        "OwnerEmailAddress" => {
            "Optional e-mail of the user the task is assigned to; it must be a user of the \
             account."
        }
        "Location" => "Optional place where an appointment happens, e.g. a neighbourhood.",
        "TaskType" => {
            "An object naming the task type: {\"Name\": \"...\"}. The type's category makes \
             the task an appointment (0) or a to-do (1)."
        }
        "TaskType.Name" => {
            "The name of a task type configured in the account, e.g. \"Meeting\" or \
             \"Follow Up\"; spelled exactly as in the account."
        }
        "CustomFields" => {
            "Optional task-type fields by schema name (mx_ then letters, digits or \
             underscores), e.g. {\"mx_Custom_1\": \"...\"}; values are strings."
        }
        _ => return None,
    };
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_member_of_the_body_and_a_task_is_explained() {
        let members = [
            "body",
            "TaskList",
            "StatusWebhookURL",
            "task",
            "Name",
            "Description",
            "RelatedEntity",
            "RelatedEntityId",
            "DueDate",
            "EndDate",
            "Reminder",
            "NotifyBy",
            "OwnerEmailAddress",
            "Location",
            "TaskType",
            "TaskType.Name",
            "CustomFields",
            "CustomFields.mx_Custom_1",
        ];
        for member in members {
            assert!(explain(member).is_some_and(|t| t.len() > 20), "{member}");
        }
        assert_eq!(explain("Colour"), None);
    }

    #[test]
    fn allowed_values_are_named() {
        assert!(explain("RelatedEntity").is_some_and(|t| t.contains("5 = an opportunity")));
        assert!(explain("NotifyBy").is_some_and(|t| t.contains("1100")));
    }
}
