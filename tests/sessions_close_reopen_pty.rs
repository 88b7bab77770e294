//! The real program in a pseudo-terminal: the coordinator clicks a session,
//! closes it with a note, reads the note in the tally header, opens it again
//! with Alt+O; on the sessions screen Alt+A cancels and Alt+O reopens. After
//! SIGKILL the session is open.

mod common;

use common::mila::{COORDINATOR, PASSPHRASE, Place, WAIT, first_run, sign_in};
use common::pty::Key;

/// A Thursday: the seed brings Sozialberatung at 09:00 and the German class at 10:00.
const TODAY: &str = "2026-11-26";
const NOTE: &str = "Heizung ausgefallen";

fn row_with(app: &common::pty::Pty, needle: &str) -> Option<(usize, String)> {
    app.screen_rows()
        .into_iter()
        .enumerate()
        .find(|(_, r)| r.contains(needle))
}

#[test]
fn close_reopen_cancel_and_reopen_with_the_session_keys() -> Result<(), String> {
    let place = Place::new();
    let mut app = place
        .command()
        .env("MILA_TODAY", TODAY)
        .size(100, 30)
        .spawn()?;
    first_run(&mut app)?;
    app.send(Key::F(5))?;
    app.wait_for_text("Termin wählen", WAIT)?;
    app.wait_for_text("Deutschkurs", WAIT)?;
    let (row, _) = row_with(&app, "Deutschkurs").ok_or_else(|| app.dump())?;
    app.click(10, u16::try_from(row).map_err(|e| e.to_string())?)?;
    app.wait_for_text("Einchecken mit Nummer", WAIT)?;

    app.type_keys("<C-w>")?;
    app.wait_for_text("Notiz", WAIT)?;
    app.type_keys(&format!("{NOTE}<Enter>"))?;
    app.wait_for_text("Termin geschlossen.", WAIT)?;
    app.wait_for_text(&format!("Abschlussnotiz: {NOTE}"), WAIT)?;
    app.wait_for_text("Alt+O Wieder öffnen", WAIT)?;
    app.send(Key::Alt('o'))?;
    app.wait_for_text("öffnen?", WAIT)?;
    app.send(Key::Char('j'))?;
    app.wait_for_text("Termin wieder geöffnet.", WAIT)?;
    app.wait_for_text_gone("Abschlussnotiz", WAIT)?;

    // The sessions screen: Alt+A cancels (after asking), Alt+O opens again.
    app.send(Key::F(7))?;
    app.wait_for_text("[ Angebote ]", WAIT)?;
    app.send(Key::Tab)?;
    app.wait_for_text("Alt+A absagen", WAIT)?;
    app.send(Key::Down)?;
    app.wait_until("the German class selected", WAIT, |s| {
        s.contents()
            .lines()
            .any(|l| l.contains('▶') && l.contains("Deutschkurs"))
    })?;
    app.send(Key::Alt('a'))?;
    app.wait_for_text("absagen?", WAIT)?;
    app.send(Key::Char('j'))?;
    app.wait_for_text("Termin abgesagt.", WAIT)?;
    let (_, line) = row_with(&app, "Deutschkurs").ok_or_else(|| app.dump())?;
    assert!(line.contains("abgesagt"), "{line}");
    app.send(Key::Alt('o'))?;
    app.wait_for_text("öffnen?", WAIT)?;
    app.send(Key::Char('j'))?;
    app.wait_for_text("Termin wieder geöffnet.", WAIT)?;
    app.kill_9()?;
    app.wait_exit(WAIT).ok_or("still running after SIGKILL")?;

    let mut app = place
        .command()
        .env("MILA_TODAY", TODAY)
        .size(100, 30)
        .spawn()?;
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    app.send(Key::F(7))?;
    app.wait_for_text("[ Angebote ]", WAIT)?;
    app.send(Key::Tab)?;
    app.wait_for_text("Alt+A absagen", WAIT)?;
    let (_, line) = row_with(&app, "Deutschkurs").ok_or_else(|| app.dump())?;
    assert!(line.contains("offen"), "{line}");
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));
    Ok(())
}
