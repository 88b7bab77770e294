//! The admin hub in the real binary, through a pseudo-terminal: a list entry
//! and a staff account added under F8 survive a restart, and the new
//! receptionist signs in but cannot open F8.

mod common;

use common::mila::{COORDINATOR, PASSPHRASE, Place, WAIT, first_run, sign_in};
use common::pty::Key;

#[test]
fn reference_entry_and_staff_account_survive_a_restart() -> Result<(), String> {
    let place = Place::new();
    let mut app = place.start();
    first_run(&mut app)?;

    app.send(Key::F(8))?;
    app.wait_for_text("Verwaltung", WAIT)?;
    app.send(Key::Enter)?;
    app.wait_for_text("Unterkünfte", WAIT)?;
    app.type_keys("<Insert>Testunterkunft Pty<Enter>")?;
    app.wait_for_text("„Testunterkunft Pty“ gespeichert.", WAIT)?;

    app.type_keys("<Esc>")?;
    app.wait_for_text("Jetzt sichern", WAIT)?;
    app.type_keys("<Down><Enter>")?;
    app.wait_for_text("Mitarbeitendenkonten", WAIT)?;
    app.type_keys(
        "<Insert>test.empfang<Tab><Tab>Testpassphrase Empfang<Tab>Testpassphrase Empfang<C-s>",
    )?;
    app.wait_for_text("Konto „test.empfang“ angelegt.", WAIT)?;
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));

    let mut app = place.start();
    sign_in(&mut app, "test.empfang", "Testpassphrase Empfang")?;
    app.send(Key::F(8))?;
    app.wait_for_text(
        "Diese Funktion steht Ihrer Rolle nicht zur Verfügung.",
        WAIT,
    )?;
    assert!(!app.screen_text().contains("Jetzt sichern"));
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));

    let mut app = place.start();
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    app.type_keys("<F8><Enter><End>")?;
    app.wait_for_text("▶ Testunterkunft Pty", WAIT)?;
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));
    Ok(())
}
