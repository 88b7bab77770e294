//! The terminal user interface: the toolkit every screen builds on.
//!
//! Keys become [`action::Action`]s in one place ([`keymap::Keymap`]); screens never match raw
//! keys. Every word shown to staff comes from [`catalog`]; every string that came from outside
//! goes through [`sanitize`] before it reaches the terminal.

pub mod action;
pub mod catalog;
pub mod keymap;
pub mod sanitize;
pub mod theme;
pub mod widgets;
