//! The main screens behind the F-keys: who may open which, and opening them.

use crate::desk::{Capability, Login, SessionId, VisitorNo};
use crate::ui::action::Action;
use crate::ui::screen::{Ctx, Screen};
use crate::ui::screens::intake::Intake;

/// The main actions, in the order the home screen lists them.
pub const MAIN_ACTIONS: [Action; 9] = [
    Action::NewIntake,
    Action::FindVisitor,
    Action::CheckIn,
    Action::Tally,
    Action::DaySummary,
    Action::Offerings,
    Action::Admin,
    Action::Lock,
    Action::Quit,
];

/// Screens with a global key that the home menu does not list
/// (Sprachvermittlung: the open mediation requests, Alt+M).
pub const EXTRA_ACTIONS: [Action; 2] = [Action::Requests, Action::Pool];

/// What a role needs for each main screen.
fn capability(action: &Action) -> Option<Capability> {
    match action {
        Action::Requests => Some(Capability::ReadPersonal),
        Action::NewIntake => Some(Capability::WritePersonal),
        Action::FindVisitor => Some(Capability::ReadPersonal),
        Action::CheckIn => Some(Capability::CheckIn),
        Action::Tally => Some(Capability::Tally),
        Action::DaySummary => Some(Capability::DaySummary),
        // Receptionists add and cancel sessions there; editing offerings is checked inside.
        Action::Offerings => Some(Capability::ManageSessions),
        Action::Admin => Some(Capability::ManageReference),
        _ => None,
    }
}

/// Whether `login` may open the screen behind `action` (lock and quit: always).
pub fn allowed(action: &Action, login: &Login) -> bool {
    capability(action).is_none_or(|c| login.may(c))
}

/// The screen behind a main action, or None where it cannot open (e.g. the desk said no).
pub fn open(action: &Action, ctx: &mut Ctx<'_>) -> Option<Box<dyn Screen>> {
    match action {
        Action::NewIntake => Intake::new(ctx).map(|s| Box::new(s) as Box<dyn Screen>),
        Action::FindVisitor => Some(Box::new(
            crate::ui::screens::find_visitor::FindVisitor::new(ctx),
        )),
        Action::CheckIn => Some(crate::ui::screens::session_pick::then_check_in(ctx)),
        Action::Tally => Some(crate::ui::screens::session_pick::then_tally(ctx)),
        Action::DaySummary => Some(Box::new(
            crate::ui::screens::day_summary::DaySummaryScreen::new(ctx),
        )),
        Action::Offerings => Some(Box::new(crate::ui::screens::offerings::Offerings::new(ctx))),
        Action::Admin => Some(Box::new(crate::ui::screens::admin::Admin::new(ctx))),
        Action::Requests => Some(Box::new(crate::ui::screens::requests::Requests::new(ctx))),
        Action::Pool => Some(Box::new(crate::ui::screens::pool::Pool::new(ctx))),
        _ => None,
    }
}

// Screens that open other screens go through these, so that no screen module depends on
// another one directly.

/// The visitor card for `no` (from find, the duplicate check, check-in).
pub fn visitor_card(no: VisitorNo, ctx: &mut Ctx<'_>) -> Option<Box<dyn Screen>> {
    if !ctx.login.is_some_and(|l| l.may(Capability::ReadPersonal)) {
        return None;
    }
    crate::ui::screens::visitor_card::VisitorCard::open(no, ctx)
        .map(|card| Box::new(card) as Box<dyn Screen>)
}

/// A new mediation request for `no`, in `language` to start with.
pub fn mediation_request(
    no: VisitorNo,
    language: &str,
    ctx: &mut Ctx<'_>,
) -> Option<Box<dyn Screen>> {
    if !ctx.login.is_some_and(|l| l.may(Capability::WritePersonal)) {
        return None;
    }
    Some(Box::new(
        crate::ui::screens::request_form::RequestForm::new(no, language, ctx),
    ))
}

/// The intake form filled with `no`'s data, to complete or change it.
pub fn edit_visitor(no: VisitorNo, ctx: &mut Ctx<'_>) -> Option<Box<dyn Screen>> {
    Intake::edit(no, ctx).map(|s| Box::new(s) as Box<dyn Screen>)
}

/// A new intake that, once saved, checks the new visitor in to `session`.
pub fn intake_then_check_in(session: SessionId, ctx: &mut Ctx<'_>) -> Option<Box<dyn Screen>> {
    Intake::then_check_in(session, ctx).map(|s| Box::new(s) as Box<dyn Screen>)
}

/// The same, with the name typed into the check-in search already in the form.
pub fn intake_then_check_in_named(
    session: SessionId,
    typed: &str,
    ctx: &mut Ctx<'_>,
) -> Option<Box<dyn Screen>> {
    Intake::then_check_in_named(session, typed, ctx).map(|s| Box::new(s) as Box<dyn Screen>)
}

/// The quick tally for one session (Enter on a session on the home screen).
/// The check-in of `session` (Enter on a session of the home screen).
pub fn check_in_for(session: SessionId, ctx: &mut Ctx<'_>) -> Option<Box<dyn Screen>> {
    Some(Box::new(crate::ui::screens::check_in::CheckIn::new(
        session, ctx,
    )))
}

pub fn tally_for(session: SessionId, ctx: &mut Ctx<'_>) -> Option<Box<dyn Screen>> {
    Some(Box::new(crate::ui::screens::tally::Tally::new(
        session, ctx,
    )))
}
