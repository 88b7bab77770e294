//! The search entries of every visitor, sealed in a few large blobs, so an
//! unlock opens a handful of blobs instead of 100,000 (opening each sealed
//! record costs a few microseconds: half a second for the budget's file).
//!
//! The cache is never trusted blindly: each cached entry carries the nonce
//! of the sealed record it was read from, and every nonce is fresh at every
//! seal, so a record registered, changed or restored since does not match
//! and is opened on its own. An erasure clears the cache in the same
//! transaction, so no erased name outlives the rewrite of the file.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::DeskResult;
use crate::search::Entry;
use crate::store::codec;
use crate::store::records::VisitorNo;
use crate::store::tables::SEARCH_CACHE;
use crate::store::{Read, StoreError, Writer};
use crate::vault::{self, DataKey, SealContext, Sealed};

/// Entries per sealed blob: about a megabyte, far below the codec's limit.
const PER_BLOB: usize = 10_000;
/// Records opened one by one before the cache is written anew: a day's
/// registrations cost nothing to open, a migration's thousands would.
pub(super) const STALE_BEFORE_REWRITE: usize = 256;

#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct Cached {
    number: VisitorNo,
    /// The nonce of the sealed record this entry was read from.
    nonce: [u8; 24],
    name: String,
    name_latin: String,
    birth_year: Option<i16>,
    phone: String,
}

fn context(blob: u32) -> SealContext<'static> {
    SealContext {
        table: SEARCH_CACHE.name,
        record: u64::from(blob),
        format: codec::FORMAT_VERSION,
    }
}

/// Cached entries by number, with their nonce. A blob that does not open
/// or decode is skipped: its records are then opened one by one.
pub(super) fn load(
    r: &impl Read,
    key: &DataKey,
) -> DeskResult<HashMap<VisitorNo, ([u8; 24], Entry)>> {
    let mut out = HashMap::new();
    r.scan(SEARCH_CACHE, .., false, |blob, sealed: Sealed| {
        let Ok(plain) = vault::open(key, context(blob), &sealed) else {
            return Ok(true);
        };
        let Ok(entries) = codec::decode::<Vec<Cached>>(&plain) else {
            return Ok(true);
        };
        out.reserve(entries.len());
        for mut c in entries {
            let entry = Entry {
                number: c.number,
                name: std::mem::take(&mut c.name),
                name_latin: std::mem::take(&mut c.name_latin),
                birth_year: c.birth_year,
                phone: std::mem::take(&mut c.phone),
            };
            out.insert(c.number, (c.nonce, entry));
        }
        Ok(true)
    })?;
    Ok(out)
}

/// Drops every cached entry: before the bytes of an erased person go.
pub(super) fn clear(w: &mut Writer) -> Result<(), StoreError> {
    for blob in w.keys(SEARCH_CACHE, ..)? {
        w.remove(SEARCH_CACHE, &blob)?;
    }
    Ok(())
}

/// Replaces the cache by `entries` (with the nonce each was read from).
pub(super) fn write(
    w: &mut Writer,
    key: &DataKey,
    entries: &[([u8; 24], &Entry)],
) -> DeskResult<()> {
    clear(w)?;
    for (blob, chunk) in entries.chunks(PER_BLOB).enumerate() {
        let cached: Vec<Cached> = chunk
            .iter()
            .map(|(nonce, e)| Cached {
                number: e.number,
                nonce: *nonce,
                name: e.name.clone(),
                name_latin: e.name_latin.clone(),
                birth_year: e.birth_year,
                phone: e.phone.clone(),
            })
            .collect();
        let plain = zeroize::Zeroizing::new(
            codec::encode(&cached).map_err(|e| StoreError::damaged_record(SEARCH_CACHE.name, e))?,
        );
        let blob = u32::try_from(blob).unwrap_or(u32::MAX);
        w.put(
            SEARCH_CACHE,
            &blob,
            &vault::seal(key, context(blob), &plain)?,
        )?;
    }
    Ok(())
}
