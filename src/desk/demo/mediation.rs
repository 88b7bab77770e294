//! Demo Sprachvermittlung: a pool of 15 invented interpreters (the languages
//! MiLA's visitors speak, usual times across the week, a few of them staff
//! accounts' colleagues without an account) and requests over the last three
//! weeks and the next one, with the partners the seed names (Jobcenter,
//! Sozialberatungsdienst, Schwangerenberatung der Diakonie, Gesundheitsamt).

use jiff::ToSpan;
use jiff::civil::{Date, Time};

use super::super::mediation::seal_details;
use super::super::pool::{PoolContact, seal_contact};
use super::super::{DeskResult, RequestDetails};
use crate::desk::mediation_text::parse_availability;
use crate::search::testdata::Rng;
use crate::store::records::{
    AuditAction, AuditEntry, LanguageLevel, MediationRequest, PoolLanguage, PoolMember, RefEntry,
    RefId, RequestStatus, VisitorNo,
};
use crate::store::tables::{AUDIT, POOL, POOL_CONTACT, REQUEST_DETAILS, REQUESTS};
use crate::store::{Read, Writer};
use crate::vault::DataKey;

/// Invented names; languages as `label:level`, times as staff type them.
const INTERPRETERS: [(&str, &str, &str); 15] = [
    (
        "Almaz Demo-Tesfay",
        "Tigrinya:native|Amharisch:good|Englisch:good",
        "Mo 09-13, Do",
    ),
    (
        "Yonas Demo-Berhane",
        "Tigrinya:native|Arabisch:some",
        "Di 14-18, Fr",
    ),
    (
        "Samira Demo-Haddad",
        "Arabisch:native|Französisch:good",
        "Mo, Mi 09-12",
    ),
    (
        "Khaled Demo-Nasser",
        "Arabisch:native|Kurdisch (Kurmandschi):some",
        "Di, Do 10-16",
    ),
    (
        "Maryam Demo-Rahimi",
        "Dari:native|Farsi:native|Paschtu:some",
        "Mo-Mi 09-12",
    ),
    (
        "Reza Demo-Karimi",
        "Farsi:native|Dari:good|Englisch:good",
        "Do 14-18, Fr 09-12",
    ),
    (
        "Zainab Demo-Ahmadi",
        "Paschtu:native|Dari:good|Urdu:good",
        "Mi, Fr",
    ),
    (
        "Dilan Demo-Aydin",
        "Kurdisch (Kurmandschi):native|Türkisch:native",
        "Mo 14-18, Mi",
    ),
    (
        "Hawre Demo-Salih",
        "Kurdisch (Sorani):native|Arabisch:good",
        "Di 09-13",
    ),
    (
        "Olena Demo-Kovalenko",
        "Ukrainisch:native|Russisch:native|Englisch:some",
        "Mo-Fr 09-12",
    ),
    (
        "Iryna Demo-Shevchenko",
        "Ukrainisch:native|Russisch:good",
        "Di, Do",
    ),
    (
        "Ayaan Demo-Warsame",
        "Somali:native|Englisch:good|Arabisch:some",
        "Mi 13-17",
    ),
    (
        "Edon Demo-Krasniqi",
        "Albanisch:native|Serbisch:good",
        "Fr 09-15",
    ),
    (
        "Nino Demo-Beridze",
        "Georgisch:native|Russisch:good",
        "Do 09-12",
    ),
    (
        "Claire Demo-Martin",
        "Französisch:native|Englisch:native",
        "Mo, Di",
    ),
];

const PURPOSES: [(&str, &str); 8] = [
    ("Termin im Jobcenter", "Jobcenter Langenhagen"),
    ("Sozialberatung", "Sozialberatungsdienst, Rathaus"),
    ("Arzttermin", "Hausarztpraxis"),
    ("Schwangerenberatung", "Diakonie, Sprechstunde in MiLA"),
    ("Schulanmeldung", "Grundschule"),
    ("Elterngespräch Kita", "Kita"),
    ("Ausländerbehörde", "Region Hannover"),
    ("pro beruf Beratung", "MiLA"),
];

const NOT_MET: [&str; 3] = [
    "niemand im Pool frei",
    "Termin vom Amt abgesagt",
    "Person nicht erschienen",
];

fn level(text: &str) -> LanguageLevel {
    LanguageLevel::parse(text).unwrap_or(LanguageLevel::Good)
}

fn id_of(languages: &[(RefId, RefEntry)], label: &str) -> Option<RefId> {
    languages
        .iter()
        .find(|(_, e)| e.label == label)
        .map(|(id, _)| *id)
}

/// Writes the pool and the requests in one commit's worth of `w`.
pub(super) fn write(
    w: &mut Writer,
    key: &DataKey,
    rng: &mut Rng,
    languages: &[(RefId, RefEntry)],
    visitors: &[(VisitorNo, Vec<RefId>)],
    today: Date,
    user: &str,
) -> DeskResult<()> {
    let mut members: Vec<(u32, Vec<PoolLanguage>, PoolMember)> = Vec::new();
    for (i, (name, langs, times)) in INTERPRETERS.iter().enumerate() {
        let id = i as u32 + 1;
        let spoken: Vec<PoolLanguage> = langs
            .split('|')
            .filter_map(|item| {
                let (label, lvl) = item.split_once(':')?;
                Some(PoolLanguage {
                    language: id_of(languages, label)?,
                    level: level(lvl),
                })
            })
            .collect();
        let member = PoolMember {
            first_name: name.split_whitespace().next().unwrap_or("").to_string(),
            account: None,
            languages: spoken.clone(),
            available: parse_availability(times)?,
            created: today,
            removed: false,
        };
        let contact = PoolContact {
            name: (*name).to_string(),
            phone: format!("0511 {:06}", 730_000 + id * 17),
            email: format!(
                "{}@demo.invalid",
                name.split_whitespace().next().unwrap_or("x").to_lowercase()
            ),
            note: String::new(),
        };
        w.put(POOL, &id, &member)?;
        w.put(POOL_CONTACT, &id, &seal_contact(key, id, &contact)?)?;
        members.push((id, spoken, member));
    }

    let german = id_of(languages, "Deutsch");
    let needing: Vec<(VisitorNo, RefId)> = visitors
        .iter()
        .filter_map(|(no, langs)| {
            langs
                .iter()
                .find(|l| Some(**l) != german)
                .map(|l| (*no, *l))
        })
        .collect();
    if needing.is_empty() {
        return Ok(());
    }
    let mut seq = w.last(AUDIT)?.map_or(1, |(k, _)| k + 1);
    let mut id: u32 = w.last(REQUESTS)?.map_or(1, |(k, _)| k + 1);
    for offset in -21i64..=7 {
        let Ok(date) = today.checked_add(offset.days()) else {
            continue;
        };
        let weekday = date.weekday().to_monday_one_offset();
        if weekday > 5 {
            continue;
        }
        for _ in 0..(1 + rng.below(4)) {
            let (no, language) = *rng.pick(&needing);
            let (purpose, place) = *rng.pick(&PURPOSES);
            let hour = 8 + rng.below(8) as i8;
            let time = Time::new(hour, if rng.chance(50) { 0 } else { 30 }, 0, 0)
                .unwrap_or(Time::midnight());
            let speakers: Vec<u32> = members
                .iter()
                .filter(|(_, spoken, _)| spoken.iter().any(|l| l.language == language))
                .map(|(id, _, _)| *id)
                .collect();
            let interpreter = (!speakers.is_empty()).then(|| *rng.pick(&speakers));
            let past = date < today;
            let (status, reason) = match (past, interpreter) {
                (true, None) => (RequestStatus::NotMet, NOT_MET[0]),
                (true, Some(_)) if rng.chance(12) => {
                    (RequestStatus::NotMet, *rng.pick(&NOT_MET[1..]))
                }
                (true, Some(_)) => (RequestStatus::Done, ""),
                (false, Some(_)) if rng.chance(60) => (RequestStatus::Assigned, ""),
                (false, _) => (RequestStatus::Open, ""),
            };
            let assigned = match status {
                RequestStatus::Open => None,
                RequestStatus::NotMet if reason == NOT_MET[0] => None,
                _ => interpreter,
            };
            let record = MediationRequest {
                visitor: Some(no),
                language,
                date,
                time,
                status,
                interpreter: assigned,
                created: date.checked_sub(3.days()).unwrap_or(date),
            };
            let details = RequestDetails {
                purpose: purpose.into(),
                place: place.into(),
                reason: reason.into(),
            };
            w.put(REQUESTS, &id, &record)?;
            w.put(REQUEST_DETAILS, &id, &seal_details(key, id, &details)?)?;
            w.put(
                AUDIT,
                &seq,
                &AuditEntry {
                    at: jiff::Timestamp::now(),
                    user: user.to_string(),
                    action: AuditAction::RequestChanged,
                    visitor: Some(no),
                    detail: format!("request {id} added (demo)"),
                },
            )?;
            w.index_insert(crate::store::tables::AUDIT_BY_VISITOR, &(no, seq))?;
            seq += 1;
            id += 1;
        }
    }
    Ok(())
}
