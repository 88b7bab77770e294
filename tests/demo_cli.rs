//! `mila demo`: the printed sign-in works, past days have sessions with
//! check-ins, the file is a sound database, an existing file is refused.

use std::path::Path;

use assert_cmd::Command;
use jiff::civil::{Date, date};
use mila::desk::demo::{DEMO_NOTE, DemoPlan};
use mila::desk::{Desk, VisitorStatus};
use mila::vault::{KdfParams, Passphrase};
use tempfile::TempDir;

const TODAY: Date = date(2026, 11, 26);

fn mila(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mila").expect("binary");
    cmd.env_clear()
        .env("MILA_KDF", "minimum")
        .env("MILA_TODAY", TODAY.to_string())
        .env("MILA_CONFIG_DIR", dir.join("config"))
        .env("HOME", dir);
    cmd
}

/// The value after `label` on the line that has it.
fn printed(stdout: &str, label: &str) -> String {
    stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix(label))
        .unwrap_or_else(|| panic!("no {label:?} in:\n{stdout}"))
        .trim()
        .to_string()
}

#[test]
fn demo_database_signs_in_with_the_printed_credentials_and_has_past_days() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("demo.redb");
    let out = mila(dir.path())
        .args(["--db", db.to_str().unwrap(), "demo"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let stdout = String::from_utf8(out).unwrap();
    assert!(stdout.contains("300 visitors"), "{stdout}");
    let user = printed(&stdout, "user:");
    let passphrase = printed(&stdout, "passphrase:");
    let day: Date = printed(&stdout, "A day summary:")
        .rsplit(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(day < TODAY, "{day}");

    // The desk signs in with exactly what was printed.
    {
        let desk = Desk::open(&db).unwrap();
        let login = desk
            .login(&user, &Passphrase::new(passphrase.clone()))
            .unwrap();
        let entries = desk.visitor_entries(&login).unwrap();
        assert_eq!(entries.len(), 300);
        let card = desk.visitor_card(&login, 1).unwrap();
        assert_eq!(card.data.notes, DEMO_NOTE);
        assert_eq!(card.meta.status, VisitorStatus::Complete);
        assert!(
            entries
                .iter()
                .any(|e| e.name.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c))),
            "some names in Arabic script"
        );
    }

    // A past day summary shows sessions with check-ins.
    let report = mila(dir.path())
        .env("MILA_USER", &user)
        .env("MILA_PASSPHRASE", &passphrase)
        .args(["--db", db.to_str().unwrap(), "report", "day"])
        .args(["--date", &day.to_string(), "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&report).unwrap();
    let sessions = json["sessions"].as_array().expect("sessions");
    assert!(!sessions.is_empty(), "{json}");
    let checkins: u64 = sessions
        .iter()
        .map(|s| s["checkins"].as_u64().unwrap())
        .sum();
    assert!(checkins > 0, "{json}");

    // Every link and sealed record is sound.
    mila(dir.path())
        .env("MILA_USER", &user)
        .env("MILA_PASSPHRASE", &passphrase)
        .args(["--db", db.to_str().unwrap(), "verify"])
        .assert()
        .success();
}

#[test]
fn demo_refuses_an_existing_file_and_leaves_it_unchanged() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("taken.redb");
    std::fs::write(&db, b"not yours").unwrap();
    let out = mila(dir.path())
        .args(["--db", db.to_str().unwrap(), "demo", "--visitors", "5"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("exists already"));
    assert_eq!(std::fs::read(&db).unwrap(), b"not yours");
}

#[test]
fn demo_plan_sizes_are_met_and_demo_data_never_joins_a_used_database() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("sized.redb");
    let pass = Passphrase::new("demo-test-passphrase");
    let (mut desk, login) = Desk::create(&path, "demo", &pass, KdfParams::MINIMUM).unwrap();
    desk.pin_today(TODAY);
    let plan = DemoPlan {
        visitors: 500,
        days: 30,
        checkins: Some(4_000),
        seed: 9,
    };
    let summary = desk.fill_demo(&login, &plan).unwrap();
    assert_eq!(summary.visitors, 500);
    assert_eq!(summary.last_day, TODAY);
    assert!(
        (3_900..=4_000).contains(&summary.checkins),
        "{}",
        summary.checkins
    );
    assert_eq!(desk.visitor_entries(&login).unwrap().len(), 500);
    // Today's recurring sessions were written by the demo: opening today
    // must not add a second one of any.
    let today = desk.sessions_on(TODAY).unwrap();
    assert!(!today.is_empty());
    let mut kinds: Vec<_> = today
        .iter()
        .map(|s| (s.record.offering, s.record.start))
        .collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds.len(), today.len());
    assert!(today.iter().any(|s| s.checkins > 0));
    assert!(desk.fill_demo(&login, &DemoPlan::default()).is_err());
}
