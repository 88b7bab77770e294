//! Properties of sealing and key slots, and what a tampered file does:
//! always an error, never garbage data.

mod common;

use common::desk::{COORDINATOR, Fixture, PASSPHRASE, person};
use mila::desk::{Answer, Desk, DeskError, PersonalData};
use mila::store::Read;
use mila::store::Store;
use mila::store::codec;
use mila::store::tables::{KEY_SLOTS, PERSONAL};
use mila::vault::{self, DataKey, KdfParams, KeySlot, Passphrase, SealContext, VaultError};
use proptest::prelude::*;

fn ctx(record: u64) -> SealContext<'static> {
    SealContext {
        table: "personal",
        record,
        format: 1,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn sealing_round_trips_and_binds_to_its_record(
        plain in proptest::collection::vec(any::<u8>(), 0..2048),
        record in any::<u64>(),
        flip in any::<usize>(),
    ) {
        let key = DataKey::generate().unwrap();
        let sealed = vault::seal(&key, ctx(record), &plain).unwrap();
        let opened = vault::open(&key, ctx(record), &sealed).unwrap();
        prop_assert_eq!(opened.as_slice(), plain.as_slice());
        prop_assert_eq!(vault::open(&key, ctx(record.wrapping_add(1)), &sealed).unwrap_err(), VaultError::Tampered);
        let other = DataKey::generate().unwrap();
        prop_assert_eq!(vault::open(&other, ctx(record), &sealed).unwrap_err(), VaultError::Tampered);
        let mut bad = sealed.clone();
        let i = flip % bad.ciphertext.len();
        bad.ciphertext[i] ^= 0x01;
        prop_assert_eq!(vault::open(&key, ctx(record), &bad).unwrap_err(), VaultError::Tampered);
    }

    #[test]
    fn personal_data_with_any_unicode_round_trips_through_codec_and_seal(
        name in "\\PC{0,60}",
        latin in any::<String>(),
        notes in any::<String>(),
        phone in proptest::option::of(any::<String>()),
    ) {
        let mut data = PersonalData::default();
        data.name = name;
        data.name_latin = latin;
        data.notes = notes;
        data.phone = phone.map_or(Answer::Declined, Answer::Given);
        let key = DataKey::generate().unwrap();
        let bytes = codec::encode(&data).unwrap();
        let sealed = vault::seal(&key, ctx(7), &bytes).unwrap();
        let opened = vault::open(&key, ctx(7), &sealed).unwrap();
        let back: PersonalData = codec::decode(&opened).unwrap();
        prop_assert_eq!(back, data);
    }
}

#[test]
fn key_slot_opens_only_with_its_passphrase_and_owner() {
    let key = DataKey::generate().unwrap();
    let pass = Passphrase::new("richtige passphrase");
    let slot = KeySlot::wrap(&key, &pass, "anna", KdfParams::MINIMUM).unwrap();
    assert!(slot.unwrap_key(&pass, "anna").is_ok());
    assert_eq!(
        slot.unwrap_key(&Passphrase::new("falsche passphrase"), "anna")
            .unwrap_err(),
        VaultError::WrongPassphrase
    );
    assert_eq!(
        slot.unwrap_key(&pass, "bert").unwrap_err(),
        VaultError::WrongPassphrase
    );
}

#[test]
fn weak_stored_parameters_are_refused() {
    let key = DataKey::generate().unwrap();
    let pass = Passphrase::new("richtige passphrase");
    let mut slot = KeySlot::wrap(&key, &pass, "anna", KdfParams::MINIMUM).unwrap();
    slot.params.m_kib = 8;
    assert!(matches!(
        slot.unwrap_key(&pass, "anna"),
        Err(VaultError::WeakParameters { .. })
    ));
    let weak_verifier = "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assert!(matches!(
        vault::check_verifier(weak_verifier, &pass),
        Err(VaultError::WeakParameters { .. })
    ));
    let good = vault::make_verifier(&pass, KdfParams::MINIMUM).unwrap();
    assert!(vault::check_verifier(&good, &pass).is_ok());
    assert_eq!(
        vault::check_verifier(&good, &Passphrase::new("nope nope")).unwrap_err(),
        VaultError::WrongPassphrase
    );
}

/// Reopens the fixture's file with the raw store to change what is on disk.
fn tamper(f: Fixture, change: impl FnOnce(&mut mila::store::Writer)) -> (tempfile::TempDir, Desk) {
    let path = f.path();
    let Fixture { dir, desk, .. } = f;
    drop(desk);
    {
        let store = Store::open(&path).unwrap();
        let mut w = store.write().unwrap();
        change(&mut w);
        w.commit().unwrap();
    }
    let desk = Desk::open(&path).unwrap();
    (dir, desk)
}

#[test]
fn a_tampered_or_moved_blob_is_an_error_never_other_data() {
    let f = Fixture::new();
    let a = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Eins", "", 1990),
            true,
            None,
        )
        .unwrap();
    let b = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Zwei", "", 1991),
            true,
            None,
        )
        .unwrap();
    let (_dir, desk) = tamper(f, |w| {
        let blob_a = w.get(PERSONAL, &a).unwrap().unwrap();
        // Move A's blob onto B's number.
        w.put(PERSONAL, &b, &blob_a).unwrap();
        let mut flipped = blob_a.clone();
        flipped.ciphertext[3] ^= 0x80;
        w.put(PERSONAL, &a, &flipped).unwrap();
    });
    let login = desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .unwrap();
    for no in [a, b] {
        let err = desk.visitor_card(&login, no).unwrap_err();
        assert!(
            matches!(err, DeskError::Vault(VaultError::Tampered)),
            "{err:?}"
        );
    }
}

#[test]
fn a_key_slot_copied_from_another_database_is_refused() {
    let one = Fixture::new();
    let other = Fixture::new();
    let path = other.path();
    let Fixture {
        dir: _other_dir,
        desk,
        ..
    } = other;
    drop(desk);
    let store = Store::open(&path).unwrap();
    let reader = store.read().unwrap();
    let foreign_slot = reader
        .get(KEY_SLOTS, &COORDINATOR.to_string())
        .unwrap()
        .unwrap();
    let (_dir, desk) = tamper(one, |w| {
        w.put(KEY_SLOTS, &COORDINATOR.to_string(), &foreign_slot)
            .unwrap()
    });
    assert!(matches!(
        desk.login(COORDINATOR, &Passphrase::new(PASSPHRASE)),
        Err(DeskError::ForeignKey)
    ));
}
