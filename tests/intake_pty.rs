//! The intake end to end with the real binary in a pseudo-terminal: register, quit, start
//! again, sign in, and the visitors are there. (The find screen extends this with finding
//! them by fragments: reuse `common::intake::register_walk_in`.)

mod common;

use common::intake::register_walk_in;
use common::mila::{COORDINATOR, PASSPHRASE, Place, WAIT, first_run, sign_in};
use common::pty::Key;

const ARABIC_NAME: &str = "تستا بيسبيل";
const ARABIC_LATIN: &str = "Testa Beispiel";
const GERMAN_NAME: &str = "Jürgen Übermuth-Müßig";

#[test]
fn arabic_and_german_names_survive_quit_and_restart() -> Result<(), String> {
    let place = Place::new();
    let mut app = place.start();
    first_run(&mut app)?;
    assert_eq!(
        register_walk_in(&mut app, ARABIC_NAME, ARABIC_LATIN, "1990")?,
        "M-0001"
    );
    assert_eq!(
        register_walk_in(&mut app, GERMAN_NAME, "", "07.03.1985")?,
        "M-0002"
    );
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));

    let mut app = place.start();
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    // Both are short intakes, listed on the home screen with their names.
    app.wait_for_text("Unvollständige Aufnahmen (2)", WAIT)?;
    app.wait_for_text(GERMAN_NAME, WAIT)?;
    // The first one opens in the form with both spellings as typed.
    app.type_keys("<Tab><Enter>")?;
    app.wait_for_text("Daten ändern – M-0001", WAIT)?;
    app.type_keys("<PgDn>")?;
    app.wait_for_text(ARABIC_LATIN, WAIT)?;
    app.wait_for_text(ARABIC_NAME, WAIT)?;
    app.wait_for_text("1990", WAIT)?;
    app.send(Key::Esc)?;
    app.wait_for_text("Termine heute", WAIT)?;
    // The list keeps the focus it had.
    app.type_keys("<Down><Enter>")?;
    app.wait_for_text("Daten ändern – M-0002", WAIT)?;
    app.type_keys("<PgDn>")?;
    app.wait_for_text(GERMAN_NAME, WAIT)?;
    app.wait_for_text("07.03.1985", WAIT)?;
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));
    Ok(())
}
