//! Sprachvermittlung through the desk API: the interpreter pool, who can
//! mediate when, mediation requests from creation to done / not met, roles,
//! the audit log, erasure, and the period report's section.

mod common;

use common::desk::{Fixture, person};
use jiff::civil::{Date, Time, date, time};
use mila::desk::mediation_text::parse_availability;
use mila::desk::*;
use mila::report::{Format, render};
use mila::text::catalog::Lang;

/// A Tuesday.
const TUESDAY: Date = date(2026, 12, 8);

fn t(h: i8, m: i8) -> Time {
    time(h, m, 0, 0)
}

fn lang(f: &Fixture, label: &str) -> RefId {
    f.desk.language_by_label(label).unwrap()
}

fn member(
    f: &Fixture,
    name: &str,
    langs: &[(&str, LanguageLevel)],
    available: &str,
    account: Option<&str>,
) -> PoolId {
    let input = PoolInput {
        contact: PoolContact {
            name: name.into(),
            phone: "0511 000000".into(),
            email: "test@example.invalid".into(),
            note: String::new(),
        },
        account: account.map(str::to_string),
        languages: langs
            .iter()
            .map(|(l, level)| PoolLanguage {
                language: lang(f, l),
                level: *level,
            })
            .collect(),
        available: parse_availability(available).unwrap(),
    };
    f.desk.add_pool_member(&f.coordinator, &input).unwrap()
}

fn visitor(f: &Fixture, name: &str, langs: &[&str]) -> VisitorNo {
    let mut data = person(name, "", 1990);
    data.languages = Answer::Given(langs.iter().map(|l| lang(f, l)).collect());
    data.german_level = Answer::Given(GermanLevel::None);
    f.desk
        .register_visitor(&f.coordinator, &data, true, None)
        .unwrap()
}

fn request(
    f: &Fixture,
    no: VisitorNo,
    language: &str,
    purpose: &str,
    at: (Date, Time),
) -> RequestId {
    f.desk
        .add_request(
            &f.coordinator,
            &RequestInput {
                visitor: no,
                language: lang(f, language),
                purpose: purpose.into(),
                place: "Jobcenter Langenhagen".into(),
                date: at.0,
                time: at.1,
            },
        )
        .unwrap()
}

fn pinned() -> Fixture {
    let mut f = Fixture::new();
    f.desk.pin_today(TUESDAY);
    f
}

fn names(found: &[Mediator]) -> Vec<&str> {
    found.iter().map(|m| m.name.as_str()).collect()
}

#[test]
fn volunteers_see_first_names_and_languages_only_and_cannot_change_the_pool() {
    let f = pinned();
    let id = member(
        &f,
        "Testdolmetscherin Almaz",
        &[("Tigrinya", LanguageLevel::Native)],
        "Di",
        None,
    );
    let coordinator_view = f.desk.pool(&f.coordinator).unwrap();
    assert_eq!(coordinator_view.len(), 1);
    assert_eq!(coordinator_view[0].shown_name(), "Testdolmetscherin Almaz");
    let contact = coordinator_view[0].contact.as_ref().unwrap();
    assert_eq!(contact.phone, "0511 000000");

    let receptionist = f.staff("empfang", Role::Receptionist);
    assert!(f.desk.pool(&receptionist).unwrap()[0].contact.is_some());

    let volunteer = f.staff("helfer", Role::Volunteer);
    let seen = f.desk.pool(&volunteer).unwrap();
    assert_eq!(seen[0].shown_name(), "Testdolmetscherin");
    assert!(seen[0].contact.is_none());
    assert_eq!(
        seen[0].level_in(lang(&f, "Tigrinya")),
        Some(LanguageLevel::Native)
    );
    let found = f
        .desk
        .mediators(&volunteer, lang(&f, "Tigrinya"), TUESDAY, None)
        .unwrap();
    assert_eq!(names(&found), ["Testdolmetscherin"]);

    for login in [&receptionist, &volunteer] {
        assert!(matches!(
            f.desk.remove_pool_member(login, id),
            Err(DeskError::Forbidden(Capability::ManagePool))
        ));
    }
    // The contact is sealed: not in the file as plaintext.
    drop(f.desk);
    let bytes = std::fs::read(f.dir.path().join("mila.redb")).unwrap();
    for secret in ["Testdolmetscherin Almaz", "0511 000000", "example.invalid"] {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret} in the file"
        );
    }
}

#[test]
fn mediators_are_those_there_that_day_best_level_first() {
    let f = pinned();
    member(
        &f,
        "Eins Montag",
        &[("Tigrinya", LanguageLevel::Native)],
        "Mo",
        None,
    );
    member(
        &f,
        "Zwei Etwas",
        &[("Tigrinya", LanguageLevel::Some)],
        "Di 09-12",
        None,
    );
    member(
        &f,
        "Drei Gut",
        &[("Tigrinya", LanguageLevel::Good)],
        "Mo-Fr",
        None,
    );
    member(
        &f,
        "Vier Arabisch",
        &[("Arabisch", LanguageLevel::Native)],
        "Di",
        None,
    );
    let tigrinya = lang(&f, "Tigrinya");

    let tuesday = f
        .desk
        .mediators(&f.coordinator, tigrinya, TUESDAY, None)
        .unwrap();
    assert_eq!(names(&tuesday), ["Drei Gut", "Zwei Etwas"]);
    assert_eq!(tuesday[1].hours, Some((t(9, 0), t(12, 0))));

    let afternoon = f
        .desk
        .mediators(&f.coordinator, tigrinya, TUESDAY, Some(t(14, 0)))
        .unwrap();
    assert_eq!(names(&afternoon), ["Drei Gut"]);

    let monday = f
        .desk
        .mediators(&f.coordinator, tigrinya, date(2026, 12, 7), None)
        .unwrap();
    assert_eq!(names(&monday), ["Eins Montag", "Drei Gut"]);

    let sunday = f
        .desk
        .mediators(&f.coordinator, tigrinya, date(2026, 12, 13), None)
        .unwrap();
    assert!(sunday.is_empty());
}

#[test]
fn a_staff_member_signed_in_today_is_on_duty_whatever_their_times() {
    let f = pinned();
    // Signing in records the account as on duty today.
    let _desk_staff = f.staff("farsi-kollegin", Role::Receptionist);
    member(
        &f,
        "Kollegin Farsi",
        &[("Farsi", LanguageLevel::Good)],
        "Sa",
        Some("farsi-kollegin"),
    );
    member(
        &f,
        "Extern Farsi",
        &[("Farsi", LanguageLevel::Good)],
        "Di",
        None,
    );
    let found = f
        .desk
        .mediators(&f.coordinator, lang(&f, "Farsi"), TUESDAY, None)
        .unwrap();
    assert_eq!(names(&found), ["Kollegin Farsi", "Extern Farsi"]);
    assert!(found[0].on_duty);
    assert!(!found[1].on_duty);
    // Tomorrow she is not on duty, and Wednesday is not her day.
    let tomorrow = f
        .desk
        .mediators(&f.coordinator, lang(&f, "Farsi"), date(2026, 12, 9), None)
        .unwrap();
    assert!(tomorrow.is_empty());
}

#[test]
fn a_request_goes_from_open_to_assigned_to_done_and_each_step_is_audited() {
    let f = pinned();
    let almaz = member(
        &f,
        "Test Almaz",
        &[("Tigrinya", LanguageLevel::Native)],
        "Di",
        None,
    );
    let omar = member(
        &f,
        "Test Omar",
        &[("Arabisch", LanguageLevel::Native)],
        "Di",
        None,
    );
    let no = visitor(&f, "Testbesucher Tigrinya", &["Tigrinya"]);
    let id = request(&f, no, "Tigrinya", "Jobcenter-Termin", (TUESDAY, t(10, 30)));

    let open = f.desk.requests(&f.coordinator, true).unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].record.status, RequestStatus::Open);
    assert_eq!(open[0].language, "Tigrinya");
    assert_eq!(
        open[0].details.as_ref().unwrap().purpose,
        "Jobcenter-Termin"
    );

    let suggested = f.desk.request_suggestions(&f.coordinator, id).unwrap();
    assert_eq!(names(&suggested), ["Test Almaz"]);

    // Someone who does not speak the language: asked, nothing written.
    let audit_before = f
        .desk
        .audit_entries(&f.coordinator, &AuditFilter::default())
        .unwrap()
        .len();
    assert_eq!(
        f.desk
            .assign_request(&f.coordinator, id, omar, false)
            .unwrap(),
        AssignOutcome::DoesNotSpeak {
            interpreter: "Test Omar".into(),
            language: "Tigrinya".into()
        }
    );
    assert_eq!(
        f.desk.requests(&f.coordinator, true).unwrap()[0]
            .record
            .status,
        RequestStatus::Open
    );
    assert_eq!(
        f.desk
            .audit_entries(&f.coordinator, &AuditFilter::default())
            .unwrap()
            .len(),
        audit_before
    );

    assert_eq!(
        f.desk
            .assign_request(&f.coordinator, id, almaz, false)
            .unwrap(),
        AssignOutcome::Assigned
    );
    let view = &f.desk.requests(&f.coordinator, true).unwrap()[0];
    assert_eq!(view.record.status, RequestStatus::Assigned);
    assert_eq!(view.interpreter.as_deref(), Some("Test Almaz"));

    f.desk
        .close_request(&f.coordinator, id, &RequestEnd::Done)
        .unwrap();
    assert!(f.desk.requests(&f.coordinator, true).unwrap().is_empty());
    assert_eq!(
        f.desk.requests(&f.coordinator, false).unwrap()[0]
            .record
            .status,
        RequestStatus::Done
    );
    // Closed is closed.
    assert!(
        f.desk
            .close_request(&f.coordinator, id, &RequestEnd::Done)
            .is_err()
    );

    let audited: Vec<String> = f
        .desk
        .audit_entries(
            &f.coordinator,
            &AuditFilter {
                action: Some(AuditAction::RequestChanged),
                ..AuditFilter::default()
            },
        )
        .unwrap()
        .into_iter()
        .map(|(_, e)| e.detail)
        .collect();
    assert_eq!(
        audited,
        [
            format!("request {id} done"),
            format!("request {id} assigned to pool {almaz}"),
            format!("request {id} added"),
        ]
    );
    let pool_changes = f
        .desk
        .audit_entries(
            &f.coordinator,
            &AuditFilter {
                action: Some(AuditAction::PoolChanged),
                ..AuditFilter::default()
            },
        )
        .unwrap();
    assert_eq!(pool_changes.len(), 2);
}

#[test]
fn not_met_needs_a_reason_and_keeps_it_sealed() {
    let f = pinned();
    let no = visitor(&f, "Testbesucherin Somali", &["Somali"]);
    let id = request(&f, no, "Somali", "Arzttermin", (TUESDAY, t(9, 0)));
    for blank in ["", "   "] {
        let err = f
            .desk
            .close_request(
                &f.coordinator,
                id,
                &RequestEnd::NotMet {
                    reason: blank.into(),
                },
            )
            .unwrap_err();
        assert!(err.to_string().contains("reason"), "{err}");
    }
    assert_eq!(f.desk.requests(&f.coordinator, true).unwrap().len(), 1);
    f.desk
        .close_request(
            &f.coordinator,
            id,
            &RequestEnd::NotMet {
                reason: "niemand frei".into(),
            },
        )
        .unwrap();
    let all = f.desk.requests(&f.coordinator, false).unwrap();
    assert_eq!(all[0].record.status, RequestStatus::NotMet);
    assert_eq!(all[0].details.as_ref().unwrap().reason, "niemand frei");
}

#[test]
fn bad_input_is_refused_with_a_message_and_nothing_is_written() {
    let f = pinned();
    let err = f
        .desk
        .language_by_label("Klingonisch")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Klingonisch") && err.contains("languages list"),
        "{err}"
    );
    assert!(err.contains("Tigrinya"), "the list is named: {err}");

    let no = visitor(&f, "Testbesucher Leer", &["Dari"]);
    let base = RequestInput {
        visitor: no,
        language: lang(&f, "Dari"),
        purpose: "Sozialberatung".into(),
        place: String::new(),
        date: TUESDAY,
        time: t(11, 0),
    };
    let empty_purpose = RequestInput {
        purpose: " ".into(),
        ..base.clone()
    };
    assert!(f.desk.add_request(&f.coordinator, &empty_purpose).is_err());
    let no_such = RequestInput {
        visitor: 999,
        ..base.clone()
    };
    assert!(matches!(
        f.desk.add_request(&f.coordinator, &no_such),
        Err(DeskError::NoSuchVisitor(999))
    ));
    let volunteer = f.staff("helfer", Role::Volunteer);
    assert!(matches!(
        f.desk.add_request(&volunteer, &base),
        Err(DeskError::Forbidden(_))
    ));
    assert!(f.desk.requests(&f.coordinator, false).unwrap().is_empty());

    f.desk.erase_visitor(&f.coordinator, no).unwrap();
    assert!(matches!(
        f.desk.add_request(&f.coordinator, &base),
        Err(DeskError::Erased(n)) if n == no
    ));
    assert!(f.desk.requests(&f.coordinator, false).unwrap().is_empty());

    // A pool member without a language or with an unknown account.
    let mut input = PoolInput {
        contact: PoolContact {
            name: "Test Ohne".into(),
            phone: String::new(),
            email: String::new(),
            note: String::new(),
        },
        account: None,
        languages: Vec::new(),
        available: Vec::new(),
    };
    assert!(f.desk.add_pool_member(&f.coordinator, &input).is_err());
    input.languages = vec![PoolLanguage {
        language: lang(&f, "Dari"),
        level: LanguageLevel::Good,
    }];
    input.account = Some("niemand".into());
    let err = f.desk.add_pool_member(&f.coordinator, &input).unwrap_err();
    assert!(err.to_string().contains("niemand"), "{err}");
    assert!(f.desk.pool(&f.coordinator).unwrap().is_empty());
}

#[test]
fn erasing_a_visitor_keeps_the_counts_of_their_requests_but_not_the_details() {
    let mut f = pinned();
    let no = visitor(&f, "Testbesucher Erased", &["Paschtu"]);
    let other = visitor(&f, "Testbesucher Bleibt", &["Paschtu"]);
    let id = request(
        &f,
        no,
        "Paschtu",
        "Geheimtermin Zahnarzt",
        (TUESDAY, t(8, 0)),
    );
    request(&f, other, "Paschtu", "Jobcenter", (TUESDAY, t(9, 0)));
    f.desk
        .close_request(
            &f.coordinator,
            id,
            &RequestEnd::NotMet {
                reason: "Grund Geheim".into(),
            },
        )
        .unwrap();
    f.desk.erase_visitor(&f.coordinator, no).unwrap();

    let all = f.desk.requests(&f.coordinator, false).unwrap();
    assert_eq!(all.len(), 2);
    let erased = all.iter().find(|v| v.id == id).unwrap();
    assert_eq!(erased.record.visitor, None);
    assert!(erased.details.is_none());
    assert_eq!(erased.record.status, RequestStatus::NotMet);
    assert_eq!(
        all.iter()
            .filter(|v| v.record.visitor == Some(other))
            .count(),
        1
    );

    let report = f
        .desk
        .period_report(&f.coordinator, TUESDAY, TUESDAY)
        .unwrap();
    assert_eq!(report.mediation.requests, 2);
    assert_eq!(report.mediation.not_met, 1);
    assert_eq!(report.mediation.pending, 1);
    let verified = f.desk.verify(&f.coordinator).unwrap();
    assert!(verified.ok(), "{:?}", verified.problems);
}

#[test]
fn removing_a_pool_member_erases_them_and_keeps_past_requests() {
    let mut f = pinned();
    let id = member(
        &f,
        "Test Entfernt",
        &[("Ukrainisch", LanguageLevel::Native)],
        "Di",
        None,
    );
    let no = visitor(&f, "Testbesucherin Ukraine", &["Ukrainisch"]);
    let req = request(&f, no, "Ukrainisch", "Schule", (TUESDAY, t(12, 0)));
    f.desk
        .assign_request(&f.coordinator, req, id, false)
        .unwrap();
    f.desk
        .close_request(&f.coordinator, req, &RequestEnd::Done)
        .unwrap();

    f.desk.remove_pool_member(&f.coordinator, id).unwrap();
    assert!(f.desk.pool(&f.coordinator).unwrap().is_empty());
    assert!(matches!(
        f.desk.remove_pool_member(&f.coordinator, id),
        Err(DeskError::NotFound(_))
    ));
    let view = &f.desk.requests(&f.coordinator, false).unwrap()[0];
    assert_eq!(view.interpreter.as_deref(), Some(format!("#{id}").as_str()));
    let report = f
        .desk
        .period_report(&f.coordinator, TUESDAY, TUESDAY)
        .unwrap();
    assert_eq!(report.mediation.met, 1);
    // No one left who speaks it: a language to recruit for.
    assert_eq!(report.mediation.no_one_in_pool.len(), 1);
    assert_eq!(report.mediation.no_one_in_pool[0].label, "Ukrainisch");
    let verified = f.desk.verify(&f.coordinator).unwrap();
    assert!(verified.ok(), "{:?}", verified.problems);

    drop(f.desk);
    let bytes = std::fs::read(f.dir.path().join("mila.redb")).unwrap();
    assert!(!bytes.windows(4).any(|w| w == b"Test"), "no name left");
}

#[test]
fn the_period_report_counts_per_language_and_names_the_languages_to_recruit_for() {
    let f = pinned();
    let almaz = member(
        &f,
        "Test Almaz",
        &[("Tigrinya", LanguageLevel::Native)],
        "Di",
        None,
    );
    let a = visitor(&f, "Testbesucher Eins", &["Tigrinya"]);
    let b = visitor(&f, "Testbesucher Zwei", &["Oromo"]);
    let r1 = request(&f, a, "Tigrinya", "Jobcenter-Termin", (TUESDAY, t(9, 0)));
    let r2 = request(&f, a, "Tigrinya", "Arzt", (TUESDAY, t(11, 0)));
    request(&f, b, "Oromo", "Sozialberatung", (TUESDAY, t(13, 0)));
    // Outside the period: not counted.
    request(
        &f,
        b,
        "Oromo",
        "Ausländerbehörde",
        (date(2027, 1, 5), t(9, 0)),
    );
    f.desk
        .assign_request(&f.coordinator, r1, almaz, false)
        .unwrap();
    f.desk
        .close_request(&f.coordinator, r1, &RequestEnd::Done)
        .unwrap();
    f.desk
        .close_request(
            &f.coordinator,
            r2,
            &RequestEnd::NotMet {
                reason: "krank".into(),
            },
        )
        .unwrap();

    let report = f
        .desk
        .period_report(&f.coordinator, date(2026, 12, 1), date(2026, 12, 31))
        .unwrap();
    let m = &report.mediation;
    assert_eq!((m.requests, m.met, m.not_met, m.pending), (3, 1, 1, 1));
    assert_eq!(m.languages[0].label, "Tigrinya");
    assert_eq!(
        (
            m.languages[0].requests,
            m.languages[0].met,
            m.languages[0].not_met
        ),
        (2, 1, 1)
    );
    assert_eq!(m.languages[1].label, "Oromo");
    assert_eq!(m.no_one_in_pool.len(), 1);
    assert_eq!(m.no_one_in_pool[0].label, "Oromo");

    let text = String::from_utf8(render::period(&report, Format::Text, Lang::De).unwrap()).unwrap();
    assert!(
        text.contains("Sprachvermittlung: Anfragen nach Sprache"),
        "{text}"
    );
    assert!(text.contains("niemand im Pool"), "{text}");
    let line = text
        .lines()
        .skip_while(|l| !l.starts_with("Sprachvermittlung: Anfragen"))
        .find(|l| l.trim_start().starts_with("Tigrinya"))
        .unwrap();
    let figures: Vec<&str> = line.split_whitespace().skip(1).collect();
    // On paper a cell drawn from fewer than 3 requests reads "< 3".
    assert_eq!(figures, ["<", "3", "<", "3", "<", "3", "0"]);
    for l in text.lines() {
        assert!(
            l.trim_start_matches('\u{c}').chars().count() <= 80,
            "too wide: {l:?}"
        );
    }
    let csv = String::from_utf8(render::period(&report, Format::Csv, Lang::En).unwrap()).unwrap();
    assert!(
        csv.contains("Language mediation: requests;Tigrinya;"),
        "{csv}"
    );
    let json = String::from_utf8(render::period(&report, Format::Json, Lang::De).unwrap()).unwrap();
    assert!(json.contains("\"no_one_in_pool\""), "{json}");
    for out in [&text, &csv, &json] {
        for private in [
            "Almaz",
            "Testbesucher",
            "Jobcenter-Termin",
            "krank",
            "M-000",
        ] {
            assert!(!out.contains(private), "{private} on paper");
        }
    }
}

#[test]
fn the_card_suggests_mediators_for_a_visitor_without_german_only() {
    let f = pinned();
    member(
        &f,
        "Test Almaz",
        &[("Tigrinya", LanguageLevel::Native)],
        "Di",
        None,
    );
    let no = visitor(
        &f,
        "Testbesucher Karte",
        &["Tigrinya", "Deutsch", "Amharisch"],
    );
    let found = f.desk.mediators_for_visitor(&f.coordinator, no).unwrap();
    let labels: Vec<&str> = found.iter().map(|(_, l, _)| l.as_str()).collect();
    assert_eq!(labels, ["Tigrinya", "Amharisch"]);
    assert_eq!(names(&found[0].2), ["Test Almaz"]);
    assert!(found[1].2.is_empty(), "no one: the card says so");

    let mut fluent = person("Testbesucherin Fliessend", "", 1980);
    fluent.languages = Answer::Given(vec![lang(&f, "Tigrinya")]);
    fluent.german_level = Answer::Given(GermanLevel::B2);
    let fluent = f
        .desk
        .register_visitor(&f.coordinator, &fluent, true, None)
        .unwrap();
    assert!(
        f.desk
            .mediators_for_visitor(&f.coordinator, fluent)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn demo_data_has_a_pool_of_fifteen_and_weeks_of_requests() {
    let mut f = pinned();
    let plan = mila::desk::demo::DemoPlan {
        visitors: 120,
        days: 30,
        ..mila::desk::demo::DemoPlan::default()
    };
    f.desk.fill_demo(&f.coordinator, &plan).unwrap();
    let pool = f.desk.pool(&f.coordinator).unwrap();
    assert_eq!(pool.len(), 15);
    assert!(pool.iter().all(|p| !p.member.languages.is_empty()));
    let all = f.desk.requests(&f.coordinator, false).unwrap();
    assert!(all.len() >= 20, "{} requests", all.len());
    let first = all.first().unwrap().record.date;
    let last = all.last().unwrap().record.date;
    assert!((last - first).get_days() >= 21, "{first} – {last}");
    assert!(all.iter().any(|v| v.record.status == RequestStatus::Done));
    assert!(all.iter().any(|v| v.record.status.is_pending()));
    // Past appointments are closed; assigned ones speak the language.
    for v in &all {
        if v.record.date < TUESDAY {
            assert!(!v.record.status.is_pending(), "request {} still open", v.id);
        }
        if let Some(id) = v.record.interpreter {
            let member = pool.iter().find(|p| p.id == id).unwrap();
            assert!(member.level_in(v.record.language).is_some());
        }
    }
    let report = f
        .desk
        .period_report(&f.coordinator, date(2026, 11, 1), TUESDAY)
        .unwrap();
    assert!(report.mediation.requests > 0 && report.mediation.met > 0);
    let verified = f.desk.verify(&f.coordinator).unwrap();
    assert!(verified.ok(), "{:?}", verified.problems);
}

#[test]
fn a_moved_sealed_detail_or_contact_is_found_by_verify_and_never_shown_as_other_data() {
    use mila::store::tables::{POOL_CONTACT, REQUEST_DETAILS};
    use mila::store::{Read, Store};
    let f = pinned();
    let one = member(
        &f,
        "Test Eins",
        &[("Dari", LanguageLevel::Good)],
        "Di",
        None,
    );
    let two = member(
        &f,
        "Test Zwei",
        &[("Dari", LanguageLevel::Good)],
        "Di",
        None,
    );
    let no = visitor(&f, "Testbesucher Verschoben", &["Dari"]);
    let a = request(&f, no, "Dari", "Zweck A", (TUESDAY, t(9, 0)));
    let b = request(&f, no, "Dari", "Zweck B", (TUESDAY, t(10, 0)));
    let path = f.path();
    let common::desk::Fixture {
        dir: _dir, desk, ..
    } = f;
    drop(desk);
    {
        let store = Store::open(&path).unwrap();
        let mut w = store.write().unwrap();
        let blob = w.get(REQUEST_DETAILS, &a).unwrap().unwrap();
        w.put(REQUEST_DETAILS, &b, &blob).unwrap();
        let contact = w.get(POOL_CONTACT, &one).unwrap().unwrap();
        w.put(POOL_CONTACT, &two, &contact).unwrap();
        w.commit().unwrap();
    }
    let mut desk = Desk::open(&path).unwrap();
    desk.pin_today(TUESDAY);
    let login = desk
        .login(
            common::desk::COORDINATOR,
            &mila::vault::Passphrase::new(common::desk::PASSPHRASE),
        )
        .unwrap();
    assert!(
        desk.requests(&login, false).is_err(),
        "never Zweck A under B"
    );
    assert!(
        desk.pool(&login).is_err(),
        "never Eins's contact under Zwei"
    );
    let verified = desk.verify(&login).unwrap();
    let problems = verified.problems.join("\n");
    assert!(
        problems.contains(&format!("details of request {b}")),
        "{problems}"
    );
    assert!(
        problems.contains(&format!("contact details of pool member {two}")),
        "{problems}"
    );
    assert!(
        !problems.contains(&format!("details of request {a}:")),
        "{problems}"
    );
}

#[test]
fn the_access_export_lists_a_visitors_requests_without_the_interpreter() {
    let f = pinned();
    let almaz = member(
        &f,
        "Test Almaz",
        &[("Tigrinya", LanguageLevel::Native)],
        "Di",
        None,
    );
    let no = visitor(&f, "Testbesucher Auskunft", &["Tigrinya"]);
    let other = visitor(&f, "Testbesucher Anderer", &["Tigrinya"]);
    let id = request(
        &f,
        no,
        "Tigrinya",
        "Termin im Jobcenter",
        (TUESDAY, t(10, 0)),
    );
    request(&f, other, "Tigrinya", "Fremder Zweck", (TUESDAY, t(11, 0)));
    f.desk
        .assign_request(&f.coordinator, id, almaz, false)
        .unwrap();
    let export = f
        .desk
        .access_export(&f.coordinator, no, mila::text::catalog::Lang::De)
        .unwrap();
    assert_eq!(export.mediation_requests.len(), 1);
    let r = &export.mediation_requests[0];
    assert_eq!(
        (r.purpose.as_str(), r.status.as_str()),
        ("Termin im Jobcenter", "assigned")
    );
    let text = mila::report::access::access_text(&export, mila::text::catalog::Lang::De);
    assert!(text.contains("Anfragen zur Sprachvermittlung"), "{text}");
    assert!(text.contains("Termin im Jobcenter"), "{text}");
    assert!(!text.contains("Fremder Zweck"), "{text}");
    assert!(
        !text.contains("Almaz"),
        "the interpreter is a third person: {text}"
    );
}
