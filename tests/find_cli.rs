//! `mila find QUERY [--json]`: the find screen's matcher on the command
//! line, best match first, staff with data access only, audited.

use std::path::Path;

use assert_cmd::Command;
use mila::desk::{AuditAction, AuditFilter, Desk, FIND_AUDIT_DETAIL};
use mila::vault::Passphrase;

const USER: &str = "koordination";
const PASS: &str = "cli-passphrase-1";

fn mila(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mila").expect("binary");
    cmd.env_clear()
        .env("MILA_DB", db)
        .env("MILA_KDF", "minimum")
        .env("MILA_USER", USER)
        .env("MILA_PASSPHRASE", PASS)
        .env("HOME", db.parent().expect("parent"));
    cmd
}

/// M-0001 Arabic script with a Latin spelling, M-0002 Arabic script only,
/// M-0003 an umlaut, M-0004 Latin only, M-0005 a hostile name.
fn database(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("mila.redb");
    mila(&db).args(["init", "--user", USER]).assert().success();
    let csv = "name;name_latin;birth_date;phone\n\
               محمد بيسبيل;Mohammed Beispiel;1990;0151 1234 5678\n\
               يوسف تستا;;1988;\n\
               Jürgen Müller-Test;;07.03.1975;\n\
               Testa Beispiel;;;0170 9876 543\n\
               Evil\u{1b}[2JTesta\u{202e}Name;;1999;\n";
    let file = dir.join("liste.csv");
    std::fs::write(&file, csv).unwrap();
    mila(&db)
        .args(["import", "visitors"])
        .arg(&file)
        .assert()
        .success();
    db
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn prints_number_both_spellings_and_birth_year_best_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let out = stdout_of(mila(&db).args(["find", "mohammed beis"]));
    assert_eq!(
        out.lines().next(),
        Some("M-0001  محمد بيسبيل  Mohammed Beispiel  1990"),
        "{out}"
    );
    // Latin fragment -> a name stored only in Arabic script.
    let out = stdout_of(mila(&db).args(["find", "yus"]));
    assert_eq!(
        out.lines().next(),
        Some("M-0002  يوسف تستا  -  1988"),
        "{out}"
    );
    // Arabic script -> a name stored only in Latin letters.
    let out = stdout_of(mila(&db).args(["find", "تستا"]));
    assert!(
        out.lines().any(|l| l == "M-0004  Testa Beispiel  -  -"),
        "{out}"
    );
    // The umlaut, typed without it; numbers; phone digits.
    let out = stdout_of(mila(&db).args(["find", "juergen muell"]));
    assert!(
        out.starts_with("M-0003  Jürgen Müller-Test  -  1975"),
        "{out}"
    );
    let out = stdout_of(mila(&db).args(["find", "3"]));
    assert_eq!(out, "M-0003  Jürgen Müller-Test  -  1975\n");
    let out = stdout_of(mila(&db).args(["find", "9876543"]));
    assert_eq!(out, "M-0004  Testa Beispiel  -  -\n");
    // Several matches; --limit cuts the list.
    let out = stdout_of(mila(&db).args(["find", "testa"]));
    let numbers: Vec<&str> = out.lines().map(|l| &l[..6]).collect();
    assert!(
        numbers.contains(&"M-0002") && numbers.contains(&"M-0004"),
        "{out}"
    );
    assert!(!numbers.contains(&"M-0001"), "{out}");
    let out = stdout_of(mila(&db).args(["find", "testa", "--limit", "1"]));
    assert_eq!(out.lines().count(), 1, "{out}");
    // Nobody: nothing on stdout, still exit 0.
    assert_eq!(stdout_of(mila(&db).args(["find", "zzzz"])), "");
}

#[test]
fn hostile_names_are_sanitised_on_the_terminal_and_exact_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let out = stdout_of(mila(&db).args(["find", "5"]));
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202e}'),
        "{out:?}"
    );
    assert!(out.starts_with("M-0005  EvilTestaName"), "{out:?}");
    let out = stdout_of(mila(&db).args(["find", "5", "--json"]));
    let rows: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(rows[0]["name"], "Evil\u{1b}[2JTesta\u{202e}Name");
}

#[test]
fn json_for_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let out = stdout_of(mila(&db).args(["find", "beispiel", "--json"]));
    let rows: serde_json::Value = serde_json::from_str(&out).expect("json");
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 2, "{out}");
    let row = |number: &str| {
        rows.iter()
            .find(|r| r["number"] == number)
            .unwrap_or_else(|| panic!("{number} missing: {out}"))
    };
    assert_eq!(row("M-0001")["name"], "محمد بيسبيل");
    assert_eq!(row("M-0001")["name_latin"], "Mohammed Beispiel");
    assert_eq!(row("M-0001")["birth_year"], 1990);
    assert_eq!(row("M-0004")["name_latin"], "");
    assert_eq!(row("M-0004")["birth_year"], serde_json::Value::Null);
    assert_eq!(row("M-0004")["matched"], "name");
    assert!(
        rows[0]["score"].as_f64() >= rows[1]["score"].as_f64(),
        "best first: {out}"
    );
    let by_number = stdout_of(mila(&db).args(["find", "M-0004", "--json"]));
    let rows: serde_json::Value = serde_json::from_str(&by_number).expect("json");
    assert_eq!(rows[0]["matched"], "number", "{by_number}");
    let none = stdout_of(mila(&db).args(["find", "zzzz", "--json"]));
    assert_eq!(none.trim(), "[]");
}

#[test]
fn every_listed_visitor_is_audited_as_viewed() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    stdout_of(mila(&db).args(["find", "beispiel"]));
    let desk = Desk::open(&db).unwrap();
    let me = desk.login(USER, &Passphrase::new(PASS)).unwrap();
    let views = desk
        .audit_entries(
            &me,
            &AuditFilter {
                action: Some(AuditAction::View),
                ..Default::default()
            },
        )
        .unwrap();
    let mut seen: Vec<u32> = views
        .iter()
        .filter(|(_, e)| e.detail == FIND_AUDIT_DETAIL && e.user == USER)
        .filter_map(|(_, e)| e.visitor)
        .collect();
    seen.sort_unstable();
    assert_eq!(seen, [1, 4]);
}

#[test]
fn volunteers_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    mila(&db)
        .env("MILA_NEW_PASSPHRASE", "helfer-passphrase")
        .args(["staff", "add", "helfer", "--role", "volunteer"])
        .assert()
        .success();
    let out = mila(&db)
        .env("MILA_USER", "helfer")
        .env("MILA_PASSPHRASE", "helfer-passphrase")
        .args(["find", "beispiel"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(!stderr.contains("Beispiel") && !stderr.contains("panicked"));
    // A receptionist may.
    mila(&db)
        .env("MILA_NEW_PASSPHRASE", "empfang-passphrase")
        .args(["staff", "add", "empfang", "--role", "receptionist"])
        .assert()
        .success();
    let out = stdout_of(
        mila(&db)
            .env("MILA_USER", "empfang")
            .env("MILA_PASSPHRASE", "empfang-passphrase")
            .args(["find", "beispiel"]),
    );
    assert_eq!(out.lines().count(), 2, "{out}");
}
