//! What a walk through a whole day at the desk found, each fixed and held here: the
//! application driven with actions on a `TestBackend`, asserting on what staff see and on
//! what the desk stored.

mod common;

use common::app::{
    COORDINATOR, DAY, PASSPHRASE, TestApp, VOLUNTEER, VOLUNTEER_PASSPHRASE, make_database,
    with_desk,
};
use mila::desk::{Answer, BirthDate, Consent, PersonalData, SessionId, VisitorNo, day_key};
use mila::ui::action::Action;

fn person(name: &str) -> PersonalData {
    let mut data = PersonalData::default();
    data.name = name.into();
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

/// Two visitors, M-0001 Testa Beispiel and M-0002 Erika Musterfrau; today's sessions made.
fn fixture(dir: &std::path::Path) {
    make_database(dir);
    with_desk(&dir.join("mila.redb"), |desk, login| {
        for name in ["Testa Beispiel", "Erika Musterfrau"] {
            desk.register_visitor(login, &person(name), true, None)
                .unwrap();
        }
        desk.sessions_on(DAY).unwrap();
    });
}

fn german_class(app: &TestApp) -> SessionId {
    app.app
        .desk()
        .unwrap()
        .sessions_on(DAY)
        .unwrap()
        .into_iter()
        .find(|s| s.title().starts_with("Deutschkurs"))
        .expect("German class today")
        .id
}

fn checked_in(app: &TestApp, session: SessionId) -> Vec<VisitorNo> {
    app.app.desk().unwrap().checked_in(session).unwrap()
}

/// Signed in, on the check-in screen of the German class (the second session of the day).
fn check_in_screen(dir: &std::path::Path, user: &str, pass: &str) -> TestApp {
    let mut app = TestApp::start(dir, 80, 24, None);
    app.sign_in(user, pass);
    app.press(Action::CheckIn);
    app.press(Action::First);
    app.press(Action::Down);
    app.press(Action::Confirm);
    assert!(app.screen().contains("Deutschkurs"), "{}", app.screen());
    app
}

#[test]
fn an_unknown_number_does_not_run_into_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut app = check_in_screen(dir.path(), VOLUNTEER, VOLUNTEER_PASSPHRASE);
    let session = german_class(&app);
    app.type_text("99");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(
        screen.contains("Keine Besucher*in mit der Nummer M-0099."),
        "{screen}"
    );
    // The next card's number, typed straight away, is checked in as it is.
    app.type_text("1");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(!screen.contains("M-0991"), "{screen}");
    assert_eq!(checked_in(&app, session), vec![1]);
}

#[test]
fn a_walk_in_found_nowhere_is_registered_under_the_name_typed_and_checked_in() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut app = check_in_screen(dir.path(), COORDINATOR, PASSPHRASE);
    let session = german_class(&app);
    app.type_text("Max Neumann");
    // Nobody of that name: at most people who only resemble it, marked so.
    let screen = app.screen();
    assert!(
        screen.contains("Niemand gefunden") || screen.contains("(ähnlich)"),
        "{screen}"
    );
    app.press(Action::NewItem);
    // The name is already in the form.
    give_consent(&mut app);
    let screen = app.screen();
    assert!(screen.contains("Schritt 2 von 8"), "{screen}");
    assert!(screen.contains("Max Neumann"), "{screen}");
    app.press(Action::Save);
    // The number, large, as after F2; Enter goes back to the check-in.
    let screen = app.screen();
    assert!(screen.contains("Besuchsnummer M-0003"), "{screen}");
    assert!(
        screen.contains("M-0003") && screen.contains("eingecheckt"),
        "{screen}"
    );
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Einchecken"), "{screen}");
    assert!(screen.contains("M-0003  Max Neumann"), "{screen}");
    assert_eq!(checked_in(&app, session), vec![3]);
    let card = with_card(&app, 3);
    assert_eq!(card.name, "Max Neumann");
}

#[test]
fn a_number_typed_into_the_check_in_search_is_not_taken_for_a_name() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut app = check_in_screen(dir.path(), COORDINATOR, PASSPHRASE);
    app.type_text("0511 4711");
    app.press(Action::NewItem);
    give_consent(&mut app);
    let screen = app.screen();
    assert!(screen.contains("Schritt 2 von 8"), "{screen}");
    assert!(!screen.contains("4711"), "{screen}");
}

/// Consent explained in the first language and given; on to the person page.
fn give_consent(app: &mut TestApp) {
    app.press(Action::Right);
    app.press(Action::NextField);
    app.press(Action::Right);
    app.press(Action::NextStep);
}

fn with_card(app: &TestApp, no: VisitorNo) -> PersonalData {
    let desk = app.app.desk().unwrap();
    let login = desk
        .login(COORDINATOR, &mila::vault::Passphrase::new(PASSPHRASE))
        .unwrap();
    desk.visitor_card(&login, no).unwrap().data
}

/// On the person page with the nationality question focused.
fn at_nationality() -> (tempfile::TempDir, TestApp) {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::NewIntake);
    give_consent(&mut app);
    for _ in 0..5 {
        app.press(Action::NextField);
    }
    assert!(
        app.screen().contains("▸ Staatsangehörigkeit ◀"),
        "{}",
        app.screen()
    );
    (dir, app)
}

#[test]
fn letters_typed_in_a_row_find_the_country_they_begin() {
    let (_dir, mut app) = at_nationality();
    app.type_text("Syr");
    let screen = app.screen();
    assert!(screen.contains("◀ Syrien ▶"), "{screen}");
    // Left/Right start the letters over: "T" after them is Türkei, not "SyrT".
    app.press(Action::Left);
    app.type_text("t");
    assert!(app.screen().contains("◀ Türkei ▶"), "{}", app.screen());
}

#[test]
fn the_same_letter_again_goes_to_the_next_country_with_it() {
    let (_dir, mut app) = at_nationality();
    app.type_text("s");
    assert!(app.screen().contains("◀ Serbien ▶"), "{}", app.screen());
    app.type_text("s");
    assert!(app.screen().contains("◀ Somalia ▶"), "{}", app.screen());
    app.type_text("u");
    assert!(app.screen().contains("◀ Sudan ▶"), "{}", app.screen());
}

#[test]
fn an_error_on_one_screen_is_not_shown_on_the_next() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut app = check_in_screen(dir.path(), VOLUNTEER, VOLUNTEER_PASSPHRASE);
    app.type_text("99");
    app.press(Action::Confirm);
    assert!(app.screen().contains("M-0099"), "{}", app.screen());
    app.press(Action::Back);
    let screen = app.screen();
    assert!(screen.contains("Termine heute"), "{screen}");
    assert!(!screen.contains("M-0099"), "{screen}");
    // A message said by the step that changes the screen stays: the one about locking.
    app.press(Action::Lock);
    let screen = app.screen();
    assert!(screen.contains("Gesperrt"), "{screen}");
    assert!(screen.contains("aus dem Speicher entfernt"), "{screen}");
}

#[test]
fn what_is_missing_is_said_in_full_at_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::NewIntake);
    let screen = app.screen();
    assert!(
        screen.contains("←/→ wählt, Leertaste kreuzt an."),
        "{screen}"
    );
    app.press(Action::Save);
    // The earliest page with a problem is shown.
    let screen = app.screen();
    assert!(screen.contains("Schritt 1 von 8"), "{screen}");
    assert!(
        screen.contains("✗ Bitte Ja oder Nein wählen (←/→)."),
        "{screen}"
    );
    give_consent(&mut app);
    app.press(Action::Save);
    let screen = app.screen();
    assert!(screen.contains("✗ Bitte einen Namen eingeben."), "{screen}");
    assert!(!screen.contains('…'), "{screen}");
}

#[test]
fn a_tall_home_screen_lists_more_short_intakes_to_complete() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let names = [
        "Testa Eins",
        "Testa Zwei",
        "Testa Drei",
        "Testa Vier",
        "Testa Fünf",
    ];
    with_desk(&dir.path().join("mila.redb"), |desk, login| {
        for name in names {
            desk.register_visitor(login, &person(name), false, None)
                .unwrap();
        }
    });
    for (cols, rows, shown) in [(80, 24, 3), (120, 40, 5)] {
        let mut app = TestApp::start(dir.path(), cols, rows, None);
        app.sign_in(COORDINATOR, PASSPHRASE);
        let screen = app.screen();
        assert!(screen.contains("Unvollständige Aufnahmen (5)"), "{screen}");
        let listed = names.iter().filter(|n| screen.contains(*n)).count();
        assert_eq!(listed, shown, "{cols}x{rows}:\n{screen}");
        // The menu is still whole.
        assert!(screen.contains("F10  Beenden"), "{screen}");
    }
}

#[test]
fn a_closed_session_offers_no_keys_that_would_only_fail() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    with_desk(&dir.path().join("mila.redb"), |desk, login| {
        let class = desk
            .sessions_on(DAY)
            .unwrap()
            .into_iter()
            .find(|s| s.title().starts_with("Deutschkurs"))
            .unwrap();
        desk.close_session(login, class.id, "").unwrap();
    });
    for main in [Action::Tally, Action::CheckIn] {
        let mut app = TestApp::start(dir.path(), 80, 24, None);
        app.sign_in(VOLUNTEER, VOLUNTEER_PASSPHRASE);
        app.press(main);
        app.press(Action::First);
        app.press(Action::Down);
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(screen.contains("Dieser Termin ist geschlossen"), "{screen}");
        let hints = screen.lines().last().unwrap_or_default();
        assert!(hints.contains("Esc Zurück"), "{screen}");
        for gone in ["+1", "Termin schließen", "Rückgängig", "Enter OK"] {
            assert!(!screen.contains(gone), "{gone}:\n{screen}");
        }
    }
    // The coordinator may still change it, and is offered the keys.
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::Tally);
    app.press(Action::First);
    app.press(Action::Down);
    app.press(Action::Confirm);
    assert!(app.screen().contains("+1"), "{}", app.screen());
}

#[test]
fn esc_in_the_day_note_keeps_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::DaySummary);
    app.press(Action::NextField);
    app.press(Action::NextField);
    app.type_text("Heizung kalt");
    app.press(Action::Back);
    let screen = app.screen();
    assert!(screen.contains("Notiz des Tages  Heizung kalt"), "{screen}");
    // Leaving now asks; "No" keeps the note, and Enter in it saves it.
    app.press(Action::Back);
    assert!(app.screen().contains("verwerfen?"), "{}", app.screen());
    app.press(Action::No);
    app.press(Action::NextField);
    app.press(Action::NextField);
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Notiz des Tages gespeichert."), "{screen}");
    assert_eq!(
        app.app.desk().unwrap().day_note(DAY).unwrap(),
        "Heizung kalt"
    );
}

#[test]
fn a_day_without_sessions_says_how_to_add_one_where_allowed() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    with_desk(&dir.path().join("mila.redb"), |desk, login| {
        for (id, mut offering) in desk.offerings().unwrap() {
            offering.archived = true;
            desk.save_offering(login, Some(id), &offering).unwrap();
        }
    });
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::CheckIn);
    let screen = app.screen();
    assert!(
        screen.contains("Heute sind keine Termine geplant."),
        "{screen}"
    );
    assert!(
        screen.contains("Einen Einzeltermin anlegen: F7 Angebote, dann Tab zu „Termine“."),
        "{screen}"
    );
    let hints = screen.lines().last().unwrap_or_default();
    assert!(hints.contains("F7 Angebote"), "{screen}");
    assert!(!hints.contains("Enter OK"), "{screen}");
    // The key it names goes there.
    app.press(Action::Offerings);
    assert!(
        app.screen().contains("Tab: Angebote ↔ Termine"),
        "{}",
        app.screen()
    );
    drop(app);

    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in(VOLUNTEER, VOLUNTEER_PASSPHRASE);
    app.press(Action::Tally);
    let screen = app.screen();
    assert!(
        screen.contains("Heute sind keine Termine geplant."),
        "{screen}"
    );
    assert!(!screen.contains("Einzeltermin"), "{screen}");
    assert!(!screen.contains("F7"), "{screen}");
}

#[test]
fn a_lock_keeps_unsaved_input_sealed_for_its_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::NewIntake);
    give_consent(&mut app);
    app.type_text("Testa Beispiel");
    app.press(Action::Lock);
    let screen = app.screen();
    assert!(
        screen.contains("Gesperrt. Nicht gespeicherte Eingaben sind verschlüsselt aufbewahrt"),
        "{screen}"
    );
    assert!(!screen.contains("Testa"), "{screen}");

    // Someone else signs in at the desk: Start, and a word that the draft waits.
    app.press(Action::PrevField);
    app.press(Action::ClearField);
    app.sign_in(VOLUNTEER, VOLUNTEER_PASSPHRASE);
    let screen = app.screen();
    assert!(screen.contains("Termine heute"), "{screen}");
    assert!(
        screen.contains("Nicht gespeicherte Eingaben von koordination bleiben für koordination"),
        "{screen}"
    );
    assert!(!screen.contains("Testa"), "{screen}");
    app.press(Action::Lock);

    // Its owner gets the form back as it was, and saving it works.
    app.press(Action::PrevField);
    app.press(Action::ClearField);
    app.sign_in(COORDINATOR, PASSPHRASE);
    let screen = app.screen();
    assert!(screen.contains("Testa Beispiel"), "{screen}");
    assert!(screen.contains("Schritt 2 von 8"), "{screen}");
    assert!(screen.contains("wieder da"), "{screen}");
    app.press(Action::Save);
    assert!(app.screen().contains("M-0001"), "{}", app.screen());

    // Nothing typed: the usual sentence, and unlocking returns to Start.
    app.press(Action::Confirm);
    app.press(Action::Lock);
    let screen = app.screen();
    assert!(
        screen.contains("Gesperrt. Persönliche Daten wurden aus dem Speicher entfernt."),
        "{screen}"
    );
}

#[test]
fn a_sealed_draft_holds_no_plaintext_and_opens_only_for_its_owner() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let mut desk = mila::desk::Desk::open(&path).unwrap();
    desk.pin_today(DAY);
    let coordinator = desk
        .login(COORDINATOR, &mila::vault::Passphrase::new(PASSPHRASE))
        .unwrap();
    let volunteer = desk
        .login(
            VOLUNTEER,
            &mila::vault::Passphrase::new(VOLUNTEER_PASSPHRASE),
        )
        .unwrap();
    let typed = ("Testa Beispiel".to_string(), 1985u32);
    let draft = coordinator.seal_draft(&typed, DAY).unwrap();
    assert_eq!(draft.owner(), COORDINATOR);
    let bytes = draft.ciphertext();
    assert!(
        !bytes.windows(5).any(|w| w == b"Testa"),
        "plaintext in the sealed draft"
    );
    assert!(!format!("{draft:?}").contains("Testa"));
    assert!(volunteer.open_draft::<(String, u32)>(&draft).is_err());
    // A volunteer has no data key, so nothing of theirs is sealed either.
    assert!(volunteer.seal_draft(&typed, DAY).is_err());
    assert_eq!(
        coordinator.open_draft::<(String, u32)>(&draft).unwrap(),
        typed
    );
}

#[test]
fn the_idle_lock_keeps_the_draft_too() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::NewIntake);
    give_consent(&mut app);
    app.type_text("Testa Beispiel");
    app.now += std::time::Duration::from_secs(6 * 60);
    let now = app.now;
    app.app.tick(now);
    let screen = app.screen();
    assert!(screen.contains("verschlüsselt aufbewahrt"), "{screen}");
    assert!(!screen.contains("Testa"), "{screen}");
    app.type_text(PASSPHRASE);
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Testa Beispiel"), "{screen}");
    assert!(screen.contains("Schritt 2 von 8"), "{screen}");
}
