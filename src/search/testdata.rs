//! Synthetic visitors for benchmarks, demos and tests: deterministic for a seed, names of
//! several origins and scripts, built from common given names and made-up family names.
//! No real person's data.

use super::entry::Entry;

/// A small deterministic generator (SplitMix64): no `rand` dependency, the same names on
/// every machine for the same seed.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Where a synthetic name comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Arabic script with a Latin spelling.
    Arabic,
    /// Persian/Dari in Arabic script with a Latin spelling.
    Persian,
    /// Kurdish Sorani in Arabic script with a Latin spelling.
    Kurdish,
    /// Ukrainian in Cyrillic with a Latin spelling.
    Ukrainian,
    /// Tigrinya in Ge'ez with a Latin spelling.
    Tigrinya,
    /// German, Latin only.
    German,
    /// An Arabic name stored in Latin letters only.
    ArabicLatinOnly,
}

/// (name as written, Latin spellings)
type GivenName = (&'static str, &'static [&'static str]);
/// (syllable as written, Latin spellings)
type Syllable = (&'static str, &'static [&'static str]);

const ARABIC_GIVEN: &[GivenName] = &[
    ("محمد", &["Mohammed", "Muhammad", "Mohamed", "Mohamad"]),
    ("أحمد", &["Ahmad", "Ahmed"]),
    ("علي", &["Ali"]),
    ("عمر", &["Omar", "Umar"]),
    ("حسن", &["Hassan", "Hasan"]),
    ("حسين", &["Hussein", "Husain"]),
    ("يوسف", &["Yusuf", "Youssef", "Yousef"]),
    ("خالد", &["Khaled", "Khalid"]),
    ("إبراهيم", &["Ibrahim", "Ebrahim"]),
    ("محمود", &["Mahmoud", "Mahmud"]),
    ("فاطمة", &["Fatima", "Fatma"]),
    ("مريم", &["Maryam", "Mariam"]),
    ("نور", &["Nour", "Noor"]),
    ("ليلى", &["Layla", "Leila"]),
    ("سارة", &["Sara", "Sarah"]),
    ("رنا", &["Rana"]),
    ("آية", &["Aya"]),
    ("هبة", &["Heba", "Hiba"]),
    ("سعيد", &["Said", "Saeed"]),
    ("كريم", &["Karim", "Kareem"]),
];

const PERSIAN_GIVEN: &[GivenName] = &[
    ("فاطمه", &["Fatemeh", "Fateme"]),
    ("زهرا", &["Zahra"]),
    ("رضا", &["Reza"]),
    ("مهدی", &["Mehdi", "Mahdi"]),
    ("علی", &["Ali"]),
    ("حمید", &["Hamid"]),
    ("مریم", &["Maryam"]),
    ("نرگس", &["Narges"]),
    ("امید", &["Omid"]),
    ("سمیرا", &["Samira"]),
    ("محمد", &["Mohammad"]),
    ("ژیلا", &["Zhila", "Jila"]),
];

const KURDISH_GIVEN: &[GivenName] = &[
    ("هەژار", &["Hejar", "Hezhar"]),
    ("ئاسۆ", &["Aso"]),
    ("شێرکۆ", &["Sherko", "Şêrko"]),
    ("هێمن", &["Hemin"]),
    ("بەفرین", &["Befrin"]),
    ("ڕێزان", &["Rezan"]),
];

const UKRAINIAN_GIVEN: &[GivenName] = &[
    ("Олена", &["Olena"]),
    ("Олександр", &["Oleksandr"]),
    ("Андрій", &["Andrii", "Andriy"]),
    ("Марія", &["Mariia", "Maria"]),
    ("Юлія", &["Yuliia", "Yulia"]),
    ("Іван", &["Ivan"]),
    ("Наталія", &["Nataliia"]),
    ("Сергій", &["Serhii"]),
    ("Ірина", &["Iryna"]),
    ("Дмитро", &["Dmytro"]),
    ("Оксана", &["Oksana"]),
    ("Тетяна", &["Tetiana", "Tetyana"]),
];

const TIGRINYA_GIVEN: &[GivenName] = &[
    ("ተስፋይ", &["Tesfay", "Tesfai"]),
    ("ሃይለ", &["Hayle", "Haile"]),
    ("ዮናስ", &["Yonas"]),
    ("ሰላም", &["Selam"]),
    ("ዳዊት", &["Dawit"]),
    ("ሙሉ", &["Mulu"]),
    ("ፍሬ", &["Fre", "Frie"]),
    ("ኣብርሃም", &["Abraham"]),
];

const GERMAN_GIVEN: &[&str] = &[
    "Anna", "Lena", "Lukas", "Jonas", "Maria", "Paul", "Sophie", "Felix", "Emma", "Leon", "Jürgen",
    "Ursula", "Karl", "Greta", "Moritz",
];

const ARABIC_SYLLABLES: &[Syllable] = &[
    ("بر", &["bar"]),
    ("سا", &["sa"]),
    ("كو", &["ku", "kou"]),
    ("نا", &["na"]),
    ("ري", &["ri", "ree"]),
    ("طا", &["ta"]),
    ("مو", &["mu", "mou"]),
    ("لي", &["li", "lee"]),
    ("دا", &["da"]),
    ("فو", &["fu", "fou"]),
    ("زي", &["zi"]),
    ("غا", &["gha"]),
    ("قو", &["qu", "ku"]),
    ("حا", &["ha"]),
    ("جي", &["ji", "gi"]),
    ("شو", &["shu", "schu"]),
    ("وا", &["wa"]),
    ("تي", &["ti"]),
];

const PERSIAN_SYLLABLES: &[Syllable] = &[
    ("پر", &["par"]),
    ("ژا", &["zha", "ja"]),
    ("گل", &["gol", "gul"]),
    ("چی", &["chi"]),
    ("زا", &["za"]),
    ("دی", &["di"]),
    ("نو", &["nu", "no"]),
    ("کا", &["ka"]),
    ("بی", &["bi"]),
    ("سو", &["su", "so"]),
    ("را", &["ra"]),
    ("می", &["mi"]),
];

const KURDISH_SYLLABLES: &[Syllable] = &[
    ("بە", &["be"]),
    ("ڕۆ", &["ro"]),
    ("ژێ", &["zhe", "je"]),
    ("ڤا", &["va"]),
    ("دڵ", &["dil"]),
    ("شا", &["sha"]),
    ("نە", &["ne"]),
    ("کۆ", &["ko"]),
];

const UKRAINIAN_SYLLABLES: &[Syllable] = &[
    ("Ко", &["Ko"]),
    ("ва", &["va"]),
    ("ле", &["le"]),
    ("бо", &["bo"]),
    ("ри", &["ry"]),
    ("ши", &["shy"]),
    ("да", &["da"]),
    ("мо", &["mo"]),
    ("гу", &["hu", "gu"]),
    ("Па", &["Pa"]),
    ("ти", &["ty"]),
    ("зі", &["zi"]),
];

const UKRAINIAN_SUFFIXES: &[Syllable] = &[
    ("енко", &["enko"]),
    ("чук", &["chuk"]),
    ("ський", &["skyi", "skyy"]),
    ("ович", &["ovych"]),
    ("як", &["iak", "yak"]),
];

const TIGRINYA_SYLLABLES: &[Syllable] = &[
    ("ተ", &["te"]),
    ("ስ", &["s"]),
    ("ፋ", &["fa"]),
    ("ሃ", &["ha"]),
    ("ለ", &["le"]),
    ("ገ", &["ge"]),
    ("ብ", &["b"]),
    ("ረ", &["re"]),
    ("መ", &["me"]),
    ("ዮ", &["yo"]),
    ("ና", &["na"]),
    ("ሰ", &["se"]),
    ("ላ", &["la"]),
    ("ኪ", &["ki"]),
];

const GERMAN_FRONTS: &[&str] = &[
    "Quarz", "Wend", "Holm", "Brunn", "Kalt", "Lind", "Ross", "Wald", "Eck", "Fahl", "Zwirn",
    "Oster", "Mürb", "Spind", "Kroll", "Haber", "Tann", "Blum", "Schött", "Wetz",
];
const GERMAN_BACKS: &[&str] = &[
    "mann", "berg", "hof", "ler", "meier", "ke", "bach", "feld", "inger", "rath", "holt", "beck",
    "wede", "stätter", "brink",
];

/// One synthetic visitor. `number` is used as given.
pub fn synthetic_entry(rng: &mut Rng, number: u32) -> Entry {
    let origin = match rng.below(100) {
        0..=29 => Origin::Arabic,
        30..=44 => Origin::Persian,
        45..=49 => Origin::Kurdish,
        50..=69 => Origin::Ukrainian,
        70..=77 => Origin::Tigrinya,
        78..=92 => Origin::German,
        _ => Origin::ArabicLatinOnly,
    };
    let (name, name_latin) = synthetic_name(rng, origin);
    let birth_year = if rng.chance(90) {
        Some(1940 + rng.below(83) as i16)
    } else {
        None
    };
    let phone = if rng.chance(70) {
        synthetic_phone(rng)
    } else {
        String::new()
    };
    Entry {
        number,
        name,
        name_latin,
        birth_year,
        phone,
    }
}

/// `n` synthetic visitors numbered 1..=n.
pub fn synthetic_entries(n: usize, seed: u64) -> Vec<Entry> {
    let mut rng = Rng::new(seed);
    (1..=n)
        .map(|i| synthetic_entry(&mut rng, i as u32))
        .collect()
}

/// A name of the given origin: (as written, Latin spelling or empty).
pub fn synthetic_name(rng: &mut Rng, origin: Origin) -> (String, String) {
    match origin {
        Origin::Arabic | Origin::ArabicLatinOnly => {
            let (g, gl) = given(rng, ARABIC_GIVEN);
            let (mut f, mut fl) = family(rng, ARABIC_SYLLABLES, 2, 3);
            if rng.chance(30) {
                f = format!("ال{f}");
                fl = format!("{}-{fl}", rng.pick(&["Al", "al", "El"]));
            }
            let (mut n, mut l) = (format!("{g} {f}"), format!("{gl} {fl}"));
            if rng.chance(20) {
                let (m, ml) = given(rng, ARABIC_GIVEN);
                n = format!("{g} {m} {f}");
                l = format!("{gl} {ml} {fl}");
            }
            if origin == Origin::ArabicLatinOnly {
                (l, String::new())
            } else {
                (n, l)
            }
        }
        Origin::Persian => {
            let (g, gl) = given(rng, PERSIAN_GIVEN);
            let (mut f, mut fl) = family(rng, PERSIAN_SYLLABLES, 2, 3);
            if rng.chance(40) {
                f.push('ی');
                fl.push('i');
            }
            (format!("{g} {f}"), format!("{gl} {fl}"))
        }
        Origin::Kurdish => {
            let (g, gl) = given(rng, KURDISH_GIVEN);
            let (f, fl) = family(rng, KURDISH_SYLLABLES, 2, 3);
            (format!("{g} {f}"), format!("{gl} {fl}"))
        }
        Origin::Ukrainian => {
            let (g, gl) = given(rng, UKRAINIAN_GIVEN);
            let (mut f, mut fl) = family(rng, UKRAINIAN_SYLLABLES, 1, 2);
            let (s, sl) = rng.pick(UKRAINIAN_SUFFIXES);
            f.push_str(s);
            fl.push_str(rng.pick::<&str>(sl));
            (format!("{g} {f}"), format!("{gl} {fl}"))
        }
        Origin::Tigrinya => {
            let (g, gl) = given(rng, TIGRINYA_GIVEN);
            let (f, fl) = family(rng, TIGRINYA_SYLLABLES, 2, 4);
            (format!("{g} {f}"), format!("{gl} {fl}"))
        }
        Origin::German => {
            let g = *rng.pick(GERMAN_GIVEN);
            let f = format!("{}{}", rng.pick(GERMAN_FRONTS), rng.pick(GERMAN_BACKS));
            (format!("{g} {f}"), String::new())
        }
    }
}

fn given(rng: &mut Rng, list: &[GivenName]) -> (String, String) {
    let (native, latin) = rng.pick(list);
    ((*native).to_owned(), (*rng.pick(latin)).to_owned())
}

/// A made-up family name of `min..=max` syllables, as written and in Latin letters.
fn family(rng: &mut Rng, syllables: &[Syllable], min: usize, max: usize) -> (String, String) {
    let count = min + rng.below(max - min + 1);
    let mut native = String::new();
    let mut latin = String::new();
    for _ in 0..count {
        let (s, l) = rng.pick(syllables);
        native.push_str(s);
        latin.push_str(rng.pick::<&str>(l));
    }
    (capitalised(&native), capitalised(&latin))
}

/// Syllables are written in lower case; a name starts with a capital (Cyrillic too;
/// Arabic script has no case and stays as it is).
fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A German mobile number in one of the ways people write them.
pub fn synthetic_phone(rng: &mut Rng) -> String {
    let prefix = 151 + rng.below(29);
    let rest: String = (0..7)
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect();
    match rng.below(4) {
        0 => format!("+49 {prefix} {rest}"),
        1 => format!("0{prefix}/{rest}"),
        2 => format!("0{prefix} {} {}", &rest[..3], &rest[3..]),
        _ => format!("0{prefix}{rest}"),
    }
}
