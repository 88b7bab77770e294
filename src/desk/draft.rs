//! Unsaved input kept across a lock. Locking drops the key and everything decrypted, yet a
//! half-typed intake must not be lost: the UI hands its input over as a value, it is sealed
//! here under the data key of the person who typed it, and only that person's next sign-in
//! (the same day) opens it again. Drafts live in memory only, never in the file.

use jiff::civil::Date;
use serde::Serialize;
use serde::de::DeserializeOwned;
use zeroize::Zeroizing;

use super::roles::Capability;
use super::{DeskError, DeskResult, Login};
use crate::store::codec;
use crate::vault::{self, SealContext, Sealed};

/// The associated data binds a draft to its owner's name: a draft shown to someone else
/// fails to open even if the check on the name were forgotten.
fn context(owner: &str) -> SealContext<'_> {
    SealContext {
        table: owner,
        record: u64::MAX,
        format: codec::FORMAT_VERSION,
    }
}

/// A screen's unsaved input, sealed; it names its owner and the day it was typed.
pub struct SealedDraft {
    owner: String,
    day: Date,
    sealed: Sealed,
}

impl std::fmt::Debug for SealedDraft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SealedDraft")
            .field("owner", &self.owner)
            .field("day", &self.day)
            .finish_non_exhaustive()
    }
}

impl SealedDraft {
    pub fn owner(&self) -> &str {
        &self.owner
    }

    pub fn day(&self) -> Date {
        self.day
    }

    /// The ciphertext, for tests that check no plaintext is left.
    #[doc(hidden)]
    pub fn ciphertext(&self) -> &[u8] {
        &self.sealed.ciphertext
    }
}

impl Login {
    /// Seals `value` (typed on `day`) for this person's next sign-in. Only staff who may
    /// register visitors hold a key; others have nothing personal to keep.
    pub fn seal_draft<T: Serialize>(&self, value: &T, day: Date) -> DeskResult<SealedDraft> {
        let key = self.key(Capability::WritePersonal)?;
        let plain = Zeroizing::new(
            codec::encode(value).map_err(|_| DeskError::invalid("draft", "not encodable"))?,
        );
        let sealed = vault::seal(key, context(self.user()), &plain)?;
        Ok(SealedDraft {
            owner: self.user().to_string(),
            day,
            sealed,
        })
    }

    /// Opens a draft this person sealed; anyone else's is refused.
    pub fn open_draft<T: DeserializeOwned>(&self, draft: &SealedDraft) -> DeskResult<T> {
        if draft.owner != self.user() {
            return Err(DeskError::Forbidden(Capability::WritePersonal));
        }
        let key = self.key(Capability::WritePersonal)?;
        let plain = vault::open(key, context(&draft.owner), &draft.sealed)?;
        codec::decode(&plain).map_err(|_| DeskError::invalid("draft", "not decodable"))
    }
}
