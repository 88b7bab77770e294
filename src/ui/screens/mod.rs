//! One module per screen.

pub mod audit;
pub mod home;
pub mod intake;
pub mod login;
pub mod notice;
pub mod quit_backup;
pub mod retention;
pub mod setup;
