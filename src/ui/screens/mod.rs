//! One module per screen.

pub mod audit;
pub mod day_summary;
pub mod home;
pub mod login;
pub mod notice;
pub mod period_report;
pub mod quit_backup;
pub mod retention;
pub mod setup;
