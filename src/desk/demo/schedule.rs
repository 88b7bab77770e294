//! When the made-up people registered and which sessions they came to.
//! Visitors are numbered in the order they registered, so "everyone
//! registered by a day" is a prefix of the numbers: picking attendees is a
//! random number below a bound, not a search.

use std::collections::{BTreeMap, HashSet};

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};

use crate::desk::recurrence::{occurs_on, times};
use crate::search::testdata::Rng;
use crate::store::records::{
    Offering, OfferingId, Pillar, RefId, SessionRecord, SessionState, VisitorNo,
};

/// Percent of visitors registered before the first day of the demo: the
/// room had regulars before the period began.
const REGISTERED_BEFORE_PERCENT: usize = 30;
/// Percent of past sessions that were cancelled.
const CANCELLED_PERCENT: u64 = 3;

pub struct PlannedSession {
    pub record: SessionRecord,
    /// In number order.
    pub attendees: Vec<VisitorNo>,
    pub tallies: Vec<(RefId, u32)>,
}

/// `minutes` after `hour` o'clock on `date`, in the local time zone.
pub fn moment(date: Date, hour: i8, minutes: i64) -> Timestamp {
    let start = date.to_datetime(Time::new(hour, 0, 0, 0).unwrap_or(Time::midnight()));
    start
        .checked_add(SignedDuration::from_mins(minutes))
        .ok()
        .and_then(|at| TimeZone::system().to_timestamp(at).ok())
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

fn days(first: Date, last: Date) -> impl Iterator<Item = Date> {
    std::iter::successors(Some(first), |d| d.tomorrow().ok()).take_while(move |d| *d <= last)
}

fn sessions_of(
    offerings: &[(OfferingId, Offering)],
    date: Date,
) -> impl Iterator<Item = (OfferingId, &Offering)> {
    offerings
        .iter()
        .filter(move |(_, o)| !o.archived && occurs_on(&o.recurrence, date))
        .filter(|(_, o)| times(&o.recurrence).is_some())
        .map(|(id, o)| (*id, o))
}

/// The day each of `count` visitors registered, in order: some before
/// `first`, the rest on days the room was open.
pub fn registration_days(
    rng: &mut Rng,
    offerings: &[(OfferingId, Offering)],
    first: Date,
    last: Date,
    count: u32,
) -> Vec<Date> {
    let mut open: Vec<Date> = days(first, last)
        .filter(|d| sessions_of(offerings, *d).next().is_some())
        .collect();
    if open.is_empty() {
        open = days(first, last).collect();
    }
    let mut out: Vec<Date> = (0..count as usize)
        .map(|_| {
            if rng.below(100) < REGISTERED_BEFORE_PERCENT {
                let back = 1 + rng.below(365) as i64;
                first.checked_sub(back.days()).unwrap_or(first)
            } else {
                *rng.pick(&open)
            }
        })
        .collect();
    out.sort_unstable();
    out
}

/// Check-ins a session of this kind gets without a target: consultations
/// are one-to-one, the café is full.
fn natural_size(rng: &mut Rng, pillar: Pillar) -> usize {
    match pillar {
        Pillar::Beratung => 2 + rng.below(5),
        Pillar::Sprachvermittlung => 6 + rng.below(12),
        Pillar::Information => 4 + rng.below(10),
        _ => 8 + rng.below(18),
    }
}

/// `take` different numbers from `1..=bound`, plus `must`, in order.
fn pick_attendees(rng: &mut Rng, bound: u32, take: usize, must: &[VisitorNo]) -> Vec<VisitorNo> {
    let take = take.min(bound as usize);
    let mut chosen: HashSet<VisitorNo> = must.iter().copied().collect();
    if take * 2 > bound as usize {
        // Most of everyone: shuffle all instead of retrying collisions.
        let mut all: Vec<VisitorNo> = (1..=bound).collect();
        for i in 0..all.len() {
            let j = i + rng.below(all.len() - i);
            all.swap(i, j);
        }
        for no in all {
            if chosen.len() >= take {
                break;
            }
            chosen.insert(no);
        }
    } else {
        while chosen.len() < take {
            chosen.insert(1 + rng.below(bound as usize) as VisitorNo);
        }
    }
    let mut out: Vec<VisitorNo> = chosen.into_iter().collect();
    out.sort_unstable();
    out
}

/// Every session the offerings call for from `first` to `last`, with
/// attendees from the visitors registered by then (`created`: sorted) and
/// tallies. With `target`, check-ins add up to about that many.
pub fn plan_sessions(
    rng: &mut Rng,
    offerings: &[(OfferingId, Offering)],
    created: &[Date],
    first: Date,
    last: Date,
    target: Option<u64>,
    user: &str,
) -> Vec<PlannedSession> {
    let mut out = Vec::new();
    for date in days(first, last) {
        for (offering, o) in sessions_of(offerings, date) {
            let Some((start, end)) = times(&o.recurrence) else {
                continue;
            };
            let past = date < last;
            let state = if past && rng.chance(CANCELLED_PERCENT) {
                SessionState::Cancelled
            } else if past {
                SessionState::Closed
            } else {
                SessionState::Open
            };
            out.push(PlannedSession {
                record: SessionRecord {
                    offering,
                    date,
                    start,
                    end,
                    title: String::new(),
                    ad_hoc: false,
                    state,
                    note: String::new(),
                    closed_by: (state != SessionState::Open).then(|| user.to_string()),
                },
                attendees: Vec::new(),
                tallies: Vec::new(),
            });
        }
    }
    out.sort_by_key(|s| (s.record.date, s.record.start, s.record.offering));
    let held: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].record.state != SessionState::Cancelled)
        .collect();
    let pillars: BTreeMap<OfferingId, (Pillar, Vec<RefId>)> = offerings
        .iter()
        .map(|(id, o)| (*id, (o.pillar, o.tally_categories.clone())))
        .collect();

    let mut carry = 0usize;
    let mut k = 0usize;
    while k < held.len() {
        // One day at a time: that day's new visitors come to one of its sessions.
        let date = out[held[k]].record.date;
        let day_end = held[k..]
            .iter()
            .position(|&i| out[i].record.date != date)
            .map_or(held.len(), |n| k + n);
        let registered = created.partition_point(|d| *d <= date) as u32;
        let before = created.partition_point(|d| *d < date) as u32;
        let mut must: Vec<Vec<VisitorNo>> = vec![Vec::new(); day_end - k];
        for no in before + 1..=registered {
            must[rng.below(day_end - k)].push(no);
        }
        for (slot, n) in (k..day_end).enumerate() {
            let i = held[n];
            let (pillar, categories) = pillars
                .get(&out[i].record.offering)
                .cloned()
                .unwrap_or((Pillar::Information, Vec::new()));
            let wanted = match target {
                Some(t) => {
                    let t = t as u128;
                    let len = held.len() as u128;
                    let share = t * (n as u128 + 1) / len - t * n as u128 / len;
                    share as usize + carry
                }
                None => natural_size(rng, pillar),
            };
            let wanted = wanted.max(must[slot].len());
            let attendees = pick_attendees(rng, registered, wanted, &must[slot]);
            carry = wanted.saturating_sub(attendees.len());
            if target.is_none() {
                carry = 0;
            }
            out[i].attendees = attendees;
            out[i].tallies = categories
                .iter()
                .enumerate()
                .map(|(c, id)| (*id, rng.below(if c == 0 { 9 } else { 5 }) as u32))
                .collect();
        }
        k = day_end;
    }
    out
}

/// The day of the last two weeks before `today` with the most check-ins.
pub fn busiest_day_before(sessions: &[PlannedSession], today: Date) -> Option<Date> {
    let since = today.checked_sub(14.days()).unwrap_or(today);
    let mut per_day: BTreeMap<Date, usize> = BTreeMap::new();
    for s in sessions
        .iter()
        .filter(|s| s.record.date < today && s.record.date >= since)
    {
        *per_day.entry(s.record.date).or_insert(0) += s.attendees.len();
    }
    per_day
        .into_iter()
        .max_by_key(|&(date, n)| (n, std::cmp::Reverse(date)))
        .map(|(date, _)| date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn attendees_are_distinct_registered_and_include_the_new() {
        let mut rng = Rng::new(5);
        for (bound, take) in [(10, 3), (10, 9), (10, 50), (1000, 20)] {
            let got = pick_attendees(&mut rng, bound, take, &[bound]);
            assert_eq!(got.len(), take.min(bound as usize));
            assert!(got.windows(2).all(|w| w[0] < w[1]));
            assert!(got.iter().all(|&n| (1..=bound).contains(&n)));
            assert!(got.contains(&bound));
        }
    }

    #[test]
    fn moments_fall_on_their_day() {
        let at = moment(date(2026, 3, 29), 10, 30);
        let local = TimeZone::system().to_datetime(at);
        assert_eq!(local.date(), date(2026, 3, 29));
    }
}
