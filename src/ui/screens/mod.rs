//! One module per screen.

pub mod audit;
pub mod big_digits;
pub mod check_in;
pub mod close_session;
pub mod home;
pub mod household_dialog;
pub mod login;
pub mod notice;
pub mod quit_backup;
pub mod retention;
pub mod session_header;
pub mod session_pick;
pub mod setup;
pub mod tally;
