//! The desk API as the UI and CLI use it: roles, visitors, check-ins,
//! tallies, sessions and the audit log.

mod common;

use common::desk::{Fixture, person};
use mila::desk::*;
use mila::vault::Passphrase;

fn first_session(f: &Fixture) -> SessionId {
    let offering = f
        .desk
        .offerings()
        .unwrap()
        .into_iter()
        .find(|(_, o)| o.name.starts_with("Infoveranstaltung"))
        .unwrap()
        .0;
    let t = |h| jiff::civil::Time::new(h, 0, 0, 0).unwrap();
    f.desk
        .add_session(
            &f.coordinator,
            offering,
            f.desk.today(),
            t(10),
            t(12),
            "Test",
        )
        .unwrap()
}

#[test]
fn volunteer_tallies_checks_in_by_number_and_cannot_read_visitors() {
    let f = Fixture::new();
    let no = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Eins", "", 1990),
            true,
            None,
        )
        .unwrap();
    let session = first_session(&f);
    let volunteer = f.staff("helfer", Role::Volunteer);

    let category = f.desk.session(session).unwrap().tallies[0].category;
    assert_eq!(f.desk.tally(&volunteer, session, category, 1).unwrap(), 1);
    assert_eq!(f.desk.tally(&volunteer, session, category, 1).unwrap(), 2);
    assert_eq!(
        f.desk.check_in(&volunteer, session, no).unwrap(),
        CheckInOutcome::CheckedIn
    );

    assert!(matches!(
        f.desk.visitor_card(&volunteer, no),
        Err(DeskError::Forbidden(Capability::ReadPersonal))
    ));
    assert!(matches!(
        f.desk.visitor_entries(&volunteer),
        Err(DeskError::Forbidden(_))
    ));
    assert!(matches!(
        f.desk
            .register_visitor(&volunteer, &person("Testperson Zwei", "", 1991), true, None),
        Err(DeskError::Forbidden(_))
    ));
    let view = f.desk.session(session).unwrap();
    assert_eq!((view.checkins, view.tallied(), view.total()), (1, 2, 3));
}

#[test]
fn checking_in_twice_counts_once_and_undo_removes_it() {
    let f = Fixture::new();
    let no = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Eins", "", 1990),
            true,
            None,
        )
        .unwrap();
    let session = first_session(&f);
    assert_eq!(
        f.desk.check_in(&f.coordinator, session, no).unwrap(),
        CheckInOutcome::CheckedIn
    );
    assert_eq!(
        f.desk.check_in(&f.coordinator, session, no).unwrap(),
        CheckInOutcome::AlreadyCheckedIn
    );
    assert_eq!(f.desk.session(session).unwrap().checkins, 1);
    assert_eq!(f.desk.checked_in(session).unwrap(), vec![no]);
    assert!(f.desk.undo_check_in(&f.coordinator, session, no).unwrap());
    assert_eq!(f.desk.session(session).unwrap().checkins, 0);
    assert!(matches!(
        f.desk.check_in(&f.coordinator, session, 999),
        Err(DeskError::NoSuchVisitor(999))
    ));
}

#[test]
fn tally_never_goes_below_zero() {
    let f = Fixture::new();
    let session = first_session(&f);
    let category = f.desk.session(session).unwrap().tallies[0].category;
    assert_eq!(
        f.desk.tally(&f.coordinator, session, category, -1).unwrap(),
        0
    );
    assert_eq!(
        f.desk.tally(&f.coordinator, session, category, 3).unwrap(),
        3
    );
    assert_eq!(
        f.desk.tally(&f.coordinator, session, category, -5).unwrap(),
        0
    );
}

#[test]
fn closed_sessions_are_read_only_except_for_coordinators() {
    let f = Fixture::new();
    let session = first_session(&f);
    let volunteer = f.staff("helfer", Role::Volunteer);
    let category = f.desk.session(session).unwrap().tallies[0].category;
    f.desk
        .close_session(&volunteer, session, "ruhiger Vormittag")
        .unwrap();
    assert!(matches!(
        f.desk.tally(&volunteer, session, category, 1),
        Err(DeskError::SessionClosed)
    ));
    assert_eq!(
        f.desk.tally(&f.coordinator, session, category, 1).unwrap(),
        1
    );
    assert_eq!(
        f.desk.session(session).unwrap().record.note,
        "ruhiger Vormittag"
    );
}

#[test]
fn personal_data_round_trips_with_answers_distinct_from_empty() {
    let f = Fixture::new();
    let mut data = person("محمد الحسن", "Mohammed Al-Hassan", 1990);
    data.phone = Answer::Declined;
    data.gender = Answer::Unknown;
    data.nationality = Answer::NotAsked;
    let no = f
        .desk
        .register_visitor(&f.coordinator, &data, true, None)
        .unwrap();
    drop(f.desk);
    let desk = Desk::open(&f.dir.path().join("mila.redb")).unwrap();
    let login = desk
        .login(
            common::desk::COORDINATOR,
            &Passphrase::new(common::desk::PASSPHRASE),
        )
        .unwrap();
    let card = desk.visitor_card(&login, no).unwrap();
    assert_eq!(card.data, data);
    assert_eq!(card.data.phone.kind(), AnswerKind::Declined);
    assert_eq!(card.data.gender.kind(), AnswerKind::Unknown);
    assert_eq!(card.data.nationality.kind(), AnswerKind::NotAsked);
    assert_eq!(card.data.languages.kind(), AnswerKind::Empty);
}

#[test]
fn every_create_change_view_and_erase_is_audited_without_personal_data() {
    let f = Fixture::new();
    let data = person("Testperson Audit", "", 1980);
    let no = f
        .desk
        .register_visitor(&f.coordinator, &data, false, None)
        .unwrap();
    f.desk
        .update_visitor(&f.coordinator, no, &data, true)
        .unwrap();
    f.desk.visitor_card(&f.coordinator, no).unwrap();
    f.desk.erase_visitor(&f.coordinator, no).unwrap();
    let filter = AuditFilter {
        visitor: Some(no),
        ..Default::default()
    };
    let mut actions: Vec<AuditAction> = f
        .desk
        .audit_entries(&f.coordinator, &filter)
        .unwrap()
        .into_iter()
        .map(|(_, e)| {
            assert_eq!(e.user, common::desk::COORDINATOR);
            assert!(!format!("{e:?}").contains("Testperson"));
            e.action
        })
        .collect();
    actions.reverse();
    assert_eq!(
        actions,
        vec![
            AuditAction::Register,
            AuditAction::Update,
            AuditAction::View,
            AuditAction::Erase
        ]
    );
    assert!(matches!(
        f.desk.visitor_card(&f.coordinator, no),
        Err(DeskError::Erased(_))
    ));
}

#[test]
fn roles_are_enforced() {
    let f = Fixture::new();
    let reception = f.staff("empfang", Role::Receptionist);
    let no = f
        .desk
        .register_visitor(&reception, &person("Testperson Eins", "", 1990), true, None)
        .unwrap();
    assert!(f.desk.visitor_card(&reception, no).is_ok());
    assert!(matches!(
        f.desk.erase_visitor(&reception, no),
        Err(DeskError::Forbidden(_))
    ));
    assert!(matches!(
        f.desk
            .save_reference(&reception, RefList::Needs, None, "Bildung", false),
        Err(DeskError::Forbidden(_))
    ));
    assert!(matches!(
        f.desk.audit_entries(&reception, &AuditFilter::default()),
        Err(DeskError::Forbidden(_))
    ));
}

#[test]
fn passphrase_change_rewraps_only_that_slot() {
    let f = Fixture::new();
    let reception = f.staff("empfang", Role::Receptionist);
    let no = f
        .desk
        .register_visitor(&reception, &person("Testperson Eins", "", 1990), true, None)
        .unwrap();
    let new = Passphrase::new("ganz-neue-passphrase");
    f.desk
        .change_passphrase(&reception, "empfang", &new, mila::vault::KdfParams::MINIMUM)
        .unwrap();
    assert!(matches!(
        f.desk
            .login("empfang", &Passphrase::new("empfang-passphrase")),
        Err(DeskError::WrongCredentials)
    ));
    let again = f.desk.login("empfang", &new).unwrap();
    assert_eq!(
        f.desk.visitor_card(&again, no).unwrap().data.name,
        "Testperson Eins"
    );
    // The coordinator's slot is untouched.
    assert!(f.desk.visitor_card(&f.coordinator, no).is_ok());
}

#[test]
fn wrong_passphrase_and_unknown_user_are_the_same_refusal() {
    let f = Fixture::new();
    for (user, pass) in [
        (common::desk::COORDINATOR, "falsch-falsch"),
        ("niemand", "egal-egal"),
    ] {
        assert!(matches!(
            f.desk.login(user, &Passphrase::new(pass)),
            Err(DeskError::WrongCredentials)
        ));
    }
}

#[test]
fn import_is_all_or_nothing_with_line_numbers() {
    let f = Fixture::new();
    let bad = "name;birth_date;languages\nTestperson Eins;1990;Deutsch\nTestperson Zwei;32.13.1990;Deutsch\nTestperson Drei;1980;Klingonisch\n";
    let errors = f
        .desk
        .import_visitors(&f.coordinator, bad)
        .unwrap()
        .unwrap_err();
    assert_eq!(
        errors.iter().map(|e| e.line).collect::<Vec<_>>(),
        vec![3, 4]
    );
    assert!(errors[1].message.contains("Klingonisch"));
    assert!(f.desk.visitor_entries(&f.coordinator).unwrap().is_empty());

    let unknown_column = "name,shoe_size\nTestperson Eins,42\n";
    let errors = f
        .desk
        .import_visitors(&f.coordinator, unknown_column)
        .unwrap()
        .unwrap_err();
    assert!(errors[0].message.contains("shoe_size"));

    let good = "\u{feff}name,name_latin,birth_date,phone,languages,needs,housing\nОлена Коваленко,Olena Kovalenko,1985-02-03,0151 000 000,Ukrainisch|Russisch,Wohnen,privat\nTestperson Zwei,,1990,,,,Gemeinschaftsunterkunft 3\n";
    let report = f
        .desk
        .import_visitors(&f.coordinator, good)
        .unwrap()
        .unwrap();
    assert_eq!(report.numbers, vec![1, 2]);
    let card = f.desk.visitor_card(&f.coordinator, 1).unwrap();
    assert_eq!(card.data.name, "Олена Коваленко");
    assert_eq!(card.data.housing, Answer::Given(Housing::Private));
    assert_eq!(card.data.birth.given().unwrap().display(), "03.02.1985");
}

#[test]
fn todays_sessions_appear_from_the_recurrences_once() {
    let f = Fixture::new();
    let today = f.desk.today();
    let first = f.desk.sessions_on(today).unwrap();
    let second = f.desk.sessions_on(today).unwrap();
    assert_eq!(first, second);
    for (id, offering) in f.desk.offerings().unwrap() {
        let expected = !offering.archived && occurs_on(&offering.recurrence, today);
        let count = first.iter().filter(|s| s.record.offering == id).count();
        assert_eq!(count, usize::from(expected), "{}", offering.name);
    }
}

#[test]
fn a_household_is_checked_in_in_one_step() {
    let f = Fixture::new();
    let a = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Mutter", "", 1985),
            true,
            None,
        )
        .unwrap();
    let b = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Kind", "", 2015),
            true,
            Some(a),
        )
        .unwrap();
    assert_eq!(f.desk.household(a).unwrap(), vec![a, b]);
    let session = first_session(&f);
    let members = f.desk.household(b).unwrap();
    let outcomes = f
        .desk
        .check_in_many(&f.coordinator, session, &members)
        .unwrap();
    assert_eq!(outcomes, vec![CheckInOutcome::CheckedIn; 2]);
    assert_eq!(f.desk.session(session).unwrap().checkins, 2);
    f.desk.leave_household(&f.coordinator, b).unwrap();
    assert_eq!(f.desk.household(a).unwrap(), vec![a]);
}

// ----- issue 14: the import uses the intake's duplicate matching -----

#[test]
fn import_names_rows_that_resemble_registered_visitors() {
    let f = Fixture::new();
    let first = "name,name_latin,birth_date\nمحمد بيسبيل,,1990\nОлена Тестенко,,1985\n";
    let report = f
        .desk
        .import_visitors(&f.coordinator, first)
        .unwrap()
        .unwrap();
    assert_eq!(report.numbers, vec![1, 2]);
    assert!(report.suspects.is_empty(), "{:?}", report.suspects);
    // The same people from another list: another script, another spelling, order swapped.
    let second = "name,name_latin,birth_date\nMohammed Beispiel,,1990\nTestenko Olena,,1985\nTestperson Drei,,1970\nMohammed Beispiel,,1960\n";
    let report = f
        .desk
        .import_visitors(&f.coordinator, second)
        .unwrap()
        .unwrap();
    assert_eq!(report.numbers, vec![3, 4, 5, 6]);
    // Another birth year rules a duplicate out, as at intake.
    assert_eq!(report.suspects, vec![(3, vec![1]), (4, vec![2])]);
}
