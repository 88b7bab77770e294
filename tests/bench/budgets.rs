//! `cargo bench`: every performance budget of DESIGN.md, measured on a demo
//! database of 100,000 visitors and 1,000,000 check-ins, one line each:
//! `budget <name> <median> <unit> limit <limit> <PASS|FAIL>` and, in
//! brackets, the floor and spread where there is one. Exit status 1 when a
//! budget fails. Timings are never asserted in tests; this is where they live.

mod commits;
mod fixture;
mod presses;
mod program;
#[allow(dead_code)]
#[path = "../common/pty.rs"]
mod pty;
#[allow(dead_code)]
#[path = "../common/search_eval.rs"]
mod search_eval;
mod stats;
mod unlock;

use std::process::ExitCode;
use std::time::Instant;

use jiff::ToSpan;
use mila::desk::Desk;
use mila::search::testdata::{Rng, synthetic_entries};
use mila::search::{Entry, SearchIndex, format_visitor_number};
use mila::vault::{KdfParams, Passphrase};

use fixture::{PASSPHRASE, TODAY, USER, VISITORS};
use stats::{Report, Samples, ms, shown};

/// Names typed into the search, each in several ways.
const TYPED_NAMES: usize = 300;
const SEARCH_LIMIT: usize = 20;

fn main() -> ExitCode {
    // `cargo bench -- search` runs the search budgets only; any other argument is ignored.
    let started = Instant::now();
    // The budgets are for a machine doing nothing else; say how busy it is.
    println!("load average at start: {}", load_average());
    let mut report = Report::new();
    search_recall(&mut report);
    // `cargo bench -- search`: the search budgets only, on 100,000 synthetic visitors
    // (the demo database's generator) instead of the database, which takes long to build.
    if std::env::args().skip(1).any(|a| a == "search") {
        let entries = synthetic_entries(VISITORS as usize, 8);
        search_speed(&mut report, &entries, "synthetic, without the database");
        return finish(&report, started);
    }
    let cached = fixture::cached();
    match std::env::var("BENCH_PROFILE").as_deref() {
        Ok("commit") => {
            profile_commits(&fixture::working_copy(&cached));
            return ExitCode::SUCCESS;
        }
        Ok(_) => {
            profile_unlock(&fixture::working_copy(&cached));
            return ExitCode::SUCCESS;
        }
        Err(_) => {}
    }
    let home = fixture::folder().join("home");
    let _ = std::fs::create_dir_all(home.join("config"));

    let size = std::fs::metadata(&cached).map_or(0, |m| m.len());
    report.budget(
        "db_size_per_visitor",
        size as f64 / f64::from(VISITORS),
        "bytes",
        4096.0,
        &format!(
            "file {:.0} MiB with 1,000,000 check-ins",
            size as f64 / (1 << 20) as f64
        ),
    );

    let db = fixture::working_copy(&cached);
    let frames = program::first_frame(&db, &home, 9);
    report.budget(
        "first_frame",
        frames.median(),
        "ms",
        50.0,
        &format!(
            "process spawn to sign-in screen on a pty; max {} ms",
            shown(frames.quantile(1.0))
        ),
    );
    let real = program::unlocked(&db, &home);
    report.budget(
        "rss_after_unlock",
        real.rss_mib,
        "MiB",
        100.0,
        &format!(
            "VmRSS of the real program on the home screen; peak VmHWM {} MiB; Enter to home {} ms",
            shown(real.peak_mib),
            shown(ms(real.unlock))
        ),
    );

    let app = unlock::in_app(&db, &home, 5, 200);
    report.budget(
        "argon2id",
        app.argon2.median(),
        "ms",
        1000.0,
        "m=64 MiB t=3 p=1, the default key slot",
    );
    report.budget(
        "unlock_beyond_argon2",
        app.beyond.median(),
        "ms",
        200.0,
        &format!(
            "Confirm to home screen drawn, median {} ms, minus an Argon2id run just before each \
             (median {} ms); search index ready {} ms beyond Argon2id",
            shown(app.unlock.median()),
            shown(app.argon2.median()),
            shown(app.search_ready.median())
        ),
    );
    report.budget(
        "home_redraw",
        app.home_redraw.median(),
        "ms",
        16.0,
        &format!("120x40; p99 {} ms", shown(app.home_redraw.p99())),
    );
    drop(app);

    let mut desk = Desk::open(&db).expect("open");
    desk.pin_today(TODAY);
    let login = desk
        .login(USER, &Passphrase::new(PASSPHRASE))
        .expect("login");

    let mut entries = Vec::new();
    let decrypt = Samples::time(3, || {
        entries = desk.visitor_entries(&login).expect("entries");
    });
    search_speed(
        &mut report,
        &entries,
        &format!(
            "opening their sealed records first {} ms",
            shown(decrypt.median())
        ),
    );
    drop(entries);

    let day = busiest_recent_day(&desk, &login);
    let summary = Samples::time(30, || desk.day_summary(&login, day, false).expect("day"));
    report.budget(
        "day_summary",
        summary.median(),
        "ms",
        50.0,
        &format!("{day}"),
    );
    // A check-in keeps no index by visitor, so a card finds its visits in
    // a pass over the check-ins' keys; the card's view is audited (a
    // durable commit) as well.
    let card = Samples::time(10, || {
        desk.visitor_card(&login, VISITORS / 2).expect("card")
    });
    report.budget(
        "visitor_card",
        card.median(),
        "ms",
        100.0,
        "ours; visits found among 1,000,000 check-ins, view audited",
    );
    let from = TODAY.checked_sub(364.days()).expect("a year back");
    let period = Samples::time(5, || {
        desk.period_report(&login, from, TODAY).expect("period")
    });
    report.budget(
        "period_report_year",
        period.median(),
        "ms",
        1000.0,
        &format!("{from} to {TODAY}"),
    );

    let (session, category) = commits::open_session(&desk);
    let mut floor = commits::Floor::new(&fixture::folder());
    let checkins = commits::check_ins(&desk, &login, session, &mut floor, 300);
    commit_line(&mut report, "checkin_commit", &checkins);
    let tallies = commits::tallies(&desk, &login, session, category, &mut floor, 300);
    commit_line(&mut report, "tally_commit", &tallies);
    drop(floor);
    drop(desk);
    presses::report(&mut report, &cached, &home);

    let import = import_100k();
    report.budget(
        "import_100k",
        import,
        "s",
        60.0,
        "CSV of 100,000 visitors, one durable commit",
    );

    let _ = std::fs::remove_file(&db);
    finish(&report, started)
}

fn finish(report: &Report, started: Instant) -> ExitCode {
    println!("load average at end: {}", load_average());
    println!(
        "bench: {:.0} s; {}",
        started.elapsed().as_secs_f64(),
        if report.failed.is_empty() {
            "every budget PASS".to_string()
        } else {
            format!("FAIL: {}", report.failed.join(", "))
        }
    );
    if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Recall on the evaluation set of real, attested spellings (`tests/data/SOURCES.md`).
fn search_recall(report: &mut Report) {
    let set = search_eval::load();
    let outcome = search_eval::evaluate(&set);
    let t = &outcome.total;
    let note = format!(
        "{} queries on {} people; empty lists {}, false friend first {}",
        t.queries,
        set.entries.len(),
        t.empty,
        t.friend_first
    );
    report.floor(
        "search_recall_at_5",
        100.0 * t.recall_at_5(),
        "%",
        98.0,
        &note,
    );
    report.floor(
        "search_recall_at_1",
        100.0 * t.recall_at_1(),
        "%",
        95.0,
        &note,
    );
    report.budget(
        "search_false_friend_first",
        t.friend_first as f64,
        "queries",
        0.0,
        "Hassan for Hussein, Ярослав for Ярослава, ...",
    );
}

/// Index build and find-as-you-type at 100,000 visitors.
fn search_speed(report: &mut Report, entries: &[Entry], note: &str) {
    let build = Samples::time(5, || SearchIndex::new(entries.to_vec()));
    report.budget(
        "index_build",
        build.median(),
        "ms",
        200.0,
        &format!("{} visitors; {note}", entries.len()),
    );
    let index = SearchIndex::new(entries.to_vec());
    let keystrokes = search(&index, entries);
    report.budget(
        "search_keystroke",
        keystrokes.median(),
        "ms",
        1.0,
        &format!(
            "{} keystrokes, p95 {} ms",
            keystrokes.len(),
            shown(keystrokes.p95())
        ),
    );
    report.budget("search_keystroke_p95", keystrokes.p95(), "ms", 2.0, "");
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// `BENCH_PROFILE=1 perf record cargo bench`: only the work
/// of an unlock after Argon2id, repeated, for a profiler to look at.
fn profile_unlock(cached: &std::path::Path) {
    let mut desk = Desk::open(cached).expect("open");
    desk.pin_today(TODAY);
    let login = desk
        .login(USER, &Passphrase::new(PASSPHRASE))
        .expect("login");
    for _ in 0..5 {
        let start = Instant::now();
        let entries = desk.visitor_entries(&login).expect("entries");
        let opened = start.elapsed();
        let index = SearchIndex::new(entries);
        println!(
            "opened {} ms, index {} ms",
            shown(ms(opened)),
            shown(ms(start.elapsed() - opened))
        );
        drop(index);
    }
}

/// `BENCH_PROFILE=commit`: check-ins and tallies only, for a profiler.
fn profile_commits(db: &std::path::Path) {
    let mut desk = Desk::open(db).expect("open");
    desk.pin_today(TODAY);
    let login = desk
        .login(USER, &Passphrase::new(PASSPHRASE))
        .expect("login");
    let (session, category) = commits::open_session(&desk);
    let mut floor = commits::Floor::new(&fixture::folder());
    let c = commits::check_ins(&desk, &login, session, &mut floor, 2000);
    let t = commits::tallies(&desk, &login, session, category, &mut floor, 2000);
    println!(
        "check-in {} ms (floor {} ms), tally {} ms (floor {} ms)",
        shown(c.times.median()),
        shown(c.floor.median()),
        shown(t.times.median()),
        shown(t.floor.median())
    );
}

fn commit_line(report: &mut Report, name: &str, commits: &commits::Commits) {
    let (t, floor) = (&commits.times, &commits.floor);
    report.budget_band(
        name,
        t.median() / floor.median(),
        "x_fsync",
        2.0,
        2.5,
        &format!(
            "median {} ms, p99 {} ms; redb wrote {} bytes ({} pages of 4 KiB) in {} write calls; floor: write {} bytes + fdatasync {} ms, p99 {} ms, after each commit",
            shown(t.median()),
            shown(t.p99()),
            commits.bytes,
            commits.bytes.div_ceil(commits::PAGE),
            commits.writes,
            commits.bytes,
            shown(floor.median()),
            shown(floor.p99())
        ),
    );
}

/// Every prefix of `text`, one per keystroke.
fn keystrokes(text: &str) -> impl Iterator<Item = &str> {
    text.char_indices()
        .skip(1)
        .map(|(i, _)| &text[..i])
        .chain(std::iter::once(text))
}

/// Names typed as written (any script), in Latin letters, lowercase family
/// name first; visitor numbers; the end of phone numbers.
fn search(index: &SearchIndex, entries: &[Entry]) -> Samples {
    let mut rng = Rng::new(7);
    let mut samples = Samples::default();
    let mut time = |typed: &str| {
        for prefix in keystrokes(typed) {
            let start = Instant::now();
            std::hint::black_box(index.query(std::hint::black_box(prefix), SEARCH_LIMIT));
            samples.push_duration(start.elapsed());
        }
    };
    for _ in 0..TYPED_NAMES {
        let e = &entries[rng.below(entries.len())];
        time(&e.name);
        if !e.name_latin.is_empty() {
            time(&e.name_latin);
        }
        let source = if e.name_latin.is_empty() {
            &e.name
        } else {
            &e.name_latin
        };
        let reordered: Vec<&str> = source.split(' ').rev().collect();
        time(&reordered.join(" ").to_lowercase());
        time(&format_visitor_number(e.number));
        let digits: String = e.phone.chars().filter(char::is_ascii_digit).collect();
        if digits.len() > 4 {
            time(&digits[digits.len().saturating_sub(7)..]);
        }
    }
    samples
}

/// The day of the last week with the most check-ins: the heaviest summary.
fn busiest_recent_day(desk: &Desk, login: &mila::desk::Login) -> jiff::civil::Date {
    (1..=7)
        .filter_map(|back| TODAY.checked_sub(back.days()).ok())
        .max_by_key(|day| {
            desk.day_summary(login, *day, false)
                .map_or(0, |s| s.totals.checkins)
        })
        .unwrap_or(TODAY)
}

/// Seconds to import 100,000 visitors from CSV into a new database.
fn import_100k() -> f64 {
    let path = fixture::folder().join("import.redb");
    let _ = std::fs::remove_file(&path);
    let (desk, login) = Desk::create(
        &path,
        USER,
        &Passphrase::new(PASSPHRASE),
        KdfParams::MINIMUM,
    )
    .expect("create");
    let mut csv = String::from("name;name_latin;birth_date;phone;languages;needs\n");
    let languages = [
        "Arabisch",
        "Dari",
        "Ukrainisch",
        "Tigrinya",
        "Deutsch|Englisch",
    ];
    for (i, e) in synthetic_entries(VISITORS as usize, 5).iter().enumerate() {
        let year = e.birth_year.map(|y| y.to_string()).unwrap_or_default();
        csv.push_str(&format!(
            "{};{};{year};{};{};Sprache\n",
            e.name,
            e.name_latin,
            e.phone,
            languages[i % languages.len()]
        ));
    }
    let start = Instant::now();
    let result = desk.import_visitors(&login, &csv).expect("import");
    let took = start.elapsed().as_secs_f64();
    assert_eq!(
        result.map(|r| r.numbers.len()).ok(),
        Some(VISITORS as usize)
    );
    drop(desk);
    let _ = std::fs::remove_file(&path);
    took
}
