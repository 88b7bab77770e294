//! `mila verify`: every page checksum, every record, every sealed blob with
//! the user's key, and every link between tables.

use std::collections::{BTreeSet, HashSet};

use super::login::Login;
use super::roles::Capability;
use super::{Desk, DeskResult, format_visitor_no};
use crate::store::records::{StaffRecord, VisitorStatus, day_key};
use crate::store::tables::*;
use crate::store::{Read, Reader, StoreError};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerifyReport {
    pub staff: u64,
    pub visitors: u64,
    pub erased: u64,
    pub sealed_opened: u64,
    pub offerings: u64,
    pub sessions: u64,
    pub checkins: u64,
    pub tallies: u64,
    pub audit_entries: u64,
    /// Empty when all is well. No personal data, only numbers and tables.
    pub problems: Vec<String>,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Runs one check; a damaged table becomes a problem instead of an abort.
fn check(problems: &mut Vec<String>, what: &str, result: Result<(), StoreError>) {
    if let Err(e) = result {
        problems.push(format!("{what}: {e}"));
    }
}

impl Desk {
    pub fn verify(&mut self, by: &Login) -> DeskResult<VerifyReport> {
        by.require(Capability::Verify)?;
        let mut report = VerifyReport::default();
        match self.store.check_integrity() {
            Ok(true) => {}
            Ok(false) => report
                .problems
                .push("the file needed a repair after an unclean shutdown; it was repaired".into()),
            Err(e) => {
                report.problems.push(format!("integrity check: {e}"));
                return Ok(report);
            }
        }
        let r = self.store.read()?;
        verify_records(&r, by, &mut report);
        Ok(report)
    }
}

fn verify_records(r: &Reader, by: &Login, report: &mut VerifyReport) {
    let mut problems = Vec::new();

    let mut staff: Vec<(String, StaffRecord)> = Vec::new();
    let result = r.scan(STAFF, .., false, |k, v| {
        staff.push((k, v));
        Ok(true)
    });
    check(&mut problems, "staff", result);
    report.staff = staff.len() as u64;
    for (user, record) in &staff {
        let slot = r.get(KEY_SLOTS, user);
        match (record.role.holds_key(), slot) {
            (true, Ok(Some(slot))) if slot.params.check_minimum().is_err() => {
                problems.push(format!("key slot of {user}: parameters below the minimum"));
            }
            (true, Ok(None)) => problems.push(format!("staff {user} has no key slot")),
            (false, Ok(_)) if record.verifier.is_none() => {
                problems.push(format!("staff {user} has no passphrase verifier"))
            }
            (_, Err(e)) => problems.push(format!("key slot of {user}: {e}")),
            _ => {}
        }
    }

    let mut visitors = BTreeSet::new();
    let mut erased = BTreeSet::new();
    let mut households = Vec::new();
    let mut by_day = HashSet::new();
    let mut incomplete = HashSet::new();
    let result = r.scan(VISITORS, .., false, |no, meta| {
        visitors.insert(no);
        if meta.status == VisitorStatus::Erased {
            erased.insert(no);
        }
        if let Some(h) = meta.household {
            households.push((no, h));
        }
        by_day.insert((day_key(meta.created), no));
        if meta.status == VisitorStatus::Incomplete {
            incomplete.insert((day_key(meta.created), no));
        }
        Ok(true)
    });
    check(&mut problems, "visitors", result);
    report.visitors = visitors.len() as u64;
    report.erased = erased.len() as u64;
    for (no, h) in households {
        if !visitors.contains(&h) {
            problems.push(format!(
                "{} belongs to a missing household {}",
                format_visitor_no(no),
                format_visitor_no(h)
            ));
        }
    }
    match r.index_keys(VISITORS_BY_DAY, ..) {
        Ok(keys) => {
            let keys: HashSet<_> = keys.into_iter().collect();
            if keys != by_day {
                problems.push("the index of visitors by day does not match the visitors".into());
            }
        }
        Err(e) => problems.push(format!("visitors by day: {e}")),
    }
    match r.index_keys(INCOMPLETE_INTAKES, ..) {
        Ok(keys) => {
            if keys.into_iter().collect::<HashSet<_>>() != incomplete {
                problems.push("the index of short intakes does not match the visitors".into());
            }
        }
        Err(e) => problems.push(format!("short intakes: {e}")),
    }

    let key = by.data_key();
    let mut sealed = BTreeSet::new();
    let mut opened = 0;
    let result = r.scan(PERSONAL, .., false, |no, blob| {
        sealed.insert(no);
        if let Some(key) = key {
            match super::visitors::open_personal(key, no, &blob) {
                Ok(_) => opened += 1,
                Err(e) => problems.push(format!("personal data of {}: {e}", format_visitor_no(no))),
            }
        }
        Ok(true)
    });
    check(&mut problems, "personal data", result);
    report.sealed_opened = opened;
    for no in &visitors {
        match (erased.contains(no), sealed.contains(no)) {
            (false, false) => {
                problems.push(format!("{} has no personal data", format_visitor_no(*no)))
            }
            (true, true) => problems.push(format!(
                "{} is erased but personal data remains",
                format_visitor_no(*no)
            )),
            _ => {}
        }
    }
    for no in sealed.difference(&visitors) {
        problems.push(format!(
            "personal data without a visitor: {}",
            format_visitor_no(*no)
        ));
    }

    let mut offerings = BTreeSet::new();
    let result = r.scan(OFFERINGS, .., false, |id, _| {
        offerings.insert(id);
        Ok(true)
    });
    check(&mut problems, "offerings", result);
    report.offerings = offerings.len() as u64;

    let mut sessions = BTreeSet::new();
    let mut session_days = HashSet::new();
    let result = r.scan(SESSIONS, .., false, |id, s| {
        sessions.insert(id);
        session_days.insert((day_key(s.date), id));
        if !offerings.contains(&s.offering) {
            problems.push(format!(
                "session {id} refers to a missing offering {}",
                s.offering
            ));
        }
        Ok(true)
    });
    check(&mut problems, "sessions", result);
    report.sessions = sessions.len() as u64;
    match r.index_keys(SESSIONS_BY_DAY, ..) {
        Ok(keys) if keys.iter().copied().collect::<HashSet<_>>() != session_days => {
            problems.push("the index of sessions by day does not match the sessions".into())
        }
        Ok(_) => {}
        Err(e) => problems.push(format!("sessions by day: {e}")),
    }

    let mut checkins = HashSet::new();
    let result = r.scan(CHECKINS, .., false, |(sid, no), _| {
        if !sessions.contains(&sid) {
            problems.push(format!("check-in to a missing session {sid}"));
        }
        if !visitors.contains(&no) && !crate::store::records::is_anonymous(no) {
            problems.push(format!(
                "check-in of a missing visitor {}",
                format_visitor_no(no)
            ));
        }
        checkins.insert((no, sid));
        Ok(true)
    });
    check(&mut problems, "check-ins", result);
    report.checkins = checkins.len() as u64;

    let result = r.scan(TALLIES, .., false, |(sid, _), _| {
        report.tallies += 1;
        if !sessions.contains(&sid) {
            problems.push(format!("tally of a missing session {sid}"));
        }
        Ok(true)
    });
    check(&mut problems, "tallies", result);
    let result = r.scan(AUDIT, .., false, |_, _| {
        report.audit_entries += 1;
        Ok(true)
    });
    check(&mut problems, "audit log", result);
    if let Some(key) = by.data_key()
        && let Err(e) = super::stats::check_all(r, key)
    {
        problems.push(format!("day statistics: {e}"));
    }
    for (name, result) in [
        (
            "reference lists",
            r.scan(REFERENCE, .., false, |_, _| Ok(true)),
        ),
        (
            "day statistics",
            r.scan(SEALED_DAY_STATS, .., false, |_, _| Ok(true)),
        ),
        ("day notes", r.scan(DAY_NOTES, .., false, |_, _| Ok(true))),
        ("settings", r.scan(SETTINGS, .., false, |_, _| Ok(true))),
    ] {
        check(&mut problems, name, result);
    }
    // Sprachvermittlung (issue 16)
    super::mediation_verify::check(r, key, &visitors, &erased, &mut problems);
    report.problems = problems;
}
