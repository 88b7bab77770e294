//! For random days built through the desk (sessions, check-ins with
//! duplicates, tallies up and down, registrations before, on and after the
//! day, cancellations), the day summary agrees with a model of what was
//! done, its sessions add up to its totals, and every rendering holds.

mod common;

use std::collections::BTreeSet;

use common::desk::Fixture;
use common::report::{offering_id, person, time};
use jiff::ToSpan;
use jiff::civil::{Date, date};
use mila::report::{DaySummary, Format, render};
use mila::store::records::VisitorNo;
use mila::ui::catalog::Lang;
use mila::ui::sanitize::display_width;
use proptest::prelude::*;

const DAY: Date = date(2026, 6, 10);
const OFFERINGS: [&str; 3] = [
    "Infoveranstaltung",
    "Café MiLA",
    "Gesprächskreis für geflüchtete Frauen",
];

#[derive(Debug, Clone)]
struct SessionPlan {
    offering: usize,
    start_hour: i8,
    /// Visitor indices, duplicates and unknown indices included.
    checkins: Vec<usize>,
    /// (category index of the offering, delta)
    tallies: Vec<(usize, i32)>,
    cancelled: bool,
}

#[derive(Debug, Clone)]
struct DayPlan {
    before: usize,
    on: usize,
    after: usize,
    sessions: Vec<SessionPlan>,
}

fn session_plan() -> impl Strategy<Value = SessionPlan> {
    (
        0..OFFERINGS.len(),
        8i8..19,
        prop::collection::vec(0usize..10, 0..8),
        prop::collection::vec((0usize..2, -3i32..6), 0..6),
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |(offering, start_hour, checkins, tallies, cancelled)| SessionPlan {
                offering,
                start_hour,
                checkins,
                tallies,
                cancelled,
            },
        )
}

fn day_plan() -> impl Strategy<Value = DayPlan> {
    (
        0usize..4,
        0usize..4,
        0usize..2,
        prop::collection::vec(session_plan(), 0..5),
    )
        .prop_map(|(before, on, after, sessions)| DayPlan {
            before,
            on,
            after,
            sessions,
        })
}

/// What the summary must say, worked out from the plan alone.
struct Model {
    checkins: Vec<u32>,
    tallied: Vec<u32>,
    people: BTreeSet<VisitorNo>,
    first_time: BTreeSet<VisitorNo>,
}

fn build(plan: &DayPlan) -> (Fixture, Model) {
    let mut f = Fixture::new();
    let mut visitors: Vec<(VisitorNo, bool)> = Vec::new();
    for (n, when, first_time) in [
        (plan.before, DAY.saturating_sub(7.days()), false),
        (plan.on, DAY, true),
        (plan.after, DAY.saturating_add(3.days()), true),
    ] {
        f.desk.pin_today(when);
        for i in 0..n {
            let no = f
                .desk
                .register_visitor(
                    &f.coordinator,
                    &person(&format!("Testperson {i}"), "", 1990),
                    true,
                    None,
                )
                .unwrap();
            visitors.push((no, first_time));
        }
    }
    let c = &f.coordinator;
    let mut model = Model {
        checkins: Vec::new(),
        tallied: Vec::new(),
        people: BTreeSet::new(),
        first_time: BTreeSet::new(),
    };
    let mut planned = Vec::new();
    for s in &plan.sessions {
        let id = f
            .desk
            .add_session(
                c,
                offering_id(&f.desk, OFFERINGS[s.offering]),
                DAY,
                time(s.start_hour, 0),
                time(s.start_hour + 1, 30),
                "",
            )
            .unwrap();
        let mut here = BTreeSet::new();
        for &i in &s.checkins {
            match visitors.get(i) {
                Some(&(no, first_time)) => {
                    f.desk.check_in(c, id, no).unwrap();
                    here.insert(no);
                    model.people.insert(no);
                    if first_time {
                        model.first_time.insert(no);
                    }
                }
                None => assert!(f.desk.check_in(c, id, 9_999).is_err()),
            }
        }
        let categories = f.desk.session(id).unwrap().tallies;
        let mut counts = vec![0i64; categories.len()];
        for &(k, delta) in &s.tallies {
            f.desk.tally(c, id, categories[k].category, delta).unwrap();
            counts[k] = (counts[k] + i64::from(delta)).max(0);
        }
        if s.cancelled {
            f.desk.cancel_session(c, id).unwrap();
        }
        planned.push((id, here.len() as u32, counts.iter().sum::<i64>() as u32));
    }
    // The summary lists sessions by start time; the model follows suit.
    planned.sort_by_key(|&(id, ..)| {
        let view = f.desk.session(id).unwrap();
        (view.record.start, view.title().to_string(), id)
    });
    model.checkins = planned.iter().map(|p| p.1).collect();
    model.tallied = planned.iter().map(|p| p.2).collect();
    (f, model)
}

fn check_renderings(s: &DaySummary) -> Result<(), TestCaseError> {
    for lang in Lang::ALL {
        let text = String::from_utf8(render::day(s, Format::Text, lang).unwrap()).unwrap();
        for line in text.lines() {
            let line = line.trim_start_matches('\u{0C}');
            prop_assert!(display_width(line) <= render::WIDTH, "{}", line);
        }
        let csv = render::day(s, Format::Csv, lang).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&csv[3..]);
        let rows = reader.records().collect::<Result<Vec<_>, _>>();
        prop_assert!(rows.is_ok(), "{:?}", rows.err());
        let json = render::day(s, Format::Json, lang).unwrap();
        prop_assert_eq!(&serde_json::from_slice::<DaySummary>(&json).unwrap(), s);
    }
    Ok(())
}

proptest! {
    // Each case builds a database with durable commits: few, but varied.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn day_summaries_add_up(plan in day_plan()) {
        let (f, model) = build(&plan);
        let s = f.desk.day_summary(&f.coordinator, DAY, false).unwrap();

        let checkins: Vec<u32> = s.sessions.iter().map(|l| l.checkins).collect();
        let tallied: Vec<u32> = s.sessions.iter().map(|l| l.tallied()).collect();
        prop_assert_eq!(checkins, model.checkins);
        prop_assert_eq!(tallied, model.tallied);
        for l in &s.sessions {
            prop_assert_eq!(l.total, l.checkins + l.tallied());
        }

        let t = &s.totals;
        prop_assert_eq!(t.sessions as usize, s.sessions.len());
        prop_assert_eq!(t.held as usize, s.sessions.iter().filter(|l| l.held()).count());
        prop_assert_eq!(t.checkins, s.sessions.iter().map(|l| l.checkins).sum::<u32>());
        prop_assert_eq!(t.tallied, s.sessions.iter().map(|l| l.tallied()).sum::<u32>());
        prop_assert_eq!(t.total, s.sessions.iter().map(|l| l.total).sum::<u32>());
        prop_assert_eq!(t.total, t.checkins + t.tallied);
        prop_assert_eq!(t.tallies.iter().map(|c| c.count).sum::<u32>(), t.tallied);

        let v = s.visitors;
        prop_assert!(v.unique <= t.checkins);
        prop_assert_eq!(v.new + v.returning, v.unique);
        prop_assert_eq!(v.unique as usize, model.people.len());
        prop_assert_eq!(v.new as usize, model.first_time.len());
        prop_assert_eq!(v.new_registrations as usize, plan.on);

        check_renderings(&s)?;
    }
}
