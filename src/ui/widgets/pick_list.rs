//! The one list widget: pick one row (visitors found, sessions, housing units, menus) or
//! tick several (languages, needs, purposes). Typing filters the rows by any part of their
//! label, folded like the search (`muller` finds "Müller"); Space ticks only the highlighted
//! row; a cue says when rows are cut off above or below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::ui::action::Action;
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::sanitize::{display_width, fit};
use crate::ui::theme::{Theme, glyph};
use crate::ui::widgets::list_cursor::ListCursor;

/// Longest filter kept: a label is never longer, so more letters cannot match anything.
const MAX_FILTER_CHARS: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    One,
    Many,
}

#[derive(Debug, Clone)]
pub struct PickList {
    choice: Choice,
    items: Vec<String>,
    /// Each label lower-cased and folded, computed once per item.
    keys: Vec<(String, String)>,
    checked: Vec<bool>,
    filter: String,
    /// The item indices that match the filter, in order; the cursor moves over these.
    shown: Vec<usize>,
    cursor: ListCursor,
    focused: bool,
    theme: Theme,
    lang: Lang,
}

fn keys_of(label: &str) -> (String, String) {
    (label.to_lowercase(), crate::search::fold(label))
}

impl PickList {
    /// A list to pick one row from. Items are shown sanitised and cut to the width; they may
    /// come from anywhere.
    pub fn single(items: Vec<String>) -> Self {
        Self::build(Choice::One, items)
    }

    /// A list of checkboxes.
    pub fn multiple(items: Vec<String>) -> Self {
        Self::build(Choice::Many, items)
    }

    fn build(choice: Choice, items: Vec<String>) -> Self {
        let mut list = PickList {
            choice,
            keys: Vec::new(),
            checked: Vec::new(),
            items: Vec::new(),
            filter: String::new(),
            shown: Vec::new(),
            cursor: ListCursor::new(0),
            focused: true,
            theme: Theme::default(),
            lang: Lang::default(),
        };
        list.set_items(items);
        list
    }

    pub fn with_theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }

    /// Without focus, no row is marked (a list beside the field being typed into).
    pub fn unmarked_unfocused(mut self) -> Self {
        self.cursor.mark_unfocused = false;
        self
    }

    /// The language of the cues ("weitere ↓"); German unless set.
    pub fn with_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    pub fn items(&self) -> &[String] {
        &self.items
    }

    /// Replaces the items (a new search result) and keeps the selection in range. Ticks and
    /// the filter start over.
    pub fn set_items(&mut self, items: Vec<String>) {
        self.keys = items.iter().map(|l| keys_of(l)).collect();
        self.checked = vec![false; items.len()];
        self.items = items;
        self.filter.clear();
        // New items (a new search result): the highlight keeps its row, in range.
        self.shown = (0..self.items.len()).collect();
        self.cursor.set_len(self.shown.len());
    }

    fn matches(&self, index: usize) -> bool {
        if self.filter.is_empty() {
            return true;
        }
        let (lower, folded) = &self.keys[index];
        let typed = self.filter.to_lowercase();
        if lower.contains(&typed) {
            return true;
        }
        let typed = crate::search::fold(&self.filter);
        !typed.is_empty() && folded.contains(&typed)
    }

    /// Recomputes the rows shown, keeping the highlighted item when it still matches, else
    /// the first match.
    fn refilter(&mut self) {
        let before = self.selected();
        self.shown = (0..self.items.len()).filter(|&i| self.matches(i)).collect();
        self.cursor.set_len(self.shown.len());
        let at = before
            .and_then(|b| self.shown.iter().position(|&i| i == b))
            .unwrap_or(0);
        self.cursor.select(at);
    }

    /// What was typed to filter the rows.
    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn clear_filter(&mut self) {
        if !self.filter.is_empty() {
            self.filter.clear();
            self.refilter();
        }
    }

    /// The highlighted item's index among all items, `None` when no row is shown.
    pub fn selected(&self) -> Option<usize> {
        self.cursor
            .selected()
            .and_then(|i| self.shown.get(i).copied())
    }

    pub fn selected_item(&self) -> Option<&str> {
        self.selected()
            .and_then(|i| self.items.get(i))
            .map(String::as_str)
    }

    /// Highlights item `index`; ignored when it is out of range or filtered out.
    pub fn select(&mut self, index: usize) {
        if let Some(at) = self.shown.iter().position(|&i| i == index) {
            self.cursor.select(at);
        }
    }

    /// Whether the highlight is on the first row shown (↑ then leaves the list).
    pub fn at_top(&self) -> bool {
        self.cursor.selected().is_none_or(|i| i == 0)
    }

    pub fn set_focused(&mut self, focused: bool) {
        self.focused = focused;
    }

    pub fn is_checked(&self, index: usize) -> bool {
        self.checked.get(index).copied().unwrap_or(false)
    }

    /// The indices of the ticked rows, in order (whatever the filter shows).
    pub fn checked(&self) -> Vec<usize> {
        (0..self.items.len()).filter(|&i| self.checked[i]).collect()
    }

    pub fn set_checked(&mut self, index: usize, on: bool) {
        if let Some(slot) = self.checked.get_mut(index) {
            *slot = on;
        }
    }

    /// Flips the highlighted row (lists of checkboxes).
    pub fn toggle(&mut self) {
        if let Some(i) = self.selected() {
            self.checked[i] = !self.checked[i];
        }
    }

    /// Movement; letters, digits and Backspace edit the filter; in a list of checkboxes
    /// Space (or `toggle`) flips the highlighted row and a click ticks the row under it.
    /// Returns whether the action was for the list. ↑ on the first row is not: the screen
    /// moves to the field above.
    pub fn handle(&mut self, action: &Action) -> bool {
        match action {
            Action::Toggle | Action::Input(' ') if self.choice == Choice::Many => {
                self.toggle();
                true
            }
            Action::Input(' ') | Action::Toggle => false,
            Action::Input(c) if !c.is_control() => {
                if self.filter.chars().count() < MAX_FILTER_CHARS {
                    self.filter.push(*c);
                    self.refilter();
                }
                true
            }
            Action::Paste(text) => {
                let clean: String = text.chars().filter(|c| !c.is_control()).collect();
                self.filter.push_str(clean.trim());
                self.filter = self.filter.chars().take(MAX_FILTER_CHARS).collect();
                self.refilter();
                true
            }
            Action::DeleteBack if !self.filter.is_empty() => {
                self.filter.pop();
                self.refilter();
                true
            }
            Action::ClearField if !self.filter.is_empty() => {
                self.clear_filter();
                true
            }
            Action::Up if self.at_top() => false,
            Action::Click { col, row } => self.click(*col, *row).is_some(),
            other => self.cursor.handle(other),
        }
    }

    /// Highlights the row under a mouse click (and, in a list of checkboxes, flips it);
    /// returns the item's index. Needs the list to have been drawn once.
    pub fn click(&mut self, col: u16, row: u16) -> Option<usize> {
        let at = self.cursor.row_at(col, row)?;
        self.cursor.select(at);
        if self.choice == Choice::Many {
            self.toggle();
        }
        self.selected()
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let mut rows = area;
        if !self.filter.is_empty() && area.height > 1 {
            let text = if self.shown.is_empty() {
                fill(Msg::ListNoMatch, self.lang, &[("text", &self.filter)])
            } else {
                fill(
                    Msg::ListFilter,
                    self.lang,
                    &[
                        ("text", &self.filter),
                        ("shown", &self.shown.len().to_string()),
                        ("total", &self.items.len().to_string()),
                    ],
                )
            };
            let width = usize::from(area.width);
            frame.buffer_mut().set_stringn(
                area.x,
                area.y,
                fit(&text, width),
                width,
                self.theme.info,
            );
            rows = Rect {
                y: area.y + 1,
                height: area.height - 1,
                ..area
            };
        }
        let many = self.choice == Choice::Many;
        self.cursor.render(
            frame,
            rows,
            &self.theme,
            self.focused,
            |i| match self.shown.get(i) {
                Some(&item) if many && self.is_checked(item) => glyph::CHECKED,
                Some(_) if many => glyph::UNCHECKED,
                _ => "",
            },
            |i| {
                self.shown
                    .get(i)
                    .and_then(|&item| self.items.get(item))
                    .map_or("", String::as_str)
            },
        );
        let (above, below) = self.cursor.cut_off();
        if rows.height == 0 {
            return;
        }
        if above {
            self.cue(frame, rows, rows.y, Msg::ListMoreAbove);
        }
        if below {
            self.cue(frame, rows, rows.y + rows.height - 1, Msg::ListMoreBelow);
        }
    }

    /// "weitere ↓" at the right end of row `y`, over whatever is there.
    fn cue(&self, frame: &mut Frame, rows: Rect, y: u16, msg: Msg) {
        let text = format!(" {} ", msg.text(self.lang));
        let width = u16::try_from(display_width(&text)).unwrap_or(u16::MAX);
        if width >= rows.width {
            return;
        }
        let x = rows.x + rows.width - width;
        frame.buffer_mut().set_stringn(
            x,
            y,
            &text,
            usize::from(width),
            Style::default().patch(self.theme.info),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn units(n: usize) -> PickList {
        PickList::single((1..=n).map(|i| format!("Unterkunft {i}")).collect())
    }

    fn draw(list: &PickList, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| list.render(f, Rect::new(0, 1, width, height - 1)))
            .unwrap();
        terminal.backend().to_string()
    }

    #[test]
    fn moves_and_stops_at_the_ends_and_up_at_the_top_leaves() {
        let mut l = units(3);
        assert_eq!(l.selected(), Some(0));
        assert!(
            !l.handle(&Action::Up),
            "↑ on the first row goes to the field above"
        );
        l.handle(&Action::Last);
        assert_eq!(l.selected(), Some(2));
        assert!(l.handle(&Action::Down));
        assert_eq!(l.selected(), Some(2));
        assert!(l.handle(&Action::Up));
        assert_eq!(l.selected(), Some(1));
        assert!(!l.handle(&Action::Save));
        assert_eq!(PickList::single(vec![]).selected(), None);
    }

    #[test]
    fn typing_filters_by_any_part_and_backspace_widens_again() {
        let mut l = units(60);
        l.handle(&Action::Input('2'));
        l.handle(&Action::Input('3'));
        assert_eq!(l.selected_item(), Some("Unterkunft 23"));
        let screen = draw(&l, 40, 5);
        assert!(screen.contains("Filter: 23  (1 von 60)"), "{screen}");
        assert!(screen.contains("▶ Unterkunft 23"), "{screen}");
        assert!(!screen.contains("Unterkunft 22"), "{screen}");
        l.handle(&Action::DeleteBack);
        assert_eq!(l.filter(), "2");
        // The highlighted item stays highlighted while the filter widens.
        assert_eq!(l.selected_item(), Some("Unterkunft 23"));
        l.handle(&Action::DeleteBack);
        assert!(!l.handle(&Action::DeleteBack), "nothing left to delete");
        assert_eq!(l.selected(), Some(22));
    }

    #[test]
    fn filter_is_folded_like_the_search() {
        let mut l = PickList::multiple(vec!["Arabisch".into(), "Türkisch".into()]);
        for c in "turk".chars() {
            l.handle(&Action::Input(c));
        }
        assert_eq!(l.selected_item(), Some("Türkisch"));
        let mut none = PickList::single(vec!["Arabisch".into()]);
        for c in "xyz".chars() {
            none.handle(&Action::Input(c));
        }
        assert_eq!(none.selected(), None);
        let screen = draw(&none, 60, 3);
        assert!(screen.contains("Nichts passt zu „xyz“"), "{screen}");
    }

    #[test]
    fn space_ticks_only_the_highlighted_row_and_ticks_survive_the_filter() {
        let mut m = PickList::multiple(vec![
            "Arabisch".into(),
            "Tigrinya".into(),
            "Kurdisch".into(),
        ]);
        for c in "kur".chars() {
            m.handle(&Action::Input(c));
        }
        assert!(m.handle(&Action::Input(' ')));
        assert_eq!(m.checked(), [2]);
        m.clear_filter();
        m.handle(&Action::First);
        m.handle(&Action::Toggle);
        assert_eq!(m.checked(), [0, 2]);
        let single = &mut units(3);
        assert!(
            !single.handle(&Action::Input(' ')),
            "the screen decides what Space picks"
        );
        assert_eq!(single.checked(), Vec::<usize>::new());
    }

    #[test]
    fn cue_shows_rows_cut_off() {
        let mut l = units(20);
        let screen = draw(&l, 40, 6);
        assert!(screen.contains("weitere ↓"), "{screen}");
        assert!(!screen.contains("weitere ↑"), "{screen}");
        l.handle(&Action::Last);
        let screen = draw(&l, 40, 6);
        assert!(screen.contains("weitere ↑"), "{screen}");
        assert!(!screen.contains("weitere ↓"), "{screen}");
        assert!(screen.contains("▶ Unterkunft 20"), "{screen}");
        let all = draw(&units(3), 40, 6);
        assert!(!all.contains("weitere"), "{all}");
    }

    #[test]
    fn scrolls_and_maps_clicks_to_items() {
        let mut l = units(20);
        l.handle(&Action::Last);
        let _ = draw(&l, 20, 6);
        // Row 1 of the terminal is the first visible row: entry 16 (index 15).
        assert_eq!(l.click(3, 1), Some(15));
        assert_eq!(l.selected(), Some(15));
        assert_eq!(l.click(3, 0), None, "above the list");
        assert_eq!(l.click(25, 2), None, "right of the list");
        l.handle(&Action::PageUp);
        assert_eq!(l.selected(), Some(10));
    }

    #[test]
    fn hostile_items_are_drawn_harmlessly() {
        let l = PickList::single(vec!["\u{1b}]0;x\u{7}Ali\u{202e}ca".into()]);
        let screen = draw(&l, 20, 2);
        assert!(screen.contains("▶ Alica"), "{screen}");
    }

    #[test]
    fn set_items_keeps_selection_in_range() {
        let mut l = units(10);
        l.handle(&Action::Last);
        l.set_items(vec!["a".into(), "b".into()]);
        assert_eq!(l.selected(), Some(1));
        assert_eq!(l.selected_item(), Some("b"));
    }
}
