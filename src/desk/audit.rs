//! The audit log: who created, changed, viewed or erased which visitor
//! number, when. Entries never hold personal data.

use std::ops::Bound;

use jiff::Timestamp;

use super::login::Login;
use super::roles::Capability;
use super::{Desk, DeskResult};
use crate::store::records::{AuditAction, AuditEntry, VisitorNo};
use crate::store::tables::{AUDIT, AUDIT_BY_VISITOR};
use crate::store::{Read, StoreError, Writer};
use crate::text::catalog::Msg;

/// The catalog's word for an action: what staff read on the audit screen and
/// a person reads in their access export, never the internal name.
pub fn audit_action_word(action: AuditAction) -> Msg {
    match action {
        AuditAction::Init => Msg::AuditInit,
        AuditAction::Login => Msg::AuditLogin,
        AuditAction::LoginFailed => Msg::AuditLoginFailed,
        AuditAction::Register => Msg::AuditRegister,
        AuditAction::Update => Msg::AuditUpdate,
        AuditAction::View => Msg::AuditView,
        AuditAction::Erase => Msg::AuditErase,
        AuditAction::Export => Msg::AuditExport,
        AuditAction::Import => Msg::AuditImport,
        AuditAction::CheckIn => Msg::AuditCheckIn,
        AuditAction::UndoCheckIn => Msg::AuditUndoCheckIn,
        AuditAction::StaffAdded => Msg::AuditStaffAdded,
        AuditAction::PassphraseChanged => Msg::AuditPassphraseChanged,
        AuditAction::OfferingChanged => Msg::AuditOfferingChanged,
        AuditAction::SessionChanged => Msg::AuditSessionChanged,
        AuditAction::ReferenceChanged => Msg::AuditReferenceChanged,
        AuditAction::NamesReport => Msg::AuditNamesReport,
        AuditAction::Backup => Msg::AuditBackup,
        AuditAction::Restore => Msg::AuditRestore,
        AuditAction::PoolChanged => Msg::AuditPoolChanged,
        AuditAction::RequestChanged => Msg::AuditRequestChanged,
        AuditAction::StaffDisabled => Msg::AuditStaffDisabled,
        AuditAction::Rekey => Msg::AuditRekey,
    }
}

/// Appends an entry inside the caller's transaction, so the log and the
/// change it records commit together.
pub(super) fn record(
    w: &mut Writer,
    user: &str,
    action: AuditAction,
    visitor: Option<VisitorNo>,
    detail: &str,
) -> Result<(), StoreError> {
    let seq = w.last(AUDIT)?.map_or(1, |(k, _)| k + 1);
    let entry = AuditEntry {
        at: Timestamp::now(),
        user: user.to_string(),
        action,
        visitor,
        detail: detail.to_string(),
    };
    w.put(AUDIT, &seq, &entry)?;
    if let Some(no) = visitor {
        w.index_insert(AUDIT_BY_VISITOR, &(no, seq))?;
    }
    Ok(())
}

/// Which entries to show; every field narrows.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub user: Option<String>,
    pub visitor: Option<VisitorNo>,
    pub action: Option<AuditAction>,
    pub from: Option<Timestamp>,
    pub to: Option<Timestamp>,
    /// Newest first, at most this many (0 = all).
    pub limit: usize,
}

impl AuditFilter {
    fn matches(&self, entry: &AuditEntry) -> bool {
        self.user.as_deref().is_none_or(|u| entry.user == u)
            && self.visitor.is_none_or(|v| entry.visitor == Some(v))
            && self.action.is_none_or(|a| entry.action == a)
            && self.from.is_none_or(|t| entry.at >= t)
            && self.to.is_none_or(|t| entry.at <= t)
    }
}

impl Desk {
    /// Audit entries, newest first.
    pub fn audit_entries(
        &self,
        by: &Login,
        filter: &AuditFilter,
    ) -> DeskResult<Vec<(u64, AuditEntry)>> {
        by.require(Capability::ViewAudit)?;
        self.audit_entries_unchecked(filter)
    }

    pub(super) fn audit_entries_unchecked(
        &self,
        filter: &AuditFilter,
    ) -> DeskResult<Vec<(u64, AuditEntry)>> {
        let r = self.store.read()?;
        let mut out = Vec::new();
        let full = |out: &Vec<_>| filter.limit != 0 && out.len() >= filter.limit;
        if let Some(no) = filter.visitor {
            let seqs = r.index_keys(
                AUDIT_BY_VISITOR,
                (Bound::Included((no, 0)), Bound::Included((no, u64::MAX))),
            )?;
            for (_, seq) in seqs.into_iter().rev() {
                if let Some(entry) = r.get(AUDIT, &seq)?
                    && filter.matches(&entry)
                {
                    out.push((seq, entry));
                    if full(&out) {
                        break;
                    }
                }
            }
        } else {
            r.scan(AUDIT, .., true, |seq, entry| {
                if filter.matches(&entry) {
                    out.push((seq, entry));
                }
                Ok(!full(&out))
            })?;
        }
        Ok(out)
    }
}
