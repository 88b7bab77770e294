//! Samples, their order statistics, and the one line per budget.

use std::time::{Duration, Instant};

#[derive(Default)]
pub struct Samples(Vec<f64>);

impl Samples {
    pub fn push(&mut self, value: f64) {
        self.0.push(value);
    }

    pub fn push_duration(&mut self, d: Duration) {
        self.0.push(ms(d));
    }

    /// Times `f` `runs` times, in milliseconds.
    pub fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Samples {
        let mut s = Samples::default();
        for _ in 0..runs {
            let start = Instant::now();
            std::hint::black_box(f());
            s.push_duration(start.elapsed());
        }
        s
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The value below which `q` of the samples lie (nearest rank).
    pub fn quantile(&self, q: f64) -> f64 {
        if self.0.is_empty() {
            return f64::NAN;
        }
        let mut sorted = self.0.clone();
        sorted.sort_by(f64::total_cmp);
        let rank = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len());
        sorted[rank - 1]
    }

    pub fn median(&self) -> f64 {
        self.quantile(0.5)
    }

    pub fn p95(&self) -> f64 {
        self.quantile(0.95)
    }

    pub fn p99(&self) -> f64 {
        self.quantile(0.99)
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Whether every budget so far passed.
pub struct Report {
    pub failed: Vec<String>,
}

impl Report {
    pub fn new() -> Self {
        Report { failed: Vec::new() }
    }

    /// `budget <name> <median> <unit> limit <limit> <PASS|FAIL>`, then what
    /// else there is to know (the floor, p99, …). Lower is better for all.
    pub fn budget(&mut self, name: &str, value: f64, unit: &str, limit: f64, extra: &str) {
        self.budget_band(name, value, unit, limit, limit, extra);
    }

    /// A budget with a target and a hard limit: above the target but within
    /// the limit reads `OVER` (worth a look, not a failure), above the limit
    /// `FAIL`.
    pub fn budget_band(
        &mut self,
        name: &str,
        value: f64,
        unit: &str,
        limit: f64,
        fail_above: f64,
        extra: &str,
    ) {
        let within = value.is_finite() && value <= fail_above;
        if !within {
            self.failed.push(name.to_string());
        }
        let verdict = match (within, value <= limit) {
            (true, true) => "PASS",
            (true, false) => "OVER",
            (false, _) => "FAIL",
        };
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!("  ({extra})")
        };
        println!(
            "budget {name} {} {unit} limit {} {verdict}{extra}",
            shown(value),
            shown(limit)
        );
    }
}

impl Report {
    /// A budget where higher is better: `budget <name> <value> <unit> floor <floor> …`.
    pub fn floor(&mut self, name: &str, value: f64, unit: &str, floor: f64, extra: &str) {
        let pass = value.is_finite() && value >= floor;
        if !pass {
            self.failed.push(name.to_string());
        }
        let verdict = if pass { "PASS" } else { "FAIL" };
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!("  ({extra})")
        };
        println!(
            "budget {name} {} {unit} floor {} {verdict}{extra}",
            shown(value),
            shown(floor)
        );
    }
}

/// Three significant digits, no exponent: 0.412, 12.3, 1530.
pub fn shown(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    let a = v.abs();
    if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else if a >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}
