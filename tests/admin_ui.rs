//! The F8 admin hub and its screens, driven through the application with
//! `TestBackend`: each flow checks what the screen shows and what the desk
//! stored, and snapshots every screen at 80×24 and 120×40 (German) plus the
//! hub in English.

mod common;

use common::app::{
    COORDINATOR, DAY, PASSPHRASE, TestApp, VOLUNTEER, VOLUNTEER_PASSPHRASE, make_database,
    with_desk,
};
use common::desk::person;
use mila::desk::{Answer, Desk, DeskError, Housing, RefList, Role};
use mila::ui::action::Action;
use mila::ui::catalog::Lang;
use mila::vault::{KdfParams, Passphrase};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

const RECEPTIONIST: &str = "empfang";
const RECEPTIONIST_PASSPHRASE: &str = "empfang-passphrase";

/// The hub's entries, in menu order.
const REFERENCE: usize = 0;
const STAFF: usize = 1;
const AUDIT: usize = 2;
const RETENTION: usize = 3;
const RETENTION_PERIOD: usize = 4;
const BACKUP: usize = 5;

/// Audit entries carry the real clock: snapshots show a fixed stand-in.
fn mask_times(screen: &str) -> String {
    const PATTERN: &[u8] = b"00.00.0000 00:00";
    let bytes = screen.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let window = bytes.get(i..i + PATTERN.len());
        let is_time = window.is_some_and(|w| {
            w.iter().zip(PATTERN).all(|(c, p)| {
                if *p == b'0' {
                    c.is_ascii_digit()
                } else {
                    c == p
                }
            })
        });
        if is_time {
            out.extend_from_slice(b"TT.MM.JJJJ hh:mm");
            i += PATTERN.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

fn snapshot(name: &str, app: &mut TestApp) {
    let (cols, rows) = {
        let area = app.terminal.backend().buffer().area;
        (area.width, area.height)
    };
    let screen = mask_times(&app.screen());
    insta::assert_snapshot!(format!("{name}_{cols}x{rows}"), screen);
}

fn coordinator_app(dir: &std::path::Path, cols: u16, rows: u16) -> TestApp {
    let mut app = TestApp::start(dir, cols, rows, None);
    app.sign_in(COORDINATOR, PASSPHRASE);
    app
}

fn open_hub(app: &mut TestApp) {
    app.press(Action::Admin);
    let screen = app.screen();
    assert!(
        screen.contains("Verwaltung") && screen.contains("Auswahllisten"),
        "{screen}"
    );
}

fn open_entry(app: &mut TestApp, entry: usize) {
    open_hub(app);
    app.press(Action::First);
    for _ in 0..entry {
        app.press(Action::Down);
    }
    app.press(Action::Confirm);
}

fn add_receptionist(path: &std::path::Path) {
    with_desk(path, |desk, login| {
        desk.add_staff(
            login,
            RECEPTIONIST,
            Role::Receptionist,
            &Passphrase::new(RECEPTIONIST_PASSPHRASE),
            KdfParams::MINIMUM,
        )
        .unwrap()
    });
}

#[test]
fn the_hub_lists_every_entry() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        make_database(dir.path());
        let mut app = coordinator_app(dir.path(), cols, rows);
        let home = app.screen();
        assert!(
            home.contains("Verwaltung"),
            "F8 is offered on the home screen: {home}"
        );
        open_hub(&mut app);
        let screen = app.screen();
        for entry in [
            "Auswahllisten",
            "Mitarbeitendenkonten",
            "Protokoll ansehen",
            "Aufbewahrung prüfen",
            "Aufbewahrungsfrist ändern (jetzt 24 Monate)",
            "Jetzt sichern",
        ] {
            assert!(screen.contains(entry), "{entry}: {screen}");
        }
        snapshot("admin_hub", &mut app);
        app.press(Action::Back);
        assert!(app.screen().contains("Termine heute"));
    }
}

#[test]
fn the_hub_in_english() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = TestApp::start(dir.path(), 80, 24, Some(Lang::En));
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.press(Action::Admin);
    let screen = app.screen();
    assert!(
        screen.contains("Administration") && screen.contains("Staff accounts"),
        "{screen}"
    );
    snapshot("admin_hub_english", &mut app);
}

#[test]
fn receptionists_and_volunteers_cannot_open_f8() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    add_receptionist(&path);
    for (user, pass) in [
        (RECEPTIONIST, RECEPTIONIST_PASSPHRASE),
        (VOLUNTEER, VOLUNTEER_PASSPHRASE),
    ] {
        let mut app = TestApp::start(dir.path(), 80, 24, None);
        app.sign_in(user, pass);
        assert!(app.screen().contains("Termine heute"));
        app.press(Action::Admin);
        let screen = app.screen();
        assert!(
            screen.contains("Diese Funktion steht Ihrer Rolle nicht zur Verfügung."),
            "{user}: {screen}"
        );
        assert!(!screen.contains("Auswahllisten"), "{user}: {screen}");
        assert!(screen.contains("Termine heute"), "{user}: {screen}");
    }
}

#[test]
fn add_a_housing_unit_and_see_it() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let path = make_database(dir.path());
        let mut app = coordinator_app(dir.path(), cols, rows);
        open_entry(&mut app, REFERENCE);
        let screen = app.screen();
        assert!(
            screen.contains("Unterkünfte") && screen.contains("Gemeinschaftsunterkunft 1"),
            "{screen}"
        );
        snapshot("reference_housing", &mut app);

        // Empty and duplicate labels are refused next to the field.
        app.press(Action::NewItem);
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(
            screen.contains("Bitte eine Bezeichnung eingeben."),
            "{screen}"
        );
        app.type_text("gemeinschaftsunterkunft 1");
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(
            screen.contains("Diesen Eintrag gibt es schon in der Liste."),
            "{screen}"
        );
        snapshot("reference_duplicate", &mut app);

        app.press(Action::ClearField);
        app.type_text("Testunterkunft Am Markt");
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(
            screen.contains("„Testunterkunft Am Markt“ gespeichert."),
            "{screen}"
        );
        assert!(screen.contains("▶ Testunterkunft Am Markt"), "{screen}");
        drop(app);
        let stored = with_desk(&path, |desk, _| desk.reference(RefList::Housing).unwrap());
        assert!(
            stored
                .iter()
                .any(|(_, e)| e.label == "Testunterkunft Am Markt" && !e.archived),
            "stored durably"
        );
    }
}

#[test]
fn rename_and_switch_lists() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let mut app = coordinator_app(dir.path(), 80, 24);
    open_entry(&mut app, REFERENCE);
    app.press(Action::Right);
    let screen = app.screen();
    assert!(
        screen.contains("Deutsch") || screen.contains("Arabisch"),
        "{screen}"
    );
    app.press(Action::NewItem);
    app.type_text("Testsprache");
    app.press(Action::Confirm);
    app.press(Action::EditItem);
    app.press(Action::ClearField);
    app.type_text("Testsprache (umbenannt)");
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("Testsprache (umbenannt)"), "{screen}");
    drop(app);
    let languages = with_desk(&path, |desk, _| desk.reference(RefList::Languages).unwrap());
    assert!(
        languages
            .iter()
            .any(|(_, e)| e.label == "Testsprache (umbenannt)")
    );
    assert!(!languages.iter().any(|(_, e)| e.label == "Testsprache"));
}

#[test]
fn a_unit_in_use_is_archived_and_an_unused_one_deleted() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let path = make_database(dir.path());
        let (used, unused) = with_desk(&path, |desk, login| {
            let unused = desk
                .save_reference(login, RefList::Housing, None, "Testunterkunft Leer", false)
                .unwrap();
            let used = desk
                .save_reference(
                    login,
                    RefList::Housing,
                    None,
                    "Testunterkunft Belegt",
                    false,
                )
                .unwrap();
            let mut data = person("Testa Beispiel", "Testa Beispiel", 1990);
            data.housing = Answer::Given(Housing::Unit(used));
            desk.register_visitor(login, &data, true, None).unwrap();
            (used, unused)
        });
        let mut app = coordinator_app(dir.path(), cols, rows);
        open_entry(&mut app, REFERENCE);

        // The last entry is the one in use.
        app.press(Action::Last);
        app.press(Action::ArchiveItem);
        let screen = app.screen();
        assert!(
            screen.contains("„Testunterkunft Belegt“ entfernen?"),
            "{screen}"
        );
        snapshot("reference_remove_question", &mut app);
        app.press(Action::Yes);
        let screen = app.screen();
        assert!(
            screen.contains("Testunterkunft Belegt (archiviert)"),
            "{screen}"
        );
        assert!(
            screen.contains("wird noch verwendet und wurde archiviert"),
            "{screen}"
        );

        app.press(Action::Up);
        app.press(Action::ArchiveItem);
        // "No" is the default: Enter keeps the entry.
        app.press(Action::Confirm);
        assert!(app.screen().contains("Testunterkunft Leer"));
        app.press(Action::ArchiveItem);
        app.press(Action::Yes);
        let screen = app.screen();
        assert!(
            screen.contains("„Testunterkunft Leer“ gelöscht"),
            "{screen}"
        );
        drop(app);
        let housing = with_desk(&path, |desk, _| desk.reference(RefList::Housing).unwrap());
        let archived = housing.iter().find(|(id, _)| *id == used).map(|(_, e)| e);
        assert!(
            archived.is_some_and(|e| e.archived),
            "in use: archived, not deleted"
        );
        assert!(!housing.iter().any(|(id, _)| *id == unused), "deleted");
    }
}

#[test]
fn an_archived_entry_can_be_restored() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let id = with_desk(&path, |desk, login| {
        let id = desk
            .save_reference(login, RefList::Housing, None, "Testunterkunft Alt", false)
            .unwrap();
        desk.set_reference_archived(login, RefList::Housing, id, true)
            .unwrap();
        id
    });
    let mut app = coordinator_app(dir.path(), 80, 24);
    open_entry(&mut app, REFERENCE);
    app.press(Action::Last);
    assert!(app.screen().contains("Testunterkunft Alt (archiviert)"));
    app.press(Action::ArchiveItem);
    let screen = app.screen();
    assert!(screen.contains("ist wieder auswählbar"), "{screen}");
    drop(app);
    let housing = with_desk(&path, |desk, _| desk.reference(RefList::Housing).unwrap());
    assert!(housing.iter().any(|(i, e)| *i == id && !e.archived));
}

#[test]
fn hostile_labels_render_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    with_desk(&path, |desk, login| {
        desk.save_reference(
            login,
            RefList::Housing,
            None,
            "\u{1b}[31mRot\u{202e}tset \u{0645}\u{062d}\u{0645}\u{062f}",
            false,
        )
        .unwrap();
    });
    let mut app = coordinator_app(dir.path(), 80, 24);
    open_entry(&mut app, REFERENCE);
    app.press(Action::Last);
    let screen = app.screen();
    assert!(
        !screen.contains('\u{1b}') && !screen.contains('\u{202e}'),
        "{screen}"
    );
    assert!(screen.contains("Rot"), "{screen}");
    for line in screen.lines() {
        assert!(
            mila::ui::sanitize::display_width(line) <= 80,
            "line wider than the frame: {line}"
        );
    }
}

#[test]
fn add_a_staff_member_who_can_then_log_in() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let path = make_database(dir.path());
        let mut app = coordinator_app(dir.path(), cols, rows);
        open_entry(&mut app, STAFF);
        let screen = app.screen();
        assert!(
            screen.contains(COORDINATOR) && screen.contains("Koordination"),
            "{screen}"
        );
        assert!(
            screen.contains(VOLUNTEER) && screen.contains("Ehrenamt"),
            "{screen}"
        );
        snapshot("staff_list", &mut app);

        app.press(Action::NewItem);
        app.type_text("test.empfang");
        app.press(Action::NextField);
        // Receptionist is the default; once round the roles and back.
        app.press(Action::Right);
        app.press(Action::Right);
        app.press(Action::Right);
        app.press(Action::NextField);
        app.type_text("kurz");
        let screen = app.screen();
        assert!(screen.contains("zu schwach"), "{screen}");
        app.press(Action::ClearField);
        app.type_text("Testpassphrase für den Empfang");
        app.press(Action::NextField);
        app.type_text("Testpassphrase für den Empfang");
        let screen = app.screen();
        assert!(
            screen.contains("Empfang") && screen.contains("Stärke: gut"),
            "{screen}"
        );
        snapshot("staff_new", &mut app);
        app.press(Action::Save);
        let screen = app.screen();
        assert!(
            screen.contains("Konto „test.empfang“ angelegt."),
            "{screen}"
        );
        assert!(screen.contains("test.empfang"), "{screen}");
        drop(app);

        let desk = Desk::open(&path).unwrap();
        let login = desk
            .login(
                "test.empfang",
                &Passphrase::new("Testpassphrase für den Empfang"),
            )
            .expect("the new account logs in");
        assert_eq!(login.role(), Role::Receptionist);
    }
}

#[test]
fn a_mismatched_passphrase_adds_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let mut app = coordinator_app(dir.path(), 80, 24);
    open_entry(&mut app, STAFF);
    app.press(Action::NewItem);
    app.type_text("test.helfer");
    app.press(Action::NextField);
    app.press(Action::Right); // volunteer
    app.press(Action::NextField);
    app.type_text("eins zwei drei");
    app.press(Action::NextField);
    app.type_text("eins zwei vier");
    app.press(Action::Save);
    let screen = app.screen();
    assert!(
        screen.contains("Die Passphrasen stimmen nicht überein."),
        "{screen}"
    );
    drop(app);
    let staff = with_desk(&path, |desk, login| desk.list_staff(login).unwrap());
    assert!(!staff.iter().any(|s| s.user == "test.helfer"));
}

#[test]
fn reset_a_passphrase() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let path = make_database(dir.path());
        let mut app = coordinator_app(dir.path(), cols, rows);
        open_entry(&mut app, STAFF);
        // helfer, koordination: sorted by name.
        app.press(Action::First);
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(
            screen.contains("Passphrase neu setzen") && screen.contains("Konto: helfer"),
            "{screen}"
        );
        app.type_text("neue Testpassphrase");
        app.press(Action::NextField);
        app.type_text("neue Testpassphrase");
        snapshot("staff_reset", &mut app);
        app.press(Action::Save);
        let screen = app.screen();
        assert!(
            screen.contains("Passphrase von „helfer“ geändert."),
            "{screen}"
        );
        drop(app);
        let desk = Desk::open(&path).unwrap();
        assert!(matches!(
            desk.login(VOLUNTEER, &Passphrase::new(VOLUNTEER_PASSPHRASE)),
            Err(DeskError::WrongCredentials)
        ));
        desk.login(VOLUNTEER, &Passphrase::new("neue Testpassphrase"))
            .expect("the new passphrase works");
    }
}

#[test]
fn the_audit_log_shows_a_visitor_view() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let path = make_database(dir.path());
        with_desk(&path, |desk, login| {
            let no = desk
                .register_visitor(login, &person("Testa Beispiel", "", 1990), true, None)
                .unwrap();
            desk.visitor_card(login, no).unwrap();
        });
        let mut app = coordinator_app(dir.path(), cols, rows);
        open_entry(&mut app, AUDIT);
        let screen = app.screen();
        assert!(screen.contains("Protokoll"), "{screen}");
        assert!(
            screen.contains("angesehen") && screen.contains("M-0001"),
            "{screen}"
        );
        assert!(!screen.contains("Testa"), "the log names no one: {screen}");
        snapshot("audit", &mut app);
    }
}

#[test]
fn retention_erases_a_long_unseen_visitor_after_confirmation() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let path = make_database(dir.path());
        let (old, recent) = {
            let mut desk = Desk::open(&path).unwrap();
            let login = desk
                .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
                .unwrap();
            desk.pin_today(jiff::civil::date(2023, 3, 1));
            let old = desk
                .register_visitor(&login, &person("Erika Musterfrau", "", 1970), true, None)
                .unwrap();
            desk.pin_today(DAY);
            let recent = desk
                .register_visitor(&login, &person("Testa Beispiel", "", 1990), true, None)
                .unwrap();
            (old, recent)
        };
        let mut app = coordinator_app(dir.path(), cols, rows);
        open_entry(&mut app, RETENTION);
        let screen = app.screen();
        assert!(
            screen.contains("M-0001") && screen.contains("Erika Musterfrau"),
            "{screen}"
        );
        assert!(!screen.contains("Testa Beispiel"), "{screen}");
        app.press(Action::Toggle);
        app.press(Action::Erase);
        let screen = app.screen();
        assert!(screen.contains("1 Personen endgültig löschen?"), "{screen}");
        snapshot("retention_question", &mut app);
        app.press(Action::Yes);
        let screen = app.screen();
        assert!(screen.contains("1 Personen gelöscht."), "{screen}");
        assert!(
            screen.contains("Niemand ist zur Prüfung fällig."),
            "{screen}"
        );
        snapshot("retention_done", &mut app);
        drop(app);
        with_desk(&path, |desk, login| {
            assert!(matches!(
                desk.visitor_card(login, old),
                Err(DeskError::Erased(_))
            ));
            desk.visitor_card(login, recent)
                .expect("the recent one stays");
        });
    }
}

#[test]
fn change_the_retention_period() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let path = make_database(dir.path());
        let mut app = coordinator_app(dir.path(), cols, rows);
        open_entry(&mut app, RETENTION_PERIOD);
        let screen = app.screen();
        assert!(screen.contains("Monate (1 bis 120)"), "{screen}");
        app.press(Action::ClearField);
        app.type_text("0");
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(
            screen.contains("Bitte eine Zahl von 1 bis 120 eingeben."),
            "{screen}"
        );
        snapshot("retention_period_invalid", &mut app);
        app.press(Action::ClearField);
        app.type_text("12");
        app.press(Action::Confirm);
        let screen = app.screen();
        assert!(
            screen.contains("Aufbewahrungsfrist ändern (jetzt 12 Monate)"),
            "back in the hub: {screen}"
        );
        drop(app);
        let months = with_desk(&path, |desk, _| desk.settings().unwrap().retention_months);
        assert_eq!(months, 12);
    }
}

#[test]
fn back_up_now_writes_to_the_configured_folder() {
    for (cols, rows) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        make_database(dir.path());
        let folder = dir.path().join("sicherung");
        std::fs::write(
            dir.path().join("config.toml"),
            format!("backup_folder = {:?}\n", folder.display().to_string()),
        )
        .unwrap();
        let mut app = coordinator_app(dir.path(), cols, rows);
        open_entry(&mut app, BACKUP);
        let screen = app.screen();
        let written = folder.join("mila-2026-11-26.redb");
        assert!(written.exists(), "{screen}");
        assert!(
            screen.contains("Gesichert: <tmp>/sicherung/mila-2026-11-26.redb"),
            "{screen}"
        );
        snapshot("backup_done", &mut app);
        drop(app);
        // The copy is a database of its own that the same passphrase opens.
        let copy = Desk::open(&written).unwrap();
        copy.login(COORDINATOR, &Passphrase::new(PASSPHRASE))
            .expect("the backup opens");
    }
}

#[test]
fn back_up_now_without_a_folder_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    let mut app = coordinator_app(dir.path(), 80, 24);
    open_entry(&mut app, BACKUP);
    let screen = app.screen();
    assert!(
        screen.contains("Kein Sicherungsordner eingestellt"),
        "{screen}"
    );
}

#[test]
fn a_failed_backup_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    // A file where the folder should be: the folder cannot be made.
    let blocked = dir.path().join("kein-ordner");
    std::fs::write(&blocked, "").unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        format!("backup_folder = {:?}\n", blocked.display().to_string()),
    )
    .unwrap();
    let mut app = coordinator_app(dir.path(), 80, 24);
    open_entry(&mut app, BACKUP);
    let screen = app.screen();
    assert!(
        screen.contains("Sicherung nach <tmp>/kein-ordner fehlgeschlagen"),
        "{screen}"
    );
}

#[test]
fn a_housing_unit_is_marked_shared_and_tally_categories_are_a_tab() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let mut app = coordinator_app(dir.path(), 80, 24);
    open_entry(&mut app, REFERENCE);
    app.press(Action::NewItem);
    app.type_text("Testunterkunft Geteilt");
    app.press(Action::Confirm);
    app.press(Action::Toggle);
    let screen = app.screen();
    assert!(
        screen.contains("Testunterkunft Geteilt · Gemeinschaftsunterkunft"),
        "{screen}"
    );
    for _ in 0..4 {
        app.press(Action::Right);
    }
    let screen = app.screen();
    assert!(
        screen.contains("Erwachsene") || screen.contains("Kinder"),
        "{screen}"
    );
    snapshot("reference_tally_categories", &mut app);
    drop(app);
    let housing = with_desk(&path, |desk, _| desk.reference(RefList::Housing).unwrap());
    assert!(
        housing
            .iter()
            .any(|(_, e)| e.label == "Testunterkunft Geteilt" && e.shared)
    );
}

// --- Security (issue 13): disabling an account in F8 ---

#[test]
fn disable_an_account_after_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_database(dir.path());
    let mut app = coordinator_app(dir.path(), 100, 30);
    open_entry(&mut app, STAFF);
    // helfer, koordination: sorted by name.
    app.press(Action::First);
    app.press(Action::ArchiveItem);
    let screen = app.screen();
    assert!(screen.contains("Konto helfer sperren?"), "{screen}");
    // "No" is pre-selected: a reflexive Enter disables nobody.
    app.press(Action::Confirm);
    assert!(!app.screen().contains("(deaktiviert)"));
    app.press(Action::ArchiveItem);
    app.press(Action::Yes);
    let screen = app.screen();
    assert!(screen.contains("Konto helfer gesperrt."), "{screen}");
    assert!(screen.contains("(deaktiviert)"), "{screen}");
    drop(app);
    let desk = Desk::open(&path).unwrap();
    assert!(matches!(
        desk.login(VOLUNTEER, &Passphrase::new(VOLUNTEER_PASSPHRASE)),
        Err(DeskError::Deactivated)
    ));
}
