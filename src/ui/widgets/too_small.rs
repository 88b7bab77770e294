//! Shown instead of a screen when the terminal is smaller than the layouts are made for.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::sanitize::{display_width, wrap};
use crate::ui::theme::Theme;

/// Every screen is laid out for at least this size: an 80×24 terminal, the classic default.
pub const MIN_COLS: u16 = 80;
pub const MIN_ROWS: u16 = 24;

/// Whether `area` is too small for the screens.
pub fn is_too_small(area: Rect) -> bool {
    area.width < MIN_COLS || area.height < MIN_ROWS
}

#[derive(Debug, Clone)]
pub struct TooSmall {
    lang: Lang,
    theme: Theme,
}

impl TooSmall {
    pub fn new(lang: Lang) -> Self {
        TooSmall {
            lang,
            theme: Theme::default(),
        }
    }

    pub fn with_theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }

    /// Draws the notice and the current size, centred, wrapped to whatever width there is.
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        frame.render_widget(Clear, area);
        let notice = fill(
            Msg::WindowTooSmall,
            self.lang,
            &[
                ("min_cols", &MIN_COLS.to_string()),
                ("min_rows", &MIN_ROWS.to_string()),
            ],
        );
        let now = fill(
            Msg::WindowSizeNow,
            self.lang,
            &[
                ("cols", &area.width.to_string()),
                ("rows", &area.height.to_string()),
            ],
        );
        let width = usize::from(area.width.saturating_sub(2).max(1));
        let mut lines = wrap(&notice, width);
        lines.push(String::new());
        lines.extend(wrap(&now, width));
        let height = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        let top = area.y + area.height.saturating_sub(height) / 2;
        let buf = frame.buffer_mut();
        for (i, line) in lines.iter().enumerate() {
            let y = top + u16::try_from(i).unwrap_or(u16::MAX);
            if y >= area.y + area.height {
                break;
            }
            let w = u16::try_from(display_width(line)).unwrap_or(area.width);
            let x = area.x + area.width.saturating_sub(w) / 2;
            buf.set_stringn(x, y, line, usize::from(area.width), self.theme.notice);
        }
    }
}
