//! Findings of the second English walk-through (laptop keymap), each pinned by a test.

use mila::ui::action::{Action, Mode};
use mila::ui::catalog::Lang;
use mila::ui::keymap::Keymap;

fn hint_key(map: &str, mode: Mode, action: Action, lang: Lang) -> String {
    let (keymap, problems) = Keymap::load(map, None);
    assert!(problems.is_empty(), "{problems:?}");
    let hints = keymap.hints(mode, &[action], lang);
    assert_eq!(hints.len(), 1, "{hints:?}");
    hints[0].0.clone()
}

#[test]
fn the_yes_key_shown_matches_the_language() {
    for map in ["default", "laptop"] {
        assert_eq!(
            hint_key(map, Mode::Dialog, Action::Yes, Lang::En),
            "Y",
            "{map}"
        );
        assert_eq!(
            hint_key(map, Mode::Dialog, Action::Yes, Lang::De),
            "J",
            "{map}"
        );
        assert_eq!(
            hint_key(map, Mode::Dialog, Action::No, Lang::En),
            "N",
            "{map}"
        );
    }
}

#[test]
fn the_laptop_hint_bar_shows_keys_every_laptop_has() {
    assert_eq!(
        hint_key("laptop", Mode::List, Action::Erase, Lang::En),
        "Ctrl+X"
    );
    assert_eq!(
        hint_key("laptop", Mode::View, Action::PeriodReport, Lang::En),
        "Alt+Z"
    );
}

mod common;

use common::app::{COORDINATOR, PASSPHRASE, TestApp, make_database, with_desk};
use common::desk::person;

/// English staff read `2026-12-01 10:40`, never the German `01.12.2026`, and one entry is
/// "1 entry".
#[test]
fn the_audit_log_in_english_has_english_dates_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    with_desk(&path, |desk, login| {
        desk.register_visitor(login, &person("Testa Beispiel", "", 1990), true, None)
            .unwrap();
    });
    let mut app = TestApp::start(dir.path(), 80, 24, Some(Lang::En));
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::Admin);
    let hub = app.screen();
    assert!(
        hub.contains("tally categories"),
        "the hub says where tally categories are kept: {hub}"
    );
    app.press(Action::First);
    app.press(Action::Down);
    app.press(Action::Down);
    app.press(Action::Confirm);
    app.press(Action::NextField);
    app.type_text("1");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Audit log"), "{screen}");
    assert!(screen.contains("1 entry"), "{screen}");
    assert!(!screen.contains("1 entries"), "{screen}");
    let row = screen
        .lines()
        .find(|line| line.contains("registered"))
        .unwrap_or_else(|| panic!("{screen}"));
    let when: Vec<char> = row
        .trim_start_matches([' ', '▶'])
        .chars()
        .take(10)
        .collect();
    let is_iso = when.len() == 10
        && when.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    assert!(is_iso, "ISO date in English: {row}");
}

/// Typing more of a name selects the new best match: Enter must open the person the list
/// ranks first, not whoever a shorter query had first.
#[test]
fn typing_on_selects_the_best_match() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    with_desk(&path, |desk, login| {
        for name in ["Ahmed Beispiel", "Ahmad Beispiel"] {
            desk.register_visitor(login, &person(name, "", 1990), true, None)
                .unwrap();
        }
    });
    let mut app = TestApp::start(dir.path(), 80, 24, Some(Lang::En));
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::FindVisitor);
    app.type_text("ahm");
    let screen = app.screen();
    assert!(
        screen.contains("Ahmed Beispiel") && screen.contains("Ahmad Beispiel"),
        "{screen}"
    );
    app.type_text("ad");
    let screen = app.screen();
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains(" Beispiel")).collect();
    assert!(rows.len() == 2, "both still match: {screen}");
    assert!(rows[0].contains("Ahmad"), "best first: {screen}");
    assert!(
        rows[0].contains('▶'),
        "the best match is selected: {screen}"
    );
}

/// After "new offering" the list selects the one just saved: with thirty offerings it
/// would otherwise sit below the fold, and its details would not be the ones shown.
#[test]
fn a_new_offering_is_selected_when_the_form_closes() {
    use jiff::civil::Time;
    use mila::desk::{Offering, Pillar, Recurrence};
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    with_desk(&path, |desk, login| {
        let tally: Vec<_> = desk
            .reference(mila::desk::RefList::TallyCategories)
            .unwrap()
            .into_iter()
            .map(|(id, _)| id)
            .take(1)
            .collect();
        for i in 0..25 {
            let offering = Offering {
                name: format!("Testangebot {i:02}"),
                pillar: Pillar::Sprachvermittlung,
                partner: String::new(),
                room: String::new(),
                recurrence: Recurrence::Weekly {
                    weekdays: vec![1],
                    start: Time::constant(9, 0, 0, 0),
                    end: Time::constant(10, 0, 0, 0),
                },
                tally_categories: tally.clone(),
                archived: false,
            };
            desk.save_offering(login, None, &offering).unwrap();
        }
    });
    let mut app = TestApp::start(dir.path(), 80, 24, Some(Lang::En));
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::Offerings);
    app.press(Action::NewItem);
    app.type_text("Walk Test Café");
    for _ in 0..5 {
        app.press(Action::NextField);
    }
    app.press(Action::Input(' ')); // Monday
    app.press(Action::NextField);
    app.type_text("14:00");
    app.press(Action::NextField);
    app.type_text("16:00");
    app.press(Action::Save);
    let screen = app.screen();
    assert!(screen.contains("Offering saved."), "{screen}");
    let selected = screen
        .lines()
        .find(|l| l.contains('▶'))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(selected.contains("Walk Test Café"), "{screen}");
}

/// A volunteer types the number of someone erased: the sentence names the number, and the
/// field is empty for the next one, so "10" and then "42" do not become M-1042.
#[test]
fn an_erased_number_leaves_the_check_in_field_empty() {
    use common::app::{DAY, VOLUNTEER, VOLUNTEER_PASSPHRASE};
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    with_desk(&path, |desk, login| {
        let gone = desk
            .register_visitor(login, &person("Testa Beispiel", "", 1990), true, None)
            .unwrap();
        desk.register_visitor(login, &person("Erika Musterfrau", "", 1980), true, None)
            .unwrap();
        desk.erase_visitor(login, gone).unwrap();
        desk.sessions_on(DAY).unwrap();
    });
    let mut app = TestApp::start(dir.path(), 80, 24, Some(Lang::En));
    app.sign_in(VOLUNTEER, VOLUNTEER_PASSPHRASE);
    app.press(Action::CheckIn);
    app.press(Action::First);
    app.press(Action::Confirm);
    app.type_text("1");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("M-0001 was erased"), "{screen}");
    app.type_text("2");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("M-0002 checked in."), "{screen}");
}

/// Where `needle` is on the screen, as a click position (ASCII needles: column = index).
fn position_of(app: &mut TestApp, needle: &str) -> (u16, u16) {
    let screen = app.screen();
    for (row, line) in screen.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            let col = line[..byte].chars().count();
            return (col as u16 + 1, row as u16);
        }
    }
    panic!("{needle} not on screen: {screen}");
}

fn click_on(app: &mut TestApp, needle: &str) {
    let (col, row) = position_of(app, needle);
    app.press(Action::Click { col, row });
}

/// Every list that takes clicks, clicked like a person with a mouse would.
#[test]
fn clicks_open_what_they_point_at() {
    use common::app::DAY;
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    with_desk(&path, |desk, login| {
        desk.register_visitor(login, &person("Testa Beispiel", "", 1990), true, None)
            .unwrap();
        desk.register_visitor(login, &person("Erika Musterfrau", "", 1980), true, None)
            .unwrap();
        desk.sessions_on(DAY).unwrap();
    });
    let mut app = TestApp::start(dir.path(), 80, 24, Some(Lang::En));
    app.sign_in(COORDINATOR, PASSPHRASE);

    // The admin hub: a click on an entry opens it.
    app.press(Action::Admin);
    click_on(&mut app, "Staff accounts");
    let screen = app.screen();
    assert!(screen.contains("MiLA Desk – Staff accounts"), "{screen}");
    app.press(Action::Back);

    // Reference lists: a click on a tab shows that list.
    click_on(&mut app, "Reference lists");
    click_on(&mut app, "Tally categories");
    let screen = app.screen();
    assert!(screen.contains("[Tally categories]"), "{screen}");
    assert!(screen.contains("Erwachsene"), "{screen}");
    app.press(Action::Back);
    app.press(Action::Back);

    // Find visitor: a click on a match opens the card.
    app.press(Action::FindVisitor);
    app.type_text("e");
    click_on(&mut app, "Erika Musterfrau");
    let screen = app.screen();
    assert!(screen.contains("Visitor card M-0002"), "{screen}");
    app.press(Action::Back);
    app.press(Action::Back);

    // Check-in's session choice: a click on the second session opens that one.
    app.press(Action::CheckIn);
    let screen = app.screen();
    let second = screen
        .lines()
        .map(|l| l.trim_start_matches([' ', '▶']))
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .nth(1)
        .unwrap_or_else(|| panic!("two sessions today: {screen}"))
        .to_string();
    let time = &second[..11];
    click_on(&mut app, time);
    let screen = app.screen();
    assert!(screen.contains("Name or number"), "{screen}");
    assert!(screen.contains(time), "the clicked session: {screen}");
}

/// The weekday boxes and tally categories tick with Space; the form says so while they
/// have the focus, because the hint bar cannot show a key that types.
#[test]
fn the_offering_form_says_how_to_tick() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = TestApp::start(dir.path(), 80, 24, Some(Lang::En));
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::Offerings);
    app.press(Action::NewItem);
    assert!(!app.screen().contains("Space"), "{}", app.screen());
    for _ in 0..5 {
        app.press(Action::NextField);
    }
    let screen = app.screen();
    assert!(screen.contains("▸ Weekdays"), "{screen}");
    assert!(
        screen.contains("←/→ choose a day, Space ticks it."),
        "{screen}"
    );
    for _ in 0..3 {
        app.press(Action::NextField);
    }
    let screen = app.screen();
    assert!(screen.contains("▸ Tally categories"), "{screen}");
    assert!(screen.contains("↑/↓ choose, Space ticks."), "{screen}");
    insta::assert_snapshot!("offering_form_tally_hint_en_80x24", screen);
}

/// English fields show dates as 2026-11-01, so a refused date names that form too.
#[test]
fn a_bad_period_date_names_the_english_format() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = TestApp::start(dir.path(), 80, 24, Some(Lang::En));
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::DaySummary);
    app.press(Action::PeriodReport);
    app.press(Action::NextField);
    app.press(Action::ClearField);
    app.type_text("31.11.2026");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Period report"), "{screen}");
    assert!(screen.contains("YYYY-MM-DD"), "{screen}");
    assert!(!screen.contains("DD.MM"), "{screen}");
}

/// One month is a valid retention period and reads as one: never "1 months".
#[test]
fn a_one_month_retention_period_is_singular() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = TestApp::start(dir.path(), 80, 24, Some(Lang::En));
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::Admin);
    assert!(app.screen().contains("(now 24 months)"), "{}", app.screen());
    click_on(&mut app, "Change the retention period");
    app.press(Action::ClearField);
    app.type_text("1");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Retention period: 1 month."), "{screen}");
    assert!(screen.contains("(now 1 month)"), "{screen}");
    click_on(&mut app, "Retention review");
    let screen = app.screen();
    assert!(screen.contains("not seen for 1 month,"), "{screen}");
    assert!(!screen.contains("months"), "{screen}");
}

/// The refused birth date says the whole rule beside the step list at 80 columns, in
/// both languages (it used to end in "(JJJJ…").
#[test]
fn the_birth_date_rule_fits_under_its_field() {
    for (lang, rule) in [
        (Lang::De, "✗ TT.MM.JJJJ oder nur das Jahr."),
        (Lang::En, "✗ YYYY-MM-DD or just the year."),
    ] {
        let dir = tempfile::tempdir().unwrap();
        make_database(dir.path());
        let mut app = TestApp::start(dir.path(), 80, 24, Some(lang));
        app.sign_in(COORDINATOR, PASSPHRASE);
        app.press(Action::NewIntake);
        app.press(Action::Right);
        app.press(Action::NextField);
        app.press(Action::Right);
        app.press(Action::NextStep);
        app.type_text("Testa Beispiel");
        app.press(Action::NextField);
        app.press(Action::NextField);
        app.type_text("31.02.1990");
        app.press(Action::NextStep);
        let screen = app.screen();
        assert!(screen.contains(rule), "{screen}");
    }
}

/// Back from "single session", the one just added is selected, so Alt+A or Alt+O act on
/// it without hunting for it.
#[test]
fn a_new_single_session_is_selected() {
    use common::app::DAY;
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    with_desk(&path, |desk, _| {
        desk.sessions_on(DAY).unwrap();
    });
    let mut app = TestApp::start(dir.path(), 80, 24, Some(Lang::En));
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::Offerings);
    app.press(Action::NextField);
    app.press(Action::First);
    app.press(Action::NewItem);
    app.type_text("Info evening test");
    app.press(Action::NextField);
    app.press(Action::NextField);
    app.type_text("11:00");
    app.press(Action::NextField);
    app.type_text("11:30");
    app.press(Action::Save);
    let screen = app.screen();
    assert!(screen.contains("Session added."), "{screen}");
    let selected = screen
        .lines()
        .find(|l| l.contains('▶') && l.contains(':'))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(selected.contains("11:00–11:30"), "{screen}");
    let rows = screen.lines().filter(|l| l.contains("open")).count();
    assert!(rows >= 3, "it is not the only session of the day: {screen}");
}

/// A changed reference list is logged by its key; the log shows the list's name.
#[test]
fn the_audit_log_names_a_changed_list() {
    use mila::desk::RefList;
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    with_desk(&path, |desk, login| {
        desk.save_reference(login, RefList::TallyCategories, None, "Teenagers", false)
            .unwrap();
    });
    for (lang, name) in [(Lang::En, "Tally categories"), (Lang::De, "Zählkategorien")] {
        let mut app = TestApp::start(dir.path(), 120, 40, Some(lang));
        app.sign_in(COORDINATOR, PASSPHRASE);
        app.press(Action::Admin);
        app.press(Action::First);
        app.press(Action::Down);
        app.press(Action::Down);
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(!screen.contains("tally_categories"), "{screen}");
        let row = screen
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(row.contains("koordination"), "{screen}");
    }
}

/// Sessions and offerings are logged in English words; German staff read German ones.
#[test]
fn the_audit_log_says_session_changes_in_the_ui_language() {
    use common::app::DAY;
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let id = with_desk(&path, |desk, login| {
        let first = desk.sessions_on(DAY).unwrap()[0].id;
        desk.cancel_session(login, first).unwrap();
        desk.reopen_session(login, first).unwrap();
        first
    });
    for (lang, cancelled, reopened) in [
        (
            Lang::De,
            "Termin {id} abgesagt",
            "Termin {id} wieder geöffnet",
        ),
        (Lang::En, "session {id} cancelled", "session {id} reopened"),
    ] {
        let mut app = TestApp::start(dir.path(), 120, 40, Some(lang));
        app.sign_in(COORDINATOR, PASSPHRASE);
        app.press(Action::Admin);
        app.press(Action::First);
        app.press(Action::Down);
        app.press(Action::Down);
        app.press(Action::Confirm);
        let screen = app.screen();
        for want in [cancelled, reopened] {
            let want = want.replace("{id}", &id.to_string());
            assert!(screen.contains(&want), "{want}: {screen}");
        }
    }
}
