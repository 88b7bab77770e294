//! The list of short intakes on the home screen: kept by the desk in an index that follows
//! every registration, completion and erasure, and that `verify` checks.

mod common;

use common::desk::{Fixture, person};

#[test]
fn short_intakes_are_listed_until_completed_or_erased() {
    let mut f = Fixture::new();
    let short = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testa Beispiel", "", 1990),
            false,
            None,
        )
        .unwrap();
    let full = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Erika Musterfrau", "", 1980),
            true,
            None,
        )
        .unwrap();
    let other = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Max Mustermann", "", 1975),
            false,
            None,
        )
        .unwrap();
    let listed = |f: &Fixture| -> Vec<u32> {
        f.desk
            .incomplete_intakes()
            .unwrap()
            .into_iter()
            .map(|(no, _)| no)
            .collect()
    };
    assert_eq!(listed(&f), vec![short, other]);
    assert!(!listed(&f).contains(&full));

    // Completed later: off the list.
    f.desk
        .update_visitor(
            &f.coordinator,
            short,
            &person("Testa Beispiel", "", 1990),
            true,
        )
        .unwrap();
    assert_eq!(listed(&f), vec![other]);
    // A correction that leaves it short again puts it back.
    f.desk
        .update_visitor(
            &f.coordinator,
            short,
            &person("Testa Beispiel", "", 1990),
            false,
        )
        .unwrap();
    assert_eq!(listed(&f), vec![short, other]);
    // Erased: gone for good.
    f.desk.erase_visitor(&f.coordinator, other).unwrap();
    assert_eq!(listed(&f), vec![short]);

    let report = f.desk.verify(&f.coordinator).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}
