//! CSV that German Excel opens with a double click: `;` between fields
//! (Excel's separator under a German locale), UTF-8 with a byte-order mark
//! (without it Excel guesses Windows-1252 and garbles umlauts and Arabic),
//! CRLF line ends, quotes where needed, decimal commas in German.
//!
//! Each report is one rectangular table, so any CSV reader reads it without
//! a "flexible" mode: the first column names the section of the row
//! ("Termin", "Summe", "Sprachen …"), and each section fills the columns
//! that apply to it (sessions their times and counts, lists "Anzahl").

use super::{RenderError, clock, decimal, pillar_name, state_name, visitor_no};
use crate::report::{Count, DaySummary, PeriodReport, shown_count};
use crate::text::catalog::{Lang, Msg, fill, format_date, month_name};
use crate::text::sanitize::sanitize;

const BOM: &str = "\u{FEFF}";

/// Free text as a cell: control and bidi characters removed (as on screen),
/// and a leading `= + - @` defused, so a note cannot become an Excel
/// formula (CSV injection).
fn text_cell(text: &str) -> String {
    let clean = sanitize(text);
    if clean.starts_with(['=', '+', '-', '@']) {
        format!("'{clean}")
    } else {
        clean.into_owned()
    }
}

/// A table under construction: every row has as many cells as the header.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(header: Vec<String>) -> Self {
        Self {
            header,
            rows: Vec::new(),
        }
    }

    fn row(&mut self, cells: &[(usize, String)]) {
        let mut row = vec![String::new(); self.header.len()];
        for (i, value) in cells {
            if let Some(cell) = row.get_mut(*i) {
                cell.clone_from(value);
            }
        }
        self.rows.push(row);
    }

    fn into_bytes(self) -> Result<Vec<u8>, RenderError> {
        let mut writer = ::csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(::csv::Terminator::CRLF)
            .from_writer(BOM.as_bytes().to_vec());
        let fail = |e: ::csv::Error| RenderError(e.to_string());
        writer.write_record(&self.header).map_err(fail)?;
        for row in &self.rows {
            writer.write_record(row).map_err(fail)?;
        }
        writer
            .into_inner()
            .map_err(|e| RenderError(e.error().to_string()))
    }
}

fn msg(m: Msg, lang: Lang) -> String {
    m.text(lang).to_string()
}

/// Columns of the day table, fixed part.
const SECTION: usize = 0;
const DATE: usize = 1;
const LABEL: usize = 2;
const PILLAR: usize = 3;
const START: usize = 4;
const END: usize = 5;
const STATE: usize = 6;
const CHECKINS: usize = 7;
const TALLIED: usize = 8;
const TOTAL: usize = 9;
/// Then one column per tally category of the day, then these.
const FIRST_CATEGORY: usize = 10;

pub(super) fn day(summary: &DaySummary, lang: Lang) -> Result<Vec<u8>, RenderError> {
    let categories: Vec<String> = summary
        .totals
        .tallies
        .iter()
        .map(|c| c.label.clone())
        .collect();
    let count_col = FIRST_CATEGORY + categories.len();
    let note_col = count_col + 1;
    let number_col = note_col + 1;
    let name_col = note_col + 2;
    let names = summary.has_names();

    let mut header: Vec<String> = [
        Msg::ReportCsvSection,
        Msg::ReportCsvDate,
        Msg::ReportCsvLabel,
        Msg::ReportCsvPillar,
        Msg::ReportCsvStart,
        Msg::ReportCsvEnd,
        Msg::ReportCsvState,
        Msg::ReportCsvRegistered,
        Msg::ReportCsvTallied,
        Msg::ReportCsvTotal,
    ]
    .into_iter()
    .map(|m| msg(m, lang))
    .collect();
    header.extend(categories.iter().map(|c| text_cell(c)));
    header.push(msg(Msg::ReportCsvCount, lang));
    header.push(msg(Msg::ReportCsvNote, lang));
    if names {
        header.push(msg(Msg::ReportCsvNumber, lang));
        header.push(msg(Msg::ReportCsvName, lang));
    }
    let mut table = Table::new(header);
    let date = format_date(summary.date, lang);
    let category_cells = |tallies: &[Count]| -> Vec<(usize, String)> {
        categories
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let n = tallies
                    .iter()
                    .find(|t| &t.label == label)
                    .map_or(0, |t| t.count);
                (FIRST_CATEGORY + i, n.to_string())
            })
            .collect()
    };

    for s in &summary.sessions {
        let mut cells = vec![
            (SECTION, msg(Msg::ReportCsvSession, lang)),
            (DATE, date.clone()),
            (LABEL, text_cell(&s.title)),
            (PILLAR, pillar_name(s.pillar, lang).to_string()),
            (START, clock(s.start)),
            (END, clock(s.end)),
            (STATE, state_name(s.state, lang).to_string()),
            (CHECKINS, s.checkins.to_string()),
            (TALLIED, s.tallied().to_string()),
            (TOTAL, s.total.to_string()),
            (note_col, text_cell(&s.note)),
        ];
        cells.extend(category_cells(&s.tallies));
        table.row(&cells);
    }
    let t = &summary.totals;
    let count = fill(
        Msg::ReportSessionCount,
        lang,
        &[
            ("count", &t.sessions.to_string()),
            ("held", &t.held.to_string()),
        ],
    );
    let mut cells = vec![
        (SECTION, msg(Msg::ReportSum, lang)),
        (DATE, date.clone()),
        (LABEL, count),
        (CHECKINS, t.checkins.to_string()),
        (TALLIED, t.tallied.to_string()),
        (TOTAL, t.total.to_string()),
    ];
    cells.extend(category_cells(&t.tallies));
    table.row(&cells);

    let mut counted = |section: Msg, label: String, n: String| {
        table.row(&[
            (SECTION, msg(section, lang)),
            (DATE, date.clone()),
            (LABEL, label),
            (count_col, n),
        ]);
    };
    let v = &summary.visitors;
    for (label, n) in [
        (Msg::ReportNewRegistrations, v.new_registrations),
        (Msg::ReportUniqueVisitors, v.unique),
        (Msg::ReportOfThemNew, v.new),
        (Msg::ReportOfThemReturning, v.returning),
    ] {
        counted(Msg::ReportVisitors, msg(label, lang), n.to_string());
    }
    for (section, counts) in [
        (Msg::ReportNewLanguages, &summary.new_languages),
        (Msg::ReportNewNeeds, &summary.new_needs),
        (Msg::ReportReferrals, &summary.referrals),
    ] {
        for c in counts {
            counted(section, text_cell(&c.label), shown_count(c.count));
        }
    }
    let rule = if summary.breakdowns_left_out {
        Msg::ReportBreakdownsLeftOut
    } else {
        Msg::ReportSmallCellRule
    };
    counted(rule, String::new(), String::new());
    for user in &summary.staff_on_duty {
        table.row(&[
            (SECTION, msg(Msg::ReportStaffOnDuty, lang)),
            (DATE, date.clone()),
            (LABEL, text_cell(user)),
        ]);
    }
    if !summary.note.trim().is_empty() {
        table.row(&[
            (SECTION, msg(Msg::ReportDayNote, lang)),
            (DATE, date.clone()),
            (note_col, text_cell(&summary.note)),
        ]);
    }
    if names {
        for s in &summary.sessions {
            for a in s.attendees.iter().flatten() {
                let name = if a.erased {
                    msg(Msg::ReportErasedVisitor, lang)
                } else if a.name_latin.trim().is_empty() || a.name_latin == a.name {
                    text_cell(&a.name)
                } else {
                    text_cell(&format!("{} ({})", a.name, a.name_latin))
                };
                table.row(&[
                    (SECTION, msg(Msg::ReportAttendanceList, lang)),
                    (DATE, date.clone()),
                    (LABEL, text_cell(&s.title)),
                    (START, clock(s.start)),
                    (END, clock(s.end)),
                    (number_col, visitor_no(a.number)),
                    (name_col, name),
                ]);
            }
        }
    }
    table.into_bytes()
}

pub(super) fn period(report: &PeriodReport, lang: Lang) -> Result<Vec<u8>, RenderError> {
    const SECTION: usize = 0;
    const LABEL: usize = 1;
    const PILLAR: usize = 2;
    const HELD: usize = 3;
    const CHECKINS: usize = 4;
    const TALLIED: usize = 5;
    const ATTENDANCE: usize = 6;
    const MEAN: usize = 7;
    const UNIQUE: usize = 8;
    const COUNT: usize = 9;
    let header = [
        Msg::ReportCsvSection,
        Msg::ReportCsvLabel,
        Msg::ReportCsvPillar,
        Msg::ReportColHeld,
        Msg::ReportCsvRegistered,
        Msg::ReportCsvTallied,
        Msg::ReportColAttendance,
        Msg::ReportCsvMean,
        Msg::ReportColUnique,
        Msg::ReportCsvCount,
    ]
    .into_iter()
    .map(|m| msg(m, lang))
    .collect();
    let mut table = Table::new(header);
    let range = fill(
        Msg::ReportRange,
        lang,
        &[
            ("from", &format_date(report.from, lang)),
            ("to", &format_date(report.to, lang)),
        ],
    );
    table.row(&[(SECTION, msg(Msg::ReportCsvPeriod, lang)), (LABEL, range)]);
    for o in &report.offerings {
        table.row(&[
            (SECTION, msg(Msg::ReportColOffering, lang)),
            (LABEL, text_cell(&o.name)),
            (PILLAR, pillar_name(o.pillar, lang).to_string()),
            (HELD, o.sessions_held.to_string()),
            (CHECKINS, o.checkins.to_string()),
            (TALLIED, o.tallied.to_string()),
            (ATTENDANCE, o.attendance.to_string()),
            (MEAN, decimal(o.attendance, o.sessions_held, 2, lang)),
            (UNIQUE, o.unique_visitors.to_string()),
        ]);
    }
    let t = &report.totals;
    table.row(&[
        (SECTION, msg(Msg::ReportSum, lang)),
        (HELD, t.sessions_held.to_string()),
        (CHECKINS, t.checkins.to_string()),
        (TALLIED, t.tallied.to_string()),
        (ATTENDANCE, t.attendance.to_string()),
        (MEAN, decimal(t.attendance, t.sessions_held, 2, lang)),
        (UNIQUE, t.unique_visitors.to_string()),
    ]);
    let mut counted = |section: Msg, label: String, n: String| {
        table.row(&[(SECTION, msg(section, lang)), (LABEL, label), (COUNT, n)]);
    };
    counted(
        Msg::ReportVisitors,
        msg(Msg::ReportNewRegistrations, lang),
        t.new_registrations.to_string(),
    );
    counted(
        Msg::ReportVisitors,
        msg(Msg::ReportUniqueVisitors, lang),
        t.unique_visitors.to_string(),
    );
    for m in &report.registrations_per_month {
        let label = format!("{} {}", month_name(m.month, lang), m.year);
        counted(Msg::ReportRegistrationsPerMonth, label, m.count.to_string());
    }
    for (section, counts) in [
        (Msg::ReportLanguages, &report.languages),
        (Msg::ReportNeeds, &report.needs),
        (Msg::ReportReferrals, &report.referrals),
    ] {
        for c in counts {
            counted(section, text_cell(&c.label), shown_count(c.count));
        }
    }
    for (section, label, n) in super::mediation::csv_counts(&report.mediation) {
        counted(section, text_cell(&label), shown_count(n));
    }
    counted(Msg::ReportSmallCellRule, String::new(), String::new());
    for w in &report.weeks {
        let label = fill(
            Msg::ReportWeek,
            lang,
            &[
                ("week", &format!("{:02}", w.week)),
                ("year", &w.year.to_string()),
            ],
        );
        table.row(&[
            (SECTION, msg(Msg::ReportAttendancePerWeek, lang)),
            (LABEL, label),
            (ATTENDANCE, w.attendance.to_string()),
        ]);
    }
    table.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_controls_removed() {
        assert_eq!(text_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text_cell("-1+1"), "'-1+1");
        assert_eq!(text_cell("Raum\nkalt\u{202E}"), "Raum kalt");
        assert_eq!(text_cell("Café MiLA"), "Café MiLA");
    }
}
