use serde::{Deserialize, Serialize};

/// A label with a count: a language, a need, a tally category, an offering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub label: String,
    pub count: u32,
}

impl Count {
    pub fn new(label: impl Into<String>, count: u32) -> Self {
        Self {
            label: label.into(),
            count,
        }
    }
}

/// Largest first, then by label, so the same data always prints the same way.
pub fn sort_counts(counts: &mut [Count]) {
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
}

// --- Security (issue 13) ---

/// A breakdown cell (languages, needs, referrals) drawn from fewer people
/// than this is not printed or exported as its number: on a quiet day one
/// registration's languages would be that person's.
pub const SMALL_CELL: u32 = 3;

/// What a breakdown cell shows: its count, or "< 3" below [`SMALL_CELL`].
pub fn shown_count(n: u32) -> String {
    if n > 0 && n < SMALL_CELL {
        format!("< {SMALL_CELL}")
    } else {
        n.to_string()
    }
}
