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
