//! Columns measured in terminal cells, not characters: an Arabic or CJK
//! name must not push a column out of place or a line past 80 columns.

use crate::text::sanitize::{display_width, fit, wrap};

/// `text` made safe, cut to `width` cells and padded to exactly `width`.
pub(super) fn pad(text: &str, width: usize) -> String {
    let cut = fit(text, width);
    let gap = width.saturating_sub(display_width(&cut));
    format!("{cut}{}", " ".repeat(gap))
}

/// `text` right-aligned in `width` cells (numbers; cut if ever too long).
pub(super) fn right(text: &str, width: usize) -> String {
    let cut = fit(text, width);
    let gap = width.saturating_sub(display_width(&cut));
    format!("{}{cut}", " ".repeat(gap))
}

/// `text` made safe and wrapped to `width` cells, each line prefixed by
/// `indent` spaces; at least one line, so an empty text keeps its place.
pub(super) fn wrap_indented(text: &str, indent: usize, width: usize) -> Vec<String> {
    let lines = wrap(text, width.saturating_sub(indent).max(1));
    let prefix = " ".repeat(indent);
    if lines.is_empty() {
        return vec![String::new()];
    }
    lines.into_iter().map(|l| format!("{prefix}{l}")).collect()
}

/// Like [`wrap_indented`], but keeps the line breaks staff typed into a
/// note (a run of empty lines becomes one).
pub(super) fn wrap_paragraphs(text: &str, indent: usize, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for paragraph in text.lines() {
        if paragraph.trim().is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            continue;
        }
        out.extend(wrap_indented(paragraph, indent, width));
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// `left` and `right` on one line of `width` cells, `right` flush right.
pub(super) fn spread(left: &str, right_text: &str, width: usize) -> String {
    let right_width = display_width(right_text);
    if right_width == 0 {
        return pad(left, width);
    }
    let left_width = width.saturating_sub(right_width + 1);
    format!(
        "{} {}",
        pad(left, left_width),
        fit(right_text, width - left_width - 1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_counts_cells() {
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(display_width(&pad("日本", 5)), 5);
        assert_eq!(display_width(&pad("日本語日本語", 5)), 5);
        assert_eq!(pad("محمد", 6), "محمد  ");
        assert_eq!(right("12", 5), "   12");
        assert_eq!(spread("links", "rechts", 14), "links   rechts");
        assert_eq!(wrap_indented("", 2, 10), [""]);
        assert_eq!(
            wrap_indented("eins zwei drei", 2, 10),
            ["  eins", "  zwei", "  drei"]
        );
        assert_eq!(
            wrap_paragraphs("eins\r\n\n\nzwei drei\n\n", 1, 6),
            [" eins", "", " zwei", " drei"]
        );
    }
}
