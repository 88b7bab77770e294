use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{KdfParams, Passphrase, VaultError, random};

fn cipher_for(key: &[u8; 32]) -> XChaCha20Poly1305 {
    // A 32-byte array always has the cipher's key length, so this cannot fail.
    let key: &chacha20poly1305::Key = key.into();
    XChaCha20Poly1305::new(key)
}

/// The random 256-bit key that seals every visitor's personal data.
#[derive(Clone)]
pub struct DataKey(Zeroizing<[u8; 32]>);

impl DataKey {
    pub fn generate() -> Result<Self, VaultError> {
        Ok(Self(Zeroizing::new(random::<32>()?)))
    }

    pub(super) fn cipher(&self) -> XChaCha20Poly1305 {
        cipher_for(&self.0)
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(***)")
    }
}

/// The data key wrapped under one staff member's passphrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeySlot {
    pub params: KdfParams,
    pub salt: [u8; 16],
    pub nonce: [u8; 24],
    pub wrapped: Vec<u8>,
}

/// Binds a slot to its owner: a slot copied to another account does not open.
fn slot_aad(user: &str) -> Vec<u8> {
    let mut aad = b"mila-desk/key-slot/v1/".to_vec();
    aad.extend_from_slice(user.as_bytes());
    aad
}

impl KeySlot {
    pub fn wrap(
        key: &DataKey,
        passphrase: &Passphrase,
        user: &str,
        params: KdfParams,
    ) -> Result<Self, VaultError> {
        let salt = random::<16>()?;
        let nonce = random::<24>()?;
        let kek = params.derive(passphrase, &salt)?;
        let cipher = cipher_for(&kek);
        let aad = slot_aad(user);
        let wrapped = cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: key.0.as_ref(),
                    aad: &aad,
                },
            )
            .map_err(|_| VaultError::Malformed)?;
        Ok(Self {
            params,
            salt,
            nonce,
            wrapped,
        })
    }

    /// Opens the slot; a wrong passphrase (or a slot of another user) is
    /// `WrongPassphrase`, parameters below the minimum are refused first.
    pub fn unwrap_key(&self, passphrase: &Passphrase, user: &str) -> Result<DataKey, VaultError> {
        self.params.check_minimum()?;
        let kek = self.params.derive(passphrase, &self.salt)?;
        let cipher = cipher_for(&kek);
        let aad = slot_aad(user);
        let plain = Zeroizing::new(
            cipher
                .decrypt(
                    &XNonce::from(self.nonce),
                    Payload {
                        msg: &self.wrapped,
                        aad: &aad,
                    },
                )
                .map_err(|_| VaultError::WrongPassphrase)?,
        );
        let bytes: [u8; 32] = plain
            .as_slice()
            .try_into()
            .map_err(|_| VaultError::Malformed)?;
        Ok(DataKey(Zeroizing::new(bytes)))
    }
}
