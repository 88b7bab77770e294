//! `mila pool …` and `mila request …` as scripts use them: exit codes, one
//! clear line on bad input, JSON, and nothing half-written.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const USER: &str = "koordination";
const PASS: &str = "cli-passphrase-1";
/// A Tuesday.
const TODAY: &str = "2026-12-08";

fn mila(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mila").expect("binary");
    cmd.env_clear()
        .env("MILA_DB", db)
        .env("MILA_KDF", "minimum")
        .env("MILA_USER", USER)
        .env("MILA_PASSPHRASE", PASS)
        .env("MILA_TODAY", TODAY)
        .env("HOME", db.parent().expect("parent"));
    cmd
}

fn init(dir: &Path) -> PathBuf {
    let db = dir.join("mila.redb");
    mila(&db).args(["init", "--user", USER]).assert().success();
    db
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Exit 1, exactly one line on stderr mentioning `phrase`, never a panic.
fn assert_refused(cmd: &mut Command, phrase: &str) {
    let out = cmd.output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    // The warning that MILA_TODAY pins the date comes first; then the one error.
    let errors = stderr
        .lines()
        .filter(|l| !l.starts_with("mila: warning: MILA_TODAY"))
        .count();
    assert_eq!(errors, 1, "stderr: {stderr}");
    assert!(stderr.contains(phrase), "expected '{phrase}' in: {stderr}");
    assert!(!stderr.contains("panicked"));
}

/// A visitor registered through the import, which the CLI has.
fn visitor(dir: &Path, db: &Path, name: &str, languages: &str) {
    let csv = dir.join("v.csv");
    std::fs::write(&csv, format!("name;languages\n{name};{languages}\n")).unwrap();
    mila(db)
        .args(["import", "visitors", csv.to_str().unwrap()])
        .assert()
        .success();
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("json")
}

#[test]
fn pool_add_and_list_who_can_mediate_best_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    mila(&db)
        .args(["pool", "add", "Testperson Almaz"])
        .args(["--languages", "Tigrinya:native|Arabisch:good"])
        .args(["--available", "Mo 09-12, Di"])
        .assert()
        .success();
    mila(&db)
        .args(["pool", "add", "Testperson Berhane"])
        .args(["--languages", "Tigrinya:etwas", "--available", "Di 14-16"])
        .assert()
        .success();
    mila(&db)
        .args(["pool", "add", "Testperson Dawit"])
        .args(["--languages", "Tigrinya:gut", "--available", "Mi"])
        .assert()
        .success();

    let rows = json(&stdout(mila(&db).args([
        "pool",
        "list",
        "--language",
        "Tigrinya",
        "--date",
        TODAY,
        "--json",
    ])));
    let names: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Testperson Almaz", "Testperson Berhane"]);
    assert_eq!(rows[0]["level"], "native");
    assert_eq!(rows[1]["hours"], "14:00-16:00");

    // Without --date: today (MILA_TODAY), same answer.
    let text = stdout(mila(&db).args(["pool", "list", "--language", "tigrinya"]));
    assert!(
        text.lines().next().unwrap().contains("Testperson Almaz"),
        "{text}"
    );

    let all = json(&stdout(mila(&db).args(["pool", "list", "--json"])));
    assert_eq!(all.as_array().unwrap().len(), 3);
    assert_eq!(all[0]["available"], "Mo 09:00–12:00, Di");

    let wednesday = stdout(mila(&db).args([
        "pool",
        "list",
        "--language",
        "Arabisch",
        "--date",
        "2026-12-09",
    ]));
    assert!(wednesday.is_empty(), "{wednesday}");
}

#[test]
fn pool_bad_input_says_what_is_wrong_and_adds_no_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    assert_refused(
        mila(&db).args([
            "pool",
            "add",
            "Test Eins",
            "--languages",
            "Klingonisch:native",
        ]),
        "languages list",
    );
    assert_refused(
        mila(&db).args(["pool", "add", "Test Eins", "--languages", "Arabisch:fluent"]),
        "native",
    );
    assert_refused(
        mila(&db).args([
            "pool",
            "add",
            "Test Eins",
            "--languages",
            "Arabisch",
            "--available",
            "Montags früh",
        ]),
        "Mo Di Mi",
    );
    assert_refused(
        mila(&db).args([
            "pool",
            "add",
            "Test Eins",
            "--languages",
            "Arabisch",
            "--account",
            "gibtsnicht",
        ]),
        "gibtsnicht",
    );
    assert_refused(
        mila(&db).args([
            "pool",
            "list",
            "--language",
            "Arabisch",
            "--date",
            "8.13.2026",
        ]),
        "YYYY-MM-DD",
    );
    let all = json(&stdout(mila(&db).args(["pool", "list", "--json"])));
    assert_eq!(all.as_array().unwrap().len(), 0);

    // A receptionist may look but not add.
    mila(&db)
        .env("MILA_NEW_PASSPHRASE", "empfang-passphrase")
        .args(["staff", "add", "empfang", "--role", "receptionist"])
        .assert()
        .success();
    assert_refused(
        mila(&db)
            .env("MILA_USER", "empfang")
            .env("MILA_PASSPHRASE", "empfang-passphrase")
            .args(["pool", "add", "Test Eins", "--languages", "Arabisch"]),
        "interpreter pool",
    );
}

#[test]
fn a_request_from_add_to_done_and_not_met() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    visitor(dir.path(), &db, "Testbesucher Eins", "Tigrinya");
    mila(&db)
        .args([
            "pool",
            "add",
            "Testperson Almaz",
            "--languages",
            "Tigrinya:native",
        ])
        .args(["--available", "Di"])
        .assert()
        .success();
    mila(&db)
        .args([
            "pool",
            "add",
            "Testperson Omar",
            "--languages",
            "Arabisch:native",
        ])
        .assert()
        .success();

    let added = stdout(mila(&db).args([
        "request",
        "add",
        "M-0001",
        "--language",
        "Tigrinya",
        "--purpose",
        "Jobcenter-Termin",
        "--at",
        "2026-12-08 10:30",
    ]));
    assert!(added.contains("Request 1"), "{added}");
    mila(&db)
        .args([
            "request",
            "add",
            "1",
            "--language",
            "Tigrinya",
            "--purpose",
            "Arzt",
        ])
        .args(["--at", "2026-12-09 08:00"])
        .assert()
        .success();

    // Omar does not speak Tigrinya: without a terminal, refused, not assigned.
    assert_refused(
        mila(&db).args(["request", "assign", "1", "Testperson Omar"]),
        "does not speak Tigrinya",
    );
    let open = json(&stdout(
        mila(&db).args(["request", "list", "--open", "--json"]),
    ));
    assert_eq!(open[0]["status"], "open");
    assert_eq!(open[0]["interpreter"], serde_json::Value::Null);

    mila(&db)
        .args(["request", "assign", "1", "Almaz"])
        .assert()
        .success();
    mila(&db).args(["request", "done", "1"]).assert().success();
    assert_refused(
        mila(&db).args(["request", "not-met", "2", "--reason", " "]),
        "reason",
    );
    mila(&db)
        .args(["request", "not-met", "2", "--reason", "niemand frei"])
        .assert()
        .success();
    assert_refused(mila(&db).args(["request", "done", "2"]), "already closed");

    let all = json(&stdout(mila(&db).args(["request", "list", "--json"])));
    assert_eq!(all[0]["status"], "done");
    assert_eq!(all[0]["interpreter"], "Testperson Almaz");
    assert_eq!(all[0]["visitor"], "M-0001");
    assert_eq!(all[1]["status"], "not-met");
    assert_eq!(all[1]["reason"], "niemand frei");
    let open = stdout(mila(&db).args(["request", "list", "--open"]));
    assert!(open.is_empty(), "{open}");

    // The period report names no one.
    let report = stdout(mila(&db).args([
        "report",
        "period",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-31",
    ]));
    assert!(report.contains("Sprachvermittlung"), "{report}");
    for private in ["Almaz", "Testbesucher", "Jobcenter-Termin", "niemand frei"] {
        assert!(!report.contains(private), "{private} in the report");
    }
}

#[test]
fn request_bad_input_is_refused_and_nothing_is_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    visitor(dir.path(), &db, "Testbesucher Zwei", "Dari");
    let add = |db: &Path, who: &str, language: &str, at: &str| {
        let mut cmd = mila(db);
        cmd.args(["request", "add", who, "--language", language])
            .args(["--purpose", "Sozialberatung", "--at", at]);
        cmd
    };
    assert_refused(
        &mut add(&db, "M-0001", "Elbisch", "2026-12-08 10:00"),
        "languages list",
    );
    assert_refused(
        &mut add(&db, "M-0001", "Dari", "morgen um zehn"),
        "YYYY-MM-DD HH:MM",
    );
    assert_refused(
        &mut add(&db, "M-0001", "Dari", "2026-12-08 24:10"),
        "YYYY-MM-DD HH:MM",
    );
    assert_refused(
        &mut add(&db, "M-0099", "Dari", "2026-12-08 10:00"),
        "M-0099",
    );
    assert_refused(
        mila(&db).args(["request", "assign", "7", "Niemand"]),
        "pool",
    );
    mila(&db)
        .args(["erase", "visitor", "M-0001", "--yes"])
        .assert()
        .success();
    assert_refused(
        &mut add(&db, "M-0001", "Dari", "2026-12-08 10:00"),
        "erased",
    );
    let all = json(&stdout(mila(&db).args(["request", "list", "--json"])));
    assert_eq!(all.as_array().unwrap().len(), 0);
}

#[test]
fn pool_remove_erases_a_member_and_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    mila(&db)
        .args([
            "pool",
            "add",
            "Testperson Weg",
            "--languages",
            "Farsi:native",
        ])
        .args(["--phone", "0511 424242"])
        .assert()
        .success();
    assert_refused(
        mila(&db).args(["pool", "remove", "Testperson Weg"]),
        "--yes",
    );
    mila(&db)
        .args(["pool", "remove", "Testperson Weg", "--yes"])
        .assert()
        .success();
    let all = json(&stdout(mila(&db).args(["pool", "list", "--json"])));
    assert_eq!(all.as_array().unwrap().len(), 0);
    let bytes = std::fs::read(&db).unwrap();
    for secret in [&b"Testperson Weg"[..], b"0511 424242"] {
        assert!(!bytes.windows(secret.len()).any(|w| w == secret));
    }
}

/// A new data key re-encrypts the pool's contacts and the requests' details
/// too: after `mila rekey` both still open, and nothing reads as damaged.
#[test]
fn rekey_keeps_pool_contacts_and_request_details_readable() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let csv = dir.path().join("liste.csv");
    std::fs::write(&csv, "name\nTestperson Rekey\n").unwrap();
    mila(&db)
        .args(["import", "visitors", csv.to_str().unwrap()])
        .assert()
        .success();
    mila(&db)
        .args([
            "pool",
            "add",
            "Testperson Almaz",
            "--languages",
            "Arabisch:good",
        ])
        .args(["--phone", "0151 0000000"])
        .assert()
        .success();
    mila(&db)
        .args(["request", "add", "1", "--language", "Arabisch"])
        .args(["--purpose", "Jobcenter-Termin", "--at", "2026-12-09 10:00"])
        .assert()
        .success();
    mila(&db).arg("rekey").assert().success();
    let pool = stdout(mila(&db).args(["pool", "list", "--json"]));
    assert!(pool.contains("0151 0000000"), "{pool}");
    let requests = stdout(mila(&db).args(["request", "list", "--json"]));
    assert!(requests.contains("Jobcenter-Termin"), "{requests}");
    mila(&db).arg("verify").assert().success();
}
