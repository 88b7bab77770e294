//! Small layout helpers shared by the screens.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::ui::sanitize::{display_width, fit, wrap};
use crate::ui::theme::Theme;

/// One row of `area` at `offset` rows down (clipped to the area).
pub fn row(area: Rect, offset: u16) -> Rect {
    if offset >= area.height {
        return Rect {
            y: area.y + area.height,
            height: 0,
            ..area
        };
    }
    Rect {
        y: area.y + offset,
        height: 1,
        ..area
    }
}

/// Several rows of `area` from `offset`.
pub fn rows(area: Rect, offset: u16, height: u16) -> Rect {
    let first = row(area, offset);
    Rect {
        height: height.min(area.height.saturating_sub(offset)),
        ..first
    }
}

/// Area shrunk by a margin on the left and right.
pub fn inset(area: Rect, margin: u16) -> Rect {
    Rect {
        x: area.x + margin.min(area.width / 2),
        width: area.width.saturating_sub(2 * margin),
        ..area
    }
}

/// Draws `label` at the left of `row` and returns the rest of the row for the
/// field. The label of the focused field is bold and marked, so focus shows
/// without colour.
/// The width [`labelled`] needs for `label` with its focus marker and a space after it.
pub fn label_width(label: &str) -> u16 {
    u16::try_from(crate::ui::sanitize::display_width(label) + 3).unwrap_or(u16::MAX)
}

pub fn labelled(
    frame: &mut Frame,
    row: Rect,
    label: &str,
    label_width: u16,
    focused: bool,
) -> Rect {
    let width = label_width.min(row.width);
    let marker = if focused { "▸ " } else { "  " };
    let style = if focused {
        Style::new().add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    };
    let text = format!("{marker}{label}");
    frame.buffer_mut().set_stringn(
        row.x,
        row.y,
        fit(&text, usize::from(width)),
        usize::from(width),
        style,
    );
    Rect {
        x: row.x + width,
        width: row.width.saturating_sub(width),
        ..row
    }
}

/// Writes text clipped to one row.
pub fn text(frame: &mut Frame, row: Rect, text: &str, style: Style) {
    if row.height == 0 {
        return;
    }
    let width = usize::from(row.width);
    frame
        .buffer_mut()
        .set_stringn(row.x, row.y, fit(text, width), width, style);
}

/// Writes a paragraph wrapped to the area's width; returns the rows used.
pub fn paragraph(frame: &mut Frame, area: Rect, body: &str, style: Style) -> u16 {
    let mut used = 0;
    for line in wrap(body, usize::from(area.width)) {
        if used >= area.height {
            break;
        }
        text(frame, row(area, used), &line, style);
        used += 1;
    }
    used
}

/// A value chosen with ←/→, drawn `◀ value ▶` and highlighted when focused; a long value is
/// cut so that both arrows stay visible.
pub fn choice(frame: &mut Frame, place: Rect, shown: &str, focused: bool, theme: &Theme) {
    let style = if focused { theme.selected } else { theme.body };
    let inner = usize::from(place.width).saturating_sub(4);
    text(frame, place, &format!("◀ {} ▶", fit(shown, inner)), style);
}

/// A button `[ Label ]`, reversed when focused; returns where it was drawn.
pub fn button(frame: &mut Frame, row: Rect, label: &str, focused: bool, theme: &Theme) -> Rect {
    let shown = format!("[ {label} ]");
    let width = u16::try_from(display_width(&shown))
        .unwrap_or(u16::MAX)
        .min(row.width);
    let style = if focused {
        theme.button_focused
    } else {
        theme.button
    };
    let area = Rect { width, ..row };
    text(frame, area, &shown, style);
    area
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::{Terminal, backend::TestBackend};

    #[test]
    fn a_long_choice_keeps_both_arrows() {
        let mut terminal = Terminal::new(TestBackend::new(20, 1)).unwrap();
        terminal
            .draw(|f| {
                let long = "Deutschkurs für Fortgeschrittene";
                choice(f, f.area(), long, false, &Theme::default());
            })
            .unwrap();
        let shown = terminal.backend().to_string();
        assert!(shown.contains("◀ Deutschkurs für… ▶"), "{shown}");
    }
}
