use chacha20poly1305::XNonce;
use chacha20poly1305::aead::{Aead, Payload};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{DataKey, VaultError, random};

/// Where a sealed blob belongs. The context is authenticated, so a blob moved
/// to another record (or another table) fails to open instead of showing the
/// wrong person's data.
#[derive(Debug, Clone, Copy)]
pub struct SealContext<'a> {
    pub table: &'a str,
    pub record: u64,
    pub format: u8,
}

impl SealContext<'_> {
    fn aad(&self) -> Vec<u8> {
        let mut aad = b"mila-desk/sealed/".to_vec();
        aad.extend_from_slice(self.table.as_bytes());
        aad.push(0);
        aad.extend_from_slice(&self.record.to_be_bytes());
        aad.push(self.format);
        aad
    }
}

/// XChaCha20-Poly1305 ciphertext with its fresh random nonce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    pub nonce: [u8; 24],
    pub ciphertext: Vec<u8>,
}

pub fn seal(
    key: &DataKey,
    context: SealContext<'_>,
    plaintext: &[u8],
) -> Result<Sealed, VaultError> {
    let nonce = random::<24>()?;
    let aad = context.aad();
    let ciphertext = key
        .cipher()
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: plaintext,
                aad: &aad,
            },
        )
        .map_err(|_| VaultError::Malformed)?;
    Ok(Sealed { nonce, ciphertext })
}

pub fn open(
    key: &DataKey,
    context: SealContext<'_>,
    sealed: &Sealed,
) -> Result<Zeroizing<Vec<u8>>, VaultError> {
    let aad = context.aad();
    key.cipher()
        .decrypt(
            &XNonce::from(sealed.nonce),
            Payload {
                msg: &sealed.ciphertext,
                aad: &aad,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| VaultError::Tampered)
}
