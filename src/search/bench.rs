//! The performance budget, measured: 100,000 synthetic visitors, queries typed keystroke by
//! keystroke. Run with
//! `cargo test --release --lib search::bench -- --ignored --nocapture`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use super::testdata::{Rng, synthetic_entries};
use super::{Entry, SearchIndex, format_visitor_number};

const VISITORS: usize = 100_000;
const TYPED_NAMES: usize = 400;
const LIMIT: usize = 20;
/// Runs per keystroke; the fastest counts.
const REPEATS: usize = 3;

struct Timings {
    label: &'static str,
    samples: Vec<Duration>,
}

impl Timings {
    fn new(label: &'static str) -> Self {
        Timings {
            label,
            samples: Vec::new(),
        }
    }

    fn report(&mut self) {
        self.samples.sort();
        let n = self.samples.len();
        if n == 0 {
            return;
        }
        let at = |q: f64| self.samples[((n as f64 * q) as usize).min(n - 1)];
        println!(
            "{:<28} n={:>6}  median {:>8.1?}  p95 {:>8.1?}  p99 {:>8.1?}  max {:>8.1?}",
            self.label,
            n,
            at(0.5),
            at(0.95),
            at(0.99),
            self.samples[n - 1]
        );
    }
}

/// Resident set size of this process, from /proc (Linux only; 0 elsewhere).
fn rss_bytes() -> usize {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<usize>().ok())
        .map_or(0, |pages| pages * 4096)
}

/// Every prefix of `text`, one per keystroke.
fn keystrokes(text: &str) -> impl Iterator<Item = &str> {
    text.char_indices()
        .skip(1)
        .map(|(i, _)| &text[..i])
        .chain(std::iter::once(text))
}

fn type_and_time(ix: &SearchIndex, text: &str, want: u32, t: &mut Timings) -> bool {
    let mut found = false;
    for typed in keystrokes(text) {
        // The best of a few runs: on a shared machine a single run mostly measures who
        // else had the CPU.
        let mut took = Duration::MAX;
        let mut hits = Vec::new();
        for _ in 0..REPEATS {
            let start = Instant::now();
            hits = black_box(ix.query(black_box(typed), LIMIT));
            took = took.min(start.elapsed());
        }
        t.samples.push(took);
        if std::env::var_os("BENCH_SLOW").is_some() && took > Duration::from_micros(1500) {
            println!("slow: {took:.1?} {typed:?} -> {} hits", hits.len());
        }
        found = hits.iter().any(|h| h.number == want);
    }
    found
}

#[test]
#[ignore = "benchmark: run in release with --ignored --nocapture"]
fn keystroke_latency_with_100k_visitors() {
    let entries = synthetic_entries(VISITORS, 42);
    let mut rng = Rng::new(7);
    let picked: Vec<Entry> = (0..TYPED_NAMES)
        .map(|_| entries[rng.below(entries.len())].clone())
        .collect();

    let rss_before = rss_bytes();
    let start = Instant::now();
    let ix = SearchIndex::new(entries);
    let build = start.elapsed();
    let rss_after = rss_bytes();
    println!(
        "SearchIndex::new({VISITORS}): {build:.1?}; heap ~{:.1} MiB; RSS grew {:.1} MiB",
        ix.heap_bytes() as f64 / (1 << 20) as f64,
        rss_after.saturating_sub(rss_before) as f64 / (1 << 20) as f64
    );

    let mut all = Timings::new("all keystrokes");
    let mut written = Timings::new("name as written");
    let mut latin = Timings::new("Latin spelling");
    let mut lower = Timings::new("lowercase, family first");
    let mut numbers = Timings::new("visitor number M-0042");
    let mut phones = Timings::new("phone digits");
    let (mut found, mut tried) = (0, 0);
    for e in &picked {
        tried += 1;
        found += type_and_time(&ix, &e.name, e.number, &mut written) as usize;
        if !e.name_latin.is_empty() {
            tried += 1;
            found += type_and_time(&ix, &e.name_latin, e.number, &mut latin) as usize;
        }
        let source = if e.name_latin.is_empty() {
            &e.name
        } else {
            &e.name_latin
        };
        let reordered: Vec<&str> = source.split(' ').rev().collect();
        let reordered = reordered.join(" ").to_lowercase();
        tried += 1;
        found += type_and_time(&ix, &reordered, e.number, &mut lower) as usize;
        type_and_time(
            &ix,
            &format_visitor_number(e.number),
            e.number,
            &mut numbers,
        );
        let digits: String = e.phone.chars().filter(char::is_ascii_digit).collect();
        if digits.len() > 4 {
            type_and_time(&ix, &digits[digits.len() - 7..], e.number, &mut phones);
        }
    }
    for t in [
        &mut written,
        &mut latin,
        &mut lower,
        &mut numbers,
        &mut phones,
    ] {
        all.samples.extend_from_slice(&t.samples);
        t.report();
    }
    all.report();
    println!("whole name typed: visitor in the first {LIMIT} for {found} of {tried}");

    let mut dups = Timings::new("duplicates()");
    let mut flagged = 0;
    for e in &picked {
        let start = Instant::now();
        let hits = black_box(ix.duplicates(&e.name, &e.name_latin, e.birth_year));
        dups.samples.push(start.elapsed());
        flagged += hits.iter().any(|h| h.number == e.number) as usize;
    }
    dups.report();
    println!("duplicates(): the visitor itself flagged for {flagged} of {TYPED_NAMES}");
}

#[test]
#[ignore = "profiling aid"]
fn build_only() {
    let entries = synthetic_entries(VISITORS, 42);
    for round in 0..5 {
        let copy = if round == 0 {
            synthetic_entries(VISITORS, 42)
        } else {
            entries.clone()
        };
        let start = Instant::now();
        let ix = SearchIndex::new(copy);
        println!("SearchIndex::new({VISITORS}): {:.1?}", start.elapsed());
        black_box(&ix);
    }
}
