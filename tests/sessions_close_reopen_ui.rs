//! Polish of the sessions after the merge, through the application with a
//! `TestBackend`: the closing note on the check-in and tally header, opening a
//! closed session again from there, and the mouse on the tally and the session
//! choice. Snapshots at 80×24 and 120×40.

mod common;

use common::app::{
    COORDINATOR, DAY, PASSPHRASE, TestApp, VOLUNTEER, VOLUNTEER_PASSPHRASE, make_database,
    with_desk,
};
use mila::desk::{SessionId, SessionState};
use mila::ui::action::Action;
use mila::ui::sanitize::display_width;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const NOTE: &str = "Heizung ausgefallen, um 11 Uhr beendet";

/// Today's sessions (09:00 Sozialberatung, 10:00 Deutschkurs); the German
/// class closed with `note` unless it is `None`. Returns the German class.
fn fixture(dir: &std::path::Path, note: Option<&str>) -> SessionId {
    make_database(dir);
    with_desk(&dir.join("mila.redb"), |desk, login| {
        let id = desk
            .sessions_on(DAY)
            .unwrap()
            .into_iter()
            .find(|s| s.title().starts_with("Deutschkurs"))
            .expect("German class today")
            .id;
        if let Some(note) = note {
            desk.close_session(login, id, note).unwrap();
        }
        id
    })
}

fn start(dir: &std::path::Path, cols: u16, rows: u16, user: &str) -> TestApp {
    let mut app = TestApp::start(dir, cols, rows, None);
    let pass = if user == VOLUNTEER {
        VOLUNTEER_PASSPHRASE
    } else {
        PASSPHRASE
    };
    app.sign_in(user, pass);
    app
}

/// From home: F4 or F5, then the German class (the second session of the day).
fn open_german_class(app: &mut TestApp, main: Action) {
    app.press(main);
    app.press(Action::First);
    app.press(Action::Down);
    app.press(Action::Confirm);
}

fn state(app: &TestApp, session: SessionId) -> SessionState {
    app.app
        .desk()
        .unwrap()
        .session(session)
        .unwrap()
        .record
        .state
}

fn snapshot(name: &str, app: &mut TestApp) {
    let area = app.terminal.backend().buffer().area;
    let name = format!("{name}_{}x{}", area.width, area.height);
    insta::assert_snapshot!(name, app.screen());
}

/// The screen row (0-based) of the first line containing `needle`.
fn row_of(screen: &str, needle: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains(needle))
}

#[test]
fn the_tally_shows_the_closing_note_and_the_coordinator_opens_the_session_again() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let session = fixture(dir.path(), Some(NOTE));
        let mut app = start(dir.path(), cols, rows, COORDINATOR);
        open_german_class(&mut app, Action::Tally);
        let screen = app.screen();
        assert!(screen.contains("Deutschkurs"), "{screen}");
        assert!(screen.contains("(geschlossen)"), "{screen}");
        assert_eq!(
            row_of(&screen, &format!("Abschlussnotiz: {NOTE}")),
            Some(3),
            "{screen}"
        );
        assert!(screen.contains("Alt+O Wieder öffnen"), "{screen}");
        snapshot("tally_closed", &mut app);

        app.press(Action::ReopenSession);
        let screen = app.screen();
        assert!(screen.contains("öffnen?"), "{screen}");
        assert_eq!(state(&app, session), SessionState::Closed, "asks first");
        app.press(Action::Yes);
        let screen = app.screen();
        assert!(screen.contains("Termin wieder geöffnet."), "{screen}");
        assert!(!screen.contains("(geschlossen)"), "{screen}");
        assert!(!screen.contains("Abschlussnotiz"), "{screen}");
        assert!(!screen.contains("Alt+O"), "{screen}");
        assert_eq!(state(&app, session), SessionState::Open);
        // Counting works again right here.
        app.press(Action::TallyAddSelected);
        let counts = app.app.desk().unwrap().session(session).unwrap().tallied();
        assert_eq!(counts, 1);
    }
}

#[test]
fn no_keeps_the_session_closed() {
    let dir = tempfile::tempdir().unwrap();
    let session = fixture(dir.path(), Some(NOTE));
    let mut app = start(dir.path(), 80, 24, COORDINATOR);
    open_german_class(&mut app, Action::Tally);
    app.press(Action::ReopenSession);
    app.press(Action::No);
    let screen = app.screen();
    assert!(!screen.contains("öffnen?"), "{screen}");
    assert!(screen.contains("(geschlossen)"), "{screen}");
    assert_eq!(state(&app, session), SessionState::Closed);
}

#[test]
fn check_in_shows_the_note_and_reopens_for_the_coordinator() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let session = fixture(dir.path(), Some(NOTE));
        let mut app = start(dir.path(), cols, rows, COORDINATOR);
        open_german_class(&mut app, Action::CheckIn);
        let screen = app.screen();
        assert_eq!(
            row_of(&screen, &format!("Abschlussnotiz: {NOTE}")),
            Some(3),
            "{screen}"
        );
        assert!(screen.contains("Alt+O Wieder öffnen"), "{screen}");
        // The field comes after the header, not over it.
        let field = row_of(&screen, "Name oder Nummer").expect("field");
        assert!(field > 3, "{screen}");
        snapshot("check_in_closed", &mut app);

        app.press(Action::ReopenSession);
        app.press(Action::Confirm); // "Yes" is the default: opening again is harmless.
        let screen = app.screen();
        assert!(screen.contains("Termin wieder geöffnet."), "{screen}");
        assert!(!screen.contains("Abschlussnotiz"), "{screen}");
        assert_eq!(state(&app, session), SessionState::Open);
    }
}

#[test]
fn a_volunteer_reads_the_note_and_the_warning_but_cannot_reopen() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let session = fixture(dir.path(), Some(NOTE));
        let mut app = start(dir.path(), cols, rows, VOLUNTEER);
        open_german_class(&mut app, Action::Tally);
        let screen = app.screen();
        assert_eq!(row_of(&screen, "Abschlussnotiz: "), Some(3), "{screen}");
        assert_eq!(
            row_of(&screen, "nur die Koordination kann noch etwas ändern"),
            Some(4),
            "{screen}"
        );
        // The counters move down for the two extra header rows.
        assert_eq!(row_of(&screen, "1 Erwachsene"), Some(6), "{screen}");
        assert!(!screen.contains("Wieder öffnen"), "{screen}");
        snapshot("tally_closed_volunteer", &mut app);

        app.press(Action::ReopenSession);
        let screen = app.screen();
        assert!(screen.contains("nicht zur Verfügung"), "{screen}");
        assert!(!screen.contains("öffnen?"), "{screen}");
        assert_eq!(state(&app, session), SessionState::Closed);
    }
}

#[test]
fn an_open_session_has_no_note_row_and_says_it_is_open() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path(), None);
    let mut app = start(dir.path(), 80, 24, COORDINATOR);
    open_german_class(&mut app, Action::Tally);
    let screen = app.screen();
    assert!(!screen.contains("Abschlussnotiz"), "{screen}");
    assert!(!screen.contains("Wieder öffnen"), "{screen}");
    assert_eq!(row_of(&screen, "1 Erwachsene"), Some(4), "{screen}");
    app.press(Action::ReopenSession);
    assert!(app.screen().contains("Dieser Termin ist offen."));
}

#[test]
fn a_hostile_note_is_sanitised_and_cut_to_one_row() {
    let hostile = format!(
        "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}تجربة Notiz\nzweite Zeile {}",
        "x".repeat(400)
    );
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        fixture(dir.path(), Some(&hostile));
        let mut app = start(dir.path(), cols, rows, COORDINATOR);
        for main in [Action::Tally, Action::CheckIn] {
            open_german_class(&mut app, main);
            let screen = app.screen();
            assert!(!screen.contains('\u{1b}'), "{screen:?}");
            assert!(!screen.contains('\u{202e}'), "{screen:?}");
            assert!(!screen.contains("pwned"), "{screen}");
            let lines: Vec<&str> = screen.lines().collect();
            assert!(lines[3].contains("Abschlussnotiz: "), "{screen}");
            assert!(lines[3].contains("تجربة"), "{screen}");
            assert!(lines[3].ends_with('…'), "{screen}");
            assert!(!lines[4].contains("xxx"), "one row only: {screen}");
            for line in &lines {
                assert!(display_width(line) <= usize::from(cols), "{line}");
            }
            app.press(Action::Back);
        }
    }
}

#[test]
fn a_click_on_a_tally_column_selects_it_without_counting() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let session = fixture(dir.path(), None);
        let mut app = start(dir.path(), cols, rows, COORDINATOR);
        open_german_class(&mut app, Action::Tally);
        let screen = app.screen();
        let row = row_of(&screen, "2 Kinder").expect("children column");
        let line = screen.lines().nth(row).unwrap();
        assert!(line.contains("▶ 1 Erwachsene"), "{line}");
        let col = line
            .chars()
            .position(|c| c == 'K')
            .and_then(|c| u16::try_from(c).ok())
            .unwrap();
        let row = u16::try_from(row).unwrap();
        app.press(Action::Click { col, row });
        let screen = app.screen();
        let line = screen.lines().nth(usize::from(row)).unwrap();
        assert!(line.contains("▶ 2 Kinder"), "{line}");
        assert!(!line.contains("▶ 1 Erwachsene"), "{line}");
        let tallies = |app: &TestApp| -> Vec<u32> {
            let view = app.app.desk().unwrap().session(session).unwrap();
            view.tallies.iter().map(|t| t.count).collect()
        };
        assert_eq!(tallies(&app), [0, 0], "a click never counts");
        app.press(Action::TallyAddSelected);
        assert_eq!(tallies(&app), [0, 1]);

        // A click into the big digits of the first column selects it too.
        app.press(Action::Click {
            col: 5,
            row: row + 2,
        });
        let screen = app.screen();
        assert!(screen.contains("▶ 1 Erwachsene"), "{screen}");

        // The check-ins column is not a counter: the selection stays.
        let checkins = line.rfind("Eingecheckt").unwrap();
        let col = u16::try_from(line[..checkins].chars().count()).unwrap();
        app.press(Action::Click { col, row });
        assert!(app.screen().contains("▶ 1 Erwachsene"));

        // A click on the number field focuses it: digits type there now.
        let screen = app.screen();
        let field_row = row_of(&screen, "Einchecken mit Nummer").unwrap();
        let field_line = screen.lines().nth(field_row).unwrap();
        let field_col = field_line.chars().count() + 2;
        app.press(Action::Click {
            col: u16::try_from(field_col).unwrap(),
            row: u16::try_from(field_row).unwrap(),
        });
        app.type_text("1");
        assert_eq!(tallies(&app), [0, 1], "the digit typed, not counted");
        assert!(!app.screen().contains("▶ 1 Erwachsene"));
    }
}

#[test]
fn a_click_on_a_session_opens_it() {
    for (main, title) in [(Action::CheckIn, "Einchecken"), (Action::Tally, "Zählen")] {
        let dir = tempfile::tempdir().unwrap();
        fixture(dir.path(), None);
        let mut app = start(dir.path(), 80, 24, COORDINATOR);
        app.press(main);
        let screen = app.screen();
        assert!(screen.contains("Termin wählen"), "{screen}");
        // Outside the list: nothing happens.
        app.press(Action::Click { col: 2, row: 2 });
        assert!(app.screen().contains("Termin wählen"));
        let row = row_of(&screen, "Deutschkurs").unwrap();
        app.press(Action::Click {
            col: 10,
            row: u16::try_from(row).unwrap(),
        });
        let screen = app.screen();
        assert!(!screen.contains("Termin wählen"), "{screen}");
        assert!(screen.lines().next().unwrap().contains(title), "{screen}");
        assert!(
            screen.lines().nth(1).unwrap().contains("Deutschkurs"),
            "{screen}"
        );
    }
}

#[test]
fn a_new_time_moves_todays_session_with_its_check_ins() {
    let dir = tempfile::tempdir().unwrap();
    let session = fixture(dir.path(), None);
    with_desk(&dir.path().join("mila.redb"), |desk, login| {
        let mut data = mila::desk::PersonalData::default();
        data.name = "Testa Beispiel".into();
        data.consent.day = mila::desk::day_key(DAY);
        data.consent.text_version = "2026-1".into();
        data.consent.store_at_mila = true;
        let no = desk.register_visitor(login, &data, false, None).unwrap();
        desk.check_in(login, session, no).unwrap();
    });
    let mut app = start(dir.path(), 80, 24, COORDINATOR);
    app.press(Action::Offerings);
    app.press(Action::First);
    for _ in 0..40 {
        let screen = app.screen();
        if screen
            .lines()
            .any(|l| l.contains('▶') && l.contains("Deutschkurs"))
        {
            break;
        }
        app.press(Action::Down);
    }
    app.press(Action::EditItem);
    let form = app.screen();
    assert!(form.contains("10:00") && form.contains("12:00"), "{form}");
    // The start time: the sixth field after the name in a weekly offering.
    for _ in 0..6 {
        app.press(Action::NextField);
    }
    app.press(Action::ClearField);
    app.type_text("10:30");
    app.press(Action::Save);
    let screen = app.screen();
    assert!(
        screen.contains("heutiger Termin jetzt 10:30–12:00, Zählung bleibt."),
        "{screen}"
    );
    app.press(Action::NextField);
    let screen = app.screen();
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("Deutschkurs"))
        .collect();
    assert_eq!(rows.len(), 1, "{screen}");
    assert!(rows[0].contains("10:30–12:00"), "{screen}");
    assert!(rows[0].contains("offen"), "{screen}");
    let view = app.app.desk().unwrap().session(session).unwrap();
    assert_eq!(view.checkins, 1);
    assert_eq!(view.record.start.to_string(), "10:30:00");
}
