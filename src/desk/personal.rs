//! A visitor's personal data: everything that identifies a person. It is
//! only ever stored sealed (see `crate::vault`) and is wiped from memory on drop.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::store::records::{OfferingId, RefId};

/// An answer to an optional question. "Not asked", "unknown" and "declined to
/// say" are answers in their own right, distinct from a field left empty.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize, Zeroize)]
pub enum Answer<T: Zeroize> {
    #[default]
    Empty,
    NotAsked,
    Unknown,
    Declined,
    Given(T),
}

impl<T: Zeroize> Answer<T> {
    pub fn given(&self) -> Option<&T> {
        match self {
            Answer::Given(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Answer::Empty)
    }

    /// The kind of answer, for display and reports, without its value.
    pub fn kind(&self) -> AnswerKind {
        match self {
            Answer::Empty => AnswerKind::Empty,
            Answer::NotAsked => AnswerKind::NotAsked,
            Answer::Unknown => AnswerKind::Unknown,
            Answer::Declined => AnswerKind::Declined,
            Answer::Given(_) => AnswerKind::Given,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerKind {
    Empty,
    NotAsked,
    Unknown,
    Declined,
    Given,
}

/// A birth date as far as it is known: the year, or the full date.
#[derive(Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub struct BirthDate {
    pub year: i16,
    /// Month and day, both or neither.
    pub month_day: Option<(u8, u8)>,
}

impl BirthDate {
    /// Accepts `DD.MM.YYYY`, `YYYY-MM-DD` or `YYYY`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let (year, month_day) = if let Some((d, rest)) = text.split_once('.') {
            let (m, y) = rest.split_once('.')?;
            (y, Some((m, d)))
        } else if let Some((y, rest)) = text.split_once('-') {
            let (m, d) = rest.split_once('-')?;
            (y, Some((m, d)))
        } else {
            (text, None)
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i16 = year.parse().ok()?;
        if !(1900..=2100).contains(&year) {
            return None;
        }
        let month_day = match month_day {
            None => None,
            Some((m, d)) => {
                let m: u8 = m.trim().parse().ok()?;
                let d: u8 = d.trim().parse().ok()?;
                Date::new(year, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()?;
                Some((m, d))
            }
        };
        Some(Self { year, month_day })
    }

    /// German style: `07.03.1990`, or just `1990`.
    pub fn display(&self) -> String {
        match self.month_day {
            Some((m, d)) => format!("{d:02}.{m:02}.{}", self.year),
            None => self.year.to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub enum Gender {
    Female,
    Male,
    Diverse,
}

impl Gender {
    pub const ALL: [Gender; 3] = [Gender::Female, Gender::Male, Gender::Diverse];

    /// Accepts the usual German and English spellings and abbreviations.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "w" | "f" | "weiblich" | "female" | "frau" => Some(Gender::Female),
            "m" | "männlich" | "maennlich" | "male" | "mann" => Some(Gender::Male),
            "d" | "divers" | "diverse" | "x" => Some(Gender::Diverse),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Zeroize)]
pub enum GermanLevel {
    None,
    A1,
    A2,
    B1,
    B2,
    C1,
    C2,
}

impl GermanLevel {
    /// The CEFR level as written everywhere (`B1`); None for no German.
    pub fn cefr(self) -> Option<&'static str> {
        match self {
            GermanLevel::None => None,
            GermanLevel::A1 => Some("A1"),
            GermanLevel::A2 => Some("A2"),
            GermanLevel::B1 => Some("B1"),
            GermanLevel::B2 => Some("B2"),
            GermanLevel::C1 => Some("C1"),
            GermanLevel::C2 => Some("C2"),
        }
    }

    pub const ALL: [GermanLevel; 7] = [
        GermanLevel::None,
        GermanLevel::A1,
        GermanLevel::A2,
        GermanLevel::B1,
        GermanLevel::B2,
        GermanLevel::C1,
        GermanLevel::C2,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub enum Housing {
    /// A city housing unit from the reference list.
    Unit(RefId),
    Private,
}

/// A referral to an offering (e.g. to the *pro beruf* consultation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub struct Referral {
    pub offering: OfferingId,
    /// Day number (`yyyymmdd`) the referral was made.
    pub day: u32,
}

/// The consent as given at intake.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize, Zeroize)]
pub struct Consent {
    /// Day number (`yyyymmdd`).
    pub day: u32,
    pub text_version: String,
    /// The language the consent was explained in (reference list `Languages`).
    pub explained_in: Option<RefId>,
    /// Storing data at MiLA: without it nothing is stored.
    pub store_at_mila: bool,
    /// Named partners the person agreed may receive their contact.
    pub pass_to_partners: Vec<String>,
}

/// Everything personal about one visitor: one sealed blob.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct PersonalData {
    /// As the person writes it, any script.
    pub name: String,
    /// Latin spelling; may be empty.
    pub name_latin: String,
    pub birth: Answer<BirthDate>,
    pub gender: Answer<Gender>,
    pub phone: Answer<String>,
    pub nationality: Answer<RefId>,
    pub languages: Answer<Vec<RefId>>,
    pub german_level: Answer<GermanLevel>,
    pub interpreter_needed: Answer<bool>,
    pub housing: Answer<Housing>,
    pub needs: Answer<Vec<RefId>>,
    pub referrals: Vec<Referral>,
    pub consent: Consent,
    pub notes: String,
}

/// Longest name, phone or note accepted; longer input is refused with a
/// message, never cut silently.
pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_PHONE_CHARS: usize = 40;
pub const MAX_NOTES_CHARS: usize = 4000;

impl PersonalData {
    pub fn birth_year(&self) -> Option<i16> {
        self.birth.given().map(|b| b.year)
    }

    pub fn phone_text(&self) -> &str {
        self.phone.given().map(String::as_str).unwrap_or("")
    }

    /// Checks what every save needs: a name and consent to storing.
    pub fn validate(&self) -> Result<(), super::DeskError> {
        use super::DeskError;
        if self.name.trim().is_empty() && self.name_latin.trim().is_empty() {
            return Err(DeskError::invalid("name", "a name is required"));
        }
        if !self.consent.store_at_mila {
            return Err(DeskError::invalid(
                "consent",
                "without consent to storing, nothing is stored",
            ));
        }
        for (field, text, max) in [
            ("name", self.name.as_str(), MAX_NAME_CHARS),
            ("name_latin", self.name_latin.as_str(), MAX_NAME_CHARS),
            ("phone", self.phone_text(), MAX_PHONE_CHARS),
            ("notes", self.notes.as_str(), MAX_NOTES_CHARS),
        ] {
            if text.chars().count() > max {
                return Err(DeskError::invalid(
                    field,
                    format!("longer than {max} characters"),
                ));
            }
        }
        Ok(())
    }
}

/// Never prints personal data, whatever ends up in a log or panic message.
impl std::fmt::Debug for PersonalData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PersonalData(***)")
    }
}

impl<T: Zeroize> std::fmt::Debug for Answer<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.kind())
    }
}

impl std::fmt::Debug for BirthDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BirthDate(***)")
    }
}

impl std::fmt::Debug for Consent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Consent")
            .field("day", &self.day)
            .field("store_at_mila", &self.store_at_mila)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birth_dates_in_the_accepted_forms() {
        assert_eq!(
            BirthDate::parse("07.03.1990").map(|b| b.display()),
            Some("07.03.1990".into())
        );
        assert_eq!(
            BirthDate::parse("1990-03-07").map(|b| b.display()),
            Some("07.03.1990".into())
        );
        assert_eq!(
            BirthDate::parse("1990").map(|b| b.display()),
            Some("1990".into())
        );
        for bad in [
            "31.02.1990",
            "90",
            "1.1.90",
            "",
            "abcd",
            "1990-13-01",
            "3000",
        ] {
            assert!(BirthDate::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn debug_output_hides_personal_data() {
        let mut data = PersonalData::default();
        data.name = "Testperson Eins".into();
        data.phone = Answer::Given("0151 000000".into());
        let shown = format!("{data:?} {:?}", data.phone);
        assert!(!shown.contains("Testperson"));
        assert!(!shown.contains("0151"));
    }
}
