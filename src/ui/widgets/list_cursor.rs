//! Selection and scrolling shared by the list widgets.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::ui::action::Action;
use crate::ui::sanitize::fit;
use crate::ui::theme::{Theme, glyph};
use crate::ui::widgets::contains;

/// Which row is selected and which is at the top. The top row and the page height are
/// only known when drawing, so they live in `Cell`s and `render` can stay `&self`.
#[derive(Debug, Clone, Default)]
pub(crate) struct ListCursor {
    pub len: usize,
    pub selected: usize,
    offset: Cell<usize>,
    area: Cell<Rect>,
    pub mark_unfocused: bool,
}

impl ListCursor {
    pub fn new(len: usize) -> Self {
        ListCursor {
            len,
            mark_unfocused: true,
            ..ListCursor::default()
        }
    }

    pub fn set_len(&mut self, len: usize) {
        self.len = len;
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    pub fn select(&mut self, index: usize) {
        if index < self.len {
            self.selected = index;
        }
    }

    pub fn selected(&self) -> Option<usize> {
        (self.len > 0).then_some(self.selected)
    }

    fn page(&self) -> usize {
        usize::from(self.area.get().height).max(1)
    }

    /// Moves the selection; `true` when the action was a movement, even at an end.
    pub fn handle(&mut self, action: &Action) -> bool {
        let last = self.len.saturating_sub(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(self.page()),
            Action::PageDown => (self.selected + self.page()).min(last),
            Action::First => 0,
            Action::Last => last,
            _ => return false,
        };
        true
    }

    /// Rows cut off above and below the part drawn last: the list shows a cue for them.
    pub fn cut_off(&self) -> (bool, bool) {
        let offset = self.offset.get();
        let height = usize::from(self.area.get().height);
        (offset > 0, offset + height < self.len)
    }

    /// The row index under a click, if the click hit a row of the last drawn list.
    pub fn row_at(&self, col: u16, row: u16) -> Option<usize> {
        let area = self.area.get();
        if !contains(area, col, row) {
            return None;
        }
        let index = self.offset.get() + usize::from(row - area.y);
        (index < self.len).then_some(index)
    }

    /// Draws `text(i)` for the visible rows, keeping the selection in view. `prefix(i)` comes
    /// before the text (checkbox); the selected row gets a marker and reverse video, so it
    /// shows without colour.
    pub fn render<'a>(
        &self,
        frame: &mut Frame,
        area: Rect,
        theme: &Theme,
        focused: bool,
        prefix: impl Fn(usize) -> &'static str,
        text: impl Fn(usize) -> &'a str,
    ) {
        self.area.set(area);
        let height = usize::from(area.height);
        if height == 0 || area.width == 0 {
            return;
        }
        let mut offset = self.offset.get();
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        offset = offset.min(self.len.saturating_sub(height));
        self.offset.set(offset);

        let buf = frame.buffer_mut();
        for (row, index) in (offset..self.len).take(height).enumerate() {
            let y = area.y + u16::try_from(row).unwrap_or(u16::MAX);
            // An unfocused list marks its row only when the row means something there (the
            // hit Enter opens); otherwise the marker would look like a second focus.
            let is_selected = index == self.selected && (focused || self.mark_unfocused);
            let marker = if is_selected {
                glyph::SELECTED
            } else {
                glyph::UNSELECTED
            };
            let style = if is_selected && focused {
                theme.selected
            } else if is_selected {
                theme.body.add_modifier(ratatui::style::Modifier::BOLD)
            } else {
                theme.body
            };
            let line_area = Rect {
                x: area.x,
                y,
                width: area.width,
                height: 1,
            };
            buf.set_style(line_area, style);
            let head = format!("{marker}{}", prefix(index));
            let head_width = crate::ui::sanitize::display_width(&head);
            let width = usize::from(area.width);
            let body = fit(text(index), width.saturating_sub(head_width));
            let line = format!("{head}{body}");
            buf.set_stringn(area.x, y, fit(&line, width), width, Style::default());
        }
    }
}
