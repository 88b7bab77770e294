//! I/O faults below redb: a storage backend that fails every read, write or
//! sync after N operations, for every N across a short working session. Each
//! time, the reopened file holds exactly what was confirmed, `verify` accepts
//! it, and the failed write was reported as not saved.

mod common;

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use common::desk::{COORDINATOR, PASSPHRASE, person};
use mila::desk::*;
use mila::store::{JournalBackend, journal_path};
use mila::ui::catalog::Lang;
use mila::vault::{KdfParams, Passphrase};

/// When operations fail: from the `at`-th on (a full disk), or only that
/// one (a passing fault). Backends that share it count their operations
/// together.
#[derive(Debug, Clone)]
struct Faults {
    ops: Arc<AtomicU64>,
    at: u64,
    passing: bool,
}

impl Faults {
    fn from(at: u64) -> Self {
        Self {
            ops: Arc::new(AtomicU64::new(0)),
            at,
            passing: false,
        }
    }

    fn only(at: u64) -> Self {
        Self {
            passing: true,
            ..Self::from(at)
        }
    }

    fn tick(&self) -> io::Result<()> {
        let n = self.ops.fetch_add(1, Ordering::SeqCst);
        if n == self.at || (n > self.at && !self.passing) {
            return Err(io::Error::from_raw_os_error(28));
        }
        Ok(())
    }
}

/// The file as redb sees it lives in memory; only a successful sync writes it
/// to disk, like a power cut loses everything not yet synced.
#[derive(Debug)]
struct Faulty {
    state: Mutex<State>,
    faults: Faults,
}

#[derive(Debug)]
struct State {
    view: Vec<u8>,
    path: std::path::PathBuf,
}

impl Faulty {
    fn with(path: &Path, faults: Faults) -> Self {
        let view = std::fs::read(path).expect("read template");
        Self {
            state: Mutex::new(State {
                view,
                path: path.to_path_buf(),
            }),
            faults,
        }
    }

    /// Counts the operation; a fault fails it as a full disk does.
    fn op(&self) -> io::Result<std::sync::MutexGuard<'_, State>> {
        self.faults.tick()?;
        self.state.lock().map_err(|_| io::Error::other("poisoned"))
    }
}

impl redb::StorageBackend for Faulty {
    fn len(&self) -> io::Result<u64> {
        Ok(self.op()?.view.len() as u64)
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> io::Result<()> {
        let state = self.op()?;
        let start = usize::try_from(offset).map_err(io::Error::other)?;
        let end = start + out.len();
        if end > state.view.len() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "read past end",
            ));
        }
        out.copy_from_slice(&state.view[start..end]);
        Ok(())
    }

    fn set_len(&self, len: u64) -> io::Result<()> {
        let mut state = self.op()?;

        state
            .view
            .resize(usize::try_from(len).map_err(io::Error::other)?, 0);
        Ok(())
    }

    fn sync_data(&self) -> io::Result<()> {
        let state = self.op()?;
        let mut file = File::create(&state.path)?;
        file.write_all(&state.view)?;
        file.sync_data()
    }

    fn write(&self, offset: u64, data: &[u8]) -> io::Result<()> {
        let mut state = self.op()?;
        let start = usize::try_from(offset).map_err(io::Error::other)?;
        let end = start + data.len();
        if end > state.view.len() {
            state.view.resize(end, 0);
        }
        state.view[start..end].copy_from_slice(data);
        Ok(())
    }
}

/// What a session confirmed so far.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Confirmed {
    visitors: usize,
    session: bool,
    checkins: u32,
    tally: u32,
}

/// A short working session; stops at the first refusal, which must say
/// that nothing was saved.
fn work(desk: &Desk, confirmed: &mut Confirmed, more: usize) -> Result<(), DeskError> {
    let login = desk.login(COORDINATOR, &Passphrase::new(PASSPHRASE))?;
    for i in 0..more {
        let name = format!("Testperson Nummer {i}");
        desk.register_visitor(&login, &person(&name, "", 1980), true, None)?;
        confirmed.visitors += 1;
    }
    let a = desk.register_visitor(&login, &person("Testperson Eins", "", 1990), true, None)?;
    confirmed.visitors += 1;
    desk.register_visitor(&login, &person("Testperson Zwei", "", 1991), false, None)?;
    confirmed.visitors += 1;
    let offering = desk.offerings()?[0].0;
    let t = |h| jiff::civil::Time::new(h, 0, 0, 0).unwrap();
    let session = desk.add_session(&login, offering, desk.today(), t(10), t(11), "Fehlertest")?;
    confirmed.session = true;
    desk.check_in(&login, session, a)?;
    confirmed.checkins += 1;
    let category = desk.session(session)?.tallies[0].category;
    for _ in 0..2 {
        confirmed.tally = desk.tally(&login, session, category, 1)?;
    }
    Ok(())
}

fn observed(path: &Path) -> Confirmed {
    let mut desk = Desk::open(path).expect("reopen");
    let login = desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .expect("login");
    let report = desk.verify(&login).expect("verify");
    assert!(report.ok(), "verify after a fault: {:?}", report.problems);
    let session = desk
        .sessions_on(desk.today())
        .expect("sessions")
        .into_iter()
        .find(|s| s.record.title == "Fehlertest");
    Confirmed {
        visitors: desk.visitor_entries(&login).expect("entries").len(),
        session: session.is_some(),
        checkins: session.as_ref().map_or(0, |s| s.checkins),
        tally: session.as_ref().map_or(0, |s| s.tallied()),
    }
}

fn template(dir: &Path) -> std::path::PathBuf {
    let template = dir.join("template.redb");
    drop(
        Desk::create(
            &template,
            COORDINATOR,
            &Passphrase::new(PASSPHRASE),
            KdfParams::MINIMUM,
        )
        .unwrap(),
    );
    template
}

fn full(more: usize) -> Confirmed {
    Confirmed {
        visitors: 2 + more,
        session: true,
        checkins: 1,
        tally: 2,
    }
}

/// Runs the session with a fault at operation 0, 1, 2, … up to the last
/// operation a run without faults makes, each time on a fresh copy of
/// `template` opened by `open`. After each, the file reopened as usual holds
/// exactly what was confirmed, and every refusal said nothing was saved.
fn sweep(
    template: &Path,
    faults: fn(u64) -> Faults,
    open: fn(&Path, Faults) -> Option<Desk>,
    more: usize,
) {
    let dir = template.parent().expect("dir");
    // Without faults the session confirms everything, through the same backends.
    let probe = dir.join("probe.redb");
    std::fs::copy(template, &probe).unwrap();
    let counted = Faults::from(u64::MAX);
    let desk = open(&probe, counted.clone()).expect("open without faults");
    let mut all = Confirmed::default();
    work(&desk, &mut all, more).unwrap();
    drop(desk);
    assert_eq!((all, observed(&probe)), (full(more), full(more)));
    let total = counted.ops.load(Ordering::SeqCst);
    assert!(
        total > 50,
        "the session should take many operations, took {total}"
    );

    for n in 0..=total {
        let path = dir.join(format!("run-{n}.redb"));
        std::fs::copy(template, &path).unwrap();
        let mut confirmed = Confirmed::default();
        // A fault while opening leaves the file as it was: nothing confirmed.
        if let Some(desk) = open(&path, faults(n))
            && let Err(e) = work(&desk, &mut confirmed, more)
        {
            let said = mila::ui::errors::describe(&e, Lang::De);
            assert!(
                said.contains("ichts wurde gespeichert"),
                "after {n} operations the refusal did not say so: {said} ({e:?})"
            );
        }
        assert_eq!(observed(&path), confirmed, "after a fault at operation {n}");
        std::fs::remove_file(&path).unwrap();
    }
    eprintln!("faults injected at every one of {total} operations");
}

fn plain(path: &Path, faults: Faults) -> Option<Desk> {
    Desk::open_with_backend(Faulty::with(path, faults), path).ok()
}

/// The database as `Desk::open` has it, with the commit journal, both
/// files behind failing backends that count their operations together.
fn journaled(path: &Path, faults: Faults) -> Option<Desk> {
    let journal = journal_path(path);
    std::fs::write(&journal, b"").unwrap();
    let backend = JournalBackend::over(
        Faulty::with(path, faults.clone()),
        Faulty::with(&journal, faults),
        path,
    )
    .ok()?
    // Checkpoints inside the short session, after journaled commits.
    .checkpoint_every(64 << 10);
    Desk::open_with_backend(backend, path).ok()
}

#[test]
fn every_fault_leaves_exactly_the_confirmed_state() {
    let dir = tempfile::tempdir().unwrap();
    sweep(&template(dir.path()), Faults::from, plain, 0);
}

#[test]
fn every_fault_under_the_journal_leaves_exactly_the_confirmed_state() {
    let dir = tempfile::tempdir().unwrap();
    sweep(&template(dir.path()), Faults::from, journaled, 0);
}

/// A fault that passes: the operation after it succeeds again. Nothing may
/// then write back, sync or discard what the journal holds as if the failed
/// step had worked (a checkpoint that failed half-way, a journal header
/// that was never written).
#[test]
fn a_passing_fault_under_the_journal_loses_nothing_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    sweep(&template(dir.path()), Faults::only, journaled, 0);
}
