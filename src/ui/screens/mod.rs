//! One module per screen.

pub mod audit;
pub mod home;
pub mod login;
pub mod notice;
pub mod offering_form;
pub mod offerings;
pub mod quit_backup;
pub mod retention;
pub mod schedule_text;
pub mod session_form;
pub mod sessions;
pub mod setup;
