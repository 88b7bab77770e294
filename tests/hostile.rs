//! Hostile input: arbitrary bytes and strings fed to the codec decoder, the
//! keymap and settings parsers, the CSV importer and the text fields. No
//! panic; a clear error where input is refused.

mod common;

use std::path::Path;

use common::app::{COORDINATOR, PASSPHRASE, TestApp, make_database};
use common::desk::Fixture;
use mila::config::Config;
use mila::desk::PersonalData;
use mila::store::codec::decode;
use mila::store::records::*;
use mila::ui::action::{Action, Mode};
use mila::ui::catalog::Lang;
use mila::ui::keymap::Keymap;
use mila::ui::sanitize::is_unsafe;
use mila::vault::{KeySlot, Sealed};
use proptest::prelude::*;

fn strings() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,40}",
        // Escape sequences, bidi overrides and Arabic script in one name.
        Just("\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}محمد\u{2066}Ali\u{0}".to_string()),
        Just("ß".repeat(10_000)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_decoder_refuses_garbage_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = decode::<Marker>(&bytes);
        let _ = decode::<StaffRecord>(&bytes);
        let _ = decode::<VisitorMeta>(&bytes);
        let _ = decode::<Offering>(&bytes);
        let _ = decode::<SessionRecord>(&bytes);
        let _ = decode::<CheckInRecord>(&bytes);
        let _ = decode::<RefEntry>(&bytes);
        let _ = decode::<AuditEntry>(&bytes);
        let _ = decode::<Settings>(&bytes);
        let _ = decode::<KeySlot>(&bytes);
        let _ = decode::<Sealed>(&bytes);
        let _ = decode::<PersonalData>(&bytes);
    }

    #[test]
    fn keymap_and_settings_files_never_panic(text in strings()) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("keymap.toml");
        std::fs::write(&file, &text).unwrap();
        let (keymap, problems) = Keymap::load("default", Some(&file));
        // Whatever the file said: applied whole, or refused whole with reasons
        // and the defaults in force; staff can always quit and lock.
        if !problems.is_empty() {
            prop_assert_eq!(&keymap, &Keymap::load("default", None).0);
            prop_assert!(problems.iter().all(|p| !p.message(Lang::De).trim().is_empty()));
        }
        for mode in Mode::ALL {
            prop_assert!(!keymap.keys_of(mode, &Action::Quit).is_empty());
            prop_assert!(!keymap.keys_of(mode, &Action::Lock).is_empty());
        }
        let wrapped = format!("[global]\n\"f2\" = \"{}\"\n", text.replace('"', "'"));
        let result = Keymap::from_toml(&wrapped, Path::new("keymap.toml"));
        if let Err(problems) = result {
            prop_assert!(problems.iter().all(|p| p.line <= wrapped.lines().count() + 1));
        }
        let config = dir.path().join("config.toml");
        std::fs::write(&config, &text).unwrap();
        let (config, problem) = Config::load(&config);
        // Never a setting that locks staff out; a refusal gives a reason on
        // a line of the file.
        prop_assert!(config.lock_after_seconds >= 30);
        if let Some(problem) = problem {
            prop_assert!(!problem.message.trim().is_empty());
            prop_assert!(problem.line <= text.lines().count() + 1);
        }
    }
}

#[test]
fn the_csv_importer_survives_arbitrary_files() {
    let f = Fixture::new();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(96));
    let header_then_rows = (
        prop_oneof![
            Just("name;phone\n".to_string()),
            Just("name,birth_date,languages\n".to_string()),
            any::<String>()
        ],
        proptest::collection::vec(strings(), 0..6),
    );
    runner
        .run(&header_then_rows, |(header, rows)| {
            let text = format!("{header}{}", rows.join("\n"));
            match f.desk.import_visitors(&f.coordinator, &text) {
                Ok(Ok(report)) => prop_assert!(!report.numbers.is_empty()),
                Ok(Err(errors)) => prop_assert!(errors.iter().all(|e| !e.message.is_empty())),
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn sign_in_fields_take_anything() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(48));
    runner
        .run(&(strings(), strings()), |(user, pass)| {
            let mut app = TestApp::start(dir.path(), 80, 24, None);
            app.press(Action::Paste(user.clone()));
            app.type_text(&user.chars().take(50).collect::<String>());
            app.press(Action::NextField);
            app.press(Action::Paste(pass.clone()));
            let screen = app.screen();
            // Controls never reach a TestBackend buffer (ratatui drops them; the
            // bytes sent to a terminal are checked in hostile_pty.rs): what can
            // be seen here is format characters such as bidi overrides.
            let unsafe_char = screen.chars().find(|c| *c != '\n' && is_unsafe(*c));
            prop_assert!(
                unsafe_char.is_none(),
                "{:?} reached the screen",
                unsafe_char
            );
            prop_assert_eq!(screen.lines().count(), 24);
            app.press(Action::Confirm);
            let _ = app.screen();
            Ok(())
        })
        .unwrap();
    // And the real account still signs in afterwards.
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in(COORDINATOR, PASSPHRASE);
    assert!(app.screen().contains("Termine heute"));
}

#[test]
fn setup_fields_take_anything() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(32));
    runner
        .run(&(strings(), strings()), |(user, pass)| {
            let dir = tempfile::tempdir().unwrap();
            let mut app = TestApp::start(dir.path(), 80, 24, None);
            app.press(Action::NextField);
            app.press(Action::Paste(user));
            app.press(Action::NextField);
            app.press(Action::Paste(pass.clone()));
            app.press(Action::NextField);
            app.press(Action::Paste(pass));
            let screen = app.screen();
            let unsafe_char = screen.chars().find(|c| *c != '\n' && is_unsafe(*c));
            prop_assert!(
                unsafe_char.is_none(),
                "{:?} reached the screen",
                unsafe_char
            );
            app.press(Action::Confirm);
            let _ = app.screen();
            Ok(())
        })
        .unwrap();
}
