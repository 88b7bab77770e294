//! Removing reference-list entries: an entry no record refers to is deleted,
//! one that a visitor, the anonymous counters or an offering still uses is
//! archived so old records keep their meaning.

mod common;

use common::desk::{Fixture, person};
use mila::desk::{Answer, DeskError, Housing, RefId, RefList, RefRemoval, Role};

fn entry(f: &Fixture, list: RefList, id: RefId) -> Option<mila::desk::RefEntry> {
    f.desk
        .reference(list)
        .unwrap()
        .into_iter()
        .find(|(i, _)| *i == id)
        .map(|(_, e)| e)
}

fn add(f: &Fixture, list: RefList, label: &str) -> RefId {
    f.desk
        .save_reference(&f.coordinator, list, None, label, false)
        .unwrap()
}

#[test]
fn an_unused_entry_is_deleted() {
    let f = Fixture::new();
    let id = add(&f, RefList::Housing, "Testunterkunft Nord");
    let removal = f
        .desk
        .remove_reference(&f.coordinator, RefList::Housing, id)
        .unwrap();
    assert_eq!(removal, RefRemoval::Deleted);
    assert!(entry(&f, RefList::Housing, id).is_none());
}

#[test]
fn an_entry_a_visitor_uses_is_archived_not_deleted() {
    let f = Fixture::new();
    let unit = add(&f, RefList::Housing, "Testunterkunft Süd");
    let nationality = add(&f, RefList::Nationalities, "Testland");
    let mut data = person("Testa Beispiel", "Testa Beispiel", 1990);
    data.housing = Answer::Given(Housing::Unit(unit));
    data.nationality = Answer::Given(nationality);
    f.desk
        .register_visitor(&f.coordinator, &data, true, None)
        .unwrap();
    for (list, id) in [
        (RefList::Housing, unit),
        (RefList::Nationalities, nationality),
    ] {
        let removal = f.desk.remove_reference(&f.coordinator, list, id).unwrap();
        assert_eq!(removal, RefRemoval::Archived, "{list:?}");
        let kept = entry(&f, list, id).expect("still there");
        assert!(kept.archived);
    }
    let kept = entry(&f, RefList::Housing, unit).unwrap();
    assert_eq!(kept.label, "Testunterkunft Süd");
}

#[test]
fn a_language_counted_for_an_erased_visitor_stays_archived() {
    let f = Fixture::new();
    let language = add(&f, RefList::Languages, "Testisch");
    let need = add(&f, RefList::Needs, "Testbedarf");
    let mut data = person("Erika Musterfrau", "", 1985);
    data.languages = Answer::Given(vec![language]);
    data.needs = Answer::Given(vec![need]);
    let no = f
        .desk
        .register_visitor(&f.coordinator, &data, true, None)
        .unwrap();
    f.desk.erase_visitor(&f.coordinator, no).unwrap();
    // The sealed record is gone, but the day's anonymous counters still name
    // the language and the need.
    for (list, id) in [(RefList::Languages, language), (RefList::Needs, need)] {
        assert_eq!(
            f.desk.remove_reference(&f.coordinator, list, id).unwrap(),
            RefRemoval::Archived
        );
    }
}

#[test]
fn the_consent_language_counts_as_use() {
    let f = Fixture::new();
    let language = add(&f, RefList::Languages, "Beispielsprache");
    let mut data = person("Testa Beispiel", "", 1990);
    data.consent.explained_in = Some(language);
    f.desk
        .register_visitor(&f.coordinator, &data, false, None)
        .unwrap();
    assert_eq!(
        f.desk
            .remove_reference(&f.coordinator, RefList::Languages, language)
            .unwrap(),
        RefRemoval::Archived
    );
}

#[test]
fn tally_categories_of_offerings_are_archived() {
    let f = Fixture::new();
    let (_, offering) = f.desk.offerings().unwrap().into_iter().next().unwrap();
    let used = offering.tally_categories[0];
    assert_eq!(
        f.desk
            .remove_reference(&f.coordinator, RefList::TallyCategories, used)
            .unwrap(),
        RefRemoval::Archived
    );
}

#[test]
fn only_coordinators_remove_entries() {
    let f = Fixture::new();
    let id = add(&f, RefList::Needs, "Testbedarf");
    for role in [Role::Receptionist, Role::Volunteer] {
        let login = f.staff(&format!("test-{}", role.as_str()), role);
        let err = f
            .desk
            .remove_reference(&login, RefList::Needs, id)
            .unwrap_err();
        assert!(matches!(err, DeskError::Forbidden(_)), "{role:?}: {err}");
    }
    assert!(entry(&f, RefList::Needs, id).is_some());
    let err = f
        .desk
        .remove_reference(&f.coordinator, RefList::Needs, 9999)
        .unwrap_err();
    assert!(matches!(err, DeskError::NotFound(_)), "{err}");
}

#[test]
fn a_backup_on_demand_is_audited_and_needs_a_coordinator() {
    let f = Fixture::new();
    let folder = f.dir.path().join("sicherung");
    let path = f.desk.backup_now(&f.coordinator, &folder, 3).unwrap();
    assert!(path.exists() && path.starts_with(&folder));
    let entries = f
        .desk
        .audit_entries(&f.coordinator, &mila::desk::AuditFilter::default())
        .unwrap();
    assert!(
        entries
            .iter()
            .any(|(_, e)| e.action == mila::desk::AuditAction::Backup && e.user == "koordination"),
        "{entries:?}"
    );
    let receptionist = f.staff("test.empfang", Role::Receptionist);
    assert!(matches!(
        f.desk.backup_now(&receptionist, &folder, 3),
        Err(DeskError::Forbidden(_))
    ));
}

#[test]
fn labels_differing_only_in_case_are_duplicates_in_any_script() {
    let f = Fixture::new();
    add(&f, RefList::Needs, "Ärztliche Versorgung");
    let err = f
        .desk
        .save_reference(
            &f.coordinator,
            RefList::Needs,
            None,
            " ärztliche versorgung ",
            false,
        )
        .unwrap_err();
    assert!(
        matches!(err, DeskError::Invalid { field: "label", .. }),
        "{err}"
    );
}
