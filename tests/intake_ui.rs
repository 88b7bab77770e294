//! The intake checklist driven with actions on a `TestBackend`: what is saved, the three
//! non-answers, hostile names, refusal, back and forward, the duplicate check, edit mode and
//! the check-in hand-off.

mod common;

use std::time::Instant;

use common::app::{COORDINATOR, DAY, PASSPHRASE, TestApp, make_database, with_desk};
use mila::desk::{
    Answer, BirthDate, Consent, Gender, GermanLevel, Housing, PersonalData, RefList, VisitorNo,
    VisitorStatus, day_key,
};
use mila::ui::action::Action;
use mila::ui::catalog::Lang;
use mila::ui::navigation;
use mila::ui::screen::{Ctx, Outcome};
use mila::ui::widgets::MessageBar;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snapshot(name: &str, app: &mut TestApp) {
    let area = app.terminal.backend().buffer().area;
    let (cols, rows) = (area.width, area.height);
    insta::assert_snapshot!(format!("{name}_{cols}x{rows}"), app.screen());
}

/// A signed-in coordinator on the first page of a new intake.
fn open_intake(dir: &std::path::Path, cols: u16, rows: u16, lang: Option<Lang>) -> TestApp {
    let mut app = TestApp::start(dir, cols, rows, lang);
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::NewIntake);
    app
}

/// Consent explained in the first language, storing agreed.
fn give_consent(app: &mut TestApp) {
    app.press(Action::Right);
    app.press(Action::NextField);
    app.press(Action::Right);
    app.press(Action::NextStep);
}

fn consent() -> Consent {
    Consent {
        day: day_key(DAY),
        text_version: "2026-1".into(),
        explained_in: None,
        store_at_mila: true,
        pass_to_partners: Vec::new(),
    }
}

fn person(name: &str, latin: &str, year: Option<i16>) -> PersonalData {
    let mut data = PersonalData::default();
    data.name = name.into();
    data.name_latin = latin.into();
    if let Some(year) = year {
        data.birth = Answer::Given(BirthDate {
            year,
            month_day: None,
        });
    }
    data.consent = consent();
    data
}

fn all_visitors(path: &std::path::Path) -> Vec<(VisitorNo, PersonalData)> {
    with_desk(path, |desk, login| {
        desk.visitor_entries(login)
            .expect("entries")
            .iter()
            .map(|e| {
                (
                    e.number,
                    desk.visitor_card(login, e.number).expect("card").data,
                )
            })
            .collect()
    })
}

fn first_id(path: &std::path::Path, list: RefList) -> u32 {
    with_desk(path, |desk, _| {
        desk.reference(list)
            .expect("list")
            .into_iter()
            .find(|(_, e)| !e.archived)
            .expect("entry")
            .0
    })
}

#[test]
fn full_intake_saves_exactly_what_was_entered() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let mut app = open_intake(dir.path(), 80, 24, None);
    // Consent: explained in the first language, storing yes, the first partner ticked.
    give_consent_with_partner(&mut app);
    // Person: a name with a right-to-left override character, stored as typed.
    let name = "Testa \u{202E}Beispiel";
    app.type_text(name);
    app.press(Action::NextField);
    app.type_text("Testa Beispiel");
    app.press(Action::NextField);
    app.type_text("07.03.1990");
    app.press(Action::NextField);
    app.press(Action::Right); // weiblich
    app.press(Action::NextField);
    app.type_text("0151 000000");
    app.press(Action::NextField);
    app.press(Action::Right); // first nationality
    app.press(Action::NextStep);
    // Languages: German A1, interpreter yes, the first language ticked.
    app.press(Action::Right);
    app.press(Action::Right);
    app.press(Action::NextField);
    app.press(Action::Right);
    app.press(Action::NextField);
    app.press(Action::Input(' '));
    app.press(Action::NextStep);
    // Housing: the first unit (row 0 is "privat").
    app.press(Action::Down);
    app.press(Action::Input(' '));
    app.press(Action::NextStep);
    // Household: nobody.
    app.press(Action::NextStep);
    // Needs: the first one.
    app.press(Action::Input(' '));
    app.press(Action::NextStep);
    // Referrals: the first offering.
    app.press(Action::Input(' '));
    app.press(Action::NextStep);
    let screen = app.screen();
    assert!(screen.contains("Schritt 8 von 8: Bestätigen"), "{screen}");
    assert!(screen.contains("07.03.1990"), "{screen}");
    assert!(screen.contains("Vollständige Aufnahme."), "{screen}");
    assert!(!screen.contains('\u{202E}'), "{screen}");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Besuchsnummer M-0001"), "{screen}");
    assert!(
        screen.contains("██ ██"),
        "the number is drawn large: {screen}"
    );
    drop(app);

    let visitors = all_visitors(&path);
    assert_eq!(visitors.len(), 1);
    let (no, data) = &visitors[0];
    assert_eq!(*no, 1);
    assert_eq!(data.name, name);
    assert_eq!(data.name_latin, "Testa Beispiel");
    assert_eq!(
        data.birth.given().map(|b| (b.year, b.month_day)),
        Some((1990, Some((3, 7))))
    );
    assert_eq!(data.gender, Answer::Given(Gender::Female));
    assert_eq!(data.phone, Answer::Given("0151 000000".into()));
    assert_eq!(
        data.nationality,
        Answer::Given(first_id(&path, RefList::Nationalities))
    );
    let language = first_id(&path, RefList::Languages);
    assert_eq!(data.languages, Answer::Given(vec![language]));
    assert_eq!(data.german_level, Answer::Given(GermanLevel::A1));
    assert_eq!(data.interpreter_needed, Answer::Given(true));
    assert_eq!(
        data.housing,
        Answer::Given(Housing::Unit(first_id(&path, RefList::Housing)))
    );
    assert_eq!(
        data.needs,
        Answer::Given(vec![first_id(&path, RefList::Needs)])
    );
    let first_offering = with_desk(&path, |desk, _| {
        desk.offerings()
            .unwrap()
            .into_iter()
            .find(|(_, o)| !o.archived)
            .unwrap()
            .0
    });
    assert_eq!(data.referrals.len(), 1);
    assert_eq!(data.referrals[0].offering, first_offering);
    assert_eq!(data.referrals[0].day, day_key(DAY));
    assert!(data.consent.store_at_mila);
    assert_eq!(data.consent.explained_in, Some(language));
    assert_eq!(data.consent.text_version, "2026-1");
    assert_eq!(data.consent.day, day_key(DAY));
    assert_eq!(data.consent.pass_to_partners.len(), 1);
    with_desk(&path, |desk, _| {
        assert_eq!(
            desk.visitor_meta(1).unwrap().status,
            VisitorStatus::Complete
        );
    });
}

fn give_consent_with_partner(app: &mut TestApp) {
    app.press(Action::Right);
    app.press(Action::NextField);
    app.press(Action::Right);
    app.press(Action::NextField);
    app.press(Action::Input(' '));
    app.press(Action::NextStep);
}

#[test]
fn every_page_at_both_sizes() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        make_database(dir.path());
        let mut app = open_intake(dir.path(), cols, rows, None);
        let screen = app.screen();
        assert!(screen.contains("Schritt 1 von 8: Einwilligung"), "{screen}");
        snapshot("intake_1_consent", &mut app);
        give_consent(&mut app);
        app.type_text("Erika Musterfrau");
        app.press(Action::NextField);
        app.type_text("Erika Musterfrau");
        app.press(Action::NextField);
        app.type_text("1990");
        snapshot("intake_2_person", &mut app);
        let names = [
            "intake_3_languages",
            "intake_4_housing",
            "intake_5_household",
            "intake_6_needs",
            "intake_7_referrals",
            "intake_8_confirm",
        ];
        for (i, name) in names.iter().enumerate() {
            app.press(Action::NextStep);
            let screen = app.screen();
            assert!(
                screen.contains(&format!("Schritt {} von 8", i + 3)),
                "{screen}"
            );
            snapshot(name, &mut app);
        }
        let screen = app.screen();
        assert!(screen.contains("Kurzaufnahme"), "{screen}");
        app.press(Action::Save);
        snapshot("intake_9_saved", &mut app);
    }
}

#[test]
fn english_consent_page() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = open_intake(dir.path(), 80, 24, Some(Lang::En));
    let screen = app.screen();
    assert!(screen.contains("Step 1 of 8: Consent"), "{screen}");
    snapshot("intake_english_consent", &mut app);
}

#[test]
fn declined_survives_save_and_reload_distinct_from_unknown_and_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let mut app = open_intake(dir.path(), 80, 24, None);
    give_consent(&mut app);
    app.type_text("Erika Musterfrau");
    app.press(Action::NextField);
    app.press(Action::NextField);
    app.press(Action::AnswerDeclined); // birth date
    app.press(Action::NextField);
    app.press(Action::AnswerUnknown); // gender
    app.press(Action::NextField); // phone: left empty
    app.press(Action::NextField);
    app.press(Action::AnswerNotAsked); // nationality
    let screen = app.screen();
    assert!(screen.contains("‹keine Angabe›"), "{screen}");
    assert!(screen.contains("‹unbekannt›"), "{screen}");
    assert!(screen.contains("‹nicht gefragt›"), "{screen}");
    app.press(Action::Save);
    assert!(app.screen().contains("M-0001"));
    drop(app);

    let visitors = all_visitors(&path);
    let data = &visitors[0].1;
    assert_eq!(data.birth, Answer::Declined);
    assert_eq!(data.gender, Answer::Unknown);
    assert_eq!(data.phone, Answer::Empty);
    assert_eq!(data.nationality, Answer::NotAsked);
    with_desk(&path, |desk, _| {
        assert_eq!(
            desk.visitor_meta(1).unwrap().status,
            VisitorStatus::Incomplete
        );
    });

    // The edit form shows them again, and saving unchanged keeps them.
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in(COORDINATOR, PASSPHRASE);
    let home = app.screen();
    assert!(home.contains("Unvollständige Aufnahmen (1)"), "{home}");
    app.press(Action::NextField);
    app.press(Action::Confirm);
    // A short intake opens at its first open question; back to the first page.
    for _ in 0..8 {
        app.press(Action::PrevStep);
    }
    app.press(Action::NextStep);
    let screen = app.screen();
    assert!(screen.contains("Daten ändern – M-0001"), "{screen}");
    assert!(screen.contains("‹keine Angabe›"), "{screen}");
    assert!(screen.contains("‹unbekannt›"), "{screen}");
    app.press(Action::Save);
    drop(app);
    let again = all_visitors(&path);
    assert!(again[0].1 == *data);
}

#[test]
fn hostile_name_is_kept_exactly_and_drawn_without_control_characters() {
    let hostile = "Testa\u{1b}[31mRot\u{1b}[0m \u{202E}Beispiel";
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let path = make_database(dir.path());
        with_desk(&path, |desk, login| {
            desk.register_visitor(
                login,
                &person(hostile, "Testa Beispiel", Some(1990)),
                false,
                None,
            )
            .unwrap()
        });
        let mut app = TestApp::start(dir.path(), cols, rows, None);
        app.sign_in(COORDINATOR, PASSPHRASE);
        app.press(Action::NextField);
        app.press(Action::Confirm);
        // A short intake opens at its first open question; back to the first page.
        for _ in 0..8 {
            app.press(Action::PrevStep);
        }
        app.press(Action::NextStep);
        let screen = app.screen();
        assert!(screen.contains("Testa"), "{screen}");
        // ESC cannot be seen in a TestBackend buffer (ratatui drops controls);
        // hostile_pty.rs looks for it in the bytes sent to a terminal.
        assert!(!screen.contains('\u{202E}'), "{screen}");
        // The label after the name starts where every label starts.
        let label_col = |label: &str| {
            screen
                .lines()
                .find(|l| l.contains(label))
                .and_then(|l| l.find(label).map(|at| l[..at].chars().count()))
        };
        assert_eq!(label_col("Name lateinisch"), label_col("Geburtsdatum"));
        snapshot("intake_hostile_name", &mut app);
        app.press(Action::Save);
        drop(app);
        assert_eq!(all_visitors(&path)[0].1.name, hostile);
    }
}

#[test]
fn refusing_consent_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let mut app = open_intake(dir.path(), 80, 24, None);
    app.press(Action::NextField);
    // A letter picks the answer starting with it.
    app.press(Action::Input('n'));
    assert!(app.screen().contains("◀ Nein ▶"));
    app.press(Action::NextStep);
    let screen = app.screen();
    assert!(screen.contains("nichts wurde gespeichert"), "{screen}");
    assert!(screen.contains("Termine heute"), "{screen}");
    drop(app);
    assert!(all_visitors(&path).is_empty());
}

#[test]
fn consent_must_be_answered_before_going_on() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = open_intake(dir.path(), 80, 24, None);
    app.press(Action::NextStep);
    let screen = app.screen();
    assert!(screen.contains("Schritt 1 von 8"), "{screen}");
    assert!(screen.contains("Bitte Ja oder Nein wählen"), "{screen}");
}

#[test]
fn back_and_forward_keep_what_was_typed_and_esc_asks() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let mut app = open_intake(dir.path(), 80, 24, None);
    give_consent(&mut app);
    app.type_text("Erika Musterfrau");
    app.press(Action::NextField);
    app.press(Action::NextField);
    app.type_text("31.02.1990");
    app.press(Action::NextStep);
    // A bad date keeps the page and says why next to the field.
    let screen = app.screen();
    assert!(screen.contains("Schritt 2 von 8"), "{screen}");
    assert!(screen.contains("TT.MM.JJJJ oder nur das Jahr"), "{screen}");
    for _ in 0..4 {
        app.press(Action::DeleteBack);
    }
    for _ in 0..6 {
        app.press(Action::DeleteBack);
    }
    app.type_text("1990");
    app.press(Action::NextStep);
    app.press(Action::NextStep);
    app.press(Action::PrevStep);
    app.press(Action::PrevStep);
    let screen = app.screen();
    assert!(screen.contains("Erika Musterfrau"), "{screen}");
    assert!(screen.contains("1990"), "{screen}");
    app.press(Action::PrevStep);
    assert!(app.screen().contains("◀ Ja ▶"));
    app.press(Action::Back);
    let screen = app.screen();
    assert!(
        screen.contains("Ungespeicherte Eingaben verwerfen?"),
        "{screen}"
    );
    app.press(Action::No);
    app.press(Action::NextStep);
    app.press(Action::Save);
    drop(app);
    let visitors = all_visitors(&path);
    assert_eq!(visitors[0].1.name, "Erika Musterfrau");
    assert_eq!(visitors[0].1.birth_year(), Some(1990));
}

/// "Mohammed Al-Hassan" (1990) is registered; an intake of "Muhammad Alhasan" (1990) is
/// being saved. Returns the database path and the app, on the duplicate list.
fn saving_a_look_alike(
    dir: &std::path::Path,
    cols: u16,
    rows: u16,
) -> (std::path::PathBuf, TestApp) {
    let path = make_database(dir);
    with_desk(&path, |desk, login| {
        desk.register_visitor(
            login,
            &person("Mohammed Al-Hassan", "", Some(1990)),
            true,
            None,
        )
        .unwrap();
    });
    let mut app = open_intake(dir, cols, rows, None);
    give_consent(&mut app);
    app.type_text("Muhammad Alhasan");
    app.press(Action::NextField);
    app.press(Action::NextField);
    app.type_text("1990");
    app.press(Action::Save);
    (path, app)
}

#[test]
fn a_similar_registered_visitor_is_offered_and_same_person_creates_nothing() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut app) = saving_a_look_alike(dir.path(), cols, rows);
        let screen = app.screen();
        assert!(
            screen.contains("Ist die Person schon registriert?"),
            "{screen}"
        );
        assert!(
            screen.contains("M-0001  Mohammed Al-Hassan  (1990)"),
            "{screen}"
        );
        snapshot("intake_duplicates", &mut app);
        app.press(Action::Confirm);
        let screen = app.screen();
        // "Same person" opens the existing record instead of creating one.
        assert!(screen.contains("Besucherkarte M-0001"), "{screen}");
        drop(app);
        assert_eq!(all_visitors(&path).len(), 1);
    }
}

#[test]
fn new_person_after_the_duplicate_check_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut app) = saving_a_look_alike(dir.path(), 80, 24);
    app.press(Action::Down);
    app.press(Action::Confirm);
    assert!(app.screen().contains("Besuchsnummer M-0002"));
    // Find sees the new visitor at once: a family member can be linked to them.
    app.press(Action::Confirm);
    app.press(Action::NewIntake);
    give_consent(&mut app);
    app.type_text("Erika Musterfrau");
    for _ in 0..3 {
        app.press(Action::NextStep);
    }
    app.type_text("Alhasan");
    let screen = app.screen();
    assert!(
        screen.contains("M-0002  Muhammad Alhasan  (1990)"),
        "{screen}"
    );
    app.press(Action::Down);
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Verbunden mit: M-0002"), "{screen}");
    app.press(Action::Up);
    app.press(Action::Confirm);
    assert!(app.screen().contains("Verbunden mit: M-0001"));
    app.press(Action::Save);
    assert!(app.screen().contains("M-0003"));
    drop(app);
    with_desk(&path, |desk, _| {
        assert_eq!(desk.household(3).unwrap(), vec![1, 3]);
    });
}

#[test]
fn a_volunteer_cannot_open_the_intake() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in(common::app::VOLUNTEER, common::app::VOLUNTEER_PASSPHRASE);
    app.press(Action::NewIntake);
    let screen = app.screen();
    assert!(!screen.contains("Schritt 1 von 8"), "{screen}");
    assert!(screen.contains("nicht zur Verfügung"), "{screen}");
}

/// The desk of a test database, opened directly (no app holds it).
fn open_desk(path: &std::path::Path) -> (mila::desk::Desk, mila::desk::Login) {
    let mut desk = mila::desk::Desk::open(path).unwrap();
    desk.pin_today(DAY);
    let login = desk
        .login(COORDINATOR, &mila::vault::Passphrase::new(PASSPHRASE))
        .unwrap();
    (desk, login)
}

/// Drives a check-in intake for `session` directly with actions: consent given, then
/// `steps`. Returns whether the last action closed the screen, and the message shown.
fn run_check_in_intake(
    desk: &mila::desk::Desk,
    login: &mila::desk::Login,
    session: mila::desk::SessionId,
    steps: &[Step],
) -> (bool, String) {
    let mut index = desk.search_index(login).unwrap();
    let mut messages = MessageBar::new();
    let mut config = mila::config::Config::default();
    let mut ctx = Ctx {
        desk: Some(desk),
        login: Some(login),
        index: Some(&mut index),
        lang: Lang::De,
        today: DAY,
        now: Instant::now(),
        messages: &mut messages,
        config: &mut config,
    };
    let mut screen = navigation::intake_then_check_in(session, &mut ctx).expect("intake");
    let consent = [
        Step::Press(Action::Right),
        Step::Press(Action::NextField),
        Step::Press(Action::Right),
        Step::Press(Action::NextStep),
    ];
    let mut closed = false;
    for step in consent.iter().chain(steps) {
        let actions = match step {
            Step::Press(a) => vec![a.clone()],
            Step::Type(text) => text.chars().map(Action::Input).collect(),
        };
        for action in actions {
            closed = matches!(screen.handle(&action, &mut ctx), Outcome::Back);
        }
    }
    drop(screen);
    let shown = messages
        .current()
        .map(|(_, t)| t.to_string())
        .unwrap_or_default();
    assert!(
        index.get(1).is_some(),
        "the index knows the visitor: {shown}"
    );
    (closed, shown)
}

enum Step {
    Press(Action),
    Type(&'static str),
}

#[test]
fn intake_then_check_in_registers_checks_in_and_closes() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let (desk, login) = open_desk(&path);
    let session = desk.sessions_on(DAY).unwrap()[0].id;
    let (closed, shown) = run_check_in_intake(
        &desk,
        &login,
        session,
        &[
            Step::Type("Erika Musterfrau"),
            Step::Press(Action::Save),
            // The number, large; Enter closes.
            Step::Press(Action::Confirm),
        ],
    );
    assert!(closed);
    assert!(
        shown.contains("M-0001") && shown.contains("eingecheckt"),
        "{shown}"
    );
    assert_eq!(desk.checked_in(session).unwrap(), vec![1]);
}

#[test]
fn same_person_in_a_check_in_intake_checks_the_existing_visitor_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let (desk, login) = open_desk(&path);
    desk.register_visitor(
        &login,
        &person("Mohammed Al-Hassan", "", Some(1990)),
        true,
        None,
    )
    .unwrap();
    let session = desk.sessions_on(DAY).unwrap()[0].id;
    let (closed, shown) = run_check_in_intake(
        &desk,
        &login,
        session,
        &[
            Step::Type("Muhammad Alhasan"),
            Step::Press(Action::NextField),
            Step::Press(Action::NextField),
            Step::Type("1990"),
            Step::Press(Action::Save),
            // The duplicate list: the first row is the registered visitor.
            Step::Press(Action::Confirm),
        ],
    );
    assert!(closed);
    assert!(
        shown.contains("Nichts neu angelegt; M-0001 eingecheckt"),
        "{shown}"
    );
    assert_eq!(desk.checked_in(session).unwrap(), vec![1]);
    assert_eq!(desk.visitor_entries(&login).unwrap().len(), 1);
}

#[test]
fn home_lists_incomplete_intakes_and_edit_can_undo_a_household_link() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let path = make_database(dir.path());
        with_desk(&path, |desk, login| {
            let first = desk
                .register_visitor(
                    login,
                    &person("Erika Musterfrau", "", Some(1980)),
                    false,
                    None,
                )
                .unwrap();
            desk.register_visitor(
                login,
                &person("تستا بيسبيل", "Testa Beispiel", Some(2010)),
                false,
                Some(first),
            )
            .unwrap();
        });
        let mut app = TestApp::start(dir.path(), cols, rows, None);
        app.sign_in(COORDINATOR, PASSPHRASE);
        let screen = app.screen();
        assert!(screen.contains("Unvollständige Aufnahmen (2)"), "{screen}");
        assert!(
            screen.contains("M-0002   26.11.2026   تستا بيسبيل"),
            "{screen}"
        );
        snapshot("intake_home_pending", &mut app);
        app.press(Action::NextField);
        app.press(Action::Down);
        app.press(Action::Confirm);
        // A short intake opens at its first open question; back to the first page.
        for _ in 0..8 {
            app.press(Action::PrevStep);
        }
        for _ in 0..4 {
            app.press(Action::NextStep);
        }
        let screen = app.screen();
        assert!(
            screen.contains("Verbunden mit: M-0001  Erika Musterfrau  (1980)"),
            "{screen}"
        );
        app.press(Action::DeleteBack);
        assert!(app.screen().contains("Kein Familienmitglied verbunden."));
        app.press(Action::Save);
        let screen = app.screen();
        assert!(
            screen.contains("Änderungen an M-0002 gespeichert."),
            "{screen}"
        );
        drop(app);
        with_desk(&path, |desk, _| {
            assert_eq!(desk.household(2).unwrap(), vec![2]);
            assert_eq!(desk.household(1).unwrap(), vec![1]);
        });
    }
}

#[test]
fn enter_chooses_housing_and_register_next_starts_a_linked_intake() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let mut app = open_intake(dir.path(), 80, 24, None);
    give_consent(&mut app);
    app.type_text("Erika Musterfrau");
    app.press(Action::NextStep);
    app.press(Action::NextStep);
    // Housing: Enter chooses the highlighted row, a second Enter goes on.
    app.press(Action::Confirm);
    assert!(app.screen().contains("= privat"));
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Schritt 5 von 8: Haushalt"), "{screen}");
    app.press(Action::NextField);
    app.press(Action::Input(' '));
    app.press(Action::Save);
    let screen = app.screen();
    assert!(
        screen.contains("Enter: nächstes Familienmitglied aufnehmen"),
        "{screen}"
    );
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Schritt 1 von 8"), "{screen}");
    give_consent(&mut app);
    app.type_text("Testa Musterfrau");
    for _ in 0..3 {
        app.press(Action::NextStep);
    }
    let screen = app.screen();
    assert!(
        screen.contains("Verbunden mit: M-0001  Erika Musterfrau"),
        "{screen}"
    );
    app.press(Action::Save);
    assert!(app.screen().contains("Besuchsnummer M-0002"));
    drop(app);
    let visitors = all_visitors(&path);
    assert_eq!(visitors[0].1.housing, Answer::Given(Housing::Private));
    with_desk(&path, |desk, _| {
        assert_eq!(desk.household(2).unwrap(), vec![1, 2]);
    });
}

#[test]
fn correcting_a_complete_record_keeps_it_off_the_short_intake_list() {
    // Imported visitors have empty answers but are not short intakes.
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    with_desk(&path, |desk, login| {
        desk.register_visitor(
            login,
            &person("Erika Musterfrau", "", Some(1980)),
            true,
            None,
        )
        .unwrap()
    });
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::FindVisitor);
    app.type_text("musterfrau");
    app.press(Action::Confirm);
    app.press(Action::EditItem);
    let screen = app.screen();
    assert!(screen.contains("Daten ändern – M-0001"), "{screen}");
    app.press(Action::Save);
    drop(app);
    with_desk(&path, |desk, _| {
        assert_eq!(
            desk.visitor_meta(1).unwrap().status,
            VisitorStatus::Complete
        );
        assert!(desk.incomplete_intakes().unwrap().is_empty());
    });
}

/// A name pasted beyond its limit is cut to the limit, and the screen says so.
#[test]
fn a_name_pasted_beyond_its_limit_says_so() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = open_intake(dir.path(), 80, 24, None);
    give_consent(&mut app);
    let screen = app.screen();
    assert!(!screen.contains("Eingabe zu lang"), "{screen}");
    app.press(Action::Paste("Testa ".repeat(50)));
    let screen = app.screen();
    assert!(
        screen.contains("Eingabe zu lang (max. 200 Zeichen)"),
        "{screen}"
    );
}
