//! Pretty-printed JSON, one line at a time: colours for keys, strings, numbers and punctuation,
//! and which body member each line belongs to (for the explanation beside the cursor).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::tui::theme::Theme;

/// What a line of the body is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineMember {
    /// The member's path as `task::docs::explain` names it: `Name`, `TaskType.Name`,
    /// `CustomFields.mx_Custom_1`, `TaskList`, `task` (a task object's braces) or `body`.
    pub member: String,
    /// The 1-based task number when the line is inside a task object.
    pub task: Option<usize>,
}

/// The member of every line of `serde_json`'s pretty output (two-space indentation, one member
/// per line), found by following the opening and closing brackets.
pub fn members(lines: &[&str]) -> Vec<LineMember> {
    // The containers open around the current line, by name: "body", "TaskList", "task",
    // "TaskType", "CustomFields".
    let mut stack: Vec<String> = Vec::new();
    let mut tasks_seen = 0;
    let mut found = Vec::with_capacity(lines.len());
    for line in lines {
        let text = line.trim();
        let key = key_of(text);
        let opens = text.ends_with('{') || text.ends_with('[');
        let closes = text.starts_with('}') || text.starts_with(']');
        let top = stack.last().map(String::as_str);
        let member = match (key, top) {
            (Some(key), Some("body" | "task") | None) => key,
            (Some(key), Some(parent)) => format!("{parent}.{key}"),
            (None, Some("TaskList")) if opens => {
                tasks_seen += 1;
                "task".to_owned()
            }
            (None, Some(top)) if closes || !opens => top.to_owned(),
            (None, _) => "body".to_owned(),
        };
        if opens {
            stack.push(member.clone());
        }
        let in_task = stack.iter().any(|s| s == "task");
        found.push(LineMember {
            task: in_task.then_some(tasks_seen),
            member,
        });
        if closes {
            stack.pop();
        }
    }
    found
}

/// The member name a line starts with, e.g. `Name` for `"Name": "Site visit",`.
fn key_of(text: &str) -> Option<String> {
    let rest = text.strip_prefix('"')?;
    let end = closing_quote(rest)?;
    rest[end + 1..]
        .trim_start()
        .starts_with(':')
        .then(|| rest[..end].replace("\\\"", "\""))
}

/// The byte index of the quote that ends a string whose opening quote is already consumed.
fn closing_quote(rest: &str) -> Option<usize> {
    let mut escaped = false;
    for (index, c) in rest.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(index),
            _ => escaped = false,
        }
    }
    None
}

/// The tokens of one body line with their colours: keys, strings, numbers and literals,
/// punctuation, and the spaces between them.
fn tokens<'a>(line: &'a str, theme: &Theme) -> impl Iterator<Item = (&'a str, Style)> {
    let (key, string, number, punct) = (
        theme.json_key,
        theme.json_string,
        theme.json_number,
        theme.json_punct,
    );
    let mut rest = line;
    std::iter::from_fn(move || {
        let c = rest.chars().next()?;
        let (token, style) = if c == '"' {
            let end = closing_quote(&rest[1..]).map_or(rest.len(), |i| i + 2);
            let is_key = rest[end..].trim_start().starts_with(':');
            (&rest[..end], if is_key { key } else { string })
        } else if c == '-' || c.is_ascii_digit() {
            let end = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || "+-.".contains(ch)))
                .unwrap_or(rest.len());
            (&rest[..end], number)
        } else if c.is_ascii_alphabetic() {
            let end = rest
                .find(|ch: char| !ch.is_ascii_alphabetic())
                .unwrap_or(rest.len());
            (&rest[..end], number)
        } else if c.is_whitespace() {
            let end = rest
                .find(|ch: char| !ch.is_whitespace())
                .unwrap_or(rest.len());
            (&rest[..end], Style::new())
        } else {
            (&rest[..c.len_utf8()], punct)
        };
        rest = &rest[token.len()..];
        Some((token, style))
    })
}

/// One line of JSON in colour.
pub fn highlight(line: &str, theme: &Theme) -> Line<'static> {
    Line::from(
        tokens(line, theme)
            .map(|(token, style)| Span::styled(token.to_owned(), style))
            .collect::<Vec<_>>(),
    )
}

/// Draws one body line coloured as [`highlight`] colours it, straight into `area`'s first row
/// of `buffer`: paging redraws dozens of lines per key, and printable ASCII (nearly all of a
/// body) needs neither grapheme splitting nor width measuring.
pub fn draw(line: &str, theme: &Theme, area: Rect, buffer: &mut Buffer) {
    let right = area.right().min(buffer.area.right());
    let mut x = area.x;
    for (token, style) in tokens(line, theme) {
        if x >= right {
            break;
        }
        if token.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) {
            for byte in token.bytes() {
                if x >= right {
                    break;
                }
                buffer[(x, area.y)]
                    .set_char(char::from(byte))
                    .set_style(style);
                x += 1;
            }
        } else {
            let room = usize::from(right - x);
            x = buffer.set_stringn(x, area.y, token, room, style).0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"{
  "TaskList": [
    {
      "Name": "Site \"A\" visit",
      "RelatedEntity": 1,
      "TaskType": {
        "Name": "Meeting"
      },
      "CustomFields": {
        "mx_Custom_1": "x"
      }
    },
    {
      "Name": "Call"
    }
  ],
  "StatusWebhookURL": "https://h.example.com"
}"#;

    #[test]
    fn every_line_knows_its_member_and_task() {
        let lines: Vec<&str> = BODY.lines().collect();
        let found = members(&lines);
        let at = |i: usize| (found[i].member.as_str(), found[i].task);
        assert_eq!(at(0), ("body", None));
        assert_eq!(at(1), ("TaskList", None));
        assert_eq!(at(2), ("task", Some(1)));
        assert_eq!(at(3), ("Name", Some(1)));
        assert_eq!(at(4), ("RelatedEntity", Some(1)));
        assert_eq!(at(5), ("TaskType", Some(1)));
        assert_eq!(at(6), ("TaskType.Name", Some(1)));
        assert_eq!(at(7), ("TaskType", Some(1)));
        assert_eq!(at(9), ("CustomFields.mx_Custom_1", Some(1)));
        assert_eq!(at(11), ("task", Some(1)));
        assert_eq!(at(12), ("task", Some(2)));
        assert_eq!(at(13), ("Name", Some(2)));
        assert_eq!(at(15), ("TaskList", None));
        assert_eq!(at(16), ("StatusWebhookURL", None));
        assert_eq!(at(17), ("body", None));
    }

    #[test]
    fn highlighting_keeps_every_character() {
        let theme = Theme::new(true);
        for line in BODY.lines() {
            let shown: String = highlight(line, &theme)
                .spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect();
            assert_eq!(shown, line);
        }
        let spans = highlight(r#"  "Name": "a \" b","#, &theme).spans;
        assert_eq!(spans[1].content, r#""Name""#);
        assert_eq!(spans[1].style, theme.json_key);
        assert_eq!(spans[4].content, r#""a \" b""#);
        assert_eq!(spans[4].style, theme.json_string);
    }

    /// Drawing straight into the buffer gives the very cells the coloured line gives, for
    /// ASCII and for wide and combined characters, cut at any width.
    #[test]
    fn drawing_a_line_matches_rendering_its_highlight() {
        use ratatui::widgets::Widget;
        let theme = Theme::new(true);
        let mut lines: Vec<&str> = BODY.lines().collect();
        let unusual = "      \"Name\": \"Café 表 🎉 e\u{301}\",   \"n\": -1.5e3, \"ok\": true";
        lines.push(unusual);
        for line in lines {
            for width in [1, 7, 30, 80] {
                let area = Rect::new(2, 1, width, 1);
                let mut expected = Buffer::empty(Rect::new(0, 0, 90, 3));
                highlight(line, &theme).render(area, &mut expected);
                let mut drawn = Buffer::empty(Rect::new(0, 0, 90, 3));
                draw(line, &theme, area, &mut drawn);
                assert_eq!(drawn, expected, "{line:?} at width {width}");
            }
        }
    }
}
