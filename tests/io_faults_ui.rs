//! I/O faults under the running application: the whole App over a desk whose
//! storage backend starts failing on command. A tally press, a check-in and an
//! intake whose commit fails each say in German that nothing was saved, the
//! screen keeps showing what was confirmed, and the reopened file holds
//! exactly the last confirmed state.

mod common;

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::app::{COORDINATOR, DAY, PASSPHRASE, make_database, with_desk};
use mila::desk::{Answer, BirthDate, Consent, Desk, PersonalData, SessionId, day_key};
use mila::ui::action::Action;
use mila::ui::app::{App, StartOptions};
use mila::vault::Passphrase;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::Event;

/// The file as redb sees it lives in memory; only a successful sync writes it
/// to disk. Once `broken` is set, every write, resize and sync fails as a
/// dying disk does (EIO), while reads still work.
#[derive(Debug)]
struct Faulty {
    view: Mutex<Vec<u8>>,
    path: PathBuf,
    broken: Arc<AtomicBool>,
    /// Syncs still allowed before the disk breaks: lets one commit through
    /// and fails the next.
    syncs_left: Arc<AtomicU64>,
}

impl Faulty {
    fn new(path: &Path, broken: Arc<AtomicBool>, syncs_left: Arc<AtomicU64>) -> Self {
        Self {
            view: Mutex::new(std::fs::read(path).expect("read the file")),
            path: path.to_path_buf(),
            broken,
            syncs_left,
        }
    }

    fn view(&self) -> io::Result<std::sync::MutexGuard<'_, Vec<u8>>> {
        self.view.lock().map_err(|_| io::Error::other("poisoned"))
    }

    fn writable(&self) -> io::Result<std::sync::MutexGuard<'_, Vec<u8>>> {
        if self.broken.load(Ordering::SeqCst) {
            return Err(io::Error::from_raw_os_error(5));
        }
        self.view()
    }
}

impl redb::StorageBackend for Faulty {
    fn len(&self) -> io::Result<u64> {
        Ok(self.view()?.len() as u64)
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> io::Result<()> {
        let view = self.view()?;
        let start = usize::try_from(offset).map_err(io::Error::other)?;
        let bytes = view
            .get(start..start + out.len())
            .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "read past end"))?;
        out.copy_from_slice(bytes);
        Ok(())
    }

    fn set_len(&self, len: u64) -> io::Result<()> {
        let mut view = self.writable()?;
        view.resize(usize::try_from(len).map_err(io::Error::other)?, 0);
        Ok(())
    }

    fn sync_data(&self) -> io::Result<()> {
        let allowed = self
            .syncs_left
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
        if allowed.is_err() {
            self.broken.store(true, Ordering::SeqCst);
        }
        let view = self.writable()?;
        let mut file = File::create(&self.path)?;
        file.write_all(&view)?;
        file.sync_data()
    }

    fn write(&self, offset: u64, data: &[u8]) -> io::Result<()> {
        let mut view = self.writable()?;
        let start = usize::try_from(offset).map_err(io::Error::other)?;
        let end = start + data.len();
        if end > view.len() {
            view.resize(end, 0);
        }
        view[start..end].copy_from_slice(data);
        Ok(())
    }
}

const SYNCS_PER_COMMIT: u64 = 1;

/// The application over a faulty desk, signed in as the coordinator.
struct Ui {
    app: App,
    terminal: Terminal<TestBackend>,
    now: Instant,
    broken: Arc<AtomicBool>,
    syncs_left: Arc<AtomicU64>,
}

impl Ui {
    fn start(dir: &Path) -> Self {
        let path = dir.join("mila.redb");
        let broken = Arc::new(AtomicBool::new(false));
        let syncs_left = Arc::new(AtomicU64::new(u64::MAX));
        let backend = Faulty::new(&path, broken.clone(), syncs_left.clone());
        let mut desk = Desk::open_with_backend(backend, &path).expect("open");
        desk.pin_today(DAY);
        let options = StartOptions {
            db_path: path,
            config_path: dir.join("config.toml"),
            keymap_file: dir.join("keymap.toml"),
            lang: None,
            keymap: None,
            today: Some(DAY),
        };
        let now = Instant::now();
        let mut app = App::start_with_desk(options, desk, now);
        app.handle_event(&Event::Resize(80, 24), now);
        let mut ui = Self {
            app,
            terminal: Terminal::new(TestBackend::new(80, 24)).expect("terminal"),
            now,
            broken,
            syncs_left,
        };
        ui.type_text(COORDINATOR);
        ui.press(Action::Confirm);
        ui.type_text(PASSPHRASE);
        ui.press(Action::Confirm);
        ui
    }

    fn break_disk(&self) {
        self.broken.store(true, Ordering::SeqCst);
    }

    /// Lets exactly `n` more syncs through.
    fn break_after_syncs(&self, n: u64) {
        self.syncs_left.store(n, Ordering::SeqCst);
    }

    fn syncs(&self) -> u64 {
        u64::MAX - self.syncs_left.load(Ordering::SeqCst)
    }

    fn press(&mut self, action: Action) {
        self.now += Duration::from_millis(10);
        self.app.dispatch(action, self.now);
        while self.app.has_pending_work() {
            self.app.run_pending_work(self.now);
        }
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(Action::Input(c));
        }
    }

    fn screen(&mut self) -> String {
        let app = &self.app;
        self.terminal.draw(|f| app.render(f)).expect("draw");
        let buffer = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                out.push_str(buffer[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    /// From home: F4 or F5, then the German class (the second session of the day).
    fn open_german_class(&mut self, main: Action) {
        self.press(main);
        self.press(Action::First);
        self.press(Action::Down);
        self.press(Action::Confirm);
    }
}

/// A refusal the staff can act on: German, says nothing was saved, no OS jargon.
fn assert_not_saved(screen: &str) {
    assert!(screen.contains("Nichts wurde gespeichert"), "{screen}");
    for raw in ["os error", "Input/output", "Dateifehler: "] {
        assert!(!screen.contains(raw), "raw error {raw:?} shown:\n{screen}");
    }
}

fn person(name: &str) -> PersonalData {
    let mut data = PersonalData::default();
    data.name = name.into();
    data.birth = Answer::Given(BirthDate {
        year: 1990,
        month_day: None,
    });
    data.consent = Consent {
        day: day_key(DAY),
        text_version: "2026-1".into(),
        explained_in: None,
        store_at_mila: true,
        pass_to_partners: Vec::new(),
    };
    data
}

/// Two visitors (M-0001 Testa Beispiel, M-0002 Erika Musterfrau) and today's
/// sessions; returns the German class.
fn fixture(dir: &Path) -> SessionId {
    let path = make_database(dir);
    with_desk(&path, |desk, login| {
        for name in ["Testa Beispiel", "Erika Musterfrau"] {
            desk.register_visitor(login, &person(name), true, None)
                .expect("register");
        }
        desk.sessions_on(DAY)
            .expect("sessions")
            .into_iter()
            .find(|s| s.title().starts_with("Deutschkurs"))
            .expect("German class today")
            .id
    })
}

/// The file as a fresh program start finds it.
fn reopened(dir: &Path) -> (Desk, mila::desk::Login) {
    let desk = Desk::open(&dir.join("mila.redb")).expect("reopen");
    let login = desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .expect("login");
    (desk, login)
}

#[test]
fn a_failed_tally_press_says_not_saved_and_keeps_the_confirmed_count() {
    let dir = tempfile::tempdir().unwrap();
    let session = fixture(dir.path());
    let mut ui = Ui::start(dir.path());
    ui.open_german_class(Action::Tally);
    ui.press(Action::TallyAdd1);
    ui.press(Action::TallyAdd1);
    let screen = ui.screen();
    assert!(
        screen.contains("Gesamt: 2 = 0 eingecheckt + 2 gezählt"),
        "{screen}"
    );

    ui.break_disk();
    ui.press(Action::TallyAdd1);
    let screen = ui.screen();
    assert_not_saved(&screen);
    assert!(
        screen.contains("Gesamt: 2 = 0 eingecheckt + 2 gezählt"),
        "{screen}"
    );
    // The next press meets redb's "a write failed earlier": still a plain refusal.
    ui.press(Action::TallyAdd2);
    let screen = ui.screen();
    assert_not_saved(&screen);
    assert!(
        screen.contains("Gesamt: 2 = 0 eingecheckt + 2 gezählt"),
        "{screen}"
    );
    drop(ui);

    let (desk, _) = reopened(dir.path());
    let view = desk.session(session).unwrap();
    assert_eq!(view.tallied(), 2);
    assert_eq!(view.tallies[0].count, 2);
}

#[test]
fn a_failed_check_in_says_not_saved_and_lists_only_the_confirmed_one() {
    let dir = tempfile::tempdir().unwrap();
    let session = fixture(dir.path());
    let mut ui = Ui::start(dir.path());
    ui.open_german_class(Action::CheckIn);
    ui.type_text("M-0001");
    ui.press(Action::Confirm);
    let screen = ui.screen();
    assert!(screen.contains("Testa Beispiel eingecheckt."), "{screen}");
    assert!(screen.contains("Eingecheckt (1)"), "{screen}");

    ui.break_disk();
    ui.type_text("M-0002");
    ui.press(Action::Confirm);
    let screen = ui.screen();
    assert_not_saved(&screen);
    assert!(screen.contains("Eingecheckt (1)"), "{screen}");
    assert!(!screen.contains("Erika Musterfrau eingecheckt"), "{screen}");
    // What was typed stays, to try again after the restart the message asks for.
    assert!(screen.contains("M-0002"), "{screen}");
    drop(ui);

    let (desk, _) = reopened(dir.path());
    assert_eq!(desk.checked_in(session).unwrap(), [1]);
    assert_eq!(desk.session(session).unwrap().checkins, 1);
}

#[test]
fn a_failed_intake_says_not_saved_and_gives_no_number() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut ui = Ui::start(dir.path());
    let intake = |ui: &mut Ui, name: &str| {
        ui.press(Action::NewIntake);
        // Consent explained in the first language, storing agreed.
        ui.press(Action::Right);
        ui.press(Action::NextField);
        ui.press(Action::Right);
        ui.press(Action::NextStep);
        ui.type_text(name);
        ui.press(Action::Save);
    };
    intake(&mut ui, "Max Mustermann");
    let screen = ui.screen();
    assert!(screen.contains("Besuchsnummer M-0003"), "{screen}");
    ui.press(Action::Confirm);

    ui.break_disk();
    intake(&mut ui, "Erika Beispiel");
    let screen = ui.screen();
    assert_not_saved(&screen);
    assert!(!screen.contains("Besuchsnummer"), "{screen}");
    assert!(!screen.contains("M-0004"), "{screen}");
    // Still the intake, with the name kept, so nothing typed is lost.
    assert!(screen.contains("Erika Beispiel"), "{screen}");
    drop(ui);

    let (desk, login) = reopened(dir.path());
    let mut names: Vec<String> = desk
        .visitor_entries(&login)
        .unwrap()
        .into_iter()
        .map(|e| e.name.clone())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["Erika Musterfrau", "Max Mustermann", "Testa Beispiel"]
    );
}

/// The fault tests below count on redb syncing once per durable commit.
#[test]
fn one_commit_is_one_sync() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut ui = Ui::start(dir.path());
    ui.open_german_class(Action::Tally);
    let before = ui.syncs();
    ui.press(Action::TallyAdd1);
    assert_eq!(ui.syncs() - before, SYNCS_PER_COMMIT);
}

/// The edit of `an_edit_whose_household_change_fails_does_not_say_saved`
/// up to the save, in a folder of its own: the changed name, the household left.
fn edit_before_save(dir: &std::path::Path) -> Ui {
    let path = make_database(dir);
    with_desk(&path, |desk, login| {
        let erika = desk
            .register_visitor(login, &person("Erika Musterfrau"), false, None)
            .unwrap();
        desk.register_visitor(login, &person("Testa Beispiel"), false, Some(erika))
            .unwrap();
    });
    let mut ui = Ui::start(dir);
    assert!(ui.screen().contains("Unvollständige Aufnahmen (2)"));
    ui.press(Action::NextField);
    ui.press(Action::Down);
    ui.press(Action::Confirm);
    // A short intake opens at its first open question; back to the first page.
    for _ in 0..8 {
        ui.press(Action::PrevStep);
    }
    ui.press(Action::NextStep);
    ui.type_text(" Zwei");
    for _ in 0..3 {
        ui.press(Action::NextStep);
    }
    let screen = ui.screen();
    assert!(screen.contains("Verbunden mit: M-0001"), "{screen}");
    ui.press(Action::DeleteBack);
    assert!(ui.screen().contains("Kein Familienmitglied verbunden."));

    ui
}

#[test]
fn an_edit_whose_household_change_fails_does_not_say_saved() {
    // The changed name is one commit; leaving the household is the next, and
    // fails. A commit that grows the file syncs more than once (redb flushes
    // before it extends the file), so the syncs of the name's commit are
    // counted in a run without faults first.
    let probe = tempfile::tempdir().unwrap();
    let mut ui = edit_before_save(probe.path());
    let before = ui.syncs();
    ui.press(Action::Save);
    let all = ui.syncs() - before;
    drop(ui);
    assert!(all >= 2 * SYNCS_PER_COMMIT, "{all} syncs for two commits");

    let dir = tempfile::tempdir().unwrap();
    let mut ui = edit_before_save(dir.path());
    ui.break_after_syncs(all - SYNCS_PER_COMMIT);
    ui.press(Action::Save);
    let screen = ui.screen();
    assert_not_saved(&screen);
    assert!(
        !screen.contains("Änderungen an M-0002 gespeichert"),
        "{screen}"
    );
    drop(ui);

    let (desk, login) = reopened(dir.path());
    let name = desk
        .visitor_entries(&login)
        .unwrap()
        .iter()
        .find(|e| e.number == 2)
        .map(|e| e.name.clone());
    assert_eq!(name.as_deref(), Some("Testa Beispiel Zwei"));
    assert_eq!(desk.household(2).unwrap(), [1, 2]);
}

/// A file that cannot be opened at all is not a failed write: the notice names
/// the system's reason instead of asking for a restart.
#[test]
fn a_database_that_cannot_be_opened_names_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    // A file where a folder should be: opening fails with ENOTDIR.
    std::fs::write(dir.path().join("datei"), "").unwrap();
    let options = StartOptions {
        db_path: dir.path().join("datei").join("mila.redb"),
        config_path: dir.path().join("config.toml"),
        keymap_file: dir.path().join("keymap.toml"),
        lang: None,
        keymap: None,
        today: Some(DAY),
    };
    let now = Instant::now();
    let mut app = App::start(options, now);
    app.handle_event(&Event::Resize(80, 24), now);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("Datenbank nicht lesbar"), "{screen}");
    assert!(screen.contains("Not a directory"), "{screen}");
    assert!(!screen.contains("neu starten"), "{screen}");
}
