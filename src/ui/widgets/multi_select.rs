//! A list of checkboxes: languages spoken, needs, purposes of consent.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::ui::action::Action;
use crate::ui::theme::{Theme, glyph};
use crate::ui::widgets::list_cursor::ListCursor;

#[derive(Debug, Clone)]
pub struct MultiSelect {
    items: Vec<String>,
    checked: Vec<bool>,
    cursor: ListCursor,
    focused: bool,
    theme: Theme,
}

impl MultiSelect {
    pub fn new(items: Vec<String>) -> Self {
        MultiSelect {
            checked: vec![false; items.len()],
            cursor: ListCursor::new(items.len()),
            items,
            focused: true,
            theme: Theme::default(),
        }
    }

    pub fn with_theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }

    pub fn items(&self) -> &[String] {
        &self.items
    }

    /// The row under the cursor, `None` for an empty list.
    pub fn selected(&self) -> Option<usize> {
        self.cursor.selected()
    }

    pub fn is_checked(&self, index: usize) -> bool {
        self.checked.get(index).copied().unwrap_or(false)
    }

    /// The indices of the ticked rows, in order.
    pub fn checked(&self) -> Vec<usize> {
        (0..self.items.len()).filter(|&i| self.checked[i]).collect()
    }

    pub fn set_checked(&mut self, index: usize, on: bool) {
        if let Some(slot) = self.checked.get_mut(index) {
            *slot = on;
        }
    }

    pub fn set_focused(&mut self, focused: bool) {
        self.focused = focused;
    }

    /// Flips the row under the cursor.
    pub fn toggle(&mut self) {
        if let Some(i) = self.cursor.selected() {
            self.checked[i] = !self.checked[i];
        }
    }

    /// Movement as in a list; `toggle` (or a typed space, in forms where space is not bound)
    /// flips the current row; a click moves to a row and flips it.
    pub fn handle(&mut self, action: &Action) -> bool {
        match action {
            Action::Toggle | Action::Input(' ') => {
                self.toggle();
                true
            }
            Action::Click { col, row } => self.click(*col, *row).is_some(),
            other => self.cursor.handle(other),
        }
    }

    /// Moves to the clicked row and flips it; returns its index.
    pub fn click(&mut self, col: u16, row: u16) -> Option<usize> {
        let index = self.cursor.row_at(col, row)?;
        self.cursor.select(index);
        self.toggle();
        Some(index)
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        self.cursor.render(
            frame,
            area,
            &self.theme,
            self.focused,
            |i| {
                if self.is_checked(i) {
                    glyph::CHECKED
                } else {
                    glyph::UNCHECKED
                }
            },
            |i| self.items.get(i).map_or("", String::as_str),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    #[test]
    fn toggles_with_space_action_and_click() {
        let mut m = MultiSelect::new(vec![
            "Arabisch".into(),
            "Tigrinya".into(),
            "Kurdisch".into(),
        ]);
        assert!(m.handle(&Action::Toggle));
        m.handle(&Action::Down);
        m.handle(&Action::Down);
        m.handle(&Action::Input(' '));
        assert_eq!(m.checked(), [0, 2]);
        assert!(!m.handle(&Action::Input('x')));

        let mut terminal = Terminal::new(TestBackend::new(20, 3)).unwrap();
        terminal.draw(|f| m.render(f, f.area())).unwrap();
        let screen = terminal.backend().to_string();
        assert!(screen.contains("  [x] Arabisch"), "{screen}");
        assert!(screen.contains("▶ [x] Kurdisch"), "{screen}");
        assert_eq!(m.click(5, 1), Some(1));
        assert_eq!(m.checked(), [0, 1, 2]);
        assert_eq!(m.selected(), Some(1));
    }
}
