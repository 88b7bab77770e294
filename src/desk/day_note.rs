//! The day's note: a free text any staff member writes for the day summary
//! ("Heizung ausgefallen", "Drucker ohne Papier"). Not personal by policy,
//! like the hosts' session notes.

use jiff::civil::Date;

use super::login::Login;
use super::roles::Capability;
use super::{Desk, DeskError, DeskResult};
use crate::store::Read;
use crate::store::records::{AuditAction, day_key};
use crate::store::tables::DAY_NOTES;

/// About one printed page of 80 columns; longer is refused, never cut.
pub const MAX_DAY_NOTE: usize = 2000;

impl Desk {
    /// Replaces the note of `date`; an empty text removes it. Any staff
    /// member may write it. Audited (who changed it), without the text.
    pub fn set_day_note(&self, by: &Login, date: Date, text: &str) -> DeskResult<()> {
        by.require(Capability::DaySummary)?;
        let text = text.trim();
        if text.chars().count() > MAX_DAY_NOTE {
            return Err(DeskError::invalid(
                "note",
                format!("longer than {MAX_DAY_NOTE} characters"),
            ));
        }
        let day = day_key(date);
        let mut w = self.store.write()?;
        if text.is_empty() {
            w.remove(DAY_NOTES, &day)?;
        } else {
            w.put(DAY_NOTES, &day, &text.to_string())?;
        }
        super::audit::record(
            &mut w,
            by.user(),
            AuditAction::SessionChanged,
            None,
            &format!("day note {date}"),
        )?;
        w.commit()?;
        Ok(())
    }

    /// The note of `date`; empty when none was written.
    pub fn day_note(&self, date: Date) -> DeskResult<String> {
        Ok(self
            .store
            .read()?
            .get(DAY_NOTES, &day_key(date))?
            .unwrap_or_default())
    }
}
