//! The benchmark's database: 100,000 demo visitors and 1,000,000 check-ins,
//! built once and kept in `target/tmp` under a fingerprint of everything
//! that shapes the file (the plan, the generator, the schema and codec), so
//! a change to any of them builds it anew.

use std::path::{Path, PathBuf};
use std::time::Instant;

use jiff::civil::{Date, date};
use mila::desk::Desk;
use mila::desk::demo::DemoPlan;
use mila::vault::{KdfParams, Passphrase};

pub const VISITORS: u32 = 100_000;
pub const CHECKINS: u64 = 1_000_000;
/// Two years, so a one-year period report reads a full year.
pub const DAYS: u32 = 730;
/// A Thursday: the German class and other sessions are on.
pub const TODAY: Date = date(2026, 11, 26);
pub const USER: &str = "bench";
pub const PASSPHRASE: &str = "bench-passphrase-1";

/// The sources whose change changes the file.
const SHAPING_SOURCES: &[&str] = &[
    include_str!("../../src/desk/demo/mod.rs"),
    include_str!("../../src/desk/demo/people.rs"),
    include_str!("../../src/desk/demo/schedule.rs"),
    include_str!("../../src/desk/seed.rs"),
    include_str!("../../src/desk/stats.rs"),
    include_str!("../../src/store/records.rs"),
    include_str!("../../src/store/tables.rs"),
    include_str!("../../src/store/codec.rs"),
    include_str!("../../src/store/txn.rs"),
    include_str!("../../src/vault/seal.rs"),
    include_str!("../../src/search/testdata.rs"),
    include_str!("fixture.rs"),
];

pub fn plan() -> DemoPlan {
    DemoPlan {
        visitors: VISITORS,
        days: DAYS,
        checkins: Some(CHECKINS),
        seed: 8,
    }
}

/// FNV-1a: stable across Rust versions, unlike `DefaultHasher`.
fn fingerprint() -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for source in SHAPING_SOURCES {
        feed(source.as_bytes());
    }
    feed(format!("{:?} {TODAY} {USER}", plan()).as_bytes());
    h
}

pub fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench")
}

/// The cached database, built first if its fingerprint has none.
pub fn cached() -> PathBuf {
    let dir = folder();
    let path = dir.join(format!("budgets-{:016x}.redb", fingerprint()));
    if path.exists() {
        println!("database: cached {}", path.display());
        return path;
    }
    std::fs::create_dir_all(&dir).expect("bench folder");
    // Older fingerprints are of no use any more, and large.
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if name.starts_with("budgets-") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let part = dir.join("building.part");
    let _ = std::fs::remove_file(&part);
    let start = Instant::now();
    build(&part);
    std::fs::rename(&part, &path).expect("rename");
    println!(
        "database: built {} in {:.1} s",
        path.display(),
        start.elapsed().as_secs_f64()
    );
    path
}

fn build(path: &Path) {
    let (mut desk, login) =
        Desk::create(path, USER, &Passphrase::new(PASSPHRASE), KdfParams::DEFAULT).expect("create");
    desk.pin_today(TODAY);
    let summary = desk.fill_demo(&login, &plan()).expect("demo data");
    println!(
        "database: {} visitors, {} sessions from {} to {}, {} check-ins",
        summary.visitors, summary.sessions, summary.first_day, summary.last_day, summary.checkins
    );
}

/// A fresh copy to measure on: the measurements write to it.
pub fn working_copy(cached: &Path) -> PathBuf {
    let work = folder().join("work.redb");
    let _ = std::fs::remove_file(&work);
    std::fs::copy(cached, &work).expect("copy");
    work
}
