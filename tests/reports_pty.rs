//! The day summary in the real program, in a pseudo-terminal: F6, another
//! day, the day's note, and printing without a printer.

mod common;

use common::mila::{Place, WAIT, first_run};
use common::pty::{Key, Pty};

fn start_on(place: &Place, today: &str) -> Pty {
    place
        .command()
        .env("MILA_TODAY", today)
        .size(100, 30)
        .spawn()
        .expect("start mila")
}

#[test]
fn f6_prints_to_a_file_when_there_is_no_printer_and_keeps_the_note() -> Result<(), String> {
    let place = Place::new();
    let out = place.dir.path().join("berichte");
    place.write_config(
        "config.toml",
        &format!(
            "print_command = \"/nonexistent/mila-lp\"\nreport_folder = \"{}\"\n",
            out.display()
        ),
    );
    let mut app = start_on(&place, "2026-11-26");
    first_run(&mut app)?;
    app.send(Key::F(6))?;
    app.wait_for_text("Donnerstag, 26. November 2026", WAIT)?;
    app.wait_for_text("MiLA – Tagesübersicht", WAIT)?;

    // The day before, and back.
    app.send(Key::Left)?;
    app.wait_for_text("Mittwoch, 25. November 2026", WAIT)?;
    app.send(Key::Right)?;
    app.wait_for_text("Donnerstag, 26. November 2026", WAIT)?;

    // The note of the day: Tab to the field, type, Enter saves.
    app.type_keys("<Tab><Tab>Drucker ohne Papier<Enter>")?;
    app.wait_for_text("Notiz des Tages gespeichert.", WAIT)?;

    // Printing fails: the text is saved, and the screen says where.
    app.type_keys("<C-p>")?;
    app.wait_for_text("Gespeichert unter", WAIT)?;
    let saved = out.join("Tagesuebersicht-2026-11-26.txt");
    let text = std::fs::read_to_string(&saved).map_err(|e| format!("{e}: {}", app.dump()))?;
    assert!(text.contains("Drucker ohne Papier"), "{text}");
    assert!(
        app.screen_text().contains("nicht gefunden"),
        "{}",
        app.dump()
    );

    // Leave and come back: the note is part of the summary. (Enter kept the focus in the
    // note; the first Esc goes to the report, the second leaves.)
    app.send(Key::Esc)?;
    app.wait_for_text("▸ Vorschau", WAIT)?;
    app.send(Key::Esc)?;
    app.wait_for_text("Termine heute", WAIT)?;
    app.send(Key::F(6))?;
    app.wait_for_text("MiLA – Tagesübersicht", WAIT)?;
    app.send(Key::End)?;
    app.wait_for_text("Drucker ohne Papier", WAIT)?;
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));
    Ok(())
}
