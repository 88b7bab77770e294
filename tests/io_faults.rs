//! I/O faults below redb: a storage backend that fails every read, write or
//! sync after N operations, for every N across a short working session. Each
//! time, the reopened file holds exactly what was confirmed, `verify` accepts
//! it, and the failed write was reported as not saved.

mod common;

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Mutex;

use common::desk::{COORDINATOR, PASSPHRASE, person};
use mila::desk::*;
use mila::ui::catalog::Lang;
use mila::vault::{KdfParams, Passphrase};

/// The file as redb sees it lives in memory; only a successful sync writes it
/// to disk, like a power cut loses everything not yet synced.
#[derive(Debug)]
struct Faulty {
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    view: Vec<u8>,
    path: std::path::PathBuf,
    ops: u64,
    fail_after: u64,
}

impl Faulty {
    fn new(path: &Path, fail_after: u64) -> Self {
        let view = std::fs::read(path).expect("read template");
        Self {
            state: Mutex::new(State {
                view,
                path: path.to_path_buf(),
                ops: 0,
                fail_after,
            }),
        }
    }

    /// Counts the operation; past the limit, every operation fails as a full disk does.
    fn op(&self) -> io::Result<std::sync::MutexGuard<'_, State>> {
        let mut state = self
            .state
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?;
        state.ops += 1;
        if state.ops > state.fail_after {
            return Err(io::Error::from_raw_os_error(28));
        }
        Ok(state)
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
fn work(desk: &Desk, confirmed: &mut Confirmed) -> Result<(), DeskError> {
    let login = desk.login(COORDINATOR, &Passphrase::new(PASSPHRASE))?;
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

#[test]
fn every_fault_leaves_exactly_the_confirmed_state() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.redb");
    drop(
        Desk::create(
            &template,
            COORDINATOR,
            &Passphrase::new(PASSPHRASE),
            KdfParams::MINIMUM,
        )
        .unwrap(),
    );

    // Without faults the session confirms everything, through the same backend.
    let probe = dir.path().join("probe.redb");
    std::fs::copy(&template, &probe).unwrap();
    let mut all = Confirmed::default();
    let desk = Desk::open_with_backend(Faulty::new(&probe, u64::MAX), &probe).unwrap();
    work(&desk, &mut all).unwrap();
    drop(desk);
    let full = Confirmed {
        visitors: 2,
        session: true,
        checkins: 1,
        tally: 2,
    };
    assert_eq!((all, observed(&probe)), (full.clone(), full));

    // Then a fault at operation 0, 1, 2, … until the session gets through.
    let mut n = 0u64;
    let mut completed_at = None;
    while completed_at.is_none() {
        let path = dir.path().join(format!("run-{n}.redb"));
        std::fs::copy(&template, &path).unwrap();
        let mut confirmed = Confirmed::default();
        // A fault while opening leaves the file as it was: nothing confirmed.
        if let Ok(desk) = Desk::open_with_backend(Faulty::new(&path, n), &path) {
            match work(&desk, &mut confirmed) {
                Ok(()) => completed_at = Some(n),
                Err(e) => {
                    let said = mila::ui::errors::describe(&e, Lang::De);
                    assert!(
                        said.contains("ichts wurde gespeichert"),
                        "after {n} operations the refusal did not say so: {said} ({e:?})"
                    );
                }
            }
        }
        assert_eq!(observed(&path), confirmed, "after a fault at operation {n}");
        std::fs::remove_file(&path).unwrap();
        n += 1;
        assert!(n < 20_000, "the session never completed");
    }
    eprintln!("faults injected at every one of {n} operations");
    assert!(n > 50, "the session should take many operations, took {n}");
}
