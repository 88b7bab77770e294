//! The period report: the day summary's figures over weeks, months or a
//! year, per offering, for the city's internal evaluation. No names.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Count;
use crate::store::records::Pillar;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodReport {
    pub from: Date,
    pub to: Date,
    /// Every offering that had a session in the period or is still offered,
    /// by pillar and name.
    pub offerings: Vec<OfferingLine>,
    pub totals: PeriodTotals,
    /// Every month the period touches, in order, months without any included.
    pub registrations_per_month: Vec<MonthCount>,
    /// Of the visitors registered in the period (anonymous counters).
    pub languages: Vec<Count>,
    pub needs: Vec<Count>,
    /// Referrals made in the period, per offering.
    pub referrals: Vec<Count>,
    /// Every ISO week the period touches, in order, empty weeks included
    /// (a sparkline needs the gaps).
    pub weeks: Vec<WeekCount>,
    /// Sprachvermittlung: requests per language, met and not met (issue 16).
    #[serde(default)]
    pub mediation: super::MediationSection,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferingLine {
    pub name: String,
    pub pillar: Pillar,
    /// Sessions not cancelled.
    pub sessions_held: u32,
    pub checkins: u32,
    pub tallied: u32,
    /// `checkins + tallied`.
    pub attendance: u32,
    /// `attendance / sessions_held`, rounded to two decimals; 0 without sessions.
    pub mean_per_session: f64,
    /// Different registered visitors checked in to its sessions.
    pub unique_visitors: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PeriodTotals {
    pub sessions_held: u32,
    pub checkins: u32,
    pub tallied: u32,
    pub attendance: u32,
    pub mean_per_session: f64,
    /// Different registered visitors checked in to any session.
    pub unique_visitors: u32,
    pub new_registrations: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    pub year: i16,
    pub month: i8,
    pub count: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekCount {
    /// The ISO week-numbering year (the first days of January may belong
    /// to the last week of the year before).
    pub year: i16,
    pub week: i8,
    pub attendance: u32,
}

/// `attendance / sessions`, rounded to two decimals. Two decimals, not the
/// full float, so the value prints short and reads back from JSON exactly.
pub fn mean(attendance: u32, sessions: u32) -> f64 {
    if sessions == 0 {
        return 0.0;
    }
    let hundredths =
        (u64::from(attendance) * 100 * 2 + u64::from(sessions)) / (2 * u64::from(sessions));
    hundredths as f64 / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn means_round_half_up_to_hundredths() {
        assert_eq!(mean(0, 0), 0.0);
        assert_eq!(mean(10, 4), 2.5);
        assert_eq!(mean(10, 3), 3.33);
        assert_eq!(mean(20, 3), 6.67);
        assert_eq!(mean(1, 8), 0.13);
    }
}
