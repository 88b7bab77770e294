//! The in-memory index of unlocked visitors: find-as-you-type, `mila find` and the
//! duplicate check during intake all go through [`SearchIndex`].
//!
//! Names are matched across scripts. Every name word is transliterated to Latin letters and
//! folded to one spelling per sound (see [`fold`]); a consonant [`skeleton`] finds candidates
//! even where one side has no written vowels (Arabic script); a weighted edit distance on the
//! folded spelling then ranks them, so a skeleton alone never decides.
//!
//! This module knows nothing of storage, crypto or terminals. It holds decrypted personal
//! data, so everything it stores is zeroized on drop and nothing personal reaches `Debug`.

mod arabic;
mod entry;
mod fold;
mod index;
mod names;
mod number;
mod shown;
mod similarity;
#[doc(hidden)]
pub mod testdata;

#[cfg(test)]
mod bench;
#[cfg(test)]
mod tests;

pub use entry::{Entry, Hit, MatchKind};
pub use fold::{fold, skeleton};
pub use index::SearchIndex;
pub use number::{format_visitor_number, masked_phone, parse_visitor_number};
pub use shown::as_shown;
