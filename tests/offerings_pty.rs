//! The real program in a pseudo-terminal: the coordinator creates a weekly
//! offering on the offerings screen; after the process is killed it is still
//! there, with today's session and the next one planned on its weekday.

mod common;

use common::mila::{COORDINATOR, PASSPHRASE, Place, WAIT, first_run, sign_in};
use common::pty::Key;

/// A Thursday.
const TODAY: &str = "2026-11-26";

#[test]
fn a_weekly_offering_made_on_screen_survives_sigkill_and_brings_its_sessions() -> Result<(), String>
{
    let place = Place::new();
    let mut app = place
        .command()
        .env("MILA_TODAY", TODAY)
        .size(100, 30)
        .spawn()?;
    first_run(&mut app)?;
    app.send(Key::F(7))?;
    app.wait_for_text("[ Angebote ]", WAIT)?;
    app.type_keys("<C-n>")?;
    app.wait_for_text("Neues Angebot", WAIT)?;
    // Name, then pillar, partner, room, recurrence (weekly), weekdays from Monday.
    app.type_keys("Testkurs Abendgruppe<Tab><Tab>Testverein Beispiel<Tab>Nebenraum<Tab><Tab>")?;
    app.type_keys("<Right><Space><Right><Right><Space><Tab>18:00<Tab>19:30")?;
    app.wait_for_text("[x] Do", WAIT)?;
    app.type_keys("<C-s>")?;
    app.wait_for_text("Angebot gespeichert.", WAIT)?;
    app.kill_9()?;
    app.wait_exit(WAIT).ok_or("still running after SIGKILL")?;

    let mut app = place
        .command()
        .env("MILA_TODAY", TODAY)
        .size(100, 30)
        .spawn()?;
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    // Home lists today's session of the new offering.
    app.wait_for_text("Testkurs Abendgruppe", WAIT)?;
    app.send(Key::F(7))?;
    app.wait_for_text("wöchentlich Di, Do, 18:00–19:30", WAIT)?;
    app.send(Key::Tab)?;
    app.wait_for_text("Donnerstag, 26. November 2026 (heute)", WAIT)?;
    app.wait_for_text("Testkurs Abendgruppe", WAIT)?;
    app.send(Key::Right)?;
    app.wait_for_text("Freitag, 27. November 2026", WAIT)?;
    assert!(
        !app.screen_text().contains("Testkurs Abendgruppe"),
        "{}",
        app.dump()
    );
    app.type_keys("<Right><Right><Right>")?;
    app.wait_for_text("Montag, 30. November 2026", WAIT)?;
    assert!(!app.screen_text().contains("Testkurs Abendgruppe"));
    app.send(Key::Right)?;
    app.wait_for_text("Dienstag, 1. Dezember 2026", WAIT)?;
    app.wait_for_text("Testkurs Abendgruppe", WAIT)?;
    let row = app
        .screen_rows()
        .into_iter()
        .find(|r| r.contains("Testkurs Abendgruppe"))
        .unwrap_or_default();
    assert!(
        row.contains("18:00–19:30") && row.contains("geplant"),
        "{row}"
    );
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));
    Ok(())
}
