//! Display-safe text. Names and notes come from outside and are hostile: a stored
//! `ESC ] 0 ; …` would retitle the terminal, a right-to-left override would make
//! "M-0042" read as something else, and a stray `\r` would overwrite the row.
//!
//! We store exactly what was typed and clean only what is drawn. What is removed is what can
//! change the terminal or the visual order: C0/C1 controls, DEL, escape sequences, bidi
//! embedding/override/isolate/mark controls, and invisible characters that can hide text.
//! Zero-width joiner and non-joiner stay: Persian/Kurdish spelling and emoji need them.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Shown in place of a control character, so staff can see that something odd is there.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Appended when text is cut to fit.
pub const ELLIPSIS: char = '…';

/// What happens to a character on its way to the screen.
enum Treatment {
    Keep,
    /// Line breaks and tabs: a single space keeps words apart on one line.
    Space,
    /// Visible marker for controls that carry no meaning in a name.
    Replace,
    /// Invisible formatting that only matters as an attack.
    Drop,
}

fn treatment(c: char) -> Treatment {
    match c {
        '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}' => Treatment::Space,
        '\u{0000}'..='\u{001F}' | '\u{007F}'..='\u{009F}' => Treatment::Replace,
        // Bidi embeddings, overrides, isolates, marks (Trojan Source, CVE-2021-42574).
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}'
        // Zero-width space, word joiner, invisible operators, deprecated format controls,
        // byte-order mark, Mongolian vowel separator, interlinear annotation, Unicode tags
        // ("ASCII smuggling").
        | '\u{200B}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{180E}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E007F}' => Treatment::Drop,
        _ => Treatment::Keep,
    }
}

/// Whether `c` must never reach the terminal. Used by tests and by input filters.
pub fn is_unsafe(c: char) -> bool {
    !matches!(treatment(c), Treatment::Keep)
}

/// `s` made safe to draw on one line. Borrows when nothing had to change.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) && !has_emoji_joiner(s) {
        return Cow::Borrowed(s);
    }
    let s = split_emoji_sequences(s);
    let s = s.as_str();
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1B}' {
            skip_escape_sequence(&mut chars);
            continue;
        }
        match treatment(c) {
            Treatment::Keep => out.push(c),
            Treatment::Space => out.push(' '),
            Treatment::Replace => out.push(REPLACEMENT),
            Treatment::Drop => {}
        }
    }
    Cow::Owned(out)
}

/// Pictographs and the marks that go with them (variation selector 16, skin
/// tones): what a zero-width joiner may glue into one emoji.
fn is_emoji_part(c: char) -> bool {
    matches!(c,
        '\u{1F000}'..='\u{1FAFF}'
        | '\u{2600}'..='\u{27BF}'
        | '\u{2B00}'..='\u{2BFF}'
        | '\u{FE0F}'
    )
}

/// A zero-width joiner next to an emoji part.
fn has_emoji_joiner(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        *c == '\u{200D}'
            && (i.checked_sub(1).is_some_and(|p| is_emoji_part(chars[p]))
                || chars.get(i + 1).copied().is_some_and(is_emoji_part))
    })
}

/// Emoji joined by zero-width joiners (👩‍👩‍👧‍👦) are one glyph two cells wide
/// in some terminals and their parts side by side in others, so any width
/// assumed leaves stray cells in some. Drawn as their parts, every terminal
/// agrees. A joiner between letters (Persian, Kurdish) stays.
fn split_emoji_sequences(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            **c != '\u{200D}'
                || !(i.checked_sub(1).is_some_and(|p| is_emoji_part(chars[p]))
                    || chars.get(i + 1).copied().is_some_and(is_emoji_part))
        })
        .map(|(_, c)| *c)
        .collect()
}

/// Consumes the rest of an escape sequence whose ESC was just read. Whatever the sequence
/// was meant to do, it is dropped whole, so no half of it shows up as text.
fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek().copied() {
        // CSI: parameters and intermediates, then one final byte in @..~.
        Some('[') => {
            chars.next();
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7E}').contains(&c) {
                    break;
                }
            }
        }
        // OSC, DCS, SOS, PM, APC: a string ended by BEL or ST (ESC \).
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\u{07}' {
                    break;
                }
                if c == '\u{1B}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        // Two-character sequences such as ESC c (reset) or ESC 7.
        Some(c) if ('\u{20}'..='\u{7E}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// Width in terminal cells, counted per grapheme as the ratatui buffer counts it.
pub fn display_width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// `s` sanitised and cut to at most `width` cells, ending in `…` when something was cut.
/// Never splits a grapheme (a letter with its combining marks, an emoji sequence).
pub fn fit(s: &str, width: usize) -> Cow<'_, str> {
    let clean = sanitize(s);
    if display_width(&clean) <= width {
        return clean;
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let budget = width - 1; // room for the ellipsis
    let mut out = String::with_capacity(clean.len().min(width * 4));
    let mut used = 0;
    for g in clean.graphemes(true) {
        let w = g.width();
        if used + w > budget {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push(ELLIPSIS);
    Cow::Owned(out)
}

/// `s` sanitised and broken into lines of at most `width` cells, at spaces where possible;
/// a word longer than a line is broken between graphemes.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let clean = sanitize(s);
    let mut lines = Vec::new();
    if width == 0 {
        return lines;
    }
    let mut line = String::new();
    let mut line_width = 0;
    for word in clean.split(' ').filter(|w| !w.is_empty()) {
        let word_width = display_width(word);
        let gap = usize::from(!line.is_empty());
        if line_width + gap + word_width <= width {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(word);
            line_width += gap + word_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        for g in word.graphemes(true) {
            let w = g.width();
            if line_width + w > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            if w <= width {
                line.push_str(g);
                line_width += w;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `s` fitted and padded to exactly `width` cells: one column of a table.
pub fn pad(s: &str, width: usize) -> String {
    let shown = fit(s, width);
    let fill = width.saturating_sub(display_width(&shown));
    format!("{shown}{}", " ".repeat(fill))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_joined_by_zwj_are_drawn_as_their_parts() {
        let family = "👩\u{200D}👩\u{200D}👧\u{200D}👦";
        assert_eq!(sanitize(family), "👩👩👧👦");
        // Each part is its own grapheme: the width is the same everywhere.
        assert_eq!(display_width(&sanitize(family)), 8);
        assert_eq!(sanitize("❤\u{FE0F}\u{200D}🔥 Ali"), "❤\u{FE0F}🔥 Ali");
        // Letters keep their joiner (Persian/Kurdish spelling).
        let persian = "ه\u{200D}ا";
        assert!(matches!(sanitize(persian), Cow::Borrowed(_)));
        assert_eq!(fit(&format!("{family}x"), 5), "👩👩…");
    }
    use proptest::prelude::*;

    #[test]
    fn pad_gives_exactly_the_width() {
        assert_eq!(pad("Kurs", 6), "Kurs  ");
        assert_eq!(pad("Deutschkurs", 6), "Deuts…");
        assert_eq!(display_width(&pad("محمد", 8)), 8);
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize("Erika Mustermann"), Cow::Borrowed(_)));
        assert!(matches!(sanitize("محمد الحسن"), Cow::Borrowed(_)));
    }

    #[test]
    fn scripts_of_our_visitors_pass_unchanged() {
        for name in [
            "محمد الحسن",      // Arabic
            "ተስፋይ ሃይለ",        // Tigrinya (Ge'ez)
            "Şêrko Bêkes",     // Kurmanji
            "شێرکۆ بێکەس",     // Sorani
            "می‌خواهم",         // Persian with ZWNJ, which must stay
            "Олена Коваленко", // Ukrainian
            "Zoë Müller-Lüdenscheidt",
        ] {
            assert_eq!(sanitize(name), name);
        }
    }

    #[test]
    fn escape_sequences_go_whole() {
        assert_eq!(sanitize("A\u{1B}[31mB\u{1B}[0mC"), "ABC");
        assert_eq!(sanitize("A\u{1B}]0;owned\u{07}B"), "AB");
        assert_eq!(sanitize("A\u{1B}]8;;http://x\u{1B}\\B"), "AB");
        assert_eq!(sanitize("A\u{1B}cB"), "AB");
        assert_eq!(sanitize("A\u{1B}"), "A");
        // C1 CSI (U+009B) is replaced, and what follows is then harmless text.
        assert_eq!(sanitize("A\u{9B}31mB"), "A\u{FFFD}31mB");
    }

    #[test]
    fn controls_and_bidi_tricks() {
        assert_eq!(sanitize("a\tb\nc\r\nd"), "a b c  d");
        assert_eq!(sanitize("a\u{0}b\u{7F}c\u{85}d"), "a\u{FFFD}b\u{FFFD}c d");
        assert_eq!(sanitize("M-00\u{202E}24"), "M-0024");
        assert_eq!(sanitize("x\u{2066}y\u{2069}z\u{200F}"), "xyz");
        assert_eq!(sanitize("in\u{200B}visible\u{E0041}"), "invisible");
    }

    #[test]
    fn fit_cuts_at_graphemes_and_adds_an_ellipsis() {
        assert_eq!(fit("Mustermann", 10), "Mustermann");
        assert_eq!(fit("Mustermann", 6), "Muste…");
        assert_eq!(fit("Mustermann", 1), "…");
        assert_eq!(fit("Mustermann", 0), "");
        // "e" + combining acute is one grapheme of width 1.
        assert_eq!(fit("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        // A wide character that does not fit leaves a gap rather than being split.
        assert_eq!(fit("日本語", 4), "日…");
        assert_eq!(display_width(&fit("日本語", 4)), 3);
    }

    #[test]
    fn wrap_breaks_at_spaces_and_inside_long_words() {
        assert_eq!(
            wrap("Fenster zu klein – bitte vergrößern", 16),
            ["Fenster zu klein", "– bitte", "vergrößern"]
        );
        assert_eq!(wrap("Donaudampfschiff", 6), ["Donaud", "ampfsc", "hiff"]);
        assert!(wrap("x", 0).is_empty());
        assert_eq!(wrap("  a \n b  ", 10), ["a b"]);
    }

    fn hostile_char() -> impl Strategy<Value = char> {
        prop_oneof![
            any::<char>(),
            prop::sample::select(vec![
                '\u{1B}',
                '[',
                ']',
                '\u{07}',
                '\u{9B}',
                '\u{202E}',
                '\u{2067}',
                '\u{200B}',
                '\u{200D}',
                '\u{301}',
                'م',
                'ሃ',
                '日',
                '👩',
                '\n',
                '\u{7F}',
                '\u{E0041}',
                '\u{FE0F}',
            ]),
        ]
    }

    proptest! {
        #[test]
        fn sanitized_text_has_no_control_or_bidi(chars in prop::collection::vec(hostile_char(), 0..64)) {
            let s: String = chars.into_iter().collect();
            let out = sanitize(&s);
            prop_assert!(!out.chars().any(is_unsafe), "{:?} -> {:?}", s, out);
        }

        #[test]
        fn fit_respects_width_and_safety(
            chars in prop::collection::vec(hostile_char(), 0..64),
            width in 0usize..40,
        ) {
            let s: String = chars.into_iter().collect();
            let out = fit(&s, width);
            prop_assert!(display_width(&out) <= width, "{:?} at {} -> {:?}", s, width, out);
            prop_assert!(!out.chars().any(is_unsafe));
        }

        #[test]
        fn wrapped_lines_fit(
            chars in prop::collection::vec(hostile_char(), 0..80),
            width in 1usize..30,
        ) {
            let s: String = chars.into_iter().collect();
            for line in wrap(&s, width) {
                prop_assert!(display_width(&line) <= width, "{:?}", line);
                prop_assert!(!line.chars().any(is_unsafe));
            }
        }

        #[test]
        fn fit_keeps_text_that_fits(s in "[a-zA-Z äöüß\u{0621}-\u{064A}]{0,30}") {
            let width = display_width(&s);
            let out = fit(&s, width + 5);
            prop_assert_eq!(out.as_ref(), s.as_str());
        }
    }
}
