//! The intake's pages and their questions, built from the reference lists.

use crate::desk::{Gender, GermanLevel};
use crate::ui::catalog::{Lang, Msg};
use crate::ui::widgets::{PickList, TextField};

use super::fields::{Field, FieldId, Input};
use super::refs::Refs;

/// The pages of the intake, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Consent,
    Person,
    Languages,
    Housing,
    Household,
    Needs,
    Referrals,
    Confirm,
}

pub const STEPS: [Step; 8] = [
    Step::Consent,
    Step::Person,
    Step::Languages,
    Step::Housing,
    Step::Household,
    Step::Needs,
    Step::Referrals,
    Step::Confirm,
];

impl Step {
    pub fn label(self) -> Msg {
        match self {
            Step::Consent => Msg::IntakeStepConsent,
            Step::Person => Msg::IntakeStepPerson,
            Step::Languages => Msg::IntakeStepLanguages,
            Step::Housing => Msg::IntakeStepHousing,
            Step::Household => Msg::IntakeStepHousehold,
            Step::Needs => Msg::IntakeStepNeeds,
            Step::Referrals => Msg::IntakeStepReferrals,
            Step::Confirm => Msg::IntakeStepConfirm,
        }
    }

    /// One line under the page heading saying what to do here.
    pub fn intro(self) -> Msg {
        match self {
            Step::Consent => Msg::IntakeIntroConsent,
            Step::Person => Msg::IntakeIntroPerson,
            Step::Languages => Msg::IntakeIntroLanguages,
            Step::Housing => Msg::IntakeIntroHousing,
            Step::Household => Msg::IntakeIntroHousehold,
            Step::Needs => Msg::IntakeIntroNeeds,
            Step::Referrals => Msg::IntakeIntroReferrals,
            Step::Confirm => Msg::IntakeIntroConfirm,
        }
    }
}

fn labels<T>(list: &[(T, String)]) -> Vec<String> {
    list.iter().map(|(_, l)| l.clone()).collect()
}

pub fn yes_no(lang: Lang) -> Vec<String> {
    vec![Msg::Yes.text(lang).into(), Msg::No.text(lang).into()]
}

pub fn gender_label(g: Gender) -> Msg {
    match g {
        Gender::Female => Msg::AccessFemale,
        Gender::Male => Msg::AccessMale,
        Gender::Diverse => Msg::AccessDiverse,
    }
}

pub fn level_label(level: GermanLevel, lang: Lang) -> String {
    level
        .cefr()
        .map_or_else(|| Msg::AccessNoGerman.text(lang).into(), Into::into)
}

fn multi(lang: Lang, items: Vec<String>) -> PickList {
    PickList::multiple(items).with_lang(lang)
}

fn text_field(lang: Lang, max: usize) -> Input {
    Input::Text(TextField::new(lang).with_max_len(max))
}

fn cycle(options: Vec<String>) -> Input {
    Input::Cycle {
        options,
        chosen: None,
        typed: String::new(),
    }
}

/// The questions of every page (the confirm page has none), empty.
pub fn build(refs: &Refs, lang: Lang) -> Vec<Vec<Field>> {
    use FieldId as F;
    let f = Field::new;
    let housing_items: Vec<String> = std::iter::once(Msg::AccessPrivate.text(lang).to_string())
        .chain(refs.housing.iter().map(|(_, l)| l.clone()))
        .collect();
    STEPS
        .iter()
        .map(|step| match step {
            Step::Consent => vec![
                f(
                    F::ExplainedIn,
                    Msg::IntakeExplainedIn,
                    cycle(labels(&refs.languages)),
                    false,
                ),
                f(
                    F::StoreConsent,
                    Msg::IntakeStoreConsent,
                    cycle(yes_no(lang)),
                    false,
                ),
                f(
                    F::Partners,
                    Msg::IntakePartners,
                    Input::Multi(multi(lang, refs.partners.clone())),
                    false,
                ),
            ],
            Step::Person => vec![
                f(
                    F::Name,
                    Msg::IntakeName,
                    text_field(lang, crate::desk::MAX_NAME_CHARS),
                    false,
                ),
                f(
                    F::NameLatin,
                    Msg::IntakeNameLatin,
                    text_field(lang, crate::desk::MAX_NAME_CHARS),
                    false,
                ),
                f(F::Birth, Msg::IntakeBirth, text_field(lang, 10), true),
                f(
                    F::Gender,
                    Msg::IntakeGender,
                    cycle(
                        Gender::ALL
                            .iter()
                            .map(|g| gender_label(*g).text(lang).to_string())
                            .collect(),
                    ),
                    true,
                ),
                f(
                    F::Phone,
                    Msg::IntakePhone,
                    text_field(lang, crate::desk::MAX_PHONE_CHARS),
                    true,
                ),
                f(
                    F::Nationality,
                    Msg::IntakeNationality,
                    cycle(labels(&refs.nationalities)),
                    true,
                ),
            ],
            Step::Languages => vec![
                f(
                    F::GermanLevel,
                    Msg::IntakeGermanLevel,
                    cycle(
                        GermanLevel::ALL
                            .iter()
                            .map(|l| level_label(*l, lang))
                            .collect(),
                    ),
                    true,
                ),
                f(
                    F::Interpreter,
                    Msg::IntakeInterpreter,
                    cycle(yes_no(lang)),
                    true,
                ),
                f(
                    F::Languages,
                    Msg::IntakeLanguages,
                    Input::Multi(multi(lang, labels(&refs.languages))),
                    true,
                ),
            ],
            Step::Housing => vec![f(
                F::Housing,
                Msg::IntakeHousing,
                Input::Radio {
                    list: PickList::single(housing_items.clone()).with_lang(lang),
                    chosen: None,
                },
                true,
            )],
            Step::Household => vec![
                f(
                    F::HouseholdSearch,
                    Msg::IntakeHouseholdSearch,
                    text_field(lang, 40),
                    false,
                ),
                f(
                    F::RegisterNext,
                    Msg::IntakeRegisterNextLabel,
                    Input::Multi(multi(lang, vec![Msg::IntakeRegisterNext.text(lang).into()])),
                    false,
                ),
            ],
            Step::Needs => vec![f(
                F::Needs,
                Msg::IntakeNeeds,
                Input::Multi(multi(lang, labels(&refs.needs))),
                true,
            )],
            Step::Referrals => vec![f(
                F::Referrals,
                Msg::IntakeReferrals,
                Input::Multi(multi(lang, labels(&refs.offerings))),
                false,
            )],
            Step::Confirm => Vec::new(),
        })
        .collect()
}
