//! Desk use cases added for finding visitors: `find_visitors` (the CLI's
//! audited search) and `spell_out` (the card's labels).

mod common;

use common::desk::{Fixture, person};
use mila::desk::{Answer, AuditAction, AuditFilter, DeskError, FIND_AUDIT_DETAIL, RefList, Role};
use mila::ui::catalog::Lang;

#[test]
fn find_visitors_matches_across_scripts_and_audits_each_listed_visitor() {
    let f = Fixture::new();
    let reg = |name: &str, latin: &str| {
        f.desk
            .register_visitor(&f.coordinator, &person(name, latin, 1990), true, None)
            .unwrap()
    };
    let arabic = reg("محمد بيسبيل", "");
    let _other = reg("Erika Musterfrau", "");
    let found = f
        .desk
        .find_visitors(&f.coordinator, "mohammed", 10)
        .unwrap();
    let numbers: Vec<u32> = found.iter().map(|(h, _)| h.number).collect();
    assert_eq!(numbers, [arabic]);
    assert_eq!(found[0].1.name, "محمد بيسبيل");
    let views = f
        .desk
        .audit_entries(
            &f.coordinator,
            &AuditFilter {
                action: Some(AuditAction::View),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].1.visitor, Some(arabic));
    assert_eq!(views[0].1.detail, FIND_AUDIT_DETAIL);
    // Nothing found: nothing audited.
    assert!(
        f.desk
            .find_visitors(&f.coordinator, "zzzz", 10)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        f.desk
            .audit_entries(
                &f.coordinator,
                &AuditFilter {
                    action: Some(AuditAction::View),
                    ..Default::default()
                },
            )
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn volunteers_cannot_find_visitors() {
    let f = Fixture::new();
    f.desk
        .register_visitor(
            &f.coordinator,
            &person("Testa Beispiel", "", 1970),
            true,
            None,
        )
        .unwrap();
    let volunteer = f.staff("helfer", Role::Volunteer);
    assert!(matches!(
        f.desk.find_visitors(&volunteer, "testa", 10),
        Err(DeskError::Forbidden(_))
    ));
    let receptionist = f.staff("empfang", Role::Receptionist);
    assert_eq!(
        f.desk
            .find_visitors(&receptionist, "testa", 10)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn spell_out_uses_reference_labels_and_keeps_answers_apart() {
    let f = Fixture::new();
    let language = f.desk.reference(RefList::Languages).unwrap()[0].clone();
    let mut data = person("Testa Beispiel", "", 1970);
    data.languages = Answer::Given(vec![language.0]);
    data.phone = Answer::Declined;
    data.gender = Answer::Unknown;
    let p = f.desk.spell_out(&data, Lang::De).unwrap();
    assert_eq!(
        p.languages,
        mila::report::access::Field::Given(language.1.label.clone())
    );
    assert_eq!(p.phone, mila::report::access::Field::Declined);
    assert_eq!(p.gender, mila::report::access::Field::Unknown);
    assert_eq!(p.nationality, mila::report::access::Field::Empty);
}
