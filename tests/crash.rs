//! Crash safety of the real program: start it in a pseudo-terminal, count heads and
//! check people in, kill it with SIGKILL at random moments (at least 200 times), and
//! after each kill find every write the screen had confirmed, and a file `verify` accepts.
//!
//! A count on the screen is drawn only after the desk's durable commit returned, so
//! whatever the screen showed before the kill must be on disk; the disk may hold more
//! (presses committed between reading the screen and the kill), never more than was sent.

mod common;

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::app::{
    COORDINATOR, DAY, PASSPHRASE, VOLUNTEER, VOLUNTEER_PASSPHRASE, make_database, with_desk,
};
use common::mila::{Place, WAIT, sign_in};
use common::pty::Pty;
use mila::desk::{Answer, BirthDate, Consent, Desk, PersonalData, SessionId, day_key};
use mila::vault::Passphrase;

const KILLS: usize = 200;
const VISITORS: u32 = 40;

/// xorshift: reproducible from the printed seed, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
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

/// What the file holds for the first session of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Counts {
    adults: u32,
    children: u32,
    checkins: u32,
}

fn on_disk(place: &Place, session: SessionId) -> Counts {
    let mut desk = Desk::open(&place.db()).expect("reopen after kill");
    desk.pin_today(DAY);
    let s = desk.session(session).expect("session");
    Counts {
        adults: s.tallies[0].count,
        children: s.tallies[1].count,
        checkins: s.checkins,
    }
}

fn verify(place: &Place) {
    let mut desk = Desk::open(&place.db()).expect("open for verify");
    let login = desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .expect("coordinator");
    let report = desk.verify(&login).expect("verify runs");
    assert!(report.ok(), "verify refused the file: {report:?}");
}

/// The number after `label` on the screen, if shown.
fn shown(screen: &str, label: &str) -> Option<u32> {
    let at = screen.find(label)? + label.len();
    let digits: String = screen[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn confirmed(screen: &str) -> Option<Counts> {
    Some(Counts {
        adults: shown(screen, "1 Erwachsene: ")?,
        children: shown(screen, "2 Kinder: ")?,
        checkins: shown(screen, "Eingecheckt: ")?,
    })
}

/// The counts on the screen, read twice a moment apart: a frame reaches the terminal in
/// pieces, and a number caught half drawn must not count as confirmed.
fn stable_reading(app: &Pty) -> Option<(Counts, String)> {
    for _ in 0..5 {
        let first = app.screen_text();
        std::thread::sleep(Duration::from_millis(2));
        let second = app.screen_text();
        match (confirmed(&first), confirmed(&second)) {
            (Some(a), Some(b)) if a == b => return Some((a, second)),
            _ => {}
        }
    }
    None
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

#[test]
fn sigkill_at_random_moments_loses_no_confirmed_write() {
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    eprintln!("crash test seed {seed}");
    let mut rng = Rng(seed);

    let place = Place::new();
    make_database(place.dir.path());
    let session = with_desk(&place.db(), |desk, login| {
        for n in 1..=VISITORS {
            desk.register_visitor(login, &visitor(n), true, None)
                .expect("register");
        }
        desk.sessions_on(DAY).expect("sessions")[0].id
    });

    let started = Instant::now();
    let mut truth = Counts::default();
    let mut next_visitor = 1;
    let mut kills = 0;
    let mut exact_rounds = 0;
    while kills < KILLS {
        // No ceiling on the whole run (how fast a machine is, is for `cargo
        // bench`): every step waits for what the screen says, within WAIT,
        // which only catches a hang.
        let mut app = start(&place);
        // Some kills land while the program starts or signs in: nothing was confirmed,
        // and the file must still open and verify.
        if rng.below(5) == 0 {
            std::thread::sleep(Duration::from_millis(rng.below(150)));
            kill(&mut app);
            kills += 1;
            assert_eq!(on_disk(&place, session), truth, "seed {seed}");
            continue;
        }
        sign_in(&mut app, VOLUNTEER, VOLUNTEER_PASSPHRASE).expect("sign in");
        // F5, then Enter on the first session of the day opens its tally.
        app.type_keys("<F5>").expect("keys");
        app.wait_for_text("Termin wählen", WAIT)
            .expect("session list");
        app.type_keys("<Home><Enter>").expect("keys");
        app.wait_for_text("Einchecken mit Nummer", WAIT)
            .expect("tally screen");

        let mut sent = truth;
        let mut keys = String::new();
        for _ in 0..rng.below(25) + 1 {
            if rng.below(3) == 0 {
                keys.push('2');
                sent.children += 1;
            } else {
                keys.push('1');
                sent.adults += 1;
            }
        }
        let checks_in = next_visitor <= VISITORS && rng.below(2) == 0;
        if checks_in {
            keys.push_str(&format!("<Tab>{next_visitor}<Enter><Tab>"));
            next_visitor += 1;
            sent.checkins += 1;
        }
        app.type_keys(&keys).expect("keys");
        if rng.below(4) == 0 {
            // Wait for every press to be confirmed: then the file must match exactly.
            let label = format!("1 Erwachsene: {}", sent.adults);
            app.wait_for_text(&label, WAIT).expect("all confirmed");
            let label = format!("2 Kinder: {}", sent.children);
            app.wait_for_text(&label, WAIT).expect("all confirmed");
            let label = format!("Eingecheckt: {}", sent.checkins);
            app.wait_for_text(&label, WAIT).expect("all confirmed");
            exact_rounds += 1;
        } else {
            std::thread::sleep(Duration::from_millis(rng.below(40)));
        }
        let (seen, screen) = stable_reading(&app).unwrap_or((truth, app.screen_text()));
        kill(&mut app);
        kills += 1;

        let disk = on_disk(&place, session);
        for (what, seen, disk, sent) in [
            ("adults", seen.adults, disk.adults, sent.adults),
            ("children", seen.children, disk.children, sent.children),
            ("check-ins", seen.checkins, disk.checkins, sent.checkins),
        ] {
            assert!(
                seen <= disk && disk <= sent,
                "{what}: screen confirmed {seen}, file has {disk}, sent {sent}; seed {seed}\n{screen}"
            );
        }
        // A check-in that did not make it is tried again with the next number.
        truth = disk;
        if kills % 50 == 0 {
            verify(&place);
        }
    }
    verify(&place);
    assert!(exact_rounds > 0, "no round waited for full confirmation");
    eprintln!("{kills} kills in {:?}; final {truth:?}", started.elapsed());
}
