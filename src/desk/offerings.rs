//! Offerings (Angebote): what MiLA offers, under one of the four pillars.

use super::login::Login;
use super::roles::Capability;
use super::{Desk, DeskError, DeskResult};
use crate::store::Read;
use crate::store::records::{AuditAction, Offering, OfferingId, RefList, SessionId};
use crate::store::tables::{OFFERINGS, SESSIONS};

pub const MAX_OFFERING_TEXT: usize = 120;

fn validate(offering: &Offering, tally_ids: &[u32]) -> DeskResult<()> {
    if offering.name.trim().is_empty() {
        return Err(DeskError::invalid("name", "must not be empty"));
    }
    for (field, text) in [
        ("name", &offering.name),
        ("partner", &offering.partner),
        ("room", &offering.room),
    ] {
        if text.chars().count() > MAX_OFFERING_TEXT {
            return Err(DeskError::invalid(
                field,
                format!("longer than {MAX_OFFERING_TEXT} characters"),
            ));
        }
    }
    if offering.tally_categories.is_empty() {
        return Err(DeskError::invalid(
            "tally_categories",
            "at least one category",
        ));
    }
    if let Some(bad) = offering
        .tally_categories
        .iter()
        .find(|c| !tally_ids.contains(c))
    {
        return Err(DeskError::invalid(
            "tally_categories",
            format!("unknown category #{bad}"),
        ));
    }
    if let crate::store::records::Recurrence::Weekly { weekdays, .. } = &offering.recurrence
        && (weekdays.is_empty() || weekdays.iter().any(|d| !(1..=7).contains(d)))
    {
        return Err(DeskError::invalid(
            "recurrence",
            "choose at least one weekday",
        ));
    }
    if let Some((start, end)) = super::recurrence::times(&offering.recurrence)
        && end <= start
    {
        return Err(DeskError::invalid(
            "recurrence",
            "the end must be after the start",
        ));
    }
    Ok(())
}

impl Desk {
    /// All offerings, archived ones included, by id.
    pub fn offerings(&self) -> DeskResult<Vec<(OfferingId, Offering)>> {
        Ok(self.store.read()?.range(OFFERINGS, ..)?)
    }

    pub fn offering(&self, id: OfferingId) -> DeskResult<Offering> {
        self.store
            .read()?
            .get(OFFERINGS, &id)?
            .ok_or(DeskError::NotFound("offering"))
    }

    /// Adds (`id` None) or changes an offering.
    pub fn save_offering(
        &self,
        by: &Login,
        id: Option<OfferingId>,
        offering: &Offering,
    ) -> DeskResult<OfferingId> {
        Ok(self.save_offering_with_sessions(by, id, offering)?.0)
    }

    /// [`Desk::save_offering`], also returning the sessions from today on that
    /// took the offering's new times (in the same commit), so the screen can
    /// say that today's session moved.
    pub fn save_offering_with_sessions(
        &self,
        by: &Login,
        id: Option<OfferingId>,
        offering: &Offering,
    ) -> DeskResult<(OfferingId, Vec<SessionId>)> {
        by.require(Capability::ManageOfferings)?;
        let mut w = self.store.write()?;
        let tally_ids: Vec<u32> = super::reference::list_in(&w, RefList::TallyCategories)?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        validate(offering, &tally_ids)?;
        let id = match id {
            Some(id) => {
                w.get(OFFERINGS, &id)?
                    .ok_or(DeskError::NotFound("offering"))?;
                id
            }
            None => w.last(OFFERINGS)?.map_or(1, |(k, _)| k + 1),
        };
        w.put(OFFERINGS, &id, offering)?;
        super::audit::record(
            &mut w,
            by.user(),
            AuditAction::OfferingChanged,
            None,
            &format!("offering {id}"),
        )?;
        let mut moved = Vec::new();
        if let Some(times) = super::recurrence::times(&offering.recurrence) {
            moved = super::sessions::follow_offering_times(&mut w, id, times, self.today())?;
            for session in &moved {
                super::audit::record(
                    &mut w,
                    by.user(),
                    AuditAction::SessionChanged,
                    None,
                    &format!("session {session} moved"),
                )?;
            }
        }
        w.commit()?;
        Ok((id, moved))
    }

    /// Removes an offering that never had a session; archives one that had
    /// (its history stays in the reports). Returns true if it was archived.
    pub fn retire_offering(&self, by: &Login, id: OfferingId) -> DeskResult<bool> {
        by.require(Capability::ManageOfferings)?;
        let mut w = self.store.write()?;
        let mut offering = w
            .get(OFFERINGS, &id)?
            .ok_or(DeskError::NotFound("offering"))?;
        let mut used = false;
        w.scan(SESSIONS, ..=SessionId::MAX, false, |_, s| {
            used = s.offering == id;
            Ok(!used)
        })?;
        if used {
            offering.archived = true;
            w.put(OFFERINGS, &id, &offering)?;
        } else {
            w.remove(OFFERINGS, &id)?;
        }
        super::audit::record(
            &mut w,
            by.user(),
            AuditAction::OfferingChanged,
            None,
            &format!("offering {id}"),
        )?;
        w.commit()?;
        Ok(used)
    }

    /// Brings an archived offering back.
    pub fn restore_offering(&self, by: &Login, id: OfferingId) -> DeskResult<()> {
        by.require(Capability::ManageOfferings)?;
        let mut w = self.store.write()?;
        let mut offering = w
            .get(OFFERINGS, &id)?
            .ok_or(DeskError::NotFound("offering"))?;
        offering.archived = false;
        w.put(OFFERINGS, &id, &offering)?;
        super::audit::record(
            &mut w,
            by.user(),
            AuditAction::OfferingChanged,
            None,
            &format!("offering {id}"),
        )?;
        w.commit()?;
        Ok(())
    }
}
