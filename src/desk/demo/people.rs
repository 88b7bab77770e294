//! Made-up visitors for the demo: names from the synthetic name parts of
//! `crate::search::testdata` (several origins and scripts, made-up family
//! names), answers that fit the origin, phone numbers that cannot be dialled,
//! and a note on every record that the person does not exist.

use std::collections::HashMap;

use crate::desk::personal::*;
use crate::search::testdata::{Origin, Rng, synthetic_name};
use crate::store::records::{OfferingId, RefEntry, RefId};

/// On every demo visitor's card, so nobody mistakes one for a real person.
pub const DEMO_NOTE: &str = "Demo-Daten: erfundene Person (mila demo)";

/// Percent of visitors registered a second time under another spelling:
/// what the duplicate check at intake is for.
const NEAR_DUPLICATE_PERCENT: u64 = 2;
/// Percent of visitors who come with the visitor registered just before.
const HOUSEHOLD_PERCENT: u64 = 15;
const MAX_HOUSEHOLD: usize = 5;

/// Labels → ids of the reference lists and offerings a person is described
/// with.
pub struct Vocabulary {
    pub languages: HashMap<String, RefId>,
    pub nationalities: HashMap<String, RefId>,
    pub housing: Vec<RefId>,
    pub needs: Vec<RefId>,
    /// Offerings a person can be referred to (consultations).
    pub referral_targets: Vec<OfferingId>,
}

impl Vocabulary {
    pub fn new(
        languages: &[(RefId, RefEntry)],
        nationalities: &[(RefId, RefEntry)],
        housing: &[(RefId, RefEntry)],
        needs: &[(RefId, RefEntry)],
        referral_targets: Vec<OfferingId>,
    ) -> Self {
        let by_label = |list: &[(RefId, RefEntry)]| {
            list.iter()
                .map(|(id, e)| (e.label.clone(), *id))
                .collect::<HashMap<_, _>>()
        };
        Self {
            languages: by_label(languages),
            nationalities: by_label(nationalities),
            housing: housing.iter().map(|(id, _)| *id).collect(),
            needs: needs.iter().map(|(id, _)| *id).collect(),
            referral_targets,
        }
    }

    /// Ids of those labels that are in the list (a coordinator may have
    /// renamed some; the demo then leaves them out).
    fn ids(map: &HashMap<String, RefId>, labels: &[&str]) -> Vec<RefId> {
        labels.iter().filter_map(|l| map.get(*l).copied()).collect()
    }
}

/// One made-up visitor before it has a number.
pub struct Person {
    pub data: PersonalData,
    /// Index (in generation order) of the person whose household this one
    /// joins.
    pub household_with: Option<usize>,
}

struct Made {
    origin: Origin,
    name: String,
    name_latin: String,
    birth_year: Option<i16>,
    household_size: usize,
    household_root: usize,
}

fn pick_origin(rng: &mut Rng) -> Origin {
    match rng.below(100) {
        0..=29 => Origin::Arabic,
        30..=44 => Origin::Persian,
        45..=49 => Origin::Kurdish,
        50..=69 => Origin::Ukrainian,
        70..=77 => Origin::Tigrinya,
        78..=89 => Origin::German,
        _ => Origin::ArabicLatinOnly,
    }
}

/// (nationalities, languages) that fit a name's origin.
fn origin_answers(origin: Origin) -> (&'static [&'static str], &'static [&'static str]) {
    match origin {
        Origin::Arabic => (
            &["Syrien", "Irak", "Sudan", "Jemen", "Libanon"],
            &["Arabisch"],
        ),
        Origin::ArabicLatinOnly => (
            &["Marokko", "Algerien", "Ägypten", "staatenlos"],
            &["Arabisch", "Französisch"],
        ),
        Origin::Persian => (&["Afghanistan", "Iran"], &["Dari", "Farsi"]),
        Origin::Kurdish => (&["Irak", "Syrien", "Iran"], &["Kurdisch (Sorani)"]),
        Origin::Ukrainian => (&["Ukraine", "Moldau"], &["Ukrainisch", "Russisch"]),
        Origin::Tigrinya => (&["Eritrea", "Äthiopien"], &["Tigrinya", "Amharisch"]),
        Origin::German => (&["Deutschland"], &["Deutsch"]),
    }
}

/// Another spelling of the same Latin name: a doubled or dropped letter, a
/// vowel written differently. What two intakes of one person look like.
fn respell(latin: &str, rng: &mut Rng) -> String {
    const SWAPS: &[(&str, &str)] = &[
        ("ou", "u"),
        ("u", "ou"),
        ("ee", "i"),
        ("i", "ee"),
        ("ss", "s"),
        ("s", "ss"),
        ("y", "i"),
        ("kh", "ch"),
        ("a", "e"),
    ];
    let start = rng.below(SWAPS.len());
    for k in 0..SWAPS.len() {
        let (from, to) = SWAPS[(start + k) % SWAPS.len()];
        if let Some(at) = latin.rfind(from) {
            return format!("{}{to}{}", &latin[..at], &latin[at + from.len()..]);
        }
    }
    format!("{latin}h")
}

/// A fake number: `+49 000` is no German area code, so nobody's phone
/// rings when a demo is tried out.
fn fake_phone(rng: &mut Rng) -> String {
    let rest: String = (0..7)
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect();
    format!("+49 000 {rest}")
}

fn answer<T: zeroize::Zeroize>(rng: &mut Rng, value: impl FnOnce(&mut Rng) -> T) -> Answer<T> {
    match rng.below(100) {
        0..=79 => Answer::Given(value(rng)),
        80..=89 => Answer::NotAsked,
        90..=94 => Answer::Unknown,
        _ => Answer::Declined,
    }
}

/// Makes `count` people; `created_days[i]` (`yyyymmdd`) is the day person
/// `i` is registered, which dates their consent and referral.
pub fn make_people(
    count: usize,
    created_days: &[u32],
    vocabulary: &Vocabulary,
    seed: u64,
) -> Vec<Person> {
    let mut rng = Rng::new(seed);
    let mut made: Vec<Made> = Vec::with_capacity(count);
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let day = created_days.get(i).copied().unwrap_or(0);
        let previous = i.checked_sub(1).and_then(|j| made.get(j).map(|m| (j, m)));
        let household_with = previous
            .filter(|(j, m)| {
                created_days.get(*j) == Some(&day)
                    && m.household_size < MAX_HOUSEHOLD
                    && rng.chance(HOUSEHOLD_PERCENT)
            })
            .map(|(j, m)| (j, m.household_root, m.origin));
        let near_duplicate = i > 10 && rng.chance(NEAR_DUPLICATE_PERCENT);
        let (origin, name, name_latin, birth_year) = if near_duplicate {
            let twin = &made[rng.below(i)];
            let latin_source = if twin.name_latin.is_empty() {
                &twin.name
            } else {
                &twin.name_latin
            };
            let respelled = respell(latin_source, &mut rng);
            if twin.name_latin.is_empty() {
                (twin.origin, respelled, String::new(), twin.birth_year)
            } else {
                (twin.origin, twin.name.clone(), respelled, twin.birth_year)
            }
        } else {
            let origin = household_with.map_or_else(|| pick_origin(&mut rng), |(_, _, o)| o);
            let (mut name, mut latin) = synthetic_name(&mut rng, origin);
            if let Some((j, _, _)) = household_with {
                // A family shares its family name: the last word.
                let family = |s: &str| s.rsplit(' ').next().unwrap_or("").to_string();
                let given = |s: &str| s.split(' ').next().unwrap_or("").to_string();
                name = format!("{} {}", given(&name), family(&made[j].name));
                if !latin.is_empty() {
                    latin = format!("{} {}", given(&latin), family(&made[j].name_latin));
                }
            }
            let birth_year = rng.chance(92).then(|| 1945 + rng.below(80) as i16);
            (origin, name, latin, birth_year)
        };
        let root = match household_with {
            Some((_, root, _)) => {
                made[root].household_size += 1;
                root
            }
            None => i,
        };
        let data = personal_data(
            &mut rng,
            vocabulary,
            origin,
            &name,
            &name_latin,
            birth_year,
            day,
        );
        made.push(Made {
            origin,
            name,
            name_latin,
            birth_year,
            household_size: 1,
            household_root: root,
        });
        out.push(Person {
            data,
            household_with: household_with.map(|(j, _, _)| j),
        });
    }
    out
}

fn personal_data(
    rng: &mut Rng,
    vocabulary: &Vocabulary,
    origin: Origin,
    name: &str,
    name_latin: &str,
    birth_year: Option<i16>,
    day: u32,
) -> PersonalData {
    let (nationalities, languages) = origin_answers(origin);
    let nationalities = Vocabulary::ids(&vocabulary.nationalities, nationalities);
    let mut spoken = Vocabulary::ids(&vocabulary.languages, languages);
    spoken.truncate(1 + rng.below(spoken.len().max(1)));
    if origin != Origin::German && rng.chance(30) {
        spoken.extend(Vocabulary::ids(&vocabulary.languages, &["Englisch"]));
    }
    let mut data = PersonalData::default();
    data.name = name.to_string();
    data.name_latin = name_latin.to_string();
    data.birth = match birth_year {
        Some(year) if rng.chance(60) => Answer::Given(BirthDate {
            year,
            month_day: Some((1 + rng.below(12) as u8, 1 + rng.below(28) as u8)),
        }),
        Some(year) => Answer::Given(BirthDate {
            year,
            month_day: None,
        }),
        None => Answer::Unknown,
    };
    data.gender = answer(rng, |r| *r.pick(&Gender::ALL));
    data.phone = if rng.chance(70) {
        Answer::Given(fake_phone(rng))
    } else {
        Answer::Empty
    };
    data.nationality = match nationalities.is_empty() {
        true => Answer::Unknown,
        false => answer(rng, |r| *r.pick(&nationalities)),
    };
    data.languages = if spoken.is_empty() {
        Answer::NotAsked
    } else {
        Answer::Given(spoken.clone())
    };
    data.german_level = answer(rng, |r| *r.pick(&GermanLevel::ALL[..4]));
    data.interpreter_needed = answer(rng, |r| r.chance(40));
    data.housing = if vocabulary.housing.is_empty() || rng.chance(25) {
        Answer::Given(Housing::Private)
    } else {
        answer(rng, |r| Housing::Unit(*r.pick(&vocabulary.housing)))
    };
    if !vocabulary.needs.is_empty() {
        let mut needs: Vec<RefId> = (0..rng.below(3))
            .map(|_| *rng.pick(&vocabulary.needs))
            .collect();
        needs.sort_unstable();
        needs.dedup();
        data.needs = Answer::Given(needs);
    }
    if !vocabulary.referral_targets.is_empty() && rng.chance(12) {
        data.referrals.push(Referral {
            offering: *rng.pick(&vocabulary.referral_targets),
            day,
        });
    }
    data.consent = Consent {
        day,
        text_version: "demo".into(),
        explained_in: spoken.first().copied(),
        store_at_mila: true,
        pass_to_partners: if rng.chance(20) {
            vec!["pro beruf".into()]
        } else {
            Vec::new()
        },
    };
    data.notes = DEMO_NOTE.into();
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        let entry = |label: &str| RefEntry {
            label: label.into(),
            archived: false,
            shared: false,
        };
        let list = |labels: &[&str]| -> Vec<(RefId, RefEntry)> {
            labels
                .iter()
                .enumerate()
                .map(|(i, l)| (i as RefId + 1, entry(l)))
                .collect()
        };
        Vocabulary::new(
            &list(&["Deutsch", "Arabisch", "Dari", "Ukrainisch", "Englisch"]),
            &list(&["Syrien", "Afghanistan", "Ukraine", "Deutschland"]),
            &list(&["Unterkunft 01"]),
            &list(&["Sprache", "Wohnen"]),
            vec![3],
        )
    }

    #[test]
    fn people_are_valid_marked_as_made_up_and_of_several_scripts() {
        let days = vec![20_260_101; 2000];
        let people = make_people(2000, &days, &vocabulary(), 1);
        assert_eq!(people.len(), 2000);
        for p in &people {
            p.data.validate().unwrap();
            assert_eq!(p.data.notes, DEMO_NOTE);
            assert!(p.data.phone_text().is_empty() || p.data.phone_text().starts_with("+49 000"));
        }
        let arabic = people
            .iter()
            .filter(|p| {
                p.data
                    .name
                    .chars()
                    .any(|c| ('\u{600}'..='\u{6ff}').contains(&c))
            })
            .count();
        let cyrillic = people
            .iter()
            .filter(|p| {
                p.data
                    .name
                    .chars()
                    .any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
            })
            .count();
        assert!(arabic > 200 && cyrillic > 100, "{arabic} {cyrillic}");
        assert!(people.iter().filter(|p| p.household_with.is_some()).count() > 100);
    }

    #[test]
    fn respelling_changes_the_name_a_little() {
        let mut rng = Rng::new(3);
        for name in ["Yousef Barsa", "Olena Kovalenko", "Anna Lind", "X"] {
            let other = respell(name, &mut rng);
            assert_ne!(other, name);
            assert!(strsim::levenshtein(&other, name) <= 2, "{name} → {other}");
        }
    }
}
