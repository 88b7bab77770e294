//! The command line as scripts use it: exit codes, one-line errors, and
//! what ends up in the file.

mod common;

use std::path::Path;

use assert_cmd::Command;
use mila::desk::Desk;
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

fn init(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("mila.redb");
    mila(&db).args(["init", "--user", USER]).assert().success();
    db
}

/// Exit 1, exactly one line on stderr mentioning `phrase`, never a panic.
fn assert_refused(cmd: &mut Command, phrase: &str) {
    let out = cmd.output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "stderr: {stderr}");
    assert!(stderr.contains(phrase), "expected '{phrase}' in: {stderr}");
    assert!(!format!("{stdout}{stderr}").contains("panicked"));
}

fn fake_people(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            let name = if i % 3 == 0 {
                format!("اختبار{i:04} تجريبي")
            } else {
                format!("Fakename{i:04} Testperson")
            };
            (name, format!("0151 77{i:04} 99"))
        })
        .collect()
}

#[test]
fn imported_names_and_phones_never_appear_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let people = fake_people(1000);
    let mut csv = String::from("name;phone;languages\n");
    for (name, phone) in &people {
        csv.push_str(&format!("{name};{phone};Arabisch|Deutsch\n"));
    }
    let file = dir.path().join("liste.csv");
    std::fs::write(&file, csv).unwrap();
    let out = mila(&db)
        .args(["import", "visitors"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("M-0001") && stdout.contains("M-1000"));

    let raw = std::fs::read(&db).unwrap();
    let contains = |needle: &str| raw.windows(needle.len()).any(|w| w == needle.as_bytes());
    // Every name contains one of these parts and every phone number the
    // prefix, so their absence proves that no name or number is there.
    assert!(people.iter().all(|(name, phone)| {
        (name.contains("Fakename") || name.contains("اختبار")) && phone.starts_with("0151 77")
    }));
    for part in ["Fakename", "Testperson", "اختبار", "تجريبي", "0151 77"] {
        assert!(!contains(part), "'{part}' is in the file in plaintext");
    }

    let desk = Desk::open(&db).unwrap();
    let login = desk.login(USER, &Passphrase::new(PASS)).unwrap();
    let mut read: Vec<(String, String)> = desk
        .visitor_entries(&login)
        .unwrap()
        .iter()
        .map(|s| (s.name.clone(), s.phone.clone()))
        .collect();
    read.sort();
    let mut want = people;
    want.sort();
    assert_eq!(read, want);
    drop(desk);
    mila(&db).arg("verify").assert().success();
}

#[test]
fn a_bad_import_writes_nothing_and_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let file = dir.path().join("liste.csv");
    std::fs::write(
        &file,
        "name,birth_date\nTestperson Eins,1990\nTestperson Zwei,morgen\n",
    )
    .unwrap();
    // The problem with its line, then the summary.
    let out = mila(&db)
        .args(["import", "visitors"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].contains("line 3") && lines[0].contains("morgen"),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with("mila: error: ")
            && lines[1].ends_with("1 problem; nothing was imported"),
        "{stderr}"
    );
    std::fs::write(&file, "name,birth_date\nTestperson Eins,1990\n").unwrap();
    let out = mila(&db)
        .args(["import", "visitors"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("M-0001"),
        "nothing was written before"
    );
}

#[test]
fn wrong_passphrase_is_one_line_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    assert_refused(
        mila(&db)
            .env("MILA_PASSPHRASE", "wrong-wrong")
            .arg("verify"),
        "wrong user name or passphrase",
    );
}

#[test]
fn missing_passphrase_without_a_terminal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    assert_refused(
        mila(&db).env_remove("MILA_PASSPHRASE").arg("verify"),
        "MILA_PASSPHRASE",
    );
}

#[test]
fn foreign_files_are_refused_and_left_byte_for_byte_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut sqlite = b"SQLite format 3\0".to_vec();
    sqlite.resize(4096, 0);
    let random: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let mut redb_magic_only = b"redb\x1a\x0a\xa9\x0d\x0a".to_vec();
    redb_magic_only.extend_from_slice(&[0xAB; 600]);
    for (name, bytes) in [
        (
            "notes.txt",
            b"Liste der Besucher\nnicht wirklich\n".to_vec(),
        ),
        ("data.sqlite", sqlite),
        ("random.bin", random),
        ("empty.redb", Vec::new()),
        ("garbled.redb", redb_magic_only),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let out = mila(&path).arg("verify").output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(
            stderr.contains("not a MiLA Desk database") || stderr.contains("damaged"),
            "{name}: {stderr}"
        );
        assert!(!stderr.contains("panicked"));
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was modified");
    }
}

#[test]
fn another_redb_file_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.redb");
    {
        let db = redb::Database::create(&path).unwrap();
        let w = db.begin_write().unwrap();
        {
            let def: redb::TableDefinition<&str, u64> = redb::TableDefinition::new("things");
            let mut t = w.open_table(def).unwrap();
            t.insert("a", 1).unwrap();
        }
        w.commit().unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    assert_refused(mila(&path).arg("verify"), "not a MiLA Desk database");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_damaged_file_is_reported_not_panicked() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let good = std::fs::read(&db).unwrap();
    for offset in [9usize, 16, 64, 4096, 4100] {
        let mut bytes = good.clone();
        for b in &mut bytes[offset..offset + 8] {
            *b ^= 0xA5;
        }
        std::fs::write(&db, &bytes).unwrap();
        assert_refused(mila(&db).arg("verify"), "damaged");
    }
    let mut truncated = good.clone();
    truncated.truncate(good.len() / 3);
    std::fs::write(&db, &truncated).unwrap();
    assert_refused(mila(&db).arg("verify"), "damaged");
}

#[test]
fn a_database_in_use_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let held = Desk::open(&db).unwrap();
    assert_refused(mila(&db).arg("verify"), "in use");
    assert_refused(mila(&db).args(["staff", "list"]), "in use");
    drop(held);
    mila(&db).arg("verify").assert().success();
}

#[test]
fn init_refuses_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let before = std::fs::read(&db).unwrap();
    assert_refused(
        mila(&db).args(["init", "--user", "zweite"]),
        "already exists",
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn volunteers_cannot_list_staff_or_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    mila(&db)
        .env("MILA_NEW_PASSPHRASE", "helfer-passphrase")
        .args(["staff", "add", "helfer", "--role", "volunteer"])
        .assert()
        .success();
    let mut as_volunteer = mila(&db);
    as_volunteer
        .env("MILA_USER", "helfer")
        .env("MILA_PASSPHRASE", "helfer-passphrase");
    assert_refused(as_volunteer.args(["staff", "list"]), "may not");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = mila(&dir.path().join("x.redb"))
        .arg("frobnicate")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = mila(&dir.path().join("x.redb"))
        .args(["staff", "add", "x", "--role", "chef"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

fn import_one(dir: &Path, db: &Path) {
    let file = dir.join("eine.csv");
    std::fs::write(
        &file,
        "name;name_latin;phone\nمحمد تجريبي;Mohammed Tajribi;0151 000 111\n",
    )
    .unwrap();
    mila(db)
        .args(["import", "visitors"])
        .arg(&file)
        .assert()
        .success();
}

#[test]
fn erase_asks_refuses_without_a_terminal_and_works_with_yes() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    import_one(dir.path(), &db);
    assert_refused(mila(&db).args(["erase", "visitor", "M-0001"]), "--yes");
    assert_refused(
        mila(&db).args(["erase", "visitor", "M-0099", "--yes"]),
        "no visitor",
    );
    let out = mila(&db)
        .args(["erase", "visitor", "1", "--yes"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_refused(mila(&db).args(["erase", "visitor", "1", "--yes"]), "erased");
    mila(&db).arg("verify").assert().success();
}

#[test]
fn access_export_writes_json_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    import_one(dir.path(), &db);
    let folder = dir.path().join("auskunft");
    let out = mila(&db)
        .args(["export", "visitor", "M-0001", "--output"])
        .arg(&folder)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let paths: Vec<&str> = stdout.lines().collect();
    assert_eq!(paths.len(), 2);
    assert!(
        paths
            .iter()
            .all(|p| p.contains("M-0001") && !p.contains("Tajribi"))
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(paths[0]).unwrap()).unwrap();
    assert_eq!(json["personal"]["name"], "محمد تجريبي");
    assert_eq!(json["personal"]["phone"]["value"], "0151 000 111");
    assert_eq!(json["personal"]["gender"]["answer"], "empty");
    let actions: Vec<&str> = json["audit"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["action"].as_str())
        .collect();
    // The catalog's words, as on the audit screen, not the program's names.
    assert!(
        actions.contains(&"importiert") && actions.contains(&"Auskunft exportiert"),
        "{actions:?}"
    );
    let text = std::fs::read_to_string(paths[1]).unwrap();
    assert!(
        text.contains("importiert") && !text.contains("Import ") && !text.contains("Export "),
        "{text}"
    );
    assert!(
        text.contains("Art. 15") && text.contains("Mohammed Tajribi") && text.contains("M-0001"),
        "{text}"
    );
    // Volunteers and receptionists may not export.
    mila(&db)
        .env("MILA_NEW_PASSPHRASE", "empfang-passphrase")
        .args(["staff", "add", "empfang", "--role", "receptionist"])
        .assert()
        .success();
    assert_refused(
        mila(&db)
            .env("MILA_USER", "empfang")
            .env("MILA_PASSPHRASE", "empfang-passphrase")
            .args(["export", "visitor", "1"]),
        "may not",
    );
}

#[test]
fn backup_and_restore_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    import_one(dir.path(), &db);
    let backup = dir.path().join("usb").join("mila-2026-11-26.redb");
    mila(&db).arg("backup").arg(&backup).assert().success();
    assert_refused(mila(&db).arg("backup").arg(&backup), "already exists");
    assert_refused(mila(&db).arg("restore").arg(&backup), "--force");
    let restored = dir.path().join("neu.redb");
    mila(&restored)
        .arg("restore")
        .arg(&backup)
        .assert()
        .success();
    mila(&restored).arg("verify").assert().success();
    mila(&db)
        .args(["restore", "--force"])
        .arg(&backup)
        .assert()
        .success();
    // A backup of another database is refused, and ours stays as it was.
    let other_dir = tempfile::tempdir().unwrap();
    let other = init(other_dir.path());
    let other_backup = other_dir.path().join("fremd.redb");
    mila(&other)
        .arg("backup")
        .arg(&other_backup)
        .assert()
        .success();
    assert_refused(
        mila(&db).args(["restore", "--force"]).arg(&other_backup),
        "another database",
    );
    mila(&db).arg("verify").assert().success();
}

#[test]
fn weakened_key_parameters_are_refused_at_unlock() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    {
        let store = mila::store::Store::open(&db).unwrap();
        let mut w = store.write().unwrap();
        use mila::store::Read;
        let key = USER.to_string();
        let mut slot = w
            .get(mila::store::tables::KEY_SLOTS, &key)
            .unwrap()
            .unwrap();
        slot.params.m_kib = 64;
        slot.params.t = 1;
        w.put(mila::store::tables::KEY_SLOTS, &key, &slot).unwrap();
        w.commit().unwrap();
    }
    assert_refused(mila(&db).arg("verify"), "below the minimum");
}
