use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{Passphrase, VaultError};

/// Argon2id cost parameters, stored beside every slot and verifier so they
/// can be raised later without touching old slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// OWASP's minimum for Argon2id (m=19 MiB, t=2, p=1). Anything weaker in a
    /// file was not written by us and is refused, so a tampered file cannot
    /// make a passphrase cheaper to guess.
    pub const MINIMUM: Self = Self {
        m_kib: 19 * 1024,
        t: 2,
        p: 1,
    };

    /// About half a second on a modest office PC (measured: see README, Performance).
    pub const DEFAULT: Self = Self {
        m_kib: 64 * 1024,
        t: 3,
        p: 1,
    };

    /// Parameters chosen by the environment (`MILA_KDF=minimum` for tests and
    /// slow machines), else the default. Never below the minimum.
    pub fn from_env() -> Self {
        match std::env::var("MILA_KDF").as_deref() {
            Ok("minimum") => Self::MINIMUM,
            _ => Self::DEFAULT,
        }
    }

    pub fn check_minimum(&self) -> Result<(), VaultError> {
        let min = Self::MINIMUM;
        if self.m_kib < min.m_kib || self.t < min.t || self.p < min.p {
            return Err(VaultError::WeakParameters {
                m: self.m_kib,
                t: self.t,
                p: self.p,
            });
        }
        Ok(())
    }

    pub(super) fn argon2(&self) -> Result<Argon2<'static>, VaultError> {
        let params =
            Params::new(self.m_kib, self.t, self.p, Some(32)).map_err(|_| VaultError::Malformed)?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }

    /// Derives a 256-bit key-encryption key from a passphrase.
    pub(super) fn derive(
        &self,
        passphrase: &Passphrase,
        salt: &[u8],
    ) -> Result<Zeroizing<[u8; 32]>, VaultError> {
        self.check_minimum()?;
        let mut out = Zeroizing::new([0u8; 32]);
        self.argon2()?
            .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
            .map_err(|e| match e {
                argon2::Error::OutOfMemory => VaultError::OutOfMemory,
                _ => VaultError::Malformed,
            })?;
        Ok(out)
    }
}

/// The Argon2id work of opening a slot with `params`, for a user name that
/// has none: an unknown name then takes as long to refuse as a known one.
pub fn spend_like(params: KdfParams, passphrase: &Passphrase) {
    let params = if params.check_minimum().is_ok() {
        params
    } else {
        KdfParams::DEFAULT
    };
    let salt = super::random::<16>().unwrap_or([0; 16]);
    // The result is thrown away: only the time it takes matters.
    let _ = params.derive(passphrase, &salt);
}
