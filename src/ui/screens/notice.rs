//! A full-screen notice: why the program cannot go on (database in use,
//! damaged, foreign) or what was wrong at start (keymap, settings). Any key
//! closes it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::Login;
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg};
use crate::ui::layout::{inset, paragraph, row, rows, text};
use crate::ui::screen::{Ctx, Outcome, Screen, View};

/// What closing the notice does.
pub enum Then {
    Exit(u8),
    Continue(Box<dyn Screen>),
}

pub struct Notice {
    title: String,
    paragraphs: Vec<String>,
    then: Option<Then>,
    footer: Msg,
}

impl Notice {
    /// A notice after which the program exits with `code`.
    pub fn fatal(title: String, paragraphs: Vec<String>, code: u8) -> Self {
        Self {
            title,
            paragraphs,
            then: Some(Then::Exit(code)),
            footer: Msg::NoticeExit,
        }
    }

    /// A notice after which `next` is shown.
    pub fn then(title: String, paragraphs: Vec<String>, next: Box<dyn Screen>) -> Self {
        Self {
            title,
            paragraphs,
            then: Some(Then::Continue(next)),
            footer: Msg::PressAnyKey,
        }
    }
}

impl Screen for Notice {
    fn title(&self, _lang: Lang) -> String {
        self.title.clone()
    }

    fn mode(&self) -> Mode {
        Mode::View
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        vec![Action::Confirm]
    }

    fn handle(&mut self, action: &Action, _ctx: &mut Ctx<'_>) -> Outcome {
        match action {
            Action::Tick | Action::Resize { .. } => Outcome::Stay,
            _ => match self.then.take() {
                Some(Then::Exit(code)) => Outcome::Exit(code),
                Some(Then::Continue(next)) => Outcome::Replace(next),
                None => Outcome::Stay,
            },
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let area = inset(area, 2);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        text(frame, row(area, 1), &self.title, bold);
        let mut y = 3;
        for p in &self.paragraphs {
            y += paragraph(
                frame,
                rows(area, y, area.height.saturating_sub(y + 2)),
                p,
                view.theme.body,
            ) + 1;
        }
        text(
            frame,
            row(area, area.height.saturating_sub(1)),
            self.footer.text(view.lang),
            view.theme.notice,
        );
    }
}
