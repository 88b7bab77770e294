//! Check-in, quick tally and closing a session, through the application with a
//! `TestBackend`: content assertions and snapshots at 80×24 and 120×40.

mod common;

use common::app::{
    COORDINATOR, DAY, PASSPHRASE, TestApp, VOLUNTEER, VOLUNTEER_PASSPHRASE, make_database,
    with_desk,
};
use mila::desk::{Answer, BirthDate, Consent, PersonalData, SessionId, VisitorNo, day_key};
use mila::ui::action::Action;
use mila::ui::catalog::Lang;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Every part of a fixture name, so no test can miss one on a volunteer's screen.
const NAME_PARTS: [&str; 8] = [
    "Testa",
    "Beispiel",
    "Erika",
    "Musterfrau",
    "Max",
    "Mustermann",
    "تجربة",
    "Feindlich",
];

fn person(name: &str, latin: &str) -> PersonalData {
    let mut data = PersonalData::default();
    data.name = name.into();
    data.name_latin = latin.into();
    data.birth = Answer::Given(BirthDate {
        year: 1990,
        month_day: None,
    });
    data.consent = Consent {
        day: day_key(DAY),
        text_version: "2026-1".into(),
        explained_in: None,
        store_at_mila: true,
        pass_to_partners: Vec::new(),
    };
    data
}

/// Four visitors: M-0001 Testa Beispiel; M-0002 Erika Musterfrau and M-0003 Max
/// Mustermann in one household; M-0004 with an Arabic name and a hostile Latin one.
fn fixture(dir: &std::path::Path) {
    make_database(dir);
    with_desk(&dir.join("mila.redb"), |desk, login| {
        desk.register_visitor(login, &person("Testa Beispiel", ""), true, None)
            .unwrap();
        let erika = desk
            .register_visitor(login, &person("Erika Musterfrau", ""), true, None)
            .unwrap();
        desk.register_visitor(login, &person("Max Mustermann", ""), true, Some(erika))
            .unwrap();
        desk.register_visitor(
            login,
            &person(
                "تجربة",
                &format!("Feindlich\u{1b}[2J\u{202e}{}", "x".repeat(150)),
            ),
            true,
            None,
        )
        .unwrap();
        // Materialise today's sessions: 09:00 Sozialberatung, 10:00 Deutschkurs.
        desk.sessions_on(DAY).unwrap();
    });
}

fn german_class(dir: &std::path::Path) -> SessionId {
    with_desk(&dir.join("mila.redb"), |desk, _| {
        desk.sessions_on(DAY)
            .unwrap()
            .into_iter()
            .find(|s| s.title().starts_with("Deutschkurs"))
            .expect("German class today")
            .id
    })
}

/// What the desk of the running app holds (the file is open in the app).
fn checked_in(app: &TestApp, session: SessionId) -> Vec<VisitorNo> {
    app.app.desk().unwrap().checked_in(session).unwrap()
}

fn counts(app: &TestApp, session: SessionId) -> Vec<u32> {
    app.app
        .desk()
        .unwrap()
        .session(session)
        .unwrap()
        .tallies
        .iter()
        .map(|t| t.count)
        .collect()
}

fn start(dir: &std::path::Path, cols: u16, rows: u16, lang: Option<Lang>, user: &str) -> TestApp {
    let mut app = TestApp::start(dir, cols, rows, lang);
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

fn snapshot(name: &str, app: &mut TestApp) {
    let area = app.terminal.backend().buffer().area;
    let name = format!("{name}_{}x{}", area.width, area.height);
    insta::assert_snapshot!(name, app.screen());
}

#[test]
fn check_in_by_name_shows_confirmation_and_list() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        fixture(dir.path());
        let session = german_class(dir.path());
        let mut app = start(dir.path(), cols, rows, None, COORDINATOR);
        open_german_class(&mut app, Action::CheckIn);
        let screen = app.screen();
        assert!(screen.contains("Deutschkurs"), "{screen}");
        assert!(screen.contains("Noch niemand eingecheckt."), "{screen}");
        app.type_text("testa");
        let screen = app.screen();
        assert!(screen.contains("M-0001  Testa Beispiel"), "{screen}");
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(
            screen.contains("M-0001  Testa Beispiel eingecheckt."),
            "{screen}"
        );
        assert!(screen.contains("Eingecheckt (1)"), "{screen}");
        assert_eq!(checked_in(&app, session), [1]);
        app.type_text("Tes");
        snapshot("check_in", &mut app);

        // What a volunteer sees of the same session: numbers only.
        drop(app);
        let mut app = start(dir.path(), cols, rows, None, VOLUNTEER);
        app.press(Action::CheckIn);
        snapshot("pick_session", &mut app);
        app.press(Action::Down);
        app.press(Action::Confirm);
        app.type_text("4");
        let screen = app.screen();
        assert!(screen.contains("M-0001"), "{screen}");
        assert!(!screen.contains("Testa"), "{screen}");
        snapshot("check_in_volunteer", &mut app);
    }
}

#[test]
fn the_same_visitor_twice_is_one_check_in() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let session = german_class(dir.path());
    let mut app = start(dir.path(), 80, 24, None, COORDINATOR);
    open_german_class(&mut app, Action::CheckIn);
    app.type_text("M-0001");
    app.press(Action::Confirm);
    app.type_text("1");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(
        screen.contains("ist schon eingecheckt – wird nicht doppelt gezählt"),
        "{screen}"
    );
    assert!(screen.contains("Eingecheckt (1)"), "{screen}");
    assert_eq!(checked_in(&app, session), [1]);
    // And through the tally screen's number field too.
    app.press(Action::Back);
    open_german_class(&mut app, Action::Tally);
    app.press(Action::NextField);
    app.type_text("1");
    app.press(Action::Confirm);
    assert!(app.screen().contains("nicht doppelt gezählt"));
    assert_eq!(checked_in(&app, session), [1]);
}

#[test]
fn a_household_checks_in_in_one_step_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let session = german_class(dir.path());
    let mut app = start(dir.path(), 80, 24, None, COORDINATOR);
    open_german_class(&mut app, Action::CheckIn);
    app.type_text("Erika");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Mit Familie einchecken"), "{screen}");
    assert!(screen.contains("[x] M-0002  Erika Musterfrau"), "{screen}");
    assert!(screen.contains("[x] M-0003  Max Mustermann"), "{screen}");
    snapshot("household", &mut app);
    // Max stays at home today.
    app.press(Action::Down);
    app.press(Action::Toggle);
    app.press(Action::Confirm);
    assert_eq!(checked_in(&app, session), [2]);
    // Next time both come; Erika is not counted twice.
    app.type_text("Max");
    app.press(Action::Confirm);
    app.press(Action::Confirm);
    assert_eq!(checked_in(&app, session), [2, 3]);
    let screen = app.screen();
    assert!(
        screen.contains("M-0003  Max Mustermann eingecheckt."),
        "{screen}"
    );
    app.press(Action::Undo);
    assert_eq!(checked_in(&app, session), [2]);
    app.press(Action::Undo);
    assert_eq!(checked_in(&app, session), Vec::<VisitorNo>::new());
    assert!(app.screen().contains("Nichts") || app.screen().contains("zurückgenommen"));
}

#[test]
fn a_bad_or_unknown_number_is_refused_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut app = start(dir.path(), 80, 24, None, VOLUNTEER);
    open_german_class(&mut app, Action::CheckIn);
    app.type_text("M-9999");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(
        screen.contains("Keine Besucher*in mit der Nummer M-9999."),
        "{screen}"
    );
    app.press(Action::ClearField);
    app.type_text("abc");
    app.press(Action::Confirm);
    assert!(app.screen().contains("Keine gültige Besuchsnummer"));
}

#[test]
fn tally_counts_never_below_zero_and_undo() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        fixture(dir.path());
        let session = german_class(dir.path());
        let mut app = start(dir.path(), cols, rows, None, VOLUNTEER);
        open_german_class(&mut app, Action::Tally);
        for _ in 0..12 {
            app.press(Action::TallyAdd1);
        }
        app.press(Action::TallyRemove2); // already zero: stays zero
        for _ in 0..3 {
            app.press(Action::TallyAdd2);
        }
        app.press(Action::Right);
        app.press(Action::TallyRemoveSelected);
        assert_eq!(counts(&app, session), [12, 2]);
        app.press(Action::Undo);
        assert_eq!(counts(&app, session), [12, 3]);
        app.press(Action::Left);
        app.press(Action::TallyAddSelected);
        assert_eq!(counts(&app, session), [13, 3]);
        // A check-in by number, from the tally screen.
        app.press(Action::NextField);
        app.type_text("2");
        app.press(Action::Confirm);
        app.press(Action::NextField);
        let screen = app.screen();
        assert!(screen.contains("1 Erwachsene: 13"), "{screen}");
        assert!(screen.contains("2 Kinder: 3"), "{screen}");
        assert!(screen.contains("Eingecheckt: 1"), "{screen}");
        assert!(
            screen.contains("Gesamt: 17 = 1 eingecheckt + 16 gezählt"),
            "{screen}"
        );
        assert!(screen.contains("niemand doppelt"), "{screen}");
        assert_eq!(checked_in(&app, session), [2]);
        snapshot("tally", &mut app);
    }
}

#[test]
fn english_tally_and_check_in() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut app = start(dir.path(), 80, 24, Some(Lang::En), COORDINATOR);
    open_german_class(&mut app, Action::Tally);
    app.press(Action::TallyAdd1);
    app.press(Action::TallyAdd2);
    let screen = app.screen();
    assert!(
        screen.contains("1 Adults: 1") || screen.contains(": 1"),
        "{screen}"
    );
    assert!(
        screen.contains("Total: 2 = 0 checked in + 2 counted"),
        "{screen}"
    );
    snapshot("tally_en", &mut app);
    app.press(Action::Back);
    open_german_class(&mut app, Action::CheckIn);
    app.type_text("erika");
    snapshot("check_in_en", &mut app);
}

#[test]
fn enter_on_a_session_at_home_opens_its_check_in() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut app = start(dir.path(), 80, 24, None, VOLUNTEER);
    app.press(Action::Down);
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Einchecken"), "{screen}");
    assert!(screen.contains("Deutschkurs"), "{screen}");
    assert!(screen.contains("Besuchsnummer"), "{screen}");
    // The tally keeps its own key.
    app.press(Action::Back);
    app.press(Action::Tally);
    assert!(app.screen().contains("Termin wählen"), "{}", app.screen());
}

#[test]
fn a_closed_session_is_read_only_except_for_the_coordinator() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let session = german_class(dir.path());
    let mut app = start(dir.path(), 80, 24, None, VOLUNTEER);
    open_german_class(&mut app, Action::Tally);
    app.press(Action::TallyAdd1);
    app.press(Action::CloseSession);
    app.type_text("Ruhiger Vormittag");
    snapshot("close", &mut app);
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Termin geschlossen."), "{screen}");
    assert!(screen.contains("nur die Koordination"), "{screen}");
    app.press(Action::TallyAdd1);
    let screen = app.screen();
    assert!(
        screen.contains("Dieser Termin ist geschlossen; nur die Koordination"),
        "{screen}"
    );
    assert_eq!(counts(&app, session), [1, 0]);
    drop(app);
    with_desk(&dir.path().join("mila.redb"), |desk, _| {
        let s = desk.session(session).unwrap();
        assert_eq!(s.record.note, "Ruhiger Vormittag");
        assert_eq!(s.record.closed_by.as_deref(), Some(VOLUNTEER));
    });

    // The coordinator may still correct it.
    let mut app = start(dir.path(), 80, 24, None, COORDINATOR);
    open_german_class(&mut app, Action::Tally);
    app.press(Action::TallyAdd1);
    assert_eq!(counts(&app, session), [2, 0]);
}

/// Everything a volunteer can reach, key by key, never shows a fixture name.
#[test]
fn a_volunteer_never_sees_a_name() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    // Names already checked in (by the coordinator) must not show either.
    with_desk(&dir.path().join("mila.redb"), |desk, login| {
        for s in desk.sessions_on(DAY).unwrap() {
            desk.check_in_many(login, s.id, &[1, 2, 3, 4]).unwrap();
        }
    });
    let mut app = start(dir.path(), 120, 40, None, VOLUNTEER);
    let mut seen = 0;
    let mut family_dialogs = 0;
    let mut check = |app: &mut TestApp, what: &str| {
        let screen = app.screen();
        if screen.contains("Mit Familie einchecken") {
            assert!(screen.contains("[x] M-0002"), "{screen}");
            family_dialogs += 1;
        }
        for part in NAME_PARTS {
            assert!(
                !screen.contains(part),
                "{part} shown to a volunteer at {what}:\n{screen}"
            );
        }
        seen += 1;
    };
    check(&mut app, "home");
    let mains = [
        Action::NewIntake,
        Action::FindVisitor,
        Action::CheckIn,
        Action::Tally,
        Action::DaySummary,
        Action::Offerings,
        Action::Admin,
    ];
    let walk = [
        Action::Down,
        Action::Confirm,
        Action::Input('3'),
        Action::Confirm,
        Action::Down,
        Action::Toggle,
        Action::Confirm,
        Action::Input('1'),
        Action::Input('2'),
        Action::Confirm,
        Action::Input('E'),
        Action::Input('r'),
        Action::Input('i'),
        Action::Confirm,
        Action::NextField,
        Action::Input('3'),
        Action::Confirm,
        Action::Toggle,
        Action::Confirm,
        Action::Undo,
        Action::NewItem,
        Action::EditItem,
        Action::Right,
        Action::Confirm,
        Action::TallyAdd1,
        Action::Help,
        Action::Back,
        Action::CloseSession,
        Action::Back,
        Action::Back,
    ];
    for main in &mains {
        for session in 0..2 {
            app.press(main.clone());
            check(&mut app, &format!("{main:?}"));
            for _ in 0..session {
                app.press(Action::Down);
            }
            for step in &walk {
                app.press(step.clone());
                check(&mut app, &format!("{main:?} then {step:?}"));
            }
        }
    }
    // Home again, and Enter on each session.
    for i in 0..2 {
        app.press(Action::Back);
        app.press(Action::Back);
        app.press(Action::First);
        for _ in 0..i {
            app.press(Action::Down);
        }
        app.press(Action::Confirm);
        check(&mut app, "tally from home");
        for step in &walk {
            app.press(step.clone());
            check(&mut app, &format!("home tally then {step:?}"));
        }
    }
    assert!(seen > 100);
    assert!(family_dialogs > 0, "the household dialog was never reached");
    // The volunteer did reach the check-in screen and the checked-in numbers.
    app.press(Action::CheckIn);
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("M-0001"), "{screen}");
    assert!(screen.contains("M-0004"), "{screen}");
}

/// A name with escape sequences, bidi controls and 150 letters stays on its row.
#[test]
fn a_hostile_name_renders_sanitised_in_place() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut app = start(dir.path(), 80, 24, None, COORDINATOR);
    open_german_class(&mut app, Action::CheckIn);
    app.type_text("M-0004");
    let before = app.screen();
    app.press(Action::Confirm);
    let screen = app.screen();
    for shown in [&before, &screen] {
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
            "{shown}"
        );
        assert_eq!(shown.lines().count(), 24, "{shown}");
        for line in shown.lines() {
            assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
        }
    }
    assert!(before.contains("M-0004  تجربة (Feindlich"), "{before}");
    assert!(screen.contains("Eingecheckt (1)"), "{screen}");
    // The hint bar is still in its place at the bottom.
    assert!(
        screen.lines().last().unwrap_or("").contains("Hilfe"),
        "{screen}"
    );
}
