//! A key that never shows itself: not in `Debug`, not in `Display`, not in panic messages.

use std::fmt;

/// An access or secret key. Reading the value takes an explicit [`Secret::expose`] call, so a
/// stray `{:?}` or `{}` in a log line or an error prints a mask instead.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value itself, for the one place that needs it: the request being sent.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The first four characters then `…`, so users can tell keys apart without revealing them.
    pub fn masked(&self) -> String {
        let shown: String = self.0.chars().take(4).collect();
        if self.0.chars().count() > 4 {
            format!("{shown}…")
        } else {
            "…".to_owned()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(****)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("****")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_never_shows_the_value() {
        let secret = Secret::new("s3cr3t-value-42");
        assert_eq!(format!("{secret:?} {secret}"), "Secret(****) ****");
        assert_eq!(secret.masked(), "s3cr…");
        assert_eq!(Secret::new("abc").masked(), "…");
        assert_eq!(secret.expose(), "s3cr3t-value-42");
    }
}
