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
