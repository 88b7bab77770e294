//! The translation between what was typed into the intake and the desk's [`PersonalData`],
//! both ways, with the validation that goes next to the questions.

use jiff::civil::Date;

use crate::desk::{
    Answer, BirthDate, Consent, Gender, GermanLevel, Housing, PersonalData, RefId, Referral,
    day_key,
};
use crate::ui::catalog::Msg;

use super::fields::{Field, FieldId, Input, Mark};
use super::refs::Refs;

fn find(steps: &[Vec<Field>], id: FieldId) -> Option<&Field> {
    steps.iter().flatten().find(|f| f.id == id)
}

fn find_mut(steps: &mut [Vec<Field>], id: FieldId) -> Option<&mut Field> {
    steps.iter_mut().flatten().find(|f| f.id == id)
}

fn mark_of<T: zeroize::Zeroize>(answer: &Answer<T>) -> Mark {
    match answer {
        Answer::NotAsked => Mark::NotAsked,
        Answer::Unknown => Mark::Unknown,
        Answer::Declined => Mark::Declined,
        Answer::Empty | Answer::Given(_) => Mark::None,
    }
}

fn marked<T: zeroize::Zeroize>(mark: Mark, value: Option<T>) -> Answer<T> {
    match (mark, value) {
        (Mark::NotAsked, _) => Answer::NotAsked,
        (Mark::Unknown, _) => Answer::Unknown,
        (Mark::Declined, _) => Answer::Declined,
        (Mark::None, Some(v)) => Answer::Given(v),
        (Mark::None, None) => Answer::Empty,
    }
}

/// Puts a name typed elsewhere (the check-in search) into the name question.
pub fn prefill_name(steps: &mut [Vec<Field>], name: &str) {
    if let Some(field) = find_mut(steps, FieldId::Name)
        && let Input::Text(t) = &mut field.input
    {
        t.set_value(name);
    }
}

/// Fills the questions from a stored record (edit mode).
pub fn fill_from(steps: &mut [Vec<Field>], refs: &Refs, data: &PersonalData) {
    let pos = |list: &[(RefId, String)], id: RefId| list.iter().position(|(i, _)| *i == id);
    let mut set = |id: FieldId, f: &dyn Fn(&mut Field)| {
        if let Some(field) = find_mut(steps, id) {
            f(field);
        }
    };
    let text = |value: String| {
        move |field: &mut Field| {
            if let Input::Text(t) = &mut field.input {
                t.set_value(value.clone());
            }
        }
    };
    let choose = |index: Option<usize>| {
        move |field: &mut Field| match &mut field.input {
            Input::Cycle { chosen, .. } => *chosen = index,
            Input::Radio { list, chosen } => {
                *chosen = index;
                if let Some(i) = index {
                    list.select(i);
                }
            }
            _ => {}
        }
    };
    let tick = |indices: Vec<usize>| {
        move |field: &mut Field| {
            if let Input::Multi(m) = &mut field.input {
                for &i in &indices {
                    m.set_checked(i, true);
                }
            }
        }
    };
    let consent = &data.consent;
    set(
        FieldId::ExplainedIn,
        &choose(consent.explained_in.and_then(|id| pos(&refs.languages, id))),
    );
    set(
        FieldId::StoreConsent,
        &choose(Some(if consent.store_at_mila { 0 } else { 1 })),
    );
    set(
        FieldId::Partners,
        &tick(
            consent
                .pass_to_partners
                .iter()
                .filter_map(|p| refs.partners.iter().position(|q| q == p))
                .collect(),
        ),
    );
    set(FieldId::Name, &text(data.name.clone()));
    set(FieldId::NameLatin, &text(data.name_latin.clone()));
    set(
        FieldId::Birth,
        &text(data.birth.given().map(|b| b.display()).unwrap_or_default()),
    );
    set(
        FieldId::Gender,
        &choose(
            data.gender
                .given()
                .and_then(|g| Gender::ALL.iter().position(|x| x == g)),
        ),
    );
    set(FieldId::Phone, &text(data.phone_text().to_string()));
    set(
        FieldId::Nationality,
        &choose(
            data.nationality
                .given()
                .and_then(|id| pos(&refs.nationalities, *id)),
        ),
    );
    set(
        FieldId::Languages,
        &tick(
            data.languages
                .given()
                .map(|ids| {
                    ids.iter()
                        .filter_map(|id| pos(&refs.languages, *id))
                        .collect()
                })
                .unwrap_or_default(),
        ),
    );
    set(
        FieldId::GermanLevel,
        &choose(
            data.german_level
                .given()
                .and_then(|l| GermanLevel::ALL.iter().position(|x| x == l)),
        ),
    );
    set(
        FieldId::Interpreter,
        &choose(
            data.interpreter_needed
                .given()
                .map(|yes| if *yes { 0 } else { 1 }),
        ),
    );
    set(
        FieldId::Housing,
        &choose(match data.housing.given() {
            Some(Housing::Private) => Some(0),
            Some(Housing::Unit(id)) => pos(&refs.housing, *id).map(|i| i + 1),
            None => None,
        }),
    );
    set(
        FieldId::Needs,
        &tick(
            data.needs
                .given()
                .map(|ids| ids.iter().filter_map(|id| pos(&refs.needs, *id)).collect())
                .unwrap_or_default(),
        ),
    );
    set(
        FieldId::Referrals,
        &tick(
            data.referrals
                .iter()
                .filter_map(|r| refs.offerings.iter().position(|(o, _)| *o == r.offering))
                .collect(),
        ),
    );
    for (id, mark) in [
        (FieldId::Birth, mark_of(&data.birth)),
        (FieldId::Gender, mark_of(&data.gender)),
        (FieldId::Phone, mark_of(&data.phone)),
        (FieldId::Nationality, mark_of(&data.nationality)),
        (FieldId::Languages, mark_of(&data.languages)),
        (FieldId::GermanLevel, mark_of(&data.german_level)),
        (FieldId::Interpreter, mark_of(&data.interpreter_needed)),
        (FieldId::Housing, mark_of(&data.housing)),
        (FieldId::Needs, mark_of(&data.needs)),
    ] {
        if let Some(field) = find_mut(steps, id) {
            field.mark = mark;
        }
    }
}

/// A validation problem: which question, and what to say next to it.
pub type Problem = (FieldId, Msg);

/// What was typed, as the desk stores it. `base` is the record being edited: what the form
/// does not show (notes, referral days, consent date) is kept from it.
pub fn to_data(
    steps: &[Vec<Field>],
    refs: &Refs,
    today: Date,
    base: Option<&PersonalData>,
) -> Result<PersonalData, Vec<Problem>> {
    let mut problems = Vec::new();
    let field = |id| find(steps, id);
    let text = |id| field(id).map_or("", Field::text);
    let mark = |id| field(id).map_or(Mark::None, |f| f.mark);
    let chosen = |id| field(id).and_then(Field::chosen);
    let checked = |id| field(id).map(Field::checked).unwrap_or_default();
    let ids_of = |list: &[(RefId, String)], idx: Vec<usize>| -> Vec<RefId> {
        idx.into_iter()
            .filter_map(|i| list.get(i).map(|(id, _)| *id))
            .collect()
    };
    let non_empty = |v: Vec<RefId>| (!v.is_empty()).then_some(v);

    let mut data = base.cloned().unwrap_or_default();
    data.name = text(FieldId::Name).to_string();
    data.name_latin = text(FieldId::NameLatin).to_string();
    if data.name.trim().is_empty() && data.name_latin.trim().is_empty() {
        problems.push((FieldId::Name, Msg::IntakeNameRequired));
    }
    let birth_text = text(FieldId::Birth).trim();
    let birth = if birth_text.is_empty() {
        None
    } else {
        match BirthDate::parse(birth_text) {
            Some(b) => Some(b),
            None => {
                problems.push((FieldId::Birth, Msg::IntakeBirthInvalid));
                None
            }
        }
    };
    data.birth = marked(mark(FieldId::Birth), birth);
    data.gender = marked(
        mark(FieldId::Gender),
        chosen(FieldId::Gender).and_then(|i| Gender::ALL.get(i).copied()),
    );
    let phone = text(FieldId::Phone);
    data.phone = marked(
        mark(FieldId::Phone),
        (!phone.trim().is_empty()).then(|| phone.to_string()),
    );
    data.nationality = marked(
        mark(FieldId::Nationality),
        chosen(FieldId::Nationality).and_then(|i| refs.nationalities.get(i).map(|(id, _)| *id)),
    );
    data.languages = marked(
        mark(FieldId::Languages),
        non_empty(ids_of(&refs.languages, checked(FieldId::Languages))),
    );
    data.german_level = marked(
        mark(FieldId::GermanLevel),
        chosen(FieldId::GermanLevel).and_then(|i| GermanLevel::ALL.get(i).copied()),
    );
    data.interpreter_needed = marked(
        mark(FieldId::Interpreter),
        chosen(FieldId::Interpreter).map(|i| i == 0),
    );
    data.housing = marked(
        mark(FieldId::Housing),
        chosen(FieldId::Housing).and_then(|i| match i {
            0 => Some(Housing::Private),
            n => refs.housing.get(n - 1).map(|(id, _)| Housing::Unit(*id)),
        }),
    );
    data.needs = marked(
        mark(FieldId::Needs),
        non_empty(ids_of(&refs.needs, checked(FieldId::Needs))),
    );
    let old_referrals = base.map(|b| b.referrals.clone()).unwrap_or_default();
    data.referrals = checked(FieldId::Referrals)
        .into_iter()
        .filter_map(|i| refs.offerings.get(i).map(|(id, _)| *id))
        .map(|offering| {
            old_referrals
                .iter()
                .find(|r| r.offering == offering)
                .copied()
                .unwrap_or(Referral {
                    offering,
                    day: day_key(today),
                })
        })
        .collect();
    let store = chosen(FieldId::StoreConsent);
    // Consent is only informed in a language the person understands: which one is part of
    // it, for a short intake too. (Records from before, or imported without it, keep what
    // they have when edited.)
    if chosen(FieldId::ExplainedIn).is_none()
        && base.is_none_or(|b| b.consent.explained_in.is_some())
        && !refs.languages.is_empty()
    {
        problems.push((FieldId::ExplainedIn, Msg::IntakeExplainedInRequired));
    }
    if store.is_none() {
        problems.push((FieldId::StoreConsent, Msg::IntakeConsentRequired));
    }
    data.consent = Consent {
        day: base.map_or(day_key(today), |b| b.consent.day),
        text_version: base.map_or_else(
            || refs.consent_version.clone(),
            |b| b.consent.text_version.clone(),
        ),
        explained_in: chosen(FieldId::ExplainedIn)
            .and_then(|i| refs.languages.get(i).map(|(id, _)| *id)),
        store_at_mila: store == Some(0),
        pass_to_partners: checked(FieldId::Partners)
            .into_iter()
            .filter_map(|i| refs.partners.get(i).cloned())
            .collect(),
    };
    if problems.is_empty() {
        Ok(data)
    } else {
        Err(problems)
    }
}

/// The page and field of the first optional question with neither an answer nor a mark:
/// where completing a short intake goes on.
pub fn first_unanswered(steps: &[Vec<Field>]) -> Option<(usize, usize)> {
    steps.iter().enumerate().find_map(|(s, page)| {
        page.iter()
            .position(|f| {
                f.optional
                    && f.mark == Mark::None
                    && f.text().trim().is_empty()
                    && f.chosen().is_none()
                    && f.checked().is_empty()
            })
            .map(|i| (s, i))
    })
}

/// Whether consent was refused outright (the intake then ends without storing anything).
pub fn consent_refused(steps: &[Vec<Field>]) -> bool {
    find(steps, FieldId::StoreConsent).and_then(Field::chosen) == Some(1)
}

/// A full intake answers every question (a mark counts as an answer); a short one does not.
pub fn is_complete(data: &PersonalData) -> bool {
    ![
        data.birth.is_empty(),
        data.gender.is_empty(),
        data.phone.is_empty(),
        data.nationality.is_empty(),
        data.languages.is_empty(),
        data.german_level.is_empty(),
        data.interpreter_needed.is_empty(),
        data.housing.is_empty(),
        data.needs.is_empty(),
    ]
    .contains(&true)
}

/// Whether "register family members next" is ticked.
pub fn register_next(steps: &[Vec<Field>]) -> bool {
    find(steps, FieldId::RegisterNext).is_some_and(|f| !f.checked().is_empty())
}

/// The text typed into the household search.
pub fn household_query(steps: &[Vec<Field>]) -> &str {
    find(steps, FieldId::HouseholdSearch).map_or("", Field::text)
}

/// The page a question is on.
pub fn step_of(steps: &[Vec<Field>], id: FieldId) -> Option<usize> {
    steps.iter().position(|s| s.iter().any(|f| f.id == id))
}

/// Puts validation messages next to their questions, clearing old ones.
pub fn show_problems(steps: &mut [Vec<Field>], problems: &[Problem]) {
    for field in steps.iter_mut().flatten() {
        field.error = problems
            .iter()
            .find(|(id, _)| *id == field.id)
            .map(|(_, m)| *m);
    }
}
