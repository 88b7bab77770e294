//! Intake steps for end-to-end tests with the real binary: register a walk-in the way the
//! front desk does, from the home screen back to the home screen.

use super::mila::WAIT;
use super::pty::{Key, Pty};

/// A short intake: consent explained in the first language and given, then the name in the
/// person's own script, its Latin spelling and the birth date or year, saved with Ctrl+S.
/// Returns the new visitor number (`M-0001`) as shown large after saving.
pub fn register_walk_in(
    app: &mut Pty,
    name: &str,
    latin: &str,
    birth: &str,
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
    app.type_keys("<C-s>")?;
    app.wait_for_text("Besuchsnummer M-", WAIT)?;
    let screen = app.screen_text();
    let number = screen
        .split("Besuchsnummer ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_default()
        .to_string();
    app.send(Key::Enter)?;
    app.wait_for_text("Termine heute", WAIT)?;
    Ok(number)
}
