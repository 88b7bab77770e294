//! One module per screen.

pub mod admin;
pub mod audit;
pub mod big_digits;
pub mod check_in;
pub mod close_session;
pub mod day_summary;
pub mod find_visitor;
pub mod home;
pub mod household_dialog;
pub mod login;
pub mod notice;
pub mod period_report;
pub mod quit_backup;
pub mod reference_lists;
pub mod retention;
pub mod retention_period;
pub mod session_header;
pub mod session_pick;
pub mod setup;
pub mod staff_accounts;
pub mod staff_form;
pub mod tally;
pub mod visitor_card;
