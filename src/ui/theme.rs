//! Colours and markers.
//!
//! The room PC's terminal may be dark or light, so no style sets a foreground without also
//! setting its background (or uses reverse video, which swaps whatever the terminal has).
//! Nothing depends on colour alone: selection, focus and message kinds also carry a marker,
//! reverse video, bold or underline, so the screen still reads in monochrome.

use ratatui::style::{Color, Modifier, Style};

/// Markers that carry meaning without colour.
pub mod glyph {
    /// In front of the selected row of a list.
    pub const SELECTED: &str = "▶ ";
    /// In front of the other rows, keeping the columns aligned.
    pub const UNSELECTED: &str = "  ";
    pub const CHECKED: &str = "[x] ";
    pub const UNCHECKED: &str = "[ ] ";
    pub const SUCCESS: &str = "✓ ";
    pub const ERROR: &str = "✗ ";
    pub const INFO: &str = "i ";
    /// Shown for each character of a masked field (passphrases).
    pub const MASK: &str = "•";
    /// Between the frame title and the screen title, and around the date/user.
    pub const SEPARATOR: &str = " │ ";
    /// Around the focused button of a dialog.
    pub const BUTTON_OPEN: &str = "[ ";
    pub const BUTTON_CLOSE: &str = " ]";
}

/// The styles every widget draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title_bar: Style,
    pub body: Style,
    pub hint_key: Style,
    pub hint_label: Style,
    pub selected: Style,
    pub field: Style,
    pub field_focused: Style,
    pub field_problem: Style,
    pub info: Style,
    pub success: Style,
    pub error: Style,
    pub dialog: Style,
    pub dialog_border: Style,
    pub button: Style,
    pub button_focused: Style,
    pub notice: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            title_bar: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            body: Style::new(),
            hint_key: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            hint_label: Style::new(),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            field: Style::new().add_modifier(Modifier::UNDERLINED),
            field_focused: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            field_problem: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            info: Style::new(),
            success: Style::new().fg(Color::Black).bg(Color::Green),
            error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            dialog: Style::new(),
            dialog_border: Style::new().add_modifier(Modifier::BOLD),
            button: Style::new(),
            button_focused: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            notice: Style::new().add_modifier(Modifier::BOLD),
        }
    }
}

impl Theme {
    /// Without any colour, for `NO_COLOR` and monochrome terminals: modifiers only. The
    /// styles that told their meaning by colour get reverse video or bold instead.
    pub fn monochrome() -> Self {
        let plain = |style: Style| Style {
            fg: None,
            bg: None,
            ..style
        };
        let t = Theme::default();
        let strong = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        Theme {
            title_bar: strong,
            body: plain(t.body),
            hint_key: plain(t.hint_key),
            hint_label: plain(t.hint_label),
            selected: plain(t.selected),
            field: plain(t.field),
            field_focused: plain(t.field_focused),
            field_problem: strong,
            info: plain(t.info),
            success: Style::new().add_modifier(Modifier::BOLD),
            error: strong,
            dialog: plain(t.dialog),
            dialog_border: plain(t.dialog_border),
            button: plain(t.button),
            button_focused: plain(t.button_focused),
            notice: plain(t.notice),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A foreground without a background is unreadable on one of the two terminal themes.
    #[test]
    fn colours_come_in_pairs() {
        let t = Theme::default();
        for style in [
            t.title_bar,
            t.body,
            t.hint_key,
            t.hint_label,
            t.selected,
            t.field,
            t.field_focused,
            t.field_problem,
            t.info,
            t.success,
            t.error,
            t.dialog,
            t.dialog_border,
            t.button,
            t.button_focused,
            t.notice,
        ] {
            assert_eq!(style.fg.is_some(), style.bg.is_some(), "{style:?}");
        }
    }

    #[test]
    fn monochrome_has_no_colour() {
        let t = Theme::monochrome();
        for style in [t.title_bar, t.success, t.error, t.field_problem, t.selected] {
            assert!(style.fg.is_none() && style.bg.is_none(), "{style:?}");
        }
    }
}
