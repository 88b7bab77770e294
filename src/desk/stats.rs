//! Anonymous day counters: languages and needs of the day's new visitors and
//! the referrals made. Kept in step with every register, update and import,
//! so reports need no key and erasure leaves the statistics intact.

use std::collections::BTreeMap;

use super::personal::PersonalData;
use crate::store::records::StatKind;
use crate::store::tables::DAY_STATS;
use crate::store::{Read, StoreError, Writer};

type StatKey = (u32, u8, u32);

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
    created_day: u32,
    old: Option<&PersonalData>,
    new: &PersonalData,
) -> Result<(), StoreError> {
    let mut diff = contributions(new, created_day);
    if let Some(old) = old {
        for (key, n) in contributions(old, created_day) {
            *diff.entry(key).or_insert(0) -= n;
        }
    }
    for (key, delta) in diff.into_iter().filter(|(_, d)| *d != 0) {
        let current = i64::from(w.get(DAY_STATS, &key)?.unwrap_or(0));
        let next = (current + delta).clamp(0, i64::from(u32::MAX)) as u32;
        if next == 0 {
            w.remove(DAY_STATS, &key)?;
        } else {
            w.put(DAY_STATS, &key, &next)?;
        }
    }
    Ok(())
}

/// Counters of one kind over a range of days: id → count.
pub fn totals(
    r: &impl Read,
    from_day: u32,
    to_day: u32,
    kind: StatKind,
) -> Result<BTreeMap<u32, u32>, StoreError> {
    let mut out = BTreeMap::new();
    r.scan(
        DAY_STATS,
        (from_day, 0, 0)..=(to_day, u8::MAX, u32::MAX),
        false,
        |(_, k, id), n| {
            if k == kind as u8 {
                *out.entry(id).or_insert(0) += n;
            }
            Ok(true)
        },
    )?;
    Ok(out)
}
