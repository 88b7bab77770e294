//! Hostile text through the real binary in a pseudo-terminal: pasted into the
//! find field, and stored in a visitor's name that the list and the card
//! show. A terminal emulator (vt100) reads what the program writes, so an
//! escape sequence that got through would clear or retitle the screen, and a
//! width the terminal counts differently would push the frame out of place.

mod common;

use common::mila::{COORDINATOR, PASSPHRASE, Place, WAIT, sign_in};
use common::pty::{Key, Pty};
use mila::desk::{Answer, BirthDate, Consent, Desk, PersonalData, day_key};
use mila::vault::{KdfParams, Passphrase};

fn person(name: &str, latin: &str) -> PersonalData {
    let mut data = PersonalData::default();
    data.name = name.into();
    data.name_latin = latin.into();
    data.birth = Answer::Given(BirthDate {
        year: 1990,
        month_day: None,
    });
    data.consent = Consent {
        day: day_key(mila::desk::today()),
        text_version: "2026-1".into(),
        explained_in: None,
        store_at_mila: true,
        pass_to_partners: Vec::new(),
    };
    data
}

/// M-0001 Testa Beispiel; M-0002 an Arabic name whose Latin spelling clears
/// the screen, retitles the window and reverses the rest of the row.
fn place() -> Place {
    let place = Place::new();
    let (desk, login) = Desk::create(
        &place.db(),
        COORDINATOR,
        &Passphrase::new(PASSPHRASE),
        KdfParams::MINIMUM,
    )
    .expect("create");
    let hostile = "Feindlich\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}Name 並😀";
    for data in [person("Testa Beispiel", ""), person("تجربة", hostile)] {
        desk.register_visitor(&login, &data, true, None)
            .expect("register");
    }
    place
}

/// The title row and the bottom row, which nothing typed may move.
fn frame(app: &Pty) -> (String, String) {
    let rows = app.screen_rows();
    (
        rows.first().cloned().unwrap_or_default(),
        rows.last().cloned().unwrap_or_default(),
    )
}

fn assert_frame(app: &Pty, expected: &(String, String), what: &str) {
    let now = frame(app);
    assert_eq!(
        &now,
        expected,
        "{what}: the frame moved:\n{}",
        app.screen_text()
    );
}

#[test]
fn pasted_hostile_text_keeps_the_find_screen_in_place() -> Result<(), String> {
    let place = place();
    let mut app = place.command().size(80, 24).spawn()?;
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    app.send(Key::F(3))?;
    app.wait_for_text("suchen", WAIT)?;
    // The whole find screen, hint bar included, before its frame is taken.
    app.wait_for_text("Feld leeren", WAIT)?;
    let expected = frame(&app);
    // What is pasted, and a part of it that must show in the field.
    let pastes = [
        ("\u{1b}[2J\u{1b}]0;pwned\u{7}Testa", "Testa"),
        ("\u{202e}Beispiel\u{202c} \u{2066}Erika\u{2069}", "Beispiel"),
        ("محمد الحسن مُحَمَّد", "الحسن"),
        (
            "並並並並並並並並並並並並並並並並並並並並並並並並並並並並並並並並並並並並",
            "並並並",
        ),
        ("👩‍👩‍👧‍👦 e\u{301} Zwei", "Zwei"),
        (&"x".repeat(10_000), "xxxxxxxxxx"),
    ];
    for (text, shown) in pastes {
        app.type_keys("<C-u>")?;
        app.paste(text)?;
        app.wait_for_text(shown, WAIT)?;
        assert_frame(&app, &expected, shown);
    }
    Ok(())
}

#[test]
fn a_hostile_stored_name_neither_clears_nor_shifts_list_or_card() -> Result<(), String> {
    let place = place();
    let mut app = place.command().size(80, 24).spawn()?;
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    app.send(Key::F(3))?;
    app.wait_for_text("suchen", WAIT)?;
    // The whole find screen, hint bar included, before its frame is taken.
    app.wait_for_text("Feld leeren", WAIT)?;
    let expected = frame(&app);
    app.send_keys("feindlich")?;
    app.wait_for_text("M-0002", WAIT)?;
    assert_frame(&app, &expected, "list");
    let screen = app.screen_text();
    assert!(screen.contains("FeindlichName"), "{screen}");
    assert!(!screen.contains("pwned"), "{screen}");
    app.send(Key::Enter)?;
    app.wait_for_text("Besucherkarte M-0002", WAIT)?;
    let (title, hints) = frame(&app);
    assert!(
        title.starts_with(" MiLA Desk – Besucherkarte M-0002"),
        "{title}"
    );
    // The date at the right edge stays where it was.
    let right_edge = |row: &str| row.trim_end().chars().rev().take(10).collect::<String>();
    assert_eq!(right_edge(&title), right_edge(&expected.0), "{title}");
    assert_eq!(
        title.trim_end().chars().count(),
        expected.0.trim_end().chars().count()
    );
    assert!(!hints.trim().is_empty(), "{}", app.screen_text());
    let screen = app.screen_text();
    assert!(!screen.contains("pwned"), "{screen}");
    Ok(())
}

/// What the hostile name carries, looked for in the bytes the program wrote
/// to the terminal (not in a screen model, which would drop or absorb them):
/// the window title sequence, BEL, the right-to-left override and a C1 CSI.
/// (The printable rest, such as `]0;pwned` of a pasted query whose ESC was
/// dropped, is harmless text.)
fn assert_no_hostile_bytes(bytes: &[u8], what: &str) {
    let find = |needle: &[u8]| bytes.windows(needle.len()).position(|w| w == needle);
    for (needle, name) in [
        (&b"\x1b]0;"[..], "an OSC title sequence"),
        (&[0x07][..], "BEL"),
        ("\u{202e}".as_bytes(), "U+202E"),
        ("\u{2066}".as_bytes(), "U+2066"),
        ("\u{9b}".as_bytes(), "U+009B (C1 CSI)"),
    ] {
        if let Some(at) = find(needle) {
            let around = &bytes[at.saturating_sub(40)..(at + 40).min(bytes.len())];
            panic!(
                "{what}: {name} was written to the terminal: {:?}",
                String::from_utf8_lossy(around)
            );
        }
    }
}

#[test]
fn no_control_sequence_of_a_name_is_written_to_the_terminal() -> Result<(), String> {
    let place = place();
    let mut app = place.command().size(80, 24).spawn()?;
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    app.send(Key::F(3))?;
    app.wait_for_text("suchen", WAIT)?;
    // Pasted into the field, then what a person types.
    app.paste("\u{1b}]0;pwned\u{7}\u{9b}31m\u{2066}Zwei\u{2069}")?;
    app.wait_for_text("Zwei", WAIT)?;
    app.type_keys("<C-u>feindlich")?;
    app.wait_for_text("M-0002", WAIT)?;
    assert_no_hostile_bytes(&app.written(), "find list");
    app.send(Key::Enter)?;
    app.wait_for_text("Besucherkarte M-0002", WAIT)?;
    let bytes = app.written();
    // The name was drawn (its visible part is in the output) ...
    let shown = "FeindlichName".as_bytes();
    assert!(
        bytes.windows(shown.len()).any(|w| w == shown),
        "the card did not draw the name"
    );
    // ... and nothing it smuggled.
    assert_no_hostile_bytes(&bytes, "card");
    Ok(())
}
