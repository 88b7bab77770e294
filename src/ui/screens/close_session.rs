//! Closing a session with the host's short note. Afterwards the desk lets only
//! a coordinator change its check-ins and counts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::{Login, MAX_SESSION_NOTE, SessionId, SessionState, SessionView};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::layout::{button, inset, labelled, paragraph, row, rows, text};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::session_header::session_line;
use crate::ui::widgets::TextField;

pub struct CloseSession {
    session: SessionId,
    line: String,
    title: String,
    already_closed: bool,
    note: TextField,
}

impl CloseSession {
    pub fn new(view: &SessionView, ctx: &Ctx<'_>) -> Self {
        Self {
            session: view.id,
            line: session_line(view, ctx.lang),
            title: view.title().to_string(),
            already_closed: view.record.state == SessionState::Closed,
            note: TextField::new(ctx.lang)
                .with_max_len(MAX_SESSION_NOTE)
                .with_value(view.record.note.clone()),
        }
    }

    fn close(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return Outcome::Stay;
        };
        match desk.close_session(login, self.session, self.note.value()) {
            Ok(()) => {
                ctx.success(Msg::CloseDone.text(ctx.lang));
                Outcome::Back
            }
            Err(e) => {
                ctx.desk_error(&e);
                Outcome::Stay
            }
        }
    }
}

impl Screen for CloseSession {
    fn title(&self, lang: Lang) -> String {
        Msg::CloseTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        Mode::Form
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        vec![Action::Confirm, Action::Back, Action::Help]
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if self.note.handle(action) {
            return Outcome::Stay;
        }
        match action {
            Action::Confirm | Action::Save | Action::CloseSession => self.close(ctx),
            _ => Outcome::Unhandled,
        }
    }

    fn is_dirty(&self) -> bool {
        !self.note.is_empty() && !self.already_closed
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let body = inset(area, 1);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        text(frame, row(body, 1), &self.line, bold);
        let mut y = 3;
        if self.already_closed {
            text(
                frame,
                row(body, y),
                Msg::CloseAlready.text(lang),
                view.theme.info,
            );
            y += 2;
        }
        let intro = fill(Msg::CloseIntro, lang, &[("title", &self.title)]);
        y += paragraph(frame, rows(body, y, 3), &intro, view.theme.body) + 1;
        let place = labelled(frame, row(body, y), Msg::CloseNote.text(lang), 10, true);
        self.note.render(frame, place);
        if let Some(notice) = self.note.notice() {
            text(frame, row(body, y + 1), &notice, view.theme.error);
        }
        button(
            frame,
            row(body, y + 3),
            Msg::CloseButton.text(lang),
            true,
            &view.theme,
        );
    }
}
