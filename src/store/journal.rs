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

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::fs::{File, OpenOptions};
use std::io;
use std::ops::Bound;
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use redb::StorageBackend;
use redb::backends::FileBackend;

use super::StoreError;

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
const BLOCK: u64 = 4096;

/// The journal's name beside the database: `<file>.journal`.
pub(super) fn journal_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".journal");
    db.with_file_name(name)
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
/// get the old file's pages.
fn identity(file: &File) -> io::Result<u64> {
    let meta = file.metadata()?;
    Ok(meta.dev().rotate_left(32) ^ meta.ino())
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
    record: Vec<u8>,
    /// The next sync must be a checkpoint (the file grew, or too much is
    /// pending to journal).
    checkpoint: bool,
    epoch: u64,
    end: u64,
    allocated: u64,
}

#[derive(Debug)]
pub(super) struct JournalBackend {
    main: FileBackend,
    journal: File,
    path: PathBuf,
    identity: u64,
    state: Mutex<State>,
}

impl State {
    fn clear_record(&mut self) {
        self.record.clear();
        self.record.resize(RECORD_HEAD, 0);
    }
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State").field("epoch", &self.epoch).finish()
    }
}

impl JournalBackend {
    /// Opens the journal of the database file `main` at `path`, locked for
    /// this process, and first brings the file up to its last confirmed
    /// commit.
    pub(super) fn open(path: &Path, main: File) -> Result<Self, StoreError> {
        let jpath = journal_path(path);
        let journal = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&jpath)?;
        match journal.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(StoreError::InUse),
            Err(std::fs::TryLockError::Error(e)) => return Err(e.into()),
        }
        let identity = identity(&main)?;
        let allocated = journal.metadata()?.len();
        let backend = JournalBackend {
            main: FileBackend::new(main)?,
            journal,
            path: jpath,
            identity,
            state: Mutex::new(State {
                overlay: BTreeMap::new(),
                longest: 0,
                record: vec![0; RECORD_HEAD],
                checkpoint: false,
                epoch: 0,
                end: FIRST_RECORD,
                allocated,
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

    /// Writes every whole record of this file's journal into the file,
    /// syncs it, and starts the journal over.
    fn replay(&self) -> io::Result<()> {
        let mut bytes = Vec::new();
        let len = self.journal.metadata()?.len();
        bytes.resize(len as usize, 0);
        self.journal.read_exact_at(&mut bytes, 0)?;
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
        let mut state = self.lock()?;
        state.epoch = epoch;
        self.restart(&mut state)
    }

    /// A new epoch: the records of the old one no longer count.
    fn restart(&self, state: &mut State) -> io::Result<()> {
        state.epoch = state.epoch.wrapping_add(1);
        let mut head = [0u8; 32];
        head[0..8].copy_from_slice(&MAGIC.to_le_bytes());
        head[8..16].copy_from_slice(&state.epoch.to_le_bytes());
        head[16..24].copy_from_slice(&self.identity.to_le_bytes());
        let sum = checksum(&[&head[8..24]]);
        head[24..32].copy_from_slice(&sum.to_le_bytes());
        self.journal.write_all_at(&head, 0)?;
        self.journal.sync_data()?;
        state.end = FIRST_RECORD;
        Ok(())
    }

    /// The database file durable as it is; the journal empty.
    fn checkpoint(&self, state: &mut State) -> io::Result<()> {
        self.write_overlay(state)?;
        self.main.sync_data()?;
        state.clear_record();
        state.checkpoint = false;
        self.restart(state)
    }

    fn write_overlay(&self, state: &mut State) -> io::Result<()> {
        for (offset, data) in std::mem::take(&mut state.overlay) {
            self.main.write(offset, &data)?;
        }
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
    /// older bytes never come after the newer ones.
    fn settle(&self, state: &mut State, offset: u64, len: u64) -> io::Result<()> {
        loop {
            let Some(at) = Self::overlapping(state, offset, len)
                .find(|(at, data)| !(**at == offset && data.len() as u64 == len))
                .map(|(at, _)| *at)
            else {
                break;
            };
            if let Some(data) = state.overlay.remove(&at) {
                self.main.write(at, &data)?;
            }
        }
        Ok(())
    }

    /// Real blocks for `from..to` of the journal, synced with its length.
    fn grow(&self, from: u64, to: u64) -> io::Result<()> {
        let zeros = vec![0u8; to.saturating_sub(from) as usize];
        self.journal.write_all_at(&zeros, from)?;
        self.journal.sync_all()
    }

    fn append(&self, state: &mut State) -> io::Result<()> {
        let epoch = state.epoch;
        let record = &mut state.record;
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
        self.journal.write_all_at(&state.record, state.end)?;
        self.journal.sync_data()?;
        state.end = end;
        state.clear_record();
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

fn apply(main: &FileBackend, mut payload: &[u8]) -> io::Result<()> {
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

impl StorageBackend for JournalBackend {
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
        let mut state = self.lock()?;
        state.checkpoint = true;
        self.write_overlay(&mut state)?;
        self.main.set_len(len)
    }

    fn sync_data(&self) -> io::Result<()> {
        let mut state = self.lock()?;
        if state.checkpoint || state.end + state.record.len() as u64 + 4096 > CHECKPOINT_BYTES {
            return self.checkpoint(&mut state);
        }
        if state.record.len() == RECORD_HEAD {
            return Ok(());
        }
        self.append(&mut state)
    }

    fn write(&self, offset: u64, data: &[u8]) -> io::Result<()> {
        let mut state = self.lock()?;
        let len = data.len() as u64;
        self.settle(&mut state, offset, len)?;
        // A bulk load writes more than a journal should hold: it is made
        // durable by a checkpoint instead.
        if !state.checkpoint && state.record.len() as u64 + 16 + len > CHECKPOINT_BYTES {
            state.checkpoint = true;
            state.clear_record();
        }
        if state.checkpoint {
            // Straight to the file: the same range waiting in the overlay
            // would otherwise hide it.
            state.overlay.remove(&offset);
            return self.main.write(offset, data);
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

    fn close(&self) -> io::Result<()> {
        let result = self
            .lock()
            .and_then(|mut state| self.checkpoint(&mut state));
        if result.is_ok() {
            // Old page images (of erased records, too) do not outlive the
            // session; the next open starts a new journal.
            let _ = self.journal.set_len(0);
            let _ = std::fs::remove_file(&self.path);
        }
        let closed = self.main.close();
        result.and(closed)
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

    fn read(b: &JournalBackend, offset: u64, len: usize) -> Vec<u8> {
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
}
