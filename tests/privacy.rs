//! Erasure, retention, backups and restores.

mod common;

use common::desk::{COORDINATOR, Fixture, PASSPHRASE, person};
use mila::desk::*;
use mila::store::tables::PERSONAL;
use mila::store::{Read, Store};
use mila::vault::Passphrase;

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn session_today(desk: &Desk, login: &Login) -> SessionId {
    let offering = desk.offerings().unwrap()[0].0;
    let t = |h| jiff::civil::Time::new(h, 0, 0, 0).unwrap();
    desk.add_session(login, offering, desk.today(), t(10), t(11), "")
        .unwrap()
}

#[test]
fn erasure_removes_the_sealed_bytes_and_keeps_attendance() {
    let f = Fixture::new();
    let gone = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Gelöscht", "", 1980),
            true,
            None,
        )
        .unwrap();
    let kept = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Bleibt", "", 1981),
            true,
            None,
        )
        .unwrap();
    let session = session_today(&f.desk, &f.coordinator);
    f.desk.check_in(&f.coordinator, session, gone).unwrap();
    f.desk.check_in(&f.coordinator, session, kept).unwrap();

    let path = f.path();
    let Fixture {
        dir: _dir, desk, ..
    } = f;
    drop(desk);
    let blob = {
        let store = Store::open(&path).unwrap();
        let reader = store.read().unwrap();
        reader.get(PERSONAL, &gone).unwrap().unwrap()
    };
    assert!(
        contains(&std::fs::read(&path).unwrap(), &blob.ciphertext),
        "the blob is in the file before"
    );

    let desk = Desk::open(&path).unwrap();
    let login = desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .unwrap();
    desk.erase_visitor(&login, gone).unwrap();

    let raw = std::fs::read(&path).unwrap();
    assert!(
        !contains(&raw, &blob.ciphertext),
        "the sealed bytes survive in the file"
    );
    assert!(
        !contains(&raw, &blob.nonce),
        "the nonce survives in the file"
    );
    assert!(matches!(
        desk.visitor_card(&login, gone),
        Err(DeskError::Erased(_))
    ));
    assert_eq!(
        desk.visitor_card(&login, kept).unwrap().data.name,
        "Testperson Bleibt"
    );
    assert_eq!(
        desk.session(session).unwrap().checkins,
        2,
        "past attendance still counts"
    );
    assert_eq!(desk.visitor_entries(&login).unwrap().len(), 1);
    drop(desk);
    let mut desk = Desk::open(&path).unwrap();
    let login = desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .unwrap();
    let report = desk.verify(&login).unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    assert_eq!((report.visitors, report.erased, report.checkins), (2, 1, 2));
}

#[test]
fn only_coordinators_erase() {
    let f = Fixture::new();
    let no = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Eins", "", 1980),
            true,
            None,
        )
        .unwrap();
    let reception = f.staff("empfang", Role::Receptionist);
    assert!(matches!(
        f.desk.erase_visitor(&reception, no),
        Err(DeskError::Forbidden(_))
    ));
}

#[test]
fn backup_and_restore_round_trip() {
    let f = Fixture::new();
    let first = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Vorher", "", 1980),
            true,
            None,
        )
        .unwrap();
    let backup = f.dir.path().join("sicherung").join("mila-backup.redb");
    f.desk.backup(&f.coordinator, &backup).unwrap();
    assert!(matches!(
        f.desk.backup(&f.coordinator, &backup),
        Err(DeskError::Store(mila::store::StoreError::Exists(_)))
    ));
    let later = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Nachher", "", 1990),
            true,
            None,
        )
        .unwrap();
    let path = f.path();
    let Fixture {
        dir: _dir, desk, ..
    } = f;
    drop(desk);

    let pass = Passphrase::new(PASSPHRASE);
    assert!(matches!(
        restore(&backup, &path, COORDINATOR, &pass, false),
        Err(RestoreError::TargetExists(_))
    ));
    assert!(matches!(
        restore(
            &backup,
            &path,
            COORDINATOR,
            &Passphrase::new("falsch-falsch"),
            true
        ),
        Err(RestoreError::Desk(DeskError::WrongCredentials))
    ));
    let backup_bytes = std::fs::read(&backup).unwrap();
    restore(&backup, &path, COORDINATOR, &pass, true).unwrap();
    assert_eq!(
        std::fs::read(&backup).unwrap(),
        backup_bytes,
        "the backup is only read"
    );

    let desk = Desk::open(&path).unwrap();
    let login = desk.login(COORDINATOR, &pass).unwrap();
    assert_eq!(
        desk.visitor_card(&login, first).unwrap().data.name,
        "Testperson Vorher"
    );
    assert!(matches!(
        desk.visitor_card(&login, later),
        Err(DeskError::NoSuchVisitor(_))
    ));
}

#[test]
fn a_backup_of_another_database_is_refused() {
    let ours = Fixture::new();
    let theirs = Fixture::new();
    let foreign_backup = theirs.dir.path().join("fremd.redb");
    theirs
        .desk
        .backup(&theirs.coordinator, &foreign_backup)
        .unwrap();
    let ours_no = ours
        .desk
        .register_visitor(
            &ours.coordinator,
            &person("Testperson Unsere", "", 1980),
            true,
            None,
        )
        .unwrap();
    let path = ours.path();
    let Fixture {
        dir: _dir, desk, ..
    } = ours;
    let id = desk.database_id();
    drop(desk);
    let pass = Passphrase::new(PASSPHRASE);
    let result = restore(&foreign_backup, &path, COORDINATOR, &pass, true);
    assert!(
        matches!(result, Err(RestoreError::OtherDatabase)),
        "{result:?}"
    );
    let desk = Desk::open(&path).unwrap();
    assert!(desk.database_id() == id, "the database was replaced");
    let login = desk.login(COORDINATOR, &pass).unwrap();
    assert_eq!(
        desk.visitor_card(&login, ours_no).unwrap().data.name,
        "Testperson Unsere"
    );
    let leftovers = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("restore"))
        .count();
    assert_eq!(leftovers, 0, "a staging file was left behind");
}

#[test]
fn restore_onto_an_empty_place() {
    let f = Fixture::new();
    let no = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Gesichert", "", 1985),
            true,
            None,
        )
        .unwrap();
    let backup = f.dir.path().join("b.redb");
    f.desk.backup(&f.coordinator, &backup).unwrap();
    let target = f.dir.path().join("neu").join("mila.redb");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let pass = Passphrase::new(PASSPHRASE);
    restore(&backup, &target, COORDINATOR, &pass, false).unwrap();
    // What was backed up is what comes back: the person, readable with the
    // same passphrase.
    let desk = Desk::open(&target).unwrap();
    let login = desk.login(COORDINATOR, &pass).unwrap();
    assert_eq!(
        desk.visitor_card(&login, no).unwrap().data.name,
        "Testperson Gesichert"
    );
    assert_eq!(desk.visitor_entries(&login).unwrap().len(), 1);
}

#[test]
fn retention_lists_long_unseen_visitors_and_stale_short_intakes() {
    let mut f = Fixture::new();
    let long_ago = jiff::civil::date(2023, 1, 10);
    f.desk.pin_today(long_ago);
    let old = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Alt", "", 1970),
            true,
            None,
        )
        .unwrap();
    f.desk.pin_today(jiff::civil::date(2026, 11, 10));
    let short = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Kurz", "", 1990),
            false,
            None,
        )
        .unwrap();
    let _fresh = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Neu", "", 1991),
            true,
            None,
        )
        .unwrap();
    f.desk.pin_today(jiff::civil::date(2026, 11, 26));
    let found: Vec<(VisitorNo, RetentionReason)> = f
        .desk
        .retention_candidates(&f.coordinator)
        .unwrap()
        .into_iter()
        .map(|c| (c.number, c.reason))
        .collect();
    assert_eq!(
        found,
        vec![
            (old, RetentionReason::NotSeen),
            (short, RetentionReason::IncompleteIntake)
        ]
    );
    assert_eq!(
        f.desk
            .erase_visitors(&f.coordinator, &[old, short])
            .unwrap(),
        2
    );
    assert!(
        f.desk
            .retention_candidates(&f.coordinator)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn daily_backups_keep_the_newest() {
    let mut f = Fixture::new();
    let folder = f.dir.path().join("usb");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("notizen.txt"), "bleibt").unwrap();
    // One visitor more each day, so each backup shows which day it holds.
    for day in [20, 21, 22, 23] {
        f.desk.pin_today(jiff::civil::date(2026, 11, day));
        f.desk
            .register_visitor(
                &f.coordinator,
                &person(&format!("Testperson Tag{day}"), "", 1980),
                true,
                None,
            )
            .unwrap();
        f.desk.daily_backup(&folder, 2).unwrap();
    }
    // Today's backup is replaced, not duplicated, and holds the later change.
    f.desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Abends", "", 1980),
            true,
            None,
        )
        .unwrap();
    f.desk.daily_backup(&folder, 2).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "mila-2026-11-22.redb",
            "mila-2026-11-23.redb",
            "notizen.txt"
        ]
    );
    let names_in = |file: &str| -> Vec<String> {
        let desk = Desk::open(&folder.join(file)).unwrap();
        let login = desk
            .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
            .unwrap();
        let mut names: Vec<String> = desk
            .visitor_entries(&login)
            .unwrap()
            .into_iter()
            .map(|e| e.name.clone())
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        names_in("mila-2026-11-22.redb"),
        ["Testperson Tag20", "Testperson Tag21", "Testperson Tag22"]
    );
    assert_eq!(
        names_in("mila-2026-11-23.redb"),
        [
            "Testperson Abends",
            "Testperson Tag20",
            "Testperson Tag21",
            "Testperson Tag22",
            "Testperson Tag23"
        ]
    );
}

/// `MILA_TODAY` (here `show_day`, its effect on one desk) is for trying the
/// program on another day; what protects people keeps the real clock.
#[test]
fn a_demonstration_date_moves_nothing_that_protects_people() {
    let mut f = Fixture::new();
    let real = jiff::ZonedDateTime::now().date();
    let future = real.checked_add(jiff::Span::new().years(5)).unwrap();
    f.desk.show_day(future);
    assert_eq!(f.desk.today(), future);
    assert_eq!(f.desk.protective_today(), real);

    // Imported consent is dated by the clock.
    f.desk
        .import_visitors(&f.coordinator, "name\nTestperson Zukunft\n")
        .unwrap()
        .unwrap();
    let card = f.desk.visitor_card(&f.coordinator, 1).unwrap();
    assert_eq!(card.data.consent.day, day_key(real));

    // So is consent given at an intake "today".
    let mut data = person("Testperson Heute", "", 1990);
    data.consent.day = day_key(future);
    let no = f
        .desk
        .register_visitor(&f.coordinator, &data, true, None)
        .unwrap();
    let card = f.desk.visitor_card(&f.coordinator, no).unwrap();
    assert_eq!(card.data.consent.day, day_key(real));

    // A daily backup is named by the clock: a future name would outlive
    // every real backup when old ones are pruned.
    let folder = f.dir.path().join("usb");
    let written = f.desk.daily_backup(&folder, 2).unwrap();
    assert_eq!(
        written.file_name().unwrap().to_string_lossy(),
        format!("mila-{real}.redb")
    );

    // Someone last seen three years ago is due for review by the clock,
    // whatever day is shown.
    let three_years_ago = real.checked_sub(jiff::Span::new().years(3)).unwrap();
    f.desk.pin_today(three_years_ago);
    let old = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Alt", "", 1970),
            true,
            None,
        )
        .unwrap();
    let path = f.path();
    let Fixture {
        dir: _dir, desk, ..
    } = f;
    drop(desk);
    let mut desk = Desk::open(&path).unwrap();
    desk.show_day(three_years_ago.tomorrow().unwrap());
    let login = desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .unwrap();
    let due: Vec<VisitorNo> = desk
        .retention_candidates(&login)
        .unwrap()
        .into_iter()
        .map(|c| c.number)
        .collect();
    assert_eq!(due, [old]);
}
