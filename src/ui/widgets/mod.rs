//! The building blocks of every screen. Each widget is a plain struct holding its state, with
//! `handle(&Action)` to change it and `render(&self, frame, area)` to draw it; none of them
//! knows about visitors, sessions or the desk.
//!
//! Widgets that draw words take the [`Lang`](crate::ui::catalog::Lang) when built; all of them
//! draw with a [`Theme`](crate::ui::theme::Theme) (the default unless `with_theme` is used).

pub mod confirm;
pub mod frame;
pub mod help_panel;
pub mod hint_bar;
pub mod message_bar;
pub mod pick_list;
pub mod text_field;
pub mod text_preview;
pub mod too_small;

mod list_cursor;

pub use confirm::{Answer, Asked, Confirm, ask};
pub use frame::{FrameAreas, ScreenFrame};
pub use help_panel::HelpPanel;
pub use hint_bar::HintBar;
pub use message_bar::{MessageBar, MessageKind};
pub use pick_list::PickList;
pub use text_field::TextField;
pub use text_preview::TextPreview;
pub use too_small::{MIN_COLS, MIN_ROWS, TooSmall, is_too_small};

use ratatui::layout::Rect;

/// A `width`×`height` rectangle centred in `area`, shrunk to fit.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Whether the cell (`col`, `row`) lies in `area`.
pub fn contains(area: Rect, col: u16, row: u16) -> bool {
    col >= area.x
        && row >= area.y
        && u32::from(col) < u32::from(area.x) + u32::from(area.width)
        && u32::from(row) < u32::from(area.y) + u32::from(area.height)
}

/// The index after (or before) `i` among `len` choices, wrapping round: Tab through a form's
/// fields, arrows through a field's options. 0 when there is nothing to choose.
pub fn wrap_step(i: usize, len: usize, forward: bool) -> usize {
    match len {
        0 => 0,
        _ if forward => (i + 1) % len,
        _ => (i % len + len - 1) % len,
    }
}

/// The item after (or before) `current` in `order`, wrapping round; the first when
/// `current` is not in it.
pub fn next_in<T: Copy + PartialEq>(order: &[T], current: T, forward: bool) -> T {
    let Some(i) = order.iter().position(|x| *x == current) else {
        return order.first().copied().unwrap_or(current);
    };
    order
        .get(wrap_step(i, order.len(), forward))
        .copied()
        .unwrap_or(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_wraps_round_both_ways() {
        assert_eq!(wrap_step(2, 3, true), 0);
        assert_eq!(wrap_step(0, 3, false), 2);
        assert_eq!(wrap_step(5, 0, true), 0);
        assert_eq!(next_in(&['a', 'b', 'c'], 'c', true), 'a');
        assert_eq!(next_in(&['a', 'b', 'c'], 'a', false), 'c');
        assert_eq!(next_in(&['a', 'b'], 'x', true), 'a');
    }
}
