use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop};

use super::number::format_visitor_number;

/// One unlocked visitor, as the desk hands it over after decrypting.
///
/// Zeroized on drop; `Debug` shows the visitor number only.
#[derive(Clone, Default, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct Entry {
    /// Visitor number, shown as `M-0042`.
    pub number: u32,
    /// The name as the person writes it, in any script.
    pub name: String,
    /// A Latin spelling; may be empty.
    pub name_latin: String,
    pub birth_year: Option<i16>,
    /// May be empty; any formatting (`+49 151 2345 678`, `0151/2345678`).
    pub phone: String,
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("number", &format_visitor_number(self.number))
            .finish_non_exhaustive()
    }
}

/// One search result.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub number: u32,
    /// 0..=1, higher is better. Comparable within one result list only.
    pub score: f32,
    pub why: MatchKind,
}

/// What a [`Hit`] matched on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatchKind {
    Number,
    Phone,
    Name,
    /// No visitor had every typed word in any spelling; these are the most alike, ranked
    /// below every exact hit and shown as "similar".
    Similar,
}
