//! Visitor numbers and phone numbers as typed at the desk.

/// The display form of a visitor number: `M-0042`.
pub fn format_visitor_number(number: u32) -> String {
    format!("M-{number:04}")
}

/// Longest digit run accepted as a visitor number; keeps the value inside `u32`.
const MAX_NUMBER_DIGITS: usize = 9;

/// Reads a visitor number the way staff type it: `M-0042`, `m42`, `m 42`, `0042`, `42`.
///
/// Arabic-Indic and Persian digits count too: a receptionist with an Arabic keyboard layout
/// active should not have to switch to look someone up.
pub fn parse_visitor_number(s: &str) -> Option<u32> {
    let s = without_marks(s);
    let s = s.trim();
    let rest = match s.chars().next() {
        Some('M' | 'm') => {
            let after_m = &s[1..];
            let after_sep = after_m.trim_start();
            let after_sep = after_sep.strip_prefix(['-', '_', '.']).unwrap_or(after_sep);
            after_sep.trim_start()
        }
        _ => s,
    };
    if rest.is_empty() {
        return None;
    }
    let mut value: u32 = 0;
    let mut count = 0;
    for c in rest.chars() {
        let d = digit_value(c)?;
        count += 1;
        if count > MAX_NUMBER_DIGITS {
            return None;
        }
        value = value * 10 + d;
    }
    Some(value)
}

/// The value of a decimal digit in the scripts the desk meets.
/// Invisible direction marks and zero-width characters, which come along when
/// a number is copied out of right-to-left text (a message, a letter) and
/// would otherwise make `M-0042` unreadable as a number.
fn is_invisible_mark(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}'
    )
}

fn without_marks(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(is_invisible_mark) {
        std::borrow::Cow::Owned(s.chars().filter(|c| !is_invisible_mark(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

pub(crate) fn digit_value(c: char) -> Option<u32> {
    let base = match c {
        '0'..='9' => '0',
        '\u{0660}'..='\u{0669}' => '\u{0660}', // Arabic-Indic
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}', // Persian, Urdu
        '\u{FF10}'..='\u{FF19}' => '\u{FF10}', // full width
        _ => return None,
    };
    Some(c as u32 - base as u32)
}

/// Digits only, with German `+49`/`0049` written as the national `0`, so that a number
/// stored as `+49 151 2345678` is found by typing `01512345`.
pub(crate) fn phone_digits(s: &str) -> Vec<u8> {
    let trimmed = s.trim_start();
    let international = trimmed.starts_with('+');
    let mut digits: Vec<u8> = s
        .chars()
        .filter_map(digit_value)
        .map(|d| b'0' + d as u8)
        .collect();
    if international {
        if digits.starts_with(b"49") {
            digits.splice(0..2, [b'0']);
        } else {
            digits.splice(0..0, *b"00");
        }
    } else if digits.starts_with(b"0049") {
        digits.splice(0..4, [b'0']);
    }
    digits
}

/// How a query is read before name matching.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct NumberQuery {
    /// A visitor number to look up directly.
    pub number: Option<u32>,
    /// Normalised phone digits to find as a substring (at least [`MIN_PHONE_DIGITS`]).
    pub phone: Option<Vec<u8>>,
}

/// Fewer digits than this would match half the phone book.
pub(crate) const MIN_PHONE_DIGITS: usize = 4;

/// Pure digit runs up to this length are also tried as visitor numbers: with 100,000
/// visitors numbers reach six digits.
const MAX_PLAIN_NUMBER_DIGITS: usize = 6;

pub(crate) fn read_number_query(text: &str) -> NumberQuery {
    let text = without_marks(text);
    let t = text.trim();
    let mut q = NumberQuery::default();
    let pure_digits = !t.is_empty() && t.chars().all(|c| digit_value(c).is_some());
    let starts_with_m = t.starts_with(['M', 'm']);
    if starts_with_m || (pure_digits && t.chars().count() <= MAX_PLAIN_NUMBER_DIGITS) {
        q.number = parse_visitor_number(t);
    }
    let phone_like = !t.is_empty()
        && t.chars().all(|c| {
            digit_value(c).is_some() || matches!(c, ' ' | '/' | '-' | '+' | '(' | ')' | '.')
        });
    if phone_like {
        let digits = phone_digits(t);
        if digits.len() >= MIN_PHONE_DIGITS {
            q.phone = Some(digits);
        }
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_marks_copied_along_with_a_number_are_ignored() {
        for s in [
            "M-0042\u{202e}",
            "\u{200f}42\u{200f}",
            "\u{2066}M\u{200b}-42\u{2069}",
            "\u{061c}٤٢",
        ] {
            assert_eq!(parse_visitor_number(s), Some(42), "{s:?}");
            assert_eq!(read_number_query(s).number, Some(42), "{s:?}");
        }
        assert_eq!(parse_visitor_number("\u{202e}"), None);
    }

    #[test]
    fn visitor_numbers_as_typed() {
        for s in [
            "M-0042", "m42", "m-42", "M 42", "0042", "42", " 42 ", "m-0042", "٤٢", "۴۲",
        ] {
            assert_eq!(parse_visitor_number(s), Some(42), "{s:?}");
        }
        for s in [
            "",
            "M",
            "M-",
            "4 2",
            "42a",
            "abc",
            "M--42",
            "1234567890",
            "-42",
        ] {
            assert_eq!(parse_visitor_number(s), None, "{s:?}");
        }
        assert_eq!(format_visitor_number(42), "M-0042");
        assert_eq!(format_visitor_number(123_456), "M-123456");
    }

    #[test]
    fn phone_numbers_are_normalised() {
        assert_eq!(phone_digits("+49 151 2345 678"), b"01512345678");
        assert_eq!(phone_digits("0151/2345678"), b"01512345678");
        assert_eq!(phone_digits("0049 151-2345678"), b"01512345678");
        assert_eq!(phone_digits("+963 11 222"), b"0096311222");
        assert_eq!(phone_digits(""), b"");
    }

    #[test]
    fn queries_are_read_as_numbers_and_phones() {
        let q = read_number_query("42");
        assert_eq!((q.number, q.phone), (Some(42), None));
        let q = read_number_query("0151");
        assert_eq!((q.number, q.phone), (Some(151), Some(b"0151".to_vec())));
        let q = read_number_query("+49 151 23");
        assert_eq!((q.number, q.phone), (None, Some(b"015123".to_vec())));
        let q = read_number_query("M-0042");
        assert_eq!((q.number, q.phone), (Some(42), None));
        let q = read_number_query("Mohammed");
        assert_eq!((q.number, q.phone), (None, None));
    }
}

/// `phone` with every digit hidden but those that `query` matched, formatting kept: the
/// find list shows why a row was found by phone without showing the whole number.
pub fn masked_phone(phone: &str, query: &str) -> String {
    // The digits as written, not as normalised for matching (`+49` stays `49`): the mask
    // is laid over what is shown.
    let raw = |s: &str| -> Vec<u8> { s.bytes().filter(u8::is_ascii_digit).collect() };
    let typed = raw(query);
    let digits = raw(phone);
    let at = (!typed.is_empty())
        .then(|| {
            digits
                .windows(typed.len())
                .position(|w| w == typed.as_slice())
        })
        .flatten();
    let shown = at.map_or(0..0, |a| a..a + typed.len());
    let mut k = 0;
    phone
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| {
            if c.is_ascii_digit() {
                let keep = shown.contains(&k);
                k += 1;
                if keep { c } else { '•' }
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod masked_tests {
    use super::masked_phone;

    #[test]
    fn only_the_matched_digits_show() {
        assert_eq!(masked_phone("+49 151 2345 678", "2345"), "+•• ••• 2345 •••");
        assert_eq!(masked_phone("0151/2345678", "45678"), "••••/••45678");
        assert_eq!(masked_phone("0151 23", "999"), "•••• ••");
    }
}
