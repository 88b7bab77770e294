//! "Who can mediate today" as the visitor card and the check-in say it:
//! one line per language of a visitor without German, best level first,
//! or that no one in the pool speaks it.

use crate::desk::{Desk, DeskError, LanguageLevel, Login, Mediator, VisitorNo};
use crate::ui::catalog::{Lang, Msg, fill};

pub fn level_text(level: LanguageLevel, lang: Lang) -> &'static str {
    match level {
        LanguageLevel::Native => Msg::LevelNative.text(lang),
        LanguageLevel::Good => Msg::LevelGood.text(lang),
        LanguageLevel::Some => Msg::LevelSome.text(lang),
    }
}

/// `Almaz Tesfay (Muttersprache, 09:00–12:00)` or `… (gut, im Dienst)`.
pub fn mediator_text(m: &Mediator, lang: Lang) -> String {
    let when = if m.on_duty {
        Msg::MediationOnDuty.text(lang).to_string()
    } else {
        match m.hours {
            Some((from, to)) => format!("{}–{}", from.strftime("%H:%M"), to.strftime("%H:%M")),
            None => Msg::MediationAllDay.text(lang).to_string(),
        }
    };
    format!("{} ({}, {when})", m.name, level_text(m.level, lang))
}

/// One line per language the visitor needs mediated; empty when they need none.
pub fn today_lines(
    desk: &Desk,
    login: &Login,
    no: VisitorNo,
    lang: Lang,
) -> Result<Vec<String>, DeskError> {
    lines(desk, login, no, lang, true)
}

/// The same with names only, for the one-line message after a check-in.
pub fn today_short(
    desk: &Desk,
    login: &Login,
    no: VisitorNo,
    lang: Lang,
) -> Result<Vec<String>, DeskError> {
    lines(desk, login, no, lang, false)
}

fn lines(
    desk: &Desk,
    login: &Login,
    no: VisitorNo,
    lang: Lang,
    detailed: bool,
) -> Result<Vec<String>, DeskError> {
    Ok(desk
        .mediators_for_visitor(login, no)?
        .into_iter()
        .map(|(_, label, found)| {
            if found.is_empty() {
                let msg = if detailed {
                    Msg::MediationNoOne
                } else {
                    Msg::MediationNoOneShort
                };
                fill(msg, lang, &[("language", &label)])
            } else {
                let names: Vec<String> = found
                    .iter()
                    .map(|m| {
                        if detailed {
                            mediator_text(m, lang)
                        } else {
                            m.name.clone()
                        }
                    })
                    .collect();
                format!("{label}: {}", names.join(", "))
            }
        })
        .collect())
}
