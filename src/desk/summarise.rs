//! The day summary and the period report: the desk reads a day's (or a
//! period's) sessions, check-ins, tallies and anonymous counters and fills
//! the plain structs of [`crate::report`], which render them.
//!
//! Speed (DESIGN.md: the day summary under 50 ms with 100,000 visitors and
//! 1,000,000 check-ins): the day summary reads only the day's index ranges
//! (sessions, registrations, logins, counters), the day's sessions with
//! their check-ins and tallies, and one visitor record per person checked
//! in. Nothing here scans all visitors or all check-ins; the period report
//! reads the period's sessions and their check-ins.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use jiff::ToSpan;
use jiff::civil::Date;

use super::login::Login;
use super::roles::Capability;
use super::sessions::{SessionView, session_ids_on, view_in};
use super::{Desk, DeskError, DeskResult};
use crate::report::{
    Attendee, Count, DaySummary, DayTotals, MonthCount, OfferingLine, PeriodReport, PeriodTotals,
    SessionLine, VisitorCounts, WeekCount, mean, sort_counts,
};
use crate::store::records::{
    AuditAction, OfferingId, Pillar, RefId, RefList, SessionId, SessionState, StatKind, VisitorNo,
    day_key,
};
use crate::store::tables::{
    CHECKINS, DAY_NOTES, LOGINS_BY_DAY, OFFERINGS, SESSIONS, SESSIONS_BY_DAY, TALLIES, VISITORS,
    VISITORS_BY_DAY,
};
use crate::store::{Read, Reader};
use crate::vault::DataKey;

/// Counts of collections that cannot reach 4 billion in one database.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Visitor numbers checked in to one session, in number order. Keys only:
/// decoding each check-in record (a timestamp parsed from text) would
/// dominate a year's report.
fn checked_in(r: &Reader, id: SessionId) -> DeskResult<Vec<VisitorNo>> {
    Ok(r.keys(CHECKINS, (id, 0)..=(id, VisitorNo::MAX))?
        .into_iter()
        .map(|(_, no)| no)
        .collect())
}

/// A set of visitor numbers as bits: numbers are dense from 1, and a year
/// has hundreds of thousands of check-ins to count people in.
#[derive(Default)]
struct People {
    bits: Vec<u64>,
    len: u32,
    /// Anonymous stand-ins of erased people: far above the dense numbers.
    anonymous: std::collections::HashSet<VisitorNo>,
}

impl People {
    fn insert(&mut self, no: VisitorNo) {
        if crate::store::records::is_anonymous(no) {
            if self.anonymous.insert(no) {
                self.len += 1;
            }
            return;
        }
        let (word, bit) = ((no / 64) as usize, no % 64);
        if word >= self.bits.len() {
            self.bits.resize(word + 1, 0);
        }
        let mask = 1u64 << bit;
        if self.bits[word] & mask == 0 {
            self.bits[word] |= mask;
            self.len += 1;
        }
    }
}

fn session_line(view: SessionView, attendees: Option<Vec<Attendee>>) -> SessionLine {
    let tallied = view.tallied();
    SessionLine {
        id: view.id,
        title: view.title().to_string(),
        tallies: view
            .tallies
            .iter()
            .map(|t| Count::new(t.label.clone(), t.count))
            .collect(),
        total: view.checkins + tallied,
        checkins: view.checkins,
        offering: view.offering_name,
        pillar: view.pillar,
        start: view.record.start,
        end: view.record.end,
        state: view.record.state,
        note: view.record.note,
        attendees,
    }
}

/// The attendance list of one session, with names (coordinator only).
fn attendees(r: &Reader, key: &DataKey, numbers: &[VisitorNo]) -> DeskResult<Vec<Attendee>> {
    let mut out = Vec::with_capacity(numbers.len());
    for &no in numbers {
        let attendee = match super::visitors::personal_in(r, key, no) {
            Ok((_, data)) => Attendee {
                number: no,
                name: data.name.clone(),
                name_latin: data.name_latin.clone(),
                erased: false,
            },
            // Erased: the number stays, so the count still adds up.
            Err(DeskError::Erased(_)) => Attendee {
                number: no,
                name: String::new(),
                name_latin: String::new(),
                erased: true,
            },
            // An erased person's check-ins moved to an anonymous stand-in.
            Err(DeskError::NoSuchVisitor(_)) if crate::store::records::is_anonymous(no) => {
                Attendee {
                    number: no,
                    name: String::new(),
                    name_latin: String::new(),
                    erased: true,
                }
            }
            Err(e) => return Err(e),
        };
        out.push(attendee);
    }
    Ok(out)
}

/// New registrations of the day, and the day's people split by whether
/// they were registered before it.
fn visitor_counts(
    r: &Reader,
    date: Date,
    people: &BTreeSet<VisitorNo>,
) -> DeskResult<VisitorCounts> {
    let day = day_key(date);
    let new_registrations = count(
        r.index_keys(VISITORS_BY_DAY, (day, 0)..=(day, VisitorNo::MAX))?
            .len(),
    );
    let mut new = 0u32;
    for no in people {
        // Registered that day, or (a session entered afterwards) later:
        // either way not someone who had come before.
        if r.get(VISITORS, no)?
            .is_some_and(|meta| meta.created >= date)
        {
            new += 1;
        }
    }
    let unique = count(people.len());
    Ok(VisitorCounts {
        new_registrations,
        unique,
        new,
        returning: unique - new,
    })
}

/// Anonymous counters of a day range, labelled and sorted.
fn counters(
    r: &Reader,
    key: &DataKey,
    from: u32,
    to: u32,
    kind: StatKind,
) -> DeskResult<Vec<Count>> {
    let mut out = Vec::new();
    for (id, n) in super::stats::totals(r, key, from, to, kind)? {
        let label = match kind {
            StatKind::NewLanguage => super::reference::label_in(r, RefList::Languages, id)?,
            StatKind::NewNeed => super::reference::label_in(r, RefList::Needs, id)?,
            StatKind::Referral => r
                .get(OFFERINGS, &id)?
                .map_or_else(|| format!("#{id}"), |o| o.name),
        };
        out.push(Count::new(label, n));
    }
    sort_counts(&mut out);
    Ok(out)
}

fn staff_on_duty(r: &Reader, day: u32) -> DeskResult<Vec<String>> {
    let range = (
        Bound::Included((day, String::new())),
        Bound::Excluded((day.saturating_add(1), String::new())),
    );
    Ok(r.index_keys(LOGINS_BY_DAY, range)?
        .into_iter()
        .map(|(_, user)| user)
        .collect())
}

/// What one offering's sessions in a period add up to.
#[derive(Default)]
struct OfferingTally {
    held: u32,
    checkins: u32,
    tallied: u32,
    people: People,
}

/// Every ISO week from the one holding `from` to the one holding `to`.
fn weeks_between(from: Date, to: Date) -> BTreeMap<(i16, i8), u32> {
    let week = |d: Date| {
        let iso = d.iso_week_date();
        (iso.year(), iso.week())
    };
    let mut out = BTreeMap::new();
    let mut day = from;
    while day <= to {
        out.insert(week(day), 0);
        match day.checked_add(7.days()) {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    out.insert(week(to), 0);
    out
}

/// Every month from the one holding `from` to the one holding `to`.
fn months_between(from: Date, to: Date) -> BTreeMap<(i16, i8), u32> {
    let mut out = BTreeMap::new();
    let mut month = from.first_of_month();
    while month <= to {
        out.insert((month.year(), month.month()), 0);
        match month.checked_add(1.month()) {
            Ok(next) => month = next,
            Err(_) => break,
        }
    }
    out
}

impl Desk {
    /// The day summary of `date`. Without names for everyone who may see
    /// it (volunteers too); `with_names` adds each session's attendance
    /// list, for a coordinator only, and is recorded in the audit log.
    pub fn day_summary(&self, by: &Login, date: Date, with_names: bool) -> DeskResult<DaySummary> {
        by.require(Capability::DaySummary)?;
        let key = if with_names {
            Some(by.key(Capability::NamesReport)?)
        } else {
            None
        };
        let r = self.store.read()?;
        let day = day_key(date);
        let mut sessions = Vec::new();
        let mut people = BTreeSet::new();
        for id in session_ids_on(&r, date)? {
            let Some(record) = r.get(SESSIONS, &id)? else {
                continue;
            };
            let view = view_in(&r, id, record)?;
            let numbers = checked_in(&r, id)?;
            let attendees = match key {
                Some(key) => Some(attendees(&r, key, &numbers)?),
                None => None,
            };
            people.extend(numbers);
            sessions.push(session_line(view, attendees));
        }
        sessions.sort_by(|a, b| (a.start, &a.title, a.id).cmp(&(b.start, &b.title, b.id)));
        // The breakdowns are sealed: staff without the key (volunteers) get
        // the summary without them.
        let breakdown = |kind| match by.data_key() {
            Some(key) => counters(&r, key, day, day, kind),
            None => Ok(Vec::new()),
        };
        let summary = DaySummary {
            date,
            staff_on_duty: staff_on_duty(&r, day)?,
            visitors: visitor_counts(&r, date, &people)?,
            new_languages: breakdown(StatKind::NewLanguage)?,
            new_needs: breakdown(StatKind::NewNeed)?,
            referrals: breakdown(StatKind::Referral)?,
            breakdowns_left_out: by.data_key().is_none(),
            note: r.get(DAY_NOTES, &day)?.unwrap_or_default(),
            totals: DayTotals::of(&sessions),
            sessions,
        };
        drop(r);
        if with_names {
            self.audit_names_report(by, date, &people)?;
        }
        Ok(summary)
    }

    /// One entry per visitor listed, so each person's audit trail shows
    /// that their name was on a printout; one entry without a visitor when
    /// nobody was listed, so the request itself is never unrecorded.
    fn audit_names_report(
        &self,
        by: &Login,
        date: Date,
        listed: &BTreeSet<VisitorNo>,
    ) -> DeskResult<()> {
        let detail = format!("day summary {date}");
        let mut w = self.store.write()?;
        if listed.is_empty() {
            super::audit::record(&mut w, by.user(), AuditAction::NamesReport, None, &detail)?;
        }
        // An anonymous stand-in names no one: nobody's trail to add it to.
        for &no in listed
            .iter()
            .filter(|no| !crate::store::records::is_anonymous(**no))
        {
            super::audit::record(
                &mut w,
                by.user(),
                AuditAction::NamesReport,
                Some(no),
                &detail,
            )?;
        }
        w.commit()?;
        Ok(())
    }

    /// The period report from `from` to `to`, both included (coordinator).
    pub fn period_report(&self, by: &Login, from: Date, to: Date) -> DeskResult<PeriodReport> {
        let key = by.key(Capability::PeriodReport)?;
        if to < from {
            return Err(DeskError::invalid(
                "to",
                "the end of the period is before its start",
            ));
        }
        let (from_day, to_day) = (day_key(from), day_key(to));
        let r = self.store.read()?;
        let offerings: BTreeMap<OfferingId, _> = r.range(OFFERINGS, ..)?.into_iter().collect();
        let mut tallies: BTreeMap<OfferingId, OfferingTally> = offerings
            .iter()
            .filter(|(_, o)| !o.archived)
            .map(|(&id, _)| (id, OfferingTally::default()))
            .collect();
        let mut everyone = People::default();
        let mut weeks = weeks_between(from, to);
        let sessions = r.index_keys(SESSIONS_BY_DAY, (from_day, 0)..=(to_day, SessionId::MAX))?;
        for (_, id) in sessions {
            let Some(session) = r.get(SESSIONS, &id)? else {
                continue;
            };
            let acc = tallies.entry(session.offering).or_default();
            let numbers = checked_in(&r, id)?;
            let checkins = count(numbers.len());
            for no in numbers {
                acc.people.insert(no);
                everyone.insert(no);
            }
            let mut tallied = 0u32;
            r.scan(TALLIES, (id, 0)..=(id, RefId::MAX), false, |_, n: u32| {
                tallied = tallied.saturating_add(n);
                Ok(true)
            })?;
            // Held means someone came (as on the day summary).
            acc.held +=
                u32::from(session.state != SessionState::Cancelled && checkins + tallied > 0);
            acc.checkins += checkins;
            acc.tallied += tallied;
            let iso = session.date.iso_week_date();
            *weeks.entry((iso.year(), iso.week())).or_insert(0) += checkins + tallied;
        }

        let mut lines: Vec<OfferingLine> = tallies
            .into_iter()
            .map(|(id, t)| {
                let (name, pillar) = offerings.get(&id).map_or_else(
                    || (format!("#{id}"), Pillar::Information),
                    |o| (o.name.clone(), o.pillar),
                );
                let attendance = t.checkins + t.tallied;
                OfferingLine {
                    name,
                    pillar,
                    sessions_held: t.held,
                    checkins: t.checkins,
                    tallied: t.tallied,
                    attendance,
                    mean_per_session: mean(attendance, t.held),
                    unique_visitors: t.people.len,
                }
            })
            .collect();
        lines.sort_by(|a, b| (a.pillar, &a.name).cmp(&(b.pillar, &b.name)));

        let mut months = months_between(from, to);
        let registrations =
            r.index_keys(VISITORS_BY_DAY, (from_day, 0)..=(to_day, VisitorNo::MAX))?;
        for (day, _) in &registrations {
            let year = i16::try_from(day / 10_000).unwrap_or(0);
            let month = i8::try_from(day / 100 % 100).unwrap_or(0);
            *months.entry((year, month)).or_insert(0) += 1;
        }

        let mut totals = PeriodTotals {
            unique_visitors: everyone.len,
            new_registrations: count(registrations.len()),
            ..PeriodTotals::default()
        };
        for l in &lines {
            totals.sessions_held += l.sessions_held;
            totals.checkins += l.checkins;
            totals.tallied += l.tallied;
            totals.attendance += l.attendance;
        }
        totals.mean_per_session = mean(totals.attendance, totals.sessions_held);
        Ok(PeriodReport {
            from,
            to,
            offerings: lines,
            totals,
            registrations_per_month: months
                .into_iter()
                .map(|((year, month), count)| MonthCount { year, month, count })
                .collect(),
            languages: counters(&r, key, from_day, to_day, StatKind::NewLanguage)?,
            needs: counters(&r, key, from_day, to_day, StatKind::NewNeed)?,
            referrals: counters(&r, key, from_day, to_day, StatKind::Referral)?,
            weeks: weeks
                .into_iter()
                .map(|((year, week), attendance)| WeekCount {
                    year,
                    week,
                    attendance,
                })
                .collect(),
            mediation: super::mediation_report::section(&r, from, to)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn people_count_each_number_once() {
        let mut people = People::default();
        for no in [1, 64, 1, 200_000, 63, 64] {
            people.insert(no);
        }
        assert_eq!(people.len, 4);
    }

    #[test]
    fn weeks_and_months_cover_the_period_without_gaps() {
        // 2026-12-28 is a Monday of ISO week 53 of 2026; 2027-01-04 starts week 1.
        let weeks: Vec<_> = weeks_between(date(2026, 12, 27), date(2027, 1, 4))
            .into_keys()
            .collect();
        assert_eq!(weeks, [(2026, 52), (2026, 53), (2027, 1)]);
        let one: Vec<_> = weeks_between(date(2026, 11, 26), date(2026, 11, 26))
            .into_keys()
            .collect();
        assert_eq!(one, [(2026, 48)]);
        let months: Vec<_> = months_between(date(2026, 11, 30), date(2027, 2, 1))
            .into_keys()
            .collect();
        assert_eq!(months, [(2026, 11), (2026, 12), (2027, 1), (2027, 2)]);
    }
}
