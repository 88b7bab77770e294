//! Registering, reading, changing and erasing visitors. Personal data is
//! sealed under the data key with the visitor number as associated data.

use jiff::civil::Date;
use zeroize::Zeroizing;

use super::login::Login;
use super::personal::PersonalData;
use super::roles::Capability;
use super::{Desk, DeskError, DeskResult};
use crate::search::{Entry, SearchIndex};
use crate::store::codec;
use crate::store::records::{
    AuditAction, SessionId, VisitorMeta, VisitorNo, VisitorStatus, day_from_key, day_key,
};
use crate::store::tables::{INCOMPLETE_INTAKES, PERSONAL, SESSIONS, VISITORS, VISITORS_BY_DAY};
use crate::store::{Read, Writer};
use crate::vault::{self, DataKey, SealContext, Sealed};

fn context(no: VisitorNo) -> SealContext<'static> {
    SealContext {
        table: PERSONAL.name,
        record: u64::from(no),
        format: codec::FORMAT_VERSION,
    }
}

pub(super) fn seal_personal(
    key: &DataKey,
    no: VisitorNo,
    data: &PersonalData,
) -> DeskResult<Sealed> {
    let plain = Zeroizing::new(
        codec::encode(data).map_err(|_| DeskError::invalid("visitor", "cannot be encoded"))?,
    );
    Ok(vault::seal(key, context(no), &plain)?)
}

pub(super) fn open_personal(
    key: &DataKey,
    no: VisitorNo,
    sealed: &Sealed,
) -> DeskResult<PersonalData> {
    let plain = vault::open(key, context(no), sealed)?;
    codec::decode(&plain)
        .map_err(|e| crate::store::StoreError::damaged_record(PERSONAL.name, e).into())
}

/// Reads and opens one visitor's personal data.
pub(super) fn personal_in(
    r: &impl Read,
    key: &DataKey,
    no: VisitorNo,
) -> DeskResult<(VisitorMeta, PersonalData)> {
    let meta = r.get(VISITORS, &no)?.ok_or(DeskError::NoSuchVisitor(no))?;
    if meta.status == VisitorStatus::Erased {
        return Err(DeskError::Erased(no));
    }
    let sealed = r.get(PERSONAL, &no)?.ok_or_else(|| {
        crate::store::StoreError::Damaged(format!("personal data of visitor {no} is missing"))
    })?;
    Ok((meta, open_personal(key, no, &sealed)?))
}

/// The search entry of one visitor, for the index after a change.
pub fn entry_of(number: VisitorNo, data: &PersonalData) -> Entry {
    Entry {
        number,
        name: data.name.clone(),
        name_latin: data.name_latin.clone(),
        birth_year: data.birth_year(),
        phone: data.phone_text().to_string(),
    }
}

/// Everything shown on the visitor card.
#[derive(Debug, Clone)]
pub struct VisitorCard {
    pub number: VisitorNo,
    pub meta: VisitorMeta,
    pub data: PersonalData,
    /// Other members of the household.
    pub household: Vec<VisitorNo>,
    /// Sessions attended, newest first: (session, date, offering or title).
    pub history: Vec<(SessionId, Date, String)>,
}

fn status_for(complete: bool) -> VisitorStatus {
    if complete {
        VisitorStatus::Complete
    } else {
        VisitorStatus::Incomplete
    }
}

fn household_members(r: &impl Read, household: VisitorNo) -> DeskResult<Vec<VisitorNo>> {
    let mut out = Vec::new();
    r.scan(VISITORS, .., false, |no, meta| {
        if meta.household == Some(household) && meta.status != VisitorStatus::Erased {
            out.push(no);
        }
        Ok(true)
    })?;
    Ok(out)
}

impl Desk {
    /// Registers a visitor in one durable commit and returns the new number.
    /// `complete` is false for a short intake (consent and name only).
    /// `household_with` joins the household of an already registered visitor.
    pub fn register_visitor(
        &self,
        by: &Login,
        data: &PersonalData,
        complete: bool,
        household_with: Option<VisitorNo>,
    ) -> DeskResult<VisitorNo> {
        let key = by.key(Capability::WritePersonal)?;
        data.validate()?;
        // Consent given "today" under a demonstration date (MILA_TODAY) is
        // dated by the clock: the date it was really given.
        let shown = day_key(self.today());
        let real = day_key(self.protective_today());
        let redated;
        let data = if data.consent.day == shown && shown != real {
            let mut copy = data.clone();
            copy.consent.day = real;
            redated = copy;
            &redated
        } else {
            data
        };
        let mut w = self.store.write()?;
        let no = register_in(&mut w, key, data, complete, self.today())?;
        if let Some(other) = household_with {
            join_household(&mut w, no, other)?;
        }
        super::audit::record(&mut w, by.user(), AuditAction::Register, Some(no), "")?;
        w.commit()?;
        Ok(no)
    }

    /// Replaces a visitor's personal data (the intake form used for editing).
    pub fn update_visitor(
        &self,
        by: &Login,
        no: VisitorNo,
        data: &PersonalData,
        complete: bool,
    ) -> DeskResult<()> {
        let key = by.key(Capability::WritePersonal)?;
        data.validate()?;
        let mut w = self.store.write()?;
        let (mut meta, old) = personal_in(&w, key, no)?;
        super::stats::update(&mut w, key, day_key(meta.created), Some(&old), data)?;
        w.put(PERSONAL, &no, &seal_personal(key, no, data)?)?;
        meta.status = status_for(complete);
        w.put(VISITORS, &no, &meta)?;
        mark_incomplete(&mut w, no, &meta)?;
        super::audit::record(&mut w, by.user(), AuditAction::Update, Some(no), "")?;
        w.commit()?;
        Ok(())
    }

    /// Opens the visitor card. Every call is audited as a view.
    pub fn visitor_card(&self, by: &Login, no: VisitorNo) -> DeskResult<VisitorCard> {
        let key = by.key(Capability::ReadPersonal)?;
        let r = self.store.read()?;
        let (mut meta, data) = personal_in(&r, key, no)?;
        let household = match meta.household {
            Some(h) => household_members(&r, h)?
                .into_iter()
                .filter(|&n| n != no)
                .collect(),
            None => Vec::new(),
        };
        let mut history = Vec::new();
        for sid in super::attendance::sessions_of(&r, no)? {
            if let Some(s) = r.get(SESSIONS, &sid)? {
                let view = super::sessions::view_in(&r, sid, s)?;
                history.push((sid, view.record.date, view.title().to_string()));
            }
        }
        history.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        // A check-in does not rewrite the visitor record (see `check_in_one`).
        if let Some(&(_, newest, _)) = history.first() {
            meta.last_seen = meta.last_seen.max(newest);
        }
        drop(r);
        self.audit(by, AuditAction::View, Some(no))?;
        Ok(VisitorCard {
            number: no,
            meta,
            data,
            household,
            history,
        })
    }

    /// Plaintext facts about a visitor number; no key needed (volunteers
    /// check in by number).
    pub fn visitor_meta(&self, no: VisitorNo) -> DeskResult<VisitorMeta> {
        self.store
            .read()?
            .get(VISITORS, &no)?
            .ok_or(DeskError::NoSuchVisitor(no))
    }

    /// Every visitor's search entry (erased visitors have none): for the
    /// index at unlock and for the CLI. Read from the sealed search cache
    /// where its block is up to date, else from the records, which are
    /// then cached (see `search_cache`).
    pub fn visitor_entries(&self, by: &Login) -> DeskResult<Vec<Entry>> {
        let key = by.key(Capability::ReadPersonal)?;
        let loaded = super::search_cache::load(&self.store.read()?, key)?;
        if !loaded.stale.is_empty() {
            // Best effort: without the cache the next unlock is slower, not wrong.
            let _ = self.cache_entries(key, &loaded);
        }
        Ok(loaded.entries)
    }

    fn cache_entries(&self, key: &DataKey, loaded: &super::search_cache::Loaded) -> DeskResult<()> {
        let mut w = self.store.write()?;
        super::search_cache::store_stale(&mut w, key, loaded)?;
        w.commit()?;
        Ok(())
    }

    /// The in-memory index of every unlocked visitor. It holds decrypted
    /// names: the UI drops it on lock.
    pub fn search_index(&self, by: &Login) -> DeskResult<SearchIndex> {
        Ok(SearchIndex::new(self.visitor_entries(by)?))
    }

    /// How many visitors were registered on `date`.
    pub fn registrations_on(&self, date: Date) -> DeskResult<u32> {
        let day = day_key(date);
        let keys = self
            .store
            .read()?
            .index_keys(VISITORS_BY_DAY, (day, 0)..=(day, VisitorNo::MAX))?;
        Ok(u32::try_from(keys.len()).unwrap_or(u32::MAX))
    }

    /// Short intakes still to be completed, oldest first: (number, created).
    pub fn incomplete_intakes(&self) -> DeskResult<Vec<(VisitorNo, Date)>> {
        let keys = self.store.read()?.index_keys(INCOMPLETE_INTAKES, ..)?;
        Ok(keys
            .into_iter()
            .filter_map(|(day, no)| Some((no, day_from_key(day)?)))
            .collect())
    }

    /// Puts `no` into the household of `other`.
    pub fn link_household(&self, by: &Login, no: VisitorNo, other: VisitorNo) -> DeskResult<()> {
        by.require(Capability::WritePersonal)?;
        if no == other {
            return Err(DeskError::invalid(
                "household",
                "a visitor cannot join themself",
            ));
        }
        let mut w = self.store.write()?;
        join_household(&mut w, no, other)?;
        super::audit::record(
            &mut w,
            by.user(),
            AuditAction::Update,
            Some(no),
            "household",
        )?;
        w.commit()?;
        Ok(())
    }

    /// Takes `no` out of their household.
    pub fn leave_household(&self, by: &Login, no: VisitorNo) -> DeskResult<()> {
        by.require(Capability::WritePersonal)?;
        let mut w = self.store.write()?;
        let mut meta = w.get(VISITORS, &no)?.ok_or(DeskError::NoSuchVisitor(no))?;
        let Some(household) = meta.household.take() else {
            return Ok(());
        };
        w.put(VISITORS, &no, &meta)?;
        let rest = household_members(&w, household)?;
        if let [alone] = rest[..] {
            // A household of one is no household.
            if let Some(mut m) = w.get(VISITORS, &alone)? {
                m.household = None;
                w.put(VISITORS, &alone, &m)?;
            }
        }
        super::audit::record(
            &mut w,
            by.user(),
            AuditAction::Update,
            Some(no),
            "household",
        )?;
        w.commit()?;
        Ok(())
    }

    /// All members of the visitor's household, the visitor included, in
    /// number order; just the visitor when there is no household.
    pub fn household(&self, no: VisitorNo) -> DeskResult<Vec<VisitorNo>> {
        let r = self.store.read()?;
        let meta = r.get(VISITORS, &no)?.ok_or(DeskError::NoSuchVisitor(no))?;
        match meta.household {
            Some(h) => household_members(&r, h),
            None => Ok(vec![no]),
        }
    }

    pub(super) fn audit(
        &self,
        by: &Login,
        action: AuditAction,
        no: Option<VisitorNo>,
    ) -> DeskResult<()> {
        self.audit_detail(by, action, no, "")
    }

    pub(super) fn audit_detail(
        &self,
        by: &Login,
        action: AuditAction,
        no: Option<VisitorNo>,
        detail: &str,
    ) -> DeskResult<()> {
        let mut w = self.store.write()?;
        super::audit::record(&mut w, by.user(), action, no, detail)?;
        w.commit()?;
        Ok(())
    }
}

/// Keeps the index of short intakes in step with a visitor's status.
pub(super) fn mark_incomplete(w: &mut Writer, no: VisitorNo, meta: &VisitorMeta) -> DeskResult<()> {
    let key = (day_key(meta.created), no);
    if meta.status == VisitorStatus::Incomplete {
        w.index_insert(INCOMPLETE_INTAKES, &key)?;
    } else {
        w.index_remove(INCOMPLETE_INTAKES, &key)?;
    }
    Ok(())
}

/// Registers inside the caller's transaction (also used by the import).
pub(super) fn register_in(
    w: &mut Writer,
    key: &DataKey,
    data: &PersonalData,
    complete: bool,
    today: Date,
) -> DeskResult<VisitorNo> {
    let no = w.last(VISITORS)?.map_or(1, |(k, _)| k + 1);
    let meta = VisitorMeta {
        created: today,
        last_seen: today,
        status: status_for(complete),
        household: None,
    };
    w.put(VISITORS, &no, &meta)?;
    w.index_insert(VISITORS_BY_DAY, &(day_key(today), no))?;
    mark_incomplete(w, no, &meta)?;
    w.put(PERSONAL, &no, &seal_personal(key, no, data)?)?;
    super::stats::update(w, key, day_key(today), None, data)?;
    Ok(no)
}

fn join_household(w: &mut Writer, no: VisitorNo, other: VisitorNo) -> DeskResult<()> {
    let mut other_meta = w
        .get(VISITORS, &other)?
        .ok_or(DeskError::NoSuchVisitor(other))?;
    let mut meta = w.get(VISITORS, &no)?.ok_or(DeskError::NoSuchVisitor(no))?;
    if other_meta.status == VisitorStatus::Erased {
        return Err(DeskError::Erased(other));
    }
    let household = other_meta.household.unwrap_or(other);
    if other_meta.household.is_none() {
        other_meta.household = Some(household);
        w.put(VISITORS, &other, &other_meta)?;
    }
    meta.household = Some(household);
    w.put(VISITORS, &no, &meta)?;
    Ok(())
}
