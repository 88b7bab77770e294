//! What a coordinator granted an account: its role and whether it holds a
//! key slot, sealed under the data key. The `staff` table's role is plaintext
//! that anyone with the file can change; the grant is what a role is checked
//! against before it opens a slot, re-wraps one, or is trusted at sign-in.

use serde::{Deserialize, Serialize};

use super::{DeskError, DeskResult};
use crate::store::codec;
use crate::store::records::Role;
use crate::store::tables::STAFF_GRANTS;
use crate::store::{Read, Writer};
use crate::vault::{self, DataKey, SealContext};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Grant {
    /// Inside the seal, so a grant copied to another account does not fit it.
    user: String,
    role: Role,
    holds_slot: bool,
}

fn context() -> SealContext<'static> {
    SealContext {
        table: STAFF_GRANTS.name,
        record: 0,
        format: codec::FORMAT_VERSION,
    }
}

pub(super) fn write_grant(w: &mut Writer, key: &DataKey, user: &str, role: Role) -> DeskResult<()> {
    let grant = Grant {
        user: user.to_string(),
        role,
        holds_slot: role.holds_key(),
    };
    let plain =
        codec::encode(&grant).map_err(|_| DeskError::invalid("user", "cannot be encoded"))?;
    w.put(
        STAFF_GRANTS,
        &user.to_string(),
        &vault::seal(key, context(), &plain)?,
    )?;
    Ok(())
}

pub(super) fn remove_grant(w: &mut Writer, user: &str) -> DeskResult<()> {
    w.remove(STAFF_GRANTS, &user.to_string())?;
    Ok(())
}

/// How an account's plaintext role compares with what was granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum GrantCheck {
    Confirmed,
    /// No grant: an account from before grants, or one whose grant was
    /// deleted. Never trusted for a slot; a key holder whose own slot opens
    /// gets theirs at sign-in (see `Desk::login`).
    Missing,
    Mismatch,
}

/// Checks `role` of `user` against the sealed grant. A moved or altered
/// grant is a mismatch.
pub(super) fn check_grant(
    r: &impl Read,
    key: &DataKey,
    user: &str,
    role: Role,
) -> DeskResult<GrantCheck> {
    let Some(sealed) = r.get(STAFF_GRANTS, &user.to_string())? else {
        return Ok(GrantCheck::Missing);
    };
    let Ok(plain) = vault::open(key, context(), &sealed) else {
        return Ok(GrantCheck::Mismatch);
    };
    let Ok(grant) = codec::decode::<Grant>(&plain) else {
        return Ok(GrantCheck::Mismatch);
    };
    let fits = grant.user == user && grant.role == role && grant.holds_slot == role.holds_key();
    Ok(if fits {
        GrantCheck::Confirmed
    } else {
        GrantCheck::Mismatch
    })
}

/// The same check, as the error a use case returns: a role that holds a
/// key must be confirmed; a volunteer's may be missing (it buys nothing).
pub(super) fn require_grant(
    r: &impl Read,
    key: &DataKey,
    user: &str,
    role: Role,
) -> DeskResult<()> {
    match check_grant(r, key, user, role)? {
        GrantCheck::Confirmed => Ok(()),
        GrantCheck::Missing if !role.holds_key() => Ok(()),
        GrantCheck::Missing | GrantCheck::Mismatch => {
            Err(DeskError::RoleNotGranted(user.to_string()))
        }
    }
}
