//! The journal's file, with its records written past the page cache.
//!
//! A record is written once and read again only after a crash, so copying
//! it into the page cache and having `fdatasync` find and submit those
//! pages is wasted work on every commit: written with `O_DIRECT` it goes to
//! the disk as one request, and `fdatasync` only has to flush the disk's
//! cache. Everything else (the header, growing, reading at replay) goes
//! through the ordinary descriptor of the same file. Where the file system
//! refuses direct I/O, records take that descriptor too.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use bytemuck::{Pod, Zeroable};
use redb::StorageBackend;

/// The unit of direct I/O: offsets, lengths and buffers are multiples of it.
pub(super) const BLOCK: usize = 4096;

#[derive(Clone, Copy, Pod, Zeroable)]
#[repr(C, align(4096))]
struct Block([u8; BLOCK]);

/// Bytes whose start is aligned for direct I/O.
pub(super) struct AlignedBytes {
    blocks: Vec<Block>,
    len: usize,
}

impl AlignedBytes {
    pub(super) fn zeroed(len: usize) -> Self {
        let mut bytes = Self {
            blocks: Vec::new(),
            len: 0,
        };
        bytes.resize(len);
        bytes
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Shortens or lengthens to `len`; new bytes are zero.
    pub(super) fn resize(&mut self, len: usize) {
        let blocks = len.div_ceil(BLOCK);
        if blocks > self.blocks.len() {
            self.blocks.resize(blocks, Block::zeroed());
        }
        if len > self.len {
            let old = self.len;
            self.all_mut()[old..len].fill(0);
        }
        self.len = len;
    }

    pub(super) fn extend_from_slice(&mut self, data: &[u8]) {
        let at = self.len;
        self.resize(at + data.len());
        self.all_mut()[at..at + data.len()].copy_from_slice(data);
    }

    #[cfg(test)]
    fn as_slice(&self) -> &[u8] {
        &bytemuck::cast_slice(&self.blocks)[..self.len]
    }

    pub(super) fn as_mut_slice(&mut self) -> &mut [u8] {
        let len = self.len;
        &mut self.all_mut()[..len]
    }

    /// The bytes and zeros up to the end of their last block.
    pub(super) fn padded(&mut self) -> &[u8] {
        let len = self.len;
        let end = len.div_ceil(BLOCK) * BLOCK;
        self.all_mut()[len..end].fill(0);
        &bytemuck::cast_slice(&self.blocks)[..end]
    }

    fn all_mut(&mut self) -> &mut [u8] {
        bytemuck::cast_slice_mut(&mut self.blocks)
    }
}

/// The journal file: an ordinary descriptor, and one opened for direct
/// I/O for the writes that allow it.
#[derive(Debug)]
pub struct JournalFile {
    file: File,
    direct: Option<File>,
    /// The file system refused a direct write: no more are tried.
    direct_refused: AtomicBool,
}

impl JournalFile {
    /// `file` is the journal at `path`, open for reading and writing (and
    /// locked). The direct descriptor is opened by name too, so it must
    /// turn out to be the same file.
    pub(super) fn new(file: File, path: &Path) -> io::Result<Self> {
        let held = file.metadata()?;
        let direct = OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_DIRECT)
            .open(path)
            .ok()
            .filter(|direct| {
                direct
                    .metadata()
                    .is_ok_and(|m| m.dev() == held.dev() && m.ino() == held.ino())
            });
        Ok(Self {
            file,
            direct,
            direct_refused: AtomicBool::new(false),
        })
    }

    fn direct_for(&self, offset: u64, data: &[u8]) -> Option<&File> {
        let aligned = offset.is_multiple_of(BLOCK as u64)
            && data.len().is_multiple_of(BLOCK)
            && (data.as_ptr() as usize).is_multiple_of(BLOCK);
        self.direct
            .as_ref()
            .filter(|_| aligned && !self.direct_refused.load(Ordering::Relaxed))
    }
}

impl StorageBackend for JournalFile {
    fn len(&self) -> io::Result<u64> {
        Ok(self.file.metadata()?.len())
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> io::Result<()> {
        self.file.read_exact_at(out, offset)
    }

    fn set_len(&self, len: u64) -> io::Result<()> {
        self.file.set_len(len)
    }

    fn sync_data(&self) -> io::Result<()> {
        self.file.sync_data()
    }

    fn write(&self, offset: u64, data: &[u8]) -> io::Result<()> {
        if let Some(direct) = self.direct_for(offset, data) {
            match direct.write_all_at(data, offset) {
                Err(e) if e.raw_os_error() == Some(libc::EINVAL) => {
                    self.direct_refused.store(true, Ordering::Relaxed);
                }
                done => return done,
            }
        }
        self.file.write_all_at(data, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligned_bytes_pad_with_zeros_and_start_on_a_block() {
        let mut bytes = AlignedBytes::zeroed(32);
        bytes.extend_from_slice(&[7u8; 5000]);
        assert_eq!(bytes.len(), 5032);
        assert_eq!(bytes.as_slice()[..32], [0u8; 32]);
        assert_eq!(bytes.as_slice()[32..], [7u8; 5000][..]);
        bytes.resize(40);
        bytes.extend_from_slice(&[1u8; 8]);
        let padded = bytes.padded();
        assert_eq!(padded.len(), BLOCK);
        assert_eq!(padded.as_ptr() as usize % BLOCK, 0);
        assert_eq!(padded[40..48], [1u8; 8]);
        assert!(
            padded[48..].iter().all(|&b| b == 0),
            "no old bytes in the padding"
        );
    }

    #[test]
    fn records_written_directly_read_back_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .unwrap();
        let journal = JournalFile::new(file, &path).unwrap();
        journal.write(0, b"head").unwrap();
        let mut record = AlignedBytes::zeroed(0);
        record.extend_from_slice(&[9u8; 100]);
        journal.write(BLOCK as u64, record.padded()).unwrap();
        journal.sync_data().unwrap();
        let mut out = vec![0u8; 104];
        journal.read(BLOCK as u64 - 4, &mut out).unwrap();
        assert_eq!(&out[..4], &[0u8; 4]);
        assert_eq!(&out[4..], &[9u8; 100][..]);
        let mut head = [0u8; 4];
        journal.read(0, &mut head).unwrap();
        assert_eq!(&head, b"head");
    }
}
