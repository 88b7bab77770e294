//! A fixture day for the report tests: obviously fake people, a pinned date,
//! everything built through the desk API as the front desk would.

#![allow(dead_code)]

use jiff::civil::{Date, Time, date};
use mila::desk::*;
use mila::store::records::VisitorNo;
use mila::vault::Passphrase;

pub use super::desk::person;
use super::desk::{COORDINATOR, Fixture, PASSPHRASE};

/// A Thursday; the returning visitors came a week before.
pub const DAY: Date = date(2026, 11, 19);
pub const WEEK_BEFORE: Date = date(2026, 11, 12);

/// What identifies the fixture's visitors; none of it may appear in a
/// report without names.
pub const PERSONAL_STRINGS: &[&str] = &[
    "Testperson Eins",
    "Testperson Zwei",
    "تجربة اثنان",
    "Testperson Drei",
    "Testperson Vier",
    "0151 1111111",
    "0151 2222222",
    "0151 3333333",
    "07.03.1990",
    "1990-03-07",
    "21.09.1985",
    "1985-09-21",
    "1979",
];

pub struct FixtureDay {
    pub f: Fixture,
    pub volunteer: Login,
    pub receptionist: Login,
    /// Eins, Zwei (registered the week before), Drei, Vier (on the day).
    pub visitors: [VisitorNo; 4],
    pub sessions: Vec<SessionId>,
}

pub fn time(h: i8, m: i8) -> Time {
    Time::new(h, m, 0, 0).unwrap()
}

pub fn ref_id(desk: &Desk, list: RefList, label: &str) -> RefId {
    desk.reference(list)
        .unwrap()
        .into_iter()
        .find(|(_, e)| e.label == label)
        .unwrap_or_else(|| panic!("no {label}"))
        .0
}

pub fn offering_id(desk: &Desk, name: &str) -> OfferingId {
    desk.offerings()
        .unwrap()
        .into_iter()
        .find(|(_, o)| o.name == name)
        .unwrap_or_else(|| panic!("no offering {name}"))
        .0
}

fn visitor(
    desk: &Desk,
    (name, latin, birth, phone): (&str, &str, &str, &str),
    languages: &[&str],
    needs: &[&str],
) -> PersonalData {
    let mut data = person(name, latin, 1900);
    data.birth = Answer::Given(BirthDate::parse(birth).unwrap());
    data.phone = Answer::Given(phone.into());
    data.languages = Answer::Given(
        languages
            .iter()
            .map(|l| ref_id(desk, RefList::Languages, l))
            .collect(),
    );
    data.needs = Answer::Given(
        needs
            .iter()
            .map(|n| ref_id(desk, RefList::Needs, n))
            .collect(),
    );
    data
}

/// The session of `offering` that `sessions_on` created for the day.
fn recurring(desk: &Desk, date: Date, name: &str) -> SessionId {
    desk.sessions_on(date)
        .unwrap()
        .into_iter()
        .find(|s| s.offering_name == name && !s.record.ad_hoc)
        .unwrap_or_else(|| panic!("no session of {name}"))
        .id
}

fn tally(desk: &Desk, by: &Login, session: SessionId, label: &str, n: i32) {
    let category = desk
        .session(session)
        .unwrap()
        .tallies
        .into_iter()
        .find(|t| t.label == label)
        .unwrap()
        .category;
    desk.tally(by, session, category, n).unwrap();
}

/// Builds the fixture day.
pub fn fixture_day() -> FixtureDay {
    let mut f = Fixture::new();

    // A week before: two visitors register and come to the German class.
    f.desk.pin_today(WEEK_BEFORE);
    let c = &f.coordinator;
    let eins = visitor(
        &f.desk,
        ("Testperson Eins", "", "07.03.1990", "0151 1111111"),
        &["Arabisch"],
        &["Wohnen"],
    );
    let eins = f.desk.register_visitor(c, &eins, true, None).unwrap();
    let zwei = visitor(
        &f.desk,
        (
            "تجربة اثنان",
            "Testperson Zwei",
            "21.09.1985",
            "0151 2222222",
        ),
        &["Arabisch", "Deutsch"],
        &["Gesundheit"],
    );
    let zwei = f.desk.register_visitor(c, &zwei, true, None).unwrap();
    let class_before = recurring(
        &f.desk,
        WEEK_BEFORE,
        "Deutschkurs (Erste Sprachvermittlung)",
    );
    f.desk
        .check_in_many(c, class_before, &[eins, zwei])
        .unwrap();
    tally(&f.desk, c, class_before, "Erwachsene", 1);
    f.desk.close_session(c, class_before, "").unwrap();

    // The day itself.
    f.desk.pin_today(DAY);
    f.desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .unwrap();
    let volunteer = f.staff("helfer", Role::Volunteer);
    let receptionist = f.staff("empfang", Role::Receptionist);
    let r = &receptionist;
    let mut drei = visitor(
        &f.desk,
        ("Testperson Drei", "", "1979", "0151 3333333"),
        &["Arabisch", "Tigrinya"],
        &["Sprache", "Beschäftigung"],
    );
    drei.referrals.push(Referral {
        offering: offering_id(&f.desk, "Sprechstunde pro beruf"),
        day: day_key(DAY),
    });
    let drei = f.desk.register_visitor(r, &drei, true, None).unwrap();
    let mut vier = person("Testperson Vier", "", 1979);
    vier.languages = Answer::Given(vec![ref_id(&f.desk, RefList::Languages, "Dari")]);
    let vier = f
        .desk
        .register_visitor(r, &vier, false, Some(drei))
        .unwrap();

    let class = recurring(&f.desk, DAY, "Deutschkurs (Erste Sprachvermittlung)");
    let counselling = recurring(
        &f.desk,
        DAY,
        "Sozialberatung Asyl- und Flüchtlingsbetreuung",
    );
    let info = f
        .desk
        .add_session(
            c,
            offering_id(&f.desk, "Infoveranstaltung"),
            DAY,
            time(14, 0),
            time(15, 30),
            "Infoveranstaltung Polizei: Sicher im Straßenverkehr – معلومات",
        )
        .unwrap();
    let dental = f
        .desk
        .add_session(
            c,
            offering_id(&f.desk, "Zahngesundheit"),
            DAY,
            time(16, 0),
            time(17, 0),
            "",
        )
        .unwrap();

    let v = &volunteer;
    for no in [eins, drei, vier, eins] {
        f.desk.check_in(v, class, no).unwrap();
    }
    tally(&f.desk, v, class, "Erwachsene", 2);
    tally(&f.desk, v, class, "Kinder", 1);
    f.desk
        .close_session(
            v,
            class,
            "Raum 2 war zu kalt;\u{1b}[2J Hausmeister ist informiert. Bitte vor dem \
             nächsten Kurs am Dienstag die Heizung prüfen lassen.",
        )
        .unwrap();
    f.desk.check_in_many(r, counselling, &[zwei, drei]).unwrap();
    tally(&f.desk, r, counselling, "Erwachsene", 1);
    f.desk
        .check_in_many(r, info, &[eins, zwei, drei, vier])
        .unwrap();
    tally(&f.desk, r, info, "Erwachsene", 5);
    tally(&f.desk, r, info, "Kinder", 3);
    f.desk.cancel_session(c, dental).unwrap();
    f.desk
        .set_day_note(
            r,
            DAY,
            "- Ruhiger Vormittag, voller Nachmittag.\n- Drucker im Büro braucht Papier. =SUMME(A1:A9)",
        )
        .unwrap();

    FixtureDay {
        f,
        volunteer,
        receptionist,
        visitors: [eins, zwei, drei, vier],
        sessions: vec![class, counselling, info, dental],
    }
}
