//! The day summary (Tagesübersicht) and the period report as plain data, and
//! their renderers: text for printing on A4, CSV for German Excel, JSON.
//!
//! One computation, several renderers: the desk fills these structs
//! (`Desk::day_summary`, `Desk::period_report`); nothing here reads the
//! database, so every renderer shows the same numbers. Headings come from
//! the one string catalog (`crate::text::catalog`).

pub mod access;
mod count;
mod day;
pub mod output;
mod period;
// Sprachvermittlung (issue 16)
mod mediation;
pub mod render;

pub use count::{Count, SMALL_CELL, shown_count, sort_counts};
pub use day::{Attendee, DaySummary, DayTotals, SessionLine, VisitorCounts};
pub use mediation::{MediationLine, MediationSection};
pub use period::{MonthCount, OfferingLine, PeriodReport, PeriodTotals, WeekCount, mean};
pub use render::Format;
