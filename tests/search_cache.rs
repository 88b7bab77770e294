//! The sealed search cache behind `visitor_entries`: what an unlock reads
//! instead of opening every record. It must never show an old name, an
//! erased person, or miss a new one.

use jiff::civil::date;
use mila::desk::demo::DemoPlan;
use mila::desk::{Desk, Login, PersonalData};
use mila::search::Entry;
use mila::store::tables::PERSONAL_GENERATIONS;
use mila::store::{Read, Store};
use mila::vault::{KdfParams, Passphrase};
use tempfile::TempDir;

fn demo_desk(dir: &TempDir, visitors: u32) -> (Desk, Login) {
    let path = dir.path().join("cache.redb");
    let (mut desk, login) = Desk::create(
        &path,
        "koordination",
        &Passphrase::new("Sommer in Langenhagen"),
        KdfParams::MINIMUM,
    )
    .unwrap();
    desk.pin_today(date(2026, 11, 26));
    let plan = DemoPlan {
        visitors,
        days: 10,
        ..DemoPlan::default()
    };
    desk.fill_demo(&login, &plan).unwrap();
    (desk, login)
}

fn names(entries: &[Entry]) -> Vec<(u32, String, String)> {
    entries
        .iter()
        .map(|e| (e.number, e.name.clone(), e.name_latin.clone()))
        .collect()
}

fn person(name: &str) -> PersonalData {
    let mut data = PersonalData::default();
    data.name = name.into();
    data.consent.store_at_mila = true;
    data
}

#[test]
fn cached_entries_follow_every_change_erasure_and_registration() {
    let dir = TempDir::new().unwrap();
    // Two blocks of 10,000 numbers: the change below makes one out of date.
    let (desk, login) = demo_desk(&dir, 10_400);
    // The first read opens every record and writes the cache; the second
    // reads the cache. Both must agree.
    let first = desk.visitor_entries(&login).unwrap();
    let second = desk.visitor_entries(&login).unwrap();
    assert_eq!(first.len(), 10_400);
    assert_eq!(names(&first), names(&second));

    // A change and a registration leave the cache in place: the changed
    // record no longer matches it, the new one is not in it.
    desk.update_visitor(&login, 5, &person("Testa Beispiel"), true)
        .unwrap();
    let new = desk
        .register_visitor(&login, &person("Erika Musterfrau"), true, None)
        .unwrap();
    let changed = desk.visitor_entries(&login).unwrap();
    assert_eq!(changed.len(), 10_401);
    let name_of = |no: u32| {
        changed
            .iter()
            .find(|e| e.number == no)
            .map(|e| e.name.clone())
    };
    assert_eq!(name_of(5).as_deref(), Some("Testa Beispiel"));
    assert_eq!(name_of(new).as_deref(), Some("Erika Musterfrau"));

    desk.erase_visitor(&login, 7).unwrap();
    let after = desk.visitor_entries(&login).unwrap();
    assert_eq!(after.len(), 10_400);
    let find = |no: u32| after.iter().find(|e| e.number == no);
    assert_eq!(find(5).map(|e| e.name.as_str()), Some("Testa Beispiel"));
    assert!(find(7).is_none(), "an erased visitor is not searchable");
    assert_eq!(find(new).map(|e| e.name.as_str()), Some("Erika Musterfrau"));
    // Everyone else is as before.
    for e in &first {
        if ![5, 7].contains(&e.number) {
            let now = find(e.number).expect("still there");
            assert_eq!((&now.name, &now.name_latin), (&e.name, &e.name_latin));
        }
    }
}

#[test]
fn every_write_of_a_sealed_record_raises_its_blocks_generation() {
    let dir = TempDir::new().unwrap();
    let (desk, _) = demo_desk(&dir, 30);
    let path = desk.path().to_path_buf();
    let generations = |desk: Desk| {
        drop(desk);
        let store = Store::open(&path).unwrap();
        let gens: Vec<(u32, u64)> = store
            .read()
            .unwrap()
            .range(PERSONAL_GENERATIONS, ..)
            .unwrap();
        gens
    };
    let before = generations(desk);
    assert_eq!(before.len(), 1, "{before:?}");
    let mut desk = Desk::open(&path).unwrap();
    desk.pin_today(date(2026, 11, 26));
    let login = desk
        .login("koordination", &Passphrase::new("Sommer in Langenhagen"))
        .unwrap();
    desk.update_visitor(&login, 3, &person("Testa Beispiel"), true)
        .unwrap();
    // Reading (and caching) entries writes no sealed record.
    let _ = desk.visitor_entries(&login).unwrap();
    let after = generations(desk);
    assert_eq!(after[0].0, 0);
    assert_eq!(after[0].1, before[0].1 + 1);
}

#[test]
fn a_small_database_reads_the_same_with_or_without_a_cache() {
    let dir = TempDir::new().unwrap();
    let (desk, login) = demo_desk(&dir, 20);
    let first = desk.visitor_entries(&login).unwrap();
    let second = desk.visitor_entries(&login).unwrap();
    assert_eq!(names(&first), names(&second));
    assert_eq!(first.len(), 20);
}

#[test]
fn the_rewrite_after_an_erasure_keeps_the_staff_on_duty() {
    let dir = TempDir::new().unwrap();
    let (desk, login) = demo_desk(&dir, 30);
    let day = date(2026, 11, 26);
    let before = desk.day_summary(&login, day, false).unwrap().staff_on_duty;
    assert!(before.contains(&"koordination".to_string()), "{before:?}");
    desk.erase_visitor(&login, 3).unwrap();
    let after = desk.day_summary(&login, day, false).unwrap().staff_on_duty;
    assert_eq!(after, before);
}
