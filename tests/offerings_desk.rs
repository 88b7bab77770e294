//! Offerings and sessions through the desk API: recurrences make sessions on
//! exactly their days, future days show what is planned without creating it,
//! archiving keeps an offering that had sessions.

mod common;

use common::desk::Fixture;
use jiff::civil::{Date, Time, date};
use mila::desk::{
    Desk, MonthWeek, Offering, OfferingId, Pillar, Recurrence, RefList, Role, SessionState,
};

fn tally_ids(desk: &Desk) -> Vec<u32> {
    desk.reference(RefList::TallyCategories)
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .take(2)
        .collect()
}

fn offering(desk: &Desk, name: &str, recurrence: Recurrence) -> Offering {
    Offering {
        name: name.into(),
        pillar: Pillar::Kommunikation,
        partner: "Testverein Beispiel".into(),
        room: "Nebenraum".into(),
        recurrence,
        tally_categories: tally_ids(desk),
        archived: false,
    }
}

fn tue_thu() -> Recurrence {
    Recurrence::Weekly {
        weekdays: vec![2, 4],
        start: Time::constant(18, 0, 0, 0),
        end: Time::constant(19, 30, 0, 0),
    }
}

/// The days from `from` to `to` on which opening the desk shows a session of
/// `id`, with the start time it showed.
fn days_with(f: &mut Fixture, id: OfferingId, from: Date, to: Date) -> Vec<(Date, Time)> {
    let mut out = Vec::new();
    let mut day = from;
    while day <= to {
        f.desk.pin_today(day);
        for s in f.desk.sessions_on(day).unwrap() {
            if s.record.offering == id {
                out.push((day, s.record.start));
            }
        }
        day = day.tomorrow().unwrap();
    }
    out
}

#[test]
fn weekly_tuesday_thursday_sessions_across_month_end_and_both_dst_changes() {
    let mut f = Fixture::new();
    let o = offering(&f.desk, "Testkurs Dienstag/Donnerstag", tue_thu());
    let id = f.desk.save_offering(&f.coordinator, None, &o).unwrap();
    let six = Time::constant(18, 0, 0, 0);
    // Summer time ends on 25.10.2026; October has 31 days.
    let autumn = days_with(&mut f, id, date(2026, 10, 19), date(2026, 11, 6));
    assert_eq!(
        autumn,
        [
            date(2026, 10, 20),
            date(2026, 10, 22),
            date(2026, 10, 27),
            date(2026, 10, 29),
            date(2026, 11, 3),
            date(2026, 11, 5)
        ]
        .map(|d| (d, six))
    );
    // Summer time starts on 28.03.2027, days before April begins.
    let spring = days_with(&mut f, id, date(2027, 3, 22), date(2027, 4, 9));
    assert_eq!(
        spring,
        [
            date(2027, 3, 23),
            date(2027, 3, 25),
            date(2027, 3, 30),
            date(2027, 4, 1),
            date(2027, 4, 6),
            date(2027, 4, 8)
        ]
        .map(|d| (d, six))
    );
    // Opening the same day again makes no second session.
    f.desk.pin_today(date(2027, 4, 8));
    let again: Vec<_> = f
        .desk
        .sessions_on(date(2027, 4, 8))
        .unwrap()
        .into_iter()
        .filter(|s| s.record.offering == id)
        .collect();
    assert_eq!(again.len(), 1);
}

#[test]
fn monthly_offering_on_its_day_only() {
    let mut f = Fixture::new();
    let cafe = Recurrence::Monthly {
        week: MonthWeek::Nth(1),
        weekday: 5,
        start: Time::constant(15, 0, 0, 0),
        end: Time::constant(18, 0, 0, 0),
    };
    let o = offering(&f.desk, "Testcafé erster Freitag", cafe);
    let id = f.desk.save_offering(&f.coordinator, None, &o).unwrap();
    let days: Vec<Date> = days_with(&mut f, id, date(2026, 11, 1), date(2027, 1, 10))
        .into_iter()
        .map(|(d, _)| d)
        .collect();
    assert_eq!(
        days,
        [date(2026, 11, 6), date(2026, 12, 4), date(2027, 1, 1)]
    );
}

#[test]
fn future_days_show_planned_sessions_without_creating_them() {
    let mut f = Fixture::new();
    let today = date(2026, 11, 26); // a Thursday
    f.desk.pin_today(today);
    let o = offering(&f.desk, "Testkurs Dienstag/Donnerstag", tue_thu());
    let id = f.desk.save_offering(&f.coordinator, None, &o).unwrap();
    let tuesday = date(2026, 12, 1);
    let planned = f.desk.planned_sessions(tuesday).unwrap();
    assert!(
        planned
            .iter()
            .any(|s| s.offering == id && s.date == tuesday)
    );
    assert!(f.desk.sessions_on(tuesday).unwrap().is_empty());
    // Nothing planned on a Wednesday for it, nothing for today or the past.
    assert!(
        !f.desk
            .planned_sessions(date(2026, 12, 2))
            .unwrap()
            .iter()
            .any(|s| s.offering == id)
    );
    assert!(f.desk.planned_sessions(today).unwrap().is_empty());
    assert!(
        f.desk
            .planned_sessions(date(2026, 11, 24))
            .unwrap()
            .is_empty()
    );

    // Cancelled ahead: it exists as cancelled and is no longer planned …
    let sid = f
        .desk
        .cancel_planned_session(&f.coordinator, id, tuesday, Time::constant(18, 0, 0, 0))
        .unwrap();
    assert_eq!(
        f.desk.session(sid).unwrap().record.state,
        SessionState::Cancelled
    );
    assert!(
        !f.desk
            .planned_sessions(tuesday)
            .unwrap()
            .iter()
            .any(|s| s.offering == id)
    );
    // … and its day does not bring it back.
    f.desk.pin_today(tuesday);
    let on_the_day: Vec<_> = f
        .desk
        .sessions_on(tuesday)
        .unwrap()
        .into_iter()
        .filter(|s| s.record.offering == id)
        .collect();
    assert_eq!(on_the_day.len(), 1);
    assert_eq!(on_the_day[0].record.state, SessionState::Cancelled);
}

#[test]
fn only_staff_who_manage_sessions_cancel_ahead() {
    let mut f = Fixture::new();
    f.desk.pin_today(date(2026, 11, 26));
    let o = offering(&f.desk, "Testkurs Dienstag/Donnerstag", tue_thu());
    let id = f.desk.save_offering(&f.coordinator, None, &o).unwrap();
    let volunteer = f.staff("helfer", Role::Volunteer);
    assert!(
        f.desk
            .cancel_planned_session(
                &volunteer,
                id,
                date(2026, 12, 1),
                Time::constant(18, 0, 0, 0)
            )
            .is_err()
    );
    // Not a planned time.
    assert!(
        f.desk
            .cancel_planned_session(
                &f.coordinator,
                id,
                date(2026, 12, 1),
                Time::constant(9, 0, 0, 0)
            )
            .is_err()
    );
}

#[test]
fn archiving_keeps_an_offering_with_sessions_and_removes_one_without() {
    let mut f = Fixture::new();
    f.desk.pin_today(date(2026, 11, 26));
    let used = offering(&f.desk, "Testkurs Dienstag/Donnerstag", tue_thu());
    let used = f.desk.save_offering(&f.coordinator, None, &used).unwrap();
    f.desk.sessions_on(date(2026, 11, 26)).unwrap();
    assert!(f.desk.retire_offering(&f.coordinator, used).unwrap());
    assert!(f.desk.offering(used).unwrap().archived);
    // An archived offering makes no new sessions.
    f.desk.pin_today(date(2026, 12, 1));
    assert!(
        !f.desk
            .sessions_on(date(2026, 12, 1))
            .unwrap()
            .iter()
            .any(|s| s.record.offering == used)
    );

    let unused = offering(&f.desk, "Testtreff ohne Termine", Recurrence::AdHoc);
    let unused = f.desk.save_offering(&f.coordinator, None, &unused).unwrap();
    assert!(!f.desk.retire_offering(&f.coordinator, unused).unwrap());
    assert!(f.desk.offering(unused).is_err());
}
