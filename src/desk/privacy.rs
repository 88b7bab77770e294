//! GDPR duties and keeping data safe: erasure (Art. 17), retention review,
//! backups and restoring them.

use std::path::Path;

use jiff::civil::Date;

use super::login::Login;
use super::roles::Capability;
use super::{Desk, DeskError, DeskResult};
use crate::store::records::{AuditAction, Settings, VisitorMeta, VisitorNo, VisitorStatus};
use crate::store::tables::{ERASED, PERSONAL, SETTINGS, VISITORS};
use crate::store::{Read, StoreError, Writer};
use crate::vault::Passphrase;

const DAILY_PREFIX: &str = "mila-";
const DAILY_SUFFIX: &str = ".redb";

/// Deletes the oldest daily backups beyond `keep` (the dates in the names
/// sort as the days do); other files in the folder are left alone.
fn prune_daily(folder: &Path, keep: u32) -> DeskResult<()> {
    let mut daily: Vec<std::path::PathBuf> = std::fs::read_dir(folder)
        .map_err(StoreError::from)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.strip_prefix(DAILY_PREFIX)
                    .and_then(|rest| rest.strip_suffix(DAILY_SUFFIX))
                    .is_some_and(|date| date.parse::<Date>().is_ok())
            })
        })
        .collect();
    daily.sort();
    let excess = daily.len().saturating_sub(keep as usize);
    for old in &daily[..excess] {
        std::fs::remove_file(old).map_err(StoreError::from)?;
    }
    Ok(())
}

/// Short intakes not completed within this many days are listed for review.
pub const INCOMPLETE_INTAKE_DAYS: i32 = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetentionReason {
    /// Not seen for the configured retention period.
    NotSeen,
    /// A short intake never completed.
    IncompleteIntake,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionCandidate {
    pub number: VisitorNo,
    pub created: Date,
    pub last_seen: Date,
    pub reason: RetentionReason,
}

fn erase_in(w: &mut Writer, by: &Login, no: VisitorNo) -> DeskResult<()> {
    let meta = w.get(VISITORS, &no)?.ok_or(DeskError::NoSuchVisitor(no))?;
    if meta.status == VisitorStatus::Erased {
        return Err(DeskError::Erased(no));
    }
    erase_record(w, no, meta)?;
    super::audit::record(w, by.user(), AuditAction::Erase, Some(no), "")?;
    Ok(())
}

/// What an erasure removes and keeps, without its audit entry: also what a
/// restore applies again for every number in the erased ledger.
pub(super) fn erase_record(w: &mut Writer, no: VisitorNo, mut meta: VisitorMeta) -> DeskResult<()> {
    w.remove(PERSONAL, &no)?;
    super::search_cache::forget(w, no)?;
    super::mediation::forget_visitor(w, no)?;
    super::erasure::anonymise_check_ins(w, no)?;
    super::erasure::unlink_household(w, no, meta.household)?;
    meta.status = VisitorStatus::Erased;
    meta.household = None;
    // No visit date stays under the number either.
    meta.last_seen = meta.created;
    w.put(VISITORS, &no, &meta)?;
    super::visitors::mark_incomplete(w, no, &meta)?;
    if w.get(ERASED, &no)?.is_none() {
        w.put(ERASED, &no, &jiff::Timestamp::now())?;
    }
    Ok(())
}

impl Desk {
    /// Erases a visitor's personal data (GDPR Art. 17): the sealed record is
    /// removed and the file rewritten, so its bytes are gone from the file.
    /// The number, dates and past attendance stay as anonymous counts.
    pub fn erase_visitor(&self, by: &Login, no: VisitorNo) -> DeskResult<()> {
        self.erase_visitors(by, &[no]).map(|_| ())
    }

    /// Erases several visitors in one confirmed step (retention review):
    /// one commit, one rewrite. Returns how many were erased.
    pub fn erase_visitors(&self, by: &Login, numbers: &[VisitorNo]) -> DeskResult<usize> {
        by.require(Capability::Erase)?;
        let mut w = self.store.write()?;
        for &no in numbers {
            erase_in(&mut w, by, no)?;
        }
        w.commit()?;
        // The erasure is committed; the rewrite only removes the old bytes.
        // If it fails (disk full), the next erasure or `compact` does it.
        self.store.rewrite()?;
        Ok(numbers.len())
    }

    /// Rewrites the file so no deleted record's bytes remain in it.
    pub fn compact(&self, by: &Login) -> DeskResult<()> {
        by.require(Capability::Erase)?;
        Ok(self.store.rewrite()?)
    }

    pub fn settings(&self) -> DeskResult<Settings> {
        Ok(self
            .store
            .read()?
            .get(SETTINGS, &"settings".to_string())?
            .unwrap_or_default())
    }

    pub fn save_settings(&self, by: &Login, settings: &Settings) -> DeskResult<()> {
        by.require(Capability::ManageReference)?;
        if settings.retention_months == 0 || settings.retention_months > 120 {
            return Err(DeskError::invalid("retention_months", "1 to 120 months"));
        }
        let mut w = self.store.write()?;
        w.put(SETTINGS, &"settings".to_string(), settings)?;
        w.commit()?;
        Ok(())
    }

    /// Visitors due for review: not seen for the retention period, or short
    /// intakes older than a week. Oldest first.
    pub fn retention_candidates(&self, by: &Login) -> DeskResult<Vec<RetentionCandidate>> {
        by.require(Capability::Erase)?;
        let months = self.settings()?.retention_months;
        let today = self.protective_today();
        let not_seen_before = today
            .checked_sub(jiff::Span::new().months(i64::from(months)))
            .unwrap_or(Date::MIN);
        let incomplete_before = today
            .checked_sub(jiff::Span::new().days(i64::from(INCOMPLETE_INTAKE_DAYS)))
            .unwrap_or(Date::MIN);
        let mut out = Vec::new();
        let r = self.store.read()?;
        let seen = super::attendance::last_check_ins(&r)?;
        r.scan(VISITORS, .., false, |number, mut meta| {
            if let Some(&date) = seen.get(&number) {
                meta.last_seen = meta.last_seen.max(date);
            }
            // Dates written under a demonstration date later than the clock
            // count as today: they cannot put off a review.
            meta.last_seen = meta.last_seen.min(today);
            meta.created = meta.created.min(today);
            let reason = match meta.status {
                VisitorStatus::Erased => None,
                _ if meta.last_seen < not_seen_before => Some(RetentionReason::NotSeen),
                VisitorStatus::Incomplete if meta.created < incomplete_before => {
                    Some(RetentionReason::IncompleteIntake)
                }
                _ => None,
            };
            if let Some(reason) = reason {
                out.push(RetentionCandidate {
                    number,
                    created: meta.created,
                    last_seen: meta.last_seen,
                    reason,
                });
            }
            Ok(true)
        })?;
        out.sort_by_key(|c| (c.last_seen, c.number));
        Ok(out)
    }

    /// Writes a consistent, still encrypted copy of the database to `dest`.
    pub fn backup(&self, by: &Login, dest: &Path) -> DeskResult<()> {
        // A copy needs no key, but on demand it is a way to take every
        // sealed record home: for staff with data access only.
        by.require(Capability::Backup)?;
        self.store.backup_to(dest)?;
        self.audit(by, AuditAction::Backup, None)?;
        Ok(())
    }

    /// The daily backup on quitting: `mila-YYYY-MM-DD.redb` in `folder`
    /// (today's is replaced by a newer one), keeping the newest `keep`. A
    /// copy of the encrypted file needs no key, so no login either.
    pub fn daily_backup(&self, folder: &Path, keep: u32) -> DeskResult<std::path::PathBuf> {
        crate::store::private::create_dir_all(folder).map_err(StoreError::from)?;
        // The real date: a demonstration date must neither replace a real
        // day's backup nor, named in the future, outlive every newer one.
        let name = format!("{DAILY_PREFIX}{}{DAILY_SUFFIX}", self.protective_today());
        let dest = folder.join(&name);
        let fresh = folder.join(format!("{name}.new"));
        let _ = std::fs::remove_file(&fresh);
        self.store.backup_to(&fresh)?;
        std::fs::rename(&fresh, &dest).map_err(StoreError::from)?;
        prune_daily(folder, keep.max(1))?;
        Ok(dest)
    }

    /// A backup on demand (the admin hub): the daily backup written now by
    /// a signed-in coordinator, and recorded in the audit log.
    pub fn backup_now(
        &self,
        by: &Login,
        folder: &Path,
        keep: u32,
    ) -> DeskResult<std::path::PathBuf> {
        by.require(Capability::ManageReference)?;
        let path = self.daily_backup(folder, keep)?;
        self.audit(by, AuditAction::Backup, None)?;
        Ok(path)
    }

    /// The random id of this database (backups carry the same id).
    pub fn database_id(&self) -> [u8; 16] {
        self.store.database_id()
    }
}

/// Why a restore was refused.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error("{0}")]
    Desk(#[from] DeskError),
    #[error("a database exists at {0}; add --force to replace it")]
    TargetExists(std::path::PathBuf),
    #[error("the backup belongs to another database (its key differs); nothing was changed")]
    OtherDatabase,
    #[error("the backup failed its check ({0} problems); nothing was changed")]
    BackupDamaged(usize),
}

/// Restores `backup` over `target`, after checking that the user's
/// passphrase opens it, that the user is a coordinator (in the current
/// database and in the backup), that every record and sealed blob in it is
/// intact, and (when `target` exists) that it is a backup of the same
/// database. Refuses to overwrite without `force`. The backup file is only
/// read: the checks run on a fresh copy, which then takes the target's
/// place. Before it does, the current database's erasures and audit log are
/// applied to it: an erased person never comes back (see `restore_rules`).
pub fn restore(
    backup: &Path,
    target: &Path,
    user: &str,
    passphrase: &Passphrase,
    force: bool,
) -> Result<(), RestoreError> {
    // Hold the current database (if any) so nobody writes to it meanwhile.
    let current = match Desk::open(target) {
        Ok(desk) => Some(desk),
        Err(DeskError::Store(StoreError::Missing(_))) => None,
        Err(e) => return Err(e.into()),
    };
    if current.is_some() && !force {
        return Err(RestoreError::TargetExists(target.to_path_buf()));
    }
    if let Some(current) = &current {
        let login = current.login(user, passphrase)?;
        if !login.may(Capability::Restore) {
            return Err(DeskError::Forbidden(Capability::Restore).into());
        }
    }
    let mut staging_name = target
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    staging_name.push(format!(".restore-{}", std::process::id()));
    let staging = target.with_file_name(staging_name);
    // The staged copy goes when the restore does not happen.
    let discard = || {
        let _ = std::fs::remove_file(&staging);
    };
    let checked = check_staged(backup, &staging, current.as_ref(), user, passphrase);
    if let Err(e) = checked {
        discard();
        return Err(e);
    }
    drop(current);
    if let Err(e) = crate::store::move_over(&staging, target) {
        discard();
        return Err(DeskError::from(e).into());
    }
    Ok(())
}

fn check_staged(
    backup: &Path,
    staging: &Path,
    current: Option<&Desk>,
    user: &str,
    passphrase: &Passphrase,
) -> Result<(), RestoreError> {
    crate::store::copy_file(backup, staging).map_err(DeskError::from)?;
    let mut staged = Desk::open(staging)?;
    let login = staged.login(user, passphrase).map_err(|e| match e {
        DeskError::ForeignKey => RestoreError::OtherDatabase,
        other => other.into(),
    })?;
    if !login.may(Capability::Restore) {
        return Err(DeskError::Forbidden(Capability::Restore).into());
    }
    if current.is_some_and(|c| c.database_id() != staged.database_id()) {
        return Err(RestoreError::OtherDatabase);
    }
    let report = staged.verify(&login)?;
    if !report.ok() {
        return Err(RestoreError::BackupDamaged(report.problems.len()));
    }
    let detail = match current {
        Some(current) => super::restore_rules::carry_over(current, &staged)?,
        None => super::restore_rules::restored_detail(&staged)?,
    };
    staged.audit_detail(&login, AuditAction::Restore, None, &detail)?;
    // Erasures applied to the copy left their bytes in its free pages.
    staged.store.rewrite().map_err(DeskError::from)?;
    Ok(())
}
