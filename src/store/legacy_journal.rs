//! The commit journal of MiLA Desk 0.1 (`<database>.journal`), met after an
//! update.
//!
//! Version 0.1 appended each commit's pages to that file and wrote them into
//! the database only at checkpoints, so after a crash of 0.1 the journal is
//! the only copy of the commits since the last checkpoint. It is bound to
//! the file's inode, not to its content: a copied folder or a file changed
//! since cannot tell whether its pages still belong. This version never
//! replays, truncates or deletes such a journal; it refuses to open the
//! database (or to create one in its place) and says how to fold the
//! journal in safely: with the version that wrote it, on the machine and
//! file it was written for.

use std::path::{Path, PathBuf};

use super::StoreError;

/// The journal's name beside the database: `<file>.journal`.
pub fn legacy_journal_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".journal");
    db.with_file_name(name)
}

/// Refuses a database with a journal of version 0.1 beside it, reading
/// nothing and changing nothing.
pub(super) fn refuse_legacy_journal(db: &Path) -> Result<(), StoreError> {
    let journal = legacy_journal_path(db);
    // symlink_metadata: a dangling link is still something left there.
    match std::fs::symlink_metadata(&journal) {
        Ok(_) => Err(StoreError::LegacyJournal(journal)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}
