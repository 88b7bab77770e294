//! A scrollable view of a printable text (a report as it will come out of
//! the printer). Form feeds become a visible page break; every line is
//! sanitised when drawn, so notes typed by staff cannot move the cursor.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::ui::action::Action;
use crate::ui::layout::{row, text};
use crate::ui::theme::Theme;

/// Where a printed page ends, as shown on screen.
const PAGE_BREAK: &str =
    "┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈┈";

#[derive(Debug, Clone, Default)]
pub struct TextPreview {
    lines: Vec<String>,
    /// First line shown.
    scroll: usize,
    /// Rows of the last draw, so paging moves by what the person sees.
    height: Cell<usize>,
    theme: Theme,
}

impl TextPreview {
    pub fn new(body: &str) -> Self {
        let mut preview = Self::default();
        preview.set_text(body);
        preview
    }

    pub fn with_theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }

    /// Replaces the text; the view goes back to the top only when the text
    /// got shorter than where it was, so a reload does not lose the place.
    pub fn set_text(&mut self, body: &str) {
        self.lines.clear();
        for line in body.trim_end_matches(['\n', '\u{c}']).split('\n') {
            match line.rsplit_once('\u{c}') {
                Some((_, rest)) => {
                    self.lines.push(PAGE_BREAK.to_string());
                    self.lines.push(rest.to_string());
                }
                None => self.lines.push(line.to_string()),
            }
        }
        self.scroll = self.scroll.min(self.last_top());
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    fn page(&self) -> usize {
        self.height.get().max(2) - 1
    }

    fn last_top(&self) -> usize {
        self.lines.len().saturating_sub(self.height.get().max(1))
    }

    /// Scrolling; returns `false` for anything else.
    pub fn handle(&mut self, action: &Action) -> bool {
        let last = self.last_top();
        self.scroll = match action {
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => (self.scroll + 1).min(last),
            Action::PageUp => self.scroll.saturating_sub(self.page()),
            Action::PageDown => (self.scroll + self.page()).min(last),
            Action::First => 0,
            Action::Last => last,
            _ => return false,
        };
        true
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        self.height.set(usize::from(area.height));
        let scroll = self.scroll.min(self.last_top());
        for (i, line) in self
            .lines
            .iter()
            .skip(scroll)
            .take(usize::from(area.height))
            .enumerate()
        {
            let y = u16::try_from(i).unwrap_or(u16::MAX);
            text(frame, row(area, y), line, self.theme.body);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_feeds_become_page_breaks() {
        let preview = TextPreview::new("Seite 1\n\u{c}Seite 2\nEnde\n\u{c}");
        assert_eq!(
            preview.lines(),
            ["Seite 1", PAGE_BREAK, "Seite 2", "Ende"].map(String::from)
        );
    }

    #[test]
    fn scrolling_stops_at_the_ends() {
        let body: Vec<String> = (0..30).map(|i| format!("Zeile {i}")).collect();
        let mut preview = TextPreview::new(&body.join("\n"));
        preview.height.set(10);
        preview.handle(&Action::Up);
        assert_eq!(preview.scroll(), 0);
        preview.handle(&Action::PageDown);
        assert_eq!(preview.scroll(), 9);
        preview.handle(&Action::Last);
        assert_eq!(preview.scroll(), 20);
        preview.handle(&Action::Down);
        assert_eq!(preview.scroll(), 20);
        assert!(!preview.handle(&Action::Confirm));
    }
}
