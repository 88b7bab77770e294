//! The renderers: the same data as plain text for A4 printing, as CSV for
//! German Excel, and as JSON.

mod csv;
mod json;
mod layout;
mod mediation;
mod page;
mod text;

use jiff::civil::Time;

use super::{DaySummary, PeriodReport};
use crate::store::records::{Pillar, SessionState, VisitorNo};
use crate::text::catalog::{Lang, Msg};

pub use page::{PAGE_LINES, WIDTH};

/// What a report is rendered as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text for `lp`: 80 columns, pages separated by form feeds.
    Text,
    /// `;`-separated, UTF-8 with BOM, for German Excel.
    Csv,
    Json,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Text, Format::Csv, Format::Json];

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// Rendering into memory fails only if serde or the CSV writer refuse a
/// value, which the report types never give them; still an error, not a panic.
#[derive(Debug, thiserror::Error)]
#[error("cannot render the report: {0}")]
pub struct RenderError(String);

/// The day summary in `format`, as the bytes to print, save or send.
pub fn day(summary: &DaySummary, format: Format, lang: Lang) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Text => Ok(text::day(summary, lang).into_bytes()),
        Format::Csv => csv::day(summary, lang),
        Format::Json => {
            json::masked_to_bytes(summary, &["new_languages", "new_needs", "referrals"])
        }
    }
}

/// The period report in `format`.
pub fn period(report: &PeriodReport, format: Format, lang: Lang) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Text => Ok(text::period(report, lang).into_bytes()),
        Format::Csv => csv::period(report, lang),
        Format::Json => json::masked_to_bytes(report, &["languages", "needs", "referrals"]),
    }
}

/// The day summary as printable text.
pub fn day_text(summary: &DaySummary, lang: Lang) -> String {
    text::day(summary, lang)
}

/// The period report as printable text.
pub fn period_text(report: &PeriodReport, lang: Lang) -> String {
    text::period(report, lang)
}

pub fn pillar_name(pillar: Pillar, lang: Lang) -> &'static str {
    match pillar {
        Pillar::Sprachvermittlung => Msg::ReportPillarLanguage,
        Pillar::Beratung => Msg::ReportPillarCounselling,
        Pillar::Information => Msg::ReportPillarInformation,
        Pillar::Kommunikation => Msg::ReportPillarCommunication,
    }
    .text(lang)
}

pub fn state_name(state: SessionState, lang: Lang) -> &'static str {
    match state {
        SessionState::Open => Msg::ReportStateOpen,
        SessionState::Closed => Msg::ReportStateClosed,
        SessionState::Cancelled => Msg::ReportStateCancelled,
    }
    .text(lang)
}

/// `10:00`.
fn clock(time: Time) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// `M-0042`, as the desk writes visitor numbers everywhere.
fn visitor_no(no: VisitorNo) -> String {
    // An erased person's check-ins keep no number (issue 13).
    if crate::store::records::is_anonymous(no) {
        return "—".into();
    }
    format!("M-{no:04}")
}

/// `attendance / sessions` with `decimals` places (rounded half up), in
/// the language's notation: `12,5` in German, `12.5` in English.
fn decimal(attendance: u32, sessions: u32, decimals: u32, lang: Lang) -> String {
    let scale = 10u64.pow(decimals);
    let scaled = if sessions == 0 {
        0
    } else {
        (u64::from(attendance) * scale * 2 + u64::from(sessions)) / (2 * u64::from(sessions))
    };
    if decimals == 0 {
        return scaled.to_string();
    }
    let point = match lang {
        Lang::De => ',',
        Lang::En => '.',
    };
    let width = decimals as usize;
    format!("{}{point}{:0width$}", scaled / scale, scaled % scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_use_the_language_notation() {
        assert_eq!(decimal(25, 2, 1, Lang::De), "12,5");
        assert_eq!(decimal(25, 2, 1, Lang::En), "12.5");
        assert_eq!(decimal(10, 3, 2, Lang::De), "3,33");
        assert_eq!(decimal(1, 20, 1, Lang::De), "0,1");
        assert_eq!(decimal(7, 0, 1, Lang::De), "0,0");
        assert_eq!(decimal(7, 2, 0, Lang::De), "4");
    }
}
