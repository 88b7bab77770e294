//! Finding visitors outside the UI (`mila find`): the same matcher as the
//! find screen, with every listed visitor audited as viewed, because the
//! list shows their names.

use super::login::Login;
use super::roles::Capability;
use super::{Desk, DeskResult};
use crate::search::{Entry, Hit};
use crate::store::records::AuditAction;

/// What the audit log says about a view through a search result list.
pub const FIND_AUDIT_DETAIL: &str = "find";

impl Desk {
    /// The visitors matching `query`, best first, at most `limit`, each with
    /// its hit. Staff with read access only; each listed visitor is audited
    /// as viewed, in one commit.
    pub fn find_visitors(
        &self,
        by: &Login,
        query: &str,
        limit: usize,
    ) -> DeskResult<Vec<(Hit, Entry)>> {
        by.require(Capability::ReadPersonal)?;
        let index = self.search_index(by)?;
        let found: Vec<(Hit, Entry)> = index
            .query(query, limit)
            .into_iter()
            .filter_map(|hit| index.get(hit.number).map(|e| (hit, e.clone())))
            .collect();
        if !found.is_empty() {
            let mut w = self.store.write()?;
            for (hit, _) in &found {
                super::audit::record(
                    &mut w,
                    by.user(),
                    AuditAction::View,
                    Some(hit.number),
                    FIND_AUDIT_DETAIL,
                )?;
            }
            w.commit()?;
        }
        Ok(found)
    }
}
