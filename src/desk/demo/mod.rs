//! Demo data: a new database filled with made-up visitors, the seed's
//! offerings held on every day of a period ending today, check-ins and
//! tallies. For trying the program out (`mila demo`) and for the benchmark
//! of the performance budget (100,000 visitors, 1,000,000 check-ins).
//!
//! Everything is written in bulk, a few large durable commits instead of
//! one per record, so a million check-ins take seconds, not hours.

// Sprachvermittlung (issue 16)
mod mediation;
mod people;
mod schedule;

use jiff::ToSpan;
use jiff::civil::Date;

use super::login::Login;
use super::roles::Capability;
use super::{Desk, DeskError, DeskResult};
use crate::search::testdata::Rng;
use crate::store::Read;
use crate::store::records::{
    AuditAction, AuditEntry, CheckInRecord, Pillar, RefId, RefList, SessionId, VisitorMeta,
    VisitorNo, VisitorStatus, day_key,
};
use crate::store::tables::{
    AUDIT, AUDIT_BY_VISITOR, CHECKINS, LOGINS_BY_DAY, OFFERINGS, PERSONAL, SESSIONS,
    SESSIONS_BY_DAY, TALLIES, VISITORS, VISITORS_BY_DAY,
};

pub use people::DEMO_NOTE;
use people::{Vocabulary, make_people};
use schedule::{PlannedSession, plan_sessions, registration_days};

/// Visitors written per commit: bounds the memory of one transaction.
const VISITORS_PER_COMMIT: usize = 25_000;
/// Check-ins written per commit.
const CHECKINS_PER_COMMIT: usize = 200_000;

/// What to generate. The same plan and seed give the same people and
/// attendance (not the same file: sealing uses fresh random nonces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPlan {
    pub visitors: u32,
    /// Days of sessions, ending today.
    pub days: u32,
    /// Check-ins in total; None: a plausible number for the size of the
    /// room (about a dozen per session).
    pub checkins: Option<u64>,
    pub seed: u64,
}

impl Default for DemoPlan {
    fn default() -> Self {
        Self {
            visitors: 300,
            days: 90,
            checkins: None,
            seed: 2026,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub visitors: u32,
    pub sessions: u32,
    pub checkins: u64,
    pub first_day: Date,
    pub last_day: Date,
    /// The past day with the most check-ins: a good first day summary.
    pub busiest_past_day: Option<Date>,
}

/// Largest plan accepted: far beyond the room, small enough to finish.
pub const MAX_DEMO_VISITORS: u32 = 1_000_000;
pub const MAX_DEMO_DAYS: u32 = 3_650;

impl Desk {
    /// Fills a new database (no visitors or sessions yet) with demo data.
    /// Coordinators only; refuses a database that holds anything already,
    /// so demo people never mix with real ones.
    pub fn fill_demo(&self, by: &Login, plan: &DemoPlan) -> DeskResult<DemoSummary> {
        let key = by.key(Capability::Import)?;
        if plan.visitors == 0 || plan.visitors > MAX_DEMO_VISITORS {
            return Err(DeskError::invalid(
                "visitors",
                format!("1 to {MAX_DEMO_VISITORS}"),
            ));
        }
        if plan.days == 0 || plan.days > MAX_DEMO_DAYS {
            return Err(DeskError::invalid("days", format!("1 to {MAX_DEMO_DAYS}")));
        }
        let r = self.store.read()?;
        if r.count(VISITORS)? > 0 || r.count(SESSIONS)? > 0 {
            return Err(DeskError::invalid(
                "database",
                "demo data goes only into a new, empty database",
            ));
        }
        let offerings = r.range(OFFERINGS, ..)?;
        let vocabulary = Vocabulary::new(
            &super::reference::list_in(&r, RefList::Languages)?,
            &super::reference::list_in(&r, RefList::Nationalities)?,
            &super::reference::list_in(&r, RefList::Housing)?,
            &super::reference::list_in(&r, RefList::Needs)?,
            offerings
                .iter()
                .filter(|(_, o)| o.pillar == Pillar::Beratung && !o.archived)
                .map(|(id, _)| *id)
                .collect(),
        );
        drop(r);

        let today = self.today();
        let days = i64::from(plan.days) - 1;
        let first = today
            .checked_sub(days.days())
            .map_err(|_| DeskError::invalid("days", "reaches before the calendar"))?;
        let mut rng = Rng::new(plan.seed);
        let created = registration_days(&mut rng, &offerings, first, today, plan.visitors);
        let created_keys: Vec<u32> = created.iter().map(|d| day_key(*d)).collect();
        let people = make_people(
            created.len(),
            &created_keys,
            &vocabulary,
            plan.seed ^ 0x5eed,
        );
        let sessions = plan_sessions(
            &mut rng,
            &offerings,
            &created,
            first,
            today,
            plan.checkins,
            by.user(),
        );

        // Last seen: the latest session attended, else the day registered.
        let mut last_seen = created.clone();
        for s in &sessions {
            for &no in &s.attendees {
                let seen = &mut last_seen[no as usize - 1];
                *seen = (*seen).max(s.record.date);
            }
        }
        // Households: every member points at its first member.
        let mut root: Vec<Option<usize>> = vec![None; people.len()];
        for (i, p) in people.iter().enumerate() {
            if let Some(j) = p.household_with {
                let r = root[j].unwrap_or(j);
                root[j] = Some(r);
                root[i] = Some(r);
            }
        }

        let user = by.user().to_string();
        for chunk_start in (0..people.len()).step_by(VISITORS_PER_COMMIT) {
            let chunk_end = (chunk_start + VISITORS_PER_COMMIT).min(people.len());
            let mut w = self.store.write()?;
            let first_seq = w.last(AUDIT)?.map_or(1, |(k, _)| k + 1);
            let mut metas = Vec::with_capacity(chunk_end - chunk_start);
            let mut sealed = Vec::with_capacity(chunk_end - chunk_start);
            let mut audit = Vec::with_capacity(chunk_end - chunk_start);
            for (seq, i) in (first_seq..).zip(chunk_start..chunk_end) {
                let no = i as VisitorNo + 1;
                let data = &people[i].data;
                metas.push((
                    no,
                    VisitorMeta {
                        created: created[i],
                        last_seen: last_seen[i],
                        status: VisitorStatus::Complete,
                        household: root[i].map(|r| r as VisitorNo + 1),
                    },
                ));
                sealed.push((no, super::visitors::seal_personal(key, no, data)?));
                super::stats::update(&mut w, key, created_keys[i], None, data)?;
                audit.push((
                    seq,
                    AuditEntry {
                        at: schedule::moment(created[i], 9, (i % 240) as i64),
                        user: user.clone(),
                        action: AuditAction::Register,
                        visitor: Some(no),
                        detail: "demo".into(),
                    },
                ));
            }
            w.put_many(VISITORS, metas.iter().map(|(k, v)| (*k, v)))?;
            w.index_insert_many(
                VISITORS_BY_DAY,
                metas.iter().map(|(no, m)| (day_key(m.created), *no)),
            )?;
            w.put_many(PERSONAL, sealed.iter().map(|(k, v)| (*k, v)))?;
            w.put_many(AUDIT, audit.iter().map(|(k, v)| (*k, v)))?;
            w.index_insert_many(
                AUDIT_BY_VISITOR,
                audit.iter().filter_map(|(k, e)| e.visitor.map(|v| (v, *k))),
            )?;
            w.commit()?;
        }

        let mut w = self.store.write()?;
        let first_id: SessionId = w.last(SESSIONS)?.map_or(1, |(k, _)| k + 1);
        let mut pending = 0usize;
        let mut checkins = 0u64;
        let mut open_days = Vec::new();
        for (i, s) in sessions.iter().enumerate() {
            let id = first_id + i as SessionId;
            write_session(&mut w, id, s, &user)?;
            checkins += s.attendees.len() as u64;
            pending += s.attendees.len();
            if open_days.last() != Some(&s.record.date) {
                open_days.push(s.record.date);
            }
            if pending >= CHECKINS_PER_COMMIT {
                w.commit()?;
                w = self.store.write()?;
                pending = 0;
            }
        }
        w.index_insert_many(
            LOGINS_BY_DAY,
            open_days.iter().map(|d| (day_key(*d), user.clone())),
        )?;
        w.commit()?;

        // Sprachvermittlung: the pool and a few weeks of requests.
        let mut w = self.store.write()?;
        let languages = super::reference::list_in(&w, RefList::Languages)?;
        let spoken: Vec<(VisitorNo, Vec<RefId>)> = people
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let langs = p.data.languages.given()?.clone();
                Some((i as VisitorNo + 1, langs))
            })
            .collect();
        mediation::write(&mut w, key, &mut rng, &languages, &spoken, today, &user)?;
        w.commit()?;

        Ok(DemoSummary {
            visitors: plan.visitors,
            sessions: u32::try_from(sessions.len()).unwrap_or(u32::MAX),
            checkins,
            first_day: first,
            last_day: today,
            busiest_past_day: schedule::busiest_day_before(&sessions, today),
        })
    }
}

fn write_session(
    w: &mut crate::store::Writer,
    id: SessionId,
    s: &PlannedSession,
    user: &str,
) -> DeskResult<()> {
    w.put(SESSIONS, &id, &s.record)?;
    w.index_insert(SESSIONS_BY_DAY, &(day_key(s.record.date), id))?;
    let records: Vec<((SessionId, VisitorNo), CheckInRecord)> = s
        .attendees
        .iter()
        .enumerate()
        .map(|(k, &no)| {
            let record = CheckInRecord {
                at: schedule::moment(
                    s.record.date,
                    s.record.start.hour(),
                    i64::from(s.record.start.minute()) + (k % 45) as i64,
                ),
                by: user.to_string(),
            };
            ((id, no), record)
        })
        .collect();
    w.put_many(CHECKINS, records.iter().map(|(k, v)| (*k, v)))?;
    w.put_many(
        TALLIES,
        s.tallies.iter().map(|(category, n)| ((id, *category), n)),
    )?;
    Ok(())
}
