//! A vertical list to pick one entry from: visitors found, sessions of the day, housing units.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::ui::action::Action;
use crate::ui::theme::Theme;
use crate::ui::widgets::list_cursor::ListCursor;

#[derive(Debug, Clone)]
pub struct ChoiceList {
    items: Vec<String>,
    cursor: ListCursor,
    focused: bool,
    theme: Theme,
}

impl ChoiceList {
    /// Items are shown sanitised and cut to the width; they may come from anywhere.
    pub fn new(items: Vec<String>) -> Self {
        ChoiceList {
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

    /// Replaces the items (a new search result) and keeps the selection in range.
    pub fn set_items(&mut self, items: Vec<String>) {
        self.cursor.set_len(items.len());
        self.items = items;
    }

    /// The selected index, `None` for an empty list.
    pub fn selected(&self) -> Option<usize> {
        self.cursor.selected()
    }

    pub fn selected_item(&self) -> Option<&str> {
        self.selected()
            .and_then(|i| self.items.get(i))
            .map(String::as_str)
    }

    /// Selects `index`; out-of-range indices are ignored.
    pub fn select(&mut self, index: usize) {
        self.cursor.select(index);
    }

    pub fn set_focused(&mut self, focused: bool) {
        self.focused = focused;
    }

    /// Up/Down/PageUp/PageDown/First/Last move the selection; a click selects the row
    /// under it. Returns whether the action was for the list.
    pub fn handle(&mut self, action: &Action) -> bool {
        match action {
            Action::Click { col, row } => self.click(*col, *row).is_some(),
            other => self.cursor.handle(other),
        }
    }

    /// Selects the row under a mouse click and returns its index, if the click was on one.
    /// Needs the list to have been drawn once, to know where it is.
    pub fn click(&mut self, col: u16, row: u16) -> Option<usize> {
        let index = self.cursor.row_at(col, row)?;
        self.cursor.select(index);
        Some(index)
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        self.cursor.render(
            frame,
            area,
            &self.theme,
            self.focused,
            |_| "",
            |i| self.items.get(i).map_or("", String::as_str),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn list(n: usize) -> ChoiceList {
        ChoiceList::new((1..=n).map(|i| format!("Eintrag {i}")).collect())
    }

    fn draw(list: &ChoiceList, height: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(20, height)).unwrap();
        terminal
            .draw(|f| list.render(f, Rect::new(0, 1, 20, height - 1)))
            .unwrap();
        terminal
    }

    #[test]
    fn moves_and_stops_at_the_ends() {
        let mut l = list(3);
        assert_eq!(l.selected(), Some(0));
        assert!(l.handle(&Action::Up));
        assert_eq!(l.selected(), Some(0));
        l.handle(&Action::Last);
        assert_eq!(l.selected(), Some(2));
        l.handle(&Action::Down);
        assert_eq!(l.selected(), Some(2));
        assert!(!l.handle(&Action::Save));
        assert_eq!(ChoiceList::new(vec![]).selected(), None);
    }

    #[test]
    fn scrolls_to_keep_the_selection_visible_and_maps_clicks() {
        let mut l = list(20);
        l.handle(&Action::Last);
        let terminal = draw(&l, 6);
        let screen = terminal.backend().to_string();
        assert!(screen.contains("▶ Eintrag 20"), "{screen}");
        assert!(screen.contains("Eintrag 16"), "{screen}");
        // Row 1 of the terminal is the first visible row: entry 16 (index 15).
        assert_eq!(l.click(3, 1), Some(15));
        assert_eq!(l.selected(), Some(15));
        assert_eq!(l.click(3, 0), None, "above the list");
        assert_eq!(l.click(25, 2), None, "right of the list");
        // PageUp moves by the height drawn.
        l.handle(&Action::PageUp);
        assert_eq!(l.selected(), Some(10));
    }

    #[test]
    fn hostile_items_are_drawn_harmlessly() {
        let l = ChoiceList::new(vec!["\u{1b}]0;x\u{7}Ali\u{202e}ca".into()]);
        let terminal = draw(&l, 2);
        let screen = terminal.backend().to_string();
        assert!(screen.contains("▶ Alica"), "{screen}");
    }

    #[test]
    fn set_items_keeps_selection_in_range() {
        let mut l = list(10);
        l.handle(&Action::Last);
        l.set_items(vec!["a".into(), "b".into()]);
        assert_eq!(l.selected(), Some(1));
        assert_eq!(l.selected_item(), Some("b"));
    }
}
