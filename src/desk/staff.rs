//! Staff accounts: coordinators, receptionists, volunteers.

use super::login::{Login, staff_record, write_slot};
use super::roles::Capability;
use super::{Desk, DeskError, DeskResult};
use crate::store::records::{AuditAction, Role};
use crate::store::tables::{KEY_SLOTS, STAFF};
use crate::store::{Read, Writer};
use crate::vault::{self, KdfParams, Passphrase};

pub const MAX_USER_CHARS: usize = 32;
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// A verifier of a passphrase nobody has, checked when a user name is unknown
/// so that a wrong name costs the same time as a wrong passphrase.
pub(super) const DUMMY_VERIFIER: &str = "$argon2id$v=19$m=19456,t=2,p=1$bWlsYS1kdW1teS1zYWx0$E3/OvU7+eCI8UqlAcPaXp2zLN3CPUKPdgcKnoG2hoU0";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffInfo {
    pub user: String,
    pub role: Role,
    pub active: bool,
    pub has_key_slot: bool,
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
    let verifier = if role.holds_key() {
        let key = by.key(Capability::ManageStaff)?;
        write_slot(w, key, user, passphrase, kdf)?;
        None
    } else {
        Some(vault::make_verifier(passphrase, kdf)?)
    };
    w.put(STAFF, &user.to_string(), &staff_record(role, verifier))?;
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
    /// a coordinator anyone's.
    pub fn change_passphrase(
        &self,
        by: &Login,
        user: &str,
        passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> DeskResult<()> {
        if by.user() != user {
            by.require(Capability::ManageStaff)?;
        }
        check_passphrase(passphrase)?;
        let mut w = self.store.write()?;
        let mut record = w
            .get(STAFF, &user.to_string())?
            .ok_or(DeskError::NotFound("staff account"))?;
        if record.role.holds_key() {
            let key = by
                .data_key()
                .ok_or(DeskError::Forbidden(Capability::ManageStaff))?;
            write_slot(&mut w, key, user, passphrase, kdf)?;
        } else {
            record.verifier = Some(vault::make_verifier(passphrase, kdf)?);
            w.put(STAFF, &user.to_string(), &record)?;
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

    pub fn list_staff(&self, by: &Login) -> DeskResult<Vec<StaffInfo>> {
        by.require(Capability::ManageStaff)?;
        let r = self.store.read()?;
        let slots: Vec<String> = r
            .range(KEY_SLOTS, ..)?
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        Ok(r.range(STAFF, ..)?
            .into_iter()
            .map(|(user, rec)| StaffInfo {
                has_key_slot: slots.contains(&user),
                user,
                role: rec.role,
                active: rec.active,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dummy_verifier_is_well_formed_so_it_costs_a_real_check() {
        assert_eq!(
            vault::check_verifier(DUMMY_VERIFIER, &Passphrase::new("irgendwas")),
            Err(vault::VaultError::WrongPassphrase)
        );
    }

    #[test]
    fn user_names_are_plain() {
        assert!(check_user_name("anna.schmidt").is_ok());
        for bad in ["", "mit leer", "a\u{1b}[31m", &"x".repeat(40)] {
            assert!(check_user_name(bad).is_err(), "{bad:?}");
        }
    }
}
