//! Helpers shared by the integration tests: write `mod common;` in a test file.

// Each test binary uses only some of the helpers; the rest would warn as dead code there.
#![allow(dead_code)]

pub mod app;
pub mod desk;
pub mod intake;
pub mod mila;
pub mod pty;
pub mod report;
