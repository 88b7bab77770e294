//! A name as staff see it: the text that search, the duplicate check and import matching
//! fold, so that what is on the screen is what can be found.
//!
//! Names are stored exactly as typed and cleaned only when drawn (see
//! [`crate::text::sanitize`]). Folding the stored text would let invisible characters
//! split or join words that look whole on screen (`Clear` + zero-width space + `After`
//! shows as `ClearAfter`), and would let two encodings of one letter fold apart: `s` with a
//! combining cedilla is `ş` on screen, and Arabic presentation forms pasted from a PDF
//! (`ﻣﺤﻤﺪ`) are the same letters as `محمد` typed.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::text::sanitize::sanitize;

/// `s` as drawn, in one canonical form: what the screen drops is gone (escape sequences
/// whole, bidi controls, zero-width characters, byte-order marks), other controls show as
/// a marker and so separate words, decomposed letters are composed (NFC) and Arabic
/// presentation forms are the plain letters (NFKC). Borrows when nothing changes, which
/// is almost always.
pub fn as_shown(s: &str) -> Cow<'_, str> {
    // Every stored name passes here when the index is built: the usual letters in one pass.
    if s.chars().all(is_plain) {
        return Cow::Borrowed(s);
    }
    let drawn = sanitize(s);
    if drawn.is_ascii() {
        return drawn;
    }
    let canonical = is_nfc_quick(drawn.chars()) == IsNormalized::Yes;
    if canonical && !drawn.chars().any(is_presentation_form) {
        return drawn;
    }
    let mut out = String::with_capacity(drawn.len());
    for c in drawn.chars().nfc() {
        if is_presentation_form(c) {
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Characters that are drawn as stored and already in NFC: printable ASCII, precomposed
/// Latin letters, Cyrillic, Arabic-script letters (not the combining hamza and madda, which
/// compose with the letter before them) and Ge'ez.
fn is_plain(c: char) -> bool {
    matches!(c as u32,
        0x20..=0x7E | 0xC0..=0x2AF | 0x0400..=0x0482 | 0x048A..=0x04FF | 0x0621..=0x064A
        | 0x0660..=0x0669 | 0x0671..=0x06D3 | 0x06D5 | 0x1200..=0x135A | 0x1369..=0x137C)
}

/// Arabic Presentation Forms-A and -B: glyph shapes with letters of their own, which PDFs
/// and some keyboards produce.
fn is_presentation_form(c: char) -> bool {
    matches!(c as u32, 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_screen_drops_is_gone_and_letters_are_composed() {
        assert!(matches!(as_shown("Mohammed Al-Hassan"), Cow::Borrowed(_)));
        assert!(matches!(as_shown("محمد الحسن"), Cow::Borrowed(_)));
        assert!(matches!(as_shown("Олена Müller ተስፋይ"), Cow::Borrowed(_)));
        assert_eq!(as_shown("ا\u{0654}حمد"), "أحمد");
        assert_eq!(as_shown("Clear\u{200B}After"), "ClearAfter");
        assert_eq!(as_shown("Clear\u{1b}[2JAfter"), "ClearAfter");
        assert_eq!(as_shown("\u{FEFF}Anna\u{202E}"), "Anna");
        assert_eq!(as_shown("Bar\u{0007}is"), "Bar\u{FFFD}is");
        assert_eq!(as_shown("s\u{0327}ahin"), "şahin");
        assert_eq!(as_shown("ﻣﺤﻤﺪ"), "محمد");
        assert_eq!(as_shown("ﻻﻧﺎ"), "لانا");
        // Zero-width non-joiner is Persian spelling and stays, as on screen.
        assert_eq!(as_shown("می\u{200C}خواهم"), "می\u{200C}خواهم");
    }
}
