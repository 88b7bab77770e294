//! The commit journal beside the database: a power loss may keep none of
//! the database file's writes since its last sync, and every confirmed
//! commit must still be there at the next open, from the journal.

use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use mila::store::tables::DAY_NOTES;
use mila::store::{Read, Store};

fn journal(db: &Path) -> PathBuf {
    let mut name = db.file_name().expect("name").to_os_string();
    name.push(".journal");
    db.with_file_name(name)
}

fn note(store: &Store, day: u32, text: &str) {
    let mut w = store.write().expect("write");
    w.put(DAY_NOTES, &day, &text.to_string()).expect("put");
    w.commit().expect("commit");
}

fn notes(store: &Store) -> Vec<(u32, String)> {
    store
        .read()
        .expect("read")
        .range(DAY_NOTES, ..)
        .expect("range")
        .into_iter()
        .collect()
}

/// The first `n` notes the tests write, in order.
fn the_notes(n: usize) -> Vec<(u32, String)> {
    ["vor dem Sync", "Testa Beispiel", "Erika Musterfrau"]
        .iter()
        .take(n)
        .enumerate()
        .map(|(i, text)| (i as u32 + 1, text.to_string()))
        .collect()
}

/// The database as a power loss right after the last commit may leave it:
/// the file as of its last sync (a clean close), the journal as written.
struct PowerLoss {
    dir: tempfile::TempDir,
    db: PathBuf,
    synced: Vec<u8>,
    journal: Vec<u8>,
}

fn power_loss(confirmed: &[(u32, &str)]) -> PowerLoss {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("mila.redb");
    let store = Store::create(&db).expect("create");
    note(&store, 1, "vor dem Sync");
    drop(store);
    let synced = std::fs::read(&db).expect("read db");
    let store = Store::open(&db).expect("open");
    for (day, text) in confirmed {
        note(&store, *day, text);
    }
    let journal_bytes = std::fs::read(journal(&db)).expect("journal while open");
    drop(store);
    PowerLoss {
        dir,
        db,
        synced,
        journal: journal_bytes,
    }
}

/// Puts the file back as it was at its last sync, in place (the same file,
/// as after a power loss), and the journal beside it.
fn lose_unsynced_writes(p: &PowerLoss, journal_bytes: &[u8]) {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&p.db)
        .expect("db");
    file.set_len(p.synced.len() as u64).expect("len");
    file.write_all_at(&p.synced, 0).expect("write back");
    file.sync_all().expect("sync");
    std::fs::write(journal(&p.db), journal_bytes).expect("journal");
}

#[test]
fn confirmed_commits_come_back_from_the_journal() {
    let p = power_loss(&[(2, "Testa Beispiel"), (3, "Erika Musterfrau")]);
    lose_unsynced_writes(&p, &p.journal);
    let mut store = Store::open(&p.db).expect("reopen");
    assert_eq!(notes(&store), the_notes(3));
    assert!(store.check_integrity().expect("check"));
    drop(store);
    assert!(
        !journal(&p.db).exists(),
        "a clean close leaves no journal behind"
    );
}

#[test]
fn without_the_journal_the_commits_would_be_lost() {
    // Proves the test above tests something: the file alone is as synced.
    let p = power_loss(&[(2, "Testa Beispiel")]);
    lose_unsynced_writes(&p, &[]);
    let store = Store::open(&p.db).expect("reopen");
    assert_eq!(notes(&store), the_notes(1));
}

#[test]
fn a_torn_record_is_left_out() {
    let p = power_loss(&[(2, "Testa Beispiel")]);
    lose_unsynced_writes(&p, &p.journal);
    let store = Store::open(&p.db).expect("reopen");
    // The replay has synced the file: this is its state now.
    let synced = std::fs::read(&p.db).expect("db");
    note(&store, 3, "Erika Musterfrau");
    let mut torn = std::fs::read(journal(&p.db)).expect("journal");
    drop(store);
    // Its record torn: the head written, the end of its pages not.
    let end = torn.iter().rposition(|&b| b != 0).expect("a record");
    for b in &mut torn[end.saturating_sub(100)..=end] {
        *b ^= 0xa5;
    }
    let after = PowerLoss {
        synced,
        journal: Vec::new(),
        ..p
    };
    lose_unsynced_writes(&after, &torn);
    let mut store = Store::open(&after.db).expect("reopen after a torn record");
    assert!(store.check_integrity().expect("check"));
    assert_eq!(notes(&store), the_notes(2));
}

#[test]
fn a_journal_of_another_file_is_not_replayed() {
    let p = power_loss(&[(2, "Testa Beispiel")]);
    // A restored copy moved over the database is a new file.
    let copy = p.dir.path().join("copy.redb");
    std::fs::write(&copy, &p.synced).expect("copy");
    std::fs::rename(&copy, &p.db).expect("move over");
    std::fs::write(journal(&p.db), &p.journal).expect("stale journal");
    let mut store = Store::open(&p.db).expect("open");
    assert_eq!(notes(&store), the_notes(1));
    assert!(store.check_integrity().expect("check"));
    let left = std::fs::read(journal(&p.db)).expect("journal while open");
    assert_ne!(
        left.get(4096..4096 + 32),
        p.journal.get(4096..4096 + 32),
        "the other file's records are gone"
    );
}

#[test]
fn a_checkpoint_torn_by_a_power_loss_is_mended_from_the_journal_first() {
    let p = power_loss(&[(2, "Testa Beispiel"), (3, "Erika Musterfrau")]);
    let checkpointed = std::fs::read(&p.db).expect("db after close");
    // The power went while the checkpoint wrote the pages back: the bytes
    // of the first block the later commits changed are garbage.
    let mut torn = p.synced.clone();
    let block = torn.len().min(checkpointed.len()).min(4096);
    let mut garbled = 0;
    for i in 9..block {
        if torn[i] != checkpointed[i] {
            torn[i] ^= 0x5a;
            garbled += 1;
        }
    }
    assert!(garbled > 0, "the commits changed the header block");
    let journal_bytes = p.journal.clone();
    let torn = PowerLoss {
        synced: torn,
        journal: Vec::new(),
        ..p
    };
    lose_unsynced_writes(&torn, &[]);
    assert!(
        Store::open(&torn.db).is_err(),
        "without its journal the torn file does not open"
    );
    lose_unsynced_writes(&torn, &journal_bytes);
    let mut store = Store::open(&torn.db).expect("the journal mends the file");
    assert!(store.check_integrity().expect("check"));
    assert_eq!(notes(&store), the_notes(3));
}

#[test]
fn a_file_moved_over_the_database_never_gets_its_journal() {
    let p = power_loss(&[(2, "Testa Beispiel")]);
    let backup = p.dir.path().join("backup.redb");
    std::fs::write(&backup, &p.synced).expect("backup");
    // The database as a crash left it, its journal holding a commit.
    lose_unsynced_writes(&p, &p.journal);
    mila::store::copy_file(&backup, &p.db).expect("restore the backup");
    assert!(
        !journal(&p.db).exists(),
        "the replaced file's journal went with it"
    );
    let store = Store::open(&p.db).expect("open");
    assert_eq!(notes(&store), the_notes(1));
}

#[test]
fn a_copy_with_a_journal_of_its_own_is_not_moved_over_the_database() {
    let p = power_loss(&[(2, "Testa Beispiel")]);
    // A copy whose close did not finish: its journal holds what it lacks.
    let copy = p.dir.path().join("copy.redb");
    std::fs::write(&copy, &p.synced).expect("copy");
    std::fs::write(journal(&copy), &p.journal).expect("its journal");
    assert!(mila::store::move_over(&copy, &p.db).is_err());
    let store = Store::open(&p.db).expect("the database stays");
    assert_eq!(notes(&store), the_notes(2));
}

#[test]
fn a_journal_in_use_is_never_removed() {
    let p = power_loss(&[]);
    let backup = p.dir.path().join("backup.redb");
    std::fs::write(&backup, &p.synced).expect("backup");
    let store = Store::open(&p.db).expect("open");
    note(&store, 2, "Testa Beispiel");
    // Another process restoring over the open database is refused.
    assert!(matches!(
        mila::store::copy_file(&backup, &p.db),
        Err(mila::store::StoreError::InUse)
    ));
    assert!(journal(&p.db).exists());
    note(&store, 3, "Erika Musterfrau");
    drop(store);
    let store = Store::open(&p.db).expect("reopen");
    assert_eq!(notes(&store).len(), 3);
}
