//! The numbers of the period report's Sprachvermittlung section, from the
//! plaintext part of the requests: no key needed, and erasure keeps them.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::DeskResult;
use crate::report::{Count, MediationLine, MediationSection, sort_counts};
use crate::store::records::{RefId, RefList, RequestStatus};
use crate::store::tables::{POOL, REQUESTS};
use crate::store::{Read, Reader};

pub(super) fn section(r: &Reader, from: Date, to: Date) -> DeskResult<MediationSection> {
    let mut per_language: BTreeMap<RefId, MediationLine> = BTreeMap::new();
    let mut out = MediationSection::default();
    for (_, request) in r.range(REQUESTS, ..)? {
        if request.date < from || request.date > to {
            continue;
        }
        let line = per_language
            .entry(request.language)
            .or_insert_with(|| MediationLine {
                label: String::new(),
                requests: 0,
                met: 0,
                not_met: 0,
                pending: 0,
            });
        line.requests += 1;
        out.requests += 1;
        match request.status {
            RequestStatus::Done => {
                line.met += 1;
                out.met += 1;
            }
            RequestStatus::NotMet => {
                line.not_met += 1;
                out.not_met += 1;
            }
            RequestStatus::Open | RequestStatus::Assigned => {
                line.pending += 1;
                out.pending += 1;
            }
        }
    }
    let spoken: BTreeSet<RefId> = r
        .range(POOL, ..)?
        .into_iter()
        .filter(|(_, m)| !m.removed)
        .flat_map(|(_, m)| m.languages.into_iter().map(|l| l.language))
        .collect();
    for (language, mut line) in per_language {
        line.label = super::reference::label_in(r, RefList::Languages, language)?;
        if !spoken.contains(&language) {
            out.no_one_in_pool
                .push(Count::new(line.label.clone(), line.requests));
        }
        out.languages.push(line);
    }
    out.languages.sort_by(|a, b| {
        b.requests
            .cmp(&a.requests)
            .then_with(|| a.label.cmp(&b.label))
    });
    sort_counts(&mut out.no_one_in_pool);
    Ok(out)
}
