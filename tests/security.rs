//! The attacks of issue 13, performed: each test fails if the attack works.
//! The attacker has a copy of the room PC's account: they can change bytes
//! of the database file between sessions, but know no passphrase but their own.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::desk::{COORDINATOR, Fixture, PASSPHRASE, person};
use mila::desk::*;
use mila::store::codec;
use mila::store::records::StaffRecord;
use mila::store::tables::{KEY_SLOTS, PERSONAL};
use mila::store::{Read, Store};
use mila::vault::{KdfParams, Passphrase};
use redb::{ReadableTable, TableDefinition};

fn bytes(name: &'static str) -> TableDefinition<'static, String, &'static [u8]> {
    TableDefinition::new(name)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// What an attacker does with a hex editor, done with redb: changes the
/// role in one account's plaintext staff record.
fn flip_role(db: &Path, user: &str, role: Role) {
    let db = redb::Database::open(db).unwrap();
    let w = db.begin_write().unwrap();
    {
        let mut t = w.open_table(bytes("staff")).unwrap();
        let user = user.to_string();
        let mut record: StaffRecord =
            codec::decode(t.get(&user).unwrap().unwrap().value()).unwrap();
        record.role = role;
        if role == Role::Volunteer && record.verifier.is_none() {
            record.verifier = Some("x".into());
        }
        t.insert(&user, codec::encode(&record).unwrap().as_slice())
            .unwrap();
    }
    w.commit().unwrap();
}

/// Copies the raw value of `from` to `to` in a table keyed by user name.
fn copy_value(db: &Path, table: &'static str, from: &str, to: &str) {
    let db = redb::Database::open(db).unwrap();
    let w = db.begin_write().unwrap();
    {
        let mut t = w.open_table(bytes(table)).unwrap();
        let value = t.get(&from.to_string()).unwrap().unwrap().value().to_vec();
        t.insert(&to.to_string(), value.as_slice()).unwrap();
    }
    w.commit().unwrap();
}

fn has_slot(db: &Path, user: &str) -> bool {
    let store = Store::open(db).unwrap();
    store
        .read()
        .unwrap()
        .get(KEY_SLOTS, &user.to_string())
        .unwrap()
        .is_some()
}

fn coordinator_pass() -> Passphrase {
    Passphrase::new(PASSPHRASE)
}

/// Closes the fixture's desk (so the file can be edited) and keeps its folder.
fn close(f: Fixture) -> (tempfile::TempDir, std::path::PathBuf) {
    let path = f.path();
    let Fixture { dir, desk, .. } = f;
    drop(desk);
    (dir, path)
}

// --- 1. A volunteer cannot get a key slot ---

#[test]
fn a_volunteer_who_flips_their_role_gets_no_key_slot_from_a_passphrase_reset() {
    let f = Fixture::new();
    f.staff("helfer", Role::Volunteer);
    let (_dir, path) = close(f);
    flip_role(&path, "helfer", Role::Receptionist);

    let desk = Desk::open(&path).unwrap();
    let coordinator = desk.login(COORDINATOR, &coordinator_pass()).unwrap();
    let reset = Passphrase::new("routine-reset-1");
    let result = desk.change_passphrase(&coordinator, "helfer", &reset, KdfParams::MINIMUM);
    assert!(
        matches!(result, Err(DeskError::RoleNotGranted(ref u)) if u == "helfer"),
        "{result:?}"
    );
    assert!(
        desk.login("helfer", &reset).is_err(),
        "the reset signed the volunteer in"
    );
    let staff = desk.list_staff(&coordinator).unwrap();
    let helfer = staff.iter().find(|s| s.user == "helfer").unwrap();
    assert!(!helfer.role_confirmed, "staff list trusts the forged role");
    assert!(!helfer.has_key_slot);
    drop(desk);
    assert!(!has_slot(&path, "helfer"), "the volunteer got a key slot");
}

#[test]
fn a_receptionist_who_flips_their_role_to_coordinator_is_refused_at_sign_in() {
    let f = Fixture::new();
    f.staff("empfang", Role::Receptionist);
    let (_dir, path) = close(f);
    flip_role(&path, "empfang", Role::Coordinator);

    let desk = Desk::open(&path).unwrap();
    let result = desk.login("empfang", &Passphrase::new("empfang-passphrase"));
    assert!(
        matches!(result, Err(DeskError::RoleNotGranted(_))),
        "{:?}",
        result.map(|l| l.role())
    );
}

#[test]
fn a_grant_copied_from_another_account_does_not_fit() {
    let f = Fixture::new();
    f.staff("empfang", Role::Receptionist);
    f.staff("helfer", Role::Volunteer);
    let (_dir, path) = close(f);
    flip_role(&path, "helfer", Role::Receptionist);
    copy_value(&path, "staff_grants", "empfang", "helfer");

    let desk = Desk::open(&path).unwrap();
    let coordinator = desk.login(COORDINATOR, &coordinator_pass()).unwrap();
    let result = desk.change_passphrase(
        &coordinator,
        "helfer",
        &Passphrase::new("routine-reset-1"),
        KdfParams::MINIMUM,
    );
    assert!(
        matches!(result, Err(DeskError::RoleNotGranted(_))),
        "{result:?}"
    );
    drop(desk);
    assert!(!has_slot(&path, "helfer"));
}

#[test]
fn honest_passphrase_resets_still_work_for_every_role() {
    let f = Fixture::new();
    f.staff("empfang", Role::Receptionist);
    f.staff("helfer", Role::Volunteer);
    for user in ["empfang", "helfer"] {
        let pass = Passphrase::new(format!("{user}-neu-2026"));
        f.desk
            .change_passphrase(&f.coordinator, user, &pass, KdfParams::MINIMUM)
            .unwrap();
        assert_eq!(f.desk.login(user, &pass).unwrap().user(), user);
    }
    let staff = f.desk.list_staff(&f.coordinator).unwrap();
    assert!(staff.iter().all(|s| s.role_confirmed));
    let slots: Vec<(&str, bool)> = staff
        .iter()
        .map(|s| (s.user.as_str(), s.has_key_slot))
        .collect();
    assert_eq!(
        slots,
        [("empfang", true), ("helfer", false), (COORDINATOR, true)]
    );
}

// --- 6. Sign-in leaks nothing ---

fn median_login(desk: &Desk, user: &str, pass: &Passphrase) -> Duration {
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let _ = desk.login(user, pass);
            start.elapsed()
        })
        .collect();
    times.sort();
    times[2]
}

#[test]
fn an_unknown_name_costs_the_same_argon2_work_as_a_known_one() {
    // Accounts made with stronger parameters than the minimum, as real
    // databases are: the refusal of an unknown name must cost as much.
    let dir = tempfile::tempdir().unwrap();
    let params = KdfParams {
        m_kib: 19 * 1024 * 3,
        t: 4,
        p: 1,
    };
    let (desk, _) = Desk::create(
        &dir.path().join("mila.redb"),
        COORDINATOR,
        &coordinator_pass(),
        params,
    )
    .unwrap();
    let wrong = Passphrase::new("nicht-das-passwort");
    let known = median_login(&desk, COORDINATOR, &wrong);
    let unknown = median_login(&desk, "niemand-hier", &wrong);
    let ratio = unknown.as_secs_f64() / known.as_secs_f64();
    assert!(
        (0.5..2.0).contains(&ratio),
        "known name {known:?}, unknown name {unknown:?}: a timing probe tells them apart"
    );
}

#[test]
fn a_failed_sign_in_does_not_log_what_was_typed_as_the_name() {
    let f = Fixture::new();
    let typed_in_the_name_field = "GeheimesPasswort2026";
    let _ = f.desk.login(typed_in_the_name_field, &Passphrase::new("x"));
    let _ = f.desk.login(COORDINATOR, &Passphrase::new("falsch"));
    let failed = f
        .desk
        .audit_entries(
            &f.coordinator,
            &AuditFilter {
                action: Some(AuditAction::LoginFailed),
                ..AuditFilter::default()
            },
        )
        .unwrap();
    let users: Vec<&str> = failed.iter().map(|(_, e)| e.user.as_str()).collect();
    assert_eq!(users, [COORDINATOR, "?"], "newest first");
    let (_dir, path) = close(f);
    assert!(
        !contains(
            &std::fs::read(&path).unwrap(),
            typed_in_the_name_field.as_bytes()
        ),
        "the typed name is in the file"
    );
}

// --- 2. Erasure survives restore ---

#[test]
fn an_erased_person_does_not_come_back_with_an_older_backup() {
    let f = Fixture::new();
    let name = "Testperson Vergessen";
    let no = f
        .desk
        .register_visitor(&f.coordinator, &person(name, "", 1980), true, None)
        .unwrap();
    let backup = f.dir.path().join("alt.redb");
    f.desk.backup(&f.coordinator, &backup).unwrap();
    f.desk.erase_visitor(&f.coordinator, no).unwrap();
    let (dir, path) = close(f);

    restore(&backup, &path, COORDINATOR, &coordinator_pass(), true).unwrap();

    let desk = Desk::open(&path).unwrap();
    let login = desk.login(COORDINATOR, &coordinator_pass()).unwrap();
    assert!(
        matches!(desk.visitor_card(&login, no), Err(DeskError::Erased(_))),
        "the erased person came back"
    );
    assert!(
        desk.find_visitors(&login, "Vergessen", 10)
            .unwrap()
            .is_empty()
    );
    let log = desk.audit_entries(&login, &AuditFilter::default()).unwrap();
    assert!(
        log.iter()
            .any(|(_, e)| e.action == AuditAction::Erase && e.visitor == Some(no)),
        "the erase entry was dropped from the log"
    );
    let restored = log
        .iter()
        .find(|(_, e)| e.action == AuditAction::Restore)
        .expect("a restore entry");
    assert!(
        restored.1.detail.contains("over the database as of")
            && restored.1.detail.contains("1 erasure"),
        "{}",
        restored.1.detail
    );
    drop(desk);
    let store = Store::open(&path).unwrap();
    assert!(store.read().unwrap().get(PERSONAL, &no).unwrap().is_none());
    drop(store);
    assert!(!contains(&std::fs::read(&path).unwrap(), name.as_bytes()));
    drop(dir);
}

#[test]
fn a_receptionist_cannot_restore() {
    let f = Fixture::new();
    f.staff("empfang", Role::Receptionist);
    let no = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Da", "", 1980),
            true,
            None,
        )
        .unwrap();
    let backup = f.dir.path().join("alt.redb");
    f.desk.backup(&f.coordinator, &backup).unwrap();
    let later = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Neu", "", 1990),
            true,
            None,
        )
        .unwrap();
    let (_dir, path) = close(f);
    let result = restore(
        &backup,
        &path,
        "empfang",
        &Passphrase::new("empfang-passphrase"),
        true,
    );
    assert!(
        matches!(
            result,
            Err(RestoreError::Desk(DeskError::Forbidden(
                Capability::Restore
            )))
        ),
        "{result:?}"
    );
    let desk = Desk::open(&path).unwrap();
    let login = desk.login(COORDINATOR, &coordinator_pass()).unwrap();
    assert!(
        desk.visitor_card(&login, later).is_ok(),
        "the database was replaced"
    );
    assert!(desk.visitor_card(&login, no).is_ok());
}

#[test]
fn volunteers_cannot_make_a_backup_but_receptionists_can() {
    let f = Fixture::new();
    let volunteer = f.staff("helfer", Role::Volunteer);
    let reception = f.staff("empfang", Role::Receptionist);
    let dest = f.dir.path().join("mitgenommen.redb");
    assert!(matches!(
        f.desk.backup(&volunteer, &dest),
        Err(DeskError::Forbidden(Capability::Backup))
    ));
    assert!(!dest.exists(), "a backup was written for a volunteer");
    f.desk.backup(&reception, &dest).unwrap();
    assert!(dest.exists());
}

// --- 4. Leaving staff ---

fn has_slot_listed(f: &Fixture, user: &str) -> bool {
    f.desk
        .list_staff(&f.coordinator)
        .unwrap()
        .iter()
        .any(|s| s.user == user && s.has_key_slot)
}

/// Sets `active` back to true in the plaintext record, as someone who was
/// disabled and still has the file would.
fn reactivate(db: &Path, user: &str) {
    let db = redb::Database::open(db).unwrap();
    let w = db.begin_write().unwrap();
    {
        let mut t = w.open_table(bytes("staff")).unwrap();
        let user = user.to_string();
        let mut record: StaffRecord =
            codec::decode(t.get(&user).unwrap().unwrap().value()).unwrap();
        record.active = true;
        t.insert(&user, codec::encode(&record).unwrap().as_slice())
            .unwrap();
    }
    w.commit().unwrap();
}

#[test]
fn a_disabled_account_cannot_sign_in_even_when_switched_back_on_in_the_file() {
    let f = Fixture::new();
    f.staff("empfang", Role::Receptionist);
    f.staff("helfer", Role::Volunteer);
    assert!(has_slot_listed(&f, "empfang"));
    for user in ["empfang", "helfer"] {
        f.desk.disable_staff(&f.coordinator, user).unwrap();
    }
    let log = f
        .desk
        .audit_entries(
            &f.coordinator,
            &AuditFilter {
                action: Some(AuditAction::StaffDisabled),
                ..AuditFilter::default()
            },
        )
        .unwrap();
    let who: Vec<(&str, &str)> = log
        .iter()
        .map(|(_, e)| (e.user.as_str(), e.detail.as_str()))
        .collect();
    assert_eq!(who, [(COORDINATOR, "helfer"), (COORDINATOR, "empfang")]);
    let (_dir, path) = close(f);
    assert!(!has_slot(&path, "empfang"), "the slot survived");
    for user in ["empfang", "helfer"] {
        reactivate(&path, user);
    }
    let desk = Desk::open(&path).unwrap();
    for (user, pass) in [
        ("empfang", "empfang-passphrase"),
        ("helfer", "helfer-passphrase"),
    ] {
        assert!(
            desk.login(user, &Passphrase::new(pass)).is_err(),
            "{user} signed in after being disabled"
        );
    }
}

#[test]
fn only_a_coordinator_disables_and_not_themselves() {
    let f = Fixture::new();
    let reception = f.staff("empfang", Role::Receptionist);
    f.staff("helfer", Role::Volunteer);
    assert!(matches!(
        f.desk.disable_staff(&reception, "helfer"),
        Err(DeskError::Forbidden(_))
    ));
    assert!(f.desk.disable_staff(&f.coordinator, COORDINATOR).is_err());
    assert!(
        f.desk
            .login("helfer", &Passphrase::new("helfer-passphrase"))
            .is_ok()
    );
}

// --- 3. Counts that identify no one ---

#[test]
fn without_the_key_the_file_shows_no_languages_of_a_day_with_one_registration() {
    let f = Fixture::new();
    let volunteer = f.staff("helfer", Role::Volunteer);
    let languages = f.desk.reference(RefList::Languages).unwrap();
    let (tigrinya, _) = languages
        .iter()
        .find(|(_, e)| e.label == "Tigrinya")
        .expect("seed has Tigrinya");
    let mut data = person("Testperson Einzeln", "", 1990);
    data.languages = Answer::Given(vec![*tigrinya]);
    f.desk
        .register_visitor(&f.coordinator, &data, true, None)
        .unwrap();

    // The volunteer's day summary, on paper: no breakdown at all.
    let today = f.desk.today();
    let summary = f.desk.day_summary(&volunteer, today, false).unwrap();
    assert!(summary.breakdowns_left_out && summary.new_languages.is_empty());
    let text = mila::report::render::day_text(&summary, mila::ui::catalog::Lang::De);
    assert!(!text.contains("Tigrinya"), "{text}");
    // Staff with the key see the cell, but never the 1 that is one person.
    let summary = f.desk.day_summary(&f.coordinator, today, false).unwrap();
    let text = mila::report::render::day_text(&summary, mila::ui::catalog::Lang::De);
    let line = text.lines().find(|l| l.contains("Tigrinya")).unwrap();
    assert!(line.trim_end().ends_with("< 3"), "{line}");
    assert!(text.contains("Zahlen unter 3"));

    // The file without the key: no plaintext counter at all.
    let (_dir, path) = close(f);
    let store = Store::open(&path).unwrap();
    let r = store.read().unwrap();
    assert_eq!(r.count(mila::store::tables::DAY_STATS).unwrap(), 0);
    assert_eq!(
        r.count(mila::store::tables::SEALED_DAY_STATS).unwrap(),
        1,
        "the day's counters are sealed"
    );
}

#[test]
fn plaintext_counters_of_an_older_file_are_sealed_at_the_next_sign_in() {
    let f = Fixture::new();
    let day = day_key(f.desk.today());
    let (_dir, path) = close(f);
    {
        // What an older version wrote: (day, kind, id) → count, in plaintext.
        let db = redb::Database::open(&path).unwrap();
        let w = db.begin_write().unwrap();
        {
            let def: TableDefinition<(u32, u8, u32), &[u8]> = TableDefinition::new("day_stats");
            let mut t = w.open_table(def).unwrap();
            t.insert((day, 1u8, 1u32), codec::encode(&5u32).unwrap().as_slice())
                .unwrap();
        }
        w.commit().unwrap();
    }
    let desk = Desk::open(&path).unwrap();
    let login = desk.login(COORDINATOR, &coordinator_pass()).unwrap();
    let today = desk.today();
    let summary = desk.day_summary(&login, today, false).unwrap();
    assert_eq!(
        summary.new_languages.iter().map(|c| c.count).sum::<u32>(),
        5
    );
    drop(desk);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store
            .read()
            .unwrap()
            .count(mila::store::tables::DAY_STATS)
            .unwrap(),
        0
    );
}

// --- 5. Files only the owner can read ---

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn database_backups_and_their_folders_are_the_owners_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("daten").join("mila.redb");
    let (desk, login) =
        Desk::create(&db, COORDINATOR, &coordinator_pass(), KdfParams::MINIMUM).unwrap();
    assert_eq!(mode(&db), 0o600, "database");
    assert_eq!(mode(db.parent().unwrap()), 0o700, "data folder");
    let backup = dir.path().join("stick").join("sicherung.redb");
    desk.backup(&login, &backup).unwrap();
    assert_eq!(mode(&backup), 0o600, "backup");
    assert_eq!(mode(backup.parent().unwrap()), 0o700, "backup folder");
    let daily = desk.daily_backup(&dir.path().join("taeglich"), 3).unwrap();
    assert_eq!(mode(&daily), 0o600, "daily backup");
    assert_eq!(mode(daily.parent().unwrap()), 0o700, "daily folder");
    // The rewrite after an erasure makes a fresh copy that takes the file's place.
    desk.compact(&login).unwrap();
    assert_eq!(mode(&db), 0o600, "rewritten database");
    drop(desk);
    // A restored database is the staged copy moved into place.
    restore(&backup, &db, COORDINATOR, &coordinator_pass(), true).unwrap();
    assert_eq!(mode(&db), 0o600, "restored database");
    // A file left readable by an older version is tightened when opened.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    drop(Desk::open(&db).unwrap());
    assert_eq!(mode(&db), 0o600, "older database");
}

#[test]
fn rekey_leaves_old_slots_useless_and_hands_out_one_time_passphrases() {
    let f = Fixture::new();
    f.staff("empfang", Role::Receptionist);
    f.staff("helfer", Role::Volunteer);
    let no = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testperson Bleibt", "", 1980),
            true,
            None,
        )
        .unwrap();
    let (dir, path) = close(f);
    let before = std::fs::read(&path).unwrap();
    let old_wrapped = {
        let store = Store::open(&path).unwrap();
        let r = store.read().unwrap();
        r.get(KEY_SLOTS, &"empfang".to_string())
            .unwrap()
            .unwrap()
            .wrapped
    };
    assert!(contains(&before, &old_wrapped));

    let mut desk = Desk::open(&path).unwrap();
    let coordinator = desk.login(COORDINATOR, &coordinator_pass()).unwrap();
    let handed_out = desk
        .rekey(&coordinator, &coordinator_pass(), KdfParams::MINIMUM)
        .unwrap();
    let users: Vec<&str> = handed_out.iter().map(|(u, _)| u.as_str()).collect();
    assert_eq!(users, ["empfang"], "only other key holders get one");
    assert!(
        desk.login("empfang", &Passphrase::new("empfang-passphrase"))
            .is_err(),
        "the old passphrase still opens a slot"
    );
    let reception = desk.login("empfang", &handed_out[0].1).unwrap();
    assert!(reception.must_change_passphrase());
    desk.change_passphrase(
        &reception,
        "empfang",
        &Passphrase::new("empfang-neu-2026"),
        KdfParams::MINIMUM,
    )
    .unwrap();
    let reception = desk
        .login("empfang", &Passphrase::new("empfang-neu-2026"))
        .unwrap();
    assert!(!reception.must_change_passphrase());
    assert_eq!(
        desk.visitor_card(&reception, no).unwrap().data.name,
        "Testperson Bleibt"
    );
    let coordinator = desk.login(COORDINATOR, &coordinator_pass()).unwrap();
    let report = desk.verify(&coordinator).unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    assert!(
        desk.login("helfer", &Passphrase::new("helfer-passphrase"))
            .is_ok()
    );
    drop(desk);
    assert!(
        !contains(&std::fs::read(&path).unwrap(), &old_wrapped),
        "the old slot is still in the file"
    );
    drop(dir);
}

// --- 8. Erasure is what it says ---

#[test]
fn after_an_erasure_the_number_keeps_no_visits_and_no_household() {
    use mila::store::tables::{CHECKINS, VISITORS};
    let f = Fixture::new();
    let c = &f.coordinator;
    let gone = f
        .desk
        .register_visitor(c, &person("Testperson Geht", "", 1980), true, None)
        .unwrap();
    let stays = f
        .desk
        .register_visitor(c, &person("Testperson Bleibt", "", 1982), true, Some(gone))
        .unwrap();
    let offering = f.desk.offerings().unwrap()[0].0;
    let t = |h| jiff::civil::Time::new(h, 0, 0, 0).unwrap();
    let today = f.desk.today();
    for hour in [9, 11] {
        let session = f
            .desk
            .add_session(c, offering, today, t(hour), t(hour + 1), "")
            .unwrap();
        f.desk.check_in(c, session, gone).unwrap();
        f.desk.check_in(c, session, stays).unwrap();
    }
    let before = f.desk.period_report(c, today, today).unwrap();
    assert_eq!(
        (before.totals.checkins, before.totals.unique_visitors),
        (4, 2)
    );

    f.desk.erase_visitor(c, gone).unwrap();

    let after = f.desk.period_report(c, today, today).unwrap();
    assert_eq!(
        (after.totals.checkins, after.totals.unique_visitors),
        (4, 2),
        "the counts changed"
    );
    let names = f.desk.day_summary(c, today, true).unwrap();
    let listed: Vec<u32> = names
        .sessions
        .iter()
        .flat_map(|s| s.attendees.iter().flatten().map(|a| a.number))
        .collect();
    assert!(!listed.contains(&gone), "the number is still on a visit");
    let (_dir, path) = close(f);
    let store = Store::open(&path).unwrap();
    let r = store.read().unwrap();
    let mut carried = 0;
    r.scan_keys(CHECKINS, .., |(_, no)| {
        carried += usize::from(no == gone);
        Ok(true)
    })
    .unwrap();
    assert_eq!(carried, 0, "check-ins still carry the erased number");
    let mut linked = Vec::new();
    r.scan(VISITORS, .., false, |no, meta: VisitorMeta| {
        if meta.household == Some(gone) {
            linked.push(no);
        }
        Ok(true)
    })
    .unwrap();
    assert!(
        linked.is_empty(),
        "{linked:?} still link to the erased person"
    );
    let erased = r.get(VISITORS, &gone).unwrap().unwrap();
    assert_eq!(erased.last_seen, erased.created, "a visit date stayed");
    let kept = r.get(VISITORS, &stays).unwrap().unwrap();
    assert_eq!(kept.household, None, "alone in the household now");
    drop(r);
    drop(store);
    let mut desk = Desk::open(&path).unwrap();
    let login = desk.login(COORDINATOR, &coordinator_pass()).unwrap();
    let report = desk.verify(&login).unwrap();
    assert!(report.ok(), "{:?}", report.problems);
}

/// An attacker who also deletes every grant (so the file looks older than
/// grants) gets no slot either: a missing grant is never trusted for one.
#[test]
fn deleting_the_grants_does_not_make_a_flipped_role_trusted() {
    let f = Fixture::new();
    f.staff("helfer", Role::Volunteer);
    let (_dir, path) = close(f);
    flip_role(&path, "helfer", Role::Receptionist);
    {
        let db = redb::Database::open(&path).unwrap();
        let w = db.begin_write().unwrap();
        w.delete_table(bytes("staff_grants")).unwrap();
        w.commit().unwrap();
    }
    let desk = Desk::open(&path).unwrap();
    let coordinator = desk.login(COORDINATOR, &coordinator_pass()).unwrap();
    let result = desk.change_passphrase(
        &coordinator,
        "helfer",
        &Passphrase::new("routine-reset-1"),
        KdfParams::MINIMUM,
    );
    assert!(
        matches!(result, Err(DeskError::RoleNotGranted(_))),
        "{result:?}"
    );
    drop(desk);
    assert!(!has_slot(&path, "helfer"));
}

/// A file from before grants: a key holder's own sign-in (their slot opens)
/// seals their role; until then a reset of their passphrase is refused.
#[test]
fn an_older_file_gets_its_grants_at_each_key_holders_sign_in() {
    let f = Fixture::new();
    f.staff("empfang", Role::Receptionist);
    let (_dir, path) = close(f);
    {
        let db = redb::Database::open(&path).unwrap();
        let w = db.begin_write().unwrap();
        w.delete_table(bytes("staff_grants")).unwrap();
        w.commit().unwrap();
    }
    let desk = Desk::open(&path).unwrap();
    let coordinator = desk.login(COORDINATOR, &coordinator_pass()).unwrap();
    let reset = Passphrase::new("empfang-neu-2026");
    assert!(matches!(
        desk.change_passphrase(&coordinator, "empfang", &reset, KdfParams::MINIMUM),
        Err(DeskError::RoleNotGranted(_))
    ));
    desk.login("empfang", &Passphrase::new("empfang-passphrase"))
        .unwrap();
    desk.change_passphrase(&coordinator, "empfang", &reset, KdfParams::MINIMUM)
        .unwrap();
    assert_eq!(
        desk.login("empfang", &reset).unwrap().role(),
        Role::Receptionist
    );
}
