//! The real program in a pseudo-terminal at 80×24, as a walk through the desk found it:
//! a walk-in nobody finds at check-in is registered under the name already typed and is
//! checked in on the way back; a wrong number does not run into the next one.

mod common;

use common::app::{COORDINATOR, DAY, PASSPHRASE, make_database};
use common::mila::{Place, WAIT, sign_in};
use common::pty::{Key, Pty};
use mila::desk::Desk;
use mila::vault::Passphrase;

fn start(place: &Place, keymap: &str) -> Pty {
    place
        .command()
        .env("MILA_TODAY", DAY.to_string())
        .args(["--keymap", keymap])
        .size(80, 24)
        .spawn()
        .expect("start mila")
}

#[test]
fn a_walk_in_is_registered_from_the_check_in_and_checked_in() -> Result<(), String> {
    let place = Place::new();
    make_database(place.dir.path());
    let mut app = start(&place, "laptop");
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    // Laptop keys: Ctrl+K is the check-in.
    app.type_keys("<C-k>")?;
    app.wait_for_text("wählen, Enter öffnet", WAIT)?;
    app.type_keys("<Home><Down><Enter>")?;
    app.wait_for_text("Name oder Nummer", WAIT)?;
    // A wrong number first: the sentence says so and the field is empty again.
    app.type_keys("99<Enter>")?;
    app.wait_for_text("Keine Besucher*in mit der Nummer M-0099.", WAIT)?;
    app.send_keys("Erika Musterfrau")?;
    app.wait_for_text("Niemand gefunden", WAIT)?;
    app.type_keys("<C-n>")?;
    app.wait_for_text("Schritt 1 von 8", WAIT)?;
    // The error of the check-in screen is not left standing on the intake.
    assert!(!app.screen_text().contains("M-0099"), "{}", app.dump());
    app.type_keys("<Right><Tab><Right><A-Right>")?;
    app.wait_for_text("Schritt 2 von 8", WAIT)?;
    app.wait_for_text("Name                Erika Musterfrau", WAIT)?;
    app.type_keys("<C-s>")?;
    app.wait_for_text("Besuchsnummer M-0001", WAIT)?;
    app.send(Key::Enter)?;
    app.wait_for_text("Eingecheckt (1)", WAIT)?;
    app.wait_for_text("M-0001", WAIT)?;
    app.kill_9()?;
    app.wait_exit(WAIT).ok_or("still running after SIGKILL")?;

    let mut desk = Desk::open(&place.db()).map_err(|e| e.to_string())?;
    desk.pin_today(DAY);
    let login = desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .map_err(|e| e.to_string())?;
    let class = desk
        .sessions_on(DAY)
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|s| s.title().starts_with("Deutschkurs"))
        .ok_or("no German class")?;
    assert_eq!(desk.checked_in(class.id).map_err(|e| e.to_string())?, [1]);
    let card = desk.visitor_card(&login, 1).map_err(|e| e.to_string())?;
    assert_eq!(card.data.name, "Erika Musterfrau");
    Ok(())
}

#[test]
fn the_same_walk_with_the_default_keys() -> Result<(), String> {
    let place = Place::new();
    make_database(place.dir.path());
    let mut app = start(&place, "default");
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    app.send(Key::F(4))?;
    app.wait_for_text("wählen, Enter öffnet", WAIT)?;
    app.type_keys("<Home><Down><Enter>")?;
    app.wait_for_text("Name oder Nummer", WAIT)?;
    app.send_keys("Testa Beispiel")?;
    app.wait_for_text("Niemand gefunden", WAIT)?;
    app.type_keys("<C-n>")?;
    app.wait_for_text("Schritt 1 von 8", WAIT)?;
    app.type_keys("<Right><Tab><Right><PgDn>")?;
    app.wait_for_text("Name                Testa Beispiel", WAIT)?;
    app.type_keys("<C-s>")?;
    app.wait_for_text("Besuchsnummer M-0001", WAIT)?;
    app.send(Key::Enter)?;
    app.wait_for_text("Eingecheckt (1)", WAIT)?;
    app.wait_for_text("M-0001", WAIT)?;
    Ok(())
}
