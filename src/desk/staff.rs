//! Staff accounts: coordinators, receptionists, volunteers.

use super::login::{Login, staff_record, write_slot};
use super::roles::Capability;
use super::{Desk, DeskError, DeskResult};
use crate::store::records::{AuditAction, Role};
use crate::store::tables::{KEY_SLOTS, MUST_CHANGE_PASSPHRASE, STAFF};
use crate::store::{Read, Writer};
use crate::vault::{self, KdfParams, Passphrase};

pub const MAX_USER_CHARS: usize = 32;
pub const MIN_PASSPHRASE_CHARS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffInfo {
    pub user: String,
    pub role: Role,
    pub active: bool,
    pub has_key_slot: bool,
    /// The role matches the coordinator's sealed grant (false: the file was
    /// changed outside the program).
    pub role_confirmed: bool,
}

/// User names are shown in audit entries and on the day summary: plain,
/// short, no spaces or control characters. Forms check with this before they
/// ask for the (slow) account creation.
pub fn is_valid_user_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= MAX_USER_CHARS
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

pub(super) fn check_user_name(name: &str) -> DeskResult<()> {
    if is_valid_user_name(name) {
        Ok(())
    } else {
        Err(DeskError::invalid(
            "user",
            format!("1 to {MAX_USER_CHARS} letters, digits, '.', '-' or '_' (no spaces)"),
        ))
    }
}

pub(super) fn check_passphrase(passphrase: &Passphrase) -> DeskResult<()> {
    if passphrase.char_count() < MIN_PASSPHRASE_CHARS {
        return Err(DeskError::invalid(
            "passphrase",
            format!("at least {MIN_PASSPHRASE_CHARS} characters"),
        ));
    }
    Ok(())
}

/// Writes a new account: a key slot for staff with data access, a verifier
/// for volunteers.
pub(super) fn put_account(
    w: &mut Writer,
    by: &Login,
    user: &str,
    role: Role,
    passphrase: &Passphrase,
    kdf: KdfParams,
) -> DeskResult<()> {
    // Granting a role is the coordinator's act: sealed under the data key.
    let key = by.key(Capability::ManageStaff)?;
    let verifier = if role.holds_key() {
        write_slot(w, key, user, passphrase, kdf)?;
        None
    } else {
        Some(vault::make_verifier(passphrase, kdf)?)
    };
    w.put(STAFF, &user.to_string(), &staff_record(role, verifier))?;
    super::grants::write_grant(w, key, user, role)?;
    Ok(())
}

impl Desk {
    pub fn add_staff(
        &self,
        by: &Login,
        user: &str,
        role: Role,
        passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> DeskResult<()> {
        by.require(Capability::ManageStaff)?;
        check_user_name(user)?;
        check_passphrase(passphrase)?;
        let mut w = self.store.write()?;
        if w.get(STAFF, &user.to_string())?.is_some() {
            return Err(DeskError::StaffExists(user.to_string()));
        }
        put_account(&mut w, by, user, role, passphrase, kdf)?;
        super::audit::record(&mut w, by.user(), AuditAction::StaffAdded, None, user)?;
        w.commit()?;
        Ok(())
    }

    /// Changes one account's passphrase: rewraps that slot (or renews the
    /// verifier); nothing else is re-encrypted. Anyone may change their own,
    /// a coordinator anyone's. Only a slot that exists is re-wrapped, and
    /// only for a role the coordinator's grant confirms: a role flipped in
    /// the file buys no slot.
    pub fn change_passphrase(
        &self,
        by: &Login,
        user: &str,
        passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> DeskResult<()> {
        let own = by.user() == user;
        if !own {
            by.require(Capability::ManageStaff)?;
        }
        check_passphrase(passphrase)?;
        let mut w = self.store.write()?;
        let mut record = w
            .get(STAFF, &user.to_string())?
            .ok_or(DeskError::NotFound("staff account"))?;
        if own && record.role != by.role() {
            // Signed in under one role, the file now says another.
            return Err(DeskError::RoleNotGranted(user.to_string()));
        }
        if let Some(key) = by.data_key() {
            super::grants::require_grant(&w, key, user, record.role)?;
        }
        if record.role.holds_key() {
            let key = by
                .data_key()
                .ok_or(DeskError::Forbidden(Capability::ManageStaff))?;
            if w.get(KEY_SLOTS, &user.to_string())?.is_none() {
                return Err(DeskError::RoleNotGranted(user.to_string()));
            }
            write_slot(&mut w, key, user, passphrase, kdf)?;
        } else {
            if w.get(KEY_SLOTS, &user.to_string())?.is_some() {
                return Err(DeskError::RoleNotGranted(user.to_string()));
            }
            record.verifier = Some(vault::make_verifier(passphrase, kdf)?);
            w.put(STAFF, &user.to_string(), &record)?;
        }
        if own {
            w.remove(MUST_CHANGE_PASSPHRASE, &user.to_string())?;
        }
        super::audit::record(
            &mut w,
            by.user(),
            AuditAction::PassphraseChanged,
            None,
            user,
        )?;
        w.commit()?;
        Ok(())
    }

    /// Someone leaves: the account can no longer sign in (its key slot and
    /// verifier are destroyed and the file rewritten without them), and the
    /// audit log says who did it. The data key stays the same: `rekey` for
    /// that (see README, Threat model).
    pub fn disable_staff(&self, by: &Login, user: &str) -> DeskResult<()> {
        by.key(Capability::ManageStaff)?;
        if by.user() == user {
            return Err(DeskError::invalid(
                "user",
                "you cannot disable your own account",
            ));
        }
        let mut w = self.store.write()?;
        let mut record = w
            .get(STAFF, &user.to_string())?
            .ok_or(DeskError::NotFound("staff account"))?;
        record.active = false;
        record.verifier = None;
        w.put(STAFF, &user.to_string(), &record)?;
        w.remove(KEY_SLOTS, &user.to_string())?;
        w.remove(MUST_CHANGE_PASSPHRASE, &user.to_string())?;
        super::grants::remove_grant(&mut w, user)?;
        super::audit::record(&mut w, by.user(), AuditAction::StaffDisabled, None, user)?;
        w.commit()?;
        // The slot's bytes must not stay in free pages of the file.
        self.store.rewrite()?;
        Ok(())
    }

    pub fn list_staff(&self, by: &Login) -> DeskResult<Vec<StaffInfo>> {
        let key = by.key(Capability::ManageStaff)?;
        let r = self.store.read()?;
        let slots: Vec<String> = r
            .range(KEY_SLOTS, ..)?
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        let mut out = Vec::new();
        for (user, rec) in r.range(STAFF, ..)? {
            let grant = super::grants::check_grant(&r, key, &user, rec.role)?;
            out.push(StaffInfo {
                has_key_slot: slots.contains(&user),
                role_confirmed: grant != super::grants::GrantCheck::Mismatch
                    && !(grant == super::grants::GrantCheck::Missing && rec.role.holds_key()),
                user,
                role: rec.role,
                active: rec.active,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names_are_plain() {
        assert!(check_user_name("anna.schmidt").is_ok());
        for bad in ["", "mit leer", "a\u{1b}[31m", &"x".repeat(40)] {
            assert!(check_user_name(bad).is_err(), "{bad:?}");
        }
    }
}
