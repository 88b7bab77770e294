//! `mila rekey`: a new data key for a database whose old key may have left
//! with someone (a disabled account's slot, a copied file and a known
//! passphrase). Every sealed record is re-encrypted in one transaction;
//! every remaining key holder gets a new slot: the coordinator's under their
//! passphrase, everyone else's under a one-time passphrase to change at the
//! next sign-in. Backups made before keep the old key (README, Threat model).

use zeroize::Zeroizing;

use super::login::{KEY_CHECK, KEY_CHECK_PLAINTEXT, Login, key_check_context, write_slot};
use super::roles::Capability;
use super::{Desk, DeskError, DeskResult};
use crate::store::codec;
use crate::store::records::AuditAction;
use crate::store::tables::{
    KEY_SLOTS, MUST_CHANGE_PASSPHRASE, PERSONAL, SEALED_DAY_STATS, SEALED_META, SEARCH_CACHE, STAFF,
};
use crate::store::{Read, Writer};
use crate::vault::{self, DataKey, KdfParams, Passphrase, SealContext, Sealed};

/// Characters of a one-time passphrase: no 0/O, 1/l/I to misread on paper.
const ONE_TIME_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const ONE_TIME_CHARS: usize = 16;

fn one_time_passphrase() -> DeskResult<Passphrase> {
    let mut bytes = Zeroizing::new([0u8; ONE_TIME_CHARS]);
    getrandom::fill(bytes.as_mut()).map_err(|_| DeskError::Vault(vault::VaultError::Random))?;
    let mut text = String::with_capacity(ONE_TIME_CHARS + 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            text.push('-');
        }
        // 256 is not a multiple of 31: a slight bias, irrelevant for a
        // passphrase changed at the next sign-in.
        text.push(ONE_TIME_ALPHABET[usize::from(*b) % ONE_TIME_ALPHABET.len()] as char);
    }
    Ok(Passphrase::new(text))
}

/// Opens a blob with the old key and seals it with the new one, same context.
fn reseal(
    old: &DataKey,
    new: &DataKey,
    context: SealContext<'_>,
    sealed: &Sealed,
) -> DeskResult<Sealed> {
    let plain = vault::open(old, context, sealed)?;
    Ok(vault::seal(new, context, &plain)?)
}

fn reseal_table_u32(
    w: &mut Writer,
    table: crate::store::Table<u32, Sealed>,
    old: &DataKey,
    new: &DataKey,
) -> DeskResult<()> {
    for (id, sealed) in w.range(table, ..)? {
        let context = SealContext {
            table: table.name,
            record: u64::from(id),
            format: codec::FORMAT_VERSION,
        };
        w.put(table, &id, &reseal(old, new, context, &sealed)?)?;
    }
    Ok(())
}

impl Desk {
    /// Issues a new data key (coordinator, with their passphrase). Returns
    /// the one-time passphrase of every other key holder, to hand over in
    /// person; they must change it at their next sign-in.
    pub fn rekey(
        &self,
        by: &Login,
        passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> DeskResult<Vec<(String, Passphrase)>> {
        let old = by.key(Capability::Rekey)?;
        let new = DataKey::generate()?;
        let mut w = self.store.write()?;
        // The passphrase must be the coordinator's own: their slot opens with it.
        let own = w
            .get(KEY_SLOTS, &by.user().to_string())?
            .ok_or(DeskError::WrongCredentials)?;
        own.unwrap_key(passphrase, by.user())?;

        // Every grant must still fit before anyone gets a slot for the new key.
        let staff = w.range(STAFF, ..)?;
        for (user, record) in &staff {
            if record.active {
                super::grants::require_grant(&w, old, user, record.role)?;
            }
        }

        for (no, sealed) in w.range(PERSONAL, ..)? {
            let context = SealContext {
                table: PERSONAL.name,
                record: u64::from(no),
                format: codec::FORMAT_VERSION,
            };
            w.put(PERSONAL, &no, &reseal(old, &new, context, &sealed)?)?;
        }
        reseal_table_u32(&mut w, SEALED_DAY_STATS, old, &new)?;
        // The interpreter pool's contacts and the requests' purpose and place.
        reseal_table_u32(&mut w, crate::store::tables::POOL_CONTACT, old, &new)?;
        reseal_table_u32(&mut w, crate::store::tables::REQUEST_DETAILS, old, &new)?;
        // The search cache is rebuilt under the new key at the next unlock.
        for block in w.keys(SEARCH_CACHE, ..)? {
            w.remove(SEARCH_CACHE, &block)?;
        }
        let check = vault::seal(&new, key_check_context(), KEY_CHECK_PLAINTEXT)?;
        w.put(SEALED_META, &KEY_CHECK.to_string(), &check)?;

        let mut handed_out = Vec::new();
        for (user, record) in &staff {
            if !record.active {
                continue;
            }
            super::grants::write_grant(&mut w, &new, user, record.role)?;
            if !record.role.holds_key() {
                continue;
            }
            if user == by.user() {
                write_slot(&mut w, &new, user, passphrase, kdf)?;
            } else {
                let once = one_time_passphrase()?;
                write_slot(&mut w, &new, user, &once, kdf)?;
                w.put(MUST_CHANGE_PASSPHRASE, user, &true)?;
                handed_out.push((user.clone(), once));
            }
        }
        super::audit::record(&mut w, by.user(), AuditAction::Rekey, None, "")?;
        w.commit()?;
        // Old slots and old ciphertext must not stay in free pages.
        self.store.rewrite()?;
        Ok(handed_out)
    }
}
