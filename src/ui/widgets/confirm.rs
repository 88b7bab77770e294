//! A modal yes/no question. For destructive actions (erase, archive) "No" is the default,
//! so a reflexive Enter never destroys anything.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear};

use crate::ui::action::Action;
use crate::ui::catalog::{Lang, Msg};
use crate::ui::sanitize::{display_width, fit, wrap};
use crate::ui::theme::{Theme, glyph};
use crate::ui::widgets::{centered, contains};

/// The answer to a [`Confirm`] question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
}

#[derive(Debug, Clone)]
pub struct Confirm {
    title: String,
    question: String,
    focus: Answer,
    lang: Lang,
    theme: Theme,
    /// Where the buttons were drawn, for mouse clicks.
    buttons: Cell<[Rect; 2]>,
}

impl Confirm {
    /// A question whose "Yes" is harmless: "Yes" is pre-selected.
    pub fn new(lang: Lang, question: impl Into<String>) -> Self {
        Confirm {
            title: Msg::ConfirmTitle.text(lang).to_owned(),
            question: question.into(),
            focus: Answer::Yes,
            lang,
            theme: Theme::default(),
            buttons: Cell::new([Rect::default(); 2]),
        }
    }

    /// A question whose "Yes" destroys something: "No" is pre-selected.
    pub fn destructive(lang: Lang, question: impl Into<String>) -> Self {
        Confirm {
            focus: Answer::No,
            ..Confirm::new(lang, question)
        }
    }

    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    pub fn with_theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }

    /// The button Enter would press.
    pub fn focus(&self) -> Answer {
        self.focus
    }

    /// Arrows and Tab move between the buttons; Enter presses the highlighted one; Esc and
    /// `no` answer No; `yes` answers Yes; a click on a button presses it. `None`: still open.
    pub fn handle(&mut self, action: &Action) -> Option<Answer> {
        match action {
            Action::Left
            | Action::Right
            | Action::Up
            | Action::Down
            | Action::NextField
            | Action::PrevField => {
                self.focus = match self.focus {
                    Answer::Yes => Answer::No,
                    Answer::No => Answer::Yes,
                };
                None
            }
            Action::Confirm => Some(self.focus),
            Action::Back | Action::No => Some(Answer::No),
            Action::Yes => Some(Answer::Yes),
            Action::Click { col, row } => {
                let [yes, no] = self.buttons.get();
                if contains(yes, *col, *row) {
                    Some(Answer::Yes)
                } else if contains(no, *col, *row) {
                    Some(Answer::No)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// Draws the dialog centred over `area` (usually the whole screen).
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        const MIN_WIDTH: u16 = 36;
        const MAX_WIDTH: u16 = 64;
        let question_width = u16::try_from(display_width(&self.question)).unwrap_or(MAX_WIDTH);
        let width = question_width
            .saturating_add(4)
            .clamp(MIN_WIDTH, MAX_WIDTH)
            .min(area.width);
        let inner_width = usize::from(width.saturating_sub(4));
        let lines = wrap(&self.question, inner_width);
        let line_count = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        // Border, blank, question, blank, buttons, border.
        let height = line_count.saturating_add(5).min(area.height);
        let dialog = centered(area, width, height);

        frame.render_widget(Clear, dialog);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.dialog_border)
            .style(self.theme.dialog)
            .title(fit(&self.title, inner_width).into_owned());
        let inner = block.inner(dialog);
        frame.render_widget(block, dialog);
        if inner.height == 0 || inner.width == 0 {
            return;
        }

        let buf = frame.buffer_mut();
        for (i, line) in lines.iter().enumerate() {
            let y = inner.y + 1 + u16::try_from(i).unwrap_or(u16::MAX);
            if y >= inner.y + inner.height.saturating_sub(1) {
                break;
            }
            buf.set_stringn(inner.x + 1, y, line, inner_width, self.theme.dialog);
        }

        let label = |answer: Answer| -> String {
            let text = match answer {
                Answer::Yes => Msg::Yes.text(self.lang),
                Answer::No => Msg::No.text(self.lang),
            };
            // The focused button has brackets as well as reverse video: visible without colour.
            if answer == self.focus {
                format!("{}{text}{}", glyph::BUTTON_OPEN, glyph::BUTTON_CLOSE)
            } else {
                format!("  {text}  ")
            }
        };
        let yes = label(Answer::Yes);
        let no = label(Answer::No);
        let yes_w = u16::try_from(display_width(&yes)).unwrap_or(0);
        let no_w = u16::try_from(display_width(&no)).unwrap_or(0);
        let gap = 4;
        let total = yes_w + gap + no_w;
        let y = inner.y + inner.height - 1;
        let x = inner.x + inner.width.saturating_sub(total) / 2;
        let yes_area = Rect::new(x, y, yes_w.min(inner.width), 1);
        let no_area = Rect::new(x + yes_w + gap, y, no_w, 1).intersection(inner);
        for (answer, text, rect) in [(Answer::Yes, &yes, yes_area), (Answer::No, &no, no_area)] {
            let style = if answer == self.focus {
                self.theme.button_focused
            } else {
                self.theme.button
            };
            buf.set_stringn(rect.x, rect.y, text, usize::from(rect.width), style);
        }
        self.buttons.set([yes_area, no_area]);
    }
}

/// What an open question did with an action (see [`ask`]).
#[derive(Debug, PartialEq, Eq)]
pub enum Asked<T> {
    /// No question is open: the screen handles the action itself.
    NotAsking,
    /// The question took the action: it is still open, or was answered No and closed.
    Busy,
    /// Answered Yes; the question is closed and hands back what it was about.
    Yes(T),
}

/// Passes `action` to the question in `slot`, if one is open. Every screen that asks before
/// it acts holds its question as `Option<(Confirm, T)>`, `T` being what the question is about.
pub fn ask<T>(slot: &mut Option<(Confirm, T)>, action: &Action) -> Asked<T> {
    let Some((mut dialog, about)) = slot.take() else {
        return Asked::NotAsking;
    };
    match dialog.handle(action) {
        Some(Answer::Yes) => Asked::Yes(about),
        Some(Answer::No) => Asked::Busy,
        None => {
            *slot = Some((dialog, about));
            Asked::Busy
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    #[test]
    fn ask_hands_back_what_a_yes_was_about() {
        let mut slot: Option<(Confirm, u32)> = None;
        assert_eq!(ask(&mut slot, &Action::Yes), Asked::NotAsking);
        slot = Some((Confirm::destructive(Lang::De, "Löschen?"), 7));
        assert_eq!(ask(&mut slot, &Action::Left), Asked::Busy);
        assert!(slot.is_some(), "still open");
        assert_eq!(ask(&mut slot, &Action::Yes), Asked::Yes(7));
        assert!(slot.is_none());
        slot = Some((Confirm::destructive(Lang::De, "Löschen?"), 8));
        assert_eq!(ask(&mut slot, &Action::Confirm), Asked::Busy);
        assert!(slot.is_none(), "Enter on the default No closes it");
    }

    #[test]
    fn destructive_questions_default_to_no() {
        let mut c = Confirm::destructive(Lang::De, "Wirklich löschen?");
        assert_eq!(c.focus(), Answer::No);
        assert_eq!(c.handle(&Action::Confirm), Some(Answer::No));
        c.handle(&Action::Left);
        assert_eq!(c.handle(&Action::Confirm), Some(Answer::Yes));
        assert_eq!(c.handle(&Action::Back), Some(Answer::No));
        assert_eq!(c.handle(&Action::Yes), Some(Answer::Yes));
        assert_eq!(c.handle(&Action::Input('x')), None);
        assert_eq!(Confirm::new(Lang::De, "?").focus(), Answer::Yes);
    }

    #[test]
    fn buttons_can_be_clicked() {
        let mut c = Confirm::destructive(Lang::En, "Erase M-0042 for good?");
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal.draw(|f| c.render(f, f.area())).unwrap();
        let buffer = terminal.backend().buffer().clone();
        let find = |needle: &str| -> (u16, u16) {
            for y in 0..24 {
                let row: String = (0..80)
                    .map(|x| buffer[(x, y)].symbol().to_owned())
                    .collect();
                if let Some(byte) = row.find(needle) {
                    let col = row[..byte].chars().count();
                    return (u16::try_from(col).unwrap(), y);
                }
            }
            panic!("{needle} not on screen");
        };
        let (x, y) = find("Yes");
        assert_eq!(
            c.handle(&Action::Click { col: x, row: y }),
            Some(Answer::Yes)
        );
        let (x, y) = find("No");
        assert_eq!(
            c.handle(&Action::Click { col: x, row: y }),
            Some(Answer::No)
        );
        assert_eq!(c.handle(&Action::Click { col: 0, row: 0 }), None);
    }
}
