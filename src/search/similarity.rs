//! How alike two folded words are: a weighted edit distance that knows which differences
//! are spelling and which are a different name.
//!
//! Plain Jaro–Winkler on the folded words would call `Mohammed`/`Muhammad` (0.83) less alike
//! than `Maria`/`Mario` (0.92). Here vowel changes that transliterations make all the time
//! (a/e, o/u, i/e) are cheap; a vowel added or changed at the end of a word is expensive,
//! because that is how Arabic, Slavic and Romance names mark gender (Karim/Karima,
//! Aleksandr/Aleksandra, Mario/Maria). Against a word from a script without short vowels
//! a Latin vowel costs almost nothing (it was just not written), but a written long vowel
//! must be there: `حسن` is Hassan, `حسين` is Hussein.

use super::fold::{MAX_WORD_BYTES, capped, is_vowel};

/// One folded word as the distance sees it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Word<'a> {
    pub form: &'a [u8],
    /// From a script that does not write short vowels.
    pub abjad: bool,
}

impl<'a> Word<'a> {
    pub fn new(form: &'a [u8], abjad: bool) -> Self {
        Word {
            form: capped(form),
            abjad,
        }
    }
}

/// Similarity of two whole words, 0..=1.
pub(crate) fn word_similarity(a: Word<'_>, b: Word<'_>) -> f32 {
    whole_similarity(a, b, false)
}

/// Similarity of two whole words when nothing closer was found: the spelling classes that
/// transliterations confuse (g/j/k, s/z/sh/ch, d/t, b/p) and a written or dropped `h` cost
/// little. Only for ranking the "similar" results below every exact one.
pub(crate) fn loose_word_similarity(a: Word<'_>, b: Word<'_>) -> f32 {
    whole_similarity(a, b, true)
}

fn whole_similarity(a: Word<'_>, b: Word<'_>, loose: bool) -> f32 {
    if a.form.is_empty() || b.form.is_empty() {
        return 0.0;
    }
    if a.form == b.form && a.abjad == b.abjad {
        return 1.0;
    }
    let len = a.form.len().max(b.form.len()) as f32;
    let Some((mut cost, _)) = align(a, b, false, loose, len, f32::INFINITY) else {
        return 0.0;
    };
    let ends_in_vowel = |w: Word<'_>| w.form.last().is_some_and(|&c| is_vowel(c));
    if ends_in_vowel(a) != ends_in_vowel(b) {
        // However the alignment got there (`aleksandr`/`aleksandra` could trade the r for
        // the a), one name ends in a vowel and the other does not.
        cost = cost.max(end_penalty(len));
    }
    (1.0 - cost / len).clamp(0.0, 1.0)
}

/// How well `typed`, possibly unfinished, matches the start of `word`: 0..=1, or 0 when
/// below `min` (which lets hopeless pairs stop early).
pub(crate) fn prefix_similarity(typed: Word<'_>, word: Word<'_>, min: f32) -> f32 {
    start_similarity(typed, word, min, false)
}

/// [`prefix_similarity`] with the costs of [`loose_word_similarity`].
pub(crate) fn loose_prefix_similarity(typed: Word<'_>, word: Word<'_>, min: f32) -> f32 {
    start_similarity(typed, word, min, true)
}

fn start_similarity(typed: Word<'_>, word: Word<'_>, min: f32, loose: bool) -> f32 {
    let n = typed.form.len();
    if n == 0 || word.form.is_empty() {
        return 0.0;
    }
    // Every letter of `word` beyond what was typed costs something; past twice the typed
    // length (Arabic `mhmd` against `mohamed`) nothing can match any more.
    let reach = (2 * n + 2).min(word.form.len());
    let word = Word {
        form: &word.form[..reach],
        abjad: word.abjad,
    };
    let budget = (1.0 - min) * n.max(reach) as f32;
    let Some((cost, end)) = align(typed, word, true, loose, n as f32, budget) else {
        return 0.0;
    };
    let sim = (1.0 - cost / n.max(end) as f32).clamp(0.0, 1.0);
    if sim >= min { sim } else { 0.0 }
}

const N: usize = MAX_WORD_BYTES + 1;

/// At the end of a word a different or extra vowel is a different name, however long the
/// rest: a quarter of the word, at least one full edit.
fn end_penalty(len: f32) -> f32 {
    (0.25 * len).max(1.0)
}

/// The cheapest alignment of `a` with `b` (or with a prefix of `b` when `prefix`): the cost,
/// and how much of `b` it used; `None` as soon as the cost must exceed `budget`.
fn align(
    a: Word<'_>,
    b: Word<'_>,
    prefix: bool,
    loose: bool,
    len: f32,
    budget: f32,
) -> Option<(f32, usize)> {
    let (x, y) = (a.form, b.form);
    let (n, m) = (x.len(), y.len());
    let cx = Costs {
        full: !prefix,
        loose,
        end_penalty: end_penalty(len),
    };
    let mut del = [0f32; N];
    let mut ins = [0f32; N];
    for (i, d) in del.iter_mut().enumerate().take(n) {
        *d = cx.indel(x, i, a.abjad, b.abjad);
    }
    for (j, c) in ins.iter_mut().enumerate().take(m) {
        *c = cx.indel(y, j, b.abjad, a.abjad);
    }
    let mixed = a.abjad != b.abjad;
    // Two rows of the table: the stack stays small and nothing is zeroed needlessly.
    let mut prev = [0f32; N];
    let mut cur = [0f32; N];
    for j in 1..=m {
        prev[j] = prev[j - 1] + ins[j - 1];
    }
    for i in 1..=n {
        cur[0] = prev[0] + del[i - 1];
        let mut row_min = cur[0];
        for j in 1..=m {
            let d = prev[j] + del[i - 1];
            let s = cur[j - 1] + ins[j - 1];
            let t = prev[j - 1] + cx.substitute(x, i - 1, y, j - 1, mixed);
            cur[j] = d.min(s).min(t);
            row_min = row_min.min(cur[j]);
        }
        // Costs only add up: once a whole row is over budget, so is the answer.
        if row_min > budget {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let last = &prev[..=m];
    if prefix {
        let mut best = (last[0], 0);
        for (j, &c) in last.iter().enumerate().skip(1) {
            if c < best.0 {
                best = (c, j);
            }
        }
        Some(best)
    } else {
        Some((last[m], m))
    }
}

struct Costs {
    full: bool,
    /// The similarity pass: spelling classes and `h` cheap.
    loose: bool,
    end_penalty: f32,
}

impl Costs {
    /// Cost of leaving `s[i]` unmatched.
    fn indel(&self, s: &[u8], i: usize, s_abjad: bool, other_abjad: bool) -> f32 {
        let c = s[i];
        let at_end = self.full && i + 1 == s.len();
        if is_vowel(c) {
            return match (s_abjad, other_abjad) {
                // Both written the same way: a vowel letter more or less is a real difference.
                (true, true) => 1.0,
                // A written long vowel that the Latin spelling does not show: Latin spellings
                // show long vowels (`محمود` Mahmoud is not `محمد` Mohammed).
                (true, false) => 1.0,
                // A short vowel that Arabic script does not write; at the end it is written.
                (false, true) if at_end => self.end_penalty,
                (false, true) => 0.1,
                (false, false) if at_end => self.end_penalty,
                (false, false) if i == 0 => 0.6,
                (false, false) => 0.5,
            };
        }
        // `sh`/`s`, `ch`/`c`: Latin spellings of ş, ç and the like keep or drop the h.
        if c == b'h'
            && i > 0
            && matches!(
                s[i - 1],
                b's' | b'c' | b'z' | b'k' | b'g' | b't' | b'd' | b'p'
            )
        {
            return 0.5;
        }
        // `Rageh`/`راجح`, `Abdoh`/`عبده`, `Mohd`: an h is written or not.
        if self.loose && c == b'h' {
            return 0.4;
        }
        1.0
    }

    fn substitute(&self, x: &[u8], i: usize, y: &[u8], j: usize, mixed: bool) -> f32 {
        let (p, q) = (x[i], y[j]);
        if p == q {
            return 0.0;
        }
        let at_end = self.full && i + 1 == x.len() && j + 1 == y.len();
        match (is_vowel(p), is_vowel(q)) {
            (true, true) => self.vowel_change(p, q, at_end, mixed),
            (false, false) => {
                let pair = if p < q { (p, q) } else { (q, p) };
                if mixed && pair == (b'b', b'p') {
                    // Arabic script has no p: `ب` is how a p is written.
                    0.2
                } else if similar_consonants(p, q) {
                    0.5
                } else if self.loose && loose_class(p) == loose_class(q) {
                    0.4
                } else {
                    1.0
                }
            }
            // و and ي are consonant or vowel by position; Latin spellings disagree.
            _ => {
                let pair = if is_vowel(p) { (p, q) } else { (q, p) };
                match pair {
                    (b'u', b'v') | (b'o', b'v') | (b'i', b'j') => 0.3,
                    _ => 1.0,
                }
            }
        }
    }

    fn vowel_change(&self, p: u8, q: u8, at_end: bool, mixed: bool) -> f32 {
        let pair = if p < q { (p, q) } else { (q, p) };
        // (cost, marks a different name at the end of a word)
        let (cost, gendered) = match pair {
            (b'a', b'e') | (b'e', b'i') => (0.2, false),
            (b'o', b'u') => (0.1, false),
            // Across scripts the Arabic-script vowel is a written long vowel, and و is never
            // spelled e or a: `محمود` is not Mohammed, `حسين` is not Hassan.
            _ if mixed => (1.0, true),
            (b'e', b'o') | (b'e', b'u') | (b'a', b'o') => (0.4, true),
            // Between two Latin spellings a/i, a/u, i/u, i/o rarely vary within one name
            // (Miller is not Müller).
            _ => (0.8, true),
        };
        match (at_end, gendered) {
            (true, true) => self.end_penalty.max(0.8),
            (true, false) => cost + 0.1,
            (false, _) => cost,
        }
    }
}

/// Consonants that one transliteration writes for another's: Egyptian `g` for ج (Gamal,
/// Jamal), `q`/`k`/`g` for ق, French `ch` for ش, Czech-style `c` for ц.
pub(crate) fn loose_class(c: u8) -> u8 {
    match c {
        b'g' | b'j' | b'k' | b'q' => b'k',
        b's' | b'z' | b'c' => b's',
        b'd' | b't' => b't',
        b'b' | b'p' => b'b',
        b'v' | b'w' | b'f' => b'v',
        other => other,
    }
}

fn similar_consonants(p: u8, q: u8) -> bool {
    let pair = if p < q { (p, q) } else { (q, p) };
    matches!(
        pair,
        (b'b', b'p') | (b'f', b'v') | (b's', b'z') | (b'd', b't') | (b'g', b'k')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Word<'_> {
        Word::new(s.as_bytes(), false)
    }
    fn abjad(s: &str) -> Word<'_> {
        Word::new(s.as_bytes(), true)
    }

    #[test]
    fn spelling_variants_are_close() {
        assert!(word_similarity(plain("mohamed"), plain("muhamad")) > 0.95);
        assert!(word_similarity(plain("jusuf"), plain("jusef")) > 0.9);
        assert!(word_similarity(abjad("mhmd"), plain("mohamed")) > 0.95);
        assert!(word_similarity(abjad("fatme"), plain("fateme")) > 0.95);
    }

    #[test]
    fn different_names_are_far() {
        assert!(word_similarity(plain("hasan"), plain("husein")) < 0.8);
        assert!(word_similarity(plain("karim"), plain("karima")) < 0.8);
        assert!(word_similarity(plain("aleksandr"), plain("aleksandra")) < 0.8);
        assert!(word_similarity(plain("maria"), plain("mario")) < 0.85);
        assert!(word_similarity(abjad("hsn"), abjad("hsin")) < 0.8);
        assert!(word_similarity(abjad("krim"), plain("karima")) < 0.8);
    }

    #[test]
    fn prefixes_while_typing() {
        assert!(prefix_similarity(plain("moh"), abjad("mhmd"), 0.5) > 0.95);
        assert!(prefix_similarity(abjad("mhmd"), plain("mohamed"), 0.5) > 0.95);
        assert!(prefix_similarity(plain("jo"), plain("jusef"), 0.5) > 0.9);
        assert_eq!(prefix_similarity(plain("jo"), plain("kalinka"), 0.5), 0.0);
        assert_eq!(prefix_similarity(plain(""), plain("a"), 0.0), 0.0);
    }

    #[test]
    fn long_words_are_capped() {
        let long = "a".repeat(10_000);
        let w = plain(&long);
        assert_eq!(w.form.len(), MAX_WORD_BYTES);
        assert_eq!(word_similarity(w, w), 1.0);
    }
}
