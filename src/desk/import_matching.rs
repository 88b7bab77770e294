//! Duplicate suspicion for imported rows: the same matching as at intake
//! ([`SearchIndex::duplicates`]), so a list brought in from elsewhere shows the people who
//! are already registered under another spelling or script.

use super::login::Login;
use super::personal::PersonalData;
use super::roles::Capability;
use super::{Desk, DeskResult};
use crate::search::SearchIndex;
use crate::store::records::VisitorNo;

/// For each row (by position) that resembles visitors already registered: their numbers,
/// best first. Staff who may not read personal data see none (they cannot import either).
pub(super) fn suspects(
    desk: &Desk,
    by: &Login,
    rows: &[PersonalData],
) -> DeskResult<Vec<(usize, Vec<VisitorNo>)>> {
    if !by.may(Capability::ReadPersonal) {
        return Ok(Vec::new());
    }
    let index = SearchIndex::new(desk.visitor_entries(by)?);
    if index.is_empty() {
        return Ok(Vec::new());
    }
    Ok(rows
        .iter()
        .enumerate()
        .filter_map(|(i, row)| {
            let like: Vec<VisitorNo> = index
                .duplicates(&row.name, &row.name_latin, row.birth_year())
                .iter()
                .map(|h| h.number)
                .collect();
            (!like.is_empty()).then_some((i, like))
        })
        .collect())
}
