//! Numbers drawn large, so a volunteer at the door reads the count from a step away.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::ui::layout::{row, text};

/// Rows a large number takes.
pub const DIGIT_ROWS: u16 = 5;

/// Each digit: five rows of three cells. Block glyphs show on every terminal font in use.
const DIGITS: [[&str; 5]; 10] = [
    ["███", "█ █", "█ █", "█ █", "███"],
    [" ██", "  █", "  █", "  █", "  █"],
    ["███", "  █", "███", "█  ", "███"],
    ["███", "  █", "███", "  █", "███"],
    ["█ █", "█ █", "███", "  █", "  █"],
    ["███", "█  ", "███", "  █", "███"],
    ["███", "█  ", "███", "█ █", "███"],
    ["███", "  █", "  █", "  █", "  █"],
    ["███", "█ █", "███", "█ █", "███"],
    ["███", "█ █", "███", "  █", "███"],
];

/// The rows of `n` in large digits, one space between digits.
pub fn lines(n: u32) -> [String; 5] {
    let digits: Vec<usize> = n
        .to_string()
        .bytes()
        .map(|b| usize::from(b.saturating_sub(b'0')).min(9))
        .collect();
    std::array::from_fn(|r| {
        digits
            .iter()
            .map(|&d| DIGITS[d][r])
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// Draws `n` large at `indent` cells into `area`; falls back to plain digits when the
/// large ones would not fit, so a big count is never cut.
pub fn render(frame: &mut Frame, area: Rect, indent: u16, n: u32, style: Style) {
    let large = lines(n);
    let needed = large[0].chars().count() as u16 + indent;
    if needed > area.width || area.height < DIGIT_ROWS {
        text(
            frame,
            row(area, 0),
            &format!("{:>1$}", n, usize::from(indent) + 1),
            style,
        );
        return;
    }
    let pad = " ".repeat(usize::from(indent));
    for (i, line) in large.iter().enumerate() {
        text(frame, row(area, i as u16), &format!("{pad}{line}"), style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_line_up() {
        let l = lines(28);
        assert_eq!(l[0], "███ ███");
        assert_eq!(l[4], "███ ███");
        assert!(l.iter().all(|r| r.chars().count() == 7));
        assert_eq!(lines(0)[1], "█ █");
    }
}
