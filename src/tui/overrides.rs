//! Key bindings and colours from `config.toml`, judged here because only the terminal UI knows
//! its screens, actions and styles. Every mistake names the file and line.
//!
//! ```toml
//! [keys.staging_list]
//! delete = "x"                 # x deletes; d no longer does
//! new_appointment = ["A", "a"]
//!
//! [colors]
//! error = "lightred"
//! title = "black on green"
//! ```

use std::path::Path;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::{Color, Style};

use super::action::Action;
use super::keymap::{Context, KeyBinding, Keymap};
use super::theme::Theme;
use crate::config::{ColorOverride, KeyOverride};

const SCREENS: [(&str, Context); 10] = [
    ("staging_list", Context::StagingList),
    ("task_form", Context::TaskForm),
    ("review", Context::PayloadReview),
    ("submit", Context::Submit),
    ("credentials", Context::Credentials),
    ("history", Context::History),
    ("verify", Context::Verify),
    ("help", Context::Help),
    ("confirm", Context::Confirm),
    ("prompt", Context::Prompt),
];

/// The default keymap with the overrides applied.
pub fn keymap_with(overrides: &[KeyOverride], file: &Path) -> Result<Keymap, String> {
    let mut keymap = Keymap::default();
    for item in overrides {
        let at = |message: String| format!("{}:{}: {message}", file.display(), item.line);
        let context = SCREENS
            .iter()
            .find(|(name, _)| *name == item.screen)
            .map(|(_, context)| *context)
            .ok_or_else(|| {
                let names: Vec<&str> = SCREENS.iter().map(|(n, _)| *n).collect();
                at(format!(
                    "[keys.{}] is not a screen: screens are {}",
                    item.screen,
                    names.join(", ")
                ))
            })?;
        let action = Action::ALL
            .iter()
            .copied()
            .find(|a| a.name() == item.action)
            .ok_or_else(|| {
                at(format!(
                    "'{}' is not an action; `?` in the program lists each screen's actions, named \
                 like new_appointment or delete",
                    item.action
                ))
            })?;
        let keys = item
            .keys
            .iter()
            .map(|key| parse_key(key).map_err(&at))
            .collect::<Result<Vec<_>, _>>()?;
        keymap.rebind(context, action, &keys);
    }
    Ok(keymap)
}

/// `a`, `A`, `Ctrl-S`, `Enter`, `Esc`, `Tab`, `Shift-Tab`, `Space`, `Up`, `PgDn`, `F2`, ...
pub fn parse_key(text: &str) -> Result<KeyBinding, String> {
    let refuse = || {
        format!(
            "'{text}' is not a key: write a character (a, A, ?), Ctrl-<letter>, or a name \
             (Enter, Esc, Tab, Shift-Tab, Space, Up, Down, Left, Right, PgUp, PgDn, Home, End, \
             F1..F12)"
        )
    };
    if let Some(letter) = text
        .strip_prefix("Ctrl-")
        .or_else(|| text.strip_prefix("ctrl-"))
    {
        let mut chars = letter.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_alphabetic() => {
                Ok(KeyBinding::ctrl(c.to_ascii_lowercase()))
            }
            _ => Err(refuse()),
        };
    }
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.clone().next()) {
        return Ok(KeyBinding::plain(KeyCode::Char(c)));
    }
    let code = match text.to_ascii_lowercase().as_str() {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "shift-tab" | "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        name => match name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            Some(n) if (1..=12).contains(&n) => KeyCode::F(n),
            _ => return Err(refuse()),
        },
    };
    Ok(KeyBinding {
        code,
        modifiers: KeyModifiers::NONE,
    })
}

/// The theme with the overrides applied; with colour off (`NO_COLOR`), colours are ignored.
pub fn theme_with(color: bool, overrides: &[ColorOverride], file: &Path) -> Result<Theme, String> {
    let mut theme = Theme::new(color);
    for item in overrides {
        let at = |message: String| format!("{}:{}: {message}", file.display(), item.line);
        let style = parse_style(&item.value).map_err(&at)?;
        let slot = theme.part_mut(&item.part).ok_or_else(|| {
            at(format!(
                "'{}' is not a part to colour: parts are {}",
                item.part,
                Theme::PARTS.join(", ")
            ))
        })?;
        if color {
            *slot = slot.patch(style);
        }
    }
    Ok(theme)
}

/// `red`, `#ff8800`, `black on cyan`.
fn parse_style(text: &str) -> Result<Style, String> {
    let colour = |name: &str| {
        Color::from_str(name.trim()).map_err(|_| {
            format!("'{name}' is not a colour: write a name (red, lightblue), #rrggbb or 0-255")
        })
    };
    Ok(match text.split_once(" on ") {
        Some((fg, bg)) => Style::new().fg(colour(fg)?).bg(colour(bg)?),
        None => Style::new().fg(colour(text)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn over(screen: &str, action: &str, key: &str) -> KeyOverride {
        KeyOverride {
            screen: screen.into(),
            action: action.into(),
            keys: vec![key.into()],
            line: 7,
        }
    }

    #[test]
    fn keys_read_as_people_write_them() {
        assert_eq!(parse_key("x"), Ok(KeyBinding::plain(KeyCode::Char('x'))));
        assert_eq!(parse_key("Ctrl-W"), Ok(KeyBinding::ctrl('w')));
        assert_eq!(parse_key("PgDn").unwrap().code, KeyCode::PageDown);
        assert_eq!(parse_key("F5").unwrap().code, KeyCode::F(5));
        assert!(parse_key("Hyper-Q").is_err());
        assert!(parse_key("F13").is_err());
    }

    #[test]
    fn unknown_names_point_at_the_line() {
        let file = Path::new("config.toml");
        let error = keymap_with(&[over("staging_list", "dlete", "x")], file).unwrap_err();
        assert!(
            error.starts_with("config.toml:7: 'dlete' is not an action"),
            "{error}"
        );
        let error = keymap_with(&[over("list", "delete", "x")], file).unwrap_err();
        assert!(error.contains("[keys.list] is not a screen"), "{error}");
        let error = keymap_with(&[over("staging_list", "delete", "Hyper-x")], file).unwrap_err();
        assert!(
            error.starts_with("config.toml:7: 'Hyper-x' is not a key"),
            "{error}"
        );
        let bad_colour = ColorOverride {
            part: "error".into(),
            value: "reddish".into(),
            line: 3,
        };
        let error = theme_with(true, &[bad_colour], file).unwrap_err();
        assert!(
            error.starts_with("config.toml:3: 'reddish' is not a colour"),
            "{error}"
        );
    }

    #[test]
    fn every_action_has_a_distinct_name() {
        let mut names: Vec<String> = Action::ALL.iter().map(|a| a.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
        assert!(names.contains(&"new_appointment".to_owned()));
    }
}
