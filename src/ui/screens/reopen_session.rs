//! Opening a closed or cancelled session again from the screens that work on it
//! (check-in, tally): the coordinator's correction when a host closed too early,
//! without a detour through the offerings.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::desk::{Capability, Login, SessionId, SessionState, SessionView};
use crate::ui::action::Action;
use crate::ui::catalog::{Msg, fill};
use crate::ui::screen::{Ctx, Outcome};
use crate::ui::screens::close_session::CloseSession;
use crate::ui::widgets::{Answer, Confirm};

/// The question "open it again?" while it is on screen.
pub struct ReopenQuestion {
    dialog: Confirm,
    session: SessionId,
}

impl ReopenQuestion {
    /// The question for `s`, or `None` with a message saying why not: only the
    /// coordinator opens a session again, and only one that is not open.
    pub fn ask(s: &SessionView, ctx: &mut Ctx<'_>) -> Option<Self> {
        let lang = ctx.lang;
        if !ctx
            .login
            .is_some_and(|l| l.may(Capability::EditClosedSession))
        {
            ctx.error(Msg::NotForRole.text(lang));
            return None;
        }
        if s.record.state == SessionState::Open {
            ctx.info(Msg::SessionIsOpen.text(lang));
            return None;
        }
        let question = fill(Msg::SessionReopenQuestion, lang, &[("title", s.title())]);
        Some(Self {
            dialog: Confirm::new(lang, question),
            session: s.id,
        })
    }

    /// Feeds the question. `None` while it is still open; `Some(true)` once
    /// the session is open again (durably), `Some(false)` when nothing changed.
    pub fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Option<bool> {
        match self.dialog.handle(action)? {
            Answer::No => Some(false),
            Answer::Yes => {
                let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
                    return Some(false);
                };
                match desk.reopen_session(login, self.session) {
                    Ok(()) => {
                        ctx.success(Msg::SessionReopened.text(ctx.lang));
                        Some(true)
                    }
                    Err(e) => {
                        ctx.desk_error(&e);
                        Some(false)
                    }
                }
            }
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        self.dialog.render(frame, area);
    }
}

/// Whether the hint bar offers to open `s` again for this login.
pub fn offered(s: Option<&SessionView>, login: Option<&Login>) -> bool {
    s.is_some_and(|s| s.record.state != SessionState::Open)
        && login.is_some_and(|l| l.may(Capability::EditClosedSession))
}

/// What an open question did with an action, for the screen that shows it.
pub enum Fed {
    /// No question is open: the screen handles the action itself.
    NotAsking,
    /// Time or a resize while the question is open: for the application, not the screen.
    Pass,
    /// The question took the action (or is still open).
    Taken,
    /// The session is open again: the screen reloads it.
    Reopened,
}

/// Feeds `action` to the question in `slot`, if one is open; closes it once answered.
pub fn feed(slot: &mut Option<ReopenQuestion>, action: &Action, ctx: &mut Ctx<'_>) -> Fed {
    let Some(question) = slot else {
        return Fed::NotAsking;
    };
    if matches!(action, Action::Tick | Action::Resize { .. }) {
        return Fed::Pass;
    }
    match question.handle(action, ctx) {
        None => Fed::Taken,
        Some(reopened) => {
            *slot = None;
            if reopened { Fed::Reopened } else { Fed::Taken }
        }
    }
}

/// Closing and reopening `view`'s session: the session actions check-in and tally
/// share. `None` for any other action.
pub fn session_action(
    action: &Action,
    view: Option<&SessionView>,
    slot: &mut Option<ReopenQuestion>,
    ctx: &mut Ctx<'_>,
) -> Option<Outcome> {
    match action {
        Action::CloseSession => Some(match view {
            Some(view) => Outcome::Push(Box::new(CloseSession::new(view, ctx))),
            None => Outcome::Stay,
        }),
        Action::ReopenSession => {
            if let Some(view) = view {
                *slot = ReopenQuestion::ask(view, ctx);
            }
            Some(Outcome::Stay)
        }
        _ => None,
    }
}
