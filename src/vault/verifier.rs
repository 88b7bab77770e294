use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Params};

use super::{KdfParams, Passphrase, VaultError, random};

/// A PHC string (`$argon2id$v=19$m=…`) for accounts that hold no key slot.
pub fn make_verifier(passphrase: &Passphrase, params: KdfParams) -> Result<String, VaultError> {
    let salt = random::<16>()?;
    let hash = params
        .argon2()?
        .hash_password_with_salt(passphrase.as_bytes(), &salt)
        .map_err(|_| VaultError::Malformed)?;
    Ok(hash.to_string())
}

/// Checks a passphrase against a stored verifier, refusing weak or foreign
/// parameters before spending any work on them.
pub fn check_verifier(phc: &str, passphrase: &Passphrase) -> Result<(), VaultError> {
    let hash = PasswordHash::new(phc).map_err(|_| VaultError::Malformed)?;
    if hash.algorithm.as_str() != Algorithm::Argon2id.ident().as_str() {
        return Err(VaultError::Malformed);
    }
    let params = Params::try_from(&hash).map_err(|_| VaultError::Malformed)?;
    KdfParams {
        m_kib: params.m_cost(),
        t: params.t_cost(),
        p: params.p_cost(),
    }
    .check_minimum()?;
    KdfParams::MINIMUM
        .argon2()?
        .verify_password(passphrase.as_bytes(), &hash)
        .map_err(|_| VaultError::WrongPassphrase)
}
