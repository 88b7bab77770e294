//! Sprachvermittlung through the application with `TestBackend`: the pool in
//! F8, who can mediate on the visitor card, a request from the card in a few
//! keys, the list of open requests with suggestions, done and not met, and
//! bad input in the forms. Snapshots at 80×24 and 120×40.

mod common;

use common::app::{COORDINATOR, DAY, PASSPHRASE, TestApp, make_database, with_desk};
use common::desk::person;
use mila::desk::mediation_text::parse_availability;
use mila::desk::*;
use mila::ui::action::Action;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
/// The pool is the last entry of the F8 hub.
const POOL_ENTRY_DOWN: usize = 6;

fn snapshot(name: &str, app: &mut TestApp) {
    let (cols, rows) = {
        let area = app.terminal.backend().buffer().area;
        (area.width, area.height)
    };
    insta::assert_snapshot!(format!("{name}_{cols}x{rows}"), app.screen());
}

/// Looks into the database the running application holds open.
fn check<T>(app: &TestApp, f: impl FnOnce(&Desk, &Login) -> T) -> T {
    let desk = app.app.desk().expect("desk");
    let login = desk
        .login(COORDINATOR, &mila::vault::Passphrase::new(PASSPHRASE))
        .expect("login");
    f(desk, &login)
}

fn coordinator_app(dir: &std::path::Path, cols: u16, rows: u16) -> TestApp {
    let mut app = TestApp::start(dir, cols, rows, None);
    app.sign_in(COORDINATOR, PASSPHRASE);
    app
}

fn open_pool(app: &mut TestApp) {
    app.press(Action::Admin);
    app.press(Action::First);
    for _ in 0..POOL_ENTRY_DOWN {
        app.press(Action::Down);
    }
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Dolmetscherpool"), "{screen}");
}

/// A pool member who speaks Tigrinya on Thursdays (DAY is a Thursday), and a
/// visitor without German who speaks Tigrinya and Oromo.
fn pool_and_visitor(path: &std::path::Path) -> VisitorNo {
    with_desk(path, |desk, login| {
        let tigrinya = desk.language_by_label("Tigrinya").unwrap();
        desk.add_pool_member(
            login,
            &PoolInput {
                contact: PoolContact {
                    name: "Testdolmetscherin Almaz".into(),
                    phone: "0511 000001".into(),
                    email: String::new(),
                    note: String::new(),
                },
                account: None,
                languages: vec![PoolLanguage {
                    language: tigrinya,
                    level: LanguageLevel::Native,
                }],
                available: parse_availability("Do 09-13").unwrap(),
            },
        )
        .unwrap();
        let mut data = person("Testbesucher Karte", "", 1991);
        data.languages = Answer::Given(vec![tigrinya, desk.language_by_label("Oromo").unwrap()]);
        data.german_level = Answer::Given(GermanLevel::None);
        desk.register_visitor(login, &data, true, None).unwrap()
    })
}

#[test]
fn the_pool_is_kept_in_f8_and_bad_input_is_explained() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        make_database(dir.path());
        let mut app = coordinator_app(dir.path(), cols, rows);
        open_pool(&mut app);
        assert!(app.screen().contains("Noch niemand im Pool"));
        app.press(Action::NewItem);
        app.type_text("Testdolmetscher Dawit");
        app.press(Action::NextField);
        app.type_text("Klingonisch:gut");
        app.press(Action::NextField);
        app.type_text("Do 09-12, Mo");
        app.press(Action::Save);
        let screen = app.screen();
        assert!(screen.contains("nicht in der Sprachenliste"), "{screen}");
        snapshot("pool_form_unknown_language", &mut app);
        let empty = check(&app, |desk, login| desk.pool(login).unwrap().len());
        assert_eq!(empty, 0, "nothing stored");

        // Back to the languages field, fix it, save.
        app.press(Action::ClearField);
        app.type_text("Tigrinya:Muttersprache|Amharisch:gut");
        app.press(Action::Save);
        let screen = app.screen();
        assert!(screen.contains("Im Pool gespeichert"), "{screen}");
        assert!(screen.contains("Testdolmetscher Dawit"), "{screen}");
        assert!(screen.contains("Do 09:00–12:00, Mo"), "{screen}");
        if cols >= 120 {
            assert!(
                screen.contains("Tigrinya (Muttersprache), Amharisch (gut)"),
                "{screen}"
            );
        }
        snapshot("pool_list", &mut app);

        // Strg+B: the form with what is stored; new times replace the old.
        app.press(Action::EditItem);
        let screen = app.screen();
        assert!(screen.contains("Im Dolmetscherpool ändern"), "{screen}");
        assert!(
            screen.contains("Tigrinya:Muttersprache|Amharisch:gut"),
            "{screen}"
        );
        app.press(Action::NextField);
        app.press(Action::NextField);
        app.press(Action::ClearField);
        app.type_text("Fr 10-14");
        app.press(Action::Save);
        let screen = app.screen();
        assert!(screen.contains("Fr 10:00–14:00"), "{screen}");
        assert!(!screen.contains("Do 09:00–12:00"), "{screen}");
        let stored = check(&app, |desk, login| {
            let pool = desk.pool(login).unwrap();
            (pool.len(), pool[0].contact.as_ref().unwrap().name.clone())
        });
        assert_eq!(stored, (1, "Testdolmetscher Dawit".to_string()));

        // Erasing asks first; "No" keeps them.
        app.press(Action::Erase);
        assert!(app.screen().contains("endgültig aus dem Pool löschen"));
        app.press(Action::No);
        assert!(app.screen().contains("Testdolmetscher Dawit"));
        app.press(Action::Erase);
        app.press(Action::Yes);
        let screen = app.screen();
        assert!(screen.contains("Aus dem Pool gelöscht"), "{screen}");
        let left = check(&app, |desk, login| desk.pool(login).unwrap().len());
        assert_eq!(left, 0);
    }
}

#[test]
fn the_card_says_who_can_mediate_and_a_request_takes_a_few_keys() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let path = make_database(dir.path());
        let no = pool_and_visitor(&path);
        let mut app = coordinator_app(dir.path(), cols, rows);
        app.press(Action::FindVisitor);
        app.type_text(&format_visitor_no(no));
        app.press(Action::Confirm);
        app.press(Action::PageDown);
        let screen = app.screen();
        assert!(screen.contains("Sprachmittlung heute"), "{screen}");
        assert!(
            screen.contains("Tigrinya: Testdolmetscherin Almaz (Muttersprache, 09:00–13:00)"),
            "{screen}"
        );
        assert!(screen.contains("Oromo: niemand im Pool"), "{screen}");
        snapshot("card_mediation_today", &mut app);

        // Alt+V: the form has the language and today's date already.
        app.press(Action::MediationRequest);
        let screen = app.screen();
        assert!(
            screen.contains("Tigrinya") && screen.contains("26.11.2026"),
            "{screen}"
        );
        app.press(Action::NextField);
        app.type_text("Jobcenter-Termin");
        app.press(Action::NextField);
        app.press(Action::Last);
        app.type_text("25:99");
        app.press(Action::Save);
        let screen = app.screen();
        assert!(screen.contains("ist kein Termin"), "{screen}");
        snapshot("request_form_bad_time", &mut app);
        let none = check(&app, |desk, login| {
            desk.requests(login, false).unwrap().len()
        });
        assert_eq!(none, 0, "nothing stored");
        for _ in 0..5 {
            app.press(Action::DeleteBack);
        }
        app.type_text("10:30");
        app.press(Action::Save);
        let screen = app.screen();
        assert!(
            screen.contains("Anfrage 1 für M-0001 gespeichert"),
            "{screen}"
        );

        // Alt+M: the open requests; Enter suggests, Enter assigns.
        app.press(Action::Requests);
        let screen = app.screen();
        assert!(
            screen.contains("26.11.2026 10:30") && screen.contains("Jobcenter-Termin"),
            "{screen}"
        );
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(
            screen.contains("Testdolmetscherin Almaz (Muttersprache"),
            "{screen}"
        );
        snapshot("request_suggestions", &mut app);
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(
            screen.contains("zugewiesen: Testdolmetscherin Almaz"),
            "{screen}"
        );
        snapshot("requests_assigned", &mut app);

        // Not met needs a reason; then the list is empty.
        app.press(Action::MarkNotMet);
        app.press(Action::Confirm);
        assert!(app.screen().contains("Bitte einen Grund eintragen"));
        app.type_text("Termin abgesagt");
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(screen.contains("Keine offenen Anfragen"), "{screen}");
        let status = check(&app, |desk, login| {
            let all = desk.requests(login, false).unwrap();
            (
                all[0].record.status,
                all[0].details.as_ref().unwrap().reason.clone(),
            )
        });
        assert_eq!(
            status,
            (RequestStatus::NotMet, "Termin abgesagt".to_string())
        );
    }
}

#[test]
fn a_receptionist_marks_a_request_done_and_volunteers_cannot_open_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let no = pool_and_visitor(&path);
    with_desk(&path, |desk, login| {
        desk.add_request(
            login,
            &RequestInput {
                visitor: no,
                language: desk.language_by_label("Oromo").unwrap(),
                purpose: "Arzttermin".into(),
                place: String::new(),
                date: DAY,
                time: jiff::civil::time(9, 0, 0, 0),
            },
        )
        .unwrap();
        desk.add_staff(
            login,
            "empfang",
            Role::Receptionist,
            &mila::vault::Passphrase::new("empfang-passphrase"),
            mila::vault::KdfParams::MINIMUM,
        )
        .unwrap();
    });
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in("empfang", "empfang-passphrase");
    app.press(Action::Requests);
    // No one speaks Oromo: Enter says so instead of offering nobody.
    app.press(Action::Confirm);
    assert!(app.screen().contains("Niemand im Pool spricht Oromo"));
    app.press(Action::MarkDone);
    assert!(app.screen().contains("Anfrage 1 erledigt"));
    let done = check(&app, |desk, login| {
        desk.requests(login, false).unwrap()[0].record.status
    });
    assert_eq!(done, RequestStatus::Done);
    drop(app);

    let mut volunteer = TestApp::start(dir.path(), 80, 24, None);
    volunteer.sign_in(common::app::VOLUNTEER, common::app::VOLUNTEER_PASSPHRASE);
    volunteer.press(Action::Requests);
    let screen = volunteer.screen();
    assert!(!screen.contains("offene Anfragen"), "{screen}");
}

#[test]
fn checking_in_a_visitor_without_german_says_who_can_mediate_today() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let no = pool_and_visitor(&path);
    let fluent = with_desk(&path, |desk, login| {
        desk.sessions_on(DAY).unwrap();
        let mut data = person("Testbesucherin Fliessend", "", 1985);
        data.languages = Answer::Given(vec![desk.language_by_label("Tigrinya").unwrap()]);
        data.german_level = Answer::Given(GermanLevel::C1);
        desk.register_visitor(login, &data, true, None).unwrap()
    });
    let mut app = coordinator_app(dir.path(), 120, 40);
    app.press(Action::CheckIn);
    app.press(Action::First);
    app.press(Action::Confirm);
    app.type_text(&no.to_string());
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(
        screen.contains("Sprachmittlung: Tigrinya: Testdolmetscherin Almaz; Oromo: niemand"),
        "{screen}"
    );

    // Someone with good German: the check-in says nothing about mediation.
    app.type_text(&fluent.to_string());
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("eingecheckt"), "{screen}");
    assert!(!screen.contains("Sprachmittlung"), "{screen}");
}

#[test]
fn in_english_the_card_and_the_requests_speak_english() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let no = pool_and_visitor(&path);
    let mut app = TestApp::start(dir.path(), 80, 24, Some(mila::ui::catalog::Lang::En));
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::FindVisitor);
    app.type_text(&format_visitor_no(no));
    app.press(Action::Confirm);
    app.press(Action::PageDown);
    let screen = app.screen();
    assert!(screen.contains("Language mediation today"), "{screen}");
    assert!(screen.contains("(native, 09:00–13:00)"), "{screen}");
    assert!(screen.contains("Oromo: no one in the pool"), "{screen}");
    app.press(Action::MediationRequest);
    app.press(Action::NextField);
    app.type_text("Jobcenter");
    app.press(Action::NextField);
    app.press(Action::Last);
    app.type_text("11:00");
    app.press(Action::Save);
    assert!(app.screen().contains("Request 1 for M-0001 saved"));
    app.press(Action::Requests);
    let screen = app.screen();
    assert!(screen.contains("Open requests by date"), "{screen}");
    assert!(screen.contains("open  – Jobcenter"), "{screen}");
    snapshot("requests_en", &mut app);
}

#[test]
fn a_volunteer_looks_up_the_pool_with_first_names_only_and_cannot_change_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    pool_and_visitor(&path);
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in(common::app::VOLUNTEER, common::app::VOLUNTEER_PASSPHRASE);
    app.press(Action::Pool);
    let screen = app.screen();
    assert!(screen.contains("Testdolmetscherin"), "{screen}");
    assert!(screen.contains("Tigrinya (Muttersprache)"), "{screen}");
    assert!(
        !screen.contains("Almaz") && !screen.contains("0511"),
        "{screen}"
    );
    snapshot("pool_volunteer", &mut app);
    for action in [Action::NewItem, Action::EditItem, Action::Erase] {
        app.press(action);
        let screen = app.screen();
        assert!(screen.contains("nicht zur Verfügung"), "{screen}");
        assert!(!screen.contains("Neu im Dolmetscherpool"), "{screen}");
    }
    app.press(Action::Confirm);
    assert!(!app.screen().contains("ändern"));
}
