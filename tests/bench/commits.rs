//! Durable commits against the physical floor: a bare write of the same
//! number of bytes plus `fdatasync` (what redb calls for a durable commit)
//! on a file beside the database.

use std::fs::OpenOptions;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::time::Instant;

use mila::desk::{CheckInOutcome, Desk, Login, SessionId, SessionState};
use mila::search::testdata::Rng;

use crate::stats::Samples;

/// Bytes and write calls this process has handed to write(2) and friends
/// so far (`wchar`, `syscw` of `/proc/self/io`).
fn written() -> (u64, u64) {
    let io = std::fs::read_to_string("/proc/self/io").unwrap_or_default();
    let field = |name: &str| -> u64 {
        io.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    };
    (field("wchar:"), field("syscw:"))
}

/// redb's page size: what one changed page costs a commit.
pub const PAGE: u64 = 4096;

pub struct Commits {
    pub times: Samples,
    /// The floor, measured right after each commit with the bytes that
    /// commit wrote, so both see the disk in the same state.
    pub floor: Samples,
    /// Median bytes written per commit (redb's pages and its header).
    pub bytes: u64,
    /// Median write calls per commit: redb writes each dirty page (or run
    /// of pages) with one `pwrite`.
    pub writes: u64,
}

fn measure(floor: &mut Floor, runs: usize, mut commit: impl FnMut() -> bool) -> Commits {
    let mut times = Samples::default();
    let mut floors = Samples::default();
    let mut bytes = Samples::default();
    let mut writes = Samples::default();
    let mut tries = 0;
    while times.len() < runs {
        let (bytes_before, calls_before) = written();
        let start = Instant::now();
        let counted = commit();
        let took = start.elapsed();
        let (bytes_after, calls_after) = written();
        let wrote = bytes_after - bytes_before;
        tries += 1;
        if counted {
            times.push_duration(took);
            bytes.push(wrote as f64);
            writes.push((calls_after - calls_before) as f64);
            floors.push_duration(floor.once(wrote));
        }
        assert!(tries < runs * 10, "too few commits were made");
    }
    Commits {
        times,
        floor: floors,
        bytes: bytes.median() as u64,
        writes: writes.median() as u64,
    }
}

/// An open session of today with a tally category.
pub fn open_session(desk: &Desk) -> (SessionId, u32) {
    desk.sessions_on(desk.today())
        .expect("today")
        .into_iter()
        .find(|s| s.record.state == SessionState::Open && !s.tallies.is_empty())
        .map(|s| (s.id, s.tallies[0].category))
        .expect("an open session today")
}

/// Check-ins of visitors not yet in the session, one durable commit each.
pub fn check_ins(
    desk: &Desk,
    login: &Login,
    session: SessionId,
    floor: &mut Floor,
    runs: usize,
) -> Commits {
    let mut rng = Rng::new(11);
    measure(floor, runs, || {
        let no = 1 + rng.below(crate::fixture::VISITORS as usize) as u32;
        desk.check_in(login, session, no).expect("check in") == CheckInOutcome::CheckedIn
    })
}

/// Tally presses, +1 each, one durable commit each.
pub fn tallies(
    desk: &Desk,
    login: &Login,
    session: SessionId,
    category: u32,
    floor: &mut Floor,
    runs: usize,
) -> Commits {
    measure(floor, runs, || {
        desk.tally(login, session, category, 1).expect("tally");
        true
    })
}

/// A file of real blocks beside the database: `bytes` written at a
/// page-aligned place, then `fdatasync`, is what no database can beat on
/// this disk.
pub struct Floor {
    file: std::fs::File,
    path: std::path::PathBuf,
    rng: Rng,
}

const FLOOR_FILE: u64 = 16 << 20;

impl Floor {
    pub fn new(dir: &Path) -> Floor {
        let path = dir.join("floor.bin");
        let file = OpenOptions::new()
            .create(true)
            .truncate(true)
            .read(true)
            .write(true)
            .open(&path)
            .expect("floor file");
        // Real blocks, not a sparse file: writing into a hole would add the
        // file system's allocation to the floor.
        let chunk = vec![0u8; 1 << 20];
        for at in (0..FLOOR_FILE).step_by(chunk.len()) {
            file.write_all_at(&chunk, at).expect("fill");
        }
        file.sync_all().expect("sync");
        Floor {
            file,
            path,
            rng: Rng::new(3),
        }
    }

    fn once(&mut self, bytes: u64) -> std::time::Duration {
        let data = vec![0x5au8; bytes.clamp(1, FLOOR_FILE / 2) as usize];
        let pages = (FLOOR_FILE - data.len() as u64) / 4096;
        let at = self.rng.below(pages as usize) as u64 * 4096;
        let start = Instant::now();
        self.file.write_all_at(&data, at).expect("write");
        self.file.sync_data().expect("fdatasync");
        start.elapsed()
    }
}

impl Drop for Floor {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
