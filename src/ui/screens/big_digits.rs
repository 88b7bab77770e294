//! Numbers drawn large, so a volunteer at the door reads the count from a step away.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::ui::layout::{row, text};

/// Rows a large number takes.
pub const DIGIT_ROWS: u16 = 5;

/// Each glyph: five rows of equal width (three cells for digits). Block glyphs show on every terminal font in use.
fn glyph(c: char) -> [&'static str; 5] {
    match c {
        '0' => ["███", "█ █", "█ █", "█ █", "███"],
        '1' => [" ██", "  █", "  █", "  █", "  █"],
        '2' => ["███", "  █", "███", "█  ", "███"],
        '3' => ["███", "  █", "███", "  █", "███"],
        '4' => ["█ █", "█ █", "███", "  █", "  █"],
        '5' => ["███", "█  ", "███", "  █", "███"],
        '6' => ["███", "█  ", "███", "█ █", "███"],
        '7' => ["███", "  █", "  █", "  █", "  █"],
        '8' => ["███", "█ █", "███", "█ █", "███"],
        '9' => ["███", "█ █", "███", "  █", "███"],
        // The visitor numbers' prefix (`M-0042`): five cells, as three would read as H.
        'M' => ["█   █", "██ ██", "█ █ █", "█   █", "█   █"],
        '-' => ["   ", "   ", "███", "   ", "   "],
        _ => ["   ", "   ", "   ", "   ", "   "],
    }
}

/// The rows of `text` in large glyphs, one space between glyphs.
pub fn lines_of(text: &str) -> [String; 5] {
    std::array::from_fn(|r| {
        text.chars()
            .map(|c| glyph(c)[r])
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// The rows of `n` in large digits.
pub fn lines(n: u32) -> [String; 5] {
    lines_of(&n.to_string())
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

    #[test]
    fn visitor_numbers_line_up() {
        let l = lines_of("M-0042");
        assert!(l.iter().all(|r| r.chars().count() == 5 + 5 * 3 + 5));
        assert_eq!(l[1], "██ ██     █ █ █ █ █ █   █");
    }
}
