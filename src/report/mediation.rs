//! The period report's section on Sprachvermittlung: mediation requests per
//! language and how they ended, and the languages asked for that no one in
//! the pool speaks (what to recruit for at the next Dolmetschertreffen).
//! Counts only: no visitor, no interpreter.

use serde::{Deserialize, Serialize};

use super::Count;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediationSection {
    /// Requests with their appointment in the period.
    pub requests: u32,
    pub met: u32,
    pub not_met: u32,
    /// Still open or assigned.
    pub pending: u32,
    /// Per language, most requested first.
    pub languages: Vec<MediationLine>,
    /// Languages requested in the period that no current pool member
    /// speaks, with their number of requests.
    pub no_one_in_pool: Vec<Count>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediationLine {
    pub label: String,
    pub requests: u32,
    pub met: u32,
    pub not_met: u32,
    pub pending: u32,
}
