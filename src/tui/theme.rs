//! Colours and emphasis in one place, with a plain variant for `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};

/// The styles every screen draws with; each field is named after what it paints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub banner: Style,
    pub label: Style,
    pub api_name: Style,
    pub dim: Style,
    pub selected: Style,
    pub focus: Style,
    pub error: Style,
    pub warning: Style,
    pub info: Style,
    pub key: Style,
    pub json_key: Style,
    pub json_string: Style,
    pub json_number: Style,
    pub json_punct: Style,
}

impl Theme {
    /// The names of the parts `[colors]` in config.toml can set.
    pub const PARTS: [&'static str; 15] = [
        "title",
        "banner",
        "label",
        "api_name",
        "dim",
        "selected",
        "focus",
        "error",
        "warning",
        "info",
        "key",
        "json_key",
        "json_string",
        "json_number",
        "json_punct",
    ];

    /// The style of a part by its name in config.toml.
    pub fn part_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "title" => &mut self.title,
            "banner" => &mut self.banner,
            "label" => &mut self.label,
            "api_name" => &mut self.api_name,
            "dim" => &mut self.dim,
            "selected" => &mut self.selected,
            "focus" => &mut self.focus,
            "error" => &mut self.error,
            "warning" => &mut self.warning,
            "info" => &mut self.info,
            "key" => &mut self.key,
            "json_key" => &mut self.json_key,
            "json_string" => &mut self.json_string,
            "json_number" => &mut self.json_number,
            "json_punct" => &mut self.json_punct,
            _ => return None,
        })
    }

    /// Colours when `color` is true; otherwise only bold, dim, underline and reverse video, so
    /// the screen still tells errors, focus and selection apart.
    pub fn new(color: bool) -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let dim = plain.add_modifier(Modifier::DIM);
        let reversed = plain.add_modifier(Modifier::REVERSED);
        if !color {
            return Theme {
                title: reversed,
                banner: bold.add_modifier(Modifier::REVERSED),
                label: plain,
                api_name: dim,
                dim,
                selected: reversed,
                focus: bold.add_modifier(Modifier::UNDERLINED),
                error: bold,
                warning: bold,
                info: plain,
                key: bold,
                json_key: bold,
                json_string: plain,
                json_number: plain,
                json_punct: dim,
            };
        }
        Theme {
            title: plain.fg(Color::Black).bg(Color::Cyan),
            banner: bold.fg(Color::Black).bg(Color::Yellow),
            label: plain,
            api_name: plain.fg(Color::DarkGray),
            dim: plain.fg(Color::DarkGray),
            selected: plain.bg(Color::DarkGray).add_modifier(Modifier::BOLD),
            focus: bold.fg(Color::Cyan),
            error: plain.fg(Color::Red),
            warning: plain.fg(Color::Yellow),
            info: plain.fg(Color::Green),
            key: bold.fg(Color::Cyan),
            json_key: plain.fg(Color::Blue),
            json_string: plain.fg(Color::Green),
            json_number: plain.fg(Color::Magenta),
            json_punct: plain.fg(Color::DarkGray),
        }
    }
}
