//! What a restore keeps from the database it replaces: every erasure (an
//! erased person never comes back with an older backup) and the audit log
//! (the log says what happened, including what was restored over what).

use jiff::Timestamp;

use super::{Desk, DeskResult};
use crate::store::records::{AuditAction, AuditEntry, VisitorStatus};
use crate::store::tables::{AUDIT, AUDIT_BY_VISITOR, ERASED, VISITORS};
use crate::store::{Read, Writer};

/// Applies `current`'s erased ledger and audit log to `staged` (the copy of
/// the backup), and returns the detail of the restore's audit entry.
pub(super) fn carry_over(current: &Desk, staged: &Desk) -> DeskResult<String> {
    let r = current.store.read()?;
    let erased = r.range(ERASED, ..)?;
    let current_log = r.range(AUDIT, ..)?;
    drop(r);
    let mut w = staged.store.write()?;
    let mut applied = 0usize;
    for (no, at) in &erased {
        if let Some(meta) = w.get(VISITORS, no)?
            && meta.status != VisitorStatus::Erased
        {
            super::privacy::erase_record(&mut w, *no, meta)?;
            applied += 1;
        }
        w.put(ERASED, no, at)?;
    }
    let backup_as_of = last_time(&w)?;
    merge_log(&mut w, current_log.iter().map(|(_, e)| e.clone()).collect())?;
    w.commit()?;
    let current_as_of = current_log.last().map(|(_, e)| e.at);
    let mut detail = restored_detail_at(backup_as_of, current_as_of);
    if applied > 0 {
        detail.push_str(&format!(
            "; {applied} erasure(s) made since the backup applied again"
        ));
    }
    Ok(detail)
}

/// The detail when nothing is replaced (a restore onto an empty place).
pub(super) fn restored_detail(staged: &Desk) -> DeskResult<String> {
    let r = staged.store.read()?;
    let backup_as_of = r.last(AUDIT)?.map(|(_, e)| e.at);
    Ok(restored_detail_at(backup_as_of, None))
}

fn restored_detail_at(backup: Option<Timestamp>, current: Option<Timestamp>) -> String {
    let when = |t: Option<Timestamp>| {
        t.map_or_else(
            || "unknown".to_string(),
            |t| t.strftime("%Y-%m-%d %H:%M:%S UTC").to_string(),
        )
    };
    match current {
        Some(_) => format!(
            "backup as of {} over the database as of {}",
            when(backup),
            when(current)
        ),
        None => format!("backup as of {} onto an empty place", when(backup)),
    }
}

fn last_time(w: &Writer) -> DeskResult<Option<Timestamp>> {
    Ok(w.last(AUDIT)?.map(|(_, e)| e.at))
}

/// The union of both logs in time order, each entry once: the backup's log
/// is usually a beginning of the current one, but not after an earlier restore.
fn merge_log(w: &mut Writer, current: Vec<AuditEntry>) -> DeskResult<()> {
    let mut all = w.range(AUDIT, ..)?;
    for (seq, entry) in &all {
        w.remove(AUDIT, seq)?;
        if let Some(no) = entry.visitor {
            w.index_remove(AUDIT_BY_VISITOR, &(no, *seq))?;
        }
    }
    let mut entries: Vec<AuditEntry> = all.drain(..).map(|(_, e)| e).collect();
    entries.extend(current);
    let order = |e: &AuditEntry| {
        let action = AuditAction::ALL.iter().position(|a| *a == e.action);
        (e.at, e.user.clone(), action, e.visitor, e.detail.clone())
    };
    entries.sort_by_key(order);
    entries.dedup();
    for (i, entry) in entries.iter().enumerate() {
        let seq = i as u64 + 1;
        w.put(AUDIT, &seq, entry)?;
        if let Some(no) = entry.visitor {
            w.index_insert(AUDIT_BY_VISITOR, &(no, seq))?;
        }
    }
    Ok(())
}
