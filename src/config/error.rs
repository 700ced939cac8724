//! What can go wrong reading or writing configuration, each saying what to do next.

use std::path::PathBuf;

/// A configuration problem; every variant names the file and, where it can, the line.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot find a home folder for configuration: set XDG_CONFIG_HOME or HOME")]
    NoHome,
    #[error("{}:{line}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(String),
}

impl ConfigError {
    /// A TOML error with the 1-based line of its span in `text`.
    pub(crate) fn parse(
        path: &std::path::Path,
        text: &str,
        error: &toml::de::Error,
    ) -> ConfigError {
        let line = error.span().map_or(1, |span| {
            text[..span.start.min(text.len())].matches('\n').count() + 1
        });
        ConfigError::Parse {
            path: path.to_owned(),
            line,
            message: error.message().trim().to_owned(),
        }
    }
}
