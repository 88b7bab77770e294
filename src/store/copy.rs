//! Copying a database table by table into a fresh file: backups, restores,
//! and the rewrite after an erasure. A fresh file holds only live records,
//! so erased bytes do not survive in free pages.

use std::fs::File;
use std::path::{Path, PathBuf};

use redb::{
    Database, ReadTransaction, ReadableDatabase, ReadableTable, TableError, WriteTransaction,
};

use super::legacy_journal::refuse_legacy_journal;
use super::open::{builder, check_header, open_error, read_marker};
use super::records::Marker;
use super::tables::*;
use super::txn::Reader;
use super::{Store, StoreError};

fn copy_values<K: OwnedKey>(
    src: &ReadTransaction,
    dst: &WriteTransaction,
    def: redb::TableDefinition<'static, K, &'static [u8]>,
) -> Result<(), StoreError> {
    let from = match src.open_table(def) {
        Ok(t) => t,
        Err(TableError::TableDoesNotExist(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let mut to = dst.open_table(def)?;
    for item in from.iter()? {
        let (k, v) = item?;
        to.insert(k.value(), v.value())?;
    }
    Ok(())
}

fn copy_index<K: OwnedKey>(
    src: &ReadTransaction,
    dst: &WriteTransaction,
    def: redb::TableDefinition<'static, K, ()>,
) -> Result<(), StoreError> {
    let from = match src.open_table(def) {
        Ok(t) => t,
        Err(TableError::TableDoesNotExist(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let mut to = dst.open_table(def)?;
    for item in from.iter()? {
        let (k, _) = item?;
        to.insert(k.value(), ())?;
    }
    Ok(())
}

/// Every table, by its types: a new table must be added here too (the
/// backup test counts the tables of a copy).
fn copy_all(src: &ReadTransaction, dst: &WriteTransaction) -> Result<(), StoreError> {
    macro_rules! values {
        ($($t:expr),* $(,)?) => {$( copy_values(src, dst, $t.def())?; )*};
    }
    macro_rules! indexes {
        ($($t:expr),* $(,)?) => {$( copy_index(src, dst, $t.def())?; )*};
    }
    values!(
        META,
        SETTINGS,
        STAFF,
        KEY_SLOTS,
        SEALED_META,
        VISITORS,
        PERSONAL,
        OFFERINGS,
        SESSIONS,
        CHECKINS,
        TALLIES,
        REFERENCE,
        AUDIT,
        DAY_STATS,
        DAY_NOTES,
        SEARCH_CACHE,
        PERSONAL_GENERATIONS,
        STAFF_GRANTS,
        ERASED,
        SEALED_DAY_STATS,
        MUST_CHANGE_PASSPHRASE,
    );
    indexes!(
        VISITORS_BY_DAY,
        INCOMPLETE_INTAKES,
        SESSIONS_BY_DAY,
        AUDIT_BY_VISITOR,
        LOGINS_BY_DAY
    );
    // Sprachvermittlung (issue 16)
    values!(POOL, POOL_CONTACT, REQUESTS, REQUEST_DETAILS);
    Ok(())
}

/// A sibling path for a file being written, never a name with personal data.
fn temp_beside(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".tmp-{}", std::process::id()));
    path.with_file_name(name)
}

/// Makes a rename durable: the directory entry must reach the disk too.
fn sync_dir(path: &Path) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    File::open(dir)?.sync_all()?;
    Ok(())
}

/// Writes the snapshot `src` into a new file `tmp` and returns it open.
fn write_copy(src: &ReadTransaction, tmp: &Path) -> Result<Database, StoreError> {
    let file = super::private::new_file().open(tmp)?;
    let result = (|| {
        let db = builder().create_with_backend(redb::backends::FileBackend::new(file)?)?;
        let w = db.begin_write()?;
        copy_all(src, &w)?;
        w.commit()?;
        Ok(db)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(tmp);
    }
    result
}

/// Moves the closed database file `from` over `to`, durably. A journal of
/// version 0.1 beside `to` would be left describing a file that is gone:
/// then nothing moves.
pub fn move_over(from: &Path, to: &Path) -> Result<(), StoreError> {
    refuse_legacy_journal(to)?;
    std::fs::rename(from, to)?;
    sync_dir(to)
}

/// Copies the database at `source` (a backup) to a fresh file and moves it
/// over `target`. The source is only read; its marker must be ours.
pub fn copy_file(source: &Path, target: &Path) -> Result<Marker, StoreError> {
    check_header(source)?;
    let ro = builder()
        .open_read_only(source)
        .map_err(|e| open_error(source, e))?;
    let reader = Reader {
        txn: ro.begin_read()?,
    };
    let marker = read_marker(source, &reader)?;
    let tmp = temp_beside(target);
    let copy = write_copy(&reader.txn, &tmp)?;
    drop(copy);
    if let Err(e) = move_over(&tmp, target) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(marker)
}

impl Store {
    /// Writes a consistent copy of the database to `dest` (which must not
    /// exist). Still encrypted: personal data stays sealed.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        if dest.exists() {
            return Err(StoreError::Exists(dest.to_path_buf()));
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            super::private::create_dir_all(dir)?;
        }
        let txn = self.db.borrow().begin_read()?;
        let tmp = temp_beside(dest);
        drop(write_copy(&txn, &tmp)?);
        if let Err(e) = std::fs::rename(&tmp, dest) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.into());
        }
        sync_dir(dest)
    }

    /// Replaces the file by a fresh copy of its live records, so bytes of
    /// deleted records are gone from the file. The copy is complete and
    /// durable before it takes the old file's place; a crash in between
    /// leaves the old file, never a half one.
    pub fn rewrite(&self) -> Result<(), StoreError> {
        let tmp = temp_beside(self.path());
        let txn = self.db.borrow().begin_read()?;
        let fresh = write_copy(&txn, &tmp)?;
        drop(txn);
        // The fresh database is open (and locked) before the old one closes;
        // renaming an open file keeps it open, so the path is never unlocked.
        if let Err(e) = std::fs::rename(&tmp, self.path()) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.into());
        }
        drop(self.db.replace(fresh));
        sync_dir(self.path())
    }
}
