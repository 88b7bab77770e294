//! Choosing one of today's sessions before checking in or counting (F4, F5).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::{Capability, Login, SessionId, SessionState, SessionView};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::layout::{inset, row, rows, text};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::check_in::CheckIn;
use crate::ui::screens::session_header::session_line;
use crate::ui::screens::tally::Tally;
use crate::ui::widgets::PickList;

/// What opens once a session is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    CheckIn,
    Tally,
}

pub struct SessionPick {
    then: Then,
    sessions: Vec<SessionView>,
    list: PickList,
}

fn may_add_session(login: &Login) -> bool {
    login.may(Capability::ManageSessions)
}

/// The screen for one session, by what was asked for.
pub fn open_session(then: Then, id: SessionId, ctx: &mut Ctx<'_>) -> Box<dyn Screen> {
    match then {
        Then::CheckIn => Box::new(CheckIn::new(id, ctx)),
        Then::Tally => Box::new(Tally::new(id, ctx)),
    }
}

/// F4: choose a session, then check people in to it.
pub fn then_check_in(ctx: &mut Ctx<'_>) -> Box<dyn Screen> {
    Box::new(SessionPick::new(Then::CheckIn, ctx))
}

/// F5: choose a session, then count heads at it.
pub fn then_tally(ctx: &mut Ctx<'_>) -> Box<dyn Screen> {
    Box::new(SessionPick::new(Then::Tally, ctx))
}

impl SessionPick {
    pub fn new(then: Then, ctx: &mut Ctx<'_>) -> Self {
        let sessions = match ctx.desk.map(|d| d.sessions_on(ctx.today)) {
            Some(Ok(s)) => s,
            Some(Err(e)) => {
                ctx.desk_error(&e);
                Vec::new()
            }
            None => Vec::new(),
        };
        let lang = ctx.lang;
        let mut list = PickList::single(sessions.iter().map(|s| session_line(s, lang)).collect())
            .with_lang(lang);
        // Start on the first session still open: that is the one people come to.
        if let Some(i) = sessions
            .iter()
            .position(|s| s.record.state == SessionState::Open)
        {
            list.select(i);
        }
        Self {
            then,
            sessions,
            list,
        }
    }
}

impl SessionPick {
    fn open(&self, ctx: &mut Ctx<'_>) -> Outcome {
        match self.list.selected().and_then(|i| self.sessions.get(i)) {
            Some(s) => Outcome::Replace(open_session(self.then, s.id, ctx)),
            None => Outcome::Stay,
        }
    }
}

impl Screen for SessionPick {
    fn title(&self, lang: Lang) -> String {
        let what = match self.then {
            Then::CheckIn => Msg::CheckInTitle,
            Then::Tally => Msg::TallyTitle,
        };
        format!("{} – {}", what.text(lang), Msg::PickSessionTitle.text(lang))
    }

    fn mode(&self) -> Mode {
        Mode::List
    }

    fn hints(&self, login: Option<&Login>) -> Vec<Action> {
        if self.sessions.is_empty() {
            // Nothing to choose: the way to a one-off session instead, where allowed.
            return if login.is_some_and(may_add_session) {
                vec![Action::Offerings, Action::Back, Action::Help]
            } else {
                vec![Action::Back, Action::Help]
            };
        }
        vec![Action::Confirm, Action::Back, Action::Help]
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        match action {
            Action::Confirm => self.open(ctx),
            // One click on a session is the same as choosing it with Enter, as
            // in the admin menu and the find list.
            Action::Click { col, row } => match self.list.click(*col, *row) {
                Some(_) => self.open(ctx),
                None => Outcome::Unhandled,
            },
            other if self.list.handle(other) => Outcome::Stay,
            _ => Outcome::Unhandled,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let area = inset(area, 1);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        if self.sessions.is_empty() {
            text(
                frame,
                row(area, 1),
                Msg::HomeNoSessions.text(view.lang),
                view.theme.body,
            );
            let key = view
                .keymap
                .hints(self.mode(), &[Action::Offerings], view.lang)
                .into_iter()
                .next();
            if let Some((key, _)) = key
                && view.login.is_some_and(may_add_session)
            {
                let how = fill(Msg::PickSessionAddOneOff, view.lang, &[("key", &key)]);
                text(frame, row(area, 3), &how, view.theme.body);
            }
            return;
        }
        text(
            frame,
            row(area, 1),
            Msg::PickSessionIntro.text(view.lang),
            bold,
        );
        self.list
            .render(frame, rows(area, 3, area.height.saturating_sub(3)));
    }
}
