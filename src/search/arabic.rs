//! Arabic script (Arabic, Persian/Dari, Pashto, Urdu, Kurdish Sorani) to folded Latin.
//!
//! Written Arabic leaves out short vowels, so the output holds consonants and the long
//! vowels that are written: `محمد` is `mhmd`, `فاطمه` is `fatme`. `any_ascii` alone drops the
//! long `ا` and reads `ض` only as Arabic `d`; the table below keeps `ا` as `a` inside a word
//! and gives the letters that Persian and Arabic names read differently two readings
//! (`رضا` is Reza, `رمضان` is Ramadan), so either spelling finds the person.

use super::fold::{
    ARTICLE, ArticleIf, MAX_ALTS, Token, abjad_post, ascii_letters, bytes_to_string, is_mark,
    latin_fold,
};

pub(crate) fn is_arabic_script(c: char) -> bool {
    matches!(c as u32,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// What one letter becomes.
enum Reading {
    One(&'static str),
    /// Usual reading first.
    Two(&'static str, &'static str),
    /// Not in our table: whatever `any_ascii` says, folded.
    Fallback(char),
}

/// Letters that stand for a vowel rather than a consonant in the position they are in.
fn is_vowel_letter(c: char) -> bool {
    matches!(
        c,
        'ا' | 'آ'
            | 'أ'
            | 'إ'
            | 'ٱ'
            | 'و'
            | 'ي'
            | 'ی'
            | 'ى'
            | 'ە'
            | 'ۆ'
            | 'ێ'
            | 'ې'
            | 'ۇ'
            | 'ۍ'
            | 'ے'
    )
}

/// Letters that take no space in the word: joiners and the stretching tatweel.
fn is_filler(c: char) -> bool {
    matches!(c, '\u{0640}' | '\u{200C}' | '\u{200D}')
}

struct Context {
    first: bool,
    last: bool,
    prev: Option<char>,
    next: Option<char>,
}

fn reading(c: char, cx: &Context) -> Reading {
    use Reading::{Fallback, One, Two};
    match c {
        // Alef at the start only carries the first vowel (`احمد` Ahmad, `امید` Omid).
        'ا' | 'ٱ' | 'أ' => One(if cx.first { "" } else { "a" }),
        'إ' => One(""),
        'آ' => One("a"),
        // Hamza and ayin: Latin spellings show them as an apostrophe or not at all.
        'ء' | 'ئ' | 'ؤ' | 'ع' => One(""),
        'ب' => One("b"),
        'پ' => One("p"),
        'ت' | 'ٹ' | 'ټ' | 'ط' => One("t"),
        // Persian and Turkish names read ث as s (Osman, Kausar), Arabic ones as t/th.
        'ث' => Two("s", "t"),
        'ج' => One("j"),
        'چ' => One("ch"),
        'ح' | 'خ' => One("h"),
        'د' | 'ڈ' | 'ډ' => One("d"),
        'ذ' | 'ظ' => Two("z", "d"),
        // Arabic reads ض as d (Ramadan), Persian as z (Reza).
        'ض' => Two("d", "z"),
        'ر' | 'ڕ' | 'ڑ' | 'ړ' => One("r"),
        'ز' | 'ځ' => One("z"),
        'ژ' | 'ږ' => One("j"),
        'س' | 'ص' | 'څ' => One("s"),
        'ش' | 'ښ' => One("sh"),
        'غ' => One("g"),
        'ف' => One("f"),
        'ڤ' | 'ۋ' => One("v"),
        'ق' | 'ك' | 'ک' => One("k"),
        'گ' => One("g"),
        'ل' | 'ڵ' => One("l"),
        'م' => One("m"),
        'ن' | 'ں' | 'ڼ' => One("n"),
        // A final ه after a consonant is Persian's final e (`فاطمه` Fatemeh).
        'ه' | 'ہ' | 'ھ' => {
            let after_consonant = cx.prev.is_some_and(|p| !is_vowel_letter(p));
            // Arabic names keep it an h (`طه` Taha, `عبده` Abdoh): both readings.
            if cx.last && !cx.first && after_consonant {
                Two("e", "h")
            } else {
                One("h")
            }
        }
        'ة' | 'ۃ' => One("a"),
        // و is w at the start and before alef (`مروان` Marwan), otherwise u/o.
        'و' => One(if cx.first || cx.next == Some('ا') {
            "v"
        } else if cx.prev == Some('و') {
            ""
        } else {
            "u"
        }),
        'ي' | 'ی' | 'ۍ' => One(if cx.first { "j" } else { "i" }),
        'ى' => One("a"),
        // Kurdish Sorani writes its vowels.
        'ە' | 'ێ' | 'ې' | 'ے' => One("e"),
        'ۆ' => One("o"),
        'ۇ' => One("u"),
        // Short vowel marks, where someone wrote them.
        '\u{064E}' | '\u{0670}' => One("a"),
        '\u{064F}' => One("u"),
        '\u{0650}' => One("i"),
        c if is_mark(c) || is_filler(c) => One(""),
        c => Fallback(c),
    }
}

/// Folds a run of Arabic-script letters: one token, or two when it starts with the
/// article `ال`.
pub(crate) fn fold_arabic_run(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().filter(|&c| !is_filler(c)).collect();
    let letters = chars.iter().filter(|&&c| !is_mark(c)).count();
    let mut tokens = Vec::new();
    let body: &[char] = if letters >= 3 && chars.starts_with(&['ا', 'ل']) {
        tokens.push(Token {
            alts: vec![ARTICLE.to_owned()],
            abjad: false,
            article: true,
            article_if: ArticleIf::Never,
            dropped_h: false,
        });
        &chars[2..]
    } else {
        &chars
    };
    let mut alts = readings(body);
    if alts.is_empty() {
        return tokens;
    }
    if !tokens.is_empty() && alts.len() < MAX_ALTS {
        // Latin spellings often keep the article fused (`Alhasan`); any_ascii's `lhsn`
        // shape lets those meet too.
        let fused = format!("l{}", alts[0]);
        alts.push(fused);
    }
    tokens.push(Token {
        alts,
        abjad: true,
        article: false,
        article_if: ArticleIf::Never,
        dropped_h: false,
    });
    tokens
}

/// The folded readings of a word, usual one first, at most [`MAX_ALTS`], no duplicates.
fn readings(chars: &[char]) -> Vec<String> {
    let letter_positions: Vec<usize> = (0..chars.len()).filter(|&i| !is_mark(chars[i])).collect();
    let mut segments: Vec<(String, Option<&'static str>)> = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let pos = letter_positions.iter().position(|&p| p == i);
        let cx = match pos {
            Some(k) => Context {
                first: k == 0,
                last: k + 1 == letter_positions.len(),
                prev: k.checked_sub(1).map(|j| chars[letter_positions[j]]),
                next: letter_positions.get(k + 1).map(|&j| chars[j]),
            },
            None => Context {
                first: false,
                last: false,
                prev: None,
                next: None,
            },
        };
        match reading(c, &cx) {
            Reading::One(s) => segments.push((s.to_owned(), None)),
            Reading::Two(a, b) => segments.push((a.to_owned(), Some(b))),
            Reading::Fallback(c) => {
                let mut buf = [0u8; 4];
                let folded = latin_fold(&ascii_letters(c.encode_utf8(&mut buf)));
                segments.push((bytes_to_string(folded), None));
            }
        }
    }
    // Two letters with two readings each give the four combinations; any further such
    // letters keep their usual reading.
    let ambiguous: Vec<usize> = segments
        .iter()
        .enumerate()
        .filter(|(_, s)| s.1.is_some())
        .map(|(i, _)| i)
        .take(2)
        .collect();
    let mut out: Vec<String> = Vec::new();
    for combo in 0..(1usize << ambiguous.len()) {
        let mut word = String::new();
        for (i, (usual, other)) in segments.iter().enumerate() {
            let pick_other = ambiguous
                .iter()
                .position(|&a| a == i)
                .is_some_and(|bit| combo & (1 << bit) != 0);
            match (pick_other, other) {
                (true, Some(o)) => word.push_str(o),
                _ => word.push_str(usual),
            }
        }
        let folded = bytes_to_string(abjad_post(word.as_bytes()));
        if !folded.is_empty() && !out.contains(&folded) {
            out.push(folded);
        }
        if out.len() >= MAX_ALTS {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alts(s: &str) -> Vec<Vec<String>> {
        fold_arabic_run(s).iter().map(|t| t.alts.clone()).collect()
    }

    #[test]
    fn arabic_persian_kurdish_letters() {
        assert_eq!(alts("محمد"), [["mhmd"]]);
        assert_eq!(alts("محمود"), [["mhmud"]]);
        assert_eq!(alts("الحسن"), [vec!["al"], vec!["hsn", "lhsn"]]);
        assert_eq!(alts("فاطمه"), [["fatme", "fatmh"]]);
        assert_eq!(alts("رضایی"), [["rdai", "rzai"]]);
        assert_eq!(alts("يوسف"), [["jusf"]]);
        assert_eq!(alts("مروان"), [["mrvan"]]);
        assert_eq!(alts("زهرا"), [["zhra"]]);
        assert_eq!(alts("هەژار"), [["hejar"]]);
        assert_eq!(alts("ئاسۆ"), [["aso"]]);
        assert_eq!(alts("شێرکۆ"), [["sherko"]]);
        assert_eq!(alts("پ"), [["p"]]);
        assert_eq!(alts("چ"), [["ch"]]);
        assert_eq!(alts("ڤ"), [["v"]]);
        assert_eq!(alts("ڵ"), [["l"]]);
        assert_eq!(alts("مُحَمَّد"), [["muhamad"]]);
        assert_eq!(alts("ﻣﺤﻤﺪ"), [["mhmd"]]);
        assert!(alts("ـ").is_empty());
    }
}
