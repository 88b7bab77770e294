//! A single-line text input: names in any script, visitor numbers, passphrases.
//!
//! The cursor moves by grapheme (a letter with its marks, an emoji sequence), never inside
//! one. Text longer than the box scrolls sideways. Input beyond the length limit is refused
//! with a visible message, never cut silently. The value is kept exactly as typed (minus
//! line breaks and control characters from pastes); only what is drawn is sanitised.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use unicode_segmentation::UnicodeSegmentation;
use zeroize::{Zeroize, Zeroizing};

use crate::ui::action::Action;
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::sanitize::{display_width, fit, sanitize};
use crate::ui::theme::{Theme, glyph};

/// Passphrases and names pass through here: the value is wiped when it is
/// cleared, replaced, outgrown or dropped (a lock drops every screen), and
/// `Debug` never shows it (issue 13).
#[derive(Clone)]
pub struct TextField {
    value: String,
    /// Byte offset into `value`, always on a grapheme boundary.
    cursor: usize,
    max_len: usize,
    masked: bool,
    focused: bool,
    /// The last edit ran into `max_len`; cleared by the next edit.
    too_long: bool,
    /// First grapheme shown; kept between draws so the text does not jump while typing.
    scroll: Cell<usize>,
    lang: Lang,
    theme: Theme,
}

impl std::fmt::Debug for TextField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextField")
            .field("chars", &self.value.chars().count())
            .field("masked", &self.masked)
            .finish_non_exhaustive()
    }
}

impl Drop for TextField {
    fn drop(&mut self) {
        self.value.zeroize();
    }
}

impl TextField {
    /// Makes room for `extra` more bytes without leaving a copy of the text
    /// in a freed buffer, as `String`'s own growth would.
    fn reserve_wiped(&mut self, extra: usize) {
        let needed = self.value.len() + extra;
        if needed <= self.value.capacity() {
            return;
        }
        let mut bigger = String::with_capacity(needed.max(self.value.capacity() * 2).max(64));
        bigger.push_str(&self.value);
        self.value.zeroize();
        self.value = bigger;
    }

    /// Empties the field and wipes what it held.
    pub fn clear(&mut self) {
        self.value.zeroize();
        self.cursor = 0;
    }

    /// A limit generous for any name, small enough to keep a record sane.
    pub const DEFAULT_MAX_LEN: usize = 200;

    pub fn new(lang: Lang) -> Self {
        TextField {
            value: String::new(),
            cursor: 0,
            max_len: Self::DEFAULT_MAX_LEN,
            masked: false,
            focused: true,
            too_long: false,
            scroll: Cell::new(0),
            lang,
            theme: Theme::default(),
        }
    }

    /// At most `max_len` characters (graphemes: what a person counts as characters).
    pub fn with_max_len(mut self, max_len: usize) -> Self {
        self.max_len = max_len;
        self
    }

    /// Shows one `•` per character instead of the text: for passphrases.
    pub fn masked(mut self) -> Self {
        self.masked = true;
        self
    }

    pub fn with_theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }

    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.set_value(value);
        self
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// Replaces the text (e.g. a record being edited) and puts the cursor at its end.
    /// Stored text longer than the limit is kept whole: cutting it here would lose data.
    pub fn set_value(&mut self, value: impl Into<String>) {
        self.value.zeroize();
        self.value = value.into();
        self.cursor = self.value.len();
        self.too_long = false;
    }

    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// The cursor position in graphemes from the start.
    pub fn cursor(&self) -> usize {
        self.value[..self.cursor].graphemes(true).count()
    }

    pub fn set_focused(&mut self, focused: bool) {
        self.focused = focused;
    }

    pub fn is_focused(&self) -> bool {
        self.focused
    }

    /// The message to show after input was refused for length, until the next edit.
    pub fn notice(&self) -> Option<String> {
        self.too_long.then(|| {
            fill(
                Msg::InputTooLong,
                self.lang,
                &[("max", &self.max_len.to_string())],
            )
        })
    }

    /// Applies an editing action. Returns `true` if the field used it; everything else
    /// (Tab, Enter, Up, F-keys, …) is for the screen.
    pub fn handle(&mut self, action: &Action) -> bool {
        let mut too_long = false;
        match action {
            Action::Input(c) if !c.is_control() => {
                too_long = !self.insert(c.encode_utf8(&mut [0; 4]));
            }
            Action::Paste(text) => {
                too_long = !self.insert(&single_line(text));
            }
            Action::Left => self.cursor = self.prev_boundary(self.cursor),
            Action::Right => self.cursor = self.next_boundary(self.cursor),
            Action::WordLeft => self.cursor = self.word_start_before(self.cursor),
            Action::WordRight => self.cursor = self.word_end_after(self.cursor),
            Action::First => self.cursor = 0,
            Action::Last => self.cursor = self.value.len(),
            Action::DeleteBack => {
                let start = self.prev_boundary(self.cursor);
                self.value.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Action::DeleteForward => {
                let end = self.next_boundary(self.cursor);
                self.value.replace_range(self.cursor..end, "");
            }
            Action::ClearField => self.clear(),
            _ => return false,
        }
        self.too_long = too_long;
        true
    }

    /// Inserts as much of `text` at the cursor as the limit allows, whole graphemes only.
    /// Returns `false` if anything had to be refused.
    fn insert(&mut self, text: &str) -> bool {
        // Byte offsets in `text` after each of its graphemes.
        let ends: Vec<usize> = text
            .grapheme_indices(true)
            .map(|(i, g)| i + g.len())
            .collect();
        let (before, after) = self.value.split_at(self.cursor);
        // Stored text may already be over the limit; an insert must not make it worse.
        let limit = self
            .max_len
            .max(before.graphemes(true).count() + after.graphemes(true).count());
        let total = |k: usize| -> usize {
            let end = if k == 0 { 0 } else { ends[k - 1] };
            let mut joined =
                Zeroizing::new(String::with_capacity(before.len() + end + after.len()));
            joined.push_str(before);
            joined.push_str(&text[..end]);
            joined.push_str(after);
            joined.graphemes(true).count()
        };
        // Counting after joining matters: a combining mark joins the grapheme before it.
        // Binary search keeps a 10,000-character paste at a few dozen counts.
        let (mut lo, mut hi) = (0, ends.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if total(mid) <= limit {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        let end = if lo == 0 { 0 } else { ends[lo - 1] };
        self.reserve_wiped(end);
        self.value.insert_str(self.cursor, &text[..end]);
        self.cursor = self.snap(self.cursor + end);
        lo == ends.len()
    }

    fn boundaries(&self) -> impl Iterator<Item = usize> + '_ {
        self.value
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .chain(std::iter::once(self.value.len()))
    }

    /// The nearest grapheme boundary at or after `at`.
    fn snap(&self, at: usize) -> usize {
        self.boundaries()
            .find(|&b| b >= at)
            .unwrap_or(self.value.len())
    }

    fn prev_boundary(&self, at: usize) -> usize {
        self.boundaries()
            .take_while(|&b| b < at)
            .last()
            .unwrap_or(0)
    }

    fn next_boundary(&self, at: usize) -> usize {
        self.boundaries()
            .find(|&b| b > at)
            .unwrap_or(self.value.len())
    }

    fn word_start_before(&self, at: usize) -> usize {
        self.value
            .split_word_bound_indices()
            .rev()
            .find(|(i, w)| *i < at && is_word(w))
            .map(|(i, _)| i)
            .unwrap_or(0)
    }

    fn word_end_after(&self, at: usize) -> usize {
        self.value
            .split_word_bound_indices()
            .map(|(i, w)| (i + w.len(), w))
            .find(|(end, w)| *end > at && is_word(w))
            .map_or(self.value.len(), |(end, _)| end)
    }

    /// Draws the field on the first row of `area`; while input is refused for length and
    /// `area` has a second row, the message goes there.
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let width = usize::from(area.width);
        // What each grapheme looks like on screen, and how wide it is.
        let cells: Vec<(std::borrow::Cow<'_, str>, usize)> = self
            .value
            .graphemes(true)
            .map(|g| {
                let shown = if self.masked {
                    std::borrow::Cow::Borrowed(glyph::MASK)
                } else {
                    sanitize(g)
                };
                let w = display_width(&shown);
                (shown, w)
            })
            .collect();
        let cursor = self.cursor();
        let span_width = |from: usize, to: usize| -> usize {
            cells[from.min(cells.len())..to.min(cells.len())]
                .iter()
                .map(|(_, w)| w)
                .sum()
        };

        // Keep the cursor cell inside the box; when text was deleted, pull back so the box
        // is used fully.
        let mut start = self.scroll.get().min(cursor);
        while start < cursor && span_width(start, cursor) + 1 > width {
            start += 1;
        }
        while start > 0 && span_width(start - 1, cells.len()) < width {
            start -= 1;
        }
        self.scroll.set(start);

        let mut shown = String::new();
        let mut used = 0;
        for (text, w) in &cells[start..] {
            if used + w > width {
                break;
            }
            shown.push_str(text);
            used += w;
        }

        let style = if self.focused {
            self.theme.field_focused
        } else {
            self.theme.field
        };
        let row = Rect { height: 1, ..area };
        let buf = frame.buffer_mut();
        buf.set_style(row, style);
        buf.set_stringn(area.x, area.y, &shown, width, style);

        if let (Some(message), true) = (self.notice(), area.height >= 2) {
            let below = Rect {
                y: area.y + 1,
                height: 1,
                ..area
            };
            buf.set_style(below, self.theme.error);
            buf.set_stringn(
                below.x,
                below.y,
                fit(&message, width),
                width,
                self.theme.error,
            );
        }

        if self.focused {
            let x = span_width(start, cursor).min(width.saturating_sub(1));
            frame.set_cursor_position(Position {
                x: area.x + u16::try_from(x).unwrap_or(0),
                y: area.y,
            });
        }
    }
}

fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// Pasted text for one line: breaks and tabs become spaces, other controls go.
fn single_line(text: &str) -> String {
    text.replace("\r\n", " ")
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn typed(s: &str) -> TextField {
        let mut f = TextField::new(Lang::De);
        for c in s.chars() {
            assert!(f.handle(&Action::Input(c)));
        }
        f
    }

    // --- Security (issue 13) ---

    /// Every byte the field's buffer holds, in use or spare.
    fn whole_buffer(field: &TextField) -> Vec<u8> {
        // SAFETY: `zeroize` wrote every byte of the capacity, spare ones
        // included, so all of them are initialised; nothing else holds the field.
        unsafe { std::slice::from_raw_parts(field.value.as_ptr(), field.value.capacity()) }.to_vec()
    }

    #[test]
    fn clearing_a_passphrase_wipes_its_bytes_not_just_its_length() {
        let mut f = typed("Geheime Passphrase 2026").masked();
        assert!(f.handle(&Action::ClearField));
        assert!(f.is_empty());
        let buffer = whole_buffer(&f);
        assert!(
            !buffer.is_empty(),
            "the buffer was kept, so it must be zero"
        );
        assert!(buffer.iter().all(|&b| b == 0), "{buffer:?}");
    }

    #[test]
    fn debug_output_never_shows_the_text() {
        let f = typed("Geheime Passphrase 2026").masked();
        let shown = format!("{f:?}");
        assert!(!shown.contains("Geheim"), "{shown}");
        let f = typed("Testperson Name");
        assert!(!format!("{f:?}").contains("Testperson"));
    }

    fn draw(field: &TextField, width: u16) -> (String, Position) {
        let mut terminal = Terminal::new(TestBackend::new(width, 2)).unwrap();
        terminal.draw(|f| field.render(f, f.area())).unwrap();
        let mut t = terminal;
        let cursor = t.get_cursor_position().unwrap();
        let buffer = t.backend().buffer().clone();
        let first_row: String = (0..width)
            .map(|x| buffer[(x, 0)].symbol().to_owned())
            .collect();
        (first_row, cursor)
    }

    #[test]
    fn typing_and_moving_by_grapheme() {
        let mut f = typed("Erika");
        assert_eq!(f.value(), "Erika");
        assert_eq!(f.cursor(), 5);
        f.handle(&Action::Left);
        f.handle(&Action::Left);
        f.handle(&Action::Input('x'));
        assert_eq!(f.value(), "Erixka");
        f.handle(&Action::DeleteBack);
        f.handle(&Action::DeleteForward);
        assert_eq!(f.value(), "Eria");
        f.handle(&Action::First);
        f.handle(&Action::DeleteBack);
        assert_eq!(f.cursor(), 0);
        f.handle(&Action::Last);
        assert_eq!(f.cursor(), 4);
        f.handle(&Action::ClearField);
        assert!(f.is_empty());
        assert!(!f.handle(&Action::NextField));
        assert!(!f.handle(&Action::Input('\u{7}')));
    }

    #[test]
    fn arabic_text_is_kept_and_edited_by_letter() {
        let mut f = typed("محمد الحسن");
        assert_eq!(f.value(), "محمد الحسن");
        assert_eq!(f.cursor(), 10);
        f.handle(&Action::WordLeft);
        assert_eq!(f.cursor(), 5);
        f.handle(&Action::DeleteBack);
        assert_eq!(f.value(), "محمدالحسن");
        f.handle(&Action::WordRight);
        assert_eq!(f.cursor(), 9);
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        // Kurmanji ê written with a combining circumflex, as some keyboards produce it.
        let mut f = typed("Şe\u{302}rko");
        assert_eq!(f.cursor(), 5);
        f.handle(&Action::First);
        f.handle(&Action::Right);
        f.handle(&Action::Right);
        assert_eq!(&f.value()[..f.cursor], "Şe\u{302}");
        f.handle(&Action::DeleteBack);
        assert_eq!(f.value(), "Şrko");
        // A mark typed after a letter joins it; the cursor stays after the pair.
        let mut g = typed("e");
        g.handle(&Action::Input('\u{301}'));
        assert_eq!(g.cursor(), 1);
        g.handle(&Action::DeleteBack);
        assert!(g.is_empty());
    }

    #[test]
    fn emoji_sequences_are_one_character() {
        let mut f = typed("ok 👨‍👩‍👧");
        assert_eq!(f.cursor(), 4);
        f.handle(&Action::DeleteBack);
        assert_eq!(f.value(), "ok ");
    }

    #[test]
    fn a_huge_paste_is_capped_with_a_message() {
        let mut f = TextField::new(Lang::De).with_max_len(80);
        let paste = "Ä".repeat(10_000);
        assert!(f.handle(&Action::Paste(paste)));
        assert_eq!(f.value().chars().count(), 80);
        assert_eq!(
            f.notice().as_deref(),
            Some("Eingabe zu lang (max. 80 Zeichen)")
        );
        // Typing at the limit is refused visibly too; deleting clears the message.
        f.handle(&Action::Input('x'));
        assert_eq!(f.value().chars().count(), 80);
        assert!(f.notice().is_some());
        f.handle(&Action::DeleteBack);
        assert!(f.notice().is_none());
        // The message is drawn under the field.
        f.handle(&Action::Paste("yz".into()));
        let mut terminal = Terminal::new(TestBackend::new(40, 2)).unwrap();
        terminal.draw(|fr| f.render(fr, fr.area())).unwrap();
        assert!(
            terminal
                .backend()
                .to_string()
                .contains("Eingabe zu lang (max. 80 Zeichen)")
        );
    }

    #[test]
    fn capped_pastes_keep_whole_graphemes() {
        let mut f = TextField::new(Lang::De).with_max_len(80);
        assert!(f.handle(&Action::Paste("e\u{301}".repeat(5_000))));
        assert_eq!(f.value().graphemes(true).count(), 80);
        assert_eq!(
            f.value().chars().count(),
            160,
            "no mark cut from its letter"
        );
        assert!(f.notice().is_some());
        // A big field takes a big paste whole, without a message.
        let mut notes = TextField::new(Lang::De).with_max_len(20_000);
        notes.handle(&Action::Paste("ተስፋይ ".repeat(2_000)));
        assert_eq!(notes.value().graphemes(true).count(), 10_000);
        assert!(notes.notice().is_none());
    }

    #[test]
    fn stored_text_over_the_limit_is_kept_but_cannot_grow() {
        let mut f = TextField::new(Lang::De)
            .with_max_len(3)
            .with_value("Mustermann");
        assert_eq!(f.value(), "Mustermann");
        f.handle(&Action::Input('x'));
        assert_eq!(f.value(), "Mustermann");
        assert!(f.notice().is_some());
        f.handle(&Action::DeleteBack);
        assert_eq!(f.value(), "Musterman");
    }

    #[test]
    fn pastes_become_one_line() {
        let mut f = TextField::new(Lang::En);
        f.handle(&Action::Paste("Erika\r\nMuster\tmann\u{1b}".into()));
        assert_eq!(f.value(), "Erika Muster mann");
    }

    #[test]
    fn long_text_scrolls_to_keep_the_cursor_visible() {
        let f = typed("Mustermann-Lüdenscheidt");
        let (row, cursor) = draw(&f, 10);
        assert_eq!(row, "enscheidt ");
        assert_eq!(cursor, Position { x: 9, y: 0 });
        let mut f = f;
        f.handle(&Action::First);
        let (row, cursor) = draw(&f, 10);
        assert_eq!(row, "Mustermann");
        assert_eq!(cursor, Position { x: 0, y: 0 });
    }

    #[test]
    fn masked_fields_show_no_text() {
        let mut f = TextField::new(Lang::De).masked();
        for c in "geheim".chars() {
            f.handle(&Action::Input(c));
        }
        let (row, cursor) = draw(&f, 10);
        assert_eq!(row, "••••••    ");
        assert_eq!(cursor.x, 6);
        assert_eq!(f.value(), "geheim");
    }

    #[test]
    fn stored_control_characters_are_not_drawn() {
        let f = TextField::new(Lang::De).with_value("A\u{1b}[2JB\u{202e}C");
        let (row, _) = draw(&f, 10);
        assert!(!row.contains('\u{1b}'));
        assert!(row.starts_with('A'), "{row:?}");
    }
}
