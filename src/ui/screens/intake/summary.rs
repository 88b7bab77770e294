//! The confirm page: everything that will be saved, one line a question, built from the very
//! record that the save hands to the desk.

use crate::desk::{Answer, Housing, PersonalData, RefId, day_from_key};
use crate::ui::catalog::{Lang, Msg, fill, format_date};

use super::pages::{gender_label, level_label};
use super::refs::Refs;

fn label_of(list: &[(RefId, String)], id: RefId) -> String {
    list.iter()
        .find(|(i, _)| *i == id)
        .map_or_else(|| format!("#{id}"), |(_, l)| l.clone())
}

/// How an answer reads: its value, or one of the marks, or "(empty)".
fn answer<T: zeroize::Zeroize>(a: &Answer<T>, lang: Lang, show: impl Fn(&T) -> String) -> String {
    match a {
        Answer::Empty => Msg::AnswerEmpty.text(lang).into(),
        Answer::NotAsked => format!("‹{}›", Msg::IntakeMarkNotAsked.text(lang)),
        Answer::Unknown => format!("‹{}›", Msg::IntakeMarkUnknown.text(lang)),
        Answer::Declined => format!("‹{}›", Msg::IntakeMarkDeclined.text(lang)),
        Answer::Given(v) => show(v),
    }
}

/// (label, value) rows of the confirm page.
pub fn lines(
    data: &PersonalData,
    refs: &Refs,
    household: Option<&str>,
    lang: Lang,
) -> Vec<(Msg, String)> {
    let list = |l: &[(RefId, String)], ids: &Vec<RefId>| {
        ids.iter()
            .map(|id| label_of(l, *id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let empty = || Msg::AnswerEmpty.text(lang).to_string();
    let consent = &data.consent;
    let consent_text = if consent.store_at_mila {
        fill(
            Msg::IntakeConsentSummary,
            lang,
            &[
                (
                    "date",
                    &day_from_key(consent.day).map_or_else(String::new, |d| format_date(d, lang)),
                ),
                ("version", &consent.text_version),
            ],
        )
    } else {
        Msg::IntakeConsentMissing.text(lang).into()
    };
    let partners = if consent.pass_to_partners.is_empty() {
        Msg::ReportNone.text(lang).to_string()
    } else {
        consent.pass_to_partners.join(", ")
    };
    let referrals = if data.referrals.is_empty() {
        Msg::ReportNone.text(lang).to_string()
    } else {
        data.referrals
            .iter()
            .map(|r| {
                refs.offerings
                    .iter()
                    .find(|(o, _)| *o == r.offering)
                    .map_or_else(|| format!("#{}", r.offering), |(_, n)| n.clone())
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    vec![
        (Msg::IntakeStepConsent, consent_text),
        (
            Msg::IntakeExplainedIn,
            consent
                .explained_in
                .map_or_else(empty, |id| label_of(&refs.languages, id)),
        ),
        (Msg::IntakePartners, partners),
        (
            Msg::IntakeName,
            if data.name.is_empty() {
                empty()
            } else {
                data.name.clone()
            },
        ),
        (
            Msg::IntakeNameLatin,
            if data.name_latin.is_empty() {
                empty()
            } else {
                data.name_latin.clone()
            },
        ),
        (Msg::IntakeBirth, answer(&data.birth, lang, |b| b.display())),
        (
            Msg::IntakeGender,
            answer(&data.gender, lang, |g| gender_label(*g).text(lang).into()),
        ),
        (Msg::IntakePhone, answer(&data.phone, lang, Clone::clone)),
        (
            Msg::IntakeNationality,
            answer(&data.nationality, lang, |id| {
                label_of(&refs.nationalities, *id)
            }),
        ),
        (
            Msg::IntakeLanguages,
            answer(&data.languages, lang, |ids| list(&refs.languages, ids)),
        ),
        (
            Msg::IntakeGermanLevel,
            answer(&data.german_level, lang, |l| level_label(*l, lang)),
        ),
        (
            Msg::IntakeInterpreter,
            answer(&data.interpreter_needed, lang, |yes| {
                if *yes { Msg::Yes } else { Msg::No }.text(lang).into()
            }),
        ),
        (
            Msg::IntakeHousing,
            answer(&data.housing, lang, |h| match h {
                Housing::Private => Msg::AccessPrivate.text(lang).into(),
                Housing::Unit(id) => label_of(&refs.housing, *id),
            }),
        ),
        (
            Msg::IntakeStepHousehold,
            household.map_or_else(|| Msg::ReportNone.text(lang).to_string(), str::to_string),
        ),
        (
            Msg::IntakeNeeds,
            answer(&data.needs, lang, |ids| list(&refs.needs, ids)),
        ),
        (Msg::IntakeReferrals, referrals),
    ]
}
