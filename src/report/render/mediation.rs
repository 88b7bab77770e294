//! The Sprachvermittlung section of the period report, as printed text and
//! as CSV rows: per language requested, met, not met, pending; then the
//! languages no one in the pool speaks. Counts only, never names.

use super::layout::{pad, right};
use super::page::{Block, WIDTH};
use crate::report::MediationSection;
use crate::text::catalog::{Lang, Msg};

// 36 + 4 × (1 + 10) = 80: room for "nicht erf." in a column.
const NAME_W: usize = 36;
const FIGURE_W: usize = 10;

fn row(label: &str, figures: [u32; 4]) -> String {
    let mut line = pad(label, NAME_W);
    for n in figures {
        line.push(' ');
        line.push_str(&right(&crate::report::count::shown_count(n), FIGURE_W));
    }
    line
}

pub(super) fn text_blocks(section: &MediationSection, lang: Lang) -> Vec<Block> {
    let mut head = vec![Msg::ReportMediation.text(lang).to_string()];
    if section.languages.is_empty() {
        head.push(format!("  {}", Msg::ReportNone.text(lang)));
        return vec![Block::new(head)];
    }
    let mut columns = pad(Msg::ReportMediationColLanguage.text(lang), NAME_W);
    for msg in [
        Msg::ReportMediationColRequests,
        Msg::ReportMediationColMet,
        Msg::ReportMediationColNotMet,
        Msg::ReportMediationColPending,
    ] {
        columns.push(' ');
        columns.push_str(&right(msg.text(lang), FIGURE_W));
    }
    head.push(columns);
    head.push("-".repeat(WIDTH));
    for l in &section.languages {
        head.push(row(
            &format!("  {}", l.label),
            [l.requests, l.met, l.not_met, l.pending],
        ));
    }
    head.push("-".repeat(WIDTH));
    head.push(row(
        Msg::ReportSum.text(lang),
        [
            section.requests,
            section.met,
            section.not_met,
            section.pending,
        ],
    ));
    let mut missing = vec![Msg::ReportMediationNoOne.text(lang).to_string()];
    if section.no_one_in_pool.is_empty() {
        missing.push(format!("  {}", Msg::ReportNone.text(lang)));
    }
    for c in &section.no_one_in_pool {
        let label_w = WIDTH - 2 - FIGURE_W;
        missing.push(format!(
            "  {}{}",
            pad(&c.label, label_w),
            right(&crate::report::count::shown_count(c.count), FIGURE_W)
        ));
    }
    vec![Block::new(head), Block::new(missing)]
}

/// (section, label, count) rows for the period table.
pub(super) fn csv_counts(section: &MediationSection) -> Vec<(Msg, String, u32)> {
    let mut out = Vec::new();
    for l in &section.languages {
        out.push((Msg::ReportMediationCsvRequests, l.label.clone(), l.requests));
        out.push((Msg::ReportMediationCsvMet, l.label.clone(), l.met));
        out.push((Msg::ReportMediationCsvNotMet, l.label.clone(), l.not_met));
        out.push((Msg::ReportMediationCsvPending, l.label.clone(), l.pending));
    }
    for c in &section.no_one_in_pool {
        out.push((Msg::ReportMediationNoOne, c.label.clone(), c.count));
    }
    out
}
