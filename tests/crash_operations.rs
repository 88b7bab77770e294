//! SIGKILL during more than tallies: while a coordinator signs in (the
//! search cache is written), quits (the backup on quit), and while the
//! command line erases, restores, backs up and imports. After every kill the
//! file opens, `verify` accepts it, and it holds the state before the
//! operation or after it, never a mix. And the tally once more, with the
//! whole folder copied elsewhere after the kill, as a USB stick would take it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::app::{
    COORDINATOR, DAY, PASSPHRASE, VOLUNTEER, VOLUNTEER_PASSPHRASE, make_database, with_desk,
};
use common::mila::{Place, WAIT, sign_in};
use common::pty::Pty;
use mila::desk::{Answer, BirthDate, Consent, Desk, PersonalData, SessionId, day_key};
use mila::vault::Passphrase;

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn visitor(n: u32) -> PersonalData {
    let mut data = PersonalData::default();
    data.name = format!("Testperson {n}");
    data.birth = Answer::Given(BirthDate {
        year: 1980,
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

/// A database with a coordinator, a volunteer and `n` visitors.
fn place_with_visitors(n: u32) -> Place {
    let place = Place::new();
    make_database(place.dir.path());
    with_desk(&place.db(), |desk, login| {
        for i in 1..=n {
            desk.register_visitor(login, &visitor(i), true, None)
                .expect("register");
        }
    });
    place
}

/// What the tests compare: live visitors, erased ones, check-ins of the day.
#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    live: usize,
    erased: usize,
}

fn state(db: &Path) -> State {
    let mut desk = Desk::open(db).unwrap_or_else(|e| panic!("reopen {}: {e}", db.display()));
    desk.pin_today(DAY);
    let login = desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .expect("coordinator");
    let report = desk.verify(&login).expect("verify runs");
    assert!(report.ok(), "verify refused {}: {report:?}", db.display());
    let live = desk.visitor_entries(&login).expect("entries").len();
    let erased = (1..=60)
        .filter(|&no| {
            desk.visitor_meta(no)
                .map(|m| m.status == mila::desk::VisitorStatus::Erased)
                .unwrap_or(false)
        })
        .count();
    State { live, erased }
}

fn cli(place: &Place, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mila"));
    cmd.args(args)
        .env("MILA_DB", place.db())
        .env("MILA_CONFIG_DIR", place.config_dir())
        .env("MILA_KDF", "minimum")
        .env("MILA_USER", COORDINATOR)
        .env("MILA_PASSPHRASE", PASSPHRASE)
        .env("HOME", place.dir.path())
        .env_remove("MILA_TODAY")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

fn sigkill(child: &mut Child) {
    // Child::kill is SIGKILL on Unix: no destructor, no flush.
    let _ = child.kill();
    let _ = child.wait();
}

/// How long the command takes to finish without a kill, on a copy.
fn duration_of(make: &dyn Fn(&Place) -> Command, template: &Path) -> Duration {
    let place = Place::new();
    std::fs::copy(template, place.db()).expect("copy");
    let start = Instant::now();
    let status = make(&place).status().expect("run");
    assert!(status.success(), "the operation itself fails");
    start.elapsed()
}

/// Runs the operation `kills` times on a copy of `template`, killed at
/// moments spread over its duration; each time the file must hold `before`
/// or `after`, and `extra` checks what else is left.
fn kill_during(
    name: &str,
    template: &Path,
    make: &dyn Fn(&Place) -> Command,
    before: &State,
    after: &State,
    extra: &dyn Fn(&Place),
) {
    let took = duration_of(make, template);
    let mut rng = Rng(0x2545_f491_4f6c_dd1d ^ took.as_nanos() as u64);
    let kills = 12;
    let (mut saw_before, mut saw_after) = (0, 0);
    for k in 0..kills {
        let place = Place::new();
        std::fs::copy(template, place.db()).expect("copy");
        let mut child = make(&place).spawn().expect("spawn");
        // Spread over the run, a little past its end too.
        let at = took.mul_f64(rng.below(1200) as f64 / 1000.0);
        std::thread::sleep(at);
        sigkill(&mut child);
        let found = state(&place.db());
        if &found == before {
            saw_before += 1;
        } else if &found == after {
            saw_after += 1;
        } else {
            panic!(
                "{name}: kill {k} at {at:?} of {took:?} left {found:?}, neither {before:?} nor {after:?}"
            );
        }
        extra(&place);
    }
    eprintln!("{name}: {kills} kills over {took:?}: {saw_before} before, {saw_after} after");
}

/// Temporary and staged copies may stay after a kill; a file under the
/// final name is always whole.
fn no_half_file(path: &Path) {
    if path.exists() {
        let mut desk = Desk::open(path).expect("a file under the final name opens");
        let login = desk
            .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
            .expect("login");
        assert!(desk.verify(&login).expect("verify").ok());
    }
}

fn template_with(n: u32) -> (Place, PathBuf) {
    let place = place_with_visitors(n);
    let path = place.db();
    (place, path)
}

#[test]
fn sigkill_during_erasure_leaves_the_person_there_or_erased() {
    let (_keep, template) = template_with(30);
    let before = state(&template);
    let after = State {
        live: before.live - 1,
        erased: 1,
    };
    kill_during(
        "erase",
        &template,
        &|place| cli(place, &["erase", "visitor", "M-0007", "--yes"]),
        &before,
        &after,
        &|_| {},
    );
}

#[test]
fn sigkill_during_import_keeps_all_rows_or_none() {
    let (keep, template) = template_with(5);
    let csv = keep.dir.path().join("liste.csv");
    let mut text = String::from("name;birth_date\n");
    for i in 0..40 {
        text.push_str(&format!("Importperson {i};1985\n"));
    }
    std::fs::write(&csv, text).expect("csv");
    let before = state(&template);
    let after = State {
        live: before.live + 40,
        erased: 0,
    };
    let csv_arg = csv.to_string_lossy().to_string();
    kill_during(
        "import",
        &template,
        &|place| cli(place, &["import", "visitors", &csv_arg]),
        &before,
        &after,
        &|_| {},
    );
}

#[test]
fn sigkill_during_backup_leaves_the_database_and_no_half_backup() {
    let (_keep, template) = template_with(30);
    let before = state(&template);
    kill_during(
        "backup",
        &template,
        &|place| {
            let dest = place.dir.path().join("sicherung.redb");
            cli(place, &["backup", &dest.to_string_lossy()])
        },
        &before,
        &before,
        &|place| no_half_file(&place.dir.path().join("sicherung.redb")),
    );
}

#[test]
fn sigkill_during_restore_leaves_the_old_database_or_the_backup() {
    let (keep, template) = template_with(30);
    let backup = keep.dir.path().join("alt.redb");
    let status = cli(&keep, &["backup", &backup.to_string_lossy()])
        .status()
        .expect("backup");
    assert!(status.success());
    // The database moves on after the backup: 10 more visitors.
    with_desk(&template, |desk, login| {
        for i in 100..110 {
            desk.register_visitor(login, &visitor(i), true, None)
                .expect("register");
        }
    });
    let now = state(&template);
    let old = state(&backup);
    assert_ne!(now, old);
    let backup_arg = backup.to_string_lossy().to_string();
    kill_during(
        "restore",
        &template,
        &|place| cli(place, &["restore", &backup_arg, "--force"]),
        &now,
        &old,
        &|_| {},
    );
}

fn start(place: &Place) -> Pty {
    place
        .command()
        .env("MILA_TODAY", DAY.to_string())
        .size(100, 30)
        .spawn()
        .expect("start mila")
}

fn kill(app: &mut Pty) {
    app.kill_9().expect("kill -9");
    assert!(app.wait_exit(WAIT).is_some(), "still running after SIGKILL");
}

/// A coordinator's sign-in writes the sealed search cache and the audit
/// log; quitting writes the backup on quit. Killed at any moment of either,
/// the file opens, verifies and has lost no visitor; a backup on the stick
/// is whole or absent.
#[test]
fn sigkill_during_sign_in_and_quit_as_coordinator() {
    let place = place_with_visitors(60);
    let stick = place.dir.path().join("stick");
    place.write_config(
        "config.toml",
        &format!("backup_folder = \"{}\"\n", stick.display()),
    );
    let before = state(&place.db());
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..12 {
        let mut app = start(&place);
        app.wait_for_text("Anmelden", WAIT).expect("sign-in screen");
        app.type_keys(&format!("{COORDINATOR}<Enter>{PASSPHRASE}<Enter>"))
            .expect("keys");
        if round % 2 == 0 {
            // During the unlock: Argon2id, the audit entry, the search cache.
            std::thread::sleep(Duration::from_millis(rng.below(400)));
        } else {
            app.wait_for_text("Termine heute", WAIT).expect("home");
            app.type_keys("<F10>").expect("quit");
            std::thread::sleep(Duration::from_millis(rng.below(300)));
        }
        kill(&mut app);
        assert_eq!(state(&place.db()), before, "round {round}");
        if let Ok(entries) = std::fs::read_dir(&stick) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().to_string();
                if name.ends_with(".redb") && name.starts_with("mila-") {
                    no_half_file(&entry.path());
                }
            }
        }
    }
}

fn tally_counts(db: &Path, session: SessionId) -> (u32, u32) {
    let mut desk = Desk::open(db).expect("open");
    desk.pin_today(DAY);
    let s = desk.session(session).expect("session");
    (s.tallies[0].count, s.tallies[1].count)
}

/// The number after `label` on the screen, if shown.
fn shown(screen: &str, label: &str) -> Option<u32> {
    let at = screen.find(label)? + label.len();
    screen[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

/// Killed during a tally, then the whole data folder copied with `cp -a` to
/// another place (another inode, as on a USB stick) and opened there: every
/// press the screen confirmed is in the copy.
#[test]
fn sigkill_during_a_tally_then_copied_folder_keeps_every_confirmed_press() {
    let place = Place::new();
    make_database(place.dir.path());
    let session = with_desk(&place.db(), |desk, _| {
        desk.sessions_on(DAY).expect("sessions")[0].id
    });
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let mut sent = (0u32, 0u32);
    for round in 0..8 {
        let mut app = start(&place);
        sign_in(&mut app, VOLUNTEER, VOLUNTEER_PASSPHRASE).expect("sign in");
        // F5, then Enter on the first session of the day opens its tally.
        app.type_keys("<F5>").expect("keys");
        app.wait_for_text("Termin wählen", WAIT)
            .expect("session choice");
        app.type_keys("<Home><Enter>").expect("keys");
        app.wait_for_text("1 Erwachsene:", WAIT).expect("tally");
        let mut keys = String::new();
        for _ in 0..rng.below(20) + 5 {
            if rng.below(3) == 0 {
                keys.push('2');
                sent.1 += 1;
            } else {
                keys.push('1');
                sent.0 += 1;
            }
        }
        app.type_keys(&keys).expect("keys");
        std::thread::sleep(Duration::from_millis(rng.below(60)));
        // Read twice a moment apart: a number caught half drawn is no
        // confirmation.
        let read = |screen: &str| {
            (
                shown(screen, "1 Erwachsene: ").unwrap_or(0),
                shown(screen, "2 Kinder: ").unwrap_or(0),
            )
        };
        let mut screen = app.screen_text();
        let mut seen = (0, 0);
        for _ in 0..5 {
            std::thread::sleep(Duration::from_millis(2));
            let again = app.screen_text();
            if read(&again) == read(&screen) {
                seen = read(&again);
                break;
            }
            screen = again;
        }
        kill(&mut app);

        let elsewhere = tempfile::tempdir().expect("dir");
        let copy = elsewhere.path().join("kopie");
        let status = Command::new("cp")
            .arg("-a")
            .arg(place.dir.path())
            .arg(&copy)
            .status()
            .expect("cp -a");
        assert!(status.success());
        let in_copy = tally_counts(&copy.join("mila.redb"), session);
        assert!(
            seen.0 <= in_copy.0 && seen.1 <= in_copy.1,
            "round {round}: screen confirmed {seen:?}, the copy has {in_copy:?}\n{screen}"
        );
        assert!(in_copy.0 <= sent.0 && in_copy.1 <= sent.1);
        // The original agrees with its copy: nothing waits beside the file.
        assert_eq!(tally_counts(&place.db(), session), in_copy);
        sent = in_copy;
    }
}
