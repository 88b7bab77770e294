//! Creating and opening the file, with the checks that keep redb away from
//! files that are not ours (redb can damage a foreign file it is asked to
//! open, redb issue #913).

use std::cell::RefCell;
use std::fs::File;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use redb::backends::FileBackend;
use redb::{Database, DatabaseError, ReadableDatabase};

use super::StoreError;
use super::legacy_journal::refuse_legacy_journal;
use super::records::Marker;
use super::tables::*;
use super::txn::{Reader, Writer};

/// The schema this program writes. Older files are migrated at open; newer
/// ones are refused.
pub const SCHEMA_VERSION: u32 = 2;
const FORMAT_NAME: &str = "mila-desk";
/// The first bytes of every redb file.
const REDB_MAGIC: [u8; 9] = [b'r', b'e', b'd', b'b', 0x1A, 0x0A, 0xA9, 0x0D, 0x0A];
/// Enough for hot pages of a large file while staying inside the memory budget.
const CACHE_BYTES: usize = 32 * 1024 * 1024;

pub struct Store {
    /// Swapped for a rewritten copy after an erasure (see `copy.rs`); only
    /// borrowed to begin a transaction.
    pub(super) db: RefCell<Database>,
    path: PathBuf,
    marker: Marker,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

pub(super) fn builder() -> redb::Builder {
    let mut builder = redb::Builder::new();
    builder.set_cache_size(CACHE_BYTES);
    builder
}

/// Refuses a path that is missing, empty or not a redb file, reading only.
pub(super) fn check_header(path: &Path) -> Result<(), StoreError> {
    // Looked at before opening: opening a FIFO waits for a writer forever.
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Err(StoreError::NotAFile(path.to_path_buf())),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        Err(e) => return Err(e.into()),
    }
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        Err(e) => return Err(e.into()),
    };
    if file.metadata()?.is_dir() {
        return Err(StoreError::Foreign(path.to_path_buf()));
    }
    let mut head = [0u8; REDB_MAGIC.len()];
    match file.read_exact(&mut head) {
        Ok(()) if head == REDB_MAGIC => Ok(()),
        Ok(()) => Err(StoreError::Foreign(path.to_path_buf())),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Err(StoreError::Foreign(path.to_path_buf()))
        }
        Err(e) => Err(e.into()),
    }
}

/// redb reports a header it cannot parse as InvalidData; past our magic check
/// that means damage, not a foreign file.
pub(super) fn open_error(path: &Path, err: DatabaseError) -> StoreError {
    match StoreError::from(err) {
        StoreError::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
            StoreError::Damaged(format!("unreadable header in {}", path.display()))
        }
        other => other,
    }
}

pub(super) fn read_marker(path: &Path, reader: &Reader) -> Result<Marker, StoreError> {
    use super::txn::Read;
    let marker = match reader.get(META, &"marker".to_string()) {
        Ok(Some(m)) => m,
        // Another program's redb file: its tables are not ours to judge.
        Ok(None) | Err(StoreError::Damaged(_)) => {
            return Err(StoreError::Foreign(path.to_path_buf()));
        }
        Err(e) => return Err(e),
    };
    if marker.format != FORMAT_NAME {
        return Err(StoreError::Foreign(path.to_path_buf()));
    }
    if marker.schema > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found: marker.schema,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(marker)
}

impl Store {
    /// Creates a new database file; refuses to touch an existing one.
    pub fn create(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            super::private::create_dir_all(dir)?;
        }
        // A journal of an earlier version beside a missing file is the only
        // copy of what that file's last commits held: never build over it.
        refuse_legacy_journal(path)?;
        let file = match super::private::new_file().open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(StoreError::Exists(path.to_path_buf()));
            }
            Err(e) => return Err(e.into()),
        };
        let result = Self::initialise(path, file);
        if result.is_err() {
            // The file is new and ours: a half-made database must not be
            // mistaken for a real one at the next start.
            let _ = std::fs::remove_file(path);
        }
        result
    }

    fn initialise(path: &Path, file: File) -> Result<Self, StoreError> {
        let db = builder().create_with_backend(FileBackend::new(file)?)?;
        let mut database_id = [0u8; 16];
        getrandom::fill(&mut database_id)
            .map_err(|e| StoreError::Io(std::io::Error::other(e.to_string())))?;
        let marker = Marker {
            format: FORMAT_NAME.into(),
            schema: SCHEMA_VERSION,
            database_id,
            created: Timestamp::now(),
        };
        let store = Self {
            db: RefCell::new(db),
            path: path.to_path_buf(),
            marker: marker.clone(),
        };
        let mut w = store.write()?;
        create_tables(&w)?;
        w.put(META, &"marker".to_string(), &marker)?;
        w.commit()?;
        Ok(store)
    }

    /// Opens an existing database of ours. A foreign, damaged, newer or busy
    /// file is refused with its own error, and left as it was.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        check_header(path)?;
        refuse_legacy_journal(path)?;
        // Best effort: a file we may read but not chmod (another owner) still opens.
        let _ = super::private::restrict(path);
        // Look before writing: a read-only open never modifies the file, so
        // the marker is checked before redb may repair or rewrite anything.
        match builder().open_read_only(path) {
            Ok(ro) => {
                let reader = Reader {
                    txn: ro.begin_read()?,
                };
                read_marker(path, &reader)?;
            }
            // Not shut down cleanly (a crash, a kill): only a writable open
            // can repair it, so the marker is checked right after.
            Err(DatabaseError::RepairAborted) => {}
            Err(e) => return Err(open_error(path, e)),
        }
        // redb's own file backend: its commit (pages and checksums, then the
        // header, one fdatasync) is the whole durability guarantee.
        let db = builder().open(path).map_err(|e| open_error(path, e))?;
        let reader = Reader {
            txn: db.begin_read()?,
        };
        let marker = read_marker(path, &reader)?;
        drop(reader);
        let mut store = Self {
            db: RefCell::new(db),
            path: path.to_path_buf(),
            marker,
        };
        store.migrate()?;
        Ok(store)
    }

    /// Opens a database of ours held by another storage backend (tests that
    /// inject I/O faults). `path` only names it in messages.
    pub fn open_with_backend(
        backend: impl redb::StorageBackend,
        path: &Path,
    ) -> Result<Self, StoreError> {
        let db = builder()
            .create_with_backend(backend)
            .map_err(|e| open_error(path, e))?;
        let reader = Reader {
            txn: db.begin_read()?,
        };
        let marker = read_marker(path, &reader)?;
        drop(reader);
        let mut store = Self {
            db: RefCell::new(db),
            path: path.to_path_buf(),
            marker,
        };
        store.migrate()?;
        Ok(store)
    }

    /// Brings an older schema up to [`SCHEMA_VERSION`] in one transaction.
    fn migrate(&mut self) -> Result<(), StoreError> {
        if self.marker.schema == SCHEMA_VERSION {
            return Ok(());
        }
        let mut w = self.write()?;
        create_tables(&w)?;
        if self.marker.schema < 2 {
            drop_checkins_by_visitor(&w)?;
        }
        self.marker.schema = SCHEMA_VERSION;
        w.put(META, &"marker".to_string(), &self.marker)?;
        w.commit()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn database_id(&self) -> [u8; 16] {
        self.marker.database_id
    }

    pub fn read(&self) -> Result<Reader, StoreError> {
        Ok(Reader {
            txn: self.db.borrow().begin_read()?,
        })
    }

    /// Every write is durable when its commit returns (redb's
    /// `Durability::Immediate`, also its default: said here so that no
    /// one lowers it by accident).
    pub fn write(&self) -> Result<Writer, StoreError> {
        let mut txn = self.db.borrow().begin_write()?;
        txn.set_durability(redb::Durability::Immediate)?;
        Ok(Writer::new(txn))
    }

    /// redb's own check of every page checksum and tree.
    pub fn check_integrity(&mut self) -> Result<bool, StoreError> {
        Ok(self.db.get_mut().check_integrity()?)
    }

    /// Rewrites the file so freed pages are released.
    pub fn compact(&mut self) -> Result<(), StoreError> {
        while self.db.get_mut().compact()? {}
        Ok(())
    }
}

/// Every table exists from the start, so readers never meet a missing one.
fn create_tables(w: &Writer) -> Result<(), StoreError> {
    macro_rules! open_all {
        ($($t:expr),* $(,)?) => {$( { w.txn.open_table($t.def())?; } )*};
    }
    open_all!(
        META,
        SETTINGS,
        STAFF,
        KEY_SLOTS,
        SEALED_META,
        VISITORS,
        VISITORS_BY_DAY,
        PERSONAL,
        OFFERINGS,
        SESSIONS,
        SESSIONS_BY_DAY,
        CHECKINS,
        TALLIES,
        REFERENCE,
        AUDIT,
        AUDIT_BY_VISITOR,
        DAY_STATS,
        DAY_NOTES,
        LOGINS_BY_DAY,
        SEARCH_CACHE,
        PERSONAL_GENERATIONS,
    );
    // Sprachvermittlung (issue 16)
    open_all!(POOL, POOL_CONTACT, REQUESTS, REQUEST_DETAILS);
    // Security (issue 13)
    open_all!(
        STAFF_GRANTS,
        ERASED,
        SEALED_DAY_STATS,
        MUST_CHANGE_PASSPHRASE
    );
    Ok(())
}

/// Schema 2: a check-in no longer writes a second tree (visitor → sessions);
/// who came when is read from the check-ins themselves.
fn drop_checkins_by_visitor(w: &Writer) -> Result<(), StoreError> {
    let legacy: redb::TableDefinition<'static, (u32, u64), ()> =
        redb::TableDefinition::new("checkins_by_visitor");
    w.txn.delete_table(legacy)?;
    Ok(())
}
