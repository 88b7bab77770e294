//! The real program in a pseudo-terminal, in English with the laptop keys, as the second
//! walk-through used it: the hint bar shows keys an English reader and a laptop have.

mod common;

use common::app::{COORDINATOR, DAY, PASSPHRASE, make_database};
use common::mila::{Place, WAIT};
use common::pty::Pty;

fn start(place: &Place) -> Pty {
    place
        .command()
        .env("MILA_TODAY", DAY.to_string())
        .args(["--lang", "en", "--keymap", "laptop"])
        .size(80, 24)
        .spawn()
        .expect("start mila")
}

#[test]
fn cancel_and_reopen_a_session_in_english_on_a_laptop() -> Result<(), String> {
    let place = Place::new();
    make_database(place.dir.path());
    let mut app = start(&place);
    app.wait_for_text("Sign in", WAIT)?;
    app.type_keys(&format!("{COORDINATOR}<Enter>{PASSPHRASE}<Enter>"))?;
    app.wait_for_text("Today's sessions", WAIT)?;
    app.type_keys("<C-o>")?;
    app.wait_for_text("Offerings", WAIT)?;
    app.type_keys("<Tab>")?;
    app.wait_for_text("Alt+A Cancel session", WAIT)?;
    app.type_keys("<Home><A-a>")?;
    app.wait_for_text("Please confirm", WAIT)?;
    // Y for "Yes", as the English reader expects; J (German "Ja") still works.
    app.wait_for_text("Y Yes  N No", WAIT)?;
    assert!(!app.screen_text().contains("J Yes"), "{}", app.dump());
    app.type_keys("y")?;
    app.wait_for_text("Session cancelled.", WAIT)?;
    app.type_keys("<A-o>")?;
    app.wait_for_text("Y Yes  N No", WAIT)?;
    app.type_keys("j")?;
    app.wait_for_text("Session open again.", WAIT)?;
    app.kill_9()?;
    app.wait_exit(WAIT).ok_or("still running after SIGKILL")?;
    Ok(())
}
