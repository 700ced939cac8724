//! How a call ended, in the four classes the rest of the tool matches on.

use std::time::Duration;

use serde_json::Value;

use crate::exit::Exit;

/// The body of an answer: the text as received, and its JSON when it parses.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseBody {
    pub text: String,
    pub json: Option<Value>,
}

impl ResponseBody {
    pub fn new(bytes: &[u8]) -> ResponseBody {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let json = serde_json::from_str(&text).ok();
        ResponseBody { text, json }
    }

    /// Pretty JSON when the body is JSON, the text as it came otherwise.
    pub fn pretty(&self) -> String {
        self.json
            .as_ref()
            .and_then(|json| serde_json::to_string_pretty(json).ok())
            .unwrap_or_else(|| self.text.clone())
    }

    /// `Status`, `ExceptionType` and `ExceptionMessage` when the body carries any of them.
    pub fn service_error(&self) -> Option<ServiceError> {
        let object = self.json.as_ref()?.as_object()?;
        let field = |name: &str| object.get(name).and_then(Value::as_str).map(str::to_owned);
        let error = ServiceError {
            status: field("Status"),
            exception_type: field("ExceptionType"),
            exception_message: field("ExceptionMessage"),
        };
        (error.exception_type.is_some() || error.exception_message.is_some()).then_some(error)
    }
}

/// LeadSquared's error fields, as its error bodies carry them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    pub status: Option<String>,
    pub exception_type: Option<String>,
    pub exception_message: Option<String>,
}

/// The four ways a call can end.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A 2xx answer.
    Accepted { status: u16, body: ResponseBody },
    /// Any other status: the service refused the call.
    Rejected { status: u16, body: ResponseBody },
    /// DNS, connection or TLS failed: the request never left, nothing can have been created.
    NotSent { reason: String },
    /// The request went out but no complete answer came back: tasks may have been created.
    Unknown { reason: String },
}

impl Outcome {
    /// `accepted`, `rejected`, `not sent` or `unknown`.
    pub fn class(&self) -> &'static str {
        match self {
            Outcome::Accepted { .. } => "accepted",
            Outcome::Rejected { .. } => "rejected",
            Outcome::NotSent { .. } => "not sent",
            Outcome::Unknown { .. } => "unknown",
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            Outcome::Accepted { status, .. } | Outcome::Rejected { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn body(&self) -> Option<&ResponseBody> {
        match self {
            Outcome::Accepted { body, .. } | Outcome::Rejected { body, .. } => Some(body),
            _ => None,
        }
    }

    /// The process exit code this outcome stands for.
    pub fn exit(&self) -> Exit {
        match self {
            Outcome::Accepted { .. } => Exit::Success,
            Outcome::Rejected { .. } => Exit::Rejected,
            Outcome::NotSent { .. } => Exit::NotSent,
            Outcome::Unknown { .. } => Exit::Unknown,
        }
    }

    /// One line saying what happened and what it means for the tasks.
    pub fn headline(&self) -> String {
        match self {
            Outcome::Accepted { status, .. } | Outcome::Rejected { status, .. } => {
                format!("{status} {}", status_meaning(*status))
            }
            Outcome::NotSent { reason } => {
                format!("not sent: {reason}. Nothing was created; it is safe to try again.")
            }
            Outcome::Unknown { reason } => format!(
                "outcome unknown: {reason}. The request was sent, so the tasks may already \
                 exist: check Request History in the LeadSquared web app before sending again."
            ),
        }
    }
}

/// A finished call: its outcome, how long it took, and what the client did on the way
/// (waiting for the rate limit, retrying after a 429).
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub outcome: Outcome,
    pub elapsed: Duration,
    pub notes: Vec<String>,
}

/// What a status code means for this API, in the documentation's terms.
pub fn status_meaning(status: u16) -> &'static str {
    match status {
        200..=299 => "OK: accepted; the service creates the tasks shortly",
        400 => {
            "Bad Request: the body is not as the API expects (content type, JSON, member \
                names or structure)"
        }
        401 => "Unauthorized: the access key or secret key is wrong, or its user is inactive",
        403 => "Forbidden: these keys may not make this call",
        404 => "Not Found: wrong path, or the account lives on another region host",
        405 => "Method Not Allowed: wrong HTTP method for this path",
        429 => "Too Many Requests: over the plan's calls per 5 seconds",
        500 => "Internal Server Error: the call failed on the server",
        502..=504 => "the service or a proxy in front of it is unavailable",
        300..=399 => {
            "a redirect, which this tool does not follow so keys stay with the host \
                      you chose"
        }
        _ => "an unexpected status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_fields_are_picked_out_of_a_json_body() {
        let body = ResponseBody::new(
            br#"{"Status":"Error","ExceptionType":"MXException","ExceptionMessage":"bad"}"#,
        );
        let error = body.service_error().unwrap();
        assert_eq!(error.exception_type.as_deref(), Some("MXException"));
        assert!(body.pretty().contains("\n  \"Status\": \"Error\""));
        let html = ResponseBody::new(b"<html>oops</html>");
        assert_eq!(html.service_error(), None);
        assert_eq!(html.pretty(), "<html>oops</html>");
    }

    #[test]
    fn each_class_has_its_exit_code() {
        let body = ResponseBody::new(b"{}");
        let cases = [
            (
                Outcome::Accepted {
                    status: 200,
                    body: body.clone(),
                },
                Exit::Success,
            ),
            (Outcome::Rejected { status: 400, body }, Exit::Rejected),
            (
                Outcome::NotSent {
                    reason: "refused".into(),
                },
                Exit::NotSent,
            ),
            (
                Outcome::Unknown {
                    reason: "reset".into(),
                },
                Exit::Unknown,
            ),
        ];
        for (outcome, exit) in cases {
            assert_eq!(outcome.exit(), exit, "{}", outcome.class());
        }
    }
}
