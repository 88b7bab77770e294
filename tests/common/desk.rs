//! Fixtures for tests of the desk API: a fresh database in a temp folder,
//! fast key derivation, obviously fake people.

#![allow(dead_code)]

use mila::desk::{Answer, BirthDate, Consent, Desk, Login, PersonalData, Role, day_key};
use mila::vault::{KdfParams, Passphrase};
use tempfile::TempDir;

pub const COORDINATOR: &str = "koordination";
pub const PASSPHRASE: &str = "test-passphrase-1";

pub struct Fixture {
    pub dir: TempDir,
    pub desk: Desk,
    pub coordinator: Login,
}

impl Fixture {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("mila.redb");
        let (desk, coordinator) = Desk::create(
            &path,
            COORDINATOR,
            &Passphrase::new(PASSPHRASE),
            KdfParams::MINIMUM,
        )
        .expect("create database");
        Self {
            dir,
            desk,
            coordinator,
        }
    }

    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("mila.redb")
    }

    /// Adds an account and logs it in.
    pub fn staff(&self, user: &str, role: Role) -> Login {
        let pass = Passphrase::new(format!("{user}-passphrase"));
        self.desk
            .add_staff(&self.coordinator, user, role, &pass, KdfParams::MINIMUM)
            .expect("add staff");
        self.desk.login(user, &pass).expect("login")
    }
}

/// A fake person with consent to storing.
pub fn person(name: &str, latin: &str, year: i16) -> PersonalData {
    let mut data = PersonalData::default();
    data.name = name.into();
    data.name_latin = latin.into();
    data.birth = Answer::Given(BirthDate {
        year,
        month_day: None,
    });
    data.consent = Consent {
        day: day_key(mila::desk::today()),
        text_version: "2026-1".into(),
        explained_in: None,
        store_at_mila: true,
        pass_to_partners: Vec::new(),
    };
    data
}
