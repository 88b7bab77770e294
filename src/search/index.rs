//! The index: every distinct folded word once, with the visitors that have it.
//!
//! A keystroke never scans the visitors. Each query word is looked up by prefix in sorted
//! tables of distinct words (binary search), scored once per distinct word, and only the
//! visitors of the most selective query word are then checked against the other words.

use std::borrow::Cow;
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use zeroize::{Zeroize, ZeroizeOnDrop};

use super::entry::{Entry, Hit, MatchKind};
use super::fold::{
    ARTICLE, ArticleIf, MAX_ALTS, MAX_NAME_WORDS, Script, articles, capped, fold_run,
    fused_article_rest, is_vowel, loose_key, loose_key_j_as_y, raw_runs, skeleton_as_written,
    skeleton_of, tokenize,
};
use super::names::{Rendering, person_similarity};
use super::number::{MIN_PHONE_DIGITS, phone_digits, read_number_query};
use super::shown::as_shown;
use super::similarity::{
    Word, loose_prefix_similarity, loose_word_similarity, prefix_similarity, word_similarity,
};

/// Reference from a visitor to a word: the word id and what the word is to this visitor.
type WordRef = u32;
/// Another reading of the same word as the reference before it.
const ALT: u32 = 1 << 31;
/// From the Latin spelling rather than the name as written.
const LATIN: u32 = 1 << 30;
/// The Arabic article.
const ARTICLE_REF: u32 = 1 << 29;
const ID_MASK: u32 = ARTICLE_REF - 1;

/// Query words looked at; more is noise, and bounds hostile input.
const MAX_QUERY_WORDS: usize = 8;
/// Characters of a query looked at.
const MAX_QUERY_CHARS: usize = 256;
/// Distinct words scored per query word and table. Tables are in key order, so an exact
/// word comes first and a cut only drops long words behind a short prefix.
const MAX_EXACT_WORDS: usize = 20_000;
const MAX_FUZZY_WORDS: usize = 3_000;
/// Visitors checked per query; with the early stop this is rarely reached.
const MAX_CANDIDATES: usize = 30_000;
/// A plain prefix scores from this up to [`PREFIX_TOP`]; the whole word scores 1.
const PREFIX_BASE: f32 = 0.9;
/// Above every prefix of a longer word: what typed in another script is the whole word
/// (`Ali` for `علي`) is what was meant, more likely than the start of `Alina`.
const PREFIX_TOP: f32 = 0.98;
/// A whole word in another script at least this alike scores above [`PREFIX_TOP`]...
const WHOLE_CROSS_MIN: f32 = 0.9;
/// ...and below the word exactly as typed.
const WHOLE_CROSS_TOP: f32 = 0.999;
/// Other spellings (`muhamad` for `mohamed`) rank below what was typed...
const FUZZY_FACTOR: f32 = 0.85;
const FUZZY_MIN: f32 = 0.75;
/// ...and other scripts (`moh` for `محمد`) just below it.
const CROSS_FACTOR: f32 = 0.92;
const CROSS_MIN: f32 = 0.75;
/// The similarity pass: a word at least this alike counts...
const ALIKE_MIN: f32 = 0.6;
/// ...weighs this much against a word matched in the first pass...
const ALIKE_FACTOR: f32 = 0.8;
/// ...and the visitor's score is scaled to stay below every exact hit's (at least
/// `FUZZY_MIN * FUZZY_FACTOR`, over 0.63).
const SIMILAR_TOP: f32 = 0.6;
/// Visitors who have only some of the typed words rank below those with all of them.
const PARTIAL_TOP: f32 = 0.45;
/// Distinct words compared per query word in the similarity pass.
const MAX_ALIKE_WORDS: usize = 800;
/// Latin queries shorter than this look for other spellings only in other scripts.
const MIN_FUZZY_LEN: usize = 2;
/// Phone digits kept per visitor.
const MAX_PHONE_DIGITS: usize = 24;
const PHONE_GRAM: usize = MIN_PHONE_DIGITS;
const PHONE_BUCKETS: usize = 10_000;

struct WordInfo {
    form_at: u32,
    skel_at: u32,
    loose_at: u32,
    form_len: u8,
    skel_len: u8,
    loose_len: u8,
    abjad: bool,
}

struct Slot {
    entry: Entry,
    refs: Box<[WordRef]>,
    phone: Box<[u8]>,
}

/// The in-memory index of unlocked visitors.
///
/// Holds decrypted personal data: everything is zeroized on drop, and `Debug` shows the
/// number of visitors only.
pub struct SearchIndex {
    slots: Vec<Option<Slot>>,
    free: Vec<u32>,
    by_number: HashMap<u32, u32, FastHash>,
    words: Vec<WordInfo>,
    /// `[abjad flag] + form` -> word id.
    word_ids: HashMap<Box<[u8]>, u32, FastHash>,
    /// All word forms and skeletons, back to back.
    arena: Vec<u8>,
    /// Word ids sorted by form and by skeleton, Latin-script and abjad words apart.
    plain_forms: Vec<u32>,
    abjad_forms: Vec<u32>,
    plain_skels: Vec<u32>,
    abjad_skels: Vec<u32>,
    /// Word ids of both scripts sorted by [`loose_key`], for the similarity pass.
    loose: Vec<u32>,
    /// Word id -> slots of the visitors that have the word.
    postings: Vec<Vec<u32>>,
    /// Four phone digits -> slots of the visitors whose phone contains them.
    phone_grams: Vec<Vec<u32>>,
    article_id: u32,
    /// Inside `new`: the sorted tables are built once at the end.
    building: bool,
}

/// The words of one run of letters, interned.
#[derive(Clone, Copy)]
struct RunIds {
    ids: [u32; MAX_ALTS],
    n: u8,
    article: bool,
    article_if: ArticleIf,
}

impl SearchIndex {
    pub fn new(entries: Vec<Entry>) -> Self {
        let mut ix = Self::empty();
        ix.building = true;
        // A number given twice: the later entry wins, as if upserted in order.
        let mut replaced = vec![false; entries.len()];
        let mut any_replaced = false;
        ix.by_number.reserve(entries.len());
        for (i, e) in entries.iter().enumerate() {
            if let Some(old) = ix.by_number.insert(e.number, i as u32) {
                replaced[old as usize] = true;
                any_replaced = true;
            }
        }
        let mut cache = RunCache::default();
        let mut scratch = Scratch::default();
        let mut prepared = Vec::with_capacity(ix.by_number.len());
        for (e, _) in entries.iter().zip(&replaced).filter(|(_, r)| !**r) {
            let refs = ix.refs_for(e, &mut cache, &mut scratch);
            prepared.push((refs, phone_key(&e.phone)));
        }
        drop(cache);
        ix.postings = postings_in_bulk(
            ix.words.len(),
            prepared
                .iter()
                .map(|(refs, _)| refs.iter().map(|&r| (r & ID_MASK) as usize)),
        );
        let phone_keys: Vec<Vec<usize>> = prepared
            .iter()
            .map(|(_, phone)| {
                let mut keys = Vec::new();
                phone_gram_keys(phone, &mut keys);
                keys
            })
            .collect();
        ix.phone_grams =
            postings_in_bulk(PHONE_BUCKETS, phone_keys.iter().map(|k| k.iter().copied()));
        drop(phone_keys);
        ix.slots.reserve(prepared.len());
        let mut slot_of = Vec::new();
        let kept = entries
            .into_iter()
            .zip(&replaced)
            .filter(|(_, r)| !**r)
            .map(|(e, _)| e);
        for (entry, (refs, phone)) in kept.zip(prepared) {
            if any_replaced {
                slot_of.push((entry.number, ix.slots.len() as u32));
            }
            ix.slots.push(Some(Slot { entry, refs, phone }));
        }
        // Without repeated numbers slot and position are the same; with them, renumber.
        for (number, slot) in slot_of {
            ix.by_number.insert(number, slot);
        }
        ix.building = false;
        ix.sort_tables();
        ix
    }

    fn empty() -> Self {
        let mut ix = SearchIndex {
            slots: Vec::new(),
            free: Vec::new(),
            by_number: HashMap::default(),
            words: Vec::new(),
            word_ids: HashMap::default(),
            arena: Vec::new(),
            plain_forms: Vec::new(),
            abjad_forms: Vec::new(),
            plain_skels: Vec::new(),
            abjad_skels: Vec::new(),
            loose: Vec::new(),
            postings: Vec::new(),
            phone_grams: (0..PHONE_BUCKETS).map(|_| Vec::new()).collect(),
            article_id: 0,
            building: false,
        };
        ix.article_id = ix.intern(ARTICLE.as_bytes(), false, false);
        ix
    }

    /// Adds a visitor after registration, or replaces it after an update.
    pub fn upsert(&mut self, entry: Entry) {
        self.remove(entry.number);
        let refs = self.refs_for(&entry, &mut RunCache::default(), &mut Scratch::default());
        let phone = phone_key(&entry.phone);
        self.place(entry, refs, phone);
    }

    /// Forgets a visitor after erasure. Words nobody else has are wiped from memory.
    pub fn remove(&mut self, number: u32) {
        let Some(idx) = self.by_number.remove(&number) else {
            return;
        };
        let Some(mut slot) = self.slots.get_mut(idx as usize).and_then(Option::take) else {
            return;
        };
        for &r in slot.refs.iter() {
            let id = r & ID_MASK;
            let Some(list) = self.postings.get_mut(id as usize) else {
                continue;
            };
            if let Some(pos) = list.iter().position(|&s| s == idx) {
                list.swap_remove(pos);
                if list.is_empty() && id != self.article_id {
                    self.forget_word(id);
                }
            }
        }
        let mut keys = Vec::new();
        phone_gram_keys(&slot.phone, &mut keys);
        for &key in &keys {
            let list = &mut self.phone_grams[key];
            if let Some(pos) = list.iter().position(|&s| s == idx) {
                list.swap_remove(pos);
            }
        }
        slot.phone.zeroize();
        slot.refs.zeroize();
        self.free.push(idx);
    }

    pub fn get(&self, number: u32) -> Option<&Entry> {
        let idx = *self.by_number.get(&number)?;
        self.slot(idx).map(|s| &s.entry)
    }

    pub fn len(&self) -> usize {
        self.by_number.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_number.is_empty()
    }

    /// Find-as-you-type: best first, at most `limit`.
    ///
    /// A visitor number (`42`, `M-0042`), phone digits (four or more, any formatting), or
    /// name fragments: every typed word must start some word of the name, in any script and
    /// spelling (`moh al` finds Mohammed Al-Hassan and محمد الحسن).
    pub fn query(&self, text: &str, limit: usize) -> Vec<Hit> {
        if limit == 0 {
            return Vec::new();
        }
        let text = match text.char_indices().nth(MAX_QUERY_CHARS) {
            Some((cut, _)) => &text[..cut],
            None => text,
        };
        let numeric = read_number_query(text);
        let mut hits = Vec::new();
        if let Some(n) = numeric.number
            && self.by_number.contains_key(&n)
        {
            hits.push(Hit {
                number: n,
                score: 1.0,
                why: MatchKind::Number,
            });
        }
        if let Some(digits) = &numeric.phone {
            hits.extend(self.phone_hits(digits, limit));
        }
        if numeric.number.is_none() && numeric.phone.is_none() {
            hits.extend(self.name_hits(text, limit));
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.number.cmp(&b.number)));
        let mut seen = std::collections::HashSet::new();
        hits.retain(|h| seen.insert(h.number));
        hits.truncate(limit);
        hits
    }

    /// Duplicate suspicion for a new intake: visitors whose name resembles `name` /
    /// `name_latin` and whose birth year is equal (or unknown on either side), best first.
    pub fn duplicates(&self, name: &str, name_latin: &str, birth_year: Option<i16>) -> Vec<Hit> {
        let tokens_n = tokenize(name, MAX_NAME_WORDS);
        let tokens_l = tokenize(name_latin, MAX_NAME_WORDS);
        let mut candidates: Vec<u32> = Vec::new();
        for t in tokens_n.iter().chain(&tokens_l).filter(|t| !t.article) {
            for alt in &t.alts {
                let form = capped(alt.as_bytes());
                let skel = skeleton_of(form);
                let lookups: [(&[u32], &[u8], bool); 4] = [
                    (&self.plain_skels, &skel, true),
                    (&self.abjad_skels, &skel, true),
                    (&self.plain_forms, form, false),
                    (&self.abjad_forms, form, false),
                ];
                for (table, key, is_skel) in lookups {
                    if key.is_empty() {
                        continue;
                    }
                    for &id in &table[self.equal_range(table, key, is_skel)] {
                        candidates.extend_from_slice(&self.postings[id as usize]);
                    }
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mine = [
            rendering_of_tokens(&tokens_n),
            rendering_of_tokens(&tokens_l),
        ];
        let mine: Vec<Rendering<'_>> = mine.into_iter().filter(|r| !r.is_empty()).collect();
        let mut hits = Vec::new();
        for idx in candidates {
            let Some(slot) = self.slot(idx) else {
                continue;
            };
            if let (Some(a), Some(b)) = (birth_year, slot.entry.birth_year)
                && a != b
            {
                continue;
            }
            let theirs = self.renderings_of(&slot.refs);
            if let Some(s) = person_similarity(&mine, &theirs)
                && s.is_duplicate()
            {
                hits.push(Hit {
                    number: slot.entry.number,
                    score: s.score,
                    why: MatchKind::Name,
                });
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.number.cmp(&b.number)));
        hits
    }

    /// Rough heap use in bytes, for the benchmark's report.
    #[doc(hidden)]
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let slots = self.slots.capacity() * size_of::<Option<Slot>>()
            + self
                .slots
                .iter()
                .flatten()
                .map(|s| {
                    s.entry.name.capacity()
                        + s.entry.name_latin.capacity()
                        + s.entry.phone.capacity()
                        + s.refs.len() * 4
                        + s.phone.len()
                })
                .sum::<usize>();
        let tables = (self.plain_forms.capacity()
            + self.abjad_forms.capacity()
            + self.plain_skels.capacity()
            + self.abjad_skels.capacity()
            + self.loose.capacity())
            * 4;
        let postings = self.postings.capacity() * size_of::<Vec<u32>>()
            + self
                .postings
                .iter()
                .map(|p| p.capacity() * 4)
                .sum::<usize>();
        let phones = self.phone_grams.capacity() * size_of::<Vec<u32>>()
            + self
                .phone_grams
                .iter()
                .map(|p| p.capacity() * 4)
                .sum::<usize>();
        let words = self.words.capacity() * size_of::<WordInfo>()
            + self.arena.capacity()
            + self.word_ids.capacity() * (size_of::<(Box<[u8]>, u32)>() + 1)
            + self.word_ids.keys().map(|k| k.len()).sum::<usize>();
        let numbers = self.by_number.capacity() * (size_of::<(u32, u32)>() + 1);
        slots + tables + postings + phones + words + numbers
    }

    // ----- building -----

    fn slot(&self, idx: u32) -> Option<&Slot> {
        self.slots.get(idx as usize)?.as_ref()
    }

    /// Folds and interns a visitor's names: references to words, in order.
    fn refs_for<'e>(
        &mut self,
        entry: &'e Entry,
        cache: &mut RunCache<'e>,
        scratch: &mut Scratch,
    ) -> Box<[WordRef]> {
        scratch.refs.clear();
        for (field, flag) in [(&entry.name, 0), (&entry.name_latin, LATIN)] {
            scratch.words.clear();
            // Folded as shown on screen. Almost every name is shown as stored and borrows,
            // so its runs can be cached by the stored text.
            match as_shown(field) {
                Cow::Borrowed(shown) => {
                    for run in raw_runs(shown) {
                        if scratch.words.len() >= MAX_NAME_WORDS {
                            break;
                        }
                        let (start, count) = match cache.map.get(run.text) {
                            Some(&at) => at,
                            None => {
                                let start = cache.pool.len();
                                cache.pool.extend(self.intern_run(run.text, run.script));
                                let at = (start, cache.pool.len() - start);
                                cache.map.insert(run.text, at);
                                at
                            }
                        };
                        for (k, &w) in cache.pool[start..start + count].iter().enumerate() {
                            scratch.words.push((w, run.hyphen_after && k + 1 == count));
                        }
                    }
                }
                Cow::Owned(mut shown) => {
                    for run in raw_runs(&shown) {
                        if scratch.words.len() >= MAX_NAME_WORDS {
                            break;
                        }
                        let words = self.intern_run(run.text, run.script);
                        let count = words.len();
                        for (k, w) in words.into_iter().enumerate() {
                            scratch.words.push((w, run.hyphen_after && k + 1 == count));
                        }
                    }
                    shown.zeroize();
                }
            }
            scratch.words.truncate(MAX_NAME_WORDS);
            scratch.rules.clear();
            scratch.rules.extend(scratch.words.iter().map(|(w, h)| {
                let rule = if w.article {
                    ArticleIf::Never
                } else {
                    w.article_if
                };
                (rule, *h)
            }));
            for ((w, _), made_article) in scratch.words.iter().zip(articles(&scratch.rules)) {
                if w.article || made_article {
                    scratch.refs.push(self.article_id | ARTICLE_REF | flag);
                    continue;
                }
                for (k, &id) in w.ids[..w.n as usize].iter().enumerate() {
                    scratch.refs.push(id | flag | if k > 0 { ALT } else { 0 });
                }
            }
        }
        scratch.refs.as_slice().into()
    }

    fn intern_run(&mut self, text: &str, script: Script) -> Vec<RunIds> {
        let bulk = self.building;
        fold_run(text, script)
            .iter()
            .map(|t| {
                let mut ids = [0u32; MAX_ALTS];
                let mut n = 0;
                for alt in t.alts.iter().take(MAX_ALTS) {
                    let id = self.intern(capped(alt.as_bytes()), t.abjad, bulk);
                    if !ids[..n].contains(&id) {
                        ids[n] = id;
                        n += 1;
                    }
                }
                RunIds {
                    ids,
                    n: n as u8,
                    article: t.article,
                    article_if: t.article_if,
                }
            })
            .collect()
    }

    /// The id of a word, added if new. Outside a bulk build the sorted tables are kept
    /// sorted at once.
    fn intern(&mut self, form: &[u8], abjad: bool, bulk: bool) -> u32 {
        let mut key = Vec::with_capacity(form.len() + 1);
        key.push(abjad as u8);
        key.extend_from_slice(form);
        if let Some(&id) = self.word_ids.get(key.as_slice()) {
            key.zeroize();
            return id;
        }
        let id = self.words.len() as u32;
        let skel = skeleton_of(form);
        let loose = loose_key(form);
        let form_at = self.arena.len() as u32;
        self.arena.extend_from_slice(form);
        let skel_at = self.arena.len() as u32;
        self.arena.extend_from_slice(&skel);
        let loose_at = self.arena.len() as u32;
        self.arena.extend_from_slice(&loose);
        self.words.push(WordInfo {
            form_at,
            skel_at,
            loose_at,
            form_len: form.len() as u8,
            skel_len: skel.len() as u8,
            loose_len: loose.len() as u8,
            abjad,
        });
        self.postings.push(Vec::new());
        self.word_ids.insert(key.into_boxed_slice(), id);
        if !bulk {
            let forms = if abjad {
                &self.abjad_forms
            } else {
                &self.plain_forms
            };
            let at = forms.partition_point(|&w| self.form(w) < form);
            if abjad {
                self.abjad_forms.insert(at, id);
            } else {
                self.plain_forms.insert(at, id);
            }
            if !skel.is_empty() {
                let skels = if abjad {
                    &self.abjad_skels
                } else {
                    &self.plain_skels
                };
                let at = skels.partition_point(|&w| self.skel(w) < skel.as_slice());
                if abjad {
                    self.abjad_skels.insert(at, id);
                } else {
                    self.plain_skels.insert(at, id);
                }
            }
            if !loose.is_empty() {
                let at = self
                    .loose
                    .partition_point(|&w| self.loose_of(w) < loose.as_slice());
                self.loose.insert(at, id);
            }
        }
        id
    }

    fn place(&mut self, entry: Entry, refs: Box<[WordRef]>, phone: Box<[u8]>) {
        let idx = match self.free.pop() {
            Some(i) => i,
            None => {
                self.slots.push(None);
                (self.slots.len() - 1) as u32
            }
        };
        for &r in refs.iter() {
            let list = &mut self.postings[(r & ID_MASK) as usize];
            // An entry's words are added together, so a repeat is always the last one.
            if list.last() != Some(&idx) {
                list.push(idx);
            }
        }
        let mut keys = Vec::new();
        phone_gram_keys(&phone, &mut keys);
        for &key in &keys {
            self.phone_grams[key].push(idx);
        }
        self.by_number.insert(entry.number, idx);
        self.slots[idx as usize] = Some(Slot { entry, refs, phone });
    }

    fn sort_tables(&mut self) {
        let mut plain_forms = Vec::new();
        let mut abjad_forms = Vec::new();
        let mut plain_skels = Vec::new();
        let mut abjad_skels = Vec::new();
        let mut loose = Vec::new();
        for (id, w) in self.words.iter().enumerate() {
            let id = id as u32;
            if self.postings[id as usize].is_empty() && id != self.article_id {
                continue;
            }
            let (forms, skels) = if w.abjad {
                (&mut abjad_forms, &mut abjad_skels)
            } else {
                (&mut plain_forms, &mut plain_skels)
            };
            forms.push(id);
            if w.skel_len > 0 {
                skels.push(id);
            }
            if w.loose_len > 0 {
                loose.push(id);
            }
        }
        plain_forms.sort_unstable_by(|&a, &b| self.form(a).cmp(self.form(b)));
        abjad_forms.sort_unstable_by(|&a, &b| self.form(a).cmp(self.form(b)));
        plain_skels.sort_unstable_by(|&a, &b| self.skel(a).cmp(self.skel(b)));
        abjad_skels.sort_unstable_by(|&a, &b| self.skel(a).cmp(self.skel(b)));
        loose.sort_unstable_by(|&a, &b| self.loose_of(a).cmp(self.loose_of(b)));
        self.plain_forms = plain_forms;
        self.abjad_forms = abjad_forms;
        self.plain_skels = plain_skels;
        self.abjad_skels = abjad_skels;
        self.loose = loose;
    }

    /// Removes a word nobody has any more, and wipes its letters.
    fn forget_word(&mut self, id: u32) {
        let Some(w) = self.words.get(id as usize) else {
            return;
        };
        let abjad = w.abjad;
        let form = self.form(id).to_vec();
        let skel = self.skel(id).to_vec();
        let loose = self.loose_of(id).to_vec();
        if !loose.is_empty() {
            let lo = self
                .loose
                .partition_point(|&w| self.loose_of(w) < loose.as_slice());
            let len = self.loose[lo..].partition_point(|&w| self.loose_of(w) == loose.as_slice());
            if let Some(pos) = self.loose[lo..lo + len].iter().position(|&x| x == id) {
                self.loose.remove(lo + pos);
            }
        }
        for (table, key, is_skel) in [
            (if abjad { 0 } else { 1 }, &form, false),
            (if abjad { 2 } else { 3 }, &skel, true),
        ] {
            if key.is_empty() {
                continue;
            }
            let list = match table {
                0 => &self.abjad_forms,
                1 => &self.plain_forms,
                2 => &self.abjad_skels,
                _ => &self.plain_skels,
            };
            let range = self.equal_range(list, key, is_skel);
            let Some(pos) = list[range.clone()].iter().position(|&x| x == id) else {
                continue;
            };
            let list = match table {
                0 => &mut self.abjad_forms,
                1 => &mut self.plain_forms,
                2 => &mut self.abjad_skels,
                _ => &mut self.plain_skels,
            };
            list.remove(range.start + pos);
        }
        let mut key = Vec::with_capacity(form.len() + 1);
        key.push(abjad as u8);
        key.extend_from_slice(&form);
        if let Some((mut k, _)) = self.word_ids.remove_entry(key.as_slice()) {
            k.zeroize();
        }
        key.zeroize();
        let w = &self.words[id as usize];
        let start = w.form_at as usize;
        let end = w.loose_at as usize + w.loose_len as usize;
        if let Some(bytes) = self.arena.get_mut(start..end) {
            bytes.zeroize();
        }
        let w = &mut self.words[id as usize];
        w.form_len = 0;
        w.skel_len = 0;
        w.loose_len = 0;
        self.postings[id as usize] = Vec::new();
        let (mut form, mut skel, mut loose) = (form, skel, loose);
        form.zeroize();
        skel.zeroize();
        loose.zeroize();
    }

    // ----- looking up -----

    fn form(&self, id: u32) -> &[u8] {
        let w = &self.words[id as usize];
        let at = w.form_at as usize;
        &self.arena[at..at + w.form_len as usize]
    }

    fn skel(&self, id: u32) -> &[u8] {
        let w = &self.words[id as usize];
        let at = w.skel_at as usize;
        &self.arena[at..at + w.skel_len as usize]
    }

    fn loose_of(&self, id: u32) -> &[u8] {
        let w = &self.words[id as usize];
        let at = w.loose_at as usize;
        &self.arena[at..at + w.loose_len as usize]
    }

    fn key(&self, id: u32, skel: bool) -> &[u8] {
        if skel { self.skel(id) } else { self.form(id) }
    }

    /// Positions in `table` of the words whose key starts with `prefix`.
    fn prefix_range(&self, table: &[u32], prefix: &[u8], skel: bool) -> Range<usize> {
        let lo = table.partition_point(|&w| self.key(w, skel) < prefix);
        let len = table[lo..].partition_point(|&w| self.key(w, skel).starts_with(prefix));
        lo..lo + len
    }

    /// Positions in `table` of the words whose key is `key`.
    fn equal_range(&self, table: &[u32], key: &[u8], skel: bool) -> Range<usize> {
        let lo = table.partition_point(|&w| self.key(w, skel) < key);
        let len = table[lo..].partition_point(|&w| self.key(w, skel) == key);
        lo..lo + len
    }

    fn phone_hits(&self, digits: &[u8], limit: usize) -> Vec<Hit> {
        let digits = &digits[..digits.len().min(MAX_PHONE_DIGITS)];
        // The rarest four digits of the query decide which visitors to look at.
        let mut keys = Vec::new();
        phone_gram_keys(digits, &mut keys);
        let Some(key) = keys.into_iter().min_by_key(|&k| self.phone_grams[k].len()) else {
            return Vec::new();
        };
        let mut top = TopK::new(limit);
        for &idx in self.phone_grams[key].iter().take(MAX_CANDIDATES) {
            let Some(slot) = self.slot(idx) else {
                continue;
            };
            let phone = &slot.phone[..];
            let Some(at) = phone.windows(digits.len()).position(|w| w == digits) else {
                continue;
            };
            let coverage = digits.len() as f32 / phone.len() as f32;
            let score = if at == 0 {
                0.8 + 0.15 * coverage
            } else {
                0.7 + 0.15 * coverage
            };
            top.offer(score, slot.entry.number);
        }
        top.into_hits(MatchKind::Phone)
    }

    fn name_hits(&self, text: &str, limit: usize) -> Vec<Hit> {
        let qwords = query_words(text);
        if qwords.is_empty() {
            return Vec::new();
        }
        // Per query word: the score of every distinct word it matches (dense, by word id),
        // and the list of those words.
        let mut scores: Vec<Vec<f32>> = Vec::with_capacity(qwords.len());
        let mut matched: Vec<Vec<u32>> = Vec::with_capacity(qwords.len());
        for q in &qwords {
            let mut s = vec![0f32; self.words.len()];
            let mut m = Vec::new();
            self.score_query_word(q, &mut s, &mut m);
            scores.push(s);
            matched.push(m);
        }
        let mut hits = if matched.iter().any(Vec::is_empty) {
            Vec::new()
        } else {
            self.exact_hits(&scores, &matched, limit)
        };
        // Fewer than asked for: rank what is similar below, rather than show nothing.
        if hits.len() >= limit {
            return hits;
        }
        let mut seen = vec![0u64; self.slots.len().div_ceil(64)];
        for h in &hits {
            if let Some(&idx) = self.by_number.get(&h.number) {
                seen[idx as usize / 64] |= 1u64 << (idx % 64);
            }
        }
        let similar = self.similar_hits(
            &qwords,
            &scores,
            &matched,
            &mut seen,
            limit - hits.len(),
            hits.is_empty(),
        );
        hits.extend(similar);
        hits
    }

    /// Visitors who have every query word, in some script or spelling: the first pass.
    fn exact_hits(&self, scores: &[Vec<f32>], matched: &[Vec<u32>], limit: usize) -> Vec<Hit> {
        // Drive from the query word with the fewest visitors.
        let load =
            |m: &Vec<u32>| -> usize { m.iter().map(|&w| self.postings[w as usize].len()).sum() };
        let Some(drive) = (0..matched.len()).min_by_key(|&i| load(&matched[i])) else {
            return Vec::new();
        };
        let mut order = matched[drive].clone();
        let ds = &scores[drive];
        order.sort_unstable_by(|&a, &b| ds[b as usize].total_cmp(&ds[a as usize]));
        let nq = matched.len() as f32;
        let mut seen = vec![0u64; self.slots.len().div_ceil(64)];
        let mut top = TopK::new(limit);
        let mut checked = 0usize;
        'words: for &w in &order {
            // Visitors not seen yet have nothing better than this word for the driving
            // query word; if even perfect other words cannot beat the list, stop.
            let bound = (ds[w as usize] + (nq - 1.0)) / nq;
            if top.full() && bound < top.worst() {
                break;
            }
            for &idx in &self.postings[w as usize] {
                if top.full() && bound <= top.worst() {
                    // The rest can at best tie with what is there (a common name typed
                    // whole): ties are not worth reading thousands of visitors for.
                    break 'words;
                }
                if !first_visit(&mut seen[..], idx) {
                    continue;
                }
                checked += 1;
                if checked > MAX_CANDIDATES {
                    break 'words;
                }
                let Some(slot) = self.slot(idx) else {
                    continue;
                };
                let mut total = 0.0;
                let mut all = true;
                for s in scores {
                    let best = best_of(&slot.refs, s);
                    if best <= 0.0 {
                        all = false;
                        break;
                    }
                    total += best;
                }
                if all {
                    top.offer(total / nq, slot.entry.number);
                }
            }
        }
        top.into_hits(MatchKind::Name)
    }

    /// The second pass, for what the first did not find: query words compared by
    /// similarity ([`loose_key`] candidates, [`loose_word_similarity`]), and, when that
    /// is still not enough, visitors who have only some of the typed words. Scores stay
    /// below [`SIMILAR_TOP`], so every exact hit ranks above.
    fn similar_hits(
        &self,
        qwords: &[QueryWord],
        scores: &[Vec<f32>],
        matched: &[Vec<u32>],
        seen: &mut [u64],
        limit: usize,
        no_exact: bool,
    ) -> Vec<Hit> {
        let nq = qwords.len() as f32;
        // Sparse: a few hundred words at most, where a dense table per keystroke would be
        // as long as the index has words.
        let mut alike: Vec<AlikeScores> = Vec::with_capacity(qwords.len());
        let mut alike_words: Vec<u32> = Vec::new();
        for (q, s) in qwords.iter().zip(scores) {
            let mut a = AlikeScores::default();
            self.score_alike(q, s, &mut a, &mut alike_words);
            alike.push(a);
        }
        let word_score = |i: usize, refs: &[WordRef]| -> (f32, bool) {
            let exact = best_of(refs, &scores[i]);
            if exact > 0.0 {
                return (exact, true);
            }
            let best = refs
                .iter()
                .filter_map(|&r| alike[i].get(&(r & ID_MASK)))
                .fold(0.0f32, |a, &b| a.max(b));
            (best * ALIKE_FACTOR, false)
        };
        let mut top = TopK::new(limit);
        let mut checked = 0usize;
        // Visitors with a similar word, every query word found one way or the other.
        alike_words.sort_unstable();
        alike_words.dedup();
        'alike: for &w in &alike_words {
            for &idx in &self.postings[w as usize] {
                if !first_visit(&mut seen[..], idx) {
                    continue;
                }
                checked += 1;
                if checked > MAX_CANDIDATES {
                    break 'alike;
                }
                let Some(slot) = self.slot(idx) else {
                    continue;
                };
                let mut total = 0.0;
                let mut all = true;
                for i in 0..qwords.len() {
                    let (s, _) = word_score(i, &slot.refs);
                    if s <= 0.0 {
                        all = false;
                        break;
                    }
                    total += s;
                }
                if all {
                    top.offer(SIMILAR_TOP * total / nq, slot.entry.number);
                }
            }
        }
        // Still nothing: visitors who have some of the words. One typed word that matches
        // nobody must not empty the list. Only then, as it reads many visitors: driven by
        // the rarest word that matched at all.
        if !top.is_empty() || !no_exact || qwords.len() < 2 {
            return top.into_hits(MatchKind::Similar);
        }
        let load = |i: usize| -> usize {
            matched[i]
                .iter()
                .map(|&w| self.postings[w as usize].len())
                .sum()
        };
        let Some(drive) = (0..qwords.len())
            .filter(|&i| !matched[i].is_empty())
            .min_by_key(|&i| load(i))
        else {
            return top.into_hits(MatchKind::Similar);
        };
        'some: for &w in &matched[drive] {
            for &idx in &self.postings[w as usize] {
                if !first_visit(&mut seen[..], idx) {
                    continue;
                }
                checked += 1;
                if checked > MAX_CANDIDATES {
                    break 'some;
                }
                let Some(slot) = self.slot(idx) else {
                    continue;
                };
                let total: f32 = (0..qwords.len()).map(|i| word_score(i, &slot.refs).0).sum();
                top.offer(PARTIAL_TOP * total / nq, slot.entry.number);
            }
        }
        top.into_hits(MatchKind::Similar)
    }

    /// Scores, by similarity, the words that query word `q` did not match exactly.
    fn score_alike(
        &self,
        q: &QueryWord,
        exact: &[f32],
        alike: &mut AlikeScores,
        found: &mut Vec<u32>,
    ) {
        // Comparisons left for this query word: the pass runs on many keystrokes.
        let mut budget = MAX_ALIKE_WORDS;
        for alt in &q.alts {
            let key = loose_key(&alt.form);
            let key_y = loose_key_j_as_y(&alt.form);
            // A letter typed beyond the stored word (`Pavlovs` for `Pavlov`) must not hide it.
            let shorter = &key[..key.len().saturating_sub(1)];
            let mut keys: Vec<&[u8]> = vec![&key];
            if key_y != key {
                keys.push(&key_y);
            }
            if shorter.len() >= 2 {
                keys.push(shorter);
            }
            for key in keys {
                // One consonant class says too little to compare thousands of words by.
                if key.len() < 2 && !alt.whole {
                    continue;
                }
                let before = found.len();
                let typed = Word::new(&alt.form, q.abjad);
                let range = self.loose_range(key, !alt.whole);
                let take = range.len().min(budget);
                budget -= take;
                for &id in self.loose[range].iter().take(take) {
                    if exact[id as usize] > 0.0 {
                        continue;
                    }
                    let w = Word::new(self.form(id), self.words[id as usize].abjad);
                    let sim = if alt.whole {
                        loose_word_similarity(typed, w)
                    } else {
                        loose_prefix_similarity(typed, w, ALIKE_MIN)
                    };
                    if sim < ALIKE_MIN {
                        continue;
                    }
                    let s = sim * alt.weight;
                    let slot = alike.entry(id).or_insert_with(|| {
                        found.push(id);
                        0.0
                    });
                    if s > *slot {
                        *slot = s;
                    }
                }
                // The other keys are for when this one found nothing alike.
                if found.len() > before || budget == 0 {
                    break;
                }
            }
        }
    }

    /// Positions in the loose table of the words whose loose key is `key` (or starts with
    /// it, for a word still being typed).
    fn loose_range(&self, key: &[u8], prefix: bool) -> Range<usize> {
        let lo = self.loose.partition_point(|&w| self.loose_of(w) < key);
        let len = self.loose[lo..].partition_point(|&w| {
            let k = self.loose_of(w);
            if prefix { k.starts_with(key) } else { k == key }
        });
        lo..lo + len
    }

    /// Scores every distinct word that query word `q` may stand for.
    fn score_query_word(&self, q: &QueryWord, scores: &mut [f32], matched: &mut Vec<u32>) {
        fn record(scores: &mut [f32], matched: &mut Vec<u32>, id: u32, s: f32) {
            let slot = &mut scores[id as usize];
            if s > *slot {
                if *slot == 0.0 {
                    matched.push(id);
                }
                *slot = s;
            }
        }
        let (same_forms, same_skels, other_skels) = if q.abjad {
            (&self.abjad_forms, &self.abjad_skels, &self.plain_skels)
        } else {
            (&self.plain_forms, &self.plain_skels, &self.abjad_skels)
        };
        for alt in &q.alts {
            let typed = Word::new(&alt.form, q.abjad);
            // A whole-only alt is a finished word: looked up whole, compared whole.
            let lookup = |table: &[u32], key: &[u8], skel: bool| {
                if alt.whole {
                    self.equal_range(table, key, skel)
                } else {
                    self.prefix_range(table, key, skel)
                }
            };
            let alike = |w: Word<'_>, min: f32| {
                if alt.whole {
                    let s = word_similarity(typed, w);
                    if s >= min { s } else { 0.0 }
                } else {
                    prefix_similarity(typed, w, min)
                }
            };
            // Exactly what was typed, as the start of a word.
            let range = lookup(same_forms, &alt.form, false);
            for &id in same_forms[range].iter().take(MAX_EXACT_WORDS) {
                let len = self.words[id as usize].form_len as usize;
                let s = if alt.form.len() >= len {
                    1.0
                } else {
                    PREFIX_BASE + (PREFIX_TOP - PREFIX_BASE) * alt.form.len() as f32 / len as f32
                };
                record(scores, matched, id, s * alt.weight);
            }
            if alt.skel.is_empty() {
                continue;
            }
            // Other scripts, by skeleton. One typed letter has nothing to weigh: its skeleton
            // matched, that is all there is.
            let range = lookup(other_skels, &alt.skel, true);
            let one_letter = alt.form.len() == 1;
            for &id in other_skels[range].iter().take(MAX_FUZZY_WORDS) {
                let w = Word::new(self.form(id), self.words[id as usize].abjad);
                let sim = if one_letter { 1.0 } else { alike(w, CROSS_MIN) };
                if sim <= 0.0 {
                    continue;
                }
                let mut s = sim * CROSS_FACTOR;
                // The same consonants: perhaps the whole word, transliterated.
                if !one_letter && self.skel(id) == alt.skel.as_slice() {
                    let whole = word_similarity(typed, w);
                    if whole >= WHOLE_CROSS_MIN {
                        let above = (whole - WHOLE_CROSS_MIN) / (1.0 - WHOLE_CROSS_MIN);
                        s = PREFIX_TOP + (WHOLE_CROSS_TOP - PREFIX_TOP) * above;
                    }
                }
                record(scores, matched, id, s * alt.weight);
            }
            // Other spellings in the same script, by skeleton.
            if !q.abjad && alt.form.len() < MIN_FUZZY_LEN {
                continue;
            }
            // Skeletons read p as b for Arabic script, which has no p; between two Latin
            // spellings `Pa` is not `Ba`. Only a typed b or p can meet the other letter.
            let typed_skel =
                (!q.abjad && alt.skel.contains(&b'b')).then(|| skeleton_as_written(&alt.form));
            let range = lookup(same_skels, &alt.skel, true);
            for &id in same_skels[range].iter().take(MAX_FUZZY_WORDS) {
                if scores[id as usize] >= PREFIX_BASE * alt.weight {
                    // Already matched as typed; no other spelling scores higher.
                    continue;
                }
                if let Some(typed_skel) = &typed_skel
                    && !skeleton_as_written(self.form(id)).starts_with(typed_skel)
                {
                    continue;
                }
                let w = Word::new(self.form(id), self.words[id as usize].abjad);
                let sim = alike(w, FUZZY_MIN);
                if sim > 0.0 {
                    record(scores, matched, id, sim * FUZZY_FACTOR * alt.weight);
                }
            }
        }
    }

    /// A visitor's names as the duplicate check compares them.
    fn renderings_of(&self, refs: &[WordRef]) -> Vec<Rendering<'_>> {
        let mut name: Rendering<'_> = Vec::new();
        let mut latin: Rendering<'_> = Vec::new();
        for &r in refs {
            if r & ARTICLE_REF != 0 {
                continue;
            }
            let id = r & ID_MASK;
            let word = Word::new(self.form(id), self.words[id as usize].abjad);
            let target = if r & LATIN != 0 {
                &mut latin
            } else {
                &mut name
            };
            match target.last_mut() {
                Some(slot) if r & ALT != 0 => slot.push(word),
                _ => target.push(vec![word]),
            }
        }
        [name, latin]
            .into_iter()
            .filter(|r| !r.is_empty())
            .collect()
    }
}

/// The best score any of a visitor's words has in `scores`.
fn best_of(refs: &[WordRef], scores: &[f32]) -> f32 {
    refs.iter()
        .map(|&r| scores[(r & ID_MASK) as usize])
        .fold(0.0f32, f32::max)
}

fn rendering_of_tokens(tokens: &[super::fold::Token]) -> Rendering<'_> {
    tokens
        .iter()
        .filter(|t| !t.article)
        .map(|t| {
            t.alts
                .iter()
                .map(|a| Word::new(a.as_bytes(), t.abjad))
                .collect()
        })
        .collect()
}

impl Drop for SearchIndex {
    fn drop(&mut self) {
        // Entries zeroize themselves; the rest are folded names and phone digits.
        for slot in self.slots.iter_mut().flatten() {
            slot.phone.zeroize();
            slot.refs.zeroize();
        }
        self.arena.zeroize();
        for (mut k, _) in self.word_ids.drain() {
            k.zeroize();
        }
        self.postings.zeroize();
        self.phone_grams.zeroize();
    }
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("visitors", &self.len())
            .finish_non_exhaustive()
    }
}

/// Runs of letters already folded during a build: names repeat, so most runs are folded
/// once. Keys borrow from the entries being indexed: no copies of names to wipe.
#[derive(Default)]
struct RunCache<'e> {
    map: HashMap<&'e str, (usize, usize), FastHash>,
    pool: Vec<RunIds>,
}

/// Buffers reused from one visitor to the next.
#[derive(Default)]
struct Scratch {
    words: Vec<(RunIds, bool)>,
    rules: Vec<(ArticleIf, bool)>,
    refs: Vec<WordRef>,
}

/// One typed word and what it may stand for.
#[derive(Zeroize, ZeroizeOnDrop)]
struct QueryWord {
    alts: Vec<QueryAlt>,
    #[zeroize(skip)]
    abjad: bool,
}

#[derive(Zeroize, ZeroizeOnDrop)]
struct QueryAlt {
    form: Vec<u8>,
    skel: Vec<u8>,
    #[zeroize(skip)]
    weight: f32,
    /// Matches whole words only, never as the start of a longer one.
    #[zeroize(skip)]
    whole: bool,
}

/// Similarity-pass scores of one query word, by word id.
type AlikeScores = HashMap<u32, f32, FastHash>;

/// Weight of a typed `alh...` read as article plus `h...`.
const STRIPPED_ARTICLE_WEIGHT: f32 = 0.95;

fn query_words(text: &str) -> Vec<QueryWord> {
    let tokens = tokenize(text, MAX_QUERY_WORDS);
    let mut out = Vec::with_capacity(tokens.len());
    // The article typed (`البغدادي`, `Al Hassan`) must not rule out a name stored without
    // it (`Baghdadi`): with other words there, it is not looked for.
    let only_articles = tokens.iter().all(|t| t.article);
    for t in tokens.iter().filter(|t| only_articles || !t.article) {
        let mut alts: Vec<QueryAlt> = Vec::with_capacity(t.alts.len() + 2);
        for a in &t.alts {
            let form = capped(a.as_bytes());
            if t.dropped_h && !t.article {
                // `moh` being typed is the start of `mohamed`; `fatemeh` typed whole is
                // `fateme`, but `mo` must not find every `Mu...` and `Mo...`.
                let mut typed = form.to_vec();
                typed.push(b'h');
                alts.push(query_alt(capped(&typed), 1.0));
                typed.zeroize();
                let mut whole = query_alt(form, 1.0);
                whole.whole = true;
                alts.push(whole);
            } else {
                alts.push(query_alt(form, 1.0));
            }
        }
        if !t.abjad && !t.article {
            let first = alts[0].form.clone();
            // `el` being typed may be the article, stored as `al`.
            if t.article_if == ArticleIf::Followed && first != ARTICLE.as_bytes() {
                alts.push(query_alt(ARTICLE.as_bytes(), 1.0));
            }
            // `alh` being typed may be `Al-Hassan` on its way.
            let starts_with_article = first.starts_with(b"al") || first.starts_with(b"el");
            if starts_with_article
                && first.len() >= 3
                && !is_vowel(first[2])
                && fused_article_rest(&first).is_none()
            {
                alts.push(query_alt(&first[2..], STRIPPED_ARTICLE_WEIGHT));
            }
        }
        out.push(QueryWord {
            alts,
            abjad: t.abjad,
        });
    }
    out
}

fn query_alt(form: &[u8], weight: f32) -> QueryAlt {
    QueryAlt {
        form: form.to_vec(),
        skel: skeleton_of(form),
        weight,
        whole: false,
    }
}

fn phone_key(phone: &str) -> Box<[u8]> {
    let mut digits = phone_digits(phone);
    digits.truncate(MAX_PHONE_DIGITS);
    digits.into_boxed_slice()
}

/// Distinct bucket numbers of the four-digit windows of `digits`, into `keys`.
fn phone_gram_keys(digits: &[u8], keys: &mut Vec<usize>) {
    keys.clear();
    keys.extend(digits.windows(PHONE_GRAM).map(|w| {
        w.iter().fold(0usize, |k, &d| {
            k * 10 + (d.wrapping_sub(b'0') as usize % 10)
        })
    }));
    keys.sort_unstable();
    keys.dedup();
}

/// Posting lists for `n` keys from each slot's keys, slot numbers in order: counted first,
/// then filled into one buffer, then cut into lists of exactly the right size.
fn postings_in_bulk<I, K>(n: usize, slots: I) -> Vec<Vec<u32>>
where
    I: Iterator<Item = K> + Clone,
    K: IntoIterator<Item = usize>,
{
    let mut start = vec![0usize; n + 1];
    for keys in slots.clone() {
        for k in keys {
            start[k + 1] += 1;
        }
    }
    for k in 0..n {
        start[k + 1] += start[k];
    }
    let mut fill = start.clone();
    let mut data = vec![0u32; start[n]];
    for (idx, keys) in slots.enumerate() {
        let idx = idx as u32;
        for k in keys {
            // A slot with the same key twice (name and Latin spelling) is listed once.
            if fill[k] > start[k] && data[fill[k] - 1] == idx {
                continue;
            }
            data[fill[k]] = idx;
            fill[k] += 1;
        }
    }
    (0..n).map(|k| data[start[k]..fill[k]].to_vec()).collect()
}

/// The best `limit` (score, number) pairs; ties go to the lower visitor number.
struct TopK {
    limit: usize,
    heap: BinaryHeap<Reverse<Ranked>>,
}

#[derive(PartialEq)]
struct Ranked {
    score: f32,
    number: u32,
}

impl Eq for Ranked {}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then(other.number.cmp(&self.number))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl TopK {
    fn new(limit: usize) -> Self {
        TopK {
            limit,
            heap: BinaryHeap::with_capacity(limit.min(1024) + 1),
        }
    }

    fn full(&self) -> bool {
        self.heap.len() >= self.limit
    }

    fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    fn worst(&self) -> f32 {
        self.heap.peek().map_or(0.0, |r| r.0.score)
    }

    fn offer(&mut self, score: f32, number: u32) {
        let r = Ranked { score, number };
        if !self.full() {
            self.heap.push(Reverse(r));
        } else if let Some(mut worst) = self.heap.peek_mut()
            && r > worst.0
        {
            *worst = Reverse(r);
        }
    }

    fn into_hits(self, why: MatchKind) -> Vec<Hit> {
        let mut v: Vec<Ranked> = self.heap.into_iter().map(|r| r.0).collect();
        v.sort_by(|a, b| b.cmp(a));
        v.into_iter()
            .map(|r| Hit {
                number: r.number,
                score: r.score,
                why,
            })
            .collect()
    }
}

/// FxHash: the maps are keyed by short names typed by staff, not by an attacker who could
/// aim at collisions, and SipHash would be a tenth of the build time.
#[derive(Default, Clone, Copy)]
struct FxHasher {
    hash: u64,
}

type FastHash = BuildHasherDefault<FxHasher>;

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.hash = (self.hash.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.hash = (self.hash.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.hash = (self.hash.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        // The table takes its bucket from the low bits and its tag from the top ones; mix
        // so that both depend on every input bit (MurmurHash3's finaliser).
        let mut h = self.hash;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// Marks visitor slot `idx` as seen; true the first time only. Every pass
/// over the postings reads each visitor once.
#[inline]
fn first_visit(seen: &mut [u64], idx: u32) -> bool {
    let (word, bit) = (idx as usize / 64, 1u64 << (idx % 64));
    let first = seen[word] & bit == 0;
    seen[word] |= bit;
    first
}
