//! `mila verify` for Sprachvermittlung: every sealed contact and request
//! detail opens with the key, and every request points at a visitor and a
//! pool member that exist (an erased visitor's requests hold no details).

use std::collections::BTreeSet;

use crate::store::records::VisitorNo;
use crate::store::tables::{POOL, POOL_CONTACT, REQUEST_DETAILS, REQUESTS};
use crate::store::{Read, Reader};
use crate::vault::DataKey;

pub(super) fn check(
    r: &Reader,
    key: Option<&DataKey>,
    visitors: &BTreeSet<VisitorNo>,
    erased: &BTreeSet<VisitorNo>,
    problems: &mut Vec<String>,
) {
    let pool = match r.range(POOL, ..) {
        Ok(pool) => pool,
        Err(e) => {
            problems.push(format!("interpreter pool: {e}"));
            return;
        }
    };
    for (id, member) in &pool {
        match (member.removed, r.get(POOL_CONTACT, id)) {
            (true, Ok(Some(_))) => problems.push(format!(
                "pool member {id} is erased but contact details remain"
            )),
            (false, Ok(None)) => problems.push(format!("pool member {id} has no contact details")),
            (false, Ok(Some(_))) => {
                if let Some(key) = key
                    && let Err(e) = super::pool::open_contact(r, key, *id)
                {
                    problems.push(format!("contact details of pool member {id}: {e}"));
                }
            }
            (_, Err(e)) => problems.push(format!("contact details of pool member {id}: {e}")),
            (true, Ok(None)) => {}
        }
    }
    let requests = match r.range(REQUESTS, ..) {
        Ok(requests) => requests,
        Err(e) => {
            problems.push(format!("mediation requests: {e}"));
            return;
        }
    };
    for (id, request) in &requests {
        if let Some(no) = request.visitor {
            if !visitors.contains(&no) {
                problems.push(format!("request {id} refers to a missing visitor"));
            } else if erased.contains(&no) {
                problems.push(format!("request {id} still names an erased visitor"));
            }
        }
        if let Some(member) = request.interpreter
            && !pool.iter().any(|(p, _)| *p == member)
        {
            problems.push(format!(
                "request {id} refers to a missing pool member {member}"
            ));
        }
        match (request.visitor.is_some(), r.get(REQUEST_DETAILS, id)) {
            (false, Ok(Some(_))) => problems.push(format!(
                "request {id} of an erased visitor still has details"
            )),
            (true, Ok(None)) => problems.push(format!("request {id} has no details")),
            (true, Ok(Some(_))) => {
                if let Some(key) = key
                    && let Err(e) = super::mediation::open_details(r, key, *id)
                {
                    problems.push(format!("details of request {id}: {e}"));
                }
            }
            (_, Err(e)) => problems.push(format!("details of request {id}: {e}")),
            (false, Ok(None)) => {}
        }
    }
    if let Ok(ids) = r.keys(REQUEST_DETAILS, ..) {
        for id in ids {
            if !requests.iter().any(|(r, _)| *r == id) {
                problems.push(format!("details without a request {id}"));
            }
        }
    }
}
