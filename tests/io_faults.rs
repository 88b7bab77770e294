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

/// Every state a session has confirmed, in order, from the empty one on:
/// what a power cut at some sync may find.
type History = Arc<Mutex<Vec<Confirmed>>>;

/// A short working session; stops at the first refusal, which must say
/// that nothing was saved.
fn work(desk: &Desk, confirmed: &mut Confirmed, more: usize) -> Result<(), DeskError> {
    work_logged(desk, confirmed, more, &History::default())
}

fn work_logged(
    desk: &Desk,
    confirmed: &mut Confirmed,
    more: usize,
    history: &History,
) -> Result<(), DeskError> {
    let note = |c: &Confirmed| history.lock().unwrap().push(c.clone());
    note(confirmed);
    let login = desk.login(COORDINATOR, &Passphrase::new(PASSPHRASE))?;
    for i in 0..more {
        let name = format!("Testperson Nummer {i}");
        desk.register_visitor(&login, &person(&name, "", 1980), true, None)?;
        confirmed.visitors += 1;
        note(confirmed);
    }
    let a = desk.register_visitor(&login, &person("Testperson Eins", "", 1990), true, None)?;
    confirmed.visitors += 1;
    note(confirmed);
    desk.register_visitor(&login, &person("Testperson Zwei", "", 1991), false, None)?;
    confirmed.visitors += 1;
    note(confirmed);
    let offering = desk.offerings()?[0].0;
    let t = |h| jiff::civil::Time::new(h, 0, 0, 0).unwrap();
    let session = desk.add_session(&login, offering, desk.today(), t(10), t(11), "Fehlertest")?;
    confirmed.session = true;
    note(confirmed);
    desk.check_in(&login, session, a)?;
    confirmed.checkins += 1;
    note(confirmed);
    let category = desk.session(session)?.tallies[0].category;
    for _ in 0..2 {
        confirmed.tally = desk.tally(&login, session, category, 1)?;
        note(confirmed);
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

#[test]
fn every_fault_leaves_exactly_the_confirmed_state() {
    let dir = tempfile::tempdir().unwrap();
    sweep(&template(dir.path()), Faults::from, plain, 0);
}

/// A fault that passes: the operation after it succeeds again (a disk that
/// was full for a moment). redb must not then confirm a commit whose pages
/// did not all reach the file.
#[test]
fn a_passing_fault_loses_nothing_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    sweep(&template(dir.path()), Faults::only, plain, 0);
}

/// One write redb made since the last sync.
#[derive(Debug, Clone)]
enum Pending {
    Write(usize, Vec<u8>),
    SetLen(usize),
}

fn apply(image: &mut Vec<u8>, op: &Pending) {
    match op {
        Pending::Write(at, data) => {
            if image.len() < at + data.len() {
                image.resize(at + data.len(), 0);
            }
            image[*at..at + data.len()].copy_from_slice(data);
        }
        Pending::SetLen(len) => image.resize(*len, 0),
    }
}

/// A disk that loses power: what a sync has confirmed stays, of the writes
/// since, any part may have reached the platter, in any order. At every sync
/// it keeps what a power cut at that moment could leave, together with how
/// many states the session had confirmed by then.
#[derive(Debug)]
struct PowerCut {
    state: Arc<Mutex<CutState>>,
    history: History,
}

#[derive(Debug, Default)]
struct CutState {
    durable: Vec<u8>,
    view: Vec<u8>,
    pending: Vec<Pending>,
    /// (image, states confirmed when the power went)
    images: Vec<(Vec<u8>, usize)>,
    seed: u64,
}

impl CutState {
    fn next(&mut self) -> u64 {
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        self.seed
    }

    /// The durable file with the ops `keep` picks, applied in the order
    /// the disk chose (`shuffled`) or the order they were made.
    fn image(&mut self, keep: impl Fn(usize, usize) -> bool, shuffled: bool) -> Vec<u8> {
        let n = self.pending.len();
        let mut order: Vec<usize> = (0..n).filter(|&i| keep(i, n)).collect();
        if shuffled {
            for i in (1..order.len()).rev() {
                let j = (self.next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
        }
        let mut image = self.durable.clone();
        for i in order {
            apply(&mut image, &self.pending[i]);
        }
        image
    }
}

impl redb::StorageBackend for PowerCut {
    fn len(&self) -> io::Result<u64> {
        Ok(self.state.lock().unwrap().view.len() as u64)
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> io::Result<()> {
        let state = self.state.lock().unwrap();
        let start = offset as usize;
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
        let mut state = self.state.lock().unwrap();
        state.view.resize(len as usize, 0);
        state.pending.push(Pending::SetLen(len as usize));
        Ok(())
    }

    fn sync_data(&self) -> io::Result<()> {
        let confirmed = self.history.lock().unwrap().len();
        let mut state = self.state.lock().unwrap();
        let mut cut = vec![
            state.image(|_, _| false, false),
            state.image(|_, _| true, false),
            state.image(|i, n| i + 1 < n, false),
            state.image(|i, n| i >= n / 2, false),
        ];
        for _ in 0..4 {
            let pick = state.next();
            cut.push(state.image(|i, _| (pick >> (i % 64)) & 1 == 1, true));
        }
        for image in cut {
            state.images.push((image, confirmed));
        }
        state.durable = state.view.clone();
        state.pending.clear();
        Ok(())
    }

    fn write(&self, offset: u64, data: &[u8]) -> io::Result<()> {
        let mut state = self.state.lock().unwrap();
        let op = Pending::Write(offset as usize, data.to_vec());
        apply(&mut state.view, &op);
        state.pending.push(op);
        Ok(())
    }
}

/// A power cut at every sync of a working session, with none, all, all but
/// the last, or a random part of the writes since the previous sync on the
/// disk, in random order: each time the file opens, `verify` accepts it,
/// and it holds every state the session had confirmed, plus at most the one
/// in flight.
#[test]
fn a_power_cut_at_any_sync_keeps_every_confirmed_write() {
    let dir = tempfile::tempdir().unwrap();
    let template = template(dir.path());
    let bytes = std::fs::read(&template).unwrap();
    let history = History::default();
    let state = Arc::new(Mutex::new(CutState {
        durable: bytes.clone(),
        view: bytes,
        seed: 0x9e37_79b9_7f4a_7c15,
        ..CutState::default()
    }));
    let backend = PowerCut {
        state: state.clone(),
        history: history.clone(),
    };
    let desk = Desk::open_with_backend(backend, &template).expect("open");
    let mut confirmed = Confirmed::default();
    work_logged(&desk, &mut confirmed, 0, &history).expect("work");
    assert_eq!(confirmed, full(0));
    drop(desk);
    let history = history.lock().unwrap().clone();
    let images = std::mem::take(&mut state.lock().unwrap().images);
    assert!(images.len() >= 40, "{} power cuts", images.len());
    for (k, (image, confirmed)) in images.iter().enumerate() {
        let path = dir.path().join(format!("cut-{k}.redb"));
        std::fs::write(&path, image).unwrap();
        let found = observed(&path);
        // Before the session's first state was noted, only the template.
        let last = history[confirmed.saturating_sub(1)].clone();
        let in_flight = history.get(*confirmed);
        assert!(
            found == last || Some(&found) == in_flight,
            "power cut {k}: found {found:?}, confirmed {last:?}, in flight {in_flight:?}"
        );
        std::fs::remove_file(&path).unwrap();
    }
    eprintln!("{} power cuts, every one consistent", images.len());
}
