//! Issue 4 end to end, with the real binary in a pseudo-terminal: two visitors registered
//! through the intake screen (an Arabic-script name with its Latin spelling, a German name
//! with umlauts), quit, start again, sign in, F3 finds each by a typed fragment, and Enter
//! opens the card with what was entered.

mod common;

use common::mila::{COORDINATOR, PASSPHRASE, Place, WAIT, first_run, sign_in};
use common::pty::{Key, Pty};

const ARABIC_NAME: &str = "تستا بيسبيل";
const ARABIC_LATIN: &str = "Testa Beispiel";
const ARABIC_BIRTH: &str = "14.02.1991";
const ARABIC_PHONE: &str = "0151 2345 6789";
const GERMAN_NAME: &str = "Erika Müller-Musterfrau";
const GERMAN_BIRTH: &str = "07.03.1985";
const GERMAN_PHONE: &str = "0170 9876 543";

/// `common::intake::register_walk_in` plus a phone number: the phone field comes two
/// fields after the birth date (gender, left open, lies between).
fn register_with_phone(
    app: &mut Pty,
    name: &str,
    latin: &str,
    birth: &str,
    phone: &str,
) -> Result<String, String> {
    app.send(Key::F(2))?;
    app.wait_for_text("Schritt 1 von 8", WAIT)?;
    app.type_keys("<Right><Tab><Right><PgDn>")?;
    app.wait_for_text("Schritt 2 von 8", WAIT)?;
    app.send_keys(name)?;
    app.send(Key::Tab)?;
    app.send_keys(latin)?;
    app.send(Key::Tab)?;
    app.send_keys(birth)?;
    app.wait_for_text(birth, WAIT)?;
    app.type_keys("<Tab><Tab>")?;
    app.send_keys(phone)?;
    app.wait_for_text(phone, WAIT)?;
    app.type_keys("<C-s>")?;
    app.wait_for_text("Besuchsnummer M-", WAIT)?;
    let number = app
        .screen_text()
        .split("Besuchsnummer ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_default()
        .to_string();
    app.send(Key::Enter)?;
    app.wait_for_text("Termine heute", WAIT)?;
    Ok(number)
}

/// F3, type `fragment`, wait for `shown` in the list, Enter, and return the card's text.
fn find_and_open(
    app: &mut Pty,
    fragment: &str,
    shown: &str,
    number: &str,
) -> Result<String, String> {
    app.send(Key::F(3))?;
    app.wait_for_text("Besucher*in suchen", WAIT)?;
    app.send_keys(fragment)?;
    app.wait_for_text(shown, WAIT)?;
    app.send(Key::Enter)?;
    app.wait_for_text(&format!("Besucherkarte {number}"), WAIT)?;
    Ok(app.screen_text())
}

fn assert_shows(app: &Pty, card: &str, wanted: &[&str]) {
    for want in wanted {
        assert!(card.contains(want), "{want:?} missing:\n{}", app.dump());
    }
}

#[test]
fn registered_through_the_intake_found_by_fragments_after_restart() -> Result<(), String> {
    let place = Place::new();
    let mut app = place.start();
    first_run(&mut app)?;
    let arabic = register_with_phone(
        &mut app,
        ARABIC_NAME,
        ARABIC_LATIN,
        ARABIC_BIRTH,
        ARABIC_PHONE,
    )?;
    let german = register_with_phone(&mut app, GERMAN_NAME, "", GERMAN_BIRTH, GERMAN_PHONE)?;
    assert_eq!((arabic.as_str(), german.as_str()), ("M-0001", "M-0002"));
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));

    let mut app = place.start();
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;

    // A Latin fragment finds the Arabic-script name by its Latin spelling; the other
    // visitor is not in the list.
    app.send(Key::F(3))?;
    app.wait_for_text("Besucher*in suchen", WAIT)?;
    app.send_keys("beisp")?;
    app.wait_for_text(ARABIC_LATIN, WAIT)?;
    let list = app.screen_text();
    assert!(list.contains(ARABIC_NAME), "{}", app.dump());
    assert!(!list.contains(&german), "{}", app.dump());
    app.send(Key::Enter)?;
    app.wait_for_text(&format!("Besucherkarte {arabic}"), WAIT)?;
    let card = app.screen_text();
    assert_shows(
        &app,
        &card,
        &[ARABIC_NAME, ARABIC_LATIN, ARABIC_BIRTH, ARABIC_PHONE],
    );

    // Typed without the umlaut, `muell` finds Müller.
    let card = find_and_open(&mut app, "muell", GERMAN_NAME, &german)?;
    assert_shows(&app, &card, &[GERMAN_NAME, GERMAN_BIRTH, GERMAN_PHONE]);
    assert!(!card.contains(ARABIC_NAME), "{}", app.dump());

    // A Latin fragment of the first name finds the Arabic-script one as well.
    let card = find_and_open(&mut app, "test", ARABIC_NAME, &arabic)?;
    assert_shows(&app, &card, &[ARABIC_LATIN, ARABIC_PHONE]);

    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));
    Ok(())
}
