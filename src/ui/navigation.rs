//! The main screens behind the F-keys: who may open which, and opening them.

use crate::desk::{Capability, Login};
use crate::ui::action::Action;
use crate::ui::screen::{Ctx, Screen};

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

/// What a role needs for each main screen.
fn capability(action: &Action) -> Option<Capability> {
    match action {
        Action::NewIntake => Some(Capability::WritePersonal),
        Action::FindVisitor => Some(Capability::ReadPersonal),
        Action::CheckIn => Some(Capability::CheckIn),
        Action::Tally => Some(Capability::Tally),
        Action::DaySummary => Some(Capability::DaySummary),
        Action::Offerings => Some(Capability::ManageOfferings),
        Action::Admin => Some(Capability::ManageReference),
        _ => None,
    }
}

/// Whether `login` may open the screen behind `action` (lock and quit: always).
pub fn allowed(action: &Action, login: &Login) -> bool {
    capability(action).is_none_or(|c| login.may(c))
}

/// Whether this build has the screen behind `action` yet.
pub fn available(action: &Action) -> bool {
    match action {
        Action::Lock | Action::Quit => true,
        Action::NewIntake => false,
        Action::FindVisitor => false,
        Action::CheckIn => false,
        Action::Tally => false,
        Action::DaySummary => false,
        Action::Offerings => false,
        Action::Admin => false,
        _ => false,
    }
}

/// The screen behind a main action, or None where it is not built yet.
pub fn open(action: &Action, ctx: &mut Ctx<'_>) -> Option<Box<dyn Screen>> {
    let _ = ctx;
    match action {
        Action::NewIntake => None,
        Action::FindVisitor => None,
        Action::CheckIn => None,
        Action::Tally => None,
        Action::DaySummary => None,
        Action::Offerings => None,
        Action::Admin => None,
        _ => None,
    }
}
