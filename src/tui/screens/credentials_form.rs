//! `CredentialsForm`: choose or create a profile, pick its region host (or type a URL), enter
//! the keys (the secret masked), choose header or query auth; test them and save them.

use crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::api::AccountUser;
use crate::config::{AuthMode, Host, Keys, REGIONS, Secret, Settings};
use crate::tui::theme::Theme;
use crate::tui::widgets::field;

/// The fields, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredField {
    Profile,
    Region,
    Url,
    AccessKey,
    SecretKey,
    Auth,
}

const ORDER: [CredField; 6] = [
    CredField::Profile,
    CredField::Region,
    CredField::Url,
    CredField::AccessKey,
    CredField::SecretKey,
    CredField::Auth,
];

/// Where the last key check stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyCheck {
    NotRun,
    Running,
    Passed(AccountUser),
    Failed(String),
}

/// The screen's state.
#[derive(Debug, Clone)]
pub struct CredentialsForm {
    pub profile: Input,
    /// An index into [`REGIONS`]; `REGIONS.len()` means "a URL typed below".
    pub region: usize,
    pub url: Input,
    pub access: Input,
    pub secret: Input,
    pub auth: AuthMode,
    focus: CredField,
    pub check: KeyCheck,
    /// A first line for the user, e.g. how to try the sandbox instead.
    pub intro: Option<String>,
    /// Sandbox mode: the demo keys are used and nothing is saved.
    pub sandbox: bool,
}

impl CredentialsForm {
    /// The form for the profile in `settings` (its host, auth and keys), or a new one.
    pub fn new(settings: Option<&Settings>, sandbox: bool) -> CredentialsForm {
        let (name, host, auth, keys) = match settings {
            Some(s) => (
                s.profile.name.clone(),
                s.profile.host.clone(),
                s.profile.auth,
                s.keys.clone(),
            ),
            None => (
                "default".to_owned(),
                Host::default(),
                AuthMode::Header,
                None,
            ),
        };
        let authority = host.authority();
        let region = REGIONS
            .iter()
            .position(|(_, h)| *h == authority)
            .unwrap_or(REGIONS.len());
        let url = if region == REGIONS.len() {
            host.to_string()
        } else {
            String::new()
        };
        let (access, secret) = keys.map_or((String::new(), String::new()), |k| {
            (
                k.access_key.expose().to_owned(),
                k.secret_key.expose().to_owned(),
            )
        });
        CredentialsForm {
            profile: Input::new(name),
            region,
            url: Input::new(url),
            access: Input::new(access),
            secret: Input::new(secret),
            auth,
            focus: CredField::Profile,
            check: KeyCheck::NotRun,
            intro: None,
            sandbox,
        }
    }

    pub fn focus(&self) -> CredField {
        self.focus
    }

    /// Moves to the next (or previous) field.
    pub fn move_focus(&mut self, forward: bool) {
        let at = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % ORDER.len()
        } else {
            (at + ORDER.len() - 1) % ORDER.len()
        };
        self.focus = ORDER[next];
    }

    /// A key for the focused field: typing for text, Left/Right/Space for the choices.
    pub fn handle_key(&mut self, key: &KeyEvent) {
        let step = match key.code {
            KeyCode::Right | KeyCode::Char(' ') => Some(true),
            KeyCode::Left => Some(false),
            _ => None,
        };
        match (self.focus, step) {
            (CredField::Region, Some(forward)) => {
                let count = REGIONS.len() + 1;
                self.region = if forward {
                    (self.region + 1) % count
                } else {
                    (self.region + count - 1) % count
                };
            }
            (CredField::Auth, Some(_)) => {
                self.auth = match self.auth {
                    AuthMode::Header => AuthMode::Query,
                    AuthMode::Query => AuthMode::Header,
                };
            }
            (CredField::Region | CredField::Auth, None) => {}
            (field, _) => {
                if let Some(input) = self.input_mut(field) {
                    input.handle_event(&Event::Key(*key));
                }
            }
        }
    }

    fn input_mut(&mut self, field: CredField) -> Option<&mut Input> {
        match field {
            CredField::Profile => Some(&mut self.profile),
            CredField::Url => Some(&mut self.url),
            CredField::AccessKey => Some(&mut self.access),
            CredField::SecretKey => Some(&mut self.secret),
            CredField::Region | CredField::Auth => None,
        }
    }

    /// The profile name typed, trimmed.
    pub fn profile_name(&self) -> Result<String, String> {
        let name = self.profile.value().trim();
        if name.is_empty()
            || name.contains(['.', '"', '[', ']'])
            || name.contains(char::is_whitespace)
        {
            return Err(
                "the profile name must be one word without dots, quotes or brackets".into(),
            );
        }
        Ok(name.to_owned())
    }

    /// The host chosen: a region, or the URL typed.
    pub fn host(&self) -> Result<Host, String> {
        match REGIONS.get(self.region) {
            Some((_, host)) => Host::parse(host),
            None => Host::parse(self.url.value()),
        }
    }

    /// The keys typed; both are needed.
    pub fn keys(&self) -> Result<Keys, String> {
        let (access, secret) = (self.access.value().trim(), self.secret.value().trim());
        if access.is_empty() || secret.is_empty() {
            return Err("enter both the access key and the secret key".into());
        }
        Ok(Keys {
            access_key: Secret::new(access),
            secret_key: Secret::new(secret),
        })
    }

    /// Chooses `host` (as the key check reported it): its region, or a URL.
    pub fn use_host(&mut self, host: &str) {
        if let Some(index) = REGIONS
            .iter()
            .position(|(_, h)| h.eq_ignore_ascii_case(host))
        {
            self.region = index;
        } else {
            self.region = REGIONS.len();
            self.url = Input::new(format!("https://{host}"));
        }
    }

    /// The host the key check reported, when it is not the one chosen here.
    pub fn other_account_host(&self) -> Option<&str> {
        let KeyCheck::Passed(user) = &self.check else {
            return None;
        };
        let chosen = self.host().ok()?.authority();
        (!user.api_host.is_empty() && !user.api_host.eq_ignore_ascii_case(&chosen))
            .then_some(user.api_host.as_str())
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let [intro, fields, check] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(7),
            Constraint::Min(1),
        ])
        .areas(area);
        let intro_text = self.intro.clone().unwrap_or_else(|| {
            if self.sandbox {
                "Sandbox: the demo keys below are the sandbox's; your own keys are not read. \
                 Ctrl-T checks them."
                    .into()
            } else {
                "Keys are saved in credentials.toml (mode 0600). Ctrl-T checks them first.".into()
            }
        });
        frame.render_widget(
            Paragraph::new(Span::styled(intro_text, theme.info)).wrap(Wrap { trim: true }),
            intro,
        );
        self.draw_fields(frame, fields, theme);
        frame.render_widget(
            Paragraph::new(self.check_lines(theme)).wrap(Wrap { trim: true }),
            check,
        );
    }

    fn draw_fields(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        const LABEL: u16 = 30;
        for (row, field) in ORDER.iter().enumerate() {
            let y = area.y + u16::try_from(row).unwrap_or(0);
            if y >= area.y + area.height {
                break;
            }
            let focused = *field == self.focus;
            let [label_area, value_area] =
                Layout::horizontal([Constraint::Length(LABEL), Constraint::Min(1)]).areas(Rect {
                    y,
                    height: 1,
                    ..area
                });
            let marker = if focused { "▸ " } else { "  " };
            let label = Line::from(vec![Span::styled(
                format!("{marker}{}", label(*field)),
                if focused { theme.focus } else { theme.label },
            )]);
            frame.render_widget(Paragraph::new(label), label_area);
            let value: Line = match field {
                CredField::Region => {
                    let text = REGIONS.get(self.region).map_or_else(
                        || "a URL (below)".to_owned(),
                        |(name, host)| format!("{host}  {name}"),
                    );
                    Line::from(Span::styled(
                        format!("‹ {text} ›"),
                        if focused { theme.focus } else { theme.label },
                    ))
                }
                CredField::Auth => {
                    let text = match self.auth {
                        AuthMode::Header => "header (recommended)",
                        AuthMode::Query => "query parameters (keys end up in URLs)",
                    };
                    Line::from(Span::styled(
                        format!("‹ {text} ›"),
                        if focused { theme.focus } else { theme.label },
                    ))
                }
                CredField::SecretKey => {
                    let dots = "•".repeat(self.secret.value().chars().count().min(40));
                    Line::from(Span::styled(dots, theme.label))
                }
                CredField::Url if self.region < REGIONS.len() => {
                    Line::from(Span::styled("(a region is chosen above)", theme.dim))
                }
                other => {
                    let input = match other {
                        CredField::Profile => &self.profile,
                        CredField::Url => &self.url,
                        _ => &self.access,
                    };
                    Line::from(field::visible(input, value_area.width, theme.label))
                }
            };
            frame.render_widget(Paragraph::new(value), value_area);
            if focused {
                let input = match field {
                    CredField::Profile => Some(&self.profile),
                    CredField::Url if self.region == REGIONS.len() => Some(&self.url),
                    CredField::AccessKey => Some(&self.access),
                    CredField::SecretKey => Some(&self.secret),
                    _ => None,
                };
                if let Some(input) = input {
                    frame.set_cursor_position(field::cursor(input, value_area));
                }
            }
        }
    }

    fn check_lines(&self, theme: &Theme) -> Vec<Line<'static>> {
        match &self.check {
            KeyCheck::NotRun => vec![Line::from(Span::styled(
                "Not checked yet: Ctrl-T asks the service whose keys these are.",
                theme.dim,
            ))],
            KeyCheck::Running => {
                vec![Line::from(Span::styled("checking the keys…", theme.focus))]
            }
            KeyCheck::Failed(why) => {
                vec![Line::from(Span::styled(format!("✗ {why}"), theme.error))]
            }
            KeyCheck::Passed(user) => {
                let mut lines = vec![
                    Line::from(Span::styled("✓ the keys work; they belong to", theme.info)),
                    Line::from(format!("  user          {} ({})", user.name, user.email)),
                    Line::from(format!("  role          {}", user.role)),
                    Line::from(format!("  organisation  {}", user.organisation)),
                    Line::from(format!("  time zone     {}", user.time_zone)),
                    Line::from(format!("  region host   {}", user.api_host)),
                ];
                if let Some(host) = self.other_account_host() {
                    lines.push(Line::from(vec![
                        Span::styled(
                            format!("! the account lives on {host}, not the host chosen above: "),
                            theme.warning,
                        ),
                        Span::styled("Ctrl-U", theme.key),
                        Span::raw(" switches to it"),
                    ]));
                }
                lines
            }
        }
    }
}

fn label(field: CredField) -> &'static str {
    match field {
        CredField::Profile => "Profile",
        CredField::Region => "Region host",
        CredField::Url => "or a URL",
        CredField::AccessKey => "Access key",
        CredField::SecretKey => "Secret key (hidden)",
        CredField::Auth => "Keys sent as",
    }
}
