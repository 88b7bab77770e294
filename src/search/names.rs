//! Whole names for the duplicate check: words paired in any order (given and family name
//! are swapped between documents all the time), every pair must be close, and the name as
//! written is compared with the name as written, the Latin spelling with the Latin spelling.

use super::similarity::{Word, word_similarity};

/// A pair of words weaker than this rules a duplicate out, however well the rest matches:
/// `Anna Müller` is not `Anna Miller`.
pub(crate) const WORD_MIN: f32 = 0.86;
/// The whole name must be at least this alike.
pub(crate) const NAME_MIN: f32 = 0.88;
/// Each word that only one of the names has (a father's name, a second given name) makes
/// the pair a little less certain.
const EXTRA_WORD_PENALTY: f32 = 0.04;
/// Comparing Arabic script with a Latin spelling guesses the short vowels, so `محمد` is
/// close to both Mohammed and Mahmud; such a match ranks a little lower.
const CROSS_SCRIPT_FACTOR: f32 = 0.97;

/// One way a name is written: its words (articles left out), each with its readings.
pub(crate) type Rendering<'a> = Vec<Vec<Word<'a>>>;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct NameScore {
    pub score: f32,
    /// The weakest word pair.
    pub weakest: f32,
}

impl NameScore {
    pub fn is_duplicate(&self) -> bool {
        self.weakest >= WORD_MIN && self.score >= NAME_MIN
    }
}

fn best_reading(a: &[Word<'_>], b: &[Word<'_>]) -> f32 {
    let mut best = 0.0f32;
    for &x in a {
        for &y in b {
            best = best.max(word_similarity(x, y));
        }
    }
    best
}

/// Two renderings compared word by word.
pub(crate) fn rendering_similarity(a: &[Vec<Word<'_>>], b: &[Vec<Word<'_>>]) -> Option<NameScore> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let (na, nb) = (a.len(), b.len());
    let mut sims = vec![0f32; na * nb];
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            sims[i * nb + j] = best_reading(x, y);
        }
    }
    // Greedy pairing, best pair first: names have a handful of words, and the best pair is
    // almost always right.
    let mut used_a = vec![false; na];
    let mut used_b = vec![false; nb];
    let mut total = 0.0f32;
    let mut weakest = 1.0f32;
    let pairs = na.min(nb);
    for _ in 0..pairs {
        let mut best: Option<(usize, usize, f32)> = None;
        for i in (0..na).filter(|&i| !used_a[i]) {
            for j in (0..nb).filter(|&j| !used_b[j]) {
                let s = sims[i * nb + j];
                if best.is_none_or(|(_, _, bs)| s > bs) {
                    best = Some((i, j, s));
                }
            }
        }
        let (i, j, s) = best?;
        used_a[i] = true;
        used_b[j] = true;
        total += s;
        weakest = weakest.min(s);
    }
    let extra = na.abs_diff(nb) as f32;
    let score = (total / pairs as f32 - EXTRA_WORD_PENALTY * extra).clamp(0.0, 1.0);
    Some(NameScore { score, weakest })
}

/// A person's renderings: the name as written and the Latin spelling, whichever exist.
pub(crate) fn person_similarity(a: &[Rendering<'_>], b: &[Rendering<'_>]) -> Option<NameScore> {
    let is_abjad = |r: &Rendering<'_>| r.iter().any(|w| w.first().is_some_and(|w| w.abjad));
    let mut same: Option<NameScore> = None;
    let mut cross: Option<NameScore> = None;
    for x in a {
        for y in b {
            let Some(s) = rendering_similarity(x, y) else {
                continue;
            };
            let slot = if is_abjad(x) == is_abjad(y) {
                &mut same
            } else {
                &mut cross
            };
            if slot.is_none_or(|best| s.score > best.score) {
                *slot = Some(s);
            }
        }
    }
    // Like with like when both sides have it; across scripts only when nothing else is there.
    same.or(cross.map(|s| NameScore {
        score: s.score * CROSS_SCRIPT_FACTOR,
        weakest: s.weakest,
    }))
}
