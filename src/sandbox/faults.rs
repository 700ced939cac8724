//! The ways the sandbox can be told to fail Bulk/Create calls or the creation behind them, and
//! how each one is named on the command line.

use std::fmt;
use std::str::FromStr;

/// A failure the sandbox imposes on every `POST /v2/Task.svc/Bulk/Create` after the keys are
/// checked, so a client's handling of each outcome can be seen without a broken network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer 500 with a LeadSquared-style error body: the service says the call failed.
    ServerError,
    /// Read the whole request, then close the connection without a single response byte: the
    /// request was sent, the client cannot know whether tasks were created.
    Drop,
    /// Read the request and never answer (until the sandbox shuts down): the client's own
    /// timeout must fire, with the same uncertainty as `Drop`.
    Timeout,
    /// Accept the call and create its tasks, but close the connection before answering: the
    /// case where resending blindly would create every task twice.
    DropAfterAccept,
    /// Answer as usual but never create the last creatable task of each call of two or more
    /// tasks, so a check finds one missing (and a resend of it alone gets through).
    LoseOne,
    /// Answer as usual but create the first task of each call twice, so a check finds two
    /// candidates for it.
    DuplicateOne,
}

impl Fault {
    /// What a user of the sandbox will see, in one line, for the start-up banner.
    pub fn describe(self) -> &'static str {
        match self {
            Fault::ServerError => "every Bulk/Create call answers 500 Internal Server Error",
            Fault::Drop => {
                "every Bulk/Create call is read, then the connection is closed unanswered"
            }
            Fault::Timeout => "every Bulk/Create call is read and never answered",
            Fault::DropAfterAccept => {
                "every Bulk/Create call is accepted and its tasks created, but the connection is \
                 closed unanswered"
            }
            Fault::LoseOne => "the last task of every call of two or more is never created",
            Fault::DuplicateOne => "the first task of every accepted call is created twice",
        }
    }
}

/// Writes the name `FromStr` reads back, e.g. `500`, `drop` or `lose-one`.
impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Fault::ServerError => "500",
            Fault::Drop => "drop",
            Fault::Timeout => "timeout",
            Fault::DropAfterAccept => "drop-after-accept",
            Fault::LoseOne => "lose-one",
            Fault::DuplicateOne => "duplicate-one",
        })
    }
}

/// A fault name that is none of [`FAULT_NAMES`]; quotes what was given.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a fault: expected {FAULT_NAMES}")]
pub struct UnknownFault(String);

/// Every fault's name, as `--fault` takes them.
pub const FAULT_NAMES: &str = "500, drop, timeout, drop-after-accept, lose-one or duplicate-one";

impl FromStr for Fault {
    type Err = UnknownFault;

    /// Reads a name of [`FAULT_NAMES`], ignoring case and surrounding spaces.
    fn from_str(text: &str) -> Result<Fault, UnknownFault> {
        match text.trim().to_ascii_lowercase().as_str() {
            "500" => Ok(Fault::ServerError),
            "drop" => Ok(Fault::Drop),
            "timeout" => Ok(Fault::Timeout),
            "drop-after-accept" => Ok(Fault::DropAfterAccept),
            "lose-one" => Ok(Fault::LoseOne),
            "duplicate-one" => Ok(Fault::DuplicateOne),
            _ => Err(UnknownFault(text.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case::server_error("500", Fault::ServerError)]
    #[case::drop("drop", Fault::Drop)]
    #[case::timeout_any_case(" Timeout ", Fault::Timeout)]
    fn reads_each_name(#[case] text: &str, #[case] fault: Fault) {
        assert_eq!(text.parse::<Fault>(), Ok(fault));
    }

    #[test]
    fn every_fault_reads_back_its_own_name() {
        for fault in [
            Fault::ServerError,
            Fault::Drop,
            Fault::Timeout,
            Fault::DropAfterAccept,
            Fault::LoseOne,
            Fault::DuplicateOne,
        ] {
            assert_eq!(fault.to_string().parse::<Fault>(), Ok(fault));
        }
    }

    #[test]
    fn an_unknown_name_is_quoted_with_the_choices() {
        let error = "503".parse::<Fault>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "'503' is not a fault: expected 500, drop, timeout, drop-after-accept, lose-one or \
             duplicate-one"
        );
    }
}
