//! An offering's time changes while today's session exists: the desk keeps one
//! session for the offering and day, at the new time, with what was counted.

mod common;

use common::desk::{Fixture, person};
use jiff::civil::{Date, Time, date};
use mila::desk::{
    Offering, OfferingId, Pillar, Recurrence, RefList, SessionRecord, SessionState, SessionView,
};

/// A Tuesday.
const TODAY: Date = date(2026, 12, 1);

fn at(hour: i8) -> Time {
    Time::constant(hour, 0, 0, 0)
}

fn weekly(start: i8, end: i8) -> Recurrence {
    Recurrence::Weekly {
        weekdays: vec![1, 2, 3, 4, 5],
        start: at(start),
        end: at(end),
    }
}

fn offering(f: &Fixture, recurrence: Recurrence) -> Offering {
    let tally_categories = f
        .desk
        .reference(RefList::TallyCategories)
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .take(2)
        .collect();
    Offering {
        name: "Sprachcafé Beispiel".into(),
        pillar: Pillar::Kommunikation,
        partner: "Testverein Beispiel".into(),
        room: "Nebenraum".into(),
        recurrence,
        tally_categories,
        archived: false,
    }
}

fn setup() -> (Fixture, OfferingId, Offering) {
    let mut f = Fixture::new();
    f.desk.pin_today(TODAY);
    let o = offering(&f, weekly(10, 12));
    let id = f.desk.save_offering(&f.coordinator, None, &o).unwrap();
    (f, id, o)
}

fn retime(f: &Fixture, id: OfferingId, o: &Offering, start: i8, end: i8) {
    let changed = Offering {
        recurrence: weekly(start, end),
        ..o.clone()
    };
    f.desk
        .save_offering(&f.coordinator, Some(id), &changed)
        .unwrap();
}

fn of(f: &Fixture, id: OfferingId, day: Date) -> Vec<SessionView> {
    f.desk
        .sessions_on(day)
        .unwrap()
        .into_iter()
        .filter(|s| s.record.offering == id)
        .collect()
}

fn planned(f: &Fixture, id: OfferingId, day: Date) -> Vec<SessionRecord> {
    let mut planned = f.desk.planned_sessions(day).unwrap();
    planned.retain(|s| s.offering == id);
    planned
}

#[test]
fn a_changed_time_moves_todays_session_and_keeps_its_attendance() {
    let (f, id, o) = setup();
    let today = of(&f, id, TODAY);
    assert_eq!(today.len(), 1);
    let session = today[0].id;
    let visitor = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testa Beispiel", "", 1990),
            true,
            None,
        )
        .unwrap();
    f.desk.check_in(&f.coordinator, session, visitor).unwrap();
    let category = today[0].tallies[0].category;
    f.desk.tally(&f.coordinator, session, category, 2).unwrap();

    retime(&f, id, &o, 14, 16);

    let today = of(&f, id, TODAY);
    assert_eq!(today.len(), 1, "one session today, not a second one");
    let s = &today[0];
    assert_eq!(s.id, session);
    assert_eq!((s.record.start, s.record.end), (at(14), at(16)));
    assert_eq!((s.checkins, s.tallied()), (1, 2));
    assert_eq!(f.desk.checked_in(session).unwrap(), vec![visitor]);
    // Asking again creates nothing either.
    assert_eq!(of(&f, id, TODAY).len(), 1);
}

#[test]
fn a_closed_session_keeps_the_time_it_was_held_and_brings_no_second_one() {
    let (f, id, o) = setup();
    let session = of(&f, id, TODAY)[0].id;
    f.desk
        .close_session(&f.coordinator, session, "früher Schluss")
        .unwrap();

    retime(&f, id, &o, 14, 16);

    let today = of(&f, id, TODAY);
    assert_eq!(today.len(), 1);
    assert_eq!(today[0].record.start, at(10));
    assert_eq!(today[0].record.state, SessionState::Closed);
}

#[test]
fn past_days_keep_their_times_and_cancelled_future_days_stay_cancelled() {
    let (mut f, id, o) = setup();
    let yesterday = date(2026, 11, 30);
    f.desk.pin_today(yesterday);
    assert_eq!(of(&f, id, yesterday).len(), 1);
    f.desk.pin_today(TODAY);
    let thursday = date(2026, 12, 3);
    f.desk
        .cancel_planned_session(&f.coordinator, id, thursday, at(10))
        .unwrap();

    retime(&f, id, &o, 14, 16);

    assert_eq!(of(&f, id, yesterday)[0].record.start, at(10));
    let ahead = of(&f, id, thursday);
    assert_eq!(ahead.len(), 1);
    assert_eq!(ahead[0].record.start, at(14));
    assert_eq!(ahead[0].record.state, SessionState::Cancelled);
    // The cancelled day does not come back at the new time.
    assert!(planned(&f, id, thursday).is_empty());
    // Other days plan the new time.
    let friday = planned(&f, id, date(2026, 12, 4));
    assert_eq!(friday.len(), 1);
    assert_eq!(friday[0].start, at(14));
}

#[test]
fn an_ad_hoc_session_of_the_offering_is_neither_moved_nor_counted_as_the_recurring_one() {
    let (f, id, o) = setup();
    let extra = f
        .desk
        .add_session(
            &f.coordinator,
            id,
            TODAY,
            at(18),
            at(19),
            "Infoabend Beispiel",
        )
        .unwrap();

    retime(&f, id, &o, 14, 16);

    let today = of(&f, id, TODAY);
    assert_eq!(today.len(), 2);
    let ad_hoc = today.iter().find(|s| s.id == extra).unwrap();
    assert_eq!(ad_hoc.record.start, at(18));
    let recurring = today.iter().find(|s| s.id != extra).unwrap();
    assert_eq!(recurring.record.start, at(14));
}

#[test]
fn saving_says_which_sessions_took_the_new_time() {
    let (f, id, o) = setup();
    let today = of(&f, id, TODAY)[0].id;
    let (_, moved) = f
        .desk
        .save_offering_with_sessions(&f.coordinator, Some(id), &o)
        .unwrap();
    assert!(moved.is_empty(), "same time: nothing moved");
    let changed = Offering {
        recurrence: weekly(14, 16),
        ..o.clone()
    };
    let (saved, moved) = f
        .desk
        .save_offering_with_sessions(&f.coordinator, Some(id), &changed)
        .unwrap();
    assert_eq!((saved, moved), (id, vec![today]));
}
