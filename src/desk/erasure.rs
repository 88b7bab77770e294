//! What an erasure takes away besides the sealed record (issue 13): the
//! number on the person's check-ins (moved to an anonymous stand-in, so the
//! counts and the distinct people of a period stay right) and every
//! household link to the person. What stays under the number: that it
//! exists, its registration date and the status "erased".

use super::DeskResult;
use crate::store::records::{ANONYMOUS_BASE, SessionId, VisitorMeta, VisitorNo};
use crate::store::tables::{CHECKINS, VISITORS};
use crate::store::{Read, Writer};

/// The next anonymous stand-in: one above the highest in use. A pass over
/// the check-ins' keys (there is no index by visitor); erasures are rare.
fn next_anonymous(w: &Writer) -> DeskResult<VisitorNo> {
    let mut highest: Option<VisitorNo> = None;
    w.scan_keys(CHECKINS, .., |(_, no)| {
        if no >= ANONYMOUS_BASE {
            highest = Some(highest.map_or(no, |h| h.max(no)));
        }
        Ok(true)
    })?;
    Ok(highest.map_or(ANONYMOUS_BASE, |no| no.saturating_add(1)))
}

/// Moves every check-in of `no` to one fresh anonymous stand-in.
pub(super) fn anonymise_check_ins(w: &mut Writer, no: VisitorNo) -> DeskResult<usize> {
    let sessions: Vec<SessionId> = super::attendance::sessions_of(w, no)?;
    if sessions.is_empty() {
        return Ok(0);
    }
    let anonymous = next_anonymous(w)?;
    for &sid in &sessions {
        if let Some(record) = w.get(CHECKINS, &(sid, no))? {
            w.remove(CHECKINS, &(sid, no))?;
            w.put(CHECKINS, &(sid, anonymous), &record)?;
        }
    }
    Ok(sessions.len())
}

/// Takes `no` out of its household: the others keep theirs among
/// themselves (under the lowest remaining number when `no` was the one the
/// household was named by), and one left alone has none.
pub(super) fn unlink_household(
    w: &mut Writer,
    no: VisitorNo,
    household: Option<VisitorNo>,
) -> DeskResult<()> {
    let Some(household) = household else {
        return Ok(());
    };
    let mut members: Vec<(VisitorNo, VisitorMeta)> = Vec::new();
    w.scan(VISITORS, .., false, |other, meta: VisitorMeta| {
        if other != no && meta.household == Some(household) {
            members.push((other, meta));
        }
        Ok(true)
    })?;
    let root = match members.len() {
        0 => return Ok(()),
        1 => None,
        _ if household == no => members.first().map(|(n, _)| *n),
        _ => Some(household),
    };
    for (other, mut meta) in members {
        if meta.household != root {
            meta.household = root;
            w.put(VISITORS, &other, &meta)?;
        }
    }
    Ok(())
}
