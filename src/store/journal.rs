//! A write-ahead journal under redb, so a durable commit costs one
//! contiguous write and one `fdatasync`.
//!
//! redb makes a commit durable by writing every page it changed in place
//! (a check-in changes about a dozen, scattered over the file) and calling
//! `fdatasync`, which then has to reach every one of those blocks. Here, at
//! redb's `sync_data`, the pages written since the last one are appended as
//! one record to a journal file beside the database, and only the journal is
//! synced. The pages wait in memory (reads see them) until a checkpoint
//! writes them into the database file and syncs it, and the journal starts
//! over: every 2 MiB of journal, when the file changes length, and on close.
//!
//! After a crash or power loss the file lacks the writes since the last
//! checkpoint; the next open writes every whole record of the journal back
//! into it, in order, before redb looks at it. That restores the file as of
//! the last confirmed commit: redb never writes into pages that commit uses,
//! so whatever a later, unconfirmed commit left behind is only free pages.
//! A record is whole when its checksum matches; a torn last record is one
//! that was never confirmed.
//!
//! The journal is the only copy of what was confirmed since the last
//! checkpoint, so nothing gives it up after a failure: once a write, sync or
//! resize has failed, the backend refuses every later one (as redb itself
//! does), keeps the pages in memory for reads, and close leaves the journal
//! for the next open to replay.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::fs::{File, Metadata, OpenOptions};
use std::io;
use std::ops::Bound;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use redb::StorageBackend;
use redb::backends::FileBackend;

use super::StoreError;
use super::journal_file::{self, AlignedBytes, JournalFile};

const MAGIC: u64 = u64::from_le_bytes(*b"milajrnl");
/// Records start after the journal's header block.
const FIRST_RECORD: u64 = 4096;
/// A checkpoint once the journal would grow beyond this; it also bounds
/// what waits in memory (the record and the overlay).
const CHECKPOINT_BYTES: u64 = 2 << 20;
/// The journal grows in real blocks, at least this many bytes: appending into a hole would
/// make every `fdatasync` also commit the file system's allocation.
const GROW_BYTES: u64 = 1 << 20;
const RECORD_HEAD: usize = 32;
const BLOCK: u64 = journal_file::BLOCK as u64;

/// The journal's name beside the database: `<file>.journal`.
pub fn journal_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".journal");
    db.with_file_name(name)
}

/// Removes the journal of `db`, if any, durably: called before another file
/// takes `db`'s place, whose pages the journal must never reach. A journal
/// some process holds open is in use and stays.
pub(super) fn remove_journal(db: &Path) -> Result<(), StoreError> {
    let path = journal_path(db);
    let journal = match OpenOptions::new().write(true).open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    lock(&journal)?;
    unlink(&path)?;
    Ok(())
}

/// Locks the journal for this process; held by another, the database is in use.
fn lock(journal: &File) -> Result<(), StoreError> {
    match journal.try_lock() {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::InUse),
        Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
    }
}

fn unlink(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => sync_parent(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.dev() == b.dev() && a.ino() == b.ino()
}

fn sync_parent(path: &Path) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    File::open(dir)?.sync_all()
}

/// Enough to tell a torn or stale record from a whole one, and fast: FNV-1a
/// over 8-byte words in four independent lanes (a byte at a time, the sum
/// of a check-in's record took a third of its commit).
fn checksum(parts: &[&[u8]]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut lanes = [
        0xcbf2_9ce4_8422_2325u64,
        0x8422_2325_cbf2_9ce4,
        0x9ce4_8422_2325_cbf2,
        0x2325_cbf2_9ce4_8422,
    ];
    let mut fold = |lane: usize, word: u64| {
        lanes[lane] = (lanes[lane] ^ word).wrapping_mul(PRIME);
        lanes[lane] ^= lanes[lane] >> 29;
    };
    for part in parts {
        let mut chunks = part.chunks_exact(32);
        for chunk in &mut chunks {
            for (lane, word) in chunk.chunks_exact(8).enumerate() {
                let mut w = [0u8; 8];
                w.copy_from_slice(word);
                fold(lane, u64::from_le_bytes(w));
            }
        }
        for (i, &b) in chunks.remainder().iter().enumerate() {
            fold(i % 4, u64::from(b) | 0x100);
        }
        fold(0, part.len() as u64);
    }
    lanes.iter().fold(0u64, |acc, lane| {
        (acc ^ lane).wrapping_mul(PRIME).rotate_left(23)
    })
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

/// Which file a journal belongs to: a copy renamed over the database (a
/// restore, the rewrite after an erasure) is another file, and must never
/// get the old file's pages. The birth time tells a new file apart even
/// where it reuses the old one's inode. Not the device number: it can
/// change between boots (a USB stick, btrfs, NFS) for the same file.
fn identity(meta: &Metadata) -> u64 {
    let born = meta
        .created()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    checksum(&[&meta.ino().to_le_bytes(), &born.to_le_bytes()])
}

/// The refusal after an earlier failure.
fn failed_before() -> io::Error {
    io::Error::other("an earlier write to the database failed; it must be opened again")
}

struct State {
    /// Pages journaled but not yet written to the database file, by offset;
    /// they never overlap. Written at the checkpoint, in file order, where
    /// a page rewritten many times costs one write.
    overlay: BTreeMap<u64, Vec<u8>>,
    /// The longest entry of `overlay`, to find those overlapping a read.
    longest: u64,
    /// The next record: its head's room, then each page written since the
    /// last `sync_data` (offset, length, bytes).
    record: AlignedBytes,
    /// The next sync must be a checkpoint (the file grew, or too much is
    /// pending to journal).
    checkpoint: bool,
    epoch: u64,
    end: u64,
    allocated: u64,
    /// Pages went straight to the file since the last checkpoint (the
    /// writes of a commit that no sync has confirmed yet).
    straight: bool,
    /// A write, sync or resize failed: from then on nothing is written, and
    /// the journal stays for the next open.
    failed: bool,
}

impl State {
    fn clear_record(&mut self) {
        self.record.resize(RECORD_HEAD);
    }

    /// Pages written since the last sync: a commit that was not confirmed.
    fn unsynced(&self) -> bool {
        self.record.len() > RECORD_HEAD || self.straight
    }
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("epoch", &self.epoch)
            .field("failed", &self.failed)
            .finish()
    }
}

/// The database file `main` with its journal; both are storage backends so
/// tests can put failing ones in their place.
#[derive(Debug)]
pub struct JournalBackend<M = FileBackend, J = JournalFile> {
    main: M,
    journal: J,
    db: PathBuf,
    identity: u64,
    /// Journal bytes between checkpoints.
    checkpoint_bytes: u64,
    state: Mutex<State>,
}

impl JournalBackend {
    /// Opens the journal of the database file `main` at `path`, locked for
    /// this process, and first brings the file up to its last confirmed
    /// commit.
    pub(super) fn open(path: &Path, main: File) -> Result<Self, StoreError> {
        let jpath = journal_path(path);
        // A process closing cleanly unlinks its journal before it lets go of
        // the lock: the lock taken must be on the file the name leads to.
        for _ in 0..10 {
            let journal = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&jpath)?;
            lock(&journal)?;
            let held = journal.metadata()?;
            match std::fs::metadata(&jpath) {
                Ok(named) if same_file(&held, &named) => {}
                _ => continue,
            }
            let identity = identity(&main.metadata()?);
            return Self::with(
                FileBackend::new(main)?,
                JournalFile::new(journal, &jpath)?,
                path,
                identity,
            );
        }
        Err(StoreError::InUse)
    }
}

impl<M: StorageBackend, J: StorageBackend> JournalBackend<M, J> {
    /// The database at `db` held by `main`, its journal by `journal` (tests
    /// that inject faults). Replays the journal like [`Store::open`] does.
    ///
    /// [`Store::open`]: super::Store::open
    pub fn over(main: M, journal: J, db: &Path) -> Result<Self, StoreError> {
        let identity = identity(&std::fs::metadata(db)?);
        Self::with(main, journal, db, identity)
    }

    /// Checkpoints after `bytes` of journal instead of 2 MiB (tests that
    /// want checkpoints inside a short session).
    pub fn checkpoint_every(mut self, bytes: u64) -> Self {
        self.checkpoint_bytes = bytes;
        self
    }

    fn with(main: M, journal: J, db: &Path, identity: u64) -> Result<Self, StoreError> {
        let allocated = journal.len()?;
        let backend = JournalBackend {
            main,
            journal,
            db: db.to_path_buf(),
            identity,
            checkpoint_bytes: CHECKPOINT_BYTES,
            state: Mutex::new(State {
                overlay: BTreeMap::new(),
                longest: 0,
                record: AlignedBytes::zeroed(RECORD_HEAD),
                checkpoint: false,
                epoch: 0,
                end: FIRST_RECORD,
                allocated,
                straight: false,
                failed: false,
            }),
        };
        backend.replay()?;
        Ok(backend)
    }

    fn lock(&self) -> io::Result<std::sync::MutexGuard<'_, State>> {
        self.state
            .lock()
            .map_err(|_| io::Error::other("journal state poisoned"))
    }

    /// Runs a step that writes; a failure marks the backend failed.
    fn writing<T>(&self, step: impl FnOnce(&mut State) -> io::Result<T>) -> io::Result<T> {
        let mut state = self.lock()?;
        if state.failed {
            return Err(failed_before());
        }
        let result = step(&mut state);
        if result.is_err() {
            state.failed = true;
        }
        result
    }

    /// Writes every whole record of this file's journal into the file,
    /// syncs it, and starts the journal over, empty.
    fn replay(&self) -> io::Result<()> {
        let len = self.journal.len()?;
        let mut bytes = vec![0u8; usize::try_from(len).map_err(io::Error::other)?];
        self.journal.read(0, &mut bytes)?;
        // Not 0 when there is no header: a torn header must not make old
        // records of a low epoch count again.
        let mut epoch = fresh_epoch()?;
        if u64_at(&bytes, 0) == Some(MAGIC)
            && let (Some(e), Some(id), Some(sum)) =
                (u64_at(&bytes, 8), u64_at(&bytes, 16), u64_at(&bytes, 24))
            && sum == checksum(&[&bytes[8..24]])
        {
            epoch = e;
            if id == self.identity {
                let mut replayed = false;
                let mut at = FIRST_RECORD as usize;
                while let Some(payload) = record_at(&bytes, at, epoch) {
                    apply(&self.main, payload)?;
                    replayed = true;
                    at = (at + RECORD_HEAD + payload.len()).div_ceil(BLOCK as usize)
                        * BLOCK as usize;
                }
                if replayed {
                    self.main.sync_data()?;
                }
            }
        }
        // Records of another file, or page images of erased records, do
        // not stay behind; the file is synced with the new header.
        if len > 0 {
            self.journal.set_len(0)?;
        }
        let mut state = self.lock()?;
        state.allocated = 0;
        state.epoch = epoch;
        self.restart(&mut state)
    }

    /// A new epoch: the records of the old one no longer count. The new
    /// epoch is taken only once its header is on disk.
    fn restart(&self, state: &mut State) -> io::Result<()> {
        let epoch = state.epoch.wrapping_add(1);
        let mut head = [0u8; 32];
        head[0..8].copy_from_slice(&MAGIC.to_le_bytes());
        head[8..16].copy_from_slice(&epoch.to_le_bytes());
        head[16..24].copy_from_slice(&self.identity.to_le_bytes());
        let sum = checksum(&[&head[8..24]]);
        head[24..32].copy_from_slice(&sum.to_le_bytes());
        self.journal.write(0, &head)?;
        self.journal.sync_data()?;
        state.epoch = epoch;
        state.end = FIRST_RECORD;
        state.allocated = state.allocated.max(BLOCK);
        Ok(())
    }

    /// The database file durable as it is; the journal empty.
    fn checkpoint(&self, state: &mut State) -> io::Result<()> {
        self.write_overlay(state)?;
        self.main.sync_data()?;
        self.restart(state)?;
        state.clear_record();
        state.checkpoint = false;
        state.straight = false;
        Ok(())
    }

    /// Writes the overlay into the file. It is dropped only once all of it
    /// is written; the journal keeps it durable until the file is synced.
    fn write_overlay(&self, state: &mut State) -> io::Result<()> {
        for (&offset, data) in &state.overlay {
            self.main.write(offset, data)?;
        }
        state.overlay.clear();
        state.longest = 0;
        Ok(())
    }

    /// Entries of the overlay that overlap `offset..offset + len`.
    fn overlapping(state: &State, offset: u64, len: u64) -> impl Iterator<Item = (&u64, &Vec<u8>)> {
        let from = offset.saturating_sub(state.longest.saturating_sub(1));
        state
            .overlay
            .range(from..offset.saturating_add(len))
            .filter(move |(at, data)| **at + data.len() as u64 > offset)
    }

    /// Makes room in the overlay for a write of `offset..offset + len`: an
    /// entry it overlaps other than exactly goes to the file first, so the
    /// older bytes never come after the newer ones. It leaves the overlay
    /// only once written.
    fn settle(&self, state: &mut State, offset: u64, len: u64) -> io::Result<()> {
        loop {
            let Some(at) = Self::overlapping(state, offset, len)
                .find(|(at, data)| !(**at == offset && data.len() as u64 == len))
                .map(|(at, _)| *at)
            else {
                break;
            };
            if let Some(data) = state.overlay.get(&at) {
                self.main.write(at, data)?;
            }
            state.overlay.remove(&at);
        }
        Ok(())
    }

    /// Real blocks for `from..to` of the journal, synced with its length.
    fn grow(&self, from: u64, to: u64) -> io::Result<()> {
        let zeros = vec![0u8; to.saturating_sub(from) as usize];
        self.journal.write(from, &zeros)?;
        self.journal.sync_data()
    }

    fn append(&self, state: &mut State) -> io::Result<()> {
        let epoch = state.epoch;
        let record = state.record.as_mut_slice();
        let payload_len = (record.len() - RECORD_HEAD) as u64;
        record[0..8].copy_from_slice(&MAGIC.to_le_bytes());
        record[8..16].copy_from_slice(&epoch.to_le_bytes());
        record[16..24].copy_from_slice(&payload_len.to_le_bytes());
        let sum = checksum(&[&record[8..24], &record[RECORD_HEAD..]]);
        record[24..32].copy_from_slice(&sum.to_le_bytes());
        // Each record starts a block, as the floor's write does: a record
        // that shared its first block with the one before would write that
        // block again.
        let end = (state.end + state.record.len() as u64).div_ceil(BLOCK) * BLOCK;
        if end > state.allocated {
            // Never over the header, which is in the first block.
            let from = state.allocated.max(FIRST_RECORD);
            // Doubling: a session pays for growth a few times, not every
            // megabyte.
            let doubled = end.max(state.allocated * 2).div_ceil(GROW_BYTES) * GROW_BYTES;
            // On a nearly full disk (or under a quota) only what this record needs:
            // a commit that fits must not fail for the journal's reserve.
            let grown = match self.grow(from, doubled) {
                Ok(()) => doubled,
                Err(_) => {
                    self.grow(from, end)?;
                    end
                }
            };
            state.allocated = grown;
        }
        self.journal.write(state.end, state.record.padded())?;
        self.journal.sync_data()?;
        state.end = end;
        state.clear_record();
        Ok(())
    }

    /// After a clean checkpoint: the journal's bytes gone from the disk,
    /// then its name (which leads to this very file while it is locked).
    fn remove(&self) -> io::Result<()> {
        self.journal.set_len(0)?;
        self.journal.sync_data()?;
        unlink(&journal_path(&self.db))
    }

    fn write_locked(&self, state: &mut State, offset: u64, data: &[u8]) -> io::Result<()> {
        let len = data.len() as u64;
        self.settle(state, offset, len)?;
        // A bulk load writes more than a journal should hold: it is made
        // durable by a checkpoint instead.
        if !state.checkpoint && state.record.len() as u64 + 16 + len > self.checkpoint_bytes {
            state.checkpoint = true;
            state.clear_record();
        }
        if state.checkpoint {
            // Straight to the file: the same range waiting in the overlay
            // would otherwise hide it.
            state.straight = true;
            self.main.write(offset, data)?;
            state.overlay.remove(&offset);
            return Ok(());
        }
        state.record.extend_from_slice(&offset.to_le_bytes());
        state.record.extend_from_slice(&len.to_le_bytes());
        state.record.extend_from_slice(data);
        // A page rewritten in place keeps its buffer.
        match state.overlay.entry(offset) {
            Entry::Occupied(mut e) => {
                let page = e.get_mut();
                page.clear();
                page.extend_from_slice(data);
            }
            Entry::Vacant(e) => {
                e.insert(data.to_vec());
            }
        }
        state.longest = state.longest.max(len);
        Ok(())
    }
}

fn fresh_epoch() -> io::Result<u64> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| io::Error::other(e.to_string()))?;
    Ok(u64::from_le_bytes(bytes))
}

/// The payload of the whole record of `epoch` at `at`, if there is one.
fn record_at(bytes: &[u8], at: usize, epoch: u64) -> Option<&[u8]> {
    if u64_at(bytes, at)? != MAGIC || u64_at(bytes, at + 8)? != epoch {
        return None;
    }
    let len = usize::try_from(u64_at(bytes, at + 16)?).ok()?;
    let sum = u64_at(bytes, at + 24)?;
    let start = at.checked_add(RECORD_HEAD)?;
    let payload = bytes.get(start..start.checked_add(len)?)?;
    (sum == checksum(&[&bytes[at + 8..at + 24], payload])).then_some(payload)
}

fn apply(main: &impl StorageBackend, mut payload: &[u8]) -> io::Result<()> {
    let damaged = || io::Error::new(io::ErrorKind::InvalidData, "journal record damaged");
    while !payload.is_empty() {
        let offset = u64_at(payload, 0).ok_or_else(damaged)?;
        let len =
            usize::try_from(u64_at(payload, 8).ok_or_else(damaged)?).map_err(|_| damaged())?;
        let data = payload
            .get(16..16usize.checked_add(len).ok_or_else(damaged)?)
            .ok_or_else(damaged)?;
        main.write(offset, data)?;
        payload = &payload[16 + len..];
    }
    Ok(())
}

impl<M: StorageBackend, J: StorageBackend> StorageBackend for JournalBackend<M, J> {
    fn len(&self) -> io::Result<u64> {
        self.main.len()
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> io::Result<()> {
        let state = self.lock()?;
        self.main.read(offset, out)?;
        let end = offset + out.len() as u64;
        for (&at, data) in Self::overlapping(&state, offset, out.len() as u64) {
            let from = at.max(offset);
            let to = (at + data.len() as u64).min(end);
            out[(from - offset) as usize..(to - offset) as usize]
                .copy_from_slice(&data[(from - at) as usize..(to - at) as usize]);
        }
        Ok(())
    }

    fn set_len(&self, len: u64) -> io::Result<()> {
        // The journal does not record lengths: the next sync is a checkpoint.
        self.writing(|state| {
            state.checkpoint = true;
            self.write_overlay(state)?;
            self.main.set_len(len)
        })
    }

    fn sync_data(&self) -> io::Result<()> {
        self.writing(|state| {
            if state.checkpoint
                || state.end + state.record.len() as u64 + BLOCK > self.checkpoint_bytes
            {
                self.checkpoint(state)
            } else if state.unsynced() {
                self.append(state)
            } else {
                Ok(())
            }
        })
    }

    fn write(&self, offset: u64, data: &[u8]) -> io::Result<()> {
        self.writing(|state| self.write_locked(state, offset, data))
    }

    fn close(&self) -> io::Result<()> {
        let result = match self.lock() {
            // After a failure, or with writes no sync confirmed, the file is
            // left as of its last checkpoint and the journal as it is: the
            // next open replays exactly what was confirmed.
            Ok(state) if state.failed || state.unsynced() => Ok(()),
            Ok(mut state) => {
                // Old page images (of erased records, too) do not outlive
                // the session; the next open starts a new journal.
                let done = self.checkpoint(&mut state).and_then(|()| self.remove());
                state.failed = done.is_err();
                done
            }
            Err(e) => Err(e),
        };
        let journal = self.journal.close();
        let main = self.main.close();
        result.and(journal).and(main)
    }

    fn try_lock_range(
        &self,
        start: Bound<u64>,
        end: Bound<u64>,
    ) -> Result<bool, redb::BackendError> {
        self.main.try_lock_range(start, end)
    }

    fn try_lock_shared_range(
        &self,
        start: Bound<u64>,
        end: Bound<u64>,
    ) -> Result<bool, redb::BackendError> {
        self.main.try_lock_shared_range(start, end)
    }

    fn lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), redb::BackendError> {
        self.main.lock_range(start, end)
    }

    fn lock_shared_range(
        &self,
        start: Bound<u64>,
        end: Bound<u64>,
    ) -> Result<(), redb::BackendError> {
        self.main.lock_shared_range(start, end)
    }

    fn unlock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), redb::BackendError> {
        self.main.unlock_range(start, end)
    }

    fn query_lock_range(
        &self,
        start: Bound<u64>,
        end: Bound<u64>,
    ) -> Result<bool, redb::BackendError> {
        self.main.query_lock_range(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backend(dir: &Path) -> JournalBackend {
        let path = dir.join("db");
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .unwrap();
        file.set_len(4 * BLOCK).unwrap();
        JournalBackend::open(&path, file).unwrap()
    }

    fn read<M: StorageBackend, J: StorageBackend>(
        b: &JournalBackend<M, J>,
        offset: u64,
        len: usize,
    ) -> Vec<u8> {
        let mut out = vec![0u8; len];
        b.read(offset, &mut out).unwrap();
        out
    }

    #[test]
    fn the_newest_write_wins_whatever_the_overlap() {
        let dir = tempfile::tempdir().unwrap();
        let b = backend(dir.path());
        let page = |v: u8, n: u64| vec![v; (n * BLOCK) as usize];
        b.write(0, &page(1, 2)).unwrap();
        b.write(BLOCK, &page(2, 1)).unwrap();
        let got = read(&b, 0, 3 * BLOCK as usize);
        assert_eq!(got[..4096], page(1, 1)[..]);
        assert_eq!(got[4096..8192], page(2, 1)[..]);
        assert_eq!(got[8192..], page(0, 1)[..]);
        b.write(0, &page(3, 2)).unwrap();
        b.sync_data().unwrap();
        b.write(BLOCK, &page(4, 1)).unwrap();
        b.write(BLOCK, &page(5, 1)).unwrap();
        assert_eq!(read(&b, 0, 2 * BLOCK as usize)[..4096], page(3, 1)[..]);
        assert_eq!(read(&b, 2048, 4096)[2048..], page(5, 1)[..2048]);
        b.sync_data().unwrap();
        // A crash: nothing was written to the file but at checkpoints; the
        // journal brings all of it back.
        drop(b);
        let b = backend(dir.path());
        let got = read(&b, 0, 2 * BLOCK as usize);
        assert_eq!(got[..4096], page(3, 1)[..]);
        assert_eq!(got[4096..], page(5, 1)[..]);
    }

    use std::sync::Arc;

    /// A file in memory: `view` as the program sees it, `disk` as a power
    /// loss would leave it (what the last successful sync wrote). One
    /// operation may be set to fail.
    #[derive(Debug, Default)]
    struct Mem {
        view: Vec<u8>,
        disk: Vec<u8>,
        ops: u64,
        fail_at: Option<u64>,
    }

    #[derive(Debug, Clone, Default)]
    struct Shared(Arc<Mutex<Mem>>);

    impl Shared {
        fn on_disk(bytes: Vec<u8>) -> Self {
            Self(Arc::new(Mutex::new(Mem {
                view: bytes.clone(),
                disk: bytes,
                ..Mem::default()
            })))
        }

        fn disk(&self) -> Vec<u8> {
            self.0.lock().unwrap().disk.clone()
        }

        /// The `n`-th operation from now fails, once.
        fn fail_in(&self, n: u64) {
            let mut m = self.0.lock().unwrap();
            m.fail_at = Some(m.ops + n);
        }

        fn op(&self) -> io::Result<std::sync::MutexGuard<'_, Mem>> {
            let mut m = self.0.lock().unwrap();
            m.ops += 1;
            if m.fail_at == Some(m.ops) {
                return Err(io::Error::from_raw_os_error(28));
            }
            Ok(m)
        }
    }

    impl StorageBackend for Shared {
        fn len(&self) -> io::Result<u64> {
            Ok(self.0.lock().unwrap().view.len() as u64)
        }

        fn read(&self, offset: u64, out: &mut [u8]) -> io::Result<()> {
            let m = self.0.lock().unwrap();
            let at = offset as usize;
            out.copy_from_slice(&m.view[at..at + out.len()]);
            Ok(())
        }

        fn set_len(&self, len: u64) -> io::Result<()> {
            self.op()?.view.resize(len as usize, 0);
            Ok(())
        }

        fn sync_data(&self) -> io::Result<()> {
            let mut m = self.op()?;
            m.disk = m.view.clone();
            Ok(())
        }

        fn write(&self, offset: u64, data: &[u8]) -> io::Result<()> {
            let mut m = self.op()?;
            let at = offset as usize;
            if m.view.len() < at + data.len() {
                m.view.resize(at + data.len(), 0);
            }
            m.view[at..at + data.len()].copy_from_slice(data);
            Ok(())
        }
    }

    type InMemory = JournalBackend<Shared, Shared>;

    /// A database path with no journal beside it: closing an in-memory
    /// backend unlinks nothing real.
    fn nowhere() -> PathBuf {
        std::env::temp_dir()
            .join("mila-journal-unit-test")
            .join("db")
    }

    fn in_memory(main: &Shared, journal: &Shared) -> io::Result<InMemory> {
        JournalBackend::with(main.clone(), journal.clone(), &nowhere(), 7)
            .map_err(|e| io::Error::other(e.to_string()))
    }

    /// Opens what a power loss now would leave on disk.
    fn after_power_loss(main: &Shared, journal: &Shared) -> InMemory {
        in_memory(
            &Shared::on_disk(main.disk()),
            &Shared::on_disk(journal.disk()),
        )
        .unwrap()
    }

    fn page(v: u8) -> Vec<u8> {
        vec![v; BLOCK as usize]
    }

    /// Three confirmed pages, waiting in memory and in the journal.
    fn three_confirmed() -> (Shared, Shared, InMemory) {
        let main = Shared::on_disk(vec![0; 8 * BLOCK as usize]);
        let journal = Shared::default();
        let b = in_memory(&main, &journal).unwrap();
        for v in 1..=3u8 {
            b.write(u64::from(v) * BLOCK, &page(v)).unwrap();
        }
        b.sync_data().unwrap();
        (main, journal, b)
    }

    fn has_three(b: &InMemory) {
        for v in 1..=3u8 {
            assert_eq!(
                read(b, u64::from(v) * BLOCK, BLOCK as usize),
                page(v),
                "page {v}"
            );
        }
    }

    #[test]
    fn a_write_back_that_fails_half_way_keeps_every_confirmed_page() {
        let (main, journal, b) = three_confirmed();
        // The resize writes the pages back: the second write fails.
        main.fail_in(2);
        assert!(b.set_len(16 * BLOCK).is_err());
        has_three(&b);
        // Nothing is written, synced or discarded after that, close included.
        assert!(b.write(5 * BLOCK, &page(9)).is_err());
        assert!(b.sync_data().is_err());
        b.close().unwrap();
        has_three(&after_power_loss(&main, &journal));
    }

    #[test]
    fn a_checkpoint_whose_sync_fails_keeps_the_journal() {
        let (main, journal, b) = three_confirmed();
        // The resize wrote the pages back; the checkpoint's sync of the file
        // fails.
        b.set_len(16 * BLOCK).unwrap();
        main.fail_in(1);
        assert!(b.sync_data().is_err());
        b.close().unwrap();
        has_three(&after_power_loss(&main, &journal));
    }

    #[test]
    fn a_journal_header_that_was_not_written_confirms_nothing_after_it() {
        let (main, journal, b) = three_confirmed();
        b.set_len(16 * BLOCK).unwrap();
        // The checkpoint reaches the file, but the journal's new header fails.
        journal.fail_in(1);
        assert!(b.sync_data().is_err());
        // A later commit must not be confirmed into records nobody replays.
        let later = b.write(6 * BLOCK, &page(6)).and_then(|()| b.sync_data());
        let reopened = after_power_loss(&main, &journal);
        has_three(&reopened);
        if later.is_ok() {
            assert_eq!(read(&reopened, 6 * BLOCK, BLOCK as usize), page(6));
        }
    }

    #[test]
    fn a_clean_close_leaves_the_file_complete_and_the_journal_empty() {
        let (main, journal, b) = three_confirmed();
        b.close().unwrap();
        assert!(
            journal.disk().is_empty(),
            "the journal is truncated and synced"
        );
        let alone = Shared::on_disk(main.disk());
        has_three(&in_memory(&alone, &Shared::default()).unwrap());
    }

    #[test]
    fn writes_no_sync_confirmed_are_not_written_back_at_close() {
        let (main, journal, b) = three_confirmed();
        b.write(BLOCK, &page(8)).unwrap();
        b.close().unwrap();
        let reopened = after_power_loss(&main, &journal);
        has_three(&reopened);
    }

    #[test]
    fn a_journal_of_another_file_is_truncated_unread() {
        let (main, journal, b) = three_confirmed();
        drop(b);
        let stale = journal.disk();
        assert!(stale.len() > FIRST_RECORD as usize);
        let other = JournalBackend::with(
            Shared::on_disk(main.disk()),
            Shared::on_disk(stale),
            &nowhere(),
            8,
        )
        .unwrap();
        assert_eq!(read(&other, BLOCK, BLOCK as usize), page(0));
        assert_eq!(
            other.journal.disk().len(),
            32,
            "only the new header is left"
        );
    }

    #[test]
    fn writes_straight_to_the_file_that_no_sync_confirmed_stay_unconfirmed_at_close() {
        let (main, journal, b) = three_confirmed();
        // After a resize, pages go straight to the file until the next sync.
        b.set_len(16 * BLOCK).unwrap();
        b.write(5 * BLOCK, &page(5)).unwrap();
        b.close().unwrap();
        let reopened = after_power_loss(&main, &journal);
        has_three(&reopened);
        assert_eq!(
            read(&reopened, 5 * BLOCK, BLOCK as usize),
            page(0),
            "close made an unconfirmed write durable"
        );
    }
}
