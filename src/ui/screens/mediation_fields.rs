//! The labelled text fields of the Sprachvermittlung forms (a new request, a
//! pool member): Tab/↓ and Shift+Tab/↑ move between them.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::ui::action::Action;
use crate::ui::catalog::{Lang, Msg};
use crate::ui::layout::{labelled, row, text};
use crate::ui::theme::Theme;
use crate::ui::widgets::TextField;

pub struct Fields {
    items: Vec<(Msg, TextField)>,
    initial: Vec<String>,
    focus: usize,
}

impl Fields {
    /// `(label, longest input, starting value)` for each field.
    pub fn new(lang: Lang, specs: Vec<(Msg, usize, String)>) -> Self {
        let initial = specs.iter().map(|(_, _, v)| v.clone()).collect();
        let mut items: Vec<(Msg, TextField)> = specs
            .into_iter()
            .map(|(label, max, value)| {
                (
                    label,
                    TextField::new(lang).with_max_len(max).with_value(value),
                )
            })
            .collect();
        if let Some((_, first)) = items.first_mut() {
            first.set_focused(true);
        }
        Self {
            items,
            initial,
            focus: 0,
        }
    }

    pub fn value(&self, index: usize) -> &str {
        self.items.get(index).map_or("", |(_, f)| f.value())
    }

    pub fn focus_on(&mut self, index: usize) {
        if index < self.items.len() {
            self.focus = index;
            for (i, (_, field)) in self.items.iter_mut().enumerate() {
                field.set_focused(i == index);
            }
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.items
            .iter()
            .zip(&self.initial)
            .any(|((_, f), v)| f.value() != v)
    }

    /// Moves the focus or edits the focused field; false: not for the fields.
    pub fn handle(&mut self, action: &Action) -> bool {
        let n = self.items.len();
        match action {
            Action::NextField | Action::Down if n > 0 => {
                self.focus_on((self.focus + 1) % n);
                true
            }
            Action::PrevField | Action::Up if n > 0 => {
                self.focus_on((self.focus + n - 1) % n);
                true
            }
            other => self
                .items
                .get_mut(self.focus)
                .is_some_and(|(_, f)| f.handle(other)),
        }
    }

    /// One row each, from row `y` of `area`; returns the next free row.
    pub fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        y: u16,
        label_w: u16,
        lang: Lang,
        theme: &Theme,
    ) -> u16 {
        let mut y = y;
        for (i, (label, field)) in self.items.iter().enumerate() {
            let place = labelled(
                frame,
                row(area, y),
                label.text(lang),
                label_w,
                i == self.focus,
            );
            field.render(frame, place);
            y += 1;
            if let Some(notice) = field.notice() {
                text(frame, row(area, y), &notice, theme.error);
                y += 1;
            }
        }
        y
    }
}
