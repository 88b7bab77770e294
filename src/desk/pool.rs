//! The interpreter pool (Sprachvermittlung): staff and external volunteers
//! who mediate, with their languages, usual times and sealed contact details,
//! and the question the desk asks every day: who can mediate this language
//! on that day?

use std::collections::BTreeSet;

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::login::Login;
use super::roles::Capability;
use super::{Desk, DeskError, DeskResult};
use crate::store::codec;
use crate::store::records::{
    AuditAction, AvailabilitySlot, LanguageLevel, PoolId, PoolLanguage, PoolMember, RefId, RefList,
    day_key,
};
use crate::store::tables::{LOGINS_BY_DAY, POOL, POOL_CONTACT, STAFF};
use crate::store::{Read, Writer};
use crate::vault::{self, DataKey, SealContext, Sealed};

pub const MAX_POOL_TEXT: usize = 200;

/// A pool member's sealed part: who they are and how to reach them.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct PoolContact {
    pub name: String,
    pub phone: String,
    pub email: String,
    /// Availability in words ("nach Absprache, nicht in den Ferien").
    pub note: String,
}

impl std::fmt::Debug for PoolContact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PoolContact(sealed)")
    }
}

/// What staff enter to add or change a pool member.
#[derive(Debug, Clone)]
pub struct PoolInput {
    pub contact: PoolContact,
    pub account: Option<String>,
    pub languages: Vec<PoolLanguage>,
    pub available: Vec<AvailabilitySlot>,
}

/// A pool member as the signed-in person may see them: without a key only
/// the first name, languages and times.
#[derive(Debug, Clone)]
pub struct PoolView {
    pub id: PoolId,
    pub member: PoolMember,
    pub contact: Option<PoolContact>,
}

impl PoolView {
    /// The full name when the key opened it, else the first name.
    pub fn shown_name(&self) -> &str {
        self.contact
            .as_ref()
            .map_or(self.member.first_name.as_str(), |c| c.name.as_str())
    }

    pub fn level_in(&self, language: RefId) -> Option<LanguageLevel> {
        level_of(&self.member, language)
    }
}

/// Someone who can mediate a language on a day, best first.
#[derive(Debug, Clone)]
pub struct Mediator {
    pub id: PoolId,
    pub name: String,
    pub level: LanguageLevel,
    /// Signed in at the desk today.
    pub on_duty: bool,
    /// Their usual hours on that weekday; None: the whole day or on duty.
    pub hours: Option<(Time, Time)>,
}

fn context(id: PoolId) -> SealContext<'static> {
    SealContext {
        table: POOL_CONTACT.name,
        record: u64::from(id),
        format: codec::FORMAT_VERSION,
    }
}

pub(super) fn seal_contact(key: &DataKey, id: PoolId, contact: &PoolContact) -> DeskResult<Sealed> {
    let plain = Zeroizing::new(
        codec::encode(contact).map_err(|_| DeskError::invalid("pool", "cannot be encoded"))?,
    );
    Ok(vault::seal(key, context(id), &plain)?)
}

pub(super) fn open_contact(r: &impl Read, key: &DataKey, id: PoolId) -> DeskResult<PoolContact> {
    let Some(sealed) = r.get(POOL_CONTACT, &id)? else {
        return Ok(PoolContact::default());
    };
    let plain = vault::open(key, context(id), &sealed)?;
    codec::decode(&plain)
        .map_err(|e| crate::store::StoreError::damaged_record(POOL_CONTACT.name, e).into())
}

pub(super) fn level_of(member: &PoolMember, language: RefId) -> Option<LanguageLevel> {
    member
        .languages
        .iter()
        .filter(|l| l.language == language)
        .map(|l| l.level)
        .min()
}

fn first_name(name: &str) -> String {
    name.split_whitespace().next().unwrap_or("").to_string()
}

/// The id of a language label in the reference list (not archived), or an
/// error that names the list and its entries.
pub(super) fn language_id(r: &impl Read, label: &str) -> DeskResult<RefId> {
    let list = super::reference::list_in(r, RefList::Languages)?;
    list.iter()
        .find(|(_, e)| !e.archived && super::reference::same_label(&e.label, label))
        .map(|(id, _)| *id)
        .ok_or_else(|| {
            let known: Vec<&str> = list
                .iter()
                .filter(|(_, e)| !e.archived)
                .map(|(_, e)| e.label.as_str())
                .collect();
            DeskError::invalid(
                "language",
                format!(
                    "unknown language '{}'; it must come from the languages list (F8, Auswahllisten): {}",
                    label.trim(),
                    known.join(", ")
                ),
            )
        })
}

fn validate(r: &impl Read, input: &PoolInput) -> DeskResult<()> {
    if input.contact.name.trim().is_empty() {
        return Err(DeskError::invalid("name", "a name is required"));
    }
    for (field, text) in [
        ("name", &input.contact.name),
        ("phone", &input.contact.phone),
        ("email", &input.contact.email),
        ("note", &input.contact.note),
    ] {
        if text.chars().count() > MAX_POOL_TEXT {
            return Err(DeskError::invalid(
                field,
                format!("longer than {MAX_POOL_TEXT} characters"),
            ));
        }
    }
    if input.languages.is_empty() {
        return Err(DeskError::invalid("languages", "at least one language"));
    }
    let known: BTreeSet<RefId> = super::reference::list_in(r, RefList::Languages)?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    if let Some(bad) = input
        .languages
        .iter()
        .find(|l| !known.contains(&l.language))
    {
        return Err(DeskError::invalid(
            "languages",
            format!(
                "unknown language #{}; it must come from the languages list",
                bad.language
            ),
        ));
    }
    if let Some(account) = &input.account
        && r.get(STAFF, account)?.is_none()
    {
        return Err(DeskError::invalid(
            "user",
            format!("no staff account named '{account}' (see `mila staff list`)"),
        ));
    }
    Ok(())
}

fn member_of(input: &PoolInput, created: Date) -> PoolMember {
    let mut languages: Vec<PoolLanguage> = Vec::new();
    for l in &input.languages {
        // The same language twice keeps the better level.
        match languages.iter_mut().find(|o| o.language == l.language) {
            Some(o) => o.level = o.level.min(l.level),
            None => languages.push(*l),
        }
    }
    PoolMember {
        first_name: first_name(&input.contact.name),
        account: input.account.clone(),
        languages,
        available: input.available.clone(),
        created,
        removed: false,
    }
}

/// Whether a member is usually there on `date` (at `time`, if given).
pub(super) fn available_on(
    member: &PoolMember,
    date: Date,
    time: Option<Time>,
) -> Option<Option<(Time, Time)>> {
    let weekday = u8::try_from(date.weekday().to_monday_one_offset()).unwrap_or(0);
    member
        .available
        .iter()
        .filter(|s| s.weekday == weekday)
        .find(|s| match (s.hours, time) {
            (Some((from, to)), Some(t)) => from <= t && t < to,
            _ => true,
        })
        .map(|s| s.hours)
}

/// Pool members who speak `language` and are there on `date` (at `time`):
/// on duty (signed in that day, if it is today) or by their usual times.
/// Best level first, then on duty, then name.
pub(super) fn mediators_in(
    r: &impl Read,
    key: Option<&DataKey>,
    language: RefId,
    date: Date,
    time: Option<Time>,
    today: Date,
) -> DeskResult<Vec<Mediator>> {
    let on_duty: BTreeSet<String> = if date == today {
        let day = day_key(date);
        r.index_keys(
            LOGINS_BY_DAY,
            (day, String::new())..(day + 1, String::new()),
        )?
        .into_iter()
        .map(|(_, user)| user)
        .collect()
    } else {
        BTreeSet::new()
    };
    let mut out = Vec::new();
    for (id, member) in r.range(POOL, ..)? {
        if member.removed {
            continue;
        }
        let Some(level) = level_of(&member, language) else {
            continue;
        };
        let duty = member.account.as_ref().is_some_and(|a| on_duty.contains(a));
        let usual = available_on(&member, date, time);
        if !duty && usual.is_none() {
            continue;
        }
        let name = match key {
            Some(key) => open_contact(r, key, id)?.name.clone(),
            None => member.first_name.clone(),
        };
        out.push(Mediator {
            id,
            name,
            level,
            on_duty: duty,
            hours: usual.flatten(),
        });
    }
    out.sort_by(|a, b| {
        a.level
            .cmp(&b.level)
            .then(b.on_duty.cmp(&a.on_duty))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(out)
}

fn audit(w: &mut Writer, by: &Login, detail: String) -> DeskResult<()> {
    super::audit::record(w, by.user(), AuditAction::PoolChanged, None, &detail)?;
    Ok(())
}

impl Desk {
    /// Adds a pool member (coordinators). Returns the new id.
    pub fn add_pool_member(&self, by: &Login, input: &PoolInput) -> DeskResult<PoolId> {
        let key = by.key(Capability::ManagePool)?;
        let mut w = self.store.write()?;
        validate(&w, input)?;
        let id = w.last(POOL)?.map_or(1, |(k, _)| k + 1);
        w.put(POOL, &id, &member_of(input, self.today()))?;
        w.put(POOL_CONTACT, &id, &seal_contact(key, id, &input.contact)?)?;
        audit(&mut w, by, format!("pool {id} added"))?;
        w.commit()?;
        Ok(id)
    }

    /// Changes a pool member (coordinators).
    pub fn update_pool_member(&self, by: &Login, id: PoolId, input: &PoolInput) -> DeskResult<()> {
        let key = by.key(Capability::ManagePool)?;
        let mut w = self.store.write()?;
        let old = w.get(POOL, &id)?.filter(|m| !m.removed);
        let old = old.ok_or(DeskError::NotFound("pool member"))?;
        validate(&w, input)?;
        w.put(POOL, &id, &member_of(input, old.created))?;
        w.put(POOL_CONTACT, &id, &seal_contact(key, id, &input.contact)?)?;
        audit(&mut w, by, format!("pool {id} changed"))?;
        w.commit()?;
        Ok(())
    }

    /// Erases a pool member (coordinators): name, contact, languages and times
    /// go, the id stays so past requests still count. The file is rewritten
    /// so the sealed bytes are gone from it.
    pub fn remove_pool_member(&self, by: &Login, id: PoolId) -> DeskResult<()> {
        by.require(Capability::ManagePool)?;
        let mut w = self.store.write()?;
        let mut member = w
            .get(POOL, &id)?
            .filter(|m| !m.removed)
            .ok_or(DeskError::NotFound("pool member"))?;
        member.first_name.clear();
        member.account = None;
        member.languages.clear();
        member.available.clear();
        member.removed = true;
        w.put(POOL, &id, &member)?;
        w.remove(POOL_CONTACT, &id)?;
        audit(&mut w, by, format!("pool {id} removed"))?;
        w.commit()?;
        self.store.rewrite()?;
        Ok(())
    }

    /// The pool, by id, removed members left out. With a key the contact
    /// details are opened; volunteers see first names and languages only.
    pub fn pool(&self, by: &Login) -> DeskResult<Vec<PoolView>> {
        let r = self.store.read()?;
        let key = by
            .may(Capability::ReadPersonal)
            .then(|| by.data_key())
            .flatten();
        let mut out = Vec::new();
        for (id, member) in r.range(POOL, ..)? {
            if member.removed {
                continue;
            }
            let contact = match key {
                Some(key) => Some(open_contact(&r, key, id)?),
                None => None,
            };
            out.push(PoolView {
                id,
                member,
                contact,
            });
        }
        Ok(out)
    }

    /// Who can mediate `language` on `date` (at `time`), best first.
    pub fn mediators(
        &self,
        by: &Login,
        language: RefId,
        date: Date,
        time: Option<Time>,
    ) -> DeskResult<Vec<Mediator>> {
        let key = by
            .may(Capability::ReadPersonal)
            .then(|| by.data_key())
            .flatten();
        mediators_in(&self.store.read()?, key, language, date, time, self.today())
    }

    /// The id of a language of the reference list, by its label; the error
    /// names the list it must come from.
    pub fn language_by_label(&self, label: &str) -> DeskResult<RefId> {
        language_id(&self.store.read()?, label)
    }

    /// A pool member by what staff type: `#3`/`3`, the full name, the
    /// account, or one word of the name that only one member has; looked up
    /// for an act that needs `purpose`, which is checked first, so that
    /// someone who may not act learns nothing of who is in the pool.
    pub fn find_pool_member(
        &self,
        by: &Login,
        text: &str,
        purpose: Capability,
    ) -> DeskResult<PoolId> {
        by.require(purpose)?;
        let text = text.trim();
        let pool = self.pool(by)?;
        if let Ok(id) = text.trim_start_matches('#').parse::<PoolId>()
            && pool.iter().any(|p| p.id == id)
        {
            return Ok(id);
        }
        let same = super::reference::same_label;
        let exact: Vec<PoolId> = pool
            .iter()
            .filter(|p| {
                p.contact.as_ref().is_some_and(|c| same(&c.name, text))
                    || p.member.account.as_deref().is_some_and(|a| a == text)
            })
            .map(|p| p.id)
            .collect();
        // One word of the name ("Almaz" of "Almaz Tesfay"), if only one has it.
        let by_first: Vec<PoolId> = pool
            .iter()
            .filter(|p| {
                same(&p.member.first_name, text)
                    || p.contact
                        .as_ref()
                        .is_some_and(|c| c.name.split_whitespace().any(|w| same(w, text)))
            })
            .map(|p| p.id)
            .collect();
        match (exact.as_slice(), by_first.as_slice()) {
            ([id], _) | ([], [id]) => Ok(*id),
            ([], []) => Err(DeskError::invalid(
                "interpreter",
                format!("no one in the pool is called '{text}' (see `mila pool list`)"),
            )),
            _ => Err(DeskError::invalid(
                "interpreter",
                format!("'{text}' names several pool members; give the full name or #id"),
            )),
        }
    }
}
