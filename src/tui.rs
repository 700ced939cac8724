//! The terminal application: a client of the domain (`task`) and the drafts store, like the
//! CLI is. Only this module and its children know of ratatui and crossterm.
//!
//! [`App`] holds the state and turns keys into changes; [`draw`] paints a frame from it. Both
//! work without a terminal, so tests feed keys and read the screen from ratatui's `TestBackend`;
//! [`run`] adds the real terminal and the event loop.

mod action;
mod app;
mod connection;
mod input;
mod keymap;
mod message;
mod output;
mod overrides;
mod run;
mod screens;
mod theme;
mod widgets;

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::config::{Paths, Settings};
use crate::task::Zone;

pub use action::Action;
pub use app::{App, Screen, Status, Suggestions, Tone};
pub use keymap::{Context, KeyBinding, Keymap};
pub use message::Message;
pub use overrides::{keymap_with, parse_key, theme_with};
pub use run::run;
pub use screens::credentials_form::{CredField, CredentialsForm, KeyCheck};
pub use screens::draw;
pub use screens::history_list::HistoryList;
pub use screens::payload_review::PayloadReview;
pub use screens::submit_view::{Plan, SubmitView};
pub use screens::task_form::{Field, LeadSearch, Note, TaskForm};
pub use theme::Theme;
pub use widgets::confirm_modal::ConfirmModal;
// Public for benches/screens.rs, which times highlighting the whole body.
pub use widgets::json_view::{LineMember, highlight, members};
pub use widgets::prompt::Prompt;

/// The endpoint shown above the body when nothing else names one.
pub const DEFAULT_ENDPOINT: &str = "POST https://api.leadsquared.com/v2/Task.svc/Bulk/Create";

/// The clock: a plain function so tests pass one that always answers the same instant.
pub type Clock = fn() -> DateTime<Utc>;

/// Everything the application needs from outside; the CLI (later the config layer) fills it.
#[derive(Debug, Clone)]
pub struct TuiOptions {
    /// Where the staging list is kept between runs.
    pub drafts_path: PathBuf,
    /// The zone dates are typed and shown in.
    pub zone: Zone,
    /// "Now", for relative dates and "in the past" warnings.
    pub clock: Clock,
    /// When true, every screen carries a banner saying nothing reaches LeadSquared.
    pub sandbox: bool,
    /// The request line shown above the body, e.g. [`DEFAULT_ENDPOINT`]; never holds keys.
    pub endpoint: String,
    /// False when `NO_COLOR` is set: emphasis only, no colour.
    pub color: bool,
    /// The profile, host and keys calls use; with `sandbox` and none given, [`run`] starts the
    /// embedded sandbox and fills this in. `None` makes no calls at all.
    pub settings: Option<Settings>,
    /// Where credentials and history are kept; `None` keeps no such files.
    pub paths: Option<Paths>,
    /// The profile named on the command line, used again when keys are saved.
    pub profile: Option<String>,
    /// A body or CSV file to offer for staging as soon as the app opens (`--load`).
    pub load: Option<PathBuf>,
    /// Key bindings with config.toml's overrides; `None` for the defaults.
    pub keymap: Option<Keymap>,
    /// Styles with config.toml's colours; `None` for the defaults (following `color`).
    pub theme: Option<Theme>,
}

impl TuiOptions {
    /// Options with the default endpoint, no sandbox and colour on.
    pub fn new(drafts_path: impl Into<PathBuf>, zone: Zone, clock: Clock) -> TuiOptions {
        TuiOptions {
            drafts_path: drafts_path.into(),
            zone,
            clock,
            sandbox: false,
            endpoint: DEFAULT_ENDPOINT.to_owned(),
            color: true,
            settings: None,
            paths: None,
            profile: None,
            load: None,
            keymap: None,
            theme: None,
        }
    }
}

/// Whether the environment asks for no colour (`NO_COLOR` set and not empty, per no-color.org).
pub fn color_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}
