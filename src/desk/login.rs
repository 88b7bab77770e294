//! Creating the first account, logging in, and the logged-in staff member.

use jiff::Timestamp;

use super::roles::{Capability, allows};
use super::staff;
use super::{Desk, DeskError, DeskResult};
use crate::store::records::{AuditAction, Role, Settings, StaffRecord, day_key};
use crate::store::tables::{
    DAY_STATS, KEY_SLOTS, LOGINS_BY_DAY, MUST_CHANGE_PASSPHRASE, SEALED_META, SETTINGS, STAFF,
    STAFF_GRANTS,
};
use crate::store::{Read, Writer};
use crate::vault::{self, DataKey, KdfParams, KeySlot, Passphrase, SealContext};

pub(super) const KEY_CHECK: &str = "key_check";
pub(super) const KEY_CHECK_PLAINTEXT: &[u8] = b"mila-desk key check";

pub(super) fn key_check_context() -> SealContext<'static> {
    SealContext {
        table: "sealed_meta",
        record: 0,
        format: crate::store::codec::FORMAT_VERSION,
    }
}

/// A staff member who proved their passphrase. Staff with data access carry
/// the data key; volunteers carry none and so cannot open personal data.
pub struct Login {
    user: String,
    role: Role,
    key: Option<DataKey>,
    /// Signed in with a one-time passphrase from `rekey`.
    must_change: bool,
}

impl std::fmt::Debug for Login {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Login")
            .field("user", &self.user)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

impl Login {
    pub fn user(&self) -> &str {
        &self.user
    }

    pub fn role(&self) -> Role {
        self.role
    }

    /// The passphrase was a one-time one handed out by `rekey`: change it now.
    pub fn must_change_passphrase(&self) -> bool {
        self.must_change
    }

    pub fn may(&self, capability: Capability) -> bool {
        allows(self.role, capability)
    }

    pub(super) fn require(&self, capability: Capability) -> DeskResult<()> {
        if self.may(capability) {
            Ok(())
        } else {
            Err(DeskError::Forbidden(capability))
        }
    }

    pub(super) fn data_key(&self) -> Option<&DataKey> {
        self.key.as_ref()
    }

    /// The data key, for use cases that open personal data.
    pub(super) fn key(&self, capability: Capability) -> DeskResult<&DataKey> {
        self.require(capability)?;
        self.key.as_ref().ok_or(DeskError::Forbidden(capability))
    }
}

impl Desk {
    pub(super) fn initialise(
        &self,
        coordinator: &str,
        passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> DeskResult<Login> {
        let key = DataKey::generate()?;
        let mut w = self.store.write()?;
        w.put(SETTINGS, &"settings".to_string(), &Settings::default())?;
        let check = vault::seal(&key, key_check_context(), KEY_CHECK_PLAINTEXT)?;
        w.put(SEALED_META, &KEY_CHECK.to_string(), &check)?;
        super::seed::write_defaults(&mut w)?;
        let login = Login {
            user: coordinator.to_string(),
            role: Role::Coordinator,
            key: Some(key),
            must_change: false,
        };
        staff::put_account(
            &mut w,
            &login,
            coordinator,
            Role::Coordinator,
            passphrase,
            kdf,
        )?;
        super::audit::record(&mut w, coordinator, AuditAction::Init, None, "")?;
        // Setting up is signing in: whoever did it is on duty that day.
        w.index_insert(
            LOGINS_BY_DAY,
            &(day_key(self.today()), coordinator.to_string()),
        )?;
        w.commit()?;
        Ok(login)
    }

    /// Checks the passphrase (about half a second of Argon2id by design) and
    /// returns the logged-in staff member. Failed attempts are audited; an
    /// unknown name is logged as `?`, never as typed (it may be a passphrase
    /// typed into the wrong field).
    pub fn login(&self, user: &str, passphrase: &Passphrase) -> DeskResult<Login> {
        let result = self.try_login(user, passphrase);
        let action = match &result {
            Ok(_) => AuditAction::Login,
            Err(
                DeskError::WrongCredentials | DeskError::Deactivated | DeskError::RoleNotGranted(_),
            ) => AuditAction::LoginFailed,
            Err(_) => return result,
        };
        // Looked at in a snapshot: the sign-in's commit stays as small as it
        // was (reading a table inside a write would open, even create, it).
        let (known, ungranted, legacy_stats) = {
            let r = self.store.read()?;
            let known =
                staff::is_valid_user_name(user) && r.get(STAFF, &user.to_string())?.is_some();
            let ungranted = r.get(STAFF_GRANTS, &user.to_string())?.is_none();
            (known, ungranted, r.count(DAY_STATS)? > 0)
        };
        let shown = if known { user } else { UNKNOWN_USER };
        let mut w = self.store.write()?;
        super::audit::record(&mut w, shown, action, None, "")?;
        if let Ok(login) = &result {
            w.index_insert(LOGINS_BY_DAY, &(day_key(self.today()), user.to_string()))?;
            if let Some(key) = &login.key {
                // An account from before grants whose own slot just opened:
                // it is a key holder, so its role is sealed now (README,
                // Threat model). Nobody else's role is trusted this way.
                if ungranted {
                    super::grants::write_grant(&mut w, key, user, login.role)?;
                }
                if legacy_stats {
                    super::stats::seal_legacy(&mut w, key)?;
                }
            }
        }
        w.commit()?;
        result
    }

    fn try_login(&self, user: &str, passphrase: &Passphrase) -> DeskResult<Login> {
        let r = self.store.read()?;
        let record = r.get(STAFF, &user.to_string())?;
        // Every refusal before the real check costs the same Argon2id work
        // as the real check, so names cannot be probed by timing.
        let spend = |r: &crate::store::Reader| -> DeskResult<()> {
            vault::spend_like(usual_params(r)?, passphrase);
            Ok(())
        };
        let Some(record) = record else {
            spend(&r)?;
            return Err(DeskError::WrongCredentials);
        };
        if !record.active {
            spend(&r)?;
            return Err(DeskError::Deactivated);
        }
        let key = if record.role.holds_key() {
            let Some(slot) = r.get(KEY_SLOTS, &user.to_string())? else {
                spend(&r)?;
                return Err(DeskError::WrongCredentials);
            };
            let key = slot.unwrap_key(passphrase, user)?;
            let check = r
                .get(SEALED_META, &KEY_CHECK.to_string())?
                .ok_or(DeskError::ForeignKey)?;
            let opened = vault::open(&key, key_check_context(), &check)
                .map_err(|_| DeskError::ForeignKey)?;
            if opened.as_slice() != KEY_CHECK_PLAINTEXT {
                return Err(DeskError::ForeignKey);
            }
            // A missing grant is sealed at this sign-in (see `login`); an
            // altered or moved one means the plaintext role was changed.
            if super::grants::check_grant(&r, &key, user, record.role)?
                == super::grants::GrantCheck::Mismatch
            {
                return Err(DeskError::RoleNotGranted(user.to_string()));
            }
            Some(key)
        } else {
            let Some(verifier) = record.verifier.as_deref() else {
                spend(&r)?;
                return Err(DeskError::WrongCredentials);
            };
            vault::check_verifier(verifier, passphrase)?;
            None
        };
        let must_change = r
            .get(MUST_CHANGE_PASSPHRASE, &user.to_string())?
            .unwrap_or(false);
        Ok(Login {
            user: user.to_string(),
            role: record.role,
            key,
            must_change,
        })
    }
}

/// Who a failed sign-in with an unknown name is logged as: no valid user
/// name can be this.
pub const UNKNOWN_USER: &str = "?";

/// The Argon2id parameters of the accounts in this file (the first key
/// slot's), which a refused name costs as well.
fn usual_params(r: &crate::store::Reader) -> DeskResult<KdfParams> {
    let mut params = KdfParams::DEFAULT;
    r.scan(KEY_SLOTS, .., false, |_, slot: KeySlot| {
        params = slot.params;
        Ok(false)
    })?;
    Ok(params)
}

pub(super) fn staff_record(role: Role, verifier: Option<String>) -> StaffRecord {
    StaffRecord {
        role,
        verifier,
        created: Timestamp::now(),
        active: true,
    }
}

pub(super) fn write_slot(
    w: &mut Writer,
    key: &DataKey,
    user: &str,
    passphrase: &Passphrase,
    kdf: KdfParams,
) -> DeskResult<()> {
    let slot = KeySlot::wrap(key, passphrase, user, kdf)?;
    w.put(KEY_SLOTS, &user.to_string(), &slot)?;
    Ok(())
}
