//! Day counters: languages and needs of the day's new visitors and the
//! referrals made. Kept in step with every register, update and import, so
//! reports need not open every record and erasure leaves the statistics
//! intact. Sealed under the data key, one blob a day: on a day with one
//! registration the counts are that person's languages and needs, so
//! without the key the file must not show them (issue 13). Volunteers, who
//! hold no key, get the day summary without these breakdowns.

use std::collections::BTreeMap;

use zeroize::Zeroizing;

use super::DeskResult;
use super::personal::PersonalData;
use crate::store::codec;
use crate::store::records::StatKind;
use crate::store::tables::{DAY_STATS, SEALED_DAY_STATS};
use crate::store::{Read, StoreError, Writer};
use crate::vault::{self, DataKey, SealContext, Sealed};

type StatKey = (u32, u8, u32);
/// One day's counters: (kind, id) → count.
type DayCounts = BTreeMap<(u8, u32), u32>;

fn context(day: u32) -> SealContext<'static> {
    SealContext {
        table: SEALED_DAY_STATS.name,
        record: u64::from(day),
        format: codec::FORMAT_VERSION,
    }
}

fn open_day(key: &DataKey, day: u32, sealed: &Sealed) -> DeskResult<DayCounts> {
    let plain = vault::open(key, context(day), sealed)?;
    codec::decode(&plain).map_err(|e| StoreError::damaged_record(SEALED_DAY_STATS.name, e).into())
}

fn put_day(w: &mut Writer, key: &DataKey, day: u32, counts: &DayCounts) -> DeskResult<()> {
    if counts.is_empty() {
        w.remove(SEALED_DAY_STATS, &day)?;
        return Ok(());
    }
    let plain = Zeroizing::new(
        codec::encode(counts).map_err(|e| StoreError::damaged_record(SEALED_DAY_STATS.name, e))?,
    );
    w.put(
        SEALED_DAY_STATS,
        &day,
        &vault::seal(key, context(day), &plain)?,
    )?;
    Ok(())
}

fn day_counts(r: &impl Read, key: &DataKey, day: u32) -> DeskResult<DayCounts> {
    match r.get(SEALED_DAY_STATS, &day)? {
        Some(sealed) => open_day(key, day, &sealed),
        None => Ok(DayCounts::new()),
    }
}

fn contributions(data: &PersonalData, created_day: u32) -> BTreeMap<StatKey, i64> {
    let mut out = BTreeMap::new();
    let mut add = |key: StatKey| *out.entry(key).or_insert(0) += 1;
    for &id in data.languages.given().into_iter().flatten() {
        add((created_day, StatKind::NewLanguage as u8, id));
    }
    for &id in data.needs.given().into_iter().flatten() {
        add((created_day, StatKind::NewNeed as u8, id));
    }
    for r in &data.referrals {
        add((r.day, StatKind::Referral as u8, r.offering));
    }
    out
}

/// Moves the counters from what `old` contributed to what `new` does.
pub(super) fn update(
    w: &mut Writer,
    key: &DataKey,
    created_day: u32,
    old: Option<&PersonalData>,
    new: &PersonalData,
) -> DeskResult<()> {
    let mut diff = contributions(new, created_day);
    if let Some(old) = old {
        for (key, n) in contributions(old, created_day) {
            *diff.entry(key).or_insert(0) -= n;
        }
    }
    let mut by_day: BTreeMap<u32, BTreeMap<(u8, u32), i64>> = BTreeMap::new();
    for ((day, kind, id), delta) in diff.into_iter().filter(|(_, d)| *d != 0) {
        by_day.entry(day).or_default().insert((kind, id), delta);
    }
    for (day, deltas) in by_day {
        let mut counts = day_counts(w, key, day)?;
        for (k, delta) in deltas {
            let current = i64::from(counts.get(&k).copied().unwrap_or(0));
            let next = (current + delta).clamp(0, i64::from(u32::MAX)) as u32;
            if next == 0 {
                counts.remove(&k);
            } else {
                counts.insert(k, next);
            }
        }
        put_day(w, key, day, &counts)?;
    }
    Ok(())
}

/// Counters of one kind over a range of days: id → count.
pub fn totals(
    r: &impl Read,
    key: &DataKey,
    from_day: u32,
    to_day: u32,
    kind: StatKind,
) -> DeskResult<BTreeMap<u32, u32>> {
    let mut out = BTreeMap::new();
    let mut failure = None;
    r.scan(
        SEALED_DAY_STATS,
        from_day..=to_day,
        false,
        |day, sealed| match open_day(key, day, &sealed) {
            Ok(counts) => {
                for ((k, id), n) in counts {
                    if k == kind as u8 {
                        *out.entry(id).or_insert(0) += n;
                    }
                }
                Ok(true)
            }
            Err(e) => {
                failure = Some(e);
                Ok(false)
            }
        },
    )?;
    match failure {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// Whether any day counts `id` of `kind` (a reference entry still in use).
pub(super) fn uses(r: &impl Read, key: &DataKey, kind: StatKind, id: u32) -> DeskResult<bool> {
    Ok(totals(r, key, 0, u32::MAX, kind)?.contains_key(&id))
}

/// A file from before the counters were sealed: the first key holder who
/// signs in seals them and removes the plaintext ones (the next rewrite,
/// after an erasure or `compact`, clears their old pages).
pub(super) fn seal_legacy(w: &mut Writer, key: &DataKey) -> DeskResult<()> {
    if w.count(DAY_STATS)? == 0 {
        return Ok(());
    }
    let mut by_day: BTreeMap<u32, DayCounts> = BTreeMap::new();
    for ((day, kind, id), n) in w.range(DAY_STATS, ..)? {
        by_day.entry(day).or_default().insert((kind, id), n);
    }
    for (day, legacy) in by_day {
        let mut counts = day_counts(w, key, day)?;
        for (k, n) in &legacy {
            *counts.entry(*k).or_insert(0) += n;
        }
        put_day(w, key, day, &counts)?;
        for (kind, id) in legacy.keys() {
            w.remove(DAY_STATS, &(day, *kind, *id))?;
        }
    }
    Ok(())
}

/// Opens every day's counters, for `verify`.
pub(super) fn check_all(r: &impl Read, key: &DataKey) -> DeskResult<()> {
    totals(r, key, 0, u32::MAX, StatKind::NewLanguage).map(|_| ())
}
