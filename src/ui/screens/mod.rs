//! One module per screen.

pub mod home;
pub mod login;
pub mod notice;
pub mod quit_backup;
pub mod setup;
