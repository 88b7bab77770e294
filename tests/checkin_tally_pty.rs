//! The real program in a pseudo-terminal: a volunteer counts heads and checks
//! someone in by number, the process is killed with SIGKILL, and every
//! confirmed write is still there.

mod common;

use common::app::{
    COORDINATOR, DAY, PASSPHRASE, VOLUNTEER, VOLUNTEER_PASSPHRASE, make_database, with_desk,
};
use common::mila::{Place, WAIT, sign_in};
use common::pty::{Key, Pty};
use mila::desk::{Answer, BirthDate, Consent, Desk, PersonalData, day_key};
use mila::vault::Passphrase;

fn visitor(name: &str) -> PersonalData {
    let mut data = PersonalData::default();
    data.name = name.into();
    data.birth = Answer::Given(BirthDate {
        year: 1985,
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

/// A database with a coordinator, a volunteer and one registered visitor (M-0001).
fn prepared_place() -> Place {
    let place = Place::new();
    make_database(place.dir.path());
    with_desk(&place.db(), |desk, login| {
        desk.register_visitor(login, &visitor("Testa Beispiel"), true, None)
            .expect("register");
    });
    place
}

fn start(place: &Place) -> Pty {
    place
        .command()
        .env("MILA_TODAY", DAY.to_string())
        .size(100, 30)
        .spawn()
        .expect("start mila")
}

#[test]
fn a_volunteer_tallies_and_checks_in_and_sigkill_loses_nothing() -> Result<(), String> {
    let place = prepared_place();
    let mut app = start(&place);
    sign_in(&mut app, VOLUNTEER, VOLUNTEER_PASSPHRASE)?;
    // F5, then the German class: the second session of this Thursday.
    app.send(Key::F(5))?;
    app.wait_for_text("Termin wählen", WAIT)?;
    app.type_keys("<Home><Down><Enter>")?;
    app.wait_for_text("Einchecken mit Nummer", WAIT)?;
    app.wait_for_text("Deutschkurs", WAIT)?;

    app.send_keys(&"1".repeat(30))?;
    app.wait_for_text("1 Erwachsene: 30", WAIT)?;
    app.send_keys(&"2".repeat(12))?;
    app.wait_for_text("2 Kinder: 12", WAIT)?;
    app.type_keys("<A-1><A-1>")?;
    app.wait_for_text("1 Erwachsene: 28", WAIT)?;
    app.type_keys("<Tab>1<Enter>")?;
    app.wait_for_text("M-0001 eingecheckt.", WAIT)?;
    app.wait_for_text("Gesamt: 41 = 1 eingecheckt + 40 gezählt", WAIT)?;
    // The volunteer never sees the name, even of the visitor just checked in.
    assert!(!app.screen_text().contains("Testa"), "{}", app.dump());

    app.kill_9()?;
    app.wait_exit(WAIT).ok_or("still running after SIGKILL")?;
    assert_eq!(app.exit_signal(), Some("Killed"));

    let mut desk = Desk::open(&place.db()).map_err(|e| e.to_string())?;
    desk.pin_today(DAY);
    let session = desk
        .sessions_on(DAY)
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|s| s.title().starts_with("Deutschkurs"))
        .ok_or("no German class")?;
    let counts: Vec<(String, u32)> = session
        .tallies
        .iter()
        .map(|t| (t.label.clone(), t.count))
        .collect();
    assert_eq!(
        counts,
        [("Erwachsene".to_string(), 28), ("Kinder".to_string(), 12)]
    );
    assert_eq!(session.checkins, 1);
    assert_eq!(desk.checked_in(session.id).map_err(|e| e.to_string())?, [1]);
    drop(desk);
    // Verify needs a sign-in with the right; the coordinator's is at hand.
    let mut desk = Desk::open(&place.db()).map_err(|e| e.to_string())?;
    let login = desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .map_err(|e| e.to_string())?;
    let report = desk.verify(&login).map_err(|e| e.to_string())?;
    assert!(report.ok(), "{report:?}");
    drop(desk);

    // After a restart the program shows the same.
    let mut app = start(&place);
    sign_in(&mut app, VOLUNTEER, VOLUNTEER_PASSPHRASE)?;
    app.send(Key::F(5))?;
    app.wait_for_text("Termin wählen", WAIT)?;
    app.type_keys("<Home><Down><Enter>")?;
    app.wait_for_text("1 Erwachsene: 28", WAIT)?;
    app.wait_for_text("2 Kinder: 12", WAIT)?;
    app.wait_for_text("Eingecheckt: 1", WAIT)?;
    Ok(())
}

#[test]
fn checking_in_twice_in_the_real_program_counts_once() -> Result<(), String> {
    let place = prepared_place();
    let mut app = start(&place);
    sign_in(&mut app, VOLUNTEER, VOLUNTEER_PASSPHRASE)?;
    app.send(Key::F(4))?;
    app.wait_for_text("Termin wählen", WAIT)?;
    app.type_keys("<Home><Down><Enter>")?;
    app.wait_for_text("Besuchsnummer", WAIT)?;
    app.type_keys("M-0001<Enter>")?;
    app.wait_for_text("M-0001 eingecheckt.", WAIT)?;
    app.type_keys("1<Enter>")?;
    app.wait_for_text("nicht doppelt gezählt", WAIT)?;
    app.wait_for_text("Eingecheckt (1)", WAIT)?;
    app.kill_9()?;
    app.wait_exit(WAIT).ok_or("still running after SIGKILL")?;
    let mut desk = Desk::open(&place.db()).map_err(|e| e.to_string())?;
    desk.pin_today(DAY);
    let total: u32 = desk
        .sessions_on(DAY)
        .map_err(|e| e.to_string())?
        .iter()
        .map(|s| s.checkins)
        .sum();
    assert_eq!(total, 1);
    Ok(())
}
