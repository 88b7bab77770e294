//! Access export (GDPR Art. 15): everything held about one person.

use jiff::Timestamp;
use jiff::civil::Date;

use super::login::Login;
use super::personal::{Answer, Gender, Housing, PersonalData};
use super::roles::Capability;
use super::{Desk, DeskResult, format_visitor_no};
use crate::report::access::{AccessAuditEntry, AccessCheckIn, AccessExport, AccessPersonal, Field};
use crate::store::records::{AuditAction, RefId, RefList, VisitorNo, VisitorStatus, day_from_key};
use crate::store::tables::{CHECKINS, SESSIONS};
use crate::store::{Read, Reader};
use crate::text::catalog::{Lang, Msg, format_date};

fn field<T: zeroize::Zeroize>(answer: &Answer<T>, show: impl Fn(&T) -> String) -> Field {
    match answer {
        Answer::Empty => Field::Empty,
        Answer::NotAsked => Field::NotAsked,
        Answer::Unknown => Field::Unknown,
        Answer::Declined => Field::Declined,
        Answer::Given(v) => Field::Given(show(v)),
    }
}

fn personal(
    r: &Reader,
    data: &PersonalData,
    desk: &Desk,
    lang: Lang,
) -> DeskResult<AccessPersonal> {
    let label = |list: RefList, id: RefId| super::reference::label_in(r, list, id);
    let labels = |list: RefList, ids: &Vec<RefId>| -> String {
        ids.iter()
            .map(|id| label(list, *id).unwrap_or_else(|_| format!("#{id}")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let yes_no = |b: &bool| if *b { Msg::Yes } else { Msg::No }.text(lang).to_string();
    let offerings = desk.offerings()?;
    let offering_name = |id| {
        offerings
            .iter()
            .find(|(i, _)| *i == id)
            .map_or_else(|| format!("#{id}"), |(_, o)| o.name.clone())
    };
    let day = |key: u32| day_from_key(key).map_or_else(String::new, |d| format_date(d, lang));
    Ok(AccessPersonal {
        name: data.name.clone(),
        name_latin: data.name_latin.clone(),
        birth_date: field(&data.birth, |b| b.display()),
        gender: field(&data.gender, |g| {
            match g {
                Gender::Female => Msg::AccessFemale,
                Gender::Male => Msg::AccessMale,
                Gender::Diverse => Msg::AccessDiverse,
            }
            .text(lang)
            .to_string()
        }),
        phone: field(&data.phone, String::clone),
        nationality: field(&data.nationality, |id| {
            label(RefList::Nationalities, *id).unwrap_or_else(|_| format!("#{id}"))
        }),
        languages: field(&data.languages, |ids| labels(RefList::Languages, ids)),
        german_level: field(&data.german_level, |l| {
            l.cefr()
                .map_or_else(|| Msg::AccessNoGerman.text(lang).to_string(), Into::into)
        }),
        interpreter_needed: field(&data.interpreter_needed, yes_no),
        housing: field(&data.housing, |h| match h {
            Housing::Private => Msg::AccessPrivate.text(lang).to_string(),
            Housing::Unit(id) => label(RefList::Housing, *id).unwrap_or_else(|_| format!("#{id}")),
        }),
        needs: field(&data.needs, |ids| labels(RefList::Needs, ids)),
        referrals: data
            .referrals
            .iter()
            .map(|r| format!("{} ({})", offering_name(r.offering), day(r.day)))
            .collect(),
        consent_date: day(data.consent.day),
        consent_text_version: data.consent.text_version.clone(),
        consent_explained_in: data
            .consent
            .explained_in
            .map(|id| label(RefList::Languages, id).unwrap_or_else(|_| format!("#{id}")))
            .unwrap_or_default(),
        consent_store_at_mila: data.consent.store_at_mila,
        consent_pass_to_partners: data.consent.pass_to_partners.clone(),
        notes: data.notes.clone(),
    })
}

impl Desk {
    /// Everything held about one visitor, for handing to them (Art. 15),
    /// with answers spelled in `lang`. Coordinators only; audited.
    pub fn access_export(&self, by: &Login, no: VisitorNo, lang: Lang) -> DeskResult<AccessExport> {
        let key = by.key(Capability::ExportPersonal)?;
        let r = self.store.read()?;
        let (meta, data) = super::visitors::personal_in(&r, key, no)?;
        let household = match meta.household {
            Some(_) => self
                .household(no)?
                .into_iter()
                .filter(|n| *n != no)
                .map(format_visitor_no)
                .collect(),
            None => Vec::new(),
        };
        let mut check_ins = Vec::new();
        for sid in super::attendance::sessions_of(&r, no)? {
            let (Some(session), Some(record)) =
                (r.get(SESSIONS, &sid)?, r.get(CHECKINS, &(sid, no))?)
            else {
                continue;
            };
            let view = super::sessions::view_in(&r, sid, session)?;
            check_ins.push(AccessCheckIn {
                date: view.record.date,
                offering: view.title().to_string(),
                checked_in_at: record.at,
                checked_in_by: record.by,
            });
        }
        check_ins.sort_by_key(|c| c.checked_in_at);
        // A check-in does not rewrite the visitor record (see `check_in_one`).
        let last_seen = check_ins
            .iter()
            .map(|c| c.date)
            .fold(meta.last_seen, Date::max);
        let personal = personal(&r, &data, self, lang)?;
        drop(r);
        self.audit(by, AuditAction::Export, Some(no))?;
        let filter = super::AuditFilter {
            visitor: Some(no),
            ..Default::default()
        };
        let mut audit: Vec<AccessAuditEntry> = self
            .audit_entries_unchecked(&filter)?
            .into_iter()
            .map(|(_, e)| AccessAuditEntry {
                at: e.at,
                user: e.user,
                action: super::audit_action_word(e.action).text(lang).to_string(),
                detail: e.detail,
            })
            .collect();
        audit.reverse();
        Ok(AccessExport {
            number: format_visitor_no(no),
            exported_at: Timestamp::now(),
            exported_by: by.user().to_string(),
            registered: meta.created,
            last_seen,
            complete_intake: meta.status == VisitorStatus::Complete,
            household,
            personal,
            check_ins,
            audit,
            mediation_requests: super::mediation::access_requests(self, key, no)?,
        })
    }
}

impl Desk {
    /// A visitor's answers spelled out in `lang`, reference entries and
    /// offerings by their labels: what the visitor card shows. The caller
    /// already holds the opened data, so no capability is checked here.
    pub fn spell_out(&self, data: &PersonalData, lang: Lang) -> DeskResult<AccessPersonal> {
        let r = self.store.read()?;
        personal(&r, data, self, lang)
    }
}
