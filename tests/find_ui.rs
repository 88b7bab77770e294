//! The find screen (F3) and the visitor card through `TestBackend`: typing
//! narrows the list, numbers and phone digits find, Latin fragments find
//! Arabic-script names and back, the card shows the record and scrolls, and
//! the coordinator exports and erases from it. Fake people only.

mod common;

use std::time::Instant;

use common::app::{
    COORDINATOR, DAY, PASSPHRASE, TestApp, VOLUNTEER, VOLUNTEER_PASSPHRASE, make_database,
    with_desk,
};
use mila::config::Config;
use mila::desk::{
    Answer, AuditAction, AuditFilter, BirthDate, Consent, Desk, Login, PersonalData, Role,
    VisitorStatus, day_key,
};
use mila::ui::action::Action;
use mila::ui::catalog::Lang;
use mila::ui::navigation;
use mila::ui::screen::Ctx;
use mila::ui::widgets::MessageBar;
use mila::vault::{KdfParams, Passphrase};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const RECEPTIONIST: &str = "empfang";
const RECEPTIONIST_PASSPHRASE: &str = "empfang-passphrase";

fn snapshot(name: &str, app: &mut TestApp) {
    let (cols, rows) = {
        let area = app.terminal.backend().buffer().area;
        (area.width, area.height)
    };
    insta::assert_snapshot!(format!("{name}_{cols}x{rows}"), app.screen());
}

fn person(name: &str, latin: &str, year: i16, phone: &str) -> PersonalData {
    let mut data = PersonalData::default();
    data.name = name.into();
    data.name_latin = latin.into();
    data.birth = Answer::Given(BirthDate {
        year,
        month_day: None,
    });
    if !phone.is_empty() {
        data.phone = Answer::Given(phone.into());
    }
    data.gender = Answer::Declined;
    data.german_level = Answer::Unknown;
    data.consent = Consent {
        day: day_key(DAY),
        text_version: "2026-1".into(),
        explained_in: None,
        store_at_mila: true,
        pass_to_partners: vec!["pro beruf".into()],
    };
    data
}

/// M-0001 Arabic script with a Latin spelling, M-0002 Arabic script only,
/// M-0003 an umlaut, M-0004 Latin only, M-0005 in the household of M-0001;
/// M-0001 was checked in once.
fn fill_database(dir: &std::path::Path) {
    make_database(dir);
    with_desk(&dir.join("mila.redb"), |desk, login| {
        let reg = |data: PersonalData, with: Option<u32>| {
            desk.register_visitor(login, &data, true, with)
                .expect("register")
        };
        let first = reg(
            person("محمد بيسبيل", "Mohammed Beispiel", 1990, "0151 1234 5678"),
            None,
        );
        reg(person("يوسف تستا", "", 1988, ""), None);
        reg(person("Jürgen Müller-Test", "", 1975, ""), None);
        reg(person("Testa Beispiel", "", 1970, "0170 9876 543"), None);
        reg(person("Erika Musterfrau", "", 1992, ""), Some(first));
        let offering = desk.offerings().expect("offerings")[0].0;
        let t = |h| jiff::civil::Time::new(h, 0, 0, 0).expect("time");
        let session = desk
            .add_session(login, offering, DAY, t(10), t(12), "")
            .expect("session");
        desk.check_in(login, session, first).expect("check in");
        desk.add_staff(
            login,
            RECEPTIONIST,
            Role::Receptionist,
            &Passphrase::new(RECEPTIONIST_PASSPHRASE),
            KdfParams::MINIMUM,
        )
        .expect("receptionist");
    });
}

fn signed_in(dir: &std::path::Path, cols: u16, rows: u16, user: &str, pass: &str) -> TestApp {
    let mut app = TestApp::start(dir, cols, rows, None);
    app.sign_in(user, pass);
    app
}

fn find(app: &mut TestApp, query: &str) -> String {
    app.press(Action::FindVisitor);
    app.type_text(query);
    app.screen()
}

#[test]
fn find_with_results_and_the_card_at_both_sizes() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        fill_database(dir.path());
        let mut app = signed_in(dir.path(), cols, rows, COORDINATOR, PASSPHRASE);
        let screen = find(&mut app, "beis");
        assert!(screen.contains("Besucher*in suchen"), "{screen}");
        assert!(screen.contains("2 Treffer"), "{screen}");
        assert!(
            screen.contains("M-0001") && screen.contains("Mohammed Beispiel"),
            "{screen}"
        );
        assert!(screen.contains("محمد بيسبيل"), "{screen}");
        assert!(
            screen.contains("M-0004") && screen.contains("1970"),
            "{screen}"
        );
        snapshot("find_results", &mut app);

        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(screen.contains("Besucherkarte M-0001"), "{screen}");
        assert!(screen.contains("Mohammed Beispiel"), "{screen}");
        assert!(screen.contains("keine Angabe"), "declined gender: {screen}");
        snapshot("card", &mut app);
    }
}

#[test]
fn the_card_shows_household_consent_and_visits_and_scrolls() {
    let dir = tempfile::tempdir().unwrap();
    fill_database(dir.path());
    let mut app = signed_in(dir.path(), 120, 40, COORDINATOR, PASSPHRASE);
    find(&mut app, "1");
    app.press(Action::Confirm);
    let screen = app.screen();
    for want in [
        "0151 1234 5678",
        "M-0005 Erika Musterfrau",
        "pro beruf",
        "Textfassung 2026-1",
        "26.11.2026",
        "Besuche",
        "unbekannt",
    ] {
        assert!(screen.contains(want), "{want} missing:\n{screen}");
    }
    assert!(!screen.contains("Noch keine Besuche"), "{screen}");

    // At 80x24 the card is taller than the screen: it says so and scrolls.
    app.resize(80, 24);
    let top = app.screen();
    assert!(top.contains("Zeilen 1–"), "{top}");
    assert!(!top.contains("Besuche\n"), "{top}");
    app.press(Action::Last);
    let bottom = app.screen();
    assert!(bottom.contains("Besuche"), "{bottom}");
    assert!(!bottom.contains("Zeilen 1–"), "{bottom}");
    app.press(Action::First);
    assert_eq!(app.screen(), top);
    app.press(Action::PageDown);
    assert_ne!(app.screen(), top);
}

#[test]
fn opening_the_card_is_audited_as_a_view() {
    let dir = tempfile::tempdir().unwrap();
    fill_database(dir.path());
    let mut app = signed_in(dir.path(), 80, 24, COORDINATOR, PASSPHRASE);
    find(&mut app, "testa bei");
    app.press(Action::Confirm);
    assert!(app.screen().contains("Besucherkarte M-0004"));
    drop(app);
    let views = with_desk(&dir.path().join("mila.redb"), |desk, login| {
        desk.audit_entries(
            login,
            &AuditFilter {
                visitor: Some(4),
                action: Some(AuditAction::View),
                ..Default::default()
            },
        )
        .expect("audit")
    });
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].1.user, COORDINATOR);
}

#[test]
fn typing_narrows_the_results() {
    let dir = tempfile::tempdir().unwrap();
    fill_database(dir.path());
    let mut app = signed_in(dir.path(), 120, 40, COORDINATOR, PASSPHRASE);
    let screen = find(&mut app, "test");
    for n in ["M-0002", "M-0003", "M-0004"] {
        assert!(screen.contains(n), "{n}: {screen}");
    }
    app.type_text("a b");
    let screen = app.screen();
    assert!(screen.contains("M-0004"), "{screen}");
    assert!(!screen.contains("M-0002"), "{screen}");
    assert!(!screen.contains("M-0003"), "{screen}");
    // Deleting widens it again.
    app.press(Action::DeleteBack);
    app.press(Action::DeleteBack);
    let screen = app.screen();
    assert!(screen.contains("M-0002"), "{screen}");
    app.press(Action::ClearField);
    let screen = app.screen();
    assert!(!screen.contains("M-0004"), "{screen}");
    app.type_text("zzzz");
    assert!(app.screen().contains("Niemand gefunden."));
}

#[test]
fn numbers_and_phone_digits_find_the_visitor() {
    let dir = tempfile::tempdir().unwrap();
    fill_database(dir.path());
    let mut app = signed_in(dir.path(), 120, 40, COORDINATOR, PASSPHRASE);
    for query in ["3", "M-0003", "m3"] {
        app.press(Action::Back);
        let screen = find(&mut app, query);
        assert!(
            screen.contains("M-0003") && screen.contains("Jürgen Müller-Test"),
            "{query}: {screen}"
        );
        assert!(!screen.contains("M-0004"), "{query}: {screen}");
    }
    app.press(Action::Back);
    let screen = find(&mut app, "9876543");
    assert!(screen.contains("Testa Beispiel"), "{screen}");
    assert!(!screen.contains("M-0001"), "{screen}");
}

#[test]
fn latin_fragments_find_arabic_script_names_and_back() {
    let dir = tempfile::tempdir().unwrap();
    fill_database(dir.path());
    let mut app = signed_in(dir.path(), 120, 40, COORDINATOR, PASSPHRASE);
    // M-0002 is stored in Arabic script only.
    let screen = find(&mut app, "yus");
    assert!(screen.contains("M-0002"), "{screen}");
    assert!(screen.contains("يوسف تستا"), "{screen}");
    app.press(Action::Confirm);
    assert!(app.screen().contains("Besucherkarte M-0002"));
    app.press(Action::Back);
    app.press(Action::Back);
    // M-0004 is stored in Latin letters only; typed in Arabic script.
    let screen = find(&mut app, "تستا");
    assert!(screen.contains("M-0004"), "{screen}");
    // The umlaut one, typed without it.
    app.press(Action::Back);
    let screen = find(&mut app, "juergen muell");
    assert!(screen.contains("M-0003"), "{screen}");
}

#[test]
fn the_coordinator_erases_from_the_card() {
    let dir = tempfile::tempdir().unwrap();
    fill_database(dir.path());
    let mut app = signed_in(dir.path(), 80, 24, COORDINATOR, PASSPHRASE);
    find(&mut app, "testa bei");
    app.press(Action::Confirm);
    app.press(Action::Erase);
    let screen = app.screen();
    assert!(screen.contains("endgültig löschen?"), "{screen}");
    snapshot("card_erase_question", &mut app);
    // "No" is the default: a reflexive Enter erases nothing.
    app.press(Action::Confirm);
    assert!(app.screen().contains("Besucherkarte M-0004"));
    app.press(Action::Erase);
    app.press(Action::Yes);
    let screen = app.screen();
    assert!(screen.contains("Besucher*in suchen"), "{screen}");
    assert!(
        screen.contains("M-0004 gelöscht. Es bleiben: Nummer, Registrierungstag, anonyme Besuche."),
        "{screen}"
    );
    assert!(!screen.contains("▶ M-0004"), "{screen}");
    // Whoever is still listed is only similar to what was typed.
    assert!(
        screen.contains("Niemand gefunden.") || screen.contains("ähnlich"),
        "{screen}"
    );
    drop(app);
    with_desk(&dir.path().join("mila.redb"), |desk, login| {
        assert_eq!(
            desk.visitor_meta(4).expect("meta").status,
            VisitorStatus::Erased
        );
        assert!(desk.visitor_card(login, 4).is_err());
        assert_eq!(
            desk.visitor_meta(1).expect("meta").status,
            VisitorStatus::Complete
        );
    });
}

#[test]
fn the_access_export_writes_json_and_text_into_the_report_folder() {
    let dir = tempfile::tempdir().unwrap();
    fill_database(dir.path());
    let reports = dir.path().join("berichte");
    std::fs::write(
        dir.path().join("config.toml"),
        format!("report_folder = \"{}\"\n", reports.display()),
    )
    .unwrap();
    let mut app = signed_in(dir.path(), 120, 40, COORDINATOR, PASSPHRASE);
    find(&mut app, "beis");
    app.press(Action::Confirm);
    app.press(Action::Export);
    let screen = app.screen();
    assert!(screen.contains("Auskunft gespeichert"), "{screen}");
    let json = reports.join("Auskunft-M-0001-2026-11-26.json");
    let text = reports.join("Auskunft-M-0001-2026-11-26.txt");
    let parsed: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("json file")).expect("valid JSON");
    assert_eq!(parsed["number"], "M-0001");
    assert_eq!(parsed["personal"]["name_latin"], "Mohammed Beispiel");
    assert_eq!(parsed["check_ins"].as_array().map(Vec::len), Some(1));
    let text = std::fs::read_to_string(&text).expect("text file");
    assert!(text.contains("Mohammed Beispiel"), "{text}");
    assert!(text.contains("Auskunft nach Art. 15"), "{text}");
}

#[test]
fn a_receptionist_opens_the_card_but_neither_exports_nor_erases() {
    let dir = tempfile::tempdir().unwrap();
    fill_database(dir.path());
    let mut app = signed_in(dir.path(), 120, 40, RECEPTIONIST, RECEPTIONIST_PASSPHRASE);
    find(&mut app, "musterfrau");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Besucherkarte M-0005"), "{screen}");
    assert!(!screen.contains("Endgültig löschen"), "{screen}");
    app.press(Action::Erase);
    let screen = app.screen();
    assert!(!screen.contains("endgültig löschen?"), "{screen}");
    assert!(screen.contains("nicht zur Verfügung"), "{screen}");
    app.press(Action::Export);
    assert!(!app.screen().contains("Auskunft gespeichert"));
    drop(app);
    with_desk(&dir.path().join("mila.redb"), |desk, _| {
        assert_eq!(
            desk.visitor_meta(5).expect("meta").status,
            VisitorStatus::Complete
        );
    });
}

fn volunteer(dir: &std::path::Path) -> (Desk, Login) {
    let desk = Desk::open(&dir.join("mila.redb")).expect("open");
    let login = desk
        .login(VOLUNTEER, &Passphrase::new(VOLUNTEER_PASSPHRASE))
        .expect("login");
    (desk, login)
}

#[test]
fn a_volunteer_can_open_neither_find_nor_the_card() {
    let dir = tempfile::tempdir().unwrap();
    fill_database(dir.path());
    {
        let (desk, login) = volunteer(dir.path());
        assert!(!navigation::allowed(&Action::FindVisitor, &login));
        let mut config = Config::default();
        let mut messages = MessageBar::new();
        let mut ctx = Ctx {
            desk: Some(&desk),
            login: Some(&login),
            index: None,
            config: &mut config,
            lang: Lang::De,
            today: DAY,
            now: Instant::now(),
            messages: &mut messages,
        };
        assert!(navigation::visitor_card(1, &mut ctx).is_none());
    }
    let mut app = signed_in(dir.path(), 80, 24, VOLUNTEER, VOLUNTEER_PASSPHRASE);
    app.press(Action::FindVisitor);
    let screen = app.screen();
    assert!(!screen.contains("Besucher*in suchen"), "{screen}");
    assert!(screen.contains("nicht zur Verfügung"), "{screen}");
}

#[test]
fn hostile_names_render_without_control_characters_or_shifting() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let hostile = "Testa\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}Beispiel\u{2066}X";
    with_desk(&dir.path().join("mila.redb"), |desk, login| {
        desk.register_visitor(
            login,
            &person(hostile, &"Ü".repeat(200), 1980, ""),
            true,
            None,
        )
        .expect("register");
    });
    for (cols, rows) in SIZES {
        let mut app = signed_in(dir.path(), cols, rows, COORDINATOR, PASSPHRASE);
        let screen = find(&mut app, "testa");
        // Only format characters can be seen here: ratatui drops ESC, BEL
        // and other controls before the buffer, so those are looked for in
        // the bytes written to a terminal (hostile_pty.rs).
        for bad in ['\u{202e}', '\u{2066}'] {
            assert!(!screen.contains(bad), "{bad:?} reached the screen");
        }
        assert!(screen.contains("M-0001"), "{screen}");
        // Every row of the result keeps the frame's width: nothing shifted.
        for line in screen.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= usize::from(cols),
                "{line}"
            );
        }
        snapshot("find_hostile", &mut app);
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(screen.contains("Besucherkarte M-0001"), "{screen}");
        for bad in ['\u{202e}', '\u{2066}'] {
            assert!(!screen.contains(bad), "{bad:?} reached the card");
        }
        snapshot("card_hostile", &mut app);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Whatever is typed or pasted into the search field: no panic, no
    /// control character on screen, no row wider than the terminal.
    #[test]
    fn any_input_in_the_search_field_is_safe(typed in "\\PC{0,40}", pasted in proptest::prelude::any::<String>()) {
        let dir = tempfile::tempdir().unwrap();
        fill_database(dir.path());
        let mut app = signed_in(dir.path(), 80, 24, COORDINATOR, PASSPHRASE);
        app.press(Action::FindVisitor);
        app.type_text(&typed);
        app.press(Action::Paste(pasted));
        app.press(Action::Paste("\u{1b}[2J\u{202e}".repeat(2000)));
        app.press(Action::Down);
        let screen = app.screen();
        proptest::prop_assert!(screen.contains("Besucher*in suchen"));
        for line in screen.lines() {
            proptest::prop_assert!(!line.chars().any(mila::ui::sanitize::is_unsafe), "{line:?}");
            proptest::prop_assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
        }
    }
}

#[test]
fn find_and_card_in_english() {
    let dir = tempfile::tempdir().unwrap();
    fill_database(dir.path());
    let mut app = TestApp::start(dir.path(), 80, 24, Some(Lang::En));
    app.sign_in(COORDINATOR, PASSPHRASE);
    let screen = find(&mut app, "beis");
    assert!(
        screen.contains("Find visitor") && screen.contains("2 matches, best first"),
        "{screen}"
    );
    app.press(Action::Confirm);
    let screen = app.screen();
    for want in [
        "Visitor card M-0001",
        "Personal data",
        "declined",
        "Lines 1–",
    ] {
        assert!(screen.contains(want), "{want} missing:\n{screen}");
    }
    app.press(Action::Erase);
    assert!(app.screen().contains("for good?"));
}

// ----- issue 14: never an empty list, and why a row matched -----

#[test]
fn a_word_that_matches_nobody_exactly_still_lists_the_visitor_as_similar() {
    let dir = tempfile::tempdir().unwrap();
    fill_database(dir.path());
    let mut app = signed_in(dir.path(), 120, 40, COORDINATOR, PASSPHRASE);
    // Egyptian g for ج/j: no exact spelling of يوسف, the similar one is listed and marked.
    let screen = find(&mut app, "Gusuf Testa");
    assert!(screen.contains("يوسف تستا"), "{screen}");
    assert!(screen.contains("ähnlich"), "{screen}");
    assert!(!screen.contains("Niemand gefunden"), "{screen}");
    // An exact hit is not marked.
    app.press(Action::Back);
    let screen = find(&mut app, "Jürgen");
    assert!(screen.contains("Jürgen Müller-Test"), "{screen}");
    let row = screen
        .lines()
        .find(|l| l.contains("Jürgen Müller-Test"))
        .unwrap_or_default();
    assert!(!row.contains("ähnlich"), "{row}");
}

#[test]
fn a_phone_match_shows_only_the_typed_digits() {
    let dir = tempfile::tempdir().unwrap();
    fill_database(dir.path());
    let mut app = signed_in(dir.path(), 120, 40, COORDINATOR, PASSPHRASE);
    let screen = find(&mut app, "9876543");
    assert!(screen.contains("Tel. •••• 9876 543"), "{screen}");
    assert!(!screen.contains("0170"), "{screen}");
}
