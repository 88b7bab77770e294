//! One line for what just happened: "Gespeichert", "Keine Treffer", an error.
//!
//! Info and success messages fade after a few seconds. Errors stay until something replaces
//! or clears them: someone who looked away must still be able to read what went wrong.

use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::ui::sanitize::fit;
use crate::ui::theme::{Theme, glyph};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Success,
    Error,
}

#[derive(Debug, Clone)]
struct Message {
    kind: MessageKind,
    text: String,
    shown_at: Instant,
}

#[derive(Debug, Clone, Default)]
pub struct MessageBar {
    current: Option<Message>,
    theme: Theme,
}

impl MessageBar {
    /// How long info and success messages stay.
    pub const FADE_AFTER: Duration = Duration::from_secs(5);

    pub fn new() -> Self {
        MessageBar::default()
    }

    pub fn with_theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }

    /// Shows `text` from `now` on, replacing any earlier message.
    pub fn show(&mut self, kind: MessageKind, text: impl Into<String>, now: Instant) {
        self.current = Some(Message {
            kind,
            text: text.into(),
            shown_at: now,
        });
    }

    pub fn info(&mut self, text: impl Into<String>, now: Instant) {
        self.show(MessageKind::Info, text, now);
    }

    pub fn success(&mut self, text: impl Into<String>, now: Instant) {
        self.show(MessageKind::Success, text, now);
    }

    pub fn error(&mut self, text: impl Into<String>, now: Instant) {
        self.show(MessageKind::Error, text, now);
    }

    pub fn clear(&mut self) {
        self.current = None;
    }

    /// Removes an error shown before `now`: on the next screen it would look like that
    /// screen's, and errors do not fade. Other messages fade by themselves.
    pub fn clear_error_shown_before(&mut self, now: Instant) {
        if self
            .current
            .as_ref()
            .is_some_and(|m| m.kind == MessageKind::Error && m.shown_at < now)
        {
            self.current = None;
        }
    }

    /// Removes any message shown before `now`: said about the screen that was left, it
    /// would read as this one's. What the action that changed the screen said stays.
    pub fn clear_shown_before(&mut self, now: Instant) {
        if self.current.as_ref().is_some_and(|m| m.shown_at < now) {
            self.current = None;
        }
    }

    /// Removes a faded message (call on [`Action::Tick`](crate::ui::action::Action::Tick)).
    /// Returns `true` when something disappeared and the screen needs drawing.
    pub fn expire(&mut self, now: Instant) -> bool {
        let faded = matches!(
            &self.current,
            Some(m) if m.kind != MessageKind::Error
                && now.saturating_duration_since(m.shown_at) >= Self::FADE_AFTER
        );
        if faded {
            self.current = None;
        }
        faded
    }

    pub fn current(&self) -> Option<(MessageKind, &str)> {
        self.current.as_ref().map(|m| (m.kind, m.text.as_str()))
    }

    /// Draws the message on the first row of `area`, marked by a symbol as well as colour.
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let Some(message) = &self.current else { return };
        if area.width == 0 || area.height == 0 {
            return;
        }
        let (style, mark) = match message.kind {
            MessageKind::Info => (self.theme.info, glyph::INFO),
            MessageKind::Success => (self.theme.success, glyph::SUCCESS),
            MessageKind::Error => (self.theme.error, glyph::ERROR),
        };
        let row = Rect { height: 1, ..area };
        let width = usize::from(area.width);
        let text = format!(" {mark}{}", message.text);
        let buf = frame.buffer_mut();
        buf.set_style(row, style);
        buf.set_stringn(row.x, row.y, fit(&text, width), width, style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_fades_errors_stay() {
        let t0 = Instant::now();
        let mut bar = MessageBar::new();
        bar.success("Gespeichert", t0);
        assert!(!bar.expire(t0 + Duration::from_secs(1)));
        assert!(bar.expire(t0 + MessageBar::FADE_AFTER));
        assert_eq!(bar.current(), None);
        bar.error("Datenbank belegt", t0);
        assert!(!bar.expire(t0 + Duration::from_secs(3600)));
        assert_eq!(
            bar.current(),
            Some((MessageKind::Error, "Datenbank belegt"))
        );
        bar.clear();
        assert_eq!(bar.current(), None);
    }
}
