//! How long the day summary and a one-year period report take with 100,000
//! visitors and 1,000,000 check-ins in the file (DESIGN.md: the day summary
//! under 50 ms). Ignored by default: building the file takes a while.
//!
//! `cargo test --release --test report_perf -- --ignored --nocapture`
//! (a dev build works too and is slower; both print their numbers).

mod common;

use std::time::{Duration, Instant};

use common::desk::{COORDINATOR, Fixture, PASSPHRASE};
use jiff::Timestamp;
use jiff::ToSpan;
use jiff::civil::{Date, Time, date};
use mila::desk::Desk;
use mila::store::records::*;
use mila::store::tables::*;
use mila::store::{Read, Store};
use mila::vault::Passphrase;

const VISITORS_N: u32 = 100_000;
const CHECKINS_N: u32 = 1_000_000;
const FIRST: Date = date(2025, 1, 1);
const DAYS: i32 = 730;
const SESSIONS_PER_DAY: u64 = 7;

fn day(n: i32) -> Date {
    FIRST.checked_add(n.days()).unwrap()
}

/// Fills the file through the store directly, in a few large transactions:
/// through the desk, a million durable commits would take hours.
fn fill(path: &std::path::Path) {
    let store = Store::open(path).unwrap();
    let mut w = store.write().unwrap();
    for no in 1..=VISITORS_N {
        let created = day((no as i32 * 7) % DAYS);
        let meta = VisitorMeta {
            created,
            last_seen: created,
            status: VisitorStatus::Complete,
            household: None,
        };
        w.put(VISITORS, &no, &meta).unwrap();
        w.index_insert(VISITORS_BY_DAY, &(day_key(created), no))
            .unwrap();
        let stats = [(1, 2 + no % 20), (2, 1 + no % 5)];
        for (kind, id) in stats {
            let key = (day_key(created), kind, id);
            let n = w.get(DAY_STATS, &key).unwrap().unwrap_or(0);
            w.put(DAY_STATS, &key, &(n + 1)).unwrap();
        }
    }
    w.commit().unwrap();

    let sessions = DAYS as u64 * SESSIONS_PER_DAY;
    let per_session = (u64::from(CHECKINS_N) / sessions) as u32 + 1;
    let mut written = 0u32;
    let record = CheckInRecord {
        at: Timestamp::now(),
        by: "empfang".into(),
    };
    let mut w = store.write().unwrap();
    for sid in 1..=sessions {
        let d = day(((sid - 1) / SESSIONS_PER_DAY) as i32);
        let hour = 9 + ((sid - 1) % SESSIONS_PER_DAY) as i8;
        let offering = 1 + (sid % 17) as u32;
        let session = SessionRecord {
            offering,
            date: d,
            start: Time::new(hour, 0, 0, 0).unwrap(),
            end: Time::new(hour + 1, 0, 0, 0).unwrap(),
            title: String::new(),
            ad_hoc: false,
            state: SessionState::Closed,
            note: "Alles gut.".into(),
            closed_by: Some("helfer".into()),
        };
        w.put(SESSIONS, &sid, &session).unwrap();
        w.index_insert(SESSIONS_BY_DAY, &(day_key(d), sid)).unwrap();
        w.put(TALLIES, &(sid, 1), &3).unwrap();
        w.put(TALLIES, &(sid, 2), &1).unwrap();
        for j in 0..per_session {
            if written == CHECKINS_N {
                break;
            }
            // Spread over all visitors, distinct within a session.
            let no = ((sid as u32).wrapping_mul(7919) + j * 104_729) % VISITORS_N + 1;
            w.put(CHECKINS, &(sid, no), &record).unwrap();
            written += 1;
        }
        if sid % 500 == 0 {
            w.commit().unwrap();
            w = store.write().unwrap();
        }
    }
    w.commit().unwrap();
    let r = store.read().unwrap();
    assert_eq!(r.count(VISITORS).unwrap(), u64::from(VISITORS_N));
    assert_eq!(r.count(CHECKINS).unwrap(), u64::from(CHECKINS_N));
}

fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[runs / 2], times[runs - 1])
}

#[test]
#[ignore = "builds a file of 100,000 visitors and 1,000,000 check-ins; run with --ignored"]
fn day_summary_within_budget_on_a_full_file() {
    let f = Fixture::new();
    let path = f.path();
    let Fixture { dir, desk, .. } = f;
    drop(desk);
    let started = Instant::now();
    fill(&path);
    eprintln!("filled in {:.1?}", started.elapsed());
    let size = std::fs::metadata(&path).unwrap().len();
    eprintln!("file size {} MiB", size / (1024 * 1024));

    let desk = Desk::open(&path).unwrap();
    let login = desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .unwrap();
    let busy_day = day(400);
    let summary = desk.day_summary(&login, busy_day, false).unwrap();
    eprintln!(
        "day {busy_day}: {} sessions, {} check-ins, {} people, {} new registrations",
        summary.sessions.len(),
        summary.totals.checkins,
        summary.visitors.unique,
        summary.visitors.new_registrations
    );
    assert!(summary.totals.checkins > 1000);
    let (median, worst) = timed(21, || desk.day_summary(&login, busy_day, false).unwrap());
    eprintln!("day summary: median {median:.2?}, worst {worst:.2?}");
    let text = mila::report::render::day_text(&summary, mila::ui::catalog::Lang::De);
    let (render_median, _) = timed(21, || {
        mila::report::render::day(
            &summary,
            mila::report::Format::Csv,
            mila::ui::catalog::Lang::De,
        )
        .unwrap()
    });
    eprintln!(
        "text {} bytes; CSV rendering median {render_median:.2?}",
        text.len()
    );

    let (from, to) = (day(365), day(729));
    let (year_median, year_worst) = timed(3, || desk.period_report(&login, from, to).unwrap());
    let report = desk.period_report(&login, from, to).unwrap();
    eprintln!(
        "period report {from}..{to}: {} sessions, {} attendance; median {year_median:.2?}, worst {year_worst:.2?}",
        report.totals.sessions_held, report.totals.attendance
    );
    drop(dir);
    assert!(
        median < Duration::from_millis(50),
        "the day summary took {median:?} (budget 50 ms)"
    );
}
