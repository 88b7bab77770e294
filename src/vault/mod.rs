//! The vault: Argon2id key derivation, key slots wrapping the one data key,
//! sealing of personal data, and the password verifiers of volunteers.
//!
//! Nothing here knows about tables, visitors or screens; callers name the
//! context a blob belongs to and the vault binds the ciphertext to it.

mod kdf;
mod passphrase;
mod seal;
mod slot;
mod verifier;

pub use kdf::{KdfParams, spend_like};
pub use passphrase::Passphrase;
pub use seal::{SealContext, Sealed, open, seal};
pub use slot::{DataKey, KeySlot};
pub use verifier::{check_verifier, make_verifier};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VaultError {
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error(
        "the stored key-derivation parameters are below the minimum (m={m} KiB, t={t}, p={p}); the file may have been tampered with"
    )]
    WeakParameters { m: u32, t: u32, p: u32 },
    #[error("the stored key material is malformed")]
    Malformed,
    #[error(
        "encrypted data failed its integrity check (tampered with, or moved to another record)"
    )]
    Tampered,
    #[error("the system random number generator failed")]
    Random,
    #[error("not enough memory for key derivation")]
    OutOfMemory,
}

fn random<const N: usize>() -> Result<[u8; N], VaultError> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).map_err(|_| VaultError::Random)?;
    Ok(out)
}
