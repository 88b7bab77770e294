//! Check-ins of registered visitors and the anonymous tally of heads.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;

use super::login::Login;
use super::roles::Capability;
use super::{Desk, DeskError, DeskResult};
use crate::store::records::{
    CheckInRecord, RefId, SessionId, SessionRecord, VisitorNo, VisitorStatus,
};
use crate::store::tables::{CHECKINS, SESSIONS, TALLIES, VISITORS};
use crate::store::{Read, Writer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckInOutcome {
    CheckedIn,
    /// Was already checked in to this session; nothing counted twice.
    AlreadyCheckedIn,
}

fn open_session(w: &Writer, by: &Login, id: SessionId) -> DeskResult<SessionRecord> {
    let record = w
        .get(SESSIONS, &id)?
        .ok_or(DeskError::NotFound("session"))?;
    super::sessions::writable(by, &record)?;
    Ok(record)
}

/// Each visitor's latest check-in day, for all at once: one pass over the
/// check-ins and the sessions.
pub(super) fn last_check_ins(r: &impl Read) -> DeskResult<HashMap<VisitorNo, Date>> {
    let mut dates = HashMap::new();
    r.scan(SESSIONS, .., false, |id, s: SessionRecord| {
        dates.insert(id, s.date);
        Ok(true)
    })?;
    let mut seen: HashMap<VisitorNo, Date> = HashMap::new();
    r.scan_keys(CHECKINS, .., |(sid, no)| {
        if let Some(&date) = dates.get(&sid) {
            let last = seen.entry(no).or_insert(date);
            *last = (*last).max(date);
        }
        Ok(true)
    })?;
    Ok(seen)
}

/// The sessions a visitor was checked in to, in session order. A check-in
/// writes one tree (session, visitor) and no index by visitor, so a durable
/// check-in dirties as few pages as it can; one visitor's sessions are found
/// by looking the pair up for every session instead: sessions are a few
/// thousand where check-ins are a million.
pub(super) fn sessions_of(r: &impl Read, no: VisitorNo) -> DeskResult<Vec<SessionId>> {
    let sessions = r.keys(SESSIONS, ..)?;
    Ok(
        r.present(CHECKINS, sessions.into_iter().map(|sid| (sid, no)))?
            .into_iter()
            .map(|(sid, _)| sid)
            .collect(),
    )
}

fn check_in_one(
    w: &mut Writer,
    by: &Login,
    id: SessionId,
    no: VisitorNo,
) -> DeskResult<CheckInOutcome> {
    let meta = w.get(VISITORS, &no)?.ok_or(DeskError::NoSuchVisitor(no))?;
    if meta.status == VisitorStatus::Erased {
        return Err(DeskError::Erased(no));
    }
    let record = CheckInRecord {
        at: Timestamp::now(),
        by: by.user().to_string(),
    };
    if !w.put_new(CHECKINS, &(id, no), &record)? {
        return Ok(CheckInOutcome::AlreadyCheckedIn);
    }
    // One tree per durable check-in: no index by visitor (see
    // `sessions_of`), and the visitor record's `last_seen` is not rewritten;
    // whoever shows it takes the later of it and the visitor's check-ins
    // (see `last_check_ins`).
    Ok(CheckInOutcome::CheckedIn)
}

impl Desk {
    /// Checks one visitor in: one durable commit. Idempotent: the same
    /// visitor twice in one session counts once.
    pub fn check_in(
        &self,
        by: &Login,
        session: SessionId,
        no: VisitorNo,
    ) -> DeskResult<CheckInOutcome> {
        Ok(self.check_in_many(by, session, &[no])?[0])
    }

    /// Checks several visitors (a household) in, in one durable commit.
    pub fn check_in_many(
        &self,
        by: &Login,
        session: SessionId,
        visitors: &[VisitorNo],
    ) -> DeskResult<Vec<CheckInOutcome>> {
        by.require(Capability::CheckIn)?;
        if visitors.is_empty() {
            return Err(DeskError::invalid("visitor", "no visitor chosen"));
        }
        let mut w = self.store.write()?;
        open_session(&w, by, session)?;
        let mut outcomes = Vec::with_capacity(visitors.len());
        for &no in visitors {
            outcomes.push(check_in_one(&mut w, by, session, no)?);
        }
        w.commit()?;
        Ok(outcomes)
    }

    /// Takes a check-in back (a wrong person chosen). True if there was one.
    pub fn undo_check_in(&self, by: &Login, session: SessionId, no: VisitorNo) -> DeskResult<bool> {
        by.require(Capability::CheckIn)?;
        let mut w = self.store.write()?;
        open_session(&w, by, session)?;
        if !w.remove(CHECKINS, &(session, no))? {
            return Ok(false);
        }
        w.commit()?;
        Ok(true)
    }

    /// Visitor numbers checked in to a session, in number order.
    pub fn checked_in(&self, session: SessionId) -> DeskResult<Vec<VisitorNo>> {
        let r = self.store.read()?;
        // Keys only: the check-in screen reloads this after every Enter, and
        // decoding each record's timestamp would cost more than the lookup.
        Ok(r.keys(CHECKINS, (session, 0)..=(session, VisitorNo::MAX))?
            .into_iter()
            .map(|(_, no)| no)
            .collect())
    }

    /// Adds `delta` heads (negative to remove) in one category; never below
    /// zero. One durable commit; returns the new count.
    pub fn tally(
        &self,
        by: &Login,
        session: SessionId,
        category: RefId,
        delta: i32,
    ) -> DeskResult<u32> {
        by.require(Capability::Tally)?;
        let mut w = self.store.write()?;
        open_session(&w, by, session)?;
        let old = w.get(TALLIES, &(session, category))?.unwrap_or(0);
        let new = (i64::from(old) + i64::from(delta)).clamp(0, i64::from(u32::MAX)) as u32;
        if new != old {
            w.put(TALLIES, &(session, category), &new)?;
            w.commit()?;
        }
        Ok(new)
    }
}
