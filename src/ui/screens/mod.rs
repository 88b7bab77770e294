//! One module per screen.

pub mod audit;
pub mod day_summary;
pub mod find_visitor;
pub mod home;
pub mod login;
pub mod notice;
pub mod period_report;
pub mod quit_backup;
pub mod retention;
pub mod setup;
pub mod visitor_card;
