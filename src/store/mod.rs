//! Storage: one redb file, typed tables whose values all go through [`codec`],
//! the schema version and the checks that a file is ours before redb sees it.
//!
//! Knows nothing of passphrases or screens: sealed personal data is stored as
//! opaque [`crate::vault::Sealed`] values.

pub mod codec;
mod copy;
mod error;
mod legacy_journal;
mod open;
pub mod private;
pub mod records;
pub mod tables;
mod txn;

pub use copy::{copy_file, move_over};
pub use error::StoreError;
pub use legacy_journal::legacy_journal_path;
pub use open::{SCHEMA_VERSION, Store};
pub use tables::{Index, Table};
pub use txn::{Read, Reader, Writer};
