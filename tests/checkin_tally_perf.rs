//! Issue 5: how long a tally press and a check-in take, from the action to the
//! durable commit to the redrawn screen, with 1,000,000 check-ins already in
//! the file. Ignored by default: building the file takes a while.
//!
//! `cargo test --release --test checkin_tally_perf -- --ignored --nocapture`
//! (a dev build works too: the dependencies are optimised there as well).

mod common;

use std::time::{Duration, Instant};

use common::app::{DAY, TestApp, VOLUNTEER, VOLUNTEER_PASSPHRASE, make_database, with_desk};
use jiff::Timestamp;
use jiff::ToSpan;
use jiff::civil::{Date, Time};
use mila::desk::SessionId;
use mila::store::records::*;
use mila::store::tables::*;
use mila::store::{Read, Store};
use mila::ui::action::Action;

const VISITORS_N: u32 = 100_000;
const CHECKINS_N: u32 = 1_000_000;
const DAYS: i32 = 730;
const SESSIONS_PER_DAY: u64 = 7;
const PRESSES: usize = 200;

fn day(n: i32) -> Date {
    DAY.checked_sub((DAYS - n).days()).expect("date")
}

/// Two years before today, through the store in a few large transactions:
/// through the desk, a million durable commits would take hours.
fn fill(path: &std::path::Path) {
    let store = Store::open(path).expect("open");
    let mut w = store.write().expect("write");
    for no in 1..=VISITORS_N {
        let created = day((no as i32 * 7) % DAYS);
        let meta = VisitorMeta {
            created,
            last_seen: created,
            status: VisitorStatus::Complete,
            household: None,
        };
        w.put(VISITORS, &no, &meta).expect("visitor");
        w.index_insert(VISITORS_BY_DAY, &(day_key(created), no))
            .expect("by day");
    }
    w.commit().expect("commit");

    let sessions = DAYS as u64 * SESSIONS_PER_DAY;
    let per_session = (u64::from(CHECKINS_N) / sessions) as u32 + 1;
    let record = CheckInRecord {
        at: Timestamp::now(),
        by: "helfer".into(),
    };
    let mut written = 0u32;
    let mut w = store.write().expect("write");
    for sid in 1..=sessions {
        let d = day(((sid - 1) / SESSIONS_PER_DAY) as i32);
        let hour = 9 + ((sid - 1) % SESSIONS_PER_DAY) as i8;
        let session = SessionRecord {
            offering: 1 + (sid % 17) as u32,
            date: d,
            start: Time::new(hour, 0, 0, 0).expect("time"),
            end: Time::new(hour + 1, 0, 0, 0).expect("time"),
            title: String::new(),
            ad_hoc: false,
            state: SessionState::Closed,
            note: String::new(),
            closed_by: Some("helfer".into()),
        };
        w.put(SESSIONS, &sid, &session).expect("session");
        w.index_insert(SESSIONS_BY_DAY, &(day_key(d), sid))
            .expect("by day");
        w.put(TALLIES, &(sid, 1), &3).expect("tally");
        for j in 0..per_session {
            if written == CHECKINS_N {
                break;
            }
            let no = ((sid as u32).wrapping_mul(7919) + j * 104_729) % VISITORS_N + 1;
            w.put(CHECKINS, &(sid, no), &record).expect("check-in");
            written += 1;
        }
        if sid % 500 == 0 {
            w.commit().expect("commit");
            w = store.write().expect("write");
        }
    }
    w.commit().expect("commit");
    let r = store.read().expect("read");
    assert_eq!(r.count(CHECKINS).expect("count"), u64::from(CHECKINS_N));
}

/// Today's German class, with a busy morning's check-ins already in it.
fn german_class(path: &std::path::Path) -> SessionId {
    with_desk(path, |desk, login| {
        let id = desk
            .sessions_on(DAY)
            .expect("sessions")
            .into_iter()
            .find(|s| s.title().starts_with("Deutschkurs"))
            .expect("German class today")
            .id;
        let early: Vec<u32> = (1..=150).collect();
        desk.check_in_many(login, id, &early).expect("check in");
        id
    })
}

fn percentiles(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let p99 = times[(times.len() * 99 / 100).min(times.len() - 1)];
    (times[times.len() / 2], p99)
}

/// The desk call of a tally press alone (one durable commit), as "median, p99".
fn desk_presses(path: &std::path::Path) -> String {
    with_desk(path, |desk, login| {
        let session = desk.sessions_on(DAY).expect("sessions")[0].id;
        let category = desk.session(session).expect("session").tallies[0].category;
        let times = (0..PRESSES)
            .map(|_| {
                let start = Instant::now();
                desk.tally(login, session, category, 1).expect("tally");
                start.elapsed()
            })
            .collect();
        let (median, p99) = percentiles(times);
        format!("median {median:.2?}, p99 {p99:.2?}")
    })
}

/// One action through the application, then the frame drawn: what staff wait for.
fn timed_press(app: &mut TestApp, action: Action) -> Duration {
    let start = Instant::now();
    app.press(action);
    app.draw();
    start.elapsed()
}

#[test]
#[ignore = "builds a file of 1,000,000 check-ins; run with --ignored"]
fn tally_and_check_in_stay_fast_with_a_million_check_ins() {
    let dir = tempfile::tempdir().expect("dir");
    let path = make_database(dir.path());
    // On a copy: today's sessions made there must not collide with the ids `fill` writes.
    let copy = dir.path().join("empty.redb");
    std::fs::copy(&path, &copy).expect("copy");
    let empty = desk_presses(&copy);
    let started = Instant::now();
    fill(&path);
    eprintln!(
        "filled in {:.1?}; file {} MiB",
        started.elapsed(),
        std::fs::metadata(&path).expect("size").len() / (1 << 20)
    );
    let session = german_class(&path);
    let full = desk_presses(&path);
    // Once more on the small file, right after: the shared disk's mood changes by the minute.
    let empty_again = desk_presses(&copy);
    eprintln!("desk.tally(), empty file: {empty}; again: {empty_again}");
    eprintln!("desk.tally(), 1,000,000 check-ins: {full}");

    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in(VOLUNTEER, VOLUNTEER_PASSPHRASE);
    // F5, the German class (second of the day).
    app.press(Action::Tally);
    app.press(Action::First);
    app.press(Action::Down);
    app.press(Action::Confirm);
    assert!(app.screen().contains("Gesamt: 150 = 150 eingecheckt"));
    let tally: Vec<Duration> = (0..PRESSES)
        .map(|_| timed_press(&mut app, Action::TallyAdd1))
        .collect();
    let screen = app.screen();
    assert!(
        screen.contains(&format!("+ {PRESSES} gezählt")),
        "every press counted:\n{screen}"
    );
    let (tally_median, p99) = percentiles(tally);
    eprintln!("tally press → commit → redraw: median {tally_median:.2?}, p99 {p99:.2?}");
    let draws = (0..PRESSES)
        .map(|_| {
            let start = Instant::now();
            app.draw();
            start.elapsed()
        })
        .collect();
    let (median, p99) = percentiles(draws);
    eprintln!("tally screen redraw alone: median {median:.2?}, p99 {p99:.2?}");
    let moves = (0..PRESSES)
        .map(|i| {
            timed_press(
                &mut app,
                if i % 2 == 0 {
                    Action::Right
                } else {
                    Action::Left
                },
            )
        })
        .collect();
    let (median, p99) = percentiles(moves);
    eprintln!("a press without a write (→/←) and redraw: median {median:.2?}, p99 {p99:.2?}");
    let desk = app.app.desk().expect("desk");
    let login = desk
        .login(
            VOLUNTEER,
            &mila::vault::Passphrase::new(VOLUNTEER_PASSPHRASE),
        )
        .expect("login");
    let category = desk.session(session).expect("session").tallies[0].category;
    let commits = (0..PRESSES)
        .map(|_| {
            let start = Instant::now();
            desk.tally(&login, session, category, 1).expect("tally");
            start.elapsed()
        })
        .collect();
    let (median, p99) = percentiles(commits);
    eprintln!("the same desk.tally() alone: median {median:.2?}, p99 {p99:.2?}");

    app.press(Action::Back);
    app.press(Action::Back);
    app.press(Action::CheckIn);
    app.press(Action::First);
    app.press(Action::Down);
    app.press(Action::Confirm);
    let check_in: Vec<Duration> = (0..PRESSES)
        .map(|i| {
            app.type_text(&format!("M-{:04}", 1000 + i));
            timed_press(&mut app, Action::Confirm)
        })
        .collect();
    let screen = app.screen();
    assert!(
        screen.contains(&format!("Eingecheckt ({})", 150 + PRESSES)),
        "every check-in counted:\n{screen}"
    );
    let (check_in_median, p99) = percentiles(check_in);
    eprintln!("check-in Enter → commit → redraw: median {check_in_median:.2?}, p99 {p99:.2?}");

    // The desk alone, without the screen, for comparison.
    let desk = app.app.desk().expect("desk");
    let reads: Vec<Duration> = (0..PRESSES)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(desk.session(session).expect("session"));
            std::hint::black_box(desk.checked_in(session).expect("checked in"));
            start.elapsed()
        })
        .collect();
    let (median, p99) = percentiles(reads);
    eprintln!("session() + checked_in() reload: median {median:.2?}, p99 {p99:.2?}");
    let today: Vec<Duration> = (0..20)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(desk.sessions_on(DAY).expect("sessions"));
            start.elapsed()
        })
        .collect();
    let (median, p99) = percentiles(today);
    eprintln!("sessions_on(today): median {median:.2?}, p99 {p99:.2?}");
    let intakes: Vec<Duration> = (0..20)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(desk.incomplete_intakes().expect("intakes"));
            start.elapsed()
        })
        .collect();
    let (median, p99) = percentiles(intakes);
    eprintln!("incomplete_intakes() (home, staff): median {median:.2?}, p99 {p99:.2?}");

    // No timing assertion here: budgets are judged by `cargo bench`, which runs on a quiet
    // release build; this test only prints what a press costs on this file.
}
