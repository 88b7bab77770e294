//! Sessions (Termine): one offering on one date. Today's sessions appear by
//! themselves from the offerings' recurrences; ad-hoc ones are added by hand.

use std::ops::Bound;

use jiff::civil::{Date, Time};

use super::login::Login;
use super::roles::Capability;
use super::{Desk, DeskError, DeskResult};
use crate::store::records::{
    AuditAction, OfferingId, Pillar, RefId, RefList, SessionId, SessionRecord, SessionState,
    day_key,
};
use crate::store::tables::{CHECKINS, OFFERINGS, SESSIONS, SESSIONS_BY_DAY, TALLIES};
use crate::store::{Read, Writer};

pub const MAX_SESSION_NOTE: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyCount {
    pub category: RefId,
    pub label: String,
    pub count: u32,
}

/// A session with what happened in it so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionView {
    pub id: SessionId,
    pub record: SessionRecord,
    pub offering_name: String,
    pub pillar: Pillar,
    /// Registered visitors checked in by name or number.
    pub checkins: u32,
    /// Heads counted anonymously, per category of the offering.
    pub tallies: Vec<TallyCount>,
}

impl SessionView {
    pub fn tallied(&self) -> u32 {
        self.tallies.iter().map(|t| t.count).sum()
    }

    /// Check-ins plus tallied heads: the tally counts only people not
    /// checked in by name, so nobody is counted twice.
    pub fn total(&self) -> u32 {
        self.checkins + self.tallied()
    }

    /// Title for lists: the ad-hoc title if any, else the offering's name.
    pub fn title(&self) -> &str {
        if self.record.title.is_empty() {
            &self.offering_name
        } else {
            &self.record.title
        }
    }
}

/// Keys only: decoding each record (its timestamp is text) is not needed to count.
pub(super) fn count_checkins(r: &impl Read, id: SessionId) -> DeskResult<u32> {
    let n = r.keys(CHECKINS, (id, 0)..=(id, u32::MAX))?.len();
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

pub(super) fn view_in(
    r: &impl Read,
    id: SessionId,
    record: SessionRecord,
) -> DeskResult<SessionView> {
    let offering = r.get(OFFERINGS, &record.offering)?;
    let (offering_name, pillar, categories) = match offering {
        Some(o) => (o.name, o.pillar, o.tally_categories),
        None => (
            format!("#{}", record.offering),
            Pillar::Information,
            Vec::new(),
        ),
    };
    let mut counts: Vec<(RefId, u32)> = r
        .range(TALLIES, (id, 0)..=(id, RefId::MAX))?
        .into_iter()
        .map(|((_, c), n)| (c, n))
        .collect();
    // The offering's categories first, in its order, then any others that
    // were counted before the offering changed.
    let mut ordered: Vec<RefId> = categories;
    for (c, _) in &counts {
        if !ordered.contains(c) {
            ordered.push(*c);
        }
    }
    let labels = super::reference::list_in(r, RefList::TallyCategories)?;
    let tallies = ordered
        .into_iter()
        .map(|category| {
            let count = counts
                .iter_mut()
                .find(|(c, _)| *c == category)
                .map_or(0, |(_, n)| *n);
            let label = labels
                .iter()
                .find(|(i, _)| *i == category)
                .map_or_else(|| format!("#{category}"), |(_, e)| e.label.clone());
            TallyCount {
                category,
                label,
                count,
            }
        })
        .collect();
    Ok(SessionView {
        id,
        checkins: count_checkins(r, id)?,
        record,
        offering_name,
        pillar,
        tallies,
    })
}

pub(super) fn session_ids_on(r: &impl Read, date: Date) -> DeskResult<Vec<SessionId>> {
    let day = day_key(date);
    Ok(r.index_keys(
        SESSIONS_BY_DAY,
        (
            Bound::Included((day, 0)),
            Bound::Included((day, SessionId::MAX)),
        ),
    )?
    .into_iter()
    .map(|(_, id)| id)
    .collect())
}

pub(super) fn insert_session(w: &mut Writer, record: &SessionRecord) -> DeskResult<SessionId> {
    let id = w.last(SESSIONS)?.map_or(1, |(k, _)| k + 1);
    w.put(SESSIONS, &id, record)?;
    w.index_insert(SESSIONS_BY_DAY, &(day_key(record.date), id))?;
    Ok(id)
}

/// Sessions that a day's recurrences call for and that do not exist yet.
pub(super) fn missing_recurring(r: &impl Read, date: Date) -> DeskResult<Vec<SessionRecord>> {
    let existing: Vec<SessionRecord> = session_ids_on(r, date)?
        .into_iter()
        .filter_map(|id| r.get(SESSIONS, &id).transpose())
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for (offering_id, offering) in r.range(OFFERINGS, ..)? {
        if offering.archived || !super::recurrence::occurs_on(&offering.recurrence, date) {
            continue;
        }
        let Some((start, end)) = super::recurrence::times(&offering.recurrence) else {
            continue;
        };
        // One recurring session per offering and day, whatever its time: a
        // changed time moves that session (see `follow_offering_times`) and
        // must never bring a second one.
        let exists = existing
            .iter()
            .any(|s| s.offering == offering_id && !s.ad_hoc);
        if !exists {
            out.push(SessionRecord {
                offering: offering_id,
                date,
                start,
                end,
                title: String::new(),
                ad_hoc: false,
                state: SessionState::Open,
                note: String::new(),
                closed_by: None,
            });
        }
    }
    Ok(out)
}

/// After an offering's times changed: its recurring sessions from `today` on
/// take the new times, so today's session stays the one session of the day,
/// with its check-ins and tallies. Closed sessions were held at their time and
/// keep it; past days are history. Returns the sessions moved.
pub(super) fn follow_offering_times(
    w: &mut Writer,
    offering: OfferingId,
    (start, end): (Time, Time),
    today: Date,
) -> DeskResult<Vec<SessionId>> {
    let from = (day_key(today), 0);
    let ids: Vec<SessionId> = w
        .index_keys(SESSIONS_BY_DAY, from..)?
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    let mut moved = Vec::new();
    for id in ids {
        let Some(mut record) = w.get(SESSIONS, &id)? else {
            continue;
        };
        let follows = record.offering == offering
            && !record.ad_hoc
            && record.state != SessionState::Closed
            && (record.start, record.end) != (start, end);
        if follows {
            record.start = start;
            record.end = end;
            w.put(SESSIONS, &id, &record)?;
            moved.push(id);
        }
    }
    Ok(moved)
}

fn sort_views(views: &mut [SessionView]) {
    views.sort_by(|a, b| (a.record.start, a.title(), a.id).cmp(&(b.record.start, b.title(), b.id)));
}

impl Desk {
    /// The sessions of a day, by start time. For today, the sessions the
    /// recurrences call for are created first (one durable commit), so a
    /// session exists before anyone checks in or tallies.
    pub fn sessions_on(&self, date: Date) -> DeskResult<Vec<SessionView>> {
        if date == self.today() {
            let missing = missing_recurring(&self.store.read()?, date)?;
            if !missing.is_empty() {
                let mut w = self.store.write()?;
                // Recheck inside the write: another path may have added them.
                for record in missing_recurring(&w, date)? {
                    insert_session(&mut w, &record)?;
                }
                w.commit()?;
            }
        }
        let r = self.store.read()?;
        let mut views = Vec::new();
        for id in session_ids_on(&r, date)? {
            if let Some(record) = r.get(SESSIONS, &id)? {
                views.push(view_in(&r, id, record)?);
            }
        }
        sort_views(&mut views);
        Ok(views)
    }

    pub fn session(&self, id: SessionId) -> DeskResult<SessionView> {
        let r = self.store.read()?;
        let record = r
            .get(SESSIONS, &id)?
            .ok_or(DeskError::NotFound("session"))?;
        view_in(&r, id, record)
    }

    /// Adds a session by hand: an info event, a visiting authority.
    pub fn add_session(
        &self,
        by: &Login,
        offering: OfferingId,
        date: Date,
        start: Time,
        end: Time,
        title: &str,
    ) -> DeskResult<SessionId> {
        by.require(Capability::ManageSessions)?;
        if end <= start {
            return Err(DeskError::invalid("end", "the end must be after the start"));
        }
        if title.chars().count() > super::offerings::MAX_OFFERING_TEXT {
            return Err(DeskError::invalid("title", "too long"));
        }
        let mut w = self.store.write()?;
        w.get(OFFERINGS, &offering)?
            .ok_or(DeskError::NotFound("offering"))?;
        let record = SessionRecord {
            offering,
            date,
            start,
            end,
            title: title.trim().to_string(),
            ad_hoc: true,
            state: SessionState::Open,
            note: String::new(),
            closed_by: None,
        };
        let id = insert_session(&mut w, &record)?;
        super::audit::record(
            &mut w,
            by.user(),
            AuditAction::SessionChanged,
            None,
            &format!("session {id} added"),
        )?;
        w.commit()?;
        Ok(id)
    }

    pub fn cancel_session(&self, by: &Login, id: SessionId) -> DeskResult<()> {
        by.require(Capability::ManageSessions)?;
        self.change_session(by, id, "cancelled", |s| {
            s.state = SessionState::Cancelled;
        })
    }

    /// Closes a session with the host's note; afterwards only a coordinator
    /// may change it.
    pub fn close_session(&self, by: &Login, id: SessionId, note: &str) -> DeskResult<()> {
        by.require(Capability::CloseSession)?;
        if note.chars().count() > MAX_SESSION_NOTE {
            return Err(DeskError::invalid(
                "note",
                format!("longer than {MAX_SESSION_NOTE} characters"),
            ));
        }
        let user = by.user().to_string();
        self.change_session(by, id, "closed", |s| {
            s.state = SessionState::Closed;
            s.note = note.trim().to_string();
            s.closed_by = Some(user);
        })
    }

    /// Opens a closed or cancelled session again (coordinator).
    pub fn reopen_session(&self, by: &Login, id: SessionId) -> DeskResult<()> {
        by.require(Capability::EditClosedSession)?;
        self.change_session(by, id, "reopened", |s| {
            s.state = SessionState::Open;
        })
    }

    fn change_session(
        &self,
        by: &Login,
        id: SessionId,
        what: &str,
        change: impl FnOnce(&mut SessionRecord),
    ) -> DeskResult<()> {
        let mut w = self.store.write()?;
        let mut record = w
            .get(SESSIONS, &id)?
            .ok_or(DeskError::NotFound("session"))?;
        writable(by, &record)?;
        change(&mut record);
        w.put(SESSIONS, &id, &record)?;
        super::audit::record(
            &mut w,
            by.user(),
            AuditAction::SessionChanged,
            None,
            &format!("session {id} {what}"),
        )?;
        w.commit()?;
        Ok(())
    }
}

/// Closed and cancelled sessions are read-only except for a coordinator.
pub(super) fn writable(by: &Login, record: &SessionRecord) -> DeskResult<()> {
    match record.state {
        SessionState::Open => Ok(()),
        _ if by.may(Capability::EditClosedSession) => Ok(()),
        SessionState::Closed => Err(DeskError::SessionClosed),
        SessionState::Cancelled => Err(DeskError::SessionCancelled),
    }
}
