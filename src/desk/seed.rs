//! The reference data a new database starts with, taken from the city's own
//! description of MiLA (`shared/seed/`): its offerings under the four pillars
//! with their partners, the needs it names, and the housing it describes
//! (60 city units, 7 of them shared accommodation). Coordinators edit all of
//! it afterwards; nothing here is an enum the program depends on.

use jiff::civil::Time;

use crate::store::records::{MonthWeek, Offering, Pillar, Recurrence, RefEntry, RefId, RefList};
use crate::store::tables::{OFFERINGS, REFERENCE};
use crate::store::{StoreError, Writer};

pub const LANGUAGES: &[&str] = &[
    "Deutsch",
    "Arabisch",
    "Dari",
    "Farsi",
    "Paschtu",
    "Kurdisch (Kurmandschi)",
    "Kurdisch (Sorani)",
    "Tigrinya",
    "Amharisch",
    "Oromo",
    "Somali",
    "Türkisch",
    "Ukrainisch",
    "Russisch",
    "Englisch",
    "Französisch",
    "Albanisch",
    "Serbisch",
    "Romanes",
    "Urdu",
    "Georgisch",
    "Armenisch",
    "Aramäisch",
    "Tamil",
    "Spanisch",
];

pub const NEEDS: &[&str] = &[
    "Sprache",
    "Wohnen",
    "Beschäftigung",
    "Gesundheit",
    "Beratung",
];

pub const NATIONALITIES: &[&str] = &[
    "Afghanistan",
    "Ägypten",
    "Albanien",
    "Algerien",
    "Armenien",
    "Äthiopien",
    "Deutschland",
    "Eritrea",
    "Georgien",
    "Guinea",
    "Irak",
    "Iran",
    "Jemen",
    "Kosovo",
    "Libanon",
    "Marokko",
    "Moldau",
    "Nigeria",
    "Pakistan",
    "Russland",
    "Serbien",
    "Somalia",
    "Sudan",
    "Syrien",
    "Türkei",
    "Ukraine",
    "staatenlos",
    "ungeklärt",
];

pub const TALLY_ADULTS: &str = "Erwachsene";
pub const TALLY_CHILDREN: &str = "Kinder";
pub const TALLY_WOMEN: &str = "Frauen";
const TALLY_CATEGORIES: &[&str] = &[TALLY_ADULTS, TALLY_CHILDREN, TALLY_WOMEN];

/// Shared accommodations first (7), then the other city units (53).
const SHARED_UNITS: u32 = 7;
const CITY_UNITS: u32 = 60;

fn time(h: i8, m: i8) -> Time {
    // Literal times in this file are valid; `midnight` is never reached.
    Time::new(h, m, 0, 0).unwrap_or(Time::midnight())
}

fn weekly(weekdays: &[u8], from: (i8, i8), to: (i8, i8)) -> Recurrence {
    Recurrence::Weekly {
        weekdays: weekdays.to_vec(),
        start: time(from.0, from.1),
        end: time(to.0, to.1),
    }
}

fn monthly(week: MonthWeek, weekday: u8, from: (i8, i8), to: (i8, i8)) -> Recurrence {
    Recurrence::Monthly {
        week,
        weekday,
        start: time(from.0, from.1),
        end: time(to.0, to.1),
    }
}

const MON: u8 = 1;
const TUE: u8 = 2;
const WED: u8 = 3;
const THU: u8 = 4;
const FRI: u8 = 5;

/// (name, pillar, partner, recurrence, uses the women's tally).
fn offerings() -> Vec<(&'static str, Pillar, &'static str, Recurrence, bool)> {
    use Pillar::*;
    vec![
        (
            "Deutschkurs (Erste Sprachvermittlung)",
            Sprachvermittlung,
            "Ehrenamtliche",
            weekly(&[TUE, THU], (10, 0), (12, 0)),
            false,
        ),
        (
            "Sprachfördertreffen",
            Sprachvermittlung,
            "Langenhagen begrüßt",
            weekly(&[MON], (17, 0), (18, 30)),
            false,
        ),
        (
            "Hausaufgabenhilfe für junge Erwachsene",
            Sprachvermittlung,
            "Ehrenamtliche",
            weekly(&[WED], (15, 0), (17, 0)),
            false,
        ),
        (
            "Rucksackprojekt (Kita-Sprachhilfen für Mütter)",
            Sprachvermittlung,
            "Rucksackprojekt",
            weekly(&[FRI], (9, 30), (11, 0)),
            true,
        ),
        (
            "Sprechstunde pro beruf",
            Beratung,
            "pro beruf / Job Center Region Hannover",
            weekly(&[WED], (10, 0), (12, 0)),
            false,
        ),
        (
            "Sprechstunde Kausa (pro Regio)",
            Beratung,
            "Kausa / Job Center Region Hannover",
            monthly(MonthWeek::Nth(2), MON, (14, 0), (16, 0)),
            false,
        ),
        (
            "Schwangerenberatung",
            Beratung,
            "Diakonie",
            monthly(MonthWeek::Nth(1), THU, (14, 0), (16, 0)),
            true,
        ),
        (
            "Sprechstunde syrischer Verein",
            Beratung,
            "Syrischer Verein",
            weekly(&[FRI], (14, 0), (16, 0)),
            false,
        ),
        (
            "Sozialberatung Asyl- und Flüchtlingsbetreuung",
            Beratung,
            "Stadt Langenhagen",
            weekly(&[MON, THU], (9, 0), (12, 0)),
            false,
        ),
        (
            "Infoveranstaltung",
            Information,
            "wechselnde Behörden und Institutionen",
            Recurrence::AdHoc,
            false,
        ),
        (
            "Verkehrshelfer-Ausbildung",
            Information,
            "Polizei",
            Recurrence::AdHoc,
            false,
        ),
        (
            "Zahngesundheit",
            Information,
            "Gesundheitsamt",
            Recurrence::AdHoc,
            false,
        ),
        (
            "Gesundheit, Energie und Umwelt",
            Information,
            "MfA – Migranten-agenda 21 e.V.",
            Recurrence::AdHoc,
            false,
        ),
        (
            "Café MiLA",
            Kommunikation,
            "selbstorganisiert",
            monthly(MonthWeek::Last, FRI, (15, 0), (18, 0)),
            false,
        ),
        (
            "Gesprächskreis für geflüchtete Frauen",
            Kommunikation,
            "Profile e.V. (stark und kreativ)",
            weekly(&[TUE], (15, 0), (17, 0)),
            true,
        ),
        (
            "Malkurs für Frauen",
            Kommunikation,
            "Frauenberatungsstelle Ophelia",
            Recurrence::AdHoc,
            true,
        ),
        (
            "Dolmetschertreffen",
            Kommunikation,
            "Ehrenamtliche",
            monthly(MonthWeek::Nth(1), WED, (18, 0), (19, 30)),
            false,
        ),
    ]
}

fn put_list(
    w: &mut Writer,
    list: RefList,
    entries: impl IntoIterator<Item = (String, bool)>,
) -> Result<Vec<RefId>, StoreError> {
    let mut ids = Vec::new();
    for (i, (label, shared)) in entries.into_iter().enumerate() {
        let id = i as RefId + 1;
        let entry = RefEntry {
            label,
            archived: false,
            shared,
        };
        w.put(REFERENCE, &(list.code(), id), &entry)?;
        ids.push(id);
    }
    Ok(ids)
}

pub(super) fn write_defaults(w: &mut Writer) -> Result<(), StoreError> {
    let housing = (1..=CITY_UNITS).map(|n| {
        if n <= SHARED_UNITS {
            (format!("Gemeinschaftsunterkunft {n}"), true)
        } else {
            (format!("Unterkunft {:02}", n - SHARED_UNITS), false)
        }
    });
    put_list(w, RefList::Housing, housing)?;
    let plain = |items: &[&str]| {
        items
            .iter()
            .map(|s| (s.to_string(), false))
            .collect::<Vec<_>>()
    };
    put_list(w, RefList::Languages, plain(LANGUAGES))?;
    put_list(w, RefList::Needs, plain(NEEDS))?;
    put_list(w, RefList::Nationalities, plain(NATIONALITIES))?;
    let tally = put_list(w, RefList::TallyCategories, plain(TALLY_CATEGORIES))?;
    let (adults, children, women) = (tally[0], tally[1], tally[2]);
    for (i, (name, pillar, partner, recurrence, women_only)) in offerings().into_iter().enumerate()
    {
        let offering = Offering {
            name: name.into(),
            pillar,
            partner: partner.into(),
            // Consultations use the side room; everything else the big room.
            room: if pillar == Pillar::Beratung {
                "Nebenraum"
            } else {
                "Aufenthaltsraum"
            }
            .into(),
            recurrence,
            tally_categories: if women_only {
                vec![women, children]
            } else {
                vec![adults, children]
            },
            archived: false,
        };
        w.put(OFFERINGS, &(i as u32 + 1), &offering)?;
    }
    Ok(())
}
