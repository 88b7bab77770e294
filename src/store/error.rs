use std::io;
use std::path::PathBuf;

use super::codec::CodecError;

/// What can go wrong below the desk. Messages are for staff and scripts: they
/// never contain stored values.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no database at {0}")]
    Missing(PathBuf),
    #[error("a file already exists at {0}")]
    Exists(PathBuf),
    #[error("the database is in use by another MiLA Desk program")]
    InUse,
    #[error("{0} is not a MiLA Desk database")]
    Foreign(PathBuf),
    /// A FIFO, device or folder: opening one could hang or read forever.
    #[error("{0} is not a regular file, so it cannot be a MiLA Desk database")]
    NotAFile(PathBuf),
    #[error(
        "the database was written by a newer MiLA Desk (schema {found}, this program knows {supported}); update the program"
    )]
    TooNew { found: u32, supported: u32 },
    #[error("the database file is damaged ({0}); restore the latest backup")]
    Damaged(String),
    #[error("the disk is full: nothing was saved; free some space and try again")]
    DiskFull,
    #[error(
        "a write failed earlier: nothing was saved; restart the program (the last saved state is intact)"
    )]
    NeedsRestart,
    #[error(
        "{0}: journal of MiLA Desk 0.1, which stopped without closing; it may hold saved work. Nothing was changed. Start MiLA Desk 0.1 once on this computer with this database and quit it normally, then this version. Do not delete the journal"
    )]
    LegacyJournal(PathBuf),
    #[error("reading or writing the file failed ({0}): nothing was saved")]
    Io(io::Error),
}

impl StoreError {
    pub(crate) fn damaged_record(table: &str, err: CodecError) -> Self {
        Self::Damaged(format!("table {table}: {err}"))
    }
}

fn is_disk_full(err: &io::Error) -> bool {
    // ENOSPC (28) and EDQUOT (122) on Linux; `StorageFull` where std maps it.
    err.kind() == io::ErrorKind::StorageFull
        || err.kind() == io::ErrorKind::QuotaExceeded
        || matches!(err.raw_os_error(), Some(28 | 122))
}

impl From<io::Error> for StoreError {
    fn from(err: io::Error) -> Self {
        if is_disk_full(&err) {
            Self::DiskFull
        } else {
            Self::Io(err)
        }
    }
}

impl From<redb::Error> for StoreError {
    fn from(err: redb::Error) -> Self {
        use redb::Error as E;
        match err {
            E::DatabaseAlreadyOpen | E::LockProtocolMismatch => Self::InUse,
            E::Io(io) => io.into(),
            E::PreviousIo => Self::NeedsRestart,
            E::Corrupted(detail) => Self::Damaged(detail),
            E::UpgradeRequired(v) => Self::Damaged(format!("unsupported redb file format {v}")),
            E::TableTypeMismatch { table, .. } => {
                Self::Damaged(format!("table {table} has an unexpected type"))
            }
            other => Self::Damaged(other.to_string()),
        }
    }
}

macro_rules! via_redb_error {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(err: $t) -> Self {
                redb::Error::from(err).into()
            }
        }
    )*};
}
via_redb_error!(
    redb::DatabaseError,
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError,
    redb::CompactionError,
    redb::SetDurabilityError
);
