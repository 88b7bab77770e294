//! Every screen of the shell, drawn with `TestBackend` at 80×24 and 120×40 in
//! German (and some in English), checked by snapshot and by content.

mod common;

use common::app::{
    COORDINATOR, PASSPHRASE, TestApp, VOLUNTEER, VOLUNTEER_PASSPHRASE, make_database,
};
use mila::ui::action::Action;
use mila::ui::catalog::Lang;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snapshot(name: &str, app: &mut TestApp) {
    let (cols, rows) = {
        let area = app.terminal.backend().buffer().area;
        (area.width, area.height)
    };
    insta::assert_snapshot!(format!("{name}_{cols}x{rows}"), app.screen());
}

#[test]
fn first_run_setup() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let mut app = TestApp::start(dir.path(), cols, rows, None);
        let screen = app.screen();
        assert!(
            screen.contains("Ersteinrichtung") && screen.contains("Datenbank anlegen"),
            "{screen}"
        );
        snapshot("setup", &mut app);
        // A mismatch is shown next to the field and nothing is created.
        app.press(Action::NextField);
        app.type_text(COORDINATOR);
        app.press(Action::NextField);
        app.type_text("eins zwei drei");
        app.press(Action::NextField);
        app.type_text("eins zwei vier");
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(
            screen.contains("Die Passphrasen stimmen nicht überein."),
            "{screen}"
        );
        assert!(!dir.path().join("mila.redb").exists());
        snapshot("setup_mismatch", &mut app);
    }
}

#[test]
fn setup_creates_the_database_and_signs_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.press(Action::Down); // English
    app.press(Action::NextField);
    app.type_text(COORDINATOR);
    app.press(Action::NextField);
    app.type_text(PASSPHRASE);
    app.press(Action::NextField);
    app.type_text(PASSPHRASE);
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Today's sessions"), "{screen}");
    assert!(dir.path().join("mila.redb").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("config.toml"))
            .unwrap()
            .trim(),
        "lang = \"en\""
    );
}

#[test]
fn sign_in_wrong_then_right() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        make_database(dir.path());
        let mut app = TestApp::start(dir.path(), cols, rows, None);
        snapshot("login", &mut app);
        app.sign_in(COORDINATOR, "falsche Passphrase");
        let screen = app.screen();
        assert!(
            screen.contains("Benutzername oder Passphrase falsch"),
            "{screen}"
        );
        assert!(
            !screen.contains("••••"),
            "the wrong passphrase is cleared: {screen}"
        );
        snapshot("login_wrong", &mut app);
        app.type_text(PASSPHRASE);
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(screen.contains("Termine heute"), "{screen}");
        assert!(screen.contains("Donnerstag, 26. November 2026"), "{screen}");
        assert!(
            screen.contains("Deutschkurs"),
            "today's recurring sessions: {screen}"
        );
        snapshot("home_coordinator", &mut app);

        app.press(Action::Help);
        let screen = app.screen();
        assert!(screen.contains("Hilfe – Tasten"), "{screen}");
        snapshot("help", &mut app);
        app.press(Action::Back);

        app.press(Action::Lock);
        let screen = app.screen();
        assert!(
            screen.contains("Gesperrt") && !screen.contains("Deutschkurs"),
            "{screen}"
        );
        snapshot("locked", &mut app);
    }
}

#[test]
fn volunteers_get_the_reduced_home() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        make_database(dir.path());
        let mut app = TestApp::start(dir.path(), cols, rows, None);
        app.sign_in(VOLUNTEER, VOLUNTEER_PASSPHRASE);
        let screen = app.screen();
        assert!(screen.contains("keine Namen"), "{screen}");
        for hidden in ["F2 ", "F3 ", "F7 ", "F8 ", "Verwaltung", "Angebote"] {
            assert!(
                !screen.contains(hidden),
                "{hidden} offered to a volunteer: {screen}"
            );
        }
        snapshot("home_volunteer", &mut app);
    }
}

#[test]
fn english_screens() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = TestApp::start(dir.path(), 80, 24, Some(Lang::En));
    let screen = app.screen();
    assert!(
        screen.contains("Sign in") && screen.contains("User name"),
        "{screen}"
    );
    app.sign_in(COORDINATOR, PASSPHRASE);
    let screen = app.screen();
    assert!(
        screen.contains("Thursday, 26 November 2026") && screen.contains("Today's sessions"),
        "{screen}"
    );
    snapshot("home_english", &mut app);
}

#[test]
fn startup_problems_and_fatal_notices() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        make_database(dir.path());
        std::fs::write(
            dir.path().join("keymap.toml"),
            "[global]\n\"f2\" = \"make_coffee\"\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("config.toml"), "lock_after = 3\n").unwrap();
        let mut app = TestApp::start(dir.path(), cols, rows, None);
        let screen = app.screen();
        assert!(
            screen.contains("Zeile 2") && screen.contains("Zeile 1"),
            "{screen}"
        );
        snapshot("startup_problems", &mut app);
        app.press(Action::Confirm);
        assert!(app.screen().contains("Anmelden"));

        let foreign = tempfile::tempdir().unwrap();
        std::fs::write(foreign.path().join("mila.redb"), "kein redb").unwrap();
        let mut app = TestApp::start(foreign.path(), cols, rows, None);
        let screen = app.screen();
        assert!(screen.contains("Keine MiLA-Desk-Datenbank"), "{screen}");
        snapshot("notice_foreign", &mut app);
        app.press(Action::Confirm);
        assert_eq!(app.app.exit_code(), Some(1));
    }
}

#[test]
fn a_tiny_terminal_shows_the_notice_and_ignores_keys() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = TestApp::start(dir.path(), 40, 10, None);
    let screen = app.screen();
    assert!(screen.contains("Fenster zu klein"), "{screen}");
    snapshot("too_small", &mut app);
    app.type_text(COORDINATOR);
    app.resize(80, 24);
    let screen = app.screen();
    assert!(screen.contains("Anmelden"), "{screen}");
    assert!(
        !screen.contains(COORDINATOR),
        "typing blind must not fill fields: {screen}"
    );
}

#[test]
fn clicks_select_rows_and_press_buttons() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = TestApp::start(dir.path(), 100, 30, None);
    let screen = app.screen();
    let button_row = screen
        .lines()
        .position(|l| l.contains("[ Anmelden ]"))
        .unwrap() as u16;
    let button_col = screen
        .lines()
        .nth(button_row as usize)
        .unwrap()
        .find("[ Anmelden ]")
        .unwrap() as u16;
    app.type_text(COORDINATOR);
    app.press(Action::Confirm);
    app.type_text(PASSPHRASE);
    app.press(Action::Click {
        col: button_col + 2,
        row: button_row,
    });
    let screen = app.screen();
    assert!(screen.contains("Termine heute"), "{screen}");
    // The second session row of the list, selected by a click.
    let row = screen
        .lines()
        .position(|l| l.contains("Deutschkurs"))
        .unwrap() as u16;
    app.press(Action::Click { col: 10, row });
    let screen = app.screen();
    let line = screen.lines().nth(row as usize).unwrap();
    assert!(line.starts_with(" ▶") || line.starts_with("  ▶"), "{line}");
}

#[test]
fn every_default_binding_is_in_the_hint_bar_or_help() {
    use mila::ui::action::Mode;
    use mila::ui::keymap::Keymap;
    let (keymap, problems) = Keymap::load("default", None);
    assert!(problems.is_empty());
    let mut help_text = String::new();
    for mode in Mode::ALL {
        for section in keymap.help(mode, Lang::De) {
            help_text.push_str(&format!("{section:?}"));
        }
    }
    for action in Action::BINDABLE {
        if keymap.keys_of(Mode::Global, action).is_empty()
            && Mode::ALL
                .iter()
                .all(|m| keymap.keys_of(*m, action).is_empty())
        {
            continue;
        }
        let label = action.label().unwrap().text(Lang::De);
        assert!(
            help_text.contains(label),
            "{action:?} ({label}) is not in the F1 help"
        );
    }
}
