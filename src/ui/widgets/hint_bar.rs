//! The key bar at the bottom, like nano or Midnight Commander: `F1 Hilfe  F2 Aufnahme …`.
//! Built from the live keymap, so it never tells a key that does something else.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::ui::action::{Action, Mode};
use crate::ui::catalog::Lang;
use crate::ui::keymap::Keymap;
use crate::ui::sanitize::{display_width, fit};
use crate::ui::theme::Theme;

/// Space between two hints.
const GAP: usize = 2;

#[derive(Debug, Clone, Default)]
pub struct HintBar {
    hints: Vec<(String, String)>,
    theme: Theme,
}

impl HintBar {
    /// Hints as (key, label) pairs, most important first: what does not fit is left out
    /// from the end.
    pub fn new(hints: Vec<(String, String)>) -> Self {
        HintBar {
            hints,
            theme: Theme::default(),
        }
    }

    /// The keys of `actions` in `mode`, from `keymap`. Actions without a key are skipped.
    pub fn from_keymap(keymap: &Keymap, mode: Mode, actions: &[Action], lang: Lang) -> Self {
        HintBar::new(keymap.hints(mode, actions, lang))
    }

    pub fn with_theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }

    pub fn hints(&self) -> &[(String, String)] {
        &self.hints
    }

    fn hint_width((key, label): &(String, String)) -> usize {
        display_width(key) + 1 + display_width(label)
    }

    /// Rows needed to show every hint at `width`, at most `max_rows`.
    pub fn rows_needed(&self, width: u16, max_rows: u16) -> u16 {
        let width = usize::from(width);
        if width == 0 || self.hints.is_empty() {
            return 0;
        }
        let mut rows = 1u16;
        let mut used = 0;
        for hint in &self.hints {
            let w = Self::hint_width(hint);
            let needed = if used == 0 { w } else { used + GAP + w };
            if needed <= width || used == 0 {
                used = needed;
            } else {
                rows += 1;
                used = w;
            }
        }
        rows.min(max_rows)
    }

    /// Flows the hints over the rows of `area`, key in reverse video, label plain.
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let width = usize::from(area.width);
        let buf = frame.buffer_mut();
        buf.set_style(area, self.theme.hint_label);
        let mut row = 0u16;
        let mut used = 0usize;
        for hint in &self.hints {
            let w = Self::hint_width(hint);
            if used > 0 && used + GAP + w > width {
                row += 1;
                used = 0;
            }
            if row >= area.height {
                break;
            }
            if used > 0 {
                used += GAP;
            }
            let y = area.y + row;
            let x = area.x + u16::try_from(used).unwrap_or(u16::MAX);
            let (key, label) = hint;
            let key = fit(key, width.saturating_sub(used));
            let key_w = display_width(&key);
            buf.set_stringn(x, y, &key, key_w, self.theme.hint_key);
            let label_x = used + key_w + 1;
            if label_x < width {
                let label = fit(label, width - label_x);
                let lx = area.x + u16::try_from(label_x).unwrap_or(u16::MAX);
                buf.set_stringn(lx, y, &label, width - label_x, self.theme.hint_label);
            }
            used += w;
        }
    }
}
