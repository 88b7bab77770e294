//! The search evaluation set of `tests/data/search_eval.tsv`: real, attested spellings
//! (see `tests/data/SOURCES.md`), stored one way and asked for another. Shared by the
//! recall test and `cargo bench`, so both measure the same thing.

use std::collections::BTreeMap;

use mila::search::{Entry, SearchIndex};

pub const EVAL_TSV: &str = include_str!("../data/search_eval.tsv");
/// Results looked at, as many as the find screen shows without scrolling.
pub const TOP: usize = 5;

pub struct Query {
    pub target: u32,
    pub kind: String,
    pub text: String,
    /// A false friend: stored too, and must not come first.
    pub friend: Option<u32>,
}

pub struct EvalSet {
    pub entries: Vec<Entry>,
    pub queries: Vec<Query>,
}

pub fn load() -> EvalSet {
    let mut entries = Vec::new();
    let mut queries = Vec::new();
    for line in EVAL_TSV.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let num = |i: usize| f[i].parse::<u32>().expect("number in search_eval.tsv");
        match f[0] {
            "P" => entries.push(Entry {
                number: num(1),
                name: f[3].to_owned(),
                name_latin: f.get(4).copied().unwrap_or("").to_owned(),
                birth_year: None,
                phone: String::new(),
            }),
            "Q" => queries.push(Query {
                target: num(1),
                kind: f[2].to_owned(),
                text: f[3].to_owned(),
                friend: None,
            }),
            "F" => queries.push(Query {
                target: num(1),
                kind: "false_friend".to_owned(),
                text: f[3].to_owned(),
                friend: Some(num(2)),
            }),
            other => panic!("unknown line kind {other:?} in search_eval.tsv"),
        }
    }
    EvalSet { entries, queries }
}

#[derive(Default, Clone)]
pub struct Tally {
    pub queries: usize,
    pub at_1: usize,
    pub at_5: usize,
    pub empty: usize,
    pub friend_first: usize,
}

impl Tally {
    pub fn recall_at_1(&self) -> f64 {
        self.at_1 as f64 / self.queries.max(1) as f64
    }
    pub fn recall_at_5(&self) -> f64 {
        self.at_5 as f64 / self.queries.max(1) as f64
    }
}

pub struct Outcome {
    pub total: Tally,
    pub by_kind: BTreeMap<String, Tally>,
    /// (kind, query, target, what came first) for every query not found first.
    pub misses: Vec<(String, String, u32, Option<u32>, bool)>,
}

pub fn evaluate(set: &EvalSet) -> Outcome {
    let index = SearchIndex::new(set.entries.clone());
    let mut total = Tally::default();
    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    for q in &set.queries {
        let hits = index.query(&q.text, TOP);
        let pos = hits.iter().position(|h| h.number == q.target);
        let first = hits.first().map(|h| h.number);
        let friend_first = q.friend.is_some() && first == q.friend;
        for t in [&mut total, by_kind.entry(q.kind.clone()).or_default()] {
            t.queries += 1;
            t.at_1 += usize::from(pos == Some(0));
            t.at_5 += usize::from(pos.is_some());
            t.empty += usize::from(hits.is_empty());
            t.friend_first += usize::from(friend_first);
        }
        if pos != Some(0) {
            misses.push((
                q.kind.clone(),
                q.text.clone(),
                q.target,
                first,
                pos.is_some(),
            ));
        }
    }
    Outcome {
        total,
        by_kind,
        misses,
    }
}
