//! Future days: the sessions the recurrences will bring, shown before they
//! exist. They are created only on their day (see [`Desk::sessions_on`]), so
//! browsing ahead never makes a future session count as held in a report.

use jiff::civil::{Date, Time};

use super::login::Login;
use super::roles::Capability;
use super::sessions::{insert_session, missing_recurring};
use super::{Desk, DeskError, DeskResult};
use crate::store::records::{AuditAction, OfferingId, SessionId, SessionRecord, SessionState};

impl Desk {
    /// The sessions the recurrences call for on a day after today and that
    /// do not exist yet, by start time. Empty for today (those exist once
    /// [`Desk::sessions_on`] ran) and for past days (what did not happen
    /// was not held).
    pub fn planned_sessions(&self, date: Date) -> DeskResult<Vec<SessionRecord>> {
        if date <= self.today() {
            return Ok(Vec::new());
        }
        let mut planned = missing_recurring(&self.store.read()?, date)?;
        planned.sort_by_key(|s| (s.start, s.offering));
        Ok(planned)
    }

    /// Cancels a planned session of a future day ahead of time: it is created
    /// as cancelled, so its day will not bring it back.
    pub fn cancel_planned_session(
        &self,
        by: &Login,
        offering: OfferingId,
        date: Date,
        start: Time,
    ) -> DeskResult<SessionId> {
        by.require(Capability::ManageSessions)?;
        if date <= self.today() {
            return Err(DeskError::NotFound("planned session"));
        }
        let mut w = self.store.write()?;
        let record = missing_recurring(&w, date)?
            .into_iter()
            .find(|s| s.offering == offering && s.start == start)
            .ok_or(DeskError::NotFound("planned session"))?;
        let record = SessionRecord {
            state: SessionState::Cancelled,
            ..record
        };
        let id = insert_session(&mut w, &record)?;
        super::audit::record(
            &mut w,
            by.user(),
            AuditAction::SessionChanged,
            None,
            &format!("session {id} cancelled ahead"),
        )?;
        w.commit()?;
        Ok(id)
    }
}
