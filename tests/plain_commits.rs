//! Storage on redb's own commit, nothing of ours under it: a journal left by
//! MiLA Desk 0.1 is never replayed, truncated or deleted; a check-in writes
//! one tree; a file of schema 1 is brought up to date.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::desk::{COORDINATOR, Fixture, PASSPHRASE, person};
use mila::desk::{Desk, DeskError};
use mila::store::records::Marker;
use mila::store::tables::META;
use mila::store::{SCHEMA_VERSION, Store, StoreError, legacy_journal_path};
use mila::ui::catalog::Lang;
use mila::vault::Passphrase;
use redb::{ReadableDatabase, ReadableTableMetadata, TableHandle};

/// Bytes as a crashed 0.1 left them: its header and one record of pages.
fn legacy_journal_bytes() -> Vec<u8> {
    let mut bytes = b"milajrnl".to_vec();
    bytes.resize(4096, 0);
    bytes.extend(std::iter::repeat_n(0xA5, 8192));
    bytes
}

fn snapshot(paths: &[&Path]) -> Vec<Vec<u8>> {
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("read"))
        .collect()
}

/// A database with one visitor, closed cleanly.
fn database(dir: &Path) -> PathBuf {
    let fixture = Fixture::new();
    fixture
        .desk
        .register_visitor(
            &fixture.coordinator,
            &person("Testa Beispiel", "", 1990),
            true,
            None,
        )
        .expect("register");
    let path = dir.join("mila.redb");
    drop(fixture.desk);
    std::fs::copy(fixture.dir.path().join("mila.redb"), &path).expect("copy");
    path
}

fn mila(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mila").expect("binary");
    cmd.env("MILA_DB", db)
        .env("MILA_KDF", "minimum")
        .env("MILA_USER", COORDINATOR)
        .env("MILA_PASSPHRASE", PASSPHRASE)
        .env("MILA_CONFIG_DIR", db.with_file_name("config"));
    cmd
}

/// After a crash of 0.1 the whole folder was copied elsewhere (`cp -a`, a USB
/// stick): inode numbers change. 0.1 would have truncated the journal as
/// another file's and lost its commits; now the copy is refused as it is,
/// and both files stay byte for byte, so nothing confirmed is lost.
#[test]
fn a_copied_folder_with_a_legacy_journal_is_refused_and_left_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path());
    std::fs::write(legacy_journal_path(&db), legacy_journal_bytes()).expect("journal");
    let elsewhere = tempfile::tempdir().expect("dir");
    let copy = elsewhere.path().join("stick");
    let status = std::process::Command::new("cp")
        .arg("-a")
        .arg(dir.path())
        .arg(&copy)
        .status()
        .expect("cp -a");
    assert!(status.success());
    let db = copy.join("mila.redb");
    let journal = legacy_journal_path(&db);
    let before = snapshot(&[&db, &journal]);

    match Store::open(&db) {
        Err(StoreError::LegacyJournal(p)) => assert_eq!(p, journal),
        other => panic!("expected a refusal for the legacy journal, got {other:?}"),
    }
    assert_eq!(snapshot(&[&db, &journal]), before);
}

/// The journal is stale: another writer committed to the file since. 0.1
/// would replay the old pages over that commit; now nothing is replayed and
/// the later commit is still in the file once the journal is dealt with.
#[test]
fn a_stale_legacy_journal_is_never_replayed_over_later_commits() {
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path());
    let journal = legacy_journal_path(&db);
    std::fs::write(&journal, legacy_journal_bytes()).expect("journal");
    // A later commit by another redb writer, made beside the journal.
    {
        let raw = redb::Database::open(&db).expect("raw open");
        let w = raw.begin_write().expect("write");
        {
            let def: redb::TableDefinition<u32, &[u8]> = redb::TableDefinition::new("day_notes");
            let mut t = w.open_table(def).expect("table");
            t.insert(7, b"later".as_slice()).expect("insert");
        }
        w.commit().expect("commit");
    }
    let before = snapshot(&[&db, &journal]);
    for _ in 0..2 {
        assert!(matches!(
            Desk::open(&db),
            Err(DeskError::Store(StoreError::LegacyJournal(_)))
        ));
    }
    assert_eq!(snapshot(&[&db, &journal]), before);

    // Once the person in charge has folded it in with 0.1 (here: moved it
    // away), the file opens with the later commit intact.
    std::fs::rename(&journal, dir.path().join("kept.journal")).expect("move");
    drop(Store::open(&db).expect("open"));
    let raw = redb::Database::open(&db).expect("raw reopen");
    let r = raw.begin_read().expect("read");
    let def: redb::TableDefinition<u32, &[u8]> = redb::TableDefinition::new("day_notes");
    let t = r.open_table(def).expect("table");
    assert_eq!(
        t.get(7).expect("get").expect("the later commit").value(),
        b"later"
    );
}

#[test]
fn a_new_database_is_never_made_beside_a_legacy_journal() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("mila.redb");
    let journal = legacy_journal_path(&db);
    std::fs::write(&journal, legacy_journal_bytes()).expect("journal");
    assert!(matches!(
        Store::create(&db),
        Err(StoreError::LegacyJournal(_))
    ));
    assert!(!db.exists(), "no database was made");
    assert_eq!(
        std::fs::read(&journal).expect("read"),
        legacy_journal_bytes()
    );
}

#[test]
fn restore_over_a_database_with_a_legacy_journal_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path());
    let backup = dir.path().join("backup.redb");
    mila(&db).arg("backup").arg(&backup).assert().success();
    let journal = legacy_journal_path(&db);
    std::fs::write(&journal, legacy_journal_bytes()).expect("journal");
    let before = snapshot(&[&db, &journal]);
    mila(&db)
        .args(["restore", "--force"])
        .arg(&backup)
        .assert()
        .code(1);
    assert_eq!(snapshot(&[&db, &journal]), before);
}

/// Staff and scripts are told what to do, in their language; the file is
/// untouched.
#[test]
fn the_refusal_says_what_to_do() {
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path());
    let journal = legacy_journal_path(&db);
    std::fs::write(&journal, legacy_journal_bytes()).expect("journal");
    let before = snapshot(&[&db, &journal]);
    let out = mila(&db).arg("verify").output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("MiLA Desk 0.1"), "{said}");
    assert!(said.contains("quit it normally"), "{said}");
    assert!(said.contains("Do not delete"), "{said}");
    assert!(!said.contains("panicked"), "{said}");
    assert_eq!(snapshot(&[&db, &journal]), before);

    let err = StoreError::LegacyJournal(journal.clone());
    let de = mila::ui::errors::describe_store(&err, Lang::De);
    assert!(de.contains("MiLA Desk 0.1"), "{de}");
    assert!(de.contains("nicht löschen"), "{de}");
    assert!(de.contains("mila.redb.journal"), "{de}");
}

/// What redb tells of each table without knowing its types: entries, tree
/// height, pages and stored bytes. Any insert or removal changes it.
fn tables(db: &Path) -> BTreeMap<String, [u64; 5]> {
    let raw = redb::Database::open(db).expect("raw open");
    let r = raw.begin_read().expect("read");
    let mut out = BTreeMap::new();
    for handle in r.list_tables().expect("tables") {
        let t = r.open_untyped_table(handle.clone()).expect("open");
        let stats = t.stats().expect("stats");
        out.insert(
            handle.name().to_string(),
            [
                t.len().expect("len"),
                u64::from(stats.tree_height()),
                stats.leaf_pages(),
                stats.branch_pages(),
                stats.stored_bytes(),
            ],
        );
    }
    out
}

/// A durable check-in is one tree of pages: the check-in itself. No index by
/// visitor, no visitor record, no counter rides along in its commit.
#[test]
fn a_check_in_writes_only_the_check_in() {
    let fixture = Fixture::new();
    let login = &fixture.coordinator;
    let no = fixture
        .desk
        .register_visitor(login, &person("Testa Beispiel", "", 1990), true, None)
        .expect("register");
    let offering = fixture.desk.offerings().expect("offerings")[0].0;
    let t = |h| jiff::civil::Time::new(h, 0, 0, 0).expect("time");
    let session = fixture
        .desk
        .add_session(login, offering, fixture.desk.today(), t(10), t(11), "Probe")
        .expect("session");
    let path = fixture.path();
    let Fixture { desk, .. } = fixture;
    drop(desk);
    let before = tables(&path);
    let desk = Desk::open(&path).expect("open");
    let login = desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .expect("login");
    drop(desk);
    // The signed-in person's key works on the file opened again.
    let after_login = tables(&path);
    let desk = Desk::open(&path).expect("open");
    let meta = desk.visitor_meta(no).expect("meta");
    desk.check_in(&login, session, no).expect("check in");
    assert_eq!(
        desk.visitor_meta(no).expect("meta"),
        meta,
        "visitor record rewritten"
    );
    drop(desk);
    let after = tables(&path);
    let changed: Vec<&String> = after
        .iter()
        .filter(|(name, entries)| after_login.get(*name) != Some(*entries))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(changed, vec!["checkins"], "tables a check-in changed");
    assert_ne!(before.get("checkins"), after.get("checkins"));

    // The card still lists the visit, from the check-ins alone.
    let desk = Desk::open(&path).expect("open");
    let login = desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .expect("login");
    let card = desk.visitor_card(&login, no).expect("card");
    assert_eq!(card.history.len(), 1);
    assert_eq!(card.history[0].0, session);
}

/// A file of schema 1 (with the check-ins' index by visitor) opens, loses
/// the index, keeps every check-in, and says schema 2.
#[test]
fn schema_1_is_migrated_without_losing_a_check_in() {
    let fixture = Fixture::new();
    let login = &fixture.coordinator;
    let no = fixture
        .desk
        .register_visitor(login, &person("Testa Beispiel", "", 1990), true, None)
        .expect("register");
    let offering = fixture.desk.offerings().expect("offerings")[0].0;
    let t = |h| jiff::civil::Time::new(h, 0, 0, 0).expect("time");
    let session = fixture
        .desk
        .add_session(login, offering, fixture.desk.today(), t(10), t(11), "Probe")
        .expect("session");
    fixture.desk.check_in(login, session, no).expect("check in");
    let path = fixture.path();
    let Fixture { desk, .. } = fixture;
    drop(desk);
    // Make it a file of schema 1 as 0.1 wrote it.
    {
        let store = Store::open(&path).expect("open");
        let r = store.read().expect("read");
        use mila::store::Read;
        let mut marker: Marker = r
            .get(META, &"marker".to_string())
            .expect("get")
            .expect("marker");
        drop(r);
        marker.schema = 1;
        let mut w = store.write().expect("write");
        w.put(META, &"marker".to_string(), &marker).expect("put");
        w.commit().expect("commit");
    }
    {
        let raw = redb::Database::open(&path).expect("raw");
        let w = raw.begin_write().expect("write");
        {
            let def: redb::TableDefinition<(u32, u64), ()> =
                redb::TableDefinition::new("checkins_by_visitor");
            w.open_table(def)
                .expect("index")
                .insert((no, session), ())
                .expect("insert");
        }
        w.commit().expect("commit");
    }
    assert!(tables(&path).contains_key("checkins_by_visitor"));

    let mut desk = Desk::open(&path).expect("migrate");
    let login = desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .expect("login");
    assert_eq!(
        desk.visitor_card(&login, no).expect("card").history.len(),
        1
    );
    assert!(desk.verify(&login).expect("verify").ok());
    drop(desk);
    let after = tables(&path);
    assert!(!after.contains_key("checkins_by_visitor"));
    assert_eq!(after["checkins"][0], 1);
    let store = Store::open(&path).expect("open");
    let r = store.read().expect("read");
    use mila::store::Read;
    let marker: Marker = r
        .get(META, &"marker".to_string())
        .expect("get")
        .expect("marker");
    assert_eq!(marker.schema, SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 2);
}
