//! The search entries of every visitor, sealed in one blob per block of
//! 10,000 visitor numbers, so an unlock opens ten blobs instead of 100,000
//! records (opening each sealed record costs microseconds: half a second
//! for the budget's file).
//!
//! A cached block is used only while its generation matches the block's
//! generation in `PERSONAL_GENERATIONS`, which every write transaction
//! raises at commit when it writes or removes a sealed record of the block,
//! whoever wrote it. An out-of-date block is opened record by record and
//! cached anew. An erasure removes the block's cache in the same
//! transaction, so no erased name outlives the rewrite of the file.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::DeskResult;
use super::visitors::{entry_of, open_personal};
use crate::search::Entry;
use crate::store::codec;
use crate::store::records::VisitorNo;
use crate::store::tables::{PERSONAL, PERSONAL_BLOCK, PERSONAL_GENERATIONS, SEARCH_CACHE};
use crate::store::{Read, StoreError, Writer};
use crate::vault::{self, DataKey, SealContext, Sealed};

#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct Cached {
    number: VisitorNo,
    name: String,
    name_latin: String,
    birth_year: Option<i16>,
    phone: String,
}

#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct Block {
    /// The block's generation the entries were read at.
    generation: u64,
    entries: Vec<Cached>,
}

fn context(block: u32) -> SealContext<'static> {
    SealContext {
        table: SEARCH_CACHE.name,
        record: u64::from(block),
        format: codec::FORMAT_VERSION,
    }
}

/// Every visitor's entry, and the blocks that had to be opened record by
/// record: (block, its generation, where its entries are in `entries`).
pub(super) struct Loaded {
    pub entries: Vec<Entry>,
    pub stale: Vec<(u32, u64, Range<usize>)>,
}

fn open_block(key: &DataKey, block: u32, sealed: &Sealed) -> Option<Block> {
    let plain = vault::open(key, context(block), sealed).ok()?;
    codec::decode::<Block>(&plain).ok()
}

pub(super) fn load(r: &impl Read, key: &DataKey) -> DeskResult<Loaded> {
    let generations: BTreeMap<u32, u64> = r.range(PERSONAL_GENERATIONS, ..)?.into_iter().collect();
    let last = r.last(PERSONAL)?.map(|(no, _)| no);
    let mut cached: BTreeMap<u32, Sealed> = r.range(SEARCH_CACHE, ..)?.into_iter().collect();
    let mut loaded = Loaded {
        entries: Vec::new(),
        stale: Vec::new(),
    };
    let Some(last) = last else {
        return Ok(loaded);
    };
    for block in 0..=last / PERSONAL_BLOCK {
        let generation = generations.get(&block).copied().unwrap_or(0);
        let start = loaded.entries.len();
        let fresh = cached
            .remove(&block)
            .and_then(|sealed| open_block(key, block, &sealed))
            .filter(|b| b.generation == generation);
        if let Some(mut b) = fresh {
            loaded.entries.reserve(b.entries.len());
            for c in &mut b.entries {
                loaded.entries.push(Entry {
                    number: c.number,
                    name: std::mem::take(&mut c.name),
                    name_latin: std::mem::take(&mut c.name_latin),
                    birth_year: c.birth_year,
                    phone: std::mem::take(&mut c.phone),
                });
            }
            continue;
        }
        let first = block.saturating_mul(PERSONAL_BLOCK);
        let end = first.saturating_add(PERSONAL_BLOCK - 1);
        let mut failure = None;
        r.scan(
            PERSONAL,
            first..=end,
            false,
            |no, sealed| match open_personal(key, no, &sealed) {
                Ok(data) => {
                    loaded.entries.push(entry_of(no, &data));
                    Ok(true)
                }
                Err(e) => {
                    failure = Some(e);
                    Ok(false)
                }
            },
        )?;
        if let Some(e) = failure {
            return Err(e);
        }
        loaded
            .stale
            .push((block, generation, start..loaded.entries.len()));
    }
    Ok(loaded)
}

/// Caches the blocks that were opened record by record, unless a record of
/// theirs changed in the meantime.
pub(super) fn store_stale(w: &mut Writer, key: &DataKey, loaded: &Loaded) -> DeskResult<()> {
    for (block, generation, range) in &loaded.stale {
        if w.get(PERSONAL_GENERATIONS, block)?.unwrap_or(0) != *generation {
            continue;
        }
        let cached = Block {
            generation: *generation,
            entries: loaded.entries[range.clone()]
                .iter()
                .map(|e| Cached {
                    number: e.number,
                    name: e.name.clone(),
                    name_latin: e.name_latin.clone(),
                    birth_year: e.birth_year,
                    phone: e.phone.clone(),
                })
                .collect(),
        };
        let plain = Zeroizing::new(
            codec::encode(&cached).map_err(|e| StoreError::damaged_record(SEARCH_CACHE.name, e))?,
        );
        w.put(
            SEARCH_CACHE,
            block,
            &vault::seal(key, context(*block), &plain)?,
        )?;
    }
    Ok(())
}

/// Removes the cached block holding `no`: the erased person's name goes
/// with it.
pub(super) fn forget(w: &mut Writer, no: VisitorNo) -> Result<(), StoreError> {
    w.remove(SEARCH_CACHE, &(no / PERSONAL_BLOCK))?;
    Ok(())
}
