//! Bit flips and truncation at many offsets of a database file: opening or
//! `verify` reports an error, or the data is intact. Never a panic that
//! reaches the person, never wrong personal data.

mod common;

use std::path::Path;

use common::desk::{COORDINATOR, Fixture, PASSPHRASE, person};
use mila::desk::*;
use mila::vault::Passphrase;

/// Everything a person could be shown, read through the desk.
fn read_all(path: &Path) -> Result<Vec<(VisitorNo, PersonalData)>, String> {
    let mut desk = Desk::open(path).map_err(|e| e.to_string())?;
    let login = desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .map_err(|e| e.to_string())?;
    let report = desk.verify(&login).map_err(|e| e.to_string())?;
    if !report.ok() {
        return Err(format!("verify: {:?}", report.problems));
    }
    let mut out = Vec::new();
    for entry in desk.visitor_entries(&login).map_err(|e| e.to_string())? {
        let card = desk
            .visitor_card(&login, entry.number)
            .map_err(|e| e.to_string())?;
        out.push((entry.number, card.data.clone()));
    }
    Ok(out)
}

/// Opens a damaged copy the way the program does (panics inside redb are
/// caught and reported as damage) and checks what comes out.
fn check(path: &Path, original: &[(VisitorNo, PersonalData)], what: &str) -> bool {
    match mila::panic_guard::catch(|| read_all(path)) {
        Ok(Ok(data)) => {
            assert!(data == original, "{what}: wrong personal data was shown");
            true
        }
        Ok(Err(_)) => false,
        Err(caught) => {
            assert!(
                caught.is_storage_damage(),
                "{what}: a panic outside redb at {}",
                caught.location
            );
            false
        }
    }
}

/// Offsets to flip: the header and first pages densely, the rest spread out.
fn offsets(len: usize) -> Vec<usize> {
    let mut out: Vec<usize> = (0..512).step_by(7).collect();
    out.extend((512..len.min(16384)).step_by(97));
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..150 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push((x % len as u64) as usize);
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[test]
fn bit_flips_and_truncation_are_errors_or_harmless() {
    mila::panic_guard::install();
    let f = Fixture::new();
    for (name, latin, year) in [
        ("محمد تجريبي", "Mohammed Tajribi", 1990),
        ("Олена Тестова", "Olena Testova", 1985),
        ("Testperson Eins", "", 1970),
    ] {
        f.desk
            .register_visitor(&f.coordinator, &person(name, latin, year), true, None)
            .unwrap();
    }
    let path = f.path();
    let Fixture { dir, desk, .. } = f;
    drop(desk);
    let original = read_all(&path).unwrap();
    assert_eq!(original.len(), 3);
    let good = std::fs::read(&path).unwrap();
    let copy = dir.path().join("damaged.redb");

    let mut refused = 0;
    let mut harmless = 0;
    for offset in offsets(good.len()) {
        for bit in [0u8, 5] {
            let mut bytes = good.clone();
            bytes[offset] ^= 1 << bit;
            std::fs::write(&copy, &bytes).unwrap();
            if check(&copy, &original, &format!("bit {bit} at {offset}")) {
                harmless += 1;
            } else {
                refused += 1;
            }
        }
    }
    for keep in [
        0,
        9,
        100,
        4096,
        4097,
        good.len() / 3,
        good.len() / 2,
        good.len() - 4096,
        good.len() - 1,
    ] {
        std::fs::write(&copy, &good[..keep]).unwrap();
        if check(&copy, &original, &format!("truncated to {keep}")) {
            harmless += 1;
        } else {
            refused += 1;
        }
    }
    eprintln!("{refused} damaged copies refused, {harmless} read intact");
    assert!(
        refused > 20,
        "flips in the header must be refused ({refused})"
    );
}
