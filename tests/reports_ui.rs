//! The day summary (F6) and period report screens, driven through the
//! application with `TestBackend`: snapshots at 80×24 and 120×40, printing
//! without a printer, saving, the day's note, names only for the coordinator.

mod common;

use std::path::{Path, PathBuf};

use common::app::{
    COORDINATOR, DAY, PASSPHRASE, TestApp, VOLUNTEER, VOLUNTEER_PASSPHRASE, make_database,
    with_desk,
};
use common::desk::person;
use common::report::{offering_id, time};
use jiff::ToSpan;
use jiff::civil::Date;
use mila::desk::{AuditAction, AuditFilter, Desk, Login};
use mila::ui::action::Action;
use mila::ui::catalog::Lang;
use mila::vault::Passphrase;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const VISITORS: [&str; 2] = ["Testa Beispiel", "Erika Musterfrau"];

fn snapshot(name: &str, app: &mut TestApp) {
    let (cols, rows) = {
        let area = app.terminal.backend().buffer().area;
        (area.width, area.height)
    };
    insta::assert_snapshot!(format!("{name}_{cols}x{rows}"), app.screen());
}

fn day_before() -> Date {
    DAY.checked_sub(1.day()).unwrap()
}

fn tally_adults(desk: &Desk, login: &Login, session: u64, n: i32) {
    let adults = desk
        .session(session)
        .unwrap()
        .tallies
        .into_iter()
        .find(|t| t.label == "Erwachsene")
        .unwrap()
        .category;
    desk.tally(login, session, adults, n).unwrap();
}

/// The day before: Testa Beispiel registers and comes to an information
/// event. The day: Erika Musterfrau registers; both come to the German class,
/// with two more adults counted anonymously.
fn fixture(dir: &Path) -> PathBuf {
    let path = make_database(dir);
    let testa = {
        let mut desk = Desk::open(&path).unwrap();
        desk.pin_today(day_before());
        let c = desk
            .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
            .unwrap();
        let testa = desk
            .register_visitor(&c, &person(VISITORS[0], "", 1990), true, None)
            .unwrap();
        let info = desk
            .add_session(
                &c,
                offering_id(&desk, "Infoveranstaltung"),
                day_before(),
                time(14, 0),
                time(15, 0),
                "Infoabend Wohnen",
            )
            .unwrap();
        desk.check_in(&c, info, testa).unwrap();
        tally_adults(&desk, &c, info, 7);
        testa
    };
    with_desk(&path, |desk, c| {
        let erika = desk
            .register_visitor(c, &person(VISITORS[1], "", 1985), true, None)
            .unwrap();
        let class = desk
            .sessions_on(DAY)
            .unwrap()
            .into_iter()
            .find(|s| s.offering_name.starts_with("Deutschkurs"))
            .unwrap()
            .id;
        desk.check_in_many(c, class, &[testa, erika]).unwrap();
        tally_adults(desk, c, class, 2);
    });
    // Snapshots must not show the home folder of whoever runs the tests.
    write_config(dir, "/nonexistent/lp");
    path
}

fn write_config(dir: &Path, print_command: &str) -> PathBuf {
    let folder = dir.join("berichte");
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "print_command = \"{print_command}\"\nreport_folder = \"{}\"\n",
            folder.display()
        ),
    )
    .unwrap();
    folder
}

/// Signed in and on the day summary.
fn open_summary(dir: &Path, cols: u16, rows: u16, lang: Option<Lang>, user: &str) -> TestApp {
    let mut app = TestApp::start(dir, cols, rows, lang);
    let passphrase = if user == VOLUNTEER {
        VOLUNTEER_PASSPHRASE
    } else {
        PASSPHRASE
    };
    app.sign_in(user, passphrase);
    app.press(Action::DaySummary);
    app
}

fn assert_no_visitor_names(screen: &str) {
    for name in VISITORS {
        assert!(!screen.contains(name), "{name} on screen:\n{screen}");
    }
}

#[test]
fn the_day_summary_previews_the_printout() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        fixture(dir.path());
        write_config(dir.path(), "/nonexistent/lp");
        let mut app = open_summary(dir.path(), cols, rows, None, COORDINATOR);
        let screen = app.screen();
        assert!(screen.contains("Tagesübersicht"), "{screen}");
        assert!(screen.contains("26.11.2026"), "{screen}");
        assert!(screen.contains("Donnerstag, 26. November 2026"), "{screen}");
        assert!(screen.contains("Deutschkurs"), "{screen}");
        assert!(screen.contains("<tmp>/berichte"), "{screen}");
        assert_no_visitor_names(&screen);
        snapshot("day_summary", &mut app);
        // The figures further down: two checked in, two counted.
        app.press(Action::PageDown);
        let screen = app.screen();
        assert!(screen.contains("Verschiedene Besucher*innen"), "{screen}");
        assert_no_visitor_names(&screen);
    }
}

#[test]
fn the_day_summary_in_english() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut app = open_summary(dir.path(), 80, 24, Some(Lang::En), COORDINATOR);
    let screen = app.screen();
    assert!(screen.contains("Day summary"), "{screen}");
    assert!(screen.contains("Thursday, 26 November 2026"), "{screen}");
    assert!(screen.contains("2026-11-26"), "{screen}");
    snapshot("day_summary_en", &mut app);
    app.press(Action::PeriodReport);
    app.press(Action::Chart);
    let screen = app.screen();
    assert!(screen.contains("Visits per offering"), "{screen}");
    assert!(screen.contains("2026-11-23"), "{screen}");
    snapshot("period_chart_en", &mut app);
}

#[test]
fn choosing_another_day_changes_the_preview() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut app = open_summary(dir.path(), 120, 40, None, COORDINATOR);
    assert!(app.screen().contains("Deutschkurs"));
    app.press(Action::PrevDay);
    let screen = app.screen();
    assert!(screen.contains("Mittwoch, 25. November 2026"), "{screen}");
    assert!(screen.contains("Infoabend Wohnen"), "{screen}");
    assert!(!screen.contains("Deutschkurs"), "{screen}");
    app.press(Action::NextDay);
    app.press(Action::NextDay);
    let screen = app.screen();
    assert!(screen.contains("Freitag, 27. November 2026"), "{screen}");
    assert!(screen.contains("Keine Termine an diesem Tag."), "{screen}");

    // Typing a date into the day field.
    app.press(Action::NextField);
    app.press(Action::ClearField);
    app.type_text("25.11.2026");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Infoabend Wohnen"), "{screen}");
    // A wrong date says so and keeps the day (Enter kept the focus in the field).
    app.press(Action::ClearField);
    app.type_text("31.02.2026");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(
        screen.contains("Datum bitte als TT.MM.JJJJ eingeben."),
        "{screen}"
    );
    assert!(screen.contains("Infoabend Wohnen"), "{screen}");
}

#[test]
fn a_missing_print_command_leaves_a_saved_file_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let folder = write_config(dir.path(), "/nonexistent/mila-lp -d empfang");
    let mut app = open_summary(dir.path(), 120, 40, None, COORDINATOR);
    app.press(Action::Print);
    let screen = app.screen();
    let saved = folder.join("Tagesuebersicht-2026-11-26.txt");
    assert!(
        screen.contains("Drucken nicht möglich (Druckbefehl /nonexistent/mila-lp nicht gefunden)"),
        "{screen}"
    );
    // The whole path stays on the screen, beyond the fading message.
    assert!(
        screen.contains("Gespeichert unter <tmp>/berichte/Tagesuebersicht-2026-11-26.txt"),
        "{screen}"
    );
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.starts_with("MiLA – Tagesübersicht"), "{text}");
    assert!(text.contains("Deutschkurs"), "{text}");
    for name in VISITORS {
        assert!(!text.contains(name));
    }
    snapshot("day_summary_print_failed", &mut app);
}

#[cfg(unix)]
#[test]
fn printing_hands_the_text_to_the_print_command() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let printed = dir.path().join("drucker");
    std::fs::create_dir(&printed).unwrap();
    let folder = write_config(dir.path(), &format!("cp -t {}", printed.display()));
    let mut app = open_summary(dir.path(), 120, 40, None, COORDINATOR);
    app.press(Action::Print);
    let screen = app.screen();
    assert!(screen.contains("Zum Drucker geschickt."), "{screen}");
    let text = std::fs::read_to_string(printed.join("report.txt")).unwrap();
    assert!(text.contains("Deutschkurs"), "{text}");
    assert!(!folder.exists(), "nothing saved when printing worked");
}

#[test]
fn save_writes_text_and_csv_to_the_chosen_folder() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    write_config(dir.path(), "/nonexistent/lp");
    let mut app = open_summary(dir.path(), 120, 40, None, COORDINATOR);
    // Another folder than the configured one.
    for _ in 0..3 {
        app.press(Action::NextField);
    }
    app.press(Action::ClearField);
    let chosen = dir.path().join("usb-stick");
    app.type_text(&chosen.display().to_string());
    app.press(Action::Confirm);
    app.press(Action::SaveFile);
    let screen = app.screen();
    assert!(screen.contains("Gespeichert: <tmp>/usb-stick/"), "{screen}");
    let text = std::fs::read_to_string(chosen.join("Tagesuebersicht-2026-11-26.txt")).unwrap();
    assert!(text.contains("Deutschkurs"));
    let csv = std::fs::read(chosen.join("Tagesuebersicht-2026-11-26.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    assert!(!dir.path().join("berichte").exists());
}

#[test]
fn the_day_note_typed_on_screen_is_in_the_summary_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = open_summary(dir.path(), 120, 40, None, COORDINATOR);
    app.press(Action::NextField);
    app.press(Action::NextField);
    app.type_text("Heizung im Raum 2 ausgefallen");
    // Leaving with the note unsaved asks first.
    app.press(Action::PrevField);
    app.press(Action::PrevField);
    app.press(Action::PrevDay);
    let screen = app.screen();
    assert!(screen.contains("noch nicht gespeichert"), "{screen}");
    assert!(screen.contains("Donnerstag, 26. November 2026"), "{screen}");
    // Showing the names reloads the summary but keeps what was typed.
    app.press(Action::NamesList);
    app.press(Action::NamesList);
    assert!(app.screen().contains("Heizung im Raum 2 ausgefallen"));
    app.press(Action::NextField);
    app.press(Action::NextField);
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Notiz des Tages gespeichert."), "{screen}");

    app.press(Action::Back);
    app.press(Action::DaySummary);
    app.press(Action::Last);
    let screen = app.screen();
    let preview: Vec<&str> = screen.lines().skip(5).collect();
    let heading = preview
        .iter()
        .position(|l| l.trim() == "Notiz des Tages")
        .unwrap_or_else(|| panic!("{screen}"));
    assert_eq!(preview[heading + 1].trim(), "Heizung im Raum 2 ausgefallen");
    drop(app);
    with_desk(&path, |desk, _| {
        assert_eq!(desk.day_note(DAY).unwrap(), "Heizung im Raum 2 ausgefallen");
    });
}

#[test]
fn a_hostile_day_note_renders_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    with_desk(&path, |desk, c| {
        let note = format!(
            "\u{1b}[2J\u{1b}]0;Titel\u{7}\u{202e}links \u{0645}\u{0639}\u{0644}\u{0648}\u{0645}\u{0627}\u{062a} {}",
            "x".repeat(1900)
        );
        desk.set_day_note(c, DAY, &note).unwrap();
    });
    for (cols, rows) in SIZES {
        let mut app = open_summary(dir.path(), cols, rows, None, COORDINATOR);
        let mut seen_arabic = false;
        for _ in 0..20 {
            let screen = app.screen();
            assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'));
            assert!(!screen.contains("Titel"), "{screen}");
            seen_arabic |= screen.contains("معلومات");
            for line in screen.lines() {
                assert!(line.chars().count() <= usize::from(cols), "{line}");
            }
            assert!(screen.contains("Tag ") && screen.contains("Speichern in"));
            app.press(Action::PageDown);
        }
        assert!(seen_arabic);
    }
}

#[test]
fn a_volunteer_sees_the_summary_but_no_names() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut app = open_summary(dir.path(), 120, 40, None, VOLUNTEER);
    let screen = app.screen();
    assert!(screen.contains("Tagesübersicht"), "{screen}");
    assert!(screen.contains("Deutschkurs"), "{screen}");
    assert!(!screen.contains("Namenslisten"), "no names key: {screen}");
    assert!(
        !screen.contains("Zeitraumbericht"),
        "no period key: {screen}"
    );
    app.press(Action::NamesList);
    let screen = app.screen();
    assert!(
        screen.contains("Diese Funktion steht Ihrer Rolle nicht zur Verfügung."),
        "{screen}"
    );
    assert!(!screen.contains("MIT NAMEN"), "{screen}");
    assert_no_visitor_names(&screen);
    app.press(Action::PeriodReport);
    assert!(app.screen().contains("Tagesübersicht"));
    snapshot("day_summary_volunteer", &mut app);
}

#[test]
fn the_coordinator_may_show_names_and_it_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut app = open_summary(dir.path(), 120, 40, None, COORDINATOR);
    assert_no_visitor_names(&app.screen());
    app.press(Action::NamesList);
    app.press(Action::PageDown);
    let screen = app.screen();
    assert!(screen.contains("MIT NAMEN"), "{screen}");
    assert!(screen.contains("Anwesenheitsliste"), "{screen}");
    assert!(
        screen.contains(VISITORS[0]) && screen.contains(VISITORS[1]),
        "{screen}"
    );
    // A list with names never ends up in a file: not when saving, not when
    // the printer is missing.
    app.press(Action::SaveFile);
    let screen = app.screen();
    assert!(
        screen.contains("Listen mit Namen werden nur gedruckt, nicht gespeichert."),
        "{screen}"
    );
    app.press(Action::Print);
    let screen = app.screen();
    assert!(
        screen.contains("Die Liste mit Namen wurde nicht gespeichert."),
        "{screen}"
    );
    assert!(!dir.path().join("berichte").exists());
    app.press(Action::NamesList);
    let screen = app.screen();
    assert!(!screen.contains("MIT NAMEN"), "{screen}");
    assert_no_visitor_names(&screen);
    drop(app);
    with_desk(&path, |desk, c| {
        let filter = AuditFilter {
            user: None,
            visitor: None,
            action: Some(AuditAction::NamesReport),
            from: None,
            to: None,
            limit: 0,
        };
        let entries = desk.audit_entries(c, &filter).unwrap();
        assert_eq!(entries.len(), 2, "one entry per person listed");
    });
}

#[test]
fn the_period_report_and_its_charts() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        fixture(dir.path());
        write_config(dir.path(), "/nonexistent/lp");
        let mut app = open_summary(dir.path(), cols, rows, None, COORDINATOR);
        app.press(Action::PeriodReport);
        let screen = app.screen();
        assert!(screen.contains("Zeitraumbericht"), "{screen}");
        // The default year back starts where the data starts (the week of 26.11.2026).
        assert!(screen.contains("23.11.2026"), "{screen}");
        assert!(screen.contains("26.11.2026"), "{screen}");
        assert_no_visitor_names(&screen);
        snapshot("period_report", &mut app);

        app.press(Action::Chart);
        let screen = app.screen();
        assert!(screen.contains("Besuche pro Angebot"), "{screen}");
        assert!(screen.contains("Besuche pro Kalenderwoche"), "{screen}");
        assert!(screen.contains("Deutschkurs"), "{screen}");
        assert!(screen.contains("Infoveranstaltung"), "{screen}");
        snapshot("period_chart", &mut app);

        // A narrower period: only the day before.
        app.press(Action::NextField);
        app.press(Action::ClearField);
        app.type_text("25.11.2026");
        app.press(Action::NextField);
        app.press(Action::ClearField);
        app.type_text("25.11.2026");
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(screen.contains("Infoveranstaltung"), "{screen}");
        assert!(!screen.contains("Deutschkurs"), "{screen}");

        // Back to the day summary: Esc leaves the field for the report, then the screen.
        app.press(Action::Back);
        app.press(Action::Back);
        assert!(app.screen().contains("Donnerstag, 26. November 2026"));
    }
}

#[test]
fn the_period_report_refuses_a_reversed_period_and_saves() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let folder = write_config(dir.path(), "/nonexistent/lp");
    let mut app = open_summary(dir.path(), 120, 40, None, COORDINATOR);
    app.press(Action::PeriodReport);
    app.press(Action::NextField);
    app.press(Action::ClearField);
    app.type_text("01.12.2026");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("„Bis“ liegt vor „Von“."), "{screen}");
    app.press(Action::Back);
    app.press(Action::SaveFile);
    let stem = "Zeitraumbericht-2026-11-23-2026-11-26";
    assert!(folder.join(format!("{stem}.txt")).exists());
    assert!(folder.join(format!("{stem}.csv")).exists());
    app.press(Action::Print);
    assert!(folder.join(format!("{stem}-2.txt")).exists());
}

#[test]
fn a_click_chooses_the_field() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut app = open_summary(dir.path(), 80, 24, None, COORDINATOR);
    // A person clicks what was drawn. Row 0 is the title bar; the note
    // field is the body's second row.
    app.screen();
    app.press(Action::Click { col: 30, row: 2 });
    app.type_text("Angeklickt");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Notiz des Tages gespeichert."), "{screen}");

    app.press(Action::PeriodReport);
    app.screen();
    app.press(Action::Click { col: 20, row: 1 });
    app.press(Action::ClearField);
    app.type_text("25.11.2026");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("25.11.2026 – 26.11.2026"), "{screen}");
}
