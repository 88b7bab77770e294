//! The frame around every screen: title bar, body, message bar, hint bar.
//!
//! ```text
//! MiLA Desk – Aufnahme                              Angemeldet: erika │ 26.11.2026
//! (body: the screen draws here)
//!  ✓ Gespeichert
//! F1 Hilfe  F2 Aufnahme  F3 Suchen  …
//! ```

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::ui::catalog::{Lang, Msg, fill, format_date};
use crate::ui::sanitize::{display_width, fit};
use crate::ui::theme::{Theme, glyph};
use crate::ui::widgets::{HintBar, MessageBar};

/// Where each part of the frame goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameAreas {
    pub title: Rect,
    pub body: Rect,
    pub message: Rect,
    pub hints: Rect,
}

#[derive(Debug, Clone)]
pub struct ScreenFrame {
    /// The screen's name, e.g. "Aufnahme" (from the catalog).
    pub screen_title: String,
    /// The signed-in staff member's user name, if any.
    pub user: Option<String>,
    pub today: Date,
    /// `today` is a demonstration date (MILA_TODAY): shown as such.
    today_pinned: bool,
    pub messages: MessageBar,
    pub hints: HintBar,
    lang: Lang,
    theme: Theme,
}

impl ScreenFrame {
    /// The hint bar takes up to this many rows before hints are dropped.
    pub const MAX_HINT_ROWS: u16 = 2;

    pub fn new(lang: Lang, today: Date) -> Self {
        ScreenFrame {
            screen_title: String::new(),
            user: None,
            today,
            today_pinned: false,
            messages: MessageBar::new(),
            hints: HintBar::default(),
            lang,
            theme: Theme::default(),
        }
    }

    pub fn with_theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self.messages = self.messages.with_theme(theme);
        self.hints = self.hints.with_theme(theme);
        self
    }

    /// Marks the date in the title row as pinned ("Datum festgelegt: …").
    pub fn with_pinned_today(mut self, pinned: bool) -> Self {
        self.today_pinned = pinned;
        self
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The language changed (chosen at first run).
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }

    /// Sets the hints for the current screen, keeping the frame's theme.
    pub fn set_hints(&mut self, hints: HintBar) {
        self.hints = hints.with_theme(self.theme);
    }

    /// Splits `area` into title row, body, message row and hint rows.
    pub fn areas(&self, area: Rect) -> FrameAreas {
        let hint_rows = self
            .hints
            .rows_needed(area.width, Self::MAX_HINT_ROWS)
            .min(area.height.saturating_sub(2));
        let title_rows = area.height.min(1);
        let message_rows = area.height.saturating_sub(title_rows + hint_rows).min(1);
        let body_rows = area.height - title_rows - hint_rows - message_rows;
        let row = |y: u16, height: u16| Rect {
            x: area.x,
            y,
            width: area.width,
            height,
        };
        let body_y = area.y + title_rows;
        let message_y = body_y + body_rows;
        FrameAreas {
            title: row(area.y, title_rows),
            body: row(body_y, body_rows),
            message: row(message_y, message_rows),
            hints: row(message_y + message_rows, hint_rows),
        }
    }

    /// Draws title, message and hint bars; the screen then draws into `areas(area).body`.
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let areas = self.areas(area);
        self.render_title(frame, areas.title);
        self.messages.render(frame, areas.message);
        self.hints.render(frame, areas.hints);
    }

    fn render_title(&self, frame: &mut Frame, area: Rect) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let width = usize::from(area.width);
        let title = if self.screen_title.is_empty() {
            Msg::AppTitle.text(self.lang).to_owned()
        } else {
            fill(
                Msg::FrameTitle,
                self.lang,
                &[("screen", &self.screen_title)],
            )
        };
        let mut right: Vec<String> = Vec::with_capacity(2);
        if let Some(user) = &self.user {
            right.push(fill(Msg::SignedInAs, self.lang, &[("user", user)]));
        }
        let date = format_date(self.today, self.lang);
        right.push(if self.today_pinned {
            fill(Msg::PinnedToday, self.lang, &[("date", &date)])
        } else {
            date
        });
        // Room for the title comes first: drop the user name, then the date, if needed.
        // A pinned date stays: it must never pass for the real one.
        let min_title = display_width(&title).min(24);
        let mut right_text = right.join(glyph::SEPARATOR);
        let keep = usize::from(self.today_pinned);
        while right.len() > keep && display_width(&right_text) + 2 + min_title > width {
            right.remove(0);
            right_text = right.join(glyph::SEPARATOR);
        }
        let right_text = fit(&right_text, width);
        let right_w = display_width(&right_text);
        let left_room = width.saturating_sub(right_w + usize::from(right_w > 0) * 2 + 1);
        let left = fit(&title, left_room);

        let buf = frame.buffer_mut();
        buf.set_style(area, self.theme.title_bar);
        buf.set_stringn(area.x + 1, area.y, &left, left_room, self.theme.title_bar);
        if right_w > 0 {
            let x = area.x + u16::try_from(width.saturating_sub(right_w + 1)).unwrap_or(0);
            buf.set_stringn(x, area.y, &right_text, right_w, self.theme.title_bar);
        }
    }
}
