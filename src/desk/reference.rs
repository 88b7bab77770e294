//! Reference lists: housing units, languages, need categories,
//! nationalities, tally categories. Entries in use are archived, not deleted,
//! so old records keep their meaning.

use super::login::Login;
use super::roles::Capability;
use super::{Desk, DeskError, DeskResult};
use crate::store::records::{AuditAction, RefEntry, RefId, RefList};
use crate::store::tables::REFERENCE;
use crate::store::{Read, Reader};

pub const MAX_LABEL_CHARS: usize = 80;

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
            .any(|(other, e)| Some(*other) != id && e.label.eq_ignore_ascii_case(label))
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

    /// Archives (hides from new choices) or restores an entry. Entries are
    /// never deleted: sealed records may refer to them.
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
}
