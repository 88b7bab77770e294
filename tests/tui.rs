//! The real program in a pseudo-terminal, driven like a person does: keys in,
//! screen read back.

mod common;

use std::time::Duration;

use common::mila::{COORDINATOR, PASSPHRASE, Place, WAIT, first_run, sign_in};
use common::pty::Key;

#[test]
fn first_run_then_quit_then_wrong_and_right_passphrase() -> Result<(), String> {
    let place = Place::new();
    let mut app = place.start();
    first_run(&mut app)?;
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));

    let mut app = place.start();
    app.wait_for_text("Anmelden", WAIT)?;
    app.type_keys(&format!("{COORDINATOR}<Enter>nicht die richtige<Enter>"))?;
    app.wait_for_text("Benutzername oder Passphrase falsch", WAIT)?;
    // The wrong passphrase is gone; the name stays, so only the passphrase is typed again.
    app.type_keys(&format!("{PASSPHRASE}<Enter>"))?;
    app.wait_for_text("Termine heute", WAIT)?;
    app.wait_for_text(&format!("Angemeldet: {COORDINATOR}"), WAIT)?;
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));
    Ok(())
}

#[test]
fn idle_time_locks_and_drops_the_screen() -> Result<(), String> {
    let place = Place::new();
    // The shortest auto-lock accepted; the limit only catches a hang.
    place.write_config("config.toml", "lock_after_seconds = 30\n");
    let mut app = place.start();
    first_run(&mut app)?;
    app.wait_for_text("Gesperrt", Duration::from_secs(120))?;
    let screen = app.screen_text();
    assert!(
        !screen.contains("Termine heute"),
        "home is still visible:\n{screen}"
    );
    assert!(
        !screen.contains("Angemeldet:"),
        "still signed in:\n{screen}"
    );
    // Unlocking needs only the passphrase: the name is kept.
    app.type_keys(&format!("{PASSPHRASE}<Enter>"))?;
    app.wait_for_text("Termine heute", WAIT)?;
    Ok(())
}

#[test]
fn f12_locks_at_once() -> Result<(), String> {
    let place = Place::new();
    let mut app = place.start();
    first_run(&mut app)?;
    app.send(Key::F(12))?;
    app.wait_for_text("Gesperrt", WAIT)?;
    assert!(!app.screen_text().contains("Termine heute"));
    Ok(())
}

#[test]
fn a_second_instance_says_in_use_and_exits_1() -> Result<(), String> {
    let place = Place::new();
    let mut first = place.start();
    first_run(&mut first)?;
    let before = std::fs::read(place.db()).map_err(|e| e.to_string())?;
    let mut second = place.start();
    second.wait_for_text("Datenbank wird bereits benutzt", WAIT)?;
    second.send(Key::Enter)?;
    assert_eq!(second.wait_exit(WAIT), Some(1));
    assert_eq!(
        std::fs::read(place.db()).map_err(|e| e.to_string())?,
        before
    );
    // The first one goes on working.
    first.send(Key::F(1))?;
    first.wait_for_text("Hilfe", WAIT)?;
    Ok(())
}

#[test]
fn a_foreign_file_gets_a_notice_and_stays_unchanged() -> Result<(), String> {
    let place = Place::new();
    std::fs::write(place.db(), "Das ist keine Datenbank\n").map_err(|e| e.to_string())?;
    let mut app = place.start();
    app.wait_for_text("Keine MiLA-Desk-Datenbank", WAIT)?;
    app.send(Key::Enter)?;
    assert_eq!(app.wait_exit(WAIT), Some(1));
    assert_eq!(
        std::fs::read_to_string(place.db()).map_err(|e| e.to_string())?,
        "Das ist keine Datenbank\n"
    );
    Ok(())
}

#[test]
fn a_tiny_window_shows_a_notice_and_resizing_back_restores() -> Result<(), String> {
    let place = Place::new();
    let mut app = place.start();
    first_run(&mut app)?;
    app.resize(40, 10)?;
    app.wait_for_text("Fenster zu klein", WAIT)?;
    app.resize(100, 30)?;
    app.wait_for_text("Termine heute", WAIT)?;
    Ok(())
}

#[test]
fn a_bad_user_keymap_is_reported_with_lines_and_the_defaults_work() -> Result<(), String> {
    let place = Place::new();
    place.write_config(
        "keymap.toml",
        "[global]\n\"f2\" = \"make_coffee\"\n\"ctrl-ß-x\" = \"help\"\n\"f9\" = \"help\"\n\"F9\" = \"lock\"\n",
    );
    let mut app = place.start();
    app.wait_for_text("Hinweise zum Start", WAIT)?;
    let screen = app.screen_text();
    assert!(
        screen.contains("Zeile 2") && screen.contains("make_coffee"),
        "{screen}"
    );
    assert!(screen.contains("Zeile 3"), "{screen}");
    assert!(screen.contains("Zeile 5"), "{screen}");
    app.send(Key::Enter)?;
    first_run(&mut app)?;
    // F12 still locks: the default map is in force.
    app.send(Key::F(12))?;
    app.wait_for_text("Gesperrt", WAIT)?;
    Ok(())
}

#[test]
fn english_is_selectable_on_the_command_line() -> Result<(), String> {
    let place = Place::new();
    let mut app = place.command().arg("--lang").arg("en").spawn()?;
    app.wait_for_text("First-time setup", WAIT)?;
    Ok(())
}

#[test]
fn the_laptop_keymap_works_without_f_keys() -> Result<(), String> {
    let place = Place::new();
    let mut app = place.start();
    first_run(&mut app)?;
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0), "F10 did not quit");
    let mut app = place.command().args(["--keymap", "laptop"]).spawn()?;
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    app.send(Key::Ctrl('l'))?;
    app.wait_for_text("Gesperrt", WAIT)?;
    app.send(Key::Ctrl('q'))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));
    Ok(())
}

#[test]
fn a_panic_leaves_the_terminal_restored() -> Result<(), String> {
    let place = Place::new();
    let script = format!(
        "{} ; echo \"exit=$?\"; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 30",
        env!("CARGO_BIN_EXE_mila")
    );
    let bash = common::pty::PtyCommand::new("bash").args(["--norc", "--noprofile", "-c", &script]);
    let mut app =
        common::mila::with_test_env(bash, &place.db(), &place.config_dir(), place.dir.path())
            .env("MILA_TEST_PANIC", "1")
            .spawn()?;
    app.wait_for_text("Ersteinrichtung", WAIT)?;
    app.send(Key::Char('x'))?;
    app.wait_for_text("exit=", WAIT)?;
    app.wait_for_text("icanon echo", WAIT)?;
    let screen = app.screen_text();
    assert!(screen.contains("internal error"), "{screen}");
    assert!(
        screen.contains("wegen eines internen Fehlers beendet"),
        "staff read why in German:\n{screen}"
    );
    assert!(!screen.contains("panicked"), "{screen}");
    assert!(
        !screen.contains("injected"),
        "the payload must not be printed:\n{screen}"
    );
    assert!(
        !screen.contains("Ersteinrichtung"),
        "still on the alternate screen:\n{screen}"
    );
    Ok(())
}

#[test]
fn quitting_writes_the_daily_backup() -> Result<(), String> {
    let place = Place::new();
    let folder = place.dir.path().join("usb-stick");
    place.write_config(
        "config.toml",
        &format!(
            "backup_folder = \"{}\"\nbackup_keep = 3\n",
            folder.display()
        ),
    );
    let mut app = place.start();
    first_run(&mut app)?;
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));
    let files: Vec<_> = std::fs::read_dir(&folder)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(
        files[0].starts_with("mila-") && files[0].ends_with(".redb"),
        "{files:?}"
    );
    let backup = folder.join(&files[0]);
    let desk = mila::desk::Desk::open(&backup).map_err(|e| e.to_string())?;
    desk.login(COORDINATOR, &mila::vault::Passphrase::new(PASSPHRASE))
        .map_err(|e| e.to_string())?;
    Ok(())
}

#[test]
fn a_failed_backup_is_shown_not_swallowed() -> Result<(), String> {
    let place = Place::new();
    let blocker = place.dir.path().join("not-a-folder");
    std::fs::write(&blocker, "a file where the folder should be").map_err(|e| e.to_string())?;
    place.write_config(
        "config.toml",
        &format!(
            "backup_folder = \"{}\"\n",
            blocker.join("backups").display()
        ),
    );
    let mut app = place.start();
    first_run(&mut app)?;
    app.send(Key::F(10))?;
    app.wait_for_text("Sicherung fehlgeschlagen", WAIT)?;
    app.send(Key::Enter)?;
    assert_eq!(app.wait_exit(WAIT), Some(1));
    Ok(())
}

/// A demonstration date never passes for the real one: the header says it
/// is pinned, on every screen, at any width the program runs at.
#[test]
fn a_pinned_date_is_shown_in_the_header() -> Result<(), String> {
    let place = Place::new();
    let mut app = place
        .command()
        .env("MILA_TODAY", "2026-11-19")
        .size(80, 24)
        .spawn()?;
    first_run(&mut app)?;
    let title = app.screen_rows()[0].clone();
    assert!(title.contains("Datum festgelegt: 19.11.2026"), "{title}");
    app.send(Key::F(3))?;
    app.wait_for_text("suchen", WAIT)?;
    let title = app.screen_rows()[0].clone();
    assert!(title.contains("Datum festgelegt: 19.11.2026"), "{title}");
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));

    // Without it, the plain date.
    let mut app = place.command().size(80, 24).spawn()?;
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    let title = app.screen_rows()[0].clone();
    assert!(!title.contains("festgelegt"), "{title}");
    Ok(())
}
