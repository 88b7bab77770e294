//! The offerings and sessions screens through the whole application
//! (`TestBackend`): create, edit and archive offerings, browse days, add and
//! cancel sessions, and the validation next to the fields.

mod common;

use common::app::{
    COORDINATOR, DAY, PASSPHRASE, TestApp, VOLUNTEER, VOLUNTEER_PASSPHRASE, make_database,
    with_desk,
};
use jiff::civil::{Time, date};
use mila::desk::{Desk, Offering, OfferingId, Pillar, Recurrence, RefList, Role, SessionState};
use mila::ui::action::Action;
use mila::ui::catalog::Lang;
use mila::vault::{KdfParams, Passphrase};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const NAME: &str = "Testkurs Abendgruppe";

fn snapshot(name: &str, app: &mut TestApp) {
    let (cols, rows) = {
        let area = app.terminal.backend().buffer().area;
        (area.width, area.height)
    };
    insta::assert_snapshot!(format!("{name}_{cols}x{rows}"), app.screen());
}

fn coordinator_app(dir: &std::path::Path, cols: u16, rows: u16, lang: Option<Lang>) -> TestApp {
    make_database(dir);
    let mut app = TestApp::start(dir, cols, rows, lang);
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::Offerings);
    app
}

fn evening_class(desk: &Desk) -> Offering {
    let tally = desk
        .reference(RefList::TallyCategories)
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .take(2)
        .collect();
    Offering {
        name: NAME.into(),
        pillar: Pillar::Sprachvermittlung,
        partner: "Testverein Beispiel".into(),
        room: "Nebenraum".into(),
        recurrence: Recurrence::Weekly {
            weekdays: vec![2, 4],
            start: Time::constant(18, 0, 0, 0),
            end: Time::constant(19, 30, 0, 0),
        },
        tally_categories: tally,
        archived: false,
    }
}

fn find_offering(dir: &std::path::Path, name: &str) -> Option<(OfferingId, Offering)> {
    with_desk(&dir.join("mila.redb"), |desk, _| {
        desk.offerings()
            .unwrap()
            .into_iter()
            .find(|(_, o)| o.name == name)
    })
}

/// Moves the selection in the offerings list to the row showing `name`.
fn select(app: &mut TestApp, name: &str) {
    app.press(Action::First);
    for _ in 0..40 {
        let screen = app.screen();
        if screen.lines().any(|l| l.contains('▶') && l.contains(name)) {
            return;
        }
        app.press(Action::Down);
    }
    panic!("{name} not in the list:\n{}", app.screen());
}

/// The line of the sessions view that shows `title`, if any.
fn session_line(app: &mut TestApp, title: &str) -> Option<String> {
    app.screen()
        .lines()
        .find(|l| l.contains(title))
        .map(str::to_owned)
}

#[test]
fn offerings_list_shows_pillar_partner_and_recurrence() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let mut app = coordinator_app(dir.path(), cols, rows, None);
        let screen = app.screen();
        assert!(screen.contains("MiLA Desk – Angebote"), "{screen}");
        assert!(screen.contains("Deutschkurs"), "{screen}");
        assert!(
            screen.contains("Wiederholung: wöchentlich Di, Do, 10:00–12:00"),
            "{screen}"
        );
        assert!(
            screen.contains("Zählkategorien: Erwachsene, Kinder"),
            "{screen}"
        );
        snapshot("offerings", &mut app);
    }
}

#[test]
fn create_a_weekly_tuesday_thursday_offering_and_see_its_sessions_on_the_right_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = coordinator_app(dir.path(), 80, 24, None);
    app.press(Action::NewItem);
    app.type_text(NAME);
    app.press(Action::NextField); // pillar
    app.press(Action::Right);
    app.press(Action::Right);
    app.press(Action::Right); // Raum für Kommunikation
    app.press(Action::NextField);
    app.type_text("Testverein Beispiel");
    app.press(Action::NextField);
    app.type_text("Nebenraum");
    app.press(Action::NextField); // recurrence: weekly
    app.press(Action::NextField); // weekdays, on Monday
    app.press(Action::Right);
    app.press(Action::Input(' ')); // Tuesday
    app.press(Action::Right);
    app.press(Action::Right);
    app.press(Action::Input(' ')); // Thursday
    app.press(Action::NextField);
    app.type_text("18:00");
    app.press(Action::NextField);
    app.type_text("19:30");
    let form = app.screen();
    assert!(form.contains("[x] Di") && form.contains("[x] Do"), "{form}");
    assert!(form.contains("[ ] Mo") && form.contains("[ ] Mi"), "{form}");
    snapshot("offering_form_filled", &mut app);
    // Its own tally list: adults, children and the women's category.
    app.press(Action::NextField);
    app.press(Action::Down);
    app.press(Action::Down);
    app.press(Action::Input(' '));
    assert!(app.screen().contains("[x] Frauen"));
    app.press(Action::Save);

    let list = app.screen();
    assert!(list.contains("Angebot gespeichert."), "{list}");
    assert!(list.contains("MiLA Desk – Angebote"), "{list}");
    select(&mut app, NAME);
    assert!(
        app.screen()
            .contains("Wiederholung: wöchentlich Di, Do, 18:00–19:30"),
        "{}",
        app.screen()
    );

    // The sessions: today (Thursday 26.11.) it exists; the days after show it
    // only on Tuesday, planned.
    app.press(Action::NextField);
    let today = app.screen();
    assert!(
        today.contains("Donnerstag, 26. November 2026 (heute)"),
        "{today}"
    );
    let line = session_line(&mut app, NAME).expect("today's session");
    assert!(
        line.contains("18:00–19:30") && line.contains("offen"),
        "{line}"
    );
    let mut seen = Vec::new();
    for _ in 0..7 {
        app.press(Action::Right);
        let screen = app.screen();
        let day = screen
            .lines()
            .find(|l| l.contains('◀'))
            .unwrap_or_default()
            .trim()
            .to_owned();
        if let Some(line) = session_line(&mut app, NAME) {
            assert!(line.contains("geplant"), "{line}");
            seen.push(day);
        }
    }
    assert_eq!(
        seen,
        [
            "◀  Dienstag, 1. Dezember 2026  ▶",
            "◀  Donnerstag, 3. Dezember 2026  ▶"
        ]
    );

    drop(app);
    let (_, saved) = find_offering(dir.path(), NAME).expect("saved");
    assert_eq!(saved.pillar, Pillar::Kommunikation);
    assert_eq!(saved.partner, "Testverein Beispiel");
    assert_eq!(saved.room, "Nebenraum");
    assert_eq!(
        saved.recurrence,
        Recurrence::Weekly {
            weekdays: vec![2, 4],
            start: Time::constant(18, 0, 0, 0),
            end: Time::constant(19, 30, 0, 0),
        }
    );
    let labels: Vec<String> = with_desk(&dir.path().join("mila.redb"), |desk, _| {
        let list = desk.reference(RefList::TallyCategories).unwrap();
        saved
            .tally_categories
            .iter()
            .filter_map(|id| {
                list.iter()
                    .find(|(i, _)| i == id)
                    .map(|(_, e)| e.label.clone())
            })
            .collect()
    });
    assert_eq!(labels, ["Erwachsene", "Kinder", "Frauen"]);
}

#[test]
fn a_bad_time_is_shown_next_to_its_field_and_nothing_is_saved() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let mut app = coordinator_app(dir.path(), cols, rows, None);
        app.press(Action::NewItem);
        app.type_text(NAME);
        for _ in 0..5 {
            app.press(Action::NextField);
        }
        app.press(Action::Input(' ')); // Monday
        app.press(Action::NextField);
        app.type_text("25:00");
        app.press(Action::NextField);
        app.type_text("9:30");
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(
            screen.contains("✗ Uhrzeit bitte als HH:MM, z. B. 09:30."),
            "{screen}"
        );
        assert!(
            screen.contains("Bitte die markierten Felder prüfen."),
            "{screen}"
        );
        // The message sits right under the start field.
        let lines: Vec<&str> = screen.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains("Beginn (HH:MM)"))
            .unwrap();
        assert!(
            lines[at + 1].contains("Uhrzeit bitte als HH:MM"),
            "{screen}"
        );
        snapshot("offering_form_bad_time", &mut app);

        // The focus went to the field with the problem. Fixed start, but the end before it.
        assert!(app.screen().contains("▸ Beginn (HH:MM)"));
        app.press(Action::ClearField);
        app.type_text("10:00");
        app.press(Action::Save);
        let screen = app.screen();
        assert!(
            screen.contains("Das Ende muss nach dem Beginn liegen."),
            "{screen}"
        );
        drop(app);
        assert!(find_offering(dir.path(), NAME).is_none());
    }
}

#[test]
fn a_monthly_and_a_one_off_offering_through_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = coordinator_app(dir.path(), 80, 24, None);
    app.press(Action::NewItem);
    app.type_text("Testcafé erster Freitag");
    for _ in 0..4 {
        app.press(Action::NextField);
    }
    app.press(Action::Right); // monthly
    app.press(Action::NextField); // 1.
    app.press(Action::NextField); // weekday: Monday
    for _ in 0..4 {
        app.press(Action::Right);
    }
    app.press(Action::NextField);
    app.type_text("15:00");
    app.press(Action::NextField);
    app.type_text("18:00");
    app.press(Action::Save);
    select(&mut app, "Testcafé");
    assert!(
        app.screen()
            .contains("monatlich am 1. Freitag, 15:00–18:00")
    );

    app.press(Action::NewItem);
    app.type_text("Testinfoabend einmalig");
    for _ in 0..4 {
        app.press(Action::NextField);
    }
    app.press(Action::Right);
    app.press(Action::Right); // once
    app.press(Action::NextField);
    app.type_text("31.11.2026");
    app.press(Action::NextField);
    app.type_text("18:00");
    app.press(Action::NextField);
    app.type_text("20:00");
    app.press(Action::Save);
    let screen = app.screen();
    assert!(
        screen.contains("Datum bitte als TT.MM.JJJJ, z. B. 04.12.2026."),
        "{screen}"
    );
    for _ in 0..2 {
        app.press(Action::NextField); // back round to the date
    }
    for _ in 0..5 {
        app.press(Action::PrevField);
    }
    let _ = app.screen();
    // Wherever the focus is now, go to the date field by name.
    for _ in 0..12 {
        if app
            .screen()
            .lines()
            .any(|l| l.contains("▸ Datum (TT.MM.JJJJ)"))
        {
            break;
        }
        app.press(Action::NextField);
    }
    app.press(Action::ClearField);
    app.type_text("04.12.2026");
    app.press(Action::Save);
    assert!(app.screen().contains("Angebot gespeichert."));
    drop(app);
    let (_, cafe) = find_offering(dir.path(), "Testcafé erster Freitag").expect("saved");
    assert_eq!(
        cafe.recurrence,
        Recurrence::Monthly {
            week: mila::desk::MonthWeek::Nth(1),
            weekday: 5,
            start: Time::constant(15, 0, 0, 0),
            end: Time::constant(18, 0, 0, 0),
        }
    );
    let (_, once) = find_offering(dir.path(), "Testinfoabend einmalig").expect("saved");
    assert_eq!(
        once.recurrence,
        Recurrence::Once {
            date: date(2026, 12, 4),
            start: Time::constant(18, 0, 0, 0),
            end: Time::constant(20, 0, 0, 0),
        }
    );
}

#[test]
fn edit_an_offering() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    with_desk(&dir.path().join("mila.redb"), |desk, login| {
        desk.save_offering(login, None, &evening_class(desk))
            .unwrap();
    });
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::Offerings);
    select(&mut app, NAME);
    app.press(Action::EditItem);
    let form = app.screen();
    assert!(form.contains("MiLA Desk – Angebot bearbeiten"), "{form}");
    assert!(
        form.contains(NAME) && form.contains("18:00") && form.contains("19:30"),
        "{form}"
    );
    assert!(form.contains("[x] Di") && form.contains("[x] Do"), "{form}");
    app.press(Action::ClearField);
    app.type_text("Testkurs Spätgruppe");
    for _ in 0..7 {
        app.press(Action::NextField);
    }
    app.press(Action::ClearField); // end
    app.type_text("20:00");
    app.press(Action::Save);
    let screen = app.screen();
    // Today (a Thursday) has its session already: it takes the new end.
    assert!(
        screen.contains("Angebot gespeichert; heutiger Termin jetzt 18:00–20:00, Zählung bleibt."),
        "{screen}"
    );
    assert!(screen.contains("Testkurs Spätgruppe"), "{screen}");

    // Leaving a changed form asks first.
    app.press(Action::EditItem);
    app.type_text(" X");
    app.press(Action::Back);
    assert!(app.screen().contains("Ungespeicherte Eingaben verwerfen?"));
    app.press(Action::Yes);
    drop(app);
    assert!(find_offering(dir.path(), "Testkurs Spätgruppe X").is_none());
    assert!(find_offering(dir.path(), NAME).is_none());
    let (_, changed) = find_offering(dir.path(), "Testkurs Spätgruppe").expect("renamed");
    assert!(matches!(
        changed.recurrence,
        Recurrence::Weekly { end, .. } if end == Time::constant(20, 0, 0, 0)
    ));
}

#[test]
fn archiving_an_offering_with_sessions_keeps_it() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        make_database(dir.path());
        with_desk(&dir.path().join("mila.redb"), |desk, login| {
            desk.save_offering(login, None, &evening_class(desk))
                .unwrap();
            // Today is a Thursday: its session exists from now on.
            desk.sessions_on(DAY).unwrap();
        });
        let mut app = TestApp::start(dir.path(), cols, rows, None);
        app.sign_in(COORDINATOR, PASSPHRASE);
        app.press(Action::Offerings);
        select(&mut app, NAME);
        app.press(Action::ArchiveItem);
        let screen = app.screen();
        assert!(screen.contains("archivieren?"), "{screen}");
        snapshot("offering_archive_question", &mut app);
        // "No" is the default.
        app.press(Action::Confirm);
        assert!(!app.screen().contains("(archiviert)"));
        app.press(Action::ArchiveItem);
        app.press(Action::Yes);
        let screen = app.screen();
        assert!(
            screen.contains("Angebot archiviert; seine Termine bleiben in den Berichten."),
            "{screen}"
        );
        assert!(
            screen
                .lines()
                .any(|l| l.contains(NAME) && l.trim_end().ends_with("(archiviert)")),
            "{screen}"
        );
        drop(app);
        let (_, kept) = find_offering(dir.path(), NAME).expect("kept");
        assert!(kept.archived);
        // Its session of today is still there.
        let today = with_desk(&dir.path().join("mila.redb"), |desk, _| {
            desk.sessions_on(DAY).unwrap()
        });
        assert!(today.iter().any(|s| s.title() == NAME));

        // Brought back with the same key.
        let mut app = TestApp::start(dir.path(), cols, rows, None);
        app.sign_in(COORDINATOR, PASSPHRASE);
        app.press(Action::Offerings);
        select(&mut app, NAME);
        app.press(Action::ArchiveItem);
        app.press(Action::Yes);
        assert!(app.screen().contains("Angebot wieder aufgenommen."));
        drop(app);
        assert!(!find_offering(dir.path(), NAME).unwrap().1.archived);
    }
}

#[test]
fn archiving_an_offering_without_sessions_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = coordinator_app(dir.path(), 80, 24, None);
    select(&mut app, "Zahngesundheit");
    app.press(Action::ArchiveItem);
    app.press(Action::Yes);
    let screen = app.screen();
    assert!(
        screen.contains("Angebot entfernt (es hatte keine Termine)."),
        "{screen}"
    );
    drop(app);
    assert!(find_offering(dir.path(), "Zahngesundheit").is_none());
}

#[test]
fn an_ad_hoc_session_appears_and_can_be_cancelled_and_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = coordinator_app(dir.path(), 80, 24, None);
    app.press(Action::NextField);
    app.press(Action::NewItem);
    let form = app.screen();
    assert!(form.contains("Einzeltermin hinzufügen"), "{form}");
    assert!(form.contains("Am Donnerstag, 26. November 2026"), "{form}");
    assert!(form.contains("◀ Infoveranstaltung ▶"), "{form}");
    snapshot("session_form", &mut app);
    app.type_text("Infoabend Test");
    app.press(Action::NextField);
    app.press(Action::NextField);
    app.type_text("18:00");
    app.press(Action::NextField);
    app.type_text("17:00");
    app.press(Action::Save);
    assert!(
        app.screen()
            .contains("Das Ende muss nach dem Beginn liegen.")
    );
    app.press(Action::ClearField);
    app.type_text("20:00");
    app.press(Action::Save);
    let screen = app.screen();
    assert!(screen.contains("Termin hinzugefügt."), "{screen}");
    let line = session_line(&mut app, "Infoabend Test").expect("listed");
    assert!(
        line.contains("18:00–20:00") && line.contains("offen"),
        "{line}"
    );

    // Cancel it: it is the last row (latest start).
    app.press(Action::Last);
    app.press(Action::CancelSession);
    let screen = app.screen();
    assert!(
        screen.contains("Termin „Infoabend Test“ am 26.11.2026 um 18:00 absagen?"),
        "{screen}"
    );
    app.press(Action::Yes);
    let line = session_line(&mut app, "Infoabend Test").expect("still listed");
    assert!(line.contains("abgesagt"), "{line}");

    // The coordinator opens it again.
    app.press(Action::ReopenSession);
    assert!(app.screen().contains("wieder öffnen?"));
    app.press(Action::Yes);
    let line = session_line(&mut app, "Infoabend Test").expect("listed");
    assert!(line.contains("offen"), "{line}");
    drop(app);
    let state = with_desk(&dir.path().join("mila.redb"), |desk, _| {
        desk.sessions_on(DAY)
            .unwrap()
            .into_iter()
            .find(|s| s.title() == "Infoabend Test")
            .map(|s| (s.record.state, s.record.ad_hoc))
    });
    assert_eq!(state, Some((SessionState::Open, true)));
}

#[test]
fn a_planned_session_of_a_future_day_can_be_cancelled_ahead() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = coordinator_app(dir.path(), 80, 24, None);
    app.press(Action::NextField);
    for _ in 0..5 {
        app.press(Action::Right); // Tuesday 1.12.
    }
    let line = session_line(&mut app, "Deutschkurs").expect("planned");
    assert!(line.contains("geplant"), "{line}");
    select_session(&mut app, "Deutschkurs");
    app.press(Action::CancelSession);
    app.press(Action::Yes);
    let line = session_line(&mut app, "Deutschkurs").expect("listed");
    assert!(line.contains("abgesagt"), "{line}");
}

fn select_session(app: &mut TestApp, title: &str) {
    app.press(Action::First);
    for _ in 0..20 {
        if app
            .screen()
            .lines()
            .any(|l| l.contains('▶') && l.contains(title) && !l.contains('◀'))
        {
            return;
        }
        app.press(Action::Down);
    }
    panic!("{title} not listed");
}

#[test]
fn browse_to_a_past_day_with_its_counts() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let path = make_database(dir.path());
        {
            let mut desk = Desk::open(&path).unwrap();
            desk.pin_today(date(2026, 11, 24));
            let login = desk
                .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
                .unwrap();
            let sessions = desk.sessions_on(date(2026, 11, 24)).unwrap();
            let class = sessions
                .iter()
                .find(|s| s.title().starts_with("Deutschkurs"))
                .unwrap();
            let adults = class.tallies[0].category;
            let children = class.tallies[1].category;
            desk.tally(&login, class.id, adults, 7).unwrap();
            desk.tally(&login, class.id, children, 3).unwrap();
            desk.close_session(&login, class.id, "Gut besucht").unwrap();
        }
        let mut app = TestApp::start(dir.path(), cols, rows, None);
        app.sign_in(COORDINATOR, PASSPHRASE);
        app.press(Action::Offerings);
        app.press(Action::NextField);
        app.press(Action::Left);
        app.press(Action::PageUp);
        let screen = app.screen();
        assert!(screen.contains("Dienstag, 24. November 2026"), "{screen}");
        assert!(!screen.contains("(heute)"), "{screen}");
        let line = session_line(&mut app, "Deutschkurs").expect("held");
        assert!(line.contains("geschlossen"), "{line}");
        assert!(line.trim_end().ends_with("0       10      10"), "{line}");
        assert!(screen.contains("Notiz: Gut besucht"), "{screen}");
        snapshot("sessions_past_day", &mut app);
        // Back to today with the other keys.
        app.press(Action::Right);
        app.press(Action::PageDown);
        assert!(
            app.screen()
                .contains("Donnerstag, 26. November 2026 (heute)")
        );
    }
}

#[test]
fn sessions_of_today_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = coordinator_app(dir.path(), 80, 24, Some(Lang::En));
    app.press(Action::NextField);
    let screen = app.screen();
    assert!(
        screen.contains("Thursday, 26 November 2026 (today)"),
        "{screen}"
    );
    assert!(screen.contains("open"), "{screen}");
    snapshot("sessions_english", &mut app);
    app.press(Action::NextField);
    let screen = app.screen();
    assert!(
        screen.contains("Recurrence: weekly Tu, Th, 10:00–12:00"),
        "{screen}"
    );
}

#[test]
fn sessions_today_snapshot() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let mut app = coordinator_app(dir.path(), cols, rows, None);
        app.press(Action::NextField);
        let screen = app.screen();
        assert!(screen.contains("Sozialberatung"), "{screen}");
        assert!(
            screen.contains("Gesamt = eingecheckt + anonym gezählt."),
            "{screen}"
        );
        snapshot("sessions_today", &mut app);
    }
}

#[test]
fn receptionists_see_offerings_but_change_only_sessions_and_volunteers_neither() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    with_desk(&dir.path().join("mila.redb"), |desk, login| {
        desk.add_staff(
            login,
            "empfang",
            Role::Receptionist,
            &Passphrase::new("empfang-passphrase"),
            KdfParams::MINIMUM,
        )
        .unwrap();
    });
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in("empfang", "empfang-passphrase");
    app.press(Action::Offerings);
    let screen = app.screen();
    assert!(screen.contains("Deutschkurs"), "{screen}");
    assert!(!screen.contains("Bearbeiten"), "{screen}");
    app.press(Action::NewItem);
    assert!(app.screen().contains("nicht zur Verfügung"));
    assert!(app.screen().contains("MiLA Desk – Angebote"));
    app.press(Action::NextField);
    app.press(Action::NewItem);
    assert!(app.screen().contains("Einzeltermin hinzufügen"));
    app.press(Action::Back);
    // Only the coordinator opens a cancelled session again.
    app.press(Action::CancelSession);
    app.press(Action::Yes);
    app.press(Action::ReopenSession);
    assert!(app.screen().contains("nicht zur Verfügung"));

    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = TestApp::start(dir.path(), 80, 24, None);
    app.sign_in(VOLUNTEER, VOLUNTEER_PASSPHRASE);
    app.press(Action::Offerings);
    let screen = app.screen();
    assert!(screen.contains("nicht zur Verfügung"), "{screen}");
    assert!(!screen.contains("MiLA Desk – Angebote"), "{screen}");
}

#[test]
fn hostile_offering_names_render_sanitised_without_shifting_the_layout() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let hostile = format!(
        "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}Test{}",
        "مرحبا بكم في ميلا ".repeat(5)
    );
    let hostile: String = hostile.chars().take(120).collect();
    with_desk(&dir.path().join("mila.redb"), |desk, login| {
        let mut o = evening_class(desk);
        o.name = hostile.clone();
        o.partner = "\u{1b}[31mRot\u{200f}".into();
        desk.save_offering(login, None, &o).unwrap();
        desk.sessions_on(DAY).unwrap();
    });
    for (cols, rows) in SIZES {
        let mut app = TestApp::start(dir.path(), cols, rows, None);
        app.sign_in(COORDINATOR, PASSPHRASE);
        app.press(Action::Offerings);
        app.press(Action::Last);
        for screen in [app.screen(), {
            app.press(Action::NextField);
            app.screen()
        }] {
            assert!(!screen.contains('\u{1b}'), "{screen}");
            assert!(!screen.contains('\u{202e}'), "{screen}");
            assert!(!screen.contains('\u{7}'), "{screen}");
            let widths: Vec<usize> = screen
                .lines()
                .map(mila::ui::sanitize::display_width)
                .collect();
            assert!(widths.iter().all(|w| *w <= usize::from(cols)), "{screen}");
            assert!(screen.contains("Test"), "{screen}");
        }
    }
}

/// The cell where `needle` starts on the screen (the text before it is narrow).
fn cell_of(app: &mut TestApp, needle: &str) -> (u16, u16) {
    let screen = app.screen();
    for (y, line) in screen.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            let col = line[..byte].chars().count();
            return (u16::try_from(col).unwrap(), u16::try_from(y).unwrap());
        }
    }
    panic!("{needle} not on screen:\n{screen}");
}

#[test]
fn the_mouse_ticks_weekdays_and_presses_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = coordinator_app(dir.path(), 80, 24, None);
    app.press(Action::NewItem);
    app.type_text(NAME);
    let (col, row) = cell_of(&mut app, "[ ] Mi");
    app.press(Action::Click { col, row });
    assert!(app.screen().contains("[x] Mi"));
    let (col, row) = cell_of(&mut app, "Beginn (HH:MM)");
    app.press(Action::Click { col, row });
    app.type_text("08:00");
    let (col, row) = cell_of(&mut app, "Ende (HH:MM)");
    app.press(Action::Click { col, row });
    app.type_text("09:00");
    let (col, row) = cell_of(&mut app, "[ Speichern ]");
    app.press(Action::Click { col: col + 2, row });
    let screen = app.screen();
    assert!(screen.contains("Angebot gespeichert."), "{screen}");
    drop(app);
    let (_, saved) = find_offering(dir.path(), NAME).expect("saved");
    assert_eq!(
        saved.recurrence,
        Recurrence::Weekly {
            weekdays: vec![3],
            start: Time::constant(8, 0, 0, 0),
            end: Time::constant(9, 0, 0, 0),
        }
    );
}
