//! Matching tables for the find screen and `mila find`, beyond those in
//! `src/search/tests.rs`: what staff type at the desk (a Latin fragment, a
//! whole name in another script) against how the visitor was stored.

use mila::search::{Entry, MatchKind, SearchIndex};

fn entry(number: u32, name: &str, name_latin: &str) -> Entry {
    Entry {
        number,
        name: name.to_owned(),
        name_latin: name_latin.to_owned(),
        birth_year: None,
        phone: String::new(),
    }
}

/// Found as a match of what was typed; a person listed below as only similar
/// (`MatchKind::Similar`, "ähnlich" on screen) does not count.
fn finds(query: &str, stored: &str) -> bool {
    SearchIndex::new(vec![entry(1, stored, "")])
        .query(query, 5)
        .iter()
        .any(|h| h.number == 1 && h.why != MatchKind::Similar)
}

/// A name in its own script and its usual Latin spellings: each must find
/// the other, whole, in both directions.
const ACROSS_SCRIPTS: &[(&str, &str)] = &[
    ("خالد", "Khalid"),
    ("خالد", "Khaled"),
    ("أحمد", "Ahmad"),
    ("أحمد", "Ahmed"),
    ("علي", "Ali"),
    ("حسين", "Hussein"),
    ("حسين", "Husain"),
    ("مصطفى", "Mustafa"),
    ("عبدالله", "Abdullah"),
    ("يوسف", "Youssef"),
    ("يوسف", "Yusuf"),
    ("الحسن", "Al-Hassan"),
    ("الحسن", "Alhasan"),
    ("الحسن", "El Hassan"),
    ("محمد", "Muhammad"),
    ("محمد", "Mohamad"),
    ("رضا", "Reza"),
    ("مریم", "Maryam"),
    ("Дмитрий", "Dmitry"),
    ("Дмитрий", "Dmitri"),
    ("Сергей", "Sergey"),
    ("Сергей", "Sergei"),
    ("Наталія", "Nataliia"),
    ("Наталія", "Natalia"),
    ("Андрій", "Andriy"),
    ("Юлія", "Yuliia"),
    ("Шевченко", "Shevchenko"),
    // Arabic has no p and writes it ب; nor e/i apart: the consonants decide.
    ("بيسبيل", "Beispiel"),
    ("بيتر", "Peter"),
];

/// The same person, both in Latin letters.
const LATIN_VARIANTS: &[(&str, &str)] = &[
    ("Mohammed", "Muhammad"),
    ("Mohammed", "Mohamad"),
    ("Al-Hassan", "Alhasan"),
    ("Al-Hassan", "El Hassan"),
    ("Müller", "Mueller"),
    ("Müller", "Muller"),
    ("Yusuf", "Youssef"),
];

/// Different names: a whole-name query must not find the other at all.
const NOT_FOUND: &[(&str, &str)] = &[
    ("Omar", "عامر"),
    ("Karim", "Kamil"),
    ("Sergey", "Серафим"),
    ("Olena", "Оксана"),
    ("Yusuf", "Yunus"),
    ("Fatima", "Farida"),
    ("Testa Beispiel", "Erika Musterfrau"),
    ("محمد", "Olena"),
    // Three typed letters with no name word starting like them.
    ("moh", "Erika Musterfrau"),
    ("meh", "Erika Musterfrau"),
    ("sah", "Testa Sommer"),
    // b/p is one letter apart only across scripts.
    ("Pa", "Baum"),
    ("Bet", "Peter"),
];

/// Search is lenient while typing (a close spelling may be what was meant),
/// but a different name that is close ranks below the right one:
/// (typed, the right visitor, the other one).
const RANKED: &[(&str, &str, &str)] = &[
    ("Hassan", "حسن", "حسين"),
    ("Hussein", "حسين", "حسن"),
    ("Mahmoud", "محمود", "محمد"),
    ("Mohammed", "محمد", "محمود"),
    ("Müller", "Mueller", "Miller"),
    ("Ali", "Ali", "Alina"),
    ("Maria", "Maria", "Mario"),
    // A whole word transliterated beats the start of a longer name.
    ("Ali", "علي", "Alina"),
    ("Ali", "علي", "Alia"),
    ("علي", "Ali", "Alina"),
    ("Hassan", "حسن", "Hassanein"),
];

#[test]
fn names_find_their_spellings_in_other_scripts_both_ways() {
    let mut failures = Vec::new();
    for &(own, latin) in ACROSS_SCRIPTS {
        if !finds(latin, own) {
            failures.push(format!("{latin} -> {own}"));
        }
        if !finds(own, latin) {
            failures.push(format!("{own} -> {latin}"));
        }
    }
    assert!(failures.is_empty(), "not found: {failures:#?}");
}

#[test]
fn latin_variants_find_each_other_both_ways() {
    let mut failures = Vec::new();
    for &(a, b) in LATIN_VARIANTS {
        for (typed, stored) in [(a, b), (b, a)] {
            if !finds(typed, stored) {
                failures.push(format!("{typed} -> {stored}"));
            }
        }
    }
    assert!(failures.is_empty(), "not found: {failures:#?}");
}

#[test]
fn different_names_are_not_found() {
    let mut failures = Vec::new();
    for &(typed, stored) in NOT_FOUND {
        for (typed, stored) in [(typed, stored), (stored, typed)] {
            if finds(typed, stored) {
                failures.push(format!("{typed} -> {stored}"));
            }
        }
    }
    assert!(failures.is_empty(), "wrongly found: {failures:#?}");
}

#[test]
fn close_but_different_names_rank_below_the_right_one() {
    let mut failures = Vec::new();
    for &(typed, right, other) in RANKED {
        // Both orders of registration, so the number cannot decide.
        for (first, second) in [(right, other), (other, right)] {
            let ix = SearchIndex::new(vec![entry(1, first, ""), entry(2, second, "")]);
            let want = if first == right { 1 } else { 2 };
            let top = ix.query(typed, 5).first().map(|h| h.number);
            if top != Some(want) {
                failures.push(format!("{typed}: {right} not above {other}"));
            }
        }
    }
    assert!(failures.is_empty(), "wrong order: {failures:#?}");
}

#[test]
fn latin_fragments_find_visitors_stored_only_in_another_script() {
    let ix = SearchIndex::new(vec![
        entry(1, "محمد الحسن", ""),
        entry(2, "Олена Коваленко", ""),
        entry(3, "Erika Müller", ""),
        entry(4, "Testa Beispiel", ""),
    ]);
    for (typed, want) in [
        ("moh", 1),
        ("muh al", 1),
        ("hasan", 1),
        ("ole", 2),
        ("koval", 2),
        ("muell", 3),
        ("erika mu", 3),
        ("محمد", 1),
        ("Олена", 2),
        ("Коваль", 2),
    ] {
        let top: Vec<u32> = ix.query(typed, 5).iter().map(|h| h.number).collect();
        assert_eq!(top.first(), Some(&want), "{typed:?} gave {top:?}");
    }
}

#[test]
fn latin_only_visitors_are_found_by_queries_in_their_script() {
    let ix = SearchIndex::new(vec![
        entry(1, "Mohammed Al-Hassan", ""),
        entry(2, "Olena Kovalenko", ""),
        entry(3, "Yusuf Testa", ""),
    ]);
    for (typed, want) in [
        ("محمد", 1),
        ("الحسن", 1),
        ("Олена", 2),
        ("Коваленко", 2),
        ("يوسف", 3),
    ] {
        let top: Vec<u32> = ix.query(typed, 5).iter().map(|h| h.number).collect();
        assert_eq!(top.first(), Some(&want), "{typed:?} gave {top:?}");
    }
}

#[test]
fn a_final_h_typed_is_kept_while_typing_and_dropped_for_whole_words() {
    let ix = SearchIndex::new(vec![
        entry(1, "Mohammed Testa", ""),
        entry(2, "Erika Musterfrau", ""),
        entry(3, "Fatemeh Beispiel", ""),
        entry(4, "فاطمه تستا", ""),
        entry(5, "Sara Muster", ""),
    ]);
    for (typed, want) in [
        ("moh", vec![1]),
        ("mo", vec![1, 2, 5]),
        ("fatemeh", vec![3, 4]),
        ("fateme", vec![3, 4]),
        ("sarah", vec![5]),
        ("sarah mus", vec![5]),
    ] {
        let mut found: Vec<u32> = ix.query(typed, 10).iter().map(|h| h.number).collect();
        found.sort_unstable();
        assert_eq!(found, want, "{typed:?}");
    }
}
