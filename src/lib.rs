//! MiLA Desk: the front-desk program of MiLA ("Menschen in Langenhagen").
//!
//! Data flows one way: `ui` → `desk` → `store`/`vault`. See README, *Architecture*.

pub mod config;
pub mod desk;
pub mod panic_guard;
pub mod paths;
pub mod report;
pub mod search;
pub mod store;
pub mod text;
pub mod ui;
pub mod vault;
