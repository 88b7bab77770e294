//! The new visitor number in large block letters, to copy onto a card from across the desk.

/// Rows of each glyph; every glyph is four cells wide.
const HEIGHT: usize = 5;

fn glyph(c: char) -> [&'static str; HEIGHT] {
    match c {
        '0' => ["████", "█  █", "█  █", "█  █", "████"],
        '1' => ["  █ ", " ██ ", "  █ ", "  █ ", " ███"],
        '2' => ["████", "   █", "████", "█   ", "████"],
        '3' => ["████", "   █", " ███", "   █", "████"],
        '4' => ["█  █", "█  █", "████", "   █", "   █"],
        '5' => ["████", "█   ", "████", "   █", "████"],
        '6' => ["████", "█   ", "████", "█  █", "████"],
        '7' => ["████", "   █", "  █ ", " █  ", " █  "],
        '8' => ["████", "█  █", "████", "█  █", "████"],
        '9' => ["████", "█  █", "████", "   █", "████"],
        'M' => ["█  █", "████", "█  █", "█  █", "█  █"],
        '-' => ["    ", "    ", "████", "    ", "    "],
        _ => ["    ", "    ", "    ", "    ", "    "],
    }
}

/// `M-0042` as five lines of block letters, one column apart.
pub fn lines(number: &str) -> Vec<String> {
    (0..HEIGHT)
        .map(|row| {
            number
                .chars()
                .map(|c| glyph(c)[row])
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_even_rows() {
        let rows = lines("M-0042");
        assert_eq!(rows.len(), 5);
        assert!(rows.iter().all(|r| r.chars().count() == 6 * 4 + 5));
        assert_eq!(rows[2], "█  █ ████ █  █ █  █ ████ ████");
    }
}
