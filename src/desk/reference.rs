//! Reference lists: housing units, languages, need categories,
//! nationalities, tally categories. Entries in use are archived, not deleted,
//! so old records keep their meaning; an entry nothing refers to may go.

use super::login::Login;
use super::personal::{Housing, PersonalData};
use super::roles::Capability;
use super::{Desk, DeskError, DeskResult};
use crate::store::records::{AuditAction, RefEntry, RefId, RefList, StatKind};
use crate::store::tables::{OFFERINGS, PERSONAL, REFERENCE, TALLIES};
use crate::store::{Read, Reader};
use crate::vault::DataKey;

/// What removing a list entry did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefRemoval {
    /// Nothing referred to it: it is gone.
    Deleted,
    /// Some record refers to it: it is hidden from new choices but keeps
    /// its label for the records that use it.
    Archived,
}

fn person_uses(data: &PersonalData, list: RefList, id: RefId) -> bool {
    match list {
        RefList::Housing => data.housing.given() == Some(&Housing::Unit(id)),
        RefList::Languages => {
            data.languages.given().is_some_and(|l| l.contains(&id))
                || data.consent.explained_in == Some(id)
        }
        RefList::Needs => data.needs.given().is_some_and(|n| n.contains(&id)),
        RefList::Nationalities => data.nationality.given() == Some(&id),
        RefList::TallyCategories => false,
    }
}

/// Whether any record refers to the entry: sealed personal data (opened
/// with the key), the anonymous day counters, offerings and tallies.
fn in_use(r: &impl Read, key: &DataKey, list: RefList, id: RefId) -> DeskResult<bool> {
    let stat = match list {
        RefList::Languages => Some(StatKind::NewLanguage),
        RefList::Needs => Some(StatKind::NewNeed),
        _ => None,
    };
    let mut used = false;
    if let Some(kind) = stat {
        used = super::stats::uses(r, key, kind, id)?;
    }
    if list == RefList::TallyCategories {
        r.scan(OFFERINGS, .., false, |_, offering| {
            used = used || offering.tally_categories.contains(&id);
            Ok(!used)
        })?;
        r.scan(TALLIES, .., false, |(_, category), _| {
            used = used || category == id;
            Ok(!used)
        })?;
        return Ok(used);
    }
    let mut failure = None;
    r.scan(PERSONAL, .., false, |no, sealed| {
        match super::visitors::open_personal(key, no, &sealed) {
            Ok(data) => used = person_uses(&data, list, id),
            Err(e) => failure = Some(e),
        }
        Ok(!used && failure.is_none())
    })?;
    match failure {
        // A record that cannot be opened might refer to the entry: keep it.
        Some(e) => Err(e),
        None => Ok(used),
    }
}

pub const MAX_LABEL_CHARS: usize = 80;

/// Labels that differ only in case (any script: „Ärzte“, „ärzte“) are the
/// same entry.
pub fn same_label(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

pub(super) fn list_in(r: &impl Read, list: RefList) -> DeskResult<Vec<(RefId, RefEntry)>> {
    let code = list.code();
    Ok(r.range(REFERENCE, (code, 0)..=(code, RefId::MAX))?
        .into_iter()
        .map(|((_, id), e)| (id, e))
        .collect())
}

/// Label of an entry, or `#id` if it is missing (never fails a report).
pub(super) fn label_in(r: &Reader, list: RefList, id: RefId) -> DeskResult<String> {
    Ok(r.get(REFERENCE, &(list.code(), id))?
        .map_or_else(|| format!("#{id}"), |e| e.label))
}

impl Desk {
    /// All entries of a list, archived ones included (callers filter).
    pub fn reference(&self, list: RefList) -> DeskResult<Vec<(RefId, RefEntry)>> {
        list_in(&self.store.read()?, list)
    }

    /// Adds an entry (`id` None) or renames one.
    pub fn save_reference(
        &self,
        by: &Login,
        list: RefList,
        id: Option<RefId>,
        label: &str,
        shared: bool,
    ) -> DeskResult<RefId> {
        by.require(Capability::ManageReference)?;
        let label = label.trim();
        if label.is_empty() {
            return Err(DeskError::invalid("label", "must not be empty"));
        }
        if label.chars().count() > MAX_LABEL_CHARS {
            return Err(DeskError::invalid(
                "label",
                format!("longer than {MAX_LABEL_CHARS} characters"),
            ));
        }
        let mut w = self.store.write()?;
        let entries = list_in(&w, list)?;
        if entries
            .iter()
            .any(|(other, e)| Some(*other) != id && same_label(&e.label, label))
        {
            return Err(DeskError::invalid("label", "already in the list"));
        }
        let (id, archived) = match id {
            Some(id) => {
                let old = entries
                    .iter()
                    .find(|(i, _)| *i == id)
                    .ok_or(DeskError::NotFound("list entry"))?;
                (id, old.1.archived)
            }
            None => (entries.last().map_or(1, |(i, _)| i + 1), false),
        };
        let entry = RefEntry {
            label: label.to_string(),
            archived,
            shared,
        };
        w.put(REFERENCE, &(list.code(), id), &entry)?;
        super::audit::record(
            &mut w,
            by.user(),
            AuditAction::ReferenceChanged,
            None,
            list.as_str(),
        )?;
        w.commit()?;
        Ok(id)
    }

    /// Archives (hides from new choices) or restores an entry. To delete
    /// one, see [`Desk::remove_reference`], which checks that no record
    /// refers to it first.
    pub fn set_reference_archived(
        &self,
        by: &Login,
        list: RefList,
        id: RefId,
        archived: bool,
    ) -> DeskResult<()> {
        by.require(Capability::ManageReference)?;
        let mut w = self.store.write()?;
        let mut entry = w
            .get(REFERENCE, &(list.code(), id))?
            .ok_or(DeskError::NotFound("list entry"))?;
        entry.archived = archived;
        w.put(REFERENCE, &(list.code(), id), &entry)?;
        super::audit::record(
            &mut w,
            by.user(),
            AuditAction::ReferenceChanged,
            None,
            list.as_str(),
        )?;
        w.commit()?;
        Ok(())
    }

    /// Removes an entry the way the lists promise: deleted when nothing
    /// refers to it, archived otherwise. Opening every visitor's data to
    /// find out needs the data key, so only key holders may do it.
    pub fn remove_reference(&self, by: &Login, list: RefList, id: RefId) -> DeskResult<RefRemoval> {
        by.require(Capability::ManageReference)?;
        let key = by.key(Capability::ReadPersonal)?;
        let mut w = self.store.write()?;
        let mut entry = w
            .get(REFERENCE, &(list.code(), id))?
            .ok_or(DeskError::NotFound("list entry"))?;
        let removal = if in_use(&w, key, list, id)? {
            entry.archived = true;
            w.put(REFERENCE, &(list.code(), id), &entry)?;
            RefRemoval::Archived
        } else {
            w.remove(REFERENCE, &(list.code(), id))?;
            RefRemoval::Deleted
        };
        super::audit::record(
            &mut w,
            by.user(),
            AuditAction::ReferenceChanged,
            None,
            list.as_str(),
        )?;
        w.commit()?;
        Ok(removal)
    }
}
