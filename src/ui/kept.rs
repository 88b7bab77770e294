//! What a lock keeps of the screen that was showing: its unsaved input as a value the desk
//! seals under the data key, and the way back to that screen after the same person unlocks.

use serde::{Deserialize, Serialize};

use crate::desk::SessionId;
use crate::ui::screen::{Ctx, Screen};
use crate::ui::screens::check_in::CheckIn;
use crate::ui::screens::intake::{Intake, IntakeDraft};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Kept {
    /// An intake or a change of a visitor's data, with every answer typed so far.
    Intake(Box<IntakeDraft>),
    /// The check-in of a session (nothing typed is worth keeping there).
    CheckIn(SessionId),
}

/// The screen as it was, or `None` when it cannot be opened again (the desk says why).
pub fn restore(kept: &Kept, ctx: &mut Ctx<'_>) -> Option<Box<dyn Screen>> {
    match kept {
        Kept::Intake(draft) => Intake::restore(draft, ctx).map(|s| Box::new(s) as Box<dyn Screen>),
        Kept::CheckIn(session) => Some(Box::new(CheckIn::new(*session, ctx))),
    }
}
